"""The Method of Equal Shares with cost utilities, fast: numpy over supporters, exact where it matters.

Definition (docs/design.md §Participatory budgets; Peters, Pierczyński, Skowron,
"Proportional Participatory Budgeting with Additive Utilities", NeurIPS 2021;
https://equalshares.net): every voter holds a share ``s`` of the budget
(``B / n`` at first). Repeatedly fund the project ``p`` whose supporters can pay
its cost ``c(p)`` at the smallest price ``ρ`` per unit of cost: each supporter
pays ``min(ρ · c(p), what it holds)`` and the payments sum to ``c(p)``; stop when
no project can be paid. With cost utilities a voter's utility for a supported
project is its cost, whatever the points given (pabutools' ``Cost_Sat``), so
only who supports what matters. A project whose supporters are all able to pay
``c(p) / r`` (``r`` supporters with money left) has ``ρ = 1 / r`` exactly.

Ties (equal ``ρ``, exactly) go to the smaller project id in string order, as
pabutools' default ``lexico_tie_breaking`` does; they are reported.

Add1 completion (:func:`add1`): run again with ``s + 1``, ``s + 2``, … units of
currency while the outcome stays within ``B``, and keep the last that fits
(docs/design.md §Participatory budgets, Pabulib, equalshares.net; this reproduces the published Wieliczka
2023 and Assen 2024 outcomes). pabutools' ``voter_budget_increment=1`` also stops
at the first outcome that leaves room for no other candidate (exhaustive): on
Wieliczka 2023 that stops at share +150 with 31 projects, not the 30 published
(share +154); ``stop_when_exhaustive=True`` gives pabutools' outcome. Each step is
a whole new run: the outcome is not monotone in ``s``, so no step is skipped. (Skipping
the shares where a run provably takes the same path — each comparison it makes is
linear in ``s`` while the path holds — was measured and left out: on Warsaw 2023,
Wieliczka 2023 and Toulouse 2022 and 2024 some comparison changes sign within one unit
at nearly every share, and the proof costs more than the run it would save.)

Speed: voters with the same ballot hold the same money at every moment, so they
are merged into classes with a weight; a round evaluates only the projects whose
price from an earlier round (a lower bound: money only decreases) can still be
the smallest. Exactness: prices are computed in floating point, and every
comparison that floating point cannot settle (two prices within 1e-9 of each
other, money within 1e-9 of a cost) is settled by running that step again in
exact rational arithmetic (:func:`exact_run`), so outcomes equal pabutools'
rational ones. A price ``1 / m`` is known exactly without that.

Example
-------
>>> problem = MesProblem.build(["a", "b", "c"], [6.0, 4.0, 3.0], [[0, 1], [0, 1], [2]], budget=9)
>>> run(problem, 0).selected
('a', 'c')
>>> add1(problem).selected
('a', 'c')
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

#: Relative gap under which floating point cannot decide a comparison: the exact path decides.
CLOSE = 1e-9


@dataclass(frozen=True, eq=False)
class MesProblem:
    """What Equal Shares needs of an election: candidates, their supporters as weighted ballot classes.

    ``candidates`` are eligible projects with a supporter and a positive cost;
    ``free`` are supported eligible projects of cost 0 (funded first, as pabutools
    does). ``supporters[j]`` holds the class indices supporting candidate ``j``,
    ``weights[k]`` the number of voters of class ``k``; ``voters`` counts every
    voter, also those who support no candidate (their share is lost to the rule).
    """

    names: tuple[str, ...]
    costs: np.ndarray
    exact_costs: tuple[Fraction, ...]
    supporters: tuple[np.ndarray, ...]
    weights: np.ndarray
    counts: np.ndarray
    voters: int
    budget: Fraction
    supporter_weights: tuple[np.ndarray, ...] = ()
    free: tuple[str, ...] = ()
    name_rank: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @classmethod
    def build(
        cls,
        names: Sequence[str],
        costs: Sequence[float],
        ballots: Sequence[Sequence[int]],
        budget: float | Fraction,
        free: Sequence[str] = (),
    ) -> MesProblem:
        """A problem from candidate names and costs and each voter's ballot (candidate positions).

        >>> MesProblem.build(["a", "b"], [1.0, 2.0], [[0], [0], [1], []], budget=3).weights.tolist()
        [2, 1]
        """
        classes: dict[tuple[int, ...], int] = {}
        for ballot in ballots:
            key = tuple(sorted(set(ballot)))
            if key:
                classes[key] = classes.get(key, 0) + 1
        members: list[list[int]] = [[] for _ in names]
        for index, key in enumerate(classes):
            for j in key:
                members[j].append(index)
        weights = np.fromiter(classes.values(), dtype=np.int64, count=len(classes))
        supporters = tuple(np.asarray(m, dtype=np.int64) for m in members)
        return cls(
            names=tuple(names),
            costs=np.asarray(costs, dtype=np.float64),
            exact_costs=tuple(exact(c) for c in costs),
            supporters=supporters,
            supporter_weights=tuple(weights[s].astype(np.float64) for s in supporters),
            weights=weights,
            counts=np.array([int(weights[s].sum()) for s in supporters], dtype=np.int64),
            voters=len(ballots),
            budget=exact(budget),
            free=tuple(free),
            name_rank=np.argsort(np.argsort(np.asarray(names, dtype=object), kind="stable"), kind="stable"),
        )

    def share(self, extra: int) -> Fraction:
        """Each voter's money at the start: ``B / n`` plus ``extra`` units (Add1)."""
        return self.budget / self.voters + extra


@dataclass(frozen=True)
class MesRun:
    """One run of Equal Shares: the projects funded in order, the exact ties broken, the share used."""

    selected: tuple[str, ...]
    ties: tuple[tuple[str, ...], ...]
    share: Fraction
    exact: bool = False


def exact(value: float | int | Fraction) -> Fraction:
    """A money amount as an exact fraction (a float is read as the decimal it prints as).

    >>> exact(0.1), exact(3)
    (Fraction(1, 10), Fraction(3, 1))
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    return Fraction(repr(float(value)))


class _UndecidedError(Exception):
    """Floating point cannot settle a comparison: the step is run in exact arithmetic."""


def run(problem: MesProblem, extra: int = 0) -> MesRun:
    """Equal Shares with each voter's share ``B / n + extra``; exact where floating point hesitates.

    >>> problem = MesProblem.build(["x", "y"], [2.0, 2.0], [[0], [1], [0, 1]], budget=3)
    >>> run(problem).selected, run(problem).ties
    (('x',), (('x', 'y'),))
    """
    try:
        return _float_run(problem, extra)
    except _UndecidedError:
        return exact_run(problem, extra)


def _float_run(problem: MesProblem, extra: int) -> MesRun:
    share = problem.share(extra)
    money = np.full(len(problem.weights), float(share))
    costs, counts, ranks = problem.costs.tolist(), problem.counts.tolist(), problem.name_rank.tolist()
    # Lazy evaluation: a heap of (lower bound of the price, name rank, project); money only
    # decreases, so a price from an earlier round is a lower bound of today's.
    heap = [(1.0 / counts[j], ranks[j], j) for j in range(len(costs)) if counts[j] > 0]
    heapq.heapify(heap)
    chosen: list[int] = []
    ties: list[tuple[int, ...]] = []
    fuzzy = False
    while heap:
        best = math.inf
        seen: list[tuple[float, int, int]] = []
        while heap and heap[0][0] <= best * (1 + CLOSE):
            _, _, j = heapq.heappop(heap)
            held = money[problem.supporters[j]]
            w = problem.supporter_weights[j]
            available = float(w @ held)
            if available < costs[j] * (1 - CLOSE):
                continue  # out of the race for good: money never comes back
            if available < costs[j] * (1 + CLOSE):
                raise _UndecidedError
            price, rich = _price(held, w, costs[j], counts[j])
            seen.append((price, j, rich))
            best = min(best, price)
        if not seen:
            break
        close = [(p, j, rich) for p, j, rich in seen if p <= best * (1 + CLOSE)]
        if len(close) > 1 and (fuzzy or not all(rich for _, _, rich in close)):
            raise _UndecidedError
        most = max(rich for _, _, rich in close)
        tied = sorted((j for _, j, rich in close if rich == most), key=lambda j: ranks[j])
        pick = tied[0]
        if len(tied) > 1:
            ties.append(tuple(tied))
        for price, j, _ in seen:
            if j != pick:
                heapq.heappush(heap, (price, ranks[j], j))
        pay = next(p for p, j, _ in close if j == pick) * costs[pick]
        members = problem.supporters[pick]
        held = money[members]
        # A voter holding (about) the price may keep a crumb or nothing: exact ties are then unsure.
        fuzzy = fuzzy or bool((np.abs(held - pay) <= CLOSE * pay).any())
        money[members] = np.maximum(held - pay, 0.0)
        chosen.append(pick)
    return _result(problem, chosen, ties, share, exact=False)


def _price(held: np.ndarray, weights: np.ndarray, cost: float, count: int) -> tuple[float, int]:
    """Smallest ρ with Σ w·min(held, ρ·cost) = cost, and ``r`` when ρ = 1/r exactly (else 0).

    Poor and rich (as pabutools' ``affordability_poor_rich``): supporters holding
    less than the equal payment pay all they hold, the others share the rest
    equally; the poor set only grows, so a few passes usually settle it without
    sorting (else the supporters are sorted by money once).
    ρ = 1/r exactly when the poor hold nothing (exactly 0) and the ``r`` others
    can each pay ``cost / r`` with room to spare.
    """
    each = cost / count
    least = held.min()
    if least >= each:  # nobody poor (one reduction instead of a mask: this is the common case)
        return (1.0 / count, count) if least >= each * (1 + CLOSE) else (1.0 / count, 0)
    poor = held < each
    for _ in range(_PASSES):
        weight_poor = float(weights @ poor)
        paid = float(weights @ np.where(poor, held, 0.0))
        each = (cost - paid) / (count - weight_poor)
        poorer = held < each
        if not (poorer != poor).any():  # np.array_equal's checks cost more than the comparison here
            break
        poor = poorer
    else:  # money spread thin: sort once instead of many passes
        return _sorted_price(held, weights, cost, count)
    rich = count - round(weight_poor)
    if paid == 0.0 and held[~poor].min() >= each * (1 + CLOSE):
        return 1.0 / rich, rich
    return each / cost, 0


#: Passes of the poor/rich split before sorting the supporters by money instead.
_PASSES = 4


def _sorted_price(held: np.ndarray, weights: np.ndarray, cost: float, count: int) -> tuple[float, int]:
    """The price by sorting: the first supporter (by money) able to pay the equal share of the rest."""
    order = np.argsort(held, kind="stable")
    ranked, w = held[order], weights[order]
    paid_before = np.concatenate(([0.0], np.cumsum(w * ranked)[:-1]))
    left = count - np.concatenate(([0.0], np.cumsum(w)[:-1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = (cost - paid_before) / left
    k = int(np.argmax(ranked >= shares))
    if paid_before[k] == 0.0 and ranked[k] >= shares[k] * (1 + CLOSE):
        return 1.0 / float(left[k]), round(float(left[k]))
    return float(shares[k]) / cost, 0


def exact_run(problem: MesProblem, extra: int = 0) -> MesRun:
    """Equal Shares in exact rational arithmetic (the reference the fast path falls back on).

    >>> exact_run(MesProblem.build(["x", "y"], [2.0, 2.0], [[0], [1], [0, 1]], budget=3)).selected
    ('x',)
    """
    share = problem.share(extra)
    money = [share] * len(problem.weights)
    weights = [int(w) for w in problem.weights]
    alive = [int(c) > 0 for c in problem.counts]
    chosen: list[int] = []
    ties: list[tuple[int, ...]] = []
    while True:
        prices: dict[int, Fraction] = {}
        for j, members in enumerate(problem.supporters):
            if not alive[j]:
                continue
            cost = problem.exact_costs[j]
            if sum(weights[i] * money[i] for i in members) < cost:
                alive[j] = False
                continue
            prices[j] = _exact_price([money[i] for i in members], [weights[i] for i in members], cost)
        if not prices:
            break
        best = min(prices.values())
        tied = sorted((j for j, p in prices.items() if p == best), key=lambda j: problem.names[j])
        pick = tied[0]
        if len(tied) > 1:
            ties.append(tuple(tied))
        pay = best * problem.exact_costs[pick]
        for i in problem.supporters[pick]:
            money[i] -= min(money[i], pay)
        alive[pick] = False
        chosen.append(pick)
    return _result(problem, chosen, ties, share, exact=True)


def _exact_price(held: list[Fraction], weights: list[int], cost: Fraction) -> Fraction:
    pairs = sorted(zip(held, weights, strict=True))
    paid = Fraction(0)
    left = sum(weights)
    for money, weight in pairs:
        each = (cost - paid) / left
        if money >= each:
            return each / cost
        paid += weight * money
        left -= weight
    raise AssertionError("price asked of a project its supporters cannot pay")


def _result(
    problem: MesProblem, chosen: list[int], ties: list[tuple[int, ...]], share: Fraction, *, exact: bool
) -> MesRun:
    names = problem.names
    return MesRun(
        selected=problem.free + tuple(names[j] for j in chosen),
        ties=tuple(tuple(names[j] for j in group) for group in ties),
        share=share,
        exact=exact,
    )


def spent(problem: MesProblem, selected: Sequence[str]) -> Fraction:
    """Total exact cost of ``selected`` (free projects cost 0)."""
    cost = dict(zip(problem.names, problem.exact_costs, strict=True))
    return sum((cost.get(name, Fraction(0)) for name in selected), Fraction(0))


def exhaustive(problem: MesProblem, selected: Sequence[str]) -> bool:
    """True when no candidate left out would still fit in the budget beside ``selected``."""
    total = spent(problem, selected)
    taken = set(selected)
    return all(
        name in taken or total + cost > problem.budget
        for name, cost in zip(problem.names, problem.exact_costs, strict=True)
    )


def add1(problem: MesProblem, *, stop_when_exhaustive: bool = False) -> MesRun:
    """Equal Shares with Add1 completion: shares ``B/n``, ``B/n + 1``, … while the outcome fits in ``B``.

    The last outcome within the budget is kept (docs/design.md §Participatory budgets; Pabulib's
    ``equalshares/add1``, what reproduces the published Wieliczka 2023 outcome).
    ``stop_when_exhaustive=True`` also stops at the first outcome that leaves no
    room for another candidate, as pabutools'
    ``method_of_equal_shares(..., voter_budget_increment=1)`` does. When every
    candidate fits in the budget together, the outcome at a share that pays for
    all of them is kept (more money changes nothing then).

    >>> problem = MesProblem.build(["a", "b", "c"], [3.0, 3.0, 4.0], [[0], [0], [1], [2]], budget=7)
    >>> run(problem).selected, add1(problem).selected
    (('a',), ('a', 'b'))
    """
    previous = MesRun(selected=problem.free, ties=(), share=problem.share(0))
    everything = spent(problem, problem.names)
    if everything <= problem.budget and not stop_when_exhaustive:
        # Every outcome fits: the last one is the outcome at a share able to pay for everything.
        return run(problem, max(0, math.ceil(everything - problem.share(0))))
    costs = dict(zip(problem.names, problem.exact_costs, strict=True))  # once, not once per step
    extra = 0
    while True:
        outcome = run(problem, extra)
        if sum((costs.get(name, Fraction(0)) for name in outcome.selected), Fraction(0)) > problem.budget:
            return previous
        if stop_when_exhaustive and exhaustive(problem, outcome.selected):
            return outcome
        previous = outcome
        extra += 1
