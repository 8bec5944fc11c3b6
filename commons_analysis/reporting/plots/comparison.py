"""Figures of the comparison of cases: headline figures side by side, intervals, Ostrom's principles.

>>> import pandas as pd
>>> frame = pd.DataFrame({"boundaries": [2, 1]}, index=["Brest", "Naples"])
>>> ostrom_comparison(frame, "en").data[0].z
([2.0], [1.0])
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.model.schema.vocabularies import OSTROM_PRINCIPLES
from commons_analysis.reporting import palette
from commons_analysis.reporting.plots.figures import (
    empty_figure,
    error_bars,
    escape,
    frame_layout,
    interval_columns,
    percent_axis,
    titled_figure,
)
from commons_analysis.reporting.text import label, number, percent, t


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
        low, high = interval_columns(frame, f"{column}_ci", [False] * len(frame))
        whiskers = error_bars(values, low, high)
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
            top = max([v for v in [*values, *high] if v is not None] or [1.0])
            figure.update_xaxes(**percent_axis(lang, top), row=i // cols + 1, col=i % cols + 1)
    figure.update_yaxes(autorange="reversed", type="category")
    frame_layout(figure, title, lang, 120 + rows * max(160, 34 * len(cases)))
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
        low, high = interval_columns(frame, f"{column}_ci", [False] * len(frame))

        def written(value: float | None, column: str = column) -> str:
            if text_for is not None:
                return text_for(column, value)
            return percent(value, lang) if column in as_percent else number(value, lang)

        hover = [
            written(v)
            + (
                f" ({t('reporting.interval.ci', lang, bounds=f'{written(lo)}–{written(hi)}')})"
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
                error_x=error_bars(values, low, high),
                customdata=hover,
                hovertemplate="%{y}: %{customdata}<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=i + 1,
        )
        if column in as_percent:
            top = max([v for v in [*values, *high] if v is not None] or [1.0])
            figure.update_xaxes(**percent_axis(lang, top), row=1, col=i + 1)
    figure.update_yaxes(autorange="reversed", type="category")
    frame_layout(figure, title, lang, 160 + 34 * len(cases))
    return figure


def ostrom_comparison(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Heatmap of Ostrom scores, cases × principles (``frame``: index = case, a column per principle)."""
    title = t("reporting.figure.ostrom.title", lang)
    principles = [p for p in OSTROM_PRINCIPLES if p in frame.columns]
    if frame.empty or not principles or frame[principles].isna().all().all():
        return empty_figure(title, lang)
    z = [[None if pd.isna(v) else float(v) for v in frame.loc[case, principles]] for case in frame.index]
    figure = titled_figure(title, lang, height=160 + 40 * len(frame))
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
