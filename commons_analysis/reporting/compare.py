"""Cases side by side: the headline indicators of each perspective, one row per case.

The headline indicators (:data:`~commons_analysis.reporting.catalogue.HEADLINES`)
answer the questions of the three perspectives of the seed text (docs/design.md
§Users); they are the figures each report section opens
with, the columns of the index page and of ``commons-analysis compare``.
Values are those of :func:`~commons_analysis.analysis.indicators.compute_indicators`,
plus the facilitator rotation of
:func:`~commons_analysis.analysis.meeting_practices.facilitator_rotation`.
Undefined values stay ``None`` (an empty CSV cell, JSON ``null``), never 0.
Beside each tested figure come its p-value and what chance gives
(``network.ei_index_p``, ``network.ei_index_expected``), beside each
resampled one its 95 % interval: a pair ``[low, high]`` in JSON, two columns
``…_ci_low``, ``…_ci_high`` in CSV and in :func:`comparison_frame`
(:func:`with_bounds`).

``HEADLINES``, ``INDEX_HEADLINES`` (:mod:`catalogue`) and ``format_indicator``
(:mod:`text`) can be imported from here too, where the index page takes them.

Example
-------
>>> import io
>>> stream = io.StringIO()
>>> write_rows([{"case_id": "x", "participation.gini": None}], "csv", stream)
>>> stream.getvalue()
'case_id,participation.gini\\nx,\\n'
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any

from commons_analysis.core.defaults import MIN_CELL
from commons_analysis.reporting.catalogue import HEADLINES, INDEX_HEADLINES, headline_keys, lookup
from commons_analysis.reporting.text import format_indicator

#: What may come beside a headline figure, in this order (suffix of its dotted key): its p-value,
#: what chance gives, its 95 % interval.
COMPANIONS = ("_p", "_expected", "_ci")


def headline_values(case: Any, indicators: Mapping[str, Any]) -> dict[str, Any]:
    """Every headline indicator of ``case`` by dotted key, from its ``indicators`` object.

    ``indicators``: :func:`~commons_analysis.analysis.indicators.compute_indicators` of ``case``.
    """
    from commons_analysis.analysis.indicators import flatten
    from commons_analysis.analysis.meeting_practices import facilitator_rotation

    flat = flatten(indicators)
    flat["participation.facilitator_rotation"] = facilitator_rotation(case)["rotation"]
    keys = [k for key in headline_keys() for k in (key, *(key + c for c in COMPANIONS if key + c in flat))]
    return {key: flat.get(key) for key in keys}


def with_bounds(row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` with each interval ``<key>_ci`` as two keys ``…_ci_low``, ``…_ci_high``.

    Numbers stay numbers: a CSV column or a DataFrame column each.

    >>> with_bounds({"participation.gini": 0.5, "participation.gini_ci": [0.4, 0.6], "x": 1})
    {'participation.gini': 0.5, 'participation.gini_ci_low': 0.4, 'participation.gini_ci_high': 0.6, 'x': 1}
    """
    split: dict[str, Any] = {}
    for key, value in row.items():
        indicator = lookup(key)
        if indicator is not None and indicator.interval:
            low, high = value if value is not None else (None, None)
            split[f"{key}_low"], split[f"{key}_high"] = low, high
        else:
            split[key] = value
    return split


def comparison_rows(
    cases: Iterable[Any], *, min_cell: int = MIN_CELL, seed: int = 0, **uncertainty: int
) -> list[dict[str, Any]]:
    """One dict per case: id, title (fr, en), place, data_status, then every headline indicator.

    ``min_cell``: the small-cell threshold of inclusion counts; ``seed``: of sampled estimates;
    ``permutations``, ``bootstrap``: as :func:`~commons_analysis.analysis.indicators.compute_indicators`.
    """
    from commons_analysis.analysis.indicators import compute_indicators
    from commons_analysis.publishing.privacy import display_case

    rows = []
    for case in cases:
        indicators = compute_indicators(case, min_cell=min_cell, seed=seed, **uncertainty)
        meta = display_case(case).meta  # titles and place go out: persons' names scrubbed
        rows.append(
            {
                "case_id": case.id,
                "title_fr": meta.title.text("fr"),
                "title_en": meta.title.text("en"),
                "place": meta.place,
                "data_status": meta.data_status,
                **headline_values(case, indicators),
            }
        )
    return rows


def comparison_frame(
    cases: Iterable[Any], *, min_cell: int = MIN_CELL, seed: int = 0, **uncertainty: int
) -> Any:
    """The comparison table as a DataFrame indexed by case id (undefined values are ``<NA>``).

    Numbers only: each interval is two columns, ``…_ci_low`` and ``…_ci_high`` (:func:`with_bounds`).
    """
    import pandas as pd

    rows = [with_bounds(row) for row in comparison_rows(cases, min_cell=min_cell, seed=seed, **uncertainty)]
    frame = pd.DataFrame(rows).set_index("case_id") if rows else pd.DataFrame()
    facts = {"title_fr", "title_en", "place", "data_status"}
    for key in frame.columns:
        if key not in facts:
            frame[key] = pd.array(frame[key].tolist(), dtype="Float64")
    return frame


def write_rows(rows: list[dict[str, Any]], fmt: str, stream: Any) -> None:
    """Rows on ``stream`` as ``fmt``: ``csv`` (an empty cell for undefined) or ``json`` (``null``).

    In CSV an interval is two columns, ``…_ci_low`` and ``…_ci_high``; in JSON a pair ``[low, high]``.
    """
    if fmt == "json":
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    rows = [with_bounds(row) for row in rows]
    columns = list(rows[0]) if rows else ["case_id"]
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})


__all__ = [
    "COMPANIONS",
    "HEADLINES",
    "INDEX_HEADLINES",
    "comparison_frame",
    "comparison_rows",
    "format_indicator",
    "headline_values",
    "with_bounds",
    "write_rows",
]
