"""``new-case``: a ready-to-fill case folder (commented ``case.yaml`` and table templates).

Tables come as CSV files with the right headers, or as one ``case.xlsx``
workbook with one sheet per table and a drop-down list on every enumerated
column. The participatory budget tables (``budgets``, ``projects``,
``population``) are left out: a hand-made case rarely has them, and
``import pabulib`` writes them. An existing case is never overwritten.

Example
-------
>>> import tempfile, pathlib
>>> folder = new_case("my-case", pathlib.Path(tempfile.mkdtemp()))
>>> sorted(p.name for p in folder.iterdir())
['actors.csv', 'case.yaml', 'decisions.csv', 'events.csv', 'participation.csv', 'relations.csv']
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem, display_path
from commons_analysis.core.files import staged_folder
from commons_analysis.core.messages import say
from commons_analysis.ingest.loading import case_id_message
from commons_analysis.model.schema.tables import CORE_TABLES, EVIDENCE_TABLES, TABLES
from commons_analysis.model.schema.vocabularies import ARNSTEIN_RUNGS, OSTROM_PRINCIPLES

CASE_YAML = """\
# case.yaml: what the case is. Lines starting with # are comments.
# Le fichier case.yaml décrit le cas. Les lignes commençant par # sont des commentaires.
id: {case_id}                    # must equal the folder name / doit être égal au nom du dossier
title: {{fr: "Titre du cas", en: "Case title"}}
place: ""                        # e.g. Brest
country: FR
period: {{start: {year}-01-01, end: {year}-12-31}}   # YYYY-MM-DD or DD/MM/YYYY
legal_form: ""                   # e.g. SCIC, association loi 1901
perspectives: [public_power, distant_people, practices_tools]
data_status: illustrative        # illustrative (composed from descriptions) or documented (collected)
show_names: false                # true only with the persons' written consent
licence: ""                      # licence of the data when published, e.g. CC-BY-4.0
summary: {{fr: "", en: ""}}
sources:                         # where the rows come from / d'où viennent les lignes
  - {{title: "", url: "", accessed: {today}}}
#   records copied into the project: path (data/raw/…), commit (of their repository), licence
#  - {{title: "", url: "", accessed: {today}, path: data/raw/my-source, commit: "", licence: ""}}
inclusion_groups: {{}}             # tags used in the 'groups' column of actors (several: qpv|chomage), e.g.:
#  qpv:
#    label: {{fr: "Habitants des quartiers prioritaires", en: "Residents of priority neighbourhoods"}}
#    population_share: 0.10       # share of the reference population, between 0 and 1
# assessment:                    # your coding of the case; uncoded stays empty (null), never 0
#   ostrom:                      # 0 absent, 1 partial, 2 present
{ostrom}
#   arnstein: {{rung: consultation, evidence: ""}}   # {rungs}
# --- evidence (new-case --evidence; docs/evidence.md) / éléments probants ---
# evidence_status: documented    # the codings of codings.csv: documented (real), or illustrative (written to
#                                # show the method) / codages réels (documented) ou illustratifs
# codes:                         # your own codes, beside the shipped codebook (docs/evidence.md)
#                                # vos propres codes, en plus du livre de codes livré
#   tiers_lieu:                  # the key codings.code uses / la clé utilisée dans codings.code
#     label: {{fr: "Tiers-lieu", en: "Third place"}}
#     perspective: practices_tools
#     scale: [0, 3]              # only for a code that carries a score / seulement pour un code noté
# recommendations:               # préconisations drawn from the evidence (shown in the comparison)
#   - text: {{fr: "…", en: "…"}}
#     perspective: distant_people
#     codings: [c12, c40]        # coding_id of the passages that support it / les passages qui la fondent
# mapping:                       # for data drawn from records: how each table was made, by topic
#   events: {{fr: "Chaque réunion du registre est un événement…", en: "Each meeting of the register…"}}
"""


TEXTS_README = """\
The texts of the case's sources, one UTF-8 text file each (an audition's transcript, interview
notes, a reading note, a document), named in the column 'file' of sources.csv as texts/<name>.txt.
The offsets start/end of codings.csv count characters of that text from 0. A source without
consent (consent = false) is counted in reports, never quoted.

Les textes des sources du cas, un fichier texte UTF-8 chacun (transcription d'une audition, notes
d'entretien, note de lecture, document), nommés dans la colonne 'fichier' de sources.csv sous la
forme texts/<nom>.txt. Les positions début/fin de codings.csv comptent les caractères de ce texte
à partir de 0. Une source sans consentement (consentement = non) est comptée, jamais citée.
"""


def case_yaml_template(case_id: str, today: dt.date | None = None) -> str:
    """The commented ``case.yaml`` of a new case."""
    today = today or dt.date.today()
    ostrom = "\n".join(f'#     {principle}: {{score: , evidence: ""}}' for principle in OSTROM_PRINCIPLES)
    return CASE_YAML.format(
        case_id=case_id,
        year=today.year,
        today=today.isoformat(),
        ostrom=ostrom,
        rungs=", ".join(ARNSTEIN_RUNGS),
    )


def new_case(case_id: str, data_dir: Path | str, *, xlsx: bool = False, evidence: bool = False) -> Path:
    """Create ``data_dir/case_id`` with templates; refuse a bad id or an existing folder.

    ``evidence``: also the tables of sources and codings (auditions, interviews, readings and
    their coding), and a ``texts/`` folder for the sources' texts; a case without them gets none.
    """
    problem = case_id_message(case_id)
    if problem:
        raise CaseError([Problem.of(case_id[:80], None, None, problem)])
    data_dir = Path(data_dir)
    folder = data_dir / case_id
    if folder.exists():
        raise CaseError([Problem.of(display_path(folder), None, None, say("ingest.case.exists"))])
    # Built beside its destination, then renamed: never a half-made case folder.
    with staged_folder(folder) as staging:
        (staging / "case.yaml").write_text(case_yaml_template(case_id), encoding="utf-8")
        names = CORE_TABLES + (EVIDENCE_TABLES if evidence else ())
        if evidence:
            (staging / "texts").mkdir()
            (staging / "texts" / "README.txt").write_text(TEXTS_README, encoding="utf-8")
        if xlsx:
            write_workbook_template(staging / "case.xlsx", names)
        else:
            for name in names:
                table = TABLES[name]
                (staging / f"{table.name}.csv").write_text(",".join(table.names) + "\n", encoding="utf-8")
    return folder


def write_workbook_template(path: Path, names: tuple[str, ...] = CORE_TABLES) -> None:
    """A workbook with a sheet per table of ``names``, bold headers, and drop-down lists for enumerations."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    lists = workbook.create_sheet("lists")
    list_column = 0
    for table in (TABLES[name] for name in names):
        sheet = workbook.create_sheet(table.name)
        sheet.append(table.names)
        for position, column in enumerate(table.columns, start=1):
            letter = get_column_letter(position)
            sheet.cell(row=1, column=position).font = Font(bold=True)
            sheet.column_dimensions[letter].width = max(12, len(column.name) + 4)
            if column.type == "id":
                sheet.column_dimensions[letter].number_format = "@"  # ids stay text: 007 is not 7
            if column.enum:
                list_column += 1
                list_letter = get_column_letter(list_column)
                lists.cell(row=1, column=list_column, value=f"{table.name}.{column.name}")
                for row, value in enumerate(column.enum, start=2):
                    lists.cell(row=row, column=list_column, value=value)
                source = f"lists!${list_letter}$2:${list_letter}${len(column.enum) + 1}"
                validation = DataValidation(type="list", formula1=source, allow_blank=not column.required)
                validation.error = f"{column.name}: " + ", ".join(column.enum)
                validation.showErrorMessage = True
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}5000")
        sheet.freeze_panes = "A2"
    workbook.move_sheet("lists", offset=len(names))
    workbook.save(path)
