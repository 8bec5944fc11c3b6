"""Decision indicators: how decisions are taken, who initiates them, whether they are taken in the open.

Definitions are those of docs/design.md §Decisions; see
``docs/indicators.md`` for how to read them. A decision's date is its own
``date``, else the date of its event. Undefined values are ``None``.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames(
...     {"id": "demo"},
...     actors=pd.DataFrame({"actor_id": ["city", "asso"], "name": ["Ville", "Asso"],
...                          "sector": ["public", "commons"]}),
...     decisions=pd.DataFrame({"decision_id": ["d1", "d2", "d3"], "date": ["2020-01-01"] * 3,
...                             "rule": ["consensus", "consensus", "public_authority"],
...                             "initiated_by": ["city", "city", "asso"]}))
>>> result = decision_indicators(case)
>>> result["initiative_hhi"], result["initiative_share_by_sector"]["public"]
(0.5555555555555556, 0.6666666666666666)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from commons_analysis.analysis.concentration import ratio
from commons_analysis.analysis.participation import codes_in
from commons_analysis.model.case import Case
from commons_analysis.model.schema.vocabularies import DECISION_RULES, SECTORS

#: Keys of :func:`decision_indicators`, in the order of docs/design.md §Decisions.
INDICATOR_KEYS = (
    "count",
    "adopted_share",
    "rule_shares",
    "initiative_share_by_sector",
    "initiative_hhi",
    "top3_initiative_share",
    "open_share",
    "supported_share",
    "support_reciprocity",
)


def _take(values: np.ndarray, positions: np.ndarray, missing: Any) -> np.ndarray:
    """``values[positions]``, with ``missing`` where the position is -1."""
    if len(values) == 0:
        return np.full(len(positions), missing)
    return np.where(positions >= 0, values[np.maximum(positions, 0)], missing)


def _prepared(case: Case) -> pd.DataFrame:
    """Decisions as integer columns: rule, adopted, initiator code and sector, event and openness, year."""
    decisions = case.decisions
    events = case.events.drop_duplicates("event_id")
    event_pos = codes_in(decisions["event_id"], pd.Index(events["event_id"]))
    event_open = _take(events["open"].to_numpy(dtype=bool, na_value=False), event_pos, False)
    event_date = pd.Series(_take(events["date"].to_numpy(), event_pos, np.datetime64("NaT", "ns")))
    date = decisions["date"].reset_index(drop=True).fillna(event_date.astype("datetime64[ns]"))
    actors = case.actors.drop_duplicates("actor_id")
    actor_pos = codes_in(decisions["initiated_by"], pd.Index(actors["actor_id"]))
    sector_codes = pd.Categorical(actors["sector"], categories=list(SECTORS)).codes.astype(np.int64)
    initiator, _ = pd.factorize(decisions["initiated_by"])
    return pd.DataFrame(
        {
            "rule": pd.Categorical(decisions["rule"], categories=list(DECISION_RULES)).codes.astype(np.int64),
            "adopted": decisions["adopted"].to_numpy(dtype=bool, na_value=True),
            "initiator": initiator.astype(np.int64),
            "sector": _take(sector_codes, actor_pos, -1).astype(np.int64),
            "with_event": event_pos >= 0,
            "open": event_open.astype(bool),
            "year": date.dt.year.fillna(-1).to_numpy(dtype=np.int64),
        }
    )


def _indicators(frame: pd.DataFrame) -> dict[str, Any]:
    """The decision indicators over the decisions of ``frame`` (see :func:`_prepared`)."""
    count = len(frame)
    rules = np.bincount(frame["rule"][frame["rule"] >= 0], minlength=len(DECISION_RULES))
    initiators = frame["initiator"].to_numpy()
    initiators = initiators[initiators >= 0]
    known = initiators.size
    per_initiator = np.bincount(initiators)
    per_initiator = per_initiator[per_initiator > 0]
    sectors = frame["sector"].to_numpy()[frame["initiator"].to_numpy() >= 0]
    by_sector = np.bincount(sectors[sectors >= 0], minlength=len(SECTORS))
    shares = per_initiator / known if known else per_initiator.astype(float)
    top3 = np.sort(per_initiator)[::-1][:3].sum()
    with_event = int(frame["with_event"].sum())
    return {
        "count": count,
        "adopted_share": ratio(int(frame["adopted"].sum()), count),
        "rule_shares": {rule: ratio(int(rules[i]), count) for i, rule in enumerate(DECISION_RULES)},
        "initiative_share_by_sector": {s: ratio(int(by_sector[i]), known) for i, s in enumerate(SECTORS)},
        "initiative_hhi": float((shares**2).sum()) if known else None,
        "top3_initiative_share": ratio(int(top3), known),
        "open_share": ratio(int((frame["open"] & frame["with_event"]).sum()), with_event),
    }


def support_arcs(case: Case) -> pd.DataFrame:
    """The support network: one row per (supporter, initiator) pair, with the decisions that link them.

    docs/design.md §Decisions: an arc supporter → initiator for each decision and each actor of
    its ``supported_by`` (seconders, co-signers, sponsors). Columns: supporter,
    initiator, decisions (how many decisions the supporter backed for that
    initiator), reciprocated (the initiator also backed the supporter).
    Decisions without a known initiator give no arc.

    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"], "sector": ["commons"] * 3}),
    ...     decisions=pd.DataFrame({"decision_id": ["d1", "d2", "d3"], "date": ["2020-01-01"] * 3,
    ...                             "rule": ["majority"] * 3, "initiated_by": ["a", "b", "a"],
    ...                             "supported_by": ["b|c", "a", "b"]}))
    >>> support_arcs(case).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'supporter': 'a', 'initiator': 'b', 'decisions': 1, 'reciprocated': True},
     {'supporter': 'b', 'initiator': 'a', 'decisions': 2, 'reciprocated': True},
     {'supporter': 'c', 'initiator': 'a', 'decisions': 1, 'reciprocated': False}]
    """
    decisions = case.decisions
    known = decisions["initiated_by"].notna().to_numpy(dtype=bool)
    initiators = decisions["initiated_by"][known].astype(str).tolist()
    supporters = decisions["supported_by"][known].tolist()
    pairs = pd.DataFrame(
        [(s, i) for i, ids in zip(initiators, supporters, strict=True) for s in ids if s != i],
        columns=["supporter", "initiator"],
        dtype=object,
    )
    arcs = pairs.groupby(["supporter", "initiator"], sort=True).size().rename("decisions").reset_index()
    forward = set(zip(arcs["supporter"], arcs["initiator"], strict=True))
    arcs["reciprocated"] = [
        (i, s) in forward for s, i in zip(arcs["supporter"], arcs["initiator"], strict=True)
    ]
    return arcs.astype(
        {"supporter": "string", "initiator": "string", "decisions": "int64", "reciprocated": bool}
    )


def support_indicators(case: Case) -> dict[str, Any]:
    """``supported_share`` and ``support_reciprocity`` (docs/design.md §Decisions, support network).

    supported_share = decisions with ≥ 1 supporter / decisions with a known
    initiator; support_reciprocity = distinct ordered pairs (a → b) whose
    reverse (b → a) also exists / distinct ordered pairs (``None`` without
    pairs). Reciprocity is the dyadic reciprocity of network analysis
    (Wasserman & Faust 1994, §13.2): near 1, actors second each other's
    proposals; near 0, support flows one way, from followers to proposers.
    """
    decisions = case.decisions
    known = decisions["initiated_by"].notna().to_numpy(dtype=bool)
    supported = decisions["supported_by"][known].map(len).to_numpy() > 0
    arcs = support_arcs(case)
    return {
        "supported_share": ratio(int(supported.sum()), int(known.sum())),
        "support_reciprocity": ratio(int(arcs["reciprocated"].sum()), len(arcs)),
    }


def decision_indicators(case: Case) -> dict[str, Any]:
    """The ``decisions`` part of the indicators (docs/design.md §Decisions).

    Keys: count; adopted_share (adopted / decisions); rule_shares (rule →
    decisions by that rule / decisions); initiative_share_by_sector (sector →
    decisions initiated by its actors / decisions with a known initiator);
    initiative_hhi (Herfindahl–Hirschman index Σ sᵢ² of the initiating actors'
    shares sᵢ of the decisions with a known initiator: 1/m when m actors
    initiate equally, 1 when one actor initiates everything);
    top3_initiative_share (decisions of the 3 most frequent initiators /
    decisions with a known initiator); open_share (decisions taken at an open
    event / decisions with an event); supported_share and support_reciprocity
    (see :func:`support_indicators`).
    """
    return {**_indicators(_prepared(case)), **support_indicators(case)}


def decisions_by_rule(case: Case) -> pd.DataFrame:
    """One row per decision rule: rule, decisions, adopted, share (of all decisions; missing when none)."""
    frame = _prepared(case)
    n_rules = len(DECISION_RULES)
    rule = frame["rule"].to_numpy()
    counts = np.bincount(rule[rule >= 0], minlength=n_rules)
    adopted = np.bincount(rule[(rule >= 0) & frame["adopted"].to_numpy()], minlength=n_rules)
    total = len(frame)
    return pd.DataFrame(
        {
            "rule": pd.Categorical(DECISION_RULES, categories=list(DECISION_RULES)),
            "decisions": counts,
            "adopted": adopted,
            "share": pd.array([ratio(int(c), total) for c in counts], dtype="Float64"),
        }
    )


def decisions_by_sector(case: Case) -> pd.DataFrame:
    """One row per sector of the initiating actor: sector, decisions, share (of those with a known initiator).

    ``.attrs["unknown_initiator"]`` holds the number of decisions without a known initiator.
    """
    frame = _prepared(case)
    known = frame["initiator"].to_numpy() >= 0
    sectors = frame["sector"].to_numpy()[known]
    counts = np.bincount(sectors[sectors >= 0], minlength=len(SECTORS))
    result = pd.DataFrame(
        {
            "sector": pd.Categorical(SECTORS, categories=list(SECTORS)),
            "decisions": counts,
            "share": pd.array([ratio(int(c), int(known.sum())) for c in counts], dtype="Float64"),
        }
    )
    result.attrs["unknown_initiator"] = int((~known).sum())
    return result


def decisions_by_year(case: Case) -> pd.DataFrame:
    """Every decision indicator per calendar year, one row per year with decisions.

    Columns: year, count, adopted_share, initiative_hhi, top3_initiative_share,
    open_share, then ``rule_share_<rule>`` and ``initiative_share_<sector>``.
    Decisions without any date are left out. Undefined values are missing.
    """
    frame = _prepared(case)
    rows = []
    for year in np.unique(frame["year"][frame["year"] >= 0]):
        values = _indicators(frame[frame["year"] == year])
        rules = values.pop("rule_shares")
        sectors = values.pop("initiative_share_by_sector")
        row = {"year": int(year), **values}
        row.update({f"rule_share_{rule}": share for rule, share in rules.items()})
        row.update({f"initiative_share_{sector}": share for sector, share in sectors.items()})
        rows.append(row)
    columns = ["year", "count", "adopted_share", "initiative_hhi", "top3_initiative_share", "open_share"]
    columns += [f"rule_share_{rule}" for rule in DECISION_RULES]
    columns += [f"initiative_share_{sector}" for sector in SECTORS]
    result = pd.DataFrame(rows, columns=columns)
    return result.astype({c: "Int64" if c in ("year", "count") else "Float64" for c in columns})


def decisions_by_year_and_rule(case: Case) -> pd.DataFrame:
    """Decisions per calendar year and rule, long format: year, rule, decisions (a count, 0 included).

    One row for each year with dated decisions and each of the seven rules, in
    the order of :data:`~commons_analysis.model.schema.DECISION_RULES`.
    Decisions without any date are left out, as in :func:`decisions_by_year`.

    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}),
    ...     decisions=pd.DataFrame({"decision_id": ["d1", "d2", "d3"],
    ...                             "date": ["2020-03-01", "2020-05-01", "2021-01-01"],
    ...                             "rule": ["consensus", "consensus", "majority"]}))
    >>> frame = decisions_by_year_and_rule(case)
    >>> frame[frame["decisions"] > 0].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'year': 2020, 'rule': 'consensus', 'decisions': 2}, {'year': 2021, 'rule': 'majority', 'decisions': 1}]
    """
    frame = _prepared(case)
    dated = frame[(frame["year"] >= 0) & (frame["rule"] >= 0)]
    years = np.unique(dated["year"])
    n_rules = len(DECISION_RULES)
    cells = np.searchsorted(years, dated["year"].to_numpy()) * n_rules + dated["rule"].to_numpy()
    counts = np.bincount(cells, minlength=len(years) * n_rules)
    return pd.DataFrame(
        {
            "year": pd.array(np.repeat(years, n_rules), dtype="Int64"),
            "rule": pd.Categorical(np.tile(DECISION_RULES, len(years)), categories=list(DECISION_RULES)),
            "decisions": counts.astype(np.int64),
        }
    )


def support_by_initiator(case: Case) -> pd.DataFrame:
    """Who gathers support: one row per initiator with at least one supporter, from :func:`support_arcs`.

    Columns: initiator; supporters (distinct actors who backed their
    proposals); supports (supporter–decision pairs: each supporter of each of
    their decisions); reciprocated (supporters whose own proposals the
    initiator backed in return). Sorted by supporters, then supports
    (descending), then initiator.

    >>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame(
    ...     {"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"], "sector": ["commons"] * 3}),
    ...     decisions=pd.DataFrame({"decision_id": ["d1", "d2", "d3"], "date": ["2020-01-01"] * 3,
    ...                             "rule": ["majority"] * 3, "initiated_by": ["a", "b", "a"],
    ...                             "supported_by": ["b|c", "a", "b"]}))
    >>> support_by_initiator(case).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'initiator': 'a', 'supporters': 2, 'supports': 3, 'reciprocated': 1},
     {'initiator': 'b', 'supporters': 1, 'supports': 1, 'reciprocated': 1}]
    """
    arcs = support_arcs(case)
    frame = arcs.groupby("initiator", as_index=False, sort=True).agg(
        supporters=("supporter", "nunique"),
        supports=("decisions", "sum"),
        reciprocated=("reciprocated", "sum"),
    )
    frame = frame.astype(
        {"initiator": "string", "supporters": "int64", "supports": "int64", "reciprocated": "int64"}
    )
    order = frame.sort_values(
        ["supporters", "supports", "initiator"], ascending=[False, False, True], kind="stable"
    )
    return order.reset_index(drop=True)


__all__ = [
    "INDICATOR_KEYS",
    "decision_indicators",
    "decisions_by_rule",
    "decisions_by_sector",
    "decisions_by_year",
    "decisions_by_year_and_rule",
    "support_arcs",
    "support_by_initiator",
    "support_indicators",
]
