"""Reports: the case report, the comparison and the explorer, built from the tidy frames of ``analysis``.

``catalogue`` (every indicator: labels, format, perspective, headline), ``text``
(every string, fr/en, and how numbers are written), ``palette`` (colours),
``plots`` (plotly figures), ``blocks`` (what a cell displays, with ``.data`` and
``.figure``), ``page`` (stylesheet and HTML page), ``case_report``,
``comparison_report``, ``compare`` (rows of ``commons-analysis compare``),
``explore`` (the JupyterLab explorer).

Plots never compute indicators: every number comes from ``analysis``. May import every layer below
(``core``, ``model``, ``ingest``, ``analysis``, ``publishing``).
"""
