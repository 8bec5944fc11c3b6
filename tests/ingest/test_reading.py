"""The corpus of realistic bad and odd files researchers' spreadsheets produce.

Each file is built here, small, from the valid case of ``conftest.py``: French Excel
exports, UTF-16 "Unicode text", BOMs, stray delimiters, unclosed quotes, binary and
empty files, workbooks with hidden or missing sheets and formulas never computed,
YAML traps, unsafe case ids; and the same case in three spellings loading to the same
tables.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from pandas.testing import assert_frame_equal
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.ingest.loading import case_id_message, load_case, resolve_case
from commons_analysis.ingest.reading.decoding import decode
from commons_analysis.ingest.reading.delimited import read_csv_text, sniff_delimiter
from commons_analysis.ingest.reading.yaml_file import read_yaml_file
from commons_analysis.ingest.templates import new_case
from commons_analysis.model.case import Case
from commons_analysis.model.schema.tables import TABLES

TABLE_NAMES = ("actors", "relations", "events", "participation", "decisions")
NO_CSV = {f"{table}.csv": None for table in TABLE_NAMES}


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def workbook_bytes(
    files: dict[str, str],
    *,
    hidden: str | None = None,
    drop: str | None = None,
    formulas: dict[tuple[str, str], str] | None = None,
) -> bytes:
    """The base CSV tables as a workbook, one sheet per table (cells as text, empty as blank)."""
    import csv

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in TABLE_NAMES:
        if table == drop:
            continue
        sheet = workbook.create_sheet(table)
        for row in csv.reader(io.StringIO(files[f"{table}.csv"])):
            sheet.append([cell or None for cell in row])
        if table == hidden:
            sheet.sheet_state = "hidden"
    for (table, cell), formula in (formulas or {}).items():
        workbook[table][cell] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- encodings and dialects

FRENCH_ACTORS = (
    "sep=;\r\n"
    "Identifiant;Nom;Secteur;Nature;Rôle;Groupes\r\n"
    "a1;Ville de Grasse;Puissance publique;Structure;commune;\r\n"
    "a2;Association Tétris;ESS;structure;;\r\n"
    "p1;Alice Martin;Habitante;Personne;habitante;qpv\r\n"
    "p2;Bruno Durand;Commun;personne;;qpv|unemployed\r\n"
)
FRENCH_RELATIONS = (
    "sep=;\r\n"
    "De;Vers;Type;Poids;Montant;Début;Fin;Remarque\r\n"
    "a1;a2;Financement;1;15 000,50;01/01/2020;31/12/2020;subvention\r\n"
    "p1;a2;Adhésion;;;01/03/2020;;\r\n"
    "a2;p2;Partenariat;2,5;;;;\r\n"
)
FRENCH_EVENTS = (
    "sep=;\r\n"
    "Identifiant;Date;Type;Titre;Ouvert;Durée\r\n"
    "e1;01/02/2020;Assemblée;Assemblée générale;oui;3\r\n"
    "e2;15/06/2020;Groupe de travail;Atelier;non;2,5\r\n"
)


def test_french_excel_csv_export(write_case):
    """cp1252, ``sep=;`` line, ``;``, CRLF, French headers and values, decimal comma, DD/MM/YYYY, oui/non."""
    folder = write_case(
        **{
            "actors.csv": None,
            "relations.csv": None,
            "events.csv": None,
            "acteurs.csv": FRENCH_ACTORS.encode("cp1252"),
            "liens.csv": FRENCH_RELATIONS.encode("cp1252"),
            "événements.csv": FRENCH_EVENTS.encode("cp1252"),
        }
    )
    case = load_case(folder)
    assert case.actors["name"].tolist()[1] == "Association Tétris"
    assert case.actors["sector"].tolist() == ["public", "sse", "citizen", "commons"]
    assert case.actors["kind"].tolist() == ["organisation", "organisation", "person", "person"]
    assert case.relations["amount_eur"].tolist()[0] == 15000.5
    assert case.relations["weight"].tolist() == [1.0, 1.0, 2.5]  # empty weight defaults to 1
    assert case.relations["type"].tolist() == ["funding", "membership", "partnership"]
    assert case.relations["end"].iloc[0] == pd.Timestamp("2020-12-31")
    assert case.events["date"].tolist() == [pd.Timestamp("2020-02-01"), pd.Timestamp("2020-06-15")]
    assert case.events["open"].tolist() == [True, False]
    assert case.events["duration_hours"].tolist() == [3.0, 2.5]


def test_french_export_line_numbers_count_the_sep_line(write_case, case_problems):
    bad = FRENCH_EVENTS.replace("15/06/2020", "31/06/2020")
    folder = write_case(**{"events.csv": bad.encode("cp1252")})
    problem = only(case_problems(folder))
    assert str(problem).startswith(f"{folder / 'events.csv'}:4: column 'date': '31/06/2020' is not a date")


def test_utf16_unicode_text_export_loads(write_case, base_files):
    """Excel's "Unicode text": UTF-16LE with a BOM, tab-delimited, CRLF."""
    text = base_files["actors.csv"].replace(",", "\t").replace("\n", "\r\n").replace("Tetris", "Tétris")
    folder = write_case(**{"actors.csv": text.encode("utf-16")})  # Python writes the BOM, little-endian here
    assert text.encode("utf-16")[:2] == b"\xff\xfe"
    case = load_case(folder)
    assert case.actors["name"].tolist()[1] == "Association Tétris"
    assert case.actors["groups"].tolist()[3] == ("qpv", "unemployed")


def test_utf16_big_endian_loads(write_case, base_files):
    text = base_files["actors.csv"].replace(",", "\t")
    case = load_case(write_case(**{"actors.csv": b"\xfe\xff" + text.encode("utf-16-be")}))
    assert len(case.actors) == 4


def test_utf8_bom_is_not_part_of_the_first_header(write_case, base_files):
    case = load_case(write_case(**{"actors.csv": b"\xef\xbb\xbf" + base_files["actors.csv"].encode()}))
    assert case.actors.columns[0] == "actor_id"
    assert case.actors["actor_id"].tolist()[0] == "a1"


def test_latin1_file_loads(write_case, base_files):
    text = base_files["actors.csv"].replace("Tetris", "Tétris çà")
    case = load_case(write_case(**{"actors.csv": text.encode("latin-1")}))
    assert case.actors["name"].tolist()[1] == "Association Tétris çà"


def test_undecodable_file_is_a_problem(write_case, case_problems, base_files):
    # 0x81 is undefined in cp1252 and invalid UTF-8: the encoding is beyond repair.
    data = base_files["actors.csv"].encode().replace(b"Durand", b"Dur\x81nd")
    folder = write_case(**{"actors.csv": data})
    problem = only(case_problems(folder))
    assert (Path(problem.path).name, problem.line) == ("actors.csv", 5)
    assert "cannot decode byte 0x81" in problem.message


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(write_case, base_files, delimiter):
    case = load_case(write_case(**{"actors.csv": base_files["actors.csv"].replace(",", delimiter)}))
    assert case.actors["name"].tolist()[0] == "Ville de Grasse"


def test_sniffing_ignores_delimiters_inside_quotes():
    assert sniff_delimiter('"a;b;c;d",x,y') == ","
    assert sniff_delimiter("actor_id;nom;secteur") == ";"
    assert sniff_delimiter("actor_id") == ","


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(write_case, case_problems, base_files, newline):
    text = base_files["relations.csv"].replace("a2,p2,partnership,2", "a2,p2,partnership,-2")
    folder = write_case(**{"relations.csv": text.replace("\n", newline)})
    problem = only(case_problems(folder))
    assert (problem.line, problem.column) == (4, "weight")


def test_excel_sep_line_with_comma(write_case, base_files):
    case = load_case(write_case(**{"actors.csv": "sep=,\r\n" + base_files["actors.csv"]}))
    assert len(case.actors) == 4


def test_multiline_cell_keeps_editor_line_numbers(write_case, case_problems, base_files):
    """A quoted cell with line breaks spans lines: later rows keep the line a text editor shows."""
    text = base_files["relations.csv"].replace(",subvention", ',"subvention\nsur deux\nlignes"')
    text = text.replace("a2,p2,partnership,2", "a2,p2,partnership,-2")
    folder = write_case(**{"relations.csv": text.replace("\n", "\r\n")})
    problem = only(case_problems(folder))
    assert (problem.line, problem.column) == (6, "weight")
    case_text = base_files["relations.csv"].replace(",subvention", ',"subvention\nsur deux lignes"')
    assert load_case(write_case(**{"relations.csv": case_text})).relations["note"].iloc[0] == (
        "subvention\nsur deux lignes"
    )


# --------------------------------------------------------------------------- malformed files


def test_renamed_column(write_case, case_problems, base_files):
    folder = write_case(**{"actors.csv": base_files["actors.csv"].replace("sector", "secteur_activite")})
    problems = case_problems(folder)
    assert [(p.line, p.column) for p in problems] == [(1, "secteur_activite"), (1, "sector")]
    assert problems[0].message.startswith("unknown column; the columns of actors are: actor_id, name, sector")
    assert problems[1].message == "required column is missing"


def test_french_header_aliases_are_not_renamed_columns(write_case, base_files):
    text = base_files["actors.csv"].replace("actor_id,name,sector", "Identifiant , NOM,Secteur")
    case = load_case(write_case(**{"actors.csv": text}))
    assert list(case.actors.columns[:3]) == ["actor_id", "name", "sector"]


def test_two_columns_for_one_name(write_case, case_problems, base_files):
    text = base_files["actors.csv"].replace(
        "actor_id,name,sector,kind,role,groups", "actor_id,name,sector,kind,role,groupes"
    )
    text = text.replace("role,groupes", "rôle,groupes").replace("kind,rôle", "role,rôle")
    folder = write_case(**{"actors.csv": text})
    problem = only(case_problems(folder))
    assert (problem.line, problem.column) == (1, "rôle")
    assert problem.message == "a second column for 'role'"


def test_stray_delimiter(write_case, case_problems, base_files):
    folder = write_case(**{"actors.csv": base_files["actors.csv"].replace("Alice Martin", "Martin, Alice")})
    problem = only(case_problems(folder))
    assert str(problem) == (
        f"{folder / 'actors.csv'}:4: 7 cells but the header has 6: a stray delimiter ',' or a missing quote"
    )


def test_stray_delimiters_on_several_rows_all_reported(write_case, case_problems, base_files):
    text = base_files["actors.csv"].replace("Alice Martin", "Martin, Alice").replace("Ville de", "Ville, de")
    assert [p.line for p in case_problems(write_case(**{"actors.csv": text}))] == [2, 4]


def test_unclosed_quote(write_case, case_problems, base_files):
    folder = write_case(**{"actors.csv": base_files["actors.csv"].replace("Alice Martin", '"Alice Martin')})
    problem = only(case_problems(folder))
    assert (
        str(problem)
        == f"{folder / 'actors.csv'}:4: malformed CSV: a quote opened on this line is never closed"
    )


def test_quote_inside_an_unquoted_cell_is_text(write_case, base_files):
    text = base_files["actors.csv"].replace("Association Tetris", 'Le "Tetris" de Grasse')
    assert load_case(write_case(**{"actors.csv": text})).actors["name"].iloc[1] == 'Le "Tetris" de Grasse'


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(write_case, case_problems, content):
    folder = write_case(**{"actors.csv": content})
    problems = case_problems(folder)
    assert str(only(problems)) in (
        f"{folder / 'actors.csv'}: the file is empty",
        f"{folder / 'actors.csv'}:1: no header row",
    )


def test_header_only_file_is_a_valid_empty_table(write_case):
    case = load_case(
        write_case(
            files={
                "case.yaml": "id: base-case\n",
                "actors.csv": "actor_id,name,sector\n",
                "events.csv": "event_id,date,kind\r\n",
            }
        )
    )
    assert len(case.actors) == 0 and len(case.events) == 0
    assert list(case.actors.columns) == TABLES["actors"].names
    assert str(case.actors["actor_id"].dtype) == "string"
    assert isinstance(case.actors["sector"].dtype, pd.CategoricalDtype)
    assert str(case.events["date"].dtype) == "datetime64[ns]"
    assert str(case.events["open"].dtype) == "boolean"


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,  # an old .xls renamed .csv
    ],
    ids=["bytes", "png", "pdf", "xls"],
)
def test_binary_file(write_case, case_problems, content):
    folder = write_case(**{"actors.csv": content})
    problem = only(case_problems(folder))
    assert problem.path == str(folder / "actors.csv")
    assert problem.line is None
    assert "binary" in problem.message or "Excel workbook" in problem.message


def test_workbook_saved_as_csv(write_case, case_problems, base_files):
    folder = write_case(**{"actors.csv": workbook_bytes(base_files)})
    problem = only(case_problems(folder))
    assert "this is an Excel workbook, not CSV text" in problem.message


def test_values_without_a_header(write_case, case_problems, base_files):
    text = base_files["actors.csv"].replace("habitante,qpv", "habitante,qpv,oups")
    text = text.replace("role,groups", "role,groups,")
    folder = write_case(**{"actors.csv": text})
    problem = only(case_problems(folder))
    assert (problem.line, problem.column) == (1, "#7")
    assert problem.message == "this column has values but no header"


# --------------------------------------------------------------------------- cells


def test_thousands_separated_by_spaces_and_nbsp(write_case, base_files):
    text = (
        base_files["relations.csv"]
        .replace(",15000,", ',"15 000",')
        .replace("a2,p2,partnership,2,", "a2,p2,partnership,2,1\u00a0234\u202f567.5")
    )
    text = text.replace("p1,a2,membership,,", 'p1,a2,membership,,"1.234,5"')
    case = load_case(write_case(**{"relations.csv": text}))
    assert case.relations["amount_eur"].tolist() == [15000.0, 1234.5, 1234567.5]


def test_identifiers_stay_text(write_case, base_files):
    actors = base_files["actors.csv"].replace("a1,", "007,").replace("p2,", "1e3,")
    relations = base_files["relations.csv"].replace("a1,a2", "007,a2").replace("a2,p2", "a2,1e3")
    participation = base_files["participation.csv"].replace("e1,p2", "e1,1e3")
    decisions = base_files["decisions.csv"].replace(",a1,", ",007,")
    case = load_case(
        write_case(
            **{
                "actors.csv": actors,
                "relations.csv": relations,
                "participation.csv": participation,
                "decisions.csv": decisions,
            }
        )
    )
    assert case.actors["actor_id"].tolist() == ["007", "a2", "p1", "1e3"]
    assert case.relations["source"].iloc[0] == "007"
    assert case.decisions["initiated_by"].tolist() == ["p1", "007"]


def test_trailing_empty_rows_and_columns(write_case, base_files):
    lines = base_files["actors.csv"].splitlines()
    text = "\r\n".join(line + ",,," for line in lines) + "\r\n,,,,,,,,,\r\n,,,,,,,,,\r\n\r\n\r\n"
    case = load_case(write_case(**{"actors.csv": text}))
    assert list(case.actors.columns) == TABLES["actors"].names
    assert len(case.actors) == 4


def test_empty_rows_in_the_middle_keep_line_numbers(write_case, case_problems, base_files):
    text = (
        base_files["actors.csv"]
        .replace("\np1,", "\n\n,,,,,\np1,")
        .replace("citizen,person", "citoyenz,person")
    )
    problem = only(case_problems(write_case(**{"actors.csv": text})))
    assert (problem.line, problem.column) == (6, "sector")


def test_surrounding_spaces_in_headers_and_cells(write_case, base_files):
    text = "  actor_id , name ,\tsector\t, kind \n  a1 ,  Ville de Grasse  , public , organisation\n"
    text += " a2 , Asso , sse ,\n p1 , Alice , citizen , person \n p2 , Bruno , commons ,person\n"
    case = load_case(write_case(**{"actors.csv": text}))
    assert case.actors["actor_id"].tolist() == ["a1", "a2", "p1", "p2"]
    assert case.actors["name"].tolist()[0] == "Ville de Grasse"
    assert case.actors["sector"].tolist()[0] == "public"


def test_duplicate_ids_differing_only_by_case_or_spaces(write_case, case_problems, base_files):
    text = base_files["actors.csv"] + "A1,Ville bis,public,,,\n P1 ,Alice bis,citizen,,,\n"
    problems = case_problems(write_case(**{"actors.csv": text}))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (6, "actor_id", "duplicate of line 2 (differs only by case or spaces)"),
        (7, "actor_id", "duplicate of line 4 (differs only by case or spaces)"),
    ]


def test_read_csv_text_keeps_every_cell_as_text():
    raw = read_csv_text("a;b;c\r\n007;1,50;\r\n  x ; NA ;null\r\n", "t.csv")
    assert raw.frame.to_dict("list") == {"a": ["007", "x"], "b": ["1,50", "NA"], "c": ["", "null"]}
    assert raw.lines.tolist() == [2, 3]


def test_decode_spreadsheet_encodings():
    assert decode("é;x".encode("cp1252"), "t.csv") == "é;x"
    assert decode("é;x".encode("utf-8-sig"), "t.csv") == "é;x"
    assert decode("é;x".encode("utf-16"), "t.csv") == "é;x"
    assert decode("é;x".encode("utf-16-le"), "t.csv") == "é;x"  # no BOM: recognised by its zero bytes
    with pytest.raises(CaseError):
        decode(b"\x00\x01\x02\x03", "t.csv")


# --------------------------------------------------------------------------- workbooks


def test_xlsx_case_loads(write_case, base_files):
    case = load_case(write_case(**NO_CSV, **{"case.xlsx": workbook_bytes(base_files)}))
    assert case.relations["amount_eur"].tolist()[0] == 15000.0
    assert case.events["open"].tolist() == [True, False]


def test_xlsx_missing_actors_sheet(write_case, case_problems, base_files):
    folder = write_case(**NO_CSV, **{"case.xlsx": workbook_bytes(base_files, drop="actors")})
    problem = only(case_problems(folder))
    assert problem.path == str(folder / "case.xlsx")
    assert "the actors table is missing" in problem.message


def test_xlsx_missing_optional_sheet(write_case, base_files):
    case = load_case(write_case(**NO_CSV, **{"case.xlsx": workbook_bytes(base_files, drop="relations")}))
    assert len(case.relations) == 0


def test_xlsx_hidden_sheet(write_case, case_problems, base_files):
    folder = write_case(**NO_CSV, **{"case.xlsx": workbook_bytes(base_files, hidden="events")})
    # Only the hidden sheet is reported: the keys into it are not checked against a table not read.
    problem = only(case_problems(folder))
    assert str(problem) == f"{folder / 'case.xlsx'}[events]: the sheet is hidden: unhide it or delete it"


def test_xlsx_hidden_actors_sheet_is_not_also_missing(write_case, case_problems, base_files):
    folder = write_case(**NO_CSV, **{"case.xlsx": workbook_bytes(base_files, hidden="actors")})
    assert only(case_problems(folder)).path == f"{folder / 'case.xlsx'}[actors]"


def test_xlsx_formula_without_cached_value(write_case, case_problems, base_files):
    """openpyxl writes formulas without computing them: exactly what a never-opened workbook holds."""
    content = workbook_bytes(base_files, formulas={("relations", "E2"): "=1000*15"})
    folder = write_case(**NO_CSV, **{"case.xlsx": content})
    problem = only(case_problems(folder))
    assert str(problem).startswith(
        f"{folder / 'case.xlsx'}[relations]:2: column 'amount_eur': a formula without"
    )


def test_xlsx_problems_in_one_sheet_do_not_hide_the_others(write_case, case_problems, base_files):
    files = dict(
        base_files, **{"decisions.csv": base_files["decisions.csv"].replace("consensus", "unanimité")}
    )
    content = workbook_bytes(files, hidden="events", formulas={("actors", "B3"): "=A3"})
    problems = case_problems(write_case(**NO_CSV, **{"case.xlsx": content}))
    assert [(Path(p.path).name, p.line, p.column) for p in problems] == [
        ("case.xlsx[actors]", 3, "name"),  # the formula
        ("case.xlsx[actors]", 3, "name"),  # and so the required name is empty
        ("case.xlsx[decisions]", 2, "rule"),
        ("case.xlsx[events]", None, None),
    ]


def test_xlsx_text_cells_keep_leading_zeros_and_typed_cells_read(write_case):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "actors"
    sheet.append(["actor_id", "name", "sector"])
    sheet.append(["007", "Agent", "Public"])
    events = workbook.create_sheet("Événements")  # a French sheet name
    events.append(["event_id", "date", "kind", "open", "duration_hours"])
    events.append(["e1", dt.datetime(2020, 2, 1), "AG", True, 2.5])
    events.append(["e2", "15/06/2020", "atelier", "non", 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    case = load_case(write_case(files={"case.yaml": "id: base-case\n", "case.xlsx": buffer.getvalue()}))
    assert case.actors["actor_id"].tolist() == ["007"]
    assert case.events["date"].tolist() == [pd.Timestamp("2020-02-01"), pd.Timestamp("2020-06-15")]
    assert case.events["kind"].tolist() == ["assembly", "working_group"]
    assert case.events["open"].tolist() == [True, False]
    assert case.events["duration_hours"].tolist() == [2.5, 3.0]


def test_xlsx_damaged(write_case, case_problems):
    folder = write_case(**NO_CSV, **{"case.xlsx": b"PK\x03\x04 not really a zip"})
    problem = only(case_problems(folder))
    assert problem.path == str(folder / "case.xlsx")
    assert problem.message.startswith("cannot open the workbook")


def test_workbook_and_csv_side_by_side(write_case, case_problems, base_files):
    folder = write_case(**{"case.xlsx": workbook_bytes(base_files)})
    problem = only(case_problems(folder))
    assert problem.path == str(folder / "case.xlsx")
    assert "both case.xlsx and CSV tables" in problem.message


# --------------------------------------------------------------------------- YAML traps


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("place: no", "place", "no"),
        ("place: NO", "place", "NO"),
        ("place: yes", "place", "yes"),
        ("place: on", "place", "on"),
        ("place: 06000", "place", "06000"),
        ("place: 0x1F", "place", "0x1F"),
        ("place: 1e3", "place", "1e3"),
        ("place: 12:30", "place", "12:30"),
        ("place: 2020-01-01", "place", "2020-01-01"),
        ("place: '~'", "place", "~"),
        ("place: ~", "place", None),
        ("place: null", "place", None),
        ("place:", "place", None),
        ("country: NO", "country", "NO"),  # Norway
    ],
)
def test_yaml_scalars_are_not_guessed(write_case, base_files, line, field, expected):
    text = (
        base_files["case.yaml"].replace("place: Grasse", line)
        if field == "place"
        else (base_files["case.yaml"].replace("country: FR", line))
    )
    case = load_case(write_case(**{"case.yaml": text}))
    assert getattr(case.meta, field) == expected


def test_yaml_postcode_in_title_and_booleans_where_booleans_belong(write_case, base_files):
    text = base_files["case.yaml"].replace('title: {fr: "Cas de base", en: "Base case"}', "title: 06000")
    text = text.replace("show_names: false", "show_names: non")
    case = load_case(write_case(**{"case.yaml": text}))
    assert case.meta.title.text("fr") == "06000"
    assert case.meta.show_names is False


def test_yaml_is_loaded_safely(write_case, case_problems, base_files, tmp_path):
    marker = tmp_path / "pwned"
    text = base_files["case.yaml"] + f"exploit: !!python/object/apply:os.system ['touch {marker}']\n"
    problems = case_problems(write_case(**{"case.yaml": text}))
    assert not marker.exists()
    assert [(p.line, p.column, p.message) for p in problems] == [(25, "exploit", "unknown key")]


def test_yaml_alias_bomb_is_refused_quickly(write_case, case_problems, base_files):
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
    )
    problems = case_problems(write_case(**{"case.yaml": base_files["case.yaml"] + bomb}))
    assert problems and all(Path(p.path).name == "case.yaml" for p in problems)
    assert any("aliases" in p.message for p in problems)


@pytest.mark.slow
def test_yaml_recursive_alias_and_deep_nesting(write_case, case_problems, base_files):
    for extra in ("loop: &l [*l]\n", "deep: " + "[" * 5000 + "]" * 5000 + "\n"):
        problems = case_problems(write_case(**{"case.yaml": base_files["case.yaml"] + extra}))
        assert problems and all(Path(p.path).name == "case.yaml" for p in problems)


def test_yaml_keys_and_lines(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("id: x\nperiod:\n  start: 2020-01-01\nsources:\n  - title: a\n", encoding="utf-8")
    data, lines = read_yaml_file(path, "c.yaml")
    assert data == {"id": "x", "period": {"start": "2020-01-01"}, "sources": [{"title": "a"}]}
    assert lines[("period", "start")] == 3
    assert lines[("sources", "0", "title")] == 5


def test_yaml_in_cp1252(write_case, base_files):
    text = base_files["case.yaml"].replace("Cas de base", "Cas de base à Grasse")
    case = load_case(write_case(**{"case.yaml": text.encode("cp1252")}))
    assert case.meta.title.text("fr") == "Cas de base à Grasse"


def test_yaml_binary(write_case, case_problems):
    folder = write_case(**{"case.yaml": b"\x00\x01\x02\x03\xff"})
    problems = case_problems(folder)
    assert [Path(p.path).name for p in problems] == ["case.yaml"]


# --------------------------------------------------------------------------- case ids

BAD_IDS = [
    "../x",
    "/abs",
    "CON",
    "con",
    "nul",
    "lpt1",
    "a" * 300,
    "a" * 65,
    "",
    "x/y",
    "Brest",
    "-x",
    "é",
    "a_b",
    ".",
]


@pytest.mark.parametrize("case_id", BAD_IDS, ids=lambda s: repr(s[:12]))
def test_case_id_problem(case_id):
    assert case_id_message(case_id) is not None


@pytest.mark.parametrize("case_id", ["brest", "a", "0", "a" * 64, "brest-2019", "con-1", "console"])
def test_good_case_ids(case_id):
    assert case_id_message(case_id) is None


@pytest.mark.parametrize("case_id", [i for i in BAD_IDS if i], ids=lambda s: repr(s[:12]))
def test_resolve_case_rejects_bad_ids(tmp_path, case_id, monkeypatch):
    monkeypatch.chdir(tmp_path)  # "." and "/abs"-like names must not resolve to a real folder here
    if case_id in (".",):
        pytest.skip("'.' is an existing folder: resolve_case takes folders as they are")
    with pytest.raises(CaseError) as raised:
        resolve_case(case_id, tmp_path / "data")
    assert len(str(raised.value)) < 400


def test_resolve_case_takes_an_id_or_a_folder(write_case, tmp_path):
    folder = write_case()
    assert resolve_case(str(folder), tmp_path / "elsewhere") == folder
    assert resolve_case("base-case", tmp_path) == tmp_path / "base-case"


@pytest.mark.parametrize("case_id", [i for i in BAD_IDS if i], ids=lambda s: repr(s[:12]))
def test_new_case_rejects_bad_ids(tmp_path, case_id):
    data = tmp_path / "data"
    with pytest.raises(CaseError):
        new_case(case_id, data)
    assert not data.exists() or list(data.iterdir()) == []
    result = CliRunner().invoke(app, ["new-case", "--data-dir", str(data), "--", case_id])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists() and not (tmp_path / "abs").exists()


# --------------------------------------------------------------------------- new-case


def test_new_case_csv_templates(tmp_path):
    folder = new_case("my-case", tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["case.yaml", *(f"{t}.csv" for t in TABLE_NAMES)]
    )
    for table in TABLE_NAMES:
        assert (folder / f"{table}.csv").read_text(encoding="utf-8") == ",".join(TABLES[table].names) + "\n"
    case = load_case(folder)
    assert case.id == "my-case" and len(case.actors) == 0


def test_new_case_never_overwrites(tmp_path):
    folder = new_case("my-case", tmp_path)
    (folder / "actors.csv").write_text("actor_id,name,sector\na1,A,public\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(CaseError):
        new_case("my-case", tmp_path, xlsx=True)
    result = CliRunner().invoke(app, ["new-case", "my-case", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_new_case_never_overwrites_an_empty_folder_or_a_file(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "afile").write_text("keep me", encoding="utf-8")
    for case_id in ("empty", "afile"):
        with pytest.raises(CaseError):
            new_case(case_id, tmp_path)
    assert list((tmp_path / "empty").iterdir()) == []
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "keep me"


def test_new_case_leaves_no_staging_folder(tmp_path):
    new_case("one", tmp_path)
    new_case("two", tmp_path, xlsx=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "two"]


def test_new_case_xlsx_workbook(tmp_path):
    folder = new_case("my-case", tmp_path, xlsx=True)
    assert sorted(p.name for p in folder.iterdir()) == ["case.xlsx", "case.yaml"]
    workbook = load_workbook(folder / "case.xlsx")
    for table in TABLE_NAMES:
        sheet = workbook[table]
        assert sheet.sheet_state == "visible"
        assert [cell.value for cell in sheet[1]] == TABLES[table].names
        lists = {}
        for validation in sheet.data_validations.dataValidation:
            assert validation.type == "list"
            values = _list_values(workbook, validation.formula1)
            for cell_range in validation.sqref.ranges:
                lists[cell_range.min_col] = values
        for position, column in enumerate(TABLES[table].columns, start=1):
            if column.enum:
                assert lists.get(position) == list(column.enum), (table, column.name)
            else:
                assert position not in lists


def _list_values(workbook, formula: str) -> list[str]:
    """The values a list validation offers (an inline list or a range on another sheet)."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, cells = formula.lstrip("=").split("!")
    return [cell.value for row in workbook[sheet_name.strip("'")][cells.replace("$", "")] for cell in row]


def test_new_case_xlsx_loads_back_valid_and_empty_after_minimal_case_yaml(tmp_path):
    folder = new_case("my-case", tmp_path, xlsx=True)
    (folder / "case.yaml").write_text("id: my-case\ntitle: Mon cas\n", encoding="utf-8")
    case = load_case(folder)
    for table in TABLE_NAMES:
        frame = case.table(table)
        assert len(frame) == 0 and list(frame.columns) == TABLES[table].names
    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0 and result.stdout.startswith("ok my-case:")


def test_new_case_xlsx_filled_in_loads(tmp_path):
    folder = new_case("my-case", tmp_path, xlsx=True)
    yaml_path = folder / "case.yaml"
    template = yaml_path.read_text(encoding="utf-8")
    assert "inclusion_groups: {}" in template, "the template declares no group of its own"
    filled = template.replace("inclusion_groups: {}", "inclusion_groups: {qpv: {}}")
    filled = re.sub(
        r"period: \{start: \d{4}-01-01, end: \d{4}-12-31\}",
        "period: {start: 2021-01-01, end: 2021-12-31}",
        filled,
    )
    assert "2021-12-31" in filled, "the template declares a period (dates outside it are refused)"
    yaml_path.write_text(filled, "utf-8")
    workbook = load_workbook(folder / "case.xlsx")
    workbook["actors"].append(["007", "Mairie", "public", "organisation"])
    workbook["actors"].append(["p1", "Alice", "citizen", "person", None, "qpv"])
    workbook["events"].append(["e1", dt.datetime(2021, 3, 1), "assembly", None, True, 2])
    workbook["participation"].append(["e1", "p1", "facilitator", None, False])
    workbook.save(folder / "case.xlsx")
    case = load_case(folder)
    assert case.actors["actor_id"].tolist() == ["007", "p1"]
    assert case.participation["role"].tolist() == ["facilitator"]


# --------------------------------------------------------------------------- one case, three spellings


def three_spellings_case() -> dict[str, pd.DataFrame]:
    """A case with accents, ids like 007, thousands, decimals, empty cells and every enum kind."""
    nan = None
    return {
        "actors": pd.DataFrame(
            {
                "actor_id": ["007", "ville", "asso-é", "p 1", "p2"],
                "name": [
                    "Agent Double",
                    "Ville de Grasse",
                    "Association « Tétris »",
                    "Élodie Ñúñez",
                    "Zoë; O'Brien",
                ],
                "sector": ["private", "public", "sse", "citizen", "commons"],
                "kind": ["person", "organisation", "group", "person", "person"],
                "role": [nan, "mairie", "gérance", nan, "habitante, bénévole"],
                "groups": [nan, nan, nan, "qpv", "qpv|unemployed"],
            }
        ),
        "relations": pd.DataFrame(
            {
                "source": ["ville", "p 1", "asso-é", "007"],
                "target": ["asso-é", "asso-é", "p2", "ville"],
                "type": ["funding", "membership", "co_construction", "conflict"],
                "weight": [1.0, 2.5, nan, 1.0],
                "amount_eur": [1234567.25, nan, 0.0, 1500.0],
                "start": [dt.date(2020, 1, 1), dt.date(2020, 3, 15), nan, dt.date(2021, 12, 31)],
                "end": [dt.date(2020, 12, 31), nan, nan, dt.date(2021, 12, 31)],
                "note": ['subvention "exceptionnelle"', nan, "à suivre", nan],
            }
        ),
        "events": pd.DataFrame(
            {
                "event_id": ["e1", "e2", "e3"],
                "date": [dt.date(2020, 2, 1), dt.date(2020, 6, 15), dt.date(2021, 11, 30)],
                "kind": ["assembly", "working_group", "public_meeting"],
                "title": ["Assemblée générale", nan, "Réunion; publique"],
                "open": [True, False, True],
                "duration_hours": [3.0, 2.5, nan],
            }
        ),
        "participation": pd.DataFrame(
            {
                "event_id": ["e1", "e1", "e2", "e3"],
                "actor_id": ["p 1", "p2", "p 1", "007"],
                "role": ["facilitator", "attendee", "speaker", "organiser"],
                "hours": [3.0, nan, 0.5, 1500.75],
                "paid": [False, True, False, True],
            }
        ),
        "decisions": pd.DataFrame(
            {
                "decision_id": ["d1", "d2", "d3"],
                "event_id": ["e1", nan, "e3"],
                "date": [nan, dt.date(2020, 9, 1), dt.date(2021, 11, 30)],
                "topic": ["Statuts", "Budget 2021", nan],
                "rule": ["consensus", "public_authority", "supermajority"],
                "initiated_by": ["p 1", "ville", nan],
                "adopted": [True, False, True],
            }
        ),
    }


THREE_SPELLINGS_YAML = """\
id: three
title: {fr: "Trois écritures", en: "Three spellings"}
inclusion_groups:
  qpv: {label: QPV, population_share: 0.2}
  unemployed: {label: Chômage, population_share: 0.1}
"""


def test_same_case_clean_csv_french_csv_and_xlsx_load_identically(tmp_path, case_writers):
    tables = three_spellings_case()
    clean = load_case(case_writers.clean_csv(tmp_path / "clean" / "three", THREE_SPELLINGS_YAML, tables))
    french = load_case(case_writers.french_csv(tmp_path / "french" / "three", THREE_SPELLINGS_YAML, tables))
    workbook = load_case(case_writers.xlsx(tmp_path / "xlsx" / "three", THREE_SPELLINGS_YAML, tables))
    french_bytes = (tmp_path / "french" / "three" / "acteurs.csv").read_bytes()
    assert french_bytes.startswith(b"sep=;\r\n") and "Élodie".encode("cp1252") in french_bytes
    for table in TABLE_NAMES:
        assert_frame_equal(french.table(table), clean.table(table), obj=f"french {table}")
        assert_frame_equal(workbook.table(table), clean.table(table), obj=f"xlsx {table}")
    # and the tables hold what was written, not merely the same thing three times
    assert clean.actors["actor_id"].tolist() == ["007", "ville", "asso-é", "p 1", "p2"]
    assert clean.actors["name"].tolist()[4] == "Zoë; O'Brien"
    assert clean.actors["groups"].tolist() == [(), (), (), ("qpv",), ("qpv", "unemployed")]
    assert clean.relations["amount_eur"].tolist()[0] == 1234567.25
    assert clean.relations["weight"].tolist() == [1.0, 2.5, 1.0, 1.0]
    assert clean.relations["type"].tolist() == ["funding", "membership", "co_construction", "conflict"]
    # the empty hours of p2 at e1 take the event's duration (docs/design.md §Tables default)
    assert clean.participation["hours"].tolist() == [3.0, 3.0, 0.5, 1500.75]
    assert clean.decisions["date"].isna().tolist() == [True, False, False]
    built = Case.from_frames({"id": "three"}, **tables)  # the values as written, cast by the schema
    for table in TABLE_NAMES:
        assert_frame_equal(clean.table(table), built.table(table), obj=f"clean {table}")


def test_three_spellings_have_typed_columns(tmp_path, case_writers):
    case = load_case(case_writers.xlsx(tmp_path / "three", THREE_SPELLINGS_YAML, three_spellings_case()))
    for table in TABLE_NAMES:
        frame = case.table(table)
        for column in TABLES[table].columns:
            dtype = frame[column.name].dtype
            if column.type == "enum":
                assert isinstance(dtype, pd.CategoricalDtype)
            elif column.type == "date":
                assert dtype == np.dtype("datetime64[ns]")
            elif column.type in ("id", "text"):
                assert str(dtype) == "string"
            elif column.type == "number":
                assert str(dtype) == "Float64"
            elif column.type == "bool":
                assert str(dtype) == "boolean"


# --------------------------------------------------------------------------- row widths


def test_every_line_ending_with_a_delimiter_is_accepted(write_case, base_files):
    text = "".join(line + ",\n" for line in base_files["actors.csv"].splitlines()[1:])
    text = base_files["actors.csv"].splitlines()[0] + "\n" + text
    assert len(load_case(write_case(**{"actors.csv": text})).actors) == 4


def test_one_extra_empty_cell_is_not_trimmed_it_may_be_a_shift(write_case, case_problems, base_files):
    # "Ville, de Grasse" pushes every cell right; the last (empty) one falls off the end.
    text = base_files["actors.csv"].replace("Ville de Grasse", "Ville, de Grasse")
    problem = only(case_problems(write_case(**{"actors.csv": text})))
    assert (problem.line, problem.column) == (2, None)
    assert problem.message.startswith("7 cells but the header has 6")


def test_blank_first_line(write_case, case_problems, base_files):
    problem = only(case_problems(write_case(**{"actors.csv": "\n" + base_files["actors.csv"]})))
    assert (problem.line, problem.message) == (1, "the first line is empty: the header row must come first")


def test_old_mac_line_endings_with_sep_line(write_case, base_files):
    text = "sep=,\r" + base_files["actors.csv"].replace("\n", "\r")
    assert len(load_case(write_case(**{"actors.csv": text})).actors) == 4


def test_new_case_folder_has_ordinary_permissions(tmp_path):
    import os

    folder = new_case("my-case", tmp_path)
    umask = os.umask(0)
    os.umask(umask)
    assert folder.stat().st_mode & 0o777 == 0o777 & ~umask


# --------------------------------------------------------------------------- misnamed files and sheets


def test_misnamed_table_file_is_not_silently_ignored(write_case, case_problems, base_files):
    folder = write_case(**{"participation.csv": None, "participations.csv": base_files["participation.csv"]})
    problem = only(case_problems(folder))
    assert str(problem) == (
        f"{folder / 'participations.csv'}: not read: "
        "if this is the participation table, name it 'participation'"
    )


def test_browser_duplicate_name_of_the_actors_file(write_case, case_problems, base_files):
    folder = write_case(**{"actors.csv": None, "acteurs (1).csv": base_files["actors.csv"]})
    messages = [p.message for p in case_problems(folder)]
    assert "not read: if this is the actors table, name it 'actors'" in messages
    assert any(m.startswith("the actors table is missing") for m in messages)


def test_other_files_in_the_folder_are_left_alone(write_case, case_problems):
    folder = write_case(**{"notes.csv": "x\n", "actors_old.csv": "x\n", "README.txt": "notes"})
    assert case_problems(folder) == []


def test_misnamed_sheet_is_not_silently_ignored(write_case, case_problems, base_files):
    content = workbook_bytes(base_files, drop="events")
    from openpyxl import load_workbook as open_workbook

    workbook = open_workbook(io.BytesIO(content))
    sheet = workbook.create_sheet("Evenement")
    for row in base_files["events.csv"].splitlines():
        sheet.append(row.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    problems = case_problems(write_case(**NO_CSV, **{"case.xlsx": buffer.getvalue()}))
    assert [(Path(p.path).name, p.message) for p in problems if p.line is None] == [
        ("case.xlsx[Evenement]", "not read: if this is the events table, name it 'events'")
    ]


# --------------------------------------------------------------------------- case.yaml keys left empty


@pytest.mark.parametrize("key", ["title", "summary", "period"])
def test_case_yaml_keys_left_empty_mean_not_given(write_case, base_files, key):
    text = "id: base-case\n" + f"{key}:\n" + "inclusion_groups:\n  qpv:\n  unemployed:\n"
    case = load_case(write_case(**{"case.yaml": text}))
    assert case.meta.title.text("fr") == ""
    assert case.meta.inclusion_groups["qpv"].population_share is None


def test_case_yaml_wrong_shape_message_names_no_class(write_case, case_problems, base_files):
    text = base_files["case.yaml"].replace(
        'title: {fr: "Cas de base", en: "Base case"}', "title: [Cas, Case]"
    )
    problem = only(case_problems(write_case(**{"case.yaml": text})))
    assert (problem.line, problem.column, problem.message) == (
        2,
        "title",
        "must be a mapping of keys (key: value)",
    )


def test_case_yaml_groups_not_a_mapping_is_one_problem(write_case, case_problems, base_files):
    text = base_files["case.yaml"].split("inclusion_groups:")[0] + "inclusion_groups: [qpv, unemployed]\n"
    problem = only(case_problems(write_case(**{"case.yaml": text})))
    assert (problem.line, problem.column) == (13, "inclusion_groups")


def test_mixed_encodings_are_a_problem_not_garbled_text(write_case, case_problems, base_files):
    """A UTF-8 file with one line saved in cp1252 (edited in two programs): decoding it all as
    cp1252 would silently turn every "é" of the other lines into "Ã©"."""
    data = base_files["actors.csv"].replace("Tetris", "Tétris").encode("utf-8")
    data = data.replace(b"Bruno Durand", "Bruno Durand à Grasse".encode("cp1252"))
    problem = only(case_problems(write_case(**{"actors.csv": data})))
    assert (problem.line, problem.column) == (5, None)
    assert "mixed encodings" in problem.message


def test_cp1252_french_punctuation_is_not_mistaken_for_mixed_encodings(write_case, base_files):
    text = base_files["actors.csv"].replace("Tetris", "« Tétris » l’été — CAFÉ\u00a0!")
    case = load_case(write_case(**{"actors.csv": text.encode("cp1252")}))
    assert case.actors["name"].iloc[1] == "Association « Tétris » l’été — CAFÉ\u00a0!"


def test_new_case_template_codes_nothing_in_the_researchers_place(tmp_path):
    """A fresh template has no made-up assessment or group; a principle left without a score is not coded."""
    folder = new_case("fresh", tmp_path)
    (folder / "actors.csv").write_text("actor_id,name,sector\na,A,sse\n", encoding="utf-8")
    case = load_case(folder)
    assert case.meta.assessment is None
    assert case.meta.inclusion_groups == {}
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    uncommented = (
        text.replace("# assessment:", "assessment:")
        .replace("#   ostrom:", "  ostrom:")
        .replace("#     boundaries: {score: ,", "    boundaries: {score: 2,")
        .replace("#     congruence:", "    congruence:")
        .replace('#   arnstein: {rung: consultation, evidence: ""}', '  arnstein: {rung: "", evidence: ""}')
    )
    (folder / "case.yaml").write_text(uncommented, encoding="utf-8")
    assessment = load_case(folder).meta.assessment
    assert assessment is not None
    assert list(assessment.ostrom) == ["boundaries"]  # congruence listed without a score: not coded
    assert assessment.arnstein is None
