"""Reports: strings in both languages, plotly figures of tidy frames, the case report, the comparison.

Plots never compute indicators: every number comes from ``analysis``. May import every layer below
(``core``, ``model``, ``ingest``, ``analysis``, ``publishing``).
"""
