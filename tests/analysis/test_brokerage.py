"""Gould–Fernandez brokerage: published sna counts, hand-counted roles, sna's expected counts and z-scores."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commons_analysis.analysis import brokerage as gf
from commons_analysis.analysis.network import actor_table, network_indicators
from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case

STRIKE = Path(__file__).resolve().parents[1] / "data" / "strike"


def make_case(sectors: dict[str, str], relations: list[tuple[str, str, str]]) -> Case:
    """A case with the given actor sectors and (source, target, type) relations."""
    actors = pd.DataFrame(
        {"actor_id": list(sectors), "name": [a.upper() for a in sectors], "sector": list(sectors.values())}
    )
    frame = pd.DataFrame(relations, columns=["source", "target", "type"])
    return Case.from_frames({"id": "test"}, actors=actors, relations=frame)


def roles_of(case: Case) -> dict[str, dict[str, int]]:
    """Non-zero role counts per actor."""
    table = actor_table(case).set_index("actor_id")
    return {
        actor: {role: int(table.loc[actor, role]) for role in gf.ROLES if table.loc[actor, role]}
        for actor in table.index
        if any(table.loc[actor, role] for role in gf.ROLES)
    }


# --- published results


def test_strike_network_reproduces_published_sna_counts() -> None:
    expected = json.loads((STRIKE / "expected.json").read_text(encoding="utf-8"))
    case = load_case(STRIKE)
    indicators = network_indicators(case)
    assert indicators["actors"] == expected["network"]["actors"]
    assert indicators["ties"] == expected["network"]["ties"]
    assert indicators["ei_index"] == pytest.approx(expected["network"]["ei_index"])
    assert indicators["brokerage"] == expected["network"]["brokerage"]
    table = actor_table(case).set_index("actor_id")
    for actor, counts in expected["brokerage_by_actor"].items():
        assert {role: int(table.loc[actor, role]) for role in gf.ROLES} == counts


def test_strike_role_totals_equal_per_actor_sums() -> None:
    case = load_case(STRIKE)
    table = actor_table(case)
    assert {role: int(table[role].sum()) for role in gf.ROLES} == network_indicators(case)["brokerage"]


# --- the five roles by hand

# A directed two-path a → b → c (funding) with the sectors of a, b, c.
ROLE_CASES = {
    "coordinator": ("sse", "sse", "sse"),
    "itinerant": ("sse", "public", "sse"),
    "representative": ("sse", "sse", "public"),
    "gatekeeper": ("public", "sse", "sse"),
    "liaison": ("sse", "public", "commons"),
}


@pytest.mark.parametrize("role", list(ROLE_CASES))
def test_each_role_on_one_directed_two_path(role: str) -> None:
    sa, sb, sc = ROLE_CASES[role]
    case = make_case({"a": sa, "b": sb, "c": sc}, [("a", "b", "funding"), ("b", "c", "funding")])
    assert roles_of(case) == {"b": {role: 1}}
    assert network_indicators(case)["brokerage"] == {r: int(r == role) for r in gf.ROLES}


def test_symmetric_two_path_counts_both_directions() -> None:
    # a(sse) — b(sse) — c(public) as partnerships: a→b→c (representative) and c→b→a (gatekeeper).
    case = make_case(
        {"a": "sse", "b": "sse", "c": "public"}, [("a", "b", "partnership"), ("b", "c", "partnership")]
    )
    assert roles_of(case) == {"b": {"representative": 1, "gatekeeper": 1}}


def test_star_of_partnerships_hand_counted() -> None:
    # Hub h (public) with two sse partners and one commons partner:
    # ordered pairs of distinct partners: 3·2 = 6 open two-paths through h.
    # (s1, s2) both ways: itinerant 2; (s·, c) and (c, s·): liaison 4.
    case = make_case(
        {"h": "public", "s1": "sse", "s2": "sse", "c": "commons"},
        [("h", "s1", "partnership"), ("s2", "h", "partnership"), ("h", "c", "co_construction")],
    )
    assert roles_of(case) == {"h": {"itinerant": 2, "liaison": 4}}


# --- closure, conflict, direction, duplicates


def test_closed_two_path_is_not_brokerage() -> None:
    case = make_case(
        {"a": "sse", "b": "sse", "c": "sse"},
        [("a", "b", "funding"), ("b", "c", "funding"), ("a", "c", "funding")],
    )
    assert roles_of(case) == {}


def test_reverse_arc_does_not_close_a_two_path() -> None:
    # A directed cycle a → b → c → a: each node brokers one open two-path (no arc a → c for a → b → c).
    case = make_case(
        {"a": "sse", "b": "sse", "c": "sse"},
        [("a", "b", "funding"), ("b", "c", "contract"), ("c", "a", "membership")],
    )
    assert roles_of(case) == {"a": {"coordinator": 1}, "b": {"coordinator": 1}, "c": {"coordinator": 1}}


def test_conflicts_are_excluded_from_brokerage() -> None:
    conflict_only = make_case(
        {"a": "sse", "b": "sse", "c": "sse"}, [("a", "b", "partnership"), ("b", "c", "conflict")]
    )
    assert roles_of(conflict_only) == {}
    # A conflict between the ends does not close the two-path either.
    conflict_ends = make_case(
        {"a": "sse", "b": "sse", "c": "sse"},
        [("a", "b", "funding"), ("b", "c", "funding"), ("a", "c", "conflict")],
    )
    assert roles_of(conflict_ends) == {"b": {"coordinator": 1}}


@pytest.mark.parametrize("directed_type", ["membership", "governance", "funding", "in_kind", "contract"])
def test_directed_types_give_one_arc(directed_type: str) -> None:
    # Two members of one organisation: no two-path goes through the organisation.
    members = make_case(
        {"a": "citizen", "org": "commons", "c": "citizen"},
        [("a", "org", directed_type), ("c", "org", directed_type)],
    )
    assert roles_of(members) == {}


@pytest.mark.parametrize("symmetric_type", ["partnership", "co_construction"])
def test_symmetric_types_give_both_arcs(symmetric_type: str) -> None:
    case = make_case(
        {"a": "citizen", "org": "commons", "c": "citizen"},
        [("a", "org", symmetric_type), ("c", "org", symmetric_type)],
    )
    assert roles_of(case) == {"org": {"itinerant": 2}}


def test_relations_written_in_either_order_or_twice_count_once() -> None:
    sectors = {"a": "sse", "b": "public", "c": "commons"}
    once = make_case(sectors, [("a", "b", "partnership"), ("b", "c", "funding")])
    repeated = make_case(
        sectors,
        [
            ("a", "b", "partnership"),
            ("b", "a", "partnership"),
            ("a", "b", "co_construction"),
            ("b", "c", "funding"),
            ("b", "c", "funding"),
        ],
    )
    assert roles_of(once) == roles_of(repeated) == {"b": {"liaison": 1}}
    assert network_indicators(once) == network_indicators(repeated)


def test_funding_both_ways_is_two_arcs() -> None:
    # b funds a and a funds b: arcs both ways, like a partnership.
    case = make_case(
        {"a": "sse", "b": "public", "c": "public"},
        [("a", "b", "funding"), ("b", "a", "funding"), ("b", "c", "funding")],
    )
    assert roles_of(case) == {"b": {"gatekeeper": 1}}


# --- expected counts and z-scores (sna)


def test_expected_counts_and_z_scores_by_hand() -> None:
    # a, b, c commons; d public; arcs a → b, b → c, b → d. N = 4, n_commons = 3, n_public = 1.
    # d = 3 / 12 = 1/4, p = d²(1 − d) = 3/64, q = d³(1 − d)³ = 27/4096.
    case = make_case(
        {"a": "commons", "b": "commons", "c": "commons", "d": "public"},
        [("a", "b", "funding"), ("b", "c", "funding"), ("b", "d", "funding")],
    )
    table = actor_table(case).set_index("actor_id")
    b = table.loc["b"]
    assert (b["coordinator"], b["representative"]) == (1, 1)
    p, q = 3 / 64, 27 / 4096
    # coordinator: E = p·2·1, Var = E(1 − p) + 2·2·1·0·q
    assert b["coordinator_expected"] == pytest.approx(2 * p)
    assert b["coordinator_z"] == pytest.approx((1 - 2 * p) / math.sqrt(2 * p * (1 - p)))
    # representative: E = p·(4 − 3)(3 − 1), Var = E(1 − p) + 2((3 − 1)·C(1, 2) + 1·C(2, 2))·q
    assert b["representative_expected"] == pytest.approx(2 * p)
    assert b["representative_z"] == pytest.approx((1 - 2 * p) / math.sqrt(2 * p * (1 - p) + 2 * q))
    assert b["representative_z"] == pytest.approx(58 / math.sqrt(420))
    assert b["gatekeeper_expected"] == pytest.approx(2 * p)
    assert b["gatekeeper_z"] == pytest.approx((0 - 2 * p) / math.sqrt(2 * p * (1 - p) + 2 * q))
    # itinerant: the only other sector has one actor: E = p·1·0 = 0 and Var = 0, z undefined.
    assert b["itinerant_expected"] == 0
    assert pd.isna(b["itinerant_z"])
    # liaison: E = p((Σ n_j)² − Σ n_j²) = p(1 − 1) = 0; Var = 4·1·C(0, 2)·q = 0.
    assert b["liaison_expected"] == 0
    assert pd.isna(b["liaison_z"])
    d = table.loc["d"]
    # Broker of the public sector (n_i = 1): itinerant E = p·3·2; Var = E(1 − p) + 2·3·2·1·q.
    assert d["itinerant_expected"] == pytest.approx(6 * p)
    assert d["itinerant_z"] == pytest.approx(-6 * p / math.sqrt(6 * p * (1 - p) + 12 * q))
    # coordinator: E = p·0·(−1) = 0 and Var = 0: undefined.
    assert d["coordinator_expected"] == 0
    assert pd.isna(d["coordinator_z"])


def test_role_moments_liaison_with_three_sectors() -> None:
    # N = 6: sectors of sizes 2, 2, 2; 6 arcs: d = 6/30 = 1/5, p = (1/25)(4/5) = 4/125, q = (1/125)(64/125).
    moments = gf.role_moments(np.array([0, 0, 1, 1, 2, 2]), n_arcs=6)
    p, q = 4 / 125, 64 / 125**2
    # liaison for a broker in sector 0: E = p((2 + 2)² − (4 + 4)) = 8p;
    # Var = E(1 − p) + 4·(2·C(6 − 2 − 2, 2) + 2·C(2, 2))·q = 8p(1 − p) + 16q.
    assert moments.expected[0, 4] == pytest.approx(8 * p)
    assert moments.sd[0, 4] == pytest.approx(math.sqrt(8 * p * (1 - p) + 16 * q))
    # itinerant: E = p(2·1 + 2·1) = 4p, Var = E(1 − p) + 2·(0 + 0)·q.
    assert moments.expected[0, 1] == pytest.approx(4 * p)
    assert moments.sd[0, 1] == pytest.approx(math.sqrt(4 * p * (1 - p)))


def test_z_scores_are_missing_not_zero_when_undefined() -> None:
    case = make_case({"a": "sse"}, [])
    table = actor_table(case)
    assert table[[f"{role}_z" for role in gf.ROLES]].isna().all(axis=None)


# --- array algorithm against the definition


def brute_force_roles(n: int, arcs: set[tuple[int, int]], sectors: list[int]) -> np.ndarray:
    """Role counts by listing every two-path, straight from the definition."""
    counts = np.zeros((n, 5), dtype=np.int64)
    for a, b, c in itertools.permutations(range(n), 3):
        if (a, b) in arcs and (b, c) in arcs and (a, c) not in arcs:
            sa, sb, sc = sectors[a], sectors[b], sectors[c]
            if sa == sb == sc:
                role = 0
            elif sa == sc:
                role = 1
            elif sa == sb:
                role = 2
            elif sb == sc:
                role = 3
            else:
                role = 4
            counts[b, role] += 1
    return counts


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40),
            st.lists(st.integers(0, 3), min_size=n, max_size=n),
        )
    )
)
def test_role_counts_equal_the_definition(data: tuple[int, list[tuple[int, int]], list[int]]) -> None:
    n, arc_list, sectors = data
    arcs = {(a, b) for a, b in arc_list if a != b}
    source = np.array([a for a, _ in arc_list], dtype=np.int64)
    target = np.array([b for _, b in arc_list], dtype=np.int64)
    counts = gf.role_counts(source, target, np.array(sectors), n_sectors=4)
    assert counts.tolist() == brute_force_roles(n, arcs, sectors).tolist()


def test_role_counts_equal_the_definition_on_a_denser_graph_in_small_chunks(monkeypatch) -> None:
    rng = np.random.default_rng(7)
    n = 60
    graph = nx.gnp_random_graph(n, 0.15, seed=7, directed=True)
    arcs = set(graph.edges)
    sectors = rng.integers(0, 3, n).tolist()
    monkeypatch.setattr(gf, "WEDGE_CHUNK", 7)  # many chunks, one position at a time at worst
    source = np.array([a for a, _ in arcs])
    target = np.array([b for _, b in arcs])
    counts = gf.role_counts(source, target, np.array(sectors))
    assert counts.tolist() == brute_force_roles(n, arcs, sectors).tolist()


def test_role_counts_equal_a_broker_by_broker_count_on_a_heavy_tailed_graph() -> None:
    # A scale-free digraph (hubs with hundreds of arcs, mutual arcs, many closed triads),
    # counted broker by broker over in- × out-neighbours, straight from the definition.
    graph = nx.DiGraph(nx.scale_free_graph(700, seed=11))
    graph.remove_edges_from(nx.selfloop_edges(graph))
    arcs = set(graph.edges)
    sectors = np.random.default_rng(11).integers(0, 4, 700)
    counts = np.zeros((700, 5), dtype=np.int64)
    for b in graph:
        for a in graph.predecessors(b):
            for c in graph.successors(b):
                if a == c or (a, c) in arcs:
                    continue
                sa, sb, sc = sectors[a], sectors[b], sectors[c]
                role = 0 if sa == sb == sc else 1 if sa == sc else 2 if sa == sb else 3 if sb == sc else 4
                counts[b, role] += 1
    source = np.array([a for a, _ in arcs])
    target = np.array([c for _, c in arcs])
    assert max(d for _, d in graph.degree) > 100
    assert gf.role_counts(source, target, sectors).tolist() == counts.tolist()


def test_triangles_equal_networkx() -> None:
    graph = nx.gnp_random_graph(80, 0.12, seed=3)
    edges = np.array(sorted((min(e), max(e)) for e in graph.edges))
    found = np.concatenate(list(gf.triangles(80, edges[:, 0], edges[:, 1], chunk=50)))
    listed = {tuple(sorted(t)) for t in found.tolist()}
    assert len(listed) == len(found)  # each triangle once
    assert len(listed) == sum(nx.triangles(graph).values()) // 3
    assert listed == {tuple(sorted(c)) for c in nx.enumerate_all_cliques(graph) if len(c) == 3}
