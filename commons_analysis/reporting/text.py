"""Every label, title, heading and sentence of the reports, in French and English.

Strings live here and nowhere else: notebooks, figures, tables, the index page
and the command line summary all ask :func:`t` for them. French is the
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
>>> t("figure.network_map.truncated", "en", shown=300, total=5000)
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

from commons_analysis.core import formats
from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.reporting.catalogue import EXPLANATIONS, Indicator, lookup, member_of

LANGS = ("fr", "en")

#: Written in place of an undefined value (``None``): never 0.
UNDEFINED = formats.UNDEFINED

#: Plotly's ``layout.separators`` (decimal mark, then thousands separator) as each language writes numbers.
PLOTLY_SEPARATORS = {"fr": ",\u202f", "en": ".,"}

#: Below this p-value, a figure is said to depart from what chance alone gives.
SIGNIFICANCE = 0.05
#: The smallest p-value written as a number; below it, ``p < 0,001``.
SMALLEST_P = 0.001

# Each entry: key -> (French, English). Keys are grouped by where they are used.
_STRINGS: dict[str, tuple[str, str]] = {
    # --- the report as a whole -------------------------------------------------
    "report.title": ("Rapport de cas", "Case report"),
    "report.generated_by": ("Produit par commons-analysis", "Produced by commons-analysis"),
    "banner.illustrative.title": ("Données illustratives", "Illustrative data"),
    "banner.illustrative.text": (
        "Les lignes de ce cas ont été composées à partir de descriptions publiques, elles n'ont pas "
        "été collectées sur le terrain. Les chiffres montrent ce que la méthode permet de lire ; "
        "ils ne décrivent pas le cas réel.",
        "The rows of this case were composed from public descriptions, not collected in the field. "
        "The figures show what the method can read; they do not describe the real case.",
    ),
    "no_data": ("Pas de données pour cette figure.", "No data for this figure."),
    # --- a block without data: one line, after the title of the chart it replaces ---
    "empty.network_map": ("aucun acteur.", "no actor."),
    "empty.sector_ties": ("aucune relation de coopération enregistrée.", "no cooperation relation recorded."),
    "empty.brokers": (
        "aucun acteur ne relie deux autres acteurs qui ne sont pas reliés entre eux.",
        "no actor links two other actors who are not linked to each other.",
    ),
    "empty.flows": (
        "aucun financement ni apport en nature enregistré.",
        "no funding or in-kind relation recorded.",
    ),
    "empty.initiative": (
        "aucune décision dont l'initiateur est connu.",
        "no decision with a known initiator.",
    ),
    "empty.support": (
        "aucune décision ne dit qui a appuyé la proposition (personnes ou organisations en soutien).",
        "no decision says who supported the proposal (column supported_by).",
    ),
    "empty.network_over_time": (
        "aucune relation de coopération en vigueur sur une période datée (période du cas, dates "
        "des relations).",
        "no cooperation relation in force over a dated period (the case's period, the relations' dates).",
    ),
    "empty.coparticipation": ("aucune participation enregistrée.", "no participation recorded."),
    "empty.attendance": (
        "aucune participation nominative enregistrée aux événements.",
        "no named participation recorded at the events.",
    ),
    "empty.turnout": (
        "aucun événement n'indique combien de personnes avaient le droit d'y prendre part "
        "(nombre d'inscrits).",
        "no event says how many persons were entitled to take part (column eligible).",
    ),
    "empty.lorenz": ("aucune participation nominative enregistrée.", "no named participation recorded."),
    "empty.inclusion": (
        "le cas ne déclare aucun groupe de population (groupes d'inclusion de la fiche du cas).",
        "the case declares no group (inclusion_groups of case.yaml).",
    ),
    "empty.hours": (
        "aucune durée d'événement ni heure de participation enregistrée.",
        "no event duration or participation hours recorded.",
    ),
    "empty.decision_rules": ("aucune décision datée.", "no dated decision."),
    "empty.open_events": ("aucun événement enregistré.", "no event recorded."),
    "empty.facilitation": (
        "personne n'a le rôle d'animation dans les participations enregistrées.",
        "nobody has the facilitator role in the participation recorded.",
    ),
    "no_assessment": (
        "Le cas n'a pas encore été codé par l'équipe de recherche.",
        "The case has not been coded by the research team yet.",
    ),
    "perspective.not_listed": (
        "Cette perspective ne figure pas parmi celles retenues pour ce cas : les chiffres sont donnés "
        "pour information.",
        "This perspective is not among those chosen for this case: the figures are given for information.",
    ),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    # --- the case at a glance ----------------------------------------------------
    "glance.heading": ("Le cas en bref", "The case at a glance"),
    "glance.place": ("Lieu", "Place"),
    "glance.country": ("Pays", "Country"),
    "glance.period": ("Période", "Period"),
    "glance.period_value": ("du {start} au {end}", "from {start} to {end}"),
    "glance.legal_form": ("Forme juridique", "Legal form"),
    "glance.data_status": ("Statut des données", "Data status"),
    "glance.perspectives": ("Perspectives", "Perspectives"),
    "glance.sources": ("Sources", "Sources"),
    "glance.accessed": ("consulté le {date}", "accessed {date}"),
    "glance.counts": (
        "Acteurs : {actors} ; relations : {relations} ; événements : {events} ; participations "
        "nominatives : {records} ; décisions : {decisions}.",
        "Actors: {actors}; relations: {relations}; events: {events}; named participation records: "
        "{records}; decisions: {decisions}.",
    ),
    "glance.names_hidden": (
        "Les personnes apparaissent sous un pseudonyme : le cas n'a pas reçu leur accord pour montrer "
        "leur nom.",
        "Persons appear under a pseudonym: the case does not have their consent to show their names.",
    ),
    "data_status.illustrative": ("illustratives", "illustrative"),
    "data_status.documented": ("documentées", "documented"),
    # --- the three perspectives of the seed text -----------------------------------
    "perspective.public_power.title": ("Le rôle de la puissance publique", "The role of public power"),
    "perspective.public_power.question": (
        "Co-construction ou domination ? Qui initie les décisions ? Le commun dépend-il de l'argent ou "
        "des locaux publics ? Un petit groupe capte-t-il le commun ?",
        "Co-construction or domination? Who initiates decisions? Does the commons depend on public "
        "money or premises? Is the commons captured by a narrow group?",
    ),
    "perspective.distant_people.title": (
        "Les personnes éloignées de l'action publique",
        "People far from public action",
    ),
    "perspective.distant_people.question": (
        "Qui participe, qui ne participe pas ? La participation est-elle concentrée sur quelques "
        "personnes ? Les habitants des quartiers prioritaires, les chômeurs, les personnes migrantes "
        "sont-ils présents en proportion ? Combien de temps coûte la participation, est-elle rémunérée ?",
        "Who takes part, who does not? Is participation concentrated in a few people? Are residents of "
        "deprived areas, unemployed people, migrants present in proportion? How much time does "
        "participation cost, is it paid?",
    ),
    "perspective.practices_tools.title": (
        "Le statut des pratiques et des outils",
        "The status of practices and tools",
    ),
    "perspective.practices_tools.question": (
        "Comment les décisions sont-elles prises (consensus, majorité, autorité publique) ? Les "
        "événements sont-ils ouverts ? Qui anime, les rôles tournent-ils ?",
        "How are decisions taken (consensus, majority, public authority)? How open are the events? "
        "Who facilitates, do roles rotate?",
    ),
    # --- figures -------------------------------------------------------------------
    "figure.network_map.title": ("Carte des acteurs, par secteur", "Map of the actors, by sector"),
    "figure.network_map.caption": (
        "Chaque point est un acteur (taille : nombre de liens), chaque trait une relation de "
        "coopération (les conflits sont exclus). Disposition calculée avec la graine {seed} : "
        "elle est identique d'un rendu à l'autre.",
        "Each dot is an actor (size: number of ties), each line a cooperation relation (conflicts "
        "excluded). Layout computed with seed {seed}: it is the same from one rendering to the next.",
    ),
    "figure.network_map.truncated": (
        "Seuls les {shown} acteurs les plus connectés sur {total} sont dessinés.",
        "Only the {shown} most connected actors out of {total} are drawn.",
    ),
    "figure.network_map.as_of": (
        "Réseau au {date} : les {actors} acteurs ayant au moins une relation en vigueur ce jour-là, seuls "
        "dessinés et comptés.",
        "Network on {date}: the {actors} actors with at least one relation in force that day, the only "
        "ones drawn and counted.",
    ),
    "figure.network_map.with_ties": (
        "Seuls les {shown} acteurs les plus connectés sur {total} sont dessinés : au-delà de {limit} "
        "acteurs, la carte ne montre que les acteurs ayant au moins un lien, les plus connectés d'abord ; "
        "{isolates} acteurs n'ont aucune relation de coopération enregistrée.",
        "Only the {shown} most connected actors out of {total} are drawn: above {limit} actors, the map "
        "shows the actors with at least one tie only, the most connected first; {isolates} actors have no "
        "cooperation relation recorded.",
    ),
    "figure.network_map.hover": (
        "{name}<br>secteur : {sector}<br>nature : {kind}<br>liens : {degree}",
        "{name}<br>sector: {sector}<br>kind: {kind}<br>ties: {degree}",
    ),
    "figure.sector_ties.title": ("Liens entre secteurs", "Ties between sectors"),
    "coparticipation.heading": (
        "Qui se rencontre ? Le réseau de co-participation",
        "Who meets whom? The co-participation network",
    ),
    "figure.coparticipation.title": (
        "Rencontres entre secteurs (co-participation)",
        "Meetings between sectors (co-participation)",
    ),
    "figure.coparticipation.caption": (
        "Deux acteurs sont liés lorsqu'ils ont pris part au même événement ; chaque case compte les paires "
        "d'acteurs de ces deux secteurs qui se sont rencontrées. Ce réseau existe même quand peu de "
        "relations formelles sont enregistrées.",
        "Two actors are linked when they took part in the same event; each cell counts the pairs of actors "
        "of the two sectors who met. This network exists even where few formal relations are recorded.",
    ),
    "figure.sector_ties.caption": (
        "Nombre de liens de coopération entre acteurs de chaque paire de secteurs ; la diagonale "
        "compte les liens internes à un secteur.",
        "Number of cooperation ties between actors of each pair of sectors; the diagonal counts the "
        "ties within a sector.",
    ),
    "figure.sector_ties.colorbar": ("liens", "ties"),
    "figure.flows.title": ("Flux de financement et apports en nature", "Funding and in-kind flows"),
    "figure.flows.caption.eur": (
        "Largeur des flux : montants en euros, du financeur vers le bénéficiaire.",
        "Width of the flows: amounts in euros, from giver to receiver.",
    ),
    "figure.flows.caption.count": (
        "Largeur des flux : nombre de relations (pondérées), du donateur vers le bénéficiaire ; les "
        "montants connus figurent au survol.",
        "Width of the flows: number of relations (weighted), from giver to receiver; known amounts "
        "are shown on hover.",
    ),
    "figure.flows.hover": (
        "{source} → {target}<br>{type}<br>{amount}",
        "{source} → {target}<br>{type}<br>{amount}",
    ),
    "figure.flows.truncated": (
        "Seuls les {shown} flux les plus importants sur {total} sont dessinés.",
        "Only the {shown} largest flows out of {total} are drawn.",
    ),
    "figure.initiative.title": ("Qui initie les décisions ?", "Who initiates decisions?"),
    "figure.initiative.axis": ("part des décisions initiées", "share of decisions initiated"),
    "figure.initiative.caption": (
        "Part des décisions à l'initiative des acteurs de chaque secteur, parmi les décisions dont "
        "l'initiateur est connu.",
        "Share of decisions initiated by actors of each sector, among decisions whose initiator is known.",
    ),
    "figure.network_time.title": ("Le réseau au fil du temps", "The network over time"),
    "figure.network_time.caption": (
        "Le réseau de chaque année est fait des acteurs ayant au moins une relation en vigueur cette "
        "année-là (dates de début et de fin des relations) : un acteur dont les relations n'ont pas "
        "commencé ou ont pris fin n'y est pas compté, et la densité et les composantes portent sur ces "
        "acteurs, comme le curseur de dates de l'exploration.",
        "The network of each year is made of the actors with at least one relation in force that year "
        "(start and end dates of the relations): an actor whose relations have not begun or have ended "
        "is not counted, and density and components are computed over these actors, as the date slider "
        "of the explorer does.",
    ),
    "figure.attendance.title": ("Présence aux événements", "Attendance at events"),
    "figure.attendance.caption": (
        "Participants de chaque événement, en distinguant ceux qui viennent pour la première fois.",
        "Participants of each event, telling apart those who come for the first time.",
    ),
    "figure.attendance.newcomers": ("nouveaux venus", "newcomers"),
    "figure.attendance.returning": ("déjà venus", "returning"),
    "figure.attendance.axis": ("participants", "participants"),
    "figure.attendance.by_year": (
        "Participations par année, en distinguant les personnes venues pour la première fois ({events} "
        "événements : trop nombreux pour une barre chacun).",
        "Participation records per year, telling apart those who came for the first time ({events} events: "
        "too many for a bar each).",
    ),
    "figure.attendance.records": ("participations", "participation records"),
    "figure.turnout.title": ("Participation des ayants droit", "Turnout of those entitled to take part"),
    "figure.turnout.eligible": ("ayants droit", "entitled"),
    "figure.turnout.took_part": ("ont pris part", "took part"),
    "figure.turnout.share": ("taux de participation", "turnout"),
    "figure.turnout.axis": ("personnes", "persons"),
    "figure.turnout.hover": (
        "{title} ({date})<br>{took_part} sur {eligible} ayants droit : {turnout}",
        "{title} ({date})<br>{took_part} of {eligible} entitled: {turnout}",
    ),
    "figure.turnout.caption": (
        "Pour chaque événement qui dit combien de personnes avaient le droit d'y prendre part (membres, "
        "corps électoral) : combien l'ont fait, et leur part (échelle de droite). Participation moyenne : "
        "{mean}.",
        "For each event that says how many persons were entitled to take part (members, electorate): how "
        "many did, and their share (right-hand scale). Mean turnout: {mean}.",
    ),
    "support.heading": ("Qui appuie les propositions de qui ?", "Who supports whose proposals?"),
    "figure.support.title": ("Les propositions les plus appuyées", "The most supported proposers"),
    "figure.support.axis": ("soutiens distincts", "distinct supporters"),
    "figure.support.reciprocated": ("appuyés en retour", "supported in return"),
    "figure.support.one_way": ("à sens unique", "one way"),
    "figure.support.caption": (
        "Pour chaque acteur à l'initiative de décisions : combien d'acteurs distincts ont appuyé ses "
        "propositions (personnes qui appuient, cosignent, parrainent), dont ceux dont il a lui-même appuyé "
        "une proposition. {shown} initiateurs sur {total}, les plus appuyés d'abord.",
        "For each actor who initiated decisions: how many distinct actors supported their proposals "
        "(seconders, co-signers, sponsors), among them those whose own proposals they supported in return. "
        "{shown} initiators out of {total}, the most supported first.",
    ),
    "coparticipation.one_sector": (
        "Tous les acteurs qui se sont rencontrés sont du secteur {sector} : il n'y a pas de rencontre entre "
        "secteurs à montrer.",
        "Every actor who met another is of the sector {sector}: there is no meeting across sectors to show.",
    ),
    "mapping.heading": ("Comment ce cas a été construit", "How this case was built"),
    "mapping.intro": (
        "Ce cas est tiré d'archives publiques par un import que l'on peut relancer ; voici, sujet par sujet, "
        "comment les archives sont devenues des acteurs, des relations, des événements, des participations "
        "et des décisions.",
        "This case is drawn from public records by an import anyone can run again; here, topic by topic, is "
        "how the records became actors, relations, events, participation and decisions.",
    ),
    "figure.lorenz.title": ("Concentration de la participation", "Concentration of participation"),
    "figure.lorenz.x": (
        "part des participants (du moins au plus actif)",
        "share of participants (least to most active)",
    ),
    "figure.lorenz.y": ("part des participations", "share of participation records"),
    "figure.lorenz.curve": ("courbe de Lorenz", "Lorenz curve"),
    "figure.lorenz.equality": ("égalité parfaite", "perfect equality"),
    "figure.lorenz.gini": ("Gini = {gini}", "Gini = {gini}"),
    "figure.lorenz.gini_ci": ("Gini = {gini} ({interval})", "Gini = {gini} ({interval})"),
    "figure.lorenz.caption": (
        "Plus la courbe s'éloigne de la diagonale, plus la participation repose sur peu de personnes.",
        "The further the curve from the diagonal, the more participation rests on few people.",
    ),
    "figure.inclusion.title": (
        "Groupes présents parmi les personnes participantes",
        "Groups among participating persons",
    ),
    "figure.inclusion.share": ("part parmi les participants", "share among participants"),
    "figure.inclusion.population": ("part dans la population", "share in the population"),
    "figure.inclusion.suppressed": ("masqué", "suppressed"),
    "figure.inclusion.caption": (
        "Un groupe comptant moins de {k} personnes participantes n'est pas chiffré, pour protéger les "
        "personnes : il est marqué « masqué ». Un second groupe peut l'être aussi, pour que le premier "
        "ne puisse pas être retrouvé par soustraction.",
        "A group with fewer than {k} participating persons is not given in figures, to protect the "
        "people: it is marked \u201csuppressed\u201d. A second group may be suppressed too, so that the "
        "first cannot be recovered by subtraction.",
    ),
    "figure.hours.title": ("Temps consacré à la participation", "Time given to participation"),
    "figure.hours.axis": ("heures", "hours"),
    "figure.hours.paid": ("rémunérées", "paid"),
    "figure.hours.unpaid": ("bénévoles", "unpaid"),
    "figure.hours.caption": (
        "Heures de participation par rôle, rémunérées ou non (à défaut d'heures saisies, la durée de "
        "l'événement).",
        "Participation hours by role, paid or not (where no hours were entered, the event's duration).",
    ),
    "figure.rules.title": ("Modes de décision au fil du temps", "Decision rules over time"),
    "figure.rules.axis": ("décisions", "decisions"),
    "figure.open.title": ("Événements ouverts et fermés", "Open and closed events"),
    "figure.open.axis": ("événements", "events"),
    "figure.open.open": ("ouverts", "open"),
    "figure.open.closed": ("fermés", "closed"),
    "figure.facilitation.title": ("Qui anime ?", "Who facilitates?"),
    "figure.facilitation.axis": ("événements animés", "events facilitated"),
    "figure.facilitation.caption": (
        "{facilitators} personnes ou structures ont animé {events} événements : rotation = {rotation} "
        "(proche de 1 : une personne différente à chaque fois ; proche de 0 : toujours les mêmes).",
        "{facilitators} people or bodies facilitated {events} events: rotation = {rotation} (near 1: a "
        "different person each time; near 0: always the same).",
    ),
    "figure.ostrom.title": ("Principes d'Ostrom", "Ostrom's design principles"),
    "figure.ostrom.caption": (
        "Codage par l'équipe de recherche : 0 absent, 1 partiel, 2 présent. Score = {score}.",
        "Coded by the research team: 0 absent, 1 partial, 2 present. Score = {score}.",
    ),
    "figure.ostrom.score": ("score", "score"),
    "figure.arnstein.title": ("Échelle de la participation d'Arnstein", "Arnstein's ladder of participation"),
    "figure.arnstein.caption": (
        "Échelon codé par l'équipe de recherche : {rung} ({level} sur 8).",
        "Rung coded by the research team: {rung} ({level} of 8).",
    ),
    "figure.arnstein.case": ("ce cas", "this case"),
    "figure.period": ("période", "period"),
    "figure.year": ("année", "year"),
    "figure.date": ("date", "date"),
    # --- tables ---------------------------------------------------------------------
    "table.brokers.title": ("Courtiers (Gould et Fernandez)", "Brokers (Gould and Fernandez)"),
    "table.brokers.caption": (
        "Les acteurs qui relient le plus souvent deux autres acteurs non reliés entre eux, avec leurs "
        "rôles de courtage ; z : écart au nombre attendu si les secteurs étaient répartis au hasard.",
        "The actors that most often link two other actors that are not linked, with their brokerage "
        "roles; z: departure from the number expected if sectors were assigned at random.",
    ),
    "table.brokers.sampled": (
        "Intermédiarité estimée sur {sources} sources tirées au hasard (graine {seed}).",
        "Betweenness estimated from {sources} randomly drawn sources (seed {seed}).",
    ),
    "table.ostrom.title": ("Éléments à l'appui du codage", "Evidence for the coding"),
    "table.evidence": ("éléments", "evidence"),
    "table.inclusion.title": ("Inclusion", "Inclusion"),
    "column.actor": ("acteur", "actor"),
    "column.sector": ("secteur", "sector"),
    "column.degree": ("liens", "ties"),
    "column.betweenness": ("intermédiarité", "betweenness"),
    "column.group": ("groupe", "group"),
    "column.count": ("effectif", "count"),
    "column.share": ("part", "share"),
    "column.population_share": ("part dans la population", "population share"),
    "column.representation_ratio": ("rapport de représentation", "representation ratio"),
    "column.principle": ("principe", "principle"),
    "column.score": ("score", "score"),
    "column.case": ("cas", "case"),
    "column.title": ("titre", "title"),
    "column.place": ("lieu", "place"),
    "column.period": ("période", "period"),
    "column.data_status": ("données", "data"),
    "column.reason": ("raison", "reason"),
    "column.file": ("fichier", "file"),
    "column.sha256": ("SHA-256", "SHA-256"),
    "column.parameter": ("paramètre", "parameter"),
    # --- a figure that does not apply to the case: why (analysis.applicability) -------------
    "not_applicable.secret_ballot": (
        "sans objet : les votes sont secrets et les archives ne nomment aucun votant ; seul le nombre de "
        "votants est connu (voir la participation des ayants droit).",
        "not applicable: the ballots are secret and the records name no voter; only the number of voters "
        "is known (see the turnout).",
    ),
    "not_applicable.no_participation": (
        "sans objet : aucune participation n'est enregistrée pour ce cas.",
        "not applicable: no participation is recorded for this case.",
    ),
    "not_applicable.one_sector_participates": (
        "sans objet : tous les participants sont codés dans un même secteur (par exemple les développeurs "
        "d'un logiciel libre, membres du commun) ; la part de chaque secteur vaut 0 ou 100 % par "
        "construction.",
        "not applicable: every participant is coded in one sector (for instance the developers of a free "
        "software project, members of the commons); each sector's share is 0 or 100% by construction.",
    ),
    "not_applicable.one_sector_network": (
        "sans objet : les acteurs reliés sont tous d'un même secteur ; l'ouverture entre secteurs ne "
        "peut pas se mesurer.",
        "not applicable: the linked actors are all of one sector; openness across sectors cannot be "
        "measured.",
    ),
    "not_applicable.no_initiator": (
        "sans objet : aucune décision ne dit qui l'a proposée.",
        "not applicable: no decision says who proposed it.",
    ),
    "not_applicable.no_hours": (
        "sans objet : ni la durée des événements ni les heures de participation ne sont enregistrées.",
        "not applicable: neither the events' duration nor the hours of participation are recorded.",
    ),
    "not_applicable.not_coded": (
        "sans objet : l'équipe de recherche n'a pas encore codé ce cas.",
        "not applicable: the research team has not coded this case yet.",
    ),
    "glossary.heading": ("Glossaire", "Glossary"),
    "table.date_precision.title": ("Précision des dates des décisions", "Precision of the decisions' dates"),
    "table.date_precision.note": (
        "Les archives ne datent pas toutes les décisions au jour près : chaque date est écrite avec ce "
        "qui est connu.",
        "The records do not date every decision to the day: each date is written with what is known.",
    ),
    "column.date_precision": ("date connue", "date known"),
    "column.decisions": ("décisions", "decisions"),
    "column.example": ("exemple", "example"),
    "column.value": ("valeur", "value"),
    "column.indicator": ("indicateur", "indicator"),
    "banner.illustrative.text_many": (
        "Les lignes de ces cas ont été composées à partir de descriptions publiques, elles n'ont pas "
        "été collectées sur le terrain. Les chiffres montrent ce que la méthode permet de lire ; "
        "ils ne décrivent pas les cas réels.",
        "The rows of these cases were composed from public descriptions, not collected in the field. "
        "The figures show what the method can read; they do not describe the real cases.",
    ),
    # --- provenance -------------------------------------------------------------------
    "provenance.heading": ("Provenance", "Provenance"),
    "provenance.version": ("Version de commons-analysis", "commons-analysis version"),
    "provenance.commit": ("Commit git", "Git commit"),
    "provenance.no_commit": ("aucun (hors dépôt git)", "none (not in a git repository)"),
    "provenance.dirty": ("avec des modifications locales", "with local changes"),
    "provenance.files": ("Fichiers de données", "Data files"),
    "provenance.parameters": ("Paramètres", "Parameters"),
    "provenance.date": ("Date du rendu", "Render date"),
    "provenance.date_value": ("{date} à {time} UTC", "{date} at {time} UTC"),
    "provenance.lock": ("Fichier de verrouillage", "Lock file"),
    "provenance.no_lock": ("aucun fichier de verrouillage", "no lock file"),
    "provenance.software": ("Logiciels", "Software"),
    "provenance.not_installed": ("non installé", "not installed"),
    "column.software": ("logiciel", "software"),
    "column.version": ("version", "version"),
    # --- index page -------------------------------------------------------------------
    "index.title": ("Rapports de cas", "Case reports"),
    "index.intro": (
        "Un rapport par cas ; les chiffres clés sont ceux du rapport. Les cas documentés reposent sur "
        "des données collectées ou des archives publiques ; les cas illustratifs, sur des données "
        "composées, non collectées.",
        "One report per case; the headline figures are those of the report. Documented cases rest on "
        "collected data or public records; illustrative cases, on composed, not collected, data.",
    ),
    "index.failed": ("Cas non rendus lors du dernier passage", "Cases not rendered in the last run"),
    "index.empty": ("Aucun rapport pour l'instant.", "No report yet."),
    "index.earlier_kept": (
        "le rapport d'un passage précédent est gardé",
        "the report of an earlier run is kept",
    ),
    "index.documented": ("Cas documentés", "Documented cases"),
    "index.illustrative": ("Cas illustratifs", "Illustrative cases"),
    # --- render summary ---------------------------------------------------------------
    "render.progress": ("Rendu", "Rendering"),
    "render.summary": (
        "{ok} rapport(s) rendu(s), {failed} échec(s).",
        "{ok} report(s) rendered, {failed} failed.",
    ),
    "render.failure": ("  {case} : {reason}", "  {case}: {reason}"),
    "render.index": ("Index : {path}", "Index: {path}"),
    "render.comparison": ("Comparaison : {path}", "Comparison: {path}"),
    "render.no_case": (
        "Aucun cas à rendre : donnez des identifiants de cas ou --all.",
        "No case to render: give case ids or --all.",
    ),
    "reason.invalid": ("cas invalide : {detail}", "invalid case: {detail}"),
    "reason.missing": ("dossier de cas introuvable : {detail}", "case folder not found: {detail}"),
    "reason.error": ("le carnet a levé une erreur : {detail}", "the notebook raised an error: {detail}"),
    "reason.timeout": ("délai dépassé ({seconds} s)", "timed out ({seconds} s)"),
    "reason.dead_kernel": ("le noyau s'est arrêté brutalement", "the kernel died"),
    "reason.kernel_start": ("le noyau n'a pas démarré : {detail}", "the kernel did not start: {detail}"),
    "reason.worker": ("le processus de rendu a échoué : {detail}", "the render worker failed: {detail}"),
    "reason.worker_died": (
        "le processus de rendu s'est arrêté brutalement",
        "the render worker died",
    ),
    "reason.reserved_name": (
        "'{case}' est le nom d'une page du dossier des rapports ({case}.html) : renommez le cas",
        "'{case}' names a page of the report folder ({case}.html): rename the case",
    ),
    "render.notebook_missing": (
        "carnet de rapport introuvable : {path}",
        "report notebook not found: {path}",
    ),
    "scheduler.unreachable": (
        "aucun planificateur Dask n'a répondu à {address} en {seconds} s : vérifiez l'adresse, et "
        "démarrez-en un à cette adresse avec `dask scheduler` ({detail})",
        "no Dask scheduler answered at {address} within {seconds} s: check the address, and start one "
        "there with `dask scheduler` ({detail})",
    ),
    "scheduler.no_worker": (
        "aucun worker n'est connecté au planificateur {address} après {seconds} s : démarrez-en un avec "
        "`dask worker {address}`",
        "no worker connected to the scheduler at {address} after {seconds} s: start one with "
        "`dask worker {address}`",
    ),
    "scheduler.silent": (
        "aucun résultat des {workers} worker(s) du planificateur {address} en {seconds} s",
        "no result from the {workers} worker(s) of the scheduler at {address} in {seconds} s",
    ),
    # --- comparison -------------------------------------------------------------------
    "comparison.title": ("Comparaison des cas", "Comparison of the cases"),
    "comparison.intro": (
        "Les cas côte à côte sur les chiffres clés de chaque perspective. Une valeur non définie "
        "(division par zéro, pas de données) est laissée vide, jamais mise à 0.",
        "The cases side by side on each perspective's headline figures. An undefined value (division "
        "by zero, no data) is left empty, never set to 0.",
    ),
    "comparison.table": ("Tableau des indicateurs", "Table of indicators"),
    "comparison.errors": ("Cas laissés de côté", "Cases left out"),
    "comparison.illustrative_mark": ("illustratif", "illustrative"),
    "comparison.no_case": (
        "Aucun cas à comparer dans {path} : donnez dans data_dir le dossier des cas "
        "(par exemple data/cases).",
        "No case to compare in {path}: give data_dir the folder of the cases (for instance data/cases).",
    ),
    "comparison.intervals.title": (
        "Marges du hasard : intervalles à 95 %",
        "Margins of chance: 95% intervals",
    ),
    "comparison.intervals.caption": (
        "Chaque point est la valeur d'un cas, chaque trait son intervalle de confiance à 95 % (les "
        "participants tirés {bootstrap} fois avec remise, graine {seed}). Deux cas dont les traits se "
        "chevauchent ne se distinguent pas nettement ; avec peu de participants, l'intervalle est trop "
        "étroit : le lire comme une marge minimale.",
        "Each dot is a case's value, each line its 95% confidence interval (the participants drawn "
        "{bootstrap} times with replacement, seed {seed}). Two cases whose lines overlap are not clearly "
        "apart; with few participants the interval is too narrow: read it as a minimum margin.",
    ),
    "comparison.intervals.off": (
        "Intervalles de confiance désactivés (0 rééchantillonnage) : les cas sont comparés sans marge "
        "d'erreur.",
        "Confidence intervals off (0 resamples): the cases are compared without a margin of error.",
    ),
    "comparison.reading.overlap": (
        "{indicator} : pas de différence nette entre ces cas (leurs intervalles à 95 % se chevauchent).",
        "{indicator}: no clear difference between these cases (their 95% intervals overlap).",
    ),
    "comparison.reading.above": (
        "{case} est nettement au-dessus de {others}",
        "{case} is clearly higher than {others}",
    ),
    "comparison.reading.distinct": (
        "{indicator} : {readings} ; les autres écarts restent dans la marge du hasard.",
        "{indicator}: {readings}; the other differences are within chance.",
    ),
    "comparison.reading.all_distinct": ("{indicator} : {readings}.", "{indicator}: {readings}."),
    "comparison.reading.too_few": (
        "{indicator} : moins de deux cas ont un intervalle, rien à comparer.",
        "{indicator}: fewer than two cases have an interval, nothing to compare.",
    ),
    "comparison.reading.and": (" et ", " and "),
    # --- uncertainty: what chance alone gives ---------------------------------------------
    "chance.name.ei_index": ("E-I", "E-I"),
    "chance.name.sector_assortativity": ("Assortativité", "Assortativity"),
    "chance.same": (
        "{name} {value}, {p} : pas différent de secteurs répartis au hasard (le hasard seul donne "
        "{expected})",
        "{name} {value}, {p}: no different from sectors placed at random (chance alone gives {expected})",
    ),
    "chance.within": (
        "{name} {value}, {p} : s'écarte du hasard, avec plus de liens à l'intérieur des secteurs que le "
        "hasard n'en donne (le hasard seul donne {expected})",
        "{name} {value}, {p}: departs from chance, with more ties within sectors than chance gives "
        "(chance alone gives {expected})",
    ),
    "chance.across": (
        "{name} {value}, {p} : s'écarte du hasard, avec plus de liens entre secteurs que le hasard n'en "
        "donne (le hasard seul donne {expected})",
        "{name} {value}, {p}: departs from chance, with more ties across sectors than chance gives "
        "(chance alone gives {expected})",
    ),
    "chance.undefined": (
        "{name} : pas de test possible (aucun lien de coopération, ou tous les acteurs liés sont du même "
        "secteur).",
        "{name}: no test possible (no cooperation tie, or every actor with a tie is of one sector).",
    ),
    "chance.off": (
        "Tests de permutation désactivés (0 permutation) : l'indice E-I et l'assortativité sont donnés "
        "sans valeur p.",
        "Permutation tests off (0 permutations): the E-I index and the assortativity are given without "
        "a p-value.",
    ),
    "chance.explained": (
        "p : part des {permutations} répartitions au hasard des secteurs entre les acteurs liés (graine "
        "{seed}) qui s'écartent autant de leur moyenne que le réseau observé ; sous 0,05, l'écart ne "
        "tient pas au seul hasard de qui est dans quel secteur.",
        "p: share of {permutations} random placements of the sectors among the actors with a tie (seed "
        "{seed}) that depart from their mean as much as the observed network; below 0.05, the departure "
        "is not the mere chance of who is in which sector.",
    ),
    "chance.p_equals": ("p = {p}", "p = {p}"),
    "chance.p_below": ("p < {p}", "p < {p}"),
    "interval.ci": ("IC 95\u202f% : {bounds}", "95% CI: {bounds}"),
    "interval.explained": (
        "IC 95\u202f% : intervalle de confiance à 95\u202f%, obtenu en tirant {bootstrap} fois les "
        "participants avec remise (graine {seed}) : de combien le chiffre varierait avec d'autres "
        "participants tirés de la même façon. Intervalle bootstrap-t pour le Gini et la part des plus "
        "actifs, BCa pour les parts : leur couverture mesurée est proche de 95\u202f% dès une vingtaine "
        "de participants.",
        "95% CI: 95% confidence interval, from {bootstrap} draws of the participants with replacement "
        "(seed {seed}): how much the figure would vary with other participants drawn the same way. "
        "Bootstrap-t interval for the Gini and the top share, BCa for the shares: their measured "
        "coverage is close to 95% from about twenty participants on.",
    ),
    "interval.off": (
        "Intervalles de confiance désactivés (0 rééchantillonnage) : les chiffres sont donnés sans marge "
        "d'erreur.",
        "Confidence intervals off (0 resamples): the figures are given without a margin of error.",
    ),
    "column.interval": ("IC 95\u202f%", "95% CI"),
    # --- exploration ------------------------------------------------------------------
    "explore.case": ("Cas", "Case"),
    "explore.sectors": ("Secteurs", "Sectors"),
    "explore.relation_types": ("Relations", "Relations"),
    "explore.date": ("Date", "Date"),
    "explore.all_dates": ("toutes les dates", "all dates"),
    "explore.no_case": ("Aucun cas valide dans {path}.", "No valid case in {path}."),
    # --- evidence: sources, codings, agreement (reporting/sections/evidence.py, issue 16) ---
    "evidence.title": ("Ce que disent les sources", "What the sources say"),
    "evidence.none": (
        "Ce cas n'a ni sources ni codages (auditions, entretiens, notes de lecture, documents).",
        "This case has no sources or codings (auditions, interviews, reading notes, documents).",
    ),
    "evidence.illustrative": (
        "Codages illustratifs : écrits pour montrer la méthode sur de vrais textes, ils ne sont pas le "
        "travail du groupe.",
        "Illustrative codings: written to show the method on real texts, they are not the group's work.",
    ),
    "evidence.overview": (
        "{sources} sources, {codings} codages de {coders} codeurs sur {passages} passages ; {withheld} "
        "sources sans consentement, comptées mais jamais citées.",
        "{sources} sources, {codings} codings by {coders} coders on {passages} passages; {withheld} sources "
        "without consent, counted but never quoted.",
    ),
    "evidence.alpha": (
        "Accord entre codeurs sur la présence des codes (alpha de Krippendorff, nominal) : {alpha} "
        "(intervalle à 95 % : {low} à {high}) sur {units} unités (passage × code).",
        "Agreement between coders on the presence of codes (Krippendorff's alpha, nominal): {alpha} "
        "(95% interval: {low} to {high}) over {units} units (passage × code).",
    ),
    "evidence.alpha_none": (
        "Accord entre codeurs : non calculable (aucune source codée par deux codeurs au moins).",
        "Agreement between coders: not computable (no source coded by two coders or more).",
    ),
    "evidence.excerpts.title": (
        "Ce que disent les sources — {perspective}",
        "What the sources say — {perspective}",
    ),
    "evidence.excerpts.none": (
        "Aucun passage codé pour cette perspective.",
        "No passage is coded for this perspective.",
    ),
    "evidence.withheld": (
        "{count} passages de sources sans consentement : comptés, jamais cités.",
        "{count} passages from sources without consent: counted, never quoted.",
    ),
    "evidence.kinds.title": ("Codes par type de source", "Codes by kind of source"),
    "evidence.kinds.axis": ("codages", "codings"),
    "evidence.network.title": ("Réseau des codes", "Network of codes"),
    "evidence.network.caption": (
        "Deux codes sont liés quand ils codent le même passage ; l'épaisseur du lien compte ces passages, "
        "la taille d'un code ses codages.",
        "Two codes are tied when they code the same passage; the width of a tie counts those passages, "
        "the size of a code its codings.",
    ),
    "evidence.network.none": ("Aucun passage ne porte deux codes.", "No passage carries two codes."),
    "evidence.agreement.title": ("Accord entre codeurs, par code", "Agreement between coders, by code"),
    "evidence.agreement.overall": ("ensemble des codes", "all codes"),
    "evidence.agreement.ostrom": ("scores d'Ostrom ensemble", "Ostrom scores together"),
    "evidence.disagreements.title": (
        "Passages où les codeurs divergent (pour la prochaine réunion)",
        "Passages where the coders disagree (for the next meeting)",
    ),
    "evidence.disagreements.none": (
        "Les codeurs ne divergent sur aucun passage.",
        "The coders disagree on no passage.",
    ),
    "evidence.scores.title": (
        "Scores d'Ostrom et d'Arnstein, et les codages qui les fondent",
        "Ostrom and Arnstein scores, and the codings they rest on",
    ),
    "evidence.scores.none": (
        "Aucun score d'Ostrom ou d'Arnstein n'est codé dans les sources.",
        "No Ostrom or Arnstein score is coded in the sources.",
    ),
    "evidence.scores.alpha": (
        "Accord sur les scores d'Ostrom du cas (alpha ordinal, unités : les principes) : {alpha} "
        "(intervalle à 95 % : {low} à {high}).",
        "Agreement on the case's Ostrom scores (ordinal alpha, units: the principles): {alpha} "
        "(95% interval: {low} to {high}).",
    ),
    "evidence.agreed": ("retenu", "agreed"),
    "evidence.from.case.yaml": ("score du groupe (case.yaml)", "the group's score (case.yaml)"),
    "evidence.from.median": ("médiane des codeurs", "median of the coders"),
    "evidence.from.codings": ("codages du codeur", "the coder's codings"),
    "evidence.from.none": ("sans élément probant", "without evidence"),
    "evidence.column.code": ("code", "code"),
    "evidence.column.source": ("source", "source"),
    "evidence.column.kind": ("type de source", "kind of source"),
    "evidence.column.role": ("personne entendue (rôle)", "person heard (role)"),
    "evidence.column.excerpt": ("extrait", "excerpt"),
    "evidence.column.coder": ("codeur", "coder"),
    "evidence.column.passage": ("passage", "passage"),
    "evidence.column.alpha": ("alpha", "alpha"),
    "evidence.column.interval": ("intervalle à 95 %", "95% interval"),
    "evidence.column.units": ("unités", "units"),
    "evidence.column.level": ("niveau", "level"),
    "evidence.column.score": ("score", "score"),
    "evidence.column.from": ("d'où", "from"),
    "evidence.column.codings": ("codages", "codings"),
    "evidence.column.with": ("codé par", "coded by"),
    "evidence.column.without": ("pas par", "not by"),
    "evidence.column.values": ("valeurs", "values"),
    "evidence.column.cases": ("cas", "cases"),
    "evidence.column.text": ("préconisation", "recommendation"),
    "evidence.column.perspective": ("perspective", "perspective"),
    "evidence.level.nominal": ("nominal", "nominal"),
    "evidence.level.ordinal": ("ordinal", "ordinal"),
    "evidence.kind.audition": ("audition", "audition"),
    "evidence.kind.interview": ("entretien", "interview"),
    "evidence.kind.field_note": ("note de terrain", "field note"),
    "evidence.kind.reading_note": ("note de lecture", "reading note"),
    "evidence.kind.document": ("document", "document"),
    "evidence.kind.deliberation": ("délibération", "deliberation"),
    "evidence.matrix.title": ("Cas × codes (passages codés)", "Cases × codes (passages coded)"),
    "evidence.matrix.none": ("Aucun cas n'a de codages.", "No case has codings."),
    "evidence.recommendations.title": (
        "Préconisations et ce qui les fonde",
        "Recommendations and what supports them",
    ),
    "evidence.recommendations.none": (
        "Aucune préconisation n'est inscrite dans les cas (case.yaml, recommendations).",
        "No recommendation is written in the cases (case.yaml, recommendations).",
    ),
    "evidence.quote_withheld": (
        "(source sans consentement : non citée)",
        "(source without consent: not quoted)",
    ),
}

_ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "parameter": {
        "case_id": ("identifiant du cas", "case id"),
        "data_dir": ("dossier des données", "data folder"),
        "lang": ("langue", "language"),
        "min_cell": ("effectif minimal publié (k)", "smallest group published (k)"),
        "seed": ("graine du hasard", "random seed"),
        "permutations": ("permutations (tests de hasard)", "permutations (chance tests)"),
        "bootstrap": ("tirages bootstrap (intervalles)", "bootstrap draws (intervals)"),
    },
    "lang": {"fr": ("français", "French"), "en": ("anglais", "English")},
    "date_precision": {
        "day": ("au jour près", "to the day"),
        "month": ("au mois près", "to the month"),
        "year": ("à l'année près", "to the year"),
        "approximate": ("approximativement", "approximately"),
    },
    "sector": {
        "commons": ("Communs", "Commons"),
        "public": ("Public", "Public"),
        "sse": ("ESS", "SSE"),
        "private": ("Privé", "Private"),
        "citizen": ("Citoyens", "Citizens"),
        "other": ("Autre", "Other"),
    },
    "kind": {
        "person": ("personne", "person"),
        "organisation": ("organisation", "organisation"),
        "group": ("collectif", "group"),
    },
    "relation": {
        "membership": ("adhésion", "membership"),
        "governance": ("gouvernance", "governance"),
        "funding": ("financement", "funding"),
        "in_kind": ("apport en nature", "in kind"),
        "contract": ("contrat", "contract"),
        "partnership": ("partenariat", "partnership"),
        "co_construction": ("co-construction", "co-construction"),
        "conflict": ("conflit", "conflict"),
    },
    "event_kind": {
        "assembly": ("assemblée", "assembly"),
        "working_group": ("groupe de travail", "working group"),
        "public_meeting": ("réunion publique", "public meeting"),
        "council": ("conseil", "council"),
        "work_day": ("chantier", "work day"),
        "training": ("formation", "training"),
        "ballot": ("scrutin", "ballot"),
        "other": ("autre", "other"),
    },
    "role": {
        "attendee": ("participation", "attendee"),
        "facilitator": ("animation", "facilitator"),
        "speaker": ("intervention", "speaker"),
        "organiser": ("organisation", "organiser"),
    },
    "rule": {
        "consensus": ("consensus", "consensus"),
        "majority": ("majorité", "majority"),
        "supermajority": ("majorité qualifiée", "supermajority"),
        "sortition": ("tirage au sort", "sortition"),
        "public_authority": ("autorité publique", "public authority"),
        "delegated": ("délégation", "delegated"),
        "participatory_budget": ("budget participatif", "participatory budget"),
        "other": ("autre", "other"),
    },
    "brokerage": {
        "coordinator": ("coordinateur", "coordinator"),
        "itinerant": ("itinérant", "itinerant"),
        "representative": ("représentant", "representative"),
        "gatekeeper": ("gardien", "gatekeeper"),
        "liaison": ("agent de liaison", "liaison"),
    },
    "ostrom": {
        "boundaries": ("Limites clairement définies", "Clearly defined boundaries"),
        "congruence": ("Règles adaptées au contexte local", "Congruence with local conditions"),
        "collective_choice": ("Choix collectifs", "Collective-choice arrangements"),
        "monitoring": ("Surveillance", "Monitoring"),
        "graduated_sanctions": ("Sanctions graduées", "Graduated sanctions"),
        "conflict_resolution": ("Résolution des conflits", "Conflict resolution"),
        "recognition_of_rights": ("Droit à s'organiser reconnu", "Recognition of the right to organise"),
        "nested_enterprises": ("Organisations imbriquées", "Nested enterprises"),
    },
    "arnstein": {
        "manipulation": ("Manipulation", "Manipulation"),
        "therapy": ("Thérapie", "Therapy"),
        "informing": ("Information", "Informing"),
        "consultation": ("Consultation", "Consultation"),
        "placation": ("Apaisement", "Placation"),
        "partnership": ("Partenariat", "Partnership"),
        "delegated_power": ("Délégation de pouvoir", "Delegated power"),
        "citizen_control": ("Contrôle citoyen", "Citizen control"),
    },
    "arnstein_level": {
        "nonparticipation": ("Non-participation", "Nonparticipation"),
        "tokenism": ("Participation symbolique", "Tokenism"),
        "citizen_power": ("Pouvoir citoyen", "Citizen power"),
    },
    "mapping": {
        "actors": ("Acteurs", "Actors"),
        "relations": ("Relations", "Relations"),
        "events": ("Événements", "Events"),
        "participation": ("Participation", "Participation"),
        "decisions": ("Décisions", "Decisions"),
        "matching": ("Rapprochement des noms", "Matching of names"),
        "quorum": ("Quorum", "Quorum"),
        "rules": ("Règles de décision", "Decision rules"),
        "dates": ("Dates", "Dates"),
        "left_out": ("Laissé de côté", "Left out"),
    },
    "perspective": {
        "public_power": ("puissance publique", "public power"),
        "distant_people": ("personnes éloignées", "distant people"),
        "practices_tools": ("pratiques et outils", "practices and tools"),
    },
}


def _check_lang(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return LANGS.index(lang)


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string ``key`` in ``lang`` (``fr`` or ``en``), with ``{name}`` fields filled from ``values``.

    A missing key is a bug, not a fallback: it raises ``KeyError``. French
    strings take a narrow no-break space before ``: ; ! ? » %`` and after ``«``
    (:func:`~commons_analysis.core.formats.french_spacing`), the values filled
    in are left as they are.

    >>> t("glance.period_value", "en", start="2015", end="2019")
    'from 2015 to 2019'
    >>> t("interval.ci", "fr", bounds="0,43–0,56").replace("\u202f", "_")
    'IC 95_%_: 0,43–0,56'
    """
    text = _STRINGS[key][_check_lang(lang)]
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
    _check_lang(lang)
    if value is None:
        return UNDEFINED
    pair = _ENUMS[kind].get(str(value))
    if not pair:
        return str(value)
    return _french(pair[0]) if lang == "fr" else pair[1]


def indicator_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """The label of an indicator by its dotted key (:mod:`catalogue`); the key itself if unknown.

    A member of a family is labelled by the family and the member:

    >>> indicator_label("participation.gini", "en"), indicator_label("decisions.rule_shares.majority", "fr")
    ('Gini of participation', 'part des décisions\u202f: majorité')
    """
    index = _check_lang(lang)
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
    _check_lang(lang)
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
        return t("yes" if value else "no", lang)
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
        return t("chance.p_equals", lang, p=UNDEFINED)
    if value < SMALLEST_P:
        return t("chance.p_below", lang, p=number(SMALLEST_P, lang, digits=3))
    return t("chance.p_equals", lang, p=number(float(value), lang, digits=2 if value >= 0.1 else 3))


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
    return t("interval.ci", lang, bounds=written) if written else ""


def joined(items: Sequence[str], lang: str = DEFAULT_LANG) -> str:
    """Words joined as a sentence lists them: ``a, b et c`` / ``a, b and c``.

    >>> joined(["Brest", "Grasse", "Napoli"], "fr"), joined(["Brest"], "en")
    ('Brest, Grasse et Napoli', 'Brest')
    """
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + t("comparison.reading.and", lang) + items[-1]


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
    shown = t(f"chance.name.{name}", lang)
    if p is None or value is None or expected is None:
        return t("chance.undefined", lang, name=shown)
    reading = "chance.same"
    if p < SIGNIFICANCE and value != expected:
        within = value < expected if name == "ei_index" else value > expected
        reading = "chance.within" if within else "chance.across"
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
    _check_lang(lang)
    return formats.number(value, lang, digits)


def percent(value: object, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A share (0–1) as a percentage; ``None`` as a dash.

    >>> percent(0.5, "fr"), percent(1, "en"), percent(None, "en")
    ('50,0\u202f%', '100.0%', '—')
    """
    _check_lang(lang)
    return formats.percent(value, lang, digits)


def euros(value: object, lang: str = DEFAULT_LANG) -> str:
    """An amount in euros, without cents.

    >>> euros(12500, "fr"), euros(12500, "en")
    ('12\u202f500\u202f€', '€12,500')
    """
    _check_lang(lang)
    return formats.euros(value, lang)


def date(value: object, lang: str = DEFAULT_LANG, precision: str = "day") -> str:
    """A date in words (``31 décembre 2019``, ``December 31, 2019``); ``None`` as a dash.

    ``precision``: ``day``, ``month``, ``year`` or ``approximate`` (see :func:`formats.date`).

    >>> import datetime as dt
    >>> date(dt.date(2019, 12, 31), "fr"), date(dt.date(2019, 12, 31), "en")
    ('31 décembre 2019', 'December 31, 2019')
    """
    _check_lang(lang)
    return formats.date(value, lang, precision)


#: The technical words of the reports: term → ((French term, definition), (English term, definition)).
GLOSSARY: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "density": (
        ("densité", "part des paires d'acteurs reliées par au moins une relation de coopération : 1 si "
         "tous sont reliés à tous, proche de 0 dans un grand réseau peu connecté."),
        ("density", "share of the pairs of actors linked by at least one cooperation relation: 1 when "
         "everyone is linked to everyone, close to 0 in a large sparse network."),
    ),
    "components": (
        ("composantes", "groupes d'acteurs reliés entre eux par un chemin de relations, sans lien avec "
         "les autres groupes ; un réseau d'un seul tenant a une composante."),
        ("components", "groups of actors joined by a path of relations, with no tie to the other groups; "
         "a network in one piece has one component."),
    ),
    "ei_index": (
        ("indice E-I", "(liens entre secteurs − liens dans un même secteur) / liens : de −1 (chaque secteur "
         "reste entre soi) à +1 (tous les liens traversent les secteurs) ; Krackhardt et Stern, 1988."),
        ("E-I index", "(ties across sectors − ties within a sector) / ties: from −1 (each sector keeps to "
         "itself) to +1 (every tie crosses sectors); Krackhardt and Stern, 1988."),
    ),
    "assortativity": (
        ("assortativité", "tendance des acteurs à se lier à ceux de leur secteur, corrigée de la taille "
         "des secteurs : 0 comme au hasard, positive quand chacun reste entre soi, négative quand les "
         "liens traversent les secteurs ; Newman, 2003."),
        ("assortativity", "how much actors link to their own sector, corrected for the sectors' sizes: 0 "
         "as by chance, positive when each keeps to itself, negative when ties cross sectors; Newman, 2003."),
    ),
    "p_value": (
        ("p (test de permutation)", "part des répartitions au hasard des secteurs qui donnent un chiffre "
         "aussi éloigné de ce que le hasard donne que celui observé : sous 0,05, le chiffre s'écarte du "
         "hasard ; son erreur de Monte-Carlo dit de combien p varie d'un tirage à l'autre."),
        ("p (permutation test)", "share of random placements of the sectors that give a figure as far "
         "from what chance gives as the one observed: below 0.05, the figure departs from chance; its "
         "Monte-Carlo error says how much p varies from one draw to another."),
    ),
    "bootstrap_interval": (
        ("intervalle bootstrap (IC 95 %)", "fourchette dans laquelle le chiffre se trouverait 95 fois sur "
         "100 avec d'autres participants tirés de la même façon, obtenue en retirant les participants avec "
         "remise (bootstrap-t pour le Gini, BCa pour les parts)."),
        ("bootstrap interval (95% CI)", "range the figure would fall in 95 times out of 100 with other "
         "participants drawn the same way, from resampling the participants with replacement (bootstrap-t "
         "for the Gini, BCa for the shares)."),
    ),
    "gini": (
        ("Gini", "concentration de la participation : 0 si chacun participe autant, proche de 1 si "
         "quelques personnes font presque toute la participation."),
        ("Gini", "concentration of participation: 0 when everyone takes part as much, close to 1 when a "
         "few persons account for almost all of it."),
    ),
    "hhi": (
        ("HHI (indice de Herfindahl-Hirschman)", "somme des carrés des parts de chaque initiateur dans "
         "les décisions : proche de 0 quand l'initiative est partagée, 1 quand un seul acteur initie tout."),
        ("HHI (Herfindahl-Hirschman index)", "sum of the squared shares of each initiator in the "
         "decisions: close to 0 when initiative is shared, 1 when one actor initiates everything."),
    ),
    "ostrom_score": (
        ("score d'Ostrom", "somme des huit principes de conception d'Ostrom (1990) tels que codés par "
         "l'équipe de recherche (0 absent, 1 partiel, 2 présent ; un principe non codé compte 0), "
         "divisée par 16 : de 0 à 1."),
        ("Ostrom score", "sum of Ostrom's (1990) eight design principles as coded by the research team "
         "(0 absent, 1 partial, 2 present; an uncoded principle counts 0), over 16: from 0 to 1."),
    ),
    "arnstein_rung": (
        ("échelon d'Arnstein", "degré de pouvoir des citoyens sur l'échelle de la participation "
         "d'Arnstein (1969), de 1 (manipulation) à 8 (contrôle citoyen), codé par l'équipe de recherche."),
        ("Arnstein rung", "degree of citizen power on Arnstein's (1969) ladder of participation, from 1 "
         "(manipulation) to 8 (citizen control), coded by the research team."),
    ),
    "brokerage": (
        ("courtage", "position d'un acteur qui relie deux acteurs non reliés entre eux ; selon les "
         "secteurs des trois, coordinateur, consultant, représentant, gardien ou agent de liaison "
         "(Gould et Fernandez, 1989)."),
        ("brokerage", "position of an actor linking two actors who are not linked to each other; by the "
         "sectors of the three, coordinator, consultant, representative, gatekeeper or liaison (Gould and "
         "Fernandez, 1989)."),
    ),
    "representation_ratio": (
        ("rapport de représentation", "part d'un groupe parmi les participants divisée par sa part dans "
         "la population : 1 en proportion, 0,5 deux fois moins présent, 2 deux fois plus."),
        ("representation ratio", "a group's share among participants divided by its share in the "
         "population: 1 in proportion, 0.5 half as present, 2 twice as present."),
    ),
}  # fmt: skip


def glossary(lang: str = DEFAULT_LANG) -> list[tuple[str, str]]:
    """The technical words of the reports with their definition, in ``lang``, alphabetically.

    >>> dict(glossary("en"))["HHI (Herfindahl-Hirschman index)"][:40]
    'sum of the squared shares of each initia'
    >>> [term for term, _ in glossary("fr")][:2]
    ['assortativité', 'composantes']
    """
    index = _check_lang(lang)
    entries = [pair[index] for pair in GLOSSARY.values()]
    if lang == "fr":
        entries = [(_french(term), _french(definition)) for term, definition in entries]
    return sorted(entries, key=lambda entry: formats_fold(entry[0]))


def formats_fold(word: str) -> str:
    """A word for sorting: lower case, without accents (``Échelon`` sorts with ``echelon``)."""
    import unicodedata

    return "".join(
        ch for ch in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(ch)
    )


def explanation(key: str, lang: str = DEFAULT_LANG) -> str:
    """A short explanation to show beside a technical indicator (:data:`catalogue.EXPLANATIONS`); "" if none.

    >>> explanation("network.ei_index", "en")[:40]
    'from −1 (each sector keeps to itself) to'
    >>> explanation("network.actors", "fr")
    ''
    """
    index = _check_lang(lang)
    indicator = lookup(key)
    pair = EXPLANATIONS.get(indicator.key if indicator else key)
    if pair is None:
        return ""
    return _french(pair[0]) if index == 0 else pair[1]


def case_text(text: str, lang: str = DEFAULT_LANG) -> str:
    """A text of ``case.yaml`` (summary, mapping notes, evidence) as a report shows it.

    In French: dates in words and French spacing (:func:`formats.french_dates`,
    :func:`formats.french_spacing`); in English as written.

    >>> case_text("Lieu : Naples, depuis le 2012-03-02", "fr").replace("\u202f", "_")
    'Lieu_: Naples, depuis le 2 mars 2012'
    >>> case_text("Place: Naples", "en")
    'Place: Naples'
    """
    _check_lang(lang)
    if lang != "fr" or not text:
        return text
    return formats.french_spacing(formats.french_dates(text))


def not_applicable_text(reason: str, lang: str = DEFAULT_LANG) -> str:
    """Why a figure does not apply to a case (a reason of :func:`analysis.applicability.not_applicable`).

    >>> not_applicable_text("secret_ballot", "en")[:48]
    'not applicable: the ballots are secret and the r'
    """
    return t(f"not_applicable.{reason}", lang)


def all_keys() -> Mapping[str, tuple[str, str]]:
    """Every plain string key with its (French, English) pair, for checks and translators."""
    return dict(_STRINGS)


def all_labels() -> Mapping[str, Mapping[str, tuple[str, str]]]:
    """Every enumeration with its (French, English) labels, for checks and translators."""
    return {kind: dict(values) for kind, values in _ENUMS.items()}
