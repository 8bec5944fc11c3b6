"""Validation of a case's evidence: its sources, their texts, and the codings of their passages (issue 16).

The tables ``sources`` and ``codings`` are checked on their own like any
table (:func:`~commons_analysis.ingest.validation.check_table`); this module
adds the rules across them, every problem at once as ``PATH:LINE: column
'COL': message``:

- a source has a ``file`` (a UTF-8 text inside the case folder) or a ``reference``;
- a coding names a known source, and a passage: ``start`` and ``end``
  (characters of the source's text, from 0, end excluded, as Python slices
  count them) or a ``segment``; ``end`` is after ``start`` and within the text;
  an ``excerpt`` given beside offsets is the text there (spaces aside);
- its ``code`` is in the codebook (:mod:`commons_analysis.model.codebook`) or
  declared under ``codes:`` in ``case.yaml``; a ``value`` only on a code that
  carries a score, a whole number within its scale.

Once valid, :func:`complete_codings` fills what the texts give: the excerpt
of a passage given by offsets, and its segment (the paragraph ``p<N>`` —
blocks of text between blank lines, numbered from 1 — where it starts).

Example
-------
>>> paragraph_of("one\\n\\ntwo three\\n\\nfour", 7)
'p2'
>>> same_words(" a  b\\n", "a b")
True
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from commons_analysis.core.errors import CaseError, quote
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.reading.decoding import decode
from commons_analysis.ingest.reading.files import read_file_bytes
from commons_analysis.ingest.reading.raw import RawTable
from commons_analysis.ingest.validation.collector import Collector
from commons_analysis.model.codebook import case_codebook, shipped_codebook
from commons_analysis.model.metadata import CaseMeta

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of ``text`` starts (paragraphs are separated by blank lines).

    >>> paragraph_starts("a\\n\\nb\\n  \\n c")
    [0, 3, 9]
    """
    return [0, *(match.end() for match in _BLANK_LINES.finditer(text))]


def paragraph_of(text: str, offset: int, starts: list[int] | None = None) -> str:
    """The segment id ``p<N>`` of the paragraph holding character ``offset`` (N from 1)."""
    starts = paragraph_starts(text) if starts is None else starts
    return f"p{bisect.bisect_right(starts, offset)}"


def same_words(a: str, b: str) -> bool:
    """Whether two texts hold the same words in the same order (spaces and line breaks aside)."""
    return a.split() == b.split()


def read_source_text(path: Path, where: str, *, inside: Path | None = None) -> str:
    """The text of a source file (UTF-8, or what spreadsheets' text exports use), without a BOM.

    Read bounded, a regular file only, and within ``inside`` when given
    (:func:`~commons_analysis.ingest.reading.read_file_bytes`).
    """
    return decode(read_file_bytes(path, where, inside=inside), where).removeprefix("\ufeff")


def source_texts(
    sources: pd.DataFrame, raw: RawTable | None, folder: Path | None, out: Collector
) -> dict[str, str]:
    """The text of each source that has a readable ``file``, by ``source_id``; problems for the others."""
    texts: dict[str, str] = {}
    root = folder.resolve() if folder is not None else None
    for position, row in enumerate(sources.itertuples(index=False)):
        line = int(raw.lines[position]) if raw is not None else None
        where = raw.where if raw is not None else "sources"
        file, reference = row.file, row.reference
        if pd.isna(file) and pd.isna(reference):
            out.add(where, line, "file", say("ingest.evidence.no_text"))
            continue
        if pd.isna(file) or root is None or pd.isna(row.source_id):
            continue
        path = (root / str(file)).resolve()
        if not path.is_relative_to(root) or Path(str(file)).is_absolute():
            out.add(where, line, "file", say("ingest.evidence.file_outside", value=quote(file)))
        elif not path.is_file():
            out.add(where, line, "file", say("ingest.evidence.no_file", value=quote(file)))
        else:
            try:
                texts[str(row.source_id)] = read_source_text(path, str(file), inside=root)
            except CaseError as error:
                reason = error.problems[0].said or error.problems[0].message
                out.add(
                    where,
                    line,
                    "file",
                    say("ingest.evidence.file_unreadable", value=quote(file), reason=reason),
                )
            except OSError as error:
                reason = error.strerror or str(error)
                out.add(
                    where,
                    line,
                    "file",
                    say("ingest.evidence.file_unreadable", value=quote(file), reason=reason),
                )
    return texts


def _hint(value: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.75)
    return close[0] if close else None


def _unknown_message(values: pd.Series, known: set[str], what: str) -> Callable[[int], Message]:
    """The message for an unknown ``what`` (source, code) on a row: with the closest known one, if any."""

    def message(row: int) -> Message:
        value = str(values.iloc[row])
        hint = _hint(value, sorted(known))
        if hint:
            return say(f"ingest.evidence.unknown_{what}_hint", value=quote(value), hint=quote(hint))
        return say(f"ingest.evidence.unknown_{what}", value=quote(value))

    return message


def check_evidence(
    tables: dict[str, pd.DataFrame],
    raws: dict[str, RawTable],
    folder: Path | None,
    meta: CaseMeta | None,
    out: Collector,
    *,
    yaml_where: str = "case.yaml",
    yaml_lines: dict[tuple[str, ...], int] | None = None,
    unreadable: frozenset[str] | set[str] = frozenset(),
) -> dict[str, str]:
    """Every rule across ``sources`` and ``codings`` (see the module docstring); the sources' texts.

    ``meta`` is None when ``case.yaml`` could not be read: codes are then not checked. When the
    sources' file is in ``unreadable``, codings' sources are not checked (its own problem is reported).
    """
    sources = tables.get("sources")
    texts = source_texts(sources, raws.get("sources"), folder, out) if sources is not None else {}
    if meta is not None:
        lines = yaml_lines or {}
        for key in sorted(set(meta.codes) & set(shipped_codebook())):
            out.add(
                yaml_where,
                lines.get(("codes", key)),
                f"codes.{key}",
                say("ingest.evidence.code_redefined", value=quote(key)),
            )
    codings = tables.get("codings")
    if codings is None:
        return texts
    raw = raws["codings"]
    known_sources = set(sources["source_id"].dropna()) if sources is not None else set()
    with_file = (
        set(sources.loc[sources["file"].notna(), "source_id"].dropna()) if sources is not None else set()
    )
    source_ids = codings["source_id"]
    unknown = (source_ids.notna() & ~source_ids.isin(known_sources)).to_numpy(dtype=bool)
    if "sources" not in unreadable:
        out.rows(raw, unknown, "source_id", _unknown_message(source_ids, known_sources, "source"))
    _check_passages(codings, raw, texts, with_file, ~unknown, out)
    if meta is not None:
        _check_codes(codings, raw, meta, out)
    return texts


def _check_passages(
    codings: pd.DataFrame,
    raw: RawTable,
    texts: dict[str, str],
    with_file: set[str],
    known: np.ndarray,
    out: Collector,
) -> None:
    start = codings["start"].to_numpy(dtype=float, na_value=np.nan)
    end = codings["end"].to_numpy(dtype=float, na_value=np.nan)
    has_start, has_end = ~np.isnan(start), ~np.isnan(end)
    half = has_start != has_end
    out.rows(raw, half, "end", say("ingest.evidence.half_offsets"))
    offsets = has_start & has_end
    segment = codings["segment"].notna().to_numpy(dtype=bool)
    out.rows(raw, ~offsets & ~half & ~segment, "segment", say("ingest.evidence.no_passage"))
    backwards = offsets & (end <= start)
    out.rows(
        raw,
        backwards,
        "end",
        lambda row: say("ingest.evidence.end_not_after_start", start=int(start[row]), end=int(end[row])),
    )
    sources = codings["source_id"].astype(object).to_numpy()
    for row in np.flatnonzero(offsets & ~backwards & known):
        source = sources[row]
        line = int(raw.lines[row])
        if source not in texts:
            if source not in with_file:  # a source whose file is unreadable has its own problem
                out.add(
                    raw.where, line, "start", say("ingest.evidence.offsets_without_text", value=quote(source))
                )
            continue
        text = texts[source]
        first, last = int(start[row]), int(end[row])
        if last > len(text):
            out.add(
                raw.where, line, "end", say("ingest.evidence.offsets_outside", end=last, length=len(text))
            )
            continue
        excerpt = codings["excerpt"].iloc[row]
        if isinstance(excerpt, str) and not same_words(excerpt, text[first:last]):
            message = say(
                "ingest.evidence.excerpt_differs", start=first, end=last, text=quote(text[first:last])
            )
            out.add(raw.where, line, "excerpt", message)


def _check_codes(codings: pd.DataFrame, raw: RawTable, meta: CaseMeta, out: Collector) -> None:
    book = case_codebook(meta)
    codes = codings["code"]
    unknown = (codes.notna() & ~codes.isin(set(book))).to_numpy(dtype=bool)
    out.rows(raw, unknown, "code", _unknown_message(codes, set(book), "code"))
    values = codings["value"].to_numpy(dtype=float, na_value=np.nan)
    for row in np.flatnonzero(~np.isnan(values) & ~unknown & codes.notna().to_numpy(dtype=bool)):
        code = book[str(codes.iloc[row])]
        value = values[row]
        line = int(raw.lines[row])
        if code.scale is None:
            out.add(
                raw.where, line, "value", say("ingest.evidence.value_without_scale", code=quote(code.key))
            )
        elif value != round(value) or not code.scale[0] <= value <= code.scale[1]:
            low, high = code.scale
            out.add(
                raw.where,
                line,
                "value",
                say("ingest.evidence.value_outside", code=quote(code.key), low=low, high=high),
            )


def check_recommendations(
    meta: CaseMeta,
    codings: pd.DataFrame | None,
    where: str,
    lines: dict[tuple[str, ...], int],
    out: Collector,
) -> None:
    """Each coding a recommendation of ``case.yaml`` cites is a ``coding_id`` of the case's codings."""
    known = set(codings["coding_id"].dropna()) if codings is not None else set()
    for index, recommendation in enumerate(meta.recommendations):
        for coding in recommendation.codings:
            if coding not in known:
                line = lines.get(("recommendations", str(index), "codings")) or lines.get(
                    ("recommendations",)
                )
                message = say("ingest.evidence.unknown_recommendation_coding", value=quote(coding))
                out.add(where, line, f"recommendations.{index}.codings", message)


def complete_codings(codings: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """``codings`` with the excerpt of passages given by offsets, and their segment, filled from the texts.

    A segment left empty is the paragraph ``p<N>`` where the passage starts; an
    excerpt left empty is the text between ``start`` and ``end``.
    """
    if codings.empty or not texts:
        return codings
    excerpts = codings["excerpt"].astype(object).tolist()
    segments = codings["segment"].astype(object).tolist()
    starts_of = {source: paragraph_starts(text) for source, text in texts.items()}
    for row, (source, start, end) in enumerate(
        zip(codings["source_id"], codings["start"], codings["end"], strict=True)
    ):
        if source not in texts or pd.isna(start) or pd.isna(end):
            continue
        if pd.isna(excerpts[row]):
            excerpts[row] = texts[source][int(start) : int(end)]
        if pd.isna(segments[row]):
            segments[row] = paragraph_of(texts[source], int(start), starts_of[source])
    return codings.assign(
        excerpt=pd.array(excerpts, dtype="string"), segment=pd.array(segments, dtype="string")
    )


__all__ = [
    "check_evidence",
    "check_recommendations",
    "complete_codings",
    "paragraph_of",
    "paragraph_starts",
    "read_source_text",
    "same_words",
    "source_texts",
]
