"""Figures of the perspective *public power*: the cooperation network, ties between sectors, flows, support.

>>> import pandas as pd
>>> layout = network_layout(["a", "b"], pd.DataFrame({"source": ["a"], "target": ["b"]}), seed=0)
>>> layout.columns.tolist()
['actor_id', 'x', 'y']
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.model.schema.vocabularies import SECTORS
from commons_analysis.reporting import palette
from commons_analysis.reporting.palette import SECTOR_COLOURS
from commons_analysis.reporting.plots.figures import (
    count_axis,
    empty_figure,
    escape,
    titled_figure,
    with_caption,
)
from commons_analysis.reporting.text import UNDEFINED, euros, label, number, t

#: The Sankey draws at most this many flows, the largest.
SANKEY_MAX_FLOWS = 60
#: The actor map writes the names of this many actors, the most connected: enough to find one's way,
#: few enough to stay legible on a large case (the others are named when hovered).
MAP_LABELS = 10
#: A label longer than this is cut, with an ellipsis (the hover gives the whole name).
LABEL_CHARACTERS = 22
#: The font size of the map's labels (pixels).
LABEL_FONT = 11
#: The side of the map's plotting area assumed when labels are kept apart (pixels): less than what
#: a 800 px wide screen gives the map, so that labels kept apart there stay apart on a wider one.
MAP_PIXELS = 360
#: Where a label may sit around its actor, in the order tried (plotly's ``textposition``).
LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left")


def central_actors(nodes: pd.DataFrame, count: int = MAP_LABELS) -> pd.DataFrame:
    """The ``count`` actors of ``nodes`` with the highest degree (at least one tie), ties by actor id.

    Degree centrality (Freeman 1978): the number of actors one is tied to; the
    map names them so that its centre can be read without hovering.

    >>> nodes = pd.DataFrame({"actor_id": ["a", "b", "c", "d"], "degree": [1, 3, 3, 0]})
    >>> central_actors(nodes, 3)["actor_id"].tolist()
    ['b', 'c', 'a']
    """
    tied = nodes[nodes["degree"].astype(float).fillna(0) > 0]
    order = tied.assign(_degree=tied["degree"].astype(float), _id=tied["actor_id"].astype(str))
    return (
        order.sort_values(["_degree", "_id"], ascending=[False, True])
        .head(count)
        .drop(columns=["_degree", "_id"])
    )


def marker_size(degree: float) -> float:
    """The diameter (pixels) of an actor's marker on the map: it grows with the square root of its degree.

    >>> marker_size(0), marker_size(4)
    (7.0, 13.0)
    """
    return 7 + 3 * math.sqrt(degree)


def placed_labels(nodes: pd.DataFrame, count: int = MAP_LABELS) -> pd.DataFrame:
    """The labels of the map: the most central actors whose label finds room, at most ``count``.

    Candidates come by degree (:func:`central_actors`, ``3 × count`` of
    them); each label tries the places of :data:`LABEL_POSITIONS` around its
    marker and takes the first whose box (its text at :data:`LABEL_FONT`,
    on a :data:`MAP_PIXELS` map) overlaps no label placed before; a label
    without room is left out (its actor is named when hovered). A greedy
    placement, as cartographers' point-feature labelling (Christensen, Marks
    & Shieber 1995, "An empirical study of algorithms for point-feature label placement").
    Returns actor_id, x, y, text, position.

    >>> nodes = pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["Alpha", "Beta", "Gamma"],
    ...                       "degree": [2, 2, 1], "x": [0.0, 0.001, 1.0], "y": [0.0, 0.0, 1.0]})
    >>> placed_labels(nodes)[["actor_id", "position"]].values.tolist()
    [['a', 'top center'], ['b', 'bottom center'], ['c', 'top center']]
    """
    columns = ["actor_id", "x", "y", "text", "position"]
    candidates = central_actors(nodes, 3 * count)
    if candidates.empty:
        return pd.DataFrame(columns=columns)
    xs, ys = nodes["x"].astype(float), nodes["y"].astype(float)
    unit = max(xs.max() - xs.min(), ys.max() - ys.min(), 1e-9) / MAP_PIXELS  # data per pixel
    boxes: list[tuple[float, float, float, float]] = []
    rows = []
    for row in candidates.itertuples(index=False):
        text = short_label(row.name)
        width, height = 0.62 * LABEL_FONT * len(html.unescape(text)) * unit, 1.3 * LABEL_FONT * unit
        gap = (marker_size(float(row.degree)) / 2 + 2) * unit
        x, y = float(row.x), float(row.y)
        centres = {
            "top center": (x, y + gap + height / 2),
            "bottom center": (x, y - gap - height / 2),
            "middle right": (x + gap + width / 2, y),
            "middle left": (x - gap - width / 2, y),
        }
        for position in LABEL_POSITIONS:
            cx, cy = centres[position]
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if not any(_overlap(box, other) for other in boxes):
                boxes.append(box)
                rows.append((row.actor_id, x, y, text, position))
                break
        if len(rows) == count:
            break
    return pd.DataFrame(rows, columns=columns)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two boxes (left, bottom, right, top) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def short_label(name: object, limit: int = LABEL_CHARACTERS) -> str:
    """A name as a map label: escaped (:func:`escape`), cut to ``limit`` characters with an ellipsis.

    >>> short_label("Maison des associations de Brest", 20), short_label("<b>", 20)
    ('Maison des associat…', '&lt;b&gt;')
    """
    text = " ".join(str(name if name is not None else "").split())
    return escape(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


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
    """Map of the actors coloured by sector, sized by degree, with hover details; the most central named.

    The actors of highest degree carry their name as shown in the report (a
    pseudonym for a person), at most :data:`MAP_LABELS`, none over another (:func:`placed_labels`).

    ``nodes``: actor_id, name, sector, kind, degree, x, y (see :func:`network_layout`).
    ``edges``: source, target (cooperation ties). ``conflicts``: source, target,
    drawn dashed in red when given.
    """
    title = title or t("reporting.figure.network_map.title", lang)
    if nodes.empty:
        return empty_figure(title, lang)
    figure = titled_figure(title, lang, height=620)
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
                "reporting.figure.network_map.hover",
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
                    "size": (7 + 3 * np.sqrt(degree)).round(2).tolist(),  # as marker_size
                    "color": SECTOR_COLOURS[sector],
                    "line": {"width": 0.8, "color": palette.WHITE},
                },
                text=hover,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    labelled = placed_labels(nodes)
    if not labelled.empty:
        figure.add_trace(
            go.Scatter(
                x=labelled["x"].tolist(),
                y=labelled["y"].tolist(),
                mode="text",
                text=labelled["text"].tolist(),
                textposition=labelled["position"].tolist(),
                textfont={"size": LABEL_FONT, "color": palette.INK},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    figure.update_layout(legend={"orientation": "h", "y": -0.02})
    return figure


def sector_tie_heatmap(
    matrix: pd.DataFrame, lang: str = DEFAULT_LANG, title_key: str = "reporting.figure.sector_ties.title"
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
    figure = titled_figure(title, lang, height=440)
    figure.add_trace(
        go.Heatmap(
            z=square.to_numpy().round(6).tolist(),
            x=names,
            y=names,
            colorscale="Blues",
            texttemplate="%{z:,}",
            hovertemplate="%{y} – %{x}: %{z:,}<extra></extra>",
            colorbar={
                "title": {"text": t("reporting.figure.sector_ties.colorbar", lang)},
                "tickformat": ",d",
            },
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
    title = t("reporting.figure.flows.title", lang)
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
            "reporting.figure.flows.hover",
            lang,
            source=names[position[row.source]],
            target=names[position[row.target]],
            type=label("relation", row.type, lang),
            amount=euros_or_dash(row.amount, row.known, lang),
        )
        for row in frame.itertuples(index=False)
    ]
    figure = titled_figure(title, lang, height=max(360, 24 * len(involved)))
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
    caption = t(
        "reporting.figure.flows.caption.eur" if in_euros else "reporting.figure.flows.caption.count", lang
    )
    if total_flows > SANKEY_MAX_FLOWS:
        caption += " " + t(
            "reporting.figure.flows.truncated", lang, shown=SANKEY_MAX_FLOWS, total=total_flows
        )
    return with_caption(figure, caption)


#: The support chart draws at most this many initiators, the most supported.
SUPPORT_MAX_INITIATORS = 25


def support_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Distinct supporters of each initiator's proposals, those supported in return apart.

    ``frame``: name, supporters, reciprocated, most supported first
    (:func:`commons_analysis.analysis.decisions.support_by_initiator`, names as
    shown); the first :data:`SUPPORT_MAX_INITIATORS` are drawn.
    """
    title = t("reporting.figure.support.title", lang)
    if frame.empty:
        return empty_figure(title, lang)
    shown = frame.head(SUPPORT_MAX_INITIATORS)
    names = [escape(name) for name in shown["name"]]
    supporters = pd.to_numeric(shown["supporters"]).astype(int)
    returned = pd.to_numeric(shown["reciprocated"]).astype(int)
    figure = titled_figure(title, lang, height=150 + 26 * len(shown))
    for values, key, colour in (
        (returned, "reporting.figure.support.reciprocated", palette.BLUISH_GREEN),
        (supporters - returned, "reporting.figure.support.one_way", palette.BLUE),
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
    figure.update_xaxes(
        title={"text": t("reporting.figure.support.axis", lang)}, **count_axis(float(supporters.max()))
    )
    caption = t(
        "reporting.figure.support.caption",
        lang,
        shown=number(len(shown), lang),
        total=number(len(frame), lang),
    )
    return with_caption(figure, caption)


def euros_or_dash(amount: float, known: bool, lang: str) -> str:
    """An amount in euros, or a dash when no amount was recorded."""
    return euros(amount, lang) if known else UNDEFINED
