"""Coded assessments: Ostrom's design principles and Arnstein's ladder of citizen participation.

These are not computed from the tables: the researcher codes them in
``case.yaml`` (``assessment.ostrom.<principle>.score`` 0 absent, 1 partial, 2
present, with evidence; ``assessment.arnstein.rung``). This module turns the
coding into the ``assessment`` indicators and tables. References: Ostrom,
*Governing the Commons* (1990), ch. 3; Arnstein, "A Ladder of Citizen
Participation", *JAIP* 35(4), 1969.

Example
-------
>>> from commons_analysis.model.case import Case
>>> import pandas as pd
>>> case = Case.from_frames(
...     {"id": "x", "assessment": {"ostrom": {"boundaries": {"score": 2}, "monitoring": {"score": 1}},
...                                "arnstein": {"rung": "partnership"}}},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
>>> assessment_indicators(case)
{'ostrom_score': 0.1875, 'arnstein_rung': 6}
>>> arnstein_summary(case)["group"]
'citizen_power'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.model.case import Case
from commons_analysis.model.metadata import Bilingual
from commons_analysis.model.schema.vocabularies import ARNSTEIN_RUNGS, OSTROM_PRINCIPLES

#: Highest possible Σ of Ostrom scores: 8 principles × 2 (present).
OSTROM_MAXIMUM = 2 * len(OSTROM_PRINCIPLES)

#: Arnstein's three groups of rungs, with the rung numbers they hold.
ARNSTEIN_GROUPS: dict[str, tuple[int, ...]] = {
    "non_participation": (1, 2),
    "tokenism": (3, 4, 5),
    "citizen_power": (6, 7, 8),
}


def arnstein_group(level: int) -> str:
    """The group of a rung number: non_participation (1–2), tokenism (3–5), citizen_power (6–8).

    >>> arnstein_group(1), arnstein_group(4), arnstein_group(8)
    ('non_participation', 'tokenism', 'citizen_power')
    """
    for group, levels in ARNSTEIN_GROUPS.items():
        if level in levels:
            return group
    raise ValueError(f"Arnstein rung must be 1 to 8, not {level!r}")


def ostrom_score(case: Case) -> float | None:
    """Σ of the coded Ostrom scores / 16; ``None`` when no principle is coded.

    The denominator is always 16 (8 principles × 2): a principle left uncoded
    weighs as absent, so code all eight before comparing cases.
    """
    assessment = case.meta.assessment
    if assessment is None or not assessment.ostrom:
        return None
    return sum(item.score for item in assessment.ostrom.values()) / OSTROM_MAXIMUM


def arnstein_rung(case: Case) -> int | None:
    """The coded Arnstein rung as a number 1 (manipulation) to 8 (citizen control); ``None`` if not coded."""
    assessment = case.meta.assessment
    if assessment is None or assessment.arnstein is None:
        return None
    return assessment.arnstein.level


def assessment_indicators(case: Case) -> dict[str, Any]:
    """The ``assessment`` part of the indicators: ``ostrom_score`` and ``arnstein_rung``."""
    return {"ostrom_score": ostrom_score(case), "arnstein_rung": arnstein_rung(case)}


def ostrom_table(case: Case, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """One row per Ostrom principle, canonical order: principle, score (0–2, missing if uncoded), evidence.

    ``evidence`` in ``lang`` (``case.yaml`` may give it in French and English).
    """
    assessment = case.meta.assessment
    coded = assessment.ostrom if assessment is not None else {}
    return pd.DataFrame(
        {
            "principle": list(OSTROM_PRINCIPLES),
            "score": pd.array([coded[p].score if p in coded else None for p in OSTROM_PRINCIPLES], "Int64"),
            "evidence": pd.array(
                [
                    Bilingual.of(coded[p].evidence).text(lang) if p in coded else None
                    for p in OSTROM_PRINCIPLES
                ],
                dtype="string",
            ),
        }
    )


def arnstein_summary(case: Case, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The coded Arnstein rung: ``rung`` name, ``level`` 1–8, ``group``, ``evidence``; ``None`` if uncoded.

    ``group`` is non_participation (manipulation, therapy), tokenism
    (informing, consultation, placation) or citizen_power (partnership,
    delegated_power, citizen_control). ``evidence`` in ``lang``.
    """
    assessment = case.meta.assessment
    if assessment is None or assessment.arnstein is None:
        return {"rung": None, "level": None, "group": None, "evidence": None}
    arnstein = assessment.arnstein
    return {
        "rung": arnstein.rung,
        "level": arnstein.level,
        "group": arnstein_group(arnstein.level),
        "evidence": Bilingual.of(arnstein.evidence).text(lang),
    }


__all__ = [
    "ARNSTEIN_GROUPS",
    "ARNSTEIN_RUNGS",
    "OSTROM_MAXIMUM",
    "arnstein_group",
    "arnstein_rung",
    "arnstein_summary",
    "assessment_indicators",
    "ostrom_score",
    "ostrom_table",
]
