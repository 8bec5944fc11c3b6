"""A figure that does not apply to a case says why (issue 18): the reasons of the bundled cases."""

from __future__ import annotations

from pathlib import Path

from commons_analysis.analysis.applicability import NAMED_PARTICIPATION, not_applicable
from commons_analysis.analysis.indicators import compute_indicators, flatten
from commons_analysis.ingest.loading import load_case
from commons_analysis.reporting import text
from commons_analysis.reporting.catalogue import lookup

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"


def test_secret_ballots_say_why_there_are_no_participants_but_keep_the_turnout() -> None:
    case = load_case(CASES / "python-governance")
    reasons = not_applicable(case)
    figures = flatten(compute_indicators(case, permutations=0, bootstrap=0))
    # The index showed 0 participants and a Gini "—" beside a 76.3 % turnout.
    assert figures["participation.participants"] == 0 and figures["participation.gini"] is None
    assert round(figures["participation.mean_turnout"], 3) == 0.763
    assert reasons["participation.participants"] == reasons["participation.gini"] == "secret_ballot"
    assert "participation.mean_turnout" not in reasons
    assert set(NAMED_PARTICIPATION) <= set(reasons)
    assert "secrets" in text.not_applicable_text(reasons["participation.gini"], "fr")


def test_developers_coded_as_the_commons_make_the_citizens_share_meaningless() -> None:
    case = load_case(CASES / "debian-votes")
    reasons = not_applicable(case)
    figures = flatten(compute_indicators(case, permutations=0, bootstrap=0))
    assert figures["participation.sector_shares.citizen"] == 0.0  # by construction: all are "commons"
    assert reasons["participation.sector_shares.citizen"] == "one_sector_participates"
    assert "participation.gini" not in reasons  # 1,403 named voters: the Gini means something


def test_a_case_with_every_figure_meaningful_has_no_reason() -> None:
    assert not_applicable(load_case(CASES / "brest-assemblee-des-communs")) == {}


def test_every_reason_every_explanation_and_the_glossary_exist_in_both_languages() -> None:
    for reason in ("secret_ballot", "no_participation", "one_sector_participates", "one_sector_network",
                   "no_initiator", "no_hours", "not_coded"):  # fmt: skip
        assert text.not_applicable_text(reason, "fr") and text.not_applicable_text(reason, "en")
    assert len(text.explained_indicators()) >= 17
    for key in text.explained_indicators():
        assert lookup(key) is not None, key
        assert text.explanation(key, "fr") and text.explanation(key, "en"), key
    french, english = dict(text.glossary("fr")), dict(text.glossary("en"))
    assert len(french) == len(english) == len(text.glossary_terms())
    for term in ("HHI", "Gini", "assortativ", "composantes", "Ostrom", "E-I", "bootstrap", "p ("):
        assert any(term in word for word in french), term
