"""What a qualitative-analysis tool's file holds, once read: sources, their texts, codings, codes.

Every reader of :mod:`commons_analysis.sources.qda` returns a :class:`Coded`;
:func:`~commons_analysis.sources.qda.merge.add_to_case` adds it to a case.

Example
-------
>>> slug("Entretien n°2 — Mme X.docx"), slug("constitution-1.7")
('entretien-n2-mme-x', 'constitution-1.7')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

#: Columns of :attr:`Coded.codings`, those of the case table ``codings``.
CODING_COLUMNS = (
    "coding_id",
    "source_id",
    "start",
    "end",
    "segment",
    "excerpt",
    "code",
    "coder",
    "value",
    "memo",
)
#: Columns of :attr:`Coded.sources`.
SOURCE_COLUMNS = ("source_id", "kind", "title", "date", "language", "role", "consent", "file", "reference")


def slug(name: str) -> str:
    """A source id made from a document's name: ASCII, lower case, ``-`` between words, no extension."""
    stem = re.sub(r"\.(txt|docx?|pdf|odt|html?|md|rtf)$", "", name.strip(), flags=re.IGNORECASE)
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+(?:\.[a-z0-9]+)*", plain))[:64] or "source"


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``… the first not in ``taken``.

    >>> unique("a", {"a", "a-2"})
    'a-3'
    """
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate


def text_source(source_id: str, kind: str, title: str, reference: str | None) -> dict[str, object]:
    """The row of a source read with its text (written to ``texts/<source_id>.txt``)."""
    return {
        "source_id": source_id,
        "kind": kind,
        "title": title,
        "file": f"texts/{source_id}.txt",
        "reference": reference or None,
    }


@dataclass
class Coded:
    """Sources (with their texts, by source id), codings, and the codes named (key → description)."""

    sources: pd.DataFrame
    codings: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        sources: Sequence[Mapping[str, Any]],
        codings: Sequence[Mapping[str, Any]],
        texts: dict[str, str],
        codes: dict[str, str],
    ) -> Coded:
        """From rows (missing columns left empty)."""
        source_frame = pd.DataFrame(sources, columns=list(SOURCE_COLUMNS))
        coding_frame = pd.DataFrame(codings, columns=list(CODING_COLUMNS))
        return cls(source_frame, coding_frame, texts, codes)


__all__ = ["CODING_COLUMNS", "SOURCE_COLUMNS", "Coded", "slug", "text_source", "unique"]
