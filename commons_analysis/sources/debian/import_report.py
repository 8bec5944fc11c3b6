"""What an import of the Debian votes counted, matched and left out, for the person who runs it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from commons_analysis.core.messages import Message, say
from commons_analysis.sources.wording import joined

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
