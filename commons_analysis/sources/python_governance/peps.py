"""Python Enhancement Proposals: the RFC 822 header block of each PEP.

Definition
----------
A PEP begins with a header preamble (PEP 1, "PEP Header Preamble"): one
``Field: value`` per line, continuation lines indented (folded), the block
ended by the first blank line. The fields read here are ``PEP`` (number),
``Title``, ``Author`` (``Name <email>`` or bare ``Name``, comma-separated),
``Sponsor``, ``BDFL-Delegate`` / ``PEP-Delegate`` (the person the deciding
body appointed to decide, PEP 1), ``Status``, ``Type``, ``Created``
(``DD-Mon-YYYY``), ``Post-History`` (dates, often linked) and ``Resolution``
(PEP 1: "a direct link to the relevant post making a decision on the PEP",
sometimes as a dated link ```DD-Mon-YYYY <url>`__``).

Every problem of every file is collected before anything is returned:
:func:`read_peps` raises one :class:`~commons_analysis.core.errors.CaseError`
naming each file, line and field (the header's first line is line 1).

Reference: PEP 1, "PEP Purpose and Guidelines" (peps/pep-0001.rst).

Example
-------
>>> text = '''PEP: 572
... Title: Assignment Expressions
... Author: Chris Angelico <rosuav@gmail.com>, Tim Peters <tim.peters@gmail.com>,
...         Guido van Rossum <guido@python.org>
... Status: Final
... Type: Standards Track
... Created: 28-Feb-2018
... Resolution: https://mail.python.org/pipermail/python-dev/2018-July/154601.html
... '''
>>> problems = []
>>> pep = parse_pep(text, "pep-0572.rst", problems)
>>> pep.number, pep.status, [a.name for a in pep.authors][1], pep.created.isoformat()
(572, 'Final', 'Tim Peters', '2018-02-28')
>>> pep.resolution.date.isoformat(), pep.resolution.precision
('2018-07-01', 'month')
>>> problems
[]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem, quote
from commons_analysis.core.messages import Message, say
from commons_analysis.sources.wording import RecordError, decoded

#: Month abbreviations of the ``DD-Mon-YYYY`` dates of PEP headers (English, whatever the locale).
MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
    )
}
#: Full month names, as in the mailing-list archive URLs (``.../2018-July/...``).
MONTH_NAMES = {
    name: number
    for number, name in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
}
#: English month names by number (1–12), whatever the locale.
MONTH_BY_NUMBER = {number: name for name, number in MONTH_NAMES.items()}
#: The statuses PEP 1 lists, and the one joke status of PEP 401.
STATUSES = (
    "Draft",
    "Active",
    "Accepted",
    "Provisional",
    "Deferred",
    "Rejected",
    "Withdrawn",
    "Final",
    "Superseded",
    "April Fool!",
)
TYPES = ("Standards Track", "Informational", "Process")
REQUIRED_FIELDS = ("PEP", "Title", "Author", "Status", "Type", "Created")
#: Name suffixes that follow a comma inside one name ("Fred L. Drake, Jr.").
NAME_SUFFIXES = ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")

_FIELD = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9-]*):(?P<value>.*)$")
_PEP_DATE = re.compile(r"^(\d{1,2})-([A-Za-z]{3})-(\d{4})$")
_DATE_TOKEN = re.compile(r"\b(\d{1,2})-([A-Z][a-z]{2})-(\d{4})\b")
_DATED_LINK = re.compile(r"^`(?P<date>\d{1,2}-[A-Za-z]{3}-\d{4})\s*<(?P<url>[^<>\s]+)>`__?$")
_URL = re.compile(r"^https?://\S+$")
_PIPERMAIL = re.compile(r"/pipermail/[^/]+/(\d{4})-([A-Za-z]+)/")
_FILE_NAME = re.compile(r"^pep-(\d+)\.rst$")
_PERSON = re.compile(r"^(?P<name>[^<>@]*?)\s*(?:<(?P<email>[^<>]*)>)?$")
_EMAIL_FIRST = re.compile(r"^(?P<email>[^\s<>()]+@[^\s<>()]+)\s*\((?P<name>[^()]+)\)$")


@dataclass(frozen=True)
class Person:
    """A person as a PEP header names them: a name and, when given, an e-mail address.

    >>> Person("Eric Traut", "erictr@microsoft.com").email
    'erictr@microsoft.com'
    """

    name: str
    email: str | None = None


@dataclass(frozen=True)
class Resolution:
    """The ``Resolution`` header: a link to the post that decided the PEP, and its date when known.

    ``precision`` is ``"day"`` for a dated link (```14-Mar-2023 <url>`__``),
    ``"month"`` for a mailing-list archive URL (``.../2018-July/...``: the
    date is then the first day of that month), ``"none"`` when the link
    carries no date (discuss.python.org, the newer mail archive).

    >>> parse_resolution("https://discuss.python.org/t/8651/48").precision
    'none'
    """

    url: str
    date: dt.date | None
    precision: str


@dataclass(frozen=True)
class Pep:
    """The header of one PEP, parsed; ``lines`` gives the line of each field in ``path``."""

    number: int
    title: str
    authors: tuple[Person, ...]
    status: str
    type: str
    created: dt.date
    path: str
    sponsors: tuple[Person, ...] = ()
    delegates: tuple[Person, ...] = ()
    delegate_field: str | None = None
    post_history: tuple[dt.date, ...] = ()
    resolution: Resolution | None = None
    fields: dict[str, str] = field(default_factory=dict, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    header_end: int = 0

    @property
    def label(self) -> str:
        """``PEP 572: Assignment Expressions``.

        >>> Pep(8, "Style Guide", (), "Active", "Process", dt.date(2001, 7, 5), "p").label
        'PEP 8: Style Guide'
        """
        return f"PEP {self.number}: {self.title}"


def parse_pep_date(text: str) -> dt.date:
    """A ``DD-Mon-YYYY`` date of a PEP header (PEP 1), whatever the locale; else :class:`RecordError`.

    >>> parse_pep_date("05-Jul-2001")
    datetime.date(2001, 7, 5)
    >>> try:
    ...     parse_pep_date("31-Feb-2001")
    ... except RecordError as error:
    ...     print(error, "/", error.said.text("fr"))
    not a date in DD-Mon-YYYY form: '31-Feb-2001' / pas une date de la forme JJ-Mmm-AAAA : '31-Feb-2001'
    """
    match = _PEP_DATE.match(text.strip())
    month = MONTHS.get(match.group(2).title()) if match else None
    if match is None or month is None:
        raise RecordError(say("sources.python.not_pep_date", text=quote(text)))
    try:
        return dt.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        raise RecordError(say("sources.python.not_pep_date", text=quote(text))) from None


def parse_resolution(value: str) -> Resolution:
    """A ``Resolution`` value: a dated link, a bare ``DD-Mon-YYYY`` date or a URL; else :class:`RecordError`.

    >>> parse_resolution("`03-Apr-2024 <https://discuss.python.org/t/45613/35>`__").date
    datetime.date(2024, 4, 3)
    >>> parse_resolution("https://mail.python.org/pipermail/python-dev/2015-May/140104.html").date
    datetime.date(2015, 5, 1)
    """
    value = value.strip()
    if match := _DATED_LINK.match(value):
        return Resolution(match.group("url"), parse_pep_date(match.group("date")), "day")
    if _PEP_DATE.match(value):
        return Resolution("", parse_pep_date(value), "day")
    if _URL.match(value):
        archive = _PIPERMAIL.search(value)
        if archive and archive.group(2) in MONTH_NAMES:
            return Resolution(
                value, dt.date(int(archive.group(1)), MONTH_NAMES[archive.group(2)], 1), "month"
            )
        return Resolution(value, None, "none")
    raise RecordError(say("sources.python.not_resolution", value=quote(value)))


def _split_people(value: str) -> list[str]:
    """Split a comma-separated list of people, keeping ``<…>`` and ``(…)`` whole and ``, Jr.`` attached."""
    parts: list[str] = []
    depth, current = 0, list[str]()
    for char in value:
        if char in "<(":
            depth += 1
        elif char in ">)":
            depth = max(depth - 1, 0)
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    merged: list[str] = []
    for part in parts:
        if merged and part.split(" <")[0].strip() in NAME_SUFFIXES:
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    return [part for part in merged if part]


def _person(text: str) -> Person:
    if match := _EMAIL_FIRST.match(text):
        return Person(" ".join(match.group("name").split()), match.group("email"))
    match = _PERSON.match(text)
    if match is None or not match.group("name").strip():
        raise RecordError(say("sources.python.not_person", text=quote(text)))
    email = match.group("email")
    if email is not None:
        email = re.sub(r"\s+at\s+", "@", email.strip()).replace(" ", "") or None
    return Person(" ".join(match.group("name").split()), email)


def parse_people(value: str) -> tuple[Person, ...]:
    """The people of an ``Author`` (or ``Sponsor``) value, in the order given; else :class:`RecordError`.

    Obscured addresses (``name at example.org``) are restored; a trailing
    comma and an empty entry are ignored.

    >>> [(p.name, p.email) for p in parse_people("Fred L. Drake, Jr. <fred@fdrake.net>, Barry Warsaw")]
    [('Fred L. Drake, Jr.', 'fred@fdrake.net'), ('Barry Warsaw', None)]
    >>> parse_people("Eric Traut <erictr at microsoft.com>,")[0].email
    'erictr@microsoft.com'
    """
    return tuple(_person(part) for part in _split_people(value))


def _header_block(
    text: str, path: str, problems: list[Problem]
) -> tuple[dict[str, str], dict[str, int], int]:
    """The fields of the header block, the line of each, and the last line of the block."""
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    current: str | None = None
    last = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            if fields or current is not None:
                break
            problems.append(Problem.of(path, number, None, say("sources.python.blank_first_line")))
            break
        last = number
        if line[0] in " \t":
            if current is None:
                problems.append(Problem.of(path, number, None, say("sources.python.continuation_first")))
                continue
            fields[current] = f"{fields[current]} {line.strip()}".strip()
            continue
        match = _FIELD.match(line)
        if match is None:
            problems.append(
                Problem.of(path, number, None, say("sources.python.not_field_line", line=quote(line)))
            )
            current = None
            continue
        name = match.group("name")
        if name in fields:
            problems.append(
                Problem.of(path, number, name, say("sources.python.field_twice", line=lines[name]))
            )
            current = None
            continue
        fields[name], lines[name], current = match.group("value").strip(), number, name
    return fields, lines, last


def parse_pep(text: str, path: str, problems: list[Problem]) -> Pep | None:
    """Parse the header of one PEP file; append every problem found to ``problems``.

    Returns ``None`` when a required field is missing or unreadable (the
    problems then say why). ``path`` is the file as it should be named in messages.
    """
    before = len(problems)
    fields, lines, last = _header_block(text, path, problems)
    if not fields:
        if len(problems) == before:
            problems.append(Problem.of(path, 1, None, say("sources.python.no_header")))
        return None

    def bad(name: str, message: Message) -> None:
        problems.append(Problem.of(path, lines.get(name, 1), name, message))

    for name in REQUIRED_FIELDS:
        if name not in fields:
            bad(name, say("sources.python.missing_field", last=last, name=name))
        elif not fields[name]:
            bad(name, say("sources.python.empty"))

    number: int | None = None
    if fields.get("PEP"):
        if re.fullmatch(r"\d+", fields["PEP"]):
            number = int(fields["PEP"])
            named = _FILE_NAME.match(Path(path).name)
            if named and int(named.group(1)) != number:
                bad("PEP", say("sources.python.pep_in_file", number=number, file=Path(path).name))
        else:
            bad("PEP", say("sources.python.not_pep_number", value=quote(fields["PEP"])))
    status = fields.get("Status", "")
    if status and status not in STATUSES:
        bad("Status", say("sources.python.unknown_status", status=quote(status), statuses=STATUSES[:-1]))
    pep_type = fields.get("Type", "")
    if pep_type and pep_type not in TYPES:
        bad("Type", say("sources.python.unknown_type", kind=quote(pep_type), kinds=TYPES))
    created: dt.date | None = None
    if fields.get("Created"):
        try:
            created = parse_pep_date(fields["Created"])
        except RecordError as error:
            bad("Created", error.said)

    authors: tuple[Person, ...] = ()
    if fields.get("Author"):
        try:
            authors = parse_people(fields["Author"])
        except RecordError as error:
            bad("Author", error.said)
        else:
            if not authors:
                bad("Author", say("sources.python.no_author"))
    sponsors = _optional_people(fields, lines, "Sponsor", path, problems)
    delegate_field = next((name for name in ("PEP-Delegate", "BDFL-Delegate") if name in fields), None)
    if "PEP-Delegate" in fields and "BDFL-Delegate" in fields:
        bad("BDFL-Delegate", say("sources.python.two_delegates"))
    delegates = _optional_people(fields, lines, delegate_field, path, problems) if delegate_field else ()

    post_history: list[dt.date] = []
    for day, month, year in _DATE_TOKEN.findall(fields.get("Post-History", "")):
        try:
            post_history.append(parse_pep_date(f"{day}-{month}-{year}"))
        except RecordError as error:
            bad("Post-History", error.said)
    resolution: Resolution | None = None
    if "Resolution" in fields:
        try:
            resolution = parse_resolution(fields["Resolution"])
        except RecordError as error:
            bad("Resolution", error.said)

    if len(problems) > before or number is None or created is None:
        return None
    return Pep(
        number=number,
        title=fields["Title"],
        authors=authors,
        status=status,
        type=pep_type,
        created=created,
        path=path,
        sponsors=sponsors,
        delegates=delegates,
        delegate_field=delegate_field if delegates else None,
        post_history=tuple(post_history),
        resolution=resolution,
        fields=fields,
        lines=lines,
        header_end=last,
    )


#: Values of a delegate field that name nobody (a placeholder left in the header).
PLACEHOLDERS = ("", "TODO", "TBD", "None")


def _optional_people(
    fields: dict[str, str], lines: dict[str, int], name: str | None, path: str, problems: list[Problem]
) -> tuple[Person, ...]:
    """The people of an optional field (Sponsor, a delegate); none when absent or a placeholder."""
    if name is None or fields.get(name, "").strip() in PLACEHOLDERS:
        return ()
    try:
        return parse_people(fields[name])
    except RecordError as error:
        problems.append(Problem.of(path, lines[name], name, error.said))
        return ()


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The UTF-8 text of a record file (a BOM is allowed), or ``None`` with a problem naming the line."""
    try:
        return decoded(path.read_bytes(), shown, "utf-8-sig")
    except CaseError as error:
        problems.extend(error.problems)
        return None


def pep_files(folder: Path) -> list[Path]:
    """The ``pep-NNNN.rst`` files of a folder, by PEP number."""
    found = [path for path in folder.iterdir() if _FILE_NAME.match(path.name) and path.is_file()]
    return sorted(found, key=lambda path: (int(_FILE_NAME.match(path.name).group(1)), path.name))  # type: ignore[union-attr]


def read_peps(folder: Path, shown: str, problems: list[Problem]) -> tuple[dict[int, Pep], dict[int, str]]:
    """Every PEP header of ``folder`` by number, and the whole text of each file (each file read once).

    Problems (with ``shown/<file>`` paths) go to ``problems``; two files with the same PEP number are a
    problem too.
    """
    peps: dict[int, Pep] = {}
    texts: dict[int, str] = {}
    for path in pep_files(folder):
        name = f"{shown}/{path.name}"
        text = read_text(path, name, problems)
        if text is None:
            continue
        pep = parse_pep(text, name, problems)
        if pep is None:
            continue
        if pep.number in peps:
            twice = say("sources.python.pep_twice", number=pep.number, other=peps[pep.number].path)
            problems.append(Problem.of(name, pep.lines["PEP"], "PEP", twice))
            continue
        peps[pep.number] = pep
        texts[pep.number] = text
    return peps, texts


def latest_known_date(pep: Pep) -> dt.date:
    """The latest date the header records besides the resolution: ``Created`` or a ``Post-History`` date.

    >>> pep = Pep(1, "T", (), "Final", "Process", dt.date(2019, 3, 1), "p")
    >>> from dataclasses import replace
    >>> latest_known_date(replace(pep, post_history=(dt.date(2019, 5, 2),)))
    datetime.date(2019, 5, 2)
    """
    return max((pep.created, *pep.post_history))
