"""Batch rendering: one HTML report per case and the comparison of the cases, in parallel.

:func:`render_cases` (``commons-analysis render [CASE…|--all]``):

1. **plans** the jobs (:func:`~commons_analysis.batch.jobs.plan_jobs`): a case
   argument that names no folder fails at once; ``--all`` on a folder without
   any case is an error, not an empty batch;
2. with ``--scheduler``, **checks** that the Dask scheduler answers and has a
   worker (:func:`~commons_analysis.batch.cluster.connect`), before anything is
   written: a scheduler out of reach leaves the output folder as it was;
3. **runs** the jobs with an :class:`~commons_analysis.batch.executor.Executor`,
   one code path whether they run in worker processes
   (:class:`~commons_analysis.batch.processes.ProcessExecutor`) or on the cluster
   (:class:`~commons_analysis.batch.cluster.DaskExecutor`): each case is
   executed in a fresh kernel, which loads it (once: the worker does not), and
   converted to a page; the worker returns a
   :class:`~commons_analysis.batch.results.RenderResult` with the page, the
   index entry its kernel gave, and its timings
   (:mod:`~commons_analysis.batch.jobs`, :mod:`~commons_analysis.batch.kernels`);
   with ``--all``, ``notebooks/comparison.ipynb`` is rendered too;
4. **writes** ``<id>.ipynb``, ``<id>.html`` and ``<id>.json`` (the result's index
   entry) as each result comes, ``comparison.html``, then ``index.html``
   (:mod:`~commons_analysis.batch.index`), every file atomically
   (:func:`~commons_analysis.core.files.atomic_write_text`), with
   ``plotly.min.js`` written once into the folder for every page to load;
5. in several languages (:func:`render_languages`, ``render --lang fr,en``), one
   such folder per language, ``out/<lang>/``, then ``out/index.html`` listing
   them (:mod:`~commons_analysis.batch.languages`).

One failing case never stops the others. A case that is invalid, raises,
times out, whose kernel or worker dies, is listed in the closing summary and
in the index with its reason; it gets no new HTML, its partial notebook is
kept as ``<id>.failed.ipynb``, and a report left from an earlier run is kept
too (only a complete new report replaces one; the index says it is an
earlier one). It is left out of the comparison, which names it. The command
exits 1 if any case, or the comparison, failed.

The comparison runs alongside the cases, as if every case were to render (the
usual outcome), so that it adds its own work but no wait at the end; when a
case fails, it runs once more without that case.

Identical inputs give identical reports apart from the render date: figure ids
are numbered, layouts seeded, kernels run with ``PYTHONHASHSEED=0``.

Measured on the six bundled cases (``benchmarks/bench_render.py``, 2 cores
shared with other work): a shell loop of ``papermill`` then ``jupyter
nbconvert`` per page takes about 53 s, ``render --all --jobs 2`` about 16 s
(ratio 0.30), the comparison (about 2 s of work) included.

Example
-------
>>> import tempfile
>>> summary = render_cases(["no-such-case"], data_dir=tempfile.mkdtemp(), out=tempfile.mkdtemp(), lang="en")
>>> [(result.case_id, result.reason.split(":")[0]) for result in summary.failed]
[('no-such-case', 'case folder not found')]
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from commons_analysis.analysis.uncertainty import BOOTSTRAP, PERMUTATIONS
from commons_analysis.batch.cluster import DaskExecutor
from commons_analysis.batch.executor import Executor
from commons_analysis.batch.index import index_html
from commons_analysis.batch.jobs import ComparisonJob, Job, plan_jobs
from commons_analysis.batch.languages import language_folder, top_index_html
from commons_analysis.batch.notebooks import COMPARISON_NOTEBOOK, REPORT_NOTEBOOK, default_notebook
from commons_analysis.batch.processes import ProcessExecutor
from commons_analysis.batch.results import COMPARISON, INDEX, RenderResult, RenderSummary
from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, DEFAULT_SEED, MIN_CELL
from commons_analysis.core.files import atomic_write_bytes, atomic_write_text, remove_stale_temporaries
from commons_analysis.core.messages import resolve_language
from commons_analysis.core.settings import PAGE_TIMEOUT, RenderSettings
from commons_analysis.reporting.text import t

#: The folder of the reports, relative to the project root (``render --out``).
REPORTS_DIR = Path("reports")


def write_result(result: RenderResult, out: Path) -> None:
    """Write a page's files, each staged then renamed; a failure keeps the earlier page, and its notebook.

    A report is only ever replaced by a complete new one: a failure (of the
    case, of its worker, of the batch) never deletes the page of an earlier
    run, which the index then marks as kept (:mod:`~commons_analysis.batch.index`).
    """
    name = result.case_id
    if result.ok and result.html is not None:
        atomic_write_text(out / f"{name}.ipynb", result.notebook or "")
        if result.entry is not None:
            atomic_write_text(out / f"{name}.json", json.dumps(result.entry, ensure_ascii=False, indent=1))
        atomic_write_text(out / f"{name}.html", result.html)
        with contextlib.suppress(FileNotFoundError):
            (out / f"{name}.failed.ipynb").unlink()
        return
    if result.notebook:
        atomic_write_text(out / f"{name}.failed.ipynb", result.notebook)


def write_plotly_js(out: Path) -> Path:
    """Write plotly.js once into the report folder (every page loads it from there, offline)."""
    from plotly.offline import get_plotlyjs

    from commons_analysis.reporting.page import PLOTLY_JS

    target = out / PLOTLY_JS
    data = get_plotlyjs().encode("utf-8")
    if not target.is_file() or target.stat().st_size != len(data) or target.read_bytes() != data:
        atomic_write_bytes(target, data)
    return target


def _notebook(path: Path | str | None, name: str, lang: str) -> Path:
    """The notebook to execute: ``path``, else the project's ``notebooks/NAME``; it must exist."""
    notebook = Path(path) if path is not None else default_notebook(name)
    if not notebook.is_file():
        raise FileNotFoundError(t("batch.render.notebook_missing", lang, path=notebook))
    return notebook


def render_cases(
    cases: Sequence[str] = (),
    *,
    all_cases: bool = False,
    data_dir: Path | str = DEFAULT_DATA_DIR,
    out: Path | str = REPORTS_DIR,
    lang: str = DEFAULT_LANG,
    jobs: int | None = None,
    timeout: float = PAGE_TIMEOUT,
    scheduler: str | None = None,
    min_cell: int = MIN_CELL,
    seed: int = DEFAULT_SEED,
    permutations: int = PERMUTATIONS,
    bootstrap: int = BOOTSTRAP,
    notebook: Path | str | None = None,
    comparison: bool | None = None,
    comparison_notebook: Path | str | None = None,
    progress: bool | None = None,
    message_lang: str | None = None,
    settings: RenderSettings | None = None,
    langs: Sequence[str] = (),
    executor: Executor | None = None,
) -> RenderSummary:
    """Render cases to ``out`` (see the module docstring); the Python face of ``commons-analysis render``.

    ``settings``: the render's :class:`~commons_analysis.core.settings.RenderSettings`
    (as the command line builds them); without it, they are made from ``data_dir``,
    ``lang``, ``jobs``, ``timeout``, ``min_cell``, ``seed``, ``permutations`` and
    ``bootstrap``, and checked (:class:`~commons_analysis.core.settings.SettingsError`
    for a value out of bounds, before anything is written).
    ``lang`` is the language of the pages (reports, comparison, index, and the
    reasons they give); ``message_lang`` that of what is said on the terminal:
    the progress bar and the errors raised (default: as the command line's
    messages, the environment's language, else English:
    :func:`~commons_analysis.core.messages.resolve_language`); each result's
    :meth:`~commons_analysis.batch.results.RenderResult.reason_in` gives its reason in either.
    ``permutations`` and ``bootstrap``: the draws of the uncertainty figures
    (:func:`~commons_analysis.analysis.indicators.compute_indicators`; 0 turns them off).
    ``comparison`` (default: with ``all_cases``) renders ``comparison.html``
    from ``comparison_notebook`` (default ``notebooks/comparison.ipynb``) on
    every case of ``data_dir``. ``progress`` shows a progress bar on stderr
    (default: when stderr is a terminal). Raises, before writing anything,
    :class:`~commons_analysis.core.errors.CaseError` when ``all_cases`` finds no
    case and :class:`~commons_analysis.batch.cluster.SchedulerError` when the
    scheduler cannot run the jobs. ``langs``: the languages of a render in several
    (:func:`render_languages`), for the bar of links that opens every page; none: no bar.
    ``executor``: where the jobs run (:class:`~commons_analysis.batch.executor.Executor`;
    default: a :class:`~commons_analysis.batch.cluster.DaskExecutor` with ``scheduler``,
    else a :class:`~commons_analysis.batch.processes.ProcessExecutor` of ``jobs`` workers);
    one given is the caller's to close.
    """
    if settings is None:
        settings = RenderSettings(
            data_dir=Path(data_dir), lang=lang, jobs=jobs, timeout=timeout, min_cell=min_cell, seed=seed,
            permutations=permutations, bootstrap=bootstrap,
        )  # fmt: skip
    lang = settings.lang
    t("reporting.report.title", lang)  # an unknown language fails here, not in every worker
    said = resolve_language(message_lang)
    out = Path(out)
    report_notebook = _notebook(notebook, REPORT_NOTEBOOK, said)
    compare = all_cases if comparison is None else comparison
    planned, failures = plan_jobs(
        list(cases), all_cases=all_cases, notebook=report_notebook, settings=settings
    )
    langs = tuple(langs)
    planned = [dataclasses.replace(job, langs=langs) for job in planned]
    comparison_job = None
    if compare:
        comparison_job = ComparisonJob(
            notebook=str(_notebook(comparison_notebook, COMPARISON_NOTEBOOK, said).resolve()),
            settings=dataclasses.replace(settings, data_dir=settings.data_dir.resolve()),
            langs=langs,
        )
    ours = executor is None
    if executor is None:
        executor = (
            DaskExecutor.connect(scheduler, timeout=settings.timeout, lang=said)
            if scheduler and planned
            else ProcessExecutor(workers=settings.jobs or os.cpu_count() or 1)
        )
    try:
        return _render(planned, failures, comparison_job, executor, out, (lang, langs), said, progress)
    finally:
        if ours:
            executor.close()


def _render(
    planned: Sequence[Job],
    failures: list[RenderResult],
    comparison_job: ComparisonJob | None,
    executor: Executor,
    out: Path,
    languages: tuple[str, tuple[str, ...]],
    message_lang: str,
    progress: bool | None,
) -> RenderSummary:
    """Run the planned jobs with ``executor`` (local or Dask alike), writing each page, then the index.

    ``languages``: that of the pages, and those of the render (for the index's bar of links);
    ``message_lang``: that of the progress bar.
    """
    lang, langs = languages
    from tqdm import tqdm

    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    write_plotly_js(out)
    summary = RenderSummary(results=list(failures))
    speculative: list[RenderResult] = []
    total = len(planned) + (comparison_job is not None and bool(planned))
    bar = tqdm(total=total, desc=t("batch.render.progress", message_lang), unit="page",
               disable=progress is False or (progress is None and not sys.stderr.isatty()),
               file=sys.stderr)  # fmt: skip

    def on_result(result: RenderResult) -> None:
        if result.case_id == COMPARISON:  # written once every case is known (see below)
            speculative.append(result)
        else:
            write_result(result, out)
            summary.results.append(result)
        bar.set_postfix_str(result.case_id, refresh=False)
        bar.update(1)

    try:
        if planned:
            executor.map([*planned, *([comparison_job] if comparison_job is not None else [])], on_result)
        if comparison_job is not None and speculative:
            left_out = tuple(
                (r.case_id, r.reason or "") for r in sorted(summary.failed, key=lambda r: r.case_id)
            )
            if left_out:  # the first run compared cases that then failed: once more, without them
                bar.total += 1
                speculative.clear()
                executor.map([dataclasses.replace(comparison_job, left_out=left_out)], on_result)
            summary.comparison = speculative[-1]
            write_result(summary.comparison, out)
    finally:
        bar.close()
        summary.results.sort(key=lambda r: r.case_id)
        summary.index = atomic_write_text(
            out / "index.html", index_html(out, summary.failed_pages, lang, langs)
        )
    return summary


def render_languages(
    cases: Sequence[str] = (),
    *,
    langs: Sequence[str],
    out: Path | str = REPORTS_DIR,
    settings: RenderSettings | None = None,
    **options: Any,
) -> dict[str, RenderSummary]:
    """Render the cases in every language of ``langs``, each into ``out/<lang>/``, then ``out/index.html``.

    Each language is a batch of :func:`render_cases` (``options`` are its
    own: ``all_cases``, ``scheduler``, ``message_lang``…) into its own folder
    (:func:`~commons_analysis.batch.languages.language_folder`), its pages
    opened by a bar of links to their index and to the same page in the other
    languages; one language never writes into another's folder. The top index
    lists every language folder of ``out`` that has an index
    (:func:`~commons_analysis.batch.languages.top_index_html`), written even when a batch raised.
    The languages run one after the other, each on every worker. Returns each language's summary.
    """
    if settings is None:  # from the options that are settings (data_dir, jobs, timeout…), as render_cases
        fields = {field.name for field in dataclasses.fields(RenderSettings)}
        settings = RenderSettings(**{name: options.pop(name) for name in fields & set(options)})
    langs = tuple(langs)
    summaries: dict[str, RenderSummary] = {}
    try:
        for lang in langs:
            folder = language_folder(Path(out), lang)
            summaries[lang] = render_cases(
                cases, out=folder, settings=settings.replace(lang=lang), langs=langs, **options
            )
    finally:
        if summaries:
            atomic_write_text(Path(out) / f"{INDEX}.html", top_index_html(Path(out)))
    return summaries


__all__ = [
    "REPORTS_DIR",
    "RenderSummary",
    "render_cases",
    "render_languages",
    "write_plotly_js",
    "write_result",
]
