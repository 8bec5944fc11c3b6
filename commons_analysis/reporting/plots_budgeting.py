"""Plotly figures of the participatory budget section, each drawn from a tidy frame of ``budget_*``.

They draw and label; they compute nothing (docs/design.md §Data flow).
Strings come from the section's table (passed in as titles, axis names and
captions), colours from :mod:`palette`, numbers are written with the
language's separators, and every string from case data is escaped
(:func:`~commons_analysis.reporting.plots.escape`).

Example
-------
>>> import pandas as pd
>>> frame = pd.DataFrame({"edition": ["2022", "2022"], "district": ["A", "B"], "voters": [10, 93]})
>>> figure = bars_by_edition(frame, "district", "voters", title="t", axis="voters", lang="en")
>>> list(figure.data[0].x)  # one edition: one trace
[10.0, 93.0]
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.reporting import palette
from commons_analysis.reporting.plots import TEMPLATE, empty_figure, escape, percent_axis, with_caption
from commons_analysis.reporting.text import PLOTLY_SEPARATORS

#: One colour per edition (or per rule), in order.
SERIES_COLOURS = (
    palette.BLUE,
    palette.ORANGE,
    palette.BLUISH_GREEN,
    palette.REDDISH_PURPLE,
    palette.SKY_BLUE,
    palette.VERMILLION,
)
#: Height of one bar row of a horizontal chart, in pixels.
ROW = 22


#: Axis labels longer than this are cut (the hover label gives them whole): Toulouse's district names.
LABEL_WIDTH = 42


def short(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` cut to ``width`` characters with an ellipsis.

    >>> short("16 - Fontaine-Lestang / Arènes / Bagatelle / Papus / Tabar", 20)
    '16 - Fontaine-Lesta…'
    """
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def colon(lang: str) -> str:
    """A colon as the language writes it: ``" : "`` in French, ``": "`` in English."""
    return " : " if lang == "fr" else ": "


def figure(title: str, lang: str, height: int) -> go.Figure:
    """An empty figure with the reports' template, title, height and number separators."""
    result = go.Figure()
    result.update_layout(
        template=TEMPLATE,
        title={"text": title, "x": 0.01},
        height=height,
        separators=PLOTLY_SEPARATORS[lang],
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
    )
    return result


def bars_by_edition(
    frame: pd.DataFrame,
    key: str,
    value: str,
    *,
    title: str,
    axis: str,
    lang: str = DEFAULT_LANG,
    series: str = "edition",
    labels: Sequence[str] | None = None,
    percent: bool = False,
    caption: str | None = None,
) -> go.Figure:
    """Horizontal bars of ``value`` for each ``key`` (a district, a category), one colour per ``series``.

    Missing values (hidden small counts) get no bar. ``labels``: the legend
    name of each series value, in the order of their first appearance.
    """
    known = frame[frame[value].notna()] if not frame.empty else frame
    if known.empty:
        return empty_figure(title, lang)
    keys = [short(k) for k in dict.fromkeys(known[key].astype(str))]
    editions = list(dict.fromkeys(known[series].astype(str)))
    height = 140 + ROW * len(keys) * max(1, min(len(editions), 3))
    result = figure(title, lang, height)
    # horizontal groups stack their first trace at the bottom: add them last first, legend reversed back
    for i, edition in reversed(list(enumerate(editions))):
        rows = known[known[series].astype(str) == edition]
        name = labels[i] if labels and i < len(labels) else edition
        shown = ":.1%" if percent else ":,.0f"
        result.add_trace(
            go.Bar(
                x=[float(v) for v in rows[value]],
                y=[escape(short(k)) for k in rows[key].astype(str)],
                customdata=[escape(k) for k in rows[key].astype(str)],
                orientation="h",
                name=escape(name),
                marker={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)]},
                hovertemplate=f"%{{customdata}} ({escape(name)}){colon(lang)}%{{x{shown}}}<extra></extra>",
            )
        )
    result.update_layout(barmode="group", showlegend=len(editions) > 1, legend_traceorder="reversed")
    result.update_yaxes(type="category", categoryorder="array", categoryarray=[escape(k) for k in keys][::-1])
    if percent:
        top = max((float(v) for v in known[value]), default=1.0) if not known.empty else 1.0
        result.update_xaxes(title={"text": axis}, **percent_axis(lang, top))
    else:
        result.update_xaxes(title={"text": axis}, rangemode="tozero")
    return with_caption(result, caption) if caption else result


def stacked_shares(
    frame: pd.DataFrame,
    key: str,
    part: str,
    value: str,
    *,
    title: str,
    axis: str,
    lang: str = DEFAULT_LANG,
    caption: str | None = None,
) -> go.Figure:
    """For each ``key`` (an age band), the shares of each ``part`` (a voting method) stacked to 100 %.

    Hidden cells (missing ``value``) are left out; the bar of their key then
    stops short of 100 %, which the caption explains.
    """
    known = frame[frame[value].notna()] if not frame.empty else frame
    if known.empty:
        return empty_figure(title, lang)
    keys = list(dict.fromkeys(frame[key].astype(str)))
    result = figure(title, lang, 150 + 30 * len(keys))
    for i, name in enumerate(dict.fromkeys(known[part].astype(str))):
        rows = known[known[part].astype(str) == name]
        result.add_trace(
            go.Bar(
                x=[float(v) for v in rows[value]],
                y=[escape(k) for k in rows[key]],
                orientation="h",
                name=escape(name),
                marker={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)]},
                hovertemplate=f"%{{y}} ({escape(name)}){colon(lang)}%{{x:.1%}}<extra></extra>",
            )
        )
    result.update_layout(barmode="stack")
    result.update_yaxes(type="category", categoryorder="array", categoryarray=[escape(k) for k in keys][::-1])
    result.update_xaxes(title={"text": axis}, **percent_axis(lang))
    return with_caption(result, caption) if caption else result


def columns_by_edition(
    frame: pd.DataFrame,
    key: str,
    value: str,
    *,
    title: str,
    axis: str,
    lang: str = DEFAULT_LANG,
    caption: str | None = None,
) -> go.Figure:
    """Vertical bars of ``value`` (a share) for each ``key`` (a ballot length), one colour per edition."""
    known = frame[frame[value].notna()] if not frame.empty else frame
    if known.empty:
        return empty_figure(title, lang)
    result = figure(title, lang, 380)
    for i, edition in enumerate(dict.fromkeys(known["edition"].astype(str))):
        rows = known[known["edition"].astype(str) == edition]
        result.add_trace(
            go.Bar(
                x=[str(k) for k in rows[key]],
                y=[float(v) for v in rows[value]],
                name=escape(edition),
                marker={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)]},
                hovertemplate=f"%{{x}} ({escape(edition)}){colon(lang)}%{{y:.1%}}<extra></extra>",
            )
        )
    result.update_layout(barmode="group")
    result.update_xaxes(title={"text": axis}, type="category")
    result.update_yaxes(**percent_axis(lang, max(float(v) for v in known[value])))
    return with_caption(result, caption) if caption else result


__all__ = ["SERIES_COLOURS", "bars_by_edition", "columns_by_edition", "figure", "short", "stacked_shares"]
