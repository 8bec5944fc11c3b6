"""Issue 19, item 6: bounded options, and the ids of the report folder's own pages refused everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.settings import MAX_DRAWS, RenderSettings, SettingsError

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    return result.exit_code, result.output


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "0", "1e9"])
def test_render_timeout_must_be_finite_and_bounded(tmp_path: Path, value: str) -> None:
    code, output = run("render", "brest-assemblee-des-communs", "--out", str(tmp_path), "--timeout", value)
    assert code == 2, output
    assert "--timeout" in output and "Traceback" not in output and "OverflowError" not in output
    assert not any(tmp_path.iterdir()), "nothing is written"


@pytest.mark.parametrize("option", ["--bootstrap", "--permutations"])
def test_draws_are_capped_with_a_reason(option: str) -> None:
    code, output = run("indicators", "brest-assemblee-des-communs", option, "100000000")
    assert code == 2, output
    flat = " ".join(output.replace("│", " ").split())
    assert "100,000,000 is more than 100,000 draws" in flat, output
    code, _ = run("indicators", "brest-assemblee-des-communs", option, "-1")
    assert code == 2


def test_the_settings_value_refuses_what_the_command_line_refuses() -> None:
    with pytest.raises(SettingsError, match="--bootstrap"):
        RenderSettings(bootstrap=MAX_DRAWS + 1)
    with pytest.raises(SettingsError, match="--timeout"):
        RenderSettings(timeout=float("inf"))
    assert RenderSettings(permutations=MAX_DRAWS).permutations == MAX_DRAWS
    settings = RenderSettings()
    with pytest.raises(AttributeError):
        settings.seed = 3  # type: ignore[misc]


@pytest.mark.parametrize("case_id", ["index", "comparison"])
def test_report_page_ids_are_refused_by_new_case_import_validate_and_render(
    tmp_path: Path, case_id: str
) -> None:
    expected = f"{case_id} names a page of the report folder ({case_id}.html)"
    code, output = run("new-case", case_id, "--data-dir", str(tmp_path))
    assert code == 1 and expected in output, output
    assert not (tmp_path / case_id).exists()

    raw = ROOT / "data" / "raw" / "python-governance"
    code, output = run(
        "import", "python-governance", str(raw), "--case", case_id, "--data-dir", str(tmp_path)
    )
    assert code == 1 and expected in output, output
    assert not (tmp_path / case_id).exists()

    code, output = run("validate", case_id, "--data-dir", str(tmp_path))
    assert code == 1 and expected in output, output

    code, output = run("render", case_id, "--data-dir", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 1 and expected in " ".join(output.split()), output


def parameter_names(notebook: Path) -> list[str]:
    """The names the notebook's ``parameters`` cell assigns, in order."""
    import nbformat

    cell = next(
        c for c in nbformat.read(notebook, as_version=4).cells if "parameters" in c.metadata.get("tags", [])
    )
    return [line.split("=", 1)[0].strip() for line in cell.source.splitlines() if "=" in line]


def test_the_notebook_parameters_and_the_provenance_footer_list_the_settings() -> None:
    from commons_analysis.batch.jobs import RenderJob
    from commons_analysis.reporting.case_report import open_report

    fields = ["case_id", *RenderSettings().notebook_parameters()]
    assert parameter_names(ROOT / "notebooks" / "case_report.ipynb") == fields
    report = open_report("brest-assemblee-des-communs", ROOT / "data" / "cases")
    assert list(report.parameters) == fields  # what the provenance footer lists
    job = RenderJob(case_id="brest", case_path="x", notebook=str(ROOT / "notebooks" / "case_report.ipynb"))
    assert sorted(job.parameters()) == sorted(fields)  # what batch injects
    comparison = parameter_names(ROOT / "notebooks" / "comparison.ipynb")
    assert set(RenderSettings().notebook_parameters()) <= set(comparison)


def test_the_default_draws_are_the_analysis_defaults() -> None:
    from commons_analysis.analysis.uncertainty import BOOTSTRAP, PERMUTATIONS

    settings = RenderSettings()
    assert (settings.permutations, settings.bootstrap) == (PERMUTATIONS, BOOTSTRAP)
