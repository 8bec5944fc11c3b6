"""The notebooks: stored without outputs, thin but for recipes, and executed by nbval on the bundled cases.

``case_report.ipynb`` runs once per bundled case (a copy with the case's
parameters injected as papermill does), ``comparison.ipynb`` and
``explore.ipynb`` as stored. nbval runs in a child pytest (``--nbval-lax``:
a cell passes when it raises nothing), so that ``make test`` runs them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from commons_analysis.batch.notebooks import inject_parameters, read_notebook

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BUNDLED = sorted(folder.parent.name for folder in (ROOT / "data" / "cases").glob("*/case.yaml"))
#: The tag of a cell that shows how to write an analysis with the package (docs/design.md §Notebooks).
RECIPE = "recipe"


def test_the_three_notebooks_exist() -> None:
    assert [path.name for path in NOTEBOOKS] == ["case_report.ipynb", "comparison.ipynb", "explore.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs_and_stay_thin(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    for cell in code[1:]:
        if RECIPE in cell["metadata"].get("tags", []):
            continue  # a recipe shows how to write the analysis (test_recipes_come_before_their_blocks)
        lines = [line for line in "".join(cell["source"]).splitlines() if line.strip()]
        assert len(lines) <= 3, f"a cell calls the package, it does not hold logic: {lines}"
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":  # notes for editors only; report text lives in text.py
            assert "remove_cell" in cell["metadata"].get("tags", [])


@pytest.mark.parametrize(
    ("name", "packaged"),
    [("case_report.ipynb", "report.section("), ("comparison.ipynb", "comparison.perspective(")],
)
def test_recipes_come_before_their_blocks_and_stay_out_of_the_report(name: str, packaged: str) -> None:
    """Under each perspective, a recipe (load, compute, draw) then the packaged section call."""
    cells = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    recipes = [i for i, cell in enumerate(code) if RECIPE in cell["metadata"].get("tags", [])]
    assert len(recipes) == 3, "one recipe per perspective"
    for index in recipes:
        recipe, tags = "".join(code[index]["source"]), code[index]["metadata"]["tags"]
        assert {"remove_cell", "skip-execution"} <= set(tags), "the batch skips it, the page leaves it out"
        assert "commons_analysis.analysis" in recipe, "it computes with the package's analysis functions"
        assert "plots." in recipe.splitlines()[-1], "its last line draws the figure, shown in JupyterLab"
        assert "".join(code[index + 1]["source"]).startswith(packaged), "the packaged block follows"
    first = "".join(code[recipes[0]]["source"])
    assert "load_case" in first, "the first recipe loads the data"
    if name == "case_report.ipynb":  # a report's recipe shows persons as the report does
        assert "display_case(load_case(" in first


@pytest.mark.slow
def test_nbval_executes_every_notebook_on_the_bundled_cases(tmp_path: Path) -> None:
    assert BUNDLED, "no bundled case"
    copies = []
    for case_id in BUNDLED:
        notebook = inject_parameters(
            read_notebook(ROOT / "notebooks" / "case_report.ipynb"),
            {"case_id": case_id, "data_dir": str(ROOT / "data" / "cases"), "lang": "en"},
        )
        copy = tmp_path / f"case_report-{case_id}.ipynb"
        nbformat.write(notebook, copy)
        copies.append(str(copy))
    command = [
        sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
        "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
        str(ROOT / "notebooks" / "comparison.ipynb"), str(ROOT / "notebooks" / "explore.ipynb"), *copies,
    ]  # fmt: skip
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    assert " passed" in completed.stdout and "failed" not in completed.stdout
