"""Inclusion indicators: are people far from public action present, and in proportion?

Over *participating persons* (actors of kind ``person`` with at least one
participation record), for each tag g declared in ``case.yaml``
``inclusion_groups``: ``count`` (such persons tagged g), ``share`` = count /
participating persons, ``representation_ratio`` = share / population_share
(docs/design.md §Inclusion), and with ``bootstrap`` the 95 % interval of
the share of every printed group (:func:`~commons_analysis.analysis.bootstrap.share_interval`).

Small cells are suppressed, here and only here, so that every table and chart
built on these frames inherits it (:func:`suppression_mask`):

* when 0 < count < k (k = ``min_cell``, default 5), count, share and ratio
  are ``None`` and ``suppressed`` is ``True``;
* a second count is hidden only where the hidden one could be worked out
  from what is printed. The counts are printed in *lines*: the groups of the
  whole case, the groups of each year (:func:`inclusion_by_year`), and each
  group across its years. A line gives a hidden count away only when its
  counts add up to a known total: when the groups of a line put every
  participating person of that case or year in exactly one group (its total,
  the participating persons, is known: a printed share reveals it, and so
  does the number of participants when all of them are persons), or when
  every person of a group came in exactly one year (the years of the group
  then add up to its whole-case count). Groups that overlap or leave persons
  out, and persons who come back year after year, give nothing away by
  subtraction: those lines are printed as they are.

The whole case and its years are suppressed together, in one table, so that
:func:`inclusion_table`, :func:`inclusion_indicators` and
:func:`inclusion_by_year` print the same cells.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> people = [f"p{i}" for i in range(20)]
>>> def case_with(groups):
...     return Case.from_frames(
...         {"id": "x", "inclusion_groups": {"qpv": {}, "exile": {}, "jobless": {"population_share": 0.2}}},
...         actors=pd.DataFrame({"actor_id": people, "name": people, "sector": ["citizen"] * 20,
...                              "kind": ["person"] * 20, "groups": groups}),
...         participation=pd.DataFrame({"event_id": ["e1"] * 20, "actor_id": people}))
>>> result = inclusion_indicators(case_with(["qpv"] * 6 + ["exile"] * 2 + ["jobless"] * 8 + [""] * 4))
>>> result["exile"]["suppressed"], result["qpv"]["count"]  # 2 < 5 hidden; 4 persons untagged: qpv printed
(True, 6)
>>> result = inclusion_indicators(case_with(["qpv"] * 10 + ["exile"] * 2 + ["jobless"] * 8))
>>> result["jobless"]["suppressed"]  # one group each: 20 − 10 − 8 would give exile away
True
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from commons_analysis.analysis.bootstrap import share_interval
from commons_analysis.analysis.concentration import ratio
from commons_analysis.analysis.participation import records
from commons_analysis.core.defaults import DEFAULT_LANG, MIN_CELL
from commons_analysis.model.case import Case

#: Singular values below this are 0 when solving the lines for hidden counts (coefficients 0 and ±1).
_RANK_TOLERANCE = 1e-9


# --------------------------------------------------------------------------- suppression


def line_equations(shape: tuple[int, int], partition_rows: Any, partition_columns: Any) -> np.ndarray:
    """The linear relations a reader knows between the cells of a (lines × groups) table of counts.

    One row per relation, one column per cell (row-major). A row i flagged in
    ``partition_rows`` sums to its known total: Σⱼ xᵢⱼ = Tᵢ. A column j
    flagged in ``partition_columns`` has its year cells (every row but the
    last) adding up to its last cell, the whole case: Σᵢ xᵢⱼ − x₋₁ⱼ = 0.

    >>> line_equations((2, 2), [True, False], [False, True]).tolist()
    [[1.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, -1.0]]
    """
    n_rows, n_columns = shape
    equations = []
    for i in np.flatnonzero(np.asarray(partition_rows, dtype=bool)):
        row = np.zeros(shape)
        row[i] = 1.0
        equations.append(row.ravel())
    if n_rows >= 2:
        for j in np.flatnonzero(np.asarray(partition_columns, dtype=bool)):
            column = np.zeros(shape)
            column[:-1, j] = 1.0
            column[-1, j] = -1.0
            equations.append(column.ravel())
    return np.array(equations).reshape(len(equations), n_rows * n_columns)


def recoverable_cells(hidden: np.ndarray, equations: np.ndarray) -> np.ndarray:
    """Which hidden cells the printed cells and the known relations determine exactly.

    The hidden cells are the unknowns of ``equations`` (the printed cells and
    the totals move to the right-hand side). A hidden cell is determined when
    every solution gives it the same value: when it is 0 in every vector of
    the null space of the equations restricted to the hidden cells.

    >>> import numpy as np
    >>> equations = line_equations((1, 3), [True], [])
    >>> recoverable_cells(np.array([[True, False, False]]), equations).tolist()  # total − the printed
    [[True, False, False]]
    >>> recoverable_cells(np.array([[True, True, False]]), equations).tolist()
    [[False, False, False]]
    """
    result = np.zeros(hidden.shape, dtype=bool)
    unknown = np.flatnonzero(hidden.ravel())
    if unknown.size == 0 or equations.shape[0] == 0:
        return result
    system = equations[:, unknown]
    _, singular, right = np.linalg.svd(system)
    rank = int(np.count_nonzero(singular > _RANK_TOLERANCE))
    null_space = right[rank:]
    determined = np.all(np.abs(null_space) < _RANK_TOLERANCE, axis=0)
    result.ravel()[unknown[determined]] = True
    return result


Cell = tuple[int, int]


def _lines(shape: Cell, rows: np.ndarray, columns: np.ndarray) -> list[tuple[list[Cell], bool]]:
    """The cells of every relation, and whether it is a row: the rows that add up to their total, then
    the columns whose years add up to their whole-case count (a table of years and the whole case)."""
    lines = [([(int(i), j) for j in range(shape[1])], True) for i in np.flatnonzero(rows)]
    if shape[0] >= 2:
        lines += [([(i, int(j)) for i in range(shape[0])], False) for j in np.flatnonzero(columns)]
    return lines


def suppression_mask(
    counts: Any,
    min_cell: int = MIN_CELL,
    *,
    partition_rows: Any = None,
    partition_columns: Any = None,
) -> np.ndarray:
    """Which cells of a table of person counts to hide (docs/design.md §Inclusion).

    ``counts``: rows are lines of groups — when ``partition_columns`` is
    given, the years and then, last, the whole case; columns are the groups.
    ``partition_rows[i]`` (default: every row) says that the groups of row i
    put each of its persons in exactly one group, so that its total gives a
    single hidden count away; ``partition_columns[j]`` (default: none) that
    every person of group j came in exactly one year, so that its years add
    up to its whole-case count.

    Hidden first: every 0 < count < ``min_cell``. Then, while a line holds
    exactly one hidden count, a second count of that line is hidden: a
    non-zero one if there is one — preferably one whose crossing line also
    needs a second (one cell then protects both), then the smallest — else
    a zero. Last, chains of lines are solved exactly
    (:func:`recoverable_cells`): a hidden count still determined gets a count
    of one of its lines hidden too, one that frees it if possible, then the
    smallest non-zero one.

    >>> suppression_mask([[3, 10, 20]]).tolist()
    [[True, True, False]]
    >>> suppression_mask([[3, 10, 20]], partition_rows=[False]).tolist()  # overlapping groups
    [[True, False, False]]
    >>> lines = {"partition_rows": [False, False], "partition_columns": [True, True]}
    >>> suppression_mask([[3, 0], [3, 0]], **lines).tolist()  # one year: it equals the whole case
    [[True, False], [True, False]]
    """
    table = np.atleast_2d(np.asarray(counts, dtype=np.int64))
    shape = (table.shape[0], table.shape[1])
    rows = np.ones(shape[0], dtype=bool) if partition_rows is None else np.asarray(partition_rows, dtype=bool)
    columns = np.zeros(shape[1], dtype=bool) if partition_columns is None else np.asarray(partition_columns)
    columns = columns.astype(bool)
    hidden = (table > 0) & (table < min_cell)
    equations = line_equations(shape, rows, columns)
    lines = _lines(shape, rows, columns)
    unprotectable: set[Cell] = set()
    while True:
        _complete_lines(table, hidden, lines)
        recovered = recoverable_cells(hidden, equations)
        pending = [(int(i), int(j)) for i, j in zip(*np.nonzero(recovered), strict=True)]
        pending = [cell for cell in pending if cell not in unprotectable]
        if not pending:
            return hidden
        cell = pending[0]
        candidates = [c for cells, _ in lines if cell in cells for c in cells if not hidden[c]]
        if not candidates:  # a line of this one count: its total is the count, nothing else to hide
            unprotectable.add(cell)
            continue
        hidden[min(candidates, key=lambda c: _protection_order(table, hidden, equations, cell, c))] = True


def _protection_order(
    table: np.ndarray, hidden: np.ndarray, equations: np.ndarray, cell: Cell, candidate: Cell
) -> tuple[bool, bool, int]:
    """Sort key of the counts that could protect ``cell``: those that do first, then non-zero, then small."""
    trial = hidden.copy()
    trial[candidate] = True
    still_recovered = bool(recoverable_cells(trial, equations)[cell])
    return still_recovered, bool(table[candidate] == 0), int(table[candidate])


def _complete_lines(table: np.ndarray, hidden: np.ndarray, lines: list[tuple[list[Cell], bool]]) -> None:
    """Hide a second count in every line with exactly one hidden count, until none is left.

    The second is a non-zero count if there is one; among those, one whose
    crossing line also holds exactly one hidden count (it protects both);
    then the smallest.
    """
    crossing = {(cell, is_row): cells for cells, is_row in lines for cell in cells}
    changed = True
    while changed:
        changed = False
        for cells, is_row in lines:
            if sum(hidden[cell] for cell in cells) != 1 or all(hidden[cell] for cell in cells):
                continue

            def order(cell: Cell, is_row: bool = is_row) -> tuple[bool, bool, int]:
                other = crossing.get((cell, not is_row), [])
                needs_one = sum(hidden[c] for c in other) == 1
                return bool(table[cell] == 0), not needs_one, int(table[cell])

            hidden[min((cell for cell in cells if not hidden[cell]), key=order)] = True
            changed = True


# --------------------------------------------------------------------------- counts


def _tags(case: Case) -> list[str]:
    return list(case.meta.inclusion_groups)


def _labels(case: Case, lang: str) -> list[str]:
    groups = case.meta.inclusion_groups
    return [groups[tag].label.text(lang) or tag for tag in groups]


def _population_shares(case: Case) -> list[float | None]:
    return [group.population_share for group in case.meta.inclusion_groups.values()]


def _person_membership(case: Case, actor_ids: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """For each participating actor id: (is a person, bool matrix actor × declared tag)."""
    tags = _tags(case)
    actors = case.actors.drop_duplicates("actor_id").set_index("actor_id")
    positions = actors.index.get_indexer(actor_ids)
    found = positions >= 0
    kind = actors["kind"].to_numpy(dtype=object, na_value=None)
    is_person = np.zeros(len(actor_ids), dtype=bool)
    is_person[found] = kind[positions[found]] == "person"
    membership = np.zeros((len(actor_ids), len(tags)), dtype=bool)
    person_rows = np.flatnonzero(is_person)
    if person_rows.size and tags:
        groups = actors["groups"].iloc[positions[person_rows]].reset_index(drop=True).explode()
        tag_index = pd.Index(tags).get_indexer(groups.to_numpy())
        keep = tag_index >= 0
        membership[person_rows[groups.index.to_numpy()[keep]], tag_index[keep]] = True
    return is_person, membership


def _frame(
    case: Case, counts: np.ndarray, totals: np.ndarray, suppressed: np.ndarray, lang: str
) -> pd.DataFrame:
    """Rows of (line, group) cells with shares and ratios, suppressed cells blanked."""
    tags, labels, population = _tags(case), _labels(case, lang), _population_shares(case)
    rows = []
    for line in range(counts.shape[0]):
        for g, tag in enumerate(tags):
            hidden = bool(suppressed[line, g])
            count = None if hidden else int(counts[line, g])
            share = None if hidden else ratio(int(counts[line, g]), int(totals[line]))
            base = population[g]
            representation = ratio(share, base) if share is not None and base else None
            rows.append(
                {
                    "group": tag,
                    "label": labels[g],
                    "count": count,
                    "share": share,
                    "population_share": population[g],
                    "representation_ratio": representation,
                    "suppressed": hidden,
                }
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "group",
            "label",
            "count",
            "share",
            "population_share",
            "representation_ratio",
            "suppressed",
        ],
    )
    return frame.astype(
        {
            "group": "string",
            "label": "string",
            "count": "Int64",
            "share": "Float64",
            "population_share": "Float64",
            "representation_ratio": "Float64",
            "suppressed": "boolean",
        }
    )


def _person_counts(case: Case, min_cell: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(years, counts, totals, suppressed): rows are the years, then the whole case; columns the tags.

    Also decides which lines add up to a known total (see :func:`suppression_mask`):
    a year, or the whole case, where every participating person carries
    exactly one declared tag; a group whose persons all came in exactly one year.
    """
    rec = records(case)
    is_person, membership = _person_membership(case, rec.actor_ids)
    event_year = rec.year_of_event
    years = np.unique(event_year[event_year >= 0])
    n_years = max(len(years), 1)
    row_year = rec.year_of_record
    keep = (row_year >= 0) & is_person[rec.actor]
    pairs = np.unique(rec.actor[keep] * n_years + np.searchsorted(years, row_year[keep]))
    actor, year = pairs // n_years, pairs % n_years
    n_tags = membership.shape[1]
    counts = np.zeros((len(years) + 1, n_tags), dtype=np.int64)
    for g in range(n_tags):
        counts[:-1, g] = np.bincount(year[membership[actor, g]], minlength=len(years))
    counts[-1] = membership[is_person].sum(axis=0)
    totals = np.append(np.bincount(year, minlength=len(years)), int(is_person.sum()))
    one_tag = membership.sum(axis=1) == 1
    partition_rows = np.append(
        np.bincount(year[~one_tag[actor]], minlength=len(years)) == 0, bool(one_tag[is_person].all())
    )
    years_of_actor = np.bincount(actor, minlength=len(rec.actor_ids))
    once = years_of_actor == 1
    partition_columns = np.array([bool(once[is_person & membership[:, g]].all()) for g in range(n_tags)])
    suppressed = suppression_mask(
        counts, min_cell, partition_rows=partition_rows, partition_columns=partition_columns.astype(bool)
    )
    return years, counts, totals, suppressed


# --------------------------------------------------------------------------- public API


def inclusion_table(
    case: Case, min_cell: int = MIN_CELL, lang: str = DEFAULT_LANG, bootstrap: int = 0, seed: int = 0
) -> pd.DataFrame:
    """One row per declared inclusion group over the whole case, suppression applied.

    Columns: group (tag), label (in ``lang``), count, share, population_share,
    representation_ratio, suppressed, share_low and share_high: the 95 %
    bootstrap interval of the share (``bootstrap`` resamples of the
    participating persons, drawn with ``seed``; missing when ``bootstrap`` is
    0, for a hidden group, and with fewer than two participating persons).
    """
    _, counts, totals, suppressed = _person_counts(case, min_cell)
    frame = _frame(case, counts[-1:], totals[-1:], suppressed[-1:], lang)
    intervals = [
        None if suppressed[-1, g] else share_interval(int(counts[-1, g]), int(totals[-1]), bootstrap, seed, g)
        for g in range(counts.shape[1])
    ]
    frame["share_low"] = pd.array([i[0] if i else None for i in intervals], dtype="Float64")
    frame["share_high"] = pd.array([i[1] if i else None for i in intervals], dtype="Float64")
    return frame


def inclusion_indicators(
    case: Case, min_cell: int = MIN_CELL, bootstrap: int = 0, seed: int = 0
) -> dict[str, dict[str, Any]]:
    """The ``inclusion`` part of the indicators.

    tag → {count, share, share_ci, representation_ratio, suppressed};
    ``share_ci`` is ``[low, high]`` (see :func:`inclusion_table`) or None.
    """
    table = inclusion_table(case, min_cell, bootstrap=bootstrap, seed=seed)
    result = {}
    for row in table.itertuples(index=False):
        interval = None if pd.isna(row.share_low) else [float(row.share_low), float(row.share_high)]
        result[str(row.group)] = {
            "count": None if pd.isna(row.count) else int(row.count),
            "share": None if pd.isna(row.share) else float(row.share),
            "share_ci": interval,
            "representation_ratio": (
                None if pd.isna(row.representation_ratio) else float(row.representation_ratio)
            ),
            "suppressed": bool(row.suppressed),
        }
    return result


def inclusion_by_year(case: Case, min_cell: int = MIN_CELL, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """The inclusion table per calendar year of the events, suppression applied.

    Participating persons of a year: persons with a record at an event of that
    year. Columns: year, then those of :func:`inclusion_table` but the
    interval. Suppression treats the years and the whole case as one table
    (:func:`suppression_mask`).
    """
    years, counts, totals, suppressed = _person_counts(case, min_cell)
    frame = _frame(case, counts[:-1], totals[:-1], suppressed[:-1], lang)
    frame.insert(0, "year", pd.array(np.repeat(years, counts.shape[1]), dtype="Int64"))
    return frame


__all__ = [
    "MIN_CELL",
    "inclusion_by_year",
    "inclusion_indicators",
    "inclusion_table",
    "line_equations",
    "recoverable_cells",
    "suppression_mask",
]
