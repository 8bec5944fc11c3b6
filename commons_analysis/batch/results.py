"""What a rendering job gives back, and how the reason of a failure is written.

A job never raises: it returns a :class:`RenderResult`, the one value a worker
sends back: the page (case id, language, the paths it was made from), its
status, its files, its index entry (fields given by the kernel that rendered
it, :mod:`~commons_analysis.batch.index` writes the index from them), its
timings, or the reason of its failure (the ``reason.…`` strings of
:mod:`commons_analysis.reporting.text`, whose detail is shortened to one line
by :func:`shorten`). A reason is written in every language at once
(:func:`reasons`): the pages give it in the language of the reports, the
command line in the language of its messages (:meth:`RenderResult.reason_in`).

Example
-------
>>> failed = RenderResult.failure("naples", "fr", reasons("reporting.reason.timeout", seconds="600"))
>>> summary = RenderSummary([RenderResult("brest", True), failed])
>>> [result.case_id for result in summary.failed], summary.ok
(['naples'], False)
>>> failed.reason, failed.reason_in("en")
('délai dépassé (600 s)', 'timed out (600 s)')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commons_analysis.reporting.text import LANGS, t

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
    reason: str | None = None  #: why it failed, in the language of the pages
    notebook: str | None = None  #: executed notebook (JSON), partial after a failure
    html: str | None = None
    #: The index entry (title, place, period, data status, headline figures…), cases only:
    #: computed by the kernel that rendered the report, written as ``<id>.json``.
    entry: dict[str, Any] | None = None
    #: Why it failed in every language (language → text); empty when ``reason`` is all there is.
    reasons: dict[str, str] = field(default_factory=dict)
    lang: str | None = None  #: the language of the page
    case_path: str | None = None  #: the case folder rendered (None for the comparison)
    notebook_path: str | None = None  #: the notebook executed
    #: Seconds spent, by step (``load``, ``execute``, ``convert``, ``total``); not compared.
    seconds: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def status(self) -> str:
        """``"ok"`` or ``"failed"``."""
        return "ok" if self.ok else "failed"

    @classmethod
    def failure(
        cls,
        case_id: str,
        lang: str,
        texts: Mapping[str, str],
        notebook: str | None = None,
        **details: Any,
    ) -> RenderResult:
        """A failure with its reason in every language (:func:`reasons`); ``lang``: that of the pages.

        ``details``: the other fields (``case_path``, ``notebook_path``, ``seconds``).
        """
        return cls(case_id, False, texts[lang], notebook=notebook, reasons=dict(texts), lang=lang, **details)

    def reason_in(self, lang: str) -> str | None:
        """Why it failed, in ``lang`` (the command line's messages may not be in the pages' language)."""
        return self.reasons.get(lang, self.reason)


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


def reasons(key: str, **values: object) -> dict[str, str]:
    """The reason ``key`` (a ``reason.…`` string of :mod:`..reporting.text`) in every language.

    A value may be a function of the language (the problems of an invalid
    case, written in each language).

    >>> reasons("reporting.reason.invalid", detail=lambda lang: "ligne 2" if lang == "fr" else "line 2")["en"]
    'invalid case: line 2'
    """

    def written(value: object, lang: str) -> object:
        return value(lang) if callable(value) else value

    return {lang: t(key, lang, **{name: written(v, lang) for name, v in values.items()}) for lang in LANGS}


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


__all__ = ["COMPARISON", "INDEX", "RenderResult", "RenderSummary", "reasons", "seconds_text", "shorten"]
