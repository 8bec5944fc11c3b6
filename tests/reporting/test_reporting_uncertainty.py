"""Uncertainty in the reports and the comparison (issue 9, item 3): p-values in words, intervals as bars.

Small cases built by hand, where what chance gives and the intervals are
known without the code:

- two groups of six actors, each a complete graph (30 ties), the groups being
  the two sectors: every tie lies within a sector, E-I = −1. Shuffling the 12
  sector labels (6 and 6), a tie joins two actors of one sector with
  probability 5/11, so chance gives E-I = (30 − 2·30·5/11)/30 = 1/11 ≈ 0.09;
  only the 2 of the C(12, 6) = 924 shufflings that give back the two groups
  are as far from it, so p ≈ (1 + 1000·2/924)/1001 ≈ 0.003;
- the same actors with every tie across the two sectors (complete bipartite,
  36 ties): E-I = +1, chance gives 1 − 2·5/11 = 1/11, p about as small;
- participation where everyone came the same number of times: the Gini is 0
  and so is every resample's, the interval is [0, 0]; the repeat share is 0
  (once each) or 1 (twice each), with intervals [0, 0] and [1, 1].

No kernel is started here but in the tests marked ``slow``.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from commons_analysis.batch.render import render_cases
from commons_analysis.cli.main import app as cli_app
from commons_analysis.model.case import Case
from commons_analysis.reporting.blocks import OUTPUT_ENV
from commons_analysis.reporting.case_report import CaseReport
from commons_analysis.reporting.compare import with_bounds
from commons_analysis.reporting.comparison_report import ComparisonReport, clearly_above
from commons_analysis.reporting.text import chance_reading, p_value

ROOT = Path(__file__).resolve().parents[2]
RENDER_CASES = ROOT / "tests" / "data" / "render-cases"
NBSP = "\u202f"


@pytest.fixture(autouse=True)
def _html_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test secret")
    monkeypatch.setenv(OUTPUT_ENV, "html")


GROUP_A = [f"a{i}" for i in range(6)]
GROUP_B = [f"b{i}" for i in range(6)]


def network_case(ties: list[tuple[str, str]], sectors: dict[str, str]) -> Case:
    """Twelve organisations and their partnerships; nobody took part in anything."""
    actors = GROUP_A + GROUP_B
    return Case.from_frames(
        {"id": "network", "show_names": True, "data_status": "documented"},
        actors=pd.DataFrame(
            {"actor_id": actors, "name": [a.upper() for a in actors], "sector": [sectors[a] for a in actors]}
        ),
        relations=pd.DataFrame(
            {
                "source": [s for s, _ in ties],
                "target": [t for _, t in ties],
                "type": ["partnership"] * len(ties),
            }
        ),
    )


def two_cliques() -> Case:
    """Each group a complete graph, each group a sector: every tie within a sector."""
    ties = [*combinations(GROUP_A, 2), *combinations(GROUP_B, 2)]
    return network_case(ties, {**dict.fromkeys(GROUP_A, "commons"), **dict.fromkeys(GROUP_B, "public")})


def bipartite() -> Case:
    """Every actor of one group tied to every actor of the other: every tie across the sectors."""
    ties = [(a, b) for a in GROUP_A for b in GROUP_B]
    return network_case(ties, {**dict.fromkeys(GROUP_A, "commons"), **dict.fromkeys(GROUP_B, "public")})


def attendance_case(case_id: str, times: int, place: str, groups: dict[str, int] | None = None) -> Case:
    """Ten persons who each came ``times`` times; ``groups``: tag → how many of the ten carry it."""
    people = [f"p{i}" for i in range(10)]
    tags = [
        "|".join(tag for tag, count in (groups or {}).items() if i < count) or None
        for i in range(len(people))
    ]
    events = [f"e{j}" for j in range(times)]
    return Case.from_frames(
        {
            "id": case_id,
            "place": place,
            "data_status": "documented",
            "inclusion_groups": {
                tag: {"label": {"fr": tag, "en": tag}, "population_share": 0.5} for tag in groups or {}
            },
        },
        actors=pd.DataFrame(
            {
                "actor_id": people,
                "name": people,
                "sector": ["citizen"] * 10,
                "kind": ["person"] * 10,
                "groups": tags,
            }
        ),
        events=pd.DataFrame(
            {
                "event_id": events,
                "date": [f"2020-0{j + 1}-01" for j in range(times)],
                "kind": ["assembly"] * times,
            }
        ),
        participation=pd.DataFrame(
            {"event_id": [e for e in events for _ in people], "actor_id": [p for _ in events for p in people]}
        ),
    )


# ---------------------------------------------------------------------------
# What chance alone gives, in words
# ---------------------------------------------------------------------------


def test_ties_all_within_sectors_depart_from_chance_that_way() -> None:
    report = CaseReport(two_cliques(), lang="en", permutations=1000, bootstrap=0)
    data = report.chance().data.set_index("indicator")
    ei = data.loc["network.ei_index"]
    assert ei["value"] == -1.0
    assert abs(ei["expected"] - 1 / 11) < 0.03  # 0.0909 up to Monte-Carlo error
    assert ei["p_value"] < 0.02  # about 0.003
    assert ei["reading"].startswith("E-I -1.00, p = 0.00")
    assert "departs from chance, with more ties within sectors than chance" in ei["reading"]
    assert "(chance alone gives 0.0" in ei["reading"] or "(chance alone gives 0.1" in ei["reading"]
    # the assortativity is 1 against about -1/11: the same direction, said the assortativity's way
    assortativity = data.loc["network.sector_assortativity"]
    assert assortativity["value"] == pytest.approx(1.0) and assortativity["p_value"] < 0.02
    assert "more ties within sectors than chance" in assortativity["reading"]
    html = report.sector_ties().html()
    assert "more ties within sectors than chance" in html and "p = null" not in html and "None" not in html


def test_ties_all_across_sectors_depart_from_chance_the_other_way_in_french() -> None:
    report = CaseReport(bipartite(), lang="fr", permutations=1000, bootstrap=0)
    reading = report.chance().data.set_index("indicator").loc["network.ei_index", "reading"]
    # French numbers: a decimal comma, and a space before the colon
    assert re.match(
        r"E-I 1,00, p = 0,0\d\d\u202f: s'écarte du hasard, avec plus de liens entre secteurs", reading
    )
    assert re.search(r"\(le hasard seul donne 0,(0\d|1\d)\)$", reading)


def test_a_figure_as_chance_gives_it_is_said_no_different() -> None:
    assert chance_reading("ei_index", -0.04, 0.41, -0.02, "en") == (
        "E-I -0.04, p = 0.41: no different from sectors placed at random (chance alone gives -0.02)"
    )
    assert chance_reading("ei_index", -0.04, 0.41, -0.02, "fr") == (
        "E-I −0,04, p = 0,41\u202f: pas différent de secteurs répartis au hasard (le hasard seul donne −0,02)"
    )
    # below 0.05 the direction follows the statistic: a high assortativity means ties within sectors
    assert "across sectors" in chance_reading("sector_assortativity", -0.3, 0.01, 0.0, "en")
    assert "within sectors" in chance_reading("ei_index", -0.3, 0.01, 0.0, "en")
    assert [p_value(p, "fr") for p in (0.5, 0.049, 0.0005)] == ["p = 0,50", "p = 0,049", "p < 0,001"]


def test_an_untestable_network_says_so_in_one_line_never_p_null() -> None:
    one_sector = network_case(list(combinations(GROUP_A, 2)), dict.fromkeys(GROUP_A + GROUP_B, "commons"))
    block = CaseReport(one_sector, lang="en", bootstrap=0).chance()
    assert block.data["reading"].tolist() == [
        "E-I: no test possible (no cooperation tie, or every actor with a tie is of one sector).",
        "Assortativity: no test possible (no cooperation tie, or every actor with a tie is of one sector).",
    ]
    assert block.data["p_value"].isna().all()
    assert "null" not in block.html and "None" not in block.html and "p =" not in block.html


def test_the_network_cards_give_the_p_value_and_the_data_carries_it() -> None:
    report = CaseReport(two_cliques(), lang="fr", permutations=1000, bootstrap=0)
    section = report.section("public_power")
    ei = section.data.set_index("indicator").loc["network.ei_index"]
    assert ei["value"] == -1.0 and ei["p_value"] < 0.02 and abs(ei["expected"] - 1 / 11) < 0.03
    assert re.search(r'<div class="ca-interval">p = 0,00\d</div>', section.html)


def test_with_permutations_off_the_report_says_so_once_and_shows_no_p() -> None:
    report = CaseReport(two_cliques(), lang="fr", permutations=0, bootstrap=0)
    block = report.sector_ties()
    text = "Tests de permutation désactivés (0 permutation)"
    assert block.html().count(text) == 1
    assert "p =" not in block.html() and "p =" not in report.section("public_power").html
    assert report.section("public_power").data["p_value"].isna().all()


# ---------------------------------------------------------------------------
# Intervals: the Gini, the inclusion shares
# ---------------------------------------------------------------------------


def test_the_gini_is_given_with_its_interval_in_the_lorenz_title_and_data() -> None:
    case = attendance_case("same", times=2, place="Brest")  # everyone twice: Gini 0, every resample too
    lorenz = CaseReport(case, lang="fr", permutations=0, bootstrap=200).lorenz()
    assert lorenz.figure.layout.title.text.endswith(f"Gini = 0,00 (IC 95{NBSP}%{NBSP}: 0,00–0,00)")
    assert (lorenz.data.attrs["gini"], lorenz.data.attrs["gini_low"], lorenz.data.attrs["gini_high"]) == (
        0,
        0,
        0,
    )
    cards = CaseReport(case, lang="en", permutations=0, bootstrap=200).section("distant_people")
    repeat = cards.data.set_index("indicator").loc["participation.repeat_share"]
    assert (repeat["value"], repeat["ci_low"], repeat["ci_high"]) == (1.0, 1.0, 1.0)
    assert '<div class="ca-interval">95% CI: 100.0%–100.0%</div>' in cards.html
    assert "95% CI: 95% confidence interval, from 200 draws" in cards.html


def test_a_hidden_group_gets_no_interval_anywhere() -> None:
    # 8 of the 10 persons are women (printed), 3 are in qpv (fewer than 5: hidden)
    case = attendance_case("groups", times=1, place="Brest", groups={"women": 8, "qpv": 3})
    block = CaseReport(case, lang="en", permutations=0, bootstrap=300).inclusion()
    data = block.data.set_index("group")
    assert bool(data.loc["qpv", "suppressed"]) and pd.isna(data.loc["qpv", "share_low"])
    assert pd.isna(data.loc["qpv", "share_high"]) and pd.isna(data.loc["qpv", "share"])
    assert not pd.isna(data.loc["women", "share_low"])
    assert data.loc["women", "share_low"] <= 0.8 <= data.loc["women", "share_high"]
    bars = block.figure.data[0]
    hidden = list(bars.x).index("qpv")
    assert (
        bars.y[hidden] is None
        and bars.error_y.array[hidden] is None
        and bars.error_y.arrayminus[hidden] is None
    )
    assert bars.customdata[hidden] == ""
    shown = list(bars.x).index("women")
    assert bars.error_y.array[shown] == pytest.approx(data.loc["women", "share_high"] - 0.8, abs=1e-6)
    table = block.parts[1].html
    row = re.search(r"<tr><td>qpv</td>(.*?)</tr>", table).group(1)
    assert "%" not in row.replace("50,0", "").replace("50.0%", "")  # only the population share
    assert row.count("suppressed") == 4  # count, share, interval, ratio
    assert re.search(r"<tr><td>women</td><td class=\"num\">8</td><td class=\"num\">80.0%</td>"
                     r"<td class=\"num\">\d+\.\d%–\d+\.\d%</td>", table)  # fmt: skip


def test_with_the_bootstrap_off_the_report_says_so() -> None:
    case = attendance_case("groups", times=1, place="Brest", groups={"women": 8})
    report = CaseReport(case, lang="fr", permutations=0, bootstrap=0)
    off = "Intervalles de confiance désactivés (0 rééchantillonnage)"
    assert off in report.section("distant_people").html and off in report.inclusion().parts[1].html
    assert "IC 95" not in report.lorenz().figure.layout.title.text
    assert report.inclusion().data["share_low"].isna().all()


# ---------------------------------------------------------------------------
# The comparison: intervals side by side, one reading per figure
# ---------------------------------------------------------------------------


def test_clearly_above_only_when_the_intervals_do_not_overlap() -> None:
    rows = [("a", 0.5, 0.45, 0.55), ("b", 0.3, 0.25, 0.35), ("c", 0.42, 0.34, 0.5), ("d", 0.3, 0.2, 0.45)]
    # a is above b (0.45 > 0.35); c touches b (0.34 < 0.35): no; d overlaps everyone
    assert clearly_above(rows) == [("a", ["b"])]
    assert clearly_above([("x", 0.5, 0.4, 0.6), ("y", 0.6, 0.6, 0.7)]) == []  # touching is overlapping


@pytest.mark.parametrize(
    ("lang", "overlap", "above"),
    [
        (
            "en",
            "Gini of participation: no clear difference between these cases (their 95% intervals overlap).",
            "Share coming twice or more: Twice is clearly higher than Once.",
        ),
        (
            "fr",
            "Gini de la participation\u202f: pas de différence nette entre ces cas (leurs intervalles à "
            "95\u202f% se chevauchent).",
            "Part revenue au moins deux fois\u202f: Twice est nettement au-dessus de Once.",
        ),
    ],
)
def test_the_comparison_reads_overlapping_and_distinct_intervals(lang: str, overlap: str, above: str) -> None:
    once, twice = attendance_case("once", 1, "Once"), attendance_case("twice", 2, "Twice")
    block = ComparisonReport([once, twice], lang=lang, permutations=0, bootstrap=200).intervals()
    readings = block.parts[-1].data.set_index("indicator")["reading"]
    assert readings["participation.gini"] == overlap  # [0, 0] and [0, 0]
    assert readings["participation.repeat_share"] == above  # [1, 1] above [0, 0]
    assert block.data.loc["Twice", "participation.repeat_share_ci_low"] == 1.0
    assert block.data.loc["Once", "participation.repeat_share_ci_high"] == 0.0
    dots = block.figure.data[2]  # the repeat share's panel
    assert list(dots.x) == [0.0, 1.0] and list(dots.error_x.array) == [0.0, 0.0]


def test_the_comparison_table_gives_p_values_and_intervals_and_bars_carry_error_bars() -> None:
    cases = [two_cliques(), attendance_case("twice", 2, "Twice")]
    comparison = ComparisonReport(cases, lang="fr", permutations=1000, bootstrap=200)
    table = comparison.table()
    assert table.data.loc["network.ei_index_p", "network"] < 0.02
    assert pd.isna(table.data.loc["network.ei_index_p", "Twice"])  # no tie: nothing tested
    rows = dict(re.findall(r"<tr><td>([^<]*)</td><td class=\"num\">([^<]*)</td>", table.html))
    assert re.fullmatch(r"0,00\d", rows["indice E-I\u202f: p (permutations)"])
    assert (
        rows["part revenue au moins deux fois\u202f: intervalle à 95\u202f%"] == "—"
    )  # the network case: nobody came
    assert f"100,0{NBSP}%–100,0{NBSP}%" in table.html
    bars = comparison.perspective("distant_people").figure
    gini = next(trace for trace in bars.data if trace.error_x is not None and trace.error_x.array is not None)
    assert list(gini.error_x.array) == [None, 0.0]


def test_with_the_bootstrap_off_the_comparison_says_so() -> None:
    block = ComparisonReport([attendance_case("once", 1, "Once")], lang="en", bootstrap=0, permutations=0)
    assert "Confidence intervals off (0 resamples)" in block.intervals().html()
    assert block.intervals().figure is None


# ---------------------------------------------------------------------------
# compare: intervals readable in every format
# ---------------------------------------------------------------------------


def test_csv_puts_each_bound_in_a_column_of_its_own() -> None:
    assert with_bounds({"participation.gini_ci": None, "network.ei_index_p": 0.5}) == {
        "participation.gini_ci_low": None,
        "participation.gini_ci_high": None,
        "network.ei_index_p": 0.5,
    }
    args = [
        "compare",
        "hostile-names",
        "--data-dir",
        str(RENDER_CASES),
        "--bootstrap",
        "100",
        "--permutations",
        "100",
    ]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()
    columns = header.split(",")
    assert "participation.gini_ci" not in columns and "[" not in row
    position = columns.index("participation.gini")
    assert columns[position + 1 : position + 3] == ["participation.gini_ci_low", "participation.gini_ci_high"]
    values = dict(zip(columns, row.split(","), strict=True))
    assert float(values["participation.gini_ci_low"]) <= float(values["participation.gini"])
    assert float(values["participation.gini"]) <= float(values["participation.gini_ci_high"])
    as_json = json.loads(CliRunner().invoke(cli_app, [*args, "--format", "json"]).stdout)[0]
    assert as_json["participation.gini_ci"] == [
        float(values["participation.gini_ci_low"]),
        float(values["participation.gini_ci_high"]),
    ]


# ---------------------------------------------------------------------------
# render --permutations 0 --bootstrap 0 (a kernel)
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_render_without_the_statistics_says_they_are_off(tmp_path: Path) -> None:
    args = ["render", "hostile-names", "--data-dir", str(RENDER_CASES), "--out", str(tmp_path),
            "--lang", "fr", "--jobs", "1", "--permutations", "0", "--bootstrap", "0"]  # fmt: skip
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    report = (tmp_path / "fr" / "hostile-names.html").read_text(encoding="utf-8")
    assert "Tests de permutation désactivés (0 permutation)" in report
    assert "Intervalles de confiance désactivés (0 rééchantillonnage)" in report
    # The glossary defines "IC 95 %" whatever the settings; no figure may carry one.
    figures = re.sub(r'<section class="ca-glossary">.*?</section>', "", report, flags=re.S)
    assert "p = " not in figures and "IC 95" not in figures
    assert "<td>permutations (tests de hasard)</td><td>0</td>" in report
    assert "<td>tirages bootstrap (intervalles)</td><td>0</td>" in report
    notebook = (tmp_path / "fr" / "hostile-names.ipynb").read_text(encoding="utf-8")
    assert "permutations = 0" in notebook and "bootstrap = 0" in notebook


@pytest.mark.slow
def test_render_with_the_statistics_gives_them_in_words_and_the_same_seed_the_same_report(
    tmp_path: Path,
) -> None:
    pages = []
    for out in (tmp_path / "a", tmp_path / "b"):
        summary = render_cases(["hostile-names"], data_dir=RENDER_CASES, out=out, lang="en", jobs=1,
                               permutations=200, bootstrap=200, seed=3)  # fmt: skip
        assert summary.ok, [r.reason for r in summary.failed]
        page = (out / "hostile-names.html").read_text(encoding="utf-8")
        pages.append(re.sub(r'<time class="ca-render-date"[^>]*>[^<]*</time>', "", page))
    assert pages[0] == pages[1]
    assert re.search(r"E-I -?\d\.\d\d, p [=<] \d\.\d+: ", pages[0])
    assert "95% CI: " in pages[0] and "<td>random seed</td><td>3</td>" in pages[0]
