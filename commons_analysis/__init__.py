"""commons-analysis: actor networks and participation indicators for commons and democracy.

What a notebook needs, from the top of the package::

    from commons_analysis import load_case, open_report
    case = load_case("data/cases/naples-asilo-filangieri")
    report = open_report("naples-asilo-filangieri")
    report.lorenz().data

``load_case``, ``load_cases`` (:mod:`commons_analysis.ingest.loading`), ``Case``
(:mod:`commons_analysis.model.case`), ``open_report`` and ``open_comparison``
(:mod:`commons_analysis.reporting`) are imported on first use, so that
``import commons_analysis`` stays light (the command line imports only what
each command needs) and changes nothing in the running notebook.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from commons_analysis.core.version import __version__

if TYPE_CHECKING:
    from commons_analysis.ingest.loading import load_case, load_cases
    from commons_analysis.model.case import Case
    from commons_analysis.reporting.case_report import open_report
    from commons_analysis.reporting.comparison_report import open_comparison

#: Exported name → the module that defines it.
_EXPORTS = {
    "Case": "commons_analysis.model.case",
    "load_case": "commons_analysis.ingest.loading",
    "load_cases": "commons_analysis.ingest.loading",
    "open_report": "commons_analysis.reporting.case_report",
    "open_comparison": "commons_analysis.reporting.comparison_report",
}


def __getattr__(name: str) -> Any:
    """Import an exported name on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'commons_analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = ["Case", "__version__", "load_case", "load_cases", "open_comparison", "open_report"]
