"""Interactive exploration in JupyterLab: pick a case, filter sectors and relation types, slide a date.

:class:`Explorer` (``notebooks/explore.ipynb``) is a small ipywidgets panel:
a case picker, sector and relation-type filters, and a date slider; the
network map and the headline indicators follow every change. The map keeps
the positions of the whole case's layout, so that actors do not jump while the
date moves. Figures are drawn in an ``Output`` widget (plotly's
``FigureWidget`` would need the extra ``anywidget`` package).

On a date, the map draws and the cards count the network of that day as the
report's "network over time" does for each year
(:func:`~commons_analysis.analysis.network_periods.network_on`): the actors with at
least one relation in force then. The other actors are still actors of the
case (they are on the map at "all dates", and their participation counts),
but nothing recorded places them in the network that day.

:func:`filter_case` is the pure part, usable on its own: the case as it stood
at a date, restricted to some sectors and relation types.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "x"},
...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
...                          "sector": ["public", "sse", "commons"]}),
...     relations=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
...                             "type": ["funding", "partnership"], "start": ["2018-01-01", "2020-01-01"]}))
>>> small = filter_case(case, sectors=["public", "sse"], as_of="2019-06-30")
>>> small.actors["actor_id"].tolist(), small.relations["type"].astype(str).tolist()
(['a', 'b'], ['funding'])
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG
from commons_analysis.model.case import Case
from commons_analysis.model.schema.vocabularies import RELATION_TYPES, SECTORS
from commons_analysis.reporting.text import label, t

#: The slider's last stop: no date filter.
ALL_DATES = "all"


def filter_case(
    case: Case,
    *,
    sectors: Iterable[str] | None = None,
    relation_types: Iterable[str] | None = None,
    as_of: object = None,
) -> Case:
    """``case`` limited to actors of ``sectors``, relations of ``relation_types``, as it stood on ``as_of``.

    A relation stands on ``as_of`` when its start (if any) is on or before it and
    its end (if any) on or after it; events, participation and decisions are
    those dated on or before ``as_of``. Participation and decisions keep only
    kept actors and events. ``None`` means no filter.
    """
    actors = case.actors
    if sectors is not None:
        actors = actors[actors["sector"].astype(str).isin(list(sectors))]
    kept = set(actors["actor_id"].astype(str))
    relations = case.relations
    relations = relations[
        relations["source"].astype(str).isin(kept) & relations["target"].astype(str).isin(kept)
    ]
    if relation_types is not None:
        relations = relations[relations["type"].astype(str).isin(list(relation_types))]
    events = case.events
    decisions = case.decisions
    if as_of is not None:
        moment = pd.Timestamp(as_of)
        started = relations["start"].isna() | (relations["start"] <= moment)
        not_ended = relations["end"].isna() | (relations["end"] >= moment)
        relations = relations[started & not_ended]
        events = events[events["date"].isna() | (events["date"] <= moment)]
        decision_dates = decisions["date"].fillna(_event_dates(case, decisions["event_id"]))
        decisions = decisions[decision_dates.isna() | (decision_dates <= moment)]
    kept_events = set(events["event_id"].astype(str))
    participation = case.participation
    participation = participation[
        participation["actor_id"].astype(str).isin(kept)
        & participation["event_id"].astype(str).isin(kept_events)
    ]
    initiators = decisions["initiated_by"]
    decisions = decisions[initiators.isna() | initiators.astype(str).isin(kept)]
    decisions = decisions[decisions["event_id"].isna() | decisions["event_id"].astype(str).isin(kept_events)]
    return dataclasses.replace(
        case,
        actors=actors.reset_index(drop=True),
        relations=relations.reset_index(drop=True),
        events=events.reset_index(drop=True),
        participation=participation.reset_index(drop=True),
        decisions=decisions.reset_index(drop=True),
    )


def _event_dates(case: Case, event_ids: pd.Series) -> pd.Series:
    """The date of the event of each row of ``event_ids`` (NaT when unknown)."""
    positions = pd.Index(case.events["event_id"]).get_indexer(event_ids)
    dates = pd.Series(pd.NaT, index=event_ids.index, dtype="datetime64[ns]")
    known = positions >= 0
    if known.any():
        dates[known] = case.events["date"].to_numpy()[positions[known]]
    return dates


def case_dates(case: Case) -> list[pd.Timestamp]:
    """Month ends from the case's first to last date (period, relations, events): the slider's stops."""
    dates = pd.concat(
        [case.relations["start"], case.relations["end"], case.events["date"], case.decisions["date"]]
    ).dropna()
    period = case.meta.period
    if period.start:
        dates = pd.concat([dates, pd.Series([pd.Timestamp(period.start)])])
    if period.end:
        dates = pd.concat([dates, pd.Series([pd.Timestamp(period.end)])])
    if dates.empty:
        return []
    months = pd.period_range(dates.min(), dates.max(), freq="M")
    return [month.end_time.normalize() for month in months]


#: The headline figures of the explorer's cards (the network's first, as the map shows it).
CARD_KEYS = (
    "network.actors",
    "network.ties",
    "network.density",
    "network.components",
    "network.ei_index",
    "network.sector_assortativity",
    "participation.participants",
    "participation.records",
    "participation.gini",
    "decisions.count",
)


def headline_values(headlines: Mapping[str, Any], case: Case, as_of: str | None) -> dict[str, Any]:
    """The explorer's cards: ``headlines`` of ``case`` (already filtered), its network on ``as_of`` if given.

    On a date the network figures are those of
    :func:`~commons_analysis.analysis.network_periods.network_on` (the actors with a
    relation in force then), and the actors card says "active actors".
    """
    values = {key: headlines.get(key) for key in CARD_KEYS}
    if as_of is None:
        return values
    from commons_analysis.analysis.network_periods import network_on

    network = {f"network.{key}": value for key, value in network_on(case, as_of).items()}
    shown = {
        key: network.get(key, value) if key.startswith("network.") else value for key, value in values.items()
    }
    return {
        ("network.active_actors" if key == "network.actors" else key): value for key, value in shown.items()
    }


class Explorer:
    """The exploration panel (see the module docstring); display it as the last line of a cell."""

    def __init__(self, data_dir: str | Path = DEFAULT_DATA_DIR, *, lang: str = DEFAULT_LANG, seed: int = 0):
        import ipywidgets as widgets

        from commons_analysis.ingest.loading import load_cases

        t("reporting.report.title", lang)
        self.lang = lang
        self.seed = int(seed)
        loaded = load_cases(Path(data_dir))
        self.cases = dict(sorted(loaded.cases.items()))
        self.positions: dict[str, pd.DataFrame] = {}
        self._quiet = False
        layout = widgets.Layout(width="auto")
        self.case_picker = widgets.Dropdown(
            options=[
                (case.meta.title.text(lang) or case_id, case_id) for case_id, case in self.cases.items()
            ],
            description=t("reporting.explore.case", lang),
            layout=widgets.Layout(width="95%"),
        )
        self.sector_picker = widgets.SelectMultiple(
            options=[(label("sector", s, lang), s) for s in SECTORS],
            value=tuple(SECTORS),
            description=t("reporting.explore.sectors", lang),
            rows=len(SECTORS),
            layout=layout,
        )
        self.type_picker = widgets.SelectMultiple(
            options=[(label("relation", r, lang), r) for r in RELATION_TYPES],
            value=tuple(RELATION_TYPES),
            description=t("reporting.explore.relation_types", lang),
            rows=len(RELATION_TYPES),
            layout=layout,
        )
        self.date_slider = widgets.SelectionSlider(
            options=[(t("reporting.explore.all_dates", lang), ALL_DATES)],
            description=t("reporting.explore.date", lang),
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
        )
        self.figures = widgets.Output()
        self.headlines = widgets.HTML()
        message = "" if self.cases else t("reporting.explore.no_case", lang, path=html.escape(str(data_dir)))
        self.message = widgets.HTML(message)
        self.widget = widgets.VBox(
            [
                self.message,
                self.case_picker,
                widgets.HBox([self.sector_picker, self.type_picker]),
                self.date_slider,
                self.headlines,
                self.figures,
            ]
        )
        self.case_picker.observe(self._on_case, names="value")
        for control in (self.sector_picker, self.type_picker, self.date_slider):
            control.observe(lambda _change: self.update(), names="value")
        if self.cases:
            self._on_case()

    # -- state ---------------------------------------------------------------------

    @property
    def case(self) -> Case | None:
        """The case picked."""
        return self.cases.get(self.case_picker.value) if self.case_picker.value else None

    def filtered(self) -> Case | None:
        """The picked case with the current filters."""
        case = self.case
        if case is None:
            return None
        return filter_case(
            case,
            sectors=self.sector_picker.value,
            relation_types=self.type_picker.value,
            as_of=self.as_of,
        )

    def _on_case(self, _change: Any = None) -> None:
        case = self.case
        if case is None:
            return
        stops = case_dates(case)
        options = [(stop.strftime("%Y-%m"), stop.strftime("%Y-%m-%d")) for stop in stops]
        options.append((t("reporting.explore.all_dates", self.lang), ALL_DATES))
        self._quiet = True  # changing the options moves the slider: draw once, at the end
        try:
            self.date_slider.options = options
            self.date_slider.value = ALL_DATES
        finally:
            self._quiet = False
        self.update()

    def layout_of(self, case: Case) -> pd.DataFrame:
        """Positions of the whole case's map (computed once per case, reused for every filter).

        The actors are those of the case as shown (pseudonyms), as the map draws them.
        """
        if case.id not in self.positions:
            from commons_analysis.analysis.cooperation import cooperation_ties
            from commons_analysis.publishing.privacy import display_case
            from commons_analysis.reporting.plots import network_layout

            case = display_case(case)
            ids = case.actors["actor_id"].astype(str)
            self.positions[case.id] = network_layout(ids, cooperation_ties(case), seed=self.seed)
        return self.positions[case.id]

    @property
    def as_of(self) -> str | None:
        """The date of the slider (``YYYY-MM-DD``), None at "all dates"."""
        value = self.date_slider.value
        return None if value == ALL_DATES else str(value)

    # -- drawing -------------------------------------------------------------------

    def update(self) -> None:
        """Recompute the map and the headline figures for the current filters."""
        from IPython.display import display

        from commons_analysis.reporting.blocks import headline_cards
        from commons_analysis.reporting.case_report import CaseReport
        from commons_analysis.reporting.page import component_styles

        if self._quiet:
            return
        case, filtered = self.case, self.filtered()
        if case is None or filtered is None:
            return
        report = CaseReport(filtered, lang=self.lang, seed=self.seed)
        cards = headline_cards(headline_values(report.headlines, filtered, self.as_of), self.lang)
        self.headlines.value = f"<style>{component_styles()}</style>{cards}"
        figure = report.network_map(positions=self.layout_of(case), as_of=self.as_of)
        with self.figures:
            self.figures.clear_output(wait=True)
            display(figure)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


__all__ = ["CARD_KEYS", "Explorer", "case_dates", "filter_case", "headline_values"]
