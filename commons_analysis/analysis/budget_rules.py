"""The rules that count a participatory budget vote: support, greedy, Equal Shares, the declared rule.

The rules are Pabulib's (https://pabulib.org/format): ``greedy``,
``greedy-no-skip``, ``equalshares``, ``equalshares/add1``,
``equalshares/add1-comparison`` (docs/design.md §Participatory budgets).
Each counts an :class:`~commons_analysis.analysis.budget_elections.Election`
into an :class:`~commons_analysis.analysis.budget_elections.Outcome`; Equal
Shares itself is :mod:`commons_analysis.analysis.equal_shares`.

Example
-------
>>> from commons_analysis.analysis.budget_elections import election_from_ballots
>>> election = election_from_ballots(
...     ["a", "b", "c"], [50, 40, 30], [["a"], ["a", "b"], ["b", "c"], ["a"]], budget=80)
>>> greedy(election).selected, declared_outcome(election).notes  # greedy is the default rule
(('a', 'c'), ())
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from commons_analysis.analysis import equal_shares as mes
from commons_analysis.analysis.budget_elections import (  # noqa: F401 (election_from_ballots: the examples)
    Election,
    Outcome,
    election_from_ballots,
    project_support,
)

#: Rules counted as declared; any other is counted with greedy, and the outcome says so.
RULES = ("greedy", "greedy-no-skip", "equalshares", "equalshares/add1", "equalshares/add1-comparison")


def support(election: Election) -> np.ndarray:
    """Support of each project (docs/design.md §Participatory budgets): approvals, points or rank points.

    >>> e = election_from_ballots(["a", "b"], [1, 1], [["a", "b"], ["b"]], budget=1,
    ...                           vote_type="cumulative", points=[[2, 1], [3]])
    >>> support(e).tolist()
    [2.0, 4.0]
    """
    return project_support(election.votes, election.vote_type)


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


__all__ = [
    "RULES",
    "declared_outcome",
    "equal_shares",
    "greedy",
    "mes_problem",
    "support",
    "voters_preferring",
]
