"""The report layer a researcher can open and adapt: the data behind every block, display, language.

No kernel is started here except in the subprocesses that check what importing the package does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case
from commons_analysis.reporting.blocks import OUTPUT_ENV, Block, Blocks, FigureBlock
from commons_analysis.reporting.case_report import CaseReport
from commons_analysis.reporting.comparison_report import ComparisonReport, open_comparison

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_CASE = ROOT / "tests" / "data" / "render-cases" / "hostile-names"
NAPLES = ROOT / "data" / "cases" / "naples-asilo-filangieri"

#: Every block of the case report, by the method that returns it.
CASE_BLOCKS = (
    "at_a_glance", "mapping", "network_map", "sector_ties", "brokers", "flows", "initiative", "support",
    "network_over_time", "coparticipation", "attendance", "turnout", "lorenz", "inclusion", "hours",
    "decision_rules", "open_events", "facilitation", "ostrom", "arnstein", "provenance",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _html_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test secret")
    monkeypatch.setenv(OUTPUT_ENV, "html")


def private_case() -> Case:
    """Two persons who did not consent to be named, a city and a coop, three events."""
    return Case.from_frames(
        {
            "id": "private",
            "title": {"fr": "Privé", "en": "Private"},
            "show_names": False,
            "data_status": "documented",
        },
        actors=pd.DataFrame(
            {
                "actor_id": ["alice-martin", "bruno-durand", "city", "coop"],
                "name": ["Alice Martin", "Bruno Durand", "Ville", "Coop"],
                "sector": ["citizen", "citizen", "public", "sse"],
                "kind": ["person", "person", "organisation", "organisation"],
            }
        ),
        relations=pd.DataFrame(
            {
                "source": ["city", "alice-martin", "bruno-durand"],
                "target": ["coop", "coop", "coop"],
                "type": ["funding", "membership", "membership"],
                "amount_eur": [1000, None, None],
                "start": ["2020-01-01", "2020-01-01", "2021-01-01"],
            }
        ),
        events=pd.DataFrame(
            {
                "event_id": ["e1", "e2", "e3"],
                "date": ["2020-02-01", "2020-06-01", "2021-02-01"],
                "kind": ["assembly", "working_group", "assembly"],
                "title": ["AG avec Alice Martin", "Atelier", "AG"],
            }
        ),
        participation=pd.DataFrame(
            {
                "event_id": ["e1", "e1", "e1", "e2", "e3", "e3"],
                "actor_id": ["alice-martin", "bruno-durand", "city", "alice-martin", "alice-martin", "coop"],
                "role": ["facilitator", "attendee", "attendee", "facilitator", "attendee", "facilitator"],
            }
        ),
        decisions=pd.DataFrame(
            {
                "decision_id": ["d1", "d2"],
                "event_id": ["e1", "e3"],
                "rule": ["consensus", "majority"],
                "initiated_by": ["alice-martin", "city"],
                "supported_by": ["bruno-durand", None],
            }
        ),
    )


@pytest.mark.parametrize("method", CASE_BLOCKS)
def test_every_block_carries_the_data_it_shows(method: str) -> None:
    report = CaseReport(load_case(HOSTILE_CASE), lang="en")
    block = getattr(report, method)()
    assert isinstance(block, Block | FigureBlock | Blocks)
    assert isinstance(block.data, pd.DataFrame), method
    figures = [part for part in getattr(block, "parts", [block]) if isinstance(part, FigureBlock)]
    if figures:
        assert isinstance(block.figure, go.Figure)
        assert block.figure is figures[0].figure
    parts = getattr(block, "parts", [block])  # what Jupyter displays, one output per part
    bundles = [
        bundle[0] if isinstance(bundle, tuple) else bundle
        for bundle in (p._repr_mimebundle_() for p in parts)
    ]
    hand_made = method == "mapping"  # a case not imported from public records has no mapping to show
    assert bool(bundles) != (hand_made and block.data.empty), f"{method} displays nothing"
    assert all(bundle["text/html"].strip() and bundle["text/plain"].strip() for bundle in bundles), method


def test_sections_carry_their_headline_figures() -> None:
    data = CaseReport(load_case(HOSTILE_CASE), lang="fr").section("distant_people").data
    assert data["indicator"].tolist()[:3] == [
        "participation.events",
        "participation.participants",
        "participation.records",
    ]
    assert data.loc[data["indicator"] == "participation.records", "value"].item() == 16
    assert data.loc[data["indicator"] == "participation.records", "label"].item() == "participations"


def test_the_data_is_what_the_figure_draws() -> None:
    report = CaseReport(private_case(), lang="en")
    lorenz = report.lorenz()
    assert list(lorenz.figure.data[1].y) == lorenz.data["records_share"].round(6).tolist()
    rules = report.decision_rules()
    drawn = {trace.name: sum(trace.y) for trace in rules.figure.data}
    assert drawn == {"consensus": 1.0, "majority": 1.0}
    assert rules.data.groupby("rule", observed=True)["decisions"].sum().to_dict()["consensus"] == 1
    facilitation = report.facilitation()
    assert list(facilitation.figure.data[0].x) == sorted(facilitation.data["events"].tolist(), reverse=True)
    network = report.network_map()
    points = {(x, y) for trace in network.figure.data[1:] for x, y in zip(trace.x, trace.y, strict=True)}
    assert points == set(zip(network.data["x"], network.data["y"], strict=True))
    opened = report.open_events()
    assert sum(sum(trace.y) for trace in opened.figure.data) == opened.data["events"].sum() == 3


def test_the_data_of_a_private_case_names_nobody() -> None:
    report = CaseReport(private_case(), lang="fr")
    texts = []
    for method in CASE_BLOCKS:
        data = getattr(report, method)().data
        texts.append(data.to_csv(index=False))
    everything = "\n".join(texts)
    for word in ("Alice", "Martin", "Bruno", "Durand", "alice-martin", "bruno-durand"):
        assert word not in everything, word
    assert "Ville" in everything and "P-" in everything  # organisations keep their names


def test_the_comparison_carries_its_data(tmp_path: Path) -> None:
    cases = [load_case(HOSTILE_CASE), private_case()]
    comparison = ComparisonReport(cases, lang="en")
    perspective = comparison.perspective("distant_people")
    # a case without a place is labelled by its title, never by its raw id
    assert perspective.data.loc["Private", "participation.records"] == 6
    assert isinstance(perspective.figure, go.Figure)
    table = comparison.table().data
    # documented cases first, illustrative ones marked so
    # labelled by place where it tells the cases apart (the hostile case's place is HTML, shown as text)
    assert table.columns.tolist() == ["Private", "<script>alert(5)</script> (illustrative)"]
    assert comparison.table().html.count("<th>indicator</th>") == 1  # the first column names its rows
    assert "&lt;script&gt;alert(5)&lt;/script&gt; (illustrative)" in comparison.table().html
    assert table.loc["participation.records"].tolist() == [6, 16]
    heading = comparison.heading()
    assert heading.data["case_id"].tolist() == ["private", "hostile-names"]
    assert heading.html.index("Documented cases") < heading.html.index("Illustrative cases")
    assert set(comparison.ostrom().data.columns) == {"case", "principle", "score"}


def test_a_comparison_without_cases_says_where_it_looked(tmp_path: Path) -> None:
    heading = open_comparison(tmp_path / "nowhere", lang="en").heading()
    # named, but not by a path of this machine: the page may be published
    assert "No case to compare in nowhere:" in heading.html and str(tmp_path) not in heading.html
    shutil.copytree(HOSTILE_CASE, tmp_path / "cases" / "hostile-names")
    left = open_comparison(tmp_path / "cases", lang="en", left_out={"hostile-names": "timed out (600 s)"})
    assert left.cases == [] and "timed out (600 s)" in left.heading().html


@pytest.mark.slow
def test_french_charts_write_numbers_as_the_cards_do() -> None:
    report = CaseReport(load_case(HOSTILE_CASE), lang="fr")
    for method in CASE_BLOCKS:
        figure = getattr(getattr(report, method)(), "figure", None)
        if figure is not None:
            assert figure.layout.separators == ",\u202f", method
    over_time = report.network_over_time().figure
    density = next(trace for trace in over_time.data if trace.yaxis == "y3")
    assert all("," in text and "." not in text for text in density.customdata if text != "—")
    assert CaseReport(load_case(HOSTILE_CASE), lang="en").lorenz().figure.layout.separators == ".,"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_importing_the_package_changes_no_display_and_stays_light() -> None:
    code = """
import sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
import commons_analysis
assert "pandas" not in sys.modules and "plotly" not in sys.modules, "import commons_analysis is light"
from commons_analysis import open_report, load_case, Case
import commons_analysis.reporting.case_report, commons_analysis.reporting.explore
from plotly.basedatatypes import BaseFigure
print("routed" if BaseFigure in shell.display_formatter.ipython_display_formatter.type_printers else "plain")
"""
    done = _python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "plain"


@pytest.mark.slow
def test_a_rendering_report_routes_bare_figures_through_its_display() -> None:
    code = f"""
import os
os.environ["{OUTPUT_ENV}"] = "html"
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
from commons_analysis import open_report
open_report("{HOSTILE_CASE}")
from plotly.basedatatypes import BaseFigure
print("routed" if BaseFigure in shell.display_formatter.ipython_display_formatter.type_printers else "plain")
"""
    done = _python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "routed"


@pytest.mark.slow
def test_the_explorer_draws_and_counts_the_network_of_the_date(tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    from commons_analysis.analysis.network_periods import active_network_by_period
    from commons_analysis.reporting.explore import Explorer

    shutil.copytree(NAPLES, tmp_path / NAPLES.name)
    explorer = Explorer(tmp_path, lang="fr")
    explorer.date_slider.value = "2013-12-31"
    case = explorer.filtered()
    assert case is not None
    report = CaseReport(case, lang="fr")
    from commons_analysis.reporting.explore import headline_values

    cards = headline_values(report.headlines, case, explorer.as_of)
    year = active_network_by_period(load_case(NAPLES)).set_index("period").loc["2013"]
    assert cards["network.active_actors"] == year["actors"]
    assert cards["network.components"] == year["components"] < 59
    drawn = report.network_map(positions=explorer.layout_of(explorer.case), as_of=explorer.as_of)  # type: ignore[arg-type]
    assert len(drawn.data) == cards["network.active_actors"]
    assert "31 décembre 2013" in (drawn.parts[0].caption or "")
    assert "acteurs actifs" in explorer.headlines.value
    explorer.date_slider.value = "all"
    whole = explorer.filtered()
    assert whole is not None and len(whole.actors) == len(load_case(NAPLES).actors)


def test_blocks_still_display_as_before() -> None:
    report = CaseReport(private_case(), lang="en")
    bundle = report.lorenz()._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"} and 'id="ca-fig-1"' in bundle["text/html"]
    _, metadata = report.provenance()._repr_mimebundle_()
    assert "commons_analysis" in metadata and json.dumps(metadata)


def test_every_category_of_the_contract_has_its_colour() -> None:
    from commons_analysis.model.schema.vocabularies import DECISION_RULES, SECTORS
    from commons_analysis.reporting.palette import RULE_COLOURS, SECTOR_COLOURS

    assert set(RULE_COLOURS) == set(DECISION_RULES)
    assert set(SECTORS) <= set(SECTOR_COLOURS)
