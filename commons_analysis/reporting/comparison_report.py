"""The comparison of cases: what the cells of ``notebooks/comparison.ipynb`` call, one block per call.

Every case side by side on the headline indicators of each perspective
(:mod:`catalogue`), the values of :func:`~commons_analysis.reporting.compare.comparison_frame`.
Each block carries ``.data`` (and ``.figure`` for charts), as in the case report.

Numbers from a few dozen people vary by chance: the concentration figures
come with their 95 % intervals, side by side (:meth:`ComparisonReport.intervals`),
each with a one-line reading: intervals that overlap give no clear difference
between two cases; a case whose interval lies wholly above another's is
clearly higher. The table gives the p-value of each tested figure beside it.

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

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from commons_analysis.analysis.uncertainty import BOOTSTRAP, PERMUTATIONS
from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, MIN_CELL
from commons_analysis.model.case import Case
from commons_analysis.model.metadata import CaseMeta
from commons_analysis.publishing.privacy import display_case
from commons_analysis.reporting import plots
from commons_analysis.reporting.blocks import (
    Block,
    Blocks,
    FigureBlock,
    html_table,
    illustrative_banner,
    lab_styles,
    note,
    perspective_heading,
    start_report,
)
from commons_analysis.reporting.catalogue import DATA_STATUS_ORDER, HEADLINES, headline_keys, lookup
from commons_analysis.reporting.compare import COMPANIONS
from commons_analysis.reporting.paths import shown_path, shown_problem
from commons_analysis.reporting.templating import Markup, render
from commons_analysis.reporting.text import (
    UNDEFINED,
    case_text,
    format_indicator,
    indicator_label,
    interval_bounds,
    joined,
    number,
    t,
)

if TYPE_CHECKING:
    from commons_analysis.reporting.sections.evidence_comparison import EvidenceComparison

#: The figures the comparison shows with their 95 % intervals, side by side.
INTERVAL_KEYS = ("participation.gini", "participation.top10_share", "participation.repeat_share")


class ComparisonReport:
    """All cases side by side on each perspective's headline indicators.

    ``cases``: the valid cases; ``errors``: case id → why a case was left out;
    ``lang``, ``min_cell``, ``seed``, ``permutations``, ``bootstrap``: as
    :class:`~commons_analysis.reporting.case_report.CaseReport`; ``data_dir``:
    where the cases were looked for (named when none was found).
    """

    def __init__(
        self,
        cases: Sequence[Case],
        errors: Mapping[str, Any] | None = None,
        *,
        lang: str = DEFAULT_LANG,
        min_cell: int = MIN_CELL,
        seed: int = 0,
        permutations: int = PERMUTATIONS,
        bootstrap: int = BOOTSTRAP,
        data_dir: str | os.PathLike[str] | None = None,
    ):
        t("reporting.report.title", lang)
        # documented cases first, then illustrative ones: the two are shown apart everywhere
        self.cases = sorted(cases, key=lambda case: (case.meta.data_status != "documented", case.id))
        self.errors = dict(errors or {})
        self.data_dir = data_dir
        self.lang = lang
        self.min_cell = int(min_cell)
        self.seed = int(seed)
        self.permutations = int(permutations)
        self.bootstrap = int(bootstrap)
        start_report()

    @cached_property
    def frame(self) -> pd.DataFrame:
        """One row per case (index: case id), the headline indicators as columns.

        Beside them their companions: ``…_p``, ``…_expected`` and ``…_ci_low``, ``…_ci_high``.
        """
        from commons_analysis.reporting.compare import comparison_frame

        return comparison_frame(
            self.cases,
            min_cell=self.min_cell,
            seed=self.seed,
            permutations=self.permutations,
            bootstrap=self.bootstrap,
        )

    def _with_bounds(self, keys: Sequence[str]) -> list[str]:
        """``keys`` and, after each that has one, the two columns of its 95 % interval."""
        columns = []
        for key in keys:
            columns.append(key)
            columns += [c for c in (f"{key}_ci_low", f"{key}_ci_high") if c in self.frame.columns]
        return columns

    @cached_property
    def shown_cases(self) -> dict[str, Case]:
        """case id → the case as it may be shown: persons pseudonymized (:func:`display_case`)."""
        return {case.id: display_case(case) for case in self.cases}

    @cached_property
    def shown_meta(self) -> dict[str, CaseMeta]:
        """case id → its ``case.yaml`` as it may be shown: persons' names scrubbed (:func:`display_case`)."""
        return {case_id: case.meta for case_id, case in self.shown_cases.items()}

    @cached_property
    def evidence(self) -> EvidenceComparison:
        """Cases × codes, recommendations and their excerpts (issue 16): ``comparison.evidence.matrix()``.

        :mod:`~commons_analysis.reporting.sections.evidence_comparison`, given the cases as shown.
        """
        from commons_analysis.reporting.sections.evidence_comparison import EvidenceComparison

        return EvidenceComparison(list(self.shown_cases.values()), lang=self.lang, labels=self.case_labels)

    @cached_property
    def case_labels(self) -> dict[str, str]:
        """case id → short label: its place when no other case has that place, else its short title.

        Two cases whose short titles are also alike are told apart by their titles in full.

        An illustrative case is marked so (``Brest (illustratif)``), so that no
        chart sets its composed figures beside documented ones unmarked.
        """
        lang = self.lang
        place_of = {
            case.id: shown.text(lang) if (shown := self.shown_meta[case.id].place) else ""
            for case in self.cases
        }
        places = Counter(place_of.values())
        mark = t("reporting.comparison.illustrative_mark", lang)
        names = {}
        for case in self.cases:
            title = short_title(self.shown_meta[case.id].title.text(lang) or case.id)
            place = place_of[case.id]
            names[case.id] = place if place and places[place] == 1 else title
        alike = Counter(names.values())
        labels = {}
        for case in self.cases:
            name = names[case.id]
            if alike[name] > 1:
                name = self.shown_meta[case.id].title.text(lang) or case.id
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
        illustrative = sum(case.meta.data_status == "illustrative" for case in self.cases)
        data = pd.DataFrame(
            {
                "case": [self.case_labels[case.id] for case in self.cases],
                "title": [
                    case_text(self.shown_meta[case.id].title.text(lang), lang) or case.id
                    for case in self.cases
                ],
                "case_id": [case.id for case in self.cases],
                "data_status": [case.meta.data_status for case in self.cases],
            }
        )
        header = [
            t("reporting.column.case", lang),
            t("reporting.column.title", lang),
            "id",
            t("reporting.column.data_status", lang),
        ]
        groups = []
        for status in DATA_STATUS_ORDER:
            group = data[data["data_status"] == status]
            if group.empty:
                continue
            rows = [
                [row.case, row.title, row.case_id, t(f"reporting.data_status.{row.data_status}", lang)]
                for row in group.itertuples(index=False)
            ]
            groups.append((t(f"reporting.index.{status}", lang), Markup(html_table(header, rows))))
        folder = shown_path(self.data_dir) if self.data_dir is not None else UNDEFINED
        body = render(
            "comparison",
            "heading",
            styles=Markup(lab_styles()),
            title=t("reporting.comparison.title", lang),
            intro=t("reporting.comparison.intro", lang),
            banner=Markup(illustrative_banner(lang, many=illustrative > 1) if illustrative else ""),
            groups=groups,
            no_case="" if self.cases else t("reporting.comparison.no_case", lang, path=folder),
            errors_title=t("reporting.comparison.errors", lang),
            errors=list(self.errors.items()),
        )
        return Block(body, t("reporting.comparison.title", lang), data=data)

    def perspective(self, perspective: str) -> Blocks:
        """A perspective's question, then one panel per headline indicator with a bar per case.

        A figure with a 95 % interval has an error bar on each bar.
        ``.data``: the values drawn, one row per case (its label), one column per
        indicator, and ``…_ci_low``, ``…_ci_high`` beside each interval.
        """
        heading = perspective_heading(perspective, self.lang)
        keys = HEADLINES[perspective]
        title = t(f"reporting.perspective.{perspective}.title", self.lang)
        values = self._labelled(self._with_bounds(keys))
        figure = self._panels(plots.comparison_bars, values, keys, title)
        return Blocks([Block(heading, title), FigureBlock(figure, values)])

    def intervals(self) -> Blocks:
        """The concentration of participation with its 95 % intervals, case beside case, and how to read them.

        One panel per figure of :data:`INTERVAL_KEYS` (a dot per case on its
        interval), then one line per figure: no clear difference where the
        intervals overlap, else which case is clearly higher than which.
        With 0 resamples, one line says the intervals are off.
        ``.data``: one row per case, each figure with ``…_ci_low``, ``…_ci_high``;
        the readings are ``.parts[-1].data`` (indicator, reading).
        """
        lang = self.lang
        title = t("reporting.comparison.intervals.title", lang)
        values = self._labelled(self._with_bounds(INTERVAL_KEYS))
        if self.bootstrap == 0:  # the title, then why there is nothing to draw
            off = t("reporting.comparison.intervals.off", lang)
            body = render("blocks", "titled", title=title, body=Markup(note(off).html))
            return Blocks([Block(body, f"{title}\n{off}", data=values)], data=values)
        figure = self._panels(plots.comparison_intervals, values, INTERVAL_KEYS, title)
        caption = t(
            "reporting.comparison.intervals.caption",
            lang,
            bootstrap=number(self.bootstrap, lang),
            seed=self.seed,
        )
        plots.with_caption(figure, caption)
        readings = pd.DataFrame(
            {
                "indicator": list(INTERVAL_KEYS),
                "reading": [self._reading(key, values) for key in INTERVAL_KEYS],
            }
        )
        items = render("comparison", "readings", readings=readings["reading"].tolist())
        lines = Block(items, "\n".join(readings["reading"]), data=readings)
        return Blocks([FigureBlock(figure, values), lines], data=values)

    def _panels(
        self, draw: Callable[..., go.Figure], values: pd.DataFrame, keys: Sequence[str], title: str
    ) -> go.Figure:
        """``draw`` (:func:`plots.comparison_bars` or :func:`plots.comparison_intervals`), a panel per key.

        Each panel labelled, and its values written, as :mod:`catalogue` says (shares as percentages).
        """
        lang = self.lang
        return draw(
            values,
            [(key, indicator_label(key, lang)) for key in keys],
            lang,
            title=title,
            percent_columns=[key for key in keys if _is_percent(key)],
            text_for=lambda key, value: format_indicator(key, value, lang),
        )

    def _reading(self, key: str, values: pd.DataFrame) -> str:
        """One line on ``key`` across the cases: no clear difference, or who is clearly above whom."""
        lang = self.lang
        name = indicator_label(key, lang)
        name = name[:1].upper() + name[1:]
        rows = [
            (str(case), float(row[key]), float(row[f"{key}_ci_low"]), float(row[f"{key}_ci_high"]))
            for case, row in values.iterrows()
            if not pd.isna(row[key])
            and not pd.isna(row.get(f"{key}_ci_low"))
            and not pd.isna(row.get(f"{key}_ci_high"))
        ]
        if len(rows) < 2:
            return t("reporting.comparison.reading.too_few", lang, indicator=name)
        above = clearly_above(rows)
        if not above:
            return t("reporting.comparison.reading.overlap", lang, indicator=name)
        readings = "; ".join(
            t("reporting.comparison.reading.above", lang, case=case, others=joined(below, lang))
            for case, below in above
        )
        pairs = len(rows) * (len(rows) - 1) // 2
        distinct = sum(len(below) for _, below in above)
        template = (
            "reporting.comparison.reading.all_distinct"
            if distinct == pairs
            else "reporting.comparison.reading.distinct"
        )
        return t(template, lang, indicator=name, readings=readings)

    def ostrom(self) -> FigureBlock:
        """Heatmap of the coded Ostrom scores, cases × principles; ``.data``: case, principle, score."""
        from commons_analysis.analysis.assessment import ostrom_table

        rows = {}
        for case in self.cases:
            table = ostrom_table(case, self.lang)
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

        Beside a tested figure its p-value and what chance gives, beside a
        resampled one its 95 % interval (when computed). ``.data``: the values,
        one row per indicator (its dotted key; an interval as ``…_ci_low`` and
        ``…_ci_high``), one column per case.
        """
        lang = self.lang
        keys = [
            name
            for key in headline_keys()
            for name in (key, *(key + c for c in COMPANIONS))
            if name in self.frame.columns or f"{name}_low" in self.frame.columns
        ]
        values = self._labelled(
            [
                column
                for key in keys
                for column in ((f"{key}_low", f"{key}_high") if key.endswith("_ci") else (key,))
            ]
        ).T
        values.index.name = "indicator"
        rows = [[indicator_label(key, lang), *self._table_cells(key, values)] for key in keys]
        title = t("reporting.comparison.table", lang)
        header = [t("reporting.column.indicator", lang), *values.columns]
        table = Markup(html_table(header, rows, numeric=range(1, len(header))))
        return Block(render("comparison", "table", title=title, table=table), title, data=values)

    def glossary(self) -> Block:
        """The technical words of the comparison and what they mean (:func:`.sections.glossary.glossary`)."""
        from commons_analysis.reporting.sections.glossary import glossary

        return glossary(self.lang)

    def _table_cells(self, key: str, values: pd.DataFrame) -> list[str]:
        """The cells of ``key`` for each case: the value as written, an interval as ``low–high``."""
        lang = self.lang
        if key.endswith("_ci"):
            figure = key.removesuffix("_ci")
            bounds = zip(values.loc[f"{key}_low"], values.loc[f"{key}_high"], strict=True)
            return [
                format_indicator(key, None, lang)
                if pd.isna(low) or pd.isna(high)
                else interval_bounds(figure, (float(low), float(high)), lang)
                for low, high in bounds
            ]
        return [format_indicator(key, None if pd.isna(v) else float(v), lang) for v in values.loc[key]]


def short_title(title: str, width: int = 40) -> str:
    """A case's title short enough to label a chart: its part before a colon, cut at ``width`` characters.

    >>> short_title("Debian : résolutions générales et élections du responsable du projet, 2002–2018")
    'Debian'
    >>> short_title("La gouvernance de Python, de 1989 à 2026, et son conseil de direction élu", 24)
    'La gouvernance de Python…'
    """
    head = title.split(":", 1)[0].strip() or title
    return head if len(head) <= width else head[:width].rstrip(" ,;") + "…"


def clearly_above(rows: Sequence[tuple[str, float, float, float]]) -> list[tuple[str, list[str]]]:
    """Each case whose 95 % interval lies wholly above others', with those others (highest value first).

    ``rows``: (case, value, low, high). Intervals that overlap, or touch, do not
    tell two cases apart.

    >>> clearly_above([("a", 0.5, 0.4, 0.6), ("b", 0.3, 0.2, 0.35), ("c", 0.45, 0.3, 0.5)])
    [('a', ['b'])]
    >>> clearly_above([("a", 0.5, 0.4, 0.6), ("b", 0.45, 0.35, 0.55)])
    []
    """
    ordered = sorted(rows, key=lambda row: (-row[1], row[0]))
    found = []
    for case, _value, low, _high in ordered:
        below = [other for other, _v, _low, other_high in ordered if other != case and other_high < low]
        if below:
            found.append((case, below))
    return found


def _is_percent(key: str) -> bool:
    indicator = lookup(key)
    return indicator is not None and indicator.format == "percent"


def open_comparison(
    data_dir: str | os.PathLike[str] = DEFAULT_DATA_DIR,
    *,
    lang: str = DEFAULT_LANG,
    min_cell: int = MIN_CELL,
    seed: int = 0,
    permutations: int = PERMUTATIONS,
    bootstrap: int = BOOTSTRAP,
    left_out: Mapping[str, str] | None = None,
) -> ComparisonReport:
    """Load every case under ``data_dir`` and open their comparison (invalid cases are listed, not compared).

    ``lang``, ``min_cell``, ``seed``, ``permutations``, ``bootstrap``: as
    :class:`ComparisonReport`; ``left_out``: case id → why it is not compared
    (a case the batch could not render), listed with the invalid ones, whose
    problems are written in ``lang`` with their files relative to the project.
    A folder without any case gives a comparison that says so.
    """
    from commons_analysis.ingest.loading import load_cases

    loaded = load_cases(Path(data_dir))
    errors = {
        case_id: "; ".join(shown_problem(p, data_dir).text(lang) for p in error.problems[:3])
        for case_id, error in loaded.errors.items()
    }
    errors |= {str(case_id): str(reason) for case_id, reason in (left_out or {}).items()}
    cases = [case for case_id, case in loaded.cases.items() if case_id not in errors]
    return ComparisonReport(
        cases,
        errors,
        lang=lang,
        min_cell=min_cell,
        seed=seed,
        permutations=permutations,
        bootstrap=bootstrap,
        data_dir=data_dir,
    )


__all__ = [
    "COMPANIONS",
    "INTERVAL_KEYS",
    "ComparisonReport",
    "clearly_above",
    "open_comparison",
    "short_title",
]
