"""The report of one case: what the cells of ``notebooks/case_report.ipynb`` call, one block per call.

A report cell is one line, ``report.network_map()``; this module does the
rest: it takes the tidy frames of the analysis modules, the figures of
:mod:`plots` and the strings of :mod:`text`, and returns a block
(:mod:`blocks`) that Jupyter displays and that carries the table it shows:
``report.lorenz().data``, ``report.lorenz().figure``.

It arranges, labels and escapes; it computes nothing. Three rules hold for
everything shown:

* **privacy** — names come from :func:`~commons_analysis.publishing.privacy.display_case`
  (persons by pseudonym unless the case opts in), and so do the actor ids
  and the free texts of ``.data``; inclusion counts from
  :func:`~commons_analysis.analysis.inclusion.inclusion_table` (small groups suppressed);
* **escaping** — every string that comes from case data is HTML-escaped;
* **determinism** — figure ids are numbered from 1 in each report, layouts are seeded.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "tiny", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["public", "sse"]}),
...     participation=pd.DataFrame({"event_id": ["e1", "e1", "e2"], "actor_id": ["a", "b", "a"]}))
>>> CaseReport(case, lang="en").lorenz().data["records_share"].round(3).tolist()
[0.0, 0.333, 1.0]
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from commons_analysis.analysis.uncertainty import BOOTSTRAP, PERMUTATIONS
from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, MIN_CELL
from commons_analysis.model.case import Case
from commons_analysis.model.schema import PERSPECTIVES
from commons_analysis.reporting import plots
from commons_analysis.reporting.blocks import (
    Block,
    Blocks,
    FigureBlock,
    Markup,
    cell,
    escape,
    headline_cards,
    headline_frame,
    html_table,
    illustrative_banner,
    lab_styles,
    note,
    perspective_heading,
    safe_url,
    start_report,
)
from commons_analysis.reporting.catalogue import HEADLINES
from commons_analysis.reporting.compare import headline_values
from commons_analysis.reporting.text import (
    UNDEFINED,
    chance_reading,
    format_indicator,
    indicator_label,
    interval_bounds,
    interval_text,
    label,
    number,
    p_value,
    percent,
    t,
)
from commons_analysis.reporting.text import date as format_date

if TYPE_CHECKING:
    from commons_analysis.reporting.sections.budgeting import BudgetingSection

#: Key of the output metadata that carries the index entry of a report (read by the batch).
METADATA_KEY = "commons_analysis"
#: Above this many actors, a map shows only the most connected ones.
MAP_MAX_ACTORS = 300
#: The cards of the support network.
SUPPORT_KEYS = ("decisions.supported_share", "decisions.support_reciprocity")
#: Above this many events, attendance is drawn per year (a bar per event would be thinner than a line).
ATTENDANCE_MAX_EVENTS = 60
#: The figures tested against chance by permutations (``network.<name>``), in the order they are read.
TESTED = ("ei_index", "sector_assortativity")


class CaseReport:
    """The report of one case: each method returns what one notebook cell shows.

    ``case``: the case as loaded (validated); ``lang``: ``fr`` or ``en``;
    ``min_cell``: the small-cell threshold of inclusion counts; ``seed``: the
    seed of layouts, sampled estimates, permutations and resamples;
    ``permutations``, ``bootstrap``: the draws of the permutation tests and of
    the 95 % intervals (0 turns them off, and the report says so);
    ``parameters``: what the provenance footer lists (default: these six).
    Everything is computed from the case
    as loaded; everything shown about actors is taken from ``display_case``
    (pseudonyms), matched by row. In a kernel that renders a report, bare
    plotly figures displayed after this are routed through the report's
    display (:func:`~commons_analysis.reporting.blocks.use_report_display`).
    """

    def __init__(
        self,
        case: Case,
        *,
        lang: str = DEFAULT_LANG,
        min_cell: int = MIN_CELL,
        seed: int = 0,
        permutations: int = PERMUTATIONS,
        bootstrap: int = BOOTSTRAP,
        parameters: Mapping[str, Any] | None = None,
    ):
        t("report.title", lang)  # fails early on an unknown language
        self.case = case
        self.lang = lang
        self.min_cell = int(min_cell)
        self.seed = int(seed)
        self.permutations = int(permutations)
        self.bootstrap = int(bootstrap)
        self.parameters = dict(
            parameters
            or {
                "case_id": case.id,
                "lang": lang,
                "min_cell": min_cell,
                "seed": seed,
                "permutations": permutations,
                "bootstrap": bootstrap,
            }
        )
        start_report()

    # -- shared computations ------------------------------------------------------

    @cached_property
    def shown(self) -> Case:
        """The case as it may be shown (persons pseudonymized unless ``show_names``)."""
        from commons_analysis.publishing.privacy import display_case

        return display_case(self.case)

    @cached_property
    def names(self) -> dict[str, str]:
        """actor_id → name as shown (pseudonym for persons unless the case opts in)."""
        ids = self.case.actors["actor_id"].astype(str).tolist()
        shown = self.shown.actors["name"].astype("string").fillna("").tolist()
        return dict(zip(ids, shown, strict=True))

    @cached_property
    def shown_ids(self) -> dict[str, str]:
        """actor_id → actor_id as shown (the pseudonym for persons unless the case opts in)."""
        ids = self.case.actors["actor_id"].astype(str).tolist()
        shown = self.shown.actors["actor_id"].astype(str).tolist()
        return dict(zip(ids, shown, strict=True))

    @cached_property
    def budgeting(self) -> BudgetingSection:
        """The participatory budget blocks (:mod:`~commons_analysis.reporting.sections.budgeting`)."""
        from commons_analysis.reporting.sections.budgeting import BudgetingSection

        return BudgetingSection(self)

    @cached_property
    def indicators(self) -> dict[str, Any]:
        """The indicators object of DESIGN.md."""
        from commons_analysis.analysis.indicators import compute_indicators

        return compute_indicators(
            self.case,
            min_cell=self.min_cell,
            permutations=self.permutations,
            bootstrap=self.bootstrap,
            seed=self.seed,
        )

    @cached_property
    def headlines(self) -> dict[str, Any]:
        """Every headline indicator by dotted key."""
        return headline_values(self.case, self.indicators)

    @cached_property
    def actor_table(self) -> pd.DataFrame:
        """Degree, betweenness and brokerage per actor, with ids and names as shown."""
        from commons_analysis.analysis.network import actor_table

        return self._shown_actors(actor_table(self.case, seed=self.seed))

    def _shown_actors(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with the name as shown beside ``actor_id``, and the id replaced by the id as shown."""
        ids = frame["actor_id"].astype(str)
        return frame.assign(name=ids.map(self.names), actor_id=ids.map(self.shown_ids).astype("string"))

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def _empty(self, title_key: str, method: str, data: pd.DataFrame) -> Block:
        """One line where a chart would have nothing to draw: its title, then why (``empty.<method>``)."""
        title, message = self._t(title_key), self._t(f"empty.{method}")
        return Block(
            f'<p class="ca-note ca-empty"><strong>{html.escape(title)}</strong> — {html.escape(message)}</p>',
            f"{title} — {message}",
            data=data,
        )

    def _cards_text(
        self, heading: str, values: Mapping[str, Any], notes: Mapping[str, str] | None = None
    ) -> str:
        notes = notes or {}
        lines = (
            f"{indicator_label(k, self.lang)}: {format_indicator(k, v, self.lang)}"
            + (f" ({notes[k]})" if notes.get(k) else "")
            for k, v in values.items()
        )
        return heading + "\n" + "\n".join(lines)

    def _cards(self, heading_key: str, values: Mapping[str, Any]) -> Block:
        """A subsection's heading and its cards; ``.data``: the figures (indicator, label, value)."""
        heading = self._t(heading_key)
        cards = f'<h3 class="ca-subsection">{html.escape(heading)}</h3>' + headline_cards(values, self.lang)
        return Block(cards, self._cards_text(heading, values), data=headline_frame(values, self.lang))

    def _card_notes(self, keys: Sequence[str]) -> dict[str, str]:
        """Under a tested card its p-value (``p = 0,41``), under a resampled one its 95 % interval."""
        notes = {}
        for key in keys:
            p, interval = self.headlines.get(key + "_p"), self.headlines.get(key + "_ci")
            if p is not None:
                notes[key] = p_value(p, self.lang)
            elif interval is not None:
                notes[key] = interval_text(key, interval, self.lang)
        return notes

    def _interval_note(self) -> Block:
        """What the 95 % intervals are (draws and seed), or that they are off."""
        if self.bootstrap == 0:
            return note(self._t("interval.off"))
        return note(
            self._t("interval.explained", bootstrap=number(self.bootstrap, self.lang), seed=self.seed)
        )

    def chance(self) -> Block:
        """The E-I index and the sector assortativity against what chance alone gives, one sentence each.

        Below 0.05 the sentence says the figure departs from chance and which
        way (more ties within sectors, or across); a test that could not be
        made says so; with 0 permutations, one line says the tests are off.
        ``.data``: indicator, value, p_value, expected, reading.
        """
        network = self.indicators["network"]
        rows = [
            (
                f"network.{name}",
                network.get(name),
                network.get(f"{name}_p"),
                network.get(f"{name}_expected"),
                chance_reading(
                    name,
                    network.get(name),
                    network.get(f"{name}_p"),
                    network.get(f"{name}_expected"),
                    self.lang,
                ),
            )
            for name in TESTED
        ]
        data = pd.DataFrame(rows, columns=["indicator", "value", "p_value", "expected", "reading"])
        for column in ("value", "p_value", "expected"):
            data[column] = pd.array(data[column].tolist(), dtype="Float64")
        if self.permutations == 0:
            off = self._t("chance.off")
            data["reading"] = off
            return Block(f'<p class="ca-note">{html.escape(off)}</p>', off, data=data)
        items = "".join(f"<li>{html.escape(reading)}</li>" for reading in data["reading"])
        body = f'<ul class="ca-chance">{items}</ul>'
        explained = self._t(
            "chance.explained", permutations=number(self.permutations, self.lang), seed=self.seed
        )
        if data["p_value"].notna().any():
            body += f'<p class="ca-note">{html.escape(explained)}</p>'
        return Block(body, "\n".join(data["reading"]), data=data)

    # -- at a glance ------------------------------------------------------------------

    def banner(self) -> Block | None:
        """The banner of an illustrative case (None for documented data)."""
        if self.case.meta.data_status != "illustrative":
            return None
        return Block(illustrative_banner(self.lang), self._t("banner.illustrative.title"))

    def at_a_glance(self) -> Blocks:
        """Title, banner (illustrative data), then place, period, legal form, summary and sources.

        ``.data``: the facts of the table (fact, value).
        """
        meta, lang = self.shown.meta, self.lang  # persons' names scrubbed from the texts
        title = meta.title.text(lang) or meta.id
        heading = Block(f'{lab_styles()}<h1 class="ca-title">{escape(title)}</h1>', title)
        period = UNDEFINED
        if meta.period.start or meta.period.end:
            period = self._t(
                "glance.period_value",
                start=format_date(meta.period.start, lang),
                end=format_date(meta.period.end, lang),
            )
        facts = [
            (self._t("glance.place"), meta.place),
            (self._t("glance.country"), meta.country),
            (self._t("glance.period"), period),
            (self._t("glance.legal_form"), meta.legal_form),
            (self._t("glance.data_status"), self._t(f"data_status.{meta.data_status}")),
            (
                self._t("glance.perspectives"),
                ", ".join(label("perspective", p, lang) for p in meta.perspectives),
            ),
        ]
        facts = [(name, value) for name, value in facts if value]
        rows = "".join(
            f"<tr><th>{html.escape(name)}</th><td>{cell(value)}</td></tr>" for name, value in facts
        )
        case = self.case
        counts = self._t(
            "glance.counts",
            actors=number(len(case.actors), lang),
            relations=number(len(case.relations), lang),
            events=number(len(case.events), lang),
            records=number(len(case.participation), lang),
            decisions=number(len(case.decisions), lang),
        )
        parts = [f'<h2 id="glance">{html.escape(self._t("glance.heading"))}</h2>']
        parts.append(f'<table class="ca-facts">{rows}</table>')
        summary = meta.summary.text(lang)
        if summary:
            parts.append(f'<p class="ca-summary">{escape(summary)}</p>')
        parts.append(f'<p class="ca-note">{html.escape(counts)}</p>')
        if not meta.show_names and (case.actors["kind"] == "person").any():
            parts.append(f'<p class="ca-note">{html.escape(self._t("glance.names_hidden"))}</p>')
        if meta.sources:
            items = []
            for source in meta.sources:
                url = safe_url(source.url)
                name = escape(source.title)
                link = f'<a href="{escape(url)}" rel="noopener noreferrer">{name}</a>' if url else name
                if source.url and not url:
                    link += f" ({escape(source.url)})"
                if source.accessed:
                    link += " — " + html.escape(
                        self._t("glance.accessed", date=format_date(source.accessed, lang))
                    )
                items.append(f"<li>{link}</li>")
            parts.append(f"<h3>{html.escape(self._t('glance.sources'))}</h3><ul>{''.join(items)}</ul>")
        nav = "".join(
            f'<a href="#{p}">{html.escape(self._t(f"perspective.{p}.title"))}</a>' for p in PERSPECTIVES
        )
        parts.append(f'<nav class="ca-nav">{nav}</nav>')
        data = pd.DataFrame(facts, columns=["fact", "value"])
        return Blocks([heading, self.banner(), Block("".join(parts), title, data=data)])

    def mapping(self) -> Blocks:
        """How this case was built from public records (``mapping`` of ``case.yaml``), topic by topic.

        Nothing for a case without a mapping (a hand-made case). ``.data``: topic, text.
        """
        lang = self.lang
        topics = self.shown.meta.mapping  # persons' names scrubbed from the texts
        data = pd.DataFrame(
            [(topic, explanation.text(lang)) for topic, explanation in topics.items()],
            columns=["topic", "text"],
        )
        if data.empty:
            return Blocks([], data=data)
        heading = self._t("mapping.heading")
        items = "".join(
            f"<dt>{html.escape(_topic_label(row.topic, lang))}</dt><dd>{escape(row.text)}</dd>"
            for row in data.itertuples(index=False)
        )
        body = (
            f'<h2 id="mapping">{html.escape(heading)}</h2>'
            f'<p class="ca-note">{html.escape(self._t("mapping.intro"))}</p>'
            f'<dl class="ca-mapping">{items}</dl>'
        )
        return Blocks([Block(body, heading, data=data)], data=data)

    # -- sections ---------------------------------------------------------------------

    def section(self, perspective: str) -> Block:
        """Heading of a perspective, the question it answers, and its headline figures.

        ``.data``: the headline figures (indicator, label, value).
        """
        parts = [perspective_heading(perspective, self.lang)]
        title = self._t(f"perspective.{perspective}.title")
        if perspective not in self.case.meta.perspectives:
            parts.append(f'<p class="ca-note">{html.escape(self._t("perspective.not_listed"))}</p>')
        values = {key: self.headlines.get(key) for key in HEADLINES[perspective]}
        notes = self._card_notes(list(values))
        parts.append(headline_cards(values, self.lang, notes))
        if perspective == "distant_people":
            parts.append(self._interval_note().html)
        data = headline_frame(values, self.lang, self.headlines)
        return Block("".join(parts), self._cards_text(title, values, notes), data=data)

    # -- public power -----------------------------------------------------------------

    def network_map(self, positions: pd.DataFrame | None = None, *, as_of: object = None) -> Blocks:
        """The cooperation network, coloured by sector, seeded layout, hover details.

        ``positions`` (actor_id, x, y) fixes the layout (the explorer keeps the
        whole case's). ``as_of`` draws the network on that date: the actors with
        a relation in force then (:func:`~commons_analysis.analysis.network.network_on`).
        Above :data:`MAP_MAX_ACTORS` actors, the most connected only, and never
        the actors without any tie; a note says so. ``.data``: the actors drawn
        (actor_id, name, sector, kind, degree, rank, x, y).
        """
        from commons_analysis.analysis.network import cooperation_ties, network_actors, relations_in_force

        actors = network_actors(self.case, as_of)
        total = len(actors)
        if actors.empty:
            return Blocks([self._empty("figure.network_map.title", "network_map", actors)])
        drawn = actors[actors["rank"] <= MAP_MAX_ACTORS]
        if total > MAP_MAX_ACTORS:  # a large case: its most connected actors, never a ring of isolates
            drawn = drawn[drawn["degree"] > 0]
        kept = set(drawn["actor_id"].astype(str))
        ties = cooperation_ties(self.case, as_of)
        ties = ties[ties["source"].isin(kept) & ties["target"].isin(kept)].reset_index(drop=True)
        if positions is None:
            positions = plots.network_layout(drawn["actor_id"], ties, seed=self.seed)
        else:
            positions = positions[positions["actor_id"].astype(str).isin(kept)]
        nodes = positions.assign(actor_id=positions["actor_id"].astype("string")).merge(
            drawn.astype({"actor_id": "string"}), on="actor_id"
        )
        nodes["name"] = nodes["actor_id"].astype(str).map(self.names)
        in_force = relations_in_force(self.case, as_of)
        conflicts = in_force[in_force["type"] == "conflict"][["source", "target"]].astype(str)
        figure = plots.network_map(nodes, ties, self.lang, conflicts=conflicts)
        caption = self._t("figure.network_map.caption", seed=self.seed)
        if as_of is not None:
            day = format_date(pd.Timestamp(as_of), self.lang)  # type: ignore[arg-type]
            caption += " " + self._t("figure.network_map.as_of", date=day, actors=number(total, self.lang))
        plots.with_caption(figure, caption)
        truncated = None
        if total > MAP_MAX_ACTORS and len(drawn) == MAP_MAX_ACTORS:
            truncated = note(self._t("figure.network_map.truncated", shown=MAP_MAX_ACTORS, total=total))
        elif total > MAP_MAX_ACTORS:
            isolates = int((actors["degree"] == 0).sum())
            truncated = note(
                self._t(
                    "figure.network_map.with_ties",
                    shown=number(len(drawn), self.lang),
                    total=number(total, self.lang),
                    limit=number(MAP_MAX_ACTORS, self.lang),
                    isolates=number(isolates, self.lang),
                )
            )
        columns = ["actor_id", "name", "sector", "kind", "degree", "rank", "x", "y"]
        data = self._shown_ids_only(nodes[columns])
        return Blocks([FigureBlock(figure, data), truncated])

    def _shown_ids_only(self, frame: pd.DataFrame, columns: tuple[str, ...] = ("actor_id",)) -> pd.DataFrame:
        """``frame`` with its actor id ``columns`` as shown (pseudonyms for persons)."""
        return frame.assign(
            **{column: frame[column].astype(str).map(self.shown_ids).astype("string") for column in columns}
        ).reset_index(drop=True)

    def sector_ties(self) -> Blocks:
        """Heatmap of cooperation ties between sectors, then the E-I index and assortativity against chance.

        ``.data``: sector, other_sector, ties; the tests' sentences and figures
        are ``.parts[-1].data`` (:meth:`chance`).
        """
        from commons_analysis.analysis.network import sector_tie_matrix

        matrix = sector_tie_matrix(self.case)
        pairs = _pairs(matrix, "ties")
        if int(matrix.to_numpy().sum()) == 0:
            return Blocks(
                [self._empty("figure.sector_ties.title", "sector_ties", pairs), self.chance()], data=pairs
            )
        figure = plots.sector_tie_heatmap(matrix, self.lang)
        heatmap = FigureBlock(plots.with_caption(figure, self._t("figure.sector_ties.caption")), pairs)
        return Blocks([heatmap, self.chance()], data=pairs)

    def brokers(self, top: int = 10) -> Block:
        """The ``top`` actors with the most brokerage, their roles and z-scores (Gould & Fernandez).

        ``.data``: the rows shown, with every column of
        :func:`~commons_analysis.analysis.network.brokers` (ids and names as shown).
        """
        from commons_analysis.analysis.brokerage import ROLES
        from commons_analysis.analysis.centrality import sampled_sources
        from commons_analysis.analysis.network import brokers

        table = self._shown_actors(brokers(self.case, seed=self.seed))
        table = table.sort_values(["brokerage", "name"], ascending=[False, True], kind="stable").head(top)
        table = table.reset_index(drop=True)
        title = self._t("table.brokers.title")
        if table.empty:
            return self._empty("table.brokers.title", "brokers", table)
        lang = self.lang
        header = [
            self._t("column.actor"),
            self._t("column.sector"),
            self._t("column.degree"),
            self._t("column.betweenness"),
            *[label("brokerage", role, lang) for role in ROLES],
        ]
        rows = []
        for row in table.itertuples(index=False):
            values: list[object] = [
                row.name,
                label("sector", row.sector, lang),
                number(int(row.degree), lang),
                number(None if pd.isna(row.betweenness) else float(row.betweenness), lang, digits=3),
            ]
            for role in ROLES:
                count = getattr(row, role)
                z = getattr(row, f"{role}_z")
                z_text = "" if pd.isna(z) else f" (z {number(float(z), lang, digits=1)})"
                values.append(f"{number(int(count), lang)}{z_text}")
            rows.append(values)
        parts = [f"<h3>{html.escape(title)}</h3>"]
        parts.append(html_table(header, rows, numeric=range(2, len(header))))
        parts.append(f'<p class="ca-caption">{html.escape(self._t("table.brokers.caption"))}</p>')
        sources = sampled_sources(len(self.case.actors))
        if sources:
            parts.append(
                note(self._t("table.brokers.sampled", sources=number(sources, lang), seed=self.seed)).html
            )
        return Block("".join(parts), title, data=table)

    def flows(self) -> FigureBlock | Block:
        """Sankey of funding and in-kind flows, giver → receiver.

        ``.data``: source, source_name, target, target_name, type, amount_eur, weight, sectors.
        """
        from commons_analysis.analysis.network import flows

        table = flows(self.case)
        if table.empty:
            return self._empty("figure.flows.title", "flows", table)
        actors = pd.DataFrame(
            {
                "actor_id": self.case.actors["actor_id"].astype(str),
                "name": self.case.actors["actor_id"].astype(str).map(self.names),
                "sector": self.case.actors["sector"].astype(str),
            }
        )
        figure = plots.flows_sankey(table, actors, self.lang)
        data = table.assign(
            source_name=table["source"].astype(str).map(self.names),
            target_name=table["target"].astype(str).map(self.names),
        )
        data = self._shown_ids_only(data, ("source", "target"))
        order = ["source", "source_name", "target", "target_name"]
        return FigureBlock(figure, data[order + [c for c in data.columns if c not in order]])

    def initiative(self) -> FigureBlock | Block:
        """Share of decisions initiated by each sector; ``.data``: sector, decisions, share."""
        from commons_analysis.analysis.decisions import decisions_by_sector

        table = decisions_by_sector(self.case)
        shares = {
            str(row.sector): (None if pd.isna(row.share) else float(row.share)) for row in table.itertuples()
        }
        if not any(shares.values()):
            return self._empty("figure.initiative.title", "initiative", table)
        figure = plots.share_bars(
            shares,
            self.lang,
            kind="sector",
            title=self._t("figure.initiative.title"),
            axis=self._t("figure.initiative.axis"),
            caption=self._t("figure.initiative.caption"),
        )
        return FigureBlock(figure, pd.DataFrame(table))

    def support(self) -> Blocks | Block:
        """Who supports whose proposals: the support network's figures, then the most supported initiators.

        ``.data``: :func:`~commons_analysis.analysis.decisions.support_by_initiator`
        (initiator ids and names as shown).
        """
        from commons_analysis.analysis.decisions import support_by_initiator

        frame = support_by_initiator(self.case).rename(columns={"initiator": "actor_id"})
        named = self._shown_actors(frame).rename(columns={"actor_id": "initiator"})
        if named.empty:
            return self._empty("support.heading", "support", named)
        values = {key: _dotted(self.indicators, key) for key in SUPPORT_KEYS}
        figure = plots.support_chart(named, self.lang)
        return Blocks([self._cards("support.heading", values), FigureBlock(figure, named)], data=named)

    def network_over_time(self) -> FigureBlock | Block:
        """The network of each year, made of the actors with a relation in force that year.

        Actors, ties, density, components and E-I index per year
        (:func:`~commons_analysis.analysis.network.active_network_by_period`),
        the same definition as the explorer's date slider. ``.data``: that table.
        """
        from commons_analysis.analysis.network import active_network_by_period

        frame = active_network_by_period(self.case, freq="year")
        if frame.empty or int(frame["actors"].sum()) == 0:
            return self._empty("figure.network_time.title", "network_over_time", frame)
        keys = {
            "actors": "network.active_actors",
            "ties": "network.ties",
            "density": "network.density",
            "components": "network.components",
            "ei_index": "network.ei_index",
        }
        figure = plots.time_panels(
            frame,
            "period",
            [(column, indicator_label(key, self.lang)) for column, key in keys.items()],
            self.lang,
            title=self._t("figure.network_time.title"),
            x_title=self._t("figure.year"),
            text_for=lambda column, value: format_indicator(keys[column], value, self.lang),
        )
        return FigureBlock(plots.with_caption(figure, self._t("figure.network_time.caption")), frame)

    def coparticipation(self) -> Blocks:
        """The co-participation network: actors linked by the events they shared, across sectors.

        ``.data``: the heatmap's cells (sector, other_sector, pairs); the cards'
        figures are ``.parts[0].data``.
        """
        from commons_analysis.analysis.coparticipation import (
            coparticipation_indicators,
            coparticipation_sector_matrix,
        )

        values = coparticipation_indicators(self.case)
        keys = ("actors", "ties", "density", "components", "ei_index", "mean_shared_events")
        shown = {f"coparticipation.{key}": values.get(key) for key in keys}
        matrix = coparticipation_sector_matrix(self.case)
        pairs = _pairs(matrix, "pairs")
        cards_block = self._cards("coparticipation.heading", shown)
        if not values.get("ties"):  # cards of zeros would say no more than one line
            return Blocks([self._empty("coparticipation.heading", "coparticipation", pairs)], data=pairs)
        if len(matrix) == 1:  # a one-cell heatmap says nothing the cards do not
            sector = label("sector", matrix.index[0], self.lang)
            return Blocks(
                [cards_block, note(self._t("coparticipation.one_sector", sector=sector))], data=pairs
            )
        figure = plots.sector_tie_heatmap(matrix, self.lang, title_key="figure.coparticipation.title")
        caption = self._t("figure.coparticipation.caption")
        return Blocks([cards_block, FigureBlock(plots.with_caption(figure, caption), pairs)], data=pairs)

    # -- people far from public action ------------------------------------------------

    def attendance(self) -> FigureBlock | Block:
        """Participants per event over time, newcomers apart.

        Per year above :data:`ATTENDANCE_MAX_EVENTS` events, or when events share
        a date (their bars would pile up into one).

        ``.data``: one row per event
        (:func:`~commons_analysis.analysis.participation.attendance_by_event`), or
        per year (:func:`~commons_analysis.analysis.participation.attendance_by_year`).
        """
        from commons_analysis.analysis.participation import attendance_by_event, attendance_by_year

        frame = attendance_by_event(self.shown)  # event titles as shown
        if int(frame["participants"].sum()) == 0:
            return self._empty("figure.attendance.title", "attendance", frame)
        if len(frame) > ATTENDANCE_MAX_EVENTS or frame["date"].dropna().duplicated().any():
            by_year = attendance_by_year(self.case)
            return FigureBlock(plots.attendance_by_year_chart(by_year, self.lang), by_year)
        return FigureBlock(plots.attendance_chart(frame, self.lang), frame)

    def turnout(self) -> FigureBlock | Block:
        """Those entitled to take part in each event and those who did (ballots, general assemblies).

        ``.data``: :func:`~commons_analysis.analysis.participation.turnout_by_event`
        (events that give ``eligible``); its mean is ``participation.mean_turnout``.
        """
        from commons_analysis.analysis.participation import turnout_by_event

        frame = turnout_by_event(self.shown)  # event titles as shown
        if frame.empty:
            return self._empty("figure.turnout.title", "turnout", frame)
        mean = self.indicators["participation"].get("mean_turnout")
        return FigureBlock(plots.turnout_chart(frame, mean, self.lang), frame)

    def lorenz(self) -> FigureBlock | Block:
        """The Lorenz curve of participation records and its Gini coefficient with its 95 % interval.

        ``.data``: population_share, records_share, from (0, 0) to (1, 1);
        ``.data.attrs``: gini, gini_low, gini_high (None without an interval).
        """
        from commons_analysis.analysis.participation import lorenz_curve

        participation = self.indicators["participation"]
        gini, interval = participation.get("gini"), participation.get("gini_ci")
        frame = lorenz_curve(self.case)
        low, high = interval or (None, None)
        frame.attrs.update(gini=gini, gini_low=low, gini_high=high)
        if frame.empty:
            return self._empty("figure.lorenz.title", "lorenz", frame)
        written = interval_text("participation.gini", interval, self.lang)
        return FigureBlock(plots.lorenz_chart(frame, gini, self.lang, interval=written), frame)

    def inclusion(self) -> Blocks:
        """Groups among participating persons against the population; suppressed groups marked so.

        Each printed share carries its 95 % interval (an error bar, a column);
        a hidden group has none, anywhere.

        ``.data``: :func:`~commons_analysis.analysis.inclusion.inclusion_table`
        (suppressed counts, and their intervals, are missing there too).
        """
        from commons_analysis.analysis.inclusion import inclusion_table

        table = inclusion_table(
            self.case, min_cell=self.min_cell, lang=self.lang, bootstrap=self.bootstrap, seed=self.seed
        )
        if table.empty:
            return Blocks([self._empty("figure.inclusion.title", "inclusion", table)])
        figure = FigureBlock(plots.inclusion_chart(table, self.min_cell, self.lang), table)
        hidden = self._t("figure.inclusion.suppressed", k=self.min_cell)
        rows = []
        for row in table.itertuples(index=False):
            suppressed = bool(row.suppressed) if not pd.isna(row.suppressed) else False
            ratio = None if pd.isna(row.representation_ratio) else float(row.representation_ratio)
            bounds = None if pd.isna(row.share_low) else (row.share_low, row.share_high)
            rows.append(
                [
                    row.label if isinstance(row.label, str) and row.label else row.group,
                    hidden
                    if suppressed
                    else number(None if pd.isna(row.count) else int(row.count), self.lang),
                    hidden
                    if suppressed
                    else percent(None if pd.isna(row.share) else float(row.share), self.lang),
                    hidden if suppressed else interval_bounds("inclusion.g.share", bounds, self.lang) or None,
                    percent(
                        None if pd.isna(row.population_share) else float(row.population_share), self.lang
                    ),
                    hidden if suppressed else number(ratio, self.lang),
                ]
            )
        header = [
            self._t("column.group"),
            self._t("column.count"),
            self._t("column.share"),
            self._t("column.interval"),
            self._t("column.population_share"),
            self._t("column.representation_ratio"),
        ]
        if self.bootstrap == 0:  # a column of dashes would say less than one line
            header.pop(3)
            rows = [row[:3] + row[4:] for row in rows]
        parts = [html_table(header, rows, numeric=range(1, len(header)))]
        if self.bootstrap == 0:
            parts.append(note(self._t("interval.off")).html)
        table_block = Block("".join(parts), self._t("table.inclusion.title"), data=table)
        return Blocks([figure, table_block])

    def hours(self) -> FigureBlock | Block:
        """Participation hours by role, paid and unpaid; ``.data``: role, paid, records, hours."""
        from commons_analysis.analysis.participation import hours_by_role

        frame = hours_by_role(self.case)
        if float(frame["hours"].fillna(0).sum()) == 0:
            return self._empty("figure.hours.title", "hours", frame)
        return FigureBlock(plots.hours_chart(frame, self.lang), frame)

    # -- practices and tools ----------------------------------------------------------

    def decision_rules(self) -> FigureBlock | Block:
        """Decisions per year and rule; ``.data``: year, rule, decisions."""
        from commons_analysis.analysis.decisions import decisions_by_year_and_rule

        frame = decisions_by_year_and_rule(self.case)
        if int(frame["decisions"].sum()) == 0:
            return self._empty("figure.rules.title", "decision_rules", frame)
        drawn = pd.DataFrame(
            {
                "period": frame["year"].astype(str),
                "rule": frame["rule"].astype(str),
                "decisions": frame["decisions"],
            }
        )
        return FigureBlock(plots.decision_rules_chart(drawn, self.lang), frame)

    def open_events(self) -> FigureBlock | Block:
        """Open and closed events per kind; ``.data``: kind, open, events."""
        from commons_analysis.analysis.participation import events_by_kind

        frame = events_by_kind(self.case)
        if frame.empty:
            return self._empty("figure.open.title", "open_events", frame)
        return FigureBlock(plots.open_events_chart(frame, self.lang), frame)

    def facilitation(self) -> FigureBlock | Block:
        """Events facilitated by each facilitator, with the rotation indicator.

        ``.data``: actor_id, name, sector, events (ids and names as shown).
        """
        from commons_analysis.analysis.participation import facilitation_by_actor, facilitator_rotation

        rotation = facilitator_rotation(self.case)
        per_actor = facilitation_by_actor(self.case)
        sectors = dict(
            zip(self.case.actors["actor_id"].astype(str), self.case.actors["sector"].astype(str), strict=True)
        )
        frame = pd.DataFrame(
            {
                "actor_id": per_actor["actor_id"],
                "name": [self.names.get(a, a) for a in per_actor["actor_id"].astype(str)],
                "sector": [sectors.get(a, "other") for a in per_actor["actor_id"].astype(str)],
                "events": per_actor["events"],
            }
        )
        if frame.empty:
            return self._empty("figure.facilitation.title", "facilitation", self._shown_ids_only(frame))
        figure = plots.facilitation_chart(frame, rotation, self.lang)
        return FigureBlock(figure, self._shown_ids_only(frame))

    def ostrom(self) -> Blocks:
        """Radar of Ostrom's principles as coded, with the evidence; ``.data``: principle, score, evidence."""
        from commons_analysis.analysis.assessment import ostrom_table

        table = ostrom_table(self.shown)
        score = self.indicators["assessment"].get("ostrom_score")
        coded = table.dropna(subset=["score"])
        if coded.empty:
            title = self._t("figure.ostrom.title")
            return Blocks([note(f"{title} — {self._t('no_assessment')}")], data=table)
        figure = FigureBlock(plots.ostrom_radar(table, score, self.lang), table)
        rows = [
            [
                label("ostrom", row.principle, self.lang),
                int(row.score),
                "" if pd.isna(row.evidence) else row.evidence,
            ]
            for row in coded.itertuples(index=False)
        ]
        header = [self._t("column.principle"), self._t("column.score"), self._t("table.evidence")]
        title = self._t("table.ostrom.title")
        return Blocks(
            [
                figure,
                Block(
                    f"<h3>{html.escape(title)}</h3>" + html_table(header, rows, numeric=[1]),
                    title,
                    data=table,
                ),
            ]
        )

    def arnstein(self) -> Blocks:
        """Arnstein's ladder with the case's rung, and the evidence; ``.data``: the coding (one row)."""
        from commons_analysis.analysis.assessment import arnstein_summary

        summary = arnstein_summary(self.shown)
        data = pd.DataFrame([summary])
        if summary.get("rung") is None:
            title = self._t("figure.arnstein.title")
            return Blocks([note(f"{title} — {self._t('no_assessment')}")], data=data)
        figure = FigureBlock(plots.arnstein_ladder(summary.get("rung"), self.lang), data)
        evidence = summary.get("evidence") or ""
        return Blocks([figure, note(evidence, "ca-evidence") if evidence else None])

    # -- provenance -------------------------------------------------------------------

    def index_entry(self) -> dict[str, Any]:
        """What the index page shows for this report (JSON-ready)."""
        meta = self.shown.meta
        return {
            "case_id": meta.id,
            "title": {"fr": meta.title.text("fr"), "en": meta.title.text("en")},
            "place": meta.place,
            "period": [
                str(meta.period.start) if meta.period.start else None,
                str(meta.period.end) if meta.period.end else None,
            ],
            "data_status": meta.data_status,
            "headlines": self.headlines,
        }

    def provenance(self) -> Block:
        """Footer: version, git commit, lock file, software, data files' SHA-256, parameters, render date.

        ``.data``: the data files (file, sha256). The output metadata carries the index entry.
        """
        from commons_analysis.publishing.provenance import collect

        record = collect(self.case, self.parameters)
        commit = record.commit or self._t("provenance.no_commit")
        if record.commit and record.dirty:
            commit += f" ({self._t('provenance.dirty')})"
        files = html_table(
            [self._t("column.file"), self._t("column.sha256")],
            [[name, Markup(f"<code>{digest}</code>")] for name, digest in record.files],
        )
        parameters = html_table(
            [self._t("column.parameter"), self._t("column.value")],
            [[key, value] for key, value in record.parameters.items()],
        )
        missing = self._t("provenance.not_installed")
        software = html_table(
            [self._t("column.software"), self._t("column.version")],
            [[name, version or missing] for name, version in record.software_rows()],
        )
        lock = record.software.lock if record.software else None
        lock_cell = (
            f"{escape(lock[0])} <code>{lock[1]}</code>" if lock else escape(self._t("provenance.no_lock"))
        )
        body = (
            f'<footer class="ca-provenance">'
            f'<h2 id="provenance">{html.escape(self._t("provenance.heading"))}</h2>'
            f'<table class="ca-facts">'
            f"<tr><th>{html.escape(self._t('provenance.version'))}</th><td>{escape(record.version)}</td></tr>"
            f"<tr><th>{html.escape(self._t('provenance.commit'))}</th>"
            f'<td><code class="ca-commit">{escape(commit)}</code></td></tr>'
            f"<tr><th>{html.escape(self._t('provenance.lock'))}</th><td>{lock_cell}</td></tr>"
            f"<tr><th>{html.escape(self._t('provenance.date'))}</th>"
            f'<td><time class="ca-render-date" datetime="{record.rendered_at}">'
            f"{record.rendered_at}</time></td></tr>"
            f"</table><h3>{html.escape(self._t('provenance.files'))}</h3>{files}"
            f"<h3>{html.escape(self._t('provenance.software'))}</h3>{software}"
            f"<h3>{html.escape(self._t('provenance.parameters'))}</h3>{parameters}"
            f'<p class="ca-note">{html.escape(self._t("report.generated_by"))}</p></footer>'
        )
        metadata = {METADATA_KEY: {"index": self.index_entry(), "provenance": record.as_dict()}}
        data = pd.DataFrame(list(record.files), columns=["file", "sha256"])
        return Block(body, self._t("provenance.heading"), metadata, data=data)


def _topic_label(topic: str, lang: str) -> str:
    """The heading of a topic of ``mapping``: its label, else the topic in words (``left_out`` → left out).

    >>> _topic_label("actors", "fr"), _topic_label("vote_counting", "en")
    ('Acteurs', 'Vote counting')
    """
    named = label("mapping", topic, lang)
    return named if named != topic else topic.replace("_", " ").capitalize()


def _dotted(indicators: Mapping[str, Any], key: str) -> Any:
    """The value of a dotted key in the nested indicators object (None when absent)."""
    value: Any = indicators
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _pairs(matrix: pd.DataFrame, value: str) -> pd.DataFrame:
    """A square sector × sector table as tidy rows: sector, other_sector, ``value`` (every cell).

    >>> _pairs(pd.DataFrame([[0, 1], [1, 2]], index=["a", "b"], columns=["a", "b"]), "ties").values.tolist()
    [['a', 'a', 0], ['a', 'b', 1], ['b', 'a', 1], ['b', 'b', 2]]
    """
    if matrix.empty:
        return pd.DataFrame({"sector": pd.Series([], dtype="string"), "other_sector": [], value: []})
    long = matrix.rename_axis(index="sector", columns="other_sector").stack().rename(value).reset_index()
    return long.astype({"sector": "string", "other_sector": "string"})


def open_report(
    case_id: str,
    data_dir: str | os.PathLike[str] = DEFAULT_DATA_DIR,
    *,
    lang: str = DEFAULT_LANG,
    min_cell: int = MIN_CELL,
    seed: int = 0,
    permutations: int = PERMUTATIONS,
    bootstrap: int = BOOTSTRAP,
) -> CaseReport:
    """Load and validate a case and open its report.

    ``case_id``: an id under ``data_dir``, or a case folder; ``lang``,
    ``min_cell``, ``seed``, ``permutations``, ``bootstrap``: as
    :class:`CaseReport`. Raises :class:`~commons_analysis.core.errors.CaseError`
    with every problem of an invalid case.
    """
    from commons_analysis.ingest.loading import load_case, resolve_case

    case = load_case(resolve_case(str(case_id), Path(data_dir)))
    settings: dict[str, Any] = {
        "lang": lang, "min_cell": min_cell, "seed": seed, "permutations": permutations, "bootstrap": bootstrap
    }  # fmt: skip
    parameters = {"case_id": case.id, "data_dir": str(data_dir), **settings}  # the footer names the folder
    return CaseReport(case, parameters=parameters, **settings)


__all__ = ["ATTENDANCE_MAX_EVENTS", "MAP_MAX_ACTORS", "METADATA_KEY", "TESTED", "CaseReport", "open_report"]
