"""The perspectives on a participatory budget (analysis/budget_*.py) against values computed by hand.

The vote of :func:`~commons_analysis.analysis.budget_votes.example_vote`:
budget 100 zł, approval, at most 2 projects; projects a (60, sport,
seniors|children), b (50, culture, adults), c (40, sport, children);
published selection {a, c}. Twelve voters:

* v1–v6: a|b, aged 30, F, internet;
* v7–v9: b, aged 70, M, paper;
* v10–v12: c, aged 70, F, internet.

Support a 6, b 9, c 3: greedy takes b (50), skips a (60 > 50 left), takes c → {b, c}.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from commons_analysis.analysis import budget_network, budget_power, budget_practices, budget_voters
from commons_analysis.analysis.budget_votes import (
    adopted_selection,
    ballot_matrix,
    counted_votes,
    example_case,
    example_vote,
    whole_votes,
)
from commons_analysis.model.case import Case

CITY = {"w": {"a", "c"}}
GREEDY = {"w": {"b", "c"}}


# --------------------------------------------------------------------------- votes


def test_whole_and_counted_votes_of_a_city_split_into_districts() -> None:
    case = example_case()
    assert whole_votes(case) == ["city"] and counted_votes(case) == ["d1", "d2"]
    assert adopted_selection(case) == {"d1": frozenset({"p1"}), "d2": frozenset({"p3"})}
    assert ballot_matrix(case, "city").lengths.tolist() == [2, 1, 2]


# --------------------------------------------------------------------------- public power


def test_proposals_by_sector_count_projects_and_money_by_the_proposers_sector() -> None:
    frame = budget_power.proposals_by_sector(example_vote(), CITY)
    rows = {(None if pd.isna(r.sector) else r.sector): r for r in frame.itertuples(index=False)}
    assert (rows["sse"].projects, rows["sse"].proposed_cost, rows["sse"].funded, rows["sse"].funded_cost) == (
        1,
        60.0,
        1,
        60.0,
    )
    assert (rows["citizen"].projects, rows["citizen"].funded, rows["citizen"].funded_cost) == (1, 0, 0.0)
    assert (rows[None].projects, rows[None].funded_cost) == (1, 40.0)
    proposers = budget_power.proposers(example_vote(), CITY)
    assert proposers["actor_id"].tolist() == ["org1", "p1"]  # the same count: funded first
    assert proposers["kind"].tolist() == ["organisation", "person"]


def test_budget_shares_by_category_and_beneficiaries() -> None:
    shares = budget_power.budget_shares(example_vote(), CITY, "category").set_index("key")["share"]
    assert shares.to_dict() == {"culture": 0.0, "sport": 1.0}
    beneficiaries = budget_power.budget_shares(example_vote(), CITY, "beneficiaries").set_index("key")[
        "share"
    ]
    assert beneficiaries.to_dict() == {"adults": 0.0, "children": 1.0, "seniors": 0.6}
    with pytest.raises(ValueError, match="district, category"):
        budget_power.budget_shares(example_vote(), CITY, "colour")


def test_rule_changes_count_projects_and_money_that_move() -> None:
    row = budget_power.rule_changes(example_vote(), CITY, GREEDY).iloc[0]
    assert (row["district"], row["funded_city"], row["funded_other"], row["gained"], row["lost"]) == (
        "D",
        2,
        2,
        1,
        1,
    )
    assert (row["cost_gained"], row["cost_lost"], row["moved"]) == (50.0, 60.0, 0.55)  # 110 / (2 × 100)


def test_departures_from_the_declared_rule_project_by_project() -> None:
    from commons_analysis.analysis.budgeting import instances

    frame = budget_power.departures(example_vote(), instances(example_vote()))
    assert sorted(zip(frame["project_id"], frame["kind"], strict=True)) == [
        ("a", "published_only"),  # published, but greedy skips it
        ("b", "rule_only"),  # greedy funds it first, the city did not
    ]


# --------------------------------------------------------------------------- people far from public action


def test_ballots_and_budget_per_voter_by_district() -> None:
    assert budget_voters.ballots_by_district(example_case(), 1)["voters"].tolist() == [2, 2]
    frame = budget_voters.budget_per_voter(example_vote(), CITY, 1)
    assert frame["voters"].tolist() == [12] and frame["per_voter"].tolist() == [pytest.approx(100 / 12)]
    split = budget_voters.budget_per_voter(example_case(), {"d1": {"p1"}, "d2": {"p3"}}, 1)
    assert split["per_voter"].tolist() == [75.0, 40.0]  # 150 / 2 voters of D1, 80 / 2 of D2


def test_represented_by_group_under_two_rules() -> None:
    case = example_vote()
    by_age = budget_voters.represented(case, CITY, "age_band", min_cell=1)
    assert by_age[["group", "voters", "represented"]].values.tolist() == [["25-34", 6, 6], ["65-74", 6, 3]]
    assert by_age["share"].tolist() == [1.0, 0.5]
    by_sex = budget_voters.represented(case, CITY, "sex", min_cell=1)
    assert by_sex.set_index("group")["share"].to_dict() == {"F": 1.0, "M": 0.0}
    by_method = budget_voters.represented(case, GREEDY, "method", min_cell=1)
    assert by_method["share"].tolist() == [1.0, 1.0]


def test_represented_hides_groups_whose_counts_are_small() -> None:
    by_age = budget_voters.represented(example_vote(), CITY, "age_band", min_cell=5)
    assert by_age["suppressed"].tolist() == [True, True]  # 3 represented of 6, then the line's other group
    assert by_age["share"].isna().all() and by_age["voters"].isna().all()


def test_voters_by_age_and_sex_hide_small_cells() -> None:
    exact = budget_voters.voters_by_age_sex(example_vote(), min_cell=1)
    assert exact[["age_band", "sex", "voters"]].values.tolist() == [
        ["25-34", "F", 6],
        ["25-34", "M", 0],
        ["65-74", "F", 3],
        ["65-74", "M", 3],
    ]
    hidden = budget_voters.voters_by_age_sex(example_vote(), min_cell=5)
    printed = hidden["voters"].dropna().astype(int)
    assert not ((printed > 0) & (printed < 5)).any()
    assert hidden.loc[exact["voters"] == 3, "suppressed"].all()


def test_turnout_needs_a_population_table() -> None:
    assert budget_voters.turnout(example_vote()).empty
    case = example_vote()
    with_residents = Case.from_frames(
        case.meta,
        **{name: case.table(name) for name in ("actors", "events", "participation", "decisions")},
        budgets=case.budgets,
        projects=case.projects,
        population=pd.DataFrame({"territory": ["D"], "population": [240], "year": [2023]}),
    )
    row = budget_voters.turnout(with_residents, 1).iloc[0]
    assert (row["territory"], row["voters"], row["population"], row["turnout"]) == ("D", 12, 240, 0.05)


# --------------------------------------------------------------------------- practices and tools


def test_method_by_age_band() -> None:
    frame = budget_practices.method_by_age(example_vote(), min_cell=1)
    values = {(r.age_band, r.method): (r.voters, r.share) for r in frame.itertuples(index=False)}
    assert values[("25-34", "internet")] == (6, 1.0)
    assert values[("65-74", "internet")] == (3, 0.5) and values[("65-74", "paper")] == (3, 0.5)


def test_ballot_length_use() -> None:
    row = budget_practices.ballot_length_use(example_vote()).iloc[0]
    assert (row["voters"], row["mean_length"], row["max_length"]) == (12, 1.5, 2)
    assert (row["mean_use"], row["full_share"], row["single_share"]) == (0.75, 0.5, 0.5)
    lengths = budget_practices.ballot_lengths(example_vote(), min_cell=1)
    assert lengths[["length", "voters"]].values.tolist() == [[1, 6], [2, 6]]


def test_left_out_under_each_rule() -> None:
    frame = budget_practices.left_out(example_vote(), {"city": CITY, "greedy": GREEDY}, min_cell=1)
    assert frame[["rule", "voters", "left_out", "share"]].values.tolist() == [
        ["city", 12, 3, 0.25],  # v7–v9 chose b only
        ["greedy", 12, 0, 0.0],
    ]
    hidden = budget_practices.left_out(example_vote(), {"city": CITY}, min_cell=5)
    assert hidden["suppressed"].tolist() == [True] and hidden["left_out"].isna().all()


# --------------------------------------------------------------------------- network


def test_cosupport_ties_and_sector_mixing() -> None:
    ties = budget_network.cosupport_ties(example_vote(), "w")
    assert ties.values.tolist() == [["a", "b", 6]]  # v1–v6 chose both
    row = budget_network.cosupport_indicators(example_vote(), "category", permutations=0).iloc[0]
    assert (row["ties"], row["shared_voters"], row["ei_index"], row["ei_index_weighted"]) == (1, 6, 1.0, 1.0)
    same = budget_network.cosupport_indicators(example_vote(), "district", permutations=0).iloc[0]
    assert pd.isna(same["ei_index"])  # one district: nothing to say
    mixing = budget_network.cosupport_mixing(example_case(), "city", "district")
    assert mixing.values.tolist() == [["D1", "D1", 1, 1], ["D1", "D2", 1, 1]]


def test_cosupport_of_a_large_vote_is_one_sparse_product() -> None:
    rng = np.random.default_rng(0)
    n_voters, n_projects = 5000, 80
    chosen = [rng.choice(n_projects, size=rng.integers(1, 16), replace=False) for _ in range(n_voters)]
    matrix = np.zeros((n_voters, n_projects), dtype=np.int64)
    for voter, projects in enumerate(chosen):
        matrix[voter, projects] = 1
    ids = [f"p{j}" for j in range(n_projects)]
    case = Case.from_frames(
        {"id": "large"},
        actors=pd.DataFrame(
            {"actor_id": [f"v{i}" for i in range(n_voters)], "name": "x", "sector": "citizen"}
        ),
        participation=pd.DataFrame(
            {
                "event_id": "e",
                "actor_id": [f"v{i}" for i in range(n_voters)],
                "ballot": ["|".join(ids[j] for j in projects) for projects in chosen],
            }
        ),
        budgets=pd.DataFrame({"event_id": ["e"], "budget": [1.0], "vote_type": ["approval"]}),
        projects=pd.DataFrame({"event_id": "e", "project_id": ids, "decision_id": ids, "cost": 1.0}),
    )
    ties = budget_network.cosupport_ties(case, "e")
    shared = matrix.T @ matrix
    expected = {
        (f"p{i}", f"p{j}"): int(shared[i, j]) for i in range(n_projects) for j in range(i + 1, n_projects)
    }
    assert dict(zip(zip(ties["first"], ties["second"], strict=True), ties["voters"], strict=True)) == {
        pair: weight for pair, weight in expected.items() if weight
    }
