"""The cooperation network over time: per period, and on a date, from the relations in force then.

A relation counts in a period when its ``[start, end]`` meets the period, a
missing bound being open (docs/design.md §Network).
:func:`network_by_period` counts every actor of the case;
:func:`active_network_by_period` and :func:`network_on` only the actors with
at least one tie in force, so that the calendar of the records does not show
as isolates.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "x", "period": {"start": "2020-01-01", "end": "2021-12-31"}},
...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
...                          "sector": ["sse", "sse", "public"]}),
...     relations=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "type": ["partnership"] * 2,
...                             "start": [None, "2021-01-01"]}))
>>> network_by_period(case)[["period", "ties", "active_actors"]].to_dict("list")
{'period': ['2020', '2021'], 'ties': [1, 2], 'active_actors': [2, 3]}
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from commons_analysis.analysis import brokerage as gf
from commons_analysis.analysis.mixing import (
    density,
    headline_indicators,
)
from commons_analysis.analysis.network import (
    DateLike,
    assemble_network,
    build_network,
    built_network_indicators,
    overlaps,
    relation_codes,
    relations_in_force,
    unique_pairs,
)
from commons_analysis.model.case import Case
from commons_analysis.model.schema import RELATION_TYPES

_FREQUENCIES = {"year": "Y", "quarter": "Q", "month": "M"}


def network_by_period(case: Case, freq: str = "year") -> pd.DataFrame:
    """Headline network indicators per period, from the relations in force during each period.

    Periods (``freq``: ``"year"``, ``"quarter"``, ``"month"`` or a pandas
    period alias) run from ``meta.period.start`` (else the earliest relation
    date) to ``meta.period.end`` (else the latest). A relation counts in a
    period when its ``[start, end]`` meets the period, missing bounds being
    open. Columns: period, start, end, relations (rows in force), actors,
    active_actors (with at least one tie), ties, density, components,
    ei_index, sector_assortativity, conflict_ties, one ``ties_<type>`` column
    per relation type (pairs linked by that type), and the five role totals.
    Empty (with those columns) when the case has no date at all.
    """
    columns = [
        "period", "start", "end", "relations", "actors", "active_actors", "ties", "density", "components",
        "ei_index", "sector_assortativity", "conflict_ties",
        *(f"ties_{kind}" for kind in RELATION_TYPES), *gf.ROLES,
    ]  # fmt: skip
    first, last = _case_span(case)
    if first is None or last is None:
        return _typed_periods(pd.DataFrame(columns=columns))
    periods = pd.period_range(first, last, freq=_FREQUENCIES.get(freq, freq))
    relations = case.relations
    n = len(case.actors)
    source, target = relation_codes(case, relations)
    kind = relations["type"].astype("string").to_numpy(dtype=object)
    rows = []
    for period in periods:
        start, end = period.start_time.normalize(), period.end_time.normalize()
        mask = overlaps(relations, start, end)
        net = assemble_network(case, source[mask], target[mask], kind[mask])
        row: dict[str, Any] = {"period": str(period), "start": start, "end": end}
        row["relations"] = int(mask.sum())
        row |= built_network_indicators(net)
        row["active_actors"] = len(np.unique(net.ties))
        for relation_type in RELATION_TYPES:
            chosen = mask & (kind == relation_type)
            row[f"ties_{relation_type}"] = len(unique_pairs(n, source[chosen], target[chosen]))
        row |= row.pop("brokerage")
        row.pop("sector_ties")
        rows.append(row)
    return _typed_periods(pd.DataFrame(rows, columns=columns))


def _case_span(case: Case) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last day of the case: its declared period, else the span of relation dates."""
    dates = pd.concat([case.relations["start"], case.relations["end"]]).dropna()
    period = case.meta.period
    first = pd.Timestamp(period.start) if period and period.start else (dates.min() if len(dates) else None)
    last = pd.Timestamp(period.end) if period and period.end else (dates.max() if len(dates) else None)
    return first, last


def _typed_periods(frame: pd.DataFrame) -> pd.DataFrame:
    frame["period"] = frame["period"].astype("string")
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in ("density", "ei_index", "sector_assortativity"):
        frame[column] = frame[column].astype("Float64")
    for column in frame.columns[frame.columns.get_loc("relations") :]:
        if column not in ("density", "ei_index", "sector_assortativity"):
            frame[column] = frame[column].astype("Int64")
    return frame


def network_on(case: Case, as_of: DateLike) -> dict[str, Any]:
    """The cooperation network on a date, made of the actors with at least one tie in force then.

    An actor whose relations have not begun or have ended on ``as_of`` is still
    an actor of the case, but nothing recorded places it in the network that
    day: drawn as an isolate, it would count as a separate component and lower
    the density, and both would measure the calendar of the records rather
    than the network. Keys: actors (with a tie in force), ties, density (over
    those actors), components (among them), ei_index, sector_assortativity,
    conflict_ties. The same definition as :func:`active_network_by_period`.

    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"],
    ...                          "sector": ["sse", "sse", "public", "public"]}),
    ...     relations=pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"], "type": ["partnership"] * 2,
    ...                             "start": [None, "2021-01-01"]}))
    >>> on = network_on(case, "2020-06-30")
    >>> on["actors"], on["ties"], on["density"], on["components"]
    (2, 1, 1.0, 1)
    """
    net = build_network(case, relations_in_force(case, as_of))
    active = len(np.unique(net.ties))
    everyone = headline_indicators(net.sectors, net.ties)  # not the brokerage roles: nothing here shows them
    return {
        "actors": active,
        "ties": everyone["ties"],
        "density": density(active, everyone["ties"]),
        "components": everyone["components"] - (net.size - active),
        "ei_index": everyone["ei_index"],
        "sector_assortativity": everyone["sector_assortativity"],
        "conflict_ties": len(net.conflicts),
    }


def active_network_by_period(case: Case, freq: str = "year") -> pd.DataFrame:
    """The network of each period made of its active actors (those with a tie in force during the period).

    From :func:`network_by_period`: actors = its ``active_actors``; density =
    2·ties / (m (m − 1)) over those m actors; components among them (the
    inactive actors, each an isolate there, are taken out); ties, ei_index,
    sector_assortativity and conflict_ties as there. The same definition as
    :func:`network_on` for a date. Columns: period, start, end, actors, ties,
    density, components, ei_index, sector_assortativity, conflict_ties.

    >>> case = Case.from_frames({"id": "x", "period": {"start": "2020-01-01", "end": "2021-12-31"}},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"],
    ...                          "sector": ["sse", "sse", "public", "public"]}),
    ...     relations=pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"], "type": ["partnership"] * 2,
    ...                             "start": [None, "2021-01-01"]}))
    >>> frame = active_network_by_period(case)
    >>> frame[["period", "actors", "ties", "components"]].to_dict("list")
    {'period': ['2020', '2021'], 'actors': [2, 4], 'ties': [1, 2], 'components': [1, 2]}
    >>> frame["density"].round(3).tolist()
    [1.0, 0.333]
    """
    frame = network_by_period(case, freq)
    active = frame["active_actors"]
    result = pd.DataFrame(
        {
            "period": frame["period"],
            "start": frame["start"],
            "end": frame["end"],
            "actors": active,
            "ties": frame["ties"],
            "density": pd.array(
                [density(int(m), int(t)) for m, t in zip(active, frame["ties"], strict=True)], dtype="Float64"
            ),
            "components": frame["components"] - (frame["actors"] - active),
            "ei_index": frame["ei_index"],
            "sector_assortativity": frame["sector_assortativity"],
            "conflict_ties": frame["conflict_ties"],
        }
    )
    return result
