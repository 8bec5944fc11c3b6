"""Numbers, percentages, dates and country names as each language writes them: one formatter per language.

Every layer writes numbers through this module: the reports (through
:mod:`commons_analysis.reporting.text`), the command line and the notebooks.
French follows the *Lexique des règles typographiques en usage à l'Imprimerie
nationale*: the thousands are separated by a narrow no-break space (U+202F),
the decimal mark is a comma, the minus sign is U+2212, a narrow no-break space
comes before ``%``, ``:``, ``;``, ``!``, ``?``, ``»`` and after ``«``, and dates
are written ``17 avril 2002``. English writes ``14,701``, ``0.015``, ``-0.85``,
``44.4%`` and ``April 17, 2002``. A value that rounds to zero is never written
with a sign (no ``−0,00``). Month and country names come from the Unicode CLDR
through `babel <https://babel.pocoo.org>`_.

Example
-------
>>> number(14701, "fr"), number(14701, "en"), number(0.01457, "fr", 3), number(-0.849, "fr")
('14\u202f701', '14,701', '0,015', '−0,85')
>>> percent(0.4444, "fr"), percent(0.4444, "en"), number(-0.001, "fr")
('44,4\u202f%', '44.4%', '0,00')
>>> import datetime as dt
>>> date(dt.date(2002, 4, 17), "fr"), date(dt.date(2002, 4, 17), "en")
('17 avril 2002', 'April 17, 2002')
>>> country("IT", "fr"), country("IT", "en")
('Italie', 'Italy')
"""

from __future__ import annotations

import datetime as dt
import math
import re
from numbers import Real

from commons_analysis.core.locales import check_lang

#: Written in place of an undefined value (``None``, NaN): never 0.
UNDEFINED = "—"
#: The narrow no-break space of French typography (thousands, before ``%`` and high punctuation).
NARROW_NBSP = "\u202f"
#: The minus sign of French typography; a hyphen is not a minus.
MINUS = "\u2212"

#: How much of a date is known: the day, the month, the year, or only roughly (DESIGN, decisions).
DATE_PRECISIONS = ("day", "month", "year", "approximate")

_SEPARATORS = {"fr": (",", NARROW_NBSP), "en": (".", ",")}


def _undefined(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: object, lang: str = "fr", digits: int = 2) -> str:
    """A number as ``lang`` writes it: integers without decimals, others with ``digits`` decimals.

    Thousands are grouped (``14 701`` / ``14,701``); the French minus is U+2212;
    a value that rounds to zero has no sign; ``None`` and NaN are a dash; a
    ``bool`` is ``oui``/``yes``; a text that is not a number is returned as is.

    >>> number(1234567, "fr"), number(1234567, "en"), number(0.5, "fr"), number(-0.25, "en")
    ('1\u202f234\u202f567', '1,234,567', '0,50', '-0.25')
    >>> number(-0.004, "fr"), number(2000.0, "en"), number(None, "fr"), number(True, "en")
    ('0,00', '2,000', '—', 'yes')
    """
    check_lang(lang)
    if _undefined(value):
        return UNDEFINED
    if isinstance(value, bool):
        return _yes_no(value, lang)
    if not isinstance(value, Real):
        try:
            value = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return str(value)
    real = float(value)
    if isinstance(value, int) or (real.is_integer() and abs(real) >= 1000):
        text = f"{value if isinstance(value, int) else int(real):,}"
    else:
        text = f"{real:,.{digits}f}"
    negative = text.startswith("-")
    text = text.removeprefix("-")
    if negative and not re.search(r"[1-9]", text):
        negative = False
    decimal, thousands = _SEPARATORS[lang]
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    if negative:
        text = (MINUS if lang == "fr" else "-") + text
    return text


def _yes_no(value: bool, lang: str) -> str:
    return {("fr", True): "oui", ("fr", False): "non", ("en", True): "yes", ("en", False): "no"}[
        (lang, value)
    ]


def percent(value: object, lang: str = "fr", digits: int = 1) -> str:
    """A share (0–1) as a percentage: ``44,4 %`` (narrow no-break space) / ``44.4%``; ``None`` as a dash.

    >>> percent(0.5, "fr"), percent(1, "en"), percent(None, "en"), percent(-0.00001, "fr")
    ('50,0\u202f%', '100.0%', '—', '0,0\u202f%')
    """
    check_lang(lang)
    if _undefined(value):
        return UNDEFINED
    text = number(float(value) * 100, lang, digits)  # type: ignore[arg-type]
    return f"{text}{NARROW_NBSP}%" if lang == "fr" else f"{text}%"


def euros(value: object, lang: str = "fr") -> str:
    """An amount in euros, without cents: ``12 500 €`` / ``€12,500``.

    >>> euros(12500, "fr"), euros(12500, "en"), euros(None, "fr")
    ('12\u202f500\u202f€', '€12,500', '—')
    """
    check_lang(lang)
    if _undefined(value):
        return UNDEFINED
    text = number(round(float(value)), lang)  # type: ignore[arg-type]
    return f"{text}{NARROW_NBSP}€" if lang == "fr" else f"€{text}"


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    to_pydatetime = getattr(value, "to_pydatetime", None)  # a pandas Timestamp
    if callable(to_pydatetime):
        try:
            return to_pydatetime().date()  # type: ignore[no-any-return]
        except ValueError:  # NaT
            return None
    return None


def date(value: object, lang: str = "fr", precision: str = "day") -> str:
    """A date in words: ``17 avril 2002`` / ``April 17, 2002``; ``None`` or not a date as a dash.

    ``precision`` (:data:`DATE_PRECISIONS`) writes only what is known:
    ``avril 2002`` for a month, ``2002`` for a year, ``vers 2002`` /
    ``around 2002`` when the date is approximate. A ``datetime``, a pandas
    ``Timestamp`` or an ISO text are accepted.

    >>> import datetime as dt
    >>> date(dt.date(2019, 12, 1), "fr"), date("2019-12-31", "en"), date(None, "fr")
    ('1er décembre 2019', 'December 31, 2019', '—')
    >>> day = "2002-04-17"
    >>> date(day, "fr", "month"), date(day, "en", "year"), date(day, "fr", "approximate")
    ('avril 2002', '2002', 'vers 2002')
    """
    check_lang(lang)
    day = _as_date(value)
    if day is None:
        return UNDEFINED
    if precision == "year":
        return str(day.year)
    if precision == "approximate":
        return f"{'vers' if lang == 'fr' else 'around'} {day.year}"
    from babel.dates import format_date  # babel is loaded when a date is first written, not on import

    if precision == "month":
        return str(format_date(day, "MMMM y", locale=lang))
    written = str(format_date(day, "long", locale=lang))
    if lang == "fr" and day.day == 1:
        written = "1er" + written[1:]
    return written


def date_range(start: object, end: object, lang: str = "fr") -> str:
    """Two years as a period: ``de 2002 à 2018`` / ``from 2002 to 2018`` (never ``de 2002–2018``).

    >>> date_range("2002-01-01", "2018-12-31", "fr"), date_range("2002-01-01", "2002-12-31", "en")
    ('de 2002 à 2018', 'in 2002')
    """
    check_lang(lang)
    first, last = _as_date(start), _as_date(end)
    if first is None or last is None:
        return UNDEFINED
    if first.year == last.year:
        return f"{'en' if lang == 'fr' else 'in'} {first.year}"
    return f"de {first.year} à {last.year}" if lang == "fr" else f"from {first.year} to {last.year}"


_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d\d)-(\d\d)(?![\w-])")


def french_dates(text: str) -> str:
    """The ISO dates of a French text written in words; other numbers and identifiers untouched.

    >>> french_dates("mandat du 2002-04-17 (vote-2002-001), constitution 1.0 (1998-12-02)")
    'mandat du 17 avril 2002 (vote-2002-001), constitution 1.0 (2 décembre 1998)'
    """

    def words(match: re.Match[str]) -> str:
        written = date(match.group(0), "fr")
        return match.group(0) if written == UNDEFINED else written

    return _ISO_DATE.sub(words, text)


def country(code: object, lang: str = "fr") -> str:
    """A country's name from its ISO 3166 code (``IT`` → ``Italie`` / ``Italy``); an unknown code as is.

    >>> country("FR", "fr"), country("de", "en"), country("ZZZ", "fr"), country(None, "en")
    ('France', 'Germany', 'ZZZ', '—')
    """
    check_lang(lang)
    if code is None or not str(code).strip():
        return UNDEFINED
    from babel import Locale

    names = Locale(lang).territories
    return str(names.get(str(code).strip().upper(), code))


_PERCENT = re.compile(r"(?<=\d)[ \u00a0]?%")
_AFTER = re.compile(r"«[ \u00a0]*")


def french_spacing(text: str) -> str:
    """French punctuation spacing: a narrow no-break space before ``; : ! ? » %`` and after ``«``.

    Only a sign that ends a word is spaced (followed by a space or the end of
    the text), so addresses (``https://``) and times (``10:20``) survive.

    >>> french_spacing("Lieu : Naples ; « oui » ! 44,4 %").replace("\u202f", "_")
    'Lieu_: Naples_; «_oui_»_! 44,4_%'

    >>> french_spacing("Voir https://peps.python.org?x=1 à 10:20.")
    'Voir https://peps.python.org?x=1 à 10:20.'
    """
    spaced = re.sub(r"[ \u00a0\u202f]*([;:!?»])(?=\s|$)", lambda m: NARROW_NBSP + m.group(1), text)
    spaced = _PERCENT.sub(NARROW_NBSP + "%", spaced)
    return _AFTER.sub("«" + NARROW_NBSP, spaced)
