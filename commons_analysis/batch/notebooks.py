"""The report notebooks: found, given their parameters as papermill does, and converted to report pages.

A notebook is read as papermill reads it, its parameters injected in a cell
tagged ``injected-parameters`` after the cell tagged ``parameters``
(:func:`inject_parameters`), so that an executed report opens in JupyterLab
exactly like one papermill made. Once executed, it becomes a page without
code cells, stderr or editors' notes (:func:`notebook_to_html`) that loads the
``plotly.min.js`` shared by the report folder.

Example
-------
>>> notebook = inject_parameters(read_notebook(default_notebook(COMPARISON_NOTEBOOK)), {"lang": "en"})
>>> [cell.source.splitlines()[-1] for cell in notebook.cells if cell.id == "injected-parameters"]
['lang = "en"']
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from commons_analysis.batch.kernels import KERNEL_NAME
from commons_analysis.core.defaults import DEFAULT_LANG

#: The notebook rendered once per case.
REPORT_NOTEBOOK = "case_report.ipynb"
#: The notebook that puts the cases side by side.
COMPARISON_NOTEBOOK = "comparison.ipynb"
#: Cells tagged so are left out of the HTML (notes for whoever edits the notebook).
REMOVE_TAG = "remove_cell"
#: The project's notebooks folder, beside the package.
_PROJECT_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def default_notebook(name: str = REPORT_NOTEBOOK) -> Path:
    """``notebooks/NAME`` of the project (beside the package), else of the current folder.

    >>> default_notebook().name, default_notebook(COMPARISON_NOTEBOOK).parent.name
    ('case_report.ipynb', 'notebooks')
    """
    beside = _PROJECT_NOTEBOOKS / name
    return beside if beside.is_file() else Path("notebooks") / name


def read_notebook(path: str | os.PathLike[str]) -> Any:
    """A notebook read as papermill reads it (every cell gets ``tags`` and ``papermill`` metadata)."""
    from papermill.iorw import load_notebook_node

    return load_notebook_node(str(path))


def inject_parameters(notebook: Any, parameters: Mapping[str, Any]) -> Any:
    """The notebook with an ``injected-parameters`` cell after the ``parameters`` cell (as papermill does)."""
    from papermill.parameterize import parameterize_notebook

    injected = parameterize_notebook(
        copy.deepcopy(notebook), dict(parameters), kernel_name=KERNEL_NAME, language="python"
    )
    for cell in injected.cells:  # papermill gives the new cell a random id: reports must not differ by it
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    return injected


_EXPORTER: Any = None


def html_exporter() -> Any:
    """The nbconvert HTML exporter (built once per process: loading templates is not free)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(
            template_name="basic",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
    return _EXPORTER


def notebook_to_html(notebook: Any, *, title: str, lang: str = DEFAULT_LANG, nav: str = "") -> str:
    """The executed notebook as a report page: outputs only, no stderr, no cells tagged ``remove_cell``.

    ``nav``: the bar of links that opens the page (safe HTML, :func:`~.languages.nav_html`), if any.
    """
    from commons_analysis.reporting.page import page

    shown = copy.deepcopy(notebook)
    cells = []
    for cell in shown.cells:
        if REMOVE_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                output
                for output in cell.get("outputs", [])
                if not (output.get("output_type") == "stream" and output.get("name") == "stderr")
            ]
        cells.append(cell)
    shown.cells = cells
    body, _ = html_exporter().from_notebook_node(shown)
    return page(title, nav + body, lang)


__all__ = [
    "COMPARISON_NOTEBOOK",
    "REPORT_NOTEBOOK",
    "default_notebook",
    "html_exporter",
    "inject_parameters",
    "notebook_to_html",
    "read_notebook",
]
