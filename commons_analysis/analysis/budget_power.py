"""Public power in a participatory budget: who proposes, where the money goes, what the rule decides.

Pure functions of a :class:`~commons_analysis.model.case.Case` and of a
selection W (:data:`~commons_analysis.analysis.budget_votes.Selection`:
counted vote → funded project ids), following
docs/design.md §Participatory budgets:

* proposals by the proposer's sector (``decisions.initiated_by`` → ``actors.sector``):
  projects proposed and funded, and their cost (:func:`proposals_by_sector`);
* the budget share of a district or category k: Σ c(p) over p ∈ W tagged k,
  over Σ c(p) over p ∈ W (:func:`budget_shares`; a project with two
  categories counts in both, so category shares may add up to more than 1);
* what another rule changes against the city's, district by district: the
  projects funded by one rule only and their cost (:func:`rule_changes`);
* departures from the declared rule: published \\ W and W \\ published, as
  :mod:`~commons_analysis.analysis.budgeting` counts them, with what the
  report needs of each project (:func:`departures`).

Projects are read once each: those of the whole votes for proposals (a
district file repeats its city file's projects), those of the counted votes
for what is funded.

Example
-------
>>> from commons_analysis.analysis.budget_votes import example_case
>>> case = example_case()
>>> city, other = {"d1": {"p1"}, "d2": {"p3"}}, {"d1": {"p2"}, "d2": {"p3"}}
>>> budget_shares(case, city, "district")[["key", "funded_cost", "share"]].round(3).to_dict("list")
{'key': ['D1', 'D2'], 'funded_cost': [150.0, 80.0], 'share': [0.652, 0.348]}
>>> rule_changes(case, city, other)[["district", "gained", "lost"]].values.tolist()
[['D1', 1, 1], ['D2', 0, 0]]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from commons_analysis.analysis.budget_votes import (
    Selection,
    budget_projects,
    counted_votes,
    funded_in_whole_votes,
    funded_mask,
    whole_votes,
)
from commons_analysis.model.case import Case


def _projects_of(case: Case, events: list[str]) -> pd.DataFrame:
    projects = budget_projects(case)
    keep = projects["event_id"].astype(str).isin(events) & ~projects["withdrawn"].fillna(False).astype(bool)
    return projects[keep.to_numpy()].reset_index(drop=True)


def proposals_by_sector(case: Case, selection: Selection) -> pd.DataFrame:
    """Projects and money by the proposer's sector, per edition: proposed, then funded by W.

    Columns: edition, sector (missing where the proposer is not recorded),
    projects, proposed_cost, funded, funded_cost, currency. A project is
    counted once (the whole votes' projects); it is funded when W funds it in
    its counted vote (its own, or a district part holding it).
    """
    projects = _projects_of(case, whole_votes(case))
    funded = _funded_by_project_id(case, selection)
    initiators = case.decisions.drop_duplicates("decision_id").set_index("decision_id")["initiated_by"]
    sectors = case.actors.drop_duplicates("actor_id").set_index("actor_id")["sector"].astype("string")
    proposer = projects["decision_id"].map(initiators).astype("string")
    frame = pd.DataFrame(
        {
            "edition": projects["edition"],
            "sector": proposer.map(sectors).astype("string"),
            "cost": projects["cost"].astype(float),
            "funded": [
                (str(w), str(p)) in funded
                for w, p in zip(projects["whole_event"], projects["project_id"], strict=True)
            ],
            "currency": projects["currency"],
        }
    )
    frame["funded_cost"] = frame["cost"].where(frame["funded"], 0.0)
    table = frame.groupby(["edition", "sector", "currency"], dropna=False, sort=True).agg(
        projects=("cost", "size"),
        proposed_cost=("cost", "sum"),
        funded=("funded", "sum"),
        funded_cost=("funded_cost", "sum"),
    )
    table = table.reset_index()
    table["funded"] = table["funded"].astype("Int64")
    table["projects"] = table["projects"].astype("Int64")
    return table[["edition", "sector", "projects", "proposed_cost", "funded", "funded_cost", "currency"]]


def proposers(case: Case, selection: Selection) -> pd.DataFrame:
    """One row per proposer: actor_id, sector, kind, projects proposed and funded, most projects first.

    Names are not here: the report takes them from the pseudonymised case.
    """
    projects = _projects_of(case, whole_votes(case))
    funded = _funded_by_project_id(case, selection)
    initiators = case.decisions.drop_duplicates("decision_id").set_index("decision_id")["initiated_by"]
    proposer = projects["decision_id"].map(initiators).astype("string")
    known = proposer.notna().to_numpy()
    frame = pd.DataFrame(
        {
            "actor_id": proposer[known],
            "edition": projects.loc[known, "edition"],
            "funded": [
                (str(w), str(p)) in funded
                for w, p in zip(
                    projects.loc[known, "whole_event"], projects.loc[known, "project_id"], strict=True
                )
            ],
        }
    )
    table = frame.groupby(["actor_id", "edition"], sort=True).agg(
        projects=("funded", "size"), funded=("funded", "sum")
    )
    table = table.reset_index()
    actors = case.actors.drop_duplicates("actor_id").set_index("actor_id")
    table["sector"] = table["actor_id"].map(actors["sector"].astype("string"))
    table["kind"] = table["actor_id"].map(actors["kind"].astype("string"))
    table = table.sort_values(
        ["projects", "funded", "actor_id"], ascending=[False, False, True], kind="stable"
    )
    return table[["actor_id", "edition", "sector", "kind", "projects", "funded"]].reset_index(drop=True)


def _funded_by_project_id(case: Case, selection: Selection) -> set[tuple[str, str]]:
    """(whole vote, project id) of every project W funds, in its counted vote or a part of its whole vote."""
    return {(w, p) for w, chosen in funded_in_whole_votes(case, selection).items() for p in chosen}


def budget_shares(case: Case, selection: Selection, by: str = "district") -> pd.DataFrame:
    """The budget share of each district or category under W, per edition and currency.

    Columns: edition, key, projects (eligible, of the counted votes), funded
    (projects W funds), funded_cost, share = funded_cost / Σ c(p) over p ∈ W
    of the edition, currency. ``by``: ``district`` or ``category`` (a label
    of ``projects.category``; also ``beneficiaries``).
    """
    if by not in ("district", "category", "beneficiaries"):
        raise ValueError(f"budget shares are by district, category or beneficiaries, not {by!r}")
    projects = _projects_of(case, counted_votes(case))
    projects["funded"] = funded_mask(projects, selection)
    projects["funded_cost"] = projects["cost"].astype(float).where(projects["funded"], 0.0)
    totals = projects.groupby(["edition", "currency"])["funded_cost"].sum()
    if by == "district":
        projects["key"] = projects["district"]
    else:
        projects["key"] = projects[by].map(lambda labels: list(labels) or [""])
        projects = projects.explode("key")
    table = projects.groupby(["edition", "currency", "key"], sort=True).agg(
        projects=("funded", "size"), funded=("funded", "sum"), funded_cost=("funded_cost", "sum")
    )
    table = table.reset_index()
    total = pd.MultiIndex.from_frame(table[["edition", "currency"]]).map(totals.to_dict().get)
    table["share"] = [cost / t if t else None for cost, t in zip(table["funded_cost"], total, strict=True)]
    table["share"] = pd.array(table["share"], dtype="Float64")
    table["key"] = table["key"].astype("string")
    return table[["edition", "key", "projects", "funded", "funded_cost", "share", "currency"]]


def rule_changes(case: Case, city: Selection, other: Selection) -> pd.DataFrame:
    """What another rule (e.g. Equal Shares) changes against the city's, district by district.

    One row per edition and district of the counted votes: funded_city and
    funded_other (projects), gained (funded by the other rule only) and lost
    (by the city's only), cost_gained, cost_lost, and moved = cost_gained +
    cost_lost over twice the city's funded cost of the district (0 when both
    rules agree; None when the city funds nothing there), currency.
    """
    projects = _projects_of(case, counted_votes(case))
    by_city = funded_mask(projects, city)
    by_other = funded_mask(projects, other)
    cost = projects["cost"].astype(float).to_numpy()
    frame = pd.DataFrame(
        {
            "edition": projects["edition"],
            "district": projects["district"],
            "currency": projects["currency"],
            "funded_city": by_city,
            "funded_other": by_other,
            "gained": by_other & ~by_city,
            "lost": by_city & ~by_other,
            "cost_city": np.where(by_city, cost, 0.0),
            "cost_gained": np.where(by_other & ~by_city, cost, 0.0),
            "cost_lost": np.where(by_city & ~by_other, cost, 0.0),
        }
    )
    table = frame.groupby(["edition", "district", "currency"], sort=True).sum().reset_index()
    for column in ("funded_city", "funded_other", "gained", "lost"):
        table[column] = table[column].astype("Int64")
    moved = [
        (g + lo) / (2 * c) if c else None
        for g, lo, c in zip(table["cost_gained"], table["cost_lost"], table["cost_city"], strict=True)
    ]
    table["moved"] = pd.array(moved, dtype="Float64")
    columns = [
        "edition",
        "district",
        "funded_city",
        "funded_other",
        "gained",
        "lost",
        "cost_gained",
        "cost_lost",
    ]
    return table[[*columns, "moved", "currency"]]


def departures(case: Case, instances: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Every departure of the published selection from the declared rule, project by project.

    ``instances``: ``budgeting.instances`` of the indicators
    (:func:`~commons_analysis.analysis.budgeting.instances`), whose
    ``departures`` are published \\ W and W \\ published for each vote that
    publishes a selection (turnout awards, ``selected`` = 2, are not
    departures). Counted votes only. Columns: edition, event_id, district,
    project_id, decision_id, cost, votes, kind (``published_only``: funded
    though the rule would not; ``rule_only``: the reverse), currency.
    """
    counted = set(counted_votes(case))
    kinds = {"published_not_selected": "published_only", "selected_not_published": "rule_only"}
    found = [
        (str(entry["event_id"]), str(project), kinds[key])
        for entry in instances
        if str(entry.get("event_id")) in counted and entry.get("departures")
        for key in kinds
        for project in entry["departures"].get(key, [])
    ]
    columns = [
        "edition",
        "event_id",
        "district",
        "project_id",
        "decision_id",
        "cost",
        "votes",
        "kind",
        "currency",
    ]
    projects = budget_projects(case)
    keyed = projects.set_index([projects["event_id"].astype(str), projects["project_id"].astype(str)])
    rows = [
        (
            *keyed.loc[(event, project)][
                ["edition", "event_id", "district", "project_id", "decision_id", "cost", "votes"]
            ],
            kind,
            keyed.loc[(event, project)]["currency"],
        )
        for event, project, kind in found
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"cost": "Float64", "votes": "Int64"})


__all__ = ["budget_shares", "departures", "proposals_by_sector", "proposers", "rule_changes"]
