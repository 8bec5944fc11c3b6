"""Participation indicators against values computed by hand (docs/design.md §Participation).

The small case used throughout (dates in the event ids' order):

    event  date        duration  records (role, hours, paid)
    e1     2020-01-10  2 h       a facilitator 1.5 h; b attendee
    e2     2020-02-10  3 h       a facilitator; c facilitator
    e3     2020-03-10  2 h       a facilitator; b attendee paid; d attendee
    e4     2021-01-10  4 h       a attendee paid
    e5     2021-02-01  1 h       nobody

Records per participant: a 4, b 2, c 1, d 1 (8 records, 4 participants).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from commons_analysis.analysis.attendance import attendance_by_event, participation_by_year
from commons_analysis.analysis.concentration import gini, top_share
from commons_analysis.analysis.meeting_practices import facilitator_rotation, hours_by_role
from commons_analysis.analysis.participation import lorenz_curve, participation_indicators
from commons_analysis.model.case import Case


def small_case() -> Case:
    return Case.from_frames(
        {"id": "small"},
        actors=pd.DataFrame(
            {
                "actor_id": ["a", "b", "c", "d", "z"],
                "name": ["A", "B", "C", "D", "Z"],
                "sector": ["citizen", "citizen", "public", "sse", "private"],
            }
        ),
        events=pd.DataFrame(
            {
                "event_id": ["e1", "e2", "e3", "e4", "e5"],
                "date": ["2020-01-10", "2020-02-10", "2020-03-10", "2021-01-10", "2021-02-01"],
                "kind": ["assembly", "working_group", "assembly", "council", "assembly"],
                "duration_hours": [2.0, 3.0, 2.0, 4.0, 1.0],
            }
        ),
        participation=pd.DataFrame(
            {
                "event_id": ["e1", "e1", "e2", "e2", "e3", "e3", "e3", "e4"],
                "actor_id": ["a", "b", "a", "c", "a", "b", "d", "a"],
                "role": [
                    "facilitator",
                    "attendee",
                    "facilitator",
                    "facilitator",
                    "facilitator",
                    "attendee",
                    "attendee",
                    "attendee",
                ],
                "hours": [1.5, None, None, None, None, None, None, None],
                "paid": [False, False, False, False, False, True, False, True],
            }
        ),
    )


def test_counts_and_concentration_by_hand() -> None:
    result = participation_indicators(small_case())
    assert result["events"] == 5
    assert result["participants"] == 4
    assert result["records"] == 8
    assert result["mean_attendance"] == pytest.approx(8 / 5)
    # records [1, 1, 2, 4]: Σᵢ Σⱼ |xᵢ − xⱼ| = 2·(0 + 1 + 3 + 1 + 3 + 2) = 20; 2n²x̄ = 2·16·2 = 64
    assert result["gini"] == pytest.approx(20 / 64)
    # ⌈0.1·4⌉ = 1 most active participant: a, 4 of 8 records
    assert result["top10_share"] == pytest.approx(0.5)
    assert result["repeat_share"] == pytest.approx(2 / 4)


def test_newcomer_share_by_hand() -> None:
    # e1 is the first event with participants and is skipped; e2: c new of {a, c};
    # e3: d new of {a, b, d}; e4: nobody new of {a}; e5 has no participants.
    result = participation_indicators(small_case())
    assert result["newcomer_share"] == pytest.approx((1 / 2 + 1 / 3 + 0) / 3)


def test_hours_default_to_the_event_duration_and_paid_share() -> None:
    result = participation_indicators(small_case())
    # e1: 1.5 + 2; e2: 3 + 3; e3: 2 + 2 + 2; e4: 4
    assert result["hours_total"] == pytest.approx(19.5)
    # paid: b at e3 (2 h) and a at e4 (4 h)
    assert result["paid_hours_share"] == pytest.approx(6 / 19.5)


def test_sector_shares_by_hand() -> None:
    shares = participation_indicators(small_case())["sector_shares"]
    assert shares == pytest.approx(
        {"commons": 0.0, "public": 1 / 8, "sse": 1 / 8, "private": 0.0, "citizen": 6 / 8, "other": 0.0}
    )


def test_keys_are_those_of_the_design() -> None:
    assert list(participation_indicators(small_case())) == [
        "events",
        "participants",
        "records",
        "mean_attendance",
        "gini",
        "top10_share",
        "repeat_share",
        "newcomer_share",
        "hours_total",
        "paid_hours_share",
        "sector_shares",
        "mean_turnout",
    ]


def test_undefined_values_are_none_not_zero() -> None:
    empty = Case.from_frames(
        {"id": "empty"}, actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]})
    )
    result = participation_indicators(empty)
    assert (result["events"], result["participants"], result["records"]) == (0, 0, 0)
    for key in (
        "mean_attendance",
        "gini",
        "top10_share",
        "repeat_share",
        "newcomer_share",
        "hours_total",
        "paid_hours_share",
    ):
        assert result[key] is None, key
    assert set(result["sector_shares"].values()) == {None}


def test_hours_unknown_everywhere_are_none() -> None:
    case = small_case()
    events = case.events.copy()
    events["duration_hours"] = pd.array([None] * 5, dtype="Float64")
    participation = case.participation.copy()  # holds the defaults of the old durations: as entered again
    participation["hours"] = pd.array([1.5] + [None] * 7, dtype="Float64")
    case = Case.from_frames({"id": "x"}, actors=case.actors, events=events, participation=participation)
    result = participation_indicators(case)
    assert result["hours_total"] == pytest.approx(1.5)  # the one record with its own hours
    participation = case.participation.copy()
    participation["hours"] = pd.array([None] * 8, dtype="Float64")
    case = Case.from_frames({"id": "x"}, actors=case.actors, events=events, participation=participation)
    result = participation_indicators(case)
    assert result["hours_total"] is None
    assert result["paid_hours_share"] is None


def test_a_single_event_has_no_newcomer_share() -> None:
    case = Case.from_frames(
        {"id": "x"},
        actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}),
        events=pd.DataFrame({"event_id": ["e1"], "date": ["2020-01-01"], "kind": ["assembly"]}),
        participation=pd.DataFrame({"event_id": ["e1"], "actor_id": ["a"]}),
    )
    result = participation_indicators(case)
    assert result["newcomer_share"] is None
    assert result["gini"] == 0.0  # one participant: no inequality, and defined


def test_events_on_the_same_date_are_ordered_by_event_id() -> None:
    # x2 and x1 share a date: x1 comes first, so x1's attendee b is a newcomer at x1, and at x2
    # the newcomer is c (b returns): ratio 1/2. Ordered the other way it would be 1/1.
    case = Case.from_frames(
        {"id": "x"},
        actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"], "sector": ["sse"] * 3}),
        events=pd.DataFrame(
            {
                "event_id": ["x0", "x2", "x1"],
                "date": ["2020-01-01", "2020-05-01", "2020-05-01"],
                "kind": ["assembly"] * 3,
            }
        ),
        participation=pd.DataFrame({"event_id": ["x0", "x1", "x2", "x2"], "actor_id": ["a", "b", "b", "c"]}),
    )
    # x1: b new (1/1); x2: c new of {b, c} (1/2)
    assert participation_indicators(case)["newcomer_share"] == pytest.approx((1 + 1 / 2) / 2)


def test_top10_uses_an_exact_ceiling() -> None:
    # n = 30: ⌈0.1·30⌉ = 3 (0.1·30 is 3.0000000000000004 in floating point, whose ceiling is 4)
    counts = [1] * 27 + [10, 20, 30]
    assert top_share(counts) == pytest.approx(60 / 87)
    assert top_share([5] * 11) == pytest.approx(2 / 11)  # n = 11 → 2 kept


def test_gini_hand_values() -> None:
    assert gini([3, 3, 3, 3]) == 0.0
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)  # (n − 1)/n for one holder of everything
    assert gini([1, 2, 3]) == pytest.approx(8 / 36)  # ΣΣ|diff| = 2·(1 + 2 + 1) = 8, 2·9·2 = 36
    assert gini([1.5, 1.5]) == 0.0
    assert gini([]) is None
    assert gini([0, 0]) is None


def test_lorenz_curve_points() -> None:
    curve = lorenz_curve(small_case())
    assert curve["population_share"].tolist() == pytest.approx([0, 0.25, 0.5, 0.75, 1])
    assert curve["records_share"].tolist() == pytest.approx([0, 1 / 8, 2 / 8, 4 / 8, 1])
    # twice the area between the diagonal and the curve (trapezoids) is the Gini
    area = sum((curve["records_share"][i] + curve["records_share"][i + 1]) / 2 * 0.25 for i in range(4))
    assert 1 - 2 * area == pytest.approx(20 / 64)


def test_attendance_by_event() -> None:
    table = attendance_by_event(small_case())
    assert table["event_id"].tolist() == ["e1", "e2", "e3", "e4", "e5"]
    assert table["participants"].tolist() == [2, 2, 3, 1, 0]
    assert table["newcomers"].tolist() == [2, 1, 1, 0, 0]
    assert table["returning"].tolist() == [0, 1, 2, 1, 0]
    assert list(table.columns) == [
        "event_id",
        "date",
        "kind",
        "title",
        "open",
        "participants",
        "newcomers",
        "returning",
        "attendance",
        "eligible",
        "turnout",
    ]


def test_participation_by_year_by_hand() -> None:
    table = participation_by_year(small_case()).set_index("year")
    assert table.index.tolist() == [2020, 2021]
    y2020, y2021 = table.loc[2020], table.loc[2021]
    assert (y2020["events"], y2020["participants"], y2020["records"]) == (3, 4, 7)
    # 2020 records [1, 1, 2, 3]: ΣΣ|diff| = 2·(0 + 1 + 2 + 1 + 2 + 1) = 14; 2·16·(7/4) = 56
    assert y2020["gini"] == pytest.approx(14 / 56)
    assert y2020["top10_share"] == pytest.approx(3 / 7)
    assert y2020["repeat_share"] == pytest.approx(0.5)
    assert y2020["newcomer_share"] == pytest.approx((1 / 2 + 1 / 3) / 2)
    assert y2020["hours_total"] == pytest.approx(15.5)
    assert y2020["paid_hours_share"] == pytest.approx(2 / 15.5)
    assert y2020["sector_share_citizen"] == pytest.approx(5 / 7)
    assert (y2021["events"], y2021["participants"], y2021["records"]) == (2, 1, 1)
    assert y2021["mean_attendance"] == pytest.approx(0.5)
    assert y2021["gini"] == 0.0
    assert y2021["newcomer_share"] == 0.0  # a is not new in 2021: newcomers are first records ever
    assert y2021["paid_hours_share"] == pytest.approx(1.0)


def test_participation_by_year_marks_undefined_values_missing() -> None:
    case = small_case()
    events = pd.concat(
        [
            case.events,
            pd.DataFrame({"event_id": ["e9"], "date": [pd.Timestamp("2023-01-01")], "kind": ["assembly"]}),
        ],
        ignore_index=True,
    )
    case = Case.from_frames({"id": "x"}, actors=case.actors, events=events, participation=case.participation)
    row = participation_by_year(case).set_index("year").loc[2023]
    assert row["records"] == 0
    assert pd.isna(row["gini"]) and pd.isna(row["newcomer_share"]) and pd.isna(row["sector_share_citizen"])


def test_hours_by_role_by_hand() -> None:
    table = hours_by_role(small_case()).set_index(["role", "paid"])
    assert len(table) == 8
    assert table.loc[("facilitator", False), "records"] == 4
    assert table.loc[("facilitator", False), "hours"] == pytest.approx(1.5 + 3 + 3 + 2)
    assert table.loc[("attendee", False), "hours"] == pytest.approx(2 + 2)
    assert table.loc[("attendee", True), "hours"] == pytest.approx(2 + 4)
    assert table.loc[("speaker", True), "records"] == 0
    assert table.loc[("speaker", True), "hours"] == 0.0
    assert math.isclose(float(table["hours"].sum()), 19.5)


def test_facilitator_rotation_by_hand() -> None:
    # facilitators a and c; events with a facilitator: e1, e2, e3
    assert facilitator_rotation(small_case()) == {
        "facilitators": 2,
        "facilitated_events": 3,
        "rotation": pytest.approx(2 / 3),
    }


def test_no_facilitation_gives_no_rotation() -> None:
    case = small_case()
    participation = case.participation.copy()
    participation["role"] = "attendee"
    case = Case.from_frames({"id": "x"}, actors=case.actors, events=case.events, participation=participation)
    assert facilitator_rotation(case) == {"facilitators": 0, "facilitated_events": 0, "rotation": None}
