"""Rules across the tables of a case: keys that exist, dates in order, declared tags, supporters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from commons_analysis.core.errors import quote
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.reading.raw import RawTable
from commons_analysis.ingest.validation.budget import check_budget_tables
from commons_analysis.ingest.validation.collector import Collector
from commons_analysis.ingest.validation.columns import check_unique
from commons_analysis.model.schema.aliases import fold
from commons_analysis.model.schema.tables import TABLES


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

    check_budget_tables(tables, raws, event_ids, out, unreadable)

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
            check_unique(raws["participation"], pairs, "actor_id", out)
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
