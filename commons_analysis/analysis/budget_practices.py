"""Practices and tools of a participatory budget: how people vote, how much of the ballot they use,
and the counting rule itself as a tool.

Pure functions of a :class:`~commons_analysis.model.case.Case` (and of
selections W, :data:`~commons_analysis.analysis.budget_votes.Selection`):

* voting method (internet, paper…) by age band, small cells hidden
  (:func:`method_by_age`);
* ballot length used: the number of projects on a ballot against the
  ``max_length`` the vote allows (:func:`ballot_lengths`, :func:`ballot_length_use`);
* the rule as a tool: voters with nothing funded, |{v : A(v) ∩ W = ∅}|,
  under each rule (greedy, Equal Shares…) (:func:`left_out`).

Example
-------
>>> from commons_analysis.analysis.budget_votes import example_case
>>> case = example_case()
>>> ballot_length_use(case)[["voters", "mean_length", "full_share"]].values.tolist()
[[3, 1.6666666666666667, 0.0]]
>>> greedy = {"d1": {"p1"}, "d2": set()}
>>> left_out(case, {"greedy": greedy}, min_cell=1)[["rule", "voters", "left_out"]].values.tolist()
[['greedy', 3, 1]]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from commons_analysis.analysis.budget_voters import hidden_counts, voters
from commons_analysis.analysis.budget_votes import (
    AGE_BANDS,
    Selection,
    ballot_matrix,
    budget_votes,
    funded_in_whole_votes,
    voters_with_a_funded_project,
)
from commons_analysis.analysis.inclusion import suppression_mask
from commons_analysis.core.defaults import MIN_CELL
from commons_analysis.model.case import Case


def method_by_age(case: Case, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """Voters by age band and voting method (whole votes pooled); empty when no method is recorded.

    Columns: age_band (missing: not recorded), method, voters (missing where
    hidden), share (of the band's voters), suppressed. Each voter is in one
    cell and the bands' totals are printed: cells are hidden as lines that
    add up to a known total, the methods' totals as the last line.
    """
    table = voters(case)
    columns = ["age_band", "method", "voters", "share", "suppressed"]
    if table.empty or table["method"].isna().all():
        return pd.DataFrame(columns=columns)
    bands: list[str | None] = [b for b in AGE_BANDS if (table["age_band"] == b).any()]
    if table["age_band"].isna().any():
        bands.append(None)
    methods: list[str | None] = [str(m) for m in sorted(table["method"].dropna().unique())]
    if table["method"].isna().any():
        methods.append(None)
    band_code = pd.Index(bands).get_indexer(
        table["age_band"].astype(object).where(table["age_band"].notna(), None)
    )
    method_code = pd.Index(methods).get_indexer(
        table["method"].astype(object).where(table["method"].notna(), None)
    )
    counts = np.zeros((len(bands), len(methods)), dtype=np.int64)
    np.add.at(counts, (band_code, method_code), 1)
    with_totals = np.vstack([counts, counts.sum(axis=0)])
    hidden = suppression_mask(
        with_totals,
        min_cell,
        partition_rows=[True] * len(with_totals),
        partition_columns=[True] * len(methods),
    )[:-1]
    totals = counts.sum(axis=1)
    rows = [
        (
            bands[i],
            methods[j],
            None if hidden[i, j] else int(counts[i, j]),
            None if hidden[i, j] or totals[i] == 0 else counts[i, j] / totals[i],
            bool(hidden[i, j]),
        )
        for i in range(len(bands))
        for j in range(len(methods))
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(
        {"age_band": "string", "method": "string", "voters": "Int64", "share": "Float64", "suppressed": bool}
    )


def ballot_lengths(case: Case, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """How many voters chose 1, 2, … projects, per edition (whole votes pooled), against what is allowed.

    Columns: edition, length, voters (missing where hidden: 0 < voters < k,
    and a second length of the edition), max_length (the largest allowed in
    the edition's votes; missing when none says), suppressed.
    """
    table = voters(case)
    limits = budget_votes(case).query("whole").groupby("edition")["max_length"].max()
    rows = []
    for edition, group in table.groupby("edition", sort=True):
        counts = group["length"].value_counts().sort_index()
        hidden = hidden_counts(counts.to_numpy(), min_cell, partition=True)
        limit = limits.get(edition)
        for (length, count), hide in zip(counts.items(), hidden, strict=True):
            rows.append((str(edition), int(length), None if hide else int(count), limit, bool(hide)))
    frame = pd.DataFrame(rows, columns=["edition", "length", "voters", "max_length", "suppressed"])
    return frame.astype({"edition": "string", "length": "Int64", "voters": "Int64", "max_length": "Int64"})


def ballot_length_use(case: Case) -> pd.DataFrame:
    """Per edition: voters, mean projects per ballot, the allowed maximum, and who uses all of it.

    Columns: edition, voters, mean_length, max_length, mean_use (mean of
    length / max_length), full_share (ballots of max_length projects /
    ballots), single_share (ballots of one project / ballots). Without a
    ``max_length``, mean_use and full_share are missing.
    """
    table = voters(case)
    votes = budget_votes(case).set_index("event_id")
    limit = table["event_id"].map(votes["max_length"]).astype("Float64")
    length = table["length"].astype("Float64")
    frame = table.assign(limit=limit, use=length / limit, full=length >= limit, single=length == 1)
    rows = []
    for edition, group in frame.groupby("edition", sort=True):
        known = group["limit"].notna().all()
        rows.append(
            (
                str(edition),
                len(group),
                float(group["length"].astype(float).mean()),
                int(group["limit"].max()) if known else None,
                float(group["use"].astype(float).mean()) if known else None,
                float(group["full"].astype(bool).mean()) if known else None,
                float(group["single"].astype(bool).mean()),
            )
        )
    columns = ["edition", "voters", "mean_length", "max_length", "mean_use", "full_share", "single_share"]
    result = pd.DataFrame(rows, columns=columns)
    return result.astype(
        {"max_length": "Int64", "mean_use": "Float64", "full_share": "Float64", "single_share": "Float64"}
    )


def left_out(case: Case, selections: Mapping[str, Selection], min_cell: int = MIN_CELL) -> pd.DataFrame:
    """Voters with nothing funded under each rule, per edition: |{v : A(v) ∩ W = ∅}|.

    ``selections``: rule name → W (e.g. ``{"greedy": …, "equal_shares": …}``).
    Columns: edition, rule, voters, left_out, share (left_out / voters),
    suppressed (0 < left_out < k: count and share hidden).
    """
    table = voters(case)
    rows = []
    for rule, selection in selections.items():
        whole_selection = funded_in_whole_votes(case, selection)
        nothing = np.zeros(len(table), dtype=bool)
        for event, group in table.groupby("event_id", sort=False):
            ballots = ballot_matrix(case, str(event))
            funded = voters_with_a_funded_project(ballots, whole_selection.get(str(event), ()))
            nothing[group.index.to_numpy()] = ~funded
        for edition, positions in table.groupby("edition", sort=True).indices.items():
            count, total = int(nothing[positions].sum()), len(positions)
            hide = 0 < count < min_cell
            rows.append(
                (str(edition), rule, total, None if hide else count, None if hide else count / total, hide)
            )
    frame = pd.DataFrame(rows, columns=["edition", "rule", "voters", "left_out", "share", "suppressed"])
    return frame.astype({"left_out": "Int64", "share": "Float64", "suppressed": bool})


__all__ = ["ballot_length_use", "ballot_lengths", "left_out", "method_by_age"]
