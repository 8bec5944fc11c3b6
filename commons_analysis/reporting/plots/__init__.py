"""Plotly figures of the reports, each built from a tidy frame the analysis modules return.

One module per perspective: :mod:`.network` (public power), :mod:`.participation`
(people far from public action), :mod:`.practices` (practices and tools),
:mod:`.comparison` (the cases side by side), over :mod:`.figures` (the template,
escaping, captions and the generic charts they share). Every figure is also
here, ``plots.lorenz_chart``.

Figures never compute indicators: they draw what they are given (docs/design.md
§Data flow). Every string that comes from case data (names, group
labels, evidence) is HTML-escaped here, because plotly renders a subset of
HTML in titles, labels and hover text: a name like ``<b>x</b>`` or
``<img src=x onerror=…>`` must stay text. Labels come from :mod:`text`.

Figures have an explicit height (a report is a long page, not a dashboard)
and a small shared template, which keeps each figure's JSON light. Colours
come from :mod:`palette`; numbers on axes and in hover labels are written as
the report's language writes them (``layout.separators``: a decimal comma in
French, as the headline cards). The
network layout is seeded and computed on a sorted copy of the graph, so the
same case gives the same picture in every rendering.

Example
-------
>>> import pandas as pd
>>> frame = pd.DataFrame({"population_share": [0, 0.5, 1], "records_share": [0, 0.25, 1]})
>>> figure = lorenz_chart(frame, gini=0.25, lang="en")
>>> figure.data[1].y  # data[0] is the equality diagonal
(0.0, 0.25, 1.0)
"""

from __future__ import annotations

from commons_analysis.reporting.palette import SECTOR_COLOURS
from commons_analysis.reporting.plots.comparison import (
    comparison_bars,
    comparison_intervals,
    ostrom_comparison,
)
from commons_analysis.reporting.plots.figures import (
    TEMPLATE,
    caption_of,
    empty_figure,
    escape,
    percent_axis,
    share_bars,
    time_panels,
    with_caption,
)
from commons_analysis.reporting.plots.network import (
    flows_sankey,
    network_layout,
    network_map,
    sector_tie_heatmap,
    support_chart,
)
from commons_analysis.reporting.plots.participation import (
    attendance_by_year_chart,
    attendance_chart,
    hours_chart,
    inclusion_chart,
    lorenz_chart,
    turnout_chart,
)
from commons_analysis.reporting.plots.practices import (
    arnstein_ladder,
    decision_rules_chart,
    facilitation_chart,
    open_events_chart,
    ostrom_radar,
)

__all__ = [
    "SECTOR_COLOURS",
    "TEMPLATE",
    "arnstein_ladder",
    "attendance_by_year_chart",
    "attendance_chart",
    "caption_of",
    "comparison_bars",
    "comparison_intervals",
    "decision_rules_chart",
    "empty_figure",
    "escape",
    "facilitation_chart",
    "flows_sankey",
    "hours_chart",
    "inclusion_chart",
    "lorenz_chart",
    "network_layout",
    "network_map",
    "open_events_chart",
    "ostrom_comparison",
    "ostrom_radar",
    "percent_axis",
    "sector_tie_heatmap",
    "share_bars",
    "support_chart",
    "time_panels",
    "turnout_chart",
    "with_caption",
]
