"""What a rendering job gives back, and how the reason of a failure is written.

A job never raises: it returns a :class:`RenderResult`, a success with the
page's files, or a failure with its reason in the reader's language (the
``reason.…`` strings of :mod:`commons_analysis.reporting.text`, whose detail is
shortened to one line by :func:`shorten`).

Example
-------
>>> failed = RenderResult("naples", False, "timed out (600 s)")
>>> summary = RenderSummary([RenderResult("brest", True), failed])
>>> [result.case_id for result in summary.failed], summary.ok
(['naples'], False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The name of the comparison page among the pages of a report folder (no case may take it).
COMPARISON = "comparison"
#: The name of the index page (no case may take it either).
INDEX = "index"


@dataclass
class RenderResult:
    """What a worker sends back: success, or the reason of the failure; the files' contents.

    ``case_id`` names the page: a case id, or :data:`COMPARISON`.
    """

    case_id: str
    ok: bool
    reason: str | None = None
    notebook: str | None = None  #: executed notebook (JSON), partial after a failure
    html: str | None = None
    entry: dict[str, Any] | None = None  #: index entry (title, headline figures…), cases only


@dataclass
class RenderSummary:
    """The outcome of a batch: the cases' results in case order, the comparison's, and where the index is."""

    results: list[RenderResult] = field(default_factory=list)
    comparison: RenderResult | None = None
    index: Path | None = None

    @property
    def failed(self) -> list[RenderResult]:
        """The cases that got no report."""
        return [result for result in self.results if not result.ok]

    @property
    def failed_pages(self) -> list[RenderResult]:
        """The cases that got no report, and the comparison if it failed."""
        comparison = [self.comparison] if self.comparison is not None and not self.comparison.ok else []
        return self.failed + comparison

    @property
    def ok(self) -> bool:
        """True when every case rendered, and the comparison too when one was asked for."""
        return not self.failed_pages


def shorten(text: str, limit: int = 300) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis (a reason fits a table cell).

    >>> shorten("Traceback:\\n  a  b"), shorten("x" * 10, limit=5)
    ('Traceback: a b', 'xxxx…')
    """
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def seconds_text(value: float) -> str:
    """A number of seconds as a person writes it: no ``.0`` for a whole number.

    >>> seconds_text(600.0), seconds_text(2.5)
    ('600', '2.5')
    """
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


__all__ = ["COMPARISON", "INDEX", "RenderResult", "RenderSummary", "seconds_text", "shorten"]
