"""The index page of a report folder: every report in it, the comparison, and the last run's failures.

Each rendered case leaves ``<id>.json`` beside ``<id>.html`` (its title, place,
period, data status and headline figures); the index lists every report of the
folder that has both, not only those of the last run. A case that failed in the
last run is listed with its reason, and with a note when its earlier report is kept. Documented cases (data
collected, or imported from public records) come apart from illustrative ones
(composed from public descriptions), each under its own heading. Everything
taken from a case is escaped.

Example
-------
>>> import json, tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> entry = {"case_id": "brest", "title": {"en": "Brest"}, "data_status": "documented"}
>>> _ = (out / "brest.json").write_text(json.dumps(entry)), (out / "brest.html").write_text("")
>>> [(status, [name for name, _ in reports]) for status, reports in report_groups(out)]
[('documented', ['brest.html'])]
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from commons_analysis.batch.languages import nav_html, page_nav
from commons_analysis.batch.results import COMPARISON, INDEX, RenderResult
from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.reporting.catalogue import DATA_STATUS_ORDER, INDEX_HEADLINES
from commons_analysis.reporting.text import (
    UNDEFINED,
    format_indicator,
    indicator_label,
    not_applicable_text,
    t,
)


def report_entries(out: Path) -> list[tuple[str, dict[str, Any]]]:
    """(report file name, index entry) for every report of ``out`` that has its ``<id>.json``, by name."""
    entries = []
    for sidecar in sorted(Path(out).glob("*.json")):
        report = sidecar.with_suffix(".html")
        if not report.is_file():
            continue
        try:
            entry = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(entry, dict):
            entries.append((report.name, entry))
    return entries


def report_groups(out: Path) -> list[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    """The reports of ``out`` grouped by data status (in :data:`DATA_STATUS_ORDER`), empty groups left out."""
    entries = report_entries(out)
    groups = []
    for status in DATA_STATUS_ORDER:
        members = [(name, entry) for name, entry in entries if _status(entry) == status]
        if members:
            groups.append((status, members))
    return groups


def _status(entry: Mapping[str, Any]) -> str:
    """The group of an index entry: illustrative only when its ``data_status`` says so, else documented."""
    return "illustrative" if entry.get("data_status") == "illustrative" else "documented"


def _report_row(file_name: str, entry: Mapping[str, Any], lang: str) -> str:
    """One row of the index: the case's title (a link), id, place, period, headline figures.

    A figure that does not apply to the case (the entry's ``not_applicable``: key → reason) says why.

    >>> entry = {"case_id": "py", "headlines": {"participation.participants": 0},
    ...          "not_applicable": {"participation.participants": "secret_ballot"}}
    >>> "sans objet" in _report_row("py.html", entry, "fr"), ">0<" in _report_row("py.html", entry, "fr")
    (True, False)
    """
    esc = html.escape
    titles = entry.get("title") or {}
    title = titles.get(lang) or titles.get("fr") or titles.get("en") or entry.get("case_id") or file_name
    period = entry.get("period") or [None, None]
    period_text = " – ".join(str(p)[:4] for p in period if p) or UNDEFINED
    headlines = entry.get("headlines") or {}
    reasons = entry.get("not_applicable") or {}
    place = entry.get("place") or UNDEFINED
    if isinstance(place, Mapping):  # {fr, en}; an index entry written before 2026-12 holds a plain text
        place = place.get(lang) or place.get("fr") or place.get("en") or UNDEFINED
    cells = [
        f'<td><a href="{esc(quote(file_name))}">{esc(str(title))}</a>'
        f"<br><small>{esc(str(entry.get('case_id', '')))}</small></td>",
        f"<td>{esc(str(place))}</td>",
        f"<td>{esc(period_text)}</td>",
    ]
    cells += [
        f'<td class="ca-not-applicable">{esc(not_applicable_text(reasons[key], lang))}</td>'
        if key in reasons
        else f'<td class="num">{esc(format_indicator(key, headlines.get(key), lang))}</td>'
        for key in INDEX_HEADLINES
    ]
    return f"<tr>{''.join(cells)}</tr>"


def _reports_table(reports: Iterable[tuple[str, Mapping[str, Any]]], lang: str) -> str:
    """A table of reports: title, place, period and the :data:`INDEX_HEADLINES` figures of each."""
    esc = html.escape
    head = "".join(
        f"<th>{esc(t(key, lang))}</th>"
        for key in ("reporting.column.case", "reporting.column.place", "reporting.column.period")
    )
    head += "".join(f'<th class="num">{esc(indicator_label(key, lang))}</th>' for key in INDEX_HEADLINES)
    rows = "".join(_report_row(file_name, entry, lang) for file_name, entry in reports)
    return f'<table class="ca-table ca-index"><thead><tr>{head}</tr></thead>\n<tbody>{rows}</tbody></table>'


def _failures_table(failures: Iterable[RenderResult], lang: str, out: Path | None = None) -> str:
    """The pages the last run could not render, with the reason of each.

    A page of ``out`` left from an earlier run is kept (a failure never deletes a good report): the
    reason says so.
    """
    esc = html.escape

    def name(result: RenderResult) -> str:
        return t("reporting.comparison.title", lang) if result.case_id == COMPARISON else result.case_id

    def reason(result: RenderResult) -> str:
        kept = out is not None and (Path(out) / f"{result.case_id}.html").is_file()
        return (result.reason or "") + (f" ({t('reporting.index.earlier_kept', lang)})" if kept else "")

    items = "".join(
        f"<tr><td>{esc(name(r))}</td><td>{esc(reason(r))}</td></tr>"
        for r in sorted(failures, key=lambda r: r.case_id)
    )
    return (
        f'<h2>{esc(t("reporting.index.failed", lang))}</h2><table class="ca-table ca-failed"><thead><tr>'
        f"<th>{esc(t('reporting.column.case', lang))}</th>"
        f"<th>{esc(t('reporting.column.reason', lang))}</th></tr></thead>"
        f"<tbody>{items}</tbody></table>"
    )


def index_html(
    out: Path, failures: Iterable[RenderResult], lang: str = DEFAULT_LANG, langs: Sequence[str] = ()
) -> str:
    """The index page of ``out``: the comparison's link, the reports by data status, then ``failures``.

    ``langs``: the languages of the render, for the bar of links that opens the page (none: no bar).
    """
    from commons_analysis.reporting.page import page

    esc = html.escape
    body = [
        *([nav_html(links)] if (links := page_nav(f"{INDEX}.html", lang, langs)) else []),
        f'<h1 class="ca-title">{esc(t("reporting.index.title", lang))}</h1>',
        f"<p>{esc(t('reporting.index.intro', lang))}</p>",
    ]
    if (Path(out) / f"{COMPARISON}.html").is_file():
        title = esc(t("reporting.comparison.title", lang))
        body.append(f'<p class="ca-nav"><a href="{COMPARISON}.html">{title}</a></p>')
    groups = report_groups(out)
    for status, reports in groups:
        body.append(f'<h2 id="{status}">{esc(t(f"reporting.index.{status}", lang))}</h2>')
        body.append(_reports_table(reports, lang))
    if not groups:
        body.append(f'<p class="ca-note">{esc(t("reporting.index.empty", lang))}</p>')
    failed = list(failures)
    if failed:
        body.append(_failures_table(failed, lang, out))
    return page(t("reporting.index.title", lang), "\n".join(body), lang, plotly_js=None)


__all__ = ["index_html", "report_entries", "report_groups"]
