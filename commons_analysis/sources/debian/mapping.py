"""Debian's votes 2002–2018 as a case of the data contract: who voted, on what, who proposed and seconded.

:func:`build` reads ``RAW_DIR/vote/YYYY/`` (tally sheets, voters lists,
quorum files, vote pages) and returns the case as an
:class:`~commons_analysis.sources.ImportedCase`. Every choice of the mapping is
written out, in English and French, under ``mapping`` in ``case.yaml``
(:func:`mapping_texts`); in short:

- each vote with a voters list is an event of kind ``ballot`` dated by the end
  of its voting period, with the developer count of its quorum file as
  ``eligible``; each ballot cast is a participation row of the voter (a
  person, sector ``commons``, identified by login);
- each General Resolution and each leader election is a decision counted as
  the constitution in force said (:func:`~commons_analysis.sources.debian.counting.count_vote`);
- the elected leaders' terms are ``governance`` relations to the Debian
  project; Software in the Public Interest and the Technical Committee are
  organisations tied to the project as the constitution says.

Persons who proposed or seconded a resolution are named on the vote pages
with an e-mail address: they are matched to the logins of the voters lists
(:class:`PersonMatcher`), and what stays unmatched is counted in the report.

Example
-------
>>> matcher = PersonMatcher({"jdoe": "Jane Doe", "aurel32": "Aurélien Jarno"})
>>> from commons_analysis.sources.debian.pages import Person
>>> matcher.match(Person("Jane Doe", "jdoe@debian.org"))
('jdoe', 'email')
>>> matcher.match(Person("Aurelien Jarno", "x@example.org"))
('aurel32', 'name')
>>> matcher.match(Person("Nobody Known", "nobody@example.org"))
('unmatched-nobody-known', 'unmatched')
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.formats import date_range, french_dates, number
from commons_analysis.core.messages import Message, say
from commons_analysis.sources import ImportedCase
from commons_analysis.sources.corpus import with_evidence
from commons_analysis.sources.debian import texts as constitution_texts
from commons_analysis.sources.debian.checks import record_problems
from commons_analysis.sources.debian.counting import VoteCount, count_vote, decision_votes
from commons_analysis.sources.debian.pages import Person, VotePage, read_vote_page
from commons_analysis.sources.debian.voters import Voter, read_voters
from commons_analysis.sources.wording import joined

#: The commit of ``l/debian-webwml`` the records were copied from, and its date.
COMMIT = "80cd9461d384c50e61f7c585e566ce9d00c113fc"
COMMIT_DATE = dt.date(2018, 5, 30)
RAW_PATH = "data/raw/debian-vote"
PROJECT, SPI, CTTE = "debian", "spi", "debian-ctte"
#: Constitution 1.0, ratified 1998-12-02, already names SPI (§9) and the Technical Committee (§6).
CONSTITUTION_1_0 = dt.date(1998, 12, 2)
UNMATCHED_PREFIX = "unmatched-"
#: Notes of a count that say the usual (quorum file, header marks): left out of the report.
_ROUTINE_NOTES = ("sources.debian.count.quorum_file", "sources.debian.count.majorities_marks")
#: The roles of persons named on vote pages, and how the report words them (one, several).
ROLE_WORDS = {
    "leader": ("sources.debian.leader", "sources.debian.leaders"),
    "proposer": ("sources.debian.proposer", "sources.debian.proposers"),
    "seconder": ("sources.debian.seconder", "sources.debian.seconders"),
}
#: How a person was matched to a login (:meth:`PersonMatcher.match`), as the report words it.
MATCH_WORDS = {
    "email": "sources.debian.how.email",
    "name": "sources.debian.how.name",
    "email-not-voter": "sources.debian.how.email_not_voter",
    "unmatched": "sources.debian.how.unmatched",
}
_GR_PREFIX = re.compile(r"^\s*General\s+Resolution\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Vote:
    """One counted vote: its page, who voted, and the count (``count.path`` is its tally sheet)."""

    event_id: str
    page: VotePage
    voters: list[Voter]
    count: VoteCount

    @property
    def date(self) -> dt.date:
        """The last day of the voting period."""
        assert self.page.voting_end is not None
        return self.page.voting_end


@dataclass
class ImportReport:
    """What the import found, and what it could not match: printed by the CLI, quoted in ``case.yaml``.

    ``matching`` counts mentions by (role, how matched): role ``leader``,
    ``proposer`` or ``seconder``, how as :meth:`PersonMatcher.match` says;
    ``unmatched`` lists the (role, actor id) of the persons left unmatched;
    ``count_notes`` what each count assumed, by event id.
    """

    votes: int = 0
    resolutions: int = 0
    elections: int = 0
    ballots: int = 0
    persons: int = 0
    matching: Counter[tuple[str, str]] = field(default_factory=Counter)
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    initiators_among_seconders: int = 0
    resolutions_without_seconders: list[str] = field(default_factory=list)
    assumed_term_starts: list[str] = field(default_factory=list)
    quorum_from_page: list[str] = field(default_factory=list)
    quorum_not_checked: list[str] = field(default_factory=list)
    supermajority_from_page: list[str] = field(default_factory=list)
    logins_with_several_names: int = 0
    logins_with_several_surnames: list[str] = field(default_factory=list)
    count_notes: dict[str, list[Message]] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> tuple[Message, ...]:
        """The report, one message of the catalogue per line (what the CLI prints, in the user's language)."""
        said = [
            say(
                "sources.debian.summary.found",
                votes=self.votes,
                resolutions=self.resolutions,
                elections=self.elections,
                ballots=self.ballots,
                persons=self.persons,
                seconds=self.seconds,
            )
        ]
        if self.matching:
            matches = [
                say(
                    "sources.debian.summary.matched",
                    role=say(ROLE_WORDS[role][1]),
                    how=say(MATCH_WORDS[how]),
                    count=number,
                )
                for (role, how), number in sorted(self.matching.items())
            ]
            said.append(say("sources.debian.summary.matching", matches=joined(matches)))
        if self.unmatched:
            persons = [
                say("sources.debian.summary.person", role=say(ROLE_WORDS[role][0]), actor=actor_id)
                for role, actor_id in self.unmatched
            ]
            said.append(say("sources.debian.summary.unmatched", persons=joined(persons, ";")))
        if self.initiators_among_seconders:
            said.append(say("sources.debian.summary.own_seconders", count=self.initiators_among_seconders))
        if self.resolutions_without_seconders:
            said.append(
                say("sources.debian.summary.no_seconders", votes=tuple(self.resolutions_without_seconders))
            )
        if self.logins_with_several_names:
            said.append(
                say(
                    "sources.debian.summary.several_names",
                    count=self.logins_with_several_names,
                    logins=tuple(self.logins_with_several_surnames),
                )
            )
        if self.assumed_term_starts:
            said.append(say("sources.debian.summary.assumed_terms", terms=tuple(self.assumed_term_starts)))
        for event_id, notes in sorted(self.count_notes.items()):
            for note in notes:
                said.append(say("sources.debian.summary.note", event=event_id, note=note))
        return tuple(said)

    def text(self, lang: str = "en") -> str:
        """The report as lines of text in ``lang``."""
        return "\n".join(line.text(lang) for line in self.lines())


def normalised_name(name: str) -> str:
    """A name folded for matching: no accents, no case, no punctuation, single spaces.

    >>> normalised_name("  Rémi  Vanicat "), normalised_name("Jonathan (Ted) Walther")
    ('remi vanicat', 'jonathan ted walther')
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def slug(text: str) -> str:
    """A lower-case ASCII id part: ``"Taylor C. Carpenter"`` → ``"taylor-c-carpenter"``.

    >>> slug("Raphaël Hertzog")
    'raphael-hertzog'
    """
    return normalised_name(text).replace(" ", "-") or "unnamed"


class PersonMatcher:
    """Match persons named on vote pages to the logins of the voters lists.

    In order: the local part of a ``@debian.org`` address that is a login of
    the voters lists; else the name, normalised (:func:`normalised_name`),
    when exactly one login was listed under it; else the local part of a
    ``@debian.org`` address that no voters list holds (a Developer who cast no
    ballot in these votes); else ``unmatched-<slug of the name>``.
    """

    def __init__(self, names_by_login: Mapping[str, str | Iterable[str]]):
        self.logins = set(names_by_login)
        self._by_name: dict[str, set[str]] = defaultdict(set)
        for login, names in names_by_login.items():
            for name in [names] if isinstance(names, str) else names:
                self._by_name[normalised_name(name)].add(login)

    def match(self, person: Person) -> tuple[str, str]:
        """``(actor id, how)``; how is ``email``, ``name``, ``email-not-voter`` or ``unmatched``."""
        local, _, domain = (person.email or "").partition("@")
        if domain == "debian.org" and local in self.logins:
            return local, "email"
        logins = self._by_name.get(normalised_name(person.name), set())
        if len(logins) == 1:
            return next(iter(logins)), "name"
        if domain == "debian.org" and local:
            return local, "email-not-voter"
        return UNMATCHED_PREFIX + slug(person.name), "unmatched"


def build(raw_dir: Path | str, case_id: str = "debian-votes") -> ImportedCase:
    """The ``debian-votes`` case from the records of ``raw_dir`` (``data/raw/debian-vote``).

    Raises :class:`~commons_analysis.core.errors.CaseError` with every problem
    of every file (bad tally, unreadable voters list, vote without page…).
    """
    return build_with_report(raw_dir, case_id)[0]


def build_with_report(
    raw_dir: Path | str, case_id: str = "debian-votes"
) -> tuple[ImportedCase, ImportReport]:
    """:func:`build`, and the report of what was matched, assumed and left out (its lines are the summary)."""
    started = time.perf_counter()
    votes = read_votes(Path(raw_dir))
    report = ImportReport()
    tables = _tables(votes, report)
    report.seconds = time.perf_counter() - started
    meta = case_meta(case_id, votes, report)
    imported = ImportedCase(meta=meta, tables=tables, summary=report.lines())
    return with_evidence(
        imported, Path(raw_dir), constitution_texts.DOCUMENTS, constitution_texts.NOTE
    ), report


def read_votes(raw_dir: Path) -> list[Vote]:
    """Every vote of ``raw_dir/vote`` that has a tally sheet, counted; all problems at once."""
    vote_dir = raw_dir / "vote"
    if not vote_dir.is_dir():
        raise CaseError([Problem.of(str(vote_dir), None, None, say("sources.debian.no_vote_folder"))])
    problems: list[Problem] = []
    votes: list[Vote] = []
    for folder in sorted(path for path in vote_dir.iterdir() if path.is_dir()):
        tallies = sorted(folder.glob("*tally.txt"))
        if not tallies:
            continue
        pages = []
        for page_path in sorted(folder.glob("vote_*.wml")):
            try:
                pages.append(read_vote_page(page_path))
            except CaseError as error:
                problems += error.problems
        for tally in tallies:
            try:
                votes.append(_read_vote(tally, pages))
            except CaseError as error:
                problems += error.problems
    if problems:
        raise CaseError(problems)
    if not votes:
        raise CaseError([Problem.of(str(vote_dir), None, None, say("sources.debian.no_tally"))])
    return sorted(votes, key=lambda vote: (vote.date, vote.event_id))


def _read_vote(tally: Path, pages: list[VotePage]) -> Vote:
    linking = [page for page in pages if page.links_to(tally.name)]
    if len(linking) != 1:
        found = say("sources.debian.several_pages" if linking else "sources.debian.no_page")
        raise CaseError([Problem.of(str(tally), None, None, found)])
    page = linking[0]
    problems = []
    if page.voting_end is None:
        problems.append(Problem.of(page.path, None, None, say("sources.debian.no_voting_end")))
    elif page.voting_end <= CONSTITUTION_1_0:  # no rules to count it by (constitution.in_force)
        too_early = say("sources.debian.before_constitution", end=page.voting_end.isoformat())
        problems.append(Problem.of(page.path, None, None, too_early))
    voters_name = tally.name.replace("tally", "voters")
    voters_path = tally.parent / voters_name
    if not voters_path.is_file():
        problems.append(
            Problem.of(str(tally), None, None, say("sources.debian.no_voters_list", name=voters_name))
        )
    if problems:
        raise CaseError(problems)
    voters = read_voters(voters_path)
    count = count_vote(tally, page=page)
    if len(voters) != count.ballots:
        differ = say(
            "sources.debian.voters_ballots", voters=len(voters), ballots=count.ballots, tally=tally.name
        )
        raise CaseError([Problem.of(str(voters_path), None, None, differ)])
    problems = record_problems(tally, voters_path, page, voters, count)
    if problems:
        raise CaseError(problems)
    return Vote(f"vote-{page.year}-{page.number:03d}", page, voters, count)


def _tables(votes: list[Vote], report: ImportReport) -> dict[str, pd.DataFrame]:
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
            decision |= {"topic": _GR_PREFIX.sub("", page.title), "rule": _rule(count)}
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


def case_meta(case_id: str, votes: list[Vote], report: ImportReport) -> dict[str, Any]:
    """The content of ``case.yaml``: description, sources, and the mapping explained."""
    first, last = votes[0].page, votes[-1].page
    start, end = first.voting_start or first.voting_end, last.voting_end
    years = f"{start.year if start else ''}–{end.year if end else ''}"
    years_fr = date_range(start, end, "fr")
    n = report
    return {
        "id": case_id,
        "title": {
            "fr": f"Debian : résolutions générales et élections du responsable du projet, {years}",
            "en": f"Debian: General Resolutions and Project Leader elections, {years}",
        },
        "place": "Internet",
        "period": {"start": start, "end": end},
        "legal_form": _texts(
            """Unincorporated association of developers governed by its constitution (the Debian Project);
            Software in the Public Interest, Inc., a US non-profit, holds its assets as its legal umbrella""",
            """Association de fait de développeurs régie par sa constitution (le projet Debian) ; Software
            in the Public Interest, Inc., association américaine à but non lucratif, en détient les biens
            et lui sert de personne morale""",
        ),
        "perspectives": ["public_power", "distant_people", "practices_tools"],
        "data_status": "documented",
        "show_names": False,
        "licence": _paragraph(
            """© Software in the Public Interest, Inc. and others. Material since 25 January 2012: MIT
            (Expat) licence or GPL-2+; older material: Open Publication License, draft v1.0 or later"""
        ),
        "summary": _texts(
            f"""The {n.votes} votes of the Debian Developers from {years}: {n.resolutions} General
            Resolutions and {n.elections} Project Leader elections, {number(n.ballots, "en")} ballots by
            {number(n.persons, "en")} persons. Each vote is counted again under the constitution then in
            force (quorum,
            supermajorities, Condorcet with Debian's sequential dropping of the weakest defeats); the
            resolutions say who proposed and who seconded them.""",
            f"""Les {n.votes} votes des développeurs Debian {years_fr} : {n.resolutions} résolutions
            générales et {n.elections} élections du responsable du projet, {number(n.ballots, "fr")}
            bulletins de {number(n.persons, "fr")} personnes. Chaque vote est recompté selon la
            constitution alors en vigueur (quorum,
            majorités qualifiées, Condorcet avec l'abandon séquentiel des défaites les plus faibles propre à
            Debian) ; les résolutions
            indiquent qui les a proposées et appuyées.""",
        ),
        "sources": [
            {
                "title": "Debian project, vote pages (Debian website, webwml/english/vote/)",
                "url": "https://www.debian.org/vote/",
                "path": f"{RAW_PATH}/vote",
                "commit": COMMIT,
                "accessed": COMMIT_DATE,
            },
            {
                "title": "Debian Constitution, versions 1.0 to 1.7 (webwml/english/devel/constitution*.wml)",
                "url": "https://www.debian.org/devel/constitution",
                "path": f"{RAW_PATH}/constitution",
                "commit": COMMIT,
                "accessed": COMMIT_DATE,
            },
        ],
        "mapping": mapping_texts(report),
    }


def mapping_texts(report: ImportReport) -> dict[str, dict[str, str]]:
    """Every choice of the mapping, in English and French (``case.yaml``, key ``mapping``)."""
    matched = report.matching
    email, by_name, not_voter, unmatched = (
        sum(number for (_role, how), number in matched.items() if how == kind)
        for kind in ("email", "name", "email-not-voter", "unmatched")
    )
    total = email + by_name + not_voter + unmatched
    terms_en, terms_fr = _listed(report.assumed_term_starts), _listed(report.assumed_term_starts, "fr")
    page_count_en, page_count_fr = _listed(report.quorum_from_page), _listed(report.quorum_from_page, "fr")
    unchecked_en, unchecked_fr = _listed(report.quorum_not_checked), _listed(report.quorum_not_checked, "fr")
    stated_en, stated_fr = (
        _listed(report.supermajority_from_page),
        _listed(report.supermajority_from_page, "fr"),
    )
    return {
        "actors": _texts(
            """Each person who cast a ballot is an actor of kind person, sector commons, identified by their
            Debian login; the name is the one of the latest voters list that lists them (spellings vary).
            Only Developers may vote, so every voter's role is Developer. Three organisations: the Debian
            Project (commons), the Technical Committee (commons, a body of the project) and Software in the
            Public Interest (sse: the US non-profit, of the sector of associations, that holds Debian's
            assets).""",
            """Chaque personne ayant voté est un acteur de type personne, secteur commun, identifié par son
            identifiant Debian ; son nom est celui de la dernière liste de votants où il figure (les
            graphies varient). Seuls les développeurs votent : le rôle de chaque votant est « Developer ».
            Trois organisations : le projet Debian (commun), le comité technique (commun, organe du projet)
            et Software in the Public Interest (ess : l'association américaine à but non lucratif qui
            détient les biens de Debian).""",
        ),
        "events": _texts(
            f"""Each vote with a voters list is an event of kind ballot (a vote by e-mail, without a
            meeting), dated by the last day of its voting period. eligible is the developer count of its
            quorum file, or, for the votes without one, the count stated on the vote page
            ({page_count_en}). open is false: every Developer may vote, but not the public (as for a
            members' general assembly in the other cases), although the discussion list and every ballot
            are public. duration_hours is left empty: casting a ballot takes minutes of a voting period of
            one to three weeks.""",
            f"""Chaque vote doté d'une liste de votants est un événement de type scrutin (vote par courriel,
            sans réunion), daté du dernier jour de la période de vote. Le nombre d'inscrits est celui des
            développeurs de son fichier de quorum, ou, pour les votes qui n'en ont pas, le nombre indiqué
            sur la page du vote ({page_count_fr}). Le scrutin n'est pas ouvert au public : tout développeur
            peut voter, mais pas le public (comme pour l'assemblée générale des membres ailleurs), même si
            la liste de discussion et chaque bulletin sont publics. La durée n'est pas saisie : voter prend
            quelques minutes d'une période de vote d'une à trois semaines.""",
        ),
        "participation": _texts(
            """Each line of a voters list is a participation row (role attendee) of that voter in that
            vote, secret ballots included: the voters list names who voted, the tally only how (by
            hash).""",
            """Chaque ligne d'une liste de votants est une participation du votant à ce vote (rôle :
            présent), scrutins secrets compris : la liste des votants dit qui a voté, le décompte seulement
            comment (par empreinte).""",
        ),
        "decisions": _texts(
            """Each vote is a decision (decision_id = event_id), counted again from the ballots under the
            constitution in force when its voting period ended (Appendix A.6: quorum, majority ratio,
            Condorcet with the cloneproof sequential dropping of the weakest defeats; Concorde counting under
            version 1.0).
            adopted: the winner is not the default option (Further Discussion, None Of The Above).
            votes_for and votes_against: ballots preferring the winner to the default and back; when the
            default won, the same for the option the most ballots ranked above the default. abstentions
            are left empty: the records do not count them. rule: supermajority when the option decided
            (the winner, or the first proposal when the default won) needed 3:1 or 2:1, else majority. A
            General Resolution is initiated by the proposer of its original proposal and supported by
            that proposal's seconders (amendments and their sponsors are options of the same ballot and are
            left out of initiated_by and supported_by); a proposer listed among their own seconders is
            kept as initiator only. A leader election has no initiator: the constitution calls it every
            year and the candidates nominate themselves; its rule is majority.""",
            """Chaque vote est une décision (de même identifiant que le scrutin), recomptée à partir des
            bulletins selon
            la constitution en vigueur à la fin de sa période de vote (annexe A.6 : quorum, majorité
            requise, Condorcet avec abandon séquentiel des défaites les plus faibles ; décompte
            « Concorde » sous la version 1.0). Adoptée : le gagnant n'est pas l'option par défaut (« Further
            Discussion », « None Of The Above »). Voix pour et voix contre : bulletins préférant le gagnant
            à l'option par défaut et l'inverse ; si l'option par défaut gagne, les mêmes nombres pour
            l'option que le plus de bulletins placent au-dessus d'elle. Les abstentions ne sont pas
            saisies : les archives ne les comptent pas. Règle : majorité qualifiée quand l'option retenue
            (le gagnant, ou la première proposition si l'option par défaut gagne) exigeait 3 contre 1 ou
            2 contre 1, sinon majorité. Une
            résolution générale est initiée par l'auteur de la proposition initiale et soutenue par ceux
            qui l'ont appuyée (les amendements et leurs soutiens, options du même bulletin, ne comptent
            ni parmi les initiateurs ni parmi les soutiens) ; l'auteur inscrit parmi ses propres
            soutiens reste
            seulement initiateur. Une élection du responsable n'a pas d'initiateur : la constitution la
            convoque chaque année et les candidats se présentent eux-mêmes ; sa règle est la majorité.""",
        ),
        "relations": _texts(
            f"""Each elected Project Leader holds a governance relation to the Debian Project from the start
            of the term the vote page announces, or the day after the vote where the page is silent
            ({terms_en}), to the start of the next leader's term; the last term has no end in the records.
            The Technical Committee has a governance relation to the project, and Software in the Public
            Interest an in_kind relation (it holds the project's money and property in trust), both from
            constitution 1.0 (1998-12-02), which names them.""",
            f"""Chaque responsable du projet élu a une relation de gouvernance avec le projet Debian, du
            début du mandat annoncé sur la page du vote, ou du lendemain du vote quand la page n'en dit rien
            ({terms_fr}), au début du mandat suivant ; le dernier mandat n'a pas de fin dans les archives.
            Le comité technique a une relation de gouvernance avec le projet, et Software in the Public
            Interest une relation d'apport en nature (elle détient l'argent et les biens du projet), toutes
            deux depuis la constitution 1.0 (2 décembre 1998), qui les nomme.""",
        ),
        "matching": _texts(
            f"""Proposers, seconders and elected leaders are named on the vote pages with an e-mail address.
            Of {total} mentions, {email} were matched to a voter's login by their @debian.org address,
            {by_name} by their name (normalised, when exactly one login was listed under it), {not_voter}
            kept the login of their @debian.org address although no voters list holds it (an actor who
            cast no ballot here), and {unmatched} stayed unmatched (an actor with the id
            unmatched-<name>).""",
            f"""Auteurs, soutiens et responsables élus sont nommés sur les pages des votes avec une adresse
            électronique. Sur {total} mentions, {email} ont été rattachées à l'identifiant d'un votant par
            leur adresse @debian.org, {by_name} par leur nom (normalisé, quand un seul identifiant y
            correspond), {not_voter} gardent l'identifiant de leur adresse @debian.org bien qu'aucune liste
            de votants ne le contienne (un acteur qui n'a pas voté ici), et {unmatched} restent sans
            correspondance (un acteur dont l'identifiant est fait de son nom).""",
        ),
        "quorum": _texts(
            f"""The quorum is 3Q, Q being half the square root of the number of Developers (constitution
            §4.2, the same for leader elections, §5.2), computed from the developer count of the vote's
            quorum file. Votes without a quorum file whose vote page states the developer count use it:
            {page_count_en}. Votes with neither, whose quorum is not checked: {unchecked_en}. Where a tally
            header states no majority requirement, the requirement stated on the vote page applies; it is a
            supermajority in {stated_en}.""",
            f"""Le quorum est 3Q, Q étant la moitié de la racine carrée du nombre de développeurs
            (constitution §4.2, le même pour l'élection du responsable, §5.2), calculé à partir du nombre
            de développeurs du fichier de quorum du vote. Les votes sans fichier de quorum dont la page
            indique le nombre de développeurs l'utilisent : {page_count_fr}. Votes sans l'un ni l'autre,
            dont le quorum n'est pas vérifié : {unchecked_fr}. Quand l'en-tête du décompte n'indique pas
            de majorité requise, celle que la page du vote énonce s'applique ; c'est une majorité
            qualifiée pour {stated_fr}.""",
        ),
        "left_out": _texts(
            """Left out: the votes of 1999–2001 (no ballots or voters lists in the records), the withdrawn
            or expired resolutions (no vote), the texts of the options, amendments' proposers and
            seconders, the ranking of each ballot (the counts keep only the decision), candidates'
            platforms and debates, and the Developers' membership of the project (every voter is a
            Developer, but the records give no dates of joining or leaving).""",
            """Laissés de côté : les votes de 1999 à 2001 (ni bulletins ni listes de votants dans les
            archives), les résolutions retirées ou expirées (pas de vote), le texte des options, les
            auteurs et soutiens des amendements, le classement de chaque bulletin (la décision seule est
            gardée), les programmes et débats des candidats, et l'appartenance des développeurs au projet
            (tout votant est développeur, mais les archives ne datent ni les entrées ni les départs).""",
        ),
    }


def _paragraph(text: str) -> str:
    """A text written over several source lines, as one line."""
    return " ".join(text.split())


def _texts(english: str, french: str) -> dict[str, str]:
    """A text of ``case.yaml`` in both languages (French first, as the other cases write them).

    ISO dates of the French text are written in words (``17 avril 2002``).
    """
    return {"fr": french_dates(_paragraph(french)), "en": _paragraph(english)}


def _listed(items: list[str], lang: str = "en") -> str:
    """Items for a sentence: ``a, b and c``; "none" / "aucun" when empty."""
    if not items:
        return "none" if lang == "en" else "aucun"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + (" and " if lang == "en" else " et ") + items[-1]
