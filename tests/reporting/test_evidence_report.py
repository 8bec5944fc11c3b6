"""The evidence in the reports (issue 16): every block carries its data, unconsented sources are counted
and never quoted, no person's name is quoted, the real cases show their illustrative codings and agreement,
and the comparison shows cases × codes and the recommendations with their excerpts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case
from commons_analysis.reporting.blocks import Block, Blocks, FigureBlock
from commons_analysis.reporting.case_report import CaseReport
from commons_analysis.reporting.comparison_report import ComparisonReport

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("overview", "scores", "codes_by_kind", "network", "agreement", "disagreements")
SECRET_QUOTE = "nous ne sommes jamais consultés sur le calendrier"


def html_of(block: Block | Blocks | FigureBlock) -> str:
    return block.html() if isinstance(block, (Blocks, FigureBlock)) else block.html


@pytest.fixture(scope="module")
def debian() -> CaseReport:
    return CaseReport(
        load_case(ROOT / "data" / "cases" / "debian-votes"), lang="fr", permutations=0, bootstrap=50
    )


def interviews() -> Case:
    """Two coders, an interview with consent that names a person, one without consent."""
    codings = pd.DataFrame(
        {
            "coding_id": ["c1", "c2", "c3", "c4"],
            "source_id": ["i1", "i1", "i2", "i2"],
            "segment": ["p1", "p1", "p1", "p1"],
            "excerpt": [
                "Marie Dupont ouvre la salle le samedi.",
                "Marie Dupont ouvre la salle le samedi.",
                SECRET_QUOTE,
                SECRET_QUOTE,
            ],
            "code": ["time_energy", "capture", "public_power", "public_power"],
            "coder": ["coder-a", "coder-b", "coder-a", "coder-b"],
        }
    )
    return Case.from_frames(
        {"id": "quartier", "show_names": False},
        actors=pd.DataFrame(
            {"actor_id": ["mdupont"], "name": ["Marie Dupont"], "sector": ["citizen"], "kind": ["person"]}
        ),
        sources=pd.DataFrame(
            {
                "source_id": ["i1", "i2"],
                "kind": ["interview", "interview"],
                "role": ["habitante", "élu"],
                "consent": [True, False],
                "reference": ["n1", "n2"],
            }
        ),
        codings=codings,
    )


@pytest.mark.slow
def test_every_evidence_block_of_a_real_case_carries_its_data(debian: CaseReport) -> None:
    for method in METHODS:
        block = getattr(debian.evidence, method)()
        assert block.data is not None and not block.data.empty, method
    for perspective in ("public_power", "distant_people", "practices_tools"):
        assert not debian.evidence.excerpts(perspective).data.empty
    overview = html_of(debian.evidence.overview())
    assert "Codages illustratifs" in overview and "alpha de Krippendorff" in overview
    assert "0,6" in overview  # alpha written the French way


def test_scores_show_each_coder_the_agreed_score_and_the_codings(debian: CaseReport) -> None:
    block = debian.evidence.scores()
    monitoring = block.data[block.data["code"] == "ostrom.monitoring"].set_index("coder")
    assert monitoring.loc["coder-a", "score"] == 2 and monitoring.loc["coder-b", "score"] == 1
    assert monitoring.loc["*", "coding_ids"] == "c018|c019|c035|c036"
    text = html_of(block)
    assert "coder-a" in text and "retenu" in text and "c018, c019, c035, c036" in text
    # every principle and the rung have their agreed row, with or without evidence
    assert set(block.data.loc[block.data["coder"] == "*", "code"]) >= {"ostrom.monitoring", "arnstein"}
    assert "Accord sur les scores d&#x27;Ostrom du cas (alpha ordinal" in text


def test_a_source_without_consent_is_counted_never_quoted_and_names_are_scrubbed() -> None:
    report = CaseReport(interviews(), lang="en", permutations=0, bootstrap=0)
    shown = "".join(
        html_of(block)
        for block in [getattr(report.evidence, m)() for m in METHODS]
        + [report.evidence.excerpts(p) for p in ("public_power", "distant_people", "practices_tools")]
        if block is not None
    )
    assert SECRET_QUOTE not in shown
    assert "2 passages from sources without consent: counted, never quoted." in shown
    assert "Dupont" not in shown and "Marie" not in shown
    assert "ouvre la salle le samedi" in shown  # the consented quote, the name replaced by a pseudonym
    data = report.evidence.excerpts("public_power").data
    assert data.loc[data["source_id"] == "i2", "excerpt"].isna().all()


def test_a_case_without_evidence_gets_one_line_and_nothing_else() -> None:
    case = Case.from_frames(
        {"id": "x"}, actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]})
    )
    report = CaseReport(case, lang="fr", permutations=0, bootstrap=0)
    assert report.evidence.overview().text.startswith("Ce cas n'a ni sources ni codages")
    assert all(getattr(report.evidence, m)() is None for m in METHODS[1:])
    assert report.evidence.excerpts("public_power") is None


@pytest.mark.slow
def test_the_comparison_shows_cases_by_codes_and_the_recommendations() -> None:
    cases = [
        load_case(ROOT / "data" / "cases" / c)
        for c in ("debian-votes", "python-governance", "naples-asilo-filangieri")
    ]
    comparison = ComparisonReport(cases, lang="fr", permutations=0, bootstrap=0)
    matrix = comparison.evidence.matrix()
    assert set(matrix.data["case"]) == {"debian-votes", "python-governance"}
    capture = matrix.data.set_index(["case", "code"]).loc[("python-governance", "capture"), "passages"]
    assert capture == 3  # conflicts, no-confidence, rationale
    recommendations = comparison.evidence.recommendations()
    assert len(recommendations.data) == 6 and recommendations.data["illustrative"].all()
    first = recommendations.data.iloc[0]
    assert (
        first["codings"] == "c006|c016|c017|c018"
        and "propose or sponsor draft General Resolutions" in first["excerpts"]
    )
    assert "Préconisations" in recommendations.html
