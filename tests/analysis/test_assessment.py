"""Coded assessments: Ostrom score Σ scores / 16 and Arnstein's rung and group."""

from __future__ import annotations

import pandas as pd
import pytest

from commons_analysis.analysis.assessment import (
    arnstein_group,
    arnstein_summary,
    assessment_indicators,
    ostrom_table,
)
from commons_analysis.model.case import Case

ACTORS = pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]})


def coded(assessment: dict | None) -> Case:
    meta = {"id": "coded"} if assessment is None else {"id": "coded", "assessment": assessment}
    return Case.from_frames(meta, actors=ACTORS)


def test_ostrom_score_by_hand() -> None:
    case = coded(
        {
            "ostrom": {
                "boundaries": {"score": 2, "evidence": "Members are listed."},
                "congruence": {"score": 1},
                "monitoring": {"score": 0, "evidence": "Nobody monitors."},
            }
        }
    )
    # (2 + 1 + 0) / 16
    assert assessment_indicators(case)["ostrom_score"] == pytest.approx(3 / 16)


def test_all_principles_present_score_one() -> None:
    principles = [
        "boundaries",
        "congruence",
        "collective_choice",
        "monitoring",
        "graduated_sanctions",
        "conflict_resolution",
        "recognition_of_rights",
        "nested_enterprises",
    ]
    case = coded({"ostrom": {p: {"score": 2} for p in principles}})
    assert assessment_indicators(case)["ostrom_score"] == 1.0


def test_uncoded_is_none() -> None:
    assert assessment_indicators(coded(None)) == {"ostrom_score": None, "arnstein_rung": None}
    assert assessment_indicators(coded({"ostrom": {}})) == {"ostrom_score": None, "arnstein_rung": None}
    assert arnstein_summary(coded(None)) == {"rung": None, "level": None, "group": None, "evidence": None}


def test_all_absent_is_zero_not_none() -> None:
    case = coded({"ostrom": {"boundaries": {"score": 0}}})
    assert assessment_indicators(case)["ostrom_score"] == 0.0


@pytest.mark.parametrize(
    ("rung", "level", "group"),
    [
        ("manipulation", 1, "non_participation"),
        ("therapy", 2, "non_participation"),
        ("informing", 3, "tokenism"),
        ("consultation", 4, "tokenism"),
        ("placation", 5, "tokenism"),
        ("partnership", 6, "citizen_power"),
        ("delegated_power", 7, "citizen_power"),
        ("citizen_control", 8, "citizen_power"),
    ],
)
def test_arnstein_ladder(rung: str, level: int, group: str) -> None:
    case = coded({"arnstein": {"rung": rung, "evidence": "Minutes of 2019."}})
    assert assessment_indicators(case)["arnstein_rung"] == level
    assert arnstein_summary(case) == {
        "rung": rung,
        "level": level,
        "group": group,
        "evidence": "Minutes of 2019.",
    }


def test_arnstein_group_rejects_out_of_ladder() -> None:
    with pytest.raises(ValueError, match="1 to 8"):
        arnstein_group(9)


def test_ostrom_table_lists_every_principle_with_evidence() -> None:
    case = coded({"ostrom": {"monitoring": {"score": 1, "evidence": "Annual report."}}})
    table = ostrom_table(case)
    assert table["principle"].tolist()[:4] == ["boundaries", "congruence", "collective_choice", "monitoring"]
    assert len(table) == 8
    row = table.set_index("principle").loc["monitoring"]
    assert row["score"] == 1 and row["evidence"] == "Annual report."
    assert table["score"].isna().sum() == 7
