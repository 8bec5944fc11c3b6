"""The co-support network of a budget vote: projects tied when the same voters support them.

docs/design.md §Participatory budgets: projects p and q are tied with weight
|{v : p, q ∈ A(v)}|, the voters who support both. With a project's district
(or category) as its sector, the E-I index (Krackhardt & Stern 1988) and
Newman's assortativity (2003) of :mod:`~commons_analysis.analysis.network`
say whether support stays inside districts: E-I near −1 and assortativity
near 1 when voters choose projects of one district only. The ties are those
of the unweighted network, as docs/design.md §Network; the weighted figures count
each tie as many times as it has shared voters, and are the ones tested: the
p-values shuffle the sectors among the projects with a tie, as
:mod:`~commons_analysis.analysis.permutation` does for the unweighted figures.

The weights are one sparse product AᵀA of the voters × projects approval
matrix (no loop over voters): Warsaw's district votes (a hundred projects,
up to 15 per ballot, thousands of voters each) take milliseconds.

A project with several categories takes its first one as its sector (a
project is one node, in one sector). A vote whose projects all lie in one
district has nothing to say about districts: its figures are undefined.

Example
-------
>>> from commons_analysis.analysis.budget_votes import example_case
>>> ties = cosupport_ties(example_case(), "city")
>>> ties[["first", "second", "voters"]].values.tolist()
[['p1', 'p2', 1], ['p1', 'p3', 1]]
>>> row = cosupport_indicators(example_case(), "district", permutations=0).iloc[0]
>>> int(row["ties"]), float(row["ei_index"]), float(row["ei_index_weighted"])
(2, 0.0, 0.0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import triu

from commons_analysis.analysis.budget_votes import ballot_matrix, budget_projects, budget_votes
from commons_analysis.analysis.mixing import assortativity_of_mixing, ei_index_of_mixing
from commons_analysis.analysis.permutation import STREAM, sector_statistics, two_sided_p_value
from commons_analysis.analysis.uncertainty import PERMUTATIONS
from commons_analysis.model.case import Case

#: What a project's sector can be in the co-support network.
SECTOR_COLUMNS = ("district", "category")


def cosupport_ties(case: Case, event_id: str) -> pd.DataFrame:
    """The ties of a vote's co-support network: first, second (project ids), voters (shared voters).

    One row per pair of projects with at least one voter in common, first < second in the vote's order.
    """
    ballots = ballot_matrix(case, event_id)
    product = triu(ballots.approvals.T @ ballots.approvals, k=1).tocoo()
    order = np.lexsort((product.col, product.row))
    names = ballots.projects.to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "first": names[product.row[order]],
            "second": names[product.col[order]],
            "voters": product.data[order].astype(np.int64),
        }
    )


def project_sectors(case: Case, event_id: str, by: str) -> pd.Series:
    """The sector of each project of a vote (by project id): its district, or its first category."""
    if by not in SECTOR_COLUMNS:
        raise ValueError(f"the sector of a project is its {' or '.join(SECTOR_COLUMNS)}, not {by!r}")
    projects = budget_projects(case)
    mine = projects[projects["event_id"].astype(str) == event_id].drop_duplicates("project_id")
    if by == "district":
        values = mine["district"].astype(str)
    else:
        values = mine["category"].map(lambda labels: labels[0] if len(labels) else "")
    return pd.Series(values.to_numpy(dtype=object), index=mine["project_id"].astype(str).to_numpy())


def weighted_mixing(
    codes: np.ndarray, first: np.ndarray, second: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """K × K mixing matrix of a weighted network: each tie adds its weight at (a, b) and (b, a).

    The matrix :func:`~commons_analysis.analysis.mixing.sector_mixing` builds
    for the six sectors, for any K codes and with weights, so that
    :func:`~commons_analysis.analysis.mixing.ei_index_of_mixing` and
    :func:`~commons_analysis.analysis.mixing.assortativity_of_mixing` read it.

    >>> weighted_mixing(np.array([0, 0, 1]), np.array([0, 1]), np.array([1, 2]), np.array([2, 1])).tolist()
    [[4, 1], [1, 0]]
    """
    k = int(codes.max()) + 1 if len(codes) else 0
    a, b = codes[first], codes[second]
    both = np.concatenate([a * k + b, b * k + a])
    return (
        np.bincount(both, weights=np.concatenate([weights, weights]), minlength=k * k)
        .reshape(k, k)
        .astype(np.int64)
    )


#: Permutations of the weighted test drawn at once (memory: block × ties booleans).
BLOCK = 200


def weighted_permutation_test(
    codes: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    weights: np.ndarray,
    permutations: int = PERMUTATIONS,
    seed: int = 0,
) -> dict[str, float | None]:
    """The weighted E-I index and assortativity against the sectors shuffled among the projects with a tie.

    Both are functions of the weight I inside sectors and of each sector's
    strength Dₖ (Σ of its projects' tie weights): E-I = (m − 2I)/m and
    r = (I/m − Σ aₖ²)/(1 − Σ aₖ²), aₖ = Dₖ/2m, m the total weight
    (:func:`~commons_analysis.analysis.permutation.sector_statistics`, there with
    weight 1 per tie). Keys: ei_index_p, ei_index_expected,
    sector_assortativity_p, sector_assortativity_expected (Phipson & Smyth's
    p-values, :func:`~commons_analysis.analysis.permutation.two_sided_p_value`);
    all None with 0 permutations, without ties or with one sector.

    >>> codes, weights = np.array([0, 0, 1, 1]), np.array([5, 5, 1])  # ties 0-1 and 2-3 inside, 1-2 across
    >>> result = weighted_permutation_test(codes, np.array([0, 2, 1]), np.array([1, 3, 2]), weights, 999)
    >>> result["ei_index_expected"] > -9 / 11  # observed (11 − 2·10)/11: no shuffling is more inward
    True
    """
    keys = ("ei_index_p", "ei_index_expected", "sector_assortativity_p", "sector_assortativity_expected")
    result: dict[str, float | None] = dict.fromkeys(keys)
    total = float(weights.sum())
    if permutations <= 0 or total == 0 or len(np.unique(codes)) < 2:
        return result
    strength = np.bincount(
        np.concatenate([first, second]), weights=np.concatenate([weights, weights]), minlength=len(codes)
    )
    k = int(codes.max()) + 1

    def statistics(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        internal = (labels[:, first] == labels[:, second]) @ weights
        rows = np.arange(len(labels))[:, None] * k + labels
        sums = np.bincount(rows.ravel(), weights=np.tile(strength, len(labels)), minlength=len(labels) * k)
        return sector_statistics(internal, sums.reshape(len(labels), k), total)  # type: ignore[arg-type]

    observed = statistics(codes[None, :])
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(STREAM, 1)))
    ei, assortativity = [], []
    for start in range(0, permutations, BLOCK):
        size = min(BLOCK, permutations - start)
        block = statistics(rng.permuted(np.broadcast_to(codes, (size, len(codes))), axis=1))
        ei.append(block[0])
        assortativity.append(block[1])
    for name, value, values in zip(
        ("ei_index", "sector_assortativity"),
        observed,
        (np.concatenate(ei), np.concatenate(assortativity)),
        strict=True,
    ):
        result[f"{name}_expected"] = float(np.mean(values))
        result[f"{name}_p"] = two_sided_p_value(float(value[0]), values)
    return result


def cosupport_indicators(
    case: Case, by: str = "district", permutations: int = PERMUTATIONS, seed: int = 0
) -> pd.DataFrame:
    """E-I index and assortativity of each whole vote's co-support network, by district or category.

    One row per whole vote: edition, event_id, district (the vote's subunit),
    projects (nodes with a tie), sectors (distinct among them), ties,
    shared_voters (Σ weights), ei_index, sector_assortativity (unweighted
    ties), ei_index_weighted, sector_assortativity_weighted (ties counted by
    their shared voters), and, with ``permutations``, the test of the
    weighted figures (:func:`weighted_permutation_test`): ei_index_p,
    ei_index_expected, sector_assortativity_p, sector_assortativity_expected.
    The weighted figures are the ones to read: with up to 15 projects a
    ballot, nearly every pair of projects shares a voter, and the unweighted
    network is then almost complete.
    """
    rows = []
    for vote in budget_votes(case).query("whole").itertuples(index=False):
        event = str(vote.event_id)
        ties = cosupport_ties(case, event)
        sectors = project_sectors(case, event, by)
        nodes = pd.Index(sorted(set(ties["first"]) | set(ties["second"])))
        codes, names = pd.factorize(sectors.reindex(nodes).fillna("").to_numpy(dtype=object))
        first, second = nodes.get_indexer(ties["first"]), nodes.get_indexer(ties["second"])
        weights = ties["voters"].to_numpy(dtype=np.int64)
        plain = weighted_mixing(codes, first, second, np.ones(len(ties), dtype=np.int64))
        heavy = weighted_mixing(codes, first, second, weights)
        single = len(names) < 2
        tested = weighted_permutation_test(codes, first, second, weights, permutations, seed)
        rows.append(
            {
                "edition": str(vote.edition),
                "event_id": event,
                "district": "" if pd.isna(vote.subunit) else str(vote.subunit),
                "projects": len(nodes),
                "sectors": len(names),
                "ties": len(ties),
                "shared_voters": int(weights.sum()),
                "ei_index": None if single else ei_index_of_mixing(plain),
                "sector_assortativity": None if single else assortativity_of_mixing(plain),
                "ei_index_weighted": None if single else ei_index_of_mixing(heavy),
                "sector_assortativity_weighted": None if single else assortativity_of_mixing(heavy),
                **tested,
            }
        )
    frame = pd.DataFrame(rows)
    for column in frame.columns[7:]:
        frame[column] = pd.array(frame[column].tolist(), dtype="Float64")
    return frame


def cosupport_mixing(case: Case, event_id: str, by: str = "district") -> pd.DataFrame:
    """Shared voters between and within sectors of a vote: first, second (sectors), voters, ties.

    One row per unordered pair of sectors (first ≤ second) with at least one
    tie: ``voters`` adds up the weights of the ties between them, ``ties`` counts them.
    """
    ties = cosupport_ties(case, event_id)
    sectors = project_sectors(case, event_id, by)
    a = ties["first"].map(sectors).fillna("").astype(str)
    b = ties["second"].map(sectors).fillna("").astype(str)
    low, high = np.minimum(a, b), np.maximum(a, b)
    frame = pd.DataFrame({"first": low, "second": high, "voters": ties["voters"], "ties": 1})
    table = frame.groupby(["first", "second"], as_index=False, sort=True).sum()
    return table.astype({"first": "string", "second": "string", "voters": "Int64", "ties": "Int64"})


__all__ = [
    "cosupport_indicators",
    "cosupport_mixing",
    "cosupport_ties",
    "project_sectors",
    "weighted_mixing",
    "weighted_permutation_test",
]
