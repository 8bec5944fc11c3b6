"""The comparison of cases: what the cells of ``notebooks/comparison.ipynb`` call, one block per call.

Every case side by side on the headline indicators of each perspective
(:mod:`catalogue`), the values of :func:`~commons_analysis.reporting.compare.comparison_frame`.
Each block carries ``.data`` (and ``.figure`` for charts), as in the case report.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> cases = [Case.from_frames({"id": name, "place": place, "data_status": "documented"},
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["public", "sse"]}),
...     relations=pd.DataFrame({"source": ["a"], "target": ["b"], "type": ["funding"]}))
...     for name, place in (("one", "Brest"), ("two", "Napoli"))]
>>> float(ComparisonReport(cases, lang="en").perspective("public_power").data.loc["Napoli", "network.ties"])
1.0
"""

from __future__ import annotations

import html
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, MIN_CELL
from commons_analysis.model.case import Case
from commons_analysis.reporting import plots
from commons_analysis.reporting.blocks import (
    Block,
    Blocks,
    FigureBlock,
    escape,
    html_only,
    html_table,
    reset_figure_numbers,
    use_report_display,
)
from commons_analysis.reporting.catalogue import HEADLINES, headline_keys, lookup
from commons_analysis.reporting.page import component_styles
from commons_analysis.reporting.text import format_indicator, indicator_label, t


class ComparisonReport:
    """All cases side by side on each perspective's headline indicators.

    ``cases``: the valid cases; ``errors``: case id → why a case was left out;
    ``lang``, ``min_cell``, ``seed``: as :class:`~commons_analysis.reporting.case_report.CaseReport`;
    ``data_dir``: where the cases were looked for (named when none was found).
    """

    def __init__(
        self,
        cases: Sequence[Case],
        errors: Mapping[str, Any] | None = None,
        *,
        lang: str = DEFAULT_LANG,
        min_cell: int = MIN_CELL,
        seed: int = 0,
        data_dir: str | os.PathLike[str] | None = None,
    ):
        t("report.title", lang)
        # documented cases first, then illustrative ones: the two are shown apart everywhere
        self.cases = sorted(cases, key=lambda case: (case.meta.data_status != "documented", case.id))
        self.errors = dict(errors or {})
        self.data_dir = data_dir
        self.lang = lang
        self.min_cell = int(min_cell)
        self.seed = int(seed)
        reset_figure_numbers()
        if html_only():
            use_report_display()

    @cached_property
    def frame(self) -> pd.DataFrame:
        """One row per case (index: case id), the headline indicators as columns."""
        from commons_analysis.reporting.compare import comparison_frame

        return comparison_frame(self.cases, min_cell=self.min_cell, seed=self.seed)

    @cached_property
    def case_labels(self) -> dict[str, str]:
        """case id → short label: its place when no other case has that place, else its id.

        An illustrative case is marked so (``Brest (illustratif)``), so that no
        chart sets its composed figures beside documented ones unmarked.
        """
        places = Counter(case.meta.place for case in self.cases)
        mark = t("comparison.illustrative_mark", self.lang)
        labels = {}
        for case in self.cases:
            place = case.meta.place
            name = place if place and places[place] == 1 else case.id
            labels[case.id] = f"{name} ({mark})" if case.meta.data_status == "illustrative" else name
        return labels

    def _labelled(self, columns: Sequence[str]) -> pd.DataFrame:
        frame = self.frame.reindex(columns=list(columns))
        frame.index = pd.Index([self.case_labels.get(str(case_id), str(case_id)) for case_id in frame.index])
        frame.index.name = "case"
        return frame

    def heading(self) -> Block:
        """Title, what the page shows, the illustrative warning, and the cases left out as invalid.

        ``.data``: one row per case (case, title, case_id, data_status).
        """
        lang = self.lang
        parts = [
            f'<h1 class="ca-title">{html.escape(t("comparison.title", lang))}</h1>',
            f"<p>{html.escape(t('comparison.intro', lang))}</p>",
        ]
        if not html_only():
            parts.insert(0, f"<style>{component_styles()}</style>")
        if any(case.meta.data_status == "illustrative" for case in self.cases):
            parts.append(
                '<div class="ca-banner" role="note">'
                f"<strong>{html.escape(t('banner.illustrative.title', lang))}</strong> "
                f"{html.escape(t('banner.illustrative.text', lang))}</div>"
            )
        data = pd.DataFrame(
            {
                "case": [self.case_labels[case.id] for case in self.cases],
                "title": [case.meta.title.text(lang) or case.id for case in self.cases],
                "case_id": [case.id for case in self.cases],
                "data_status": [case.meta.data_status for case in self.cases],
            }
        )
        header = [t("column.case", lang), t("column.title", lang), "id", t("column.data_status", lang)]
        for status in ("documented", "illustrative"):
            group = data[data["data_status"] == status]
            if group.empty:
                continue
            rows = [
                [row.case, row.title, row.case_id, t(f"data_status.{row.data_status}", lang)]
                for row in group.itertuples(index=False)
            ]
            parts.append(f"<h3>{html.escape(t(f'index.{status}', lang))}</h3>" + html_table(header, rows))
        if not self.cases:
            folder = os.path.abspath(self.data_dir) if self.data_dir is not None else "—"
            message = html.escape(t("comparison.no_case", lang, path=folder))
            parts.append(f'<p class="ca-banner" role="note">{message}</p>')
        if self.errors:
            items = "".join(
                f"<li><strong>{escape(case_id)}</strong>: {escape(error)}</li>"
                for case_id, error in self.errors.items()
            )
            parts.append(f"<h3>{html.escape(t('comparison.errors', lang))}</h3><ul>{items}</ul>")
        return Block("".join(parts), t("comparison.title", lang), data=data)

    def perspective(self, perspective: str) -> Blocks:
        """A perspective's question, then one panel per headline indicator with a bar per case.

        ``.data``: the values drawn, one row per case (its label), one column per indicator.
        """
        if perspective not in HEADLINES:
            raise ValueError(f"unknown perspective {perspective!r}: use one of {', '.join(HEADLINES)}")
        lang = self.lang
        keys = HEADLINES[perspective]
        title = t(f"perspective.{perspective}.title", lang)
        heading = Block(
            f'<h2 id="{perspective}" class="ca-section">{html.escape(title)}</h2>'
            f'<p class="ca-question">{html.escape(t(f"perspective.{perspective}.question", lang))}</p>',
            title,
        )
        values = self._labelled(keys)
        figure = plots.comparison_bars(
            values,
            [(key, indicator_label(key, lang)) for key in keys],
            lang,
            title=title,
            percent_columns=[key for key in keys if _is_percent(key)],
            text_for=lambda key, value: format_indicator(key, value, lang),
        )
        return Blocks([heading, FigureBlock(figure, values)])

    def ostrom(self) -> FigureBlock:
        """Heatmap of the coded Ostrom scores, cases × principles; ``.data``: case, principle, score."""
        from commons_analysis.analysis.assessment import ostrom_table

        rows = {}
        for case in self.cases:
            table = ostrom_table(case)
            rows[self.case_labels[case.id]] = {
                str(row.principle): (None if pd.isna(row.score) else float(row.score))
                for row in table.itertuples(index=False)
            }
        frame = pd.DataFrame.from_dict(rows, orient="index")
        long = frame.rename_axis(index="case", columns="principle").stack(future_stack=True)
        data = long.rename("score").reset_index() if not frame.empty else pd.DataFrame(columns=["case"])
        return FigureBlock(plots.ostrom_comparison(frame, self.lang), data)

    def table(self) -> Block:
        """Every headline indicator (rows) for every case (columns), formatted; undefined values as a dash.

        ``.data``: the values, one row per indicator (its dotted key), one column per case.
        """
        lang = self.lang
        keys = list(headline_keys())
        values = self._labelled(keys).T
        values.index.name = "indicator"
        rows = [
            [indicator_label(key, lang)]
            + [format_indicator(key, None if pd.isna(v) else float(v), lang) for v in values.loc[key]]
            for key in keys
        ]
        title = t("comparison.table", lang)
        header = [t("column.value", lang), *values.columns]
        return Block(
            f"<h2>{html.escape(title)}</h2>" + html_table(header, rows, numeric=range(1, len(header))),
            title,
            data=values,
        )


def _is_percent(key: str) -> bool:
    indicator = lookup(key)
    return indicator is not None and indicator.format == "percent"


def open_comparison(
    data_dir: str | os.PathLike[str] = DEFAULT_DATA_DIR,
    *,
    lang: str = DEFAULT_LANG,
    min_cell: int = MIN_CELL,
    seed: int = 0,
    left_out: Mapping[str, str] | None = None,
) -> ComparisonReport:
    """Load every case under ``data_dir`` and open their comparison (invalid cases are listed, not compared).

    ``lang``, ``min_cell``, ``seed``: as :class:`ComparisonReport`; ``left_out``:
    case id → why it is not compared (a case the batch could not render), listed
    with the invalid ones. A folder without any case gives a comparison that says so.
    """
    from commons_analysis.ingest.loading import load_cases

    loaded = load_cases(Path(data_dir))
    errors = {
        case_id: "; ".join(str(p) for p in error.problems[:3]) for case_id, error in loaded.errors.items()
    }
    errors |= {str(case_id): str(reason) for case_id, reason in (left_out or {}).items()}
    cases = [case for case_id, case in loaded.cases.items() if case_id not in errors]
    return ComparisonReport(cases, errors, lang=lang, min_cell=min_cell, seed=seed, data_dir=data_dir)


__all__ = ["ComparisonReport", "open_comparison"]
