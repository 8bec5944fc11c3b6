"""From Python's governance records to the tables of a case (docs/design.md §Tables).

Definition
----------
- **actors**: every core team member (``core-team.csv``) and every other
  person the mapped records name (PEP authors and sponsors of a decision,
  Steering Council candidates), sector ``commons``, kind ``person``; the
  core team and the Steering Council (kind ``group``, sector ``commons``);
  the Python Software Foundation (``psf``, kind ``organisation``, sector
  ``sse``). The BDFL is a role of a person, not an actor.
- **relations**: ``membership`` member → ``python-core-team`` dated by the log;
  ``governance`` councillor → ``python-steering-council`` for each term
  (PEP 13: from the close of its election to the close of the next);
  ``in_kind`` ``psf`` → ``python-core-team`` (PSF staff run the elections).
- **events**: one ``ballot`` per vote of the core team: the 2018 governance
  vote (PEP 8001) and each council election (PEPs 8100–8107), dated by the
  day voting closed, ``eligible`` as the election PEP gives it.
- **participation**: none: the ballots are secret and no record names who voted.
- **decisions**: every PEP whose header records a resolution (PEP 1: the
  ``Resolution`` header links "the relevant post making a decision"), the
  801x governance proposals decided by the 2018 vote, and each council
  election. See :data:`TEXTS` for every choice, in English and French.

Reference: PEP 1 (PEP process and header), PEP 13 (governance), PEPs 8000–8016, 8100–8107.

Example
-------
>>> rule_of(dt.date(2015, 5, 1), delegated=False, bdfl_until=(2018, 7), council_from=dt.date(2019, 2, 4))
'other'
>>> rule_of(dt.date(2021, 3, 1), delegated=False, bdfl_until=(2018, 7), council_from=dt.date(2019, 2, 4))
'majority'
>>> rule_of(dt.date(2015, 5, 1), delegated=True, bdfl_until=(2018, 7), council_from=dt.date(2019, 2, 4))
'delegated'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from commons_analysis.core.errors import Problem
from commons_analysis.core.messages import say
from commons_analysis.sources.python_governance import governance_vote
from commons_analysis.sources.python_governance.people import Directory, Mention, People
from commons_analysis.sources.python_governance.peps import MONTH_BY_NUMBER, Pep, latest_known_date
from commons_analysis.sources.python_governance.records import Records

CORE_TEAM = "python-core-team"
COUNCIL = "python-steering-council"
PSF = "psf"
ORGANISATIONS = {
    CORE_TEAM: ("Python core team", "group", "commons", "the core developers (PEP 13, 'The core team')"),
    COUNCIL: (
        "Python Steering Council",
        "group",
        "commons",
        "five members elected by the core team (PEP 13)",
    ),
    PSF: (
        "Python Software Foundation",
        "organisation",
        "sse",
        "non-profit foundation; its staff run the elections",
    ),
}
#: The statuses that say a PEP was decided even when its header records no resolution (PEP 1): such a
#: PEP is a decision too, dated by the latest date its header records (approximate).
DECIDED_STATUSES = ("Accepted", "Final", "Rejected", "Superseded")
#: Status → adopted, for a PEP whose resolution is recorded (PEP 1, "PEP Review & Resolution").
ADOPTED = {
    "Accepted": True,
    "Provisional": True,
    "Final": True,
    "Active": True,
    "Superseded": True,
    "Rejected": False,
    "Withdrawn": False,
    "Deferred": False,
}


def rule_of(day: dt.date, *, delegated: bool, bdfl_until: tuple[int, int], council_from: dt.date) -> str:
    """The rule of a PEP decision: ``delegated`` when a delegate is named, else that of the deciding body.

    The BDFL's pronouncements (until the month PEP 13 says he stepped down)
    are ``other``: one person decides, neither by vote nor by consensus, and
    not by delegation (his was the original authority). Between his step
    down and the first council (the interregnum) no body decided PEPs:
    ``other`` too. The Steering Council "votes … passing requires a strict
    majority" (PEP 13, "Powers"): ``majority``.
    """
    if delegated:
        return "delegated"
    return {"BDFL": "other", "interregnum": "other", "Steering Council": "majority"}[
        period_of(day, bdfl_until=bdfl_until, council_from=council_from)
    ]


def period_of(day: dt.date, *, bdfl_until: tuple[int, int], council_from: dt.date) -> str:
    """``BDFL`` up to the end of the month the BDFL stepped down, ``Steering Council`` from its first term.

    >>> period_of(dt.date(2018, 7, 1), bdfl_until=(2018, 7), council_from=dt.date(2019, 2, 4))
    'BDFL'
    >>> period_of(dt.date(2018, 12, 17), bdfl_until=(2018, 7), council_from=dt.date(2019, 2, 4))
    'interregnum'
    """
    if (day.year, day.month) <= bdfl_until:
        return "BDFL"
    return "interregnum" if day < council_from else "Steering Council"


@dataclass
class Built:
    """The tables and the figures the texts of ``case.yaml`` quote."""

    tables: dict[str, pd.DataFrame]
    figures: dict[str, Any] = field(default_factory=dict)


def _frame(rows: list[dict[str, Any]], columns: list[str], key: Iterable[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    frame = frame.sort_values(list(key), kind="stable", key=lambda s: s.fillna("").astype(str))
    frame = frame.reset_index(drop=True)
    return frame.where(frame.notna(), None)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _resolution_dates(peps: Iterable[Pep]) -> dict[int, tuple[dt.date, str]]:
    """PEP number → (decision date, how it is known) for the PEPs with a Resolution header.

    ``day`` and ``month`` come from the header (a month is dated on its first
    day). An undated link (``approximate``) is dated by the latest date any
    header it resolves records (``Created``, ``Post-History``): one post may
    resolve several PEPs, and it cannot predate the PEPs it decides.
    """
    undated: dict[str, list[Pep]] = {}
    dates: dict[int, tuple[dt.date, str]] = {}
    for pep in peps:
        if pep.resolution is None:
            continue
        if pep.resolution.date is not None:
            dates[pep.number] = (pep.resolution.date, pep.resolution.precision)
        else:
            undated.setdefault(pep.resolution.url.rstrip("/"), []).append(pep)
    for group in undated.values():
        day = max(latest_known_date(pep) for pep in group)
        for pep in group:
            dates[pep.number] = (day, "approximate")
    return dates


def build_tables(records: Records) -> tuple[Built, list[Problem]]:
    """The case tables of the records, and the problems that forbid building them (unmapped statuses)."""
    problems: list[Problem] = []
    council_from = records.elections[0].vote_end
    outcomes = {outcome.pep: outcome for outcome in records.vote_outcomes}
    unresolved = [
        pep
        for pep in records.peps.values()
        if pep.resolution is None and pep.number not in outcomes and pep.status in DECIDED_STATUSES
    ]
    decided = [
        pep
        for pep in records.peps.values()
        if pep.resolution is not None or pep.number in outcomes or pep.status in DECIDED_STATUSES
    ]
    for pep in decided:
        if pep.status not in ADOPTED:
            undecided = say("sources.python.status_decides_nothing", status=pep.status)
            problems.append(Problem.of(pep.path, pep.lines["Status"], "Status", undecided))
    if problems:
        return Built({}), problems

    # persons ------------------------------------------------------------------------------------
    mentions: list[Mention] = []
    for pep in decided:
        mentions += [*pep.authors, *pep.sponsors]
    for election in records.elections:
        mentions += [Mention(name) for name in election.candidates]
    bdfl = Mention(records.bdfl)
    people = People(Directory(records.core_team), [*mentions, bdfl], reserved=ORGANISATIONS)
    bdfl_id = people.actor_id(bdfl)

    # relations -----------------------------------------------------------------------------------
    relations: list[dict[str, Any]] = []
    member_ids = {person.member.line: person.actor_id for person in people.persons.values() if person.member}
    for member in records.core_team:
        relations.append(
            {
                "source": member_ids[member.line],
                "target": CORE_TEAM,
                "type": "membership",
                "start": _iso(member.joined),
                "end": _iso(member.left),
                "note": None,
            }
        )
    councillors: set[str] = set()
    for index, election in enumerate(records.elections):
        end = records.elections[index + 1].vote_end if index + 1 < len(records.elections) else None
        for name in election.winners:
            actor = people.actor_id(Mention(name))
            councillors.add(actor)
            relations.append(
                {
                    "source": actor,
                    "target": COUNCIL,
                    "type": "governance",
                    "start": _iso(election.vote_end),
                    "end": _iso(end),
                    "note": f"{election.term} term (PEP {election.pep})",
                }
            )
    relations.append(
        {
            "source": PSF,
            "target": CORE_TEAM,
            "type": "in_kind",
            "start": None,
            "end": None,
            "note": f"PSF staff administer the Steering Council elections (PEPs {records.elections[0].pep}–"
            f"{records.elections[-1].pep})",
        }
    )

    # events ----------------------------------------------------------------------------------------
    events: list[dict[str, Any]] = [
        {
            "event_id": governance_vote.EVENT_ID,
            "date": _iso(records.vote_window[1]),
            "kind": "ballot",
            "title": "Core developers' vote on the governance model (PEP 8001, Condorcet)",
            "open": "false",
            "eligible": None,
            "attendance": None,
        }
    ]
    for election in records.elections:
        method = "approval vote" if election.method == "approval" else "STAR vote"
        events.append(
            {
                "event_id": election.event_id,
                "date": _iso(election.vote_end),
                "kind": "ballot",
                "title": f"Steering Council election, {election.term} term (PEP {election.pep}, {method}): "
                f"{election.cast} of {election.eligible} eligible voters cast ballots",
                "open": "false",
                "eligible": election.eligible,
                "attendance": election.cast,
            }
        )

    # decisions -------------------------------------------------------------------------------------
    dates = _resolution_dates(records.peps.values())
    decisions: list[dict[str, Any]] = []
    precision: Counter[str] = Counter()
    by_period_rule: Counter[tuple[str, str]] = Counter()
    for pep in sorted(decided, key=lambda p: p.number):
        initiator = people.actor_id(pep.authors[0])
        supporters: list[str] = []
        for person in (*pep.authors[1:], *pep.sponsors):
            actor = people.actor_id(person)
            if actor != initiator and actor not in supporters:
                supporters.append(actor)
        if pep.number in outcomes:
            outcome = outcomes[pep.number]
            day, event, rule, adopted = outcome.day, governance_vote.EVENT_ID, "majority", outcome.accepted
            precision["vote"] += 1
            how = "day"
        else:
            day, how = dates.get(pep.number) or (latest_known_date(pep), "unresolved")
            precision[how] += 1
            how = "approximate" if how == "unresolved" else how
            event = None
            rule = rule_of(
                day, delegated=bool(pep.delegates), bdfl_until=records.bdfl_until, council_from=council_from
            )
            adopted = ADOPTED[pep.status]
        by_period_rule[(period_of(day, bdfl_until=records.bdfl_until, council_from=council_from), rule)] += 1
        decisions.append(
            {
                "decision_id": f"pep-{pep.number:04d}",
                "event_id": event,
                "date": _iso(day),
                "topic": pep.label,
                "rule": rule,
                "initiated_by": initiator,
                "supported_by": "|".join(supporters) or None,
                "adopted": "true" if adopted else "false",
                "votes_for": None,
                "votes_against": None,
                "abstentions": None,
                "date_precision": how,
            }
        )
    for election in records.elections:
        decisions.append(
            {
                "decision_id": election.event_id,
                "event_id": election.event_id,
                "date": _iso(election.vote_end),
                "topic": f"PEP {election.pep}: election of the Steering Council, {election.term} term",
                "rule": "majority",
                "initiated_by": None,
                "supported_by": None,
                "adopted": "true",
                "votes_for": None,
                "votes_against": None,
                "abstentions": None,
                "date_precision": "day",
            }
        )

    # actors ----------------------------------------------------------------------------------------
    actors: list[dict[str, Any]] = []
    for actor_id, (name, kind, sector, role) in ORGANISATIONS.items():
        actors.append({"actor_id": actor_id, "name": name, "sector": sector, "kind": kind, "role": role})
    candidates = {people.actor_id(Mention(n)) for e in records.elections for n in e.candidates}
    for actor_id, someone in people.persons.items():
        roles = []
        if actor_id == bdfl_id:
            year, month = records.bdfl_until
            roles.append(f"BDFL until {MONTH_BY_NUMBER[month]} {year}")
        if someone.member:
            roles.append("core team")
        if actor_id in councillors:
            roles.append("Steering Council")
        elif actor_id in candidates:
            roles.append("Steering Council candidate")
        if not someone.member and actor_id not in candidates:
            roles.append("PEP author or sponsor")
        actors.append(
            {
                "actor_id": actor_id,
                "name": someone.name,
                "sector": "commons",
                "kind": "person",
                "role": "; ".join(roles),
            }
        )

    # figures for the texts -------------------------------------------------------------------------
    recorded = set(mentions)
    named = [p for p in people.persons.values() if recorded.intersection(p.mentions)]
    figures = {
        "members": len(records.core_team),
        "members_active": sum(1 for m in records.core_team if m.left is None),
        "persons_named": len(named),
        "persons_matched": sum(1 for p in named if p.member),
        "persons_unmatched": sum(1 for p in named if not p.member),
        "match_rules": dict(
            sorted(Counter(_best_rule(people, p.mentions) for p in named if p.member).items())
        ),
        "spellings": len(recorded),
        "decisions_peps": len(decided),
        "decisions_elections": len(records.elections),
        "date_precision": dict(sorted(precision.items())),
        "period_rule": {f"{period}|{rule}": n for (period, rule), n in sorted(by_period_rule.items())},
        "council_from": council_from,
        "bdfl_until": records.bdfl_until,
        "vote_close": records.vote_window[1],
        "undecided_peps": len(records.peps) - len(decided),
        "decided_without_resolution": len(unresolved),
        "unresolved_created": (min(p.created for p in unresolved), max(p.created for p in unresolved))
        if unresolved
        else None,
        "unresolved_before_2012": sum(1 for p in unresolved if p.created.year < 2012),
        "delegated_decisions": sum(1 for p in decided if p.delegates and p.number not in outcomes),
        "unresolved_post_history": sum(1 for p in unresolved if p.post_history),
    }
    tables = {
        "actors": _frame(actors, ["actor_id", "name", "sector", "kind", "role"], ["actor_id"]),
        "relations": _frame(
            relations,
            ["source", "target", "type", "start", "end", "note"],
            ["type", "target", "source", "start"],
        ),
        "events": _frame(
            events,
            ["event_id", "date", "kind", "title", "open", "eligible", "attendance"],
            ["date", "event_id"],
        ),
        "decisions": _frame(
            decisions,
            [
                "decision_id",
                "event_id",
                "date",
                "topic",
                "rule",
                "initiated_by",
                "supported_by",
                "adopted",
                "votes_for",
                "votes_against",
                "abstentions",
                "date_precision",
            ],
            ["decision_id"],
        ),
    }
    return Built(tables, figures), problems


def _best_rule(people: People, mentions: Iterable[Mention]) -> str:
    """The strongest rule among a person's mentions: name before variant before e-mail before group."""
    order = ("name", "variant", "email", "group")
    found = {people.matches[m].rule for m in mentions if m in people.matches}
    return next((rule for rule in order if rule in found), "none")
