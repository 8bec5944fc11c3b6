"""Inclusion indicators and small-cell suppression (docs/design.md §Inclusion; issues 4 and 9).

Hand-computed cases, then a hypothesis property: whatever the data, no
suppressed count can be worked out from what the inclusion outputs print and
the totals a reader knows, solving every relation between the printed lines
exactly (an attacker independent of the code under test); and groups that
overlap or leave persons out are printed but for their small cells.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
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

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"

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
        "share_ci": None,  # no bootstrap asked for
        "representation_ratio": pytest.approx(0.3 / 0.2),
        "suppressed": False,
    }
    assert result["jobless"] == {
        "count": 8,
        "share": pytest.approx(0.4),
        "share_ci": None,
        "representation_ratio": pytest.approx(4.0),
        "suppressed": False,
    }
    # no population share declared: the ratio is undefined, not 0
    assert result["exile"] == {
        "count": 5,
        "share": pytest.approx(0.25),
        "share_ci": None,
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
    result = inclusion_indicators(people_case(groups), bootstrap=100)
    assert result["jobless"] == {
        "count": None,
        "share": None,
        "share_ci": None,
        "representation_ratio": None,
        "suppressed": True,
    }
    # exile: 0 persons is not a small cell, it is printed
    assert result["exile"] == {
        "count": 0,
        "share": 0.0,
        "share_ci": [0.0, 0.0],
        "representation_ratio": None,
        "suppressed": False,
    }
    # every person is in exactly one group: 15 (from 12 / share) − 12 would give jobless' 3,
    # so the smallest other non-zero count, qpv, is hidden too, with its interval
    assert result["qpv"]["suppressed"] is True and result["qpv"]["count"] is None
    assert result["qpv"]["share_ci"] is None


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


def test_groups_that_leave_persons_out_are_printed() -> None:
    # 3 of the 25 persons carry no tag: 25 − 15 − 5 = 5 is not exile's 2, nothing to work out
    groups = ["qpv"] * 15 + ["jobless"] * 5 + ["exile"] * 2 + [""] * 3
    result = inclusion_indicators(people_case(groups))
    assert [result[g]["count"] for g in ("qpv", "jobless", "exile")] == [15, 5, None]
    assert [result[g]["suppressed"] for g in ("qpv", "jobless", "exile")] == [False, False, True]


def test_overlapping_groups_are_printed() -> None:
    # everyone is tagged, but two persons twice: 20 − 12 − 8 = 0, not exile's 2
    groups = ["qpv"] * 10 + ["qpv|jobless"] * 2 + ["jobless"] * 6 + ["exile"] * 2
    result = inclusion_indicators(people_case(groups))
    assert [result[g]["count"] for g in ("qpv", "jobless", "exile")] == [12, 8, None]


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
        "share_low",
        "share_high",
    ]
    assert table["group"].tolist() == ["qpv", "jobless", "exile"]
    assert table["label"].tolist() == ["Priority neighbourhoods", "Unemployed", "Exilé·es"]  # fr fallback
    assert inclusion_table(people_case(["qpv"] * 6))["label"].tolist()[0] == "Quartiers prioritaires"


def test_no_participating_person_gives_undefined_shares() -> None:
    case = people_case(["qpv"] * 6, kinds=["organisation"] * 6)
    result = inclusion_indicators(case, bootstrap=100)
    assert result["qpv"] == {
        "count": 0,
        "share": None,
        "share_ci": None,
        "representation_ratio": None,
        "suppressed": False,
    }


def test_one_participating_person_has_no_interval() -> None:
    result = inclusion_indicators(people_case(["qpv"]), min_cell=1, bootstrap=100)
    assert result["qpv"]["share"] == 1.0 and result["qpv"]["share_ci"] is None


def test_no_declared_group_gives_an_empty_object() -> None:
    assert inclusion_indicators(people_case(["qpv"] * 6, meta_groups={})) == {}


@pytest.mark.slow
def test_share_interval_is_the_binomial_spread_of_the_resampled_persons() -> None:
    """Resampling 40 persons of whom 10 are qpv: the count of qpv is binomial(40, 0.25)."""
    from scipy.stats import binom

    groups = ["qpv"] * 10 + ["jobless"] * 12 + [""] * 18
    result = inclusion_indicators(people_case(groups), bootstrap=20_000, seed=3)
    low, high = result["qpv"]["share_ci"]
    assert low == pytest.approx(binom.ppf(0.025, 40, 0.25) / 40, abs=1 / 40)
    assert high == pytest.approx(binom.ppf(0.975, 40, 0.25) / 40, abs=1 / 40)
    assert low < 0.25 < high
    # a printed group's interval depends on its count, the persons and the seed, never on another group
    other = ["qpv"] * 10 + ["jobless"] * 5 + ["exile"] * 7 + [""] * 18
    assert inclusion_indicators(people_case(other), bootstrap=20_000, seed=3)["qpv"]["share_ci"] == [
        low,
        high,
    ]


def years_case(rows: list[tuple[str, tuple[int, ...], str]], groups: dict[str, Any] | None = None) -> Case:
    """Persons given as (id, the years of their events, "|"-joined tags); one event a year."""
    years = sorted({year for _, person_years, _ in rows for year in person_years})
    return Case.from_frames(
        {"id": "years", "inclusion_groups": GROUPS if groups is None else groups},
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
            {
                "event_id": [f"y{year}" for r in rows for year in r[1]],
                "actor_id": [r[0] for r in rows for _ in r[1]],
            }
        ),
    )


def persons(prefix: str, years: tuple[int, ...], tag: str, n: int) -> list[tuple[str, tuple[int, ...], str]]:
    return [(f"{prefix}{i}", years, tag) for i in range(n)]


def test_by_year_by_hand() -> None:
    rows = (
        persons("a", (2020,), "qpv", 8)
        + persons("b", (2020,), "jobless", 6)
        + persons("c", (2020,), "exile", 7)
    )
    rows += persons("d", (2021,), "qpv", 9) + persons("e", (2021,), "jobless", 2)
    rows += persons("f", (2021,), "exile", 10)
    table = inclusion_by_year(years_case(rows)).set_index(["year", "group"])
    hidden = table["suppressed"].astype(bool)
    # Every person has one tag and comes one year: each year adds up to its 21 persons, and each
    # group's years add up to its whole-case count. 2021 jobless (2) is hidden; 2021 needs a second
    # count: qpv (9, smallest); qpv's years then need a second: 2020 qpv (8, smaller than the whole
    # case's 17); jobless' years need one too: 2020 jobless, which 2020 needs as well. Four cells;
    # the relations leave one degree of freedom: jobless 2021 = t, qpv 2021 = 11 − t, …
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
    overall = inclusion_indicators(years_case(rows))
    assert (overall["qpv"]["count"], overall["jobless"]["count"], overall["exile"]["count"]) == (17, 8, 17)


def test_persons_coming_back_give_nothing_away_across_years() -> None:
    # 6 untagged persons keep each year from adding up to its total; only jobless' years matter here
    groups: dict[str, Any] = {"qpv": {}, "jobless": {}}
    others = persons("a", (2020,), "qpv", 9) + persons("c", (2021,), "jobless", 5)
    others += persons("d", (2020, 2021), "", 6)
    # the 2 jobless persons of 2020 come only then: 2 + 5 = 7 in the case, so 2021's 5 is hidden too
    once = inclusion_by_year(years_case(others + persons("b", (2020,), "jobless", 2), groups))
    assert once.set_index(["year", "group"])["suppressed"].astype(bool).to_dict() == {
        (2020, "qpv"): False,
        (2020, "jobless"): True,
        (2021, "qpv"): False,
        (2021, "jobless"): True,
    }
    # they come back in 2021: 2 + 7 ≠ 7 in the case, nothing to subtract, 2021 is printed
    back = years_case(others + persons("b", (2020, 2021), "jobless", 2), groups)
    table = inclusion_by_year(back).set_index(["year", "group"])
    assert table["suppressed"].astype(bool).to_dict() == {
        (2020, "qpv"): False,
        (2020, "jobless"): True,
        (2021, "qpv"): False,
        (2021, "jobless"): False,
    }
    assert table.loc[(2021, "jobless"), "count"] == 7
    assert inclusion_indicators(back)["jobless"]["count"] == 7


def test_suppression_mask_rules() -> None:
    assert suppression_mask([[3, 9, 40]]).tolist() == [[True, True, False]]
    assert suppression_mask([[3, 9, 40]], partition_rows=[False]).tolist() == [[True, False, False]]
    assert suppression_mask([[0, 9, 40]]).tolist() == [[False, False, False]]
    # all persons of the line in the small group: its total gives it away, a 0 is hidden with it
    assert suppression_mask([[3, 0, 0]]).tolist() == [[True, True, False]]
    # a year and the whole case, one group each, everybody there once: the rows and columns are lines
    both = suppression_mask([[3, 9], [3, 9]], partition_rows=[True, True], partition_columns=[True, True])
    assert both.tolist() == [[True, True], [True, True]]
    # years 2019 [2, 1], 2020 [0, 1], whole case [2, 2], k = 2, columns only: the 1s are hidden,
    # which completes column 1; column 0 is whole, nothing of it is hidden
    assert suppression_mask(
        [[2, 1], [0, 1], [2, 2]], min_cell=2, partition_rows=[False] * 3, partition_columns=[True, True]
    ).tolist() == [[False, True], [False, True], [False, False]]


def test_chains_of_lines_are_solved_too() -> None:
    """Each line holds two hidden counts, yet 2019's qpv is worked out by combining them.

    Years 2020 and 2021 are partitions (rows), and every person came once (columns):
    2020 + 2021 = 10 + 7 = 17, the four hidden cells of columns 0 and 1 there add up to
    17, column 0's hidden ones to 19 − 10 = 9, so column 1's to 8, and 2019 qpv = 11 − 8 = 3.
    A count of the whole case is hidden too to break the chain.
    """
    counts = [[10, 3], [2, 8], [7, 0], [19, 11]]
    hidden = suppression_mask(
        counts, partition_rows=[False, True, True, False], partition_columns=[True, True]
    )
    assert hidden.tolist() == [[False, True], [True, True], [True, True], [False, True]]


# ---------------------------------------------------------------------------
# Property: a suppressed count is never recoverable from what is printed.
# ---------------------------------------------------------------------------

TAGS = ["qpv", "jobless", "exile", "young"]
YEARS = [2019, 2020, 2021]


@st.composite
def people(draw: st.DrawFn) -> list[tuple[str, tuple[int, ...], str]]:
    """Persons over 1–3 years. Mostly the worst case: one tag (or none) and one year each, so that the
    lines add up to known totals; else some persons with two tags, and some coming two years."""
    n = draw(st.integers(min_value=1, max_value=45))
    worst = draw(st.booleans()) or draw(st.booleans())
    single = st.sampled_from([*TAGS, ""])
    tag = st.one_of(
        single, st.lists(st.sampled_from(TAGS), min_size=2, max_size=2, unique=True).map("|".join)
    )
    year = st.lists(st.sampled_from(YEARS), min_size=1, max_size=2, unique=True).map(tuple)
    tags = draw(st.lists(single if worst else tag, min_size=n, max_size=n))
    years = draw(
        st.lists(st.sampled_from(YEARS).map(lambda y: (y,)) if worst else year, min_size=n, max_size=n)
    )
    return [(f"p{i}", years[i], tags[i]) for i in range(n)]


def exact_rank(matrix: list[list[Fraction]]) -> int:
    """Rank by Gaussian elimination over the rationals (no rounding)."""
    rows = [row[:] for row in matrix if any(row)]
    rank = 0
    columns = len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def worked_out(
    hidden: list[tuple[int, int]], row_sums: list[int], column_sums: list[int], n_rows: int
) -> list[tuple[int, int]]:
    """The hidden cells a reader solves from the relations: rows ``row_sums`` add up to their known total,
    columns ``column_sums`` have their year cells add up to the last row's cell (the whole case)."""
    equations = [[Fraction(int(cell[0] == i)) for cell in hidden] for i in row_sums]
    for j in column_sums:
        equations.append(
            [Fraction(0 if cell[1] != j else (-1 if cell[0] == n_rows - 1 else 1)) for cell in hidden]
        )
    base = exact_rank(equations)
    found = []
    for k, cell in enumerate(hidden):
        unit = [Fraction(int(k == m)) for m in range(len(hidden))]
        if exact_rank([*equations, unit]) == base:
            found.append(cell)
    return found


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(people(), st.integers(min_value=2, max_value=6))
def test_a_suppressed_count_is_never_recoverable(
    rows: list[tuple[str, tuple[int, ...], str]], k: int
) -> None:
    case = years_case(rows, {t: {"population_share": 0.1} for t in TAGS})
    table = inclusion_table(case, min_cell=k)
    by_year = inclusion_by_year(case, min_cell=k)
    indicators = inclusion_indicators(case, min_cell=k, bootstrap=50)
    years = sorted({y for _, ys, _ in rows for y in ys})
    tags_of = {pid: set(filter(None, tags.split("|"))) for pid, _, tags in rows}
    years_of = {pid: set(ys) for pid, ys, _ in rows}
    lines = [{pid for pid in tags_of if year in years_of[pid]} for year in years] + [set(tags_of)]
    truth = [[sum(1 for pid in line if t in tags_of[pid]) for t in TAGS] for line in lines]

    # what is printed, line by line (the years, then the whole case), as the outputs give it
    printed = [list(by_year[by_year["year"] == y].itertuples()) for y in years] + [list(table.itertuples())]
    hidden = []
    for i, line in enumerate(printed):
        for j, cell in enumerate(line):
            if bool(cell.suppressed):
                hidden.append((i, j))
                assert pd.isna(cell.count) and pd.isna(cell.share) and pd.isna(cell.representation_ratio)
            else:
                assert cell.count == truth[i][j]
            # every small count is hidden, in every output
            assert not (0 < truth[i][j] < k) or bool(cell.suppressed)
    for j, t in enumerate(TAGS):
        assert (indicators[t]["count"] is None) == bool(printed[-1][j].suppressed)
        assert (indicators[t]["share_ci"] is None) == (bool(printed[-1][j].suppressed) or len(rows) < 2)

    # the relations a reader may know: a line whose persons carry one tag each adds up to its
    # persons (a printed share or the number of participants gives it); a group whose persons
    # came once has its years adding up to its whole-case count
    row_sums = [i for i, line in enumerate(lines) if all(len(tags_of[pid]) == 1 for pid in line)]
    column_sums = [
        j for j, t in enumerate(TAGS) if all(len(years_of[pid]) == 1 for pid in tags_of if t in tags_of[pid])
    ]
    assert worked_out(hidden, row_sums, column_sums, len(lines)) == []


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
