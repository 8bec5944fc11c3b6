"""Reports: the case report, the comparison and the explorer, built from the tidy frames of ``analysis``.

``catalogue`` (every indicator: labels, format, perspective, headline), ``text``
(every string, fr/en, and how numbers are written), ``palette`` (colours),
``plots`` (plotly figures, one module per perspective), ``blocks`` (what a cell
displays, with ``.data`` and ``.figure``), ``templating`` (the Jinja templates
of ``commons_analysis/templates``), ``page`` (stylesheet and HTML page),
``context`` (what a report may show: the case as shown, the published figures),
``sections`` (the report, one module per perspective, each a function of the
context), ``case_report`` (the notebook's entry point), ``comparison_report``,
``compare`` (rows of ``commons-analysis compare``), ``explore`` (the JupyterLab
explorer). How they fit: docs/design.md §Report architecture.

Plots never compute indicators: every number comes from ``analysis``. May import every layer below
(``core``, ``model``, ``ingest``, ``analysis``, ``publishing``).
"""
