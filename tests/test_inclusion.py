"""Inclusion indicators and small-cell suppression (DESIGN.md, section "Inclusion"; issue 4, point 2).

Hand-computed cases, then a hypothesis property: whatever the data, no
suppressed count can be recovered by subtraction from what the inclusion
outputs print, even when the tags happen to partition the participants.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commons_analysis.analysis.inclusion import (
    inclusion_by_year,
    inclusion_indicators,
    inclusion_table,
    suppression_mask,
)
from commons_analysis.model.case import Case

GROUPS = {
    "qpv": {
        "label": {"fr": "Quartiers prioritaires", "en": "Priority neighbourhoods"},
        "population_share": 0.2,
    },
    "jobless": {"label": {"fr": "Sans emploi", "en": "Unemployed"}, "population_share": 0.1},
    "exile": {"label": {"fr": "Exilé·es"}},
}


def people_case(
    groups: list[str],
    kinds: list[str] | None = None,
    absent: int = 0,
    meta_groups: dict[str, Any] | None = None,
) -> Case:
    """Persons p0… with the given "|"-joined tags, all at event e1, and ``absent`` tagged non-participants."""
    n = len(groups)
    ids = [f"p{i}" for i in range(n)] + [f"x{i}" for i in range(absent)]
    return Case.from_frames(
        {"id": "people", "inclusion_groups": GROUPS if meta_groups is None else meta_groups},
        actors=pd.DataFrame(
            {
                "actor_id": ids,
                "name": ids,
                "sector": "citizen",
                "kind": (kinds or ["person"] * n) + ["person"] * absent,
                "groups": groups + ["qpv|jobless|exile"] * absent,
            }
        ),
        events=pd.DataFrame({"event_id": ["e1"], "date": ["2021-03-01"], "kind": ["assembly"]}),
        participation=pd.DataFrame({"event_id": "e1", "actor_id": ids[:n]}),
    )


def test_counts_shares_and_ratios_by_hand() -> None:
    # 20 participating persons: 6 qpv, 8 jobless (2 of them qpv too), 5 exile; 3 absent persons tagged
    groups = ["qpv"] * 4 + ["qpv|jobless"] * 2 + ["jobless"] * 6 + ["exile"] * 5 + [""] * 3
    result = inclusion_indicators(people_case(groups, absent=3))
    assert result["qpv"] == {
        "count": 6,
        "share": pytest.approx(6 / 20),
        "representation_ratio": pytest.approx(0.3 / 0.2),
        "suppressed": False,
    }
    assert result["jobless"] == {
        "count": 8,
        "share": pytest.approx(0.4),
        "representation_ratio": pytest.approx(4.0),
        "suppressed": False,
    }
    # no population share declared: the ratio is undefined, not 0
    assert result["exile"] == {
        "count": 5,
        "share": pytest.approx(0.25),
        "representation_ratio": None,
        "suppressed": False,
    }


def test_only_persons_count() -> None:
    # organisations and groups carry tags too, but inclusion is about persons
    groups = ["qpv"] * 5 + ["qpv"] * 3
    kinds = ["person"] * 5 + ["organisation", "group", "organisation"]
    result = inclusion_indicators(people_case(groups, kinds=kinds), min_cell=5)
    assert result["qpv"]["count"] == 5
    assert result["qpv"]["share"] == pytest.approx(1.0)


def test_small_counts_are_suppressed_and_zero_is_not() -> None:
    groups = ["qpv"] * 12 + ["jobless"] * 3
    result = inclusion_indicators(people_case(groups))
    assert result["jobless"] == {
        "count": None,
        "share": None,
        "representation_ratio": None,
        "suppressed": True,
    }
    # exile: 0 persons is not a small cell, it is printed
    assert result["exile"] == {"count": 0, "share": 0.0, "representation_ratio": None, "suppressed": False}
    # qpv is complementary-suppressed: 15 total (from 12 / share) − 12 would give jobless' 3
    assert result["qpv"]["suppressed"] is True and result["qpv"]["count"] is None


def test_min_cell_option() -> None:
    groups = ["qpv"] * 12 + ["jobless"] * 3
    result = inclusion_indicators(people_case(groups), min_cell=3)
    assert result["jobless"]["count"] == 3 and result["qpv"]["count"] == 12
    assert not any(group["suppressed"] for group in result.values())
    assert inclusion_indicators(people_case(groups), min_cell=1)["jobless"]["count"] == 3


def test_second_suppression_picks_the_smallest_other_cell() -> None:
    groups = ["qpv"] * 20 + ["jobless"] * 7 + ["exile"] * 2
    result = inclusion_indicators(people_case(groups))
    assert [result[g]["suppressed"] for g in ("qpv", "jobless", "exile")] == [False, True, True]
    assert result["qpv"]["count"] == 20


def test_two_small_cells_need_no_third() -> None:
    groups = ["qpv"] * 20 + ["jobless"] * 4 + ["exile"] * 2
    result = inclusion_indicators(people_case(groups))
    assert [result[g]["suppressed"] for g in ("qpv", "jobless", "exile")] == [False, True, True]


def test_table_columns_and_labels() -> None:
    table = inclusion_table(people_case(["qpv"] * 6), lang="en")
    assert list(table.columns) == [
        "group",
        "label",
        "count",
        "share",
        "population_share",
        "representation_ratio",
        "suppressed",
    ]
    assert table["group"].tolist() == ["qpv", "jobless", "exile"]
    assert table["label"].tolist() == ["Priority neighbourhoods", "Unemployed", "Exilé·es"]  # fr fallback
    assert inclusion_table(people_case(["qpv"] * 6))["label"].tolist()[0] == "Quartiers prioritaires"


def test_no_participating_person_gives_undefined_shares() -> None:
    case = people_case(["qpv"] * 6, kinds=["organisation"] * 6)
    result = inclusion_indicators(case)
    assert result["qpv"] == {"count": 0, "share": None, "representation_ratio": None, "suppressed": False}


def test_no_declared_group_gives_an_empty_object() -> None:
    assert inclusion_indicators(people_case(["qpv"] * 6, meta_groups={})) == {}


def year_case(rows: list[tuple[str, int, str]]) -> Case:
    """Persons given as (id, year of their single event, tags)."""
    years = sorted({year for _, year, _ in rows})
    return Case.from_frames(
        {"id": "years", "inclusion_groups": GROUPS},
        actors=pd.DataFrame(
            {
                "actor_id": [r[0] for r in rows],
                "name": [r[0] for r in rows],
                "sector": "citizen",
                "kind": "person",
                "groups": [r[2] for r in rows],
            }
        ),
        events=pd.DataFrame(
            {"event_id": [f"y{y}" for y in years], "date": [f"{y}-06-01" for y in years], "kind": "assembly"}
        ),
        participation=pd.DataFrame(
            {"event_id": [f"y{r[1]}" for r in rows], "actor_id": [r[0] for r in rows]}
        ),
    )


def test_by_year_by_hand() -> None:
    def persons(prefix: str, year: int, tag: str, n: int) -> list[tuple[str, int, str]]:
        return [(f"{prefix}{i}", year, tag) for i in range(n)]

    rows = persons("a", 2020, "qpv", 8) + persons("b", 2020, "jobless", 6) + persons("c", 2020, "exile", 7)
    rows += persons("d", 2021, "qpv", 9) + persons("e", 2021, "jobless", 2) + persons("f", 2021, "exile", 10)
    table = inclusion_by_year(year_case(rows)).set_index(["year", "group"])
    hidden = table["suppressed"].astype(bool)
    # 2021: jobless 2 < 5 (primary); within 2021 its smallest other cell, qpv (9), goes too.
    # Along jobless' years and its whole-case count (8), 2021 alone is hidden: 2020 jobless (6) goes.
    # Along qpv's years (17), 2021 alone is hidden: 2020 qpv is preferred to the whole-case 17
    # because 2020 then has two hidden cells too. Four cells, the fewest possible; the totals
    # (21 each year) leave one degree of freedom: jobless 2021 = t, qpv 2021 = 11 − t, …
    assert hidden.to_dict() == {
        (2020, "qpv"): True,
        (2020, "jobless"): True,
        (2020, "exile"): False,
        (2021, "qpv"): True,
        (2021, "jobless"): True,
        (2021, "exile"): False,
    }
    assert table.loc[(2020, "exile"), "count"] == 7
    assert table.loc[(2020, "exile"), "share"] == pytest.approx(7 / 21)
    assert table.loc[(2021, "exile"), "share"] == pytest.approx(10 / 21)
    assert pd.isna(table.loc[(2020, "jobless"), "count"]) and pd.isna(table.loc[(2021, "qpv"), "share"])
    overall = inclusion_indicators(year_case(rows))
    assert (overall["qpv"]["count"], overall["jobless"]["count"], overall["exile"]["count"]) == (17, 8, 17)


def test_suppression_mask_rules() -> None:
    assert suppression_mask([[3, 9, 40]]).tolist() == [[True, True, False]]
    assert suppression_mask([[3, 0, 0]]).tolist() == [[True, False, False]]
    assert suppression_mask([[0, 9, 40]]).tolist() == [[False, False, False]]
    # a year and the whole case: rows and columns are lines
    assert suppression_mask([[3, 9], [20, 30]], margin=True).tolist() == [[True, True], [True, True]]
    # years 2019 [2, 1], 2020 [0, 1], whole case [2, 2], k = 2: the 1s are hidden; 2019's 2 is hidden
    # with them; it would then be 2 (whole case) − 0 (2020), so 2020's 0 is hidden as its pair
    assert suppression_mask([[2, 1], [0, 1], [2, 2]], min_cell=2, margin=True).tolist() == [
        [True, True],
        [True, True],
        [False, False],
    ]


# ---------------------------------------------------------------------------
# Property: a suppressed count is never recoverable from what is printed.
# ---------------------------------------------------------------------------

TAGS = ["qpv", "jobless", "exile", "young"]


@st.composite
def partitioned_cases(draw: st.DrawFn) -> Case:
    """Persons with at most one tag each (worst case: tags partition the tagged persons), over 1–3 years."""
    n = draw(st.integers(min_value=1, max_value=45))
    tag = draw(st.lists(st.sampled_from([*TAGS, ""]), min_size=n, max_size=n))
    year = draw(st.lists(st.sampled_from([2019, 2020, 2021]), min_size=n, max_size=n))
    rows = [(f"p{i}", year[i], tag[i]) for i in range(n)]
    groups = {t: {"population_share": 0.1} for t in TAGS}
    case = year_case(rows)
    return Case.from_frames(
        {"id": "partition", "inclusion_groups": groups},
        actors=case.actors,
        events=case.events,
        participation=case.participation,
    )


def printed_total(cells: list[dict[str, Any]]) -> float | None:
    """The line's total, if any printed cell reveals it (count / share of a non-zero cell)."""
    for cell in cells:
        if cell["count"] is not None and cell["count"] > 0 and cell["share"]:
            return cell["count"] / cell["share"]
    return None


def assert_not_recoverable(cells: list[dict[str, Any]], total: float | None, truth: list[int]) -> None:
    """With a known total, one hidden cell in a partition would be total − the printed ones."""
    hidden = [i for i, cell in enumerate(cells) if cell["suppressed"]]
    if total is None or not hidden:
        return
    assert len(hidden) != 1, f"cell {hidden} = {total} − printed = {truth[hidden[0]]}"


@settings(max_examples=150, deadline=None)
@given(partitioned_cases(), st.integers(min_value=2, max_value=6))
def test_a_suppressed_count_is_never_recoverable(case: Case, k: int) -> None:
    table = inclusion_table(case, min_cell=k)
    by_year = inclusion_by_year(case, min_cell=k)
    indicators = inclusion_indicators(case, min_cell=k)

    def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return [
            {
                "count": None if pd.isna(r.count) else int(r.count),
                "share": None if pd.isna(r.share) else r.share,
                "suppressed": bool(r.suppressed),
            }
            for r in frame.itertuples()
        ]

    persons = case.actors.set_index("actor_id")["groups"]
    truth_all = [sum(1 for g in persons if t in g) for t in TAGS]
    # every small count is hidden, in every output, with share and ratio
    for t, true_count in zip(TAGS, truth_all, strict=True):
        if 0 < true_count < k:
            assert indicators[t] == {
                "count": None,
                "share": None,
                "representation_ratio": None,
                "suppressed": True,
            }
    assert all(pd.isna(r.representation_ratio) for r in table.itertuples() if r.suppressed)
    # the groups of the case: total = participating persons, revealed by any printed share
    overall = records(table)
    assert_not_recoverable(overall, printed_total(overall), truth_all)
    # the groups of each year
    year_of = {row.actor_id: row.event_id for row in case.participation.itertuples()}
    for year, frame in by_year.groupby("year"):
        truth = [sum(1 for pid, g in persons.items() if t in g and year_of[pid] == f"y{year}") for t in TAGS]
        cells = records(frame)
        assert all(c["count"] is None for c, v in zip(cells, truth, strict=True) if 0 < v < k)
        assert_not_recoverable(cells, printed_total(cells), truth)
    # each group's years with its whole-case count: equal sums when nobody attends two years
    for g, t in enumerate(TAGS):
        cells = [*records(by_year[by_year["group"] == t]), overall[g]]
        hidden = sum(1 for cell in cells if cell["suppressed"])
        assert hidden != 1, f"{t}: one hidden cell = whole case − the other years"


def test_the_printed_outputs_hide_the_small_cell_everywhere() -> None:
    """A concrete attack: the tags partition 15 persons; the printed numbers do not give jobless' 3."""
    groups = ["qpv"] * 12 + ["jobless"] * 3
    meta = {"qpv": {"population_share": 0.5}, "jobless": {"population_share": 0.1}}
    case = people_case(groups, meta_groups=meta)
    printed = str(inclusion_indicators(case)) + inclusion_table(case).to_csv()
    printed += inclusion_by_year(case).to_csv()
    # neither 12 (to subtract from 15), 0.8, 0.2 (shares), nor 1.6, 2.0 (ratios) is printed
    for number in ("12", "0.8", "0.2", "1.6", "2.0"):
        assert number not in printed
