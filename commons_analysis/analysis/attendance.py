"""Attendance and turnout: who comes to each event and each year, and how many of those who could.

Turnout is participants / eligible of an event with ``eligible`` > 0
(docs/design.md §Participation); newcomers are participants never seen at
an earlier event, events ordered by (date, event_id).

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> people = pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["citizen", "public"]})
>>> meetings = pd.DataFrame({"event_id": ["e1", "e2"], "date": ["2020-01-01", "2021-02-01"],
...                          "kind": "assembly"})
>>> present = pd.DataFrame({"event_id": ["e1", "e2", "e2"], "actor_id": ["a", "a", "b"]})
>>> case = Case.from_frames({"id": "demo"}, actors=people, events=meetings, participation=present)
>>> attendance_by_year(case)[["year", "records", "newcomers"]].to_dict("list")
{'year': [2020, 2021], 'records': [1, 2], 'newcomers': [1, 1]}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from commons_analysis.analysis.participation import (
    INDICATOR_KEYS,
    event_newcomer_ratios,
    event_participants,
    event_turnouts,
    mean_or_none,
    participation_summary,
    records,
)
from commons_analysis.model.case import Case
from commons_analysis.model.schema import SECTORS


def attendance_by_event(case: Case) -> pd.DataFrame:
    """One row per event in (date, event_id) order: participants, newcomers (first record ever) and returning.

    Columns: event_id, date, kind, open, participants, newcomers, returning
    (= participants − newcomers), attendance (the count the records give, if any),
    eligible and turnout (see :func:`event_turnouts`). Participants, newcomers
    and returning count participation rows; events nobody attended have 0.
    """
    rec = records(case)
    participants, newcomers = rec.newcomers()
    events = rec.events
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "date": events["date"],
            "kind": events["kind"],
            "title": events["title"],
            "open": events["open"],
            "participants": participants,
            "newcomers": newcomers,
            "returning": participants - newcomers,
            "attendance": events["attendance"].to_numpy(),
            "eligible": events["eligible"].to_numpy(),
            "turnout": pd.array(event_turnouts(rec), dtype="Float64"),
        }
    )


def participation_by_year(case: Case) -> pd.DataFrame:
    """Every participation indicator per calendar year of the events' dates, one row per year with events.

    Columns: year, then the keys of :func:`participation_indicators`, with
    ``sector_shares`` spread into ``sector_share_<sector>`` columns. Concentration
    (gini, top10_share, repeat_share) is computed over the records of the year.
    A newcomer is someone whose *first record ever* is at that event (not the
    first of the year), so the newcomer share of a year is the mean over its
    events of the per-event ratios of :func:`participation_indicators`.
    Undefined values are missing (``<NA>``).
    """
    rec = records(case)
    event_year = rec.year_of_event
    row_year = rec.year_of_record
    newcomer_ratios = event_newcomer_ratios(rec)
    turnouts = event_turnouts(rec)
    rows = []
    for year in np.unique(event_year[event_year >= 0]):
        in_year = event_year == year
        summary = participation_summary(rec, row_year == year, int(in_year.sum()))
        summary["newcomer_share"] = mean_or_none(newcomer_ratios[in_year])
        summary["mean_turnout"] = mean_or_none(turnouts[in_year])
        shares = summary.pop("sector_shares")
        row = {"year": int(year), **{key: summary[key] for key in INDICATOR_KEYS if key != "sector_shares"}}
        row.update({f"sector_share_{sector}": share for sector, share in shares.items()})
        rows.append(row)
    columns = ["year", *[k for k in INDICATOR_KEYS if k != "sector_shares"]]
    columns += [f"sector_share_{sector}" for sector in SECTORS]
    frame = pd.DataFrame(rows, columns=columns)
    integers = ["year", "events", "participants", "records"]
    return frame.astype({c: "Int64" if c in integers else "Float64" for c in columns})


def turnout_by_event(case: Case) -> pd.DataFrame:
    """Turnout of each event that says how many could take part: those who did, those entitled, the share.

    One row per event with ``eligible`` > 0, in (date, event_id) order. Columns:
    event_id, date, kind, title, took_part (:func:`event_participants`: the
    event's ``attendance`` where the records count those they do not name, else
    its participation rows), eligible, turnout (took_part / eligible, missing
    where nobody is known to have taken part: see :func:`event_turnouts`).
    ``participation.mean_turnout`` is the mean of this turnout column.

    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["commons", "commons"]}),
    ...     events=pd.DataFrame({"event_id": ["v1", "v2", "m"], "kind": ["ballot", "ballot", "assembly"],
    ...                          "date": ["2020-01-01", "2021-01-01", "2021-06-01"],
    ...                          "eligible": [4, 10, None], "attendance": [None, 7, None]}),
    ...     participation=pd.DataFrame({"event_id": ["v1", "v1", "m"], "actor_id": ["a", "b", "a"]}))
    >>> turnout_by_event(case)[["event_id", "took_part", "eligible", "turnout"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'event_id': 'v1', 'took_part': 2, 'eligible': 4, 'turnout': 0.5},
     {'event_id': 'v2', 'took_part': 7, 'eligible': 10, 'turnout': 0.7}]
    """
    rec = records(case)
    events = rec.events
    eligible = events["eligible"].to_numpy(dtype=float, na_value=np.nan)
    counted = eligible > 0
    return pd.DataFrame(
        {
            "event_id": events["event_id"][counted].to_numpy(),
            "date": events["date"][counted].to_numpy(),
            "kind": events["kind"][counted].to_numpy(),
            "title": events["title"][counted].to_numpy(),
            "took_part": event_participants(rec)[counted].astype(np.int64),
            "eligible": eligible[counted].astype(np.int64),
            "turnout": pd.array(event_turnouts(rec)[counted], dtype="Float64"),
        }
    )


def attendance_by_year(case: Case) -> pd.DataFrame:
    """:func:`attendance_by_event` added up per calendar year: the view of a case with many events.

    One row per year with dated events. Columns: year, events, records
    (participation rows of its events), newcomers (whose first record ever is
    in that year), returning (records − newcomers). Events without a date are
    left out.

    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["commons", "commons"]}),
    ...     events=pd.DataFrame({"event_id": ["e1", "e2", "e3"], "kind": ["assembly"] * 3,
    ...                          "date": ["2020-01-01", "2020-06-01", "2021-01-01"]}),
    ...     participation=pd.DataFrame({"event_id": ["e1", "e2", "e2", "e3"],
    ...                                 "actor_id": ["a", "a", "b", "b"]}))
    >>> attendance_by_year(case).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'year': 2020, 'events': 2, 'records': 3, 'newcomers': 2, 'returning': 1},
     {'year': 2021, 'events': 1, 'records': 1, 'newcomers': 0, 'returning': 1}]
    """
    rec = records(case)
    participants, newcomers = rec.newcomers()
    year = rec.year_of_event
    dated = year >= 0
    frame = pd.DataFrame(
        {"year": year[dated], "events": 1, "records": participants[dated], "newcomers": newcomers[dated]}
    )
    totals = frame.groupby("year", as_index=False, sort=True).sum()
    totals["returning"] = totals["records"] - totals["newcomers"]
    return totals.astype({column: np.int64 for column in totals.columns})


__all__ = [
    "attendance_by_event",
    "attendance_by_year",
    "participation_by_year",
    "turnout_by_event",
]
