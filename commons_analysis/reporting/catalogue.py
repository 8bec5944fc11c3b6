"""The catalogue of indicators: every key the reports, the comparison and the index show, in one place.

For each indicator: its dotted key (as ``commons-analysis indicators`` nests
it, docs/design.md §Indicators), its label in French and English, how its value
is written (:class:`Format`), the perspectives of the seed text it informs
(the first one is the report section it belongs to) and whether it is a
*headline* (a card at the top of that section, a column of ``compare``).
``docs/indicators.md`` documents each key; a test checks that the two agree.

Keys that stand for a family (``decisions.rule_shares.<rule>``,
``inclusion.<g>.share``) are written with ``<…>`` in place of the varying
part; a family member that is a headline (``decisions.rule_shares.consensus``)
has an entry of its own, with its own label.

This module is data only (no formatting, no plotting): :mod:`text` writes the
values and the labels, :mod:`compare` and the reports pick the headlines.

Example
-------
>>> lookup("decisions.rule_shares.majority").key
'decisions.rule_shares.<rule>'
>>> lookup("participation.gini").format, lookup("network.density").digits
('number', 3)
>>> HEADLINES["practices_tools"][:2]
('decisions.count', 'decisions.adopted_share')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

#: How a value is written: a whole number, a share as a percentage, a number, rounded hours,
#: an Arnstein rung with its name, yes/no, a p-value (``0,41``, ``0,012``, ``< 0,001``).
Format = Literal["count", "percent", "number", "hours", "rung", "flag", "p_value"]


@dataclass(frozen=True)
class Indicator:
    """One indicator of the catalogue.

    ``key``: dotted key, ``<…>`` for the varying part of a family; ``fr``,
    ``en``: labels; ``format`` and ``digits``: how a value is written;
    ``interval``: the value is a ``[low, high]`` pair; ``perspectives``: the
    perspectives it informs, the first one being its report section;
    ``headline``: a card of that section and a column of the comparison;
    ``member``: for a family, the enumeration its varying part takes its
    label from (``rule``, ``sector``, ``brokerage`` in :mod:`text`), else None.
    """

    key: str
    fr: str
    en: str
    format: Format = "number"
    perspectives: tuple[str, ...] = ()
    headline: bool = False
    digits: int = 2
    interval: bool = False
    member: str | None = None

    def label(self, lang: str) -> str:
        """The label in ``lang`` (``fr`` or ``en``)."""
        return self.fr if lang == "fr" else self.en

    @property
    def family(self) -> bool:
        """True when the key stands for several keys (it holds a ``<…>`` part)."""
        return "<" in self.key


_PP, _DP, _PT = "public_power", "distant_people", "practices_tools"


def _entry(
    key: str,
    fr: str,
    en: str,
    fmt: Format,
    *perspectives: str,
    headline: bool = False,
    digits: int = 2,
    interval: bool = False,
    member: str | None = None,
) -> Indicator:
    return Indicator(key, fr, en, fmt, perspectives, headline, digits, interval, member)


#: Every indicator, grouped as ``docs/indicators.md``; headlines in the order of their cards.
INDICATORS: tuple[Indicator, ...] = (
    # --- cooperation network ---------------------------------------------------------
    _entry("network.actors", "acteurs", "actors", "count", _PP, headline=True),
    _entry("network.ties", "liens", "ties", "count", _PP, headline=True),
    _entry("network.density", "densité", "density", "number", _PP, _PT, headline=True, digits=3),
    _entry("network.components", "composantes", "components", "count", _PP, _PT, headline=True),
    _entry(
        "network.ei_index", "indice E-I (ouverture entre secteurs)", "E-I index (openness across sectors)",
        "number", _PP, _PT, headline=True,
    ),
    _entry(
        "network.sector_assortativity", "assortativité par secteur", "sector assortativity", "number",
        _PP, _PT, headline=True,
    ),
    _entry(
        "network.conflict_ties", "paires en conflit", "pairs in conflict", "count", _PP, _PT, headline=True
    ),
    _entry("network.sector_ties.<pair>", "liens entre secteurs", "ties between sectors", "count", _PP),
    _entry("network.brokerage.<role>", "courtage", "brokerage", "count", _PP, _PT, member="brokerage"),
    _entry(
        "network.active_actors", "acteurs actifs (au moins un lien)", "active actors (at least one tie)",
        "count", _PP,
    ),
    _entry(
        "network.ei_index_p", "indice E-I : p (permutations)", "E-I index: p (permutations)", "p_value",
        _PP,
    ),
    _entry(
        "network.ei_index_expected", "indice E-I attendu au hasard", "E-I index expected by chance",
        "number", _PP,
    ),
    _entry(
        "network.ei_index_p_se", "indice E-I : erreur de Monte-Carlo de p",
        "E-I index: Monte-Carlo error of p", "number", _PP, digits=3,
    ),
    _entry(
        "network.sector_assortativity_p", "assortativité : p (permutations)",
        "assortativity: p (permutations)", "p_value", _PP,
    ),
    _entry(
        "network.sector_assortativity_expected", "assortativité attendue au hasard",
        "assortativity expected by chance", "number", _PP,
    ),
    _entry(
        "network.sector_assortativity_p_se", "assortativité : erreur de Monte-Carlo de p",
        "assortativity: Monte-Carlo error of p", "number", _PP, digits=3,
    ),
    # --- co-participation network --------------------------------------------------------
    _entry("coparticipation.actors", "acteurs ayant participé", "actors who took part", "count", _DP, _PT),
    _entry("coparticipation.ties", "paires présentes ensemble", "pairs who met", "count", _DP, _PT),
    _entry("coparticipation.density", "densité", "density", "number", _DP, _PT, digits=3),
    _entry("coparticipation.components", "composantes", "components", "count", _DP, _PT),
    _entry(
        "coparticipation.ei_index", "indice E-I (rencontres entre secteurs)",
        "E-I index (meeting across sectors)", "number", _DP, _PT,
    ),
    _entry(
        "coparticipation.sector_assortativity", "assortativité par secteur (rencontres)",
        "sector assortativity (meetings)", "number", _DP, _PT,
    ),
    _entry(
        "coparticipation.sector_ties.<pair>", "rencontres entre secteurs", "meetings between sectors",
        "count", _DP,
    ),
    _entry(
        "coparticipation.mean_shared_events", "événements partagés par paire (moyenne)",
        "events shared per pair (mean)", "number", _DP, _PT,
    ),
    # --- participation -----------------------------------------------------------------
    _entry("participation.events", "événements", "events", "count", _DP, headline=True),
    _entry("participation.participants", "participants", "participants", "count", _DP, headline=True),
    _entry("participation.records", "participations", "participation records", "count", _DP, headline=True),
    _entry("participation.mean_attendance", "présence moyenne", "mean attendance", "number", _DP),
    _entry(
        "participation.gini", "Gini de la participation", "Gini of participation", "number", _DP, _PP,
        headline=True,
    ),
    _entry(
        "participation.top10_share", "part des 10 % les plus actifs", "share of the 10% most active",
        "percent", _DP, _PP, headline=True,
    ),
    _entry(
        "participation.repeat_share", "part revenue au moins deux fois", "share coming twice or more",
        "percent", _DP, _PT, headline=True,
    ),
    _entry(
        "participation.newcomer_share", "part de nouveaux venus", "newcomer share", "percent", _DP,
        headline=True,
    ),
    _entry(
        "participation.sector_shares.citizen", "part des citoyens dans la participation",
        "citizens' share of records", "percent", _DP, _PP, headline=True,
    ),
    _entry(
        "participation.sector_shares.<sector>", "part des participations", "share of records", "percent",
        _DP, _PP, member="sector",
    ),
    _entry(
        "participation.hours_total", "heures de participation", "participation hours", "hours", _DP,
        headline=True,
    ),
    _entry(
        "participation.paid_hours_share", "part d'heures rémunérées", "paid hours share", "percent", _DP, _PP,
        headline=True,
    ),
    _entry(
        "participation.mean_turnout", "participation moyenne des ayants droit", "mean turnout", "percent",
        _DP,
    ),
    _entry(
        "participation.gini_ci", "Gini : intervalle à 95 %", "Gini: 95% interval", "number", _DP,
        interval=True,
    ),
    _entry(
        "participation.top10_share_ci", "part des 10 % les plus actifs : intervalle à 95 %",
        "share of the 10% most active: 95% interval", "percent", _DP, interval=True,
    ),
    _entry(
        "participation.repeat_share_ci", "part revenue au moins deux fois : intervalle à 95 %",
        "share coming twice or more: 95% interval", "percent", _DP, interval=True,
    ),
    # --- inclusion ---------------------------------------------------------------------
    _entry("inclusion.<g>.count", "effectif", "count", "count", _DP),
    _entry("inclusion.<g>.share", "part parmi les participants", "share among participants", "percent", _DP),
    _entry(
        "inclusion.<g>.representation_ratio", "rapport de représentation", "representation ratio", "number",
        _DP,
    ),
    _entry("inclusion.<g>.suppressed", "masqué", "suppressed", "flag", _DP),
    _entry(
        "inclusion.<g>.share_ci", "part parmi les participants : intervalle à 95 %",
        "share among participants: 95% interval", "percent", _DP, interval=True,
    ),
    # --- decisions ---------------------------------------------------------------------
    _entry("decisions.count", "décisions", "decisions", "count", _PT, headline=True),
    _entry("decisions.adopted_share", "part adoptée", "adopted share", "percent", _PT, headline=True),
    _entry(
        "decisions.rule_shares.consensus", "part au consensus", "consensus share", "percent", _PT,
        headline=True,
    ),
    _entry(
        "decisions.rule_shares.public_authority", "part par l'autorité publique", "public authority share",
        "percent", _PT, _PP, headline=True,
    ),
    _entry(
        "decisions.rule_shares.<rule>", "part des décisions", "share of decisions", "percent", _PT, _PP,
        member="rule",
    ),
    _entry(
        "decisions.open_share", "part prise en événement ouvert", "share taken at an open event", "percent",
        _PT, _DP, headline=True,
    ),
    _entry(
        "decisions.initiative_share_by_sector.public", "part de l'initiative publique",
        "share initiated by public actors", "percent", _PP, headline=True,
    ),
    _entry(
        "decisions.initiative_share_by_sector.<sector>", "part de l'initiative", "share of the initiative",
        "percent", _PP, member="sector",
    ),
    _entry(
        "decisions.initiative_hhi", "concentration de l'initiative (HHI)",
        "concentration of initiative (HHI)", "number", _PP, headline=True,
    ),
    _entry(
        "decisions.top3_initiative_share", "part des 3 premiers initiateurs", "top-3 initiators' share",
        "percent", _PP, headline=True,
    ),
    _entry(
        "decisions.supported_share", "part des propositions soutenues", "share of proposals supported",
        "percent", _PP, _PT,
    ),
    _entry(
        "decisions.support_reciprocity", "réciprocité des soutiens", "reciprocity of support", "percent",
        _PP, _PT,
    ),
    # --- participation, practices ------------------------------------------------------
    _entry(
        "participation.facilitator_rotation", "rotation de l'animation", "facilitator rotation", "number",
        _PT, headline=True,
    ),
    # --- assessment ----------------------------------------------------------------------
    _entry("assessment.ostrom_score", "score d'Ostrom", "Ostrom score", "number", _PT, headline=True),
    _entry(
        "assessment.arnstein_rung", "échelon d'Arnstein", "Arnstein rung", "rung", _PT, _PP, headline=True
    ),
    # --- evidence: sources and codings (issue 16; only for a case with codings) ------------
    _entry("evidence.sources", "sources", "sources", "count", _PT),
    _entry("evidence.consented_sources", "sources citables", "sources that may be quoted", "count", _PT),
    _entry("evidence.codings", "codages", "codings", "count", _PT),
    _entry("evidence.coders", "codeurs", "coders", "count", _PT),
    _entry("evidence.passages", "passages codés", "passages coded", "count", _PT),
    _entry(
        "evidence.agreement.alpha", "accord entre codeurs (alpha de Krippendorff)",
        "agreement between coders (Krippendorff's alpha)", "number", _PT,
    ),
    _entry(
        "evidence.agreement.ci95", "accord entre codeurs : intervalle à 95 %",
        "agreement between coders: 95% interval", "number", _PT, interval=True,
    ),
    _entry("evidence.agreement.units", "unités de l'accord", "units of the agreement", "count", _PT),
    _entry(
        "evidence.scores_agreement.alpha", "accord sur les scores d'Ostrom (alpha ordinal)",
        "agreement on Ostrom scores (ordinal alpha)", "number", _PT,
    ),
    _entry(
        "evidence.scores_agreement.ci95", "accord sur les scores d'Ostrom : intervalle à 95 %",
        "agreement on Ostrom scores: 95% interval", "number", _PT, interval=True,
    ),
    _entry(
        "evidence.disagreements", "divergences entre codeurs", "disagreements between coders", "count", _PT
    ),
)  # fmt: skip

_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


def _pattern(key: str) -> re.Pattern[str]:
    """A key with ``<…>`` parts as a regular expression (each ``<…>`` matches one dotted part)."""
    parts = ("[^.]+" if part.startswith("<") else re.escape(part) for part in key.split("."))
    return re.compile("^" + r"\.".join(parts) + "$")


_FAMILIES = [(_pattern(indicator.key), indicator) for indicator in INDICATORS if indicator.family]

#: The three perspectives in the order of the reports.
PERSPECTIVE_ORDER = (_PP, _DP, _PT)
#: The groups of cases on the index and the comparison, in order (headings ``index.<status>`` of :mod:`text`).
DATA_STATUS_ORDER = ("documented", "illustrative")

#: The headline indicators of each perspective, by dotted key, in the order of their cards.
HEADLINES: dict[str, tuple[str, ...]] = {
    perspective: tuple(i.key for i in INDICATORS if i.headline and i.perspectives[0] == perspective)
    for perspective in PERSPECTIVE_ORDER
}

#: The few figures the index page gives for each case.
INDEX_HEADLINES = (
    "network.actors",
    "network.ei_index",
    "participation.participants",
    "participation.gini",
    "decisions.rule_shares.consensus",
    "assessment.ostrom_score",
)


def lookup(key: str) -> Indicator | None:
    """The catalogue entry of a dotted key: its own, else its family's; None when the key is unknown.

    >>> lookup("inclusion.qpv.share").key, lookup("network.nowhere")
    ('inclusion.<g>.share', None)
    """
    found = _BY_KEY.get(key)
    if found is not None:
        return found
    for pattern, indicator in _FAMILIES:
        if pattern.match(key):
            return indicator
    return None


def member_of(key: str, indicator: Indicator) -> str | None:
    """The varying part of ``key`` in the family ``indicator`` (``majority`` of ``….rule_shares.majority``).

    >>> member_of("decisions.rule_shares.majority", lookup("decisions.rule_shares.majority"))
    'majority'
    """
    if not indicator.family:
        return None
    for have, pattern in zip(key.split("."), indicator.key.split("."), strict=False):
        if pattern.startswith("<"):
            return have
    return None


def headline_keys() -> tuple[str, ...]:
    """Every headline key, perspective after perspective (the columns of ``compare``)."""
    return tuple(key for keys in HEADLINES.values() for key in keys)


__all__ = [
    "DATA_STATUS_ORDER",
    "HEADLINES",
    "INDEX_HEADLINES",
    "INDICATORS",
    "PERSPECTIVE_ORDER",
    "Format",
    "Indicator",
    "headline_keys",
    "lookup",
    "member_of",
]
