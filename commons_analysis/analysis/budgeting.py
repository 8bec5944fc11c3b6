"""Participatory budgets counted by their declared rule: support, greedy, Equal Shares, departures.

Definitions are those of docs/design.md §Participatory budgets (exact
definitions)"; the rules are Pabulib's (https://pabulib.org/format): ``greedy``,
``greedy-no-skip``, ``equalshares``, ``equalshares/add1``,
``equalshares/add1-comparison``. One
:class:`~commons_analysis.analysis.budget_elections.Election` per row of the
case's ``budgets`` table (:mod:`~commons_analysis.analysis.budget_elections`);
a rule (:mod:`~commons_analysis.analysis.budget_rules`) gives an
:class:`~commons_analysis.analysis.budget_elections.Outcome`.

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
>>> from commons_analysis.analysis.budget_elections import election_from_ballots
>>> from commons_analysis.analysis.budget_rules import support
>>> election = election_from_ballots(
...     ["a", "b", "c"], [50, 40, 30], [["a"], ["a", "b"], ["b", "c"], ["a"]], budget=80)
>>> support(election).tolist()
[3.0, 2.0, 1.0]
>>> greedy(election).selected, greedy(election, skip=False).selected
(('a', 'c'), ('a',))
"""

from __future__ import annotations

from typing import Any

from commons_analysis.analysis.budget_elections import Election, Outcome, elections
from commons_analysis.analysis.budget_rules import (
    declared_outcome,
    equal_shares,
    greedy,
)
from commons_analysis.model.case import Case


def departures(election: Election, outcome: Outcome) -> dict[str, list[str]] | None:
    """Published but not selected by the rule, and selected but not published (None: nothing published).

    >>> from commons_analysis.analysis.budget_elections import election_from_ballots
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
    "budgeting_indicators",
    "departures",
    "instance",
    "instances",
]
