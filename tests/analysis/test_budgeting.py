"""Counting budget votes by their declared rule, against elections computed by hand.

Every expected value below is worked out in the comment above it (docs/design.md §Participatory budgets,
"Participatory budgets (exact definitions)").
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from commons_analysis.analysis import equal_shares as mes
from commons_analysis.analysis.budget_elections import election_from_ballots, elections
from commons_analysis.analysis.budget_rules import (
    declared_outcome,
    equal_shares,
    greedy,
    mes_problem,
    support,
    voters_preferring,
)
from commons_analysis.analysis.budgeting import budgeting_indicators, departures, instances
from commons_analysis.model.case import Case


def approval(costs: dict[str, float], ballots: list[str], budget: float, **options: object):
    """An approval election from ``{"a": cost}`` and ballots written as strings of project ids."""
    return election_from_ballots(
        list(costs), list(costs.values()), [list(b) for b in ballots], budget=budget, **options
    )


# --- greedy ----------------------------------------------------------------------------


def test_greedy_skips_what_does_not_fit_and_no_skip_stops():
    # Support a 3, b 2, c 1. Budget 80: a (50) fits, 30 left; b (40) does not: greedy skips it and
    # funds c (30); greedy-no-skip stops at b.
    e = approval({"a": 50, "b": 40, "c": 30}, ["a", "ab", "bc", "a"], budget=80)
    assert support(e).tolist() == [3, 2, 1]
    assert greedy(e).selected == ("a", "c")
    assert greedy(e).spent == 80
    assert greedy(e, skip=False).selected == ("a",)
    assert declared_outcome(
        approval({"a": 50, "b": 40, "c": 30}, ["a", "ab", "bc", "a"], 80, rule="greedy-no-skip")
    ).selected == ("a",)


def test_greedy_ties_go_to_the_cheaper_then_are_reported_when_they_decide():
    # a and b: support 2 each; b is cheaper (20 < 70), so b goes first. Budget 80: b (20), then a (70)
    # does not fit. Had a gone first, a would be funded and b not: the tie decides, it is reported.
    e = approval({"a": 70, "b": 20}, ["ab", "ab"], budget=80)
    assert greedy(e).selected == ("b",)
    assert greedy(e).ties == (("b", "a"),)
    # x and y: same support (1) and cost (60): order by id puts x first; budget 100 leaves 40 after
    # x, so y is out. Had y gone first, y would be funded: the tie decides the margin.
    tie = approval({"x": 60, "y": 60, "z": 10}, ["x", "y", "z"], budget=100)
    # z has support 1 too but costs 10: it goes first (lower cost), then x; y does not fit.
    assert greedy(tie).selected == ("z", "x")
    assert greedy(tie).ties == (("x", "y"),)
    # The same tie with room for both decides nothing.
    roomy = approval({"x": 60, "y": 60}, ["x", "y"], budget=120)
    assert greedy(roomy).selected == ("x", "y")
    assert greedy(roomy).ties == ()


def test_threshold_and_withdrawn_projects_are_not_eligible():
    # w has the most votes but cost 999999999 (withdrawn); t has 1 vote under the threshold 2.
    e = election_from_ballots(
        ["w", "a", "t"], [999_999_999, 10, 5], [["w", "a"], ["w", "a"], ["w", "t"]], budget=100, threshold=2
    )
    assert e.withdrawn.tolist() == [True, False, False]
    assert e.eligible.tolist() == [False, True, False]
    assert greedy(e).selected == ("a",)
    assert equal_shares(e).selected == ("a",)
    # Withdrawn by the flag, whatever the cost.
    flagged = election_from_ballots(["a", "b"], [10, 10], [["a"], ["b"]], budget=20, withdrawn=[True, False])
    assert greedy(flagged).selected == ("b",)


def test_cumulative_support_is_the_sum_of_points():
    # Points: v1 gives a 3, b 1; v2 gives b 3; v3 gives a 1, c 2. Support a 4, b 4, c 2; a and b tie
    # on points: the cheaper b (20) goes first, then a (50); c (40) does not fit in 80.
    e = election_from_ballots(
        ["a", "b", "c"],
        [50, 20, 40],
        [["a", "b"], ["b"], ["a", "c"]],
        points=[[3, 1], [3], [1, 2]],
        budget=80,
        vote_type="cumulative",
    )
    assert support(e).tolist() == [4, 4, 2]
    assert greedy(e).selected == ("b", "a")


def test_ordinal_support_is_rank_points():
    # max_length 3: first rank 3 points, second 2, third 1. v1: c > a > b; v2: a > c; v3: b.
    # a: 2 + 3 = 5, b: 1 + 3 = 4, c: 3 + 2 = 5. a and c tie on 5; a is cheaper.
    e = election_from_ballots(
        ["a", "b", "c"],
        [30, 30, 40],
        [["c", "a", "b"], ["a", "c"], ["b"]],
        budget=70,
        vote_type="ordinal",
        max_length=3,
    )
    assert support(e).tolist() == [5, 4, 5]
    assert greedy(e).selected == ("a", "c")


def test_scoring_support_counts_voters():
    # Scoring: support is the number of voters who give a project a score, not the score.
    e = election_from_ballots(
        ["a", "b"], [1, 1], [["a", "b"], ["b"]], points=[[9, 1], [2]], budget=1, vote_type="scoring"
    )
    assert support(e).tolist() == [1, 2]


# --- Method of Equal Shares ---------------------------------------------------------------


def test_equal_shares_by_hand_on_four_voters():
    # B = 100, 4 voters: 25 each. a (60) by v1 v2 v3; b (30) by v3 v4; c (20) by v4.
    # Round 1: a costs 20 per supporter (ρ = 20/60 = 1/3), b 15 (ρ = 1/2), c 20 (ρ = 1): a.
    #   Money: v1 5, v2 5, v3 5, v4 25.
    # Round 2: b: v3 pays its 5, v4 pays 25 (ρ = 25/30 = 5/6); c: v4 pays 20 (ρ = 1): b.
    #   Money: v3 0, v4 0. Round 3: c cannot be paid (v4 holds 0). Outcome a, b (90).
    e = approval({"a": 60, "b": 30, "c": 20}, ["a", "a", "ab", "bc"], budget=100)
    outcome = equal_shares(e, completion=None)
    assert outcome.selected == ("a", "b")
    assert outcome.spent == 90
    assert outcome.share == 25
    assert mes.exact_run(mes_problem(e)).selected == ("a", "b")
    # Greedy agrees here (a 3 votes, b 2, then c does not fit).
    assert greedy(e).selected == ("a", "b")


def test_equal_shares_is_proportional_where_greedy_is_not():
    # 3 voters want a and b (40 each), 1 voter wants c (25); B = 100, 25 each.
    # Greedy: a, b (support 3; both 40), then c does not fit: the lone voter gets nothing.
    # Equal Shares: a costs 40/3 each (ρ = 1/3), then b needs 40 from three voters holding 11.67:
    # out. c: the lone voter pays 25 (ρ = 1). Outcome a, c.
    e = approval({"a": 40, "b": 40, "c": 25}, ["ab", "ab", "ab", "c"], budget=100)
    assert greedy(e).selected == ("a", "b")
    assert equal_shares(e, completion=None).selected == ("a", "c")


def test_equal_shares_ties_go_to_the_smaller_id_and_are_reported():
    # x and y (2 each) both cost 2 per supporter pair: ρ = 1/2 for both, exactly. x first (id order);
    # then y's supporters hold 0 + 1: out. The tie decided the outcome.
    e = approval({"x": 2, "y": 2}, ["x", "y", "xy"], budget=3)
    outcome = equal_shares(e, completion=None)
    assert outcome.selected == ("x",)
    assert outcome.ties == (("x", "y"),)


def test_add1_raises_the_share_while_the_outcome_fits():
    # a (3) by v1 v2, b (3) by v3, c (4) by v4; B = 7, 4 voters.
    # Share 1.75: a (v1 v2 pay 1.5 each); b and c cannot be paid: outcome a (3).
    # Share 2.75: the same. Share 3.75: a, then b (v3 pays 3); c (4) still out: a, b (6).
    # Share 4.75: a, b, c = 10 > 7: over budget, so Add1 keeps a, b at share 3.75.
    e = approval({"a": 3, "b": 3, "c": 4}, ["a", "a", "b", "c"], budget=7)
    assert equal_shares(e, completion=None).selected == ("a",)
    outcome = equal_shares(e)
    assert outcome.selected == ("a", "b")
    assert outcome.share == 3.75
    assert outcome.spent == 6


def test_add1_keeps_the_last_outcome_within_budget_not_the_first_exhaustive():
    # a (50) by 2 voters, b (45) by 1, c (50) by 1; B = 100, share 25.
    # Share 25: a (each pays 25): 50 left, b and c cannot be paid; not exhaustive.
    # Share 45: a (25 each), b (45): 95, exhaustive (c would overspend): pabutools stops here.
    # Share 50: a, then b and c at ρ = 1: tie, b first (id), c: 145 > 100: over budget.
    # So DESIGN's Add1 keeps the outcome at share 49: a, b; pabutools' stops at 45: a, b too.
    e = approval({"a": 50, "b": 45, "c": 50}, ["a", "a", "b", "c"], budget=100)
    assert equal_shares(e).selected == ("a", "b")
    assert equal_shares(e).share == 49
    assert equal_shares(e, stop_when_exhaustive=True).share == 45


def test_add1_when_everything_fits_funds_everything():
    # Two projects of 10 and 20, one supporter each, B = 100: any outcome fits; with enough money
    # each voter pays for its project.
    e = approval({"a": 10, "b": 20}, ["a", "b"], budget=100)
    assert set(equal_shares(e).selected) == {"a", "b"}


def test_comparison_step_keeps_greedy_when_more_voters_prefer_it():
    # x (90) by v1 v2 v3; y (20) by v4 v5; B = 100, 5 voters, share 20.
    # Equal Shares: y (ρ = 1/2); x needs 30 each: shares 20..29 give y only; share 30 gives x and
    # y = 110 > 100, so Add1 keeps y. Greedy: x (3 votes), y no longer fits.
    # Three voters prefer greedy (90 > 0), two prefer Equal Shares (20 > 0): greedy is kept.
    e = approval({"x": 90, "y": 20}, ["x", "x", "x", "y", "y"], budget=100)
    assert equal_shares(e).selected == ("y",)
    assert voters_preferring(e, ["x"], ["y"]) == (3, 2)
    outcome = equal_shares(e, comparison=True)
    assert outcome.selected == ("x",)
    assert outcome.notes == ("analysis.budgeting.comparison_kept_greedy",)
    declared = declared_outcome(
        approval({"x": 90, "y": 20}, ["x", "x", "x", "y", "y"], 100, rule="equalshares/add1-comparison")
    )
    assert declared.selected == ("x",)
    # With one more voter for y (3 against 3), no majority prefers greedy: Equal Shares stays.
    even = approval({"x": 90, "y": 20}, ["x", "x", "x", "y", "y", "y"], budget=100)
    assert equal_shares(even, comparison=True).notes == ()


def test_unknown_rule_is_counted_with_greedy_and_says_so():
    e = approval({"a": 1}, ["a"], budget=1, rule="borda-whatever")
    assert declared_outcome(e).selected == ("a",)
    assert declared_outcome(e).notes == ("analysis.budgeting.rule_unknown",)


def test_exact_and_fast_runs_agree_on_a_crowded_tie():
    # Eight projects of equal cost and equal support: every round is an exact tie (ρ = 1/m).
    ballots = ["abcdefgh"] * 4 + ["a", "b"]
    e = approval({p: 3 for p in "abcdefgh"}, ballots, budget=12)
    problem = mes_problem(e)
    assert mes.run(problem).selected == mes.exact_run(problem).selected
    assert mes.run(problem).ties == mes.exact_run(problem).ties


def test_share_is_exact():
    e = approval({"a": 1}, ["a", "a", "a"], budget=1)
    assert mes_problem(e).share(0) == Fraction(1, 3)


# --- published outcomes, turnout awards, departures ------------------------------------


def test_selected_two_is_an_award_not_a_departure():
    # a is published (1), b awarded outside the budget (2), c not funded. Greedy with budget 10
    # funds a only: b is not a departure.
    e = approval({"a": 10, "b": 10, "c": 10}, ["ab", "ab", "c"], budget=10, selected=[1, 2, 0])
    assert e.published == ("a",)
    assert e.awarded == ("b",)
    assert departures(e, greedy(e)) == {"published_not_selected": [], "selected_not_published": []}


def test_departures_both_ways_and_none_when_nothing_is_published():
    e = approval({"a": 10, "b": 10}, ["a", "a", "b"], budget=10, selected=[0, 1])
    assert departures(e, greedy(e)) == {"published_not_selected": ["b"], "selected_not_published": ["a"]}
    unpublished = approval({"a": 10}, ["a"], budget=10)
    assert unpublished.published is None
    assert departures(unpublished, greedy(unpublished)) is None


# --- from a case ---------------------------------------------------------------------------


def budget_case() -> Case:
    """Two votes: an approval vote with a published outcome, a cumulative one without."""
    return Case.from_frames(
        {"id": "budget-demo"},
        actors=pd.DataFrame(
            {"actor_id": [f"e{k}-v{i}" for k in (1, 2) for i in (1, 2, 3)], "name": ["x"] * 6}
        ),
        events=pd.DataFrame(
            {"event_id": ["e1", "e2"], "kind": ["ballot", "ballot"], "date": ["2023-06-30"] * 2}
        ),
        budgets=pd.DataFrame(
            {
                "event_id": ["e1", "e2"],
                "source": ["one.pb", "two.pb"],
                "budget": [100, 50],
                "vote_type": ["approval", "cumulative"],
                "rule": ["greedy", "equalshares/add1"],
            }
        ),
        projects=pd.DataFrame(
            {
                "event_id": ["e1", "e1", "e1", "e2", "e2"],
                "project_id": ["1", "2", "3", "1", "2"],
                "decision_id": ["e1-1", "e1-2", "e1-3", "e2-1", "e2-2"],
                "cost": [60, 50, 40, 30, 30],
                "selected": [1, 0, 2, None, None],
            }
        ),
        participation=pd.DataFrame(
            {
                "event_id": ["e1", "e1", "e1", "e2", "e2", "e2"],
                "actor_id": ["e1-v1", "e1-v2", "e1-v3", "e2-v1", "e2-v2", "e2-v3"],
                "ballot": ["1|2", "1", "3", "1|2", "2", "2"],
                "points": [None, None, None, "2|1", "3", "1"],
            }
        ),
    )


def test_elections_and_instances_from_a_case():
    case = budget_case()
    found = elections(case)
    assert list(found) == ["e1", "e2"]
    first, second = found["e1"], found["e2"]
    assert first.voters == 3
    assert support(first).tolist() == [2, 1, 1]
    assert support(second).tolist() == [2, 5]
    # e1 greedy: 1 (60), then 2 (50) does not fit in 40, 3 (40) does.
    entries = instances(case)
    assert entries[0]["source"] == "one.pb"
    assert entries[0]["selected"] == ["1", "3"]
    assert entries[0]["published"] == ["1"]
    assert entries[0]["awarded"] == ["3"]
    assert entries[0]["departures"] == {"published_not_selected": [], "selected_not_published": ["3"]}
    assert entries[0]["greedy"] == ["1", "3"]
    # e1 Equal Shares, share 33.33: 1 (v1 and v2 pay 30 each, ρ = 1/2); 3 (40) and 2 (50, from v1's
    # 3.33 left) cannot be paid. From share 40: 1, then 3 (ρ = 1): 100. From share 80, v1 can also
    # pay 2 after 1: 150 > 100. Add1 keeps the outcome at share 79: 1, 3.
    assert entries[0]["equal_shares"] == ["1", "3"]
    # e2: cumulative; no outcome published.
    assert entries[1]["published"] is None
    assert entries[1]["departures"] is None
    assert budgeting_indicators(case)["instances"] == entries


def test_a_case_without_budgets_has_no_budgeting_indicators():
    case = Case.from_frames({"id": "plain"}, actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"]}))
    assert budgeting_indicators(case) == {}
    assert elections(case) == {}


def test_a_ballot_naming_an_unknown_project_is_an_error():
    with pytest.raises(ValueError, match="not a project of the vote"):
        election_from_ballots(["a"], [1], [["z"]], budget=1)
