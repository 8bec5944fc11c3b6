"""Reading one Pabulib ``.pb`` file: its META, PROJECTS and VOTES sections, every problem at once.

Definition
----------
A ``.pb`` file is UTF-8 text in three sections, each a line ``META``,
``PROJECTS`` or ``VOTES`` followed by a header line and ``;``-separated rows
(CSV quoting allowed). META holds ``key;value`` pairs (``budget``,
``vote_type``, ``rule``, ``min_length``…); PROJECTS one row per project
(``project_id``, ``cost`` and optional ``votes``, ``score``, ``name``,
``category``, ``selected``…); VOTES one row per voter (``voter_id``, ``vote``:
project ids separated by ``,``, first rank first for ordinal votes; ``points``
for cumulative and scoring votes; optional ``age``, ``sex``,
``voting_method``…). A project at cost 999999999 was withdrawn: it is kept.

:func:`read_pb` checks what the format and the file's own META require, and
returns every problem with its line and column: a section missing, a row whose
``;``-field count differs from its header, a cost or point that is not a
number, a project or voter id twice, a ballot naming an unknown project or
one project twice, a ballot outside ``min_length``–``max_length``, points not
aligned with the ballot or beyond ``max_points``/``max_sum_points``, text that
is not UTF-8 (line and byte). Ballot checks are vectorized (Warsaw 2023 has
about a million ballot entries).

Reference: Faliszewski et al., "Participatory Budgeting: Data, Tools, and
Analysis", IJCAI 2023, and http://pabulib.org/format.

Example
-------
>>> text = ("META\\nkey;value\\nbudget;10\\nvote_type;approval\\nmax_length;1\\n"
...         "PROJECTS\\nproject_id;cost\\n1;5\\n2;999999999\\n"
...         "VOTES\\nvoter_id;vote\\nv1;1\\nv2;1,3\\n")
>>> pb, problems = parse_pb(text, "x.pb")
>>> pb.meta["budget"], pb.projects["project_id"].tolist(), [p.text("en") for p in problems]
('10', ['1', '2'], ["x.pb:13: column 'vote': unknown project '3'", \
"x.pb:13: column 'vote': 2 projects where max_length is 1"])
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from commons_analysis.core.errors import CaseError, Problem, quote
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.reading.raw import RawTable
from commons_analysis.ingest.validation.collector import Collector
from commons_analysis.ingest.validation.values import parse_number
from commons_analysis.model.schema.vocabularies import VOTE_TYPES
from commons_analysis.sources.wording import decoded

SECTIONS = ("META", "PROJECTS", "VOTES")
#: Pabulib's cost of a project withdrawn after the vote.
WITHDRAWN_COST = 999_999_999
#: META keys that must be numbers when present.
NUMERIC_META = (
    "budget",
    "num_projects",
    "num_votes",
    "min_length",
    "max_length",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
    "min_project_score_threshold",
)


@dataclass(frozen=True)
class PbFile:
    """One ``.pb`` file as read: META (text), PROJECTS and VOTES (text cells, each row's line).

    ``projects`` and ``votes`` keep the file's headers as columns, plus
    ``line`` (the row's line in the file); ``meta_lines`` gives each META key's line.
    """

    path: str
    name: str
    meta: dict[str, str]
    meta_lines: dict[str, int]
    projects: pd.DataFrame
    votes: pd.DataFrame
    headers: dict[str, int] = field(default_factory=dict)

    def number(self, key: str) -> float | None:
        """A numeric META value, or None when absent or unreadable.

        >>> PbFile("x", "x", {"budget": "1 000,5"}, {}, pd.DataFrame(), pd.DataFrame()).number("budget")
        1000.5
        """
        text = self.meta.get(key, "").strip()
        value = parse_number(text) if text and text.lower() != "none" else None
        return value if isinstance(value, float) else None


def read_pb(path: Path) -> tuple[PbFile | None, list[Problem]]:
    """Read and check one ``.pb`` file; ``None`` when it cannot be read at all (not UTF-8)."""
    shown = str(path)
    try:
        text = decoded(path.read_bytes(), shown, "utf-8-sig")
    except CaseError as error:
        return None, list(error.problems)
    return parse_pb(text, shown)


def _sections(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each section's (index of its marker line, index where it ends)."""
    starts = [(i, line.strip().upper()) for i, line in enumerate(lines) if line.strip().upper() in SECTIONS]
    result: dict[str, tuple[int, int]] = {}
    for position, (index, name) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        result.setdefault(name, (index, end))
    return result


def _rows(lines: list[str], start: int, end: int) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the rows and their line numbers (1-based) of the section whose marker is at ``start``."""
    numbered = [(i + 1, lines[i]) for i in range(start + 1, end) if lines[i].strip()]
    if not numbered:
        return [], [], []
    parsed = list(csv.reader([text for _, text in numbered], delimiter=";"))
    header = [h.strip() for h in parsed[0]]
    return header, parsed[1:], [number for number, _ in numbered[1:]]


def parse_pb(text: str, shown: str) -> tuple[PbFile, list[Problem]]:
    """Parse the text of a ``.pb`` file (see the module's definition); problems are listed, not raised."""
    out = Collector()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections = _sections(lines)
    for name in SECTIONS:
        if name not in sections:
            out.add(shown, None, None, say("sources.pabulib.no_section", section=name))
    tables: dict[str, pd.DataFrame] = {}
    header_lines: dict[str, int] = {}
    for name, (start, end) in sections.items():
        header, rows, numbers = _rows(lines, start, end)
        header_lines[name] = start + 2
        if not header:
            out.add(shown, start + 1, None, say("sources.pabulib.no_header", section=name))
        wrong = [(n, len(row)) for n, row in zip(numbers, rows, strict=True) if len(row) != len(header)]
        for line, count in wrong[:20]:
            out.add(shown, line, None, say("sources.pabulib.field_count", count=count, header=len(header)))
        if len(wrong) > 20:
            out.add(
                shown, wrong[20][0], None, say("sources.pabulib.more_field_counts", count=len(wrong) - 20)
            )
        kept = [
            (n, [c.strip() for c in row])
            for n, row in zip(numbers, rows, strict=True)
            if len(row) == len(header)
        ]
        frame = pd.DataFrame([row for _, row in kept], columns=header, dtype=object)
        frame["line"] = np.array([n for n, _ in kept], dtype=np.int64)
        tables[name] = frame
    meta_frame = tables.get("META", pd.DataFrame(columns=["key", "value", "line"]))
    meta = dict(zip(meta_frame.iloc[:, 0].astype(str), meta_frame.iloc[:, 1].astype(str), strict=True))
    meta_lines = dict(zip(meta_frame.iloc[:, 0].astype(str), meta_frame["line"].astype(int), strict=True))
    empty = pd.DataFrame({"line": pd.Series([], dtype=np.int64)})
    pb = PbFile(
        path=shown,
        name=Path(shown).name,
        meta=meta,
        meta_lines=meta_lines,
        projects=tables.get("PROJECTS", empty),
        votes=tables.get("VOTES", empty),
        headers=header_lines,
    )
    if "META" in sections:
        _check_meta(pb, out)
    if "PROJECTS" in sections:
        _check_projects(pb, out)
    if "PROJECTS" in sections and "VOTES" in sections:
        _check_votes(pb, out)
    return pb, out.problems


def _raw(pb: PbFile, frame: pd.DataFrame, section: str) -> RawTable:
    return RawTable(pb.path, frame, frame["line"].to_numpy(), header_line=pb.headers.get(section, 1))


def _check_meta(pb: PbFile, out: Collector) -> None:
    for key in ("budget", "vote_type"):
        if key not in pb.meta:
            out.add(pb.path, pb.headers.get("META"), key, say("sources.pabulib.no_meta"))
    for key in NUMERIC_META:
        if key in pb.meta and pb.meta[key].lower() != "none" and pb.number(key) is None:
            out.add(
                pb.path,
                pb.meta_lines[key],
                key,
                say(
                    "ingest.validation.not_a",
                    value=quote(pb.meta[key]),
                    expected=say("ingest.validation.a_number"),
                ),
            )
    vote_type = pb.meta.get("vote_type")
    if vote_type is not None and vote_type not in VOTE_TYPES:
        expected = say("ingest.validation.one_of", values=VOTE_TYPES)
        out.add(
            pb.path,
            pb.meta_lines["vote_type"],
            "vote_type",
            say("ingest.validation.not_a", value=quote(vote_type), expected=expected),
        )


def _required_column(pb: PbFile, frame: pd.DataFrame, section: str, column: str, out: Collector) -> bool:
    if column in frame.columns:
        return True
    out.add(pb.path, pb.headers.get(section), column, say("ingest.validation.required_column"))
    return False


def numbers_of(values: pd.Series) -> np.ndarray:
    """Numbers of text cells (``.`` or ``,`` decimals), NaN where a cell is empty or not a number.

    >>> numbers_of(pd.Series(["4000.0", "12", "x", ""])).tolist()
    [4000.0, 12.0, nan, nan]
    """
    codes, uniques = pd.factorize(values.astype(str))
    parsed = [parse_number(u) if u else None for u in uniques]
    table = np.array([p if isinstance(p, float) else np.nan for p in parsed] + [np.nan], dtype=float)
    return table[codes]


def _check_projects(pb: PbFile, out: Collector) -> None:
    projects = pb.projects
    raw = _raw(pb, projects, "PROJECTS")
    if _required_column(pb, projects, "PROJECTS", "project_id", out):
        ids = projects["project_id"].astype(str)
        out.rows(raw, (ids == "").to_numpy(), "project_id", say("ingest.validation.required_value"))
        _duplicates(raw, ids, "project_id", out)
    for column in ("cost", "votes", "score", "selected"):
        if column == "cost" and not _required_column(pb, projects, "PROJECTS", column, out):
            continue
        if column not in projects.columns:
            continue
        text = projects[column].astype(str)
        present = ((text != "") & (text.str.lower() != "none")).to_numpy()
        values = numbers_of(text)
        bad = present & np.isnan(values)
        out.rows(raw, bad, column, _not_a(projects[column], say("ingest.validation.a_number")))
        with np.errstate(invalid="ignore"):
            negative = values < 0
        out.rows(raw, negative, column, say("ingest.validation.minimum", minimum=0))
        if column == "selected":
            with np.errstate(invalid="ignore"):
                odd = ~np.isnan(values) & ~np.isin(values, (0, 1, 2))
            marks = say("ingest.validation.one_of", values=("0", "1", "2"))
            out.rows(raw, odd, column, _not_a(projects[column], marks))


def _not_a(cells: pd.Series, expected: Message) -> Callable[[int], Message]:
    """The message "CELL is not EXPECTED" for a row of ``cells``."""
    return lambda row: say("ingest.validation.not_a", value=quote(cells.iloc[row]), expected=expected)


def _duplicates(raw: RawTable, ids: pd.Series, column: str, out: Collector) -> None:
    present = (ids != "").to_numpy()
    duplicated = ids.duplicated(keep="first").to_numpy() & present
    if duplicated.any():
        first = pd.Series(np.arange(len(ids))).groupby(ids.to_numpy()).transform("first").to_numpy()
        out.rows(
            raw,
            duplicated,
            column,
            lambda row: say("ingest.validation.duplicate", line=int(raw.lines[first[row]])),
        )


def ballot_entries(votes: pd.DataFrame, column: str = "vote") -> tuple[np.ndarray, np.ndarray]:
    """Each ballot entry: the row it belongs to, and its text (``,``-separated cells of ``column``).

    >>> rows, items = ballot_entries(pd.DataFrame({"vote": ["1,2", "", "3"]}))
    >>> rows.tolist(), items.tolist()
    ([0, 0, 2], ['1', '2', '3'])
    """
    cells = votes[column].astype(str)
    split = cells.str.split(",")
    lengths = split.map(len).to_numpy(dtype=np.int64, copy=True)
    lengths[(cells == "").to_numpy()] = 0
    rows = np.repeat(np.arange(len(cells)), lengths)
    items = [item.strip() for ballot, n in zip(split, lengths, strict=True) if n for item in ballot]
    return rows, np.array(items, dtype=object)


def _check_votes(pb: PbFile, out: Collector) -> None:
    votes = pb.votes
    raw = _raw(pb, votes, "VOTES")
    if _required_column(pb, votes, "VOTES", "voter_id", out):
        _duplicates(raw, votes["voter_id"].astype(str), "voter_id", out)
    if not _required_column(pb, votes, "VOTES", "vote", out) or "project_id" not in pb.projects.columns:
        return
    rows, items = ballot_entries(votes)
    known = set(pb.projects["project_id"].astype(str))
    unknown = ~pd.Series(items, dtype=object).isin(known).to_numpy()
    first_unknown = pd.Series(items[unknown], index=rows[unknown]).groupby(level=0).first()
    mask = np.zeros(len(votes), dtype=bool)
    mask[first_unknown.index.to_numpy()] = True
    out.rows(
        raw,
        mask,
        "vote",
        lambda row: say("sources.pabulib.unknown_project", project=quote(first_unknown[row])),
    )
    pairs = pd.DataFrame({"row": rows, "item": items})
    twice = pairs.duplicated().to_numpy()
    repeated = pd.Series(items[twice], index=rows[twice]).groupby(level=0).first()
    mask = np.zeros(len(votes), dtype=bool)
    mask[repeated.index.to_numpy()] = True
    out.rows(
        raw,
        mask,
        "vote",
        lambda row: say("ingest.validation.budget.project_twice", project=quote(repeated[row])),
    )
    lengths = np.bincount(rows, minlength=len(votes))
    minimum, maximum = pb.number("min_length"), pb.number("max_length")
    if maximum is not None:
        out.rows(
            raw,
            lengths > maximum,
            "vote",
            lambda row: say(
                "ingest.validation.budget.too_long", count=int(lengths[row]), maximum=int(maximum)
            ),
        )
    if minimum is not None:
        short = (lengths < minimum) & (lengths > 0)
        out.rows(
            raw,
            short,
            "vote",
            lambda row: say(
                "ingest.validation.budget.too_short", count=int(lengths[row]), minimum=int(minimum)
            ),
        )
    if pb.meta.get("vote_type") in ("cumulative", "scoring"):
        _check_points(pb, raw, lengths, out)


def _check_points(pb: PbFile, raw: RawTable, lengths: np.ndarray, out: Collector) -> None:
    """Points are numbers, one per project of the ballot, within max_points and max_sum_points."""
    votes = pb.votes
    if "points" not in votes.columns:
        out.add(pb.path, pb.headers.get("VOTES"), "points", say("ingest.validation.required_column"))
        return
    rows, items = ballot_entries(votes, "points")
    counts = np.bincount(rows, minlength=len(votes))
    out.rows(
        raw,
        counts != lengths,
        "points",
        lambda row: say("sources.pabulib.points_count", points=int(counts[row]), projects=int(lengths[row])),
    )
    values = numbers_of(pd.Series(items, dtype=object))
    bad = np.zeros(len(votes), dtype=bool)
    bad[rows[np.isnan(values)]] = True
    out.rows(
        raw,
        bad,
        "points",
        lambda row: say(
            "ingest.validation.not_a",
            value=quote(votes["points"].iloc[row]),
            expected=say("ingest.validation.a_number"),
        ),
    )
    top, total_top = pb.number("max_points"), pb.number("max_sum_points")
    if top is not None:
        over = np.zeros(len(votes), dtype=bool)
        over[rows[values > top]] = True
        out.rows(raw, over, "points", say("ingest.validation.budget.points_over", maximum=top))
    if total_top is not None:
        sums = np.bincount(rows, weights=np.nan_to_num(values), minlength=len(votes))
        out.rows(
            raw,
            sums > total_top,
            "points",
            lambda row: say("ingest.validation.budget.sum_over", total=float(sums[row]), maximum=total_top),
        )
