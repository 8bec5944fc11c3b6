"""Practices and tools: decision rules, open events, facilitation, Ostrom's principles, Arnstein's ladder.

>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.context import report_context
>>> case = Case.from_frames({"id": "tiny", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
>>> arnstein(report_context(case, lang="en")).parts[0].text
"Arnstein's ladder of participation — The case has not been coded by the research team yet."
"""

from __future__ import annotations

import pandas as pd

from commons_analysis.reporting import plots
from commons_analysis.reporting.blocks import (
    Block,
    Blocks,
    FigureBlock,
    html_table,
    note,
)
from commons_analysis.reporting.context import ReportContext
from commons_analysis.reporting.sections.common import (
    empty,
)
from commons_analysis.reporting.templating import Markup, render
from commons_analysis.reporting.text import (
    case_text,
    label,
    number,
)
from commons_analysis.reporting.text import date as format_date


def decision_rules(context: ReportContext) -> Blocks | Block:
    """Decisions per year and rule, then how precisely they are dated; ``.data``: year, rule, decisions.

    When the records date some decisions only to the month, the year or roughly
    (``date_precision``), a table says how many of each, with an example written
    as the report writes it (``avril 2002``, ``vers 2002``).
    """
    from commons_analysis.analysis.decisions import decisions_by_year_and_rule

    frame = decisions_by_year_and_rule(context.case)
    if int(frame["decisions"].sum()) == 0:
        return empty(context, "reporting.figure.rules.title", "decision_rules", frame)
    drawn = pd.DataFrame(
        {
            "period": frame["year"].astype(str),
            "rule": frame["rule"].astype(str),
            "decisions": frame["decisions"],
        }
    )
    figure = FigureBlock(plots.decision_rules_chart(drawn, context.lang), frame)
    return Blocks([figure, date_precision(context)], data=frame)


def date_precision(context: ReportContext) -> Block | None:
    """How many decisions are dated to the day, the month, the year or roughly; None when all to the day.

    ``.data``: date_precision, decisions, example (the first such decision's date, unformatted).

    >>> import pandas as pd
    >>> from commons_analysis.model.case import Case
    >>> from commons_analysis.reporting.context import report_context
    >>> case = Case.from_frames({"id": "x", "show_names": True},
    ...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}),
    ...     decisions=pd.DataFrame({"decision_id": ["d1", "d2"], "date": ["2002-04-17", "2002-06-01"],
    ...                             "date_precision": ["month", "approximate"]}))
    >>> "vers 2002" in date_precision(report_context(case, lang="fr")).html
    True
    """
    from commons_analysis.core.formats import DATE_PRECISIONS

    decisions = context.case.decisions
    if "date_precision" not in decisions:
        return None
    known = decisions.assign(precision=decisions["date_precision"].astype("string")).dropna(
        subset=["precision"]
    )
    if known.empty or (known["precision"] == "day").all():
        return None
    known = known.sort_values("date", kind="stable")
    rows, data = [], []
    for precision in DATE_PRECISIONS:
        group = known[known["precision"] == precision]
        if group.empty:
            continue
        example = group["date"].dropna()
        first = example.iloc[0] if not example.empty else None
        rows.append(
            [
                label("date_precision", precision, context.lang),
                number(len(group), context.lang),
                format_date(first, context.lang, precision),
            ]
        )
        data.append((precision, len(group), first))
    title = context.t("reporting.table.date_precision.title")
    header = [
        context.t("reporting.column.date_precision"),
        context.t("reporting.column.decisions"),
        context.t("reporting.column.example"),
    ]
    table = html_table(header, rows, numeric=[1], caption=context.t("reporting.table.date_precision.note"))
    frame = pd.DataFrame(data, columns=["date_precision", "decisions", "example"])
    return Block(render("blocks", "titled", title=title, body=Markup(table)), title, data=frame)


def open_events(context: ReportContext) -> FigureBlock | Block:
    """Open and closed events per kind; ``.data``: kind, open, events."""
    from commons_analysis.analysis.meeting_practices import events_by_kind

    frame = events_by_kind(context.case)
    if frame.empty:
        return empty(context, "reporting.figure.open.title", "open_events", frame)
    return FigureBlock(plots.open_events_chart(frame, context.lang), frame)


def facilitation(context: ReportContext) -> FigureBlock | Block:
    """Events facilitated by each facilitator, with the rotation indicator.

    ``.data``: actor_id, name, sector, events (ids and names as shown).
    """
    from commons_analysis.analysis.meeting_practices import facilitation_by_actor, facilitator_rotation

    rotation = facilitator_rotation(context.case)
    per_actor = facilitation_by_actor(context.case)
    sectors = dict(
        zip(
            context.case.actors["actor_id"].astype(str),
            context.case.actors["sector"].astype(str),
            strict=True,
        )
    )
    frame = pd.DataFrame(
        {
            "actor_id": per_actor["actor_id"],
            "name": [context.names.get(a, a) for a in per_actor["actor_id"].astype(str)],
            "sector": [sectors.get(a, "other") for a in per_actor["actor_id"].astype(str)],
            "events": per_actor["events"],
        }
    )
    if frame.empty:
        return empty(
            context, "reporting.figure.facilitation.title", "facilitation", context.string_ids(frame)
        )
    figure = plots.facilitation_chart(frame, rotation, context.lang)
    return FigureBlock(figure, context.string_ids(frame))


def ostrom(context: ReportContext) -> Blocks:
    """Radar of Ostrom's principles as coded, with the evidence; ``.data``: principle, score, evidence."""
    from commons_analysis.analysis.assessment import ostrom_table

    table = ostrom_table(context.case, context.lang)
    score = context.indicators["assessment"].get("ostrom_score")
    coded = table.dropna(subset=["score"])
    if coded.empty:
        title = context.t("reporting.figure.ostrom.title")
        return Blocks([note(f"{title} — {context.t('reporting.no_assessment')}")], data=table)
    figure = FigureBlock(plots.ostrom_radar(table, score, context.lang), table)
    rows = [
        [
            label("ostrom", row.principle, context.lang),
            int(row.score),
            "" if pd.isna(row.evidence) else case_text(row.evidence, context.lang),
        ]
        for row in coded.itertuples(index=False)
    ]
    header = [
        context.t("reporting.column.principle"),
        context.t("reporting.column.score"),
        context.t("reporting.table.evidence"),
    ]
    title = context.t("reporting.table.ostrom.title")
    return Blocks(
        [
            figure,
            Block(
                render("blocks", "titled", title=title, body=Markup(html_table(header, rows, numeric=[1]))),
                title,
                data=table,
            ),
        ]
    )


def arnstein(context: ReportContext) -> Blocks:
    """Arnstein's ladder with the case's rung, and the evidence; ``.data``: the coding (one row)."""
    from commons_analysis.analysis.assessment import arnstein_summary

    summary = arnstein_summary(context.case, context.lang)
    data = pd.DataFrame([summary])
    if summary.get("rung") is None:
        title = context.t("reporting.figure.arnstein.title")
        return Blocks([note(f"{title} — {context.t('reporting.no_assessment')}")], data=data)
    figure = FigureBlock(plots.arnstein_ladder(summary.get("rung"), context.lang), data)
    evidence = case_text(summary.get("evidence") or "", context.lang)
    return Blocks([figure, note(evidence, "ca-evidence") if evidence else None])
