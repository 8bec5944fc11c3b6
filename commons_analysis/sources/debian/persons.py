"""Persons named on the vote pages matched to the logins of the voters lists."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from commons_analysis.sources.debian.pages import Person

UNMATCHED_PREFIX = "unmatched-"


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
