"""The indicators object of docs/design.md §Indicators, assembled from the analysis modules (thin).

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

from commons_analysis.analysis.uncertainty import BOOTSTRAP, PERMUTATIONS
from commons_analysis.core.defaults import DEFAULT_SEED, MIN_CELL
from commons_analysis.model.case import Case


def compute_indicators(
    case: Case,
    *,
    min_cell: int = MIN_CELL,
    permutations: int = PERMUTATIONS,
    bootstrap: int = BOOTSTRAP,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """Every indicator (docs/design.md §Indicators) of ``case``; counts below ``min_cell`` suppressed.

    ``permutations`` shufflings of the sectors test the E-I index and the
    sector assortativity (:mod:`~commons_analysis.analysis.permutation`),
    ``bootstrap`` resamples give the intervals of the participation
    concentration and of the printed inclusion shares
    (:mod:`~commons_analysis.analysis.bootstrap`); 0 turns either off (the
    values are then None). ``seed`` makes every draw reproducible.

    >>> from commons_analysis.model.case import Case
    >>> import pandas as pd
    >>> case = Case.from_frames({"id": "demo"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"], "sector": ["sse", "public", "sse"]}),
    ...     relations=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "type": ["partnership"] * 2}))
    >>> figures = compute_indicators(case, permutations=0, bootstrap=0)
    >>> figures["network"]["ties"], figures["network"]["ei_index"]
    (2, 1.0)
    """
    from commons_analysis.analysis.assessment import assessment_indicators
    from commons_analysis.analysis.bootstrap import case_participation_intervals
    from commons_analysis.analysis.budgeting import budgeting_indicators
    from commons_analysis.analysis.decisions import decision_indicators
    from commons_analysis.analysis.evidence import evidence_indicators
    from commons_analysis.analysis.inclusion import inclusion_indicators
    from commons_analysis.analysis.network import build_network, network_indicators
    from commons_analysis.analysis.participation import participation_indicators
    from commons_analysis.analysis.permutation import permutation_indicators

    net = build_network(case)
    tests = permutation_indicators(net.sectors, net.ties, permutations, seed)
    intervals = case_participation_intervals(case, bootstrap, seed)
    result = {
        "network": after_each(network_indicators(case, seed=seed), grouped_by_indicator(tests)),
        "participation": after_each(participation_indicators(case), grouped_by_indicator(intervals)),
        "inclusion": inclusion_indicators(case, min_cell=min_cell, bootstrap=bootstrap, seed=seed),
        "decisions": decision_indicators(case),
        "assessment": assessment_indicators(case),
    }
    budgeting = budgeting_indicators(case)
    if budgeting:  # a case without budget votes keeps the indicators it had
        result["budgeting"] = budgeting
    evidence = evidence_indicators(case, bootstrap=bootstrap, seed=seed)
    if evidence is not None:  # only for a case with codings: the others' indicators stay as they were
        result["evidence"] = evidence
    return json_ready(result)


def grouped_by_indicator(values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Companion values (``gini_ci``, ``ei_index_p``…) grouped under the indicator they qualify.

    >>> grouped_by_indicator({"ei_index_p": 0.4, "ei_index_expected": 0.1, "gini_ci": None})
    {'ei_index': {'ei_index_p': 0.4, 'ei_index_expected': 0.1}, 'gini': {'gini_ci': None}}
    """
    grouped: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        grouped.setdefault(key.rsplit("_", 1)[0], {})[key] = value
    return grouped


def after_each(values: Mapping[str, Any], additions: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``values`` with the entries of ``additions[key]`` inserted right after ``key`` (at the end if absent).

    >>> after_each({"gini": 0.5, "records": 3}, {"gini": {"gini_ci": [0.4, 0.6]}})
    {'gini': 0.5, 'gini_ci': [0.4, 0.6], 'records': 3}
    """
    result: dict[str, Any] = {}
    for key, value in values.items():
        result[key] = value
        result.update(additions.get(key, {}))
    for key, extra in additions.items():
        if key not in values:
            result.update(extra)
    return result


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
