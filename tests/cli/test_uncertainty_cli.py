"""``--permutations``, ``--bootstrap``, ``--seed`` on the command line: values, nulls, bad input (issue 9)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from commons_analysis.cli.main import app

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"
BREST = str(CASES / "brest-assemblee-des-communs")
runner = CliRunner()


def test_indicators_give_p_values_and_intervals_reproducibly() -> None:
    args = ["indicators", BREST, "--permutations", "200", "--bootstrap", "200", "--seed", "4"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    result = json.loads(first.stdout)
    assert 0 < result["network"]["ei_index_p"] <= 1
    low, high = result["participation"]["gini_ci"]
    assert low <= result["participation"]["gini"] <= high
    assert runner.invoke(app, args).stdout == first.stdout


def test_zero_turns_them_off() -> None:
    out = runner.invoke(app, ["indicators", BREST, "--permutations", "0", "--bootstrap", "0"]).stdout
    result = json.loads(out)
    assert (
        result["network"]["ei_index_p"] is None and result["network"]["sector_assortativity_expected"] is None
    )
    assert result["participation"]["gini_ci"] is None
    assert all(group["share_ci"] is None for group in result["inclusion"].values())


def test_table_view_writes_intervals_briefly() -> None:
    args = ["indicators", BREST, "--format", "table", "--permutations", "50", "--bootstrap", "50"]
    lines = dict(line.split(None, 1) for line in runner.invoke(app, args).stdout.splitlines())
    assert lines["participation.gini_ci"].strip().startswith("[0.")
    assert len(lines["participation.gini_ci"].strip()) <= len("[0.4318, 0.5633]")


def test_compare_puts_the_intervals_beside_their_indicator() -> None:
    args = ["compare", BREST, "--format", "json", "--permutations", "50", "--bootstrap", "50"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)[0]
    keys = list(row)
    assert keys[keys.index("participation.gini") + 1] == "participation.gini_ci"
    assert keys[keys.index("network.ei_index") + 1 : keys.index("network.ei_index") + 3] == [
        "network.ei_index_p",
        "network.ei_index_expected",
    ]
    assert len(row["participation.gini_ci"]) == 2


def test_bad_numbers_are_refused_clearly() -> None:
    for option, value in (("--permutations", "-1"), ("--bootstrap", "abc"), ("--seed", "-3")):
        for command in ("indicators", "compare"):
            result = runner.invoke(app, [command, BREST, option, value])
            assert result.exit_code == 2
            assert option in result.stderr and "Invalid value" in result.stderr
