"""Figures of the perspective *people far from public action*: attendance, turnout, Lorenz, inclusion, hours.

>>> import pandas as pd
>>> frame = pd.DataFrame({"population_share": [0, 0.5, 1], "records_share": [0, 0.25, 1]})
>>> lorenz_chart(frame, gini=0.25, lang="en").data[1].y  # data[0] is the equality diagonal
(0.0, 0.25, 1.0)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.model.schema.vocabularies import PARTICIPATION_ROLES
from commons_analysis.reporting import palette
from commons_analysis.reporting.plots.figures import (
    empty_figure,
    error_bars,
    escape,
    frame_layout,
    interval_columns,
    percent_axis,
    titled_figure,
    with_caption,
    wrap_text,
)
from commons_analysis.reporting.text import date as format_date
from commons_analysis.reporting.text import label, number, percent, t

#: The Lorenz curve is drawn through at most this many points.
LORENZ_MAX_POINTS = 400


def attendance_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Participants per event over time, newcomers stacked on returning participants.

    ``frame``: event_id, date, participants, newcomers, returning
    (:func:`commons_analysis.analysis.attendance.attendance_by_event`).
    """
    title = t("reporting.figure.attendance.title", lang)
    if frame.empty or int(pd.to_numeric(frame["participants"]).sum()) == 0:
        return empty_figure(title, lang)
    ordered = frame.sort_values(["date", "event_id"], kind="stable")
    dates = [value.strftime("%Y-%m-%d") if not pd.isna(value) else None for value in ordered["date"]]
    names = [escape(value) for value in ordered["event_id"]]
    figure = titled_figure(title, lang, height=420)
    _newcomers_on_returning(figure, dates, ordered, names, "%{customdata} (%{x})", "%{y}", lang)
    figure.update_xaxes(type="date", title={"text": t("reporting.figure.date", lang)})
    figure.update_yaxes(title={"text": t("reporting.figure.attendance.axis", lang)})
    return with_caption(figure, t("reporting.figure.attendance.caption", lang))


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
        ("returning", "reporting.figure.attendance.returning", palette.BLUE),
        ("newcomers", "reporting.figure.attendance.newcomers", palette.ORANGE),
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
    (:func:`commons_analysis.analysis.attendance.attendance_by_year`).
    """
    title = t("reporting.figure.attendance.title", lang)
    if frame.empty or int(pd.to_numeric(frame["records"]).sum()) == 0:
        return empty_figure(title, lang)
    years = [str(year) for year in frame["year"]]
    figure = titled_figure(title, lang, height=420)
    events = [number(int(n), lang) for n in frame["events"]]
    _newcomers_on_returning(figure, years, frame, events, "%{x} (%{customdata})", "%{y:,}", lang)
    figure.update_xaxes(type="category", title={"text": t("reporting.figure.year", lang)})
    figure.update_yaxes(title={"text": t("reporting.figure.attendance.records", lang)}, tickformat=",d")
    caption = t("reporting.figure.attendance.by_year", lang, events=number(int(frame["events"].sum()), lang))
    return with_caption(figure, caption)


def turnout_chart(frame: pd.DataFrame, mean: float | None, lang: str = DEFAULT_LANG) -> go.Figure:
    """Those entitled to take part and those who did, per event, with the turnout on a right-hand scale.

    ``frame``: event_id, date, title, took_part, eligible, turnout
    (:func:`commons_analysis.analysis.attendance.turnout_by_event`); ``mean``:
    the mean turnout, given in the caption. Points joined by lines, not bars:
    ballots closing on the same day would otherwise pile up into one bar.
    """
    title = t("reporting.figure.turnout.title", lang)
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
            "reporting.figure.turnout.hover",
            lang,
            title=wrap_text(name),
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
        ("eligible", "reporting.figure.turnout.eligible", palette.GREY),
        ("took_part", "reporting.figure.turnout.took_part", palette.BLUE),
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
            name=t("reporting.figure.turnout.share", lang),
            line={"color": palette.VERMILLION, "width": 1.5, "dash": "dot"},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        ),
        secondary_y=True,
    )
    frame_layout(figure, title, lang, 440)
    figure.update_layout(legend={"orientation": "h", "y": 1.08, "x": 0.3})
    figure.update_xaxes(type="date", title={"text": t("reporting.figure.date", lang)})
    figure.update_yaxes(
        title={"text": t("reporting.figure.turnout.axis", lang)},
        tickformat=",d",
        rangemode="tozero",
        secondary_y=False,
    )
    figure.update_yaxes(
        title={"text": t("reporting.figure.turnout.share", lang)},
        **percent_axis(lang),
        showgrid=False,
        secondary_y=True,
    )
    return with_caption(figure, t("reporting.figure.turnout.caption", lang, mean=percent(mean, lang)))


def lorenz_chart(
    frame: pd.DataFrame, gini: float | None, lang: str = DEFAULT_LANG, *, interval: str = ""
) -> go.Figure:
    """Lorenz curve of participation records, with the equality diagonal and the Gini coefficient.

    ``frame``: population_share, records_share from (0, 0) to (1, 1)
    (:func:`commons_analysis.analysis.participation.lorenz_curve`); ``interval``:
    the Gini's 95 % interval as written (``IC 95 % : 0,44–0,50``), beside it in the title.
    """
    title = t("reporting.figure.lorenz.title", lang)
    if frame.empty:
        return empty_figure(title, lang)
    if len(frame) > LORENZ_MAX_POINTS:  # a screen shows no more; thousands of points only weigh
        keep = np.unique(np.linspace(0, len(frame) - 1, LORENZ_MAX_POINTS).round().astype(int))
        frame = frame.iloc[keep]
    if interval:
        written = t("reporting.figure.lorenz.gini_ci", lang, gini=number(gini, lang), interval=interval)
    else:
        written = t("reporting.figure.lorenz.gini", lang, gini=number(gini, lang))
    figure = titled_figure(f"{title} — {written}", lang, height=460)
    figure.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name=t("reporting.figure.lorenz.equality", lang),
            line={"color": palette.GREY, "dash": "dot"},
            hoverinfo="skip",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=frame["population_share"].astype(float).round(6).tolist(),
            y=frame["records_share"].astype(float).round(6).tolist(),
            mode="lines",
            name=t("reporting.figure.lorenz.curve", lang),
            line={"color": palette.VERMILLION, "width": 2.5},
            fill="tonexty",
            fillcolor=palette.rgba(palette.VERMILLION, 0.12),
            hovertemplate="%{x:.0%} → %{y:.0%}<extra></extra>",
        )
    )
    figure.update_xaxes(title={"text": t("reporting.figure.lorenz.x", lang)}, **percent_axis(lang))
    figure.update_yaxes(title={"text": t("reporting.figure.lorenz.y", lang)}, **percent_axis(lang))
    figure.update_layout(legend={"x": 0.02, "y": 0.98})
    return with_caption(figure, t("reporting.figure.lorenz.caption", lang))


def inclusion_chart(frame: pd.DataFrame, min_cell: int, lang: str = DEFAULT_LANG) -> go.Figure:
    """Share of each group among participating persons against its share in the population.

    ``frame``: group, label, share, population_share, suppressed, and
    share_low, share_high when the shares have their 95 % interval
    (:func:`commons_analysis.analysis.inclusion.inclusion_table`), drawn as error
    bars. A suppressed group gets no bar, no interval, but the words
    "suppressed (fewer than k)": its small count is never drawn, not even as a zero.
    """
    title = t("reporting.figure.inclusion.title", lang)
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
    low, high = interval_columns(frame, "share", suppressed)
    figure = titled_figure(title, lang, height=440)
    figure.add_trace(
        go.Bar(
            x=names,
            y=share,
            name=t("reporting.figure.inclusion.share", lang),
            marker={"color": palette.BLUE},
            hovertemplate="%{x}: %{y:.1%}%{customdata}<extra></extra>",
            customdata=[
                f" ({t('reporting.interval.ci', lang, bounds=f'{percent(lo, lang)}–{percent(hi, lang)}')})"
                if lo is not None and hi is not None
                else ""
                for lo, hi in zip(low, high, strict=True)
            ],
            error_y=error_bars(share, low, high),
        )
    )
    figure.add_trace(
        go.Bar(
            x=names,
            y=population,
            name=t("reporting.figure.inclusion.population", lang),
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
                text=t("reporting.figure.inclusion.suppressed", lang, k=min_cell),
                showarrow=False,
                yanchor="bottom",
                font={"color": palette.GREY},
                bgcolor=palette.PALER_GREY,
                bordercolor=palette.PALE_GREY,
            )
    top = max([v for v in share + population + high if v is not None] or [0.1])
    figure.update_yaxes(**percent_axis(lang, min(1.0, top * 1.15) or 0.1))
    figure.update_layout(barmode="group", legend={"orientation": "h", "y": 1.08, "x": 0.3})
    return with_caption(figure, t("reporting.figure.inclusion.caption", lang, k=min_cell))


def hours_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Participation hours per role, unpaid and paid stacked (``frame``: role, paid, hours)."""
    title = t("reporting.figure.hours.title", lang)
    hours = pd.to_numeric(frame["hours"], errors="coerce").astype(float) if not frame.empty else pd.Series([])
    if frame.empty or float(hours.fillna(0).sum()) == 0:
        return empty_figure(title, lang)
    table = frame.assign(hours=hours.fillna(0), paid=frame["paid"].fillna(False).astype(bool))
    roles = [r for r in PARTICIPATION_ROLES if r in set(table["role"].astype(str))]
    figure = titled_figure(title, lang, height=400)
    for paid, key, colour in (
        (False, "reporting.figure.hours.unpaid", palette.SKY_BLUE),
        (True, "reporting.figure.hours.paid", palette.VERMILLION),
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
    figure.update_yaxes(title={"text": t("reporting.figure.hours.axis", lang)})
    return with_caption(figure, t("reporting.figure.hours.caption", lang))
