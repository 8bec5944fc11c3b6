"""Provenance that pins the software (issue 11, item 3).

Every report and every export records Python's version, the versions of the
packages that compute or draw, and the SHA-256 of the lock file; no path of
the machine is recorded, so that the same case rendered from two copies of the
project gives the same provenance but for the render date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import re
import shutil
from pathlib import Path

import pandas as pd
import plotly
import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.version import __version__
from commons_analysis.ingest.loading import load_case
from commons_analysis.publishing import provenance
from commons_analysis.reporting.case_report import open_report

ROOT = Path(__file__).resolve().parents[2]
#: FIPS 180-2, appendix B.1: SHA-256("abc").
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def project(folder: Path, *files: str) -> Path:
    """A project folder: a ``pyproject.toml`` and the given (empty) files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    for name in files:
        (folder / name).write_bytes(b"")
    return folder


def copy_of_case(case: Path, root: Path) -> Path:
    """``case`` copied into ``root/data/cases/`` of a new project at ``root``."""
    project(root)
    target = root / "data" / "cases" / case.name
    shutil.copytree(case, target)
    return target


# --------------------------------------------------------------------------- paths


def test_paths_are_relative_to_their_project_or_only_their_name(tmp_path: Path) -> None:
    root = project(tmp_path / "machine-a" / "commons")
    (root / "data" / "cases").mkdir(parents=True)
    assert provenance.project_root(root / "data" / "cases") == root.resolve()
    assert provenance.project_path(root / "data" / "cases") == "data/cases"
    assert provenance.project_path(root) == "."
    outside = tmp_path / "elsewhere" / "my-cases"
    outside.mkdir(parents=True)
    assert provenance.project_root(outside) is None
    assert provenance.project_path(outside) == "my-cases"


def test_parameters_keep_no_path_of_the_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "commons")
    (root / "data" / "cases").mkdir(parents=True)
    (root / "notebooks").mkdir()
    monkeypatch.chdir(root / "notebooks")  # where the report's kernel runs
    parameters = {
        "case_id": "brest",
        "data_dir": "../data/cases",  # the notebook's default, relative to notebooks/
        "lang": "fr",
        "seed": 0,
        "out": root / "reports",
        "elsewhere": str(tmp_path / "secret" / "folder"),
    }
    assert provenance.portable_parameters(parameters) == {
        "case_id": "brest",
        "data_dir": "data/cases",
        "lang": "fr",
        "seed": 0,
        "out": "reports",
        "elsewhere": "folder",
    }


# --------------------------------------------------------------------------- software


def test_software_versions_are_those_installed() -> None:
    found = provenance.software()
    assert found.python == platform.python_version()
    versions = dict(found.packages)
    assert versions["pandas"] == pd.__version__ and versions["plotly"] == plotly.__version__
    assert {"numpy", "scipy", "networkx", "igraph", "papermill", "nbconvert", "pydantic"} <= set(versions)
    assert dict(provenance.package_versions(["no-such-distribution"])) == {"no-such-distribution": None}


def test_the_lock_file_is_found_and_hashed(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    assert provenance.lock_file(root) is None
    (root / "requirements-test.txt").write_bytes(b"pytest==8.3.0\n")
    assert provenance.lock_file(root) == (
        "requirements-test.txt",
        hashlib.sha256(b"pytest==8.3.0\n").hexdigest(),
    )
    (root / "uv.lock").write_bytes(b"abc")
    assert provenance.lock_file(root) == ("uv.lock", ABC_SHA256)  # the lock of uv first


def test_the_record_says_no_lock_file_as_null(tmp_path: Path) -> None:
    record = provenance.Software("3.11.7", (("pandas", "2.2.3"),), None).as_dict()
    assert record == {"python": "3.11.7", "packages": {"pandas": "2.2.3"}, "lock": None}


# --------------------------------------------------------------------------- reports


def test_the_report_shows_the_software_and_the_lock_file(write_case) -> None:
    report = open_report(str(write_case()), lang="en")
    html = report.provenance().html
    assert "<h3>Software</h3>" in html
    assert f"<td>python</td><td>{platform.python_version()}</td>" in html.replace(' class="ca-num"', "")
    assert f"<td>pandas</td><td>{pd.__version__}</td>" in html.replace(' class="ca-num"', "")
    lock = provenance.lock_file()
    assert ("no lock file" in html) if lock is None else (lock[1] in html and lock[0] in html)
    record = report.provenance()._repr_mimebundle_()[1]
    assert any("provenance" in value for value in record.values())


def test_the_same_case_from_two_copies_of_the_project_gives_the_same_provenance(
    write_case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two machines, two absolute paths, one commit: the same footer but for the render date."""
    case = write_case()
    first = copy_of_case(case, tmp_path / "machine-a" / "home" / "alice" / "commons")
    second = copy_of_case(case, tmp_path / "machine-b" / "srv" / "commons-analysis")
    footers, records = [], []
    for copy in (first, second):
        monkeypatch.chdir(copy.parents[2])  # each machine runs from its own project folder
        report = open_report(copy.name, data_dir=copy.parent.resolve(), lang="fr")
        block = report.provenance()
        footers.append(DATE.sub("DATE", block.html))
        record = next(iter(block._repr_mimebundle_()[1].values()))["provenance"]
        records.append({key: value for key, value in record.items() if key != "rendered_at"})
    assert footers[0] == footers[1]
    assert records[0] == records[1]
    assert records[0]["parameters"]["data_dir"] == "data/cases"
    assert str(tmp_path) not in footers[0] and "machine-" not in json.dumps(records[0])
    assert [f["path"] for f in records[0]["files"]] == sorted(
        ["actors.csv", "case.yaml", "decisions.csv", "events.csv", "participation.csv", "relations.csv"]
    )


def test_collect_records_a_utc_moment(write_case) -> None:
    moment = dt.datetime(2026, 1, 2, 4, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    record = provenance.collect(load_case(write_case()), {"seed": 0}, now=moment).as_dict()
    assert record["rendered_at"] == "2026-01-02T03:04:05Z"
    assert record["version"] == __version__ and record["python"] == platform.python_version()


# --------------------------------------------------------------------------- exports


@pytest.mark.slow
def test_exports_of_two_copies_are_identical_and_record_the_software(
    write_case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test-provenance-secret")
    case = write_case()
    packages = []
    for name in ("machine-a", "machine-b"):
        copy = copy_of_case(case, tmp_path / name / "commons")
        out = tmp_path / name / "package"
        result = CliRunner().invoke(app, ["export", str(copy), "--datapackage", str(out)])
        assert result.exit_code == 0, result.output
        packages.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert packages[0] == packages[1]
    text = packages[0]["datapackage.json"].decode("utf-8")
    assert str(tmp_path) not in text
    made = json.loads(text)["commons_analysis"]["provenance"]
    assert made["python"] == platform.python_version() and made["packages"]["pandas"] == pd.__version__
    assert made["version"] == __version__ and "lock" in made
    assert {f["path"] for f in made["files"]} >= {"actors.csv", "case.yaml"}
    assert "rendered_at" not in made and "parameters" not in made
