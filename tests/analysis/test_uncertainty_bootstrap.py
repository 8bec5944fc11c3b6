"""Bootstrap intervals of the participation concentration (docs/design.md §Uncertainty; issue 9).

Checked by hand on two participants (every resample can be listed), against
the point formulas of the participation module, by coverage on samples drawn
from a population whose Gini is known in closed form, for reproducibility,
and on the cases where there is nothing to resample.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commons_analysis.analysis.bootstrap import (
    bca_interval,
    concentration,
    jackknife_se,
    participation_intervals,
    percentile_interval,
    share_interval,
    studentized_interval,
)
from commons_analysis.analysis.concentration import gini, top_share


def test_two_participants_by_hand() -> None:
    """Counts {1, 3}: resamples {1, 1}, {3, 3} (a quarter each) and {1, 3} (a half).

    Gini 0, 0, 0.25; top 10 % (one person of two) 1/2, 1/2, 3/4; repeat share 0, 1, 1/2.
    """
    result = participation_intervals([1, 3], replicates=2000, seed=0)
    assert result == {"gini_ci": [0.0, 0.25], "top10_share_ci": [0.5, 0.75], "repeat_share_ci": [0.0, 1.0]}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=80))
def test_the_sample_itself_gives_the_point_indicators(counts: list[int]) -> None:
    values, frequencies = np.unique(counts, return_counts=True)
    result = concentration(values, frequencies[None, :])
    assert result["gini"][0] == pytest.approx(gini(counts), abs=1e-12)
    assert result["top10_share"][0] == pytest.approx(top_share(counts), abs=1e-12)
    assert result["repeat_share"][0] == pytest.approx(np.mean(np.array(counts) >= 2), abs=1e-12)


def test_geometric_population_gini() -> None:
    """The Gini of the geometric distribution on 1, 2, … is (1 − p)/(2 − p): check the closed form."""
    p, k = 0.4, np.arange(1, 300)
    probability = p * (1 - p) ** (k - 1)
    mean = (probability * k).sum()
    double_sum = (probability[:, None] * probability[None, :] * np.abs(k[:, None] - k[None, :])).sum()
    assert double_sum / (2 * mean) == pytest.approx((1 - p) / (2 - p), abs=1e-9)


@pytest.mark.slow
def test_the_gini_interval_covers_the_population_value() -> None:
    """200 samples of 500 participants, records per person geometric (p = 0.4, Gini 0.375).

    The percentile interval of the plug-in Gini is nominal at this size; with a few dozen
    participants it is too narrow (about 85 % at 60, see docs/indicators.md).
    """
    population_gini = (1 - 0.4) / (2 - 0.4)
    rng = np.random.default_rng(2024)
    covered = 0
    for draw in range(200):
        low, high = participation_intervals(rng.geometric(0.4, 500), replicates=1000, seed=draw)["gini_ci"]
        covered += low <= population_gini <= high
    assert 0.90 <= covered / 200 <= 0.98


def test_same_seed_same_numbers_other_seeds_within_monte_carlo_error() -> None:
    counts = np.random.default_rng(1).geometric(0.3, 200)
    first = participation_intervals(counts, replicates=1000, seed=1)
    assert participation_intervals(counts, replicates=1000, seed=1) == first
    other = participation_intervals(counts, replicates=1000, seed=2)
    assert other != first
    for key in first:
        low, high = first[key]
        # a 2.5 % quantile of 1000 resamples has a standard error of about 2 % of the interval's width
        assert other[key] == pytest.approx(first[key], abs=0.15 * (high - low))


def test_nothing_to_resample_gives_null() -> None:
    assert set(participation_intervals([5]).values()) == {None}  # one participant
    assert set(participation_intervals([]).values()) == {None}
    assert set(participation_intervals([1, 2, 3], replicates=0).values()) == {None}
    with pytest.raises(ValueError, match="0 or more"):
        participation_intervals([1, 2, 3], replicates=-1)
    assert share_interval(1, 1) is None
    assert share_interval(3, 10, replicates=0) is None


def test_intervals_are_json_ready_lists() -> None:
    result = participation_intervals([1, 1, 2, 5, 9], replicates=200, seed=3)
    for interval in result.values():
        assert isinstance(interval, list) and all(type(bound) is float for bound in interval)
        assert interval[0] <= interval[1]


def test_bca_of_a_symmetric_figure_is_the_percentile_interval() -> None:
    """No bias (z₀ = 0) and no acceleration (a = 0): BCa takes the 2.5 % and 97.5 % quantiles."""
    replicates = np.arange(-500, 501) / 100  # symmetric around 0, the estimate
    jackknife = np.array([-1.0, 0.0, 1.0])  # symmetric: a = 0
    assert bca_interval(replicates, 0.0, jackknife) == pytest.approx(percentile_interval(replicates))


def test_bca_shifts_by_hand() -> None:
    """z₀ = Φ⁻¹(0.8413) = 1, a = 0: the quantiles Φ(1 + (1 ∓ 1.96)) = Φ(0.04), Φ(3.96)."""
    from statistics import NormalDist

    replicates = np.linspace(0, 1, 100_001)
    estimate = NormalDist().cdf(1.0)  # 84.13 % of the replicates below it
    low, high = bca_interval(replicates, estimate, [-1.0, 0.0, 1.0])
    assert low == pytest.approx(NormalDist().cdf(2 - 1.959964), abs=1e-4)
    assert high == pytest.approx(NormalDist().cdf(2 + 1.959964), abs=1e-4)


def test_studentized_interval_by_hand() -> None:
    """t* = (θ* − θ̂)/se*: quantiles −1 and 1 give θ̂ ∓ se."""
    replicates = np.array([0.3, 0.5, 0.7])
    assert studentized_interval(replicates, 0.5, 0.05, np.full(3, 0.2), level=0.5) == pytest.approx(
        [0.475, 0.525]
    )
    assert studentized_interval(replicates, 0.5, 0.0, np.full(3, 0.2)) is None


def test_the_jackknife_se_of_a_share_is_the_binomial_one() -> None:
    """Repeat share p of n units: the jackknife se is √(p(1 − p)/(n − 1))."""
    se = jackknife_se(np.array([1, 3]), np.array([[6, 4]]), "repeat_share")[0]
    assert se == pytest.approx(np.sqrt(0.4 * 0.6 / 9))


def test_the_gini_interval_covers_at_forty_participants() -> None:
    """The percentile interval covered 82 % at 40 (geometric p = 0.4, Gini 0.375); the method now ~95 %.

    100 seeded samples of 40, 400 resamples each (a small simulation: the benchmark measures 500 × 1000).
    """
    population_gini = (1 - 0.4) / (2 - 0.4)
    rng = np.random.default_rng(18)
    covered = 0
    for draw in range(100):
        low, high = participation_intervals(rng.geometric(0.4, 40), replicates=400, seed=draw)["gini_ci"]
        covered += low <= population_gini <= high
    assert covered >= 88  # 95 % expected; the percentile interval gave about 82
