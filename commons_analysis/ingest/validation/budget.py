"""Rules of the budget tables: their keys, and every ballot against its event's projects and limits."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pandas as pd

from commons_analysis.core.errors import quote
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.reading.raw import RawTable
from commons_analysis.ingest.validation.collector import Collector, unknown_value_message
from commons_analysis.ingest.validation.columns import check_unique
from commons_analysis.ingest.validation.values import BAD_VALUE, parse_number


def check_budget_tables(
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
            out.rows(
                raws[table], missing, column, unknown_value_message("ingest.validation.unknown_event", values)
            )
    if "projects" in tables:
        projects, raw = tables["projects"], raws["projects"]
        if "decisions" not in unreadable:
            decision_ids = (
                set(tables["decisions"]["decision_id"].dropna()) if "decisions" in tables else set()
            )
            values = projects["decision_id"]
            missing = (values.notna() & ~values.isin(decision_ids)).to_numpy(dtype=bool)
            out.rows(
                raw,
                missing,
                "decision_id",
                unknown_value_message("ingest.validation.budget.unknown_decision", values),
            )
        check_unique(raw, projects[["decision_id"]], "decision_id", out)
        pairs = projects[["event_id", "project_id"]]
        if pairs.notna().all(axis=None):
            check_unique(raw, pairs, "project_id", out)
    if "participation" in tables and "projects" not in unreadable and "budgets" not in unreadable:
        _check_ballots(tables, raws["participation"], out)


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
    values = np.array([np.nan if p is BAD_VALUE else p for p in parsed], dtype=float)[codes]
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
