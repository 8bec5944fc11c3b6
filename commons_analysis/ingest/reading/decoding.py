"""Bytes to text: UTF-8 with or without BOM, UTF-16, cp1252; control characters refused."""

from __future__ import annotations

import re

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say

#: Characters refused in text: the C0 controls but tab, line feed and carriage return, and DEL
#: (a NUL or an escape sequence has no meaning in a table and would reach reports and exports).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


_ZIP_MAGIC = b"PK\x03\x04"


_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


#: French accents and punctuation encoded in UTF-8 (é à ç œ « » ’ … –). In cp1252 text these
#: byte pairs read "Ã©", "Å“", "â€™": found beside invalid UTF-8, they mean mixed encodings.
_UTF8_SEQUENCE = re.compile(rb"\xc3[\x80-\xbf]|\xc5[\x92\x93]|\xe2\x80[\x90-\xbf]|\xc2[\xa0-\xbf]")


def control_character_problems(text: str, where: str, first_line: int = 1) -> list[Problem]:
    """A problem for each line of ``text`` that holds a control character (NUL, ESC…), with its line.

    >>> [str(p) for p in control_character_problems("a\\nb\\x00c\\n", "t.csv")]
    ["t.csv:2: control character '\\\\x00' in the text (character 2 of the line): refused"]
    """
    problems: list[Problem] = []
    if CONTROL_CHARACTERS.search(text) is None:
        return problems
    for number, line in enumerate(text.splitlines(), start=first_line):
        found = CONTROL_CHARACTERS.search(line)
        if found is not None:
            said = say(
                "ingest.reading.control_character", character=repr(found.group()), position=found.start() + 1
            )
            problems.append(Problem.of(where, number, None, said))
    return problems


def decode(data: bytes, where: str) -> str:
    """Decode a text file as spreadsheets write it, or raise :class:`CaseError` saying why not.

    >>> decode("é;x".encode("cp1252"), "t.csv")
    'é;x'
    """
    if not data.strip():
        raise CaseError([Problem.of(where, None, None, say("ingest.reading.empty"))])
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        raise CaseError([Problem.of(where, None, None, say("ingest.reading.workbook_not_csv"))])
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _strict(data, encoding, where)
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        return _strict(data, "utf-16-le", where)
    if b"\x00" in data:
        if len(data) - len(data.translate(None, _CONTROL_BYTES)) > len(data) // 100:  # not text at all
            raise CaseError([Problem.of(where, None, None, say("ingest.reading.binary"))])
        # a stray NUL in text: each line that holds one (the text is decoded as spreadsheets write it)
        text = data.decode("utf-8", errors="replace")
        raise CaseError(control_character_problems(text, where))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):  # accents in UTF-8 elsewhere: decoding as cp1252 would garble them
            line = data[: error.start].count(b"\n") + 1
            message = say("ingest.reading.mixed_encodings", byte=f"{data[error.start]:02x}")
            raise CaseError([Problem.of(where, line, None, message)]) from None
    return _strict(data, "cp1252", where)


def _strict(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = say("ingest.reading.undecodable", byte=f"{data[error.start]:02x}", encoding=encoding)
        raise CaseError([Problem.of(where, line, None, message)]) from None
