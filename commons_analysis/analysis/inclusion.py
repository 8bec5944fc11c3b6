"""Inclusion indicators: are people far from public action present, and in proportion?

Over *participating persons* (actors of kind ``person`` with at least one
participation record), for each tag g declared in ``case.yaml``
``inclusion_groups``: ``count`` (such persons tagged g), ``share`` = count /
participating persons, ``representation_ratio`` = share / population_share
(DESIGN.md, section "Inclusion").

Small cells are suppressed, here and only here, so that every table and chart
built on these frames inherits it:

* primary suppression: when 0 < count < k (k = ``min_cell``, default 5), count,
  share and ratio are ``None`` and ``suppressed`` is ``True``;
* complementary suppression: a table that shows a total and its groups lets a
  single suppressed cell be recovered by subtraction (total − the other cells)
  when the groups happen to partition the total. Tags need not be exclusive,
  but we cannot know that they are not, so no line may have exactly one
  suppressed cell. The lines are: the groups of the whole case, and the groups
  of each year (their total, the participating persons, is revealed by any
  printed share of a non-zero cell, so there the second cell is the smallest
  other non-zero one; a line whose other cells are all 0 reveals no total and
  needs none); and, for each group, its years together with its whole-case
  count (the whole-case count is the sum of the years when nobody comes back
  from one year to the next, so there a 0 cell may be the second one).

The whole case and its years are suppressed together, in one table, so that
:func:`inclusion_table`, :func:`inclusion_indicators` and
:func:`inclusion_by_year` print the same cells. The number of participating
persons itself is never printed here: it would be the total of the subtraction.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> people = [f"p{i}" for i in range(20)]
>>> case = Case.from_frames(
...     {"id": "x", "inclusion_groups": {"qpv": {}, "exile": {}, "jobless": {"population_share": 0.2}}},
...     actors=pd.DataFrame({"actor_id": people, "name": people, "sector": ["citizen"] * 20,
...                          "kind": ["person"] * 20,
...                          "groups": ["qpv"] * 6 + ["exile"] * 2 + ["jobless"] * 8 + [""] * 4}),
...     participation=pd.DataFrame({"event_id": ["e1"] * 20, "actor_id": people}))
>>> result = inclusion_indicators(case)
>>> result["exile"]  # 2 < 5: suppressed
{'count': None, 'share': None, 'representation_ratio': None, 'suppressed': True}
>>> result["qpv"]["suppressed"]  # complementary: else total − the others could reveal exile
True
>>> result["jobless"]
{'count': 8, 'share': 0.4, 'representation_ratio': 2.0, 'suppressed': False}
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from commons_analysis.analysis.participation import ratio, records
from commons_analysis.core.defaults import DEFAULT_LANG, MIN_CELL
from commons_analysis.model.case import Case


def suppression_mask(counts: Any, min_cell: int = MIN_CELL, margin: bool = False) -> np.ndarray:
    """Which cells of a table of person counts (rows: lines of groups) to suppress.

    Primary: 0 < count < ``min_cell``. Complementary, repeated until stable:
    a row with exactly one suppressed cell gets its smallest non-zero
    unsuppressed cell suppressed too. With ``margin``, the last row is the
    whole case and the others its years, and each column (the years of a group
    and its whole-case count) is a line too, where any cell, 0 included, may
    be the second. A cell whose crossing line also has exactly one suppressed
    cell is preferred, so that one cell protects both lines.

    >>> suppression_mask([[3, 10, 20]]).tolist()
    [[True, True, False]]
    >>> suppression_mask([[3, 0, 0]]).tolist()  # no printed total, nothing to subtract from
    [[True, False, False]]
    >>> suppression_mask([[3, 0], [3, 0]], margin=True).tolist()  # one year: it equals the whole case
    [[True, False], [True, False]]
    """
    table = np.atleast_2d(np.asarray(counts, dtype=np.int64))
    hidden = (table > 0) & (table < min_cell)
    changed = True
    while changed:
        changed = False
        for i in np.flatnonzero(hidden.sum(axis=1) == 1):
            candidates = np.flatnonzero(~hidden[i] & (table[i] > 0))
            if candidates.size:
                crossing = (hidden[:, candidates].sum(axis=0) == 1) & margin
                hidden[i, candidates[np.lexsort((table[i, candidates], ~crossing))[0]]] = True
                changed = True
        if not margin:
            continue
        for j in np.flatnonzero(hidden.sum(axis=0) == 1):
            candidates = np.flatnonzero(~hidden[:, j])
            if candidates.size:
                crossing = hidden[candidates, :].sum(axis=1) == 1
                values = table[candidates, j]
                hidden[candidates[np.lexsort((values, values == 0, ~crossing))[0]], j] = True
                changed = True
    return hidden


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
    """(years, counts, totals, suppressed): rows are the years, then the whole case; columns the tags."""
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
    return years, counts, totals, suppression_mask(counts, min_cell, margin=True)


def inclusion_table(case: Case, min_cell: int = MIN_CELL, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """One row per declared inclusion group over the whole case, suppression applied.

    Columns: group (tag), label (in ``lang``), count, share, population_share,
    representation_ratio, suppressed.
    """
    _, counts, totals, suppressed = _person_counts(case, min_cell)
    return _frame(case, counts[-1:], totals[-1:], suppressed[-1:], lang)


def inclusion_indicators(case: Case, min_cell: int = MIN_CELL) -> dict[str, dict[str, Any]]:
    """The ``inclusion`` part of the indicators: tag → {count, share, representation_ratio, suppressed}."""
    table = inclusion_table(case, min_cell)
    result = {}
    for row in table.itertuples(index=False):
        result[str(row.group)] = {
            "count": None if pd.isna(row.count) else int(row.count),
            "share": None if pd.isna(row.share) else float(row.share),
            "representation_ratio": (
                None if pd.isna(row.representation_ratio) else float(row.representation_ratio)
            ),
            "suppressed": bool(row.suppressed),
        }
    return result


def inclusion_by_year(case: Case, min_cell: int = MIN_CELL, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """The inclusion table per calendar year of the events, suppression applied.

    Participating persons of a year: persons with a record at an event of that
    year. Columns: year, then those of :func:`inclusion_table`. Complementary
    suppression runs along each year (its groups) and along each group (its
    years and its whole-case count of :func:`inclusion_table`).
    """
    years, counts, totals, suppressed = _person_counts(case, min_cell)
    frame = _frame(case, counts[:-1], totals[:-1], suppressed[:-1], lang)
    frame.insert(0, "year", pd.array(np.repeat(years, counts.shape[1]), dtype="Int64"))
    return frame


__all__ = ["MIN_CELL", "inclusion_by_year", "inclusion_indicators", "inclusion_table", "suppression_mask"]
