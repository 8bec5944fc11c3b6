"""The command line's own usage errors (Click, Typer) in French when the language is French (issue 17)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["nosuch"], {"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}),
        (["nosuch", "--lang", "fr"], {"LANG": "C"}),
    ],
)
def test_a_usage_error_is_in_french(args: list[str], env: dict[str, str]) -> None:
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 2
    assert "Commande inconnue : 'nosuch'." in result.output
    assert "Essayez « commons-analysis --help » pour l'aide." in result.output
    assert "Erreur" in result.output


def test_an_option_value_error_names_the_option_in_french() -> None:
    result = CliRunner().invoke(app, ["validate", "--lang", "fr", "--no-such-flag"], env={"LANG": "C"})
    assert result.exit_code == 2
    assert "Essayez « commons-analysis validate --help » pour l'aide." in result.output


def test_a_usage_error_stays_in_english_otherwise() -> None:
    result = CliRunner().invoke(app, ["nosuch"], env={"LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""})
    assert result.exit_code == 2
    assert "No such command 'nosuch'." in result.output
    assert "Try 'commons-analysis --help' for help." in result.output


@pytest.mark.parametrize(
    ("args", "french", "english"),
    [
        (["validate", "--nope"], "Option inconnue : --nope", "No such option: --nope"),
        (
            ["render", "--jobs"],
            "L'option '--jobs' demande une valeur.",
            "Option '--jobs' requires an argument.",
        ),
        (
            ["render", "--jobs", "abc"],
            "Valeur invalide pour '--jobs' : un nombre entier est attendu",
            "Invalid value for '--jobs': Input should be a valid integer",
        ),
        (["import", "pabulib"], "Argument manquant : 'RAW_DIR'.", "Missing argument 'RAW_DIR'."),
    ],
)
def test_typer_s_own_usage_errors_are_in_french_too(args: list[str], french: str, english: str) -> None:
    """Typer's copy of Click writes these without gettext: translated once written (cli/usage.py)."""
    in_french = CliRunner().invoke(app, args, env={"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    in_english = CliRunner().invoke(app, args, env={"LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""})
    assert in_french.exit_code == in_english.exit_code == 2
    assert french in " ".join(in_french.output.replace("│", " ").split())
    assert english in " ".join(in_english.output.replace("│", " ").split())
