"""End to end: the bundled budget cases (built by ``import pabulib``) counted by their declared rules."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pytest

from commons_analysis import load_case
from commons_analysis.analysis.budget_elections import elections
from commons_analysis.analysis.budget_rules import declared_outcome, greedy, support
from commons_analysis.model.case import Case

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"


@functools.cache
def bundled(case_id: str) -> Case:
    return load_case(CASES / case_id)


@pytest.mark.slow
def test_warsaw_case_reproduces_every_published_selection():
    # 18 district votes, 87,138 ballots (the sum of the files' num_votes; the issue's 114,108 is not
    # what the files hold); the city funded what greedy by approvals selects.
    case = bundled("warszawa-budzet-obywatelski-2023")
    found = elections(case)
    assert len(found) == 18
    assert sum(e.voters for e in found.values()) == 87_138
    for event_id, election in found.items():
        outcome = declared_outcome(election)
        assert election.published is not None, event_id
        assert set(outcome.selected) == set(election.published), event_id
        assert outcome.notes == ()


@pytest.mark.slow
def test_toulouse_case_support_is_the_published_score():
    # 2019 is cumulative: support is the points, the file's `score`; 2022 and 2024 count approvals.
    case = bundled("toulouse-budget-participatif")
    found = elections(case)
    assert len(found) == 23
    assert {e.vote_type for e in found.values()} == {"cumulative", "approval"}
    assert all(e.published is None for e in found.values())
    projects = case.projects.set_index(["event_id", "project_id"])
    for event_id, election in found.items():
        published = "score" if election.vote_type == "cumulative" else "votes"
        expected = [float(projects.loc[(event_id, p), published]) for p in election.project_ids]
        np.testing.assert_array_equal(support(election), expected)
    # Toulouse 2019 by points: 4 (1,090 points, 390,000 €) first; greedy spends at most 1 M€.
    first = greedy(found["toulouse_2019"])
    assert first.selected[0] == "4"
    assert first.spent <= 1_000_000
