"""The end of a report: the provenance footer (versions, data files, parameters) and the index entry.

The footer's output metadata carries the index entry (:data:`METADATA_KEY`), read by the batch.

>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.context import report_context
>>> case = Case.from_frames({"id": "tiny", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
>>> index_entry(report_context(case, lang="en"))["case_id"]
'tiny'
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from commons_analysis.reporting.blocks import (
    Block,
    Markup,
    escape,
    html_table,
)
from commons_analysis.reporting.context import ReportContext

#: Key of the output metadata that carries the index entry of a report (read by the batch).
METADATA_KEY = "commons_analysis"


def index_entry(context: ReportContext) -> dict[str, Any]:
    """What the index page shows for this report (JSON-ready)."""
    meta = context.case.meta
    return {
        "case_id": meta.id,
        "title": {"fr": meta.title.text("fr"), "en": meta.title.text("en")},
        "place": meta.place,
        "period": [
            str(meta.period.start) if meta.period.start else None,
            str(meta.period.end) if meta.period.end else None,
        ],
        "data_status": meta.data_status,
        "headlines": context.headlines,
    }


def provenance(context: ReportContext) -> Block:
    """Footer: version, git commit, lock file, software, data files' SHA-256, parameters, render date.

    ``.data``: the data files (file, sha256). The output metadata carries the index entry.
    """
    from commons_analysis.publishing.provenance import collect

    record = collect(context.case, context.parameters)
    commit = record.commit or context.t("provenance.no_commit")
    if record.commit and record.dirty:
        commit += f" ({context.t('provenance.dirty')})"
    files = html_table(
        [context.t("column.file"), context.t("column.sha256")],
        [[name, Markup(f"<code>{digest}</code>")] for name, digest in record.files],
    )
    parameters = html_table(
        [context.t("column.parameter"), context.t("column.value")],
        [[key, value] for key, value in record.parameters.items()],
    )
    missing = context.t("provenance.not_installed")
    software = html_table(
        [context.t("column.software"), context.t("column.version")],
        [[name, version or missing] for name, version in record.software_rows()],
    )
    lock = record.software.lock if record.software else None
    lock_cell = (
        f"{escape(lock[0])} <code>{lock[1]}</code>" if lock else escape(context.t("provenance.no_lock"))
    )
    body = (
        f'<footer class="ca-provenance">'
        f'<h2 id="provenance">{html.escape(context.t("provenance.heading"))}</h2>'
        f'<table class="ca-facts">'
        f"<tr><th>{html.escape(context.t('provenance.version'))}</th><td>{escape(record.version)}</td></tr>"
        f"<tr><th>{html.escape(context.t('provenance.commit'))}</th>"
        f'<td><code class="ca-commit">{escape(commit)}</code></td></tr>'
        f"<tr><th>{html.escape(context.t('provenance.lock'))}</th><td>{lock_cell}</td></tr>"
        f"<tr><th>{html.escape(context.t('provenance.date'))}</th>"
        f'<td><time class="ca-render-date" datetime="{record.rendered_at}">'
        f"{record.rendered_at}</time></td></tr>"
        f"</table><h3>{html.escape(context.t('provenance.files'))}</h3>{files}"
        f"<h3>{html.escape(context.t('provenance.software'))}</h3>{software}"
        f"<h3>{html.escape(context.t('provenance.parameters'))}</h3>{parameters}"
        f'<p class="ca-note">{html.escape(context.t("report.generated_by"))}</p></footer>'
    )
    metadata = {METADATA_KEY: {"index": index_entry(context), "provenance": record.as_dict()}}
    data = pd.DataFrame(list(record.files), columns=["file", "sha256"])
    return Block(body, context.t("provenance.heading"), metadata, data=data)
