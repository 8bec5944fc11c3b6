"""Messages of the command line in the user's language (issue 11, item 4).

``--lang fr|en`` on every command, else the locale variables (``LC_ALL`` over
``LC_MESSAGES`` over ``LANG``, as POSIX reads them: starting with ``fr`` →
French), else English. In French a problem reads ``PATH:LINE: colonne 'COL' :
message``; the library API (``CaseError.problems``, ``str(problem)``) stays English.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import Message, all_messages, environment_language, say
from commons_analysis.ingest.loading import load_case
from commons_analysis.ingest.validation.columns import unknown_column
from commons_analysis.model.schema.tables import TABLES

PACKAGE = Path(__file__).resolve().parents[2] / "commons_analysis"
runner = CliRunner()

#: A French researcher's actors table: French headers, ``;``, one unknown column, one bad sector.
FRENCH_ACTORS = """\
identifiant;nom;secteur;nature;couleur
a1;Ville de Grasse;public;organisation;bleu
a2;Association Tetris;ess;organisation;vert
p1;Alice Martin;mairie;personne;
p2;Bruno Durand;commun;personne;
"""


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --------------------------------------------------------------------------- the catalogue


def test_every_message_exists_in_both_languages_with_the_same_fields() -> None:
    for key, (french, english) in all_messages().items():
        assert french.strip() and english.strip(), key
        assert _fields(french) == _fields(english), key


def test_french_messages_put_a_space_before_colons_and_semicolons() -> None:
    """French typography; ``{where}:`` (PATH:LINE:, read by editors) and YAML examples excepted."""
    allowed = re.compile(r"\{where\}:|\b(id|title|clé):")
    for key, (french, _) in all_messages().items():
        bare = re.findall(r"\S[:;?](?=\s|$)", allowed.sub("", french))
        assert bare == [], (key, french)


def test_every_message_is_used_by_the_package_and_every_key_used_exists() -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    composed = {
        "ingest.validation.unknown_actor",
        "ingest.validation.unknown_event",
    }  # say(f"ingest.validation.unknown_{what}")
    composed |= {key + "_hint" for key in composed}
    composed |= {
        "ingest.evidence.unknown_source_hint",
        "ingest.evidence.unknown_code",
        "ingest.evidence.unknown_code_hint",
    }
    # Click's msgids and the messages of Typer's own Click, read by their prefix (cli/usage.py)
    composed |= {key for key in all_messages() if key.startswith(("cli.click.", "cli.typer."))}
    unused = [key for key in all_messages() if f'"{key}"' not in source and key not in composed]
    assert unused == []
    used = set(re.findall(r'\bsay\(\s*"([^"]+)"', source)) | set(
        re.findall(r'\becho\([^,]+, "([^"]+)"', source)
    )
    assert used and used <= set(all_messages())


def test_an_unknown_key_is_a_bug_and_a_message_is_data() -> None:
    with pytest.raises(KeyError):
        say("no.such.message")
    message = say("ingest.validation.duplicate", line=3)
    assert message == Message("ingest.validation.duplicate", (("line", 3),))
    assert (message.text("en"), message.text("fr")) == ("duplicate of line 3", "doublon de la ligne 3")
    with pytest.raises(ValueError, match="unknown language"):
        message.text("de")


# --------------------------------------------------------------------------- choosing the language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),  # LC_ALL wins over LANG
        ({"LC_ALL": "C", "LC_MESSAGES": "fr_FR", "LANG": "fr_FR"}, "en"),  # ... and over LC_MESSAGES
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),  # LC_MESSAGES wins over LANG
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, "fr"),  # an empty variable counts as unset
    ],
)
def test_the_environment_chooses_as_posix_says(environ: dict[str, str], expected: str) -> None:
    assert environment_language(environ) == expected


# --------------------------------------------------------------------------- problems as data


def test_problems_stay_english_for_the_library_and_carry_their_french(write_case) -> None:
    folder = write_case(**{"actors.csv": FRENCH_ACTORS})
    with pytest.raises(CaseError) as raised:
        load_case(folder)
    problems = raised.value.problems
    assert [(p.line, p.column) for p in problems] == [(1, "couleur"), (4, "sector")]
    assert problems[1].message == "'mairie' is not one of commons, public, sse, private, citizen, other"
    assert str(problems[1]) == f"{folder / 'actors.csv'}:4: column 'sector': {problems[1].message}"
    assert problems[1].text("fr") == (
        f"{folder / 'actors.csv'}:4: colonne 'sector' : "
        "'mairie' n'est pas l'une des valeurs commons, public, sse, private, citizen, other"
    )
    assert "\n".join(str(p) for p in problems) == str(raised.value)


def test_a_plain_english_problem_is_shown_as_is_in_french() -> None:
    """A problem built with plain text (code outside the catalogue) is still shown, as written, in French."""
    problem = Problem("raw/tally.txt", 12, None, "no ballot: no line starts with 'V:'")
    assert problem.said is None
    assert problem.text("fr") == "raw/tally.txt:12: no ballot: no line starts with 'V:'"
    assert Problem("t.csv", 2, "vote", "bad mark").text("fr") == "t.csv:2: colonne 'vote' : bad mark"
    assert Problem.of("t.csv", 2, "vote", "bad mark") == Problem("t.csv", 2, "vote", "bad mark")


def test_the_unknown_column_message_names_the_french_headers() -> None:
    for name, table in TABLES.items():
        english, french = unknown_column(name).text("en"), unknown_column(name).text("fr")
        assert english.startswith(f"unknown column; the columns of {name} are: {', '.join(table.names)}")
        for column in table.columns:
            for alias in column.french:
                assert alias in english and alias in french, (name, alias)
    assert (
        unknown_column("actors")
        .text("en")
        .endswith(
            "; in French: id/identifiant/id_acteur/acteur, nom, secteur, nature/type_acteur, rôle/fonction, "
            "groupes/étiquettes, âge, sexe"
        )
    )


def test_many_rows_with_one_problem_are_counted_in_the_same_language(write_case, base_files) -> None:
    header, *rows = base_files["actors.csv"].splitlines()
    bad_rows = [f"x{i},Personne {i},mairie,person,," for i in range(25)]
    folder = write_case(**{"actors.csv": "\n".join([header, *rows, *bad_rows]) + "\n"})
    with pytest.raises(CaseError) as raised:
        load_case(folder)
    last = raised.value.problems[-1]
    assert last.line == 26 and last.message.startswith(
        "… and 5 more rows with the same problem ('mairie' is not"
    )
    assert last.text("fr").endswith(
        "colonne 'sector' : … et 5 autres lignes avec le même problème ('mairie' n'est pas l'une des "
        "valeurs commons, public, sse, private, citizen, other)"
    )


def test_case_yaml_problems_in_french(write_case, base_files) -> None:
    case_yaml = base_files["case.yaml"].replace("data_status: illustrative", "data_status: mesuré")
    case_yaml = case_yaml.replace("population_share: 0.2", "population_share: 1,5")
    folder = write_case(
        **{"case.yaml": case_yaml, "events.csv": base_files["events.csv"] + "e3,hier,assembly\n"}
    )
    with pytest.raises(CaseError) as raised:
        load_case(folder)
    where = folder / "case.yaml"
    assert [p.text("fr") for p in raised.value.problems] == [
        f"{where}:8: colonne 'data_status' : doit être 'illustrative' ou 'documented'",
        f"{where}:16: colonne 'inclusion_groups.qpv.population_share' : doit être ≤ 1",
        f"{folder / 'events.csv'}:4: colonne 'date' : 'hier' n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)",
    ]
    assert [p.message for p in raised.value.problems] == [
        "must be 'illustrative' or 'documented'",
        "must be less than or equal to 1",
        "'hier' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
    ]


# --------------------------------------------------------------------------- the command line


def test_validate_in_french_on_a_broken_french_case(write_case) -> None:
    folder = write_case(**{"actors.csv": FRENCH_ACTORS})
    result = runner.invoke(app, ["validate", str(folder)], env={"LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 1 and result.stdout == ""
    actors = folder / "actors.csv"
    assert result.stderr.splitlines() == [
        f"{actors}:1: colonne 'couleur' : colonne inconnue ; les colonnes de actors sont : actor_id, name, "
        "sector, kind, role, groups, age, sex ; en français : id/identifiant/id_acteur/acteur, nom, secteur, "
        "nature/type_acteur, rôle/fonction, groupes/étiquettes, âge, sexe",
        f"{actors}:4: colonne 'sector' : 'mairie' n'est pas l'une des valeurs commons, public, sse, private, "
        "citizen, other",
        "invalide base-case : 2 problème(s)",
    ]


def test_validate_in_french_on_a_valid_case(write_case) -> None:
    result = runner.invoke(app, ["validate", str(write_case()), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == "ok base-case : 4 acteurs, 3 relations, 2 événements, 3 participations, 2 décisions\n"
    )


def test_lang_en_overrides_a_french_environment(write_case) -> None:
    folder = write_case(**{"actors.csv": FRENCH_ACTORS})
    french = {"LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8"}
    result = runner.invoke(app, ["validate", "--lang", "en", str(folder)], env=french)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[1] == (
        f"{folder / 'actors.csv'}:4: column 'sector': 'mairie' is not one of commons, public, sse, private, "
        "citizen, other"
    )
    assert lines[-1] == "invalid base-case: 2 problem(s)"


def test_lc_all_wins_over_lang_on_the_command_line(write_case) -> None:
    result = runner.invoke(
        app, ["validate", str(write_case())], env={"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR"}
    )
    assert result.stdout.startswith("ok base-case : 4 acteurs")


def test_command_errors_in_french(write_case, tmp_path) -> None:
    french = {"LANG": "fr_FR.UTF-8"}
    result = runner.invoke(app, ["validate"], env=french)
    assert result.exit_code == 2 and result.stderr == "erreur : nommez au moins un CAS, ou utilisez --all\n"
    result = runner.invoke(app, ["validate", "--all", "--data-dir", str(tmp_path / "nowhere")], env=french)
    assert (
        result.exit_code == 1
        and result.stderr == f"{tmp_path / 'nowhere'}: aucun dossier de cas (avec un case.yaml) ici\n"
    )
    result = runner.invoke(app, ["validate", "../x"], env=french)
    assert result.stderr.startswith("../x: '../x' n'est pas un identifiant de cas : utilisez 1 à 64 lettres")
    result = runner.invoke(app, ["indicators", str(write_case()), "--table", "events"], env=french)
    assert result.exit_code == 2 and result.stderr == "erreur : --table accepte 'actors'\n"
    result = runner.invoke(app, ["import", "nowhere", str(tmp_path)], env=french)
    assert result.exit_code == 2 and result.stderr.startswith(
        "erreur : source inconnue 'nowhere' ; les sources sont : "
    )


def test_new_case_and_export_speak_french(write_case, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test-messages-secret")
    data = tmp_path / "data"
    result = runner.invoke(app, ["new-case", "lyon-tiers-lieu", "--data-dir", str(data), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"créé {data / 'lyon-tiers-lieu'} : remplissez case.yaml et les tables, puis lancez "
        "`commons-analysis validate lyon-tiers-lieu`\n"
    )
    again = runner.invoke(app, ["new-case", "lyon-tiers-lieu", "--data-dir", str(data), "--lang", "fr"])
    assert (
        again.exit_code == 1
        and again.stderr == f"{data / 'lyon-tiers-lieu'}: existe déjà : rien n'a été modifié\n"
    )
    out = tmp_path / "package"
    result = runner.invoke(app, ["export", str(write_case()), "--datapackage", str(out), "--lang", "fr"])
    assert result.exit_code == 0 and result.stdout == f"écrit {out / 'datapackage.json'}\n"
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.docx").write_bytes(b"precious")
    result = runner.invoke(app, ["export", str(write_case()), "--datapackage", str(thesis), "--lang", "fr"])
    assert result.exit_code == 1
    assert result.stderr == f"{thesis}: existe et n'est pas un paquet de données : rien n'a été écrit\n"


def test_every_command_takes_lang() -> None:
    from typer.main import get_command

    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert {
        name for name, command in commands.items() if not any("--lang" in p.opts for p in command.params)
    } == set()


def test_the_catalogue_is_checked_at_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locale files that disagree (keys, placeholders, a key without its layer) stop the load."""
    from commons_analysis.core import locales

    assert all(key.split(".", 1)[0] in locales.LAYERS for key in locales.catalogue()["fr"])
    cases = [
        ({"fr": {"core.a": "x"}, "en": {}}, "one language only"),
        ({"fr": {"core.a": "{n}"}, "en": {"core.a": "{m}"}}, "placeholders"),
        ({"fr": {"a.b": "x"}, "en": {"a.b": "x"}}, "layer"),
    ]
    for files, error in cases:
        monkeypatch.setattr(locales, "_read", files.__getitem__)
        locales.catalogue.cache_clear()
        with pytest.raises(locales.CatalogueError, match=error):
            locales.catalogue()
    monkeypatch.undo()
    locales.catalogue.cache_clear()
    assert locales.text("ingest.reading.empty", "en") == "the file is empty"
