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


def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator`` as a Python float, or ``None`` when the denominator is 0.

    >>> ratio(1, 4), ratio(3, 0)
    (0.25, None)
    """
    if denominator == 0:
        return None
    return float(numerator) / float(denominator)


def gini(values: Any) -> float | None:
    """Gini coefficient G = ΣᵢΣⱼ|xᵢ − xⱼ| / (2n²x̄) of non-negative values.

    Computed in O(n log n) with the sorted-values identity
    ΣᵢΣⱼ|xᵢ − xⱼ| = 2 Σᵢ (2i − n − 1) x₍ᵢ₎ (x sorted ascending, i = 1..n),
    hence G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σx). Integer inputs are summed exactly,
    so equal values give exactly 0. ``None`` when there are no values or they
    sum to 0. Reference: Gini (1912); Damgaard & Weiner (2000), *Ecology* 81(4).

    >>> gini([1, 1, 1]), gini([0, 0, 3]), gini([1, 3])
    (0.0, 0.6666666666666666, 0.25)
    >>> gini([]) is None
    True
    """
    x = np.sort(np.asarray(values).ravel())
    n = x.size
    if n == 0:
        return None
    weights = 2 * np.arange(1, n + 1, dtype=np.int64) - n - 1
    if np.issubdtype(x.dtype, np.integer):
        total = int(x.sum())
        if total <= 0:
            return None
        if n * total < 2**62:  # exact integer arithmetic, no rounding
            return float(int((weights * x.astype(np.int64)).sum()) / (n * total))
    x = x.astype(float)
    total_f = float(x.sum())
    if total_f <= 0:
        return None
    return max(0.0, float((weights * x).sum() / (n * total_f)))


def top_share(counts: Any, fraction_tenths: int = 1) -> float | None:
    """Share of the total held by the ⌈fraction·n⌉ largest values (fraction = tenths / 10).

    The number of values kept is computed in integers, ⌈n/10⌉ = (n + 9) // 10,
    because 0.1·n in floating point rounds up wrongly (0.1·30 = 3.0000000000000004).

    >>> top_share([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10])  # n = 11: the top 2 hold 11 of 20
    0.55
    """
    x = np.asarray(counts).ravel()
    n = x.size
    total = x.sum()
    if n == 0 or total == 0:
        return None
    keep = -(-n * fraction_tenths // 10)
    top = np.partition(x, n - keep)[n - keep :]
    return ratio(top.sum(), total)


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


def _summary(rec: Records, mask: np.ndarray | None, n_events: int) -> dict[str, Any]:
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


def _event_newcomer_ratios(rec: Records) -> np.ndarray:
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


def _mean_or_none(values: np.ndarray) -> float | None:
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
    summary = _summary(rec, None, len(case.events))
    summary["newcomer_share"] = _mean_or_none(_event_newcomer_ratios(rec))
    summary["mean_turnout"] = _mean_or_none(event_turnouts(rec))
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
    newcomer_ratios = _event_newcomer_ratios(rec)
    turnouts = event_turnouts(rec)
    rows = []
    for year in np.unique(event_year[event_year >= 0]):
        in_year = event_year == year
        summary = _summary(rec, row_year == year, int(in_year.sum()))
        summary["newcomer_share"] = _mean_or_none(newcomer_ratios[in_year])
        summary["mean_turnout"] = _mean_or_none(turnouts[in_year])
        shares = summary.pop("sector_shares")
        row = {"year": int(year), **{key: summary[key] for key in INDICATOR_KEYS if key != "sector_shares"}}
        row.update({f"sector_share_{sector}": share for sector, share in shares.items()})
        rows.append(row)
    columns = ["year", *[k for k in INDICATOR_KEYS if k != "sector_shares"]]
    columns += [f"sector_share_{sector}" for sector in SECTORS]
    frame = pd.DataFrame(rows, columns=columns)
    integers = ["year", "events", "participants", "records"]
    return frame.astype({c: "Int64" if c in integers else "Float64" for c in columns})


def hours_by_role(case: Case) -> pd.DataFrame:
    """Records and hours per participation role and paid / unpaid: columns role, paid, records, hours.

    One row for each of the 4 roles × (unpaid, paid). Hours use the event's
    duration when the record has none; ``hours`` is missing when a cell has
    records but none with known hours.
    """
    rec = records(case)
    known_role = rec.role >= 0
    cell = rec.role[known_role] * 2 + rec.paid[known_role].astype(np.int64)
    hours = rec.hours[known_role]
    known = ~np.isnan(hours)
    n_cells = 2 * len(PARTICIPATION_ROLES)
    counts = np.bincount(cell, minlength=n_cells)
    sums = np.bincount(cell[known], weights=hours[known], minlength=n_cells)
    with_hours = np.bincount(cell[known], minlength=n_cells)
    return pd.DataFrame(
        {
            "role": pd.Categorical(np.repeat(PARTICIPATION_ROLES, 2), categories=list(PARTICIPATION_ROLES)),
            "paid": pd.array([False, True] * len(PARTICIPATION_ROLES), dtype="boolean"),
            "records": counts,
            "hours": pd.array(np.where((counts > 0) & (with_hours == 0), np.nan, sums), dtype="Float64"),
        }
    )


def facilitator_rotation(case: Case) -> dict[str, Any]:
    """Rotation of facilitation: distinct facilitators / events with at least one facilitator.

    Near 1 (one facilitator per event): a different person each time; near 0:
    the same few people always facilitate. Above 1 when events are co-facilitated.
    ``rotation`` is ``None`` when no event had a facilitator.
    """
    rec = records(case)
    facilitating = rec.role == PARTICIPATION_ROLES.index("facilitator")
    facilitators = int(np.unique(rec.actor[facilitating]).size)
    events = case.participation["event_id"][facilitating]
    facilitated = int(events.dropna().nunique())
    return {
        "facilitators": facilitators,
        "facilitated_events": facilitated,
        "rotation": ratio(facilitators, facilitated),
    }


def facilitation_by_actor(case: Case) -> pd.DataFrame:
    """Events each facilitator facilitated: columns actor_id, events (distinct events), by actor_id.

    The actors counted in :func:`facilitator_rotation`'s ``facilitators``; an
    event co-facilitated counts for each of its facilitators.

    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "sse"]}),
    ...     participation=pd.DataFrame({"event_id": ["e1", "e2", "e2"], "actor_id": ["b", "b", "a"],
    ...                                 "role": ["facilitator", "facilitator", "attendee"]}))
    >>> facilitation_by_actor(case).to_dict("records")
    [{'actor_id': 'b', 'events': 2}]
    """
    participation = case.participation
    facilitating = participation[(participation["role"] == "facilitator").to_numpy(dtype=bool)]
    per_actor = facilitating.groupby(facilitating["actor_id"].astype(str), sort=True)["event_id"].nunique()
    return pd.DataFrame(
        {"actor_id": pd.array(per_actor.index, dtype="string"), "events": per_actor.to_numpy(dtype=np.int64)}
    )


def events_by_kind(case: Case) -> pd.DataFrame:
    """Events per kind and openness: columns kind, open, events; the combinations present only.

    An event without ``open`` is open (the default of docs/design.md §Tables). Rows sorted by
    kind, then closed before open.

    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}),
    ...     events=pd.DataFrame({"event_id": ["e1", "e2", "e3"], "date": ["2020-01-01"] * 3,
    ...                          "kind": ["assembly", "assembly", "council"], "open": [True, None, False]}))
    >>> events_by_kind(case).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'kind': 'assembly', 'open': True, 'events': 2}, {'kind': 'council', 'open': False, 'events': 1}]
    """
    events = case.events
    frame = (
        pd.DataFrame({"kind": events["kind"].astype(str), "open": events["open"].fillna(True).astype(bool)})
        .groupby(["kind", "open"], as_index=False, sort=True)
        .size()
        .rename(columns={"size": "events"})
    )
    return frame.astype({"events": np.int64})


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
    "INDICATOR_KEYS",
    "Records",
    "attendance_by_event",
    "attendance_by_year",
    "codes_in",
    "event_participants",
    "event_turnouts",
    "events_by_kind",
    "facilitation_by_actor",
    "facilitator_rotation",
    "gini",
    "hours_by_role",
    "lorenz_curve",
    "ordered_events",
    "participation_by_year",
    "participation_indicators",
    "ratio",
    "records",
    "top_share",
    "turnout_by_event",
]
