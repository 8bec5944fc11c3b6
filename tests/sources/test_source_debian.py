"""The debian-vote source: votes counted as Debian's constitution says, and the case built from the records.

The published counts in the records (``*_results.txt`` of 2004–2013, the
HTML beat matrices of ``*_results.src`` and of the 2002–2004 vote pages) are
parsed here, not copied by hand: every beat matrix must equal ours cell for
cell and every published winner must be ours.
"""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from commons_analysis.core.errors import CaseError
from commons_analysis.sources import case_files, import_case
from commons_analysis.sources.debian import build, build_with_report, count_vote, decision_votes, read_tally
from commons_analysis.sources.debian.constitution import CONSTITUTIONS
from commons_analysis.sources.debian.pages import find_dates, read_vote_page
from commons_analysis.sources.debian.tally import UNRANKED

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw" / "debian-vote"
VOTES = RAW / "vote"
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "debian"
RESULTS = sorted(VOTES.glob("*/*_results.txt"))
TALLIES = sorted(VOTES.glob("*/*tally.txt"))


def relative(path: Path) -> str:
    return str(path.relative_to(VOTES))


# ---------------------------------------------------------------------------
# Published counts, parsed from the records
# ---------------------------------------------------------------------------


def published_results(path: Path) -> tuple[np.ndarray, list[int], list[int]]:
    """Beat matrix, winners and options dropped for majority of a devotee ``*_results.txt`` (0-based)."""
    text = path.read_text(encoding="utf-8")
    rows = {
        int(match.group(1)): [int(value) for value in match.group(2).split()]
        for match in re.finditer(r"^Option\s+(\d+)((?:[ \t]+\d+)+)[ \t]*$", text, re.MULTILINE)
    }
    size = len(rows)
    beats = np.zeros((size, size), dtype=int)
    for row, values in rows.items():
        assert len(values) == size - 1, (path, row)
        beats[row - 1, [column for column in range(size) if column != row - 1]] = values
    winners_block = re.split(r"The winners? (?:are|is):", text)[1]
    winners = [int(number) - 1 for number in re.findall(r"^\s*Option (\d+)", winners_block, re.MULTILINE)]
    majority = [int(number) - 1 for number in re.findall(r"Dropping Option (\d+) because of Majority", text)]
    return beats, winners, majority


def html_beat_matrices(path: Path) -> list[np.ndarray]:
    """Every square table of counts with a blank diagonal in an HTML or WML file (a beat matrix)."""
    matrices = []
    for table in re.findall(r"<table[^>]*>(.*?)</table>", path.read_text(encoding="utf-8"), re.DOTALL):
        rows = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.DOTALL):
            cells = [
                html.unescape(re.sub(r"<[^>]*>", "", cell)).strip()
                for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
            ]
            if cells:
                rows.append(cells)
        size = len(rows)
        if size < 2 or any(len(row) != size for row in rows):
            continue
        if not all(
            rows[i][i] == "" and all(cell.isdigit() for j, cell in enumerate(rows[i]) if j != i)
            for i in range(size)
        ):
            continue
        matrices.append(np.array([[int(cell) if cell else 0 for cell in row] for row in rows]))
    return matrices


def tally_of_page(page_path: Path) -> Path:
    page = read_vote_page(page_path)
    [tally] = [page_path.parent / link for link in page.links if link.endswith("tally.txt")]
    return tally


HTML_PUBLISHED = sorted(
    [
        (path, path.with_name(path.name.replace("_results.src", "_tally.txt")))
        for path in VOTES.glob("*/*_results.src")
    ]
    + [
        (page, tally_of_page(page))
        for page in sorted(VOTES.glob("200[2-4]/vote_*.wml"))
        if html_beat_matrices(page) and read_vote_page(page).status == "F"
    ]
)


def test_the_records_hold_27_published_results() -> None:
    assert len(RESULTS) == 27
    assert {path.parent.name for path in RESULTS} == {str(year) for year in range(2004, 2014)}
    assert len(TALLIES) == 43


@pytest.mark.parametrize("results", RESULTS, ids=relative)
def test_beats_winners_and_majority_drops_equal_the_published_results(results: Path) -> None:
    beats, winners, majority_drops = published_results(results)
    count = count_vote(results.with_name(results.name.replace("_results.txt", "_tally.txt")))
    assert count.beats.shape == beats.shape
    assert (count.beats == beats).all(), np.argwhere(count.beats != beats)
    assert count.winners == winners
    assert not count.casting_vote_needed
    assert [drop.option for drop in count.dropped if drop.reason == "majority"] == majority_drops


@pytest.mark.parametrize(("published", "tally"), HTML_PUBLISHED, ids=lambda value: relative(value))
def test_beat_matrices_published_in_html_equal_ours(published: Path, tally: Path) -> None:
    [matrix] = html_beat_matrices(published)
    assert (count_vote(tally).beats == matrix).all()


def test_html_matrices_cover_the_early_votes_too() -> None:
    pages = {relative(path) for path, _tally in HTML_PUBLISHED if path.suffix == ".wml"}
    assert {"2002/vote_0001.wml", "2003/vote_0001.wml", "2003/vote_0003.wml"} <= pages
    assert len(HTML_PUBLISHED) >= 25


@pytest.mark.parametrize(
    ("tally", "winner"),
    [
        ("2002/tally.txt", "Bdale Garbee"),  # "The winner of the election is Bdale Garbee."
        ("2003/leader2003_tally.txt", "Martin Michlmayr"),
        # "This resolution, thus, passes."
        ("2003/gr_voting_tally.txt", "Clone Proof SSD Condorcet Amendment"),
        # "The winner is: Option 1 Proposal A"
        ("2003/gr_sec415_tally.txt", "Proposal A [3:1 majority needed]"),
    ],
)
def test_winners_stated_on_the_pages_of_2002_2003(tally: str, winner: str) -> None:
    count = count_vote(VOTES / tally)
    assert [count.options[w] for w in count.winners] == [winner]


def test_early_votes_are_counted_under_constitution_1_0_with_the_page_developer_count() -> None:
    count = count_vote(VOTES / "2003" / "gr_voting_tally.txt")
    assert (count.constitution, count.quorum_source, count.developer_count) == ("1.0", "page", 804)
    assert count.quorum == pytest.approx(42.5323406364)  # "making a quorum of 42.5323406364"
    # "the required 3:1 majority" (page; the tally header marks none)
    assert count.majorities == [Fraction(3), Fraction(1)]
    # "144 votes were cast in favour ... The number of people voting against the resolution was 16"
    assert decision_votes(count) == (144, 16)
    assert any("vote page" in note.text() for note in count.notes)


@pytest.mark.parametrize(
    ("tally", "version"),
    [
        ("2003/gr_sec415_tally.txt", "1.1"),  # ended 2003-10-29, the day 1.2 (its result) was ratified
        ("2006/vote_003_tally.txt", "1.2"),  # the vote that made 1.3
        ("2007/vote_004_tally.txt", "1.3"),  # the vote that made 1.4
        ("2015/vote_003_tally.txt", "1.5"),  # the vote that made 1.6
        ("2016/vote_003_tally.txt", "1.6"),  # the vote that made 1.7
        ("2016/vote_002_tally.txt", "1.7"),
    ],
)
def test_each_vote_is_counted_under_the_constitution_then_in_force(tally: str, version: str) -> None:
    assert count_vote(VOTES / tally).constitution == version


@pytest.mark.slow
def test_no_outcome_depends_on_the_1_6_change_of_the_majority_test() -> None:
    # devotee printed "passes Majority ... >= N" from 2006 on, while versions 1.1-1.5 say "strictly greater":
    # no vote of the records sits on the boundary, so both readings give the same winners.
    for tally in TALLIES:
        count = count_vote(tally)
        if count.constitution == "1.0":
            continue
        strict, at_least = (count_vote(tally, constitution=version).winners for version in ("1.5", "1.6"))
        assert strict == at_least == count.winners, tally


def test_constitution_table_matches_the_constitution_files() -> None:
    for constitution in CONSTITUTIONS:
        text = (RAW / "constitution" / constitution.file).read_text(encoding="utf-8")
        day = constitution.ratified.day
        suffix = "st" if day in (1, 21, 31) else "nd" if day in (2, 22) else "rd" if day in (3, 23) else "th"
        ratified = constitution.ratified
        stated = f"Version {constitution.version} ratified on {ratified:%B} {day}{suffix}, {ratified.year}"
        assert stated in " ".join(text.split()), constitution.version
        plain = " ".join(re.sub(r"<[^>]*>", " ", text).split())
        if constitution.method == "concorde":
            assert "Concorde Vote Counting" in plain
        else:
            assert "Schwartz set" in plain
        if constitution.method == "concorde":
            assert "multiplied by a factor A/F" in plain  # the supermajority of version 1.0
        elif constitution.majority_test == "greater":
            assert "V(A,D) is strictly greater than N * V(D,A)" in plain
        else:
            assert "V(A,D) is greater or equal to N * V(D,A)" in plain


def test_every_tally_of_the_records_is_read() -> None:
    ballots, secret = 0, 0
    for tally in TALLIES:
        read = read_tally(tally)
        assert read.ranks.shape == (read.ballots, len(read.options))
        assert ((read.ranks >= 1) & (read.ranks <= 9) | (read.ranks == UNRANKED)).all()
        ballots += read.ballots
        secret += read.secret
    assert ballots == 14_701
    assert secret == 17  # the leader elections 2002–2018


# ---------------------------------------------------------------------------
# Hand-computed tallies
# ---------------------------------------------------------------------------


def write_tally(folder: Path, options: list[str], ballots: list[str], name: str = "hand_tally.txt") -> Path:
    lines = [
        "",
        "\t\tTally Sheet for the votes cast.",
        " -=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-",
    ]
    lines += [f"     Option {number}--->: {title}" for number, title in enumerate(options, start=1)]
    lines += [
        f"V: {ranking}\t   voter{index}\tVoter {index}" for index, ranking in enumerate(ballots, start=1)
    ]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_three_options_counted_by_hand(tmp_path: Path) -> None:
    # A>B>FD twice; B>A>FD; A>FD, B unranked (below every ranked option); A=B>FD (equal ranks).
    tally = write_tally(tmp_path, ["A", "B", "Further Discussion"], ["123", "123", "213", "1-2", "11-"])
    count = count_vote(tally, developer_count=4, constitution="1.7")  # quorum 3·√4/2 = 3
    # V(A,B) = 3 (ballots 1, 2, 4), V(B,A) = 1 (ballot 3), ballot 5 is equal;
    # V(A,FD) = 5, V(FD,A) = 0; V(B,FD) = 4 (1, 2, 3, 5), V(FD,B) = 1 (ballot 4).
    assert count.beats.tolist() == [[0, 3, 5], [1, 0, 4], [0, 1, 0]]
    assert count.winners == [0]
    assert count.default == 2 and count.quorum == 3
    assert [(drop.option, drop.reason) for drop in count.dropped] == [(1, "schwartz"), (2, "schwartz")]
    assert decision_votes(count) == (5, 0)


CYCLE = ["1234"] * 4 + ["3124"] * 3 + ["2314"] * 2  # A>B>C>FD ×4, B>C>A>FD ×3, C>A>B>FD ×2


def test_a_cycle_is_resolved_by_dropping_the_weakest_defeat(tmp_path: Path) -> None:
    tally = write_tally(tmp_path, ["A", "B", "C", "Further Discussion"], CYCLE)
    count = count_vote(tally, developer_count=4, constitution="1.4")
    # A beats B 6:3, B beats C 7:2, C beats A 5:4: a cycle; the weakest defeat (C over A, 5) is dropped.
    assert count.beats[:3, :3].tolist() == [[0, 6, 4], [3, 0, 7], [5, 2, 0]]
    assert [(d.winner, d.loser, d.votes_for, d.votes_against, d.round) for d in count.dropped_defeats] == [
        (2, 0, 5, 4, 1)
    ]
    assert count.winners == [0] and count.schwartz_set == [0]


def test_a_cycle_under_constitution_1_0_goes_to_single_transferable_vote(tmp_path: Path) -> None:
    tally = write_tally(tmp_path, ["A", "B", "C"], [ranking[:3] for ranking in CYCLE])
    count = count_vote(tally, constitution="1.0")
    # Every option is dominated; STV: first preferences A 4, B 3, C 2 of 9; C is eliminated,
    # its two ballots (C>A>B) go to A, which then has 6 > 4.5.
    assert count.winners == [0]
    assert [(drop.option, drop.reason) for drop in count.dropped] == [(2, "stv")]
    assert any("cycle" in note.text() for note in count.notes)


def test_quorum_failure(tmp_path: Path) -> None:
    tally = write_tally(tmp_path, ["Yes", "Further Discussion"], ["12", "12", "12", "21"])
    count = count_vote(tally, developer_count=16, constitution="1.7")  # quorum 3·4/2 = 6 > 3 ballots for Yes
    assert count.winners == [1] and count.default_won
    assert [(drop.option, drop.reason) for drop in count.dropped] == [(0, "quorum")]
    assert decision_votes(count) == (3, 1)
    concorde = count_vote(tally, developer_count=16, constitution="1.0")
    assert concorde.winners == [1] and [d.reason for d in concorde.dropped] == ["quorum"]


def test_supermajority_failure_and_the_1_6_boundary(tmp_path: Path) -> None:
    short = write_tally(
        tmp_path, ["Yes [3:1]", "Further Discussion"], ["12"] * 5 + ["21"] * 2, "short_tally.txt"
    )
    count = count_vote(short, developer_count=4, constitution="1.7")  # 5 < 3·2
    assert count.majorities == [Fraction(3), Fraction(1)]
    assert count.winners == [1]
    assert [(drop.option, drop.reason) for drop in count.dropped] == [(0, "majority")]
    exact = write_tally(
        tmp_path, ["Yes [3:1]", "Further Discussion"], ["12"] * 6 + ["21"] * 2, "exact_tally.txt"
    )
    assert count_vote(exact, developer_count=4, constitution="1.5").winners == [1]  # 6 > 6 is false
    assert count_vote(exact, developer_count=4, constitution="1.6").winners == [0]  # 6 >= 6 and 6 > 2
    under_concorde = count_vote(short, developer_count=4, constitution="1.0")  # 5/3 < 2: FD dominates Yes
    assert under_concorde.winners == [1] and [d.reason for d in under_concorde.dropped] == ["dominated"]


def test_a_tie_needs_the_casting_vote(tmp_path: Path) -> None:
    tally = write_tally(tmp_path, ["A", "B", "Further Discussion"], ["123", "213"])
    count = count_vote(tally, developer_count=1, constitution="1.7")
    assert count.winners == [0, 1]
    assert count.casting_vote_needed and count.winner is None
    assert decision_votes(count) == (None, None)
    assert any("casting vote" in note.text() for note in count.notes)


def test_quorum_not_checked_when_nothing_records_it(tmp_path: Path) -> None:
    tally = write_tally(tmp_path, ["Yes", "Further Discussion"], ["12"])
    count = count_vote(tally)
    assert count.quorum is None and count.quorum_source == "none"
    assert count.constitution == CONSTITUTIONS[-1].version
    assert any("not checked" in note.text() for note in count.notes)


def test_quorum_file_beside_the_tally_is_found(tmp_path: Path) -> None:
    tally = write_tally(tmp_path, ["Yes", "Further Discussion"], ["12"] * 3, "vote_001_tally.txt")
    (tmp_path / "vote_001_quorum.txt").write_text(" Current Developer Count = 16\n Quorum  (3 x Q ) = 6\n")
    count = count_vote(tally, constitution="1.7")
    assert (count.quorum, count.developer_count, count.quorum_source) == (6, 16, "file")
    assert count.winners == [1]


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


def test_bad_ballots_are_all_reported_with_their_line() -> None:
    path = FIXTURES / "bad_ballots_tally.txt"
    before = path.read_bytes()
    with pytest.raises(CaseError) as caught:
        count_vote(path)
    problems = caught.value.problems
    assert [(p.line, p.column) for p in problems] == [(11, "ranking"), (12, "ranking"), (13, "ranking")]
    assert all(p.path == str(path) for p in problems)
    assert "has 2 marks but the header names 3 options" in problems[0].message
    assert "character 5: unknown option mark 'x'" in problems[1].message
    assert "has 4 marks but the header names 3 options" in problems[2].message
    assert str(problems[1]).startswith(f"{path}:12: column 'ranking': ")
    assert problems[2].text("fr") == (
        f"{path}:13: colonne 'ranking' : le bulletin '3-21' a 4 marques mais l'en-tête nomme 3 options"
    )
    assert all(problem.said is not None for problem in problems)  # each one can be said in French
    assert path.read_bytes() == before


def test_a_tally_that_is_not_utf8_is_reported_with_its_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin_tally.txt"
    path.write_bytes("V: 12 a A\nV: 1é2 b B\n".encode("latin-1"))  # é is byte 14: 10 bytes + "V: 1"
    with pytest.raises(CaseError) as caught:
        read_tally(path)
    [problem] = caught.value.problems
    assert str(problem) == f"{path}:2: not UTF-8 text (byte 14)"
    assert problem.text("fr") == f"{path}:2: ce n'est pas du texte UTF-8 (octet 14)"


def test_missing_header_is_reported() -> None:
    path = FIXTURES / "no_header_tally.txt"
    with pytest.raises(CaseError) as caught:
        read_tally(path)
    [problem] = caught.value.problems
    assert problem.line is None and "missing header" in problem.message


def test_dates_of_every_spelling() -> None:
    assert [str(d) for d in find_dates("Sunday, April 25<sup>st</sup>, 23:59:59 UTC, 2004")] == ["2004-04-25"]
    assert [str(d) for d in find_dates("23:59:59 UTC on Sunday, 14th Dec, 2008")] == ["2008-12-14"]
    assert [str(d) for d in find_dates("Thursday, January 8th, 23:59:59 UTC, 2015")] == ["2015-01-08"]
    for tally in TALLIES:  # every counted vote has a dated page
        page = read_vote_page(tally_page(tally))
        assert page.voting_end is not None and page.voting_end.year in (
            int(tally.parent.name),
            int(tally.parent.name) + 1,
        )


def tally_page(tally: Path) -> Path:
    for page in tally.parent.glob("vote_*.wml"):
        if tally.name in read_vote_page(page).links:
            return page
    raise AssertionError(f"no page links to {tally}")


# ---------------------------------------------------------------------------
# The case
# ---------------------------------------------------------------------------


def raw_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(RAW.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(RAW)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built() -> tuple[object, object]:
    """The case built from the records; its speed is measured by benchmarks/bench_import.py, not here."""
    before = raw_digest()
    imported, report = build_with_report(RAW)
    assert raw_digest() == before  # the raw records are never modified
    return imported, report


def test_the_case_has_the_figures_of_the_records(built) -> None:
    imported, report = built
    tables = imported.tables
    assert len(tables["events"]) == 43 and set(tables["events"]["kind"]) == {"ballot"}
    assert len(tables["participation"]) == 14_701
    assert tables["participation"]["actor_id"].nunique() == 1_403
    assert len(tables["decisions"]) == 43
    assert (report.resolutions, report.elections) == (26, 17)
    persons = tables["actors"][tables["actors"]["kind"] == "person"]
    assert len(persons) == 1_404  # 1,403 voters and one seconder who cast no ballot
    assert set(tables["actors"]["actor_id"]) >= {"debian", "spi", "debian-ctte"}
    assert not tables["participation"].duplicated(["event_id", "actor_id"]).any()
    assert tables["events"]["eligible"].notna().all()


def test_decisions_follow_the_mapping(built) -> None:
    imported, _report = built
    decisions = imported.tables["decisions"].set_index("decision_id")
    for row in decisions.itertuples():
        supporters = (row.supported_by or "").split("|") if isinstance(row.supported_by, str) else []
        assert row.initiated_by not in supporters
    gfdl = decisions.loc["vote-2006-004"]  # Further Discussion won: the option most preferred to it
    assert (gfdl.adopted, gfdl.votes_for, gfdl.votes_against, gfdl.rule) == ("false", 136, 149, "majority")
    sarge = decisions.loc["vote-2004-004"]  # the winner (choice 2) needed 3:1
    assert (sarge.adopted, sarge.rule, sarge.votes_for, sarge.votes_against) == (
        "true",
        "supermajority",
        339,
        45,
    )
    assert sarge.initiated_by == "vorlon"
    elections = decisions[decisions["topic"].str.startswith("Project Leader election")]
    assert len(elections) == 17 and elections["initiated_by"].isna().all()


def test_leader_terms_are_governance_relations(built) -> None:
    imported, _report = built
    relations = imported.tables["relations"]
    terms = relations[(relations["type"] == "governance") & (relations["target"] == "debian")]
    terms = terms[terms["source"] != "debian-ctte"].sort_values("start")
    assert len(terms) == 17
    # each term ends when the next begins; the last has no end in the records
    assert terms["end"].iloc[:-1].tolist() == terms["start"].iloc[1:].tolist()
    assert terms["end"].isna().iloc[-1]
    # from 2004: "the new term for the project leader shall start on April 17th"
    assert terms["start"].iloc[2:].str.endswith("-04-17").all()


def test_matching_is_counted_and_explained(built) -> None:
    imported, report = built
    matching = report.matching
    assert sum(matching.values()) == 284
    assert matching["seconder", "email-not-voter"] == 1
    assert not report.unmatched
    text = imported.meta["mapping"]["matching"]["en"]
    assert "284 mentions" in text and "0 stayed unmatched" in text
    topics = ("actors", "events", "participation", "decisions", "relations", "matching", "quorum", "left_out")
    for topic in topics:
        assert set(imported.meta["mapping"][topic]) == {"en", "fr"}
    assert imported.meta["data_status"] == "documented" and imported.meta["show_names"] is False
    assert "assessment" not in imported.meta and "inclusion_groups" not in imported.meta


@pytest.mark.slow
def test_build_is_deterministic_and_imports_as_a_valid_case(built, tmp_path: Path) -> None:
    imported, _report = built
    again = build(RAW)
    assert case_files(again) == case_files(imported)
    target, _ = import_case("debian-vote", RAW, "debian-votes", tmp_path)  # validated before it is written
    assert sorted(path.name for path in target.iterdir()) == [
        "actors.csv",
        "case.yaml",
        "codings.csv",
        "decisions.csv",
        "events.csv",
        "participation.csv",
        "relations.csv",
        "sources.csv",  # the governance texts and their illustrative codings (issue 16)
        "texts",
    ]
    assert "&id" not in (target / "case.yaml").read_text(encoding="utf-8")  # no YAML anchors


MINI_PAGE = """\
<define-tag pagetitle>General Resolution: A small example</define-tag>
<define-tag status>F</define-tag>
<vtimeline />
<table class="vote"><tr><th>Voting Period:</th>
<td>2020-03-01 00:00:00 UTC</td><td>2020-03-14 23:59:59 UTC</td></tr></table>
<vproposer />
<p>Jane Doe [<email jdoe@debian.org>] [<a href='https://lists.debian.org/x'>text of proposal</a>]</p>
<vseconds />
<ol>
  <li>Richard Roe [<email richard@example.org>]</li>
  <li>Jane Doe [<email jdoe@debian.org>]</li>
# <li>Commented Out [<email gone@debian.org>]</li>
  <li>Nobody Known [<email nobody@example.org>]</li>
</ol>
<vmajorityreq />
<p>The proposal needs a 3:1 majority</p>
<vstatistics />
<a href="vote_001_voters.txt">voters</a> <a href="vote_001_tally.txt">tally</a>
<a href="vote_001_quorum.log">quorum</a>
"""


def write_mini_records(root: Path, ballots: list[str]) -> Path:
    folder = root / "vote" / "2020"
    folder.mkdir(parents=True)
    (folder / "vote_001.wml").write_text(MINI_PAGE, encoding="utf-8")
    tally = write_tally(folder, ["Yes", "Further Discussion"], ballots, "vote_001_tally.txt")
    # the tally and the voters list name the same voters (issue 19: the importer checks it)
    text = tally.read_text(encoding="utf-8")
    tally.write_text(text.replace("voter1\t", "jdoe\t").replace("voter2\t", "rroe\t"), encoding="utf-8")
    voters = [f"  {index}   voter{index}\tVoter {index}" for index in range(1, len(ballots) + 1)]
    voters[0] = "  1   jdoe\tJane Doe"
    voters[1] = "  2   rroe\tRichard  Roe"
    (folder / "vote_001_voters.txt").write_text(
        "Count  Debian UID  Name\n" + "\n".join(voters) + "\n", encoding="utf-8"
    )
    # no fewer Developers than voted (quorum 3Q = 3·√5/2 ≈ 3.35)
    (folder / "vote_001_quorum.txt").write_text(" Current Developer Count = 5\n", encoding="utf-8")
    return root


def test_build_of_small_records_matches_by_email_and_name(tmp_path: Path) -> None:
    raw = write_mini_records(tmp_path, ["12", "12", "12", "12", "21"])
    imported, report = build_with_report(raw, "mini")
    decision = imported.tables["decisions"].iloc[0]
    assert (decision.initiated_by, decision.supported_by) == ("jdoe", "rroe|unmatched-nobody-known")
    assert (decision.rule, decision.adopted, decision.votes_for, decision.votes_against) == (
        "supermajority",
        "true",
        4,
        1,
    )
    assert report.initiators_among_seconders == 1
    assert report.unmatched == [("seconder", "unmatched-nobody-known")]
    english, french = report.text("en").splitlines(), report.text("fr").splitlines()
    assert english[0].startswith(
        "debian-vote: 1 votes (1 General Resolutions, 0 leader elections), 5 ballots"
    )
    # Jane Doe proposes (her @debian.org login) and seconds herself; Richard Roe is rroe by name
    assert english[1:4] == [
        "proposers and seconders: proposers matched by email 1, seconders matched by email 1, "
        "seconders matched by name 1, seconders matched by unmatched 1",
        "unmatched: seconder unmatched-nobody-known",
        "proposers also listed among their seconders (left out): 1",
    ]
    assert french[1:4] == [
        "personnes nommées sur les pages des votes : auteurs rattachés par leur adresse @debian.org : 1, "
        "soutiens rattachés par leur adresse @debian.org : 1, soutiens rattachés par leur nom : 1, "
        "soutiens sans correspondance : 1",
        "sans correspondance : soutien unmatched-nobody-known",
        "auteurs inscrits aussi parmi leurs propres soutiens (laissés de côté) : 1",
    ]
    actors = imported.tables["actors"].set_index("actor_id")
    assert actors.loc["rroe", "name"] == "Richard Roe"
    assert actors.loc["unmatched-nobody-known", "kind"] == "person"
    event = imported.tables["events"].iloc[0]
    assert (event.event_id, event.date, event.eligible, event.open) == (
        "vote-2020-001",
        "2020-03-14",
        5,
        "false",
    )


def test_build_reports_every_bad_file(tmp_path: Path) -> None:
    raw = write_mini_records(tmp_path, ["12", "1x", "123", "12"])
    with pytest.raises(CaseError) as caught:
        build(raw)
    lines = sorted(
        problem.line for problem in caught.value.problems if problem.path.endswith("vote_001_tally.txt")
    )
    assert lines == [7, 8]
    assert textwrap.dedent(str(caught.value)).count("vote_001_tally.txt") == 2


def test_a_vote_dated_before_the_first_constitution_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    raw = write_mini_records(tmp_path, ["12", "21"])
    page = raw / "vote" / "2020" / "vote_001.wml"
    page.write_text(MINI_PAGE.replace("2020-03-14", "1997-03-14"), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        build(raw)
    [problem] = caught.value.problems
    assert (
        str(problem)
        == f"{page}: the voting period ends on 1997-03-14, before Debian's first constitution (1998-12-02)"
    )
    assert problem.text("fr").startswith(f"{page}: la période de vote se termine le 1997-03-14, avant")
