"""Issue 19, item 2: damaged records never pass in silence. One test per damage the issue names, on
copies of the real records (Debian's votes of 2008, Python's governance records)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from commons_analysis.core.errors import CaseError
from commons_analysis.ingest.loading import load_case
from commons_analysis.sources.debian import build_with_report
from commons_analysis.sources.python_governance.records import read_records

ROOT = Path(__file__).resolve().parents[2]
DEBIAN = ROOT / "data" / "raw" / "debian-vote"
PYTHON = ROOT / "data" / "raw" / "python-governance"


@pytest.fixture
def debian_2008(tmp_path: Path) -> Path:
    """The Debian records of 2008 (three votes), copied so that a test may damage them."""
    raw = tmp_path / "debian-vote"
    shutil.copytree(DEBIAN / "vote" / "2008", raw / "vote" / "2008")
    return raw


def refused(raw: Path) -> list[str]:
    with pytest.raises(CaseError) as caught:
        build_with_report(raw)
    return [problem.text("en") for problem in caught.value.problems]


def test_the_undamaged_records_of_2008_count_as_published(debian_2008: Path) -> None:
    case, _ = build_with_report(debian_2008)
    votes = case.tables["decisions"].set_index("event_id")[["votes_for", "votes_against"]]
    # vote_002_results.txt / the vote page: "Option 1 … 209 : 49" against further discussion
    assert tuple(votes.loc["vote-2008-002"]) == (209, 49)


def test_a_tally_line_copied_over_the_next_ballot_is_refused(debian_2008: Path) -> None:
    tally = debian_2008 / "vote" / "2008" / "vote_002_tally.txt"
    lines = tally.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[15].split()[2] == "93sam" and lines[16].split()[2] == "aba"
    lines[16] = lines[15]  # same number of ballots: only the count changes
    tally.write_text("".join(lines), encoding="utf-8")

    texts = refused(debian_2008)
    assert any(
        text.endswith("vote_002_tally.txt:17: column 'ranking': the voter '93sam' has a second ballot here "
                      "(first on line 16)") for text in texts
    ), texts  # fmt: skip
    ending = "vote_002_voters.txt: the voters list names 'aba', who has no ballot on the tally sheet"
    assert any(text.endswith(ending) for text in texts), texts


def test_a_truncated_quorum_file_is_refused(debian_2008: Path) -> None:
    (debian_2008 / "vote" / "2008" / "vote_001_quorum.txt").write_text(" Current Developer Count = 1\n")
    texts = refused(debian_2008)
    assert any(
        text.endswith(
            "vote_001_quorum.txt:1: 1 Developers could vote, but 401 voted: the developer count is damaged"
        )
        for text in texts
    ), texts


def test_a_negative_developer_count_is_refused_with_its_line(debian_2008: Path) -> None:
    quorum = debian_2008 / "vote" / "2008" / "vote_002_quorum.txt"
    quorum.write_text(quorum.read_text().replace("Count = ", "Count = -"))
    texts = refused(debian_2008)
    assert any(
        text.endswith("vote_002_quorum.txt:1: the developer count (-1018) must be positive") for text in texts
    ), texts


def test_a_vote_dated_2099_is_refused(debian_2008: Path) -> None:
    page = debian_2008 / "vote" / "2008" / "vote_003.wml"
    page.write_text(page.read_text(encoding="utf-8").replace("Dec 2008", "Dec 2099"), encoding="utf-8")
    texts = refused(debian_2008)
    ending = "vote_003.wml: the vote ends on 2099-12-27, outside the year of its folder (2008)"
    assert any(text.endswith(ending) for text in texts), texts
    assert any(
        "vote_003.wml: the date 2099-12-27 is after the day of the import" in text for text in texts
    ), texts


@pytest.fixture
def python_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "python-governance"
    shutil.copytree(PYTHON, raw)
    return raw


def python_refused(raw: Path) -> list[str]:
    with pytest.raises(CaseError) as caught:
        read_records(raw)
    return [problem.text("en") for problem in caught.value.problems]


def test_an_empty_core_team_log_is_refused(python_raw: Path) -> None:
    (python_raw / "core-team.csv").write_text("")
    texts = python_refused(python_raw)
    ending = "core-team.csv: the core team log holds no member: the file is empty or truncated"
    assert any(text.endswith(ending) for text in texts), texts


def test_a_core_member_joining_in_2099_is_refused(python_raw: Path) -> None:
    team = python_raw / "core-team.csv"
    team.write_text(
        team.read_text(encoding="utf-8").replace(",2026-07-08,", ",2099-07-08,", 1), encoding="utf-8"
    )
    texts = python_refused(python_raw)
    assert any("core-team.csv:1: column 'joined': the date 2099-07-08 is after the day of the import" in text
               for text in texts), texts  # fmt: skip


def test_an_election_count_above_its_ballots_is_refused(python_raw: Path) -> None:
    pep = python_raw / "peps-governance" / "pep-8101.rst"
    text = pep.read_text(encoding="utf-8")
    assert "| 54 " in text
    pep.write_text(text.replace("| 54 ", "| 99 ", 1), encoding="utf-8")  # 63 ballots were cast
    texts = python_refused(python_raw)
    assert any("pep-8101.rst" in text and "has 99 votes, more than the 63 possible with 63 ballots" in text
               for text in texts), texts  # fmt: skip


def test_a_case_event_dated_2099_is_refused_with_its_line(write_case, base_files) -> None:
    events = base_files["events.csv"].replace("2020-06-15", "2099-06-15")
    folder = write_case(**{"events.csv": events})
    with pytest.raises(CaseError) as caught:
        load_case(folder)
    texts = [problem.text("en") for problem in caught.value.problems]
    ending = (
        "events.csv:3: column 'date': the date 2099-06-15 is outside the case's period "
        "(2020-01-01 – 2021-12-31) that case.yaml declares"
    )
    assert any(text.endswith(ending) for text in texts), texts
