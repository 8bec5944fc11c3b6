"""Who is who: the persons the PEPs name, matched to the core team log, and their actor ids.

Definition
----------
A person named in a PEP (``Name <email>`` or a bare name) is matched to a
record of the core team log, in this order; the first rule that finds
exactly one member wins, a rule that finds two finds none:

1. ``name``: the same name, or a name the log's notes give ("Also contributed
   as …"), compared without accents, case, punctuation, spaces or a
   parenthesised nickname ("Dong-hee Na" = "Donghee Na", "Alyssa (Nick) Coghlan" = "Alyssa Coghlan");
2. ``variant``: one name is the other with tokens left out or shortened to an
   initial, the first names agreeing ("Pablo Galindo" ⊂ "Pablo Galindo
   Salgado", "T. Wouters" ~ "Thomas Wouters", "Martin v. Löwis" ~ "Martin von Löwis"),
   or the log gives one word that is the PEP's first name ("Mariatta" ~ "Mariatta Wijaya");
3. ``email``: the local part of the e-mail address is the member's GitHub
   user name (``ncoghlan@gmail.com`` → ``ncoghlan``).

Mentions that share an e-mail address or a normalised name are one person:
a mention left unmatched takes the match of its group when the group has
exactly one. A member's actor id is the GitHub user name in lower case
(GitHub names are case-insensitive), else a slug of the name; a person who
is not in the log gets a slug of the name (most frequent spelling) too.

Example
-------
>>> name_key("Alyssa (Nick) Coghlan"), name_key("Dong-hee Na") == name_key("Donghee Na")
('alyssacoghlan', True)
>>> slug("Łukasz Langa")
'lukasz-langa'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from commons_analysis.sources.python_governance.core_team import CoreMember

# A mention, a person as one record names them (a name and, when given, an e-mail address), is the
# person of a PEP header; a Steering Council candidate is a mention without an address.
from commons_analysis.sources.python_governance.peps import Person as Mention

#: Letters NFKD does not decompose.
_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th"})


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name: no parenthesised part, accents, case or punctuation.

    >>> name_tokens("Fred L. Drake, Jr.")
    ('fred', 'l', 'drake', 'jr')
    """
    name = re.sub(r"\([^()]*\)", " ", name).casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(re.sub(r"[^a-z0-9]+", " ", plain.replace("'", "")).split())


def name_key(name: str) -> str:
    """The name as one string of letters: the key of rule 1."""
    return "".join(name_tokens(name))


def slug(name: str) -> str:
    """An actor id made of the name: ``a-z0-9`` words joined by ``-``."""
    return "-".join(name_tokens(name)) or "person"


def _token_match(short: str, long: str) -> bool:
    return (
        short == long
        or (len(short) == 1 and long.startswith(short))
        or (len(long) == 1 and short.startswith(long))
    )


def is_variant(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Rule 2: the shorter name's words appear in order in the longer one, first words agreeing.

    Both names need two words or more; the last word of the shorter one must
    be spelt out and found as such in the longer one (other words may be initials).

    >>> is_variant(("pablo", "galindo"), ("pablo", "galindo", "salgado"))
    True
    >>> is_variant(("t", "wouters"), ("thomas", "wouters"))
    True
    >>> is_variant(("eric", "smith"), ("eric", "snow"))
    False
    >>> is_variant(("chris", "angelico"), ("c", "a", "m", "gerlach"))
    False
    """
    short, long = sorted((one, other), key=len)
    if len(short) < 2 or len(short[-1]) < 2 or not _token_match(short[0], long[0]):
        return False
    position = 1
    for index, token in enumerate(short[1:], start=1):
        last = index == len(short) - 1
        while position < len(long) and not (
            token == long[position] if last else _token_match(token, long[position])
        ):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


@dataclass(frozen=True)
class Match:
    """The outcome of matching one mention: the member (or ``None``) and the rule that found them."""

    member: CoreMember | None
    rule: str  # "name", "variant", "email", "group" or "none"


def _order(mention: Mention) -> tuple[str, str]:
    return (mention.name, mention.email or "")


def member_id(member: CoreMember) -> str:
    """The actor id of a core team member: the GitHub user name in lower case, else a slug of the name."""
    return member.github.casefold() if member.github else slug(member.name)


class Directory:
    """The core team log as a look-up of persons.

    >>> import datetime as dt
    >>> team = [CoreMember("Alyssa Coghlan", "ncoghlan", dt.date(2005, 10, 16), None,
    ...                    "Also contributed as Nick Coghlan", 1)]
    >>> Directory(team).match(Mention("Nick Coghlan")).rule
    'name'
    >>> Directory(team).match(Mention("Someone Else", "ncoghlan@gmail.com")).rule
    'email'
    """

    def __init__(self, members: Iterable[CoreMember]):
        self.members = list(members)
        self._names: list[tuple[tuple[str, ...], CoreMember]] = [
            (name_tokens(name), member) for member in self.members for name in (member.name, *member.aliases)
        ]
        self._github = {member.github.casefold(): member for member in self.members if member.github}

    def _unique(self, found: Iterable[CoreMember]) -> CoreMember | None:
        distinct = {member.line: member for member in found}
        return next(iter(distinct.values())) if len(distinct) == 1 else None

    def match(self, mention: Mention) -> Match:
        """The member a mention names, by rules 1–3 (see the module)."""
        tokens = name_tokens(mention.name)
        key = "".join(tokens)
        if member := self._unique(m for t, m in self._names if "".join(t) == key):
            return Match(member, "name")
        if member := self._unique(m for t, m in self._names if is_variant(tokens, t)):
            return Match(member, "variant")
        if len(tokens) > 1 and (member := self._unique(m for t, m in self._names if t == tokens[:1])):
            return Match(member, "variant")  # the log names by one word a person the PEP names in full
        local = mention.email.split("@")[0].casefold() if mention.email and "@" in mention.email else None
        if local and local in self._github:
            return Match(self._github[local], "email")
        return Match(None, "none")


@dataclass(frozen=True)
class Person:
    """One person of the case: actor id, display name, their core team record if any, and all mentions."""

    actor_id: str
    name: str
    member: CoreMember | None
    mentions: tuple[Mention, ...]


class People:
    """Resolve every mention to one person, members and non-members alike, with stable actor ids.

    ``reserved`` ids (the organisations) are never given to a person.
    """

    def __init__(self, directory: Directory, mentions: Iterable[Mention], reserved: Iterable[str] = ()):
        unique = sorted(set(mentions), key=_order)
        self.matches = {mention: directory.match(mention) for mention in unique}
        groups = self._groups(unique)
        self._person_of: dict[Mention, Person] = {}
        self.persons: dict[str, Person] = {}
        taken = set(reserved)
        by_member: dict[int, list[Mention]] = {}
        loose: list[list[Mention]] = []
        for group in groups:
            matched = {m.member.line: m.member for mention in group if (m := self.matches[mention]).member}
            if len(matched) == 1:
                line = next(iter(matched))
                by_member.setdefault(line, []).extend(group)
                for mention in group:
                    if self.matches[mention].member is None:
                        self.matches[mention] = Match(matched[line], "group")
            elif not matched:
                loose.append(group)
            else:  # one group, two members: keep each mention's own match, the unmatched alone
                for mention in group:
                    own = self.matches[mention].member
                    if own:
                        by_member.setdefault(own.line, []).append(mention)
                    else:
                        loose.append([mention])
        for member in sorted(directory.members, key=member_id):
            actor_id = self._free(member_id(member), taken)
            self._add(
                Person(
                    actor_id,
                    member.name,
                    member,
                    tuple(sorted(set(by_member.get(member.line, [])), key=_order)),
                )
            )
        for group in sorted(loose, key=lambda g: min(_order(m) for m in g)):
            spelling = Counter(m.name for m in group).most_common()
            name = sorted(spelling, key=lambda item: (-item[1], item[0]))[0][0]
            self._add(
                Person(self._free(slug(name), taken), name, None, tuple(sorted(set(group), key=_order)))
            )

    @staticmethod
    def _free(wanted: str, taken: set[str]) -> str:
        candidate, number = wanted, 2
        while candidate in taken:
            candidate, number = f"{wanted}-{number}", number + 1
        taken.add(candidate)
        return candidate

    def _add(self, person: Person) -> None:
        self.persons[person.actor_id] = person
        for mention in person.mentions:
            self._person_of[mention] = person

    def _groups(self, mentions: list[Mention]) -> list[list[Mention]]:
        """Mentions linked by a shared e-mail address or normalised name (union–find)."""
        parent = list(range(len(mentions)))

        def root(index: int) -> int:
            while parent[index] != index:
                parent[index] = parent[parent[index]]
                index = parent[index]
            return index

        first: dict[str, int] = {}
        for index, mention in enumerate(mentions):
            keys = [f"name:{name_key(mention.name)}"]
            if mention.email:
                keys.append(f"email:{mention.email.casefold()}")
            for key in keys:
                if key in first:
                    parent[root(index)] = root(first[key])
                else:
                    first[key] = index
        groups: dict[int, list[Mention]] = {}
        for index, mention in enumerate(mentions):
            groups.setdefault(root(index), []).append(mention)
        return list(groups.values())

    def actor_id(self, mention: Mention) -> str:
        """The actor id of the person a mention names."""
        return self._person_of[mention].actor_id
