"""Issue 19, item 3: every read is bounded (regular files only, inside the case folder, a size limit,
no control character), and nothing of a file outside the case is echoed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError
from commons_analysis.ingest.loading import load_case
from commons_analysis.ingest.reading.files import MAX_FILE_ENV, read_file_bytes


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CaseError) as caught:
        load_case(folder)
    return [problem.text("en") for problem in caught.value.problems]


def test_a_table_linked_to_dev_zero_is_refused_at_once(write_case):
    folder = write_case()
    (folder / "events.csv").unlink()
    (folder / "events.csv").symlink_to("/dev/zero")
    texts = problems_of(folder)
    assert any("events.csv" in text and "outside the folder base-case" in text for text in texts), texts
    with pytest.raises(CaseError, match="not a regular file \\(device\\)"):  # a path the user names
        read_file_bytes(Path("/dev/zero"), "events.csv")


def test_a_fifo_is_refused_without_blocking(write_case):
    folder = write_case()
    (folder / "events.csv").unlink()
    os.mkfifo(folder / "events.csv")  # nobody writes: opening it for reading would block for ever
    texts = problems_of(folder)
    assert any("events.csv" in text and "not a regular file (FIFO)" in text for text in texts), texts


def test_a_link_out_of_the_case_folder_is_refused_and_its_lines_never_echoed(write_case, tmp_path):
    secret = tmp_path / "elsewhere" / "private.csv"
    secret.parent.mkdir()
    secret.write_text("event_id,date\nSECRET-LINE-1,not a date\n", encoding="utf-8")
    folder = write_case()
    (folder / "events.csv").unlink()
    (folder / "events.csv").symlink_to(secret)
    texts = problems_of(folder)
    assert any("events.csv" in text and "outside the folder" in text for text in texts), texts
    assert not any("SECRET" in text or "not a date" in text for text in texts)


def test_a_link_inside_the_case_folder_is_read(write_case):
    folder = write_case()
    (folder / "kept.csv.bak").write_bytes((folder / "events.csv").read_bytes())
    (folder / "events.csv").unlink()
    (folder / "events.csv").symlink_to("kept.csv.bak")
    assert len(load_case(folder).events) == 2


def test_the_size_limit_is_clear_and_configurable(write_case, monkeypatch):
    folder = write_case()
    size = (folder / "actors.csv").stat().st_size
    monkeypatch.setenv(MAX_FILE_ENV, str(100 / 1024 / 1024))  # 100 bytes
    texts = problems_of(folder)
    assert any(
        "actors.csv" in text
        and f"file too large ({size:,} bytes; at most 100)" in text
        and MAX_FILE_ENV in text
        for text in texts
    ), texts
    monkeypatch.setenv(MAX_FILE_ENV, "16")  # the Warsaw participation.csv (about 15 MB) fits in the default
    assert load_case(folder).id == "base-case"


def test_the_default_limit_holds_a_15_mb_file(tmp_path):
    big = tmp_path / "participation.csv"
    big.write_bytes(b"x" * (15 * 1024 * 1024))
    assert len(read_file_bytes(big, "participation.csv", inside=tmp_path)) == 15 * 1024 * 1024


def test_a_nul_character_in_a_table_is_refused_with_its_line(write_case, base_files):
    events = base_files["events.csv"].replace("Atelier", "Ate\x00lier")
    folder = write_case(**{"events.csv": events})
    texts = problems_of(folder)
    expected = "events.csv:3: control character '\\x00' in the text (character 32 of the line): refused"
    assert any(text.endswith(expected) for text in texts), texts


def test_an_escape_character_in_case_yaml_is_refused_with_its_line(write_case, base_files):
    yaml_text = base_files["case.yaml"].replace("place: Grasse", 'place: "Gra\\0sse\\e[31m"')
    folder = write_case(**{"case.yaml": yaml_text})
    texts = problems_of(folder)
    assert any("case.yaml:3: column 'place': control character" in text for text in texts), texts


def test_validate_on_a_fifo_ends_with_exit_1(write_case):
    folder = write_case()
    (folder / "events.csv").unlink()
    os.mkfifo(folder / "events.csv")
    result = CliRunner().invoke(app, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 1
    assert "not a regular file (FIFO)" in result.output
