"""``commons-analysis import``: the bundled real cases are rebuilt byte for byte from their records,
an existing case is never overwritten, and bad records or a wrong mapping leave nothing behind.

What the import says (problems, summary) is in the user's language (issue 11, item 4): ``--lang``,
else the locale variables; in French a problem reads ``PATH:LINE: colonne 'COL' : message``.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError
from commons_analysis.core.messages import all_messages
from commons_analysis.sources import ImportedCase, case_files, import_case

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = [("debian-vote", "debian-votes"), ("python-governance", "python-governance")]


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env)


#: A French researcher's terminal.
FRENCH = {"LANG": "fr_FR.UTF-8"}


def digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.slow
@pytest.mark.parametrize(("source", "case_id"), BUNDLED)
def test_import_rebuilds_the_bundled_case_byte_for_byte(tmp_path: Path, source: str, case_id: str) -> None:
    raw = ROOT / "data" / "raw" / source
    before = digest(raw)
    result = invoke("import", source, str(raw), "--case", case_id, "--data-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    bundled = ROOT / "data" / "cases" / case_id
    rebuilt = tmp_path / case_id
    assert sorted(p.name for p in rebuilt.iterdir()) == sorted(p.name for p in bundled.iterdir())
    assert digest(rebuilt) == digest(bundled)  # texts/ of the sources included
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


def pep_without_status(tmp_path: Path) -> Path:
    """A copy of Python's records, in ``tmp_path/raw``, whose PEP 572 header lost its Status line."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw" / "python-governance", raw)
    pep = raw / "peps-headers" / "pep-0572.rst"
    lines = pep.read_text(encoding="utf-8").splitlines(keepends=True)
    pep.write_text("".join(line for line in lines if not line.startswith("Status:")), encoding="utf-8")
    return pep


def test_bad_records_name_file_and_line_and_write_nothing(tmp_path: Path) -> None:
    raw = pep_without_status(tmp_path).parents[1]
    out = tmp_path / "cases"
    result = invoke("import", "python-governance", str(raw), "--data-dir", str(out))
    assert result.exit_code == 1
    assert "pep-0572.rst:1" in result.output and "Status" in result.output, result.output
    assert not out.exists() or not any(out.iterdir())


def broken_tally(tmp_path: Path) -> Path:
    """A copy of the Debian records whose first ballot of vote_003 (2006) reads ``1x2`` for ``12``."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw" / "debian-vote", raw)
    tally = raw / "vote" / "2006" / "vote_003_tally.txt"
    tally.chmod(0o644)
    text = tally.read_text(encoding="utf-8")
    tally.write_text(text.replace("V: 12\t          93sam", "V: 1x2\t          93sam", 1), encoding="utf-8")
    return tally


def test_a_broken_tally_is_reported_and_nothing_written(tmp_path: Path) -> None:
    broken_tally(tmp_path)
    result = invoke("import", "debian-vote", str(tmp_path / "raw"), "--data-dir", str(tmp_path / "cases"))
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
    assert result.exit_code == 2 and "debian-vote, pabulib, python-governance" in result.output
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


# --------------------------------------------------------------------------- in the user's language


@pytest.mark.slow
def test_a_broken_tally_is_reported_in_french_as_path_line_column(tmp_path: Path) -> None:
    tally = broken_tally(tmp_path)
    result = invoke(
        "import", "debian-vote", str(tmp_path / "raw"), "--data-dir", str(tmp_path / "c"), env=FRENCH
    )
    assert result.exit_code == 1
    # line 14 is the first ballot (the header is 13 lines); "V: " puts the ranking at character 4
    assert result.stderr.splitlines() == [
        f"{tally}:14: colonne 'ranking' : caractère 5 : marque d'option inconnue 'x' dans '1x2' "
        "(attendu : un rang de 1 à 9, ou '-' pour une option non classée)",
        f"{tally}:14: colonne 'ranking' : le bulletin '1x2' a 3 marques mais l'en-tête nomme 2 options",
    ]
    english = invoke("import", "debian-vote", str(tmp_path / "raw"), "--data-dir", str(tmp_path / "c"))
    assert english.stderr.splitlines()[1] == (
        f"{tally}:14: column 'ranking': the ballot '1x2' has 3 marks but the header names 2 options"
    )
    assert not (tmp_path / "c").exists()


def test_a_pep_without_status_is_reported_in_french_with_lang_fr(tmp_path: Path) -> None:
    pep = pep_without_status(tmp_path)
    raw = pep.parents[1]
    result = invoke(
        "import", "python-governance", str(raw), "--data-dir", str(tmp_path / "c"), "--lang", "fr"
    )
    assert result.exit_code == 1
    # the header keeps 10 lines once Status is gone (Author and Post-History take two each)
    assert result.stderr == (
        f"{pep}:1: colonne 'Status' : manquant : l'en-tête (lignes 1–10) n'a pas de champ Status, "
        "que la PEP 1 exige\n"
    )


@pytest.mark.slow
def test_the_summary_of_an_import_is_printed_in_french(tmp_path: Path) -> None:
    raw = ROOT / "data" / "raw" / "debian-vote"
    result = invoke("import", "debian-vote", str(raw), "--data-dir", str(tmp_path), "--lang", "fr")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # 43 votes of 2002–2018, 14,701 lines of voters lists by 1,403 logins (test_source_debian.py)
    assert re.fullmatch(
        r"debian-vote : 43 votes \(26 résolutions générales, 17 élections du responsable du projet\), "
        r"14\u202f701 bulletins de 1\u202f403 personnes, construit en \d+,\d\d s",
        lines[0],
    )
    assert lines[1].startswith("personnes nommées sur les pages des votes : responsables élus rattachés par ")
    assert "vote-2003-002 : pas de fichier de quorum : quorum 3Q = 42,5323 à partir des 804 développeurs" in (
        result.stdout
    )
    assert (
        lines[-1]
        == f"créé {tmp_path / 'debian-votes'} : vérifiez-le avec `commons-analysis validate debian-votes`"
    )
    assert not re.search(r"\b(ballots|matched|votes by|seconders)\b", result.stdout)  # no English left


def test_existing_case_and_missing_records_are_said_in_french(tmp_path: Path) -> None:
    (tmp_path / "python-governance").mkdir()
    raw = ROOT / "data" / "raw" / "python-governance"
    result = invoke("import", "python-governance", str(raw), "--data-dir", str(tmp_path), env=FRENCH)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"{tmp_path / 'python-governance'}: existe déjà : l'import ne remplace jamais un cas\n"
    )
    result = invoke(
        "import", "debian-vote", str(tmp_path / "nowhere"), "--data-dir", str(tmp_path), env=FRENCH
    )
    assert result.stderr == f"{tmp_path / 'nowhere'}: dossier d'archives brutes introuvable\n"
    result = invoke("import", "debian-vote", str(raw), "--case", "Debian Votes", env=FRENCH)
    assert result.exit_code == 1 and result.stderr.startswith(
        "Debian Votes: 'Debian Votes' n'est pas un identifiant de cas : utilisez 1 à 64 lettres"
    )


def test_every_problem_of_the_importers_comes_from_the_catalogue() -> None:
    """No plain-English ``Problem(…)`` in ``sources/``; every ``sources.`` key has both languages."""
    package = ROOT / "commons_analysis" / "sources"
    plain = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bProblem\(", line)
    ]
    assert plain == []
    keys = [key for key in all_messages() if key.startswith("sources.")]
    assert len(keys) > 68
    for key in keys:
        french, english = all_messages()[key]
        assert french.strip() and english.strip() and (french != english or "{" in french), key
