"""The data contract of a case: tables, columns, types, enumerations and aliases.

Everything that knows what a column *is* reads it from here: the reader (to
recognise French headers and values), the validator (to check and coerce),
the templates of ``new-case`` and the Table Schemas of the Data Package
export. See docs/design.md §Tables.

Example
-------
>>> TABLES["actors"].column("sector").enum
('commons', 'public', 'sse', 'private', 'citizen', 'other')
>>> ENUM_ALIASES["sector"][fold("privé")]
'private'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from commons_analysis.core.formats import DATE_PRECISIONS

SECTORS = ("commons", "public", "sse", "private", "citizen", "other")
ACTOR_KINDS = ("person", "organisation", "group")
RELATION_TYPES = (
    "membership",
    "governance",
    "funding",
    "in_kind",
    "contract",
    "partnership",
    "co_construction",
    "conflict",
)
#: Relation types whose arc goes from the first actor to the second only.
DIRECTED_RELATION_TYPES = ("membership", "governance", "funding", "in_kind", "contract")
#: Relation types that link both actors both ways.
SYMMETRIC_RELATION_TYPES = ("partnership", "co_construction", "conflict")
EVENT_KINDS = (
    "assembly",
    "working_group",
    "public_meeting",
    "council",
    "work_day",
    "training",
    "ballot",
    "other",
)
PARTICIPATION_ROLES = ("attendee", "facilitator", "speaker", "organiser")
DECISION_RULES = (
    "consensus",
    "majority",
    "supermajority",
    "sortition",
    "public_authority",
    "delegated",
    "participatory_budget",
    "other",
)
#: How a participatory budgeting ballot expresses support (Pabulib's ``vote_type``).
VOTE_TYPES = ("approval", "cumulative", "ordinal", "scoring")
PERSPECTIVES = ("public_power", "distant_people", "practices_tools")
DATA_STATUSES = ("illustrative", "documented")
OSTROM_PRINCIPLES = (
    "boundaries",
    "congruence",
    "collective_choice",
    "monitoring",
    "graduated_sanctions",
    "conflict_resolution",
    "recognition_of_rights",
    "nested_enterprises",
)
#: Arnstein's ladder of citizen participation, bottom rung first (rung = index + 1).
ARNSTEIN_RUNGS = (
    "manipulation",
    "therapy",
    "informing",
    "consultation",
    "placation",
    "partnership",
    "delegated_power",
    "citizen_control",
)

#: Kinds of qualitative source (issue 16): what was heard or read.
SOURCE_KINDS = ("audition", "interview", "field_note", "reading_note", "document", "deliberation")

CASE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"


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

#: One of: "id", "ids" (actor ids separated by ``|``), "text", "enum", "date", "number",
#: "count" (a whole number ≥ 0), "bool", "tags" (declared group tags separated by ``|``),
#: "labels" (free labels separated by ``|``, kept in their order: categories, a ballot's project ids).
ColumnType = str


@dataclass(frozen=True)
class Column:
    """One column of a table: its type, whether it is required, and its default."""

    name: str
    type: ColumnType
    required: bool = False
    enum_name: str | None = None
    default: object = None
    minimum: float | None = None
    description: str = ""
    french: tuple[str, ...] = ()

    @property
    def enum(self) -> tuple[str, ...]:
        """The canonical values of an enumerated column (empty tuple otherwise)."""
        if self.enum_name is None:
            return ()
        return tuple(dict.fromkeys(ENUM_ALIASES[self.enum_name].values()))


@dataclass(frozen=True)
class Table:
    """One table of a case, as a CSV file ``<name>.csv`` or a sheet of ``case.xlsx``."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    required: bool = False
    french: tuple[str, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        """Column names in their canonical order."""
        return [column.name for column in self.columns]

    def header_aliases(self) -> dict[str, str]:
        """Folded header spelling (English or French) → canonical column name."""
        table: dict[str, str] = {}
        for column in self.columns:
            table[fold(column.name)] = column.name
            for alias in column.french:
                table[fold(alias)] = column.name
        return table


def _enum(name: str, enum_name: str, **kwargs: object) -> Column:
    return Column(name, "enum", enum_name=enum_name, **kwargs)  # type: ignore[arg-type]


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "actors",
            (
                Column("actor_id", "id", required=True, french=("id", "identifiant", "id_acteur", "acteur")),
                Column("name", "text", required=True, french=("nom",)),
                _enum("sector", "sector", required=True, french=("secteur",)),
                _enum("kind", "kind", default="organisation", french=("nature", "type_acteur")),
                Column("role", "text", french=("rôle", "fonction")),
                Column("groups", "tags", french=("groupes", "étiquettes")),
                Column(
                    "age",
                    "count",
                    minimum=0,
                    description="age in years, where the records give it",
                    french=("âge",),
                ),
                Column("sex", "text", description="sex as the records give it (e.g. F, M)", french=("sexe",)),
            ),
            primary_key=("actor_id",),
            required=True,
            french=("acteurs",),
        ),
        Table(
            "relations",
            (
                Column("source", "id", required=True, french=("de", "origine")),
                Column("target", "id", required=True, french=("vers", "cible", "destination")),
                _enum("type", "type", required=True, french=("type_relation", "nature")),
                Column("weight", "number", default=1.0, minimum=0, french=("poids",)),
                Column("amount_eur", "number", minimum=0, french=("montant", "montant_eur")),
                Column("start", "date", french=("début", "date_debut", "debut")),
                Column("end", "date", french=("fin", "date_fin")),
                Column("note", "text", french=("remarque", "commentaire")),
            ),
            primary_key=(),
            french=("liens",),
        ),
        Table(
            "events",
            (
                Column(
                    "event_id", "id", required=True, french=("id", "identifiant", "id_evenement", "événement")
                ),
                Column("date", "date", required=True),
                _enum("kind", "event_kind", required=True, french=("type", "nature")),
                Column("title", "text", french=("titre", "intitulé")),
                Column("open", "bool", default=True, french=("ouvert", "public")),
                Column("duration_hours", "number", minimum=0, french=("durée", "durée_heures", "duree_h")),
                Column(
                    "eligible",
                    "count",
                    minimum=0,
                    description="persons entitled to take part (members, electorate)",
                    french=("inscrits", "ayants_droit", "électeurs_inscrits"),
                ),
                Column(
                    "attendance",
                    "count",
                    minimum=0,
                    description="persons who took part, where the records count them without naming them all",
                    french=("présents", "votants", "nombre_de_participants"),
                ),
            ),
            primary_key=("event_id",),
            french=("événements", "evenements"),
        ),
        Table(
            "participation",
            (
                Column("event_id", "id", required=True, french=("événement", "id_evenement")),
                Column("actor_id", "id", required=True, french=("acteur", "id_acteur")),
                _enum("role", "participation_role", default="attendee", french=("rôle",)),
                Column("hours", "number", minimum=0, french=("heures",)),
                Column("paid", "bool", default=False, french=("rémunéré", "payé", "remunere")),
                Column(
                    "ballot",
                    "labels",
                    description="a budget vote: the project ids of the event chosen, in the ballot's order "
                    "(ordinal: first rank first), separated by |",
                    french=("bulletin", "vote"),
                ),
                Column(
                    "points",
                    "labels",
                    description="points given to each project of `ballot`, in the same order "
                    "(cumulative, scoring); empty: one each",
                    french=("notes",),
                ),
                Column(
                    "method",
                    "text",
                    description="how the vote was cast (e.g. internet, paper)",
                    french=("mode_de_vote", "moyen"),
                ),
            ),
            primary_key=("event_id", "actor_id"),
        ),
        Table(
            "decisions",
            (
                Column(
                    "decision_id",
                    "id",
                    required=True,
                    french=("id", "identifiant", "id_decision", "décision"),
                ),
                Column("event_id", "id", french=("événement", "id_evenement")),
                Column("date", "date"),
                Column("topic", "text", french=("sujet", "objet", "thème")),
                _enum("rule", "rule", required=True, french=("règle", "mode_de_décision", "mode")),
                Column("initiated_by", "id", french=("initiative", "initié_par", "à_l_initiative_de")),
                Column(
                    "supported_by",
                    "ids",
                    description="supporters: seconders, co-signers, sponsors (actor ids separated by |)",
                    french=("soutenu_par", "soutiens", "cosignataires"),
                ),
                Column("adopted", "bool", default=True, french=("adoptée", "adopté")),
                Column("votes_for", "count", minimum=0, french=("voix_pour", "pour")),
                Column("votes_against", "count", minimum=0, french=("voix_contre", "contre")),
                Column("abstentions", "count", minimum=0, french=("abstention",)),
                _enum("date_precision", "date_precision", french=("précision_date", "précision_de_la_date")),
            ),
            primary_key=("decision_id",),
        ),
        Table(
            "budgets",
            (
                Column("event_id", "id", required=True, french=("événement", "id_evenement")),
                Column("source", "text", description="the file the vote was read from"),
                Column(
                    "unit", "text", description="the territory whose budget it is", french=("territoire",)
                ),
                Column(
                    "subunit",
                    "text",
                    description="the district, where the vote is per district",
                    french=("quartier", "secteur_géographique"),
                ),
                Column("instance", "text", description="the edition (e.g. a year)", french=("édition",)),
                Column(
                    "part_of",
                    "id",
                    description="the event of the whole vote this one is a part of",
                    french=("partie_de",),
                ),
                Column("budget", "number", required=True, minimum=0, french=("montant", "enveloppe")),
                Column("currency", "text", french=("monnaie", "devise")),
                _enum("vote_type", "vote_type", required=True, french=("type_de_vote",)),
                Column(
                    "rule",
                    "text",
                    description="the declared counting rule (greedy, equalshares/add1, …)",
                    french=("règle",),
                ),
                Column("min_length", "count", minimum=0, french=("longueur_min",)),
                Column("max_length", "count", minimum=0, french=("longueur_max",)),
                Column("min_points", "number", minimum=0),
                Column("max_points", "number", minimum=0),
                Column("min_sum_points", "number", minimum=0),
                Column("max_sum_points", "number", minimum=0),
                Column("min_project_score_threshold", "number", minimum=0, french=("seuil",)),
                Column("date_begin", "date", french=("début", "date_debut")),
                Column("date_end", "date", french=("fin", "date_fin")),
                Column("comment", "text", french=("commentaire",)),
            ),
            primary_key=("event_id",),
            french=("budgets_participatifs",),
        ),
        Table(
            "projects",
            (
                Column("event_id", "id", required=True, french=("événement", "id_evenement")),
                Column("project_id", "id", required=True, french=("projet", "id_projet")),
                Column("decision_id", "id", required=True, french=("décision", "id_decision")),
                Column("cost", "number", required=True, minimum=0, french=("coût", "cout", "montant")),
                Column("votes", "count", minimum=0, description="votes as published", french=("voix",)),
                Column("score", "number", minimum=0, description="points or rank points as published"),
                Column("category", "labels", french=("catégorie", "thème")),
                Column("district", "text", french=("quartier",)),
                Column("beneficiaries", "labels", french=("bénéficiaires", "publics")),
                Column("latitude", "number"),
                Column("longitude", "number"),
                Column(
                    "selected",
                    "count",
                    minimum=0,
                    description="the published outcome: 1 funded by the vote, 2 funded outside the budget "
                    "(turnout award), 0 not funded; empty where the records publish none",
                    french=("retenu", "sélectionné"),
                ),
                Column(
                    "withdrawn",
                    "bool",
                    default=False,
                    description="withdrawn after the vote (Pabulib: cost 999999999)",
                    french=("retiré",),
                ),
            ),
            primary_key=("event_id", "project_id"),
            french=("projets",),
        ),
        Table(
            "population",
            (
                Column(
                    "territory",
                    "text",
                    required=True,
                    description="a unit or district as the votes name it",
                    french=("territoire", "quartier"),
                ),
                Column(
                    "group",
                    "text",
                    description="a group of residents (e.g. an age band); empty: all",
                    french=("groupe",),
                ),
                Column("population", "count", required=True, minimum=0, french=("habitants",)),
                Column("year", "count", minimum=0, french=("année",)),
                Column("source", "text", french=("référence",)),
            ),
            primary_key=(),
        ),
        # -- evidence (issue 16): qualitative sources and their codings ------------------
        Table(
            "sources",
            (
                Column("source_id", "id", required=True, french=("id", "identifiant", "id_source")),
                _enum("kind", "source_kind", required=True, french=("type", "nature", "genre")),
                Column("title", "text", french=("titre", "intitulé")),
                Column("date", "date"),
                Column("language", "text", french=("langue",)),
                Column(
                    "role",
                    "text",
                    description="the role of the person heard (never a private person's name)",
                    french=("rôle", "fonction", "qualité"),
                ),
                Column("consent", "bool", default=False, french=("consentement", "accord")),
                Column(
                    "file",
                    "text",
                    description="the text of the source, a UTF-8 file in the case folder (e.g. texts/a.txt)",
                    french=("fichier",),
                ),
                Column("reference", "text", french=("référence", "cote", "lien")),
            ),
            primary_key=("source_id",),
        ),
        Table(
            "codings",
            (
                Column("coding_id", "id", french=("id", "identifiant", "id_codage")),
                Column("source_id", "id", required=True, french=("source", "id_source")),
                Column("start", "count", minimum=0, french=("début", "debut")),
                Column("end", "count", minimum=0, french=("fin",)),
                Column(
                    "segment",
                    "text",
                    description="the passage's unit: a segment id (default: the paragraph p<N> of start)",
                    french=("passage", "unité", "unite"),
                ),
                Column("excerpt", "text", french=("extrait", "citation")),
                Column("code", "text", required=True),
                Column("coder", "text", required=True, french=("codeur", "codeuse", "codage_par")),
                Column(
                    "value",
                    "number",
                    description="a score where the code carries one: Ostrom 0–2, Arnstein rung 1–8",
                    french=("valeur", "score", "note"),
                ),
                Column("memo", "text", french=("mémo", "commentaire", "remarque")),
            ),
            primary_key=("coding_id",),
            french=("codages", "codage"),
        ),
    )
}

#: Tables a case has only when it records participatory budget votes: left out of a new case's
#: templates, and of an export when they are empty (the data contract still lists them).
BUDGET_TABLES = ("budgets", "projects", "population")
#: The optional tables of evidence (issue 16): a case without auditions or readings has none; left
#: out of a new case's templates unless asked for (``new-case --evidence``), and of an empty export.
EVIDENCE_TABLES = ("sources", "codings")
#: The tables every case has (its templates, its export).
CORE_TABLES = tuple(name for name in TABLES if name not in BUDGET_TABLES + EVIDENCE_TABLES)

#: Folded spelling of a table's file or sheet name (English or French) → canonical table name.
TABLE_ALIASES: dict[str, str] = {
    alias: table.name
    for table in TABLES.values()
    for alias in (fold(table.name), *(fold(name) for name in table.french))
}

_DTYPES: dict[ColumnType, object] = {
    "id": "string",
    "text": "string",
    "date": "datetime64[ns]",
    "number": "Float64",
    "count": "Int64",
    "bool": "boolean",
    "tags": "object",
    "ids": "object",
    "labels": "object",
}


def dtype(column: Column) -> object:
    """The pandas dtype a column has in a :class:`~commons_analysis.model.case.Case`."""
    if column.type == "enum":
        return pd.CategoricalDtype(list(column.enum), ordered=False)
    return _DTYPES[column.type]


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with every column of ``table`` in its typed dtype.

    >>> empty_frame("relations").dtypes["weight"]
    Float64Dtype()
    """
    spec = TABLES[table]
    return pd.DataFrame({c.name: pd.Series([], dtype=dtype(c)) for c in spec.columns})  # type: ignore[call-overload]


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Cast an already valid frame to the typed columns of ``table``, filling defaults.

    Used to build a :class:`~commons_analysis.model.case.Case` from frames made in
    code (tests, synthetic benchmarks). It does not validate: files go through
    :mod:`commons_analysis.ingest.validation`, which reports every problem.

    >>> frame = pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]})
    >>> conform("actors", frame)["kind"].tolist()
    ['organisation']
    """
    spec = TABLES[table]
    columns: dict[str, pd.Series] = {}
    for column in spec.columns:
        if column.name in frame.columns:
            values = frame[column.name]
        else:
            values = pd.Series([column.default] * len(frame), index=frame.index, dtype=object)
        if column.type in ("tags", "ids", "labels"):
            values = values.map(_as_tags)
        elif column.type == "date":
            values = pd.to_datetime(values).astype("datetime64[ns]")
        elif column.default is not None:
            values = values.where(values.notna(), column.default)
        columns[column.name] = values.astype(dtype(column))  # type: ignore[call-overload]
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))


def _as_tags(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ()
    # filter/map run in C: this is called once per ballot (87,138 of them in Warsaw 2023)
    return tuple(filter(None, map(str.strip, str(value).split("|"))))
