"""The votes as the tables of a case: events, participation, decisions, actors and relations."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pandas as pd

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say
from commons_analysis.sources.debian.counting import VoteCount, decision_votes
from commons_analysis.sources.debian.import_report import ImportReport
from commons_analysis.sources.debian.pages import Person, VotePage
from commons_analysis.sources.debian.persons import PersonMatcher, normalised_name
from commons_analysis.sources.debian.votes import (
    CONSTITUTION_1_0,
    CTTE,
    GR_PREFIX,
    PROJECT,
    RAW_PATH,
    SPI,
    Vote,
)

#: Notes of a count that say the usual (quorum file, header marks): left out of the report.
_ROUTINE_NOTES = ("sources.debian.count.quorum_file", "sources.debian.count.majorities_marks")


def build_tables(votes: list[Vote], report: ImportReport) -> dict[str, pd.DataFrame]:
    """The case's tables from the votes in date order (a login's latest name wins); notes go to ``report``."""
    names: dict[str, str] = {}
    all_names: dict[str, set[str]] = defaultdict(set)
    for vote in votes:  # votes are in date order: the latest name of a login wins
        for voter in vote.voters:
            names[voter.login] = voter.name
            all_names[voter.login].add(voter.name)
    collisions = sorted({PROJECT, SPI, CTTE} & set(names))
    if collisions:
        taken = say("sources.debian.login_is_organisation", logins=tuple(collisions))
        raise CaseError([Problem.of(RAW_PATH, None, None, taken)])
    matcher = PersonMatcher(all_names)
    extra_persons: dict[str, tuple[str, str]] = {}  # actor id → (name, role) of persons who cast no ballot

    def person_id(person: Person, role: str) -> str:
        actor_id, how = matcher.match(person)
        report.matching[role, how] += 1
        if how in ("email-not-voter", "unmatched"):
            extra_persons.setdefault(
                actor_id, (person.name, f"{role} on a vote page; cast no ballot in these records")
            )
            if how == "unmatched":
                report.unmatched.append((role, actor_id))
        return actor_id

    events, participation, decisions = [], [], []
    leaders: list[tuple[str, dt.date, str]] = []  # (actor id, term start, event id)
    for vote in votes:
        page, count = vote.page, vote.count
        report.votes += 1
        report.ballots += len(vote.voters)
        report.count_notes[vote.event_id] = [note for note in count.notes if note.key not in _ROUTINE_NOTES]
        if count.quorum_source == "page":
            report.quorum_from_page.append(f"{vote.event_id} ({count.developer_count})")
        elif count.quorum_source == "none":
            report.quorum_not_checked.append(vote.event_id)
        if count.majority_source == "page" and max(count.majorities) > 1:
            report.supermajority_from_page.append(vote.event_id)
        events.append(
            {
                "event_id": vote.event_id,
                "date": vote.date.isoformat(),
                "kind": "ballot",
                "title": page.title,
                "open": "false",
                "eligible": count.developer_count,
            }
        )
        participation += [
            {"event_id": vote.event_id, "actor_id": voter.login, "role": "attendee"} for voter in vote.voters
        ]
        votes_for, votes_against = decision_votes(count)
        decision: dict[str, Any] = {
            "decision_id": vote.event_id,
            "event_id": vote.event_id,
            "adopted": None if count.winner is None else ("false" if count.default_won else "true"),
            "votes_for": votes_for,
            "votes_against": votes_against,
        }
        if page.is_election:
            report.elections += 1
            decision |= {"topic": f"Project Leader election {vote.date.year}", "rule": "majority"}
            if count.winner is not None and not count.default_won:
                leader = _elected(count.options[count.winner], page)
                start = page.term_start
                if start is None:
                    start = vote.date + dt.timedelta(days=1)
                    report.assumed_term_starts.append(f"{vote.event_id} ({start.isoformat()})")
                leaders.append((person_id(leader, "leader"), start, vote.event_id))
        else:
            report.resolutions += 1
            decision |= {"topic": GR_PREFIX.sub("", page.title), "rule": _rule(count)}
            proposal = page.original_proposal
            if proposal is not None and proposal.proposer is not None:
                initiator = person_id(proposal.proposer, "proposer")
                supporters = []
                for seconder in proposal.seconders:
                    supporter = person_id(seconder, "seconder")
                    if supporter == initiator:
                        report.initiators_among_seconders += 1
                    elif supporter not in supporters:
                        supporters.append(supporter)
                if not proposal.seconders:
                    report.resolutions_without_seconders.append(vote.event_id)
                decision |= {"initiated_by": initiator, "supported_by": "|".join(supporters) or None}
        decisions.append(decision)

    report.persons = len(names)
    for login, spellings in sorted(all_names.items()):
        if len(spellings) > 1:
            report.logins_with_several_names += 1
            surnames = {words[-1] for name in spellings if (words := normalised_name(name).split())}
            if len(surnames) > 1:
                report.logins_with_several_surnames.append(login)
    leader_ids = {actor_id for actor_id, _start, _event in leaders}
    actors = [
        {
            "actor_id": login,
            "name": name,
            "sector": "commons",
            "kind": "person",
            "role": "Developer, Project Leader" if login in leader_ids else "Developer",
        }
        for login, name in names.items()
    ]
    actors += [
        {"actor_id": actor_id, "name": name, "sector": "commons", "kind": "person", "role": role}
        for actor_id, (name, role) in extra_persons.items()
        if actor_id not in names
    ]
    actors += [
        {
            "actor_id": PROJECT,
            "name": "Debian Project",
            "sector": "commons",
            "kind": "organisation",
            "role": "the project: its Developers decide by General Resolution and elect the Project Leader",
        },
        {
            "actor_id": SPI,
            "name": "Software in the Public Interest, Inc.",
            "sector": "sse",
            "kind": "organisation",
            "role": "US non-profit holding Debian's assets in trust (constitution §9)",
        },
        {
            "actor_id": CTTE,
            "name": "Debian Technical Committee",
            "sector": "commons",
            "kind": "organisation",
            "role": "decides technical disputes and policy (constitution §6)",
        },
    ]
    relations = [
        *_leader_terms(leaders),
        {
            "source": SPI,
            "target": PROJECT,
            "type": "in_kind",
            "start": CONSTITUTION_1_0.isoformat(),
            "note": "holds Debian's money and property in trust, as its legal umbrella (constitution §9)",
        },
        {
            "source": CTTE,
            "target": PROJECT,
            "type": "governance",
            "start": CONSTITUTION_1_0.isoformat(),
            "note": "decision-making body of the project; the Developers may override it by 2:1 "
            "(constitution §4.1, §6)",
        },
    ]
    return {
        "actors": _frame(actors, ["actor_id"], ints=()),
        "relations": _frame(relations, ["source", "target", "type", "start"], ints=()),
        "events": _frame(events, ["event_id"], ints=("eligible",)),
        "participation": _frame(participation, ["event_id", "actor_id"], ints=()),
        "decisions": _frame(decisions, ["decision_id"], ints=("votes_for", "votes_against")),
    }


def _elected(title: str, page: VotePage) -> Person:
    """The candidate an option title names, as the page's nominations write them (with e-mail).

    Without a nomination that matches, the title itself (a name, matched to a login by name later).
    """
    wanted = set(normalised_name(title).split())
    for candidate in page.candidates:
        tokens = set(normalised_name(candidate.name).split())
        if tokens <= wanted or wanted <= tokens:
            return candidate
    for candidate in page.candidates:  # "Jonathan aka Ted Walther" / "Jonathan (Ted) Walther"
        words = normalised_name(candidate.name).split()
        if words and words[0] in wanted and words[-1] in wanted:
            return candidate
    return Person(title, None)


def _rule(count: VoteCount) -> str:
    """``supermajority`` when the option decided needed more than 1:1, else ``majority``.

    The option decided is the winner; when the default option won, the first
    option of the ballot (the original proposal).
    """
    decided = count.winner if count.winner is not None and not count.default_won else 0
    return "supermajority" if count.majorities[decided] > 1 else "majority"


def _leader_terms(leaders: list[tuple[str, dt.date, str]]) -> list[dict[str, Any]]:
    terms = []
    ordered = sorted(leaders, key=lambda leader: leader[1])
    for index, (actor_id, start, event_id) in enumerate(ordered):
        end = ordered[index + 1][1] if index + 1 < len(ordered) else None
        terms.append(
            {
                "source": actor_id,
                "target": PROJECT,
                "type": "governance",
                "start": start.isoformat(),
                "end": end.isoformat() if end else None,
                "note": f"Project Leader, elected in {event_id}",
            }
        )
    return terms


def _frame(rows: list[dict[str, Any]], key: list[str], ints: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in ints:
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(key, kind="stable").reset_index(drop=True)
