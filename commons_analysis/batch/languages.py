"""Reports in several languages: one folder per language, a language switch on every page, a top index.

``render --lang fr,en`` (``make reports``) writes ``reports/fr/`` and
``reports/en/``, each a complete report folder (its case reports, its
comparison, its ``index.html`` and its own ``plotly.min.js``), and
``reports/index.html``, which lists the languages (:func:`top_index_html`).
A page of one folder never overwrites a page of the other: the file names are
the same, the folders are not.

Every page of a language folder starts with a bar of links (:func:`page_nav`):
back to the folder's index (but on the index itself), then the same page in
each other language of the render (``../en/brest.html`` from
``fr/brest.html``). A link to another language carries that language
(``lang``, ``hreflang``): its label is the language's own name
(:data:`LANGUAGE_NAMES`), as every multilingual site writes it.

Example
-------
>>> [(link.href, link.label) for link in page_nav("brest.html", "fr", ("fr", "en"))]
[('index.html', 'Rapports de cas'), ('../en/brest.html', 'English')]
>>> [(link.href, link.label) for link in page_nav("index.html", "en", ("fr", "en"))]
[('../index.html', 'Français · English'), ('../fr/index.html', 'Français')]
>>> parse_languages("all"), parse_languages("en, fr"), parse_languages("en,en")
(('fr', 'en'), ('en', 'fr'), ('en',))
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from commons_analysis.batch.results import COMPARISON, INDEX
from commons_analysis.reporting.text import LANGS, t

#: Each language's name in itself: the label of the link to the pages in that language.
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}

#: What ``--lang all`` means: every language the reports are written in.
ALL_LANGUAGES = "all"


@dataclass(frozen=True)
class Link:
    """A link of a page's bar: its target (relative), its label, and the language of the target."""

    href: str
    label: str
    lang: str | None = None


def parse_languages(text: str) -> tuple[str, ...]:
    """The languages named by ``text``: ``fr``, ``en``, ``fr,en`` (in that order), or ``all``.

    Raises :class:`ValueError` naming the unknown language.
    """
    if text.strip() == ALL_LANGUAGES:
        return LANGS
    langs: list[str] = []
    for name in (part.strip() for part in text.split(",")):
        if name not in LANGS:
            raise ValueError(f"unknown language {name!r}: use one of {', '.join(LANGS)}, or all")
        if name not in langs:
            langs.append(name)
    return tuple(langs)


def language_folder(out: Path, lang: str) -> Path:
    """The folder of the reports in ``lang`` under the report folder ``out``: ``out/<lang>``."""
    return Path(out) / lang


def page_nav(file_name: str, lang: str, langs: Sequence[str]) -> list[Link]:
    """The links at the top of the page ``file_name`` of the ``lang`` folder, ``langs`` rendered.

    A case report and the comparison link back to their folder's index; the
    index links up to the top index (the list of languages) when ``langs`` has
    more than one. Then the same page in every other language of ``langs``.

    >>> page_nav("index.html", "fr", ("fr",))
    []
    """
    others = [other for other in langs if other != lang]
    if file_name == f"{INDEX}.html":  # up to the list of languages, when there is a choice
        links = [Link(f"../{INDEX}.html", " · ".join(LANGUAGE_NAMES[o] for o in LANGS))] if others else []
    else:
        links = [Link(f"{INDEX}.html", t("reporting.index.title", lang))]
    target = quote(file_name)
    links += [Link(f"../{other}/{target}", LANGUAGE_NAMES[other], other) for other in others]
    return links


def nav_html(links: Sequence[Link]) -> str:
    """The bar of ``links`` as HTML (``<nav class="ca-nav ca-pages">``), every value escaped.

    >>> nav_html([Link("../en/a.html", "English", "en")])
    '<nav class="ca-nav ca-pages"><a href="../en/a.html" hreflang="en" lang="en">English</a></nav>'
    """
    esc = html.escape
    items = "".join(
        f'<a href="{esc(link.href)}"'
        + (f' hreflang="{esc(link.lang)}" lang="{esc(link.lang)}"' if link.lang else "")
        + f">{esc(link.label)}</a>"
        for link in links
    )
    return f'<nav class="ca-nav ca-pages">{items}</nav>'


def top_index_html(out: Path) -> str:
    """The page ``out/index.html``: for every language folder of ``out`` with an index, its links.

    Each language in its own words (its index's title, its introduction, its
    comparison when there is one), marked with its language.
    """
    from commons_analysis.reporting.page import page

    esc = html.escape
    title = " · ".join(t("reporting.index.title", lang) for lang in LANGS)
    body = [f'<h1 class="ca-title">{esc(title)}</h1>']
    for lang in LANGS:
        folder = language_folder(out, lang)
        if not (folder / f"{INDEX}.html").is_file():
            continue
        links = [f'<a href="{lang}/{INDEX}.html">{esc(t("reporting.index.title", lang))}</a>']
        if (folder / f"{COMPARISON}.html").is_file():
            links.append(
                f'<a href="{lang}/{COMPARISON}.html">{esc(t("reporting.comparison.title", lang))}</a>'
            )
        body.append(
            f'<section lang="{lang}"><h2>{esc(LANGUAGE_NAMES[lang])}</h2>'
            f'<p class="ca-nav">{"".join(links)}</p><p>{esc(t("reporting.index.intro", lang))}</p></section>'
        )
    return page(title, "\n".join(body), LANGS[0], plotly_js=None)


__all__ = [
    "ALL_LANGUAGES",
    "LANGUAGE_NAMES",
    "Link",
    "language_folder",
    "nav_html",
    "page_nav",
    "parse_languages",
    "top_index_html",
]
