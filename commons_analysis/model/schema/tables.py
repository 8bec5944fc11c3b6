"""The tables of the data contract: their columns, types, keys and accepted header spellings."""

from __future__ import annotations

from dataclasses import dataclass, field

from commons_analysis.model.schema.aliases import ENUM_ALIASES, fold

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
