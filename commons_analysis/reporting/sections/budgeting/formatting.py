"""How the participatory budget section writes: the files' labels, amounts, districts.

Its strings are entries ``reporting.budget.*`` of the catalogue (:func:`~commons_analysis.reporting.text.t`).

>>> data_label("seniors", "fr"), amount(12500, "EUR", "en"), natural_key("2 - Centre")
('personnes âgées', '€12,500', (2, '2 - Centre'))
"""

from __future__ import annotations

import pandas as pd

from commons_analysis.analysis.budget_votes import AGE_BANDS
from commons_analysis.core import locales
from commons_analysis.reporting.text import UNDEFINED, label, number, t

#: How each currency code is written after (French) or before (English) an amount.
CURRENCIES = {"EUR": ("€", "€"), "PLN": ("zł", "PLN ")}


def data_label(value: object, lang: str) -> str:
    """A category, beneficiary, method, sex or age band from the files, in the report's language.

    >>> data_label("seniors", "fr"), data_label("35-44", "fr"), data_label("Cadre de vie", "en")
    ('personnes âgées', '35-44 ans', 'Cadre de vie')
    """
    if value is None or value is pd.NA or value == "":
        return t("reporting.budget.unknown", lang)
    text = str(value)
    if locales.known(f"reporting.label.pabulib.{text}"):  # Pabulib's English labels (Warsaw's files)
        return label("pabulib", text, lang)
    if text in AGE_BANDS:
        return f"{text} ans" if lang == "fr" else text
    return text


def amount(value: object, currency: str, lang: str) -> str:
    """An amount without decimals in its currency: ``12 500 €``, ``12 500 zł`` / ``€12,500``, ``PLN 12,500``.

    >>> amount(12500, "PLN", "fr"), amount(12500, "EUR", "en"), amount(None, "EUR", "fr")
    ('12\u202f500\u202fzł', '€12,500', '—')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return UNDEFINED
    text = number(round(float(value)), lang)  # type: ignore[arg-type]
    after, before = CURRENCIES.get(currency, (currency, f"{currency} "))
    return f"{text}\u202f{after}" if lang == "fr" else f"{before}{text}"


def currency_name(currency: str) -> str:
    """The symbol of a currency for an axis title (``€``, ``zł``), else its code."""
    return CURRENCIES.get(currency, (currency, currency))[0]


def natural_key(text: object) -> tuple[int, str]:
    """Sort key putting ``2 - …`` before ``10 - …``: the leading number, then the text.

    >>> sorted(["10 - B", "2 - A", "Wola"], key=natural_key)
    ['2 - A', '10 - B', 'Wola']
    """
    value = str(text)
    digits = value[: len(value) - len(value.lstrip("0123456789"))]
    return (int(digits) if digits else 10**9, value)


def edition_groups(frame: pd.DataFrame, key: str) -> list[pd.DataFrame]:
    """``frame`` split into groups of editions that share ``key`` values (districts), each sorted naturally.

    Editions whose districts are named differently (Toulouse 2019's
    neighbourhoods, 2022's numbered districts) get a chart each rather than one
    chart where no district has two bars.

    >>> frame = pd.DataFrame({"edition": ["2019", "2022", "2024"], "district": ["X", "1 - A", "1 - A"]})
    >>> [group["edition"].unique().tolist() for group in edition_groups(frame, "district")]
    [['2019'], ['2022', '2024']]
    """
    groups: list[tuple[set[str], set[str]]] = []
    for edition, rows in frame.groupby("edition", sort=True):
        keys = set(rows[key].astype(str))
        joined = [g for g in groups if g[1] & keys]
        editions, values = {str(edition)}, keys
        for group in joined:
            editions |= group[0]
            values |= group[1]
            groups.remove(group)
        groups.append((editions, values))
    result = []
    for editions, _ in sorted(groups, key=lambda g: min(g[0])):
        part = frame[frame["edition"].astype(str).isin(editions)]
        order = part[key].map(natural_key)
        result.append(
            part.assign(_order=order).sort_values(["_order", "edition"], kind="stable").drop(columns="_order")
        )
    return result
