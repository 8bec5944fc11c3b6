"""The catalogue of indicators: one entry per key the tool prints, and docs/indicators.md documents each.

The documentation names keys in its headings (``### `network.density` ``);
family keys carry their varying part as ``<…>`` (``decisions.rule_shares.<rule>``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from commons_analysis.analysis.indicators import compute_indicators, flatten
from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case
from commons_analysis.reporting import catalogue, text
from commons_analysis.reporting.catalogue import HEADLINES, INDEX_HEADLINES, INDICATORS, lookup

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "indicators.md"
TOP_LEVEL = (
    "network",
    "coparticipation",
    "participation",
    "inclusion",
    "decisions",
    "assessment",
    "evidence",
)


def documented_keys() -> set[str]:
    """Every key named in backticks in a heading of docs/indicators.md."""
    keys = set()
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            keys |= {key for key in re.findall(r"`([^`]+)`", line) if key.split(".")[0] in TOP_LEVEL}
    return keys


def _matches(family: str, key: str) -> bool:
    parts = [r"[^.]+" if part.startswith("<") else re.escape(part) for part in family.split(".")]
    return re.fullmatch(r"\.".join(parts), key) is not None


def test_every_catalogue_key_is_documented() -> None:
    documented = documented_keys()
    missing = [
        entry.key
        for entry in INDICATORS
        if entry.key not in documented and not any(_matches(doc, entry.key) for doc in documented)
    ]
    assert missing == []


def test_no_documented_key_is_stale() -> None:
    keys = {entry.key for entry in INDICATORS}
    assert sorted(documented_keys() - keys) == []


def test_the_three_new_keys_are_documented_with_their_formula() -> None:
    page = DOCS.read_text(encoding="utf-8")
    for key in ("participation.mean_turnout", "decisions.supported_share", "decisions.support_reciprocity"):
        assert key in documented_keys(), key
    assert "participants / eligible" in page
    assert "decisions with at least one supporter / decisions with a known initiator" in page


def _case_with_everything() -> Case:
    """Groups, a ballot with eligible, supporters, a conflict: every family of keys appears."""
    people = [f"p{i}" for i in range(12)]
    return Case.from_frames(
        {
            "id": "all-keys",
            "inclusion_groups": {"qpv": {"population_share": 0.2}},
            "assessment": {"ostrom": {"boundaries": {"score": 2}}, "arnstein": {"rung": "partnership"}},
        },
        actors=pd.DataFrame(
            {
                "actor_id": ["city", "coop", *people],
                "name": ["City", "Coop", *people],
                "sector": ["public", "sse", *["citizen"] * 12],
                "kind": ["organisation", "organisation", *["person"] * 12],
                "groups": [None, None, *["qpv"] * 6, *[None] * 6],
            }
        ),
        relations=pd.DataFrame(
            {"source": ["city", "coop"], "target": ["coop", "p0"], "type": ["funding", "conflict"]}
        ),
        events=pd.DataFrame(
            {"event_id": ["v1"], "date": ["2020-01-01"], "kind": ["ballot"], "eligible": [20]}
        ),
        participation=pd.DataFrame({"event_id": ["v1"] * 12, "actor_id": people}),
        decisions=pd.DataFrame(
            {
                "decision_id": ["d1"],
                "event_id": ["v1"],
                "rule": ["majority"],
                "initiated_by": ["p0"],
                "supported_by": ["p1|p2"],
            }
        ),
    )


def _printed_keys(indicators: dict[str, Any]) -> list[str]:
    return [key for key, value in flatten(indicators).items() if value != {}]


@pytest.mark.slow
@pytest.mark.parametrize("case_id", ["naples-asilo-filangieri", "python-governance", None])
def test_every_printed_indicator_is_in_the_catalogue(case_id: str | None) -> None:
    folder = ROOT / "data" / "cases" / str(case_id)
    if case_id is not None and not folder.is_dir():
        pytest.skip(f"{case_id} is not bundled")
    case = _case_with_everything() if case_id is None else load_case(folder)
    unknown = [key for key in _printed_keys(compute_indicators(case)) if lookup(key) is None]
    assert unknown == []


def test_every_entry_has_labels_a_format_and_a_perspective() -> None:
    formats = {"count", "percent", "number", "hours", "rung", "flag", "p_value"}
    perspectives = set(catalogue.PERSPECTIVE_ORDER)
    for entry in INDICATORS:
        assert entry.fr.strip() and entry.en.strip(), entry.key
        assert entry.format in formats, entry.key
        assert entry.perspectives and set(entry.perspectives) <= perspectives, entry.key
        assert not (entry.headline and entry.family), f"{entry.key}: a headline is one key"


def test_headlines_and_index_headlines_come_from_the_catalogue() -> None:
    # the cards of the reports, in the order they were before the catalogue
    assert HEADLINES["public_power"][:4] == (
        "network.actors",
        "network.ties",
        "network.density",
        "network.components",
    )
    assert HEADLINES["distant_people"][-2:] == ("participation.hours_total", "participation.paid_hours_share")
    assert HEADLINES["practices_tools"][-3:] == (
        "participation.facilitator_rotation",
        "assessment.ostrom_score",
        "assessment.arnstein_rung",
    )
    for key in INDEX_HEADLINES:
        assert lookup(key) is not None and lookup(key).headline, key  # type: ignore[union-attr]


def test_labels_and_formats_follow_the_catalogue() -> None:
    assert text.indicator_label("participation.mean_turnout", "en") == "mean turnout"
    assert text.indicator_label("network.brokerage.liaison", "fr") == "courtage\u202f: agent de liaison"
    assert (
        text.indicator_label("network.sector_ties.commons|public", "en")
        == "ties between sectors: commons|public"
    )
    assert text.indicator_label("no.such.key", "en") == "no.such.key"
    assert text.format_indicator("participation.mean_turnout", 0.305, "fr") == "30,5\u202f%"
    assert text.format_indicator("decisions.support_reciprocity", 0.25, "en") == "25.0%"
    assert text.format_indicator("inclusion.qpv.suppressed", True, "fr") == "oui"
    assert text.format_indicator("participation.gini_ci", [0.381, 0.52], "en") == "[0.38, 0.52]"
    assert text.format_indicator("network.ei_index_p", 0.0123, "fr") == "0,012"
    assert text.format_indicator("network.ei_index_p", 0.41, "en") == "0.41"
    assert text.format_indicator("network.sector_assortativity_p", 1 / 1001, "fr") == "< 0,001"
