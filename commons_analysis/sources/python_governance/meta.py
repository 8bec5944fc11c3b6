"""The ``case.yaml`` of the python-governance case: provenance, and every choice of the mapping explained.

Definition
----------
The content is fixed by the records and by the figures of the mapping
(:func:`~commons_analysis.sources.python_governance.mapping.build_tables`):
it never depends on today's date nor on where the raw folder lies, so that
importing again writes the same bytes. Texts are ``{"en": …, "fr": …}``;
no person is named in them (reports show persons by pseudonym).

Reference: docs/design.md §case.yaml and §Sources; ``data/raw/python-governance/SOURCE.md``.

Example
-------
>>> share(3, 4), share(0, 0)
('75\\u202f%', 'n/a')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from commons_analysis.core.formats import date, french_dates
from commons_analysis.sources.python_governance.peps import MONTH_BY_NUMBER

#: Where the records lie in the project, as ``case.yaml`` cites them (not where they were read from).
RAW = "data/raw/python-governance"
PEPS_COMMIT = "ba4deeb7969588d937da609008d05bb83a47b1ab"
DEVGUIDE_COMMIT = "0d5fbc08982dcc4ef2057ea7919e986465b44182"
#: The date of both commits: the records were taken as they stood that day.
ACCESSED = "2026-08-22"


def share(part: int, whole: int) -> str:
    """``part / whole`` as a rounded percentage, ``n/a`` when ``whole`` is 0."""
    return f"{round(100 * part / whole)}\u202f%" if whole else "n/a"


def _period(tables: dict[str, pd.DataFrame]) -> dict[str, dt.date]:
    dates = [
        value
        for name, columns in (
            ("relations", ("start", "end")),
            ("events", ("date",)),
            ("decisions", ("date",)),
        )
        for column in columns
        for value in tables[name][column].dropna()
    ]
    return {"start": dt.date.fromisoformat(min(dates)), "end": dt.date.fromisoformat(max(dates))}


def case_meta(case_id: str, tables: dict[str, pd.DataFrame], figures: dict[str, Any]) -> dict[str, Any]:
    """The content of ``case.yaml``, keys in the order of docs/design.md §case.yaml."""
    f = figures
    year, month = f["bdfl_until"]
    until_en, until_fr = f"{MONTH_BY_NUMBER[month]} {year}", f"{_MOIS[month - 1]} {year}"
    council = f["council_from"].isoformat()
    council_fr = date(f["council_from"], "fr")
    pr = f["period_rule"]
    bdfl_total = pr.get("BDFL|delegated", 0) + pr.get("BDFL|other", 0)
    sc_total = pr.get("Steering Council|delegated", 0) + pr.get("Steering Council|majority", 0)
    delegated_before = share(pr.get("BDFL|delegated", 0), bdfl_total)
    delegated_after = share(pr.get("Steering Council|delegated", 0), sc_total)
    precision = f["date_precision"]
    rules = f["match_rules"]
    mapping = {
        "actors": {
            "en": (
                f"Every person of the core team log ({f['members']} records, {f['members_active']} still "
                "members) and every other person the mapped records name (first authors, co-authors and "
                "sponsors of a decided PEP, Steering Council candidates) is an actor of kind person, sector "
                "commons: the project is a commons, and its contributors are its commoners. Three "
                "collective actors: python-core-team (kind group: the core developers, no legal "
                "personality), python-steering-council (kind group: the five-person council of PEP 13, a "
                "body of the core team) and psf, the Python Software Foundation (kind organisation, sector "
                "sse: a non-profit foundation, the legal body the council works with to manage the "
                "project's assets (PEP 13) and whose staff run the elections; the social-economy partner of "
                "the commons, not the commons itself). The BDFL is a role, not an actor: the person who "
                "held it is an actor, with the role noted. A PEP-Delegate is an actor only if the records "
                "name them otherwise (member, author, candidate): the contract has no column for who "
                "decided, so delegation shows in the rule only."
            ),
            "fr": (
                f"Chaque personne du registre de l'équipe principale ({f['members']} lignes, dont "
                f"{f['members_active']} encore membres) et chaque autre personne nommée par les archives "
                "retenues (premiers auteurs, coauteurs et parrains d'une PEP décidée, candidats au conseil "
                "de direction) est un acteur de nature personne, secteur commun : le projet est un commun, "
                "ses contributeurs en sont les membres. Trois acteurs "
                "collectifs : python-core-team "
                "(groupe : les développeurs principaux, sans personnalité juridique), "
                "python-steering-council (groupe : le conseil de cinq membres de la PEP 13, organe de "
                "l'équipe principale) et psf, la Python Software Foundation (organisation, secteur ESS : "
                "fondation à but non lucratif, personne morale avec laquelle le conseil gère les biens du "
                "projet (PEP 13) et dont les salariés organisent les élections ; partenaire d'économie "
                "sociale du commun, non le commun lui-même). Le BDFL (« dictateur bienveillant à vie ») est "
                "un rôle, pas un acteur : la personne qui l'a tenu est un acteur, avec ce rôle noté. Un "
                "délégué de PEP n'est un acteur que si les archives le nomment à un autre titre (membre, "
                "auteur, candidat) : le contrat n'a pas de colonne pour qui a décidé, la délégation ne se "
                "voit que dans la règle."
            ),
        },
        "relations": {
            "en": (
                "membership: each core team member → python-core-team, from the date joined to the date "
                "left (open while still a member). governance: each elected councillor → "
                "python-steering-council, one relation per term, from the day voting closed in their "
                "election to the day it closed in the next one (PEP 13: a term runs from when the results "
                "are finalized until the next council's term starts; the last term is open). in_kind: psf → "
                "python-core-team, PSF staff administering the council elections (PEPs 8100–8107), undated."
            ),
            "fr": (
                "Adhésion : chaque membre de l'équipe principale → python-core-team, de la "
                "date d'entrée à la date de sortie (ouverte s'il est encore membre). Gouvernance : chaque "
                "élu → python-steering-council, une relation par mandat, du jour de clôture du vote de son "
                "élection à celui de l'élection suivante (PEP 13 : un mandat court de la proclamation des "
                "résultats au début du mandat suivant ; le dernier reste ouvert). Apport en "
                "nature : psf → python-core-team, les salariés de la PSF administrant les élections (PEP "
                "8100–8107), sans date."
            ),
        },
        "events": {
            "en": (
                "One ballot event per vote of the core team: the governance vote of December 2018 (PEP "
                "8001, Condorcet) and each Steering Council election (PEPs 8100–8107). Date: the day, in "
                "UTC, voting closed (a deadline 'day D Anywhere on Earth' closes on D+1 at 12:00 UTC; an "
                "extended vote closes with its extension). Not open: only core team members could vote. "
                "eligible: the number of eligible voters the election PEP gives ('Of N eligible voters, M "
                "cast ballots'); unknown for the 2018 vote. attendance: the ballots cast (M), also in the "
                "event title; without a record of who voted there is no participation row, so turnout is "
                "attendance / eligible."
            ),
            "fr": (
                "Un événement scrutin par vote de l'équipe principale : le vote sur la gouvernance de "
                "décembre 2018 (PEP 8001, méthode de Condorcet) et chaque élection du conseil de direction "
                "(PEP 8100–8107). Date : le jour (UTC) de clôture du vote (une échéance « jour J n'importe "
                "où sur Terre » se clôt à J+1 à 12 h UTC ; un vote prolongé se clôt avec sa prolongation). "
                "Non ouvert : seuls les membres de l'équipe principale votent. Inscrits : le nombre "
                "d'électeurs inscrits donné par la PEP de l'élection (« Of N eligible voters, M cast "
                "ballots ») ; inconnu pour le vote de 2018. Présents : le nombre de votants (M), aussi "
                "dans le titre ; faute d'archive de qui a voté, il n'y a pas de ligne de participation, et "
                "la participation électorale est le nombre de votants rapporté au nombre d'inscrits."
            ),
        },
        "participation": {
            "en": (
                "None. The ballots are secret and the records name no voter; the voter rolls name who was "
                "entitled to vote, not who voted. No participation row is invented: turnout comes from the "
                "counts of ballots cast (events.attendance), and the concentration of participation "
                "cannot be computed from this case."
            ),
            "fr": (
                "Aucune. Les votes sont secrets et les archives ne nomment aucun votant ; les listes "
                "électorales disent qui pouvait voter, non qui a voté. Aucune ligne de participation n'est "
                "inventée : la participation électorale vient du nombre de votants (events.attendance), et "
                "la concentration de la participation ne peut être calculée pour ce cas."
            ),
        },
        "decisions": {
            "en": (
                "A PEP is a decision when its header records a resolution: a Resolution header, which PEP 1 "
                "asks for once a PEP is accepted, rejected or withdrawn ('a direct link to the relevant "
                "post making a decision on the PEP'), whatever its status, or, for the governance proposals "
                "PEP 8010–8016, the outcome their text states ('accepted/rejected by a core developer vote "
                "described in PEP 8001'); or when its status says it was decided (Accepted, Final, "
                "Rejected, Superseded) though its header has no Resolution "
                f"({f['decided_without_resolution']} PEPs, {f['unresolved_before_2012']} of them created "
                "before 2012, when the header was rarely used). "
                f"That is {f['decisions_peps']} PEPs; each council election is a "
                f"decision too ({f['decisions_elections']}). decision_id pep-NNNN, topic 'PEP N: title'. "
                "initiated_by: the first author. supported_by: the other authors, then the sponsor(s), "
                "without repeating the initiator. adopted: true for Accepted, Provisional, Final, Active "
                "and Superseded (it was adopted, then replaced), false for Rejected, Withdrawn and "
                "Deferred. The governance proposals are tied to the 2018 ballot event; elections to their "
                "own ballot event, adopted, without initiator. No vote counts: the records give none for "
                "PEPs nor for the 2018 vote, and an election's per-candidate approvals are not votes for or "
                "against one decision."
            ),
            "fr": (
                "Une PEP est une décision quand son en-tête consigne une résolution : un en-tête "
                "Resolution, que la PEP 1 demande dès qu'une PEP est acceptée, rejetée ou retirée (« un "
                "lien direct vers le message qui décide de la PEP »), quel que soit son statut, ou, pour "
                "les propositions de gouvernance PEP 8010–8016, l'issue que leur texte énonce (« "
                "acceptée/rejetée par le vote des développeurs principaux décrit dans la PEP 8001 ») ; ou "
                "quand son statut dit qu'elle a été décidée (Accepted, Final, Rejected, Superseded) sans que "
                f"son en-tête ait de Resolution ({f['decided_without_resolution']} PEP, dont "
                f"{f['unresolved_before_2012']} créées avant 2012, quand cet en-tête était rarement "
                f"employé). Soit {f['decisions_peps']} PEP ; chaque élection du conseil est aussi une "
                f"décision ({f['decisions_elections']}). Identifiant pep-NNNN, sujet « PEP N : titre ». "
                "Initiateur : le premier auteur. Soutiens : les autres auteurs puis le ou les parrains, sans "
                "répéter l'initiateur. Adoptée : oui pour les statuts Accepted, Provisional, Final, Active "
                "et Superseded (adoptée puis remplacée), non pour Rejected, Withdrawn et Deferred. Les "
                "propositions de gouvernance sont rattachées au scrutin de 2018 ; les élections à leur "
                "propre scrutin, adoptées, sans initiateur. Aucun décompte de voix : les archives n'en "
                "donnent ni pour les PEP ni pour le vote de 2018, et les voix d'approbation par candidat "
                "d'une élection ne sont pas des voix pour ou contre une décision."
            ),
        },
        "rules": {
            "en": (
                "delegated where the header names a BDFL-Delegate or PEP-Delegate (PEP 1: the person "
                "appointed to make the final decision; a placeholder such as 'TODO' names nobody). Else the "
                f"deciding body of the decision's date: the BDFL until {until_en} (PEP 13), rule other: one "
                "person pronounced, neither by vote nor by consensus, and by his own authority, not a "
                f"delegated one. The Steering Council from its first term ({council}), rule majority: 'to "
                "use its powers, the council votes … passing requires a strict majority' (PEP 13). The 2018 "
                "governance vote and the council elections are votes of the core team: rule majority (the "
                "Condorcet winner beats every other proposal by a majority; the elections are approval, "
                "then STAR, multi-winner votes, which the contract has no rule for: majority is its family "
                "of 'decided by counting members' votes'). Share of PEP decisions delegated: "
                f"{delegated_before} of {bdfl_total} under the BDFL, {delegated_after} of {sc_total} under "
                "the Steering Council."
            ),
            "fr": (
                "Règle « délégation » quand l'en-tête nomme un BDFL-Delegate ou PEP-Delegate (PEP 1 : la "
                "personne désignée pour décider ; un bouche-trou comme « TODO » ne nomme personne). Sinon, "
                f"l'instance qui décidait à la date de la décision : le BDFL jusqu'en {until_fr} (PEP 13), "
                "règle « autre » : une personne tranche, ni par vote ni par consensus, de sa propre "
                "autorité et non par délégation. Le conseil de direction dès son premier mandat "
                f"({council_fr}), règle « majorité » : « pour exercer ses pouvoirs, le conseil vote "
                f"… à la majorité "
                "stricte » (PEP 13). Le vote de 2018 sur la gouvernance et les élections du conseil sont "
                "des votes de l'équipe principale : règle « majorité » (le gagnant de Condorcet bat chaque "
                "autre proposition à la majorité ; les élections sont des votes par approbation puis STAR à "
                "plusieurs élus, que le contrat ne distingue pas : la majorité est sa famille « décidé en "
                f"comptant les voix des membres »). Part des décisions de PEP déléguées : {delegated_before} "
                f"sur {bdfl_total} sous le BDFL, {delegated_after} sur {sc_total} sous le conseil de "
                "direction."
            ),
        },
        "dates": {
            "en": (
                "A decision's date is its resolution date, and the column date_precision says how much of "
                "it is known: the date of a dated Resolution link "
                f"({precision.get('day', 0)} PEPs, day); the month of a mailing-list archive URL, dated on "
                f"its first day ({precision.get('month', 0)}, month); the day the 2018 vote's result was "
                f"announced for PEPs 8010–8016 ({precision.get('vote', 0)}, day). A Resolution link without "
                f"a date (discuss.python.org, the newer mail archive: {precision.get('approximate', 0)} "
                "PEPs, approximate) is dated by the latest date the headers it resolves record (Created, "
                "Post-History): a PEP is posted, then resolved (PEP 1), though a header may also record a "
                "later posting. A decided PEP without a Resolution header "
                f"({precision.get('unresolved', 0)} PEPs, approximate) is dated by its last Post-History "
                f"date ({f['unresolved_post_history']} PEPs), else by its Created date: the decision came "
                "then or later. Approximate dates may fall early. Elections are dated by the day voting "
                "closed (day)."
            ),
            "fr": (
                "La date d'une décision est celle de sa résolution, avec sa précision (ce qu'on en "
                "sait) : la date d'un lien Resolution daté "
                f"({precision.get('day', 0)} PEP, au jour près) ; le mois d'une URL d'archive de liste de "
                f"diffusion, daté du premier jour ({precision.get('month', 0)}, au mois près) ; le jour de "
                f"l'annonce du résultat du vote de 2018 pour les PEP 8010–8016 ({precision.get('vote', 0)}, "
                "au jour près). Un lien Resolution sans date (discuss.python.org, nouvelle archive des "
                f"listes : {precision.get('approximate', 0)} PEP, date approchée) est daté par la dernière "
                "date que consignent les en-têtes qu'il résout (Created, Post-History) : une PEP est "
                "publiée puis résolue (PEP 1), même si un en-tête consigne parfois une publication plus "
                "tardive. Une PEP décidée sans en-tête Resolution "
                f"({precision.get('unresolved', 0)} PEP, date approchée) est datée par sa dernière date de "
                f"Post-History ({f['unresolved_post_history']} PEP), à défaut par sa date de création : la "
                "décision est venue ce jour-là ou plus tard. Les dates approchées peuvent être précoces. Les "
                "élections sont datées du jour de clôture du vote (au jour près)."
            ),
        },
        "matching": {
            "en": (
                "Persons are matched to the core team log by name (accents, case, punctuation and a "
                "nickname in brackets ignored, and the other names the log's notes give), then by a variant "
                "of the name (words left out or shortened to initials, first names agreeing), then by the "
                "e-mail address (its local part is the member's GitHub user name); mentions sharing an "
                f"e-mail address or a name are one person. Of the {f['persons_named']} persons the mapped "
                f"records name, {f['persons_matched']} are core team members (by name: "
                f"{rules.get('name', 0)}, by a variant: {rules.get('variant', 0)}, by e-mail: "
                f"{rules.get('email', 0)}, through another mention: {rules.get('group', 0)}) and "
                f"{f['persons_unmatched']} are not in the log; they keep an id made of their name. Member "
                "ids are GitHub user names in lower case (else a slug of the name)."
            ),
            "fr": (
                "Les personnes sont rapprochées du registre de l'équipe principale par le nom (sans "
                "accents, casse, ponctuation ni surnom entre parenthèses, et les autres noms que donnent "
                "les notes du registre), puis par une variante du nom (mots omis ou réduits à l'initiale, "
                "prénoms concordants), puis par l'adresse électronique (sa partie locale est l'identifiant "
                "GitHub du membre) ; les mentions qui partagent une adresse ou un nom sont une même "
                f"personne. Sur les {f['persons_named']} personnes nommées par les archives retenues, "
                f"{f['persons_matched']} sont membres de l'équipe principale (par le nom : "
                f"{rules.get('name', 0)}, par une variante : {rules.get('variant', 0)}, par l'adresse : "
                f"{rules.get('email', 0)}, par une autre mention : {rules.get('group', 0)}) et "
                f"{f['persons_unmatched']} ne figurent pas au registre ; leur identifiant est fait de leur "
                "nom. Les identifiants des membres sont leurs identifiants GitHub en minuscules (à défaut, "
                "le nom)."
            ),
        },
        "left_out": {
            "en": (
                f"Left out: the {f['undecided_peps']} PEPs without a recorded resolution nor a status "
                "saying they were decided (drafts, active process and informational PEPs, withdrawals, "
                "deferrals and provisional PEPs without one). Also left out: the bodies of non-governance "
                "PEPs (not in the records), who decided as delegate (no column for it), the per-candidate "
                "results of the elections (approvals, STAR scores: see the election PEPs), the voter "
                "rolls, the notes of the core team log, and the returns officers."
            ),
            "fr": (
                f"Laissés de côté : les {f['undecided_peps']} PEP sans résolution consignée ni statut disant "
                "qu'elles ont été décidées (brouillons, PEP de processus ou d'information actives, retraits, "
                "reports et PEP provisoires qui n'en ont pas). Aussi laissés de côté : le corps des PEP hors "
                "gouvernance (absent des archives), qui a décidé par délégation (le format des données ne "
                "le prévoit pas), les résultats par candidat des élections (voix d'approbation, scores "
                "STAR : voir les PEP d'élection), les listes électorales, les notes du registre de "
                "l'équipe principale et les responsables des scrutins."
            ),
        },
    }
    return {
        "id": case_id,
        "title": {
            "fr": "La gouvernance de Python : PEP, équipe principale et conseil de direction",
            "en": "Python's governance: PEPs, core team and Steering Council",
        },
        "place": "Internet",
        "period": _period(tables),
        "legal_form": {
            "fr": (
                "Équipe principale de bénévoles régie par la PEP 13, sans personnalité juridique ; la "
                "Python Software Foundation, fondation à but non lucratif, gère avec elle les biens du "
                "projet et organise ses élections"
            ),
            "en": (
                "Core team of volunteers governed by PEP 13, without legal personality; the Python Software "
                "Foundation, a non-profit foundation, works with it on the project's assets and runs its "
                "elections"
            ),
        },
        "perspectives": ["public_power", "distant_people", "practices_tools"],
        "data_status": "documented",
        "show_names": False,
        "licence": (
            "PEPs: public domain (a few CC0-1.0 or Open Publication License, as each file says); "
            "core-team.csv: CC0-1.0"
        ),
        "summary": {
            "fr": (
                "Comment le langage Python, un commun logiciel, décide : les propositions d'évolution (PEP) "
                "et qui les a tranchées, d'abord son fondateur, « dictateur bienveillant à vie » jusqu'en "
                f"{until_fr}, ou ses délégués ; puis, après le vote de décembre 2018 des développeurs "
                "principaux sur le modèle de gouvernance, un conseil de direction de cinq membres élu "
                "chaque année par l'équipe principale, ou ses délégués. Construit à partir des en-têtes de "
                "toutes les PEP, du texte des PEP de gouvernance et du registre de l'équipe principale."
            ),
            "en": (
                "How the Python language, a software commons, decides: its enhancement proposals (PEPs) and "
                f"who settled them, first its founder, 'Benevolent Dictator For Life' until {until_en}, or "
                "his delegates; then, after the core developers' vote of December 2018 on the governance "
                "model, a five-member Steering Council elected each year by the core team, or its "
                "delegates. Built from the headers of every PEP, the text of the governance PEPs and the "
                "core team log."
            ),
        },
        "sources": [
            {
                "title": "Python Enhancement Proposals, headers of every PEP (python/peps, peps/pep-*.rst)",
                "url": f"https://github.com/python/peps/tree/{PEPS_COMMIT}/peps",
                "path": f"{RAW}/peps-headers",
                "commit": PEPS_COMMIT,
                "accessed": dt.date.fromisoformat(ACCESSED),
            },
            {
                "title": "Python Enhancement Proposals 1, 8, 10, 13, 8000–8016 and 8100–8107 (python/peps)",
                "url": f"https://github.com/python/peps/tree/{PEPS_COMMIT}/peps",
                "path": f"{RAW}/peps-governance",
                "commit": PEPS_COMMIT,
                "accessed": dt.date.fromisoformat(ACCESSED),
            },
            {
                "title": "Python core team log (python/devguide, core-team/core-team.csv)",
                "url": f"https://github.com/python/devguide/blob/{DEVGUIDE_COMMIT}/core-team/core-team.csv",
                "path": f"{RAW}/core-team.csv",
                "commit": DEVGUIDE_COMMIT,
                "accessed": dt.date.fromisoformat(ACCESSED),
            },
        ],
        "mapping": {
            topic: {lang: french_dates(text) if lang == "fr" else text for lang, text in texts.items()}
            for topic, texts in mapping.items()
        },
    }


_MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
