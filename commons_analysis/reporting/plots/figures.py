"""What every figure shares: the template, escaping, titles, captions, count axes, and three generic charts.

The shared template keeps each figure's JSON light; numbers on axes and in
hover labels are written as the report's language writes them
(``layout.separators``). Every string that comes from case data goes through
:func:`escape`, because plotly renders a subset of HTML in labels.

>>> figure = with_caption(titled_figure("Title", "fr"), "Caption")
>>> caption_of(figure), figure.layout.title.text
('Caption', 'Title')
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.reporting import palette
from commons_analysis.reporting.palette import RULE_COLOURS, SECTOR_COLOURS
from commons_analysis.reporting.text import PLOTLY_SEPARATORS, label, number, percent, t

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
        # whole numbers on axes, thousands grouped (14 701, never "15k")
        xaxis={
            "gridcolor": palette.GRID,
            "zerolinecolor": palette.ZERO_LINE,
            "automargin": True,
            "exponentformat": "none",
            "separatethousands": True,
        },
        yaxis={
            "gridcolor": palette.GRID,
            "zerolinecolor": palette.ZERO_LINE,
            "automargin": True,
            "exponentformat": "none",
            "separatethousands": True,
        },
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


def titled_figure(title: str, lang: str, height: int = 460) -> go.Figure:
    figure = go.Figure()
    frame_layout(figure, title, lang, height)
    return figure


def frame_layout(figure: go.Figure, title: str, lang: str, height: int) -> None:
    """The shared template, title, height, and the language's number separators."""
    figure.update_layout(
        template=TEMPLATE, title={"text": title, "x": 0.01}, height=height, separators=PLOTLY_SEPARATORS[lang]
    )


def empty_figure(title: str, lang: str = DEFAULT_LANG, height: int = 260) -> go.Figure:
    """A titled figure saying there is no data, so a missing table never breaks a report."""
    figure = titled_figure(title, lang, height)
    figure.add_annotation(
        text=t("reporting.no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


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


def wrap_text(text: str, width: int = 60) -> str:
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


def count_axis(largest: float) -> dict[str, object]:
    """Axis settings for counts: whole numbers only (no "1.5 decisions"), from zero.

    >>> count_axis(4)
    {'rangemode': 'tozero', 'tickformat': ',d', 'dtick': 1}
    """
    settings: dict[str, object] = {"rangemode": "tozero", "tickformat": ",d"}
    if largest <= 10:
        settings["dtick"] = 1
    return settings


#: Steps between the ticks of a percentage axis, the first that gives at most six ticks is used.
_PERCENT_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5)


def percent_axis(lang: str, top: float = 1.0) -> dict[str, object]:
    """Axis settings for shares (0–1) written as the language writes percentages, from 0 to ``top``.

    plotly's ``tickformat=".0%"`` writes ``50%`` in every language; the ticks
    are placed and written here instead (``50 %`` with a narrow no-break space
    in French, :func:`~commons_analysis.reporting.text.percent`).

    >>> axis = percent_axis("fr", 0.5)
    >>> axis["range"], axis["tickvals"][-1], axis["ticktext"][1].replace("\u202f", "_")
    ([0, 0.5], 0.5, '10_%')
    >>> percent_axis("en")["ticktext"][-1]
    '100%'
    """
    top = min(max(float(top), 0.01), 1.0) if top == top else 1.0  # NaN: the whole scale
    step = next((step for step in _PERCENT_STEPS if top / step <= 6), 0.2)
    ticks = [round(i * step, 6) for i in range(int(top / step + 1e-9) + 1)]
    if ticks[-1] < top - 1e-9:
        ticks.append(round(ticks[-1] + step, 6))
    return {
        "range": [0, ticks[-1]],
        "tickvals": ticks,
        "ticktext": [percent(value, lang, digits=0) for value in ticks],
    }


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
    figure = titled_figure(title, lang, height=120 + 36 * len(keys))
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
    figure.update_xaxes(title={"text": axis}, **percent_axis(lang, max(1.0, max(values))))
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
    frame_layout(figure, title, lang, 150 + 150 * len(present))
    figure.update_xaxes(
        type="category", title={"text": x_title} if x_title else None, row=len(present), col=1
    )
    return figure


def interval_columns(
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


def error_bars(
    values: Sequence[float | None], low: Sequence[float | None], high: Sequence[float | None]
) -> dict[str, object] | None:
    """Plotly error bars from ``low`` to ``high`` around ``values`` (none where a bound or value is missing).

    None when no value has an interval (the chart then draws no error bar at all).

    >>> error_bars([0.5, None], [0.4, None], [0.7, None])["array"]
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
