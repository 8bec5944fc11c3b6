"""The budget votes of a case as arrays: votes, projects, ballots, and a selection W of funded projects.

Everything the perspectives on a participatory budget read (``budget_*``
modules) starts here. docs/design.md §Participatory budgets: a ``.pb`` file is
one vote (one row of ``budgets``), its projects are rows of ``projects``, each
ballot a row of ``participation`` whose ``ballot`` lists the project ids
chosen: A(v), the projects voter v supports.

Two kinds of votes matter when a city splits its vote into districts
(Toulouse 2022: one city file and twenty district files, each holding the
ballots of the city file restricted to its district's projects):

* a *whole vote* is one that is not a part of another budget vote
  (``part_of`` empty, or naming an event without a ``budgets`` row): its
  ballots are every ballot, once, with all they support
  (:func:`whole_votes`);
* a *counted vote* is one that has no parts: the money is allocated there
  (:func:`counted_votes`). A whole vote with parts is counted by its parts.

A *selection* W maps each counted vote (event id) to the project ids it
funds. The report reads three: the funded set as the case records it
(:func:`adopted_selection`: ``decisions.adopted``, the published selection
or the declared rule's), and what greedy and Equal Shares select.

Example
-------
>>> case = example_case()
>>> whole_votes(case), counted_votes(case)
(['city'], ['d1', 'd2'])
>>> sorted(funded_in_whole_votes(case, {"d1": {"p1"}, "d2": {"p3"}})["city"])
['p1', 'p3']
>>> ballot_matrix(case, "city").approvals.toarray().tolist()
[[1, 1, 0], [0, 0, 1], [1, 0, 1]]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_array, csr_array

from commons_analysis.model.case import Case

#: event id of a counted vote → the project ids it funds (docs/design.md §Participatory budgets: W).
Selection = Mapping[str, Collection[str]]

#: Age bands of voters (docs/design.md §Participatory budgets): lower bounds, and their labels.
AGE_BOUNDS = (0, 18, 25, 35, 45, 55, 65, 75)
AGE_BANDS = ("<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")


def age_band(ages: pd.Series) -> pd.Series:
    """The age band of each age (docs/design.md §Participatory budgets), missing where the age is.

    >>> age_band(pd.Series([17, 18, 74, 75, None], dtype="Int64")).tolist()
    ['<18', '18-24', '65-74', '75+', nan]
    """
    values = pd.to_numeric(ages, errors="coerce").astype(float)
    bands = pd.cut(values, bins=[*AGE_BOUNDS, np.inf], right=False, labels=list(AGE_BANDS))
    return pd.Series(bands, index=ages.index)


def budget_votes(case: Case) -> pd.DataFrame:
    """One row per budget vote: the ``budgets`` row with ``whole``, ``counted`` and ``edition``.

    ``edition`` is ``instance``, else the year of the vote's event; ``currency``
    defaults to empty text. Sorted by edition, then event id.
    """
    votes = case.budgets.drop_duplicates("event_id").copy()
    ids = set(votes["event_id"].astype(str))
    parent = votes["part_of"].astype("string")
    votes["whole"] = ~parent.isin(ids).fillna(False).to_numpy(dtype=bool)
    votes["counted"] = ~votes["event_id"].astype(str).isin(set(parent.dropna().astype(str)))
    years = votes["event_id"].map(case.events.drop_duplicates("event_id").set_index("event_id")["date"])
    year_text = pd.to_datetime(years).dt.year.astype("Int64").astype("string")
    votes["edition"] = votes["instance"].astype("string").fillna(year_text).fillna("")
    votes["currency"] = votes["currency"].astype("string").fillna("")
    return votes.sort_values(["edition", "event_id"], kind="stable").reset_index(drop=True)


def whole_votes(case: Case) -> list[str]:
    """Event ids of the votes that are not part of another budget vote (every ballot once)."""
    votes = budget_votes(case)
    return votes.loc[votes["whole"], "event_id"].astype(str).tolist()


def counted_votes(case: Case) -> list[str]:
    """Event ids of the votes without parts: where the money is allocated."""
    votes = budget_votes(case)
    return votes.loc[votes["counted"], "event_id"].astype(str).tolist()


def whole_vote_of(case: Case) -> dict[str, str]:
    """Each budget vote's whole vote: itself, or the vote it is a part of (one level, as Pabulib's files)."""
    votes = budget_votes(case)
    result = {}
    for event, whole, parent in zip(votes["event_id"], votes["whole"], votes["part_of"], strict=True):
        result[str(event)] = str(event) if whole else str(parent)
    return result


def budget_projects(case: Case) -> pd.DataFrame:
    """The projects of the budget votes with their vote's edition, currency and district.

    ``district`` is the project's, else the vote's ``subunit`` (Warsaw's files
    are one district each and give no district per project); empty text when
    neither says. ``whole_event`` is the project's whole vote. Withdrawn
    projects are kept (``withdrawn`` says which).
    """
    votes = budget_votes(case).set_index("event_id")
    projects = case.projects.copy()
    event = projects["event_id"].astype(str)
    projects["edition"] = event.map(votes["edition"]).astype("string")
    projects["currency"] = event.map(votes["currency"]).astype("string").fillna("")
    subunit = event.map(votes["subunit"]).astype("string")
    projects["district"] = projects["district"].astype("string").fillna(subunit).fillna("")
    projects["whole_event"] = event.map(whole_vote_of(case)).astype("string")
    projects["project_id"] = projects["project_id"].astype(str)
    return projects


def adopted_selection(case: Case) -> dict[str, frozenset[str]]:
    """W as the case records it: per counted vote, the projects whose decision is ``adopted``.

    ``adopted`` is the published selection (``selected`` ≥ 1, turnout awards
    included), else what the declared rule selects (the importer's mapping).
    """
    adopted = case.decisions.set_index("decision_id")["adopted"]
    projects = case.projects
    funded = projects["decision_id"].map(adopted).fillna(False).to_numpy(dtype=bool)
    result = {}
    for event in counted_votes(case):
        mine = (projects["event_id"].astype(str) == event).to_numpy() & funded
        result[event] = frozenset(projects.loc[mine, "project_id"].astype(str))
    return result


#: The selections the report reads from ``budgeting.instances``: rule → key of the entry.
INSTANCE_RULES = {"declared": "selected", "greedy": "greedy", "equal_shares": "equal_shares"}


def rule_selections(
    case: Case, instances: Sequence[Mapping[str, Any]]
) -> dict[str, dict[str, frozenset[str]]]:
    """W of each rule of :data:`INSTANCE_RULES`, read from ``budgeting.instances`` (counted votes only).

    ``instances``: :func:`~commons_analysis.analysis.budgeting.instances` (or the
    indicators' ``budgeting.instances``): ``declared`` is what the declared rule
    selects, ``greedy`` greedy by support, ``equal_shares`` Equal Shares with Add1.

    >>> entries = [{"event_id": "d1", "selected": ["p1"], "greedy": ["p1"], "equal_shares": ["p2"]}]
    >>> rule_selections(example_case(), entries)["equal_shares"]
    {'d1': frozenset({'p2'})}
    """
    counted = set(counted_votes(case))
    return {
        rule: {
            str(entry["event_id"]): frozenset(str(p) for p in entry.get(key) or ())
            for entry in instances
            if str(entry.get("event_id")) in counted
        }
        for rule, key in INSTANCE_RULES.items()
    }


def funded_mask(projects: pd.DataFrame, selection: Selection) -> np.ndarray:
    """For each row of ``projects`` (event_id, project_id), whether W funds it.

    >>> frame = pd.DataFrame({"event_id": ["a", "a", "b"], "project_id": ["1", "2", "1"]})
    >>> funded_mask(frame, {"a": ["2"], "b": []}).tolist()
    [False, True, False]
    """
    pairs = {(str(event), str(project)) for event, chosen in selection.items() for project in chosen}
    return np.array(
        [
            (str(e), str(p)) in pairs
            for e, p in zip(projects["event_id"], projects["project_id"], strict=True)
        ],
        dtype=bool,
    )


def funded_in_whole_votes(case: Case, selection: Selection) -> dict[str, frozenset[str]]:
    """W read on the whole votes: each whole vote's project ids funded by it or by any of its parts."""
    whole_of = whole_vote_of(case)
    result: dict[str, set[str]] = {event: set() for event in whole_votes(case)}
    for event, chosen in selection.items():
        whole = whole_of.get(str(event))
        if whole in result:
            result[whole].update(str(project) for project in chosen)
    return {event: frozenset(chosen) for event, chosen in result.items()}


@dataclass(frozen=True)
class BallotMatrix:
    """The ballots of one vote: ``approvals[i, j]`` is 1 when voter i's ballot names project j.

    ``voters``: actor ids, in the order of ``participation``; ``projects``:
    the vote's project ids in the order of ``projects``; ``lengths``: the
    number of projects on each ballot (names of unknown projects included).
    """

    event_id: str
    voters: np.ndarray
    projects: pd.Index
    approvals: csr_array
    lengths: np.ndarray


def ballot_matrix(case: Case, event_id: str) -> BallotMatrix:
    """The voters × projects approval matrix of a vote, built without a loop over voters.

    A ballot that names a project twice counts it once; a name that is not a
    project of the vote is left out of the matrix (validation reports it).
    The matrices of a case are built once and kept for the few cases last
    read (:func:`ballot_matrices`): the perspectives read them many times.
    """
    return ballot_matrices(case)[event_id]


@lru_cache(maxsize=4)
def ballot_matrices(case: Case) -> dict[str, BallotMatrix]:
    """:func:`ballot_matrix` of every budget vote of ``case``, by event id (cached per case object)."""
    return {str(event): _build_ballot_matrix(case, str(event)) for event in case.budgets["event_id"]}


def _build_ballot_matrix(case: Case, event_id: str) -> BallotMatrix:
    rows = case.participation[case.participation["event_id"].astype(str) == event_id]
    projects = pd.Index(
        case.projects.loc[case.projects["event_id"].astype(str) == event_id, "project_id"].astype(str)
    )
    ballots = rows["ballot"].reset_index(drop=True)
    lengths = ballots.map(len).to_numpy(dtype=np.int64)
    chosen = ballots.explode().dropna()
    voter = chosen.index.to_numpy(dtype=np.int64)
    project = projects.get_indexer(chosen.astype(str).to_numpy())
    keep = project >= 0
    approvals = coo_array(
        (np.ones(int(keep.sum()), dtype=np.int64), (voter[keep], project[keep])),
        shape=(len(rows), len(projects)),
    ).tocsr()
    approvals.data[:] = 1
    return BallotMatrix(
        event_id=event_id,
        voters=rows["actor_id"].astype(str).to_numpy(dtype=object),
        projects=projects,
        approvals=approvals,
        lengths=lengths,
    )


def voters_with_a_funded_project(ballots: BallotMatrix, funded: Collection[str]) -> np.ndarray:
    """For each voter, whether A(v) ∩ W ≠ ∅ (at least one supported project is funded).

    >>> ballots = ballot_matrix(example_case(), "city")
    >>> voters_with_a_funded_project(ballots, {"p3"}).tolist()
    [False, True, True]
    """
    column = np.asarray(ballots.projects.isin([str(p) for p in funded]), dtype=np.int64)
    return np.asarray(ballots.approvals @ column) > 0


def example_case() -> Case:
    """A tiny city vote split into two district votes, for the examples and tests of the ``budget_*`` modules.

    Three voters; city projects p1, p2 (district D1) and p3 (D2); the
    district votes hold the same ballots restricted to their projects.
    """
    budgets = pd.DataFrame(
        {
            "event_id": ["city", "d1", "d2"],
            "source": ["city.pb", "d1.pb", "d2.pb"],
            "instance": ["2022"] * 3,
            "subunit": [None, "D1", "D2"],
            "part_of": [None, "city", "city"],
            "budget": [300.0, 200.0, 100.0],
            "currency": ["EUR"] * 3,
            "vote_type": ["approval"] * 3,
            "rule": ["greedy"] * 3,
            "max_length": [3, 3, 3],
        }
    )
    projects = pd.DataFrame(
        {
            "event_id": ["city", "city", "city", "d1", "d1", "d2"],
            "project_id": ["p1", "p2", "p3", "p1", "p2", "p3"],
            "decision_id": ["city-p1", "city-p2", "city-p3", "d1-p1", "d1-p2", "d2-p3"],
            "cost": [150.0, 100.0, 80.0, 150.0, 100.0, 80.0],
            "category": ["a|b", "b", "a", "a|b", "b", "a"],
            "district": ["D1", "D1", "D2", "D1", "D1", "D2"],
        }
    )
    ballots = {"city": ["p1|p2", "p3", "p1|p3"], "d1": ["p1|p2", "p1"], "d2": ["p3", "p3"]}
    voters = {"city": ["v1", "v2", "v3"], "d1": ["v1", "v3"], "d2": ["v2", "v3"]}
    participation = pd.DataFrame(
        {
            "event_id": [e for e in ballots for _ in ballots[e]],
            "actor_id": [f"{e}-{v}" for e in voters for v in voters[e]],
            "ballot": [b for e in ballots for b in ballots[e]],
        }
    )
    actors = pd.DataFrame(
        {
            "actor_id": participation["actor_id"],
            "name": participation["actor_id"],
            "sector": "citizen",
            "kind": "person",
        }
    )
    events = pd.DataFrame(
        {"event_id": ["city", "d1", "d2"], "date": ["2022-10-31"] * 3, "kind": ["ballot"] * 3}
    )
    decisions = pd.DataFrame(
        {
            "decision_id": projects["decision_id"],
            "event_id": projects["event_id"],
            "rule": "participatory_budget",
            "adopted": [True, False, True, True, False, True],
        }
    )
    return Case.from_frames(
        {"id": "budget-example"},
        actors=actors,
        events=events,
        participation=participation,
        decisions=decisions,
        budgets=budgets,
        projects=projects,
    )


def example_vote() -> Case:
    """One district vote of twelve voters with ages, sexes, methods and proposers, for tests and examples.

    Budget 100 zł, approval, at most 2 projects: a (60, sport, seniors and
    children; proposed by an association), b (50, culture, adults; by a
    person), c (40, sport, children); published selection {a, c}. Voters
    v1–v6 choose a and b (aged 30, F, internet), v7–v9 b (70, M, paper),
    v10–v12 c (70, F, internet).
    """
    voters = [f"w-v{i}" for i in range(1, 13)]
    ballots = ["a|b"] * 6 + ["b"] * 3 + ["c"] * 3
    return Case.from_frames(
        {"id": "small-vote"},
        actors=pd.DataFrame(
            {
                "actor_id": [*voters, "org1", "p1"],
                "name": [*voters, "Jardin partagé", "Jeanne Martin"],
                "sector": ["citizen"] * 12 + ["sse", "citizen"],
                "kind": ["person"] * 12 + ["organisation", "person"],
                "age": [30] * 6 + [70] * 6 + [None, None],
                "sex": ["F"] * 6 + ["M"] * 3 + ["F"] * 3 + [None, None],
            }
        ),
        events=pd.DataFrame({"event_id": ["w"], "date": ["2023-06-30"], "kind": ["ballot"]}),
        participation=pd.DataFrame(
            {
                "event_id": ["w"] * 12,
                "actor_id": voters,
                "ballot": ballots,
                "method": ["internet"] * 6 + ["paper"] * 3 + ["internet"] * 3,
            }
        ),
        decisions=pd.DataFrame(
            {
                "decision_id": ["w-a", "w-b", "w-c"],
                "event_id": ["w"] * 3,
                "rule": ["participatory_budget"] * 3,
                "initiated_by": ["org1", "p1", None],
                "adopted": [True, False, True],
                "topic": ["Agrès", "Bibliothèque", "Cour"],
            }
        ),
        budgets=pd.DataFrame(
            {
                "event_id": ["w"],
                "source": ["w.pb"],
                "instance": ["2023"],
                "subunit": ["D"],
                "budget": [100.0],
                "currency": ["PLN"],
                "vote_type": ["approval"],
                "rule": ["greedy"],
                "max_length": [2],
            }
        ),
        projects=pd.DataFrame(
            {
                "event_id": ["w"] * 3,
                "project_id": ["a", "b", "c"],
                "decision_id": ["w-a", "w-b", "w-c"],
                "cost": [60.0, 50.0, 40.0],
                "votes": [6, 9, 3],
                "category": ["sport", "culture", "sport"],
                "beneficiaries": ["seniors|children", "adults", "children"],
                "selected": [1, 0, 1],
            }
        ),
    )


__all__ = [
    "AGE_BANDS",
    "INSTANCE_RULES",
    "BallotMatrix",
    "Selection",
    "adopted_selection",
    "age_band",
    "ballot_matrices",
    "ballot_matrix",
    "budget_projects",
    "budget_votes",
    "counted_votes",
    "example_case",
    "example_vote",
    "funded_in_whole_votes",
    "funded_mask",
    "rule_selections",
    "voters_with_a_funded_project",
    "whole_vote_of",
    "whole_votes",
]
