"""The participatory budget section of the case report: French numbers and amounts, privacy, and nothing
shown for a case without budget votes."""

from __future__ import annotations

import pytest

from commons_analysis.analysis.budget_votes import example_case, example_vote
from commons_analysis.model.case import Case
from commons_analysis.reporting.blocks import Blocks, FigureBlock
from commons_analysis.reporting.case_report import CaseReport
from commons_analysis.reporting.sections.budgeting import amount
from commons_analysis.reporting.text import all_keys

BLOCKS = (
    "proposers",
    "budget_by_district",
    "budget_by_category",
    "rule_changes",
    "departures",
    "ballots_by_district",
    "budget_per_voter",
    "voters_by_age_sex",
    "represented",
    "beneficiaries",
    "turnout",
    "method_by_age",
    "ballot_length",
    "left_out",
    "cosupport",
)


def html_of(blocks: Blocks) -> str:
    return blocks.html()


def report(case: Case, lang: str = "fr", min_cell: int = 1) -> CaseReport:
    return CaseReport(case, lang=lang, min_cell=min_cell, permutations=0, bootstrap=0)


def test_every_string_exists_in_both_languages_with_the_same_fields() -> None:
    import string

    budget = {key: pair for key, pair in all_keys().items() if key.startswith("reporting.budget.")}
    assert len(budget) > 100  # the section's strings are in the catalogue
    for key, (french, english) in budget.items():
        fields = [{n for _, n, _, _ in string.Formatter().parse(text) if n} for text in (french, english)]
        assert french.strip() and english.strip(), key
        assert fields[0] == fields[1], key


def test_amounts_in_the_files_currency() -> None:
    assert amount(1011308, "PLN", "fr") == "1\u202f011\u202f308\u202fzł"
    assert amount(400000, "EUR", "fr") == "400\u202f000\u202f€" and amount(400000, "EUR", "en") == "€400,000"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_block_renders_and_carries_its_data(lang: str) -> None:
    section = report(example_vote(), lang).budgeting
    for name in BLOCKS:
        block = getattr(section, name)()
        assert block.parts, name
        assert block.data is not None, name
    for perspective in ("public_power", "distant_people", "practices_tools", "network"):
        assert section.heading(perspective).parts


def test_french_report_writes_french_numbers_and_says_what_the_data_cannot_tell() -> None:
    section = report(example_vote()).budgeting
    left_out = html_of(section.left_out())
    assert "25,0\u202f%" in left_out and "règle de la ville" in left_out
    assert "projets financés en plus\u202f: 1 (50\u202fzł)" in html_of(section.rule_changes())
    assert "60\u202fzł" in html_of(section.departures())
    assert "repartent de zéro à chaque édition" in html_of(section.heading("distant_people"))
    assert "pas de table des habitants" in html_of(section.turnout())
    figure = section.represented().figure
    assert figure is not None and figure.layout.separators == ",\u202f"


def test_a_person_who_proposed_appears_under_a_pseudonym_only() -> None:
    shown = report(example_vote())
    text = html_of(shown.budgeting.proposers())
    assert "Jeanne Martin" not in text
    assert shown.names["p1"] in text and "Jardin partagé" in text  # organisations keep their names


def test_small_cells_are_not_printed() -> None:
    section = report(example_vote(), min_cell=5).budgeting
    data = section.voters_by_age_sex().data
    printed = data["voters"].dropna().astype(int)
    assert not ((printed > 0) & (printed < 5)).any()
    by_age = section.represented(by=("age_band",)).data
    city = by_age[by_age["rule"] == "city"]
    assert city["share"].isna().all()  # 3 of 6 represented: a small count, and the line's other group
    assert by_age.loc[by_age["rule"] == "equal_shares", "share"].tolist() == [1.0, 1.0]  # 6 of 6: printed


def test_a_case_without_budgets_shows_nothing() -> None:
    case = Case.from_frames(
        {"id": "plain"},
        actors=example_case().actors.head(2),
    )
    section = report(case).budgeting
    assert not section.available
    for name in BLOCKS:
        assert getattr(section, name)().parts == [], name
    assert section.heading("public_power").parts == []


def test_a_split_city_vote_counts_money_in_its_districts() -> None:
    section = report(example_case(), "en").budgeting
    per_voter = section.budget_per_voter()
    assert isinstance(per_voter.parts[0], FigureBlock)
    assert per_voter.data["per_voter"].tolist() == [75.0, 40.0]
