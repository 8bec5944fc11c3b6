"""A participatory budget vote read as an election: projects, costs, eligibility, budget and ballots.

One :class:`Election` per row of the case's ``budgets`` table
(:func:`elections`), or built from ballots (:func:`election_from_ballots`);
the rules of :mod:`~commons_analysis.analysis.budget_rules` count it into an
:class:`Outcome`. Projects under ``min_project_score_threshold`` and
withdrawn ones (Pabulib's cost 999999999) are not eligible
(docs/design.md §Participatory budgets).

Example
-------
>>> election = election_from_ballots(["a", "b"], [50, 40], [["a"], ["a", "b"]], budget=80, selected=[1, 0])
>>> election.voters, election.published, election.eligible.tolist()
(2, ('a',), [True, True])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from commons_analysis.analysis import equal_shares as mes
from commons_analysis.model.case import Case

#: Pabulib's cost of a project withdrawn after the vote.
WITHDRAWN_COST = 999_999_999


#: Ways of supporting a project (Pabulib's ``vote_type``).
VOTE_TYPES = ("approval", "cumulative", "ordinal", "scoring")


@dataclass(frozen=True, eq=False)
class Election:
    """One budget vote, ready to count: projects, costs, eligibility, budget, rule and ballots.

    ``votes`` is the voters × projects support matrix (CSR): 1 for an approval,
    the points for cumulative and scoring ballots, rank points for ordinal ones
    (``max_length − rank + 1``). ``published`` holds the ids with ``selected`` = 1
    (None when the records publish no outcome), ``awarded`` those with
    ``selected`` = 2.
    """

    event_id: str
    source: str
    rule: str
    vote_type: str
    budget: float
    project_ids: tuple[str, ...]
    costs: np.ndarray
    eligible: np.ndarray
    withdrawn: np.ndarray
    votes: sparse.csr_matrix
    voter_ids: tuple[str, ...] = ()
    published: tuple[str, ...] | None = None
    awarded: tuple[str, ...] = ()
    threshold: float | None = None
    _problem: list[mes.MesProblem] = field(default_factory=list, repr=False)

    @property
    def voters(self) -> int:
        """Number of voters (ballots)."""
        return int(self.votes.shape[0])

    def cost_of(self, ids: Sequence[str]) -> float:
        """Total cost of the projects ``ids``."""
        position = {p: i for i, p in enumerate(self.project_ids)}
        return float(sum(self.costs[position[p]] for p in ids))


@dataclass(frozen=True)
class Outcome:
    """What a rule funds: ``selected`` in the order chosen, ``ties`` at the margin, ``spent``.

    ``ties`` holds groups of projects tied where the tie-breaking decided the
    outcome; ``share`` is each voter's money in the Equal Shares run kept (Add1
    raises it); ``notes`` are message keys (``budgeting.*``) saying how the rule
    was applied (e.g. an unknown rule counted with greedy, the comparison step
    keeping greedy).
    """

    rule: str
    selected: tuple[str, ...]
    spent: float
    ties: tuple[tuple[str, ...], ...] = ()
    share: float | None = None
    notes: tuple[str, ...] = ()

    @property
    def tied_projects(self) -> tuple[str, ...]:
        """Every project in a tie at the margin, once."""
        return tuple(dict.fromkeys(p for group in self.ties for p in group))


def project_support(votes: sparse.csr_matrix, vote_type: str) -> np.ndarray:
    """Each project's support: its approvals (approval, scoring ballots), else its points or rank points."""
    if vote_type in ("approval", "scoring"):
        return np.asarray((votes > 0).sum(axis=0), dtype=np.float64).ravel()
    return np.asarray(votes.sum(axis=0), dtype=np.float64).ravel()


def election_from_ballots(
    project_ids: Sequence[str],
    costs: Sequence[float],
    ballots: Sequence[Sequence[str]],
    *,
    budget: float,
    vote_type: str = "approval",
    rule: str = "greedy",
    points: Sequence[Sequence[float]] | None = None,
    max_length: int | None = None,
    selected: Sequence[int | None] | None = None,
    threshold: float | None = None,
    withdrawn: Sequence[bool] | None = None,
    voter_ids: Sequence[str] = (),
    event_id: str = "",
    source: str = "",
) -> Election:
    """An :class:`Election` from project ids, costs and ballots (each a list of project ids).

    ``points`` (cumulative, scoring) are aligned with each ballot; ordinal
    ballots list the projects first rank first and get ``max_length`` points for
    the first rank (the longest ballot when ``max_length`` is None). ``selected``
    is the published outcome per project (0, 1, 2 or None); a project is
    withdrawn when ``withdrawn`` says so or its cost is 999999999.

    >>> e = election_from_ballots(["a", "b"], [1, 2], [["b", "a"], ["a"]], budget=2,
    ...                           vote_type="ordinal", max_length=3)
    >>> from commons_analysis.analysis.budget_rules import support
    >>> support(e).tolist()
    [5.0, 3.0]
    """
    if vote_type not in VOTE_TYPES:
        raise ValueError(f"unknown vote type {vote_type!r}: expected one of {', '.join(VOTE_TYPES)}")
    ids = tuple(str(p) for p in project_ids)
    position = {p: i for i, p in enumerate(ids)}
    if len(position) != len(ids):
        raise ValueError("duplicated project ids")
    longest = max((len(b) for b in ballots), default=0)
    top = max_length if max_length else longest
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for v, ballot in enumerate(ballots):
        given = points[v] if points is not None else None
        for rank, project in enumerate(ballot):
            if project not in position:
                raise ValueError(f"ballot {v + 1} names project {project!r}, not a project of the vote")
            if vote_type == "ordinal":
                value = float(top - rank)
            elif vote_type in ("cumulative", "scoring") and given is not None and len(given) > rank:
                value = float(given[rank])
            else:
                value = 1.0
            if value > 0:
                rows.append(v)
                cols.append(position[project])
                values.append(value)
    votes = sparse.csr_matrix((values, (rows, cols)), shape=(len(ballots), len(ids)), dtype=np.float64)
    votes.sum_duplicates()
    cost = np.asarray(costs, dtype=np.float64)
    gone = cost >= WITHDRAWN_COST
    if withdrawn is not None:
        gone |= np.asarray(withdrawn, dtype=bool)
    counted = project_support(votes, vote_type)
    eligible = ~gone
    if threshold is not None and threshold > 0:
        eligible &= counted >= threshold
    published: tuple[str, ...] | None = None
    awarded: tuple[str, ...] = ()
    if selected is not None and any(s is not None and not pd.isna(s) for s in selected):
        marks = [None if s is None or pd.isna(s) else int(s) for s in selected]
        published = tuple(p for p, s in zip(ids, marks, strict=True) if s == 1)
        awarded = tuple(p for p, s in zip(ids, marks, strict=True) if s == 2)
    return Election(
        event_id=event_id,
        source=source,
        rule=rule,
        vote_type=vote_type,
        budget=float(budget),
        project_ids=ids,
        costs=cost,
        eligible=eligible,
        withdrawn=gone,
        votes=votes,
        voter_ids=tuple(voter_ids),
        published=published,
        awarded=awarded,
        threshold=threshold,
    )


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, (tuple, list)) and pd.isna(value)) else str(value)


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def elections(case: Case) -> dict[str, Election]:
    """One :class:`Election` per row of ``case.budgets``, by event id.

    Voters are the participation records of the event with a ballot; their
    ``ballot`` lists project ids of the event (first rank first for ordinal
    votes) and ``points`` the points given to each.
    """
    result: dict[str, Election] = {}
    if case.budgets.empty:
        return result
    projects_by_event = dict(tuple(case.projects.groupby("event_id", sort=False)))
    records = case.participation
    if "ballot" in records.columns:
        records = records[records["ballot"].map(len) > 0]
    ballots_by_event = dict(tuple(records.groupby("event_id", sort=False)))
    for row in case.budgets.itertuples(index=False):
        event = str(row.event_id)
        projects = projects_by_event.get(event, case.projects.iloc[0:0])
        votes = ballots_by_event.get(event, records.iloc[0:0])
        points = [tuple(float(x) for x in p) for p in votes["points"]] if "points" in votes else None
        max_length = _number(row.max_length)
        threshold = _number(row.min_project_score_threshold)
        result[event] = election_from_ballots(
            [str(p) for p in projects["project_id"]],
            [float(c) for c in projects["cost"]],
            [tuple(b) for b in votes["ballot"]],
            budget=float(row.budget),
            vote_type=_text(row.vote_type) or "approval",
            rule=_text(row.rule),
            points=points,
            max_length=int(max_length) if max_length else None,
            selected=[None if pd.isna(s) else int(s) for s in projects["selected"]],
            threshold=threshold,
            withdrawn=[bool(w) if not pd.isna(w) else False for w in projects["withdrawn"]],
            voter_ids=[str(a) for a in votes["actor_id"]],
            event_id=event,
            source=_text(row.source),
        )
    return result


__all__ = [
    "VOTE_TYPES",
    "WITHDRAWN_COST",
    "Election",
    "Outcome",
    "election_from_ballots",
    "elections",
]
