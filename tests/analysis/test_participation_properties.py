"""Properties of the participation indicators (hypothesis).

Gini in [0, 1) for records per participant, 0 when everyone takes part
equally, equal to the double-sum definition, and every indicator — the
bootstrap intervals included — invariant under renaming the actors and
reordering the rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commons_analysis.analysis.attendance import participation_by_year
from commons_analysis.analysis.bootstrap import case_participation_intervals
from commons_analysis.analysis.concentration import gini
from commons_analysis.analysis.participation import participation_indicators
from commons_analysis.model.case import Case

record_counts = st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=60)


@given(record_counts)
def test_gini_is_in_zero_one(counts: list[int]) -> None:
    value = gini(counts)
    assert value is not None
    assert 0 <= value < 1


@given(record_counts)
def test_gini_equals_the_double_sum(counts: list[int]) -> None:
    n = len(counts)
    mean = sum(counts) / n
    expected = sum(abs(a - b) for a in counts for b in counts) / (2 * n * n * mean)
    assert gini(counts) == pytest.approx(expected, abs=1e-12)


@given(st.integers(min_value=1, max_value=1000), st.integers(min_value=1, max_value=500))
def test_gini_is_zero_when_all_take_part_equally(records_each: int, n: int) -> None:
    assert gini([records_each] * n) == 0.0


@st.composite
def cases(draw: st.DrawFn) -> tuple[Case, dict[str, str]]:
    """A random case, and a renaming of its actors (a permutation of fresh ids)."""
    n_actors = draw(st.integers(min_value=1, max_value=12))
    n_events = draw(st.integers(min_value=1, max_value=8))
    pair = st.tuples(st.integers(0, n_events - 1), st.integers(0, n_actors - 1))
    pairs = draw(st.sets(pair, min_size=1, max_size=60))
    days = draw(st.lists(st.integers(0, 800), min_size=n_events, max_size=n_events))
    paid = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    sectors = draw(
        st.lists(st.sampled_from(["commons", "public", "citizen"]), min_size=n_actors, max_size=n_actors)
    )
    actor_ids = [f"a{i}" for i in range(n_actors)]
    case = Case.from_frames(
        {"id": "random"},
        actors=pd.DataFrame({"actor_id": actor_ids, "name": actor_ids, "sector": sectors}),
        events=pd.DataFrame(
            {
                "event_id": [f"e{i}" for i in range(n_events)],
                "date": [pd.Timestamp("2020-01-01") + pd.Timedelta(days=d) for d in days],
                "kind": "assembly",
                "duration_hours": [1.0 + i % 3 for i in range(n_events)],
            }
        ),
        participation=pd.DataFrame(
            {
                "event_id": [f"e{e}" for e, _ in sorted(pairs)],
                "actor_id": [f"a{a}" for _, a in sorted(pairs)],
                "paid": paid,
            }
        ),
    )
    fresh = draw(st.permutations([f"zz{i}" for i in range(n_actors)]))
    return case, dict(zip(actor_ids, fresh, strict=True))


def renamed_and_shuffled(case: Case, renaming: dict[str, str], seed: int) -> Case:
    rng = np.random.default_rng(seed)
    actors = case.actors.copy()
    actors["actor_id"] = actors["actor_id"].map(renaming)
    participation = case.participation.copy()
    participation["actor_id"] = participation["actor_id"].map(renaming)
    return Case.from_frames(
        case.meta,
        actors=actors.iloc[rng.permutation(len(actors))].reset_index(drop=True),
        events=case.events.iloc[rng.permutation(len(case.events))].reset_index(drop=True),
        participation=participation.iloc[rng.permutation(len(participation))].reset_index(drop=True),
    )


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(cases(), st.integers(0, 2**32 - 1))
def test_indicators_are_invariant_under_renaming_and_reordering(
    drawn: tuple[Case, dict[str, str]], seed: int
) -> None:
    case, renaming = drawn
    other = renamed_and_shuffled(case, renaming, seed)
    assert_same(participation_indicators(other), participation_indicators(case))
    by_year = participation_by_year(case)
    pd.testing.assert_frame_equal(participation_by_year(other), by_year, check_exact=False, rtol=1e-12)
    gini_value = participation_indicators(case)["gini"]
    assert gini_value is not None and 0 <= gini_value < 1


def assert_same(left: dict[str, Any], right: dict[str, Any]) -> None:
    """Same keys, same None places, same numbers up to rounding (sums may add in another order)."""
    assert left.keys() == right.keys()
    for key in left:
        a, b = left[key], right[key]
        if isinstance(a, dict):
            assert_same(a, b)
        elif a is None or b is None:
            assert a is b, key
        else:
            assert a == pytest.approx(b, rel=1e-12, abs=1e-12), key


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(cases(), st.integers(0, 2**32 - 1), st.integers(0, 1000))
def test_bootstrap_intervals_are_invariant_under_renaming_and_reordering(
    drawn: tuple[Case, dict[str, str]], order: int, seed: int
) -> None:
    """Same seed, same intervals, whatever the ids and the order of the rows; each within [0, 1]."""
    case, renaming = drawn
    other = renamed_and_shuffled(case, renaming, order)
    intervals = case_participation_intervals(case, 200, seed)
    assert case_participation_intervals(other, 200, seed) == intervals
    for interval in intervals.values():
        if interval is not None:
            assert 0 <= interval[0] <= interval[1] <= 1
