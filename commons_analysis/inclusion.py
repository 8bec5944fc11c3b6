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
  but we cannot know that they are not, so in every line of a table (the
  groups of the case, the groups of one year, the years of one group) that has
  exactly one suppressed cell, the smallest other non-zero cell is suppressed
  too, until no line has exactly one. A line whose other cells are all 0 has no
  printed total (a share of 0 does not reveal it) and needs no second cell.

The number of participating persons itself is never printed here: it would
be the total of the subtraction.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.case import Case
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

from .case import Case
from .participation import ratio, records

#: Default threshold k: counts strictly between 0 and k are suppressed.
MIN_CELL = 5


def suppression_mask(counts: Any, min_cell: int = MIN_CELL, axes: tuple[int, ...] = (1,)) -> np.ndarray:
    """Which cells of a 2-D table of person counts to suppress (primary and complementary).

    Primary: 0 < count < ``min_cell``. Complementary: along each axis in
    ``axes`` (1 = each row is a line of groups, 0 = each column is a line),
    a line with exactly one suppressed cell gets its smallest non-zero
    unsuppressed cell suppressed too; repeated until stable.

    >>> suppression_mask([[3, 10, 20]]).tolist()
    [[True, True, False]]
    >>> suppression_mask([[3, 0, 0]]).tolist()  # no printed total, nothing to subtract from
    [[True, False, False]]
    """
    table = np.atleast_2d(np.asarray(counts, dtype=np.int64))
    suppressed = (table > 0) & (table < min_cell)
    changed = True
    while changed:
        changed = False
        for axis in axes:
            lines = suppressed if axis == 1 else suppressed.T
            values = table if axis == 1 else table.T
            for i in np.flatnonzero(lines.sum(axis=1) == 1):
                candidates = np.flatnonzero(~lines[i] & (values[i] > 0))
                if candidates.size:
                    lines[i, candidates[np.argmin(values[i, candidates])]] = True
                    changed = True
    return suppressed


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
            representation = ratio(share, population[g]) if share is not None and population[g] else None
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
    frame = pd.DataFrame(rows, columns=["group", "label", "count", "share", "population_share",
                                        "representation_ratio", "suppressed"])
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


def inclusion_table(case: Case, min_cell: int = MIN_CELL, lang: str = "fr") -> pd.DataFrame:
    """One row per declared inclusion group, suppression applied.

    Columns: group (tag), label (in ``lang``), count, share, population_share,
    representation_ratio, suppressed.
    """
    rec = records(case)
    is_person, membership = _person_membership(case, rec.actor_ids)
    counts = membership[is_person].sum(axis=0)[np.newaxis, :]
    totals = np.array([int(is_person.sum())])
    return _frame(case, counts, totals, suppression_mask(counts, min_cell, axes=(1,)), lang)


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


def inclusion_by_year(case: Case, min_cell: int = MIN_CELL, lang: str = "fr") -> pd.DataFrame:
    """The inclusion table per calendar year of the events, suppression applied both ways.

    Participating persons of a year: persons with a record at an event of that
    year. Columns: year, then those of :func:`inclusion_table`. Complementary
    suppression runs along each year (its groups) and along each group (its
    years, whose total is the count printed by :func:`inclusion_table`).
    """
    rec = records(case)
    is_person, membership = _person_membership(case, rec.actor_ids)
    event_year = rec.year_of_event
    years = np.unique(event_year[event_year >= 0])
    row_year = np.where(rec.rank >= 0, event_year[np.maximum(rec.rank, 0)], -1)
    year_index = np.searchsorted(years, row_year)
    keep = (row_year >= 0) & is_person[rec.actor]
    pairs = np.unique(rec.actor[keep] * max(len(years), 1) + year_index[keep])
    actor, year = pairs // max(len(years), 1), pairs % max(len(years), 1)
    totals = np.bincount(year, minlength=len(years))
    counts = np.zeros((len(years), membership.shape[1]), dtype=np.int64)
    for g in range(membership.shape[1]):
        counts[:, g] = np.bincount(year[membership[actor, g]], minlength=len(years))
    suppressed = suppression_mask(counts, min_cell, axes=(0, 1))
    frame = _frame(case, counts, totals, suppressed, lang)
    frame.insert(0, "year", pd.array(np.repeat(years, membership.shape[1]), dtype="Int64"))
    return frame


__all__ = ["MIN_CELL", "inclusion_by_year", "inclusion_indicators", "inclusion_table", "suppression_mask"]
