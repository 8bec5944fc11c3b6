"""Rendered reports in a real browser: Debian's headless Chromium driven by playwright, offline.

A bundled illustrative case, the documented Debian case (1,400 voters, when
bundled) and the hostile case (names, titles and labels carrying HTML) are
rendered once, with their comparison; each page is opened over ``file://``
with every request outside the report folder refused. Checked: every chart is drawn (each
``.plotly-graph-div`` holds plotly's ``svg.main-svg``), nothing is written to
the console as an error, no request fails or leaves the folder, every link
of the index resolves, and a hostile name is shown as text (no element made
of it, no dialog opened).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from commons_analysis.batch.render import render_languages

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted(folder.parent.name for folder in (ROOT / "data" / "cases").glob("*/case.yaml"))
#: A documented case from public records, large: its report must read well too.
REAL = "debian-votes"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def top(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One bundled case, the real one and the hostile case, in English and French (as `make reports`)."""
    data = tmp_path_factory.mktemp("cases")
    shutil.copytree(ROOT / "tests" / "data" / "render-cases" / "hostile-names", data / "hostile-names")
    shutil.copytree(ROOT / "data" / "cases" / BUNDLED[0], data / BUNDLED[0])
    if (ROOT / "data" / "cases" / REAL).is_dir():
        shutil.copytree(ROOT / "data" / "cases" / REAL, data / REAL)
    out = tmp_path_factory.mktemp("reports")
    summaries = render_languages(
        all_cases=True, data_dir=data, out=out, langs=("en", "fr"), jobs=2, timeout=300
    )
    for summary in summaries.values():
        assert summary.ok, [(r.case_id, r.reason) for r in summary.failed]
    return out


@pytest.fixture(scope="module")
def reports(top: Path) -> Path:
    """The English report folder."""
    return top / "en"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed: `make system-deps` (or apt-get install chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """A page opened offline, recording console errors, page errors, refused or failed requests, dialogs."""

    def __init__(self, browser: object, folder: Path, width: int = 1200):
        self.page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.folder = folder.resolve()
        self.page.on(
            "console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None
        )
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(f"request failed: {request.url}"))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._offline)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def _offline(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("file://") and Path(url[len("file://") :].split("#")[0]).resolve().is_relative_to(
            self.folder
        ):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.problems.append(f"request outside the report folder: {url}")
            route.abort()  # type: ignore[attr-defined]

    def open(self, path: Path) -> object:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")
        return self.page


def charts_drawn(page: object) -> tuple[int, int]:
    """(figure divs, figure divs holding plotly's main svg), once plotly has drawn them all."""
    script = """() => {
        const divs = [...document.querySelectorAll('.plotly-graph-div')];
        return divs.length > 0 && divs.every(d => d.querySelector('svg.main-svg'));
    }"""
    page.wait_for_function(script, timeout=30_000)  # type: ignore[attr-defined]
    total = page.locator(".plotly-graph-div").count()  # type: ignore[attr-defined]
    drawn = page.locator(".plotly-graph-div:has(svg.main-svg)").count()  # type: ignore[attr-defined]
    return total, drawn


@pytest.mark.parametrize("case_id", [BUNDLED[0], "hostile-names"])
def test_every_chart_is_drawn_without_console_errors(reports: Path, browser: object, case_id: str) -> None:
    visit = Visit(browser, reports)
    page = visit.open(reports / f"{case_id}.html")
    total, drawn = charts_drawn(page)
    assert total >= 12
    assert drawn == total
    assert page.locator(".plotly-graph-div svg.main-svg").count() >= total  # as plotly draws them
    assert page.evaluate("typeof window.Plotly") == "object"
    assert visit.problems == []
    assert visit.dialogs == []


@pytest.mark.parametrize("page_name", [f"{REAL}.html", "comparison.html"])
def test_the_real_case_and_the_comparison_draw_every_chart(
    reports: Path, browser: object, page_name: str
) -> None:
    if not (reports / page_name).is_file():
        pytest.skip(f"{page_name} was not rendered")
    visit = Visit(browser, reports)
    page = visit.open(reports / page_name)
    total, drawn = charts_drawn(page)
    assert total >= 4 and drawn == total
    assert visit.problems == [] and visit.dialogs == []
    if page_name == f"{REAL}.html":
        # a section without data is one line, not an empty chart
        assert page.locator(".ca-empty").count() >= 3
        assert page.locator("text=No data for this figure").count() == 0


def test_hostile_names_are_shown_as_text(reports: Path, browser: object) -> None:
    visit = Visit(browser, reports)
    page = visit.open(reports / "hostile-names.html")
    charts_drawn(page)
    assert page.locator("h1").first.inner_text() == "Hostile <b>case</b> <img src=x onerror=alert(3)>"
    assert page.locator("img").count() == 0, "no element is made of case data"
    assert page.locator("main script:not([src])").count() == page.locator(".plotly-graph-div").count()
    # the person's name (the case consents to names) is an axis label of the facilitation chart
    assert page.locator("svg text", has_text="<img src=x onerror=alert(1)>").count() >= 1
    assert page.get_by_text("Ville <script>alert(2)</script>", exact=True).count() >= 1
    source = page.get_by_text("<img src=x onerror=alert(7)>")
    assert source.count() == 1 and source.evaluate("node => node.closest('a')") is None
    page.wait_for_timeout(300)
    assert visit.dialogs == [] and visit.problems == []


def test_every_link_of_the_index_resolves(reports: Path, browser: object) -> None:
    visit = Visit(browser, reports)
    page = visit.open(reports / "index.html")
    hrefs = page.eval_on_selector_all("main > :not(nav) a[href]", "links => links.map(a => a.href)")
    rendered = [f"{BUNDLED[0]}.html", "hostile-names.html", "comparison.html"]
    if (ROOT / "data" / "cases" / REAL).is_dir():
        rendered.append(f"{REAL}.html")
    assert sorted(Path(href[len("file://") :]).name for href in hrefs) == sorted(rendered)
    assert page.get_by_text("Hostile <b>case</b> <img src=x onerror=alert(3)>").count() == 1
    for href in hrefs:
        assert Path(href[len("file://") :]).is_file(), href
        report = visit.open(Path(href[len("file://") :]))
        assert report.title()
        assert report.locator("h1").count() == 1
    assert visit.problems == [] and visit.dialogs == []


def test_every_page_switches_language_and_links_back_to_its_index(top: Path, browser: object) -> None:
    visit = Visit(browser, top)
    page = visit.open(top / "index.html")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert {str(top / lang / "index.html") for lang in ("fr", "en")} <= {h[len("file://") :] for h in hrefs}
    for name in (f"{BUNDLED[0]}.html", "comparison.html", "index.html"):
        for lang, other in (("en", "fr"), ("fr", "en")):
            page = visit.open(top / lang / name)
            assert page.locator("html").get_attribute("lang") == lang
            switch = page.locator(f'nav.ca-pages a[hreflang="{other}"]')
            assert switch.count() == 1
            target = Path(switch.evaluate("a => a.href")[len("file://") :])
            assert target == top / other / name and target.is_file()
            back = page.locator("nav.ca-pages a:not([hreflang])").evaluate("a => a.href")[len("file://") :]
            assert Path(back) == (top / "index.html" if name == "index.html" else top / lang / "index.html")
    assert visit.problems == [] and visit.dialogs == []


@pytest.mark.parametrize("page_name", ["index.html", "comparison.html", f"{REAL}.html", f"{BUNDLED[0]}.html"])
def test_pages_are_no_wider_than_a_narrow_screen(top: Path, browser: object, page_name: str) -> None:
    """At 800 px, wide tables scroll inside themselves: the page never scrolls sideways (issue 18, item 6)."""
    if not (top / "fr" / page_name).is_file():
        pytest.skip(f"{page_name} was not rendered")
    visit = Visit(browser, top, width=800)
    page = visit.open(top / "fr" / page_name)
    if page_name != "index.html":
        charts_drawn(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 800
    assert visit.problems == [] and visit.dialogs == []
