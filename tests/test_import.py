"""``commons-analysis import``: the bundled real cases are rebuilt byte for byte from their records,
an existing case is never overwritten, and bad records or a wrong mapping leave nothing behind."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError
from commons_analysis.sources import ImportedCase, case_files, import_case

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = [("debian-vote", "debian-votes"), ("python-governance", "python-governance")]


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(("source", "case_id"), BUNDLED)
def test_import_rebuilds_the_bundled_case_byte_for_byte(tmp_path: Path, source: str, case_id: str) -> None:
    raw = ROOT / "data" / "raw" / source
    before = digest(raw)
    result = invoke("import", source, str(raw), "--case", case_id, "--data-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    bundled = ROOT / "data" / "cases" / case_id
    rebuilt = tmp_path / case_id
    assert sorted(p.name for p in rebuilt.iterdir()) == sorted(p.name for p in bundled.iterdir())
    for path in bundled.iterdir():
        assert (rebuilt / path.name).read_bytes() == path.read_bytes(), path.name
    assert digest(raw) == before  # the records are only read


@pytest.mark.parametrize(("source", "case_id"), BUNDLED)
def test_bundled_records_have_their_provenance(source: str, case_id: str) -> None:
    text = (ROOT / "data" / "raw" / source / "SOURCE.md").read_text(encoding="utf-8")
    assert "commit" in text.lower() and "licen" in text.lower()
    case_yaml = (ROOT / "data" / "cases" / case_id / "case.yaml").read_text(encoding="utf-8")
    assert "data_status: documented" in case_yaml
    assert f"path: data/raw/{source}" in case_yaml


def test_import_never_overwrites_a_case(tmp_path: Path) -> None:
    raw = ROOT / "data" / "raw" / "python-governance"
    existing = tmp_path / "python-governance"
    existing.mkdir()
    (existing / "case.yaml").write_text("id: python-governance\n# the researcher's own notes\n")
    before = digest(existing)
    result = invoke("import", "python-governance", str(raw), "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "already exists" in result.output and "never overwrites" in result.output
    assert digest(existing) == before


def test_bad_records_name_file_and_line_and_write_nothing(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw" / "python-governance", raw)
    pep = raw / "peps-headers" / "pep-0572.rst"
    lines = pep.read_text(encoding="utf-8").splitlines(keepends=True)
    pep.write_text("".join(line for line in lines if not line.startswith("Status:")), encoding="utf-8")
    out = tmp_path / "cases"
    result = invoke("import", "python-governance", str(raw), "--data-dir", str(out))
    assert result.exit_code == 1
    assert "pep-0572.rst:1" in result.output and "Status" in result.output, result.output
    assert not out.exists() or not any(out.iterdir())


def test_a_broken_tally_is_reported_and_nothing_written(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw" / "debian-vote", raw)
    tally = raw / "vote" / "2006" / "vote_003_tally.txt"
    tally.chmod(0o644)
    text = tally.read_text(encoding="utf-8")
    tally.write_text(text.replace("V: 12\t          93sam", "V: 1x2\t          93sam", 1), encoding="utf-8")
    result = invoke("import", "debian-vote", str(raw), "--data-dir", str(tmp_path / "cases"))
    assert result.exit_code == 1
    assert "vote_003_tally.txt:" in result.output, result.output
    assert not (tmp_path / "cases" / "debian-votes").exists()


def test_an_importer_that_gets_the_contract_wrong_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = ImportedCase(
        {"id": "debian-votes", "data_status": "documented"},
        {"actors": pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["nowhere"]})},
    )
    monkeypatch.setattr("commons_analysis.sources.debian.build", lambda raw, case_id: wrong)
    with pytest.raises(CaseError, match="sector"):
        import_case("debian-vote", ROOT / "data" / "raw" / "debian-vote", data_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_unknown_source_and_missing_folder_are_clear(tmp_path: Path) -> None:
    result = invoke("import", "wikipedia", str(tmp_path))
    assert result.exit_code == 2 and "debian-vote, python-governance" in result.output
    result = invoke("import", "debian-vote", str(tmp_path / "nowhere"), "--data-dir", str(tmp_path))
    assert result.exit_code == 1 and "no such folder of raw records" in result.output


def test_case_files_are_deterministic_and_alias_free() -> None:
    shared = {"fr": "même texte", "en": "same text"}
    imported = ImportedCase(
        {"id": "x", "title": shared, "summary": shared},
        {
            "events": pd.DataFrame(
                {"event_id": ["e"], "date": ["2020-01-01"], "kind": ["ballot"], "eligible": [3.0]}
            )
        },
    )
    files = case_files(imported)
    assert files == case_files(imported)
    assert b"&id" not in files["case.yaml"] and "même".encode() in files["case.yaml"]
    assert files["events.csv"] == b"event_id,date,kind,eligible\ne,2020-01-01,ballot,3\n"
