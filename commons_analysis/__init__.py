"""commons-analysis: actor networks and participation indicators for commons and democracy.

Load a case, compute its indicators, draw its network, open its report::

    >>> import commons_analysis as ca
    >>> case = ca.load_case("data/cases/brest-assemblee-des-communs")
    >>> case
    <Case brest-assemblee-des-communs: L'Assemblée des communs de Brest; 72 actors, 66 relations, ...>
    >>> figures = ca.compute_indicators(case, permutations=0, bootstrap=0)
    >>> round(figures["participation"]["gini"], 3), figures["network"]["ties"]
    (0.509, 64)
    >>> ca.draw_network(case, lang="en").show()                # doctest: +SKIP
    >>> report = ca.open_report("brest-assemblee-des-communs")  # doctest: +SKIP
    >>> report.lorenz().data                                   # doctest: +SKIP

* :func:`load_case`, :func:`load_cases` read and validate case folders
  (:mod:`commons_analysis.ingest.loading`); :class:`Case` is what every
  analysis takes (:mod:`commons_analysis.model.case`).
* :func:`compute_indicators` gives every indicator of a case as nested
  dictionaries (``network``, ``participation``, ``inclusion``, ``decisions``,
  ``assessment``), with permutation p-values and bootstrap intervals
  (:mod:`commons_analysis.analysis`, whose main functions are exported there).
* :func:`draw_network` draws the cooperation network (a plotly figure).
* :func:`open_report` and :func:`open_comparison` open a report whose sections
  give figures, tables and their data (:mod:`commons_analysis.reporting`).
* :mod:`commons_analysis.core.formats` writes numbers and dates as French or
  English write them (``14 701``, ``−0,85``, ``17 avril 2002``).

Names are imported on first use, so that ``import commons_analysis`` stays light
(the command line imports only what each command needs).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from commons_analysis.core.version import __version__

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from commons_analysis.analysis.indicators import compute_indicators
    from commons_analysis.ingest.loading import load_case, load_cases
    from commons_analysis.model.case import Case
    from commons_analysis.reporting.case_report import open_report
    from commons_analysis.reporting.comparison_report import open_comparison

#: Exported name → the module that defines it.
_EXPORTS = {
    "Case": "commons_analysis.model.case",
    "compute_indicators": "commons_analysis.analysis.indicators",
    "load_case": "commons_analysis.ingest.loading",
    "load_cases": "commons_analysis.ingest.loading",
    "open_report": "commons_analysis.reporting.case_report",
    "open_comparison": "commons_analysis.reporting.comparison_report",
}


def draw_network(case: Case, *, lang: str = "fr", as_of: object = None, seed: int = 0) -> go.Figure:
    """The map of the case's cooperation network: actors coloured by sector, sized by their ties.

    ``lang``: ``fr`` or ``en``; ``as_of``: a date, to draw the relations in force
    that day only; ``seed``: the layout's (the same seed, the same picture).
    Persons appear under pseudonyms unless the case allows their names. The
    same figure as the report's map (:meth:`CaseReport.network_map`).

    >>> import commons_analysis as ca
    >>> ca.draw_network(ca.load_case("data/cases/brest-assemblee-des-communs")).show()  # doctest: +SKIP
    """
    from commons_analysis.reporting.case_report import CaseReport

    report = CaseReport(case, lang=lang, seed=seed, permutations=0, bootstrap=0)
    figure = report.network_map(as_of=as_of).figure
    if figure is None:
        raise ValueError(f"case {case.id!r} has no actor to draw")
    return figure


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


__all__ = [
    "Case",
    "__version__",
    "compute_indicators",
    "draw_network",
    "load_case",
    "load_cases",
    "open_comparison",
    "open_report",
]
