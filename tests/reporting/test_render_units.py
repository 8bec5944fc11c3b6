"""Fast checks of the report layer: strings, figures, blocks, comparison, provenance, exploration, index.

No kernel is started here. Values are computed by hand in the comments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import string
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from commons_analysis.analysis.brokerage import ROLES
from commons_analysis.batch.index import index_html
from commons_analysis.batch.notebooks import notebook_to_html
from commons_analysis.batch.results import RenderResult
from commons_analysis.cli.main import app as cli_app
from commons_analysis.model.case import Case
from commons_analysis.model.schema.vocabularies import (
    ACTOR_KINDS,
    ARNSTEIN_RUNGS,
    DECISION_RULES,
    EVENT_KINDS,
    OSTROM_PRINCIPLES,
    PARTICIPATION_ROLES,
    PERSPECTIVES,
    RELATION_TYPES,
    SECTORS,
)
from commons_analysis.publishing import provenance
from commons_analysis.reporting import blocks, catalogue, plots, text
from commons_analysis.reporting.case_report import METADATA_KEY, CaseReport
from commons_analysis.reporting.catalogue import HEADLINES
from commons_analysis.reporting.explore import case_dates, filter_case
from commons_analysis.reporting.text import format_indicator

ROOT = Path(__file__).resolve().parents[2]
RENDER_CASES = ROOT / "tests" / "data" / "render-cases"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pseudonyms from a fixed secret, without creating a secret file in the project."""
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test secret")


def small_case(show_names: bool = False) -> Case:
    """Three actors, two events, five participation records, two decisions.

    Records per participant: a 2, b 2, c 1 → Gini = ΣᵢΣⱼ|xᵢ−xⱼ| / (2n²x̄) = 4 / (2·9·5/3) = 0.1333.
    """
    return Case.from_frames(
        {
            "id": "small",
            "title": {"fr": "Petit cas", "en": "Small case"},
            "show_names": show_names,
            "data_status": "documented",
            "assessment": {
                "ostrom": {"boundaries": {"score": 2, "evidence": f"Clear {HOSTILE}"}},
                "arnstein": {"rung": "consultation", "evidence": "Asked, not heard."},
            },
        },
        actors=pd.DataFrame(
            {
                "actor_id": ["a", "b", "c"],
                "name": ["Alice Martin", "Bruno Durand", "Ville"],
                "sector": ["citizen", "citizen", "public"],
                "kind": ["person", "person", "organisation"],
            }
        ),
        relations=pd.DataFrame(
            {
                "source": ["c", "a"],
                "target": ["a", "b"],
                "type": ["funding", "partnership"],
                "amount_eur": [100, None],
            }
        ),
        events=pd.DataFrame(
            {
                "event_id": ["e1", "e2"],
                "date": ["2020-01-01", "2020-02-01"],
                "kind": ["assembly", "council"],
                "open": [True, False],
                "duration_hours": [2.0, 1.0],
            }
        ),
        participation=pd.DataFrame(
            {
                "event_id": ["e1", "e1", "e1", "e2", "e2"],
                "actor_id": ["a", "b", "c", "a", "b"],
                "role": ["facilitator", "attendee", "attendee", "facilitator", "attendee"],
            }
        ),
        decisions=pd.DataFrame(
            {
                "decision_id": ["d1", "d2"],
                "event_id": ["e1", "e2"],
                "rule": ["consensus", "public_authority"],
                "initiated_by": ["a", "c"],
            }
        ),
    )


# ---------------------------------------------------------------------------
# text.py
# ---------------------------------------------------------------------------


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_string_exists_in_both_languages_with_the_same_fields() -> None:
    for key, (french, english) in text.all_keys().items():
        assert french.strip() and english.strip(), key
        assert _fields(french) == _fields(english), key


def test_every_enumerated_value_has_a_label_in_both_languages() -> None:
    expected = {
        "sector": SECTORS,
        "kind": ACTOR_KINDS,
        "relation": RELATION_TYPES,
        "event_kind": EVENT_KINDS,
        "role": PARTICIPATION_ROLES,
        "rule": DECISION_RULES,
        "ostrom": OSTROM_PRINCIPLES,
        "arnstein": ARNSTEIN_RUNGS,
        "perspective": PERSPECTIVES,
        "brokerage": ROLES,
    }
    labels = text.all_labels()
    for kind, values in expected.items():
        assert tuple(labels[kind]) == tuple(values), kind
        for value in values:
            french, english = labels[kind][value]
            assert french and english


def test_every_headline_indicator_has_a_label() -> None:
    for keys in HEADLINES.values():
        for key in keys:
            entry = catalogue.lookup(key)
            assert entry is not None and entry.key == key, key
            assert text.indicator_label(key, "fr") != key and text.indicator_label(key, "en") != key


def test_language_rules() -> None:
    assert text.t("reporting.index.title") == "Rapports de cas"  # French by default
    assert text.t("reporting.index.title", "en") == "Case reports"
    with pytest.raises(ValueError, match="unknown language"):
        text.t("reporting.index.title", "de")
    with pytest.raises(KeyError):
        text.t("no.such.key")
    assert text.number(1234567.0, "fr") == "1\u202f234\u202f567"
    assert text.number(0.5, "fr") == "0,50" and text.number(0.5, "en") == "0.50"
    assert text.percent(0.4213, "fr") == "42,1\u202f%" and text.percent(0.4213, "en") == "42.1%"
    assert text.number(None) == text.percent(None) == "—"


def test_format_indicator() -> None:
    assert format_indicator("network.density", 0.025039, "en") == "0.025"
    assert format_indicator("decisions.rule_shares.consensus", 1 / 3, "fr") == "33,3\u202f%"
    assert format_indicator("assessment.arnstein_rung", 6, "en") == "6 (Partnership)"
    assert format_indicator("participation.hours_total", 1396.5, "en") == "1,396"
    assert format_indicator("participation.gini", None, "en") == "—"


# ---------------------------------------------------------------------------
# plots.py
# ---------------------------------------------------------------------------


def test_network_layout_depends_on_the_graph_and_the_seed_only() -> None:
    one = pd.DataFrame({"source": ["c", "a", "b"], "target": ["a", "b", "d"]})
    two = pd.DataFrame({"source": ["d", "a", "a"], "target": ["b", "b", "c"]})
    assert plots.network_layout("abcd", one, seed=3).equals(plots.network_layout("dcba", two, seed=3))
    assert not plots.network_layout("abcd", one, seed=3).equals(plots.network_layout("abcd", one, seed=4))


def test_network_map_escapes_names_in_hover() -> None:
    nodes = pd.DataFrame(
        {
            "actor_id": ["a", "b"],
            "name": [HOSTILE, "B"],
            "sector": ["sse", "public"],
            "kind": ["person", "organisation"],
            "degree": [1, 1],
            "x": [0.0, 1.0],
            "y": [0.0, 1.0],
        }
    )
    figure = plots.network_map(nodes, pd.DataFrame({"source": ["a"], "target": ["b"]}), "en")
    hovers = [h for trace in figure.data if trace.text for h in trace.text]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in h for h in hovers)
    assert not any(HOSTILE in h for h in hovers)
    assert figure.data[0].x == (0.0, 1.0, None)  # the tie, drawn from a to b


def test_inclusion_chart_shows_suppression_as_such() -> None:
    frame = pd.DataFrame(
        {
            "group": ["qpv", "exile"],
            "label": ["QPV", "Exile"],
            "share": [0.4, None],
            "population_share": [0.2, 0.05],
            "suppressed": [False, True],
        }
    )
    figure = plots.inclusion_chart(frame, 5, "en")
    shares, population = figure.data
    assert shares.y == (0.4, None), "no bar, not even 0, for a suppressed group"
    assert population.y == (0.2, 0.05)
    assert [a.text for a in figure.layout.annotations] == ["suppressed"]


def test_lorenz_chart_title_gives_the_gini() -> None:
    frame = pd.DataFrame({"population_share": [0.0, 0.5, 1.0], "records_share": [0.0, 0.25, 1.0]})
    figure = plots.lorenz_chart(frame, 0.25, "fr")
    assert figure.layout.title.text.endswith("Gini = 0,25")
    assert (
        plots.lorenz_chart(frame.iloc[0:0], None, "en").layout.annotations[0].text
        == "No data for this figure."
    )


def test_flows_are_euros_when_every_amount_is_known_else_counts() -> None:
    actors = pd.DataFrame(
        {"actor_id": ["city", "coop"], "name": ["City", "Coop"], "sector": ["public", "sse"]}
    )
    known = pd.DataFrame(
        {
            "source": ["city", "city"],
            "target": ["coop", "coop"],
            "type": ["funding", "in_kind"],
            "amount_eur": [1000.0, 500.0],
            "weight": [1.0, 2.0],
        }
    )
    figure = plots.flows_sankey(known, actors, "en")
    assert figure.data[0].link.value == (1000.0, 500.0)
    assert plots.caption_of(figure).startswith("Width of the flows: amounts in euros")
    partly = known.assign(amount_eur=[1000.0, None])
    figure = plots.flows_sankey(partly, actors, "en")
    assert figure.data[0].link.value == (1.0, 2.0)  # weights
    assert "€1,000" in figure.data[0].link.customdata[0] and "—" in figure.data[0].link.customdata[1]


def test_arnstein_ladder_highlights_the_coded_rung() -> None:
    figure = plots.arnstein_ladder("placation", "en")
    tokenism = figure.data[1]
    assert tokenism.y == ("3. Informing", "4. Consultation", "5. Placation")
    assert tokenism.marker.line.width == (0, 0, 3)
    assert figure.layout.annotations[0].y == "5. Placation"


def test_comparison_bars_leave_undefined_values_empty() -> None:
    frame = pd.DataFrame({"participation.gini": [0.5, None]}, index=["Brest", "Napoli"])
    figure = plots.comparison_bars(frame, [("participation.gini", "Gini")], "en", title="t")
    assert figure.data[0].x == (0.5, None)
    assert figure.data[0].text == ("0.50", "—")


# ---------------------------------------------------------------------------
# blocks.py, case_report.py
# ---------------------------------------------------------------------------


def test_tables_escape_cells_unless_marked_safe() -> None:
    table = blocks.html_table(["<h>"], [[HOSTILE], [blocks.Markup("<code>ok</code>")], [None]])
    assert "&lt;h&gt;" in table and "&lt;img src=x onerror=alert(1)&gt;" in table
    assert "<code>ok</code>" in table and "<td>—</td>" in table
    assert HOSTILE not in table


def test_only_web_links_become_links() -> None:
    assert blocks.safe_url("https://example.org") == "https://example.org"
    assert blocks.safe_url("javascript:alert(1)") is None
    assert blocks.safe_url(" JAVASCRIPT:alert(1)") is None
    assert blocks.safe_url(None) is None


def test_section_headline_figures_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(blocks.OUTPUT_ENV, "html")
    block = CaseReport(small_case(), lang="en").section("distant_people")
    values = dict(re.findall(r'ca-value">([^<]*)</div><div class="ca-label">([^<]*)<', block.html))
    by_label = {label: value for value, label in values.items()}
    assert by_label["participants"] == "3"
    assert by_label["participation records"] == "5"
    assert by_label["Gini of participation"] == "0.13"  # 4 / 30
    assert by_label["share coming twice or more"] == "66.7%"  # a and b of 3
    assert by_label["participation hours"] == "8"  # e1: 3 × 2 h, e2: 2 × 1 h


def test_persons_are_pseudonymized_unless_the_case_consents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(blocks.OUTPUT_ENV, "html")
    hidden = CaseReport(small_case(show_names=False), lang="en")
    labels = hidden.facilitation().figure.data[0].y
    assert len(labels) == 1 and labels[0].startswith("P-") and "Alice" not in labels[0]
    shown = CaseReport(small_case(show_names=True), lang="en")
    assert shown.facilitation().figure.data[0].y == ("Alice Martin",)
    assert "Ville" in json.dumps(hidden.flows().figure.data[0].node.label)


def test_figure_ids_are_numbered_and_html_mode_has_no_plotly_mimetype(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(blocks.OUTPUT_ENV, "html")
    case_report = CaseReport(small_case(), lang="en")
    bundle = case_report.lorenz()._repr_mimebundle_()
    assert 'id="ca-fig-1"' in bundle["text/html"]
    assert 'id="ca-fig-2"' in case_report.hours()._repr_mimebundle_()["text/html"]
    assert set(bundle) == {"text/html", "text/plain"}
    monkeypatch.delenv(blocks.OUTPUT_ENV)
    interactive = case_report.lorenz()._repr_mimebundle_()
    assert interactive["application/vnd.plotly.v1+json"]["data"][1]["y"][-1] == 1.0


def test_the_report_gives_its_index_entry_and_the_footer_its_provenance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = CaseReport(small_case(), lang="fr")
    data, metadata = report.provenance()._repr_mimebundle_()
    assert set(metadata[METADATA_KEY]) == {"provenance"}  # the index entry is the batch's to ask for
    entry = report.index_entry()
    assert entry["case_id"] == "small" and entry["title"] == {"fr": "Petit cas", "en": "Small case"}
    assert entry["headlines"]["participation.records"] == 5
    assert entry["headlines"]["decisions.rule_shares.consensus"] == 0.5
    assert 'class="ca-render-date"' in data["text/html"]


def test_ostrom_evidence_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(blocks.OUTPUT_ENV, "html")
    shown = CaseReport(small_case(), lang="en").ostrom()
    html = "".join(part.html() if isinstance(part, blocks.FigureBlock) else part.html for part in shown.parts)
    assert HOSTILE not in html
    assert "Clear &lt;img src=x onerror=alert(1)&gt;" in html


# ---------------------------------------------------------------------------
# compare.py
# ---------------------------------------------------------------------------


def _compare(*args: str) -> typer.testing.Result:
    return CliRunner().invoke(cli_app, ["compare", *args])


def test_compare_gives_one_row_per_case_with_hand_checked_values(tmp_path: Path) -> None:
    result = _compare("--all", "--data-dir", str(RENDER_CASES), "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["case_id"] == "hostile-names"
    assert row["network.actors"] == 10
    assert row["decisions.count"] == 5
    assert row["decisions.rule_shares.consensus"] == 0.6  # d1, d4, d5 of 5
    assert row["participation.records"] == 16
    assert row["participation.participants"] == 8  # p1…p6, city, coop
    assert row["assessment.arnstein_rung"] == 6  # partnership
    csv_text = _compare("hostile-names", "--data-dir", str(RENDER_CASES)).stdout
    header, line = csv_text.splitlines()
    assert header.startswith("case_id,title_fr,title_en,place,data_status,network.actors")
    assert line.startswith("hostile-names,")


def test_compare_reports_an_invalid_case_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "bad-case"
    folder.mkdir()
    (folder / "case.yaml").write_text("id: bad-case\n")
    (folder / "actors.csv").write_text("actor_id,name,sector\na,A,nowhere\n")
    result = _compare("bad-case", str(RENDER_CASES / "hostile-names"), "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "actors.csv:2: column 'sector'" in result.stderr
    assert "hostile-names," in result.stdout


# ---------------------------------------------------------------------------
# provenance.py
# ---------------------------------------------------------------------------


def test_provenance_of_files_and_moment(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_bytes(b"abc")
    (tmp_path / "case.yaml").write_bytes(b"")
    files = provenance.data_files([tmp_path / "case.yaml", tmp_path / "actors.csv"], tmp_path)
    assert files == (
        (
            "actors.csv",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ),  # FIPS 180-2 "abc"
        ("case.yaml", hashlib.sha256(b"").hexdigest()),
    )
    case = small_case()
    moment = dt.datetime(2026, 1, 2, 4, 4, 5, 999, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    record = provenance.collect(case, {"seed": 0}, now=moment)
    assert record.rendered_at == "2026-01-02T03:04:05Z"
    assert record.files == () and record.parameters == {"seed": 0}
    assert provenance.git_commit(tmp_path) == (None, False)


# ---------------------------------------------------------------------------
# explore.py
# ---------------------------------------------------------------------------


def test_filter_case_by_date_keeps_what_stood_then() -> None:
    case = small_case()
    january = filter_case(case, as_of="2020-01-15")
    assert january.events["event_id"].tolist() == ["e1"]
    assert len(january.participation) == 3 and january.decisions["decision_id"].tolist() == ["d1"]
    citizens = filter_case(case, sectors=["citizen"], relation_types=["partnership"])
    assert citizens.actors["actor_id"].tolist() == ["a", "b"]
    assert citizens.relations["type"].astype(str).tolist() == ["partnership"]
    assert citizens.decisions["decision_id"].tolist() == ["d1"]  # d2 was initiated by the city
    assert [d.strftime("%Y-%m-%d") for d in case_dates(case)] == ["2020-01-31", "2020-02-29"]


# ---------------------------------------------------------------------------
# batch pages without kernels
# ---------------------------------------------------------------------------


def test_index_escapes_titles_and_reasons(tmp_path: Path) -> None:
    entry = {
        "case_id": "x",
        "title": {"fr": HOSTILE, "en": HOSTILE},
        "data_status": "illustrative",
        "headlines": {"network.actors": 1234},
    }
    (tmp_path / "x.json").write_text(json.dumps(entry))
    (tmp_path / "x.html").write_text("<html></html>")
    (tmp_path / "orphan.json").write_text(json.dumps(entry))  # no report beside it: not listed
    page = index_html(tmp_path, [RenderResult("y", False, f"error: {HOSTILE}")], "fr")
    assert HOSTILE not in page
    assert page.count('<a href="') == 1 and '<a href="x.html">&lt;img' in page
    assert "1\u202f234" in page and "error: &lt;img" in page


def test_html_conversion_drops_code_stderr_and_editor_notes() -> None:
    note = nbformat.v4.new_markdown_cell("note for editors")
    note.metadata["tags"] = ["remove_cell"]
    cell = nbformat.v4.new_code_cell("secret_code = 1")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="a warning"),
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": "<p>shown</p>"},
            metadata={"commons_analysis": {"index": {"case_id": "z"}}},
        ),
    ]
    notebook = nbformat.v4.new_notebook(cells=[note, cell])
    page = notebook_to_html(notebook, title=HOSTILE, lang="en")
    assert "<p>shown</p>" in page
    assert "secret_code" not in page and "a warning" not in page and "note for editors" not in page
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page
    assert '<html lang="en">' in page


def test_coparticipation_block_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    """small_case: e1 gathers a, b, c and e2 gathers a, b, so 3 pairs met; a–b shared 2 events."""
    monkeypatch.setenv(blocks.OUTPUT_ENV, "html")
    cards = CaseReport(small_case(), lang="en").coparticipation().html()
    pairs = re.findall(r'ca-value">([^<]*)</div><div class="ca-label">([^<]*)<', cards)
    by_label = {label: value for value, label in pairs}
    assert by_label["actors who took part"] == "3"
    assert by_label["pairs who met"] == "3"
    assert by_label["density"] == "1.000"
    assert by_label["events shared per pair (mean)"] == "1.33"  # (2 + 1 + 1) / 3
    # a, b are citizens and c public: 1 citizen–citizen pair, 2 citizen–public pairs, E-I = (2 − 1) / 3
    assert by_label["E-I index (meeting across sectors)"] == "0.33"


def test_names_in_the_case_texts_are_pseudonymized_in_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person named in the summary or in coded evidence is not named in the report either."""
    monkeypatch.setenv(blocks.OUTPUT_ENV, "html")
    case = small_case()
    meta = case.meta.model_copy(
        update={
            "summary": case.meta.summary.model_copy(update={"en": "Told by Alice Martin and Bruno."}),
            "assessment": case.meta.assessment.model_copy(
                update={
                    "ostrom": {
                        "boundaries": case.meta.assessment.ostrom["boundaries"].model_copy(
                            update={"evidence": "Durand keeps the list."}
                        )
                    }
                }
            ),
        }
    )
    case_report = CaseReport(dataclasses.replace(case, meta=meta), lang="en")
    page = (
        case_report.at_a_glance().html() + case_report.ostrom().html() + json.dumps(case_report.index_entry())
    )
    for word in ("Alice", "Martin", "Bruno", "Durand"):
        assert word not in page, word
    assert "keeps the list" in page


def test_compare_a_bad_case_name_does_not_hide_the_others(tmp_path: Path) -> None:
    result = _compare("../etc", str(RENDER_CASES / "hostile-names"), "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "is not a case id" in result.stderr
    assert "hostile-names," in result.stdout


def test_network_map_names_the_ten_most_connected_actors_only() -> None:
    count = 14
    nodes = pd.DataFrame(
        {
            "actor_id": [f"a{i:02d}" for i in range(count)],
            "name": [f"Actor {i}" for i in range(count - 1)]
            + ["<b>Pseudonym</b> with a very long name indeed"],
            "sector": ["sse"] * count,
            "kind": ["organisation"] * count,
            "degree": [*range(count - 1), 20],  # a13 the most connected, then a12, a11… a00 without a tie
            "x": [float(i) for i in range(count)],
            "y": [float(i % 2) * 40 for i in range(count)],  # far apart: every label finds room
        }
    )
    figure = plots.network_map(nodes, pd.DataFrame({"source": ["a00"], "target": ["a01"]}), "en")
    labels = [trace for trace in figure.data if trace.mode == "text"]
    assert len(labels) == 1
    assert list(labels[0].text) == [
        "&lt;b&gt;Pseudonym&lt;/b&gt; with…",  # 22 characters, escaped
        *(f"Actor {i}" for i in range(12, 3, -1)),
    ]
    assert labels[0].x == (13.0, *(float(i) for i in range(12, 3, -1)))
    assert labels[0].hoverinfo == "skip" and labels[0].showlegend is False


def test_map_labels_never_cover_one_another() -> None:
    """Twenty central actors on top of each other: one label each side of the first, then no more."""
    from commons_analysis.reporting.plots.network import LABEL_POSITIONS, placed_labels

    nodes = pd.DataFrame(
        {
            "actor_id": [f"a{i:02d}" for i in range(20)],
            "name": [f"Actor {i}" for i in range(20)],
            "degree": [5] * 20,
            "x": [0.0] * 19 + [1.0],
            "y": [0.0] * 19 + [1.0],
        }
    )
    placed = placed_labels(nodes)
    assert placed["position"].tolist() == [*LABEL_POSITIONS, "top center"]
    assert placed["actor_id"].tolist() == ["a00", "a01", "a02", "a03", "a19"]
