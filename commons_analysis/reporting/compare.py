"""Cases side by side: the headline indicators of each perspective, one row per case.

The headline indicators answer the questions of the three perspectives of
the seed text (DESIGN.md, "Who uses it and for what"); they are the figures
each report section opens with, the columns of the index page and of
``commons-analysis compare``. Values are those of
:func:`~commons_analysis.analysis.indicators.compute_indicators`, plus the facilitator
rotation of :func:`~commons_analysis.analysis.participation.facilitator_rotation`.
Undefined values stay ``None`` (an empty CSV cell, JSON ``null``), never 0.

Example
-------
>>> format_indicator("participation.gini", 0.5091, "fr"), format_indicator("network.ties", 64, "en")
('0,51', '64')
>>> format_indicator("decisions.open_share", None, "en")
'—'
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from commons_analysis.core.defaults import DEFAULT_LANG, MIN_CELL
from commons_analysis.reporting.text import UNDEFINED, label, number, percent

#: The headline indicators of each perspective, by dotted key (see :func:`headline_values`).
HEADLINES: dict[str, tuple[str, ...]] = {
    "public_power": (
        "network.actors",
        "network.ties",
        "network.density",
        "network.components",
        "network.ei_index",
        "network.sector_assortativity",
        "network.conflict_ties",
        "decisions.initiative_share_by_sector.public",
        "decisions.initiative_hhi",
        "decisions.top3_initiative_share",
    ),
    "distant_people": (
        "participation.events",
        "participation.participants",
        "participation.records",
        "participation.gini",
        "participation.top10_share",
        "participation.repeat_share",
        "participation.newcomer_share",
        "participation.sector_shares.citizen",
        "participation.hours_total",
        "participation.paid_hours_share",
    ),
    "practices_tools": (
        "decisions.count",
        "decisions.adopted_share",
        "decisions.rule_shares.consensus",
        "decisions.rule_shares.public_authority",
        "decisions.open_share",
        "participation.facilitator_rotation",
        "assessment.ostrom_score",
        "assessment.arnstein_rung",
    ),
}

#: The few figures the index page gives for each case.
INDEX_HEADLINES = (
    "network.actors",
    "network.ei_index",
    "participation.participants",
    "participation.gini",
    "decisions.rule_shares.consensus",
    "assessment.ostrom_score",
)

#: A share is a key segment ending in ``share`` (``top10_share``) or a group of them (``rule_shares.x``).
_SHARE = re.compile(r"share(s|_by_sector)?(\.|$)")

_COUNTS = {
    "network.actors",
    "network.ties",
    "network.components",
    "network.conflict_ties",
    "coparticipation.actors",
    "coparticipation.ties",
    "coparticipation.components",
    "participation.events",
    "participation.participants",
    "participation.records",
    "decisions.count",
}


def indicator_kind(key: str) -> str:
    """How an indicator is written: ``count``, ``share`` (a percentage), ``hours``, ``rung`` or ``number``.

    >>> indicator_kind("decisions.rule_shares.consensus"), indicator_kind("network.density")
    ('share', 'number')
    """
    if key in _COUNTS:
        return "count"
    if key == "assessment.arnstein_rung":
        return "rung"
    if key == "participation.hours_total":
        return "hours"
    if _SHARE.search(key):
        return "share"
    return "number"


def format_indicator(key: str, value: Any, lang: str = DEFAULT_LANG) -> str:
    """An indicator value as a reader expects it: percentages for shares, a dash when undefined."""
    if value is None:
        return UNDEFINED
    kind = indicator_kind(key)
    if kind == "count":
        return number(int(value), lang)
    if kind == "share":
        return percent(value, lang)
    if kind == "hours":
        return number(round(float(value)), lang)
    if kind == "rung":
        from commons_analysis.model.schema import ARNSTEIN_RUNGS

        return f"{int(value)} ({label('arnstein', ARNSTEIN_RUNGS[int(value) - 1], lang)})"
    return number(value, lang, digits=3 if key.endswith(".density") else 2)


def headline_values(case: Any, indicators: Mapping[str, Any]) -> dict[str, Any]:
    """Every headline indicator of ``case`` by dotted key, from its ``indicators`` object."""
    from commons_analysis.analysis.indicators import flatten
    from commons_analysis.analysis.participation import facilitator_rotation

    flat = flatten(indicators)
    flat["participation.facilitator_rotation"] = facilitator_rotation(case)["rotation"]
    keys = [key for keys in HEADLINES.values() for key in keys]
    return {key: flat.get(key) for key in keys}


def comparison_rows(cases: Iterable[Any], *, min_cell: int = MIN_CELL, seed: int = 0) -> list[dict[str, Any]]:
    """One dict per case: id, title (fr, en), place, data_status, then every headline indicator."""
    from commons_analysis.analysis.indicators import compute_indicators

    rows = []
    for case in cases:
        indicators = compute_indicators(case, min_cell=min_cell, seed=seed)
        meta = case.meta
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


def comparison_frame(cases: Iterable[Any], *, min_cell: int = MIN_CELL, seed: int = 0) -> Any:
    """The comparison table as a DataFrame indexed by case id (undefined values are ``<NA>``)."""
    import pandas as pd

    rows = comparison_rows(cases, min_cell=min_cell, seed=seed)
    frame = pd.DataFrame(rows).set_index("case_id") if rows else pd.DataFrame()
    for keys in HEADLINES.values():
        for key in keys:
            if key in frame.columns:
                frame[key] = pd.array(frame[key].tolist(), dtype="Float64")
    return frame


def write_rows(rows: list[dict[str, Any]], fmt: str, stream: Any) -> None:
    """Rows as CSV (empty cell for undefined) or JSON (``null``) on ``stream``."""
    if fmt == "json":
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    columns = list(rows[0]) if rows else ["case_id"]
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})


__all__ = [
    "HEADLINES",
    "INDEX_HEADLINES",
    "comparison_frame",
    "comparison_rows",
    "format_indicator",
    "headline_values",
    "indicator_kind",
    "write_rows",
]
