"""Cell values read from their text: numbers, dates, booleans and enumerations.

Each interpreter returns the typed value, or ``BAD_VALUE`` when the text does not say one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from commons_analysis.core.messages import Message, say
from commons_analysis.model.schema.aliases import ENUM_ALIASES, fold
from commons_analysis.model.schema.tables import Column

_TRUE = {"true", "yes", "oui", "vrai", "1", "y", "o", "x"}


_FALSE = {"false", "no", "non", "faux", "0", "n"}


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}( 00:00(:00)?)?$")


_DMY = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


BAD_VALUE = object()


def _enum_value(column: Column, text: str) -> object:
    return ENUM_ALIASES[column.enum_name or ""].get(fold(text), BAD_VALUE)


def parse_number(text: str) -> object:
    """A number as spreadsheets write it: decimal comma, spaces or NBSP between thousands.

    >>> parse_number("1 234,5"), parse_number("1.234,5"), parse_number("12")
    (1234.5, 1234.5, 12.0)
    """
    compact = _SPACES.sub("", text)
    if "," in compact and "." in compact:
        thousands = "." if compact.rfind(",") > compact.rfind(".") else ","
        compact = compact.replace(thousands, "")
    compact = compact.replace(",", ".")
    try:
        number = float(compact)
    except ValueError:
        return BAD_VALUE
    return number if np.isfinite(number) else BAD_VALUE


def parse_date(text: str) -> object:
    """A date written ``YYYY-MM-DD`` or ``DD/MM/YYYY``.

    >>> parse_date("31/01/2020"), parse_date("2020-01-31")
    (Timestamp('2020-01-31 00:00:00'), Timestamp('2020-01-31 00:00:00'))
    """
    text = text.strip()
    if _ISO.match(text):
        fmt = "%Y-%m-%d"
        text = text[:10].rstrip()
    elif _DMY.match(text):
        fmt = "%d/%m/%Y"
    else:
        return BAD_VALUE
    try:
        return pd.to_datetime(text, format=fmt)
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return BAD_VALUE


def parse_dates(texts: np.ndarray) -> list[object]:
    """:func:`parse_date` over many texts at once (vectorized)."""
    series = pd.Series(texts, dtype=object).astype(str).str.strip()
    iso = series.str.match(_ISO.pattern)
    dmy = series.str.match(_DMY.pattern)
    parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    if iso.any():
        parsed[iso] = pd.to_datetime(series[iso].str[:10].str.rstrip(), format="%Y-%m-%d", errors="coerce")
    if dmy.any():
        parsed[dmy] = pd.to_datetime(series[dmy], format="%d/%m/%Y", errors="coerce")
    return [BAD_VALUE if pd.isna(value) else value for value in parsed]


def parse_bool(text: str) -> object:
    """A boolean: ``true/false/yes/no/oui/non/vrai/faux/1/0`` in any case.

    >>> parse_bool("Oui"), parse_bool("FAUX")
    (True, False)
    """
    folded = fold(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return BAD_VALUE


INTERPRETERS: dict[str, tuple[Callable[[Column, str], object], Callable[[Column], Message]]] = {
    "enum": (_enum_value, lambda c: say("ingest.validation.one_of", values=c.enum)),
    "number": (lambda c, t: parse_number(t), lambda c: say("ingest.validation.a_number")),
    "count": (lambda c, t: parse_number(t), lambda c: say("ingest.validation.a_whole_number")),
    "date": (lambda c, t: parse_date(t), lambda c: say("ingest.validation.a_date")),
    "bool": (lambda c, t: parse_bool(t), lambda c: say("ingest.validation.a_boolean")),
}
