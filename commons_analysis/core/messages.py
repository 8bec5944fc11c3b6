"""Messages of the command line and of the problems found in case files, in French and English.

A message is data: a key of the catalogue and the values it names
(:class:`Message`). It is put into words only at the edge, when printed, in the
user's language (:meth:`Message.text`), so that the library keeps testable
English (:class:`~commons_analysis.core.errors.Problem` carries both) and a
problem found once can be shown in either language. The texts themselves are
data, entries of the locale files read by :mod:`commons_analysis.core.locales`
(docs/design.md §Strings), like the strings of the reports
(:mod:`commons_analysis.reporting.text`).

The language of the command line is ``--lang``, else the environment as POSIX
reads it (the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: French when
it starts with ``fr``), else English (:func:`resolve_language`). French
typography puts a space before ``:`` ``;`` ``?``; a plain space, which every
terminal shows.

Example
-------
>>> message = say("ingest.reading.empty")
>>> message.text("en"), message.text("fr")
('the file is empty', 'le fichier est vide')
>>> say("cli.validate.ok", case="brest", actors=1234, relations=0, events=2, records=5,
...     decisions=1).text("fr")
'ok brest : 1\u202f234 acteurs, 0 relations, 2 événements, 5 participations, 1 décisions'
>>> resolve_language(None, {"LANG": "fr_FR.UTF-8", "LC_ALL": "C"})
'en'
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from commons_analysis.core import formats, locales

#: The languages of the messages: those of the catalogue.
LANGS = locales.LANGS
#: The language of messages when neither ``--lang`` nor the environment names one (issue 11).
ENGLISH = "en"
#: Locale variables in POSIX order of precedence: the first one set (and not empty) decides.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

# The templates are entries of the catalogue (:mod:`commons_analysis.core.locales`). Values are named
# ``{like_this}``; the format specs ``:thousands`` (1,234 / 1 234), ``:.Nf`` (0.25 / 0,25:
# :func:`commons_analysis.core.formats.number`), ``:g`` (0.5 / 0,5), ``:or`` and ``:list`` (a sequence
# joined) are localized. A placeholder that receives a count takes ``:thousands``; an identifier (a line,
# a PEP, a year) takes none, so that it is written as it is.


class _Formatter(string.Formatter):
    """``str.format`` that writes nested messages, sequences and thousands the way ``lang`` does."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Message):
            value = value.text(self.lang)
        if format_spec == "thousands":
            return formats.number(int(value), self.lang)
        if (decimals := re.fullmatch(r"\.(\d)f", format_spec)) and isinstance(value, (int, float)):
            return formats.number(float(value), self.lang, int(decimals.group(1)))
        if format_spec == "g" and isinstance(value, (int, float)):
            written = format(value, "g")
            return written.replace(".", ",").replace("-", "\u2212") if self.lang == "fr" else written
        if format_spec == "list":
            return ", ".join(str(item) for item in value)
        if format_spec == "or":
            return join_alternatives(value, self.lang)
        return str(super().format_field(value, format_spec))


def join_alternatives(items: Iterable[object], lang: str = ENGLISH) -> str:
    """Alternatives as a sentence writes them.

    >>> join_alternatives(["'a'", "'b'", "'c'"]), join_alternatives(["'a'", "'b'"], "fr")
    ("'a', 'b' or 'c'", "'a' ou 'b'")
    """
    words = [str(item) for item in items]
    last = " ou " if lang == "fr" else " or "
    return last.join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


@dataclass(frozen=True)
class Message:
    """A message of the catalogue: its key and the values it names (see the module docstring).

    A value may itself be a :class:`Message`: it is written in the same language.
    """

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = ENGLISH) -> str:
        """The message in ``lang`` (``fr`` or ``en``)."""
        template = locales.text(self.key, lang)
        return _Formatter(lang).vformat(template, (), dict(self.values))


def say(key: str, **values: Any) -> Message:
    """The message ``key`` of the catalogue with its ``values``; an unknown key is a bug (KeyError).

    >>> say("ingest.validation.duplicate", line=3).text("fr")
    'doublon de la ligne 3'
    """
    if not locales.known(key):
        raise KeyError(f"no message {key!r} in the catalogue")
    return Message(key, tuple(sorted(values.items())))


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale variables ask for: ``fr`` when the first one set starts with ``fr``.

    POSIX order: ``LC_ALL`` overrides ``LC_MESSAGES``, which overrides ``LANG``; an empty
    variable counts as unset. English when none is set, or for any other language.

    >>> environment_language({"LANG": "fr_FR.UTF-8"}), environment_language({"LC_MESSAGES": "C",
    ...     "LANG": "fr_FR.UTF-8"}), environment_language({})
    ('fr', 'en', 'en')
    """
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return "fr" if value.casefold().startswith("fr") else ENGLISH
    return ENGLISH


def resolve_language(lang: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language of the messages: ``lang`` when given (``--lang``), else the environment's, else English.

    >>> resolve_language("en", {"LANG": "fr_FR.UTF-8"})
    'en'
    """
    return locales.check_lang(str(lang)) if lang else environment_language(environ)


#: The locale files of the reports' strings (:mod:`commons_analysis.reporting.text`), not messages.
REPORT_FILES = ("reporting", "batch", "labels")


def all_messages() -> Mapping[str, tuple[str, str]]:
    """Every message of the command line and of problems, key → (French, English) (for tests)."""
    return locales.pairs(exclude=REPORT_FILES)


__all__ = [
    "ENGLISH",
    "LANGS",
    "LOCALE_VARIABLES",
    "Message",
    "all_messages",
    "environment_language",
    "join_alternatives",
    "resolve_language",
    "say",
]
