"""Property tests (hypothesis) of reading and loading.

1. A valid case, whatever its values (accents, quotes, delimiters inside cells, ids like
   ``007``, thousands, empty cells), written as clean CSV, as a French Excel CSV and as
   ``case.xlsx`` reads back unchanged: the same typed tables as the frames it was written from.
2. Whatever bytes stand in ``actors.csv`` or ``case.yaml``, loading either succeeds or raises
   :class:`~commons_analysis.core.errors.CaseError`: never another exception.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from commons_analysis.core.errors import CaseError
from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case
from commons_analysis.model.schema.tables import TABLES

TABLE_NAMES = ("actors", "relations", "events", "participation", "decisions")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CASE_YAML = """\
id: prop
title: {fr: "Propriétés", en: "Properties"}
inclusion_groups:
  qpv: {label: QPV, population_share: 0.2}
  unemployed: {label: Chômage, population_share: 0.1}
  young: {label: Jeunes, population_share: 0.15}
"""
TAGS = ("qpv", "unemployed", "young")

# Letters a French spreadsheet holds (all in cp1252), digits, and the characters that trip CSV
# writers and readers: both delimiters, quotes, apostrophes, guillemets, inner spaces.
TEXT_CHARACTERS = "abcxyzABCXYZéèêàçôûïœÉÀÇŒ0123456789 ,;'\"«»-_.()/:!?%€"
ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-_éè"


def enum(table: str, column: str) -> st.SearchStrategy[str]:
    return st.sampled_from(TABLES[table].column(column).enum)


def fold_id(value: str) -> str:
    """Ids that differ only by case or spaces are the same id (the validator's rule)."""
    return " ".join(value.casefold().split())


texts = st.text(TEXT_CHARACTERS, min_size=1, max_size=20).map(str.strip).filter(bool)
optional_texts = st.none() | texts
ids = st.text(ID_CHARACTERS, min_size=1, max_size=8) | st.integers(0, 999).map(lambda n: f"{n:03d}")
numbers = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False, allow_subnormal=False)
optional_numbers = st.none() | numbers | st.integers(0, 50_000).map(float)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
optional_dates = st.none() | dates
optional_counts = st.none() | st.integers(0, 2_000_000)


def unique_ids(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=min_size, max_size=max_size, unique_by=fold_id)


@st.composite
def valid_cases(draw: st.DrawFn) -> dict[str, pd.DataFrame]:
    """The five tables of a valid case, as canonical Python values (see conftest's writers)."""
    actor_ids = draw(unique_ids(2, 8))
    n = len(actor_ids)
    actors = pd.DataFrame(
        {
            "actor_id": actor_ids,
            "name": draw(st.lists(texts, min_size=n, max_size=n)),
            "sector": draw(st.lists(enum("actors", "sector"), min_size=n, max_size=n)),
            "kind": draw(st.lists(st.none() | enum("actors", "kind"), min_size=n, max_size=n)),
            "role": draw(st.lists(optional_texts, min_size=n, max_size=n)),
            "groups": [
                "|".join(tags) or None
                for tags in draw(
                    st.lists(st.lists(st.sampled_from(TAGS), unique=True), min_size=n, max_size=n)
                )
            ],
        }
    )

    relation_rows = []
    for _ in range(draw(st.integers(0, 6))):
        source, target = draw(st.lists(st.sampled_from(actor_ids), min_size=2, max_size=2, unique=True))
        start, end = draw(optional_dates), draw(optional_dates)
        if start is not None and end is not None and end < start:
            start, end = end, start
        relation_rows.append(
            {
                "source": source,
                "target": target,
                "type": draw(enum("relations", "type")),
                "weight": draw(optional_numbers),
                "amount_eur": draw(optional_numbers),
                "start": start,
                "end": end,
                "note": draw(optional_texts),
            }
        )
    relations = pd.DataFrame(relation_rows, columns=TABLES["relations"].names)

    event_ids = draw(unique_ids(1, 5))
    m = len(event_ids)
    events = pd.DataFrame(
        {
            "event_id": event_ids,
            "date": draw(st.lists(dates, min_size=m, max_size=m)),
            "kind": draw(st.lists(enum("events", "kind"), min_size=m, max_size=m)),
            "title": draw(st.lists(optional_texts, min_size=m, max_size=m)),
            "open": draw(st.lists(st.booleans(), min_size=m, max_size=m)),
            "duration_hours": draw(st.lists(optional_numbers, min_size=m, max_size=m)),
            "eligible": draw(st.lists(optional_counts, min_size=m, max_size=m)),
            "attendance": [None] * m,  # set below: never fewer than the event's participation rows
        }
    )

    pairs = draw(
        st.lists(st.tuples(st.sampled_from(event_ids), st.sampled_from(actor_ids)), max_size=10, unique=True)
    )
    rows_per_event = pd.Series([event for event, _ in pairs], dtype=object).value_counts()
    events["attendance"] = [
        None if draw(st.booleans()) else int(rows_per_event.get(e, 0)) + draw(st.integers(0, 3000))
        for e in event_ids
    ]
    participation = pd.DataFrame(
        {
            "event_id": [event for event, _ in pairs],
            "actor_id": [actor for _, actor in pairs],
            "role": draw(
                st.lists(st.none() | enum("participation", "role"), min_size=len(pairs), max_size=len(pairs))
            ),
            "hours": draw(st.lists(optional_numbers, min_size=len(pairs), max_size=len(pairs))),
            "paid": draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs))),
        },
        columns=TABLES["participation"].names,
    )

    decision_rows = []
    for decision_id in draw(unique_ids(0, 4)):
        event = draw(st.none() | st.sampled_from(event_ids))
        initiator = draw(st.none() | st.sampled_from(actor_ids))
        supporters = draw(st.lists(st.sampled_from([a for a in actor_ids if a != initiator]), unique=True))
        decision_rows.append(
            {
                "decision_id": decision_id,
                "event_id": event,
                "date": draw(optional_dates) if event is not None else draw(dates),
                "topic": draw(optional_texts),
                "rule": draw(enum("decisions", "rule")),
                "initiated_by": initiator,
                "supported_by": "|".join(supporters) or None,
                "adopted": draw(st.booleans()),
                "votes_for": draw(optional_counts),
                "votes_against": draw(optional_counts),
                "abstentions": draw(optional_counts),
            }
        )
    decisions = pd.DataFrame(decision_rows, columns=TABLES["decisions"].names)
    return {
        "actors": actors,
        "relations": relations,
        "events": events,
        "participation": participation,
        "decisions": decisions,
    }


@pytest.mark.slow
@SETTINGS
@given(tables=valid_cases())
def test_valid_case_reads_back_unchanged_in_three_spellings(case_writers, tables):
    expected = Case.from_frames({"id": "prop"}, **tables)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        loaded = {
            "clean CSV": load_case(case_writers.clean_csv(root / "clean" / "prop", CASE_YAML, tables)),
            "French CSV": load_case(case_writers.french_csv(root / "french" / "prop", CASE_YAML, tables)),
            "xlsx": load_case(case_writers.xlsx(root / "xlsx" / "prop", CASE_YAML, tables)),
        }
    for spelling, case in loaded.items():
        for table in TABLE_NAMES:
            assert_frame_equal(case.table(table), expected.table(table), obj=f"{spelling}: {table}")


# --------------------------------------------------------------------------- only CaseError

# Pieces that steer random bytes toward the reader's branches: BOMs, NUL bytes, quotes,
# delimiters, Excel's sep= line, YAML syntax, anchors and tags, headers the schema knows.
PIECES = [
    b"a",
    b"1",
    b"007",
    b",",
    b";",
    b"\t",
    b'"',
    b"\n",
    b"\r\n",
    b"\r",
    b" ",
    b"\x00",
    b"\xff",
    b"\xfe",
    b"\xe9",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x81",
    b"=",
    b"|",
    b"sep=;",
    b"sep=",
    b"actor_id",
    b"name",
    b"sector",
    b"public",
    b"groups",
    b"qpv",
    b"id",
    b"id: ",
    b"prop",
    b":",
    b"- ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"&a ",
    b"*a",
    b"!!binary ",
    b"!!python/object:os.system ",
    b"? ",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"#",
    b"'",
    b"inclusion_groups:",
    b"  ",
    b"population_share: ",
    b"assessment:",
    b"PK\x03\x04",
]
noisy_bytes = st.binary(max_size=200) | st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join)


def load_with(file_name: str, content: bytes, base_files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "prop"
        folder.mkdir()
        files = {"case.yaml": base_files["case.yaml"].replace("base-case", "prop")}
        files["actors.csv"] = base_files["actors.csv"]
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / file_name).write_bytes(content)
        try:
            load_case(folder)
        except CaseError as error:
            assert error.problems, "a CaseError always says why"
            for problem in error.problems:
                assert str(problem).startswith(str(folder))


@pytest.mark.slow
@SETTINGS
@given(content=noisy_bytes)
def test_reader_raises_only_case_error_on_arbitrary_actors_csv(case_writers, content):
    load_with("actors.csv", content, case_writers.base_files)


@pytest.mark.slow
@SETTINGS
@given(content=noisy_bytes)
def test_reader_raises_only_case_error_on_arbitrary_case_yaml(case_writers, content):
    load_with("case.yaml", content, case_writers.base_files)


@SETTINGS
@given(content=noisy_bytes)
def test_reader_raises_only_case_error_on_arbitrary_case_xlsx(case_writers, content):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "prop"
        folder.mkdir()
        (folder / "case.yaml").write_text("id: prop\n", encoding="utf-8")
        (folder / "case.xlsx").write_bytes(content)
        try:
            load_case(folder)
        except CaseError as error:
            assert error.problems


# --------------------------------------------------------------------------- line numbers

cell_texts = st.text("abcé ,;\"'\n", min_size=1, max_size=12).map(str.strip).filter(bool)


@pytest.mark.slow
@SETTINGS
@given(
    rows=st.lists(st.tuples(cell_texts, st.booleans(), st.integers(0, 2)), min_size=1, max_size=12),
    newline=st.sampled_from(["\n", "\r\n"]),
    sep_line=st.booleans(),
)
def test_problems_point_at_the_line_an_editor_shows(rows, newline, sep_line):
    """Quoted cells spanning lines, blank lines, CRLF and Excel's sep= line never shift a line number.

    Cells keep LF inside while rows end with ``newline``, as Excel writes them.
    """
    text = ("sep=," + newline if sep_line else "") + "actor_id,name,sector" + newline
    expected = []
    for number, (name, bad, blanks) in enumerate(rows):
        text += newline * blanks
        if bad:
            expected.append(text.count("\n") + 1)  # the line this row starts on
        quoted = '"' + name.replace('"', '""') + '"'
        text += f"a{number},{quoted},{'zzz' if bad else 'public'}" + newline
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lines"
        folder.mkdir()
        (folder / "case.yaml").write_text("id: lines\n", encoding="utf-8")
        (folder / "actors.csv").write_text(text, encoding="utf-8", newline="")
        try:
            load_case(folder)
            found = []
        except CaseError as error:
            found = [p.line for p in error.problems]
    assert found == expected
