"""People far from public action in a participatory budget: who votes, where, and who sees something funded.

Pure functions of a :class:`~commons_analysis.model.case.Case` and of a
selection W (:data:`~commons_analysis.analysis.budget_votes.Selection`),
following docs/design.md §Participatory budgets:

* the voters of a district d in a whole vote: those whose ballot names at
  least one project located in d (for a city split into district files,
  exactly the district file's voters; a voter who chose projects of two
  districts counts in both) (:func:`ballots_by_district`);
* budget per voter of d: Σ c(p) over p ∈ W located in d, over the voters of d
  (:func:`budget_per_voter`);
* represented(G, W) = |{v ∈ G : A(v) ∩ W ≠ ∅}| / |G|, for groups of voters by
  age band, sex, district, voting method or edition (:func:`represented`);
* voters by age band and sex (:func:`voters_by_age_sex`) and turnout against
  residents where the optional ``population`` table gives them (:func:`turnout`).

Small cells are hidden as docs/design.md §Privacy says, with the suppression of
:mod:`~commons_analysis.analysis.inclusion` (:func:`~commons_analysis.analysis.inclusion.suppression_mask`):
a count of 0 < n < k voters is never printed, nor what would give it away.
Voter ids are scoped to their file: nothing here follows a voter from one
edition to the next.

Example
-------
>>> from commons_analysis.analysis.budget_votes import example_case
>>> case = example_case()
>>> ballots_by_district(case, min_cell=1)[["district", "voters"]].values.tolist()
[['D1', 2], ['D2', 2]]
>>> funded = {"d1": {"p1"}, "d2": set()}
>>> represented(case, funded, "edition", min_cell=1)[["voters", "represented", "share"]].values.tolist()
[[3, 2, 0.6666666666666666]]
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from commons_analysis.analysis.budget_votes import (
    AGE_BANDS,
    Selection,
    age_band,
    ballot_matrix,
    budget_projects,
    budget_votes,
    funded_in_whole_votes,
    funded_mask,
    voters_with_a_funded_project,
)
from commons_analysis.analysis.inclusion import suppression_mask
from commons_analysis.core.defaults import MIN_CELL
from commons_analysis.model.case import Case

#: The beneficiaries the report follows (Pabulib's labels): seniors, children, people with disabilities.
FOCUS_BENEFICIARIES = ("seniors", "children", "people with disabilities")
#: The groupings of :func:`represented`.
GROUPINGS = ("edition", "district", "age_band", "sex", "method")


def voters(case: Case) -> pd.DataFrame:
    """One row per ballot of a whole vote: edition, event_id, district (the vote's subunit, else empty),
    actor_id, age_band, sex, method, length (projects on the ballot).

    Built once per case object (a copy is returned), as :func:`.budget_votes.ballot_matrices`.
    """
    return _voters(case).copy()


@lru_cache(maxsize=4)
def _voters(case: Case) -> pd.DataFrame:
    votes = budget_votes(case)
    whole = votes[votes["whole"]].set_index("event_id")
    rows = case.participation[case.participation["event_id"].astype(str).isin(whole.index.astype(str))]
    actors = case.actors.drop_duplicates("actor_id").set_index("actor_id")
    event = rows["event_id"].astype(str)
    actor = rows["actor_id"].astype(str)
    frame = pd.DataFrame(
        {
            "edition": event.map(whole["edition"]).astype("string"),
            "event_id": event.astype("string"),
            "district": event.map(whole["subunit"]).astype("string").fillna(""),
            "actor_id": actor.astype("string"),
            "age_band": age_band(actor.map(actors["age"])).astype("string"),
            "sex": actor.map(actors["sex"]).astype("string"),
            "method": rows["method"].astype("string"),
            "length": rows["ballot"].map(len).astype("Int64"),
        }
    )
    return frame.reset_index(drop=True)


def hidden_counts(
    counts: pd.Series | np.ndarray, min_cell: int = MIN_CELL, partition: bool = True
) -> np.ndarray:
    """Which counts of one line of groups to hide: :func:`.inclusion.suppression_mask` on one line.

    ``partition``: every voter of the line is in exactly one group, so that a
    printed total gives one hidden count away (a second one is then hidden).

    >>> hidden_counts(np.array([3, 10, 20])).tolist()
    [True, True, False]
    >>> hidden_counts(np.array([3, 10, 20]), partition=False).tolist()
    [True, False, False]
    """
    values = np.asarray(counts, dtype=np.int64)
    if values.size == 0:
        return np.zeros(0, dtype=bool)
    return suppression_mask(values[None, :], min_cell, partition_rows=[partition])[0]


def _district_voters(case: Case) -> pd.DataFrame:
    """(edition, event_id, district, voters, partition) per whole vote and district of its projects."""
    projects = budget_projects(case)
    rows = []
    for event in budget_votes(case).query("whole")["event_id"].astype(str):
        ballots = ballot_matrix(case, event)
        mine = projects[projects["event_id"].astype(str) == event].set_index("project_id")
        districts = mine["district"].reindex(ballots.projects).fillna("").astype(str)
        codes, names = pd.factorize(districts)
        if len(names) == 0:
            continue
        indicator = np.zeros((len(ballots.projects), len(names)), dtype=np.int64)
        indicator[np.arange(len(codes)), codes] = 1
        reaches = np.asarray(ballots.approvals @ indicator) > 0
        one_each = bool((reaches.sum(axis=1) == 1).all())
        edition = str(mine["edition"].iloc[0]) if len(mine) else ""
        for j, name in enumerate(names):
            rows.append((edition, event, str(name), int(reaches[:, j].sum()), one_each))
    return pd.DataFrame(rows, columns=["edition", "event_id", "district", "voters", "partition"])


def ballots_by_district(case: Case, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """Voters of each district in each whole vote (ballots naming a project of the district).

    Columns: edition, event_id, district, voters (missing where hidden),
    suppressed. A district's count is hidden when 0 < voters < k, and a
    second one of the vote when the districts split its voters exactly
    (each ballot in one district): :func:`hidden_counts`.
    """
    frame = _district_voters(case)
    hidden = np.zeros(len(frame), dtype=bool)
    for _, rows in frame.groupby("event_id", sort=False):
        positions = rows.index.to_numpy()
        hidden[positions] = hidden_counts(rows["voters"], min_cell, partition=bool(rows["partition"].iloc[0]))
    frame["voters"] = pd.array(np.where(hidden, None, frame["voters"]), dtype="Int64")
    frame["suppressed"] = hidden
    return (
        frame.drop(columns="partition")
        .sort_values(["edition", "district"], kind="stable")
        .reset_index(drop=True)
    )


def budget_per_voter(case: Case, selection: Selection, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """Budget per voter of each district: Σ c(p) over p ∈ W located in d, over the voters of d.

    Columns: edition, event_id (the whole vote), district, voters, funded_cost,
    per_voter (missing where the voters are hidden or none), currency.
    """
    frame = ballots_by_district(case, min_cell)
    projects = budget_projects(case)
    whole = projects[projects["event_id"].astype(str) == projects["whole_event"].astype(str)].reset_index(
        drop=True
    )
    whole_selection = funded_in_whole_votes(case, selection)
    whole["funded"] = funded_mask(whole, whole_selection)
    whole["funded_cost"] = whole["cost"].astype(float).where(whole["funded"], 0.0)
    cost = whole.groupby(["event_id", "district"])["funded_cost"].sum()
    currency = whole.drop_duplicates("event_id").set_index("event_id")["currency"]
    keys = list(zip(frame["event_id"].astype(str), frame["district"].astype(str), strict=True))
    frame["funded_cost"] = [float(cost.get(key, 0.0)) for key in keys]
    frame["per_voter"] = pd.array(
        [
            c / v if v is not pd.NA and v else None
            for c, v in zip(frame["funded_cost"], frame["voters"], strict=True)
        ],
        dtype="Float64",
    )
    frame["currency"] = frame["event_id"].map(currency).astype("string").fillna("")
    return frame[["edition", "event_id", "district", "voters", "funded_cost", "per_voter", "currency"]]


def represented(case: Case, selection: Selection, by: str, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """represented(G, W) for the groups of voters by ``by``: the share with a supported project funded.

    ``by``: edition, district (the whole vote's subunit), age_band, sex or
    method; voters whose value is unknown form the group of missing value.
    Columns: group, voters, represented, share, suppressed. A group is hidden
    (voters, represented and share missing) when it has 0 < voters < k, when
    0 < represented < k or 0 < voters − represented < k (a printed share
    would give that small count away), and with it a second group of the
    line (:func:`hidden_counts`: the groups split the voters exactly).
    """
    if by not in GROUPINGS:
        raise ValueError(f"voters are grouped by {', '.join(GROUPINGS)}, not {by!r}")
    table = voters(case)
    whole_selection = funded_in_whole_votes(case, selection)
    reached = np.zeros(len(table), dtype=bool)
    for event, rows in table.groupby("event_id", sort=False):
        ballots = ballot_matrix(case, str(event))
        reached[rows.index.to_numpy()] = voters_with_a_funded_project(
            ballots, whole_selection.get(str(event), ())
        )
    groups = table[by].astype(object).where(table[by].notna(), None)
    frame = (
        pd.DataFrame({"group": groups, "reached": reached})
        .groupby("group", dropna=False, sort=False)
        .agg(voters=("reached", "size"), represented=("reached", "sum"))
        .reset_index()
    )
    frame = _ordered(frame, by)
    counts = frame["voters"].to_numpy(dtype=np.int64)
    hits = frame["represented"].to_numpy(dtype=np.int64)
    misses = counts - hits
    small = ((hits > 0) & (hits < min_cell)) | ((misses > 0) & (misses < min_cell))
    hidden = suppression_mask(np.where(small, 1, counts)[None, :], min_cell, partition_rows=[True])[0] | small
    share = np.where(counts > 0, hits / np.maximum(counts, 1), np.nan)
    frame["share"] = pd.array(np.where(hidden, np.nan, share), dtype="Float64")
    frame["voters"] = pd.array(np.where(hidden, None, counts), dtype="Int64")
    frame["represented"] = pd.array(np.where(hidden, None, hits), dtype="Int64")
    frame["suppressed"] = hidden
    frame["group"] = frame["group"].astype("string")
    return frame[["group", "voters", "represented", "share", "suppressed"]]


def _ordered(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Groups in their natural order: age bands youngest first, others sorted; the unknown value last."""
    if by == "age_band":
        order = {band: i for i, band in enumerate(AGE_BANDS)}
        key = frame["group"].map(lambda g: order.get(g, len(order)) if g is not None else len(order) + 1)
    else:
        key = frame["group"].map(lambda g: (1, "") if g is None or g == "" else (0, str(g)))
    return (
        frame.assign(_key=key).sort_values("_key", kind="stable").drop(columns="_key").reset_index(drop=True)
    )


def voters_by_age_sex(case: Case, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """Voters by age band and sex (whole votes pooled), small cells hidden; empty when neither is recorded.

    Columns: age_band, sex (missing: not recorded), voters (missing where
    hidden), suppressed. Every voter is in one cell; the rows (age bands) and
    the columns (sexes) add up to printed totals, so the cells are hidden as
    a table of lines and totals (:func:`~commons_analysis.analysis.inclusion.suppression_mask`).
    """
    table = voters(case)
    if table.empty or (table["age_band"].isna().all() and table["sex"].isna().all()):
        return pd.DataFrame(
            {
                "age_band": pd.Series(dtype="string"),
                "sex": pd.Series(dtype="string"),
                "voters": [],
                "suppressed": [],
            }
        )
    bands = [b for b in AGE_BANDS if (table["age_band"] == b).any()]
    if table["age_band"].isna().any():
        bands.append(None)  # type: ignore[arg-type]
    sexes = sorted(str(s) for s in table["sex"].dropna().unique())
    if table["sex"].isna().any():
        sexes.append(None)  # type: ignore[arg-type]
    band_code = pd.Index(bands).get_indexer(
        table["age_band"].astype(object).where(table["age_band"].notna(), None)
    )
    sex_code = pd.Index(sexes).get_indexer(table["sex"].astype(object).where(table["sex"].notna(), None))
    counts = np.zeros((len(bands), len(sexes)), dtype=np.int64)
    np.add.at(counts, (band_code, sex_code), 1)
    with_totals = np.vstack([counts, counts.sum(axis=0)])
    hidden = suppression_mask(
        with_totals, min_cell, partition_rows=[True] * len(with_totals), partition_columns=[True] * len(sexes)
    )[:-1]
    rows = [
        (bands[i], sexes[j], None if hidden[i, j] else int(counts[i, j]), bool(hidden[i, j]))
        for i in range(len(bands))
        for j in range(len(sexes))
    ]
    frame = pd.DataFrame(rows, columns=["age_band", "sex", "voters", "suppressed"])
    return frame.astype({"age_band": "string", "sex": "string", "voters": "Int64", "suppressed": bool})


def turnout(case: Case, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """Voters against residents, where the ``population`` table names a district or the unit of a vote.

    Columns: edition, territory, voters, population, turnout (voters /
    population), year, source. Empty when the case has no population table:
    the report then says so. Residents are matched on the rows without a
    group (the whole population of the territory).
    """
    population = case.population
    columns = ["edition", "territory", "voters", "population", "turnout", "year", "source"]
    if population.empty:
        return pd.DataFrame(columns=columns)
    residents = population[population["group"].isna()].drop_duplicates("territory", keep="last")
    residents = residents.set_index(residents["territory"].astype(str))
    districts = ballots_by_district(case, min_cell)
    votes = budget_votes(case).query("whole")
    totals = voters(case).groupby("event_id").size()
    rows = [
        (r.edition, r.district, r.voters)
        for r in districts.itertuples(index=False)
        if r.district in residents.index
    ]
    rows += [
        (str(v.edition), str(v.unit), int(totals.get(v.event_id, 0)))
        for v in votes.itertuples(index=False)
        if pd.notna(v.unit) and str(v.unit) in residents.index
    ]
    frame = pd.DataFrame(rows, columns=["edition", "territory", "voters"])
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.groupby(["edition", "territory"], as_index=False, sort=True)["voters"].sum(min_count=1)
    frame["population"] = frame["territory"].map(residents["population"]).astype("Int64")
    frame["turnout"] = pd.array(
        [
            v / p if v is not pd.NA and p else None
            for v, p in zip(frame["voters"], frame["population"], strict=True)
        ],
        dtype="Float64",
    )
    frame["year"] = frame["territory"].map(residents["year"]).astype("Int64")
    frame["source"] = frame["territory"].map(residents["source"]).astype("string")
    return frame[columns]


__all__ = [
    "FOCUS_BENEFICIARIES",
    "GROUPINGS",
    "ballots_by_district",
    "budget_per_voter",
    "hidden_counts",
    "represented",
    "turnout",
    "voters",
    "voters_by_age_sex",
]
