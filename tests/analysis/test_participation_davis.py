"""Participation indicators on the Davis Southern Women data, computed independently here.

Davis, Gardner & Gardner (1941), *Deep South*: 18 women and the 14 social
events they attended, 89 attendances; shipped with networkx as
``davis_southern_women_graph`` (women in ``G.graph["top"]``, events
``"E1"`` … ``"E14"`` in ``G.graph["bottom"]``). The graph has no dates, so we
give the events increasing dates in the E order (E1 on 1936-01-01, E2 a week
later, …, E14 last): the newcomer share depends on that order, and the E order
is the order of the events' published columns.

Every expected value below is computed in this file with plain Python loops
(no numpy, no package code) from the graph itself, plus two published
facts (89 attendances; women's attendance counts in Davis' table).
"""

from __future__ import annotations

import datetime as dt
import math

import networkx as nx
import pandas as pd
import pytest

from commons_analysis.analysis.attendance import attendance_by_event
from commons_analysis.analysis.participation import lorenz_curve, participation_indicators
from commons_analysis.model.case import Case

GRAPH = nx.davis_southern_women_graph()
WOMEN: list[str] = GRAPH.graph["top"]
EVENTS: list[str] = sorted(GRAPH.graph["bottom"], key=lambda e: int(e[1:]))  # E1, E2, …, E14
DATES = {event: dt.date(1936, 1, 1) + dt.timedelta(weeks=i) for i, event in enumerate(EVENTS)}


def davis_case() -> Case:
    ids = {woman: f"w{i:02d}" for i, woman in enumerate(WOMEN)}
    rows = [(event, ids[woman]) for woman in WOMEN for event in GRAPH[woman]]
    return Case.from_frames(
        {"id": "davis"},
        actors=pd.DataFrame(
            {"actor_id": list(ids.values()), "name": list(ids), "sector": "citizen", "kind": "person"}
        ),
        events=pd.DataFrame({"event_id": EVENTS, "date": [DATES[e] for e in EVENTS], "kind": "other"}),
        participation=pd.DataFrame(rows, columns=["event_id", "actor_id"]),
    )


def attendance() -> dict[str, int]:
    return {woman: GRAPH.degree(woman) for woman in WOMEN}


def test_published_counts() -> None:
    counts = attendance()
    # Davis et al. (1941), the women's attendance counts of the published table
    assert counts["Evelyn Jefferson"] == 8 and counts["Nora Fayette"] == 8 and counts["Theresa Anderson"] == 8
    assert counts["Dorothy Murchison"] == 2 and counts["Flora Price"] == 2 and counts["Olivia Carleton"] == 2
    assert sum(counts.values()) == 89
    result = participation_indicators(davis_case())
    assert result["participants"] == 18
    assert result["records"] == 89
    assert result["events"] == 14
    assert result["mean_attendance"] == pytest.approx(89 / 14)


def test_gini_by_the_double_sum() -> None:
    x = list(attendance().values())
    n = len(x)
    mean = sum(x) / n
    expected = sum(abs(a - b) for a in x for b in x) / (2 * n * n * mean)
    assert participation_indicators(davis_case())["gini"] == pytest.approx(expected, abs=1e-12)


def test_top10_share() -> None:
    x = sorted(attendance().values(), reverse=True)
    keep = math.ceil(len(x) / 10)  # ⌈1.8⌉ = 2 women: two of the three with 8 events
    assert keep == 2
    assert participation_indicators(davis_case())["top10_share"] == pytest.approx(sum(x[:keep]) / 89)
    assert participation_indicators(davis_case())["top10_share"] == pytest.approx(16 / 89)


def test_repeat_share() -> None:
    x = list(attendance().values())
    expected = sum(1 for v in x if v >= 2) / len(x)
    assert expected == 1.0  # every woman attended at least two events
    assert participation_indicators(davis_case())["repeat_share"] == expected


def test_newcomer_share_in_the_e_order() -> None:
    seen: set[str] = set()
    ratios = []
    first_with_people = True
    for event in EVENTS:
        present = set(GRAPH[event])
        if not present:
            continue
        new = present - seen
        if not first_with_people:
            ratios.append(len(new) / len(present))
        first_with_people = False
        seen |= present
    expected = sum(ratios) / len(ratios)
    assert participation_indicators(davis_case())["newcomer_share"] == pytest.approx(expected, abs=1e-12)


def test_attendance_by_event_follows_the_dates() -> None:
    table = attendance_by_event(davis_case())
    assert table["event_id"].tolist() == EVENTS  # E2 before E10, because of the dates
    assert table["participants"].tolist() == [GRAPH.degree(e) for e in EVENTS]
    seen: set[str] = set()
    newcomers = []
    for event in EVENTS:
        newcomers.append(len(set(GRAPH[event]) - seen))
        seen |= set(GRAPH[event])
    assert table["newcomers"].tolist() == newcomers
    assert sum(newcomers) == 18


def test_lorenz_curve_ends_and_area() -> None:
    curve = lorenz_curve(davis_case())
    assert len(curve) == 19
    assert curve["records_share"].iloc[0] == 0 and curve["records_share"].iloc[-1] == pytest.approx(1)
    x = sorted(attendance().values())
    cumulative = [sum(x[: i + 1]) / 89 for i in range(18)]
    assert curve["records_share"].iloc[1:].tolist() == pytest.approx(cumulative)
