"""Co-participation network: projection of participation records onto actors."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from networkx.algorithms import bipartite

from commons_analysis.analysis.coparticipation import coparticipation_graph, coparticipation_indicators
from commons_analysis.model.case import Case


def make_case(sectors: dict[str, str], records: list[tuple[str, str]]) -> Case:
    actors = pd.DataFrame(
        {"actor_id": list(sectors), "name": list(sectors), "sector": list(sectors.values())}
    )
    event_ids = sorted({event for event, _ in records}) or ["e0"]
    events = pd.DataFrame({"event_id": event_ids, "date": "2020-01-01", "kind": "assembly"})
    participation = pd.DataFrame(records, columns=["event_id", "actor_id"])
    return Case.from_frames({"id": "test"}, actors=actors, events=events, participation=participation)


SECTORS = {"ana": "citizen", "ben": "citizen", "city": "public", "coop": "sse", "idle": "commons"}
RECORDS = [
    ("e1", "ana"),
    ("e1", "ben"),
    ("e1", "city"),
    ("e2", "ana"),
    ("e2", "ben"),
    ("e3", "coop"),
]


def test_weights_are_shared_events() -> None:
    graph = coparticipation_graph(make_case(SECTORS, RECORDS))
    assert set(graph.nodes) == {"ana", "ben", "city", "coop"}  # idle took part in nothing
    assert graph.edges["ana", "ben"]["weight"] == 2
    assert graph.edges["ana", "city"]["weight"] == 1
    assert graph.edges["ben", "city"]["weight"] == 1
    assert graph.degree["coop"] == 0
    assert graph.nodes["city"]["sector"] == "public"


def test_headline_indicators_by_hand() -> None:
    result = coparticipation_indicators(make_case(SECTORS, RECORDS))
    # 4 participants, 3 ties (ana-ben, ana-city, ben-city), coop alone.
    assert (result["actors"], result["ties"], result["components"]) == (4, 3, 2)
    assert result["density"] == pytest.approx(3 / 6)
    # ana-ben inside citizen; ana-city and ben-city across: (2 − 1) / 3.
    assert result["ei_index"] == pytest.approx(1 / 3)
    assert result["sector_ties"] == {"citizen|citizen": 1, "citizen|public": 2}
    assert result["mean_shared_events"] == pytest.approx(4 / 3)
    json.dumps(result, allow_nan=False)


def test_repeated_record_counts_once() -> None:
    graph = coparticipation_graph(make_case(SECTORS, [*RECORDS, ("e2", "ana")]))
    assert graph.edges["ana", "ben"]["weight"] == 2


def test_no_participation() -> None:
    result = coparticipation_indicators(make_case(SECTORS, []))
    assert (result["actors"], result["ties"], result["components"]) == (0, 0, 0)
    assert result["density"] is None
    assert result["ei_index"] is None
    assert result["mean_shared_events"] is None
    assert coparticipation_graph(make_case(SECTORS, [])).number_of_nodes() == 0


def test_projection_equals_networkx_weighted_projection() -> None:
    rng = np.random.default_rng(2)
    actors = [f"a{i}" for i in range(40)]
    events = [f"e{i}" for i in range(15)]
    records = sorted(
        {
            (events[e], actors[a])
            for e, a in zip(rng.integers(0, 15, 160), rng.integers(0, 40, 160), strict=True)
        }
    )
    case = make_case({a: rng.choice(["sse", "public", "citizen"]) for a in actors}, records)
    two_mode = nx.Graph()
    two_mode.add_nodes_from({a for _, a in records}, bipartite=0)
    two_mode.add_nodes_from(events, bipartite=1)
    two_mode.add_edges_from((a, e) for e, a in records)
    expected = bipartite.weighted_projected_graph(two_mode, {a for _, a in records})
    graph = coparticipation_graph(case)
    assert set(graph.nodes) == set(expected.nodes)
    assert {frozenset(e): w for *e, w in graph.edges(data="weight")} == {
        frozenset(e): w for *e, w in expected.edges(data="weight")
    }


def test_indicators_in_small_blocks_equal_those_of_the_networkx_projection(monkeypatch) -> None:
    import commons_analysis.analysis.coparticipation as coparticipation

    rng = np.random.default_rng(5)
    actors = [f"a{i}" for i in range(60)]
    events = [f"e{i}" for i in range(25)]
    pairs = zip(rng.integers(0, 25, 120), rng.integers(0, 60, 120), strict=True)
    records = sorted({(events[e], actors[a]) for e, a in pairs})
    sectors = {a: str(rng.choice(["sse", "public", "citizen", "commons"])) for a in actors}
    case = make_case(sectors, records)
    monkeypatch.setattr(coparticipation, "PAIR_CHUNK", 3)
    result = coparticipation_indicators(case)
    participants = {a for _, a in records}
    two_mode = nx.Graph()
    two_mode.add_edges_from((a, e) for e, a in records)
    projection = bipartite.weighted_projected_graph(two_mode, participants)
    external = sum(sectors[a] != sectors[b] for a, b in projection.edges)
    ties = projection.number_of_edges()
    assert result["actors"] == len(participants)
    assert result["ties"] == ties
    assert result["components"] == nx.number_connected_components(projection)
    assert result["ei_index"] == pytest.approx((2 * external - ties) / ties)
    nx.set_node_attributes(projection, sectors, "sector")
    assert result["sector_assortativity"] == pytest.approx(
        nx.attribute_assortativity_coefficient(projection, "sector")
    )
    assert result["mean_shared_events"] == pytest.approx(
        sum(w for *_, w in projection.edges(data="weight")) / ties
    )
