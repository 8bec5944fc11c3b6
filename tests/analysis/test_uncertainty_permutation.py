"""Permutation tests of the E-I index and the sector assortativity (docs/design.md §Uncertainty; issue 9).

Checked against a published network whose two factions are known to keep to
themselves (Zachary's karate club), against the null hypothesis (random
sectors on a fixed graph reject at the nominal rate), against the scalar
mixing-matrix functions of the network module applied to the very same
shufflings, and on the degenerate networks where nothing can be tested.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from commons_analysis.analysis.indicators import compute_indicators
from commons_analysis.analysis.mixing import assortativity_of_mixing, ei_index_of_mixing, sector_mixing
from commons_analysis.analysis.permutation import (
    active_actors,
    permutation_indicators,
    permuted_sector_statistics,
    sector_statistics,
    ties_across,
    two_sided_p_value,
)
from commons_analysis.model.case import Case


def karate() -> tuple[np.ndarray, np.ndarray]:
    """Zachary's karate club (1977), the factions after the split as two sectors (0: Mr. Hi, 1: Officer)."""
    graph = nx.karate_club_graph()
    club = nx.get_node_attributes(graph, "club")
    sectors = np.array([0 if club[node] == "Mr. Hi" else 1 for node in sorted(graph)])
    return sectors, np.array(sorted(tuple(sorted(edge)) for edge in graph.edges()))


def test_karate_club_factions_are_far_from_chance() -> None:
    sectors, ties = karate()
    result: dict[str, Any] = permutation_indicators(sectors, ties, permutations=5000, seed=0)
    assert result["ei_index_p"] < 0.001
    assert result["sector_assortativity_p"] < 0.001
    # by hand: 17 and 17 actors; two distinct actors share a faction with probability
    # (17·16 + 17·16)/(34·33) = 544/1122, so E-I by chance = 1 − 2·544/1122 = 0.0303
    assert result["ei_index_expected"] == pytest.approx(1 - 2 * 544 / 1122, abs=0.01)
    # with two sectors Σ aₖ² ≥ 1/2, so r ≤ 2·I/m − 1, whose mean by chance is 2·544/1122 − 1 = −1/33:
    # chance alone gives a slightly negative assortativity, not 0
    assert -0.15 < result["sector_assortativity_expected"] < -1 / 33 + 0.005


def test_karate_club_through_a_case() -> None:
    sectors, ties = karate()
    ids = [f"m{i}" for i in range(len(sectors))]
    case = Case.from_frames(
        {"id": "karate"},
        actors=pd.DataFrame(
            {"actor_id": ids, "name": ids, "sector": np.where(sectors == 0, "commons", "public")}
        ),
        relations=pd.DataFrame(
            {"source": [ids[u] for u, _ in ties], "target": [ids[v] for _, v in ties], "type": "partnership"}
        ),
    )
    network = compute_indicators(case, permutations=2000, bootstrap=0)["network"]
    # 11 of the 78 ties cross the factions (networkx's assortativity: 0.7175)
    assert network["ei_index"] == pytest.approx((11 - 67) / 78)
    assert network["sector_assortativity"] == pytest.approx(0.717530864197531)
    assert network["ei_index_p"] == network["sector_assortativity_p"] == pytest.approx(1 / 2001)
    keys = list(network)
    assert keys[keys.index("ei_index") + 1 : keys.index("ei_index") + 3] == [
        "ei_index_p",
        "ei_index_expected",
    ]


def test_random_sectors_are_rejected_at_the_nominal_rate() -> None:
    """Under the null (sectors drawn at random), p ≤ 0.05 in about 5 % of 200 networks."""
    graph = nx.gnm_random_graph(60, 150, seed=7)
    ties = np.array(graph.edges())
    p_ei, p_r = [], []
    for seed in range(200):
        sectors = np.random.default_rng(10_000 + seed).integers(0, 3, 60)
        result = permutation_indicators(sectors, ties, permutations=199, seed=seed)
        p_ei.append(result["ei_index_p"])
        p_r.append(result["sector_assortativity_p"])
    for p_values in (np.array(p_ei), np.array(p_r)):
        assert 0.02 <= np.mean(p_values <= 0.05) <= 0.09
        assert 0.4 <= np.mean(p_values) <= 0.6  # uniform on (0, 1]: mean about 1/2


def test_each_shuffling_gives_what_the_mixing_matrix_functions_give() -> None:
    """The vectorized statistics equal ei_index_of_mixing and assortativity_of_mixing of the same labels."""
    rng = np.random.default_rng(3)
    sectors = rng.integers(0, 4, 40)
    graph = nx.gnm_random_graph(40, 70, seed=3)
    ties = np.array(sorted(graph.edges()))
    ei, r = permuted_sector_statistics(sectors, ties, 50, np.random.default_rng(11))
    # the same draws, one shuffling at a time: one block of 50 rows shuffled independently
    labels, _, _ = active_actors(sectors, ties)
    active = np.unique(ties)
    shuffled = np.random.default_rng(11).permuted(
        np.broadcast_to(labels.astype(np.int8), (50, len(labels))), axis=1
    )
    for i in range(50):
        relabelled = sectors.copy()
        relabelled[active] = shuffled[i]
        mixing = sector_mixing(relabelled, ties)
        assert ei[i] == pytest.approx(ei_index_of_mixing(mixing), abs=1e-12)
        assert r[i] == pytest.approx(assortativity_of_mixing(mixing), abs=1e-12)


def test_sector_statistics_by_hand() -> None:
    # a path a - a - b: one tie inside, one across; tie ends: sector a 3, sector b 1
    ei, r = sector_statistics([1], [[3, 1]], ties=2)
    assert ei[0] == 0.0
    # e_aa = 2/4, a_a = 3/4, a_b = 1/4: r = (0.5 − 0.625) / (1 − 0.625) = −1/3
    assert r[0] == pytest.approx(-1 / 3)


def test_phipson_smyth_p_value_by_hand() -> None:
    permuted = np.array([0.1, 0.2, 0.3, 0.4, 0.5])  # mean 0.3
    assert two_sided_p_value(0.3, permuted) == 1.0
    assert two_sided_p_value(0.5, permuted) == pytest.approx((1 + 2) / 6)  # 0.1 and 0.5 are as far
    assert two_sided_p_value(5.0, permuted) == pytest.approx(1 / 6)  # never 0


def test_same_seed_same_numbers_other_seeds_within_monte_carlo_error() -> None:
    rng = np.random.default_rng(5)
    sectors = rng.integers(0, 3, 80)
    ties = np.array(sorted(nx.gnm_random_graph(80, 160, seed=5).edges()))
    first: dict[str, Any] = permutation_indicators(sectors, ties, permutations=2000, seed=1)
    assert permutation_indicators(sectors, ties, permutations=2000, seed=1) == first
    other: dict[str, Any] = permutation_indicators(sectors, ties, permutations=2000, seed=2)
    assert other != first
    for key in ("ei_index_p", "sector_assortativity_p"):
        p = first[key]
        assert p is not None and other[key] is not None
        # two estimates of p from 2000 shufflings each: standard error of the difference √(2p(1−p)/2000)
        assert abs(other[key] - p) < 4 * np.sqrt(2 * p * (1 - p) / 2000) + 1e-3
    ei, _ = permuted_sector_statistics(sectors, ties, 2000, np.random.default_rng(0))
    assert abs(other["ei_index_expected"] - first["ei_index_expected"]) < 4 * np.sqrt(2 / 2000) * ei.std()


def test_nothing_to_test_gives_null() -> None:
    two = np.array([0, 1, 1])
    empty = np.zeros((0, 2), dtype=np.int64)
    assert set(permutation_indicators(two, empty).values()) == {None}  # no tie
    # every actor with a tie is in one sector (the other sector is an isolate, not shuffled)
    assert set(permutation_indicators(np.array([1, 1, 0]), np.array([[0, 1]])).values()) == {None}
    assert set(permutation_indicators(two, np.array([[0, 1]]), permutations=0).values()) == {None}
    with pytest.raises(ValueError, match="0 or more"):
        permutation_indicators(two, np.array([[0, 1]]), permutations=-1)


def test_a_case_with_one_participant_and_no_tie_gives_nulls_and_valid_json() -> None:
    case = Case.from_frames(
        {"id": "tiny", "inclusion_groups": {"qpv": {}}},
        actors=pd.DataFrame(
            {"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["commons", "public"], "kind": "person"}
        ),
        participation=pd.DataFrame({"event_id": ["e1"], "actor_id": ["a"]}),
    )
    result = compute_indicators(case)
    assert (
        result["network"]["ei_index_p"] is None and result["network"]["sector_assortativity_expected"] is None
    )
    assert result["participation"]["gini_ci"] is None and result["participation"]["repeat_share_ci"] is None
    assert result["inclusion"]["qpv"]["share_ci"] is None
    json.dumps(result, allow_nan=False)


@pytest.mark.parametrize("rows", [1, 7, 8, 9, 17])
@pytest.mark.parametrize("n_ties", [0, 1, 254, 255, 256, 1000])
def test_packed_comparison_counts_like_a_plain_one(rows: int, n_ties: int) -> None:
    """Eight shufflings to a word, 255 ties to a byte sum: any row count, any tie count, codes 0–127."""
    rng = np.random.default_rng(rows * 1000 + n_ties)
    labels = rng.integers(0, 128, size=(rows, 50)).astype(np.int8)
    first, second = rng.integers(0, 50, n_ties), rng.integers(0, 50, n_ties)
    plain = [np.count_nonzero(row[first] != row[second]) for row in labels]
    assert ties_across(labels, first, second).tolist() == plain


def test_every_p_has_its_monte_carlo_standard_error() -> None:
    sectors = np.array([0, 0, 0, 1, 1, 1])
    ties = np.array([[0, 1], [0, 2], [1, 2], [3, 4], [3, 5], [4, 5], [2, 3]])
    result = permutation_indicators(sectors, ties, permutations=400, seed=3)
    for name in ("ei_index", "sector_assortativity"):
        p = result[f"{name}_p"]
        assert result[f"{name}_p_se"] == pytest.approx(np.sqrt(p * (1 - p) / 400))
    assert permutation_indicators(sectors, ties, permutations=0)["ei_index_p_se"] is None
