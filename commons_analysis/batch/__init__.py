"""Rendering many reports: one page per case and the comparison, in parallel, never hanging.

Modules, each importing only those after it: ``render`` (the orchestration,
:func:`~commons_analysis.batch.render.render_cases`); ``processes`` | ``cluster``
(where jobs run: worker processes of this machine, or a Dask cluster); ``jobs``
(what to render, and how a worker renders it); ``index`` (the index page);
``notebooks`` (parameters, conversion to a page); ``kernels`` (the kernel pool);
``results`` (what a job gives back). No command-line code: that is ``cli``.

May import every layer below (down to ``reporting``).
"""
