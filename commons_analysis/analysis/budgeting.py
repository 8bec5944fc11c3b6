"""Participatory budgets counted by their declared rule: support, greedy, Equal Shares, departures.

Definitions are those of docs/design.md §Participatory budgets (exact
definitions)"; the rules are Pabulib's (https://pabulib.org/format): ``greedy``,
``greedy-no-skip``, ``equalshares``, ``equalshares/add1``,
``equalshares/add1-comparison``. One :class:`Election` per row of the case's
``budgets`` table (:func:`elections`); a rule gives an :class:`Outcome`.

- support(p): voters approving p (approval, scoring), the sum of points
  (cumulative), rank points (ordinal: ``max_length`` for the first rank, one
  less for each next, as Pabulib's ``score`` column). Projects under
  ``min_project_score_threshold`` and withdrawn ones (cost 999999999) are not
  eligible: no rule funds them.
- greedy: eligible projects by support, descending (ties: lower cost first, then
  the smaller project id in string order, as pabutools); fund each that fits
  what is left, skip the others (``greedy-no-skip``: stop at the first that does
  not fit). A tie is reported when the order inside it decides the outcome.
- Equal Shares with cost utilities, Add1 completion and the comparison step:
  :mod:`commons_analysis.analysis.equal_shares`.
- published: projects with ``selected`` = 1; awarded: ``selected`` = 2 (funded
  outside the budget, a turnout award, not a departure); departures: published
  but not selected by the rule, and selected but not published.

Example
-------
>>> election = election_from_ballots(
...     ["a", "b", "c"], [50, 40, 30], [["a"], ["a", "b"], ["b", "c"], ["a"]], budget=80)
>>> support(election).tolist()
[3.0, 2.0, 1.0]
>>> greedy(election).selected, greedy(election, skip=False).selected
(('a', 'c'), ('a',))
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
#: Rules counted as declared; any other is counted with greedy, and the outcome says so.
RULES = ("greedy", "greedy-no-skip", "equalshares", "equalshares/add1", "equalshares/add1-comparison")
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
    counted = _support(votes, vote_type)
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


def _support(votes: sparse.csr_matrix, vote_type: str) -> np.ndarray:
    if vote_type in ("approval", "scoring"):
        return np.asarray((votes > 0).sum(axis=0), dtype=np.float64).ravel()
    return np.asarray(votes.sum(axis=0), dtype=np.float64).ravel()


def support(election: Election) -> np.ndarray:
    """Support of each project (docs/design.md §Participatory budgets): approvals, points or rank points.

    >>> e = election_from_ballots(["a", "b"], [1, 1], [["a", "b"], ["b"]], budget=1,
    ...                           vote_type="cumulative", points=[[2, 1], [3]])
    >>> support(e).tolist()
    [2.0, 4.0]
    """
    return _support(election.votes, election.vote_type)


def _greedy_order(election: Election, counted: np.ndarray, first: int | None = None) -> list[int]:
    """Eligible projects by support descending, then cost ascending, then id; ``first`` leads its tie."""
    eligible = [i for i in range(len(election.project_ids)) if election.eligible[i]]
    return sorted(
        eligible,
        key=lambda i: (-counted[i], i != first, election.costs[i], election.project_ids[i]),
    )


def _greedy_pass(election: Election, order: Sequence[int], skip: bool) -> list[int]:
    left = mes.exact(election.budget)
    funded: list[int] = []
    for i in order:
        cost = mes.exact(float(election.costs[i]))
        if cost <= left:
            funded.append(i)
            left -= cost
        elif not skip:
            break
    return funded


def greedy(election: Election, skip: bool = True) -> Outcome:
    """Greedy by support (``skip=False``: greedy-no-skip), with the ties that decide the outcome.

    A tie (equal support) is reported when putting another of its projects first,
    instead of the cheaper one (then the smaller id), changes what is funded: its
    projects whose funding that changes (all of them if only later projects change).

    >>> e = election_from_ballots(["a", "b", "c"], [60, 60, 30], [["a"], ["b"], ["c"]], budget=100)
    >>> outcome = greedy(e)
    >>> outcome.selected, outcome.ties
    (('c', 'a'), (('a', 'b'),))
    """
    counted = support(election)
    order = _greedy_order(election, counted)
    funded = _greedy_pass(election, order, skip)
    ties: list[tuple[str, ...]] = []
    groups: dict[float, list[int]] = {}
    for i in order:
        groups.setdefault(float(counted[i]), []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        decided: set[int] = set()
        changed = False
        for i in members[1:]:
            other = set(_greedy_pass(election, _greedy_order(election, counted, first=i), skip))
            changed = changed or other != set(funded)
            decided |= (other ^ set(funded)) & set(members)
        if changed:
            ties.append(tuple(election.project_ids[j] for j in members if j in decided or not decided))
    ids = tuple(election.project_ids[i] for i in funded)
    return Outcome(
        rule="greedy" if skip else "greedy-no-skip",
        selected=ids,
        spent=election.cost_of(ids),
        ties=tuple(ties),
    )


def mes_problem(election: Election) -> mes.MesProblem:
    """The Equal Shares view of ``election`` (built once, then kept on the election)."""
    if election._problem:
        return election._problem[0]
    pattern = election.votes.tocsc()
    candidates = [
        i
        for i in range(len(election.project_ids))
        if election.eligible[i] and election.costs[i] > 0 and pattern.indptr[i + 1] > pattern.indptr[i]
    ]
    free = tuple(
        election.project_ids[i]
        for i in range(len(election.project_ids))
        if election.eligible[i] and election.costs[i] == 0 and pattern.indptr[i + 1] > pattern.indptr[i]
    )
    column = {i: j for j, i in enumerate(candidates)}
    rows = election.votes.tocsr()
    ballots = [
        [column[i] for i in rows.indices[rows.indptr[v] : rows.indptr[v + 1]] if i in column]
        for v in range(election.voters)
    ]
    problem = mes.MesProblem.build(
        [election.project_ids[i] for i in candidates],
        [float(election.costs[i]) for i in candidates],
        ballots,
        budget=election.budget,
        free=free,
    )
    election._problem.append(problem)
    return problem


def voters_preferring(election: Election, first: Sequence[str], second: Sequence[str]) -> tuple[int, int]:
    """Voters who strictly prefer ``first``, and who strictly prefer ``second``, by the cost of their
    funded supported projects (cost utilities).

    >>> e = election_from_ballots(["a", "b"], [5, 3], [["a"], ["b"], ["b"]], budget=5)
    >>> voters_preferring(e, ["a"], ["b"])
    (1, 2)
    """
    position = {p: i for i, p in enumerate(election.project_ids)}

    def utility(ids: Sequence[str]) -> np.ndarray:
        worth = np.zeros(len(election.project_ids))
        for p in ids:
            worth[position[p]] = election.costs[position[p]]
        pattern = (election.votes > 0).astype(np.float64)
        return np.asarray(pattern @ worth).ravel()

    a, b = utility(first), utility(second)
    return int((a > b).sum()), int((b > a).sum())


def equal_shares(
    election: Election,
    completion: str | None = "add1",
    comparison: bool = False,
    *,
    stop_when_exhaustive: bool = False,
) -> Outcome:
    """The Method of Equal Shares with cost utilities (:mod:`~commons_analysis.analysis.equal_shares`).

    ``completion="add1"`` raises each voter's share by one unit of currency while
    the outcome stays within the budget; ``comparison=True`` then keeps the
    greedy outcome instead if more voters strictly prefer it.
    ``stop_when_exhaustive=True`` stops Add1 at the first exhaustive outcome, as
    pabutools does (see :func:`~commons_analysis.analysis.equal_shares.add1`).

    >>> e = election_from_ballots(["a", "b", "c"], [60, 40, 50], [["a"], ["a"], ["a"], ["b"], ["c"]],
    ...                           budget=100)
    >>> equal_shares(e, completion=None).selected, equal_shares(e).selected
    (('a',), ('a', 'b'))
    """
    if completion not in (None, "add1"):
        raise ValueError(f"unknown completion {completion!r}: expected 'add1' or None")
    problem = mes_problem(election)
    if completion == "add1":
        result = mes.add1(problem, stop_when_exhaustive=stop_when_exhaustive)
    else:
        result = mes.run(problem)
    rule = "equalshares" + ("/add1" if completion else "") + ("-comparison" if comparison else "")
    outcome = Outcome(
        rule=rule,
        selected=result.selected,
        spent=election.cost_of(result.selected),
        ties=_deciding(result.ties, result.selected),
        share=float(result.share),
    )
    if comparison:
        other = greedy(election)
        prefer_greedy, prefer_mes = voters_preferring(election, other.selected, outcome.selected)
        if prefer_greedy > prefer_mes:
            return Outcome(
                rule=rule,
                selected=other.selected,
                spent=other.spent,
                ties=other.ties,
                share=outcome.share,
                notes=("analysis.budgeting.comparison_kept_greedy",),
            )
    return outcome


def _deciding(ties: Sequence[tuple[str, ...]], selected: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Ties broken in a run where a project passed over stays unfunded (the tie decided)."""
    funded = set(selected)
    return tuple(group for group in ties if any(p not in funded for p in group[1:]))


def declared_outcome(election: Election) -> Outcome:
    """The outcome by the election's declared rule; greedy (noted) when the rule is unknown.

    >>> e = election_from_ballots(["a"], [1], [["a"]], budget=1, rule="lottery")
    >>> declared_outcome(e).notes
    ('analysis.budgeting.rule_unknown',)
    """
    rule = (election.rule or "").strip().lower()
    if rule == "greedy":
        return greedy(election)
    if rule == "greedy-no-skip":
        return greedy(election, skip=False)
    if rule in ("equalshares", "equalshares-comparison"):
        return equal_shares(election, completion=None, comparison=rule.endswith("-comparison"))
    if rule in ("equalshares/add1", "equalshares/add1-comparison"):
        return equal_shares(election, completion="add1", comparison=rule.endswith("-comparison"))
    fallback = greedy(election)
    return Outcome(
        rule=fallback.rule,
        selected=fallback.selected,
        spent=fallback.spent,
        ties=fallback.ties,
        notes=("analysis.budgeting.rule_unknown",),
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


def departures(election: Election, outcome: Outcome) -> dict[str, list[str]] | None:
    """Published but not selected by the rule, and selected but not published (None: nothing published).

    >>> e = election_from_ballots(["a", "b"], [1, 1], [["a"]], budget=1, selected=[0, 1])
    >>> departures(e, greedy(e))
    {'published_not_selected': ['b'], 'selected_not_published': ['a']}
    """
    if election.published is None:
        return None
    chosen = set(outcome.selected)
    published = set(election.published)
    return {
        "published_not_selected": [p for p in election.project_ids if p in published - chosen],
        "selected_not_published": [p for p in outcome.selected if p not in published],
    }


def instance(election: Election) -> dict[str, Any]:
    """The ``budgeting.instances`` entry of one election (see :func:`instances`)."""
    declared = declared_outcome(election)
    proportional = equal_shares(election)
    by_votes = greedy(election)
    return {
        "event_id": election.event_id,
        "source": election.source,
        "rule": election.rule,
        "vote_type": election.vote_type,
        "budget": election.budget,
        "voters": election.voters,
        "projects": len(election.project_ids),
        "eligible": int(election.eligible.sum()),
        "selected": list(declared.selected),
        "spent": declared.spent,
        "ties": [list(group) for group in declared.ties],
        "notes": list(declared.notes),
        "published": None if election.published is None else list(election.published),
        "awarded": list(election.awarded),
        "departures": departures(election, declared),
        "equal_shares": list(proportional.selected),
        "equal_shares_spent": proportional.spent,
        "equal_shares_ties": [list(group) for group in proportional.ties],
        "greedy": list(by_votes.selected),
        "greedy_spent": by_votes.spent,
        "greedy_ties": [list(group) for group in by_votes.ties],
    }


def instances(case: Case) -> list[dict[str, Any]]:
    """``budgeting.instances`` of the indicators: one entry per budget vote of ``case``.

    Each entry: ``source`` (the file), ``rule``, ``selected`` (by the declared
    rule, in the order chosen), ``published`` (``selected`` = 1, or None),
    ``awarded`` (``selected`` = 2), ``departures``, ``equal_shares`` (Equal
    Shares with Add1, whatever the declared rule), ``greedy``, the ties at the
    margin of each, and what each spends.
    """
    return [instance(election) for election in elections(case).values()]


def budgeting_indicators(case: Case) -> dict[str, Any]:
    """The ``budgeting`` key of the indicators: ``{"instances": [...]}``; empty for a case without budgets."""
    if case.budgets.empty:
        return {}
    return {"instances": instances(case)}


__all__ = [
    "Election",
    "Outcome",
    "budgeting_indicators",
    "declared_outcome",
    "departures",
    "election_from_ballots",
    "elections",
    "equal_shares",
    "greedy",
    "instances",
    "support",
    "voters_preferring",
]
