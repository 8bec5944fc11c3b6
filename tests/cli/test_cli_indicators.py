"""The `indicators` command: the object of docs/design.md §Indicators, its table, and the per-actor CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app

STRIKE = Path(__file__).parents[1] / "data" / "strike"
EXPECTED = json.loads((STRIKE / "expected.json").read_text(encoding="utf-8"))
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_reproduces_the_published_strike_brokerage() -> None:
    code, out, _ = run("indicators", str(STRIKE), "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"network", "participation", "inclusion", "decisions", "assessment"}
    network = result["network"]
    assert network["actors"] == EXPECTED["network"]["actors"] == 24
    assert network["ties"] == EXPECTED["network"]["ties"] == 38
    assert network["ei_index"] == pytest.approx(EXPECTED["network"]["ei_index"])
    assert network["brokerage"] == EXPECTED["network"]["brokerage"]
    # density = 2·38 / (24·23), by hand
    assert network["density"] == pytest.approx(76 / 552)


def test_undefined_values_are_null_not_zero() -> None:
    """The strike case has no events, participation or decisions: ratios are undefined."""
    _, out, _ = run("indicators", str(STRIKE))
    result = json.loads(out)
    assert result["participation"]["records"] == 0
    assert result["participation"]["gini"] is None
    assert result["participation"]["mean_attendance"] is None
    assert result["decisions"]["adopted_share"] is None
    assert result["assessment"]["ostrom_score"] is None


def test_table_format_prints_dotted_keys() -> None:
    code, out, _ = run("indicators", str(STRIKE), "--format", "table")
    assert code == 0
    lines = dict(line.split(None, 1) for line in out.splitlines())
    assert lines["network.ties"].strip() == "38"
    assert lines["network.brokerage.liaison"].strip() == "2"
    assert lines["participation.gini"].strip() == "—"  # undefined, never 0 (as the reports write it)


def test_actor_table_csv_has_the_published_counts_per_broker() -> None:
    code, out, _ = run("indicators", str(STRIKE), "--table", "actors")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 24
    # Persons are pseudonymized by default: find Bob's and Norm's rows by their unique counts.
    names = {row["name"] for row in rows}
    assert "Bob" not in names and "Norm" not in names
    by_counts = {
        (int(float(r["coordinator"])), int(float(r["representative"])), int(float(r["liaison"])))
        for r in rows
    }
    for actor in ("bob", "norm"):
        expected = EXPECTED["brokerage_by_actor"][actor]
        assert (expected["coordinator"], expected["representative"], expected["liaison"]) in by_counts


def test_unknown_case_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    code, _, err = run("indicators", "no-such-case", "--data-dir", str(tmp_path))
    assert code == 1
    assert "no such case folder" in err
    assert "Traceback" not in err


def test_bad_case_id_is_refused() -> None:
    code, _, err = run("indicators", "../etc")
    assert code == 1
    assert "is not a case id" in err
