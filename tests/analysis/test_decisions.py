"""Decision indicators against hand-computed values (docs/design.md §Decisions).

    decision  event  date        rule              initiated_by  adopted
    d1        e1     (e1: 2020)  consensus         city (public) yes
    d2        e1     (e1: 2020)  consensus         city          yes
    d3        e2     (e2: 2021)  majority          asso (commons) no
    d4        -      2021-05-01  public_authority  city          yes
    d5        e3     (e3: 2021)  consensus         -             yes
    d6        -      2022-01-01  sortition         kim (citizen) yes

e1 and e3 are open, e2 is closed.
"""

from __future__ import annotations

import pandas as pd
import pytest

from commons_analysis.analysis.decisions import (
    decision_indicators,
    decisions_by_rule,
    decisions_by_sector,
    decisions_by_year,
)
from commons_analysis.model.case import Case


def decisions_case() -> Case:
    return Case.from_frames(
        {"id": "decisions"},
        actors=pd.DataFrame(
            {
                "actor_id": ["city", "asso", "kim"],
                "name": ["Ville", "Asso", "Kim"],
                "sector": ["public", "commons", "citizen"],
                "kind": ["organisation", "organisation", "person"],
            }
        ),
        events=pd.DataFrame(
            {
                "event_id": ["e1", "e2", "e3"],
                "date": ["2020-03-01", "2021-02-01", "2021-09-01"],
                "kind": ["assembly", "council", "assembly"],
                "open": [True, False, True],
            }
        ),
        decisions=pd.DataFrame(
            {
                "decision_id": ["d1", "d2", "d3", "d4", "d5", "d6"],
                "event_id": ["e1", "e1", "e2", None, "e3", None],
                "date": [None, None, None, "2021-05-01", None, "2022-01-01"],
                "rule": ["consensus", "consensus", "majority", "public_authority", "consensus", "sortition"],
                "initiated_by": ["city", "city", "asso", "city", None, "kim"],
                "adopted": [True, True, False, True, True, True],
            }
        ),
    )


def test_indicators_by_hand() -> None:
    result = decision_indicators(decisions_case())
    assert result["count"] == 6
    assert result["adopted_share"] == pytest.approx(5 / 6)
    assert result["rule_shares"] == pytest.approx(
        {
            "consensus": 3 / 6,
            "majority": 1 / 6,
            "supermajority": 0.0,
            "sortition": 1 / 6,
            "public_authority": 1 / 6,
            "delegated": 0.0,
            "participatory_budget": 0.0,
            "other": 0.0,
        }
    )
    # 5 decisions with a known initiator: city 3, asso 1, kim 1
    assert result["initiative_share_by_sector"] == pytest.approx(
        {"commons": 1 / 5, "public": 3 / 5, "sse": 0.0, "private": 0.0, "citizen": 1 / 5, "other": 0.0}
    )
    assert result["initiative_hhi"] == pytest.approx((3 / 5) ** 2 + (1 / 5) ** 2 + (1 / 5) ** 2)
    assert result["top3_initiative_share"] == pytest.approx(1.0)
    # 4 decisions at an event (d1, d2, d3, d5); open ones: e1 twice and e3
    assert result["open_share"] == pytest.approx(3 / 4)
    assert list(result) == [
        "count",
        "adopted_share",
        "rule_shares",
        "initiative_share_by_sector",
        "initiative_hhi",
        "top3_initiative_share",
        "open_share",
        "supported_share",
        "support_reciprocity",
    ]


def test_top3_leaves_out_the_fourth_initiator() -> None:
    # initiators with 4, 3, 2, 1 decisions: the top three hold 9 of 10
    initiators = ["a"] * 4 + ["b"] * 3 + ["c"] * 2 + ["d"]
    case = Case.from_frames(
        {"id": "x"},
        actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"), "sector": "sse"}),
        decisions=pd.DataFrame(
            {
                "decision_id": [f"d{i}" for i in range(10)],
                "date": "2020-01-01",
                "rule": "majority",
                "initiated_by": initiators,
            }
        ),
    )
    result = decision_indicators(case)
    assert result["top3_initiative_share"] == pytest.approx(9 / 10)
    assert result["initiative_hhi"] == pytest.approx((16 + 9 + 4 + 1) / 100)
    assert result["open_share"] is None  # no decision at an event


def test_no_decisions_gives_undefined_values() -> None:
    actors = pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]})
    case = Case.from_frames({"id": "x"}, actors=actors)
    result = decision_indicators(case)
    assert result["count"] == 0
    for key in ("adopted_share", "initiative_hhi", "top3_initiative_share", "open_share"):
        assert result[key] is None, key
    assert set(result["rule_shares"].values()) == {None}
    assert set(result["initiative_share_by_sector"].values()) == {None}


def test_no_known_initiator() -> None:
    case = decisions_case()
    decisions = case.decisions.copy()
    decisions["initiated_by"] = pd.array([None] * 6, dtype="string")
    case = Case.from_frames({"id": "x"}, actors=case.actors, events=case.events, decisions=decisions)
    result = decision_indicators(case)
    assert result["initiative_hhi"] is None and result["top3_initiative_share"] is None
    assert result["count"] == 6


def test_by_rule() -> None:
    table = decisions_by_rule(decisions_case()).set_index("rule")
    assert table.loc["consensus", "decisions"] == 3 and table.loc["consensus", "adopted"] == 3
    assert table.loc["majority", "adopted"] == 0
    assert table.loc["consensus", "share"] == pytest.approx(0.5)
    assert len(table) == 8  # every rule of the contract, participatory_budget included


def test_by_sector() -> None:
    table = decisions_by_sector(decisions_case())
    shares = dict(zip(table["sector"], table["share"], strict=True))
    assert shares["public"] == pytest.approx(3 / 5) and shares["commons"] == pytest.approx(1 / 5)
    assert table.attrs["unknown_initiator"] == 1


def test_by_year_uses_the_event_date_when_the_decision_has_none() -> None:
    table = decisions_by_year(decisions_case()).set_index("year")
    assert table.index.tolist() == [2020, 2021, 2022]
    assert table["count"].tolist() == [2, 3, 1]
    # 2021: d3 (e2 closed), d4 (no event), d5 (e3 open)
    assert table.loc[2021, "open_share"] == pytest.approx(1 / 2)
    assert table.loc[2021, "adopted_share"] == pytest.approx(2 / 3)
    assert table.loc[2021, "rule_share_consensus"] == pytest.approx(1 / 3)
    # 2021 known initiators: asso, city
    assert table.loc[2021, "initiative_hhi"] == pytest.approx(0.5)
    assert pd.isna(table.loc[2022, "open_share"])
