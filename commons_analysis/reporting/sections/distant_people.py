"""People far from public action: attendance, turnout, concentration (Lorenz), inclusion, hours.

>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.context import report_context
>>> case = Case.from_frames({"id": "tiny", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["public", "sse"]}),
...     participation=pd.DataFrame({"event_id": ["e1", "e1", "e2"], "actor_id": ["a", "b", "a"]}))
>>> lorenz(report_context(case, lang="en")).data["records_share"].round(3).tolist()
[0.0, 0.333, 1.0]
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
from commons_analysis.reporting.text import (
    interval_bounds,
    interval_text,
    number,
    percent,
)

#: Above this many events, attendance is drawn per year (a bar per event would be thinner than a line).
ATTENDANCE_MAX_EVENTS = 60


def attendance(context: ReportContext) -> FigureBlock | Block:
    """Participants per event over time, newcomers apart.

    Per year above :data:`ATTENDANCE_MAX_EVENTS` events, or when events share
    a date (their bars would pile up into one).

    ``.data``: one row per event
    (:func:`~commons_analysis.analysis.attendance.attendance_by_event`), or
    per year (:func:`~commons_analysis.analysis.attendance.attendance_by_year`).
    """
    from commons_analysis.analysis.attendance import attendance_by_event, attendance_by_year

    frame = attendance_by_event(context.case)  # event titles as shown
    if int(frame["participants"].sum()) == 0:
        return empty(context, "reporting.figure.attendance.title", "attendance", frame)
    if len(frame) > ATTENDANCE_MAX_EVENTS or frame["date"].dropna().duplicated().any():
        by_year = attendance_by_year(context.case)
        return FigureBlock(plots.attendance_by_year_chart(by_year, context.lang), by_year)
    return FigureBlock(plots.attendance_chart(frame, context.lang), frame)


def turnout(context: ReportContext) -> FigureBlock | Block:
    """Those entitled to take part in each event and those who did (ballots, general assemblies).

    ``.data``: :func:`~commons_analysis.analysis.attendance.turnout_by_event`
    (events that give ``eligible``); its mean is ``participation.mean_turnout``.
    """
    from commons_analysis.analysis.attendance import turnout_by_event

    frame = turnout_by_event(context.case)  # event titles as shown
    if frame.empty:
        return empty(context, "reporting.figure.turnout.title", "turnout", frame)
    mean = context.indicators["participation"].get("mean_turnout")
    return FigureBlock(plots.turnout_chart(frame, mean, context.lang), frame)


def lorenz(context: ReportContext) -> FigureBlock | Block:
    """The Lorenz curve of participation records and its Gini coefficient with its 95 % interval.

    ``.data``: population_share, records_share, from (0, 0) to (1, 1);
    ``.data.attrs``: gini, gini_low, gini_high (None without an interval).
    """
    from commons_analysis.analysis.participation import lorenz_curve

    participation = context.indicators["participation"]
    gini, interval = participation.get("gini"), participation.get("gini_ci")
    frame = lorenz_curve(context.case)
    low, high = interval or (None, None)
    frame.attrs.update(gini=gini, gini_low=low, gini_high=high)
    if frame.empty:
        return empty(context, "reporting.figure.lorenz.title", "lorenz", frame)
    written = interval_text("participation.gini", interval, context.lang)
    return FigureBlock(plots.lorenz_chart(frame, gini, context.lang, interval=written), frame)


def inclusion(context: ReportContext) -> Blocks:
    """Groups among participating persons against the population; suppressed groups marked so.

    Each printed share carries its 95 % interval (an error bar, a column);
    a hidden group has none, anywhere.

    ``.data``: :func:`~commons_analysis.analysis.inclusion.inclusion_table`
    as the context holds it (suppressed counts, and their intervals, are missing there too).
    """
    table = context.inclusion  # small groups already suppressed
    if table.empty:
        return Blocks([empty(context, "reporting.figure.inclusion.title", "inclusion", table)])
    figure = FigureBlock(plots.inclusion_chart(table, context.min_cell, context.lang), table)
    hidden = context.t("reporting.figure.inclusion.suppressed", k=context.min_cell)
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
                else number(None if pd.isna(row.count) else int(row.count), context.lang),
                hidden
                if suppressed
                else percent(None if pd.isna(row.share) else float(row.share), context.lang),
                hidden if suppressed else interval_bounds("inclusion.g.share", bounds, context.lang) or None,
                percent(None if pd.isna(row.population_share) else float(row.population_share), context.lang),
                hidden if suppressed else number(ratio, context.lang),
            ]
        )
    header = [
        context.t("reporting.column.group"),
        context.t("reporting.column.count"),
        context.t("reporting.column.share"),
        context.t("reporting.column.interval"),
        context.t("reporting.column.population_share"),
        context.t("reporting.column.representation_ratio"),
    ]
    if context.bootstrap == 0:  # a column of dashes would say less than one line
        header.pop(3)
        rows = [row[:3] + row[4:] for row in rows]
    parts = [html_table(header, rows, numeric=range(1, len(header)))]
    if context.bootstrap == 0:
        parts.append(note(context.t("reporting.interval.off")).html)
    table_block = Block("".join(parts), context.t("reporting.table.inclusion.title"), data=table)
    return Blocks([figure, table_block])


def hours(context: ReportContext) -> FigureBlock | Block:
    """Participation hours by role, paid and unpaid; ``.data``: role, paid, records, hours."""
    from commons_analysis.analysis.meeting_practices import hours_by_role

    frame = hours_by_role(context.case)
    if float(frame["hours"].fillna(0).sum()) == 0:
        return empty(context, "reporting.figure.hours.title", "hours", frame)
    return FigureBlock(plots.hours_chart(frame, context.lang), frame)
