"""Indicators as pure functions of a Case: network, brokerage, participation, inclusion, decisions.

Analysis never reads files and never draws. May import: ``core``, ``model``.
The main functions are exported here (imported on first use, so that importing
one module of the package does not load them all):

>>> from commons_analysis.analysis import compute_indicators, gini, flatten
>>> gini([1, 1, 1, 5])
0.375

============================== ====================================================
:func:`compute_indicators`     every indicator of a case, nested by family
:func:`flatten`                ``{"network": {"ties": 3}}`` → ``{"network.ties": 3}``
:func:`network_indicators`     actors, ties, density, components, E-I, assortativity
:func:`actor_table`            per actor: degree, betweenness, brokerage roles
:func:`cooperation_graph`      the cooperation network as a networkx graph
:func:`participation_indicators` records, Gini, top 10 % share, turnout, hours
:func:`lorenz_curve`           the Lorenz curve of records per participant
:func:`inclusion_table`        inclusion groups, with small counts suppressed
:func:`decision_indicators`    decisions: count, adopted share, rule shares
:func:`ostrom_table`           Ostrom's principles as coded, with their evidence
:func:`gini`, :func:`top_share` the concentration of a list of counts
:func:`permutation_indicators` permutation tests of the sector indicators
:func:`participation_intervals` bootstrap intervals of the concentration
============================== ====================================================
"""

from __future__ import annotations

import importlib
from typing import Any

#: Exported name → the module of this package that defines it.
_EXPORTS = {
    "compute_indicators": "indicators",
    "flatten": "indicators",
    "network_indicators": "network",
    "actor_table": "network",
    "cooperation_graph": "graphs",
    "participation_indicators": "participation",
    "lorenz_curve": "participation",
    "gini": "concentration",
    "top_share": "concentration",
    "inclusion_table": "inclusion",
    "inclusion_indicators": "inclusion",
    "decision_indicators": "decisions",
    "ostrom_table": "assessment",
    "arnstein_summary": "assessment",
    "permutation_indicators": "permutation",
    "participation_intervals": "bootstrap",
}


def __getattr__(name: str) -> Any:
    """Import an exported name on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'commons_analysis.analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = sorted(_EXPORTS)
