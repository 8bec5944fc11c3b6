"""Messages of the command line and of the problems found in case files, in French and English.

A message is data: a key of the catalogue and the values it names
(:class:`Message`). It is put into words only at the edge, when printed, in the
user's language (:meth:`Message.text`), so that the library keeps testable
English (:class:`~commons_analysis.core.errors.Problem` carries both) and a
problem found once can be shown in either language. The strings of the
reports are not here: they live in :mod:`commons_analysis.reporting.text`.

The language of the command line is ``--lang``, else the environment as POSIX
reads it (the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: French when
it starts with ``fr``), else English (:func:`resolve_language`). French
typography puts a space before ``:`` ``;`` ``?``; a plain space, which every
terminal shows.

Example
-------
>>> message = say("reading.empty")
>>> message.text("en"), message.text("fr")
('the file is empty', 'le fichier est vide')
>>> say("cli.validate.ok", case="brest", actors=1234, relations=0, events=2, records=5,
...     decisions=1).text("fr")
'ok brest : 1\u202f234 acteurs, 0 relations, 2 événements, 5 participations, 1 décisions'
>>> resolve_language(None, {"LANG": "fr_FR.UTF-8", "LC_ALL": "C"})
'en'
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from commons_analysis.core import formats

#: The languages of the messages.
LANGS = ("fr", "en")
#: The language of messages when neither ``--lang`` nor the environment names one (issue 11).
ENGLISH = "en"
#: Locale variables in POSIX order of precedence: the first one set (and not empty) decides.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

# Each entry: key -> (French, English). Values are named ``{like_this}``; the format specs
# ``:thousands`` (1,234 / 1 234), ``:.Nf`` (0.25 / 0,25: :func:`commons_analysis.core.formats.number`),
# ``:or`` and ``:list`` (a sequence joined) are localized.
_MESSAGES: dict[str, tuple[str, str]] = {
    # --- where a problem is ----------------------------------------------------------
    "problem.column": ("{where}: colonne '{column}' : {message}", "{where}: column '{column}': {message}"),
    "problem.plain": ("{where}: {message}", "{where}: {message}"),
    # --- reading files (ingest/reading.py) -------------------------------------------
    "reading.empty": ("le fichier est vide", "the file is empty"),
    "reading.workbook_not_csv": (
        "c'est un classeur Excel, pas du texte CSV : exportez-le en CSV, ou enregistrez-le sous le nom "
        "case.xlsx",
        "this is an Excel workbook, not CSV text: export it as CSV, or save it as case.xlsx",
    ),
    "reading.binary": (
        "fichier binaire : ce n'est pas un fichier texte (CSV ou YAML)",
        "binary file: this is not a text file (CSV or YAML)",
    ),
    "reading.mixed_encodings": (
        "l'octet 0x{byte} n'est pas en UTF-8 alors que le reste du fichier l'est : encodages mélangés "
        "(enregistrez à nouveau le fichier en CSV UTF-8)",
        "byte 0x{byte} is not UTF-8 while the rest of the file is: mixed encodings "
        "(save the file again as CSV UTF-8)",
    ),
    "reading.undecodable": (
        "impossible de décoder l'octet 0x{byte} en {encoding} (enregistrez le fichier en CSV UTF-8)",
        "cannot decode byte 0x{byte} as {encoding} (save the file as CSV UTF-8)",
    ),
    "reading.unreadable": ("impossible de lire le fichier : {reason}", "cannot read the file: {reason}"),
    "reading.no_header": ("pas de ligne d'en-tête", "no header row"),
    "reading.not_regular": (
        "ce n'est pas un fichier ordinaire ({kind}) : seuls les fichiers ordinaires sont lus",
        "not a regular file ({kind}): only regular files are read",
    ),
    "reading.outside_folder": (
        "lien symbolique vers un fichier hors du dossier {folder} : refusé "
        "(copiez le fichier dans le dossier)",
        "symbolic link to a file outside the folder {folder}: refused (copy the file into the folder)",
    ),
    "reading.too_large": (
        "fichier trop grand ({size:thousands} octets ; au plus {limit:thousands}) : augmentez la limite "
        "avec la variable d'environnement {variable} (en mégaoctets)",
        "file too large ({size:thousands} bytes; at most {limit:thousands}): raise the limit with the "
        "environment variable {variable} (in megabytes)",
    ),
    "reading.control_character": (
        "caractère de contrôle {character} dans le texte (caractère {position} de la ligne) : refusé",
        "control character {character} in the text (character {position} of the line): refused",
    ),
    "reading.first_line_empty": (
        "la première ligne est vide : la ligne d'en-tête doit venir en premier",
        "the first line is empty: the header row must come first",
    ),
    "reading.malformed": ("CSV mal formé : {detail}", "malformed CSV: {detail}"),
    "reading.unclosed_quote": (
        "un guillemet ouvert sur cette ligne n'est jamais fermé",
        "a quote opened on this line is never closed",
    ),
    "reading.too_many_cells": (
        "{cells} cellules alors que l'en-tête en a {width} : un séparateur {delimiter} en trop ou un "
        "guillemet manquant",
        "{cells} cells but the header has {width}: a stray delimiter {delimiter} or a missing quote",
    ),
    "reading.values_without_header": (
        "cette colonne a des valeurs mais pas d'en-tête",
        "this column has values but no header",
    ),
    "reading.column_twice": ("la colonne apparaît deux fois", "the column appears twice"),
    "reading.workbook_unopened": (
        "impossible d'ouvrir le classeur ({error})",
        "cannot open the workbook ({error})",
    ),
    "reading.second_sheet": (
        "une deuxième feuille pour la table {table} ({sheet})",
        "a second sheet for table {table} ({sheet})",
    ),
    "reading.hidden_sheet": (
        "la feuille est masquée : affichez-la ou supprimez-la",
        "the sheet is hidden: unhide it or delete it",
    ),
    "reading.formula_uncomputed": (
        "une formule sans valeur calculée : ouvrez le classeur dans un tableur et enregistrez-le à nouveau",
        "a formula without a computed value: open the workbook in a spreadsheet program and save it again",
    ),
    "reading.formula_error": ("la formule donne l'erreur {error}", "the formula gives the error {error}"),
    "reading.yaml_syntax": ("syntaxe YAML : {reason}", "YAML syntax: {reason}"),
    "reading.yaml_invalid": ("YAML non valide", "not valid YAML"),
    "reading.yaml_too_deep": ("YAML trop imbriqué", "YAML nested too deeply"),
    "reading.yaml_alias": (
        "les alias YAML (*nom) d'une liste ou d'un dictionnaire ne sont pas acceptés : écrivez les valeurs",
        "YAML aliases (*name) of a list or mapping are not supported: write the values out",
    ),
    "reading.yaml_key_not_text": ("une clé doit être du texte simple", "a key must be plain text"),
    "reading.yaml_key_twice": ("la clé apparaît deux fois", "key appears twice"),
    # --- validation of tables (ingest/validation.py) ---------------------------------
    "validation.more_rows": (
        "… et {count} autres lignes avec le même problème ({first})",
        "… and {count} more rows with the same problem ({first})",
    ),
    "validation.unknown_column": (
        "colonne inconnue ; les colonnes de {table} sont : {columns:list} ; en français : {french:list}",
        "unknown column; the columns of {table} are: {columns:list}; in French: {french:list}",
    ),
    "validation.second_column": ("une deuxième colonne pour '{column}'", "a second column for '{column}'"),
    "validation.required_column": ("colonne obligatoire manquante", "required column is missing"),
    "validation.required_value": ("une valeur est obligatoire", "a value is required"),
    "validation.not_a": ("{value} n'est pas {expected}", "{value} is not {expected}"),
    "validation.one_of": ("l'une des valeurs {values:list}", "one of {values:list}"),
    "validation.a_number": ("un nombre", "a number"),
    "validation.a_whole_number": ("un nombre entier", "a whole number"),
    "validation.a_date": ("une date (AAAA-MM-JJ ou JJ/MM/AAAA)", "a date (YYYY-MM-DD or DD/MM/YYYY)"),
    "validation.a_boolean": ("oui/non (true/false)", "true/false (oui/non)"),
    "validation.minimum": ("doit être ≥ {minimum:g}", "must be ≥ {minimum:g}"),
    "validation.whole": ("doit être un nombre entier", "must be a whole number"),
    "validation.duplicate": ("doublon de la ligne {line}", "duplicate of line {line}"),
    "validation.duplicate_folded": (
        "doublon de la ligne {line} (ne diffère que par la casse ou les espaces)",
        "duplicate of line {line} (differs only by case or spaces)",
    ),
    "validation.unknown_actor": ("acteur inconnu {value}", "unknown actor {value}"),
    "validation.unknown_actor_hint": (
        "acteur inconnu {value} (vouliez-vous dire {hint} ?)",
        "unknown actor {value} (did you mean {hint}?)",
    ),
    "validation.unknown_event": ("événement inconnu {value}", "unknown event {value}"),
    "validation.unknown_event_hint": (
        "événement inconnu {value} (vouliez-vous dire {hint} ?)",
        "unknown event {value} (did you mean {hint}?)",
    ),
    "validation.self_relation": (
        "un acteur ne peut pas être lié à lui-même (source = target)",
        "an actor cannot be related to itself (source = target)",
    ),
    "validation.end_before_start": ("la fin est avant le début", "end is before start"),
    "validation.date_without_event": (
        "une date est obligatoire quand il n'y a pas d'event_id",
        "a date is required when there is no event_id",
    ),
    "validation.undeclared_group": (
        "le groupe {group} n'est pas déclaré dans inclusion_groups de case.yaml",
        "group {group} is not declared in case.yaml inclusion_groups",
    ),
    "validation.attendance_short": (
        "{attendance} est inférieur aux {named} lignes de participation de cet événement",
        "{attendance} is fewer than the {named} participation rows of this event",
    ),
    "validation.own_supporter": (
        "l'initiateur ne peut pas figurer parmi ses propres soutiens",
        "the initiator cannot be among its own supporters",
    ),
    # --- case.yaml (ingest/validation.py, through model/metadata.py) ------------------
    "meta.not_a_mapping": (
        "case.yaml doit être un ensemble de clés (id: …, title: …)",
        "case.yaml must be a mapping of keys (id: …, title: …)",
    ),
    "meta.required": ("obligatoire", "required"),
    "meta.unknown_key": ("clé inconnue", "unknown key"),
    "meta.mapping": ("doit être un ensemble de clés (clé: valeur)", "must be a mapping of keys (key: value)"),
    "meta.case_id": (
        "ce n'est pas un identifiant de cas : utilisez 1 à 64 lettres minuscules, chiffres et '-', en "
        "commençant par une lettre ou un chiffre (par exemple brest-2019)",
        "not a case id: use 1 to 64 lower-case letters, digits and '-', starting with a letter or digit "
        "(e.g. brest-2019)",
    ),
    "meta.choice": ("doit être {expected:or}", "must be {expected:or}"),
    "meta.text": ("doit être un texte", "must be a valid string"),
    "meta.list": ("doit être une liste", "must be a valid list"),
    "meta.boolean": (
        "doit être un booléen : true ou false (oui/non)",
        "must be a valid boolean: true or false (yes/no, oui/non)",
    ),
    "meta.integer": ("doit être un nombre entier", "must be a valid integer"),
    "meta.integer_fraction": (
        "doit être un nombre entier, sans partie décimale",
        "must be a valid integer, got a number with a fractional part",
    ),
    "meta.number": ("doit être un nombre", "must be a valid number"),
    "meta.finite": ("doit être un nombre fini", "must be a finite number"),
    "meta.date": (
        "doit être une date valide (AAAA-MM-JJ ou JJ/MM/AAAA)",
        "must be a valid date (YYYY-MM-DD or DD/MM/YYYY)",
    ),
    "meta.at_least": ("doit être ≥ {limit:g}", "must be greater than or equal to {limit:g}"),
    "meta.at_most": ("doit être ≤ {limit:g}", "must be less than or equal to {limit:g}"),
    "meta.id_differs": (
        "id {id} diffère du nom du dossier {folder}",
        "id {id} differs from the folder name {folder}",
    ),
    # --- case folders (ingest/loading.py, ingest/templates.py) ------------------------
    "case.bad_id": (
        "{id} n'est pas un identifiant de cas : utilisez 1 à 64 lettres minuscules, chiffres et '-', en "
        "commençant par une lettre ou un chiffre (par exemple brest-2019)",
        "{id} is not a case id: use 1 to 64 lower-case letters, digits and '-', starting with a letter "
        "or digit (e.g. brest-2019)",
    ),
    "case.reserved_id": (
        "{id} est un nom de fichier réservé sous Windows",
        "{id} is a reserved file name on Windows",
    ),
    "case.reserved_page": (
        "{id} est le nom d'une page du dossier des rapports ({id}.html) : choisissez un autre identifiant",
        "{id} names a page of the report folder ({id}.html): choose another id",
    ),
    "case.folder_name": ("nom du dossier : {problem}", "folder name: {problem}"),
    "case.date_outside_period": (
        "la date {day} est hors de la période du cas ({start} – {end}) que déclare case.yaml",
        "the date {day} is outside the case's period ({start} – {end}) that case.yaml declares",
    ),
    "case.no_folder": ("dossier de cas introuvable", "no such case folder"),
    "case.no_case_yaml": (
        "case.yaml manque (commons-analysis new-case en crée un)",
        "case.yaml is missing (commons-analysis new-case makes one)",
    ),
    "case.no_actors": (
        "la table actors manque (actors.csv, ou une feuille 'actors' dans case.xlsx)",
        "the actors table is missing (actors.csv, or a sheet 'actors' in case.xlsx)",
    ),
    "case.near_miss": (
        "non lu : si c'est la table {table}, nommez-le '{table}'",
        "not read: if this is the {table} table, name it '{table}'",
    ),
    "case.second_file": (
        "un deuxième fichier pour la table {table} ({other})",
        "a second file for table {table} ({other})",
    ),
    "case.workbook_and_csv": (
        "case.xlsx et des tables CSV sont tous deux ici : gardez l'un ou l'autre ({files})",
        "both case.xlsx and CSV tables are here: keep one of them ({files})",
    ),
    "case.exists": ("existe déjà : rien n'a été modifié", "already exists: nothing was changed"),
    "case.no_case_folder": (
        "aucun dossier de cas (avec un case.yaml) ici",
        "no case folder (with a case.yaml) here",
    ),
    "export.not_a_package": (
        "existe et n'est pas un paquet de données : rien n'a été écrit",
        "exists and is not a data package: nothing was written",
    ),
    # --- the command line (cli/) -----------------------------------------------------
    # --- settings (core/settings.py) ---------------------------------------------------
    "settings.not_finite": (
        "{option} : {value} n'est pas un nombre fini de secondes",
        "{option}: {value} is not a finite number of seconds",
    ),
    "settings.out_of_range": (
        "{option} : {value} n'est pas entre {low} et {high}",
        "{option}: {value} is not between {low} and {high}",
    ),
    "settings.too_many_draws": (
        "{option} : {value:thousands} dépasse {high:thousands} tirages : au-delà, la troisième décimale "
        "d'une p-valeur ou d'une borne d'intervalle ne bouge plus, seuls la mémoire et le temps croissent",
        "{option}: {value:thousands} is more than {high:thousands} draws: the third decimal of a p-value "
        "or an interval end no longer moves beyond that, only memory and time grow",
    ),
    # --- records checked against each other (sources/*/checks.py) -----------------------
    "sources.debian.developer_count_not_positive": (
        "le nombre de développeurs ({count}) doit être positif",
        "the developer count ({count}) must be positive",
    ),
    "sources.debian.ballot_twice": (
        "le votant {voter} a un second bulletin ici (le premier ligne {line})",
        "the voter {voter} has a second ballot here (first on line {line})",
    ),
    "sources.debian.ballot_not_listed": (
        "le votant {voter} de ce bulletin n'est pas dans la liste des votants",
        "the voter {voter} of this ballot is not in the voters list",
    ),
    "sources.debian.voter_without_ballot": (
        "la liste des votants nomme {voter}, qui n'a aucun bulletin dans le dépouillement",
        "the voters list names {voter}, who has no ballot on the tally sheet",
    ),
    "sources.debian.fewer_developers_than_voters": (
        "{developers:thousands} développeurs pouvaient voter, mais {voters:thousands} ont voté : "
        "le nombre de développeurs est abîmé",
        "{developers:thousands} Developers could vote, but {voters:thousands} voted: the developer count "
        "is damaged",
    ),
    "sources.debian.date_in_future": (
        "la date {day} est postérieure au jour de l'import ({today})",
        "the date {day} is after the day of the import ({today})",
    ),
    "sources.debian.date_outside_year": (
        "le vote se termine le {day}, hors de l'année de son dossier ({year})",
        "the vote ends on {day}, outside the year of its folder ({year})",
    ),
    "sources.debian.ends_before_start": (
        "le vote se termine ({end}) avant de commencer ({start})",
        "the vote ends ({end}) before it starts ({start})",
    ),
    "sources.python.no_core_member": (
        "le journal de l'équipe cœur ne contient aucun membre : fichier vide ou tronqué",
        "the core team log holds no member: the file is empty or truncated",
    ),
    "sources.python.date_in_future": (
        "la date {day} est postérieure au jour de l'import ({today})",
        "the date {day} is after the day of the import ({today})",
    ),
    "sources.python.no_eligible_voter": (
        "aucun votant inscrit ({eligible}) : le décompte est abîmé",
        "no eligible voter ({eligible}): the count is damaged",
    ),
    "sources.python.score_above_ballots": (
        "{candidate} a {score:thousands} {unit}, plus que les {most:thousands} possibles avec "
        "{cast:thousands} bulletins",
        "{candidate} has {score:thousands} {unit}, more than the {most:thousands} possible with "
        "{cast:thousands} ballots",
    ),
    "cli.error": ("erreur : {detail}", "error: {detail}"),
    "cli.internal_error": (
        "erreur interne ({kind}) : {detail}\nSignalez-la avec la commande que vous avez lancée.",
        "internal error ({kind}): {detail}\nPlease report it with the command you ran.",
    ),
    "cli.no_case": ("nommez au moins un CAS, ou utilisez --all", "name at least one CASE, or use --all"),
    "cli.validate.ok": (
        "ok {case} : {actors:thousands} acteurs, {relations:thousands} relations, {events:thousands} "
        "événements, {records:thousands} participations, {decisions:thousands} décisions",
        "ok {case}: {actors:thousands} actors, {relations:thousands} relations, {events:thousands} events, "
        "{records:thousands} participation, {decisions:thousands} decisions",
    ),
    "cli.validate.invalid": ("invalide {case} : {count} problème(s)", "invalid {case}: {count} problem(s)"),
    "cli.indicators.table": ("--table accepte 'actors'", "--table takes 'actors'"),
    "cli.indicators.sampled": (
        "remarque : l'intermédiarité est estimée à partir de {sources} sources tirées au hasard",
        "note: betweenness is an estimate from {sources} sampled sources",
    ),
    "cli.new_case.created": (
        "créé {path} : remplissez case.yaml et les tables, puis lancez `commons-analysis validate {case}`",
        "created {path}: fill case.yaml and the tables, then run `commons-analysis validate {case}`",
    ),
    "cli.export.wrote": ("écrit {path}", "wrote {path}"),
    "cli.import.unknown_source": (
        "source inconnue {source} ; les sources sont : {sources:list}",
        "unknown source {source}; the sources are: {sources:list}",
    ),
    "cli.import.created": (
        "créé {path} : vérifiez-le avec `commons-analysis validate {case}`",
        "created {path}: check it with `commons-analysis validate {case}`",
    ),
    # --- importers (sources/) --------------------------------------------------------
    "sources.no_raw_folder": ("dossier d'archives brutes introuvable", "no such folder of raw records"),
    "sources.exists": (
        "existe déjà : l'import ne remplace jamais un cas",
        "already exists: import never overwrites a case",
    ),
    "sources.not_utf8_byte": ("ce n'est pas du texte UTF-8 (octet {byte})", "not UTF-8 text (byte {byte})"),
    "sources.joined.comma": ("{first}, {rest}", "{first}, {rest}"),
    "sources.joined.semicolon": ("{first} ; {rest}", "{first}; {rest}"),
    # Debian records (sources/debian/)
    "sources.debian.no_vote_folder": (
        "pas de dossier 'vote' d'archives de votes Debian ici",
        "no 'vote' folder of Debian vote records here",
    ),
    "sources.debian.no_tally": (
        "aucune feuille de décompte (*tally.txt) trouvée",
        "no tally sheet (*tally.txt) found",
    ),
    "sources.debian.no_page": (
        "aucune page de vote n'y renvoie : impossible de dater le vote ou de nommer ses auteurs",
        "no vote page links to it: cannot date the vote or name its proposers",
    ),
    "sources.debian.several_pages": (
        "plusieurs pages de vote y renvoient : impossible de dater le vote ou de nommer ses auteurs",
        "several vote pages link to it: cannot date the vote or name its proposers",
    ),
    "sources.debian.no_voting_end": (
        "pas de fin de la période de vote dans le calendrier de la page",
        "no end of the voting period found in the timeline",
    ),
    "sources.debian.before_constitution": (
        "la période de vote se termine le {end}, avant la première constitution de Debian (1998-12-02)",
        "the voting period ends on {end}, before Debian's first constitution (1998-12-02)",
    ),
    "sources.debian.no_voters_list": (
        "pas de liste de votants {name} à côté",
        "no voters list {name} beside it",
    ),
    "sources.debian.voters_ballots": (
        "{voters} votants listés mais {ballots} bulletins dans {tally}",
        "{voters} voters listed but {ballots} ballots in {tally}",
    ),
    "sources.debian.login_is_organisation": (
        "l'identifiant d'un votant est aussi celui d'une organisation : {logins:list}",
        "a voter's login is also an organisation id: {logins:list}",
    ),
    "sources.debian.text_after_ballots": (
        "texte inattendu après la première ligne de bulletin",
        "unexpected text after the first ballot line",
    ),
    "sources.debian.no_options": (
        "en-tête manquant : aucune ligne 'Option N' ne nomme les options du vote",
        "missing header: no 'Option N: title' line names the options of the vote",
    ),
    "sources.debian.option_order": (
        "option {number} trouvée là où l'option {expected} était attendue",
        "option {number} found where option {expected} was expected",
    ),
    "sources.debian.no_ballot": (
        "aucun bulletin : aucune ligne ne commence par 'V:'",
        "no ballot: no line starts with 'V:'",
    ),
    "sources.debian.no_voter": (
        "bulletin sans votant (identifiant ou empreinte) après le classement",
        "ballot without a voter (login or hash) after the ranking",
    ),
    "sources.debian.empty_ballot": (
        "bulletin vide : aucun classement après 'V:'",
        "empty ballot: no ranking after 'V:'",
    ),
    "sources.debian.ballot_mark": (
        "caractère {character} : marque d'option inconnue {mark} dans {ranking} (attendu : un rang de 1 à 9, "
        "ou '-' pour une option non classée)",
        "character {character}: unknown option mark {mark} in {ranking} (expected a rank 1-9, or '-' for "
        "unranked)",
    ),
    "sources.debian.ballot_length": (
        "le bulletin {ranking} a {marks} marques mais l'en-tête nomme {width} options",
        "the ballot {ranking} has {marks} marks but the header names {width} options",
    ),
    "sources.debian.voter_line": (
        "ce n'est pas une ligne de votant 'NOMBRE IDENTIFIANT<tab>NOM'",
        "not a voter line 'COUNT LOGIN<tab>NAME'",
    ),
    "sources.debian.login_twice": (
        "identifiant {login} déjà listé à la ligne {line}",
        "login {login} already listed on line {line}",
    ),
    "sources.debian.no_voters": ("aucun votant listé", "no voter listed"),
    "sources.debian.no_developer_count": (
        "pas de ligne 'Current Developer Count = N'",
        "no 'Current Developer Count = N' line",
    ),
    # what a Debian count assumed (sources/debian/counting.py), printed in the import summary
    "sources.debian.count.no_voting_end": (
        "aucune page de vote ne donne la fin de la période de vote : compté selon la version {version}",
        "no vote page gives the end of the voting period: counted under version {version}",
    ),
    "sources.debian.count.no_default": (
        "pas d'option par défaut (Further Discussion, None Of The Above) : ni quorum ni majorité vérifiés",
        "no default option (Further Discussion, None Of The Above): no quorum or majority check",
    ),
    "sources.debian.count.casting_vote": (
        "plusieurs options restent sans défaite entre elles : la voix prépondérante décide (A.6.8)",
        "several options remain without defeats among them: the casting vote decides (A.6.8)",
    ),
    "sources.debian.count.cycle": (
        "toutes les options sont dominées (un cycle) : le vote unique transférable départage toutes les "
        "options (hypothèse)",
        "every option is dominated (a cycle): Single Transferable Vote decides among all (assumed)",
    ),
    "sources.debian.count.quorum_default_wins": (
        "trop peu de bulletins préfèrent le gagnant à l'option par défaut : l'option par défaut gagne "
        "(A.6, 1.0)",
        "too few ballots prefer the winner to the default option: the default wins (A.6, 1.0)",
    ),
    "sources.debian.count.stv_split": (
        "les bulletins qui placent en tête plusieurs options restantes partagent entre elles leur première "
        "préférence (hypothèse)",
        "ballots ranking several remaining options first split their first preference (assumed)",
    ),
    "sources.debian.count.stv_all_tie": (
        "toutes les options restantes sont à égalité au vote unique transférable : la voix prépondérante "
        "décide",
        "all remaining options tie in Single Transferable Vote: the casting vote decides",
    ),
    "sources.debian.count.stv_tied_out": (
        "les options à égalité pour le moins de premières préférences ont été éliminées ensemble (hypothèse)",
        "options tied for fewest first preferences were eliminated together (assumed)",
    ),
    "sources.debian.count.quorum_given": (
        "quorum 3Q à partir de {developers} développeurs (donné)",
        "quorum 3Q from {developers} developers (given)",
    ),
    "sources.debian.count.quorum_file": (
        "quorum 3Q = {quorum:.4f} à partir de {developers} développeurs ({file})",
        "quorum 3Q = {quorum:.4f} from {developers} developers ({file})",
    ),
    "sources.debian.count.quorum_stated": (
        "{file} indique un quorum de {stated}, pas 3Q",
        "{file} states a quorum of {stated}, not 3Q",
    ),
    "sources.debian.count.quorum_page": (
        "pas de fichier de quorum : quorum 3Q = {quorum:.4f} à partir des {developers} développeurs "
        "indiqués sur la page du vote ({file})",
        "no quorum file: quorum 3Q = {quorum:.4f} from the {developers} developers stated on the vote page "
        "({file})",
    ),
    "sources.debian.count.quorum_unchecked": (
        "ni fichier de quorum ni nombre de développeurs : le quorum n'est pas vérifié",
        "no quorum file and no developer count recorded: the quorum is not checked",
    ),
    "sources.debian.count.majorities_given": ("majorités requises données", "majority ratios given"),
    "sources.debian.count.majorities_marks": (
        "majorités requises lues dans les marques de l'en-tête du décompte",
        "majority ratios from the marks of the tally header",
    ),
    "sources.debian.count.majority_page": (
        "l'en-tête du décompte n'indique pas de majorité ; la page du vote dit {statement} : {ratio} pour "
        "toute option sauf celle par défaut",
        "the tally header marks no majority; the vote page states {statement}: {ratio} for every option but "
        "the default",
    ),
    # the summary of a Debian import (sources/debian/mapping.py)
    "sources.debian.summary.found": (
        "debian-vote : {votes} votes ({resolutions} résolutions générales, {elections} élections du "
        "responsable du projet), {ballots:thousands} bulletins de {persons:thousands} personnes, construit "
        "en {seconds:.2f} s",
        "debian-vote: {votes} votes ({resolutions} General Resolutions, {elections} leader elections), "
        "{ballots:thousands} ballots by {persons:thousands} persons, built in {seconds:.2f} s",
    ),
    "sources.debian.summary.matching": (
        "personnes nommées sur les pages des votes : {matches}",
        "proposers and seconders: {matches}",
    ),
    "sources.debian.summary.matched": ("{role} {how} : {count}", "{role} matched by {how} {count}"),
    "sources.debian.summary.unmatched": ("sans correspondance : {persons}", "unmatched: {persons}"),
    "sources.debian.summary.person": ("{role} {actor}", "{role} {actor}"),
    "sources.debian.summary.own_seconders": (
        "auteurs inscrits aussi parmi leurs propres soutiens (laissés de côté) : {count}",
        "proposers also listed among their seconders (left out): {count}",
    ),
    "sources.debian.summary.no_seconders": (
        "résolutions dont la page ne nomme aucun soutien : {votes:list}",
        "resolutions whose page lists no seconder: {votes:list}",
    ),
    "sources.debian.summary.several_names": (
        "identifiants listés sous plusieurs noms : {count} (le dernier est gardé) ; avec des noms de famille "
        "différents : {logins:list}",
        "logins listed under several names: {count} (the latest is kept); with different last names: "
        "{logins:list}",
    ),
    "sources.debian.summary.assumed_terms": (
        "mandats du responsable commençant le lendemain du vote (la page n'en dit rien) : {terms:list}",
        "leader terms starting the day after the vote (page silent): {terms:list}",
    ),
    "sources.debian.summary.note": ("{event} : {note}", "{event}: {note}"),
    "sources.debian.leader": ("responsable élu", "leader"),
    "sources.debian.leaders": ("responsables élus", "leaders"),
    "sources.debian.proposer": ("auteur", "proposer"),
    "sources.debian.proposers": ("auteurs", "proposers"),
    "sources.debian.seconder": ("soutien", "seconder"),
    "sources.debian.seconders": ("soutiens", "seconders"),
    "sources.debian.how.email": ("rattachés par leur adresse @debian.org", "email"),
    "sources.debian.how.name": ("rattachés par leur nom", "name"),
    "sources.debian.how.email_not_voter": (
        "gardant l'identifiant de leur adresse @debian.org, hors des listes de votants",
        "email-not-voter",
    ),
    "sources.debian.how.unmatched": ("sans correspondance", "unmatched"),
    # Python's governance records (sources/python_governance/)
    "sources.python.no_folder": ("dossier des archives brutes manquant", "missing folder of the raw records"),
    "sources.python.no_file": ("fichier des archives brutes manquant", "missing file of the raw records"),
    "sources.python.not_utf8": ("ce n'est pas du texte UTF-8", "not UTF-8 text"),
    "sources.python.no_header_file": (
        "la PEP {number} n'a pas de fichier d'en-tête dans {folder}/",
        "PEP {number} has no header file in {folder}/",
    ),
    "sources.python.differs": ("diffère de {other}", "differs from {other}"),
    "sources.python.missing_pep": ("la PEP {number} ({file}) manque", "PEP {number} ({file}) is missing"),
    "sources.python.pep_not_in_folder": (
        "la PEP {number} n'est pas dans {folder}/",
        "PEP {number} is not in {folder}/",
    ),
    "sources.python.no_bdfl": (
        "pas de phrase 'served as its BDFL … until Month YYYY'",
        "no 'served as its BDFL … until Month YYYY'",
    ),
    "sources.python.no_election_listed": ("aucune PEP d'élection n'est listée", "no election PEP listed"),
    "sources.python.no_window": (
        "pas de phrase 'window from <jour> to <jour> (Anywhere on Earth)'",
        "no 'window from <day> to <day> (Anywhere on Earth)'",
    ),
    "sources.python.said_accepted": (
        "la PEP dit avoir été acceptée, son Status est {status}",
        "the PEP says it was accepted, its Status is {status}",
    ),
    "sources.python.said_rejected": (
        "la PEP dit avoir été rejetée, son Status est {status}",
        "the PEP says it was rejected, its Status is {status}",
    ),
    "sources.python.status_decides_nothing": (
        "une résolution sur une PEP dont le statut, {status}, ne décide rien",
        "a resolution on a PEP whose status, {status}, decides nothing",
    ),
    "sources.python.blank_first_line": (
        "le fichier doit commencer par l'en-tête de la PEP, pas par une ligne vide",
        "the file must begin with the PEP header, not a blank line",
    ),
    "sources.python.continuation_first": (
        "une ligne de continuation avant tout champ d'en-tête",
        "a continuation line before any header field",
    ),
    "sources.python.not_field_line": (
        "ce n'est pas une ligne d'en-tête (un nom de champ, deux-points, une valeur) : {line}",
        "not a 'Field: value' header line: {line}",
    ),
    "sources.python.field_twice": (
        "champ d'en-tête répété (déjà à la ligne {line})",
        "repeated header field (first on line {line})",
    ),
    "sources.python.no_header": (
        "pas d'en-tête de PEP en haut du fichier (des lignes RFC 822 : un nom de champ, deux-points, une "
        "valeur)",
        "no PEP header (RFC 822 'Field: value' lines) at the top",
    ),
    "sources.python.missing_field": (
        "manquant : l'en-tête (lignes 1–{last}) n'a pas de champ {name}, que la PEP 1 exige",
        "missing: the header (lines 1–{last}) has no {name} field, which PEP 1 requires",
    ),
    "sources.python.empty": ("vide", "empty"),
    "sources.python.pep_in_file": (
        "PEP {number} dans un fichier nommé {file}",
        "PEP {number} in a file named {file}",
    ),
    "sources.python.not_pep_number": ("ce n'est pas un numéro de PEP : {value}", "not a PEP number: {value}"),
    "sources.python.unknown_status": (
        "statut inconnu {status} ; la PEP 1 prévoit : {statuses:list}",
        "unknown status {status}; PEP 1 lists: {statuses:list}",
    ),
    "sources.python.unknown_type": (
        "type inconnu {kind} ; la PEP 1 prévoit : {kinds:list}",
        "unknown type {kind}; PEP 1 lists: {kinds:list}",
    ),
    "sources.python.no_author": ("aucun auteur nommé", "no author named"),
    "sources.python.two_delegates": (
        "PEP-Delegate et BDFL-Delegate sont donnés tous les deux (pour la PEP 1, c'est un seul champ)",
        "both PEP-Delegate and BDFL-Delegate are given (PEP 1: they are one field)",
    ),
    "sources.python.pep_twice": ("la PEP {number} est aussi dans {other}", "PEP {number} also in {other}"),
    "sources.python.not_pep_date": (
        "pas une date de la forme JJ-Mmm-AAAA : {text}",
        "not a date in DD-Mon-YYYY form: {text}",
    ),
    "sources.python.not_resolution": (
        "ni une URL ni un lien daté : {value}",
        "neither a URL nor a dated link: {value}",
    ),
    "sources.python.not_person": (
        "ce n'est pas un nom, suivi ou non d'une <adresse électronique> : {text}",
        "not a name with an optional <e-mail>: {text}",
    ),
    "sources.python.not_csv": ("illisible en CSV : {error}", "not readable as CSV: {error}"),
    "sources.python.team_columns": (
        "{count} colonnes, 5 attendues (nom, utilisateur GitHub, arrivée, départ, notes)",
        "{count} columns, expected 5 (name, GitHub user, joined, left, notes)",
    ),
    "sources.python.not_github": (
        "ce n'est pas un nom d'utilisateur GitHub : {name}",
        "not a GitHub user name: {name}",
    ),
    "sources.python.github_twice": ("déjà à la ligne {line}", "also on line {line}"),
    "sources.python.not_iso_date": (
        "ce n'est pas une date AAAA-MM-JJ : {text}",
        "not a date YYYY-MM-DD: {text}",
    ),
    "sources.python.left_before_joined": (
        "{left} est avant la date d'arrivée, {joined}",
        "{left} is before the date joined, {joined}",
    ),
    "sources.python.no_section": ("pas de section '{name}'", "no '{name}' section"),
    "sources.python.no_period": (
        "pas de période de vote ('The voting period is' ou 'was', deux dates reliées par 'through')",
        "no 'The voting period is/was: … through …'",
    ),
    "sources.python.no_turnout": (
        "pas de phrase 'Of N eligible voters, M cast ballots'",
        "no 'Of N eligible voters, M cast ballots'",
    ),
    "sources.python.more_ballots_than_voters": (
        "plus de bulletins que d'électeurs inscrits",
        "more ballots cast than eligible voters",
    ),
    "sources.python.no_candidates": ("aucun candidat n'est listé", "no candidates listed"),
    "sources.python.winners_count": ("{count} élus, la PEP 13 en élit 5", "{count} winners, PEP 13 elects 5"),
    "sources.python.not_candidates": (
        "pas parmi les candidats : {names:list}",
        "not among the candidates: {names:list}",
    ),
    "sources.python.winner_without_count": (
        "un élu sans décompte dans le tableau",
        "a winner without a count in the table",
    ),
    "sources.python.no_vote_table": (
        "pas de tableau des voix par candidat",
        "no table of votes per candidate",
    ),
    "sources.python.unknown_table_header": (
        "en-tête de tableau inconnu {header}",
        "unknown table header {header}",
    ),
    "sources.python.not_score_row": (
        "ce n'est pas 'candidat | nombre' : {row}",
        "not 'candidate | number': {row}",
    ),
    # --- Pabulib .pb files (sources/pabulib/) and budget tables (ingest/validation.py) --------
    "sources.pabulib.no_pb_files": ("aucun fichier .pb dans ce dossier", "no .pb file in this folder"),
    "sources.pabulib.no_section": ("section {section} absente", "section {section} missing"),
    "sources.pabulib.no_header": (
        "la section {section} n'a pas de ligne d'en-tête",
        "section {section} has no header line",
    ),
    "sources.pabulib.field_count": (
        "{count} champs séparés par ';' alors que l'en-tête en a {header}",
        "{count} ';'-separated fields where the header has {header}",
    ),
    "sources.pabulib.more_field_counts": (
        "… et {count} autres lignes dont le nombre de champs diffère de l'en-tête",
        "… and {count} more rows whose field count differs from the header",
    ),
    "sources.pabulib.no_date": (
        "ni date_end, ni date_begin, ni une année comme instance : le vote n'a pas de date",
        "no date_end, no date_begin, nor a year as instance: the vote has no date",
    ),
    "sources.pabulib.no_meta": ("clé de META obligatoire absente", "required META key missing"),
    "sources.pabulib.unknown_project": ("projet inconnu {project}", "unknown project {project}"),
    "sources.pabulib.points_count": (
        "{points} points pour {projects} projets",
        "{points} points for {projects} projects",
    ),
    "sources.pabulib.event_twice": (
        "même vote (unit, instance, subunit) que {other}",
        "the same vote (unit, instance, subunit) as {other}",
    ),
    "sources.pabulib.summary.files": (
        "{files} fichiers .pb : {voters} bulletins (chacun une fois), {projects} projets "
        "({withdrawn} retirés)",
        "{files} .pb files: {voters} ballots (each once), {projects} projects ({withdrawn} withdrawn)",
    ),
    "sources.pabulib.summary.parts": (
        "{whole} : {parts} fichiers de quartier, chacun les bulletins du fichier de la ville restreints "
        "au quartier (vérifié) ; leurs votants sont ceux de la ville",
        "{whole}: {parts} district files, each the city file's ballots restricted to the district "
        "(checked); their voters are the city's",
    ),
    "sources.pabulib.summary.not_parts": (
        "{whole} : les fichiers de quartier ne sont pas les bulletins du fichier de la ville restreints "
        "au quartier ({reason}) : chaque fichier est un vote à part",
        "{whole}: the district files are not the city file's ballots restricted to each district "
        "({reason}): each file is a vote of its own",
    ),
    "sources.pabulib.summary.published": (
        "{event} : sélection publiée ({count} projets financés)",
        "{event}: published selection ({count} projects funded)",
    ),
    "sources.pabulib.summary.declared": (
        "{event} : aucune sélection publiée ; adopted = ce que retient la règle déclarée {rule} "
        "({count} projets)",
        "{event}: no published selection; adopted = what the declared rule {rule} selects ({count} projects)",
    ),
    "sources.pabulib.summary.by_parts": (
        "{event} : adopted = financé dans son quartier",
        "{event}: adopted = funded in its district",
    ),
    "sources.pabulib.summary.unmapped_proposers": (
        "ATTENTION : {count} porteurs de projet absents du fichier de correspondance, traités comme "
        "personnes privées (pseudonymisées) : {proposers:list} ; ajoutez-les à {mapping}",
        "WARNING: {count} proposers missing from the mapping file, treated as private persons "
        "(pseudonymised): {proposers:list}; add them to {mapping}",
    ),
    "sources.pabulib.summary.proposers": (
        "{count} porteurs de projet : {organisations} organisations ou collectifs, {persons} personnes "
        "privées (pseudonymisées)",
        "{count} proposers: {organisations} organisations or groups, {persons} private persons "
        "(pseudonymised)",
    ),
    "validation.budget.unknown_project": (
        "projet inconnu {project} (pas un projet de l'événement {event})",
        "unknown project {project} (not a project of event {event})",
    ),
    "validation.budget.project_twice": (
        "le projet {project} figure deux fois dans le bulletin",
        "project {project} twice in one ballot",
    ),
    "validation.budget.points_count": (
        "{points} points pour {projects} projets du bulletin",
        "{points} points for {projects} projects of the ballot",
    ),
    "validation.budget.too_long": (
        "{count} projets alors que max_length vaut {maximum}",
        "{count} projects where max_length is {maximum}",
    ),
    "validation.budget.too_short": (
        "{count} projets alors que min_length vaut {minimum}",
        "{count} projects where min_length is {minimum}",
    ),
    "validation.budget.points_over": (
        "des points au-delà de max_points ({maximum:g})",
        "points above max_points ({maximum:g})",
    ),
    "validation.budget.sum_over": (
        "{total:g} points au total, au-delà de max_sum_points ({maximum:g})",
        "{total:g} points in all, above max_sum_points ({maximum:g})",
    ),
    "validation.budget.unknown_decision": ("décision inconnue {value}", "unknown decision {value}"),
    # --- budgeting (analysis/budgeting.py): how a budget vote was counted ---------------
    "budgeting.rule_unknown": (
        "règle déclarée inconnue : comptée par la méthode gloutonne (greedy)",
        "unknown declared rule: counted with greedy",
    ),
    "budgeting.comparison_kept_greedy": (
        "étape de comparaison : plus d'électeurs préfèrent le résultat glouton, qui est retenu",
        "comparison step: more voters prefer the greedy outcome, which is kept",
    ),
    "sources.python.no_day": ("pas de date 'Month D, YYYY' dans {text}", "no date 'Month D, YYYY' in {text}"),
    "sources.python.no_time_zone": (
        "l'échéance ne donne pas de fuseau horaire (UTC ou AoE) : {text}",
        "the deadline gives no time zone (UTC or AoE): {text}",
    ),
    # --- evidence: sources and codings (ingest/evidence.py, sources/qda/, cli) -----------
    "evidence.no_text": (
        "une source a besoin d'un fichier (son texte) ou d'une référence",
        "a source needs a file (its text) or a reference",
    ),
    "evidence.file_outside": (
        "le fichier doit être dans le dossier du cas (par exemple texts/audition.txt) : {value}",
        "the file must be inside the case folder (e.g. texts/audition.txt): {value}",
    ),
    "evidence.no_file": ("fichier introuvable : {value}", "no such file: {value}"),
    "evidence.file_unreadable": (
        "impossible de lire le texte de {value} : {reason}",
        "cannot read the text of {value}: {reason}",
    ),
    "evidence.unknown_source": ("source inconnue {value}", "unknown source {value}"),
    "evidence.unknown_source_hint": (
        "source inconnue {value} (vouliez-vous dire {hint} ?)",
        "unknown source {value} (did you mean {hint}?)",
    ),
    "evidence.no_passage": (
        "un passage a besoin de début et fin, ou d'un segment",
        "a passage needs start and end, or a segment",
    ),
    "evidence.half_offsets": (
        "début et fin vont ensemble : donnez les deux, ou aucun",
        "start and end go together: give both, or neither",
    ),
    "evidence.end_not_after_start": (
        "la fin ({end}) doit être après le début ({start})",
        "end ({end}) must be after start ({start})",
    ),
    "evidence.offsets_outside": (
        "la fin ({end}) dépasse le texte de la source ({length} caractères)",
        "end ({end}) is beyond the text of the source ({length} characters)",
    ),
    "evidence.offsets_without_text": (
        "des positions début/fin, mais la source {value} n'a pas de fichier texte",
        "start/end offsets, but source {value} has no text file",
    ),
    "evidence.excerpt_differs": (
        "l'extrait ne correspond pas au texte de la source entre {start} et {end} ({text})",
        "the excerpt does not match the source's text from {start} to {end} ({text})",
    ),
    "evidence.unknown_code": (
        "code inconnu {value} : ni dans le livre de codes, ni déclaré sous 'codes:' dans case.yaml",
        "unknown code {value}: neither in the codebook nor declared under 'codes:' in case.yaml",
    ),
    "evidence.unknown_code_hint": (
        "code inconnu {value} (vouliez-vous dire {hint} ?)",
        "unknown code {value} (did you mean {hint}?)",
    ),
    "evidence.value_without_scale": (
        "le code {code} ne porte pas de score : laissez la valeur vide",
        "code {code} carries no score: leave the value empty",
    ),
    "evidence.value_outside": (
        "la valeur de {code} doit être un entier de {low:g} à {high:g}",
        "the value of {code} must be a whole number from {low:g} to {high:g}",
    ),
    "evidence.code_redefined": (
        "{value} est un code du livre de codes livré : choisissez un autre nom",
        "{value} is a code of the shipped codebook: choose another name",
    ),
    "evidence.unknown_recommendation_coding": (
        "codage inconnu {value} (colonne coding_id de codings)",
        "unknown coding {value} (column coding_id of codings)",
    ),
    "sources.evidence.not_found": (
        "l'extrait {value} n'est pas dans le texte de la source {source}",
        "excerpt {value} is not in the text of source {source}",
    ),
    "qda.unreadable": ("impossible de lire le fichier : {reason}", "cannot read the file: {reason}"),
    "qda.not_taguette": (
        "ce n'est pas un projet exporté par Taguette (table {table} absente)",
        "this is not a project exported by Taguette (no table {table})",
    ),
    "qda.format": (
        "format inconnu {value} : un projet Taguette (.sqlite3), ses surlignages (.csv), un projet REFI-QDA "
        "(.qdpx) ou un livre de codes (.qdc)",
        "unknown format {value}: a Taguette project (.sqlite3), its highlights (.csv), a REFI-QDA project "
        "(.qdpx) or a codebook (.qdc)",
    ),
    "qda.missing_column": ("colonne obligatoire manquante", "required column is missing"),
    "qda.empty_cell": ("une valeur est obligatoire", "a value is required"),
    "qda.xml": ("XML mal formé : {detail}", "malformed XML: {detail}"),
    "qda.missing_attribute": ("attribut {name} manquant", "attribute {name} is missing"),
    "qda.bad_integer": ("{value} n'est pas un nombre entier ≥ 0", "{value} is not a whole number ≥ 0"),
    "qda.unknown_guid": ("{what} inconnu : guid {value}", "unknown {what}: guid {value}"),
    "qda.missing_member": (
        "le projet ne contient pas {value} (zip sans ce fichier)",
        "the project holds no {value} (the zip lacks that file)",
    ),
    "qda.offsets_outside": (
        "le passage {start}–{end} dépasse le texte ({length} caractères)",
        "passage {start}–{end} is beyond the text ({length} characters)",
    ),
    "qda.no_coder": (
        "ce fichier ne dit pas qui a codé : donnez --coder",
        "this file does not say who coded: give --coder",
    ),
    "qda.undeclared_codes": (
        "codes absents du livre de codes : {codes:list} ; déclarez-les dans case.yaml :\n{yaml}",
        "codes not in the codebook: {codes:list}; declare them in case.yaml:\n{yaml}",
    ),
    "qda.source_clash": (
        "la source {value} existe déjà avec un autre texte",
        "source {value} already exists with another text",
    ),
    "qda.already_coded": (
        "{coder} a déjà codé la source {value} : rien n'est ajouté deux fois",
        "{coder} already coded source {value}: nothing is added twice",
    ),
    "qda.csv_appended": (
        "{table} n'est pas en UTF-8 ou n'a pas les colonnes {columns:list} : ajout impossible sans réécrire "
        "vos données",
        "{table} is not UTF-8 or lacks the columns {columns:list}: cannot append without rewriting your data",
    ),
    "cli.import_coding.done": (
        "{case} : {sources} sources et {codings} codages importés de {path}",
        "{case}: {sources} sources and {codings} codings imported from {path}",
    ),
    "cli.export_coding.done": ("projet REFI-QDA écrit : {path}", "REFI-QDA project written: {path}"),
    "agreement.columns": (
        "il faut les colonnes unit, coder, value (unité, codeur, valeur)",
        "the columns unit, coder, value are required (unité, codeur, valeur)",
    ),
    "agreement.not_a_number": (
        "{value} n'est pas un nombre (niveau {level})",
        "{value} is not a number (level {level})",
    ),
    "agreement.duplicate": (
        "deuxième valeur du codeur pour cette unité (première à la ligne {line})",
        "a second value of this coder for this unit (first on line {line})",
    ),
}


class _Formatter(string.Formatter):
    """``str.format`` that writes nested messages, sequences and thousands the way ``lang`` does."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Message):
            value = value.text(self.lang)
        if format_spec == "thousands":
            return formats.number(int(value), self.lang)
        if (decimals := re.fullmatch(r"\.(\d)f", format_spec)) and isinstance(value, (int, float)):
            return formats.number(float(value), self.lang, int(decimals.group(1)))
        if format_spec == "list":
            return ", ".join(str(item) for item in value)
        if format_spec == "or":
            return join_alternatives(value, self.lang)
        return str(super().format_field(value, format_spec))


def join_alternatives(items: Iterable[object], lang: str = ENGLISH) -> str:
    """Alternatives as a sentence writes them.

    >>> join_alternatives(["'a'", "'b'", "'c'"]), join_alternatives(["'a'", "'b'"], "fr")
    ("'a', 'b' or 'c'", "'a' ou 'b'")
    """
    words = [str(item) for item in items]
    last = " ou " if lang == "fr" else " or "
    return last.join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


@dataclass(frozen=True)
class Message:
    """A message of the catalogue: its key and the values it names (see the module docstring).

    A value may itself be a :class:`Message`: it is written in the same language.
    """

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = ENGLISH) -> str:
        """The message in ``lang`` (``fr`` or ``en``)."""
        french, english = _MESSAGES[self.key]
        template = french if _check_lang(lang) == "fr" else english
        return _Formatter(lang).vformat(template, (), dict(self.values))


def say(key: str, **values: Any) -> Message:
    """The message ``key`` of the catalogue with its ``values``; an unknown key is a bug (KeyError).

    >>> say("validation.duplicate", line=3).text("fr")
    'doublon de la ligne 3'
    """
    if key not in _MESSAGES:
        raise KeyError(f"no message {key!r} in the catalogue")
    return Message(key, tuple(sorted(values.items())))


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale variables ask for: ``fr`` when the first one set starts with ``fr``.

    POSIX order: ``LC_ALL`` overrides ``LC_MESSAGES``, which overrides ``LANG``; an empty
    variable counts as unset. English when none is set, or for any other language.

    >>> environment_language({"LANG": "fr_FR.UTF-8"}), environment_language({"LC_MESSAGES": "C",
    ...     "LANG": "fr_FR.UTF-8"}), environment_language({})
    ('fr', 'en', 'en')
    """
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return "fr" if value.casefold().startswith("fr") else ENGLISH
    return ENGLISH


def resolve_language(lang: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language of the messages: ``lang`` when given (``--lang``), else the environment's, else English.

    >>> resolve_language("en", {"LANG": "fr_FR.UTF-8"})
    'en'
    """
    return _check_lang(str(lang)) if lang else environment_language(environ)


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def all_messages() -> Mapping[str, tuple[str, str]]:
    """Every message of the catalogue, key → (French, English) (for tests)."""
    return dict(_MESSAGES)


__all__ = [
    "ENGLISH",
    "LANGS",
    "LOCALE_VARIABLES",
    "Message",
    "all_messages",
    "environment_language",
    "join_alternatives",
    "resolve_language",
    "say",
]
