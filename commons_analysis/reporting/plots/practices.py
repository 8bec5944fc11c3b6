"""Figures of the perspective *practices and tools*: rules, open events, facilitation, Ostrom, Arnstein.

>>> arnstein_ladder("partnership", "en").layout.title.text
"Arnstein's ladder of participation"
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.model.schema.vocabularies import (
    ARNSTEIN_RUNGS,
    DECISION_RULES,
    EVENT_KINDS,
    OSTROM_PRINCIPLES,
)
from commons_analysis.reporting import palette
from commons_analysis.reporting.palette import ARNSTEIN_COLOURS, RULE_COLOURS, SECTOR_COLOURS
from commons_analysis.reporting.plots.figures import (
    count_axis,
    empty_figure,
    escape,
    titled_figure,
    with_caption,
    wrap_text,
)
from commons_analysis.reporting.text import label, number, t

ARNSTEIN_LEVELS = {
    "nonparticipation": ("manipulation", "therapy"),
    "tokenism": ("informing", "consultation", "placation"),
    "citizen_power": ("partnership", "delegated_power", "citizen_control"),
}


def decision_rules_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Decisions per period and rule, stacked (``frame``: period, rule, decisions — long format)."""
    title = t("reporting.figure.rules.title", lang)
    if frame.empty or float(pd.to_numeric(frame["decisions"]).sum()) == 0:
        return empty_figure(title, lang)
    periods = sorted({str(p) for p in frame["period"]})
    figure = titled_figure(title, lang, height=420)
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
    figure.update_xaxes(type="category", title={"text": t("reporting.figure.period", lang)})
    tallest = float(frame.groupby(frame["period"].astype(str))["decisions"].sum().max())
    figure.update_yaxes(title={"text": t("reporting.figure.rules.axis", lang)}, **count_axis(tallest))
    return figure


def open_events_chart(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> go.Figure:
    """Open and closed events per kind of event (``frame``: kind, open, events)."""
    title = t("reporting.figure.open.title", lang)
    if frame.empty or float(pd.to_numeric(frame["events"]).sum()) == 0:
        return empty_figure(title, lang)
    kinds = [k for k in EVENT_KINDS if k in set(frame["kind"].astype(str))]
    figure = titled_figure(title, lang, height=400)
    for is_open, key, colour in (
        (True, "reporting.figure.open.open", palette.BLUISH_GREEN),
        (False, "reporting.figure.open.closed", palette.GREY),
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
    figure.update_yaxes(title={"text": t("reporting.figure.open.axis", lang)}, **count_axis(tallest))
    return figure


def facilitation_chart(
    frame: pd.DataFrame, rotation: Mapping[str, object], lang: str = DEFAULT_LANG
) -> go.Figure:
    """Events facilitated by each facilitator (``frame``: name, sector, events), most active first."""
    title = t("reporting.figure.facilitation.title", lang)
    if frame.empty:
        return empty_figure(title, lang)
    ordered = frame.sort_values(["events", "name"], ascending=[False, True], kind="stable").head(40)
    figure = titled_figure(title, lang, height=140 + 26 * len(ordered))
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
        title={"text": t("reporting.figure.facilitation.axis", lang)},
        **count_axis(float(pd.to_numeric(ordered["events"]).max())),
    )
    caption = t(
        "reporting.figure.facilitation.caption",
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
    title = t("reporting.figure.ostrom.title", lang)
    coded = frame.dropna(subset=["score"]) if not frame.empty else frame
    if coded.empty:
        return empty_figure(title, lang)
    by_principle = {str(row.principle): row for row in coded.itertuples(index=False)}
    principles = [p for p in OSTROM_PRINCIPLES if p in by_principle]
    names = [label("ostrom", p, lang) for p in principles]
    scores = [float(by_principle[p].score) for p in principles]
    evidence = [wrap_text(escape(getattr(by_principle[p], "evidence", "") or "")) for p in principles]
    figure = titled_figure(title, lang, height=520)
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
            name=t("reporting.figure.ostrom.score", lang),
        )
    )
    figure.update_layout(
        polar={"radialaxis": {"range": [0, 2], "tickvals": [0, 1, 2]}},
        showlegend=False,
        margin={"l": 120, "r": 120, "t": 70, "b": 40},
    )
    return with_caption(figure, t("reporting.figure.ostrom.caption", lang, score=number(score, lang)))


def arnstein_ladder(rung: str | None, lang: str = DEFAULT_LANG) -> go.Figure:
    """Arnstein's eight rungs, bottom to top, coloured by level; the case's rung highlighted."""
    title = t("reporting.figure.arnstein.title", lang)
    if rung is None:
        return empty_figure(title, lang)
    figure = titled_figure(title, lang, height=460)
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
        text="◀ " + t("reporting.figure.arnstein.case", lang),
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
            "reporting.figure.arnstein.caption",
            lang,
            rung=label("arnstein", rung, lang),
            level=ARNSTEIN_RUNGS.index(rung) + 1,
        ),
    )
