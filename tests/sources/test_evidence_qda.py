"""Coding from qualitative-analysis tools (issue 16): Taguette's exports made by Taguette itself, REFI-QDA
projects and codebooks, read and written back (round trip), and bad files named with their place."""

from __future__ import annotations

import shutil
import warnings
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError
from commons_analysis.ingest.loading import load_case
from commons_analysis.ingest.templates import new_case
from commons_analysis.sources.qda import read_qdc, read_qdpx, read_taguette_highlights, read_taguette_project

ROOT = Path(__file__).resolve().parents[2]
FIRST = "<p>La mairie prête la salle, mais décide seule du calendrier.</p>"
SECOND = "<p>Les habitants du quartier n'ont pas le temps de venir le soir.</p>"


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, [*args, "--lang", "en"])


@pytest.fixture(scope="module")
def taguette_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A project built through Taguette's own models, and its three exports made by Taguette's own code."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from taguette import database, export, extract

        folder = tmp_path_factory.mktemp("taguette")
        db = database.connect(f"sqlite:///{folder / 'work.sqlite3'}")()
        user = database.User(login="admin")
        project = database.Project(name="Auditions", description="")
        db.add_all([user, project])
        db.commit()
        db.add(database.ProjectMember(project=project, user=user, privileges=database.Privileges.ADMIN))
        html = FIRST + SECOND
        document = database.Document(
            name="Audition 1",
            description="",
            filename="audition-1.txt",
            project=project,
            text_direction=database.TextDirection.LEFT_TO_RIGHT,
            contents=html,
        )
        capture = database.Tag(project=project, path="capture", description="")
        time = database.Tag(project=project, path="time_energy", description="")
        db.add_all([document, capture, time])
        db.commit()
        # Taguette counts UTF-8 bytes of the text, tags left out: "décide seule du calendrier."
        text = "La mairie prête la salle, mais décide seule du calendrier."
        start, end = len("La mairie prête la salle, mais ".encode()), len(text.encode())
        first = database.Highlight(
            document=document, start_offset=start, end_offset=end, snippet=extract.extract(html, start, end)
        )
        first.tags = [capture]
        second_start = len(text.encode()) + len(b"Les habitants du quartier n'ont pas ")
        second_end = second_start + len(b"le temps")
        second = database.Highlight(
            document=document,
            start_offset=second_start,
            end_offset=second_end,
            snippet=extract.extract(html, second_start, second_end),
        )
        second.tags = [time, capture]
        db.add_all([first, second])
        db.commit()
        exported = database.connect(f"sqlite:///{folder / 'project.sqlite3'}")()
        exported.add(database.User(login="admin"))
        exported.commit()
        database.copy_project(db, exported, project.id, "admin")  # Taguette's "Export project"
        exported.commit()
        with open(folder / "highlights.csv", "w", newline="", encoding="utf-8") as file:
            export.highlights_csv(db, project.id, "", file)  # Taguette's "Export all highlights"
        with open(folder / "codebook.qdc", "wb") as file:
            export.codebook_xml([capture, time], file)  # Taguette's "Export codebook" (REFI-QDA)
    return {
        "project": folder / "project.sqlite3",
        "highlights": folder / "highlights.csv",
        "qdc": folder / "codebook.qdc",
    }


@pytest.mark.slow
def test_a_taguette_project_export_gives_the_texts_and_the_passages_it_highlights(taguette_exports) -> None:
    coded = read_taguette_project(taguette_exports["project"], "coder-a")
    assert coded.sources["source_id"].tolist() == ["audition-1"]
    text = coded.texts["audition-1"]
    excerpts = {
        (row.code, text[int(row.start) : int(row.end)]) for row in coded.codings.itertuples(index=False)
    }
    assert excerpts == {
        ("capture", "décide seule du calendrier."),
        ("capture", "le temps"),
        ("time_energy", "le temps"),
    }
    assert set(coded.codings["coder"]) == {"coder-a"}


def test_taguette_highlights_and_codebook_exports_are_read(taguette_exports) -> None:
    coded = read_taguette_highlights(taguette_exports["highlights"], "coder-b")
    assert sorted(zip(coded.codings["segment"], coded.codings["code"], strict=True)) == [
        ("h1", "capture"),
        ("h2", "capture"),
        ("h2", "time_energy"),
    ]
    assert coded.codings.loc[0, "excerpt"] == "décide seule du calendrier."
    assert sorted(read_qdc(taguette_exports["qdc"])) == ["capture", "time_energy"]


@pytest.mark.slow
def test_import_coding_adds_a_taguette_project_to_a_case_without_rewriting_it(
    taguette_exports, tmp_path: Path
) -> None:
    folder = new_case("auditions", tmp_path, evidence=True)
    (folder / "actors.csv").write_text("actor_id,name,sector\nm,Mairie,public\n", encoding="utf-8")
    before = (folder / "actors.csv").read_bytes()
    result = invoke(
        "import-coding",
        str(folder),
        str(taguette_exports["project"]),
        "--coder",
        "coder-a",
        "--kind",
        "audition",
    )
    assert result.exit_code == 0, result.output
    case = load_case(folder)
    assert case.sources["kind"].tolist() == ["audition"]
    assert not case.sources["consent"].any()  # consent is the researcher's to record, never assumed
    assert case.codings["excerpt"].tolist()[0] == "décide seule du calendrier."
    assert (folder / "actors.csv").read_bytes() == before
    again = invoke("import-coding", str(folder), str(taguette_exports["project"]), "--coder", "coder-a")
    assert again.exit_code == 1 and "already coded" in again.output
    second = invoke("import-coding", str(folder), str(taguette_exports["highlights"]), "--coder", "coder-b")
    assert second.exit_code == 0, second.output
    assert len(load_case(folder).codings) == 6


def test_a_taguette_file_without_a_coder_or_with_unknown_codes_is_refused_whole(
    taguette_exports, tmp_path: Path
) -> None:
    folder = new_case("auditions", tmp_path, evidence=True)
    (folder / "actors.csv").write_text("actor_id,name,sector\nm,Mairie,public\n", encoding="utf-8")
    result = invoke("import-coding", str(folder), str(taguette_exports["project"]))
    assert result.exit_code == 1 and "--coder" in result.output
    bad = tmp_path / "h.csv"
    bad.write_text(
        "id,document,tag,content\nx,Audition,ostrom.colective_choice,a\n,Doc,capture,b\n", encoding="utf-8"
    )
    with pytest.raises(CaseError) as error:
        read_taguette_highlights(bad, "coder-a")
    assert [(p.line, p.column) for p in error.value.problems] == [(2, "id"), (3, "id")]
    (tmp_path / "ok.csv").write_text("id,document,tag,content\n1,Audition,tiers_lieu,a\n", encoding="utf-8")
    refused = invoke("import-coding", str(folder), str(tmp_path / "ok.csv"), "--coder", "coder-a")
    assert refused.exit_code == 1 and "tiers_lieu" in refused.output and "codes:" in refused.output
    assert (folder / "codings.csv").read_text(encoding="utf-8").count("\n") == 1  # nothing appended


def _without_evidence(tmp_path: Path, case_id: str) -> Path:
    """A copy of a bundled case without its sources, codings, texts and recommendations."""
    folder = tmp_path / case_id
    shutil.copytree(ROOT / "data" / "cases" / case_id, folder)
    for name in ("sources.csv", "codings.csv"):
        (folder / name).unlink()
    shutil.rmtree(folder / "texts")
    meta = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    meta.pop("recommendations")
    (folder / "case.yaml").write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("case_id", ["debian-votes", "python-governance"])
def test_refi_qda_round_trip_gives_the_same_codings(tmp_path: Path, case_id: str) -> None:
    out = tmp_path / "project.qdpx"
    result = invoke("export-coding", case_id, str(out), "--data-dir", str(ROOT / "data" / "cases"))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        assert "project.qde" in archive.namelist()
    folder = _without_evidence(tmp_path, case_id)
    imported = invoke("import-coding", str(folder), str(out))
    assert imported.exit_code == 0, imported.output
    columns = [
        "coding_id",
        "source_id",
        "start",
        "end",
        "segment",
        "excerpt",
        "code",
        "coder",
        "value",
        "memo",
    ]
    original = load_case(ROOT / "data" / "cases" / case_id).codings[columns]
    back = load_case(folder).codings[columns]
    key = ["coding_id"]
    assert (
        back.sort_values(key).reset_index(drop=True).equals(original.sort_values(key).reset_index(drop=True))
    )


def test_bad_refi_qda_files_name_the_element(tmp_path: Path) -> None:
    broken = tmp_path / "broken.qdc"
    broken.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="x">', encoding="utf-8")
    with pytest.raises(CaseError) as error:
        read_qdc(broken)
    assert error.value.problems[0].line == 1 and "malformed XML" in error.value.problems[0].message
    qde = (
        '<Project xmlns="urn:QDA-XML:project:1.0"><Users><User guid="U" name="coder-a"/></Users>'
        '<CodeBook><Codes><Code guid="C" name="capture"/><Code name="no-guid"/></Codes></CodeBook><Sources>'
        '<TextSource guid="S" name="a" plainTextPath="internal://S.txt">'
        '<PlainTextSelection guid="P" startPosition="0" endPosition="99"><Coding creatingUser="U">'
        '<CodeRef targetGUID="C"/></Coding></PlainTextSelection>'
        '<PlainTextSelection guid="Q" startPosition="x" endPosition="2"><Coding creatingUser="U">'
        '<CodeRef targetGUID="C"/></Coding></PlainTextSelection>'
        '<PlainTextSelection guid="R" startPosition="0" endPosition="2"><Coding creatingUser="V">'
        '<CodeRef targetGUID="Z"/></Coding></PlainTextSelection></TextSource></Sources></Project>'
    )
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/S.txt", "short")
    with pytest.raises(CaseError) as error:
        read_qdpx(path)
    places = [problem.path.split(":", 1)[1] for problem in error.value.problems]
    assert places == [
        "/Project/CodeBook/Codes/Code[2]",
        "/Project/Sources/TextSource[1]/PlainTextSelection[1]",
        "/Project/Sources/TextSource[1]/PlainTextSelection[2]",
        "/Project/Sources/TextSource[1]/PlainTextSelection[3]/Coding[1]",
    ]


def test_the_codebook_exported_as_qdc_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "codebook.qdc"
    result = invoke("export-coding", "debian-votes", str(out), "--data-dir", str(ROOT / "data" / "cases"))
    assert result.exit_code == 0, result.output
    codes = read_qdc(out)
    assert codes["ostrom.monitoring"] == "Monitoring"  # labels in the --lang of the command
    assert {"capture", "arnstein", "ostrom.nested_enterprises"} <= set(
        codes
    ) and "ostrom.monitoring/2" not in codes
