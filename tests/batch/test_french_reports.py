"""Every rendered French report reads as French: no English, code names, ISO dates, hyphen minus or
unseparated thousands (issue 18; the checks of /work/shared/tools/french_check.py, and the parameters'
names, render timestamps, country codes and English legal forms it did not look for).

The bundled cases are rendered once, in French, into a temporary folder; the visible text of each page
(scripts and styles left out) is scanned.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app

ENGLISH = [
    "Unincorporated", "governed by", "Core team", "commoners", "volunteers", " of developers",
    "Participatory budget of", "not applicable", "Glossary",
]  # fmt: skip
CODE_NAMES = [
    "duration_hours", "votes_for", "votes_against", "supported_by", "inclusion_groups", "in_kind",
    "open vaut", "rôle attendee", "data_status", "case_id", "data_dir", "min_cell",
]  # fmt: skip
CHECKS = [
    ("ISO date", re.compile(r"\b(19|20)\d\d-\d\d-\d\d(\b|T)")),
    ("country code after 'Pays'", re.compile(r"Pays\s*:\s*[A-Z]{2}\b")),
    # a count of 1 000 or more is grouped; years and PEP numbers are names, not counts
    (
        "count of four digits without a separator",
        re.compile(r"(?<![\w.,/#\u2013-])(?<!PEP )(?!1\d{3}\b|20\d\d\b)\d{4}(?![\w.,/\u2013-])"),
    ),
    ("ASCII hyphen as minus", re.compile(r"(?<![\w\d)])-\d")),
    ("number without thousands separator", re.compile(r"(?<![\w.,/#-])\d{5,}(?![\w.,/-])")),
    ("year range with a dash after 'de'", re.compile(r"\bde (19|20)\d\d[–-](19|20)\d\d\b")),
    ("percent sign without a space", re.compile(r"\d%")),
    ("negative zero", re.compile(r"[-−]0,0+\b(?![,\d])")),
]


class _Visible(HTMLParser):
    """The text a reader sees: everything but scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def french_problems(html: str) -> list[str]:
    """Each thing a French reader should not meet in the visible text of ``html``, with an excerpt.

    >>> page = "<p>14701 votes, open vaut</p><script>-1</script>"
    >>> [problem.split(":")[0] for problem in french_problems(page)]
    ["'open vaut'", 'number without thousands separator']
    """
    visible = _Visible()
    visible.feed(html)
    text = " ".join(" ".join(visible.parts).split())
    found = []
    for word in ENGLISH + CODE_NAMES:
        at = text.find(word)
        if at >= 0:
            found.append(f"'{word}': …{text[max(0, at - 40) : at + 40]}…")
    for name, pattern in CHECKS:
        for match in pattern.finditer(text):
            found.append(f"{name}: …{text[max(0, match.start() - 40) : match.end() + 40]}…")
    return found


@pytest.fixture(scope="module")
def french_reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("reports-fr")
    result = CliRunner().invoke(app, ["render", "--all", "--out", str(out), "--lang", "fr", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return sorted((out / "fr").glob("*.html"))  # render writes reports/<lang>/


@pytest.mark.slow
def test_every_french_report_reads_as_french(french_reports: list[Path]) -> None:
    assert len(french_reports) >= 8  # six cases, the comparison and the index
    problems = {
        path.name: found
        for path in french_reports
        if (found := french_problems(path.read_text(encoding="utf-8")))
    }
    assert not problems, "\n".join(f"{name}: {p}" for name, found in problems.items() for p in found)
