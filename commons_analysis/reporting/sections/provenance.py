"""The end of a report: the provenance footer (versions, data files, parameters) and the index entry.

The footer's output metadata carries the provenance record (:data:`METADATA_KEY`); the batch asks
the report's kernel for :func:`index_entry` directly (``commons_analysis.batch.jobs``).

>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.context import report_context
>>> case = Case.from_frames({"id": "tiny", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
>>> index_entry(report_context(case, lang="en"))["case_id"]
'tiny'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from commons_analysis.reporting.blocks import (
    Block,
    Markup,
    html_table,
)
from commons_analysis.reporting.context import ReportContext
from commons_analysis.reporting.templating import render
from commons_analysis.reporting.text import date, label, number, t

#: Key of the output metadata that carries the index entry of a report (read by the batch).
METADATA_KEY = "commons_analysis"


def index_entry(context: ReportContext) -> dict[str, Any]:
    """What the index page shows for this report (JSON-ready)."""
    meta = context.case.meta
    return {
        "case_id": meta.id,
        "title": {"fr": meta.title.text("fr"), "en": meta.title.text("en")},
        "place": {"fr": meta.place.text("fr"), "en": meta.place.text("en")} if meta.place else None,
        "period": [
            str(meta.period.start) if meta.period.start else None,
            str(meta.period.end) if meta.period.end else None,
        ],
        "data_status": meta.data_status,
        "headlines": context.headlines,
        "not_applicable": {
            key: reason for key, reason in context.not_applicable.items() if key in context.headlines
        },
    }


def provenance(context: ReportContext) -> Block:
    """Footer: version, git commit, lock file, software, data files' SHA-256, parameters, render date.

    ``.data``: the data files (file, sha256). The output metadata carries the provenance record.
    """
    from commons_analysis.publishing.provenance import collect

    record = collect(context.case, context.parameters)
    commit = record.commit or context.t("reporting.provenance.no_commit")
    if record.commit and record.dirty:
        commit += f" ({context.t('reporting.provenance.dirty')})"
    files = html_table(
        [context.t("reporting.column.file"), context.t("reporting.column.sha256")],
        [[name, Markup(render("blocks", "code", text=digest))] for name, digest in record.files],
    )
    parameters = html_table(
        [context.t("reporting.column.parameter"), context.t("reporting.column.value")],
        [
            [label("parameter", key, context.lang), _parameter_value(key, value, context.lang)]
            for key, value in record.parameters.items()
        ],
    )
    missing = context.t("reporting.provenance.not_installed")
    software = html_table(
        [context.t("reporting.column.software"), context.t("reporting.column.version")],
        [[name, version or missing] for name, version in record.software_rows()],
    )
    words = ("heading", "version", "commit", "lock", "no_lock", "date", "files", "software", "parameters")
    labels = {word: context.t(f"reporting.provenance.{word}") for word in words}
    body = render(
        "provenance",
        "footer",
        t={**labels, "generated_by": context.t("reporting.report.generated_by")},
        version=record.version,
        commit=commit,
        lock=record.software.lock if record.software else None,
        rendered_at=record.rendered_at,
        rendered_at_text=_moment(record.rendered_at, context.lang),
        files=Markup(files),
        software=Markup(software),
        parameters=Markup(parameters),
    )
    metadata = {METADATA_KEY: {"provenance": record.as_dict()}}
    data = pd.DataFrame(list(record.files), columns=["file", "sha256"])
    return Block(body, context.t("reporting.provenance.heading"), metadata, data=data)


def _parameter_value(key: str, value: Any, lang: str) -> str:
    """A parameter's value as the report writes it: numbers grouped, the language named.

    >>> _parameter_value("bootstrap", 10000, "fr"), _parameter_value("lang", "en", "fr")
    ('10\u202f000', 'anglais')
    >>> _parameter_value("case_id", "debian-votes", "fr")
    'debian-votes'
    """
    if key == "lang":
        return label("lang", value, lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, lang)
    return "" if value is None else str(value)


def _moment(stamp: str | None, lang: str) -> str:
    """An ISO timestamp in words (``5 décembre 2026 à 06:14 UTC``); as is when it is not one.

    >>> _moment("2026-12-05T06:14:51Z", "fr"), _moment("2026-12-05T06:14:51Z", "en")
    ('5 décembre 2026 à 06:14 UTC', 'December 5, 2026 at 06:14 UTC')
    """
    import datetime as dt

    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return t(
        "reporting.provenance.date_value", lang, date=date(moment.date(), lang), time=moment.strftime("%H:%M")
    )
