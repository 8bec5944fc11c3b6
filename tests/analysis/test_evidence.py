"""Evidence (issue 16): the sources and codings tables, their validation, the codebook, agreement between
coders (Krippendorff's worked example), scores that cite their codings, and the indicators' ``evidence``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from commons_analysis.analysis.agreement import agreement, alpha
from commons_analysis.analysis.evidence import (
    agreement_by_code,
    case_score_agreement,
    coder_scores,
    cooccurrence,
    disagreements,
    excerpts,
)
from commons_analysis.analysis.indicators import compute_indicators
from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError
from commons_analysis.ingest.loading import load_case
from commons_analysis.ingest.templates import case_yaml_template, new_case
from commons_analysis.model.codebook import shipped_codebook
from commons_analysis.publishing.privacy import PERSON_TEXT_COLUMNS, publishable_case

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "data" / "cases"
NAN = np.nan
#: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", p. 3: observers × units, missing values.
WORKED = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]
PUBLISHED = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
TEXT = "Première partie de l'audition.\n\nLa mairie prête la salle. Nous décidons en assemblée.\n"


def evidence_case(tmp_path: Path, sources: str, codings: str, extra_yaml: str = "") -> Path:
    folder = new_case("auditions", tmp_path, evidence=True)
    (folder / "actors.csv").write_text("actor_id,name,sector\nm,Mairie,public\n", encoding="utf-8")
    (folder / "texts" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sources.csv").write_text(sources, encoding="utf-8")
    (folder / "codings.csv").write_text(codings, encoding="utf-8")
    if extra_yaml:
        with open(folder / "case.yaml", "a", encoding="utf-8") as file:
            file.write(extra_yaml)
    return folder


SOURCES = (
    "source_id;type;titre;rôle;consentement;fichier;référence\n"
    "a1;audition;Audition 1;coordinatrice;oui;texts/a1.txt;\n"
    "a2;entretien;Entretien 2;habitant;non;;carnet 3\n"
)


@pytest.mark.parametrize("level", list(PUBLISHED))
def test_krippendorffs_worked_example_to_three_decimals(level: str) -> None:
    assert round(alpha(WORKED, level), 3) == PUBLISHED[level]


def test_alpha_by_hand_and_when_undefined() -> None:
    # 3 units, 2 coders: values 0,0 | 1,1 | 0,1. n = 6, n0 = n1 = 3; D_o = 2/6, D_e = 2·3·3/(6·5) = 0.6.
    table = pd.DataFrame({"unit": [1, 1, 2, 2, 3, 3], "coder": list("ABABAB"), "value": [0, 0, 1, 1, 0, 1]})
    assert agreement(table, bootstrap=0)["alpha"] == pytest.approx(1 - (2 / 6) / 0.6)
    assert alpha([[1, 1], [1, 1]]) is None  # no variation: alpha is undefined, never 1 or 0
    assert alpha([[1, NAN], [NAN, 2]]) is None  # no unit coded twice


def test_agreement_command_on_the_worked_example_with_french_headers(tmp_path: Path) -> None:
    lines = ["unité;codeur;valeur"]
    for coder, row in zip("ABCD", WORKED, strict=True):
        lines += [f"u{u};{coder};{'' if np.isnan(v) else int(v)}" for u, v in enumerate(row, start=1)]
    path = tmp_path / "codage.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for level, published in PUBLISHED.items():
        result = CliRunner().invoke(app, ["agreement", str(path), "--level", level, "--bootstrap", "200"])
        assert result.exit_code == 0, result.output
        output = json.loads(result.output)
        assert round(output["alpha"], 3) == published
        assert output["units"] == 11 and output["coders"] == 4  # unit 12 has one value: not pairable
        low, high = output["ci95"]
        assert low <= output["alpha"] <= high
    table = CliRunner().invoke(app, ["agreement", str(path), "--format", "table", "--bootstrap", "0"])
    assert "alpha    0.7434" in table.output and "ci95     null" in table.output


def test_agreement_command_lists_every_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("unit,coder,value\nu1,A,1\nu1,A,2\nu2,,3\nu3,B,deux\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["agreement", str(path), "--level", "ordinal", "--lang", "en"])
    assert result.exit_code == 1
    assert (
        "bad.csv:3: column 'value': a second value of this coder for this unit (first on line 2)"
        in result.output
    )
    assert "bad.csv:4: column 'coder': a value is required" in result.output
    assert "bad.csv:5: column 'value': 'deux' is not a number (level ordinal)" in result.output


def test_every_problem_of_sources_and_codings_at_once(tmp_path: Path) -> None:
    codings = (
        "coding_id,source,début,fin,extrait,code,codeur,valeur\n"
        "c1,a1,32,57,La mairie prête la salle.,public_power,A,\n"
        "c2,a1,32,57,La mairie donne la salle.,capture,B,\n"
        "c3,a9,1,2,,capture,A,\n"
        "c4,a1,60,900,,ostrom.monitoring,A,3\n"
        "c5,a1,,,,arnstein,A,6\n"
        "c6,a1,58,70,,ostrom.colective_choice,B,\n"
        "c7,a2,3,9,,capture,B,1\n"
    )
    folder = evidence_case(tmp_path, SOURCES, codings)
    with pytest.raises(CaseError) as error:
        load_case(folder)
    found = {(Path(p.path).name, p.line, p.column) for p in error.value.problems}
    assert found == {
        ("codings.csv", 3, "excerpt"),  # the excerpt is not the text at 32–57
        ("codings.csv", 4, "source_id"),  # unknown source
        ("codings.csv", 5, "end"),  # beyond the text
        ("codings.csv", 5, "value"),  # Ostrom scores are 0–2
        ("codings.csv", 6, "segment"),  # no passage
        ("codings.csv", 7, "code"),  # unknown code, with its closest known one
        ("codings.csv", 8, "start"),  # offsets into a source without text
        ("codings.csv", 8, "value"),  # 'capture' carries no score
    }
    french = {p.text("fr") for p in error.value.problems}
    assert any("(vouliez-vous dire 'ostrom.collective_choice' ?)" in text for text in french)


def test_a_valid_case_fills_excerpts_and_paragraphs_and_declares_its_own_codes(tmp_path: Path) -> None:
    codings = (
        "coding_id,source_id,start,end,segment,code,coder,value,memo\n"
        "c1,a1,32,57,,tiers_lieu,A,,\n"
        "c2,a2,,,page 4,capture,B,,un habitant\n"
    )
    yaml_codes = "codes:\n  tiers_lieu:\n    label: {fr: Tiers-lieu, en: Third place}\n"
    case = load_case(evidence_case(tmp_path, SOURCES, codings, yaml_codes))
    assert case.codings["excerpt"].tolist()[0] == "La mairie prête la salle."
    assert case.codings["segment"].tolist() == ["p2", "page 4"]
    shown = excerpts(case)
    assert shown["excerpt"].isna().tolist() == [False, True]  # no consent: counted, never quoted
    assert shown["memo"].isna().all()


def test_a_published_source_without_consent_keeps_no_persons_text(tmp_path: Path) -> None:
    """The role of the person heard, the excerpts and the memos of an unconsented source are withheld."""
    codings = (
        "coding_id,source_id,start,end,segment,code,coder,value,memo\n"
        "c1,a1,32,57,,capture,A,,la coordinatrice\n"
        "c2,a2,,,page 4,capture,B,,un habitant\n"
    )
    case = load_case(evidence_case(tmp_path, SOURCES, codings))
    assert PERSON_TEXT_COLUMNS["sources"] == ("role",)
    assert PERSON_TEXT_COLUMNS["codings"] == ("excerpt", "memo")
    published = publishable_case(case, secret=b"test")
    assert published.sources["role"].tolist()[0] == "coordinatrice"  # consented: shown by role
    assert pd.isna(published.sources["role"].tolist()[1])  # "habitant" of a source without consent
    assert published.codings["memo"].isna().tolist() == [False, True]
    assert published.codings["excerpt"].isna().tolist() == [False, True]
    assert case.sources["role"].tolist() == ["coordinatrice", "habitant"]  # the case itself untouched


def test_codebook_holds_the_perspectives_questions_ostrom_and_arnstein() -> None:
    book = shipped_codebook()
    kinds = {
        kind: sorted(k for k, c in book.items() if c.kind == kind) for kind in ("perspective", "question")
    }
    assert kinds["perspective"] == ["distant_people", "practices_tools", "public_power"]
    assert kinds["question"] == [
        "capture",
        "common_vs_public",
        "entering_deliberation",
        "speaking_for_commons",
        "time_energy",
    ]
    assert sum(c.kind == "ostrom" for c in book.values()) == 8 and book["arnstein"].scale == (1.0, 8.0)
    assert all(c.label.fr and c.label.en for c in book.values())


def test_new_case_gets_evidence_templates_only_when_asked(tmp_path: Path) -> None:
    plain = new_case("plain", tmp_path)
    assert not (plain / "sources.csv").exists() and not (plain / "texts").exists()
    with_evidence = new_case("with", tmp_path, evidence=True)
    assert (with_evidence / "codings.csv").read_text().startswith("coding_id,source_id,start,end,segment")
    assert (with_evidence / "texts" / "README.txt").exists()
    load_case(with_evidence)  # empty templates are a valid case
    template = case_yaml_template("x")
    assert "# codes:" in template and "# recommendations:" in template and "# evidence_status:" in template


def two_coders() -> object:
    """Two coders, three passages, Ostrom scores; computed by hand below."""
    from commons_analysis.model.case import Case

    codings = pd.DataFrame(
        {
            "coding_id": ["c1", "c2", "c3", "c4", "c5", "c6"],
            "source_id": ["s"] * 6,
            "segment": ["p1", "p1", "p2", "p2", "p3", "p3"],
            "code": [
                "ostrom.monitoring",
                "ostrom.monitoring",
                "capture",
                "capture",
                "ostrom.boundaries",
                "time_energy",
            ],
            "coder": ["A", "B", "A", "B", "A", "B"],
            "value": [2, 1, None, None, 2, None],
            "excerpt": ["e1", "e1", "e2", "e2", "e3", "e3"],
        }
    )
    return Case.from_frames(
        {"id": "x", "assessment": {"ostrom": {"monitoring": {"score": 2}}}},
        actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}),
        sources=pd.DataFrame(
            {"source_id": ["s"], "kind": ["audition"], "consent": [True], "reference": ["r"]}
        ),
        codings=codings,
    )


def test_scores_cite_their_codings_and_show_each_coder() -> None:
    case = two_coders()
    scores = coder_scores(case)
    monitoring = scores[scores["code"] == "ostrom.monitoring"].set_index("coder")
    assert monitoring["score"].to_dict() == {"A": 2.0, "B": 1.0, "*": 2.0}  # agreed: case.yaml's
    assert monitoring.loc["*", "from"] == "case.yaml" and monitoring.loc["*", "coding_ids"] == "c1|c2"
    boundaries = scores[scores["code"] == "ostrom.boundaries"].set_index("coder")
    assert boundaries.loc["*", "from"] == "median" and boundaries.loc["*", "coding_ids"] == "c5"
    # units: the Ostrom principles scored; A: monitoring 2, boundaries 2; B: monitoring 1 → one pairable unit
    assert case_score_agreement(case, bootstrap=0)["units"] == 1


def test_presence_agreement_and_disagreements_by_hand() -> None:
    case = two_coders()
    table = agreement_by_code(case, bootstrap=0).set_index("code")
    # capture: p1 0/0, p2 1/1, p3 0/0 → perfect agreement
    assert table.loc["capture", "alpha"] == 1.0
    # time_energy: p3 A 0, B 1; elsewhere 0/0 — values 0×5, 1×1: D_o = 2/6, D_e = 2·5·1/(6·5) = 1/3
    assert table.loc["time_energy", "alpha"] == pytest.approx(1 - (2 / 6) / (1 / 3))
    listed = disagreements(case)
    assert listed[["segment", "code", "with_code", "without_code", "values"]].values.tolist() == [
        ["p1", "ostrom.monitoring", "A|B", "", "A=2|B=1"],
        ["p3", "ostrom.boundaries", "A", "B", "A=2"],
        ["p3", "time_energy", "B", "A", ""],
    ]
    assert cooccurrence(case).values.tolist() == [["ostrom.boundaries", "time_energy", 1]]


@pytest.mark.slow
def test_indicators_gain_evidence_for_the_cases_with_codings_only() -> None:
    debian = compute_indicators(load_case(CASES / "debian-votes"), permutations=0, bootstrap=100)
    evidence = debian["evidence"]
    assert evidence["sources"] == 8 and evidence["coders"] == 2 and evidence["codings"] == 49
    assert 0 < evidence["agreement"]["alpha"] < 1
    low, high = evidence["agreement"]["ci95"]
    assert low <= evidence["agreement"]["alpha"] <= high
    naples = compute_indicators(load_case(CASES / "naples-asilo-filangieri"), permutations=0, bootstrap=0)
    assert "evidence" not in naples
