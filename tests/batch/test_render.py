"""Batch rendering: failure isolation, atomic writes, determinism, the index, HTML escaping, Dask.

Failure isolation runs a tiny notebook (no heavy imports) on cases made to
fail in each way the issue names: an invalid case, a notebook that raises, a
timeout, a kernel that dies. Determinism and escaping render the real report
notebook on ``tests/data/render-cases/hostile-names``, whose names, titles,
labels and evidence carry HTML.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import typer
from typer.testing import CliRunner

from commons_analysis.batch.render import render_cases
from commons_analysis.cli.main import app as cli_app
from commons_analysis.core import files
from commons_analysis.core.files import atomic_write_text

ROOT = Path(__file__).resolve().parents[2]
RENDER_CASES = ROOT / "tests" / "data" / "render-cases"
HOSTILE = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.slow

TINY_NOTEBOOK = """\
import os, time
from IPython.display import display
if case_id == "boom":
    raise RuntimeError("boom in the notebook")
if case_id == "slow":
    time.sleep(600)
if case_id == "dead":
    os.kill(os.getpid(), 9)
from commons_analysis.ingest.loading import load_case, resolve_case
load_case(resolve_case(case_id, __import__("pathlib").Path(data_dir)))  # as open_report: the case's one load
entry = {"case_id": case_id, "title": {"fr": "Titre " + case_id, "en": "Title " + case_id}, "headlines": {}}
html = {"text/html": "<p>report of " + case_id + "</p>"}
display(html, raw=True)
class Report:  # what the batch asks of a report's kernel: report.index_entry()
    def index_entry(self):
        return entry
report = Report()
"""

VALID_CASE = {
    "case.yaml": "id: {id}\ntitle: {{fr: Cas {id}, en: Case {id}}}\ndata_status: documented\n",
    "actors.csv": "actor_id,name,sector\na,Alpha,public\nb,Beta,sse\n",
    "relations.csv": "source,target,type\na,b,funding\n",
}


def write_case(data_dir: Path, case_id: str, files: dict[str, str] | None = None) -> Path:
    """A case folder under ``data_dir`` (valid unless ``files`` says otherwise)."""
    folder = data_dir / case_id
    folder.mkdir(parents=True)
    for name, text in (files or VALID_CASE).items():
        (folder / name).write_text(text.format(id=case_id), encoding="utf-8")
    return folder


def tiny_notebook(path: Path) -> Path:
    """A report notebook with a ``parameters`` cell and one cell that fails on purpose for some case ids."""
    parameters = nbformat.v4.new_code_cell(
        'case_id = "x"\ndata_dir = "."\nlang = "fr"\nmin_cell = 5\nseed = 0'
    )
    parameters.metadata["tags"] = ["parameters"]
    notebook = nbformat.v4.new_notebook(cells=[parameters, nbformat.v4.new_code_cell(TINY_NOTEBOOK)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def cli(*args: str) -> typer.testing.Result:
    return CliRunner().invoke(cli_app, ["render", *args])


def links(index: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', index.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Failure isolation
# ---------------------------------------------------------------------------


def test_one_failing_case_never_stops_the_others(tmp_path: Path) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports" / "en"  # render writes reports/<lang>/
    for case_id in ("good-a", "good-b", "boom", "slow", "dead"):
        write_case(data, case_id)
    write_case(
        data, "broken", {**VALID_CASE, "actors.csv": "actor_id,name,sector\na,Alpha,nowhere\nb,Beta,sse\n"}
    )
    out.mkdir(parents=True)
    (out / "boom.html").write_text("<p>an old report of boom</p>")  # only a complete new report replaces it
    notebook = tiny_notebook(tmp_path / "tiny.ipynb")

    started = time.monotonic()
    result = cli("--all", "--data-dir", str(data), "--out", str(out.parent), "--lang", "en", "--jobs", "2",
                 "--timeout", "15", "--notebook", str(notebook))  # fmt: skip
    elapsed = time.monotonic() - started

    assert result.exit_code == 1, result.output
    assert "2 report(s) rendered, 4 failed." in result.stdout
    reasons = dict(
        line.strip().split(": ", 1) for line in result.stderr.splitlines() if line.startswith("  ")
    )
    assert set(reasons) == {"boom", "broken", "dead", "slow"}
    assert reasons["boom"] == "the notebook raised an error: RuntimeError: boom in the notebook"
    assert (
        reasons["broken"].startswith("invalid case: ")
        and "actors.csv:2: column 'sector'" in reasons["broken"]
    )
    assert reasons["slow"] == "timed out (15 s)"
    assert reasons["dead"] == "the kernel died"
    assert elapsed < 120, "the slow case must be stopped at its timeout, not waited for"

    assert sorted(p.name for p in out.glob("*.html")) == [
        "boom.html", "comparison.html", "good-a.html", "good-b.html", "index.html"
    ]  # fmt: skip
    assert (out / "boom.html").read_text() == "<p>an old report of boom</p>"  # issue 19: never deleted
    assert (out / "boom.failed.ipynb").is_file()  # the partial notebook, kept to debug, never as a report
    assert "RuntimeError" in (out / "boom.failed.ipynb").read_text()
    assert "report of good-a" in (out / "good-a.html").read_text()
    assert json.loads((out / "good-b.json").read_text())["title"]["en"] == "Title good-b"
    assert not list(out.glob(".*.tmp")), "no temporary file is left behind"

    index = out / "index.html"
    assert links(index) == ["comparison.html", "good-a.html", "good-b.html"]
    text = index.read_text()
    for case_id in ("boom", "broken", "dead", "slow"):
        assert f"<td>{case_id}</td>" in text
    assert "timed out (15 s)" in text


def test_a_case_that_is_not_a_folder_is_reported_not_raised(tmp_path: Path) -> None:
    summary = render_cases(["no-such-case", "../etc"], data_dir=tmp_path, out=tmp_path / "out", lang="en",
                           notebook=tiny_notebook(tmp_path / "tiny.ipynb"))  # fmt: skip
    assert [r.case_id for r in summary.failed] == ["../etc", "no-such-case"]
    assert summary.failed[1].reason.startswith("case folder not found")
    assert "is not a case id" in summary.failed[0].reason
    assert (tmp_path / "out" / "index.html").is_file()


def test_messages_follow_the_environment_and_pages_the_report_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --lang: what is printed follows the environment, the pages are in French (issue 9 review)."""
    data, out = tmp_path / "cases", tmp_path / "reports" / "fr"
    write_case(data, "good-a")
    write_case(data, "broken", {**VALID_CASE, "actors.csv": "actor_id,name,sector\na,Alpha,nowhere\n"})
    notebook = tiny_notebook(tmp_path / "tiny.ipynb")
    english = {"LANG": "en_GB.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    args = ["render", "good-a", "broken", "--data-dir", str(data), "--out", str(out.parent), "--jobs", "1",
            "--notebook", str(notebook)]  # fmt: skip
    result = CliRunner().invoke(cli_app, args, env=english)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "1 report(s) rendered, 1 failed."
    failure = next(line for line in result.stderr.splitlines() if line.startswith("  broken"))
    assert failure.startswith("  broken: invalid case: ") and "actors.csv:2: column 'sector': " in failure
    # French spacing: a narrow no-break space before ":" (read here as a space)
    index = (out / "index.html").read_text(encoding="utf-8").replace("\u202f", " ").replace("\xa0", " ")
    assert (
        '<html lang="fr">' in index
        and "cas invalide : " in index
        and "colonne &#x27;sector&#x27; : " in index
    )
    assert "invalid case" not in index
    # and the other way round, with the progress bar
    summary = render_cases(["broken", "nowhere"], data_dir=data, out=out, lang="en", message_lang="fr",
                           notebook=notebook, progress=True)  # fmt: skip
    assert "Rendu" in capsys.readouterr().err
    reasons = {r.case_id: (r.reason, r.reason_in("fr").replace("\u202f", " ")) for r in summary.failed}
    assert reasons["nowhere"] == (
        "case folder not found: cases/nowhere",
        "dossier de cas introuvable : cases/nowhere",
    )
    french = reasons["broken"][1].replace("\u202f", " ")  # French spacing before the colons
    assert french.startswith("cas invalide : cases/broken/actors.csv:2: colonne 'sector' : ")


def test_no_path_of_the_machine_in_notebooks_reasons_or_pages(tmp_path: Path) -> None:
    """A project as the bundled one: notebooks/ and data/cases/ beside pyproject.toml (issue 9 review)."""
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    data, out = project / "data" / "cases", project / "reports"
    write_case(data, "good-a")
    write_case(data, "broken", {**VALID_CASE, "actors.csv": "actor_id,name,sector\na,Alpha,nowhere\n"})
    notebook = tiny_notebook(project / "notebooks" / "tiny.ipynb")
    summary = render_cases(all_cases=True, data_dir=data, out=out, lang="en", jobs=1, notebook=notebook,
                           comparison_notebook=notebook)  # fmt: skip
    assert [r.case_id for r in summary.failed] == ["broken"]
    assert summary.failed[0].reason.startswith(
        "invalid case: data/cases/broken/actors.csv:2: column 'sector'"
    )
    executed = nbformat.reads((out / "good-a.ipynb").read_text(encoding="utf-8"), as_version=4)
    injected = next(cell for cell in executed.cells if cell.id == "injected-parameters")
    assert 'data_dir = "../data/cases"' in injected.source  # from notebooks/, where the kernel runs
    assert executed.metadata["papermill"]["parameters"]["data_dir"] == "../data/cases"
    assert "report of good-a" in (out / "good-a.html").read_text(encoding="utf-8")  # it found the case
    for page in out.iterdir():
        assert str(tmp_path) not in page.read_text(encoding="utf-8"), page.name


def test_cli_without_case_says_so(tmp_path: Path) -> None:
    result = cli("--out", str(tmp_path))
    assert result.exit_code == 2
    assert "--all" in result.stderr


# ---------------------------------------------------------------------------
# Atomic writes
# ---------------------------------------------------------------------------


def test_atomic_write_keeps_the_old_file_when_the_move_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "case.html"
    target.write_text("the good report")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, "a new report")
    assert target.read_text() == "the good report"
    assert list(tmp_path.iterdir()) == [target], "the temporary file is removed"


def test_atomic_write_survives_an_interrupt_while_writing(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "case.html"
    target.write_text("the good report")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "half of a new rep")
    assert target.read_text() == "the good report"
    assert list(tmp_path.iterdir()) == [target]


def test_killing_a_render_never_leaves_a_half_written_report(tmp_path: Path) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports" / "fr"
    write_case(data, "good-a")
    out.mkdir(parents=True)
    old = "<!DOCTYPE html><p>the good report of an earlier run</p></html>\n"
    (out / "good-a.html").write_text(old)
    notebook = tiny_notebook(tmp_path / "tiny.ipynb")
    command = [sys.executable, "-m", "commons_analysis.cli.main", "render", "good-a",
               "--data-dir", str(data), "--out", str(out.parent),
               "--notebook", str(notebook), "--jobs", "1"]  # fmt: skip
    for delay in (0.5, 2.5):
        process = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        text = (out / "good-a.html").read_text()
        assert text == old or (text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n"))
        assert "report of" in text or text == old
        visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        assert all(name.endswith((".html", ".ipynb", ".json", ".js")) for name in visible)


# ---------------------------------------------------------------------------
# The real report: determinism, escaping, weight, offline
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hostile case rendered twice, in two folders, by two batches."""
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second")
    for out in (first, second):
        summary = render_cases(
            ["hostile-names"], data_dir=RENDER_CASES, out=out, lang="fr", jobs=1, timeout=300
        )
        assert summary.ok, [r.reason for r in summary.failed]
    return first, second


def _without_render_moment(text: str) -> str:
    text = re.sub(r'<time class="ca-render-date"[^>]*>[^<]*</time>', "<time/>", text)
    # the code's commit can move between two renderings while others commit: it is an input, not noise
    return re.sub(r'<code class="ca-commit">[^<]*</code>', "<code/>", text)


def test_identical_inputs_give_identical_reports_apart_from_the_date(
    hostile_reports: tuple[Path, Path],
) -> None:
    first, second = hostile_reports
    a = (first / "hostile-names.html").read_text()
    b = (second / "hostile-names.html").read_text()
    assert 'class="ca-render-date"' in a
    assert _without_render_moment(a) == _without_render_moment(b)
    divs = re.findall(r"<div[^>]*plotly-graph-div[^>]*>", a)
    ids = [re.search(r'id="([^"]+)"', div).group(1) for div in divs]
    assert ids == [f"ca-fig-{i}" for i in range(1, len(ids) + 1)] and len(ids) >= 12
    assert json.loads((first / "hostile-names.json").read_text()) == json.loads(
        (second / "hostile-names.json").read_text()
    )


def test_case_data_is_escaped_everywhere(hostile_reports: tuple[Path, Path]) -> None:
    out, _ = hostile_reports
    for page in ("hostile-names.html", "index.html"):
        text = (out / page).read_text()
        assert "<img src=x" not in text, page
        assert "<script>alert" not in text, page
        assert 'href="javascript:' not in text, page
    report = (out / "hostile-names.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in report  # the person's name, shown (show_names: true)
    assert "Cas &lt;b&gt;hostile&lt;/b&gt;" in report  # the title
    assert "javascript:alert(8)" in report  # a non-http source stays text, not a link
    assert 'href="https://example.org/seed?a=1&amp;b=2"' in report
    assert "&lt;img src=x onerror=alert(3)&gt;" in (out / "index.html").read_text()


def test_reports_are_light_offline_and_share_one_plotly(hostile_reports: tuple[Path, Path]) -> None:
    out, _ = hostile_reports
    report = (out / "hostile-names.html").read_text()
    assert len(report.encode()) < 1_000_000
    assert report.count("<script src=") == 1 and '<script src="plotly.min.js"' in report
    assert "cdn" not in report.lower() and "https://cdn" not in report
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', report), (
        "nothing loaded from the internet"
    )
    assert (out / "plotly.min.js").stat().st_size > 1_000_000
    assert "def " not in report and "open_report(" not in report, "no code cell in the report"
    assert report.count('class="plotly-graph-div"') >= 12


def test_index_links_every_report_with_its_headline_figures(hostile_reports: tuple[Path, Path]) -> None:
    out, _ = hostile_reports
    index = out / "index.html"
    assert links(index) == ["hostile-names.html"]
    for link in links(index):
        assert (out / link).is_file()
    text = index.read_text()
    assert ">10<" in text  # network.actors of the hostile case
    assert "illustratif" in text


# ---------------------------------------------------------------------------
# Dask
# ---------------------------------------------------------------------------


def test_the_same_jobs_run_on_a_dask_cluster(tmp_path: Path) -> None:
    from distributed import LocalCluster

    data, out = tmp_path / "cases", tmp_path / "reports"
    for case_id in ("good-a", "boom"):
        write_case(data, case_id)
    notebook = tiny_notebook(tmp_path / "tiny.ipynb")
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=":0") as cluster:
        summary = render_cases(["good-a", "boom"], data_dir=data, out=out, lang="en", timeout=60,
                               scheduler=cluster.scheduler_address, notebook=notebook)  # fmt: skip
    assert [r.case_id for r in summary.failed] == ["boom"]
    assert (out / "good-a.html").is_file() and not (out / "boom.html").exists()
    assert links(out / "index.html") == ["good-a.html"]


def test_render_on_a_copy_of_the_data(tmp_path: Path) -> None:
    """A case given as a folder path renders like one given by id."""
    folder = shutil.copytree(RENDER_CASES / "hostile-names", tmp_path / "hostile-names")
    summary = render_cases(
        [str(folder)], out=tmp_path / "out", notebook=tiny_notebook(tmp_path / "tiny.ipynb")
    )
    assert summary.ok and (tmp_path / "out" / "hostile-names.html").is_file()


def test_a_new_case_with_one_actor_and_nothing_else_renders(tmp_path: Path) -> None:
    """README step 4 on a case just begun: no relations, events or decisions yet; every chart says so."""
    from commons_analysis.ingest.templates import new_case

    data, out = tmp_path / "cases", tmp_path / "reports"
    folder = new_case("just-begun", data)
    (folder / "actors.csv").write_text("actor_id,name,sector\nasso,Association,sse\n", encoding="utf-8")
    summary = render_cases(["just-begun"], data_dir=data, out=out, lang="en", jobs=1, timeout=300)
    assert summary.ok, [(r.case_id, r.reason) for r in summary.failed]
    assert "Association" in (out / "just-begun.html").read_text(encoding="utf-8")
