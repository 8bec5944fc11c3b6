"""``case.yaml`` of the Debian votes: its sources, and every choice of the mapping in English and French."""

from __future__ import annotations

from typing import Any

from commons_analysis.core.formats import date_range, french_dates, number
from commons_analysis.sources.debian.import_report import ImportReport
from commons_analysis.sources.debian.votes import COMMIT, COMMIT_DATE, RAW_PATH, Vote


def case_meta(case_id: str, votes: list[Vote], report: ImportReport) -> dict[str, Any]:
    """The content of ``case.yaml``: description, sources, and the mapping explained."""
    first, last = votes[0].page, votes[-1].page
    start, end = first.voting_start or first.voting_end, last.voting_end
    years = f"{start.year if start else ''}–{end.year if end else ''}"
    years_fr = date_range(start, end, "fr")
    n = report
    return {
        "id": case_id,
        "title": {
            "fr": f"Debian : résolutions générales et élections du responsable du projet, {years}",
            "en": f"Debian: General Resolutions and Project Leader elections, {years}",
        },
        "place": "Internet",
        "period": {"start": start, "end": end},
        "legal_form": _texts(
            """Unincorporated association of developers governed by its constitution (the Debian Project);
            Software in the Public Interest, Inc., a US non-profit, holds its assets as its legal umbrella""",
            """Association de fait de développeurs régie par sa constitution (le projet Debian) ; Software
            in the Public Interest, Inc., association américaine à but non lucratif, en détient les biens
            et lui sert de personne morale""",
        ),
        "perspectives": ["public_power", "distant_people", "practices_tools"],
        "data_status": "documented",
        "show_names": False,
        "licence": _paragraph(
            """© Software in the Public Interest, Inc. and others. Material since 25 January 2012: MIT
            (Expat) licence or GPL-2+; older material: Open Publication License, draft v1.0 or later"""
        ),
        "summary": _texts(
            f"""The {n.votes} votes of the Debian Developers from {years}: {n.resolutions} General
            Resolutions and {n.elections} Project Leader elections, {number(n.ballots, "en")} ballots by
            {number(n.persons, "en")} persons. Each vote is counted again under the constitution then in
            force (quorum,
            supermajorities, Condorcet with Debian's sequential dropping of the weakest defeats); the
            resolutions say who proposed and who seconded them.""",
            f"""Les {n.votes} votes des développeurs Debian {years_fr} : {n.resolutions} résolutions
            générales et {n.elections} élections du responsable du projet, {number(n.ballots, "fr")}
            bulletins de {number(n.persons, "fr")} personnes. Chaque vote est recompté selon la
            constitution alors en vigueur (quorum,
            majorités qualifiées, Condorcet avec l'abandon séquentiel des défaites les plus faibles propre à
            Debian) ; les résolutions
            indiquent qui les a proposées et appuyées.""",
        ),
        "sources": [
            {
                "title": "Debian project, vote pages (Debian website, webwml/english/vote/)",
                "url": "https://www.debian.org/vote/",
                "path": f"{RAW_PATH}/vote",
                "commit": COMMIT,
                "accessed": COMMIT_DATE,
            },
            {
                "title": "Debian Constitution, versions 1.0 to 1.7 (webwml/english/devel/constitution*.wml)",
                "url": "https://www.debian.org/devel/constitution",
                "path": f"{RAW_PATH}/constitution",
                "commit": COMMIT,
                "accessed": COMMIT_DATE,
            },
        ],
        "mapping": mapping_texts(report),
    }


def mapping_texts(report: ImportReport) -> dict[str, dict[str, str]]:
    """Every choice of the mapping, in English and French (``case.yaml``, key ``mapping``)."""
    matched = report.matching
    email, by_name, not_voter, unmatched = (
        sum(number for (_role, how), number in matched.items() if how == kind)
        for kind in ("email", "name", "email-not-voter", "unmatched")
    )
    total = email + by_name + not_voter + unmatched
    terms_en, terms_fr = _listed(report.assumed_term_starts), _listed(report.assumed_term_starts, "fr")
    page_count_en, page_count_fr = _listed(report.quorum_from_page), _listed(report.quorum_from_page, "fr")
    unchecked_en, unchecked_fr = _listed(report.quorum_not_checked), _listed(report.quorum_not_checked, "fr")
    stated_en, stated_fr = (
        _listed(report.supermajority_from_page),
        _listed(report.supermajority_from_page, "fr"),
    )
    return {
        "actors": _texts(
            """Each person who cast a ballot is an actor of kind person, sector commons, identified by their
            Debian login; the name is the one of the latest voters list that lists them (spellings vary).
            Only Developers may vote, so every voter's role is Developer. Three organisations: the Debian
            Project (commons), the Technical Committee (commons, a body of the project) and Software in the
            Public Interest (sse: the US non-profit, of the sector of associations, that holds Debian's
            assets).""",
            """Chaque personne ayant voté est un acteur de type personne, secteur commun, identifié par son
            identifiant Debian ; son nom est celui de la dernière liste de votants où il figure (les
            graphies varient). Seuls les développeurs votent : le rôle de chaque votant est « Developer ».
            Trois organisations : le projet Debian (commun), le comité technique (commun, organe du projet)
            et Software in the Public Interest (ess : l'association américaine à but non lucratif qui
            détient les biens de Debian).""",
        ),
        "events": _texts(
            f"""Each vote with a voters list is an event of kind ballot (a vote by e-mail, without a
            meeting), dated by the last day of its voting period. eligible is the developer count of its
            quorum file, or, for the votes without one, the count stated on the vote page
            ({page_count_en}). open is false: every Developer may vote, but not the public (as for a
            members' general assembly in the other cases), although the discussion list and every ballot
            are public. duration_hours is left empty: casting a ballot takes minutes of a voting period of
            one to three weeks.""",
            f"""Chaque vote doté d'une liste de votants est un événement de type scrutin (vote par courriel,
            sans réunion), daté du dernier jour de la période de vote. Le nombre d'inscrits est celui des
            développeurs de son fichier de quorum, ou, pour les votes qui n'en ont pas, le nombre indiqué
            sur la page du vote ({page_count_fr}). Le scrutin n'est pas ouvert au public : tout développeur
            peut voter, mais pas le public (comme pour l'assemblée générale des membres ailleurs), même si
            la liste de discussion et chaque bulletin sont publics. La durée n'est pas saisie : voter prend
            quelques minutes d'une période de vote d'une à trois semaines.""",
        ),
        "participation": _texts(
            """Each line of a voters list is a participation row (role attendee) of that voter in that
            vote, secret ballots included: the voters list names who voted, the tally only how (by
            hash).""",
            """Chaque ligne d'une liste de votants est une participation du votant à ce vote (rôle :
            présent), scrutins secrets compris : la liste des votants dit qui a voté, le décompte seulement
            comment (par empreinte).""",
        ),
        "decisions": _texts(
            """Each vote is a decision (decision_id = event_id), counted again from the ballots under the
            constitution in force when its voting period ended (Appendix A.6: quorum, majority ratio,
            Condorcet with the cloneproof sequential dropping of the weakest defeats; Concorde counting under
            version 1.0).
            adopted: the winner is not the default option (Further Discussion, None Of The Above).
            votes_for and votes_against: ballots preferring the winner to the default and back; when the
            default won, the same for the option the most ballots ranked above the default. abstentions
            are left empty: the records do not count them. rule: supermajority when the option decided
            (the winner, or the first proposal when the default won) needed 3:1 or 2:1, else majority. A
            General Resolution is initiated by the proposer of its original proposal and supported by
            that proposal's seconders (amendments and their sponsors are options of the same ballot and are
            left out of initiated_by and supported_by); a proposer listed among their own seconders is
            kept as initiator only. A leader election has no initiator: the constitution calls it every
            year and the candidates nominate themselves; its rule is majority.""",
            """Chaque vote est une décision (de même identifiant que le scrutin), recomptée à partir des
            bulletins selon
            la constitution en vigueur à la fin de sa période de vote (annexe A.6 : quorum, majorité
            requise, Condorcet avec abandon séquentiel des défaites les plus faibles ; décompte
            « Concorde » sous la version 1.0). Adoptée : le gagnant n'est pas l'option par défaut (« Further
            Discussion », « None Of The Above »). Voix pour et voix contre : bulletins préférant le gagnant
            à l'option par défaut et l'inverse ; si l'option par défaut gagne, les mêmes nombres pour
            l'option que le plus de bulletins placent au-dessus d'elle. Les abstentions ne sont pas
            saisies : les archives ne les comptent pas. Règle : majorité qualifiée quand l'option retenue
            (le gagnant, ou la première proposition si l'option par défaut gagne) exigeait 3 contre 1 ou
            2 contre 1, sinon majorité. Une
            résolution générale est initiée par l'auteur de la proposition initiale et soutenue par ceux
            qui l'ont appuyée (les amendements et leurs soutiens, options du même bulletin, ne comptent
            ni parmi les initiateurs ni parmi les soutiens) ; l'auteur inscrit parmi ses propres
            soutiens reste
            seulement initiateur. Une élection du responsable n'a pas d'initiateur : la constitution la
            convoque chaque année et les candidats se présentent eux-mêmes ; sa règle est la majorité.""",
        ),
        "relations": _texts(
            f"""Each elected Project Leader holds a governance relation to the Debian Project from the start
            of the term the vote page announces, or the day after the vote where the page is silent
            ({terms_en}), to the start of the next leader's term; the last term has no end in the records.
            The Technical Committee has a governance relation to the project, and Software in the Public
            Interest an in_kind relation (it holds the project's money and property in trust), both from
            constitution 1.0 (1998-12-02), which names them.""",
            f"""Chaque responsable du projet élu a une relation de gouvernance avec le projet Debian, du
            début du mandat annoncé sur la page du vote, ou du lendemain du vote quand la page n'en dit rien
            ({terms_fr}), au début du mandat suivant ; le dernier mandat n'a pas de fin dans les archives.
            Le comité technique a une relation de gouvernance avec le projet, et Software in the Public
            Interest une relation d'apport en nature (elle détient l'argent et les biens du projet), toutes
            deux depuis la constitution 1.0 (2 décembre 1998), qui les nomme.""",
        ),
        "matching": _texts(
            f"""Proposers, seconders and elected leaders are named on the vote pages with an e-mail address.
            Of {total} mentions, {email} were matched to a voter's login by their @debian.org address,
            {by_name} by their name (normalised, when exactly one login was listed under it), {not_voter}
            kept the login of their @debian.org address although no voters list holds it (an actor who
            cast no ballot here), and {unmatched} stayed unmatched (an actor with the id
            unmatched-<name>).""",
            f"""Auteurs, soutiens et responsables élus sont nommés sur les pages des votes avec une adresse
            électronique. Sur {total} mentions, {email} ont été rattachées à l'identifiant d'un votant par
            leur adresse @debian.org, {by_name} par leur nom (normalisé, quand un seul identifiant y
            correspond), {not_voter} gardent l'identifiant de leur adresse @debian.org bien qu'aucune liste
            de votants ne le contienne (un acteur qui n'a pas voté ici), et {unmatched} restent sans
            correspondance (un acteur dont l'identifiant est fait de son nom).""",
        ),
        "quorum": _texts(
            f"""The quorum is 3Q, Q being half the square root of the number of Developers (constitution
            §4.2, the same for leader elections, §5.2), computed from the developer count of the vote's
            quorum file. Votes without a quorum file whose vote page states the developer count use it:
            {page_count_en}. Votes with neither, whose quorum is not checked: {unchecked_en}. Where a tally
            header states no majority requirement, the requirement stated on the vote page applies; it is a
            supermajority in {stated_en}.""",
            f"""Le quorum est 3Q, Q étant la moitié de la racine carrée du nombre de développeurs
            (constitution §4.2, le même pour l'élection du responsable, §5.2), calculé à partir du nombre
            de développeurs du fichier de quorum du vote. Les votes sans fichier de quorum dont la page
            indique le nombre de développeurs l'utilisent : {page_count_fr}. Votes sans l'un ni l'autre,
            dont le quorum n'est pas vérifié : {unchecked_fr}. Quand l'en-tête du décompte n'indique pas
            de majorité requise, celle que la page du vote énonce s'applique ; c'est une majorité
            qualifiée pour {stated_fr}.""",
        ),
        "left_out": _texts(
            """Left out: the votes of 1999–2001 (no ballots or voters lists in the records), the withdrawn
            or expired resolutions (no vote), the texts of the options, amendments' proposers and
            seconders, the ranking of each ballot (the counts keep only the decision), candidates'
            platforms and debates, and the Developers' membership of the project (every voter is a
            Developer, but the records give no dates of joining or leaving).""",
            """Laissés de côté : les votes de 1999 à 2001 (ni bulletins ni listes de votants dans les
            archives), les résolutions retirées ou expirées (pas de vote), le texte des options, les
            auteurs et soutiens des amendements, le classement de chaque bulletin (la décision seule est
            gardée), les programmes et débats des candidats, et l'appartenance des développeurs au projet
            (tout votant est développeur, mais les archives ne datent ni les entrées ni les départs).""",
        ),
    }


def _paragraph(text: str) -> str:
    """A text written over several source lines, as one line."""
    return " ".join(text.split())


def _texts(english: str, french: str) -> dict[str, str]:
    """A text of ``case.yaml`` in both languages (French first, as the other cases write them).

    ISO dates of the French text are written in words (``17 avril 2002``).
    """
    return {"fr": french_dates(_paragraph(french)), "en": _paragraph(english)}


def _listed(items: list[str], lang: str = "en") -> str:
    """Items for a sentence: ``a, b and c``; "none" / "aucun" when empty."""
    if not items:
        return "none" if lang == "en" else "aucun"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + (" and " if lang == "en" else " et ") + items[-1]
