"""``case.yaml`` of a case built from Pabulib files: titles, summary, sources, and every mapping choice.

Definition
----------
The title names the unit(s) and editions; the summary counts files, ballots
and projects; ``sources`` gives the folder, the commit and the citation
Pabulib asks for (read from the ``SOURCE.md`` beside or above the files);
``mapping`` explains, in French and English, each choice of
:mod:`commons_analysis.sources.pabulib.mapping`.

Example
-------
>>> source_commit("Repository at commit `88cfaba3e7692a90f3311cbcf8f08aa63fc3fbff` (2026)")
'88cfaba3e7692a90f3311cbcf8f08aa63fc3fbff'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from commons_analysis.sources import raw_path

CITATION = (
    "Faliszewski, Flis, Peters, Pierczyński, Skowron, Stolicki, Szufa, Talmon, "
    '"Participatory Budgeting: Data, Tools, and Analysis", IJCAI 2023'
)
LICENCE = (
    f"Pabulib (pabulib.org) publishes the files openly for research, without a licence file; cite {CITATION}"
)
COUNTRIES = {"france": "FR", "poland": "PL", "netherlands": "NL"}
#: How a unit's budget is called: French title, French "of the …" form, English title.
_PUBLIC_NAMES = {
    "Toulouse": (
        "Budget participatif de Toulouse",
        "du budget participatif de Toulouse",
        "Toulouse's participatory budget",
    ),
    "Warszawa": (
        "Budget citoyen de Varsovie (budżet obywatelski)",
        "du budget citoyen de Varsovie (budżet obywatelski)",
        "Warsaw's citizens' budget (budżet obywatelski)",
    ),
}


def source_commit(text: str) -> str | None:
    """The first 40-hex-digit commit written in backquotes in ``text``."""
    match = re.search(r"`([0-9a-f]{40})`", text)
    return match.group(1) if match else None


def _source_file(raw_dir: Path) -> Path | None:
    for folder in (raw_dir, raw_dir.parent):
        if (folder / "SOURCE.md").is_file():
            return folder / "SOURCE.md"
    return None


def _thousands(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", "\u202f" if lang == "fr" else ",")


def case_meta(case_id: str, raw_dir: Path, tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """The content of ``case.yaml`` (keys in the order a reader expects)."""
    budgets, projects = tables["budgets"], tables["projects"]
    units = list(dict.fromkeys(str(u) for u in budgets["unit"].dropna()))
    editions = sorted(dict.fromkeys(str(i) for i in budgets["instance"].dropna()))
    place = ", ".join(units)
    fr_title, fr_of, en_title = _PUBLIC_NAMES.get(
        place,
        (
            f"Budgets participatifs de {place}",
            f"des budgets participatifs de {place}",
            f"{place}'s participatory budgets",
        ),
    )
    editions_text = ", ".join(editions)
    whole = budgets[budgets["part_of"].isna()]
    ballots = int(tables["participation"]["event_id"].isin(set(whole["event_id"])).sum())
    districts = budgets["subunit"].dropna().nunique()
    withdrawn = int(projects["withdrawn"].sum())
    dates = pd.concat([budgets["date_begin"], budgets["date_end"]]).dropna()
    source_md = _source_file(raw_dir)
    commit = source_commit(source_md.read_text(encoding="utf-8")) if source_md else None
    countries = {COUNTRIES.get(str(n).split("_")[0].lower()) for n in budgets["source"]}
    countries.discard(None)
    published = projects.groupby("event_id")["selected"].apply(lambda s: s.notna().any())
    with_selection = int(published.sum())
    proposers = tables["decisions"]["initiated_by"].notna().any()
    summary_fr = (
        f"Les votes {fr_of}, édition(s) {editions_text}, bulletin par bulletin, tels que Pabulib "
        f"les publie : {len(budgets)} fichiers, {_thousands(ballots, 'fr')} bulletins, "
        f"{_thousands(len(projects), 'fr')} projets"
        + (f", {districts} quartiers ou arrondissements" if districts else "")
        + ". Chaque vote est recompté selon sa règle déclarée ; qui vote, quels projets sont financés "
        "et ce qu'une règle proportionnelle (parts égales) changerait."
    )
    summary_en = (
        f"The votes of {en_title}, edition(s) {editions_text}, ballot by ballot, as Pabulib publishes "
        f"them: {len(budgets)} files, {ballots:,} ballots, {len(projects):,} projects"
        + (f", {districts} districts" if districts else "")
        + ". Each vote is counted again by its declared rule; who votes, which projects are funded, "
        "and what a proportional rule (Equal Shares) would change."
    )
    meta: dict[str, Any] = {
        "id": case_id,
        "title": {
            "fr": f"{fr_title}, {editions_text} (Pabulib)",
            "en": f"{en_title}, {editions_text} (Pabulib)",
        },
        "place": place,
    }
    if len(countries) == 1:
        meta["country"] = countries.pop()
    if len(dates):
        meta["period"] = {"start": min(dates), "end": max(dates)}
    meta.update(
        {
            "legal_form": {
                "fr": "Budget participatif d'une commune (vote des habitants sur des projets financés "
                "par le budget de la ville)",
                "en": "Participatory budget of a municipality (votes of residents on projects funded "
                "by the city's budget)",
            },
            "perspectives": ["public_power", "distant_people", "practices_tools"],
            "data_status": "documented",
            "show_names": False,
            "licence": LICENCE,
            "summary": {"fr": summary_fr, "en": summary_en},
            "sources": [
                {
                    "title": f"Pabulib, participatory budgeting library: {place} {editions_text} "
                    f"(.pb files; cite {CITATION})",
                    "url": "http://pabulib.org",
                    "path": raw_path(raw_dir),
                    **({"commit": commit} if commit else {}),
                    "licence": LICENCE,
                }
            ],
            "inclusion_groups": {},
            "mapping": mapping_notes(budgets, with_selection, withdrawn, proposers),
        }
    )
    return meta


def mapping_notes(
    budgets: pd.DataFrame, with_selection: int, withdrawn: int, proposers: bool
) -> dict[str, Any]:
    """Each choice of the mapping, in French and English, by topic."""
    parts = budgets[budgets["part_of"].notna()]
    notes: dict[str, Any] = {
        "events": {
            "fr": "Chaque fichier .pb est un vote : un événement de type scrutin, daté de son dernier "
            "jour (la fin du vote, sinon son début, sinon le 1er janvier de l'année de "
            "l'édition), intitulé par sa description et son quartier, et une ligne du tableau des"
            " budgets (nom du fichier, enveloppe, monnaie, type de vote, règle telle qu'écrite, "
            "longueurs et points permis, seuil, dates, commentaire). Le nombre de votants est "
            "celui des bulletins du fichier ; le nombre d'inscrits (habitants pouvant voter) "
            "n'est pas publié et reste vide.",
            "en": "Each .pb file is one vote: an event of kind ballot, dated by its last day (date_end, "
            "else date_begin, else January 1 of the instance year), titled by its description and "
            "district, and one row of budgets (source = "
            "the file name, budget, currency, vote type, the rule as written, allowed lengths and points, "
            "threshold, dates, comment). attendance = the file's ballots; the number of residents allowed "
            "to vote is not published: eligible stays empty.",
        },
        "actors": {
            "fr": "Chaque votant d'un fichier est un acteur personne, secteur citoyen, identifié par "
            "<événement>-v<identifiant du votant> et nommé par ce même identifiant (jamais un "
            "nom), avec son âge et son sexe quand le fichier les donne. Pabulib remet les "
            "identifiants de votants à zéro à chaque édition et dans chaque fichier : une même "
            "personne votant deux années est deux acteurs, et on ne peut compter ni les nouveaux "
            "venus ni les fidèles d'une édition à l'autre.",
            "en": "Each voter of a file is an actor of kind person, sector citizen, identified by "
            "<event>-v<voter id> and named by that same id (never a name), with age and sex where the file "
            "gives them. Pabulib resets voter ids at every edition and in every file: one person voting in "
            "two years is two actors, and neither newcomers nor returning voters across editions can be "
            "counted.",
        },
        "participation": {
            "fr": "Chaque bulletin est une ligne de participation (rôle participant) : les identifiants"
            " des projets choisis, dans l'ordre du fichier (vote par classement : premier rang "
            "d'abord), les points donnés à chacun (votes cumulatifs ou par notes) et le mode de "
            "vote (internet, papier) quand il est donné.",
            "en": "Each ballot is a participation row (role attendee): ballot = the chosen project ids "
            "separated by |, in the file's order (ordinal votes: first rank first); points = "
            "the points given "
            "to each (cumulative or scoring votes); method = the voting method (internet, "
            "paper) where given.",
        },
        "decisions": {
            "fr": "Chaque projet est une ligne du tableau des projets (coût, voix, score, catégories, "
            "quartier, bénéficiaires, coordonnées, sélection publiée, retrait) et une décision de"
            " règle « budget participatif », qui a pour sujet le nom du projet et pour voix pour "
            "ses voix. Un coût de 999\u202f999\u202f999 signale chez Pabulib un projet retiré "
            "après le vote : il est gardé, marqué retiré, jamais financé par le recomptage "
            f"({withdrawn} ici).",
            "en": "Each project is a row of projects (cost, votes, score, categories, district, "
            "beneficiaries, coordinates, published selection, withdrawal) and a decision <event>-<project> "
            "of rule participatory_budget, topic the project's name, votes_for = its votes. Pabulib's cost "
            "999999999 marks a project withdrawn after the vote: it is kept, withdrawn = true, never funded "
            f"by the recount ({withdrawn} here).",
        },
        "adopted": {
            "fr": "Une décision adoptée est un projet financé. Là où le fichier publie la sélection de "
            f"la ville ({with_selection} fichier(s) ici), les projets retenus sont adoptés (y "
            "compris ceux financés hors enveloppe, prime à la participation). Là où rien n'est "
            "publié, sont adoptés les projets que retient la règle déclarée du fichier (la règle "
            "gloutonne : par soutien décroissant, en sautant ce qui ne tient plus dans "
            "l'enveloppe), recomptée ici : ce n'est pas la liste officielle des projets réalisés,"
            " que la ville ne publie pas dans ces fichiers.",
            "en": f"adopted = funded. Where the file publishes the city's selection (column selected, "
            f"{with_selection} file(s) here), adopted is selected ≥ 1 (2: funded outside the "
            "budget, a turnout "
            "award). Where nothing is published, adopted is what the file's declared rule "
            "selects (greedy: by "
            "support, descending, skipping what no longer fits the budget), counted here: it "
            "is not the city's "
            "official list of funded projects, which these files do not publish.",
        },
    }
    if len(parts):
        wholes = sorted(set(parts["part_of"]))
        notes["districts"] = {
            "fr": f"Vote découpé par quartier ({', '.join(wholes)}) : le fichier de la ville et ses "
            f"{len(parts)} fichiers de quartier. Vérifié à l'import : chaque fichier de quartier "
            "contient exactement les bulletins du fichier de la ville restreints aux projets du "
            "quartier (son votant « 17-37 » est le votant « 37 » de la ville, un bulletin pour "
            "trois projets de trois quartiers figure dans les trois fichiers). Les votes de "
            "quartier sont donc des parties du vote de la ville, et leurs bulletins sont "
            "rattachés aux acteurs de la ville : chaque personne est comptée une fois. "
            "L'enveloppe est répartie entre quartiers (la somme des budgets de quartier égale "
            "celui de la ville) : le recomptage se fait quartier par quartier, et un projet de la"
            " ville est financé quand il l'est dans son quartier. Les projets figurent deux fois "
            "(ville et quartier) : les rapports lisent les bulletins et les projets une seule "
            "fois, ceux du vote de la ville.",
            "en": f"A vote split by district ({', '.join(wholes)}): the city file and its {len(parts)} "
            "district files. Checked at import: each district file holds exactly the city file's ballots "
            "restricted to the district's projects (its voter '17-37' is the city's voter '37'; a ballot for "
            "three projects of three districts is in the three files). The district votes are therefore "
            "part_of the city vote, and their ballots belong to the city's actors: every person is counted "
            "once. The budget is divided between districts (the district budgets add up to the city's): the "
            "recount is done district by district, and a city project is funded when it is in its district. "
            "Projects are listed twice (city and district): the reports read ballots and projects once, "
            "those of the city vote.",
        }
    if proposers:
        notes["proposers"] = {
            "fr": "Le porteur de chaque projet, quand le fichier le donne, est un acteur classé par le "
            "fichier relu proposers.csv du paquet (sources/pabulib : nature personne, "
            "organisation ou collectif ; secteur ; raison) : la mairie (public), les conseils "
            "citoyens des quartiers prioritaires (citoyen), les associations et centres sociaux "
            "(ess), les comités d'habitants (collectif citoyen), une copropriété (privé), et des "
            "personnes privées désignées par leur prénom ou leur nom (personnes : pseudonymisées "
            "dans tout rapport et tout export). Un porteur absent du fichier est signalé à "
            "l'import et traité comme personne privée. Il est l'initiateur de la décision du "
            "projet.",
            "en": "Each project's proposer, where the file gives one, is an actor classified by the reviewed "
            "file commons_analysis/sources/pabulib/proposers.csv (kind person, organisation "
            "or group; sector; "
            "reason): the city hall (public), the citizens' councils of priority neighbourhoods (citizen), "
            "associations and social centres (sse), residents' committees (citizen groups), a co-ownership "
            "(private), and private persons by first or full name (persons: pseudonymised in every report "
            "and export). A proposer missing from the file is reported at import and treated as a private "
            "person. decisions.initiated_by names it.",
        }
    return notes
