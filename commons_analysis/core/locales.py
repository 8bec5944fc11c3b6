"""The message catalogue as data: ``commons_analysis/locales/<lang>/*.yaml``, loaded once per process.

Every string a user reads (command line, problems found in case files,
reports, render summaries) is an entry of these files: a key, then the text.
``fr/`` and ``en/`` hold the same keys with the same ``{placeholders}``; the
load checks it (:class:`CatalogueError` otherwise), so a half-translated
message never reaches a user. A key starts with the layer that uses it
(``ingest.reading.empty``, ``reporting.figure.…``, ``cli.…``; see
docs/design.md §Strings); one file per layer, the file name is free.

:func:`text` is the lookup under :func:`commons_analysis.core.messages.say`
and :func:`commons_analysis.reporting.text.t`. The files are package data,
read through :mod:`importlib.resources`, so an installed wheel finds them.

>>> text("ingest.reading.empty", "fr")
'le fichier est vide'
>>> known("ingest.reading.empty"), known("ingest.reading.nothing")
(True, False)
"""

from __future__ import annotations

import functools
import string
from collections.abc import Collection, Mapping
from importlib import resources

import yaml

#: The languages of the catalogue; each is a folder of ``commons_analysis/locales``.
LANGS = ("fr", "en")
#: The first part of every key: the layers of docs/design.md §Layers.
LAYERS = ("core", "model", "ingest", "analysis", "sources", "publishing", "reporting", "batch", "cli")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogueError(ValueError):
    """The locale files disagree (keys, placeholders) or a key is malformed: a bug of the package."""


def placeholders(template: str) -> frozenset[str]:
    """The names of the ``{fields}`` of a template.

    >>> sorted(placeholders("{n:thousands} of {total}"))
    ['n', 'total']
    """
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


#: The file (name without ``.yaml``) of each key, filled by :func:`catalogue`.
_FILES: dict[str, str] = {}


def _read(lang: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    folder = resources.files("commons_analysis").joinpath("locales", lang)
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if not item.name.endswith(".yaml"):
            continue
        loaded = yaml.load(item.read_text(encoding="utf-8"), Loader=_Loader) or {}
        for key, value in loaded.items():
            if not isinstance(value, str):
                raise CatalogueError(f"locales/{lang}/{item.name}: {key!r} is not a string")
            if key in entries:
                raise CatalogueError(f"locales/{lang}/{item.name}: {key!r} is defined twice")
            entries[key] = value
            _FILES[key] = item.name.removesuffix(".yaml")
    return entries


@functools.cache
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """Every entry, ``lang -> key -> text``, read and checked at the first call of the process."""
    by_lang = {lang: _read(lang) for lang in LANGS}
    french, english = by_lang["fr"], by_lang["en"]
    if missing := sorted(set(french) ^ set(english)):
        raise CatalogueError(f"keys in one language only: {', '.join(missing)}")
    for key in french:
        if key.split(".", 1)[0] not in LAYERS:
            raise CatalogueError(f"{key!r} does not start with a layer ({', '.join(LAYERS)})")
        if placeholders(french[key]) != placeholders(english[key]):
            raise CatalogueError(f"{key!r}: French and English name different {{placeholders}}")
    return by_lang


def check_lang(lang: str) -> str:
    """``lang`` when it is one of :data:`LANGS`, else ``ValueError`` naming them: the one check of a language.

    >>> check_lang("fr")
    'fr'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def text(key: str, lang: str) -> str:
    """The template ``key`` in ``lang``; an unknown key is a bug (``KeyError``)."""
    entries = catalogue()[check_lang(lang)]
    try:
        return entries[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None


def known(key: str) -> bool:
    """Whether ``key`` is an entry of the catalogue."""
    return key in catalogue()["fr"]


def pairs(files: Collection[str] | None = None, exclude: Collection[str] = ()) -> dict[str, tuple[str, str]]:
    """The entries of the locale files ``files`` (all by default) but ``exclude``: key -> (French, English).

    For checks and translators; a file is named without ``.yaml`` (``reporting``, ``labels``).
    """
    french, english = catalogue()["fr"], catalogue()["en"]
    return {
        key: (value, english[key])
        for key, value in french.items()
        if (files is None or _FILES[key] in files) and _FILES[key] not in exclude
    }


__all__ = [
    "LANGS",
    "LAYERS",
    "CatalogueError",
    "catalogue",
    "check_lang",
    "known",
    "pairs",
    "placeholders",
    "text",
]
