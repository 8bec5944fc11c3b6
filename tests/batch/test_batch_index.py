"""The index page and the pages of a report folder, without kernels.

Documented cases come apart from illustrative ones, the comparison is linked
when it is there, a failed comparison is named, and no case can take the name
of a page of the folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from commons_analysis.batch.index import index_html
from commons_analysis.batch.jobs import plan_jobs
from commons_analysis.batch.results import RenderResult
from commons_analysis.core.settings import RenderSettings


def write_report(out: Path, case_id: str, status: str | None) -> None:
    """A report and its index entry, as a render leaves them."""
    entry: dict[str, object] = {
        "case_id": case_id,
        "title": {"fr": f"Cas {case_id}", "en": f"Case {case_id}"},
        "place": "Brest",
        "period": ["2015-01-01", "2019-12-31"],
        "headlines": {"network.actors": 72},
    }
    if status is not None:
        entry["data_status"] = status
    (out / f"{case_id}.json").write_text(json.dumps(entry), encoding="utf-8")
    (out / f"{case_id}.html").write_text("<html></html>", encoding="utf-8")


def sections(page: str) -> list[tuple[str, list[str]]]:
    """(heading, links under it) for each ``h2`` of the page."""
    parts = re.split(r"<h2[^>]*>([^<]*)</h2>", page)
    return [(parts[i], re.findall(r'<a href="([^"]+)"', parts[i + 1])) for i in range(1, len(parts), 2)]


def test_documented_and_illustrative_cases_are_listed_apart(tmp_path: Path) -> None:
    write_report(tmp_path, "naples", "illustrative")
    write_report(tmp_path, "debian", "documented")
    write_report(tmp_path, "brest", "illustrative")
    write_report(tmp_path, "older", None)  # an entry written before data_status was given: documented
    page = index_html(tmp_path, [], "en")
    assert sections(page) == [
        ("Documented cases", ["debian.html", "older.html"]),
        ("Illustrative cases", ["brest.html", "naples.html"]),
    ]
    assert "<td>2015 – 2019</td>" in page and '<td class="num">72</td>' in page
    assert "comparison.html" not in page


def test_only_one_kind_of_case_gives_one_section(tmp_path: Path) -> None:
    write_report(tmp_path, "brest", "illustrative")
    assert [heading for heading, _ in sections(index_html(tmp_path, [], "fr"))] == ["Cas illustratifs"]


def test_the_comparison_is_linked_when_it_is_there(tmp_path: Path) -> None:
    write_report(tmp_path, "brest", "illustrative")
    (tmp_path / "comparison.html").write_text("<html></html>", encoding="utf-8")
    page = index_html(tmp_path, [], "fr")
    assert re.findall(r'<a href="([^"]+)"', page) == ["comparison.html", "brest.html"]
    assert '<a href="comparison.html">Comparaison des cas</a>' in page


def test_a_failed_comparison_is_named_with_the_failed_cases(tmp_path: Path) -> None:
    failures = [RenderResult("comparison", False, "timed out (600 s)"), RenderResult("naples", False, "x")]
    page = index_html(tmp_path, failures, "en")
    assert "No report yet." in page
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", page)
    assert rows == [("Comparison of the cases", "timed out (600 s)"), ("naples", "x")]


def test_no_case_may_take_the_name_of_a_page_of_the_folder(tmp_path: Path) -> None:
    for case_id in ("index", "comparison", "brest"):
        (tmp_path / case_id).mkdir()
        (tmp_path / case_id / "case.yaml").write_text(f"id: {case_id}\n", encoding="utf-8")
    settings = RenderSettings(data_dir=tmp_path, lang="en", timeout=60)
    jobs, failures = plan_jobs([], all_cases=True, notebook=tmp_path / "n.ipynb", settings=settings)
    assert [job.case_id for job in jobs] == ["brest"]
    assert [(f.case_id, f.reason) for f in failures] == [
        ("comparison", "invalid case: 'comparison' names a page of the report folder (comparison.html): "
                       "rename the case"),
        ("index", "invalid case: 'index' names a page of the report folder (index.html): rename the case"),
    ]  # fmt: skip


def test_the_top_index_lists_each_language_folder_in_its_own_words(tmp_path: Path) -> None:
    from commons_analysis.batch.languages import parse_languages, top_index_html

    for lang in ("fr", "en"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "index.html").write_text("")
    (tmp_path / "en" / "comparison.html").write_text("")
    page = top_index_html(tmp_path)
    assert (
        '<section lang="fr"><h2>Français</h2><p class="ca-nav">'
        '<a href="fr/index.html">Rapports de cas</a></p>' in page
    )
    assert (
        '<a href="en/index.html">Case reports</a><a href="en/comparison.html">Comparison of the cases</a>'
        in page
    )
    assert "fr/comparison.html" not in page  # not rendered in French: not linked
    assert parse_languages("fr,en") == ("fr", "en") and parse_languages("all") == ("fr", "en")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        parse_languages("fr,de")


def test_an_index_rendered_in_two_languages_opens_with_the_switch(tmp_path: Path) -> None:
    page = index_html(tmp_path, [], "fr", ("fr", "en"))
    bar = '<nav class="ca-nav ca-pages"><a href="../index.html">Français · English</a>'
    assert bar + '<a href="../en/index.html" hreflang="en" lang="en">English</a></nav>' in page
    assert "<nav" not in index_html(tmp_path, [], "fr")  # a folder of its own: no bar
