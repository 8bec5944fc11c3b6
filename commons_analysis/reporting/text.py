"""Every label, title, heading and sentence of the reports, in French and English.

Notebooks, figures, tables, the index page and the command line summary all
ask :func:`t` for them; the strings themselves are data, the entries
``reporting.…`` and ``batch.…`` of the locale files, and the labels of
enumerated values ``reporting.label.<kind>.<value>``
(:mod:`commons_analysis.core.locales`, docs/design.md §Strings). French is the
default language. Values that come from case data are never part of these
strings: they are escaped and inserted by the caller (see :mod:`report`).

Numbers are written the way each language writes them (:func:`number`,
:func:`percent`): ``0,42`` and ``42 %`` in French, ``0.42`` and ``42%`` in
English; an undefined indicator (``None``) is written as a dash, never 0.
Indicators are labelled and written as :mod:`catalogue` says
(:func:`indicator_label`, :func:`format_indicator`); plotly writes the numbers
of axes and hover labels with the separators of :data:`PLOTLY_SEPARATORS`.

Example
-------
>>> label("sector", "sse", "fr"), label("sector", "sse", "en")
('ESS', 'SSE')
>>> t("reporting.figure.network_map.truncated", "en", shown=300, total=5000)
'Only the 300 most connected actors out of 5000 are drawn.'
>>> percent(0.4213, "fr"), percent(0.4213, "en"), number(None, "fr")
('42,1\u202f%', '42.1%', '—')
>>> format_indicator("participation.gini", 0.5091, "fr"), format_indicator("network.ties", 64, "en")
('0,51', '64')
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import Any

from commons_analysis.core import formats, locales
from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.core.locales import check_lang
from commons_analysis.reporting.catalogue import Indicator, lookup, member_of

LANGS = locales.LANGS

#: Written in place of an undefined value (``None``): never 0.
UNDEFINED = formats.UNDEFINED

#: Plotly's ``layout.separators`` (decimal mark, then thousands separator) as each language writes numbers.
PLOTLY_SEPARATORS = {"fr": ",\u202f", "en": ".,"}

#: Below this p-value, a figure is said to depart from what chance alone gives.
SIGNIFICANCE = 0.05
#: The smallest p-value written as a number; below it, ``p < 0,001``.
SMALLEST_P = 0.001

#: The locale files of the reports (:mod:`commons_analysis.core.locales`): plain strings, then labels.
_STRING_FILES = ("reporting", "batch")
#: Where the label of an enumerated value is: ``reporting.label.<kind>.<value>``.
_LABEL = "reporting.label."


def _lang_index(lang: str) -> int:
    """The place of ``lang`` in the (French, English) pairs of this module's tables."""
    return LANGS.index(check_lang(lang))


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string ``key`` in ``lang`` (``fr`` or ``en``), with ``{name}`` fields filled from ``values``.

    A missing key is a bug, not a fallback: it raises ``KeyError``. French
    strings take a narrow no-break space before ``: ; ! ? » %`` and after ``«``
    (:func:`~commons_analysis.core.formats.french_spacing`), the values filled
    in are left as they are.

    >>> t("reporting.glance.period_value", "en", start="2015", end="2019")
    'from 2015 to 2019'
    >>> t("reporting.interval.ci", "fr", bounds="0,43–0,56").replace("\u202f", "_")
    'IC 95_%_: 0,43–0,56'
    """
    text = locales.text(key, lang)
    if lang == "fr":
        text = _french(text)
    return text.format(**values) if values else text


@functools.cache
def _french(text: str) -> str:
    return formats.french_spacing(text)


def label(kind: str, value: object, lang: str = DEFAULT_LANG) -> str:
    """The display label of an enumerated value (sector, relation, rule, …); unknown values as they are.

    >>> label("rule", "public_authority", "fr"), label("sector", "nowhere", "en")
    ('autorité publique', 'nowhere')
    """
    check_lang(lang)
    if value is None:
        return UNDEFINED
    entries = locales.catalogue()[lang]
    key = f"{_LABEL}{kind}.{value}"
    if key not in entries:
        if not any(other.startswith(f"{_LABEL}{kind}.") for other in entries):
            raise KeyError(f"no labels {kind!r} in the catalogue")
        return str(value)
    return _french(entries[key]) if lang == "fr" else entries[key]


def indicator_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """The label of an indicator by its dotted key (:mod:`catalogue`); the key itself if unknown.

    A member of a family is labelled by the family and the member:

    >>> indicator_label("participation.gini", "en"), indicator_label("decisions.rule_shares.majority", "fr")
    ('Gini of participation', 'part des décisions\u202f: majorité')
    """
    index = _lang_index(lang)
    indicator = lookup(key)
    if indicator is None:
        return key
    name = indicator.label(LANGS[index])
    member = member_of(key, indicator)
    if lang == "fr":
        name = _french(name)
    if member is None:
        return name
    shown = label(indicator.member, member, lang) if indicator.member else member
    return f"{name}\u202f: {shown}" if lang == "fr" else f"{name}: {shown}"


def format_indicator(key: str, value: Any, lang: str = DEFAULT_LANG) -> str:
    """An indicator's value as :mod:`catalogue` says it is written; a dash when undefined.

    Shares as percentages, counts whole, hours rounded, an Arnstein rung with its
    name, an interval as ``[low ; high]`` (French) or ``[low, high]``; an unknown
    key as a number.

    >>> format_indicator("assessment.arnstein_rung", 6, "en")
    '6 (Partnership)'
    >>> format_indicator("network.density", 0.025, "fr")
    '0,025'
    >>> format_indicator("participation.top10_share_ci", [0.25, 0.5], "fr")
    '[25,0\u202f% ; 50,0\u202f%]'
    """
    check_lang(lang)
    if value is None:
        return UNDEFINED
    indicator = lookup(key)
    if indicator is None:
        return number(value, lang)
    if indicator.interval:
        low, high = (_format_value(indicator, v, lang) for v in value)
        return f"[{low} ; {high}]" if lang == "fr" else f"[{low}, {high}]"
    return _format_value(indicator, value, lang)


def _format_value(indicator: Indicator, value: Any, lang: str) -> str:
    if value is None:
        return UNDEFINED
    if indicator.format == "count":
        return number(int(value), lang)
    if indicator.format == "percent":
        return percent(value, lang)
    if indicator.format == "hours":
        return number(round(float(value)), lang)
    if indicator.format == "flag":
        return t("reporting.yes", lang) if value else t("reporting.no", lang)
    if indicator.format == "rung":
        from commons_analysis.model.schema import ARNSTEIN_RUNGS

        return f"{int(value)} ({label('arnstein', ARNSTEIN_RUNGS[int(value) - 1], lang)})"
    if indicator.format == "p_value":
        written = p_value(value, lang)
        return written.removeprefix("p = ").removeprefix("p ")
    return number(value, lang, digits=indicator.digits)


def p_value(value: float | None, lang: str = DEFAULT_LANG) -> str:
    """A permutation p-value as a reader reads it: two decimals, three under 0.1, ``p < 0,001`` below that.

    >>> p_value(0.4123, "fr"), p_value(0.0123, "en"), p_value(0.000999, "fr"), p_value(None, "en")
    ('p = 0,41', 'p = 0.012', 'p < 0,001', 'p = —')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("reporting.chance.p_equals", lang, p=UNDEFINED)
    if value < SMALLEST_P:
        return t("reporting.chance.p_below", lang, p=number(SMALLEST_P, lang, digits=3))
    return t("reporting.chance.p_equals", lang, p=number(float(value), lang, digits=2 if value >= 0.1 else 3))


def interval_bounds(key: str, bounds: Any, lang: str = DEFAULT_LANG) -> str:
    """The two bounds of an interval, written as the indicator ``key`` is: ``0,43–0,56``; empty when none.

    >>> interval_bounds("participation.top10_share", (0.251, 0.393), "en"), interval_bounds("x", None, "en")
    ('25.1%–39.3%', '')
    """
    if bounds is None or any(v is None or (isinstance(v, float) and math.isnan(v)) for v in bounds):
        return ""
    low, high = (format_indicator(key, float(v), lang) for v in bounds)
    return f"{low}–{high}"


def interval_text(key: str, bounds: Any, lang: str = DEFAULT_LANG) -> str:
    """A 95 % interval as the reports write it beside a figure: ``IC 95 % : 0,43–0,56``; empty when none.

    ``key``: the indicator the interval belongs to (its format writes the bounds).

    >>> interval_text("participation.gini", [0.4318, 0.5633], "fr")
    'IC 95\u202f%\u202f: 0,43–0,56'
    """
    written = interval_bounds(key, bounds, lang)
    return t("reporting.interval.ci", lang, bounds=written) if written else ""


def joined(items: Sequence[str], lang: str = DEFAULT_LANG) -> str:
    """Words joined as a sentence lists them: ``a, b et c`` / ``a, b and c``.

    >>> joined(["Brest", "Grasse", "Napoli"], "fr"), joined(["Brest"], "en")
    ('Brest, Grasse et Napoli', 'Brest')
    """
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + t("reporting.comparison.reading.and", lang) + items[-1]


def chance_reading(
    name: str, value: float | None, p: float | None, expected: float | None, lang: str = DEFAULT_LANG
) -> str:
    """One sentence: a tested sector figure, its p-value, and what chance alone gives (DESIGN, "Uncertainty").

    ``name``: ``ei_index`` or ``sector_assortativity``. Below :data:`SIGNIFICANCE`
    the figure departs from chance, and the sentence says which way: an E-I
    index below what chance gives (an assortativity above it) means more ties
    within sectors; the other way, more ties across. A test that could not be
    made (``p`` None) is said so, never written ``p = null``.

    >>> chance_reading("ei_index", -0.04, 0.41, -0.02, "en")
    'E-I -0.04, p = 0.41: no different from sectors placed at random (chance alone gives -0.02)'
    >>> chance_reading("sector_assortativity", 0.33, 0.0009, -0.04, "fr")[:80]
    "Assortativité 0,33, p < 0,001\u202f: s'écarte du hasard, avec plus de liens à l'intér"
    """
    shown = t(f"reporting.chance.name.{name}", lang)
    if p is None or value is None or expected is None:
        return t("reporting.chance.undefined", lang, name=shown)
    reading = "reporting.chance.same"
    if p < SIGNIFICANCE and value != expected:
        within = value < expected if name == "ei_index" else value > expected
        reading = "reporting.chance.within" if within else "reporting.chance.across"
    key = f"network.{name}"
    return t(
        reading,
        lang,
        name=shown,
        value=format_indicator(key, value, lang),
        p=p_value(p, lang),
        expected=format_indicator(key, expected, lang),
    )


def number(value: object, lang: str = DEFAULT_LANG, digits: int = 2) -> str:
    """A number as the language writes it (:func:`commons_analysis.core.formats.number`); ``None`` as a dash.

    >>> number(1234567, "fr"), number(1234567, "en"), number(0.5, "fr"), number(-0.25, "en")
    ('1\u202f234\u202f567', '1,234,567', '0,50', '-0.25')
    >>> number(-0.849, "fr"), number(-0.001, "fr")
    ('−0,85', '0,00')
    """
    return formats.number(value, lang, digits)


def percent(value: object, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A share (0–1) as a percentage; ``None`` as a dash.

    >>> percent(0.5, "fr"), percent(1, "en"), percent(None, "en")
    ('50,0\u202f%', '100.0%', '—')
    """
    return formats.percent(value, lang, digits)


def euros(value: object, lang: str = DEFAULT_LANG) -> str:
    """An amount in euros, without cents.

    >>> euros(12500, "fr"), euros(12500, "en")
    ('12\u202f500\u202f€', '€12,500')
    """
    return formats.euros(value, lang)


def date(value: object, lang: str = DEFAULT_LANG, precision: str = "day") -> str:
    """A date in words (``31 décembre 2019``, ``December 31, 2019``); ``None`` as a dash.

    ``precision``: ``day``, ``month``, ``year`` or ``approximate`` (see :func:`formats.date`).

    >>> import datetime as dt
    >>> date(dt.date(2019, 12, 31), "fr"), date(dt.date(2019, 12, 31), "en")
    ('31 décembre 2019', 'December 31, 2019')
    """
    return formats.date(value, lang, precision)


#: Where the glossary is: ``reporting.glossary.term.<term>`` and ``reporting.glossary.definition.<term>``.
_GLOSSARY_TERM, _GLOSSARY_DEFINITION = "reporting.glossary.term.", "reporting.glossary.definition."
#: Where an indicator's explanation is: ``reporting.explanation.<indicator key>``.
_EXPLANATION = "reporting.explanation."


def glossary_terms() -> list[str]:
    """The terms of the glossary, as the catalogue names them (``density``, ``hhi``, …)."""
    return [key.removeprefix(_GLOSSARY_TERM) for key in all_keys() if key.startswith(_GLOSSARY_TERM)]


def glossary(lang: str = DEFAULT_LANG) -> list[tuple[str, str]]:
    """The technical words of the reports with their definition, in ``lang``, alphabetically.

    >>> dict(glossary("en"))["HHI (Herfindahl-Hirschman index)"][:40]
    'sum of the squared shares of each initia'
    >>> [term for term, _ in glossary("fr")][:2]
    ['assortativité', 'composantes']
    """
    entries = [
        (t(_GLOSSARY_TERM + term, lang), t(_GLOSSARY_DEFINITION + term, lang)) for term in glossary_terms()
    ]
    return sorted(entries, key=lambda entry: formats_fold(entry[0]))


def formats_fold(word: str) -> str:
    """A word for sorting: lower case, without accents (``Échelon`` sorts with ``echelon``)."""
    import unicodedata

    return "".join(
        ch for ch in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(ch)
    )


def explanation(key: str, lang: str = DEFAULT_LANG) -> str:
    """A short explanation to show beside a technical indicator (``reporting.explanation.<key>``); "" if none.

    >>> explanation("network.ei_index", "en")[:40]
    'from −1 (each sector keeps to itself) to'
    >>> explanation("network.actors", "fr")
    ''
    """
    check_lang(lang)
    indicator = lookup(key)
    entry = f"{_EXPLANATION}{indicator.key if indicator else key}"
    return t(entry, lang) if locales.known(entry) else ""


def explained_indicators() -> list[str]:
    """The keys of the indicators that have an explanation (:func:`explanation`)."""
    return [key.removeprefix(_EXPLANATION) for key in all_keys() if key.startswith(_EXPLANATION)]


def case_text(text: str, lang: str = DEFAULT_LANG) -> str:
    """A text of ``case.yaml`` (summary, mapping notes, evidence) as a report shows it.

    In French: dates in words and French spacing (:func:`formats.french_dates`,
    :func:`formats.french_spacing`); in English as written.

    >>> case_text("Lieu : Naples, depuis le 2012-03-02", "fr").replace("\u202f", "_")
    'Lieu_: Naples, depuis le 2 mars 2012'
    >>> case_text("Place: Naples", "en")
    'Place: Naples'
    """
    check_lang(lang)
    if lang != "fr" or not text:
        return text
    return formats.french_spacing(formats.french_dates(text))


def not_applicable_text(reason: str, lang: str = DEFAULT_LANG) -> str:
    """Why a figure does not apply to a case (a reason of :func:`analysis.applicability.not_applicable`).

    >>> not_applicable_text("secret_ballot", "en")[:48]
    'not applicable: the ballots are secret and the r'
    """
    return t(f"reporting.not_applicable.{reason}", lang)


def all_keys() -> Mapping[str, tuple[str, str]]:
    """Every plain string key with its (French, English) pair, for checks and translators."""
    return locales.pairs(_STRING_FILES)


def all_labels() -> Mapping[str, Mapping[str, tuple[str, str]]]:
    """Every enumeration with its (French, English) labels, for checks and translators."""
    labels: dict[str, dict[str, tuple[str, str]]] = {}
    for key, pair in locales.pairs(exclude=_STRING_FILES).items():
        if key.startswith(_LABEL):
            kind, value = key.removeprefix(_LABEL).split(".", 1)
            labels.setdefault(kind, {})[value] = pair
    return labels
