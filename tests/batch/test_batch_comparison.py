"""The comparison rendered with the batch, and ``compare --format table``.

The batch checks run a tiny comparison notebook that writes out the cases it
is asked to compare and those left out, with their reasons, so that what the
batch passes is visible on the page; one check renders the real
``notebooks/comparison.ipynb``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from typer.testing import CliRunner

from commons_analysis.batch.render import render_cases
from commons_analysis.cli.main import app as cli_app

ROOT = Path(__file__).resolve().parents[2]
RENDER_CASES = ROOT / "tests" / "data" / "render-cases"
HOSTILE = "<img src=x onerror=alert(3)>"

TINY_REPORT = """\
from IPython.display import display
if case_id == "boom":
    raise RuntimeError("boom in the notebook")
from commons_analysis.ingest.loading import load_case, resolve_case
load_case(resolve_case(case_id, __import__("pathlib").Path(data_dir)))  # as open_report: the case's one load
entry = {"case_id": case_id, "title": {"fr": case_id, "en": case_id}, "data_status": "documented"}
html = {"text/html": "<p>report of " + case_id + "</p>"}
display(html, raw=True)
class Report:  # what the batch asks of a report's kernel: report.index_entry()
    def index_entry(self):
        return entry
report = Report()
"""

TINY_COMPARISON = """\
import pathlib
from IPython.display import display
if (pathlib.Path(data_dir) / "explode").is_dir():
    raise RuntimeError("the comparison broke")
folders = sorted(path.parent.name for path in pathlib.Path(data_dir).glob("*/case.yaml"))
items = [f'<li class="compared">{name}</li>' for name in folders if name not in left_out]
items += [f'<li class="left-out">{name}: {why}</li>' for name, why in sorted(left_out.items())]
display({"text/html": f'<ul lang="{lang}">' + "".join(items) + "</ul>"}, raw=True)
"""

VALID_CASE = {
    "case.yaml": "id: {id}\ntitle: {{fr: Cas {id}, en: Case {id}}}\ndata_status: documented\n",
    "actors.csv": "actor_id,name,sector\na,Alpha,public\nb,Beta,sse\n",
}

pytestmark = pytest.mark.slow


def write_case(data_dir: Path, case_id: str, actors: str | None = None) -> None:
    folder = data_dir / case_id
    folder.mkdir(parents=True)
    for name, text in VALID_CASE.items():
        (folder / name).write_text(text.format(id=case_id), encoding="utf-8")
    if actors is not None:
        (folder / "actors.csv").write_text(actors, encoding="utf-8")


def notebook(path: Path, parameters: str, code: str) -> Path:
    """A notebook with a ``parameters`` cell and one cell of ``code``."""
    cell = nbformat.v4.new_code_cell(parameters)
    cell.metadata["tags"] = ["parameters"]
    written = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_code_cell(code)])
    written.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(written, path)
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> dict[str, Any]:
    """The tiny report and comparison notebooks."""
    return {
        "notebook": notebook(
            tmp_path / "report.ipynb", 'case_id = "x"\ndata_dir = "."\nlang = "fr"\nmin_cell = 5\nseed = 0',
            TINY_REPORT,
        ),
        "comparison_notebook": notebook(
            tmp_path / "comparison.ipynb",
            'data_dir = "."\nlang = "fr"\nmin_cell = 5\nseed = 0\nleft_out = {}',
            TINY_COMPARISON,
        ),
    }  # fmt: skip


def compared(page: Path) -> tuple[list[str], list[str]]:
    """(cases compared, "case: reason" left out) as the tiny comparison wrote them."""
    text = page.read_text(encoding="utf-8")
    return re.findall(r'<li class="compared">([^<]*)</li>', text), re.findall(
        r'<li class="left-out">([^<]*)</li>', text
    )


def links(index: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', index.read_text(encoding="utf-8"))


def test_cases_that_fail_are_left_out_of_the_comparison_and_named(
    tmp_path: Path, tiny: dict[str, Any]
) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports"
    for case_id in ("good-a", "good-b", "boom"):
        write_case(data, case_id)
    write_case(data, "broken", actors="actor_id,name,sector\na,Alpha,nowhere\n")

    summary = render_cases(all_cases=True, data_dir=data, out=out, lang="en", jobs=2, timeout=60, **tiny)

    assert [r.case_id for r in summary.failed] == ["boom", "broken"]
    assert summary.comparison is not None and summary.comparison.ok and not summary.ok
    names, left_out = compared(out / "comparison.html")
    assert names == ["good-a", "good-b"]
    assert left_out[0] == "boom: the notebook raised an error: RuntimeError: boom in the notebook"
    assert left_out[1].startswith("broken: invalid case: ") and "actors.csv:2: column 'sector'" in left_out[1]
    assert '<ul lang="en">' in (out / "comparison.html").read_text(encoding="utf-8")
    assert "<title>Comparison of the cases</title>" in (out / "comparison.html").read_text(encoding="utf-8")
    assert (out / "comparison.ipynb").is_file() and not (out / "comparison.json").exists()
    assert links(out / "index.html") == ["comparison.html", "good-a.html", "good-b.html"]


def test_when_every_case_renders_every_case_is_compared(tmp_path: Path, tiny: dict[str, Any]) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports"
    for case_id in ("good-a", "good-b"):
        write_case(data, case_id)
    summary = render_cases(all_cases=True, data_dir=data, out=out, lang="fr", jobs=1, timeout=60, **tiny)
    assert summary.ok
    assert compared(out / "comparison.html") == (["good-a", "good-b"], [])


def test_a_failing_comparison_is_reported_and_keeps_the_earlier_page(
    tmp_path: Path, tiny: dict[str, Any]
) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports" / "en"  # render writes reports/<lang>/
    write_case(data, "good-a")
    (data / "explode").mkdir()
    out.mkdir(parents=True)
    (out / "comparison.html").write_text("<p>the comparison of an earlier run</p>", encoding="utf-8")

    result = CliRunner().invoke(
        cli_app,
        ["render", "--all", "--data-dir", str(data), "--out", str(out.parent), "--lang", "en", "--jobs", "1",
         "--notebook", str(tiny["notebook"]), "--comparison-notebook", str(tiny["comparison_notebook"])],
    )  # fmt: skip

    assert result.exit_code == 1, result.output
    assert "1 report(s) rendered, 0 failed." in result.stdout
    reason = "the notebook raised an error: RuntimeError: the comparison broke"
    assert f"  Comparison of the cases: {reason}" in result.stderr
    earlier = "<p>the comparison of an earlier run</p>"
    assert (out / "comparison.html").read_text(encoding="utf-8") == earlier  # issue 19: never deleted
    assert "the comparison broke" in (out / "comparison.failed.ipynb").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert links(out / "index.html") == ["comparison.html", "good-a.html"]
    kept = "(the report of an earlier run is kept)"
    assert f"<tr><td>Comparison of the cases</td><td>{reason} {kept}</td></tr>" in index


def test_cases_named_one_by_one_are_not_compared(tmp_path: Path, tiny: dict[str, Any]) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports"
    write_case(data, "good-a")
    summary = render_cases(["good-a"], data_dir=data, out=out, lang="en", jobs=1, timeout=60, **tiny)
    assert summary.ok and summary.comparison is None
    assert not (out / "comparison.html").exists()
    assert links(out / "index.html") == ["good-a.html"]


def test_all_on_a_folder_without_case_says_so_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    result = CliRunner().invoke(
        cli_app,
        [
            "render",
            "--all",
            "--data-dir",
            str(tmp_path / "cases"),
            "--out",
            str(tmp_path / "out"),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1
    assert "cases: no case folder (with a case.yaml) here" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_real_comparison_draws_every_chart_names_failed_cases_and_escapes_case_data(
    tmp_path: Path,
) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports"
    shutil.copytree(RENDER_CASES / "hostile-names", data / "hostile-names")
    write_case(data, "plain-case")
    write_case(data, "broken-case", actors="actor_id,name,sector\na,Alpha,nowhere\n")
    summary = render_cases(all_cases=True, data_dir=data, out=out, lang="fr", jobs=2, timeout=300)
    assert [r.case_id for r in summary.failed_pages] == ["broken-case"]
    page = (out / "comparison.html").read_text(encoding="utf-8")
    # the case that failed is named with the batch's reason, and compared nowhere
    named = re.findall(
        r"<li><strong>broken-case</strong>: cas invalide\u202f: [^<]*actors.csv:2[^<]*</li>", page
    )
    assert len(named) == 1 and "broken-case" not in page.replace(named[0], "")
    # a bar chart per perspective, and the Ostrom heatmap: all drawn from the shared plotly.js
    assert page.count('class="plotly-graph-div"') >= 4
    assert page.count("<script src=") == 1 and '<script src="plotly.min.js"' in page
    assert "application/vnd.plotly" not in page, "no figure left for a renderer the page does not have"
    assert "open_comparison(" not in page, "no code cell in the page"
    assert HOSTILE not in page and "&lt;img src=x onerror=alert(3)&gt;" in page
    assert "<title>Comparaison des cas</title>" in page


# ---------------------------------------------------------------------------
# compare --format table
# ---------------------------------------------------------------------------


def test_compare_table_gives_one_line_per_indicator_with_hand_checked_values() -> None:
    result = CliRunner().invoke(
        cli_app,
        ["compare", "hostile-names", "--data-dir", str(RENDER_CASES), "--format", "table", "--lang", "en"],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["hostile-names"]
    cells = {line.split()[0]: line.split(None, 1)[1] for line in lines[1:]}
    assert cells["network.actors"] == "10"
    assert cells["participation.records"] == "16"
    assert cells["participation.participants"] == "8"  # p1…p6, city, coop
    assert cells["decisions.rule_shares.consensus"] == "60.0%"  # d1, d4, d5 of 5
    assert cells["assessment.arnstein_rung"] == "6 (Partnership)"
    widths = {len(line) for line in lines[:2]}
    assert len(widths) == 1, "the columns line up"
