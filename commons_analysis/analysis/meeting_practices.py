"""Meeting practices: the kinds of events, the hours each role gives, who facilitates and whether it rotates.

The perspective *practices and tools* (docs/design.md §Participation): how
the events are held, how much time they cost by role, and whether
facilitation is held by a few actors.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "demo"},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["citizen"]}),
...     events=pd.DataFrame({"event_id": ["e1", "e2"], "kind": ["assembly", "working_group"]}))
>>> events_by_kind(case)["kind"].tolist()
['assembly', 'working_group']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from commons_analysis.analysis.concentration import ratio
from commons_analysis.analysis.participation import records
from commons_analysis.model.case import Case
from commons_analysis.model.schema import PARTICIPATION_ROLES


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


__all__ = [
    "events_by_kind",
    "facilitation_by_actor",
    "facilitator_rotation",
    "hours_by_role",
]
