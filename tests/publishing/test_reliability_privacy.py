"""Issue 19, item 5: no exported row ties a pseudonym to a person's free text (a unique public role)."""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest

from commons_analysis.ingest.loading import load_case
from commons_analysis.publishing.export import export_datapackage
from commons_analysis.publishing.privacy import display_case

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "data" / "cases"
PSEUDONYM = re.compile(r"\bP-[0-9a-f]{6,}\b")
SECRET = b"test secret"


def exported_rows(case_id: str, out: Path) -> dict[str, list[dict[str, str]]]:
    export_datapackage(load_case(CASES / case_id), out, secret=SECRET)
    rows = {}
    for table in out.glob("*.csv"):
        with table.open(encoding="utf-8", newline="") as stream:
            rows[table.stem] = list(csv.DictReader(stream))
    return rows


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case_id", "public_role"),
    [
        ("python-governance", "BDFL until July 2018"),
        ("debian-votes", "Project Leader, elected in vote-2008-001"),
    ],
)
def test_no_exported_row_ties_a_pseudonym_to_a_free_text(
    tmp_path: Path, case_id: str, public_role: str
) -> None:
    raw = load_case(CASES / case_id)
    assert any(public_role in str(text) for text in [*raw.actors["role"], *raw.relations["note"]]), (
        "the records do hold the role: the test would prove nothing otherwise"
    )
    rows = exported_rows(case_id, tmp_path / "package")
    persons = {row["actor_id"] for row in rows["actors"] if row["kind"] == "person"}
    assert persons and all(PSEUDONYM.fullmatch(person) for person in persons)
    for row in rows["actors"]:
        if row["actor_id"] in persons:
            assert row["role"] == "", row
    for row in rows["relations"]:
        if row["source"] in persons or row["target"] in persons:
            assert row["note"] == "", row
    everything = " ".join(" ".join(row.values()) for table in rows.values() for row in table)
    assert public_role not in everything


def test_organisations_keep_their_roles_and_show_names_keeps_everything() -> None:
    case = load_case(CASES / "python-governance")
    shown = display_case(case, secret=SECRET)
    organisations = shown.actors[shown.actors["kind"] != "person"]
    assert organisations["role"].notna().any(), "only persons' texts are withheld"
    consenting = dataclasses.replace(case, meta=case.meta.model_copy(update={"show_names": True}))
    assert display_case(consenting, secret=SECRET).actors["role"].equals(case.actors["role"])
