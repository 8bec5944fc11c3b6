"""Validation: every rule of docs/design.md §Tables, every problem with its file, line and column.

Raw text tables (:mod:`commons_analysis.ingest.reading`) become typed frames here.
All checks are vectorized (a case may hold a million participation rows): a
column's distinct values are interpreted once, then mapped back to rows.
Problems of one kind in one column are listed up to :data:`MAX_LISTED` times,
then counted, so a wholly wrong column stays readable.

Example
-------
>>> import numpy as np, pandas as pd
>>> from commons_analysis.ingest.reading import RawTable
>>> raw = RawTable("actors.csv", pd.DataFrame({"actor_id": ["a"], "nom": ["A"], "secteur": ["ESS"]}),
...                np.array([2]))
>>> typed, problems = check_table("actors", raw)
>>> typed["sector"].tolist(), problems
(['sse'], [])
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from commons_analysis.core.errors import Problem, quote
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.reading import RawTable
from commons_analysis.model.metadata import CaseMeta
from commons_analysis.model.schema import ENUM_ALIASES, TABLES, Column, conform, dtype, fold

#: Rows listed for one kind of problem in one column before the rest are counted.
MAX_LISTED = 20

_TRUE = {"true", "yes", "oui", "vrai", "1", "y", "o", "x"}
_FALSE = {"false", "no", "non", "faux", "0", "n"}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}( 00:00(:00)?)?$")
_DMY = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


class Collector:
    """Collects problems, listing at most :data:`MAX_LISTED` rows per (file, column, message)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, line: int | None, column: str | None, message: str | Message) -> None:
        """Record one problem (its message from the catalogue, or plain English)."""
        self.problems.append(Problem.of(where, line, column, message))

    def rows(
        self,
        raw: RawTable,
        mask: np.ndarray,
        column: str,
        message: str | Message | Callable[[int], str | Message],
    ) -> None:
        """Record ``message`` for every row where ``mask`` is true (``message`` may take the row index)."""
        positions = np.flatnonzero(mask)
        for position in positions[:MAX_LISTED]:
            text = message(int(position)) if callable(message) else message
            self.add(raw.where, int(raw.lines[position]), column, text)
        if len(positions) > MAX_LISTED:
            first = message(int(positions[0])) if callable(message) else message
            self.add(
                raw.where,
                int(raw.lines[positions[MAX_LISTED]]),
                column,
                say("ingest.validation.more_rows", count=len(positions) - MAX_LISTED, first=first),
            )


def map_headers(table: str, raw: RawTable, out: Collector) -> dict[str, str]:
    """Canonical column name for each header (English or French spelling); unknown headers are problems."""
    spec = TABLES[table]
    aliases = spec.header_aliases()
    mapping: dict[str, str] = {}
    for header in raw.frame.columns:
        canonical = aliases.get(fold(header))
        if canonical is None:
            out.add(raw.where, raw.header_line, header, unknown_column(table))
        elif canonical in mapping.values():
            out.add(
                raw.where, raw.header_line, header, say("ingest.validation.second_column", column=canonical)
            )
        else:
            mapping[header] = canonical
    for column in spec.columns:
        if column.required and column.name not in mapping.values():
            out.add(raw.where, raw.header_line, column.name, say("ingest.validation.required_column"))
    return mapping


def unknown_column(table: str) -> Message:
    """The message for a header ``table`` does not know: its columns, and their French headers.

    Each column's French spellings are joined by ``/``; a column without any shows its own name.

    >>> print(unknown_column("participation").text("fr"))
    colonne inconnue ; les colonnes de participation sont : event_id, actor_id, role, hours, paid, ballot, \
points, method ; en français : événement/id_evenement, acteur/id_acteur, rôle, heures, \
rémunéré/payé/remunere, bulletin/vote, notes, mode_de_vote/moyen
    """
    spec = TABLES[table]
    french = ["/".join(column.french) or column.name for column in spec.columns]
    return say(
        "ingest.validation.unknown_column", table=table, columns=tuple(spec.names), french=tuple(french)
    )


def check_table(
    table: str, raw: RawTable, out: Collector | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check and type one table on its own (cross-table rules are in :func:`check_case_tables`)."""
    out = out if out is not None else Collector()
    before = len(out.problems)
    spec = TABLES[table]
    mapping = map_headers(table, raw, out)
    columns: dict[str, pd.Series] = {}
    for header, name in mapping.items():
        text = pd.Series(raw.frame[header].to_numpy(dtype=object), dtype=object)
        columns[name] = _check_column(spec.column(name), text, raw, out)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(raw.frame)))
    for key in spec.primary_key if len(spec.primary_key) == 1 else ():
        if key in frame:
            _check_unique(raw, frame[[key]], key, out)
    typed = conform(table, frame)
    return typed, out.problems[before:]


def _check_column(column: Column, text: pd.Series, raw: RawTable, out: Collector) -> pd.Series:
    """Check one column and return it typed.

    Each distinct spelling is interpreted once; arrays indexed by the factorized
    codes carry the results back to every row (the last slot of each per-value
    array stands for a missing cell, code -1).
    """
    codes, uniques = pd.factorize(text)
    uniques = np.asarray(uniques, dtype=object)
    empty_unique = np.append(uniques == "", True)
    empty = empty_unique[codes]
    if column.required:
        out.rows(raw, empty, column.name, say("ingest.validation.required_value"))
    if column.type in ("id", "ids", "text", "tags", "labels"):
        kept = [None if blank else value for value, blank in zip(uniques, empty_unique, strict=False)]
        cells = np.array([*kept, None], dtype=object)
        return pd.Series(cells[codes], index=text.index, dtype=object)
    interpret, describe = _INTERPRETERS[column.type]
    parsed = parse_dates(uniques) if column.type == "date" else [interpret(column, u) for u in uniques]
    bad_unique = np.append(np.array([p is _BAD for p in parsed], dtype=bool), False) & ~empty_unique
    expected = describe(column)
    out.rows(
        raw,
        bad_unique[codes],
        column.name,
        lambda row: say("ingest.validation.not_a", value=quote(text.iloc[row]), expected=expected),
    )
    known = [None if p is _BAD or empty_unique[i] else p for i, p in enumerate(parsed)] + [None]
    if column.type in ("number", "count"):
        numbers = np.array([np.nan if v is None else v for v in known], dtype=float)
        if column.minimum is not None:
            with np.errstate(invalid="ignore"):
                negative = numbers < column.minimum
            out.rows(
                raw, negative[codes], column.name, say("ingest.validation.minimum", minimum=column.minimum)
            )
        values = numbers[codes]
        if column.type == "count":
            fractional = np.isfinite(numbers) & (numbers != np.round(numbers))
            out.rows(raw, fractional[codes], column.name, say("ingest.validation.whole"))
            whole = np.where(np.isnan(values), 0, np.round(values)).astype(np.int64)
            return pd.Series(pd.arrays.IntegerArray(whole, np.isnan(values)), index=text.index)
        return pd.Series(pd.arrays.FloatingArray(values, np.isnan(values)), index=text.index)
    if column.type == "bool":
        truth = np.array([bool(v) for v in known], dtype=bool)
        missing = np.array([v is None for v in known], dtype=bool)
        return pd.Series(pd.arrays.BooleanArray(truth[codes], missing[codes]), index=text.index)
    if column.type == "date":
        moments = pd.DatetimeIndex([pd.NaT if v is None else v for v in known]).as_unit("ns").to_numpy()
        return pd.Series(moments[codes], index=text.index)
    # enumeration: the categorical built from codes, each spelling already mapped to its category
    position = {value: i for i, value in enumerate(column.enum)}
    category_codes = np.array([-1 if v is None else position[str(v)] for v in known], dtype=np.int64)
    categorical = pd.Categorical.from_codes(category_codes[codes], dtype=dtype(column))
    return pd.Series(categorical, index=text.index)


_BAD = object()


def _enum_value(column: Column, text: str) -> object:
    return ENUM_ALIASES[column.enum_name or ""].get(fold(text), _BAD)


def parse_number(text: str) -> object:
    """A number as spreadsheets write it: decimal comma, spaces or NBSP between thousands.

    >>> parse_number("1 234,5"), parse_number("1.234,5"), parse_number("12")
    (1234.5, 1234.5, 12.0)
    """
    compact = _SPACES.sub("", text)
    if "," in compact and "." in compact:
        thousands = "." if compact.rfind(",") > compact.rfind(".") else ","
        compact = compact.replace(thousands, "")
    compact = compact.replace(",", ".")
    try:
        number = float(compact)
    except ValueError:
        return _BAD
    return number if np.isfinite(number) else _BAD


def parse_date(text: str) -> object:
    """A date written ``YYYY-MM-DD`` or ``DD/MM/YYYY``.

    >>> parse_date("31/01/2020"), parse_date("2020-01-31")
    (Timestamp('2020-01-31 00:00:00'), Timestamp('2020-01-31 00:00:00'))
    """
    text = text.strip()
    if _ISO.match(text):
        fmt = "%Y-%m-%d"
        text = text[:10].rstrip()
    elif _DMY.match(text):
        fmt = "%d/%m/%Y"
    else:
        return _BAD
    try:
        return pd.to_datetime(text, format=fmt)
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return _BAD


def parse_dates(texts: np.ndarray) -> list[object]:
    """:func:`parse_date` over many texts at once (vectorized)."""
    series = pd.Series(texts, dtype=object).astype(str).str.strip()
    iso = series.str.match(_ISO.pattern)
    dmy = series.str.match(_DMY.pattern)
    parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    if iso.any():
        parsed[iso] = pd.to_datetime(series[iso].str[:10].str.rstrip(), format="%Y-%m-%d", errors="coerce")
    if dmy.any():
        parsed[dmy] = pd.to_datetime(series[dmy], format="%d/%m/%Y", errors="coerce")
    return [_BAD if pd.isna(value) else value for value in parsed]


def parse_bool(text: str) -> object:
    """A boolean: ``true/false/yes/no/oui/non/vrai/faux/1/0`` in any case.

    >>> parse_bool("Oui"), parse_bool("FAUX")
    (True, False)
    """
    folded = fold(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return _BAD


_INTERPRETERS: dict[str, tuple[Callable[[Column, str], object], Callable[[Column], Message]]] = {
    "enum": (_enum_value, lambda c: say("ingest.validation.one_of", values=c.enum)),
    "number": (lambda c, t: parse_number(t), lambda c: say("ingest.validation.a_number")),
    "count": (lambda c, t: parse_number(t), lambda c: say("ingest.validation.a_whole_number")),
    "date": (lambda c, t: parse_date(t), lambda c: say("ingest.validation.a_date")),
    "bool": (lambda c, t: parse_bool(t), lambda c: say("ingest.validation.a_boolean")),
}


def _key(frame: pd.DataFrame) -> pd.Series:
    """Identifiers folded as people read them: case and inner spaces do not make two ids different.

    One integer per row, equal for rows whose folded values are equal in every column
    (no string is built per row: a table may hold a million pairs).
    """
    key = np.zeros(len(frame), dtype=np.int64)
    for column in frame.columns:
        codes, uniques = pd.factorize(frame[column])
        folded = [" ".join(str(u).casefold().split()) for u in uniques]
        folded_codes, folded_uniques = pd.factorize(pd.Series(folded, dtype=object))
        per_row = np.append(folded_codes, len(folded_uniques))[codes]  # a missing value: its own code
        key = pd.factorize(key * (len(folded_uniques) + 1) + per_row)[0]  # compact: never overflows
    return pd.Series(key, index=frame.index)


def _check_unique(raw: RawTable, frame: pd.DataFrame, column: str, out: Collector) -> None:
    present = frame.notna().all(axis=1).to_numpy()
    key = _key(frame)
    duplicated = key.duplicated(keep="first").to_numpy() & present
    if not duplicated.any():
        return
    first = pd.Series(np.arange(len(frame))).groupby(key.to_numpy()).transform("first").to_numpy()

    def message(row: int) -> Message:
        exact = frame.iloc[row].tolist() == frame.iloc[first[row]].tolist()
        key = "ingest.validation.duplicate" if exact else "ingest.validation.duplicate_folded"
        return say(key, line=int(raw.lines[first[row]]))

    out.rows(raw, duplicated, column, message)


def check_case_tables(
    tables: dict[str, pd.DataFrame],
    raws: dict[str, RawTable],
    declared_tags: set[str] | None,
    out: Collector,
    unreadable: frozenset[str] | set[str] = frozenset(),
) -> None:
    """Rules across tables: keys exist, source ≠ target, end ≥ start, declared tags, unique pairs.

    ``declared_tags`` is ``None`` when ``case.yaml`` could not be read: tags are then not checked.
    Keys into a table in ``unreadable`` (its file exists but could not be read) are not checked
    either: its own problem is reported, not one per reference to it.
    """
    actors = tables["actors"]
    actor_ids = set(actors["actor_id"].dropna())
    event_ids = set(tables["events"]["event_id"].dropna()) if "events" in tables else set()

    def foreign(table: str, column: str, known: set[str], what: str) -> None:
        if table not in tables or (what == "event" and "events" in unreadable):
            return
        values = tables[table][column]
        missing = (values.notna() & ~values.isin(known)).to_numpy()
        folded = {fold(k): k for k in known} if missing.any() else {}

        def message(row: int) -> Message:
            value = values.iloc[row]
            hint = folded.get(fold(value))
            if hint:
                return say(f"ingest.validation.unknown_{what}_hint", value=quote(value), hint=quote(hint))
            return say(f"ingest.validation.unknown_{what}", value=quote(value))

        out.rows(raws[table], missing, column, message)

    foreign("relations", "source", actor_ids, "actor")
    foreign("relations", "target", actor_ids, "actor")
    foreign("participation", "actor_id", actor_ids, "actor")
    foreign("participation", "event_id", event_ids, "event")
    foreign("decisions", "event_id", event_ids, "event")
    foreign("decisions", "initiated_by", actor_ids, "actor")
    if "decisions" in tables:
        _check_supporters(tables["decisions"], raws["decisions"], actor_ids, out)

    _check_budget_tables(tables, raws, event_ids, out, unreadable)

    if "relations" in tables:
        relations, raw = tables["relations"], raws["relations"]
        same = (relations["source"] == relations["target"]).fillna(False).to_numpy(dtype=bool)
        out.rows(raw, same, "target", say("ingest.validation.self_relation"))
        backwards = (relations["end"] < relations["start"]).fillna(False).to_numpy(dtype=bool)
        out.rows(raw, backwards, "end", say("ingest.validation.end_before_start"))
    if "participation" in tables and "events" in tables and "events" not in unreadable:
        _check_attendance(tables["events"], tables["participation"], raws["events"], out)
    if "participation" in tables:
        pairs = tables["participation"][["event_id", "actor_id"]]
        if pairs.notna().all(axis=None):
            _check_unique(raws["participation"], pairs, "actor_id", out)
    if "decisions" in tables:
        decisions = tables["decisions"]
        # An unreadable date is already a problem of its own: only an empty one is "missing".
        written = _raw_column(raws["decisions"], "decisions", "date")
        empty_date = np.ones(len(decisions), bool) if written is None else (written == "").to_numpy(bool)
        undated = decisions["event_id"].isna().to_numpy(dtype=bool) & empty_date
        out.rows(raws["decisions"], undated, "date", say("ingest.validation.date_without_event"))

    if declared_tags is None:
        return
    tags = actors["groups"]
    undeclared = tags.map(lambda ts: next((t for t in ts if t not in declared_tags), None))
    mask = undeclared.notna().to_numpy()
    out.rows(
        raws["actors"],
        mask,
        "groups",
        lambda row: say("ingest.validation.undeclared_group", group=quote(undeclared.iloc[row])),
    )


def _check_budget_tables(
    tables: dict[str, pd.DataFrame],
    raws: dict[str, RawTable],
    event_ids: set[str],
    out: Collector,
    unreadable: frozenset[str] | set[str],
) -> None:
    """Keys of budgets and projects, and every ballot against its event's projects and limits.

    budgets.event_id and part_of, projects.event_id are events; projects.decision_id is a decision,
    once; (event_id, project_id) is unique; each ballot names projects of its own event, each once,
    within min_length–max_length, with as many points as projects, none above max_points, their sum
    not above max_sum_points.
    """
    events_known = "events" not in unreadable
    for table, columns in (("budgets", ("event_id", "part_of")), ("projects", ("event_id",))):
        if table not in tables or not events_known:
            continue
        for column in columns:
            values = tables[table][column]
            missing = (values.notna() & ~values.isin(event_ids)).to_numpy(dtype=bool)
            out.rows(raws[table], missing, column, _unknown("ingest.validation.unknown_event", values))
    if "projects" in tables:
        projects, raw = tables["projects"], raws["projects"]
        if "decisions" not in unreadable:
            decision_ids = (
                set(tables["decisions"]["decision_id"].dropna()) if "decisions" in tables else set()
            )
            values = projects["decision_id"]
            missing = (values.notna() & ~values.isin(decision_ids)).to_numpy(dtype=bool)
            out.rows(
                raw, missing, "decision_id", _unknown("ingest.validation.budget.unknown_decision", values)
            )
        _check_unique(raw, projects[["decision_id"]], "decision_id", out)
        pairs = projects[["event_id", "project_id"]]
        if pairs.notna().all(axis=None):
            _check_unique(raw, pairs, "project_id", out)
    if "participation" in tables and "projects" not in unreadable and "budgets" not in unreadable:
        _check_ballots(tables, raws["participation"], out)


def _unknown(key: str, values: pd.Series) -> Callable[[int], Message]:
    return lambda row: say(key, value=quote(values.iloc[row]))


def _check_ballots(tables: dict[str, pd.DataFrame], raw: RawTable, out: Collector) -> None:
    """Each ballot against the projects and limits of its event (vectorized over every entry)."""
    participation = tables["participation"]
    projects = tables.get("projects")
    budgets = tables.get("budgets")
    lengths = participation["ballot"].map(len).to_numpy(dtype=np.int64)
    if not lengths.any():
        return
    rows = np.repeat(np.arange(len(participation)), lengths)
    items = np.fromiter(itertools.chain.from_iterable(participation["ballot"]), dtype=object, count=len(rows))
    events = participation["event_id"].to_numpy(dtype=object)[rows]

    # (event, project) of each entry and of each project, as one integer each
    known_events = [] if projects is None else projects["event_id"].tolist()
    known_projects = [] if projects is None else projects["project_id"].tolist()
    event_codes, _ = pd.factorize(np.concatenate([np.array(known_events, dtype=object), events]))
    project_codes, project_uniques = pd.factorize(
        np.concatenate([np.array(known_projects, dtype=object), items])
    )
    keys = event_codes.astype(np.int64) * (len(project_uniques) + 1) + project_codes
    known, entries = keys[: len(known_events)], keys[len(known_events) :]
    unknown = ~np.isin(entries, known)
    _first_per_row(
        raw,
        out,
        rows,
        unknown,
        items,
        len(participation),
        "ballot",
        lambda item, row: say(
            "ingest.validation.budget.unknown_project",
            project=quote(item),
            event=quote(participation["event_id"].iloc[row]),
        ),
    )
    twice = pd.DataFrame({"row": rows, "entry": entries}).duplicated().to_numpy(dtype=bool)
    _first_per_row(
        raw,
        out,
        rows,
        twice,
        items,
        len(participation),
        "ballot",
        lambda item, row: say("ingest.validation.budget.project_twice", project=quote(item)),
    )

    limits = None
    if budgets is not None and len(budgets):
        limits = budgets.drop_duplicates("event_id").set_index("event_id")
        event_of_row = participation["event_id"]
        for column, key, compare in (
            ("max_length", "ingest.validation.budget.too_long", np.greater),
            ("min_length", "ingest.validation.budget.too_short", np.less),
        ):
            bound = event_of_row.map(limits[column]).to_numpy(dtype=float, na_value=np.nan)
            with np.errstate(invalid="ignore"):
                beyond = compare(lengths, bound) & (lengths > 0)
            out.rows(raw, beyond, "ballot", _length_message(key, column, lengths, bound))
    _check_points(participation, limits, lengths, raw, out)


def _length_message(
    key: str, column: str, lengths: np.ndarray, bound: np.ndarray
) -> Callable[[int], Message]:
    name = "maximum" if column == "max_length" else "minimum"
    return lambda row: say(key, count=int(lengths[row]), **{name: int(bound[row])})


def _first_per_row(
    raw: RawTable,
    out: Collector,
    rows: np.ndarray,
    flagged: np.ndarray,
    items: np.ndarray,
    count: int,
    column: str,
    message: Callable[[object, int], Message],
) -> None:
    """Report each row with a flagged entry once, naming its first flagged entry."""
    if not flagged.any():
        return
    first = pd.Series(items[flagged]).groupby(rows[flagged]).first()
    mask = np.zeros(count, dtype=bool)
    mask[first.index.to_numpy()] = True
    out.rows(raw, mask, column, lambda row: message(first[row], row))


def _check_points(
    participation: pd.DataFrame,
    limits: pd.DataFrame | None,
    lengths: np.ndarray,
    raw: RawTable,
    out: Collector,
) -> None:
    """Points are numbers, one per project of the ballot, within max_points and max_sum_points."""
    counts = participation["points"].map(len).to_numpy(dtype=np.int64)
    if not counts.any():
        return
    given = counts > 0
    out.rows(
        raw,
        given & (counts != lengths),
        "points",
        lambda row: say(
            "ingest.validation.budget.points_count", points=int(counts[row]), projects=int(lengths[row])
        ),
    )
    rows = np.repeat(np.arange(len(participation)), counts)
    texts = np.fromiter(itertools.chain.from_iterable(participation["points"]), dtype=object, count=len(rows))
    codes, uniques = pd.factorize(texts)
    parsed = [parse_number(str(u)) for u in uniques]
    values = np.array([np.nan if p is _BAD else p for p in parsed], dtype=float)[codes]
    bad = np.zeros(len(participation), dtype=bool)
    bad[rows[np.isnan(values)]] = True
    points_text = participation["points"].map("|".join)
    out.rows(
        raw,
        bad,
        "points",
        lambda row: say(
            "ingest.validation.not_a",
            value=quote(points_text.iloc[row]),
            expected=say("ingest.validation.a_number"),
        ),
    )
    if limits is None:
        return
    event_of_row = participation["event_id"]
    top = event_of_row.map(limits["max_points"]).to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        over_entry = values > top[rows]
    over = np.zeros(len(participation), dtype=bool)
    over[rows[over_entry]] = True
    out.rows(
        raw, over, "points", lambda row: say("ingest.validation.budget.points_over", maximum=float(top[row]))
    )
    total_top = event_of_row.map(limits["max_sum_points"]).to_numpy(dtype=float, na_value=np.nan)
    sums = np.bincount(rows, weights=np.nan_to_num(values), minlength=len(participation))
    with np.errstate(invalid="ignore"):
        too_many = sums > total_top
    out.rows(
        raw,
        too_many,
        "points",
        lambda row: say(
            "ingest.validation.budget.sum_over", total=float(sums[row]), maximum=float(total_top[row])
        ),
    )


def _check_attendance(
    events: pd.DataFrame, participation: pd.DataFrame, raw: RawTable, out: Collector
) -> None:
    """``attendance``, where given, is not below the event's participation rows (those are counted in it)."""
    rows = participation["event_id"].value_counts()
    named = events["event_id"].map(rows).fillna(0).to_numpy(dtype=np.int64)
    attendance = events["attendance"].to_numpy(dtype=float, na_value=np.nan)
    short = ~np.isnan(attendance) & (attendance < named)
    out.rows(
        raw,
        short,
        "attendance",
        lambda row: say(
            "ingest.validation.attendance_short", attendance=int(attendance[row]), named=int(named[row])
        ),
    )


def _check_supporters(decisions: pd.DataFrame, raw: RawTable, actor_ids: set[str], out: Collector) -> None:
    """Each supporter of ``supported_by`` is an actor, and not the decision's initiator."""
    supporters = decisions["supported_by"]
    unknown = supporters.map(lambda ids: next((i for i in ids if i not in actor_ids), None))
    out.rows(
        raw,
        unknown.notna().to_numpy(),
        "supported_by",
        lambda row: say("ingest.validation.unknown_actor", value=quote(unknown.iloc[row])),
    )
    initiators = decisions["initiated_by"].astype(object)
    own = [
        isinstance(initiator, str) and initiator in ids
        for initiator, ids in zip(initiators, supporters, strict=True)
    ]
    out.rows(raw, np.array(own, dtype=bool), "supported_by", say("ingest.validation.own_supporter"))


def _raw_column(raw: RawTable, table: str, column: str) -> pd.Series | None:
    """The cells of ``column`` as written (whatever the header's spelling), or None without that column."""
    aliases = TABLES[table].header_aliases()
    header = next((h for h in raw.frame.columns if aliases.get(fold(h)) == column), None)
    return None if header is None else raw.frame[header]


#: Pydantic's error types (``ValidationError.errors()[i]["type"]``) → the catalogue's message.
_PYDANTIC_MESSAGES = {
    "missing": "ingest.meta.required",
    "extra_forbidden": "ingest.meta.unknown_key",
    "model_type": "ingest.meta.mapping",
    "model_attributes_type": "ingest.meta.mapping",
    "dict_type": "ingest.meta.mapping",
    "string_pattern_mismatch": "ingest.meta.case_id",
    "string_type": "ingest.meta.text",
    "list_type": "ingest.meta.list",
    "bool_parsing": "ingest.meta.boolean",
    "bool_type": "ingest.meta.boolean",
    "int_parsing": "ingest.meta.integer",
    "int_type": "ingest.meta.integer",
    "int_from_float": "ingest.meta.integer_fraction",
    "float_parsing": "ingest.meta.number",
    "float_type": "ingest.meta.number",
    "finite_number": "ingest.meta.finite",
    "date_type": "ingest.meta.date",
    "date_parsing": "ingest.meta.date",
    "date_from_datetime_parsing": "ingest.meta.date",
    "date_from_datetime_inexact": "ingest.meta.date",
}
#: Messages of the validators of :mod:`commons_analysis.model.metadata` (``ValueError``) → the catalogue's.
_VALIDATOR_MESSAGES = {"end is before start": "ingest.validation.end_before_start"}


def pydantic_message(item: Mapping[str, Any]) -> str | Message:
    """The message for one error of pydantic's ``ValidationError.errors()``.

    Known error types come from the catalogue (French too); any other keeps pydantic's English
    words, "Input should be" shortened to "must be".

    >>> pydantic_message({"type": "literal_error", "msg": "…", "ctx": {"expected": "'a' or 'b'"}}).text("fr")
    "doit être 'a' ou 'b'"
    """
    kind, context = item["type"], item.get("ctx") or {}
    if kind in _PYDANTIC_MESSAGES:
        return say(_PYDANTIC_MESSAGES[kind])
    if kind == "literal_error":
        return say(
            "ingest.meta.choice", expected=tuple(re.findall(r"'[^']*'", str(context.get("expected", ""))))
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = context.get("ge", context.get("le"))
        return say(
            "ingest.meta.at_least" if kind == "greater_than_equal" else "ingest.meta.at_most", limit=limit
        )
    message = str(item["msg"]).replace("Input should be", "must be").removeprefix("Value error, ")
    return say(_VALIDATOR_MESSAGES[message]) if message in _VALIDATOR_MESSAGES else message


def check_meta(
    data: object, lines: dict[tuple[str, ...], int], where: str, folder_name: str | None, out: Collector
) -> CaseMeta | None:
    """Coerce ``case.yaml`` through :class:`~commons_analysis.model.metadata.CaseMeta`.

    Problems carry the YAML line of the key concerned.
    """
    if not isinstance(data, dict):
        out.add(where, 1, None, say("ingest.meta.not_a_mapping"))
        return None
    meta: CaseMeta | None
    try:
        meta = CaseMeta.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            path = tuple(str(part) for part in item["loc"])
            path = _known_path(path, data)
            line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), None)
            out.add(where, line, ".".join(path) or None, pydantic_message(item))
        meta = None
    if meta is not None and folder_name is not None and meta.id != folder_name:
        message = say("ingest.meta.id_differs", id=quote(meta.id), folder=quote(folder_name))
        out.add(where, lines.get(("id",)), "id", message)
    return meta


def _known_path(path: tuple[str, ...], data: object) -> tuple[str, ...]:
    """Drop the model's internal steps (``function-before[…]``) from an error location."""
    internal = ("function-", "literal[", "tagged-union")
    return tuple(part for part in path if not part.startswith(internal) and part != "[key]")
