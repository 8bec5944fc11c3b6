"""What the cells of ``notebooks/case_report.ipynb`` call: one displayable per call.

A report cell is one line, ``report.network_map()``; this module does the
rest: it takes the tidy frames of the analysis modules, the figures of
:mod:`plots` and the strings of :mod:`text`, and returns a block that
Jupyter displays (a figure, a table, a heading with its headline figures).

Three rules hold for everything shown:

* **privacy** — names come from :func:`~commons_analysis.publishing.privacy.display_case`
  (persons by pseudonym unless the case opts in); inclusion counts from
  :func:`~commons_analysis.analysis.inclusion.inclusion_table` (small groups suppressed);
* **escaping** — every string that comes from case data is HTML-escaped
  (:func:`html.escape`), so a name like ``<img src=x onerror=…>`` stays text;
* **determinism** — figure ``<div>`` ids are numbered in display order
  (``ca-fig-1``, ``ca-fig-2``…), never random, and layouts are seeded.

Figures are drawn by plotly.js, which a rendered report loads once from the
shared ``plotly.min.js`` next to it. Inside a kernel that renders a report
(the environment variable ``COMMONS_ANALYSIS_OUTPUT=html``, set by
:mod:`render`), a figure is ``text/html`` only; elsewhere (JupyterLab) it
also carries plotly's own mimetype, which JupyterLab draws natively.
Importing this module also routes every plotly figure displayed in IPython
(a cell returning a bare ``go.Figure``) through :class:`FigureBlock`
(:func:`use_report_display`): plotly ≥ 6 inside a papermill kernel would
otherwise pick its ``plotly_mimetype`` renderer, which nbconvert drops, and
the HTML would have no charts. This is done with IPython's display formatter
rather than by setting ``plotly.io.renderers.default``, because importing
plotly's renderer registry imports nbformat and jsonschema, which costs
1.2–1.6 s in every rendering kernel (measured; mostly ``rfc3987_syntax``
building a grammar). ``fig.show()`` goes through plotly's registry and is
not used by the reports.

Example
-------
>>> block = Block(f"<p>{escape('<b>x</b>')}</p>")
>>> block._repr_html_()
'<p>&lt;b&gt;x&lt;/b&gt;</p>'
"""

from __future__ import annotations

import html
import itertools
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, MIN_CELL
from commons_analysis.model.case import Case
from commons_analysis.model.schema import PERSPECTIVES
from commons_analysis.reporting import plots
from commons_analysis.reporting.compare import HEADLINES, format_indicator, headline_values
from commons_analysis.reporting.text import UNDEFINED, indicator_label, label, number, percent, t
from commons_analysis.reporting.text import date as format_date

#: Environment variable set in rendering kernels: ``html`` means "figures as text/html only".
OUTPUT_ENV = "COMMONS_ANALYSIS_OUTPUT"
#: Key of the output metadata that carries the index entry of a report (read by :mod:`render`).
METADATA_KEY = "commons_analysis"
#: Plotly.js, written once into each report folder and loaded by every report in it.
PLOTLY_JS = "plotly.min.js"
#: Above this many actors, a map shows only the most connected ones.
MAP_MAX_ACTORS = plots.MAP_MAX_ACTORS

_figure_numbers = itertools.count(1)


def escape(value: object) -> str:
    """Case data as HTML text (``None`` and missing values as an empty string)."""
    return plots.escape(value)


def html_only() -> bool:
    """True inside a kernel rendering a report for nbconvert (see :data:`OUTPUT_ENV`)."""
    return os.environ.get(OUTPUT_ENV) == "html"


def reset_figure_numbers() -> None:
    """Start figure ids at ``ca-fig-1`` again (each report starts from 1, so ids are deterministic)."""
    global _figure_numbers
    _figure_numbers = itertools.count(1)


# ---------------------------------------------------------------------------
# Displayable blocks
# ---------------------------------------------------------------------------


class Block:
    """A piece of report HTML (already escaped), displayed as ``text/html``.

    ``metadata`` rides along with the output in the notebook (the renderer
    reads the index entry there); ``text`` is the plain-text fallback.
    """

    def __init__(self, html_text: str, text: str = "", metadata: Mapping[str, Any] | None = None):
        self.html = html_text
        self.text = text or ""
        self.metadata = dict(metadata or {})

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        data = {"text/html": self.html, "text/plain": self.text or " "}
        return (data, self.metadata) if self.metadata else data

    def __repr__(self) -> str:
        return self.text or "Block"


def figure_html(figure: go.Figure | Mapping[str, Any], div_id: str | None = None) -> str:
    """A figure as a ``<div>`` and the script that draws it with the page's Plotly (no plotly.js inside)."""
    div_id = div_id or f"ca-fig-{next(_figure_numbers)}"
    return pio.to_html(
        figure,
        include_plotlyjs=False,
        full_html=False,
        div_id=div_id,
        validate=False,
        config={"displaylogo": False, "responsive": True},
    )


class FigureBlock:
    """A plotly figure with its caption (from :func:`plots.with_caption`)."""

    def __init__(self, figure: go.Figure):
        self.figure = figure

    @property
    def caption(self) -> str | None:
        """The caption stored in the figure."""
        return plots.caption_of(self.figure)

    def html(self) -> str:
        """``<figure>`` with the chart and its caption; a new deterministic div id on each call."""
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        return f'<figure class="ca-figure">{figure_html(self.figure)}{caption}</figure>'

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        title = self.figure.layout.title.text or ""
        bundle: dict[str, Any] = {
            "text/html": self.html(),
            "text/plain": html.unescape(str(title)) or "figure",
        }
        if not html_only():
            figure = json.loads(pio.to_json(self.figure, validate=False))
            figure["config"] = {"displaylogo": False}
            bundle["application/vnd.plotly.v1+json"] = figure
        return bundle

    def __repr__(self) -> str:
        return str(self.figure.layout.title.text or "figure")


class Blocks:
    """Several blocks shown one after the other (one output each)."""

    def __init__(self, parts: Iterable[Block | FigureBlock | None]):
        self.parts = [part for part in parts if part is not None]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for part in self.parts:
            display(part)

    def html(self) -> str:
        """All parts as one HTML string (for pages built outside a notebook)."""
        return "".join(part.html() if isinstance(part, FigureBlock) else part.html for part in self.parts)

    def __repr__(self) -> str:
        return "\n".join(repr(part) for part in self.parts)


def _display_figure(figure: Any) -> bool:
    from IPython.display import display

    display(FigureBlock(figure))
    return True


def use_report_display() -> bool:
    """Display plotly figures as :class:`FigureBlock` in the running IPython (done on import).

    Returns False outside IPython. See the module docstring for why this is
    not done by setting ``plotly.io.renderers.default``.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return False
    shell = get_ipython()
    if shell is None:
        return False
    from plotly.basedatatypes import BaseFigure

    shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, _display_figure)
    return True


use_report_display()


class Markup(str):
    """A string that is already safe HTML: :func:`html_table` inserts it as is."""


def cell(value: object) -> str:
    """A table cell: escaped text, or :class:`Markup` as is."""
    if isinstance(value, Markup):
        return str(value)
    if value is None or value is pd.NA:
        return UNDEFINED
    return html.escape(str(value))


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    numeric: Iterable[int] = (),
    caption: str | None = None,
    css: str = "ca-table",
) -> str:
    """An HTML table; every cell escaped unless it is :class:`Markup`; ``numeric`` columns right-aligned.

    >>> html_table(["a"], [["<i>"]])[-50:]
    '<tbody><tr><td>&lt;i&gt;</td></tr></tbody></table>'
    """
    right = set(numeric)

    def row_html(values: Sequence[object], tag: str) -> str:
        cells = "".join(
            f'<{tag} class="num">{cell(v)}</{tag}>' if i in right else f"<{tag}>{cell(v)}</{tag}>"
            for i, v in enumerate(values)
        )
        return f"<tr>{cells}</tr>"

    body = "".join(row_html(row, "td") for row in rows)
    head = row_html(header, "th")
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="{css}">{caption_html}<thead>{head}</thead><tbody>{body}</tbody></table>'


def headline_cards(values: Mapping[str, Any], lang: str) -> str:
    """Headline figures as a row of cards: the value large, its label under it."""
    cards = "".join(
        f'<div class="ca-card"><div class="ca-value">{html.escape(format_indicator(key, value, lang))}</div>'
        f'<div class="ca-label">{html.escape(indicator_label(key, lang))}</div></div>'
        for key, value in values.items()
    )
    return f'<div class="ca-cards" role="list">{cards}</div>'


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (a ``javascript:`` source must not become a link)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def note(text: str, css: str = "ca-note") -> Block:
    """A short paragraph (text escaped)."""
    return Block(f'<p class="{css}">{html.escape(text)}</p>', text)


# ---------------------------------------------------------------------------
# The report of one case
# ---------------------------------------------------------------------------


class CaseReport:
    """The report of one case: each method returns what one notebook cell shows.

    Everything is computed from the case as loaded; everything shown about
    actors is taken from ``display_case`` (pseudonyms), matched by row.
    """

    def __init__(
        self,
        case: Case,
        *,
        lang: str = DEFAULT_LANG,
        min_cell: int = MIN_CELL,
        seed: int = 0,
        parameters: Mapping[str, Any] | None = None,
    ):
        t("report.title", lang)  # fails early on an unknown language
        self.case = case
        self.lang = lang
        self.min_cell = int(min_cell)
        self.seed = int(seed)
        self.parameters = dict(
            parameters or {"case_id": case.id, "lang": lang, "min_cell": min_cell, "seed": seed}
        )
        reset_figure_numbers()

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
    def indicators(self) -> dict[str, Any]:
        """The indicators object of DESIGN.md."""
        from commons_analysis.analysis.indicators import compute_indicators

        return compute_indicators(self.case, min_cell=self.min_cell, seed=self.seed)

    @cached_property
    def headlines(self) -> dict[str, Any]:
        """Every headline indicator by dotted key."""
        return headline_values(self.case, self.indicators)

    @cached_property
    def actor_table(self) -> pd.DataFrame:
        """Degree, betweenness and brokerage per actor (names as shown)."""
        from commons_analysis.analysis.network import actor_table

        table = actor_table(self.case, seed=self.seed)
        sources = table.attrs.get("betweenness_sources")
        table = table.assign(name=table["actor_id"].astype(str).map(self.names))
        table.attrs["betweenness_sources"] = sources
        return table

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    # -- at a glance ------------------------------------------------------------------

    def banner(self) -> Block | None:
        """The banner of an illustrative case (None for documented data)."""
        if self.case.meta.data_status != "illustrative":
            return None
        return Block(
            '<div class="ca-banner" role="note"><strong>'
            f"{html.escape(self._t('banner.illustrative.title'))}</strong> "
            f"{html.escape(self._t('banner.illustrative.text'))}</div>",
            self._t("banner.illustrative.title"),
        )

    def at_a_glance(self) -> Blocks:
        """Title, banner (illustrative data), then place, period, legal form, summary and sources."""
        meta, lang = self.shown.meta, self.lang  # persons' names scrubbed from the texts
        title = meta.title.text(lang) or meta.id
        style = "" if html_only() else f"<style>{component_styles()}</style>"
        heading = Block(f'{style}<h1 class="ca-title">{escape(title)}</h1>', title)
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
        rows = "".join(
            f"<tr><th>{html.escape(name)}</th><td>{cell(value)}</td></tr>" for name, value in facts if value
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
        return Blocks([heading, self.banner(), Block("".join(parts), title)])

    # -- sections ---------------------------------------------------------------------

    def section(self, perspective: str) -> Block:
        """Heading of a perspective, the question it answers, and its headline figures."""
        if perspective not in HEADLINES:
            raise ValueError(f"unknown perspective {perspective!r}: use one of {', '.join(HEADLINES)}")
        title = self._t(f"perspective.{perspective}.title")
        parts = [
            f'<h2 id="{perspective}" class="ca-section">{html.escape(title)}</h2>',
            f'<p class="ca-question">{html.escape(self._t(f"perspective.{perspective}.question"))}</p>',
        ]
        if perspective not in self.case.meta.perspectives:
            parts.append(f'<p class="ca-note">{html.escape(self._t("perspective.not_listed"))}</p>')
        values = {key: self.headlines.get(key) for key in HEADLINES[perspective]}
        parts.append(headline_cards(values, self.lang))
        text = (
            title
            + "\n"
            + "\n".join(
                f"{indicator_label(k, self.lang)}: {format_indicator(k, v, self.lang)}"
                for k, v in values.items()
            )
        )
        return Block("".join(parts), text)

    # -- public power -----------------------------------------------------------------

    def network_map(self, positions: pd.DataFrame | None = None) -> Blocks:
        """The cooperation network, coloured by sector, seeded layout, hover details.

        ``positions`` (actor_id, x, y) fixes the layout (the explorer keeps the whole case's).
        """
        from commons_analysis.analysis.network import cooperation_graph

        graph = cooperation_graph(self.case)
        table = self.actor_table
        degree = dict(zip(table["actor_id"].astype(str), table["degree"].fillna(0).astype(int), strict=True))
        total = graph.number_of_nodes()
        truncated = None
        if total > MAP_MAX_ACTORS:
            keep = sorted(graph.nodes, key=lambda n: (-degree.get(str(n), 0), str(n)))[:MAP_MAX_ACTORS]
            graph = graph.subgraph(keep).copy()
            truncated = note(self._t("figure.network_map.truncated", shown=MAP_MAX_ACTORS, total=total))
        if positions is None:
            positions = plots.network_layout(graph, seed=self.seed)
        else:
            positions = positions[positions["actor_id"].astype(str).isin({str(n) for n in graph.nodes})]
        actors = self.case.actors.assign(actor_id=self.case.actors["actor_id"].astype(str))
        nodes = positions.merge(
            actors[["actor_id", "sector", "kind"]].assign(sector=lambda f: f["sector"].astype(str)),
            on="actor_id",
        )
        nodes["name"] = nodes["actor_id"].map(self.names)
        nodes["degree"] = nodes["actor_id"].map(degree).fillna(0)
        edges = pd.DataFrame(sorted((str(u), str(v)) for u, v in graph.edges), columns=["source", "target"])
        conflicts = self.case.relations[self.case.relations["type"] == "conflict"][
            ["source", "target"]
        ].astype(str)
        figure = plots.network_map(nodes, edges, self.lang, conflicts=conflicts)
        plots.with_caption(figure, self._t("figure.network_map.caption", seed=self.seed))
        return Blocks([FigureBlock(figure), truncated])

    def sector_ties(self) -> FigureBlock:
        """Heatmap of cooperation ties between sectors."""
        from commons_analysis.analysis.network import sector_tie_matrix

        figure = plots.sector_tie_heatmap(sector_tie_matrix(self.case), self.lang)
        return FigureBlock(plots.with_caption(figure, self._t("figure.sector_ties.caption")))

    def brokers(self, top: int = 10) -> Block:
        """The actors with the most brokerage, with their roles and z-scores (Gould & Fernandez)."""
        from commons_analysis.analysis.brokerage import ROLES

        table = self.actor_table.copy()
        counts = table[list(ROLES)].fillna(0).astype(int)
        table["total"] = counts.sum(axis=1)
        table = table[table["total"] > 0].sort_values(["total", "name"], ascending=[False, True]).head(top)
        title = self._t("table.brokers.title")
        if table.empty:
            return Block(f"<h3>{html.escape(title)}</h3>{note(self._t('no_data')).html}", title)
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
        sources = table.attrs.get("betweenness_sources") or self.actor_table.attrs.get("betweenness_sources")
        if sources:
            parts.append(
                note(self._t("table.brokers.sampled", sources=number(sources, lang), seed=self.seed)).html
            )
        return Block("".join(parts), title)

    def flows(self) -> FigureBlock:
        """Sankey of funding and in-kind flows, giver → receiver."""
        from commons_analysis.analysis.network import flows

        table = flows(self.case)
        actors = pd.DataFrame(
            {
                "actor_id": self.case.actors["actor_id"].astype(str),
                "name": self.case.actors["actor_id"].astype(str).map(self.names),
                "sector": self.case.actors["sector"].astype(str),
            }
        )
        return FigureBlock(plots.flows_sankey(table, actors, self.lang))

    def initiative(self) -> FigureBlock:
        """Share of decisions initiated by each sector."""
        shares = self.indicators["decisions"].get("initiative_share_by_sector") or {}
        if not any(shares.values()):
            shares = {}
        figure = plots.share_bars(
            shares,
            self.lang,
            kind="sector",
            title=self._t("figure.initiative.title"),
            axis=self._t("figure.initiative.axis"),
            caption=self._t("figure.initiative.caption"),
        )
        return FigureBlock(figure)

    def network_over_time(self) -> FigureBlock:
        """Active actors, ties, density and E-I index per year."""
        from commons_analysis.analysis.network import network_by_period

        frame = network_by_period(self.case, freq="year")
        columns = [
            ("active_actors", indicator_label("network.active_actors", self.lang)),
            ("ties", indicator_label("network.ties", self.lang)),
            ("density", indicator_label("network.density", self.lang)),
            ("ei_index", indicator_label("network.ei_index", self.lang)),
        ]
        figure = plots.time_panels(
            frame,
            "period",
            columns,
            self.lang,
            title=self._t("figure.network_time.title"),
            x_title=self._t("figure.year"),
        )
        return FigureBlock(plots.with_caption(figure, self._t("figure.network_time.caption")))

    def coparticipation(self) -> Blocks:
        """The co-participation network: actors linked by the events they shared, across sectors."""
        from commons_analysis.analysis.coparticipation import coparticipation_indicators

        values = coparticipation_indicators(self.case)
        keys = ("actors", "ties", "density", "components", "ei_index", "mean_shared_events")
        shown = {f"coparticipation.{key}": values.get(key) for key in keys}
        heading = self._t("coparticipation.heading")
        text = (
            heading
            + "\n"
            + "\n".join(
                f"{indicator_label(k, self.lang)}: {format_indicator(k, v, self.lang)}"
                for k, v in shown.items()
            )
        )
        cards = f'<h3 class="ca-subsection">{html.escape(heading)}</h3>' + headline_cards(shown, self.lang)
        sectors = sorted({s for pair in values["sector_ties"] for s in pair.split("|")})
        matrix = pd.DataFrame(0, index=sectors, columns=sectors)
        for pair, count in values["sector_ties"].items():
            first, second = pair.split("|")
            matrix.loc[first, second] = matrix.loc[second, first] = count
        figure = plots.sector_tie_heatmap(matrix, self.lang, title_key="figure.coparticipation.title")
        caption = self._t("figure.coparticipation.caption")
        return Blocks([Block(cards, text), FigureBlock(plots.with_caption(figure, caption))])

    # -- people far from public action ------------------------------------------------

    def attendance(self) -> FigureBlock:
        """Participants per event over time, newcomers apart."""
        from commons_analysis.analysis.participation import attendance_by_event

        return FigureBlock(plots.attendance_chart(attendance_by_event(self.case), self.lang))

    def lorenz(self) -> FigureBlock:
        """The Lorenz curve of participation records and its Gini coefficient."""
        from commons_analysis.analysis.participation import lorenz_curve

        gini = self.indicators["participation"].get("gini")
        return FigureBlock(plots.lorenz_chart(lorenz_curve(self.case), gini, self.lang))

    def inclusion(self) -> Blocks:
        """Groups among participating persons against the population; suppressed groups marked so."""
        from commons_analysis.analysis.inclusion import inclusion_table

        table = inclusion_table(self.case, min_cell=self.min_cell, lang=self.lang)
        figure = FigureBlock(plots.inclusion_chart(table, self.min_cell, self.lang))
        if table.empty:
            return Blocks([figure])
        hidden = self._t("figure.inclusion.suppressed", k=self.min_cell)
        rows = []
        for row in table.itertuples(index=False):
            suppressed = bool(row.suppressed) if not pd.isna(row.suppressed) else False
            rows.append(
                [
                    row.label if isinstance(row.label, str) and row.label else row.group,
                    hidden
                    if suppressed
                    else number(None if pd.isna(row.count) else int(row.count), self.lang),
                    hidden
                    if suppressed
                    else percent(None if pd.isna(row.share) else float(row.share), self.lang),
                    percent(
                        None if pd.isna(row.population_share) else float(row.population_share), self.lang
                    ),
                    hidden
                    if suppressed
                    else number(
                        None if pd.isna(row.representation_ratio) else float(row.representation_ratio),
                        self.lang,
                    ),
                ]
            )
        header = [
            self._t("column.group"),
            self._t("column.count"),
            self._t("column.share"),
            self._t("column.population_share"),
            self._t("column.representation_ratio"),
        ]
        return Blocks(
            [figure, Block(html_table(header, rows, numeric=range(1, 5)), self._t("table.inclusion.title"))]
        )

    def hours(self) -> FigureBlock:
        """Participation hours by role, paid and unpaid."""
        from commons_analysis.analysis.participation import hours_by_role

        return FigureBlock(plots.hours_chart(hours_by_role(self.case), self.lang))

    # -- practices and tools ----------------------------------------------------------

    def decision_rules(self) -> FigureBlock:
        """Decisions per year and rule."""
        from commons_analysis.analysis.decisions import decisions_by_year
        from commons_analysis.model.schema import DECISION_RULES

        by_year = decisions_by_year(self.case)
        rows = []
        for row in by_year.to_dict("records"):
            count = 0 if pd.isna(row["count"]) else int(row["count"])
            for rule in DECISION_RULES:
                share = row.get(f"rule_share_{rule}")
                decisions = 0 if share is None or pd.isna(share) else round(float(share) * count)
                rows.append({"period": str(row["year"]), "rule": rule, "decisions": decisions})
        frame = pd.DataFrame(rows, columns=["period", "rule", "decisions"])
        return FigureBlock(plots.decision_rules_chart(frame, self.lang))

    def open_events(self) -> FigureBlock:
        """Open and closed events per kind."""
        events = self.case.events
        frame = (
            events.assign(kind=events["kind"].astype(str), open=events["open"].fillna(True).astype(bool))
            .groupby(["kind", "open"], as_index=False, sort=True)
            .size()
            .rename(columns={"size": "events"})
        )
        return FigureBlock(plots.open_events_chart(frame, self.lang))

    def facilitation(self) -> FigureBlock:
        """Events facilitated by each facilitator, with the rotation indicator."""
        from commons_analysis.analysis.participation import facilitator_rotation

        rotation = facilitator_rotation(self.case)
        participation = self.case.participation
        facilitating = participation[participation["role"] == "facilitator"]
        per_actor = (
            facilitating.assign(actor_id=facilitating["actor_id"].astype(str))
            .groupby("actor_id", sort=True)["event_id"]
            .nunique()
        )
        sectors = dict(
            zip(self.case.actors["actor_id"].astype(str), self.case.actors["sector"].astype(str), strict=True)
        )
        frame = pd.DataFrame(
            {
                "name": [self.names.get(a, a) for a in per_actor.index],
                "sector": [sectors.get(a, "other") for a in per_actor.index],
                "events": per_actor.to_numpy(),
            }
        )
        return FigureBlock(plots.facilitation_chart(frame, rotation, self.lang))

    def ostrom(self) -> Blocks:
        """Radar of Ostrom's principles as coded, with the evidence."""
        from commons_analysis.analysis.assessment import ostrom_table

        table = ostrom_table(self.shown)
        score = self.indicators["assessment"].get("ostrom_score")
        figure = FigureBlock(plots.ostrom_radar(table, score, self.lang))
        coded = table.dropna(subset=["score"])
        if coded.empty:
            return Blocks([figure, note(self._t("no_assessment"))])
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
            [figure, Block(f"<h3>{html.escape(title)}</h3>" + html_table(header, rows, numeric=[1]), title)]
        )

    def arnstein(self) -> Blocks:
        """Arnstein's ladder with the case's rung, and the evidence."""
        from commons_analysis.analysis.assessment import arnstein_summary

        summary = arnstein_summary(self.shown)
        figure = FigureBlock(plots.arnstein_ladder(summary.get("rung"), self.lang))
        if summary.get("rung") is None:
            return Blocks([figure, note(self._t("no_assessment"))])
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
        """Footer: package version, git commit, SHA-256 of every data file, parameters, render date."""
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
        body = (
            f'<footer class="ca-provenance">'
            f'<h2 id="provenance">{html.escape(self._t("provenance.heading"))}</h2>'
            f'<table class="ca-facts">'
            f"<tr><th>{html.escape(self._t('provenance.version'))}</th><td>{escape(record.version)}</td></tr>"
            f"<tr><th>{html.escape(self._t('provenance.commit'))}</th>"
            f'<td><code class="ca-commit">{escape(commit)}</code></td></tr>'
            f"<tr><th>{html.escape(self._t('provenance.date'))}</th>"
            f'<td><time class="ca-render-date" datetime="{record.rendered_at}">'
            f"{record.rendered_at}</time></td></tr>"
            f"</table><h3>{html.escape(self._t('provenance.files'))}</h3>{files}"
            f"<h3>{html.escape(self._t('provenance.parameters'))}</h3>{parameters}"
            f'<p class="ca-note">{html.escape(self._t("report.generated_by"))}</p></footer>'
        )
        metadata = {METADATA_KEY: {"index": self.index_entry(), "provenance": record.as_dict()}}
        return Block(body, self._t("provenance.heading"), metadata)


def open_report(
    case_id: str,
    data_dir: str | os.PathLike[str] = DEFAULT_DATA_DIR,
    *,
    lang: str = DEFAULT_LANG,
    min_cell: int = MIN_CELL,
    seed: int = 0,
) -> CaseReport:
    """Load and validate the case ``case_id`` (an id under ``data_dir``, or a folder) and open its report."""
    from commons_analysis.ingest.loading import load_case, resolve_case

    case = load_case(resolve_case(str(case_id), Path(data_dir)))
    parameters = {
        "case_id": case.id,
        "data_dir": str(data_dir),
        "lang": lang,
        "min_cell": min_cell,
        "seed": seed,
    }
    return CaseReport(case, lang=lang, min_cell=min_cell, seed=seed, parameters=parameters)


# ---------------------------------------------------------------------------
# The comparison of cases
# ---------------------------------------------------------------------------


class ComparisonReport:
    """All cases side by side on each perspective's headline indicators (``notebooks/comparison.ipynb``)."""

    def __init__(
        self,
        cases: Sequence[Case],
        errors: Mapping[str, Any] | None = None,
        *,
        lang: str = DEFAULT_LANG,
        min_cell: int = MIN_CELL,
        seed: int = 0,
    ):
        t("report.title", lang)
        self.cases = sorted(cases, key=lambda case: case.id)
        self.errors = dict(errors or {})
        self.lang = lang
        self.min_cell = int(min_cell)
        self.seed = int(seed)
        reset_figure_numbers()

    @cached_property
    def frame(self) -> pd.DataFrame:
        """One row per case (index: case id), the headline indicators as columns."""
        from commons_analysis.reporting.compare import comparison_frame

        return comparison_frame(self.cases, min_cell=self.min_cell, seed=self.seed)

    @cached_property
    def case_labels(self) -> dict[str, str]:
        """case id → short label: the place when places tell the cases apart, else the id."""
        places = [case.meta.place for case in self.cases]
        unique = all(places) and len(set(places)) == len(places)
        return {case.id: (case.meta.place if unique and case.meta.place else case.id) for case in self.cases}

    def _labelled(self, columns: Sequence[str]) -> pd.DataFrame:
        frame = self.frame.reindex(columns=list(columns))
        frame.index = [self.case_labels.get(str(case_id), str(case_id)) for case_id in frame.index]
        return frame

    def heading(self) -> Block:
        """Title, what the page shows, the illustrative warning, and the cases left out as invalid."""
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
        rows = [
            [self.case_labels[case.id], case.meta.title.text(lang) or case.id, case.id,
             t(f"data_status.{case.meta.data_status}", lang)]
            for case in self.cases
        ]  # fmt: skip
        header = [t("column.case", lang), t("column.title", lang), "id", t("column.data_status", lang)]
        parts.append(html_table(header, rows))
        if self.errors:
            items = "".join(
                f"<li><strong>{escape(case_id)}</strong>: {escape(error)}</li>"
                for case_id, error in self.errors.items()
            )
            parts.append(f"<h3>{html.escape(t('comparison.errors', lang))}</h3><ul>{items}</ul>")
        return Block("".join(parts), t("comparison.title", lang))

    def perspective(self, perspective: str) -> Blocks:
        """A perspective's question, then one panel per headline indicator with a bar per case."""
        from commons_analysis.reporting.compare import indicator_kind

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
        figure = plots.comparison_bars(
            self._labelled(keys),
            [(key, indicator_label(key, lang)) for key in keys],
            lang,
            title=title,
            percent_columns=[key for key in keys if indicator_kind(key) == "share"],
            text_for=lambda key, value: format_indicator(key, value, lang),
        )
        return Blocks([heading, FigureBlock(figure)])

    def ostrom(self) -> FigureBlock:
        """Heatmap of the coded Ostrom scores, cases × principles."""
        from commons_analysis.analysis.assessment import ostrom_table

        rows = {}
        for case in self.cases:
            table = ostrom_table(case)
            rows[self.case_labels[case.id]] = {
                str(row.principle): (None if pd.isna(row.score) else float(row.score))
                for row in table.itertuples(index=False)
            }
        frame = pd.DataFrame.from_dict(rows, orient="index")
        return FigureBlock(plots.ostrom_comparison(frame, self.lang))

    def table(self) -> Block:
        """Every headline indicator (rows) for every case (columns), formatted; undefined values as a dash."""
        lang = self.lang
        keys = [key for perspective in HEADLINES.values() for key in perspective]
        labels = [self.case_labels[case.id] for case in self.cases]
        rows = []
        for key in keys:
            column = self.frame[key].tolist() if key in self.frame.columns else [None] * len(self.cases)
            values = [
                format_indicator(key, None if v is None or pd.isna(v) else float(v), lang) for v in column
            ]
            rows.append([indicator_label(key, lang), *values])
        title = t("comparison.table", lang)
        header = [t("column.value", lang), *labels]
        return Block(
            f"<h2>{html.escape(title)}</h2>" + html_table(header, rows, numeric=range(1, len(header))), title
        )


def open_comparison(
    data_dir: str | os.PathLike[str] = DEFAULT_DATA_DIR,
    *,
    lang: str = DEFAULT_LANG,
    min_cell: int = MIN_CELL,
    seed: int = 0,
) -> ComparisonReport:
    """Load every case under ``data_dir`` (invalid ones are listed, not compared) and open the comparison."""
    from commons_analysis.ingest.loading import load_cases

    loaded = load_cases(Path(data_dir))
    errors = {
        case_id: "; ".join(str(p) for p in error.problems[:3]) for case_id, error in loaded.errors.items()
    }
    return ComparisonReport(list(loaded.cases.values()), errors, lang=lang, min_cell=min_cell, seed=seed)


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------

STYLESHEET = """
:root{--ca-ink:#1f2328;--ca-muted:#59636e;--ca-line:#d8dee4;--ca-soft:#f6f8fa;--ca-accent:#0072B2}
body{margin:0;color:var(--ca-ink);
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fff}
main{max-width:1080px;margin:0 auto;padding:24px 28px 64px}
h1.ca-title{font-size:1.9rem;line-height:1.25;margin:.4em 0 .3em}
h2{font-size:1.45rem;margin:1.8em 0 .4em;padding-bottom:.2em;border-bottom:2px solid var(--ca-line)}
h2.ca-section{border-bottom-color:var(--ca-accent)}
h3{font-size:1.1rem;margin:1.3em 0 .4em}
a{color:var(--ca-accent)}
.ca-banner{background:#fff4d6;border:1px solid #e6b800;border-left:6px solid #e69f00;
padding:.8em 1em;margin:.6em 0 1.2em;
border-radius:4px}
.ca-question{font-style:italic;color:var(--ca-muted);font-size:1.05rem}
.ca-note,.ca-caption,figcaption{color:var(--ca-muted);font-size:.9rem}
.ca-evidence{border-left:3px solid var(--ca-line);padding-left:.8em}
.ca-nav{display:flex;flex-wrap:wrap;gap:.4em 1.2em;margin:1em 0}
.ca-cards{display:flex;flex-wrap:wrap;gap:10px;margin:.8em 0 1.2em}
.ca-card{flex:1 1 150px;max-width:220px;background:var(--ca-soft);border:1px solid var(--ca-line);
border-radius:6px;
padding:.55em .75em}
.ca-value{font-size:1.35rem;font-weight:600;font-variant-numeric:tabular-nums}
.ca-label{font-size:.82rem;color:var(--ca-muted)}
table.ca-table,table.ca-facts{border-collapse:collapse;margin:.6em 0 1em;font-size:.92rem}
table.ca-table th,table.ca-table td{border-bottom:1px solid var(--ca-line);padding:.35em .7em;
text-align:left;
vertical-align:top}
table.ca-table thead th{background:var(--ca-soft);border-bottom:2px solid var(--ca-line)}
table.ca-table td.num,table.ca-table th.num{text-align:right;font-variant-numeric:tabular-nums}
table.ca-table td.num{white-space:nowrap}
table.ca-index th.num{max-width:9em;font-weight:600;font-size:.85rem}
table.ca-index td:first-child{min-width:16em}
table.ca-table tbody tr:nth-child(even){background:#fbfcfd}
table.ca-facts th{text-align:left;padding:.25em 1.2em .25em 0;color:var(--ca-muted);font-weight:500;
vertical-align:top}
table.ca-facts td{padding:.25em 0}
figure.ca-figure{margin:1em 0 1.6em}
code{font-size:.85em;word-break:break-all}
.ca-provenance{margin-top:3em}
.ca-failed td{color:#a40000}
.ca-status{font-size:.8rem;padding:.1em .45em;border-radius:3px;background:#fff4d6;
border:1px solid #e6b800}
.jp-OutputArea-output pre{white-space:pre-wrap}
@media print{.ca-nav{display:none}}
""".strip()


def component_styles() -> str:
    """The rules of :data:`STYLESHEET` for our own classes (``ca-…``) only.

    Shown inside JupyterLab, where rules for ``body`` or ``h2`` would restyle JupyterLab itself.
    """
    rules = [rule.strip() + "}" for rule in STYLESHEET.replace("\n", "").split("}") if rule.strip()]
    selectors = [rule.split("{", 1)[0] for rule in rules]
    return "".join(
        rule
        for rule, selector in zip(rules, selectors, strict=True)
        if "ca-" in selector or selector == ":root"
    )


def page(title: str, body: str, lang: str = DEFAULT_LANG, *, plotly_js: str | None = PLOTLY_JS) -> str:
    """A complete HTML page: our stylesheet, the shared plotly.js (relative link), and ``body``.

    ``title`` is escaped here; ``body`` must already be safe HTML.
    """
    script = f'<script src="{html.escape(plotly_js)}" charset="utf-8"></script>\n' if plotly_js else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{STYLESHEET}\n</style>\n{script}</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


__all__ = [
    "METADATA_KEY",
    "OUTPUT_ENV",
    "PLOTLY_JS",
    "STYLESHEET",
    "Block",
    "Blocks",
    "CaseReport",
    "ComparisonReport",
    "FigureBlock",
    "Markup",
    "component_styles",
    "figure_html",
    "headline_cards",
    "html_table",
    "open_comparison",
    "open_report",
    "page",
    "safe_url",
    "use_report_display",
]
