"""Click's and Typer's own words (usage errors, ``--help`` headings) in the user's language.

Click writes "Missing option", "No such command", "Usage:", "Try … for help"
through :func:`gettext.gettext`, bound as ``_`` in each of its modules. Here
that ``_`` (and ``ngettext``) is replaced by a lookup in the catalogue: the
entries ``cli.click.*`` hold Click's English msgid as their English text and
its French translation (:mod:`commons_analysis.core.locales`). The language
is that of the command line (:func:`language_of`), chosen by
:class:`LocalizedGroup` before Click parses anything.

Typer ≥ 0.29 parses with its own copy of Click (``typer._click``), whose
errors are English f-strings, not gettext: :func:`translate` matches such a
message once written against the entries ``cli.typer.*`` (English as Typer
writes it, with its ``{fields}``) and gives the French, the fields translated too.

>>> language_of(["render", "--lang", "fr"], {}), language_of(["--lang=fr,en"], {"LANG": "fr_FR"})
('fr', 'fr')

>>> with speaking("fr"):
...     gettext("Missing option"), translate("No such option: --nope")
('Option manquante', 'Option inconnue : --nope')
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import re
import string
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import typer.core

from commons_analysis.core import locales
from commons_analysis.core.messages import ENGLISH, LANGS, environment_language

#: The modules of Click and Typer that bind ``_`` (and ``ngettext``) to :mod:`gettext` at import.
MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.formatting",
           "click.decorators", "click.termui", "typer.core")  # fmt: skip

#: Typer's rich help and errors: words computed once at import, set again for each command line.
RICH_WORDS = ("DEPRECATED_STRING", "DEFAULT_STRING", "ENVVAR_STRING", "REQUIRED_LONG_STRING",
              "ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
              "ABORTED_TEXT", "RICH_HELP")  # fmt: skip

_language = [ENGLISH]
_english_rich: dict[str, str] = {}


@functools.cache
def _french() -> dict[str, str]:
    """Click's English msgid -> its French, from the entries ``cli.click.*``."""
    entries = locales.pairs().items()
    return {english: french for key, (french, english) in entries if key.startswith("cli.click.")}


@functools.cache
def _typer_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each entry ``cli.typer.*`` as (its English as a pattern, its French); the most literal first."""
    found = []
    for key, (french, english) in locales.pairs().items():
        if key.startswith("cli.typer."):
            parts = string.Formatter().parse(english)
            regex = "".join(
                re.escape(text) + (f"(?P<{name}>.+?)" if name else "") for text, name, _, _ in parts
            )
            literal = sum(len(text) for text, _, _, _ in string.Formatter().parse(english))
            found.append((literal, re.compile(regex, re.DOTALL), french))
    return tuple((pattern, french) for _, pattern, french in sorted(found, key=lambda item: -item[0]))


def translate(message: str) -> str:
    """A message of Typer's own Click (English, already written) in the language of the command line."""
    if _language[-1] != "fr":
        return message
    for pattern, french in _typer_patterns():
        if match := pattern.fullmatch(message):
            return french.format(**{name: translate(value) for name, value in match.groupdict().items()})
    return message


def gettext(message: str) -> str:
    """``message`` (Click's English) in the language of the command line."""
    return _french().get(message, message) if _language[-1] == "fr" else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural ``message`` (English rule), in the language of the command line."""
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Bind ``_`` and ``ngettext`` of Click's and Typer's modules to :func:`gettext` and :func:`ngettext`,
    and pass the messages of Typer's own Click exceptions through :func:`translate`."""
    for name in MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    try:
        vendored = importlib.import_module("typer._click.exceptions")
    except ImportError:  # a Typer that parses with Click itself: gettext above is enough
        return
    for value in vars(vendored).values():
        if isinstance(value, type) and issubclass(value, Exception) and "format_message" in vars(value):
            written = vars(value)["format_message"]
            if not getattr(written, "translated", False):
                value.format_message = _translated(written)  # type: ignore[attr-defined]


def _translated(format_message: Any) -> Any:
    def format_in_language(self: Exception) -> str:
        return translate(format_message(self))

    format_in_language.translated = True  # type: ignore[attr-defined]
    return format_in_language


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Click speaks ``lang`` inside the block."""
    install()
    _language.append(lang)
    _set_rich_words()
    try:
        yield
    finally:
        _language.pop()
        _set_rich_words()


def _set_rich_words() -> None:
    try:
        rich_utils = importlib.import_module("typer.rich_utils")
    except ImportError:  # rich is optional for Typer
        return
    for name in RICH_WORDS:
        if hasattr(rich_utils, name):
            english = _english_rich.setdefault(name, getattr(rich_utils, name))
            setattr(rich_utils, name, gettext(english))


def language_of(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a command line: its ``--lang`` (``fr``, ``fr,en``: the first), else the environment's.

    ``--lang fr,en`` (render) asks for reports in both; its messages are in the first.
    """
    for index, arg in enumerate(args):
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        if value:
            first = value.split(",")[0].strip()
            if first in LANGS:
                return first
    return environment_language(environ)


class LocalizedGroup(typer.core.TyperGroup):
    """Typer's group, whose parsing, usage errors and help speak the language of the command line."""

    def main(self, args: Sequence[str] | None = None, *rest: object, **options: object) -> object:  # type: ignore[override]
        import sys

        given = list(sys.argv[1:] if args is None else args)
        with speaking(language_of(given)):
            return super().main(args, *rest, **options)  # type: ignore[arg-type]


__all__ = [
    "MODULES",
    "LocalizedGroup",
    "gettext",
    "install",
    "language_of",
    "ngettext",
    "speaking",
    "translate",
]
