"""REFI-QDA: the exchange standard of qualitative-analysis tools (ATLAS.ti, NVivo, MAXQDA, QualCoder…).

A **project** (``.qdpx``) is a zip holding ``project.qde`` (XML, namespace
``urn:QDA-XML:project:1.0``) and the sources' texts under ``sources/``; a
**codebook** (``.qdc``) is the XML of the codes alone (``urn:QDA-XML:codebook:1.0``).
See https://www.qdasoftware.org (REFI-QDA Project and Codebook standards 1.0).
In a project, ``<Users>`` name the coders; each ``<TextSource plainTextPath=
"internal://…">`` holds ``<PlainTextSelection startPosition endPosition>``
(characters of the plain text), each with ``<Coding creatingUser><CodeRef
targetGUID/></Coding>``.

A score (Ostrom 0–2, Arnstein's rung) has no place of its own in the standard:
it is exported as a sub-code named by the value under the scored code
(``ostrom.monitoring`` → ``2``), as coders of those tools would code it, and
read back as the code with its value. A selection's ``name`` carries the
``coding_id`` and its segment (``c014@s4.1``), its ``<Description>`` the memo.

Example
-------
>>> guid("case", "ostrom.monitoring") == guid("case", "ostrom.monitoring")
True
>>> len(guid("x"))
36
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd

from commons_analysis.core.errors import CaseError, Problem, display_path, quote
from commons_analysis.core.messages import say
from commons_analysis.model.case import Case
from commons_analysis.model.codebook import case_codebook
from commons_analysis.sources.qda.coded import Coded, slug, text_source, unique

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
#: Between the coding id and the segment in a selection's name.
SEGMENT_MARK = "@"
#: The namespace of our deterministic GUIDs (uuid5): the same case gives the same file.
NAMESPACE = uuid.UUID("6f1c2a3e-9b1d-4c55-8f57-1f0c6a7d2e11")


def guid(*parts: str) -> str:
    """A deterministic GUID (upper-case uuid5) for the parts given."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts))).upper()


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _codes(
    parent: ET.Element, ns: str, where: str, problems: list[Problem], prefix: str = ""
) -> dict[str, tuple[str, float | None, str]]:
    """GUID → (code, value or None, description) for every ``<Code>`` under ``parent``, nested ones too."""
    found: dict[str, tuple[str, float | None, str]] = {}
    for index, code in enumerate(parent.findall(_q(ns, "Code")), start=1):
        element = f"{where}/Code[{index}]"
        name, code_guid = code.get("name"), code.get("guid")
        for attribute, value in (("guid", code_guid), ("name", name)):
            if not value:
                problems.append(
                    Problem.of(element, None, None, say("sources.qda.missing_attribute", name=attribute))
                )
        if not name or not code_guid:
            continue
        description = code.findtext(_q(ns, "Description")) or ""
        score: float | None = None
        key = name
        if prefix:
            try:
                score = float(name)
                key = prefix
            except ValueError:
                key = f"{prefix}/{name}"
        found[code_guid] = (key, score, description)
        found.update(_codes(code, ns, element, problems, key if score is None else prefix))
    return found


def read_qdc(path: Path) -> dict[str, str]:
    """The codes of a REFI-QDA codebook (``.qdc``): code → description (nested codes as ``parent/child``)."""
    where = display_path(path)
    root = _parse(path.read_bytes(), where)
    problems: list[Problem] = []
    codes_element = root.find(_q(CODEBOOK_NS, "Codes"))
    if root.tag != _q(CODEBOOK_NS, "CodeBook") or codes_element is None:
        raise CaseError(
            [
                Problem.of(
                    f"{where}:{root.tag}",
                    None,
                    None,
                    say("sources.qda.missing_member", value="<CodeBook><Codes>"),
                )
            ]
        )
    codes = _codes(codes_element, CODEBOOK_NS, f"{where}:/CodeBook/Codes", problems)
    if problems:
        raise CaseError(problems)
    return {key: description for key, value, description in codes.values() if value is None}


def _parse(data: bytes, where: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        line, column = error.position
        raise CaseError(
            [Problem.of(where, line, f"{column}", say("sources.qda.xml", detail=str(error)))]
        ) from error


def read_qdpx(path: Path, kind: str = "document") -> Coded:
    """Sources, texts, codings and codes of a REFI-QDA project (``.qdpx``)."""
    where = display_path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise CaseError(
            [Problem.of(where, None, None, say("sources.qda.unreadable", reason=str(error)))]
        ) from error
    with archive:
        names = set(archive.namelist())
        if "project.qde" not in names:
            raise CaseError(
                [Problem.of(where, None, None, say("sources.qda.missing_member", value="project.qde"))]
            )
        qde = f"{where}!project.qde"
        root = _parse(archive.read("project.qde"), qde)
        problems: list[Problem] = []
        users = {u.get("guid"): u.get("name") or u.get("guid") for u in root.iter(_q(PROJECT_NS, "User"))}
        book = root.find(f"{_q(PROJECT_NS, 'CodeBook')}/{_q(PROJECT_NS, 'Codes')}")
        codes = (
            _codes(book, PROJECT_NS, f"{qde}:/Project/CodeBook/Codes", problems) if book is not None else {}
        )
        sources, codings, texts = [], [], {}
        taken: set[str] = set()
        for index, source in enumerate(root.iter(_q(PROJECT_NS, "TextSource")), start=1):
            element = f"{qde}:/Project/Sources/TextSource[{index}]"
            name = source.get("name") or f"source-{index}"
            internal = source.get("plainTextPath") or ""
            member = (
                "sources/" + internal.removeprefix("internal://")
                if internal.startswith("internal://")
                else None
            )
            if member is None or member not in names:
                problems.append(
                    Problem.of(
                        element,
                        None,
                        None,
                        say("sources.qda.missing_member", value=quote(internal or "plainTextPath")),
                    )
                )
                continue
            text = archive.read(member).decode("utf-8-sig")
            source_id = unique(slug(name), taken)
            taken.add(source_id)
            texts[source_id] = text
            description = source.findtext(_q(PROJECT_NS, "Description"))
            sources.append(text_source(source_id, kind, name, description))
            for s_index, selection in enumerate(
                source.findall(_q(PROJECT_NS, "PlainTextSelection")), start=1
            ):
                s_element = f"{element}/PlainTextSelection[{s_index}]"
                bounds = []
                for attribute in ("startPosition", "endPosition"):
                    value = selection.get(attribute)
                    if value is None or not value.strip().isdigit():
                        problems.append(
                            Problem.of(
                                s_element, None, attribute, say("sources.qda.bad_integer", value=quote(value))
                            )
                        )
                    else:
                        bounds.append(int(value))
                if len(bounds) != 2:
                    continue
                start, end = bounds
                if end > len(text) or start >= end:
                    problems.append(
                        Problem.of(
                            s_element,
                            None,
                            None,
                            say("sources.qda.offsets_outside", start=start, end=end, length=len(text)),
                        )
                    )
                    continue
                memo = selection.findtext(_q(PROJECT_NS, "Description"))
                for c_index, coding in enumerate(selection.findall(_q(PROJECT_NS, "Coding")), start=1):
                    ref = coding.find(_q(PROJECT_NS, "CodeRef"))
                    target = ref.get("targetGUID") if ref is not None else None
                    if target not in codes:
                        problems.append(
                            Problem.of(
                                f"{s_element}/Coding[{c_index}]",
                                None,
                                None,
                                say("sources.qda.unknown_guid", what="code", value=quote(target)),
                            )
                        )
                        continue
                    user = coding.get("creatingUser") or selection.get("creatingUser")
                    if user not in users:
                        problems.append(
                            Problem.of(
                                f"{s_element}/Coding[{c_index}]",
                                None,
                                "creatingUser",
                                say("sources.qda.unknown_guid", what="user", value=quote(user)),
                            )
                        )
                        continue
                    key, score, _ = codes[target]
                    coding_id, _, segment = (selection.get("name") or "").partition(SEGMENT_MARK)
                    codings.append(
                        {
                            "coding_id": coding_id or None,
                            "source_id": source_id,
                            "start": start,
                            "end": end,
                            "excerpt": text[start:end],
                            "code": key,
                            "coder": users[user],
                            "value": score,
                            "memo": memo or None,
                            "segment": segment or None,
                        }
                    )
        if problems:
            raise CaseError(problems)
    descriptions = {key: description for key, value, description in codes.values() if value is None}
    return Coded.of(sources, codings, texts, descriptions)


def project_xml(case: Case, texts: dict[str, str], lang: str = "fr") -> bytes:
    """``project.qde`` of a case's sources with a text and the codings of their passages (by offsets)."""
    ET.register_namespace("", PROJECT_NS)
    book = case_codebook(case.meta)
    project = ET.Element(
        _q(PROJECT_NS, "Project"),
        {"name": case.meta.title.text(lang) or case.id, "origin": "commons-analysis"},
    )
    users = ET.SubElement(project, _q(PROJECT_NS, "Users"))
    coders = sorted(case.codings["coder"].dropna().astype(str).unique())
    for coder in coders:
        ET.SubElement(users, _q(PROJECT_NS, "User"), {"guid": guid(case.id, "user", coder), "name": coder})
    codebook = ET.SubElement(ET.SubElement(project, _q(PROJECT_NS, "CodeBook")), _q(PROJECT_NS, "Codes"))
    used = sorted(set(case.codings["code"].dropna().astype(str)) | set(case.meta.codes))
    values: dict[str, set[float]] = {}
    for code, value in zip(case.codings["code"], case.codings["value"], strict=True):
        if not pd.isna(value):
            values.setdefault(str(code), set()).add(float(value))
    for code in used:
        element = ET.SubElement(
            codebook,
            _q(PROJECT_NS, "Code"),
            {"guid": guid(case.id, "code", code), "name": code, "isCodable": "true"},
        )
        label = book[code].label.text(lang) if code in book else ""
        if label:
            ET.SubElement(element, _q(PROJECT_NS, "Description")).text = label
        for value in sorted(values.get(code, ())):
            ET.SubElement(
                element,
                _q(PROJECT_NS, "Code"),
                {
                    "guid": guid(case.id, "code", code, f"{value:g}"),
                    "name": f"{value:g}",
                    "isCodable": "true",
                },
            )
    sources_element = ET.SubElement(project, _q(PROJECT_NS, "Sources"))
    for row in case.sources.itertuples(index=False):
        source_id = str(row.source_id)
        if source_id not in texts:
            continue
        source_guid = guid(case.id, "source", source_id)
        element = ET.SubElement(
            sources_element,
            _q(PROJECT_NS, "TextSource"),
            {"guid": source_guid, "name": source_id, "plainTextPath": f"internal://{source_guid}.txt"},
        )
        if not pd.isna(row.title):
            ET.SubElement(element, _q(PROJECT_NS, "Description")).text = str(row.title)
        own = case.codings[(case.codings["source_id"] == source_id) & case.codings["start"].notna()]
        for index, coding in enumerate(own.itertuples(index=False)):
            name = str(coding.coding_id) if not pd.isna(coding.coding_id) else f"{source_id}-{index + 1}"
            if not pd.isna(coding.segment):
                name = f"{name}{SEGMENT_MARK}{coding.segment}"
            selection = ET.SubElement(
                element,
                _q(PROJECT_NS, "PlainTextSelection"),
                {
                    "guid": guid(case.id, "selection", source_id, str(index)),
                    "name": name,
                    "startPosition": str(int(coding.start)),
                    "endPosition": str(int(coding.end)),
                    "creatingUser": guid(case.id, "user", str(coding.coder)),
                },
            )
            if not pd.isna(coding.memo):
                ET.SubElement(selection, _q(PROJECT_NS, "Description")).text = str(coding.memo)
            target = guid(
                case.id,
                "code",
                str(coding.code),
                *(() if pd.isna(coding.value) else (f"{float(coding.value):g}",)),
            )
            coding_element = ET.SubElement(
                selection,
                _q(PROJECT_NS, "Coding"),
                {
                    "guid": guid(case.id, "coding", source_id, str(index)),
                    "creatingUser": guid(case.id, "user", str(coding.coder)),
                },
            )
            ET.SubElement(coding_element, _q(PROJECT_NS, "CodeRef"), {"targetGUID": target})
    ET.indent(project)
    return ET.tostring(project, encoding="utf-8", xml_declaration=True)


def codebook_xml(case: Case, lang: str = "fr") -> bytes:
    """A REFI-QDA codebook (``.qdc``) of every code the case may use: the shipped codebook and its own.

    Each code's label is its ``<Description>``; a scored code has one sub-code per value of its scale.
    """
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(_q(CODEBOOK_NS, "CodeBook"), {"origin": "commons-analysis"})
    codes = ET.SubElement(root, _q(CODEBOOK_NS, "Codes"))
    for key, code in case_codebook(case.meta).items():
        element = ET.SubElement(
            codes, _q(CODEBOOK_NS, "Code"), {"guid": guid("codebook", key), "name": key, "isCodable": "true"}
        )
        ET.SubElement(element, _q(CODEBOOK_NS, "Description")).text = code.label.text(lang)
        if code.scale is not None:
            for value in range(int(code.scale[0]), int(code.scale[1]) + 1):
                ET.SubElement(
                    element,
                    _q(CODEBOOK_NS, "Code"),
                    {"guid": guid("codebook", key, str(value)), "name": str(value), "isCodable": "true"},
                )
    ET.SubElement(root, _q(CODEBOOK_NS, "Sets"))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_qdpx(case: Case, texts: dict[str, str], path: Path, lang: str = "fr") -> int:
    """Write the case's coded texts as a REFI-QDA project; the number of codings exported (by offsets).

    Codings of a segment without offsets (no text position) cannot be placed in the standard: left out.
    """
    import io

    from commons_analysis.core.files import atomic_write_bytes

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("project.qde", date_time=(1980, 1, 1, 0, 0, 0))
        archive.writestr(info, project_xml(case, texts, lang), zipfile.ZIP_DEFLATED)
        for source_id in sorted(texts):
            member = zipfile.ZipInfo(
                f"sources/{guid(case.id, 'source', source_id)}.txt", date_time=(1980, 1, 1, 0, 0, 0)
            )
            archive.writestr(member, texts[source_id].encode("utf-8"), zipfile.ZIP_DEFLATED)
    atomic_write_bytes(path, buffer.getvalue())
    return int((case.codings["start"].notna() & case.codings["source_id"].isin(set(texts))).sum())


__all__ = [
    "CODEBOOK_NS",
    "PROJECT_NS",
    "codebook_xml",
    "guid",
    "project_xml",
    "read_qdc",
    "read_qdpx",
    "write_qdpx",
]
