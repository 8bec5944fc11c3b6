"""Reports that read real data well: a large case stays readable, a section without data says so in one line.

A synthetic case with the shape of Debian's votes (1,400 voters, 43 ballots
with ``eligible``, proposers and seconders, a few governance relations) is
built here, so these checks do not depend on the bundled documented cases;
the bundled ones are checked too when present.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case
from commons_analysis.reporting.blocks import OUTPUT_ENV, Block, Blocks, FigureBlock
from commons_analysis.reporting.case_report import ATTENDANCE_MAX_EVENTS, MAP_MAX_ACTORS, CaseReport

ROOT = Path(__file__).resolve().parents[2]
VOTERS, BALLOTS = 1_400, 43
#: Every block of the case report.
BLOCKS = (
    "at_a_glance", "mapping", "network_map", "sector_ties", "brokers", "flows", "initiative", "support",
    "network_over_time", "coparticipation", "attendance", "turnout", "lorenz", "inclusion", "hours",
    "decision_rules", "open_events", "facilitation", "ostrom", "arnstein", "provenance",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _html_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test secret")
    monkeypatch.setenv(OUTPUT_ENV, "html")


def ballots_case(ballots: int = BALLOTS) -> Case:
    """Debian's shape: persons in one sector voting by ballot; 12 leaders hold a governance seat.

    Voter v votes in ballot b when (v + b) % 3 != 0: two thirds of the electorate,
    so each ballot has about 933 voters out of 1,400 eligible. Ballot b closes on
    day 20·b; ballots 0 and 1 close the same day (as Debian's resolutions sometimes do).
    """
    voters = [f"dd{v:04d}" for v in range(VOTERS)]
    dates = pd.Timestamp("2002-01-01") + pd.to_timedelta([20 * max(b, 1) for b in range(ballots)], unit="D")
    rows = [(f"vote-{b:03d}", voters[v]) for b in range(ballots) for v in range(VOTERS) if (v + b) % 3 != 0]
    return Case.from_frames(
        {"id": "ballots", "data_status": "documented", "show_names": False,
         "mapping": {"events": {"fr": "Chaque vote est un scrutin.", "en": "Each vote is a ballot."}}},
        actors=pd.DataFrame(
            {
                "actor_id": ["project", *voters],
                "name": ["The Project", *[f"Developer {v}" for v in range(VOTERS)]],
                "sector": ["commons"] * (VOTERS + 1),
                "kind": ["organisation", *["person"] * VOTERS],
            }
        ),
        relations=pd.DataFrame(
            {"source": voters[:12], "target": ["project"] * 12, "type": ["governance"] * 12}
        ),
        events=pd.DataFrame(
            {
                "event_id": [f"vote-{b:03d}" for b in range(ballots)],
                "date": dates,
                "kind": ["ballot"] * ballots,
                "open": [False] * ballots,
                "eligible": [VOTERS] * ballots,
            }
        ),
        participation=pd.DataFrame(rows, columns=["event_id", "actor_id"]),
        decisions=pd.DataFrame(
            {
                "decision_id": [f"gr-{b}" for b in range(10)],
                "event_id": [f"vote-{b:03d}" for b in range(10)],
                "rule": ["majority"] * 10,
                "initiated_by": [voters[b % 4] for b in range(10)],
                "supported_by": ["|".join(voters[20 + b : 25 + b]) for b in range(10)],
            }
        ),
    )  # fmt: skip


def test_the_map_of_a_large_case_draws_its_most_connected_actors_and_says_so() -> None:
    blocks = CaseReport(ballots_case(), lang="en").network_map()
    drawn = blocks.data
    assert len(drawn) == 13, "the project and its 12 leaders, not 1,401 dots"
    assert drawn["degree"].min() >= 1 and len(drawn) <= MAP_MAX_ACTORS
    caption = blocks.parts[1].text
    assert "Only the 13 most connected actors out of 1,401 are drawn" in caption
    assert "1,388 actors have no cooperation relation recorded" in caption


def test_turnout_over_time_gives_the_eligible_count() -> None:
    block = CaseReport(ballots_case(), lang="fr").turnout()
    assert isinstance(block, FigureBlock)
    data = block.data
    assert len(data) == BALLOTS and (data["eligible"] == VOTERS).all()
    # ballot 0: voters with v % 3 != 0 → 1,400 − 467 = 933 voters
    assert data.loc[0, "took_part"] == 933 and data.loc[0, "turnout"] == pytest.approx(933 / 1400)
    eligible, took_part, share = block.figure.data
    assert list(eligible.y) == [VOTERS] * BALLOTS and share.yaxis == "y2"
    assert "933 sur 1\u202f400 ayants droit\u202f: 66,6\u202f%" in took_part.customdata[0]
    assert "Participation moyenne\u202f: 66," in (block.caption or "")


@pytest.mark.slow
def test_many_events_or_events_on_one_day_are_counted_per_year() -> None:
    block = CaseReport(ballots_case(), lang="en").attendance()
    assert isinstance(block, FigureBlock)
    per_year = block.data
    assert list(per_year.columns) == ["year", "events", "records", "newcomers", "returning"]
    assert per_year["events"].sum() == BALLOTS and per_year["records"].sum() == len(
        ballots_case().participation
    )
    assert per_year["newcomers"].sum() == VOTERS  # everyone's first ballot is in some year
    assert "too many for a bar each" in (block.caption or "")
    assert ATTENDANCE_MAX_EVENTS > BALLOTS, "here the shared closing day, not the count, asks for years"


def test_the_support_network_is_in_the_public_power_section() -> None:
    blocks = CaseReport(ballots_case(), lang="en").support()
    assert isinstance(blocks, Blocks)
    data = blocks.data
    # decision b (0..9) is initiated by dd000(b % 4) and seconded by dd(20+b)..dd(24+b):
    # dd0000 has b = 0, 4, 8 → seconders 20..32, 13 distinct, 15 supports; dd0001: 21..33, 13;
    # dd0002 has b = 2, 6 → 22..30, 9; dd0003: 23..31, 9
    assert len(data) == 4 and data["supporters"].tolist() == [13, 13, 9, 9]
    assert data["supports"].tolist() == [15, 15, 10, 10]
    assert all(str(name).startswith("P-") for name in data["name"]), "persons by pseudonym"
    cards = blocks.parts[0].data.set_index("indicator")["value"]
    assert cards["decisions.supported_share"] == 1.0 and cards["decisions.support_reciprocity"] == 0.0


def test_a_section_without_data_says_so_in_one_line() -> None:
    report = CaseReport(ballots_case(), lang="en")
    for method, words in (
        ("hours", "no event duration or participation hours recorded"),
        ("inclusion", "the case declares no group"),
        ("facilitation", "nobody has the facilitator role"),
        ("flows", "no funding or in-kind relation recorded"),
        ("brokers", "no actor links two other actors"),
    ):
        block = getattr(report, method)()
        parts = block.parts if isinstance(block, Blocks) else [block]
        assert len(parts) == 1 and isinstance(parts[0], Block), method
        assert words in parts[0].html and parts[0].html.count("<p") == 1, method
        assert block.figure is None and isinstance(block.data, pd.DataFrame), method
    ostrom = report.ostrom()
    assert ostrom.figure is None and "not been coded" in ostrom.html()


def test_how_the_case_was_built_is_shown_for_a_documented_case_only() -> None:
    built = CaseReport(ballots_case(), lang="fr").mapping()
    assert built.data.to_dict("records") == [{"topic": "events", "text": "Chaque vote est un scrutin."}]
    assert "Comment ce cas a été construit" in built.html() and "<dt>Événements</dt>" in built.html()
    hand_made = CaseReport(load_case(ROOT / "tests" / "data" / "render-cases" / "hostile-names"), lang="fr")
    assert hand_made.mapping().parts == [] and hand_made.mapping().data.empty


def test_a_case_just_begun_says_in_one_line_what_it_lacks() -> None:
    """One actor, nothing else: no block draws an empty chart."""
    case = Case.from_frames(
        {"id": "just-begun", "period": {"start": "2024-01-01", "end": "2025-12-31"}},
        actors=pd.DataFrame({"actor_id": ["asso"], "name": ["Association"], "sector": ["sse"]}),
    )
    report = CaseReport(case, lang="en")
    for method in BLOCKS:
        block = getattr(report, method)()
        assert isinstance(block.data, pd.DataFrame), method
        if method != "network_map":  # one actor is drawn: the case has one
            assert getattr(block, "figure", None) is None, method
    assert "no cooperation relation in force over a dated period" in report.network_over_time().html


@pytest.mark.slow
@pytest.mark.parametrize("case_id", ["debian-votes", "python-governance"])
def test_the_bundled_real_cases_render_every_block(case_id: str) -> None:
    folder = ROOT / "data" / "cases" / case_id
    if not folder.is_dir():
        pytest.skip(f"{case_id} is not bundled")
    report = CaseReport(load_case(folder), lang="fr")
    for method in BLOCKS:
        block = getattr(report, method)()
        assert isinstance(block.data, pd.DataFrame), method
        figure = getattr(block, "figure", None)
        if figure is not None:
            assert len(figure.data) > 0, f"{method}: a chart with nothing drawn"
    assert len(report.network_map().data) <= MAP_MAX_ACTORS
    assert not report.turnout().data.empty, "both real cases give the electorate of their ballots"
    assert not report.mapping().data.empty
    assert np.isfinite(report.indicators["participation"]["mean_turnout"])
