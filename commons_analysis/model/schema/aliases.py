"""The spellings accepted for each vocabulary's values (English, French, accents and case folded)."""

from __future__ import annotations

import unicodedata

from commons_analysis.core.formats import DATE_PRECISIONS
from commons_analysis.model.schema.vocabularies import (
    ACTOR_KINDS,
    DECISION_RULES,
    EVENT_KINDS,
    PARTICIPATION_ROLES,
    RELATION_TYPES,
    SECTORS,
    SOURCE_KINDS,
    VOTE_TYPES,
)


def fold(text: str) -> str:
    """Fold a spelling for comparison: trim, lower-case, drop accents, ``-``/space → ``_``.

    >>> fold("  Majorité ")
    'majorite'
    >>> fold("Co-construction")
    'co_construction'
    """
    decomposed = unicodedata.normalize("NFKD", str(text).strip().casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "_".join(plain.replace("-", " ").replace("'", " ").split())


def _aliases(canonical: tuple[str, ...], french: dict[str, str]) -> dict[str, str]:
    """Map every folded spelling (canonical or French) to its canonical value."""
    table = {fold(value): value for value in canonical}
    for alias, value in french.items():
        assert value in canonical, value
        table[fold(alias)] = value
    return table


#: Folded spelling → canonical value, for each enumerated column name.
ENUM_ALIASES: dict[str, dict[str, str]] = {
    "sector": _aliases(
        SECTORS,
        {
            "commun": "commons",
            "communs": "commons",
            "public": "public",
            "publique": "public",
            "puissance publique": "public",
            "ess": "sse",
            "économie sociale et solidaire": "sse",
            "privé": "private",
            "prive": "private",
            "citoyen": "citizen",
            "citoyenne": "citizen",
            "citoyens": "citizen",
            "habitant": "citizen",
            "habitante": "citizen",
            "habitants": "citizen",
            "autre": "other",
        },
    ),
    "kind": _aliases(
        ACTOR_KINDS,
        {
            "personne": "person",
            "organization": "organisation",
            "organisme": "organisation",
            "structure": "organisation",
            "groupe": "group",
            "collectif": "group",
        },
    ),
    "type": _aliases(
        RELATION_TYPES,
        {
            "adhésion": "membership",
            "membre": "membership",
            "gouvernance": "governance",
            "financement": "funding",
            "subvention": "funding",
            "en nature": "in_kind",
            "apport en nature": "in_kind",
            "contrat": "contract",
            "marché": "contract",
            "partenariat": "partnership",
            "co-construction": "co_construction",
            "coconstruction": "co_construction",
            "conflit": "conflict",
        },
    ),
    "event_kind": _aliases(
        EVENT_KINDS,
        {
            "assemblée": "assembly",
            "assemblée générale": "assembly",
            "ag": "assembly",
            "groupe de travail": "working_group",
            "atelier": "working_group",
            "réunion publique": "public_meeting",
            "conseil": "council",
            "conseil municipal": "council",
            "chantier": "work_day",
            "journée de travail": "work_day",
            "formation": "training",
            "scrutin": "ballot",
            "élection": "ballot",
            "vote": "ballot",
            "autre": "other",
        },
    ),
    "participation_role": _aliases(
        PARTICIPATION_ROLES,
        {
            "participant": "attendee",
            "participante": "attendee",
            "présent": "attendee",
            "animateur": "facilitator",
            "animatrice": "facilitator",
            "animation": "facilitator",
            "facilitateur": "facilitator",
            "facilitatrice": "facilitator",
            "intervenant": "speaker",
            "intervenante": "speaker",
            "orateur": "speaker",
            "oratrice": "speaker",
            "organisateur": "organiser",
            "organisatrice": "organiser",
            "organizer": "organiser",
        },
    ),
    "rule": _aliases(
        DECISION_RULES,
        {
            "majorité": "majority",
            "majorité qualifiée": "supermajority",
            "super majorité": "supermajority",
            "tirage au sort": "sortition",
            "autorité publique": "public_authority",
            "puissance publique": "public_authority",
            "délégation": "delegated",
            "délégué": "delegated",
            "budget participatif": "participatory_budget",
            "vote budgétaire": "participatory_budget",
            "autre": "other",
        },
    ),
    "source_kind": _aliases(
        SOURCE_KINDS,
        {
            "entretien": "interview",
            "note de terrain": "field_note",
            "visite de terrain": "field_note",
            "note de lecture": "reading_note",
            "délibération": "deliberation",
            "compte rendu": "deliberation",
        },
    ),
    "vote_type": _aliases(
        VOTE_TYPES,
        {
            "approbation": "approval",
            "cumulatif": "cumulative",
            "points": "cumulative",
            "classement": "ordinal",
            "ordinal": "ordinal",
            "notes": "scoring",
            "notation": "scoring",
        },
    ),
}


#: How much of a decision's date is known: the day, the month, the year, or only roughly.
ENUM_ALIASES["date_precision"] = _aliases(
    DATE_PRECISIONS,
    {"jour": "day", "mois": "month", "année": "year", "an": "year", "approximative": "approximate"},
)
