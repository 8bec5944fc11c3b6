"""The names the report layer had before it was split, for code written against them.

Notebooks copied from an earlier ``case_report.ipynb`` call
``from commons_analysis.reporting.report import open_report``, and the batch
(:mod:`commons_analysis.batch`) imports the page and output names from here.
New code imports from where things live: :mod:`.case_report`,
:mod:`.comparison_report`, :mod:`.blocks`, :mod:`.page`, or the package root
(``from commons_analysis import open_report``).
"""

from __future__ import annotations

from commons_analysis.reporting.blocks import OUTPUT_ENV, Block, Blocks, FigureBlock
from commons_analysis.reporting.case_report import METADATA_KEY, CaseReport, open_report
from commons_analysis.reporting.comparison_report import ComparisonReport, open_comparison
from commons_analysis.reporting.page import PLOTLY_JS, STYLESHEET, component_styles, page

__all__ = [
    "METADATA_KEY",
    "OUTPUT_ENV",
    "PLOTLY_JS",
    "STYLESHEET",
    "Block",
    "Blocks",
    "CaseReport",
    "ComparisonReport",
    "FigureBlock",
    "component_styles",
    "open_comparison",
    "open_report",
    "page",
]
