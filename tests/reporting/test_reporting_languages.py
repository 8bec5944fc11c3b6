"""Reports in French and English: metadata in the report's language, figures that do not apply, the
glossary, dates with their precision, the parameters and the axes of the charts (issue 18)."""

from __future__ import annotations

import pandas as pd

from commons_analysis.model.case import Case
from commons_analysis.reporting import plots
from commons_analysis.reporting.case_report import CaseReport
from commons_analysis.reporting.comparison_report import ComparisonReport

NNBSP = "\u202f"


def bilingual_case(case_id: str = "naples", data_status: str = "documented", title: str = "Naples") -> Case:
    """A case whose fields exist in both languages, with secret ballots (no named participation)."""
    return Case.from_frames(
        {
            "id": case_id,
            "show_names": True,
            "data_status": data_status,
            "title": {"fr": title, "en": title},
            "place": {"fr": "Naples", "en": "Naples"},
            "country": "IT",
            "legal_form": {"fr": "Association de fait", "en": "Unincorporated association"},
            "summary": {"fr": "Un lieu « ouvert » : la salle", "en": "An open place: the hall"},
            "assessment": {
                "ostrom": {"boundaries": {"score": 2, "evidence": {"fr": "Charte", "en": "Charter"}}},
                "arnstein": {"rung": "partnership", "evidence": {"fr": "Usage civique", "en": "Civic use"}},
            },
        },
        actors=pd.DataFrame(
            {"actor_id": ["a", "city"], "name": ["A", "City"], "sector": ["commons", "public"]}
        ),
        events=pd.DataFrame(
            {
                "event_id": ["v"],
                "date": ["2020-01-01"],
                "kind": ["ballot"],
                "attendance": [70],
                "eligible": [100],
            }
        ),
        decisions=pd.DataFrame(
            {
                "decision_id": ["d1", "d2", "d3"],
                "date": ["2002-04-17", "2002-06-01", "2003-01-01"],
                "rule": ["consensus", "majority", "consensus"],
                "date_precision": ["day", "month", "approximate"],
            }
        ),
    )


def test_the_case_at_a_glance_is_in_the_reports_language() -> None:
    french = CaseReport(bilingual_case(), lang="fr").at_a_glance().data.set_index("fact")["value"]
    english = CaseReport(bilingual_case(), lang="en").at_a_glance().data.set_index("fact")["value"]
    assert french["Pays"] == "Italie" and english["Country"] == "Italy"
    assert french["Forme juridique"] == "Association de fait"
    assert english["Legal form"] == "Unincorporated association"
    # the French summary takes French spacing: « ouvert » and a space before the colon
    glance = CaseReport(bilingual_case(), lang="fr").at_a_glance().html()
    assert f"«{NNBSP}ouvert{NNBSP}»{NNBSP}: la salle" in glance


def test_the_evidence_is_in_the_reports_language() -> None:
    english = CaseReport(bilingual_case(), lang="en")
    evidence = english.ostrom().parts[1].html
    assert "<td>Charter</td>" in evidence and "<td>Charte</td>" not in evidence
    assert "Civic use" in english.arnstein().parts[1].html
    assert "Usage civique" in CaseReport(bilingual_case(), lang="fr").arnstein().parts[1].html


def test_a_figure_that_does_not_apply_says_why_instead_of_zero() -> None:
    section = CaseReport(bilingual_case(), lang="fr").section("distant_people")
    assert "sans objet : les votes sont secrets".replace(" :", f"{NNBSP}:") in section.html
    participants = section.data.set_index("indicator").loc["participation.participants", "value"]
    assert participants == 0  # the data keep the figure; the card does not show it
    line = next(line for line in section.text.splitlines() if line.startswith("participants"))
    assert "sans objet" in line and not line.endswith(": 0")
    assert (
        "not applicable: the ballots are secret"
        in CaseReport(bilingual_case(), lang="en").section("distant_people").text
    )


def test_technical_indicators_are_explained_and_glossed() -> None:
    report = CaseReport(bilingual_case(), lang="en")
    assert "from −1 (each sector keeps to itself)" in report.section("public_power").html
    glossary = report.glossary()
    assert glossary.html.startswith('<section class="ca-glossary">') and "Glossary" in glossary.html
    assert "HHI (Herfindahl-Hirschman index)" in glossary.data["term"].tolist()
    french = CaseReport(bilingual_case(), lang="fr").glossary()
    assert "Glossaire" in french.html and "indice E-I" in french.data["term"].tolist()


def test_decisions_dated_to_the_month_or_roughly_say_so() -> None:
    rules = CaseReport(bilingual_case(), lang="fr").decision_rules()
    precision = rules.parts[1]
    assert precision.data.to_dict("list")["date_precision"] == ["day", "month", "approximate"]
    assert precision.data["decisions"].tolist() == [1, 1, 1]
    assert (
        "juin 2002" in precision.html and "vers 2003" in precision.html and "au mois près" in precision.html
    )
    assert rules.figure is not None  # the chart stays first


def test_the_parameters_are_named_in_french() -> None:
    report = CaseReport(bilingual_case(), lang="fr", parameters={"case_id": "naples", "bootstrap": 10000})
    footer = report.provenance().html
    assert "identifiant du cas" in footer and "tirages bootstrap (intervalles)" in footer
    assert f"10{NNBSP}000" in footer and "case_id" not in footer


def test_the_comparison_names_its_first_column_and_warns_of_several_illustrative_cases() -> None:
    cases = [
        bilingual_case("one", "illustrative", "Asilo : les usages civiques"),
        bilingual_case("two", "illustrative", "Scugnizzo : un autre bien commun"),
    ]
    comparison = ComparisonReport(cases, lang="fr")
    assert "<th>indicateur</th>" in comparison.table().html
    assert "Les lignes de ces cas" in comparison.heading().html
    # two cases of the same place are told apart by their titles, never by raw ids
    assert comparison.case_labels == {"one": "Asilo (illustratif)", "two": "Scugnizzo (illustratif)"}
    assert "Glossaire" in comparison.glossary().html


def test_percentage_axes_are_written_as_the_language_writes_them() -> None:
    figure = plots.lorenz_chart(
        pd.DataFrame({"population_share": [0.0, 0.5, 1.0], "records_share": [0.0, 0.2, 1.0]}), 0.3, "fr"
    )
    assert figure.layout.xaxis.tickformat is None
    assert f"40{NNBSP}%" in figure.layout.xaxis.ticktext and "40%" not in figure.layout.xaxis.ticktext
    assert figure.layout.separators == f",{NNBSP}"
    assert plots.TEMPLATE.layout.yaxis.exponentformat == "none"  # 5 000, never 5k
