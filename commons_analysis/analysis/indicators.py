"""The indicators object of DESIGN.md, assembled from the analysis modules (thin).

``compute_indicators(case)`` returns one JSON-ready dict nested by the first
part of each key: ``{"network": {...}, "participation": {...},
"inclusion": {...}, "decisions": {...}, "assessment": {...}}``. Undefined
values are ``None`` (JSON ``null``), never 0.

Example
-------
>>> flatten({"network": {"ties": 3, "brokerage": {"liaison": 1}}})
{'network.ties': 3, 'network.brokerage.liaison': 1}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from commons_analysis.core.defaults import MIN_CELL
from commons_analysis.model.case import Case


def compute_indicators(case: Case, *, min_cell: int = MIN_CELL, seed: int = 0) -> dict[str, Any]:
    """Every indicator of DESIGN.md for ``case``; inclusion counts below ``min_cell`` are suppressed."""
    from commons_analysis.analysis.assessment import assessment_indicators
    from commons_analysis.analysis.decisions import decision_indicators
    from commons_analysis.analysis.inclusion import inclusion_indicators
    from commons_analysis.analysis.network import network_indicators
    from commons_analysis.analysis.participation import participation_indicators

    result = {
        "network": network_indicators(case, seed=seed),
        "participation": participation_indicators(case),
        "inclusion": inclusion_indicators(case, min_cell=min_cell),
        "decisions": decision_indicators(case),
        "assessment": assessment_indicators(case),
    }
    return json_ready(result)


def json_ready(value: Any) -> Any:
    """Plain JSON types: numpy numbers become Python numbers, NaN and NA become ``None``."""
    if isinstance(value, Mapping):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if value is None or isinstance(value, (bool, str)):
        return value
    if hasattr(value, "item") and not isinstance(value, (int, float)):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, int):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def flatten(nested: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys for a nested indicators object (the ``--format table`` view)."""
    flat: dict[str, Any] = {}
    for key, value in nested.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat
