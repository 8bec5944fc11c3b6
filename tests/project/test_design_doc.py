"""The design document the code cites: every ``docs/design.md §Section`` names a section that exists.

Code, tests and documents cite the design by section name
(``docs/design.md §Participation``); a renamed or removed section would
leave them pointing nowhere, so this test reads every citation.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT / "docs" / "design.md"
#: Where citations live.
CITING = ["commons_analysis/**/*.py", "commons_analysis/templates/*", "tests/**/*.py", "notebooks/*.ipynb",
          "docs/*.md", "README.md", "pyproject.toml"]  # fmt: skip


def sections() -> list[str]:
    """The names of the sections of docs/design.md: its ``##`` and ``###`` headings."""
    return [line.lstrip("#").strip() for line in DESIGN.read_text(encoding="utf-8").splitlines()
            if line.startswith(("## ", "### "))]  # fmt: skip


def citations() -> list[tuple[str, str]]:
    """(file, the rest of the line after ``§``) for each ``§`` of a file citing the design (not ``§13.2``)."""
    found = []
    for pattern in CITING:
        for path in sorted(ROOT.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            if "design.md" in text and path != Path(__file__):
                found += [
                    (str(path.relative_to(ROOT)), rest) for rest in re.findall(r"§([^\d\n][^\n]*)", text)
                ]
    return found


def names_a_section(rest: str, names: list[str]) -> bool:
    """Whether ``rest`` starts with a section's name, followed by anything but a letter or digit.

    >>> names = ["Participation"]
    >>> names_a_section("Participation).", names), names_a_section("Participations", names)
    (True, False)
    """
    return any(rest.startswith(name) and not rest[len(name) : len(name) + 1].isalnum() for name in names)


def test_the_design_has_the_sections_the_brief_asks_for() -> None:
    names = sections()
    asked = (
        "Layers",
        "Tables",
        "Indicators",
        "Participation",
        "Command line",
        "Sources",
        "Report architecture",
        "Report context",
        "Privacy",
        "Participatory budgets",
        "Evidence",
    )
    for name in asked:
        assert name in names, name
    assert len(names) == len(set(names)), "two sections share a name: a citation would be ambiguous"


def test_every_citation_names_a_section() -> None:
    names = sections()
    cited = citations()
    assert len(cited) >= 30, cited  # the analysis modules, the reports, the docs cite it
    for path, rest in cited:
        assert names_a_section(rest, names), (path, rest[:40])


def test_the_readme_links_the_design() -> None:
    assert "(docs/design.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
