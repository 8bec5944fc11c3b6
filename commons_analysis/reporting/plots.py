"""Plotly figures of the reports, each built from a tidy frame the analysis modules return.

Figures never compute indicators: they draw what they are given (DESIGN.md,
"How data flows"). Every string that comes from case data (names, group
labels, evidence) is HTML-escaped here, because plotly renders a subset of
HTML in titles, labels and hover text: a name like ``<b>x</b>`` or
``<img src=x onerror=…>`` must stay text. Labels come from :mod:`text`.

Figures have an explicit height (a report is a long page, not a dashboard)
and a small shared template, which keeps each figure's JSON light. Colours
come from :mod:`palette`; numbers on axes and in hover labels are written as
the report's language writes them (``layout.separators``: a decimal comma in
French, as the headline cards). The
network layout is seeded and computed on a sorted copy of the graph, so the
same case gives the same picture in every rendering.

Example
-------
>>> import pandas as pd
>>> frame = pd.DataFrame({"population_share": [0, 0.5, 1], "records_share": [0, 0.25, 1]})
>>> figure = lorenz_chart(frame, gini=0.25, lang="en")
>>> figure.data[1].y  # data[0] is the equality diagonal
(0.0, 0.25, 1.0)
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.model.schema import (
    ARNSTEIN_RUNGS,
    DECISION_RULES,
    EVENT_KINDS,
    OSTROM_PRINCIPLES,
    PARTICIPATION_ROLES,
    SECTORS,
)
from commons_analysis.reporting import palette
from commons_analysis.reporting.palette import ARNSTEIN_COLOURS, RULE_COLOURS, SECTOR_COLOURS
from commons_analysis.reporting.text import PLOTLY_SEPARATORS, UNDEFINED, euros, label, number, percent, t
from commons_analysis.reporting.text import date as format_date

ARNSTEIN_LEVELS = {
    "nonparticipation": ("manipulation", "therapy"),
    "tokenism": ("informing", "consultation", "placation"),
    "citizen_power": ("partnership", "delegated_power", "citizen_control"),
}

#: The Sankey draws at most this many flows, the largest.
SANKEY_MAX_FLOWS = 60
#: The Lorenz curve is drawn through at most this many points.
LORENZ_MAX_POINTS = 400

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={
            "family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "size": 13,
            "color": palette.CHART_INK,
        },
        paper_bgcolor=palette.WHITE,
        plot_bgcolor=palette.WHITE,
        colorway=list(SECTOR_COLOURS.values()),
        hoverlabel={"align": "left"},
        hovermode="closest",
        margin={"l": 60, "r": 30, "t": 60, "b": 50},
        xaxis={"gridcolor": palette.GRID, "zerolinecolor": palette.ZERO_LINE, "automargin": True},
        yaxis={"gridcolor": palette.GRID, "zerolinecolor": palette.ZERO_LINE, "automargin": True},
        legend={"bgcolor": palette.rgba(palette.PAPER, 0.8)},
    )
)


def escape(value: object) -> str:
    """Case data as plotly text: HTML-escaped, so that markup in a name is shown, never rendered.

    >>> escape("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _figure(title: str, lang: str, height: int = 460) -> go.Figure:
    figure = go.Figure()
    _frame(figure, title, lang, height)
    return figure


def _frame(figure: go.Figure, title: str, lang: str, height: int) -> None:
    """The shared template, title, height, and the language's number separators."""
    figure.update_layout(
        template=TEMPLATE, title={"text": title, "x": 0.01}, height=height, separators=PLOTLY_SEPARATORS[lang]
    )


def empty_figure(title: str, lang: str = DEFAULT_LANG, height: int = 260) -> go.Figure:
    """A titled figure saying there is no data, so a missing table never breaks a report."""
    figure = _figure(title, lang, height)
    figure.add_annotation(text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


# ---------------------------------------------------------------------------
# Public power
# ---------------------------------------------------------------------------


def network_layout(actor_ids: Iterable[str], ties: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """Seeded spring layout (Fruchterman–Reingold) of the actors and their ties: DataFrame(actor_id, x, y).

    ``ties``: source, target (ties to actors outside ``actor_ids`` are left out).
    Actors and ties are sorted first, so the picture depends on the network
    and the seed only, not on the order of the rows. Positions are rounded to
    4 decimals (finer than any screen) to keep the figure JSON small and
    stable. Positions are a way of drawing, not a measure: they are computed here.

    >>> ties = pd.DataFrame({"source": ["b", "a"], "target": ["a", "c"]})
    >>> reversed_ties = pd.DataFrame({"source": ["c", "a"], "target": ["a", "b"]})
    >>> network_layout("abc", ties, seed=1).equals(network_layout("cba", reversed_ties, seed=1))
    True
    """
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(map(str, actor_ids)))
    pairs = (tuple(sorted((str(u), str(v)))) for u, v in zip(ties["source"], ties["target"], strict=True))
    ordered.add_edges_from(sorted(pair for pair in pairs if pair[0] in ordered and pair[1] in ordered))
    if ordered.number_of_nodes() == 0:
        return pd.DataFrame({"actor_id": pd.Series([], dtype="string"), "x": [], "y": []})
    positions = nx.spring_layout(ordered, seed=seed)
    nodes = list(ordered.nodes)
    xy = np.round(np.array([positions[node] for node in nodes], dtype=float), 4)
    return pd.DataFrame({"actor_id": pd.array(nodes, dtype="string"), "x": xy[:, 0], "y": xy[:, 1]})


def network_map(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    lang: str = DEFAULT_LANG,
    *,
    conflicts: pd.DataFrame | None = None,
    title: str | None = None,
) -> go.Figure:
    """Map of the actors coloured by sector, sized by degree, with hover details.

    ``nodes``: actor_id, name, sector, kind, degree, x, y (see :func:`network_layout`).
    ``edges``: source, target (cooperation ties). ``conflicts``: source, target,
    drawn dashed in red when given.
    """
    title = title or t("figure.network_map.title", lang)
    if nodes.empty:
        return empty_figure(title, lang)
    figure = _figure(title, lang, height=620)
    where = {row.actor_id: (row.x, row.y) for row in nodes.itertuples(index=False)}

    def segments(frame: pd.DataFrame) -> tuple[list[float | None], list[float | None]]:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for source, target in zip(frame["source"], frame["target"], strict=True):
            if source in where and target in where:
                xs += [where[source][0], where[target][0], None]
                ys += [where[source][1], where[target][1], None]
        return xs, ys

    xs, ys = segments(edges)
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"width": 0.7, "color": palette.TIE},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    if conflicts is not None and not conflicts.empty:
        xs, ys = segments(conflicts)
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                line={"width": 1.2, "color": palette.CONFLICT, "dash": "dash"},
                name=label("relation", "conflict", lang),
            )
        )
    for sector in SECTORS:
        part = nodes[nodes["sector"].astype("string") == sector]
        if part.empty:
            continue
        degree = part["degree"].astype(float).fillna(0)
        hover = [
            t(
                "figure.network_map.hover",
                lang,
                name=escape(row.name),
                sector=label("sector", row.sector, lang),
                kind=label("kind", row.kind, lang),
                degree=number(int(d), lang),
            )
            for row, d in zip(part.itertuples(index=False), degree, strict=True)
        ]
        figure.add_trace(
            go.Scatter(
                x=part["x"].tolist(),
                y=part["y"].tolist(),
                mode="markers",
                name=label("sector", sector, lang),
                marker={
                    "size": (7 + 3 * np.sqrt(degree)).round(2).tolist(),
                    "color": SECTOR_COLOURS[sector],
                    "line": {"width": 0.8, "color": palette.WHITE},
                },
                text=hover,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    figure.update_layout(legend={"orientation": "h", "y": -0.02})
    return figure


def sector_tie_heatmap(
    matrix: pd.DataFrame, lang: str = DEFAULT_LANG, title_key: str = "figure.sector_ties.title"
) -> go.Figure:
    """Heatmap of ties between sectors (a square sector × sector count matrix)."""
    title = t(title_key, lang)
    if matrix.empty or float(np.nansum(matrix.to_numpy(dtype=float))) == 0:
        return empty_figure(title, lang)
    order = [s for s in SECTORS if s in matrix.index or s in matrix.columns]
    extra = sorted({*map(str, matrix.index), *map(str, matrix.columns)} - set(order))
    order += extra
    square = matrix.reindex(index=order, columns=order).astype(float).fillna(0)
    names = [label("sector", s, lang) for s in order]
    figure = _figure(title, lang, height=440)
    figure.add_trace(
        go.Heatmap(
            z=square.to_numpy().round(6).tolist(),
            x=names,
            y=names,
            colorscale="Blues",
            texttemplate="%{z:,}",
            hovertemplate="%{y} – %{x}: %{z:,}<extra></extra>",
            colorbar={"title": {"text": t("figure.sector_ties.colorbar", lang)}, "tickformat": ",d"},
        )
    )
    figure.update_yaxes(autorange="reversed")
    return figure


def flows_sankey(flows: pd.DataFrame, actors: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Sankey of funding and in-kind flows from giver to receiver.

    ``flows``: source, target, type, amount_eur, weight; ``actors``: actor_id,
    name, sector. Widths are euros when every flow has an amount, otherwise
    the (weighted) number of relations, amounts then shown on hover.
    """
    title = t("figure.flows.title", lang)
    if flows.empty:
        return empty_figure(title, lang)
    amounts = pd.to_numeric(flows["amount_eur"], errors="coerce").astype(float)
    in_euros = bool(amounts.notna().all() and amounts.sum() > 0)
    frame = pd.DataFrame(
        {
            "source": flows["source"].astype(str),
            "target": flows["target"].astype(str),
            "type": flows["type"].astype(str),
            "value": amounts
            if in_euros
            else pd.to_numeric(flows["weight"], errors="coerce").astype(float).fillna(1),
            "amount": amounts.fillna(0),
            "known": amounts.notna(),
        }
    )
    frame = frame.groupby(["source", "target", "type"], as_index=False, sort=True).agg(
        value=("value", "sum"), amount=("amount", "sum"), known=("known", "any")
    )
    total_flows = len(frame)
    if total_flows > SANKEY_MAX_FLOWS:  # the largest flows; a Sankey of thousands reads as nothing
        frame = frame.sort_values(["value", "source", "target", "type"], ascending=[False, True, True, True])
        frame = frame.head(SANKEY_MAX_FLOWS).sort_values(["source", "target", "type"])
    info = (
        actors.assign(actor_id=actors["actor_id"].astype(str))
        .drop_duplicates("actor_id")
        .set_index("actor_id")
    )
    involved = sorted(
        set(frame["source"]) | set(frame["target"]),
        key=lambda a: (
            SECTORS.index(info.at[a, "sector"])
            if a in info.index and info.at[a, "sector"] in SECTORS
            else len(SECTORS),
            str(a),
        ),
    )
    position = {actor: i for i, actor in enumerate(involved)}
    names = [escape(info.at[a, "name"]) if a in info.index else escape(a) for a in involved]
    colours = [
        SECTOR_COLOURS.get(str(info.at[a, "sector"]), palette.GREY) if a in info.index else palette.GREY
        for a in involved
    ]
    hover = [
        t(
            "figure.flows.hover",
            lang,
            source=names[position[row.source]],
            target=names[position[row.target]],
            type=label("relation", row.type, lang),
            amount=euros_or_dash(row.amount, row.known, lang),
        )
        for row in frame.itertuples(index=False)
    ]
    figure = _figure(title, lang, height=max(360, 24 * len(involved)))
    figure.add_trace(
        go.Sankey(
            arrangement="snap",
            node={
                "label": names,
                "color": colours,
                "pad": 12,
                "thickness": 14,
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [position[s] for s in frame["source"]],
                "target": [position[s] for s in frame["target"]],
                "value": frame["value"].round(2).tolist(),
                "color": [palette.FLOW_COLOURS.get(kind, palette.OTHER_FLOW) for kind in frame["type"]],
                "customdata": hover,
                "hovertemplate": "%{customdata}<extra></extra>",
            },
        )
    )
    caption = t("figure.flows.caption.eur" if in_euros else "figure.flows.caption.count", lang)
    if total_flows > SANKEY_MAX_FLOWS:
        caption += " " + t("figure.flows.truncated", lang, shown=SANKEY_MAX_FLOWS, total=total_flows)
    return with_caption(figure, caption)


#: The support chart draws at most this many initiators, the most supported.
SUPPORT_MAX_INITIATORS = 25


def support_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Distinct supporters of each initiator's proposals, those supported in return apart.

    ``frame``: name, supporters, reciprocated, most supported first
    (:func:`commons_analysis.analysis.decisions.support_by_initiator`, names as
    shown); the first :data:`SUPPORT_MAX_INITIATORS` are drawn.
    """
    title = t("figure.support.title", lang)
    if frame.empty:
        return empty_figure(title, lang)
    shown = frame.head(SUPPORT_MAX_INITIATORS)
    names = [escape(name) for name in shown["name"]]
    supporters = pd.to_numeric(shown["supporters"]).astype(int)
    returned = pd.to_numeric(shown["reciprocated"]).astype(int)
    figure = _figure(title, lang, height=150 + 26 * len(shown))
    for values, key, colour in (
        (returned, "figure.support.reciprocated", palette.BLUISH_GREEN),
        (supporters - returned, "figure.support.one_way", palette.BLUE),
    ):
        figure.add_trace(
            go.Bar(
                x=values.tolist(),
                y=names,
                orientation="h",
                name=t(key, lang),
                marker={"color": colour},
                hovertemplate=f"%{{y}} ({t(key, lang)}): %{{x}}<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
    )
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(title={"text": t("figure.support.axis", lang)}, **count_axis(float(supporters.max())))
    caption = t(
        "figure.support.caption", lang, shown=number(len(shown), lang), total=number(len(frame), lang)
    )
    return with_caption(figure, caption)


def euros_or_dash(amount: float, known: bool, lang: str) -> str:
    """An amount in euros, or a dash when no amount was recorded."""
    return euros(amount, lang) if known else UNDEFINED


def share_bars(
    shares: Mapping[str, float | None],
    lang: str = DEFAULT_LANG,
    *,
    kind: str = "sector",
    title: str,
    axis: str,
    caption: str | None = None,
) -> go.Figure:
    """Horizontal bars of shares (0–1) by an enumerated value (sector, rule…); undefined shares left out."""
    known = [(key, value) for key, value in shares.items() if value is not None]
    if not known:
        return empty_figure(title, lang)
    keys = [key for key, _ in known]
    values = [float(value) for _, value in known]
    colours = [SECTOR_COLOURS.get(key, RULE_COLOURS.get(key, palette.GREY)) for key in keys]
    figure = _figure(title, lang, height=120 + 36 * len(keys))
    figure.add_trace(
        go.Bar(
            x=values,
            y=[label(kind, key, lang) for key in keys],
            orientation="h",
            marker={"color": colours},
            text=[percent(v, lang) for v in values],
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.update_xaxes(title={"text": axis}, tickformat=".0%", range=[0, max(1.0, max(values))])
    figure.update_yaxes(autorange="reversed")
    return with_caption(figure, caption) if caption else figure


def time_panels(
    frame: pd.DataFrame,
    x: str,
    columns: Sequence[tuple[str, str]],
    lang: str = DEFAULT_LANG,
    *,
    title: str,
    x_title: str | None = None,
    text_for: Callable[[str, float | None], str] | None = None,
) -> go.Figure:
    """One small panel per indicator over time (shared x axis): ``columns`` = [(column, label), …].

    ``text_for(column, value)`` writes a value in the hover label (default: a number).
    """
    present = [(column, name) for column, name in columns if column in frame.columns]
    if frame.empty or not present:
        return empty_figure(title, lang)
    figure = make_subplots(
        rows=len(present),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        subplot_titles=[name for _, name in present],
    )
    xs = [str(value) for value in frame[x]]
    for row, (column, name) in enumerate(present, start=1):
        numbers = frame[column].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        values = [None if math.isnan(v) else round(float(v), 6) for v in numbers]
        write = text_for or (lambda _column, value: number(value, lang))
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=values,
                mode="lines+markers",
                name=name,
                showlegend=False,
                line={"color": palette.BLUE},
                connectgaps=False,
                customdata=[write(column, v) for v in values],
                hovertemplate=f"%{{x}}: %{{customdata}}<extra>{escape(name)}</extra>",
            ),
            row=row,
            col=1,
        )
    _frame(figure, title, lang, 150 + 150 * len(present))
    figure.update_xaxes(
        type="category", title={"text": x_title} if x_title else None, row=len(present), col=1
    )
    return figure


# ---------------------------------------------------------------------------
# People far from public action
# ---------------------------------------------------------------------------


def attendance_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Participants per event over time, newcomers stacked on returning participants.

    ``frame``: event_id, date, participants, newcomers, returning
    (:func:`commons_analysis.analysis.participation.attendance_by_event`).
    """
    title = t("figure.attendance.title", lang)
    if frame.empty or int(pd.to_numeric(frame["participants"]).sum()) == 0:
        return empty_figure(title, lang)
    ordered = frame.sort_values(["date", "event_id"], kind="stable")
    dates = [value.strftime("%Y-%m-%d") if not pd.isna(value) else None for value in ordered["date"]]
    names = [escape(value) for value in ordered["event_id"]]
    figure = _figure(title, lang, height=420)
    _newcomers_on_returning(figure, dates, ordered, names, "%{customdata} (%{x})", "%{y}", lang)
    figure.update_xaxes(type="date", title={"text": t("figure.date", lang)})
    figure.update_yaxes(title={"text": t("figure.attendance.axis", lang)})
    return with_caption(figure, t("figure.attendance.caption", lang))


def _newcomers_on_returning(
    figure: go.Figure,
    x: Sequence[str | None],
    frame: pd.DataFrame,
    labels: list[str],
    where: str,
    count: str,
    lang: str,
) -> None:
    """Stack the returning and newcomer bars of ``frame`` at ``x``; hovers read ``where``, then ``count``."""
    for column, key, colour in (
        ("returning", "figure.attendance.returning", palette.BLUE),
        ("newcomers", "figure.attendance.newcomers", palette.ORANGE),
    ):
        figure.add_trace(
            go.Bar(
                x=x,
                y=pd.to_numeric(frame[column]).astype(int).tolist(),
                name=t(key, lang),
                marker={"color": colour},
                customdata=labels,
                hovertemplate=f"{where}<br>{t(key, lang)}: {count}<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.08, "x": 0.4})


def attendance_by_year_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Participation records per year, newcomers stacked on returning: the view of a case with many events.

    ``frame``: year, events, records, newcomers, returning
    (:func:`commons_analysis.analysis.participation.attendance_by_year`).
    """
    title = t("figure.attendance.title", lang)
    if frame.empty or int(pd.to_numeric(frame["records"]).sum()) == 0:
        return empty_figure(title, lang)
    years = [str(year) for year in frame["year"]]
    figure = _figure(title, lang, height=420)
    events = [number(int(n), lang) for n in frame["events"]]
    _newcomers_on_returning(figure, years, frame, events, "%{x} (%{customdata})", "%{y:,}", lang)
    figure.update_xaxes(type="category", title={"text": t("figure.year", lang)})
    figure.update_yaxes(title={"text": t("figure.attendance.records", lang)}, tickformat=",d")
    caption = t("figure.attendance.by_year", lang, events=number(int(frame["events"].sum()), lang))
    return with_caption(figure, caption)


def turnout_chart(frame: pd.DataFrame, mean: float | None, lang: str = DEFAULT_LANG) -> go.Figure:
    """Those entitled to take part and those who did, per event, with the turnout on a right-hand scale.

    ``frame``: event_id, date, title, took_part, eligible, turnout
    (:func:`commons_analysis.analysis.participation.turnout_by_event`); ``mean``:
    the mean turnout, given in the caption. Points joined by lines, not bars:
    ballots closing on the same day would otherwise pile up into one bar.
    """
    title = t("figure.turnout.title", lang)
    if frame.empty:
        return empty_figure(title, lang)
    dates = [value.strftime("%Y-%m-%d") if not pd.isna(value) else None for value in frame["date"]]
    names = [
        escape(title if isinstance(title, str) and title else event)
        for title, event in zip(frame["title"], frame["event_id"], strict=True)
    ]
    turnouts = [None if pd.isna(v) else round(float(v), 6) for v in frame["turnout"]]
    hover = [
        t(
            "figure.turnout.hover",
            lang,
            title=_wrap(name),
            date=format_date(value, lang),
            took_part=number(int(took), lang),
            eligible=number(int(eligible), lang),
            turnout=percent(share, lang),
        )
        for name, value, took, eligible, share in zip(
            names, frame["date"], frame["took_part"], frame["eligible"], turnouts, strict=True
        )
    ]
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    for column, key, colour in (
        ("eligible", "figure.turnout.eligible", palette.GREY),
        ("took_part", "figure.turnout.took_part", palette.BLUE),
    ):
        figure.add_trace(
            go.Scatter(
                x=dates,
                y=pd.to_numeric(frame[column]).astype(int).tolist(),
                mode="lines+markers",
                name=t(key, lang),
                line={"color": colour, "width": 1.5},
                marker={"size": 6},
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
            ),
            secondary_y=False,
        )
    figure.add_trace(
        go.Scatter(
            x=dates,
            y=turnouts,
            mode="lines+markers",
            name=t("figure.turnout.share", lang),
            line={"color": palette.VERMILLION, "width": 1.5, "dash": "dot"},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        ),
        secondary_y=True,
    )
    _frame(figure, title, lang, 440)
    figure.update_layout(legend={"orientation": "h", "y": 1.08, "x": 0.3})
    figure.update_xaxes(type="date", title={"text": t("figure.date", lang)})
    figure.update_yaxes(
        title={"text": t("figure.turnout.axis", lang)}, tickformat=",d", rangemode="tozero", secondary_y=False
    )
    figure.update_yaxes(
        title={"text": t("figure.turnout.share", lang)},
        tickformat=".0%",
        range=[0, 1],
        tickvals=[0, 0.25, 0.5, 0.75, 1],
        showgrid=False,
        secondary_y=True,
    )
    return with_caption(figure, t("figure.turnout.caption", lang, mean=percent(mean, lang)))


def lorenz_chart(
    frame: pd.DataFrame, gini: float | None, lang: str = DEFAULT_LANG, *, interval: str = ""
) -> go.Figure:
    """Lorenz curve of participation records, with the equality diagonal and the Gini coefficient.

    ``frame``: population_share, records_share from (0, 0) to (1, 1)
    (:func:`commons_analysis.analysis.participation.lorenz_curve`); ``interval``:
    the Gini's 95 % interval as written (``IC 95 % : 0,44–0,50``), beside it in the title.
    """
    title = t("figure.lorenz.title", lang)
    if frame.empty:
        return empty_figure(title, lang)
    if len(frame) > LORENZ_MAX_POINTS:  # a screen shows no more; thousands of points only weigh
        keep = np.unique(np.linspace(0, len(frame) - 1, LORENZ_MAX_POINTS).round().astype(int))
        frame = frame.iloc[keep]
    if interval:
        written = t("figure.lorenz.gini_ci", lang, gini=number(gini, lang), interval=interval)
    else:
        written = t("figure.lorenz.gini", lang, gini=number(gini, lang))
    figure = _figure(f"{title} — {written}", lang, height=460)
    figure.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name=t("figure.lorenz.equality", lang),
            line={"color": palette.GREY, "dash": "dot"},
            hoverinfo="skip",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=frame["population_share"].astype(float).round(6).tolist(),
            y=frame["records_share"].astype(float).round(6).tolist(),
            mode="lines",
            name=t("figure.lorenz.curve", lang),
            line={"color": palette.VERMILLION, "width": 2.5},
            fill="tonexty",
            fillcolor=palette.rgba(palette.VERMILLION, 0.12),
            hovertemplate="%{x:.0%} → %{y:.0%}<extra></extra>",
        )
    )
    figure.update_xaxes(title={"text": t("figure.lorenz.x", lang)}, tickformat=".0%", range=[0, 1])
    figure.update_yaxes(title={"text": t("figure.lorenz.y", lang)}, tickformat=".0%", range=[0, 1])
    figure.update_layout(legend={"x": 0.02, "y": 0.98})
    return with_caption(figure, t("figure.lorenz.caption", lang))


def inclusion_chart(frame: pd.DataFrame, min_cell: int, lang: str = DEFAULT_LANG) -> go.Figure:
    """Share of each group among participating persons against its share in the population.

    ``frame``: group, label, share, population_share, suppressed, and
    share_low, share_high when the shares have their 95 % interval
    (:func:`commons_analysis.analysis.inclusion.inclusion_table`), drawn as error
    bars. A suppressed group gets no bar, no interval, but the words
    "suppressed (fewer than k)": its small count is never drawn, not even as a zero.
    """
    title = t("figure.inclusion.title", lang)
    if frame.empty:
        return empty_figure(title, lang)
    names = [
        escape(lab if isinstance(lab, str) and lab else group)
        for lab, group in zip(frame["label"], frame["group"], strict=True)
    ]
    suppressed = frame["suppressed"].fillna(False).astype(bool).tolist()
    share = [
        None if hidden or pd.isna(v) else round(float(v), 6)
        for v, hidden in zip(frame["share"], suppressed, strict=True)
    ]
    population = [None if pd.isna(v) else round(float(v), 6) for v in frame["population_share"]]
    low, high = _interval_columns(frame, "share", suppressed)
    figure = _figure(title, lang, height=440)
    figure.add_trace(
        go.Bar(
            x=names,
            y=share,
            name=t("figure.inclusion.share", lang),
            marker={"color": palette.BLUE},
            hovertemplate="%{x}: %{y:.1%}%{customdata}<extra></extra>",
            customdata=[
                f" ({t('interval.ci', lang, bounds=f'{percent(lo, lang)}–{percent(hi, lang)}')})"
                if lo is not None and hi is not None
                else ""
                for lo, hi in zip(low, high, strict=True)
            ],
            error_y=_error_bars(share, low, high),
        )
    )
    figure.add_trace(
        go.Bar(
            x=names,
            y=population,
            name=t("figure.inclusion.population", lang),
            marker={"color": palette.PALE_GREY},
            hovertemplate="%{x}: %{y:.1%}<extra></extra>",
        )
    )
    for name, hidden in zip(names, suppressed, strict=True):
        if hidden:
            figure.add_annotation(
                x=name,
                y=0,
                yref="y",
                text=t("figure.inclusion.suppressed", lang, k=min_cell),
                showarrow=False,
                yanchor="bottom",
                font={"color": palette.GREY},
                bgcolor=palette.PALER_GREY,
                bordercolor=palette.PALE_GREY,
            )
    top = max([v for v in share + population + high if v is not None] or [0.1])
    figure.update_yaxes(tickformat=".0%", range=[0, min(1.0, top * 1.15) or 0.1])
    figure.update_layout(barmode="group", legend={"orientation": "h", "y": 1.08, "x": 0.3})
    return with_caption(figure, t("figure.inclusion.caption", lang, k=min_cell))


def _interval_columns(
    frame: pd.DataFrame, column: str, hidden: Sequence[bool]
) -> tuple[list[float | None], list[float | None]]:
    """The ``<column>_low`` and ``<column>_high`` of ``frame`` (None where absent, and where ``hidden``)."""

    def bound(name: str) -> list[float | None]:
        values = frame[name] if name in frame.columns else [None] * len(frame)
        return [
            None if h or v is None or pd.isna(v) else round(float(v), 6)
            for v, h in zip(values, hidden, strict=True)
        ]

    return bound(f"{column}_low"), bound(f"{column}_high")


def _error_bars(
    values: Sequence[float | None], low: Sequence[float | None], high: Sequence[float | None]
) -> dict[str, object] | None:
    """Plotly error bars from ``low`` to ``high`` around ``values`` (none where a bound or value is missing).

    None when no value has an interval (the chart then draws no error bar at all).

    >>> _error_bars([0.5, None], [0.4, None], [0.7, None])["array"]
    [0.2, None]
    """

    def gap(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else round(max(a - b, 0.0), 6)

    above = [gap(h, v) for v, h in zip(values, high, strict=True)]
    below = [gap(v, lo) for v, lo in zip(values, low, strict=True)]
    if all(a is None for a in above):
        return None
    return {
        "type": "data",
        "symmetric": False,
        "array": above,
        "arrayminus": below,
        "color": palette.CHART_INK,
        "thickness": 1.3,
        "width": 5,
        "visible": True,
    }


def hours_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Participation hours per role, unpaid and paid stacked (``frame``: role, paid, hours)."""
    title = t("figure.hours.title", lang)
    hours = pd.to_numeric(frame["hours"], errors="coerce").astype(float) if not frame.empty else pd.Series([])
    if frame.empty or float(hours.fillna(0).sum()) == 0:
        return empty_figure(title, lang)
    table = frame.assign(hours=hours.fillna(0), paid=frame["paid"].fillna(False).astype(bool))
    roles = [r for r in PARTICIPATION_ROLES if r in set(table["role"].astype(str))]
    figure = _figure(title, lang, height=400)
    for paid, key, colour in (
        (False, "figure.hours.unpaid", palette.SKY_BLUE),
        (True, "figure.hours.paid", palette.VERMILLION),
    ):
        part = table[table["paid"] == paid].groupby(table["role"].astype(str))["hours"].sum()
        figure.add_trace(
            go.Bar(
                x=[label("role", r, lang) for r in roles],
                y=[round(float(part.get(r, 0.0)), 4) for r in roles],
                name=t(key, lang),
                marker={"color": colour},
                hovertemplate=f"%{{x}} ({t(key, lang)}): %{{y}}<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.08, "x": 0.4})
    figure.update_yaxes(title={"text": t("figure.hours.axis", lang)})
    return with_caption(figure, t("figure.hours.caption", lang))


# ---------------------------------------------------------------------------
# Practices and tools
# ---------------------------------------------------------------------------


def count_axis(largest: float) -> dict[str, object]:
    """Axis settings for counts: whole numbers only (no "1.5 decisions"), from zero.

    >>> count_axis(4)
    {'rangemode': 'tozero', 'tickformat': ',d', 'dtick': 1}
    """
    settings: dict[str, object] = {"rangemode": "tozero", "tickformat": ",d"}
    if largest <= 10:
        settings["dtick"] = 1
    return settings


def decision_rules_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Decisions per period and rule, stacked (``frame``: period, rule, decisions — long format)."""
    title = t("figure.rules.title", lang)
    if frame.empty or float(pd.to_numeric(frame["decisions"]).sum()) == 0:
        return empty_figure(title, lang)
    periods = sorted({str(p) for p in frame["period"]})
    figure = _figure(title, lang, height=420)
    for rule in DECISION_RULES:
        part = frame[frame["rule"].astype(str) == rule]
        if part.empty or float(pd.to_numeric(part["decisions"]).sum()) == 0:
            continue
        counts = part.groupby(part["period"].astype(str))["decisions"].sum()
        figure.add_trace(
            go.Bar(
                x=periods,
                y=[float(counts.get(p, 0)) for p in periods],
                name=label("rule", rule, lang),
                marker={"color": RULE_COLOURS[rule]},
                hovertemplate=f"%{{x}} – {label('rule', rule, lang)}: %{{y}}<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(type="category", title={"text": t("figure.period", lang)})
    tallest = float(frame.groupby(frame["period"].astype(str))["decisions"].sum().max())
    figure.update_yaxes(title={"text": t("figure.rules.axis", lang)}, **count_axis(tallest))
    return figure


def open_events_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Open and closed events per kind of event (``frame``: kind, open, events)."""
    title = t("figure.open.title", lang)
    if frame.empty or float(pd.to_numeric(frame["events"]).sum()) == 0:
        return empty_figure(title, lang)
    kinds = [k for k in EVENT_KINDS if k in set(frame["kind"].astype(str))]
    figure = _figure(title, lang, height=400)
    for is_open, key, colour in (
        (True, "figure.open.open", palette.BLUISH_GREEN),
        (False, "figure.open.closed", palette.GREY),
    ):
        part = frame[frame["open"].fillna(True).astype(bool) == is_open]
        counts = part.groupby(part["kind"].astype(str))["events"].sum()
        figure.add_trace(
            go.Bar(
                x=[label("event_kind", k, lang) for k in kinds],
                y=[float(counts.get(k, 0)) for k in kinds],
                name=t(key, lang),
                marker={"color": colour},
                hovertemplate=f"%{{x}} ({t(key, lang)}): %{{y}}<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.08, "x": 0.4})
    tallest = float(frame.groupby(frame["kind"].astype(str))["events"].sum().max())
    figure.update_yaxes(title={"text": t("figure.open.axis", lang)}, **count_axis(tallest))
    return figure


def facilitation_chart(
    frame: pd.DataFrame, rotation: Mapping[str, object], lang: str = DEFAULT_LANG
) -> go.Figure:
    """Events facilitated by each facilitator (``frame``: name, sector, events), most active first."""
    title = t("figure.facilitation.title", lang)
    if frame.empty:
        return empty_figure(title, lang)
    ordered = frame.sort_values(["events", "name"], ascending=[False, True], kind="stable").head(40)
    figure = _figure(title, lang, height=140 + 26 * len(ordered))
    figure.add_trace(
        go.Bar(
            x=pd.to_numeric(ordered["events"]).astype(int).tolist(),
            y=[escape(n) for n in ordered["name"]],
            orientation="h",
            marker={"color": [SECTOR_COLOURS.get(str(s), palette.GREY) for s in ordered["sector"]]},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(
        title={"text": t("figure.facilitation.axis", lang)},
        **count_axis(float(pd.to_numeric(ordered["events"]).max())),
    )
    caption = t(
        "figure.facilitation.caption",
        lang,
        facilitators=number(rotation.get("facilitators"), lang),
        events=number(rotation.get("facilitated_events"), lang),
        rotation=number(rotation.get("rotation"), lang),
    )
    return with_caption(figure, caption)


def ostrom_radar(frame: pd.DataFrame, score: float | None, lang: str = DEFAULT_LANG) -> go.Figure:
    """Radar of Ostrom's eight principles, 0 (absent) to 2 (present); hover gives the evidence.

    ``frame``: principle, score, evidence (:func:`commons_analysis.analysis.assessment.ostrom_table`).
    """
    title = t("figure.ostrom.title", lang)
    coded = frame.dropna(subset=["score"]) if not frame.empty else frame
    if coded.empty:
        return empty_figure(title, lang)
    by_principle = {str(row.principle): row for row in coded.itertuples(index=False)}
    principles = [p for p in OSTROM_PRINCIPLES if p in by_principle]
    names = [label("ostrom", p, lang) for p in principles]
    scores = [float(by_principle[p].score) for p in principles]
    evidence = [_wrap(escape(getattr(by_principle[p], "evidence", "") or "")) for p in principles]
    figure = _figure(title, lang, height=520)
    figure.add_trace(
        go.Scatterpolar(
            r=[*scores, scores[0]],
            theta=[*names, names[0]],
            fill="toself",
            mode="lines+markers",
            line={"color": palette.BLUISH_GREEN},
            fillcolor=palette.rgba(palette.BLUISH_GREEN, 0.25),
            customdata=[*evidence, evidence[0]],
            hovertemplate="<b>%{theta}</b>: %{r}<br>%{customdata}<extra></extra>",
            name=t("figure.ostrom.score", lang),
        )
    )
    figure.update_layout(
        polar={"radialaxis": {"range": [0, 2], "tickvals": [0, 1, 2]}},
        showlegend=False,
        margin={"l": 120, "r": 120, "t": 70, "b": 40},
    )
    return with_caption(figure, t("figure.ostrom.caption", lang, score=number(score, lang)))


def arnstein_ladder(rung: str | None, lang: str = DEFAULT_LANG) -> go.Figure:
    """Arnstein's eight rungs, bottom to top, coloured by level; the case's rung highlighted."""
    title = t("figure.arnstein.title", lang)
    if rung is None:
        return empty_figure(title, lang)
    figure = _figure(title, lang, height=460)
    for level, rungs in ARNSTEIN_LEVELS.items():
        figure.add_trace(
            go.Bar(
                x=[1] * len(rungs),
                y=[f"{ARNSTEIN_RUNGS.index(r) + 1}. {label('arnstein', r, lang)}" for r in rungs],
                orientation="h",
                name=label("arnstein_level", level, lang),
                marker={
                    "color": [
                        ARNSTEIN_COLOURS[level] if r == rung else palette.pale(ARNSTEIN_COLOURS[level])
                        for r in rungs
                    ],
                    "line": {"width": [3 if r == rung else 0 for r in rungs], "color": palette.CHART_INK},
                },
                hovertemplate="%{y}<extra>" + label("arnstein_level", level, lang) + "</extra>",
            )
        )
    position = f"{ARNSTEIN_RUNGS.index(rung) + 1}. {label('arnstein', rung, lang)}"
    figure.add_annotation(
        x=1,
        y=position,
        text="◀ " + t("figure.arnstein.case", lang),
        showarrow=False,
        xanchor="left",
        font={"size": 14, "color": palette.CHART_INK},
    )
    figure.update_xaxes(visible=False, range=[0, 1.35])
    order = [f"{i + 1}. {label('arnstein', r, lang)}" for i, r in enumerate(ARNSTEIN_RUNGS)]
    figure.update_yaxes(categoryorder="array", categoryarray=order)
    figure.update_layout(
        barmode="stack", bargap=0.15, legend={"orientation": "h", "y": -0.05}, title={"text": title}
    )
    return with_caption(
        figure,
        t(
            "figure.arnstein.caption",
            lang,
            rung=label("arnstein", rung, lang),
            level=ARNSTEIN_RUNGS.index(rung) + 1,
        ),
    )


def _wrap(text: str, width: int = 60) -> str:
    """Break a long hover text into lines of about ``width`` characters (plotly does not wrap)."""
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return "<br>".join(lines)


def with_caption(figure: go.Figure, caption: str) -> go.Figure:
    """Store a caption in the figure's metadata (``layout.meta.caption``); reports print it under it."""
    meta = dict(figure.layout.meta) if isinstance(figure.layout.meta, dict) else {}
    meta["caption"] = caption
    figure.update_layout(meta=meta)
    return figure


def caption_of(figure: go.Figure) -> str | None:
    """The caption stored by :func:`with_caption`, if any."""
    meta = figure.layout.meta
    return meta.get("caption") if isinstance(meta, dict) else None


# ---------------------------------------------------------------------------
# Comparison of cases
# ---------------------------------------------------------------------------


def comparison_bars(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    lang: str = DEFAULT_LANG,
    *,
    title: str,
    percent_columns: Iterable[str] = (),
    text_for: Callable[[str, float | None], str] | None = None,
) -> go.Figure:
    """Small multiples: one panel per indicator, one bar per case (``frame`` indexed by case label).

    Undefined values get no bar and a dash, never a zero bar. ``text_for(column,
    value)`` writes the value on its bar (default: a percentage for
    ``percent_columns``, else a number). A column with its 95 % interval in
    ``frame`` (``<column>_ci_low``, ``<column>_ci_high``) gets error bars.
    """
    present = [(column, name) for column, name in columns if column in frame.columns]
    if frame.empty or not present:
        return empty_figure(title, lang)
    as_percent = set(percent_columns)
    cols = 2 if len(present) > 1 else 1
    rows = math.ceil(len(present) / cols)
    figure = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[name for _, name in present],
        horizontal_spacing=0.25,
        vertical_spacing=0.12,
    )
    cases = [escape(case) for case in frame.index]
    for i, (column, _name) in enumerate(present):
        values = [None if pd.isna(v) else round(float(v), 6) for v in frame[column]]
        if text_for is not None:
            text = [text_for(column, v) for v in values]
        else:
            text = [percent(v, lang) if column in as_percent else number(v, lang) for v in values]
        low, high = _interval_columns(frame, f"{column}_ci", [False] * len(frame))
        whiskers = _error_bars(values, low, high)
        figure.add_trace(
            go.Bar(
                x=[None if v is None else v for v in values],
                y=cases,
                orientation="h",
                text=text,
                # with whiskers the value is written at the start of its bar, where no whisker crosses it
                textposition="inside" if whiskers else "auto",
                insidetextanchor="start" if whiskers else None,
                showlegend=False,
                marker={"color": palette.BLUE},
                hovertemplate="%{y}: %{text}<extra></extra>",
                error_x=whiskers,
            ),
            row=i // cols + 1,
            col=i % cols + 1,
        )
        if column in as_percent:
            figure.update_xaxes(tickformat=".0%", row=i // cols + 1, col=i % cols + 1)
    figure.update_yaxes(autorange="reversed", type="category")
    _frame(figure, title, lang, 120 + rows * max(160, 34 * len(cases)))
    return figure


def comparison_intervals(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    lang: str = DEFAULT_LANG,
    *,
    title: str,
    percent_columns: Iterable[str] = (),
    text_for: Callable[[str, float | None], str] | None = None,
) -> go.Figure:
    """Dots and whiskers: one panel per indicator, each case a dot (its value) on its 95 % interval.

    ``frame``: indexed by case label, with each column and its ``<column>_ci_low``,
    ``<column>_ci_high``. Two cases whose lines overlap are not clearly apart.
    A case without a value gets no dot; without an interval, a dot alone.
    """
    present = [(column, name) for column, name in columns if column in frame.columns]
    if frame.empty or not present:
        return empty_figure(title, lang)
    as_percent = set(percent_columns)
    figure = make_subplots(
        rows=1, cols=len(present), subplot_titles=[name for _, name in present], shared_yaxes=True,
        horizontal_spacing=0.06,
    )  # fmt: skip
    cases = [escape(case) for case in frame.index]
    for i, (column, _name) in enumerate(present):
        values = [None if pd.isna(v) else round(float(v), 6) for v in frame[column]]
        low, high = _interval_columns(frame, f"{column}_ci", [False] * len(frame))

        def written(value: float | None, column: str = column) -> str:
            if text_for is not None:
                return text_for(column, value)
            return percent(value, lang) if column in as_percent else number(value, lang)

        hover = [
            written(v)
            + (
                f" ({t('interval.ci', lang, bounds=f'{written(lo)}–{written(hi)}')})"
                if lo is not None and hi is not None
                else ""
            )
            for v, lo, hi in zip(values, low, high, strict=True)
        ]
        figure.add_trace(
            go.Scatter(
                x=values,
                y=cases,
                mode="markers",
                marker={"color": palette.BLUE, "size": 9},
                error_x=_error_bars(values, low, high),
                customdata=hover,
                hovertemplate="%{y}: %{customdata}<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=i + 1,
        )
        if column in as_percent:
            figure.update_xaxes(tickformat=".0%", row=1, col=i + 1)
    figure.update_yaxes(autorange="reversed", type="category")
    _frame(figure, title, lang, 160 + 34 * len(cases))
    return figure


def ostrom_comparison(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Heatmap of Ostrom scores, cases × principles (``frame``: index = case, a column per principle)."""
    title = t("figure.ostrom.title", lang)
    principles = [p for p in OSTROM_PRINCIPLES if p in frame.columns]
    if frame.empty or not principles or frame[principles].isna().all().all():
        return empty_figure(title, lang)
    z = [[None if pd.isna(v) else float(v) for v in frame.loc[case, principles]] for case in frame.index]
    figure = _figure(title, lang, height=160 + 40 * len(frame))
    figure.add_trace(
        go.Heatmap(
            z=z,
            x=[label("ostrom", p, lang) for p in principles],
            y=[escape(c) for c in frame.index],
            zmin=0,
            zmax=2,
            colorscale="Greens",
            texttemplate="%{z}",
            hovertemplate="%{y} – %{x}: %{z}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed", type="category")
    return figure


__all__ = [
    "SECTOR_COLOURS",
    "TEMPLATE",
    "arnstein_ladder",
    "attendance_by_year_chart",
    "attendance_chart",
    "caption_of",
    "comparison_bars",
    "comparison_intervals",
    "decision_rules_chart",
    "empty_figure",
    "escape",
    "facilitation_chart",
    "flows_sankey",
    "hours_chart",
    "inclusion_chart",
    "lorenz_chart",
    "network_layout",
    "network_map",
    "open_events_chart",
    "ostrom_comparison",
    "ostrom_radar",
    "sector_tie_heatmap",
    "share_bars",
    "support_chart",
    "time_panels",
    "turnout_chart",
    "with_caption",
]
