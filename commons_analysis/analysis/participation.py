"""Participation indicators: who takes part, how concentrated, how much time it costs, whether it is paid.

One *record* is one row of the ``participation`` table (an actor present at
an event). Definitions are those of docs/design.md §Participation;
``docs/indicators.md`` explains how to read each one. Undefined values (a
division by zero, no data) are ``None``, never 0.

Everything is computed on integer codes with numpy (one factorisation of the
identifiers, then ``bincount``), so a million records take well under a second.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames(
...     {"id": "demo"},
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["citizen", "public"]}),
...     events=pd.DataFrame({"event_id": ["e1", "e2"], "date": ["2020-01-01", "2020-02-01"],
...                          "kind": ["assembly", "assembly"], "duration_hours": [2.0, 3.0]}),
...     participation=pd.DataFrame({"event_id": ["e1", "e2", "e2"], "actor_id": ["a", "a", "b"]}))
>>> result = participation_indicators(case)
>>> result["records"], result["participants"], result["gini"], result["newcomer_share"], result["hours_total"]
(3, 2, 0.16666666666666666, 0.5, 8.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from commons_analysis.analysis.concentration import gini, ratio, top_share
from commons_analysis.model.case import Case, participation_hours
from commons_analysis.model.schema.vocabularies import PARTICIPATION_ROLES, SECTORS

#: Keys of :func:`participation_indicators`, in the order of docs/design.md §Participation.
INDICATOR_KEYS = (
    "events",
    "participants",
    "records",
    "mean_attendance",
    "gini",
    "top10_share",
    "repeat_share",
    "newcomer_share",
    "hours_total",
    "paid_hours_share",
    "sector_shares",
    "mean_turnout",
)


# ---------------------------------------------------------------------------
# Pure numeric helpers
# ---------------------------------------------------------------------------


def codes_in(values: pd.Series, index: pd.Index) -> np.ndarray:
    """Position of each value in ``index`` (-1 when absent or missing), hashing each distinct value once.

    >>> codes_in(pd.Series(["b", "a", "b", None]), pd.Index(["a", "b"])).tolist()
    [1, 0, 1, -1]
    """
    codes, uniques = pd.factorize(values)
    # the appended -1 is what code -1 (a missing value) picks
    positions = np.append(np.asarray(index.get_indexer(uniques), dtype=np.int64), -1)
    return positions[codes]


# ---------------------------------------------------------------------------
# Records as integer arrays
# ---------------------------------------------------------------------------


def ordered_events(case: Case) -> pd.DataFrame:
    """The events by (date, event_id), as newcomers are counted (docs/design.md §Participation), 0..n−1."""
    return case.events.sort_values(["date", "event_id"], kind="stable", na_position="last").reset_index(
        drop=True
    )


@dataclass(frozen=True)
class Records:
    """The participation table as integer arrays: one entry per record."""

    actor: np.ndarray  #: code of the actor in ``actor_ids``
    actor_ids: pd.Index  #: distinct participating actor ids
    rank: np.ndarray  #: position of the event in :func:`ordered_events` (-1 if unknown)
    events: pd.DataFrame  #: :func:`ordered_events`
    hours: np.ndarray  #: hours of the record (NaN when unknown), see ``case.participation_hours``
    paid: np.ndarray  #: bool
    role: np.ndarray  #: index in PARTICIPATION_ROLES (-1 if missing)
    sector: np.ndarray  #: per actor code: index in SECTORS (-1 if unknown)

    @property
    def year_of_event(self) -> np.ndarray:
        """Year of each ordered event (-1 when the date is missing)."""
        years = self.events["date"].dt.year
        return years.fillna(-1).to_numpy(dtype=np.int64)

    @property
    def year_of_record(self) -> np.ndarray:
        """Year of each record's event (-1 when the event or its date is unknown)."""
        return np.append(self.year_of_event, -1)[self.rank]  # rank -1 picks the appended -1

    def newcomers(self) -> tuple[np.ndarray, np.ndarray]:
        """Per ordered event: (participants, newcomers), newcomers being those whose first record it is."""
        n_events = len(self.events)
        known = self.rank >= 0
        actor, rank = self.actor[known], self.rank[known]
        first = np.full(len(self.actor_ids), n_events, dtype=np.int64)
        np.minimum.at(first, actor, rank)
        participants = np.bincount(rank, minlength=n_events)
        newcomers = np.bincount(first[first < n_events], minlength=n_events)
        return participants, newcomers


def records(case: Case) -> Records:
    """Factorise the participation table of ``case`` once for all the indicators."""
    table = case.participation
    actor, actor_ids = pd.factorize(table["actor_id"])
    events = ordered_events(case)
    rank = codes_in(table["event_id"], pd.Index(events["event_id"]))
    hours = participation_hours(case).to_numpy(dtype=float, na_value=np.nan)
    paid = table["paid"].to_numpy(dtype=bool, na_value=False)
    role = pd.Categorical(table["role"], categories=list(PARTICIPATION_ROLES)).codes.astype(np.int64)
    actor_sector = case.actors.set_index("actor_id")["sector"]
    actor_sector = actor_sector[~actor_sector.index.duplicated()]
    sector_codes = pd.Categorical(actor_sector, categories=list(SECTORS)).codes.astype(np.int64)
    positions = pd.Index(actor_sector.index).get_indexer(pd.Index(actor_ids))
    sector = np.where(positions >= 0, sector_codes[np.maximum(positions, 0)], -1)
    return Records(
        actor=actor.astype(np.int64),
        actor_ids=pd.Index(actor_ids),
        rank=rank,
        events=events,
        hours=hours,
        paid=paid,
        role=role,
        sector=sector,
    )


def participation_summary(rec: Records, mask: np.ndarray | None, n_events: int) -> dict[str, Any]:
    """Every participation indicator except the newcomer share, over the records selected by ``mask``."""
    actor = rec.actor if mask is None else rec.actor[mask]
    hours = rec.hours if mask is None else rec.hours[mask]
    paid = rec.paid if mask is None else rec.paid[mask]
    counts = np.bincount(actor, minlength=len(rec.actor_ids))
    counts = counts[counts > 0]
    n_records = int(actor.size)
    participants = int(counts.size)
    known = ~np.isnan(hours)
    hours_total = float(hours[known].sum()) if known.any() else None
    paid_hours = float(hours[known & paid].sum())
    sectors = rec.sector[actor]
    by_sector = np.bincount(sectors[sectors >= 0], minlength=len(SECTORS))
    return {
        "events": int(n_events),
        "participants": participants,
        "records": n_records,
        "mean_attendance": ratio(n_records, n_events),
        "gini": gini(counts),
        "top10_share": top_share(counts),
        "repeat_share": ratio(int((counts >= 2).sum()), participants),
        "hours_total": hours_total,
        "paid_hours_share": ratio(paid_hours, hours_total) if hours_total else None,
        "sector_shares": {s: ratio(int(by_sector[i]), n_records) for i, s in enumerate(SECTORS)},
    }


def event_newcomer_ratios(rec: Records) -> np.ndarray:
    """Per ordered event: newcomers / participants; NaN without participants and for the first event with."""
    participants, newcomers = rec.newcomers()
    ratios = np.full(len(participants), np.nan)
    with_people = np.flatnonzero(participants > 0)
    counted = with_people[1:]
    ratios[counted] = newcomers[counted] / participants[counted]
    return ratios


def event_participants(rec: Records) -> np.ndarray:
    """Per ordered event: the persons who took part, ``attendance`` where given, else its participation rows.

    ``attendance`` counts those the records do not name (a ballot's votes cast, a
    meeting's sign-in count); validation makes sure it is never below the rows.
    """
    participants, _ = rec.newcomers()
    attendance = rec.events["attendance"].to_numpy(dtype=float, na_value=np.nan)
    return np.where(np.isnan(attendance), participants, attendance)


def event_turnouts(rec: Records) -> np.ndarray:
    """Per ordered event: participants / ``eligible``; NaN where ``eligible`` is missing or 0.

    Participants are those of :func:`event_participants`. An event with
    ``eligible`` but neither participation rows nor ``attendance`` has no known
    turnout (NaN): the records did not say who took part, which is not nobody.

    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["commons", "commons"]}),
    ...     events=pd.DataFrame({"event_id": ["v1", "v2", "v3"], "kind": ["ballot"] * 3,
    ...                          "date": ["2020-01-01", "2021-01-01", "2022-01-01"],
    ...                          "eligible": [4, None, 10], "attendance": [None, None, 7]}),
    ...     participation=pd.DataFrame({"event_id": ["v1", "v1", "v2"], "actor_id": ["a", "b", "a"]}))
    >>> event_turnouts(records(case)).tolist()
    [0.5, nan, 0.7]
    """
    participants = event_participants(rec)
    eligible = rec.events["eligible"].to_numpy(dtype=float, na_value=np.nan)
    turnouts = np.full(len(participants), np.nan)
    counted = (eligible > 0) & (participants > 0)
    turnouts[counted] = participants[counted] / eligible[counted]
    return turnouts


def mean_or_none(values: np.ndarray) -> float | None:
    """The mean of the values that are not NaN, None when there are none."""
    values = values[~np.isnan(values)]
    return float(values.mean()) if values.size else None


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def participation_indicators(case: Case) -> dict[str, Any]:
    """The ``participation`` part of the indicators (docs/design.md §Participation).

    Keys: events, participants, records, mean_attendance (records / events),
    gini (of records per participant), top10_share (records of the ⌈0.1·n⌉ most
    active / records), repeat_share (participants with ≥ 2 records /
    participants), newcomer_share (mean over events ordered by (date,
    event_id), the first event with participants excepted, of newcomers /
    participants), hours_total, paid_hours_share (paid hours / hours),
    sector_shares (sector → records by its actors / records), mean_turnout (over
    events with ``eligible`` > 0 and known participants, the mean of participants
    / eligible, see :func:`event_turnouts`; ``None`` when no event gives both).

    >>> from commons_analysis.model.case import Case
    >>> empty = Case.from_frames({"id": "empty"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
    >>> participation_indicators(empty)["gini"] is None
    True
    """
    rec = records(case)
    summary = participation_summary(rec, None, len(case.events))
    summary["newcomer_share"] = mean_or_none(event_newcomer_ratios(rec))
    summary["mean_turnout"] = mean_or_none(event_turnouts(rec))
    return {key: summary[key] for key in INDICATOR_KEYS}


def lorenz_curve(case: Case) -> pd.DataFrame:
    """Lorenz curve of records per participant: (population_share, records_share) from (0, 0) to (1, 1).

    Participants are sorted from least to most active; point i gives the share
    of the records held by the i least active. The Gini is twice the area
    between this curve and the diagonal. Empty when nobody took part.

    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "sse"]}),
    ...     participation=pd.DataFrame({"event_id": ["e1", "e2", "e3"], "actor_id": ["a", "a", "b"]}))
    >>> lorenz_curve(case)["records_share"].round(3).tolist()
    [0.0, 0.333, 1.0]
    """
    rec = records(case)
    counts = np.sort(np.bincount(rec.actor, minlength=len(rec.actor_ids)))
    counts = counts[counts > 0]
    if counts.size == 0:
        return pd.DataFrame({"population_share": pd.Series([], dtype=float), "records_share": []})
    cumulative = np.concatenate([[0], np.cumsum(counts)])
    return pd.DataFrame(
        {
            "population_share": np.arange(counts.size + 1) / counts.size,
            "records_share": cumulative / cumulative[-1],
        }
    )


__all__ = [
    "INDICATOR_KEYS",
    "Records",
    "codes_in",
    "event_participants",
    "event_turnouts",
    "lorenz_curve",
    "ordered_events",
    "participation_indicators",
    "records",
]
