"""The participatory budget section of a case report: the three perspectives and the co-support network.

``report.budgeting`` (a :class:`BudgetingSection`) gives one block per
notebook cell, ``report.budgeting.represented()`` for instance, each
carrying the tidy frame it shows (``.data``) and, for a chart, the plotly
figure (``.figure``). A case without budget votes shows nothing (an empty
:class:`~commons_analysis.reporting.blocks.Blocks`).

Three selections W are read (:mod:`~commons_analysis.analysis.budget_votes`):
the city's, as the case records it (``decisions.adopted``: the published
selection, else what the declared rule selects), greedy and Equal Shares with
Add1 (from the indicators' ``budgeting.instances``). Where a vote is split
into district votes, the money is counted in the district votes.

Privacy: proposers are named as the report context's case names them
(persons by pseudonym); voter counts of 0 < n < k are never printed
(``min_cell``). Strings are this module's :data:`STRINGS` (French, English),
under keys ``budget.*``.

Example
-------
>>> from commons_analysis.analysis.budget_votes import example_case
>>> from commons_analysis.reporting.case_report import CaseReport
>>> section = CaseReport(example_case(), lang="en", min_cell=1, permutations=0, bootstrap=0).budgeting
>>> section.available, section.ballots_by_district().data["voters"].tolist()
(True, [2, 2])
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pandas as pd

from commons_analysis.analysis import budget_network, budget_power, budget_practices, budget_voters
from commons_analysis.analysis.budget_votes import (
    AGE_BANDS,
    adopted_selection,
    budget_votes,
    rule_selections,
)
from commons_analysis.reporting import plots_budgeting as charts
from commons_analysis.reporting.blocks import Block, Blocks, FigureBlock, html_table
from commons_analysis.reporting.text import LANGS, UNDEFINED, chance_reading, label, number, percent

if TYPE_CHECKING:
    from commons_analysis.reporting.context import ReportContext

# Each entry: key -> (French, English).
STRINGS: dict[str, tuple[str, str]] = {
    "budget.heading": ("Budget participatif", "Participatory budget"),
    "budget.heading.public_power": (
        "Budget participatif : qui propose, où va l'argent, ce que décide la règle",
        "Participatory budget: who proposes, where the money goes, what the rule decides",
    ),
    "budget.heading.distant_people": (
        "Budget participatif : qui vote, et qui voit un de ses projets financé",
        "Participatory budget: who votes, and who sees one of their projects funded",
    ),
    "budget.heading.practices_tools": (
        "Budget participatif : comment on vote, et la règle de décompte comme outil",
        "Participatory budget: how people vote, and the counting rule as a tool",
    ),
    "budget.heading.network": (
        "Budget participatif : les soutiens restent-ils dans le quartier ?",
        "Participatory budget: does support stay inside the district?",
    ),
    "budget.votes": (
        "{votes} votes, {ballots} bulletins, {projects} projets ; éditions : {editions}.",
        "{votes} votes, {ballots} ballots, {projects} projects; editions: {editions}.",
    ),
    "budget.selection_note": (
        "Ensemble financé « selon la ville » : la sélection publiée quand le fichier en donne une, sinon ce "
        "que sélectionne la règle déclarée (la ville ne publie alors pas la liste des projets financés). "
        "Quand un vote est découpé en votes de quartier, l'argent est compté dans les votes de quartier.",
        "Funded set \u201cby the city\u201d: the published selection where the file gives one, else what the "
        "declared rule selects (the city then publishes no list of funded projects). Where a vote is split "
        "into district votes, the money is counted in the district votes.",
    ),
    # public power
    "budget.proposers.title": (
        "Qui propose : projets par secteur du porteur",
        "Who proposes: projects by sector",
    ),
    "budget.proposers.none": (
        "Les fichiers ne disent pas qui a proposé les projets.",
        "The files do not say who proposed the projects.",
    ),
    "budget.proposers.unknown": ("non renseigné", "not recorded"),
    "budget.proposers.top": ("Porteurs ayant proposé le plus de projets", "Proposers with the most projects"),
    "budget.col.edition": ("Édition", "Edition"),
    "budget.col.sector": ("Secteur du porteur", "Proposer's sector"),
    "budget.col.proposer": ("Porteur", "Proposer"),
    "budget.col.projects": ("Projets", "Projects"),
    "budget.col.funded": ("Financés", "Funded"),
    "budget.col.proposed_cost": ("Coût proposé", "Cost proposed"),
    "budget.col.funded_cost": ("Montant financé", "Amount funded"),
    "budget.col.district": ("Quartier", "District"),
    "budget.col.category": ("Catégorie", "Category"),
    "budget.col.share": ("Part du budget financé", "Share of the funded budget"),
    "budget.col.city": ("Financés (ville)", "Funded (city)"),
    "budget.col.equal_shares": ("Financés (parts égales)", "Funded (Equal Shares)"),
    "budget.col.gained": ("Gagnés", "Gained"),
    "budget.col.lost": ("Perdus", "Lost"),
    "budget.col.cost_gained": ("Montant gagné", "Amount gained"),
    "budget.col.cost_lost": ("Montant perdu", "Amount lost"),
    "budget.col.project": ("Projet", "Project"),
    "budget.col.cost": ("Coût", "Cost"),
    "budget.col.votes": ("Voix", "Votes"),
    "budget.col.departure": ("Écart", "Departure"),
    "budget.col.voters": ("Votants", "Voters"),
    "budget.col.per_voter": ("Budget par votant", "Budget per voter"),
    "budget.col.group": ("Groupe", "Group"),
    "budget.col.represented_city": (
        "Au moins un projet financé (ville)",
        "At least one project funded (city)",
    ),
    "budget.col.represented_es": (
        "Au moins un projet financé (parts égales)",
        "At least one project funded (Equal Shares)",
    ),
    "budget.col.age_band": ("Âge", "Age"),
    "budget.col.sex": ("Sexe", "Sex"),
    "budget.col.rule": ("Règle", "Rule"),
    "budget.col.left_out": ("Votants sans aucun projet financé", "Voters with nothing funded"),
    "budget.col.mean_length": ("Projets par bulletin (moyenne)", "Projects per ballot (mean)"),
    "budget.col.max_length": ("Maximum autorisé", "Maximum allowed"),
    "budget.col.full_share": ("Bulletins complets", "Full ballots"),
    "budget.col.single_share": ("Bulletins d'un seul projet", "Single-project ballots"),
    "budget.col.vote": ("Vote", "Vote"),
    "budget.col.ties": ("Liens", "Ties"),
    "budget.col.ei": ("Indice E-I", "E-I index"),
    "budget.col.ei_weighted": ("E-I pondéré", "Weighted E-I"),
    "budget.col.assortativity": ("Assortativité pondérée", "Weighted assortativity"),
    "budget.col.reading": ("Lecture", "Reading"),
    "budget.col.population": ("Habitants", "Residents"),
    "budget.col.turnout": ("Participation", "Turnout"),
    "budget.col.beneficiary": ("Bénéficiaires", "Beneficiaries"),
    "budget.by_district.title": ("Budget financé par quartier", "Funded budget by district"),
    "budget.by_category.title": ("Budget financé par catégorie", "Funded budget by category"),
    "budget.amount_axis": ("montant financé ({currency})", "amount funded ({currency})"),
    "budget.by_category.caption": (
        "Un projet de deux catégories compte dans les deux : les parts peuvent dépasser 100 % au total.",
        "A project of two categories counts in both: the shares may add up to more than 100%.",
    ),
    "budget.rule_changes.title": (
        "Ce que changerait une règle proportionnelle (méthode des parts égales), quartier par quartier",
        "What a proportional rule (Method of Equal Shares) would change, district by district",
    ),
    "budget.rule_changes.summary": (
        "Avec la méthode des parts égales (complétion Add1) : projets financés en plus : {gained} "
        "({cost_gained}) ; projets qui ne le seraient plus : {lost} ({cost_lost}).",
        "With the Method of Equal Shares (Add1 completion): projects funded in addition: {gained} "
        "({cost_gained}); projects no longer funded: {lost} ({cost_lost}).",
    ),
    "budget.departures.title": ("Écarts à la règle déclarée", "Departures from the declared rule"),
    "budget.departures.none": (
        "Là où la ville publie sa sélection, elle suit la règle déclarée : aucun écart.",
        "Where the city publishes its selection, it follows the declared rule: no departure.",
    ),
    "budget.departures.unpublished": (
        "Aucun fichier ne publie la sélection de la ville : les écarts à la règle ne peuvent pas être lus.",
        "No file publishes the city's selection: departures from the rule cannot be read.",
    ),
    "budget.departure.published_only": (
        "financé bien que la règle ne le retienne pas",
        "funded though the rule would not",
    ),
    "budget.departure.rule_only": (
        "retenu par la règle mais non financé",
        "selected by the rule but not funded",
    ),
    # distant people
    "budget.ballots.title": ("Bulletins par quartier et par édition", "Ballots by district and edition"),
    "budget.ballots.axis": ("bulletins", "ballots"),
    "budget.ballots.caption": (
        "Votants d'un quartier : les bulletins qui choisissent au moins un projet du quartier (un bulletin "
        "qui choisit des projets de deux quartiers compte dans les deux). Moins de {k} bulletins : non "
        "affiché.",
        "Voters of a district: the ballots that choose at least one project of the district (a ballot "
        "choosing "
        "projects of two districts counts in both). Fewer than {k} ballots: not shown.",
    ),
    "budget.ballots.fewest": (
        "Édition {edition} : le quartier le moins votant est « {district} » ({voters} bulletins, contre une "
        "médiane de {median} par quartier).",
        "Edition {edition}: the district with the fewest ballots is \u201c{district}\u201d "
        "({voters} ballots, "
        "against a median of {median} per district).",
    ),
    "budget.per_voter.title": (
        "Budget financé par votant, par quartier",
        "Funded budget per voter, by district",
    ),
    "budget.per_voter.axis": ("montant par votant ({currency})", "amount per voter ({currency})"),
    "budget.per_voter.caption": (
        "Somme des coûts des projets financés situés dans le quartier, divisée par les votants du quartier.",
        "Sum of the costs of the funded projects located in the district, over the voters of the district.",
    ),
    "budget.age_sex.title": ("Votants par âge et par sexe", "Voters by age and sex"),
    "budget.age_sex.none": (
        "Les fichiers ne donnent ni l'âge ni le sexe des votants.",
        "The files give neither the voters' age nor their sex.",
    ),
    "budget.represented.title": (
        "Part des votants qui voient au moins un de leurs projets financés",
        "Share of voters who see at least one of their projects funded",
    ),
    "budget.represented.axis": ("part des votants du groupe", "share of the group's voters"),
    "budget.represented.caption": (
        "Pour chaque groupe, la part des votants dont au moins un projet choisi est financé, selon la règle "
        "de la ville et selon la méthode des parts égales. Groupes de moins de {k} votants non affichés.",
        "For each group, the share of voters with at least one chosen project funded, under the city's rule "
        "and under the Method of Equal Shares. Groups of fewer than {k} voters not shown.",
    ),
    "budget.by.edition": ("par édition", "by edition"),
    "budget.by.district": ("par quartier", "by district"),
    "budget.by.age_band": ("par tranche d'âge", "by age band"),
    "budget.by.sex": ("par sexe", "by sex"),
    "budget.by.method": ("par mode de vote", "by voting method"),
    "budget.rule.city": ("règle de la ville", "city's rule"),
    "budget.rule.equal_shares": ("parts égales", "Equal Shares"),
    "budget.rule.greedy": ("glouton (par voix)", "greedy (by votes)"),
    "budget.unknown": ("non renseigné", "not recorded"),
    "budget.beneficiaries.title": (
        "Part du budget financé allant à des projets destinés à…",
        "Share of the funded budget going to projects meant for…",
    ),
    "budget.beneficiaries.caption": (
        "Un projet peut viser plusieurs publics : il compte pour chacun.",
        "A project may be meant for several groups: it counts for each.",
    ),
    "budget.turnout.title": ("Participation rapportée aux habitants", "Turnout against residents"),
    "budget.turnout.absent": (
        "Le cas n'a pas de table des habitants (population) : la participation ne peut pas être rapportée "
        "au nombre d'habitants des quartiers ou des groupes d'âge.",
        "The case has no table of residents (population): turnout cannot be set against the number of "
        "residents of the districts or age groups.",
    ),
    "budget.limits": (
        "Ce que ces données ne disent pas : les identifiants des votants sont propres à chaque fichier et "
        "repartent de zéro à chaque édition ; on ne peut donc pas savoir qui revient d'une édition à l'autre "
        "ni compter de nouveaux votants. Les bulletins ne disent pas où habitent les votants.",
        "What these data cannot tell: voter ids belong to each file and start again at every edition, so "
        "nobody can be followed from one edition to the next and newcomers cannot be counted. The ballots do "
        "not say where the voters live.",
    ),
    # practices and tools
    "budget.method.title": ("Mode de vote par tranche d'âge", "Voting method by age band"),
    "budget.method.axis": ("part des votants de la tranche", "share of the band's voters"),
    "budget.method.caption": (
        "Cellules de moins de {k} votants non affichées : la barre s'arrête alors avant 100 %.",
        "Cells of fewer than {k} voters not shown: the bar then stops short of 100%.",
    ),
    "budget.method.none": (
        "Les fichiers ne disent pas comment on a voté.",
        "The files do not say how people voted.",
    ),
    "budget.length.title": ("Longueur des bulletins", "Ballot length"),
    "budget.length.axis": ("projets choisis sur le bulletin", "projects chosen on the ballot"),
    "budget.length.caption": (
        "Part des bulletins de chaque longueur, par édition ; le maximum autorisé est dans le tableau.",
        "Share of the ballots of each length, by edition; the maximum allowed is in the table.",
    ),
    "budget.left_out.title": (
        "La règle comme outil : votants sans aucun projet financé",
        "The rule as a tool: voters with nothing funded",
    ),
    # network
    "budget.network.title": ("Réseau de co-soutien des projets", "Co-support network of the projects"),
    "budget.network.intro": (
        "Deux projets sont liés quand des votants les choisissent tous deux ; le lien pèse le nombre de ces "
        "votants. Secteur d'un projet : {by}. Indice E-I proche de −1, assortativité proche de 1 : les "
        "soutiens restent à l'intérieur. Comme presque toutes les paires de projets ont au moins un votant "
        "en commun, c'est l'indice pondéré qui se lit, et qui est comparé au hasard (secteurs tirés au sort "
        "entre les projets).",
        "Two projects are tied when voters choose both; the tie weighs the number of those voters. A "
        "project's sector: {by}. An E-I index near −1 and an assortativity near 1: support stays inside. As "
        "nearly every pair of projects shares at least one voter, the weighted index is the one to read, "
        "and the one compared with chance (sectors drawn at random among the projects).",
    ),
    "budget.network.by.district": ("son quartier", "its district"),
    "budget.network.by.category": ("sa première catégorie", "its first category"),
    "budget.network.one_district": (
        "Chaque vote ne porte que sur un quartier : le soutien ne peut pas franchir les limites des "
        "quartiers, "
        "le réseau est donc lu par catégorie.",
        "Each vote covers one district only: support cannot cross district lines, so the network is read "
        "by category.",
    ),
}

#: French labels of Pabulib's English category and beneficiary labels (Warsaw's files).
DATA_LABELS: dict[str, tuple[str, str]] = {
    "public space": ("espace public", "public space"),
    "education": ("éducation", "education"),
    "urban greenery": ("nature en ville", "urban greenery"),
    "sport": ("sport", "sport"),
    "environmental protection": ("protection de l'environnement", "environmental protection"),
    "culture": ("culture", "culture"),
    "public transit and roads": ("transports et voirie", "public transit and roads"),
    "welfare": ("action sociale", "welfare"),
    "health": ("santé", "health"),
    "adults": ("adultes", "adults"),
    "youth": ("jeunes", "youth"),
    "children": ("enfants", "children"),
    "seniors": ("personnes âgées", "seniors"),
    "people with disabilities": ("personnes handicapées", "people with disabilities"),
    "animals": ("animaux", "animals"),
    "families with children": ("familles avec enfants", "families with children"),
    "students": ("étudiants", "students"),
    "internet": ("internet", "internet"),
    "paper": ("papier", "paper"),
    "F": ("femmes", "women"),
    "M": ("hommes", "men"),
    "<18": ("moins de 18 ans", "under 18"),
    "75+": ("75 ans et plus", "75 and over"),
}

#: How each currency code is written after (French) or before (English) an amount.
CURRENCIES = {"EUR": ("€", "€"), "PLN": ("zł", "PLN ")}


def bt(key: str, lang: str, **values: object) -> str:
    """The string ``key`` of :data:`STRINGS` in ``lang``, fields filled (a missing key raises KeyError).

    >>> bt("budget.heading", "en")
    'Participatory budget'
    """
    text = STRINGS[key][LANGS.index(lang)]
    return text.format(**values) if values else text


def data_label(value: object, lang: str) -> str:
    """A category, beneficiary, method, sex or age band from the files, in the report's language.

    >>> data_label("seniors", "fr"), data_label("35-44", "fr"), data_label("Cadre de vie", "en")
    ('personnes âgées', '35-44 ans', 'Cadre de vie')
    """
    if value is None or value is pd.NA or value == "":
        return bt("budget.unknown", lang)
    text = str(value)
    if text in DATA_LABELS:
        return DATA_LABELS[text][LANGS.index(lang)]
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


class BudgetingSection:
    """The participatory budget blocks of a report; every method returns one block.

    Built from the :class:`~commons_analysis.reporting.context.ReportContext`
    (docs/design.md §Report context): the case as shown (proposers who are
    persons under their pseudonyms), the indicators, ``lang``, ``min_cell``,
    ``seed`` and ``permutations``.
    """

    def __init__(self, context: ReportContext):
        self.context = context
        self.case = context.case
        self.lang = context.lang
        self.min_cell = context.min_cell

    # -- shared ---------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether the case holds budget votes (else every block shows nothing)."""
        return not self.case.budgets.empty

    def _t(self, key: str, **values: object) -> str:
        return bt(key, self.lang, **values)

    @cached_property
    def instances(self) -> list[dict[str, Any]]:
        """``budgeting.instances`` of the report's indicators (declared, greedy, Equal Shares per vote)."""
        budgeting = self.context.indicators.get("budgeting") or {}
        return list(budgeting.get("instances") or [])

    @cached_property
    def selections(self) -> dict[str, dict[str, frozenset[str]]]:
        """W by rule: ``city`` (as recorded), ``declared``, ``greedy``, ``equal_shares``."""
        return {"city": adopted_selection(self.case), **rule_selections(self.case, self.instances)}

    def _amount(self, value: object, currency: object) -> str:
        return amount(value, str(currency or ""), self.lang)

    def _heading(self, key: str) -> str:
        return f'<h3 class="ca-subsection">{html.escape(self._t(key))}</h3>'

    def _table(self, header: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int]) -> str:
        return f'<div class="ca-table-wrap">{html_table(header, rows, numeric=numeric)}</div>'

    def _note(self, text: str) -> str:
        return f'<p class="ca-note">{html.escape(text)}</p>'

    def _count(self, value: object) -> str:
        return UNDEFINED if value is None or value is pd.NA else number(int(value), self.lang)  # type: ignore[call-overload]

    def _share(self, value: object) -> str:
        return UNDEFINED if value is None or value is pd.NA else percent(float(value), self.lang)  # type: ignore[arg-type]

    def _nothing(self) -> Blocks:
        return Blocks([])

    # -- headings ---------------------------------------------------------------------

    def heading(self, perspective: str) -> Blocks:
        """The budget subsection of a perspective (``public_power``, ``distant_people``, ``practices_tools``,
        ``network``): its title; under public power, the votes read and how W is chosen."""
        if not self.available:
            return self._nothing()
        parts = [self._heading(f"budget.heading.{perspective}")]
        data = None
        if perspective == "public_power":
            votes = budget_votes(self.case)
            whole = votes[votes["whole"]]
            ballots = self.case.participation["event_id"].astype(str).isin(set(whole["event_id"].astype(str)))
            projects = self.case.projects["event_id"].astype(str).isin(set(whole["event_id"].astype(str)))
            parts.append(
                self._note(
                    self._t(
                        "budget.votes",
                        votes=number(len(votes), self.lang),
                        ballots=number(int(ballots.sum()), self.lang),
                        projects=number(int(projects.sum()), self.lang),
                        editions=", ".join(dict.fromkeys(votes["edition"].astype(str))),
                    )
                )
            )
            parts.append(self._note(self._t("budget.selection_note")))
            data = votes[
                ["edition", "event_id", "source", "subunit", "budget", "currency", "rule", "whole", "counted"]
            ]
        if perspective == "distant_people":
            parts.append(self._note(self._t("budget.limits")))
        text = self._t(f"budget.heading.{perspective}")
        return Blocks([Block("".join(parts), text, data=data)])

    # -- public power -----------------------------------------------------------------

    def proposers(self) -> Blocks:
        """Projects and money by the proposer's sector, then the proposers with the most projects."""
        if not self.available:
            return self._nothing()
        frame = budget_power.proposals_by_sector(self.case, self.selections["city"])
        title = self._t("budget.proposers.title")
        if frame["sector"].isna().all():
            return Blocks(
                [
                    Block(
                        self._heading("budget.proposers.title")
                        + self._note(self._t("budget.proposers.none")),
                        title,
                        data=frame,
                    )
                ]
            )
        rows = [
            (
                r.edition,
                label("sector", r.sector, self.lang)
                if pd.notna(r.sector)
                else self._t("budget.proposers.unknown"),
                self._count(r.projects),
                self._count(r.funded),
                self._amount(r.proposed_cost, r.currency),
                self._amount(r.funded_cost, r.currency),
            )
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"budget.col.{c}")
            for c in ("edition", "sector", "projects", "funded", "proposed_cost", "funded_cost")
        ]
        top = budget_power.proposers(self.case, self.selections["city"]).head(15)
        top_rows = [
            (
                r.edition,
                self.context.names.get(str(r.actor_id), UNDEFINED),
                label("sector", r.sector, self.lang),
                self._count(r.projects),
                self._count(r.funded),
            )
            for r in top.itertuples(index=False)
        ]
        top_header = [
            self._t(f"budget.col.{c}") for c in ("edition", "proposer", "sector", "projects", "funded")
        ]
        body = (
            self._heading("budget.proposers.title")
            + self._table(header, rows, numeric=(2, 3, 4, 5))
            + f"<h4>{html.escape(self._t('budget.proposers.top'))}</h4>"
            + self._table(top_header, top_rows, numeric=(3, 4))
        )
        return Blocks([Block(body, title, data=frame)])

    def _shares_block(self, by: str, title_key: str, caption: str | None = None) -> Blocks:
        frame = budget_power.budget_shares(self.case, self.selections["city"], by)
        frame = frame.assign(label=[data_label(k, self.lang) for k in frame["key"]])
        blocks: list[Block | FigureBlock] = []
        for currency, rows in frame.groupby("currency", sort=True):
            for group in edition_groups(rows, "label"):
                figure = charts.bars_by_edition(
                    group,
                    "label",
                    "funded_cost",
                    title=self._t(title_key),
                    axis=self._t("budget.amount_axis", currency=currency_name(str(currency))),
                    lang=self.lang,
                    caption=caption,
                )
                blocks.append(FigureBlock(figure, group.reset_index(drop=True)))
        return Blocks(blocks, data=frame)

    def budget_by_district(self) -> Blocks:
        """The funded budget by district and edition, under the city's rule (one chart per currency)."""
        if not self.available:
            return self._nothing()
        return self._shares_block("district", "budget.by_district.title")

    def budget_by_category(self) -> Blocks:
        """The funded budget by category and edition (a project of two categories counts in both)."""
        if not self.available or self.case.projects["category"].map(len).sum() == 0:
            return self._nothing()
        return self._shares_block(
            "category", "budget.by_category.title", self._t("budget.by_category.caption")
        )

    def rule_changes(self) -> Blocks:
        """What Equal Shares (Add1) changes against the city's rule, district by district."""
        if not self.available or not self.instances:
            return self._nothing()
        frame = budget_power.rule_changes(self.case, self.selections["city"], self.selections["equal_shares"])
        rows = [
            (
                r.edition,
                r.district or UNDEFINED,
                self._count(r.funded_city),
                self._count(r.funded_other),
                self._count(r.gained),
                self._count(r.lost),
                self._amount(r.cost_gained, r.currency),
                self._amount(r.cost_lost, r.currency),
            )
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"budget.col.{c}")
            for c in (
                "edition",
                "district",
                "city",
                "equal_shares",
                "gained",
                "lost",
                "cost_gained",
                "cost_lost",
            )
        ]
        summaries = []
        for currency, rows_of in frame.groupby("currency", sort=True):
            summaries.append(
                self._t(
                    "budget.rule_changes.summary",
                    gained=number(int(rows_of["gained"].sum()), self.lang),
                    lost=number(int(rows_of["lost"].sum()), self.lang),
                    cost_gained=self._amount(float(rows_of["cost_gained"].sum()), currency),
                    cost_lost=self._amount(float(rows_of["cost_lost"].sum()), currency),
                )
            )
        body = self._heading("budget.rule_changes.title") + "".join(self._note(s) for s in summaries)
        body += self._table(header, rows, numeric=(2, 3, 4, 5, 6, 7))
        return Blocks([Block(body, self._t("budget.rule_changes.title"), data=frame)])

    def departures(self) -> Blocks:
        """Every departure of the published selection from the declared rule, or why there is none to read."""
        if not self.available:
            return self._nothing()
        title = self._t("budget.departures.title")
        published = self.case.projects["selected"].notna().any()
        frame = budget_power.departures(self.case, self.instances)
        if not published:
            return Blocks(
                [
                    Block(
                        self._heading("budget.departures.title")
                        + self._note(self._t("budget.departures.unpublished")),
                        title,
                        data=frame,
                    )
                ]
            )
        if frame.empty:
            return Blocks(
                [
                    Block(
                        self._heading("budget.departures.title")
                        + self._note(self._t("budget.departures.none")),
                        title,
                        data=frame,
                    )
                ]
            )
        topics = self.case.decisions.set_index("decision_id")["topic"]
        rows = [
            (
                r.edition,
                r.district or UNDEFINED,
                topics.get(r.decision_id, r.project_id),
                self._amount(r.cost, r.currency),
                self._count(r.votes),
                self._t(f"budget.departure.{r.kind}"),
            )
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"budget.col.{c}")
            for c in ("edition", "district", "project", "cost", "votes", "departure")
        ]
        body = self._heading("budget.departures.title") + self._table(header, rows, numeric=(3, 4))
        return Blocks([Block(body, title, data=frame)])

    # -- people far from public action --------------------------------------------------

    def ballots_by_district(self) -> Blocks:
        """Ballots by district and edition, and for each edition the district with the fewest ballots."""
        if not self.available:
            return self._nothing()
        frame = budget_voters.ballots_by_district(self.case, self.min_cell)
        frame = frame[frame["district"] != ""].reset_index(drop=True)
        if frame.empty:
            return self._nothing()
        figures = [
            FigureBlock(
                charts.bars_by_edition(
                    group,
                    "district",
                    "voters",
                    title=self._t("budget.ballots.title"),
                    axis=self._t("budget.ballots.axis"),
                    lang=self.lang,
                    caption=self._t("budget.ballots.caption", k=self.min_cell),
                ),
                group.reset_index(drop=True),
            )
            for group in edition_groups(frame, "district")
        ]
        notes = []
        for edition, rows in frame.dropna(subset=["voters"]).groupby("edition", sort=True):
            if len(rows) < 3:
                continue
            fewest = rows.loc[rows["voters"].astype(int).idxmin()]
            notes.append(
                self._t(
                    "budget.ballots.fewest",
                    edition=edition,
                    district=fewest["district"],
                    voters=number(int(fewest["voters"]), self.lang),
                    median=number(float(rows["voters"].astype(float).median()), self.lang, digits=0),
                )
            )
        parts: list[Block | FigureBlock] = list(figures)
        if notes:
            parts.append(Block("".join(self._note(n) for n in notes), "\n".join(notes)))
        return Blocks(parts, data=frame)

    def budget_per_voter(self) -> Blocks:
        """The funded budget per voter of each district (DESIGN's formula), one chart per currency."""
        if not self.available:
            return self._nothing()
        frame = budget_voters.budget_per_voter(self.case, self.selections["city"], self.min_cell)
        frame = frame[frame["district"] != ""].reset_index(drop=True)
        if frame.empty:
            return self._nothing()
        blocks: list[Block | FigureBlock] = []
        for currency, rows in frame.groupby("currency", sort=True):
            for group in edition_groups(rows, "district"):
                figure = charts.bars_by_edition(
                    group,
                    "district",
                    "per_voter",
                    title=self._t("budget.per_voter.title"),
                    axis=self._t("budget.per_voter.axis", currency=currency_name(str(currency))),
                    lang=self.lang,
                    caption=self._t("budget.per_voter.caption"),
                )
                blocks.append(FigureBlock(figure, group.reset_index(drop=True)))
        return Blocks(blocks, data=frame)

    def voters_by_age_sex(self) -> Blocks:
        """Voters by age band and sex (small cells hidden), or one line when the files give neither."""
        if not self.available:
            return self._nothing()
        frame = budget_voters.voters_by_age_sex(self.case, self.min_cell)
        if frame.empty:
            return Blocks(
                [
                    Block(
                        self._note(self._t("budget.age_sex.none")), self._t("budget.age_sex.none"), data=frame
                    )
                ]
            )
        sexes = list(dict.fromkeys(frame["sex"].astype(object)))
        rows = []
        for band, group in frame.groupby(frame["age_band"].astype(object).fillna(""), sort=False):
            values = dict(zip(group["sex"].astype(object), group["voters"], strict=True))
            rows.append((data_label(band, self.lang), *(self._count(values.get(s)) for s in sexes)))
        header = [
            self._t("budget.col.age_band"),
            *(data_label(s if pd.notna(s) else "", self.lang) for s in sexes),
        ]
        body = self._heading("budget.age_sex.title") + self._table(
            header, rows, numeric=range(1, len(header))
        )
        body += self._note(self._t("budget.method.caption", k=self.min_cell).split(":")[0] + ".")
        return Blocks([Block(body, self._t("budget.age_sex.title"), data=frame)])

    def represented(self, by: Sequence[str] = ("age_band", "sex", "method", "district", "edition")) -> Blocks:
        """represented(G, W) under the city's rule and under Equal Shares, for each grouping of ``by``
        that has at least two groups (a chart each)."""
        if not self.available or not self.instances:
            return self._nothing()
        parts: list[Block | FigureBlock] = []
        frames = []
        for grouping in by:
            city = budget_voters.represented(self.case, self.selections["city"], grouping, self.min_cell)
            if len(city) < 2:
                continue
            proportional = budget_voters.represented(
                self.case, self.selections["equal_shares"], grouping, self.min_cell
            )
            frame = pd.concat(
                [city.assign(rule="city"), proportional.assign(rule="equal_shares")], ignore_index=True
            ).assign(by=grouping)
            frame["label"] = [data_label(g, self.lang) for g in frame["group"]]
            frames.append(frame)
            figure = charts.bars_by_edition(
                frame,
                "label",
                "share",
                series="rule",
                labels=[self._t("budget.rule.city"), self._t("budget.rule.equal_shares")],
                title=f"{self._t('budget.represented.title')} ({self._t(f'budget.by.{grouping}')})",
                axis=self._t("budget.represented.axis"),
                lang=self.lang,
                percent=True,
                caption=self._t("budget.represented.caption", k=self.min_cell),
            )
            parts.append(FigureBlock(figure, frame))
        data = pd.concat(frames, ignore_index=True) if frames else None
        return Blocks(parts, data=data)

    def beneficiaries(self) -> Blocks:
        """The share of the funded budget going to projects meant for each group of beneficiaries."""
        if not self.available or self.case.projects["beneficiaries"].map(len).sum() == 0:
            return self._nothing()
        frame = budget_power.budget_shares(self.case, self.selections["city"], "beneficiaries")
        frame = frame[frame["key"] != ""].reset_index(drop=True)
        focus = list(budget_voters.FOCUS_BENEFICIARIES)
        frame = (
            frame.assign(
                label=[data_label(k, self.lang) for k in frame["key"]],
                focus=frame["key"].isin(focus),
                _order=[focus.index(k) if k in focus else len(focus) for k in frame["key"]],
            )
            .sort_values(["_order", "key"], kind="stable")
            .drop(columns="_order")
        )
        figure = charts.bars_by_edition(
            frame,
            "label",
            "share",
            title=self._t("budget.beneficiaries.title"),
            axis=self._t("budget.col.share"),
            lang=self.lang,
            percent=True,
            caption=self._t("budget.beneficiaries.caption"),
        )
        return Blocks([FigureBlock(figure, frame.reset_index(drop=True))])

    def turnout(self) -> Blocks:
        """Voters against residents where the population table gives them; else one line: it is absent."""
        if not self.available:
            return self._nothing()
        frame = budget_voters.turnout(self.case, self.min_cell)
        if frame.empty:
            return Blocks(
                [
                    Block(
                        self._note(self._t("budget.turnout.absent")),
                        self._t("budget.turnout.absent"),
                        data=frame,
                    )
                ]
            )
        rows = [
            (r.edition, r.territory, self._count(r.voters), self._count(r.population), self._share(r.turnout))
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"budget.col.{c}") for c in ("edition", "district", "voters", "population", "turnout")
        ]
        body = self._heading("budget.turnout.title") + self._table(header, rows, numeric=(2, 3, 4))
        return Blocks([Block(body, self._t("budget.turnout.title"), data=frame)])

    # -- practices and tools ------------------------------------------------------------

    def method_by_age(self) -> Blocks:
        """Voting method (internet, paper) by age band, as shares of each band; small cells hidden."""
        if not self.available:
            return self._nothing()
        frame = budget_practices.method_by_age(self.case, self.min_cell)
        if frame.empty:
            return self._nothing()
        shown = frame.assign(
            band=[data_label(b if pd.notna(b) else "", self.lang) for b in frame["age_band"]],
            method_label=[data_label(m if pd.notna(m) else "", self.lang) for m in frame["method"]],
        )
        figure = charts.stacked_shares(
            shown,
            "band",
            "method_label",
            "share",
            title=self._t("budget.method.title"),
            axis=self._t("budget.method.axis"),
            lang=self.lang,
            caption=self._t("budget.method.caption", k=self.min_cell),
        )
        return Blocks([FigureBlock(figure, frame)])

    def ballot_length(self) -> Blocks:
        """How much of the allowed ballot length voters use: a table per edition and the distribution."""
        if not self.available:
            return self._nothing()
        use = budget_practices.ballot_length_use(self.case)
        lengths = budget_practices.ballot_lengths(self.case, self.min_cell)
        totals = lengths.groupby("edition")["voters"].transform(lambda s: s.sum())
        lengths = lengths.assign(share=(lengths["voters"].astype("Float64") / totals.astype("Float64")))
        rows = [
            (
                r.edition,
                self._count(r.voters),
                number(r.mean_length, self.lang, digits=1),
                self._count(r.max_length),
                self._share(r.full_share),
                self._share(r.single_share),
            )
            for r in use.itertuples(index=False)
        ]
        header = [
            self._t(f"budget.col.{c}")
            for c in ("edition", "voters", "mean_length", "max_length", "full_share", "single_share")
        ]
        table = Block(
            self._heading("budget.length.title") + self._table(header, rows, numeric=(1, 2, 3, 4, 5)),
            self._t("budget.length.title"),
            data=use,
        )
        figure = charts.columns_by_edition(
            lengths,
            "length",
            "share",
            title=self._t("budget.length.title"),
            axis=self._t("budget.length.axis"),
            lang=self.lang,
            caption=self._t("budget.length.caption"),
        )
        return Blocks([table, FigureBlock(figure, lengths)], data=use)

    def left_out(self) -> Blocks:
        """Voters with nothing funded under the city's rule, greedy and Equal Shares, per edition."""
        if not self.available or not self.instances:
            return self._nothing()
        rules = {key: self.selections[key] for key in ("city", "greedy", "equal_shares")}
        frame = budget_practices.left_out(self.case, rules, self.min_cell)
        rows = [
            (
                r.edition,
                self._t(f"budget.rule.{r.rule}"),
                self._count(r.voters),
                self._count(r.left_out),
                self._share(r.share),
            )
            for r in frame.itertuples(index=False)
        ]
        header = [self._t(f"budget.col.{c}") for c in ("edition", "rule", "voters", "left_out", "share")]
        header[-1] = self._t("budget.col.left_out") + " (%)"
        body = self._heading("budget.left_out.title") + self._table(header, rows, numeric=(2, 3, 4))
        return Blocks([Block(body, self._t("budget.left_out.title"), data=frame)])

    # -- network ------------------------------------------------------------------------

    @cached_property
    def _cosupport_by(self) -> str:
        """District when some whole vote spans several districts; else category (support cannot cross)."""
        projects = self.case.projects
        per_vote = projects.groupby("event_id")["district"].nunique()
        votes = budget_votes(self.case)
        whole = set(votes.loc[votes["whole"], "event_id"].astype(str))
        spans = any(int(per_vote.get(e, 0)) > 1 for e in whole)
        return "district" if spans else "category"

    def cosupport(self) -> Blocks:
        """E-I index and assortativity of each whole vote's co-support network, with what chance gives."""
        if not self.available:
            return self._nothing()
        by = self._cosupport_by
        frame = budget_network.cosupport_indicators(
            self.case, by, permutations=self.context.permutations, seed=self.context.seed
        )
        rows = []
        for r in frame.itertuples(index=False):
            weighted = None if pd.isna(r.ei_index_weighted) else float(r.ei_index_weighted)
            reading = chance_reading(
                "ei_index",
                weighted,
                None if pd.isna(r.ei_index_p) else float(r.ei_index_p),
                None if pd.isna(r.ei_index_expected) else float(r.ei_index_expected),
                self.lang,
            )
            assortativity = r.sector_assortativity_weighted
            rows.append(
                (
                    r.edition,
                    r.district or UNDEFINED,
                    self._count(r.projects),
                    self._count(r.ties),
                    number(None if pd.isna(r.ei_index) else float(r.ei_index), self.lang),
                    number(weighted, self.lang),
                    number(None if pd.isna(assortativity) else float(assortativity), self.lang),
                    reading,
                )
            )
        header = [
            self._t(f"budget.col.{c}")
            for c in (
                "edition",
                "district",
                "projects",
                "ties",
                "ei",
                "ei_weighted",
                "assortativity",
                "reading",
            )
        ]
        body = self._heading("budget.network.title")
        body += self._note(self._t("budget.network.intro", by=self._t(f"budget.network.by.{by}")))
        if by == "category":
            body += self._note(self._t("budget.network.one_district"))
        body += self._table(header, rows, numeric=(2, 3, 4, 5, 6))
        return Blocks([Block(body, self._t("budget.network.title"), data=frame)])


__all__ = ["CURRENCIES", "DATA_LABELS", "STRINGS", "BudgetingSection", "amount", "bt", "data_label"]
