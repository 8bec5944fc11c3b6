"""Debian vote pages (``vote/YYYY/vote_NNN.wml``): what each vote was about and who brought it.

A vote page is a WML file of the Debian website. Its sections start with
empty tags defined in ``english/template/debian/votebar.wml``: ``<vtimeline />``
(proposal, discussion and voting periods), ``<vnominations />`` (candidates of
a leader election), ``<vproposer />``/``<vproposera />``… and
``<vseconds />``/``<vsecondsa />``… (proposer and seconders of each proposal),
``<vamendmentproposer[a-f] />``/``<vamendmentseconds[a-f] />`` (amendments),
``<vmajorityreq />`` (majority requirement), ``<vquorum />`` and
``<voutcome />``. Persons are written ``Name [<email login@debian.org>]`` or
``Name [<a href="mailto:…">…</a>]``. Lines starting with ``#`` are WML
comments and ``<!-- … -->`` HTML comments: both are ignored, as the website
build ignores them.

Dates are written in a dozen ways over the years (``March 24th, 2002``,
``Sunday, 15thOctober, 00:00:01 UTC 2006``, ``14 Dec 2008``,
``2016-08-20 23:59:59 UTC``); :func:`find_dates` reads them all.

Example
-------
>>> page = parse_vote_page('''<define-tag pagetitle>General Resolution: Example</define-tag>
... <vtimeline />
... <table><tr><th>Voting Period:</th><td>Sunday, April 11<sup>th</sup>, 2004</td>
... <td>Sunday, April 25<sup>st</sup>, 23:59:59 UTC, 2004</td></tr></table>
... <vproposer />
... <p>Jane Doe [<email jdoe@debian.org>]</p>
... <vseconds />
... <ol><li>Richard Roe [<a href="mailto:rroe@example.org">rroe@example.org</a>]</li></ol>
... <vmajorityreq />
... <p>The proposal needs a 3:1 majority</p>
... ''', "vote/2004/vote_003.wml")
>>> page.title, page.voting_end.isoformat(), page.stated_majority
('General Resolution: Example', '2004-04-25', Fraction(3, 1))
>>> page.proposals[0].proposer
Person(name='Jane Doe', email='jdoe@debian.org')
>>> [person.email for person in page.proposals[0].seconders]
['rroe@example.org']
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from commons_analysis.sources.wording import record_text

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_SECTION = re.compile(r"<(v[a-z]+)\s*/>")
_TAG = re.compile(r"<[^>]*>")
_EMAIL = re.compile(r"<email\s+([^>\s]+)\s*>|mailto:([^\"'>\s]+)", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_RATIO = re.compile(r"\b(\d+)\s*:\s*(\d+)\b")
_LABELS = ("", "a", "b", "c", "d", "e", "f")


@dataclass(frozen=True)
class Person:
    """A person as a vote page names them: name and e-mail address (``None`` when not given)."""

    name: str
    email: str | None


@dataclass(frozen=True)
class Proposal:
    """A proposal or an amendment of a General Resolution, with its proposer and seconders.

    ``label`` is the letter of the page's section (``""`` for ``<vproposer />``,
    ``"a"`` for ``<vproposera />`` or ``<vamendmentproposera />``…).
    """

    kind: str  # "proposal" or "amendment"
    label: str
    proposer: Person | None
    seconders: tuple[Person, ...]


@dataclass(frozen=True)
class VotePage:
    """What a vote page says about one vote."""

    path: str
    year: int
    number: int
    title: str
    status: str
    voting_start: dt.date | None
    voting_end: dt.date | None
    candidates: tuple[Person, ...]
    proposals: tuple[Proposal, ...]
    majority_statement: str
    stated_majority: Fraction | None
    developer_count: int | None
    term_start: dt.date | None
    links: tuple[str, ...]

    @property
    def is_election(self) -> bool:
        """A leader election (candidates nominated), as opposed to a General Resolution."""
        return bool(self.candidates) or "leader election" in self.title.casefold()

    def links_to(self, file_name: str) -> bool:
        """Whether the page links to a file of that name (the tally sheet of its vote, say)."""
        return any(link.rsplit("/", 1)[-1] == file_name for link in self.links)

    @property
    def original_proposal(self) -> Proposal | None:
        """The proposal that started the resolution: ``<vproposer />``, else ``<vproposera />``."""
        for proposal in self.proposals:
            if proposal.kind == "proposal":
                return proposal
        return None


def read_vote_page(path: Path | str) -> VotePage:
    """Read a vote page (UTF-8). Raises :class:`~commons_analysis.core.errors.CaseError` if not UTF-8."""
    path = Path(path)
    return parse_vote_page(record_text(path), str(path))


def parse_vote_page(text: str, path: str) -> VotePage:
    """Parse the text of a vote page; ``path`` (``…/YYYY/vote_NNN.wml``) gives its year and number."""
    raw = text
    text = _without_comments(text)
    sections = _sections(text)
    match = re.search(r"vote_(\d+)\.wml$", path)
    number = int(match.group(1)) if match else 0
    year_match = re.search(r"(\d{4})[/\\][^/\\]*$", path)
    timeline = sections.get("vtimeline", text)
    voting_start, voting_end = _voting_period(timeline)
    majority_statement = _majority_statement(sections.get("vmajorityreq", ""))
    stated = _stated_ratio(majority_statement)
    if stated is None and "vmajorityreq" not in sections:
        outcome = _plain(sections.get("voutcome", ""))
        if found := re.search(
            r"required\s+(\d+)\s*:\s*(\d+)\s+(?:super\s*)?majority", outcome, re.IGNORECASE
        ):
            stated = Fraction(int(found.group(1)), int(found.group(2)))
            majority_statement = found.group(0)
    count = re.search(r"With\s+(\d+)\s+developers|Current\s+Developer\s+Count\s*=\s*(\d+)", text)
    term = re.search(r"new term for the project leader shall start\s+on\s+(.*?)</p>", text, re.DOTALL)
    term_dates = find_dates(term.group(1)) if term else []
    return VotePage(
        path=path,
        year=int(year_match.group(1)) if year_match else (voting_end.year if voting_end else 0),
        number=number,
        title=_define_tag(raw, "pagetitle"),
        status=_define_tag(raw, "status"),
        voting_start=voting_start,
        voting_end=voting_end,
        candidates=_persons(sections.get("vnominations", ""), items_only=True),
        proposals=_proposals(sections),
        majority_statement=majority_statement,
        stated_majority=stated,
        developer_count=int(count.group(1) or count.group(2)) if count else None,
        term_start=term_dates[0] if term_dates else None,
        links=tuple(dict.fromkeys(re.findall(r"href=[\"']([^\"']+)[\"']", text))),
    )


def find_dates(text: str) -> list[dt.date]:
    """Every date written in ``text``, in order, whatever the spelling Debian's pages used.

    >>> [d.isoformat() for d in find_dates("March 24th, 2002 to 23:59:59 UTC on April 16th, 2002")]
    ['2002-03-24', '2002-04-16']
    >>> [d.isoformat() for d in find_dates("Sunday, 15thOctober, 00:00:01 UTC 2006; Wed Oct 29 UTC 2003")]
    ['2006-10-15', '2003-10-29']
    >>> [d.isoformat() for d in find_dates("Tuesday 2018-04-03 00:00:00 UTC")]
    ['2018-04-03']
    """
    text = html.unescape(_TAG.sub(" ", text))
    iso = [dt.date(int(y), int(m), int(d)) for y, m, d in _ISO_DATE.findall(text)]
    if iso:
        return iso
    text = _TIME.sub(" ", text)
    dates: list[dt.date] = []
    month: int | None = None
    day: int | None = None
    for token in re.findall(r"[A-Za-z]+|\d+", text):
        if token.isdigit():
            if len(token) == 4:
                if month is not None and day is not None:
                    dates.append(dt.date(int(token), month, day))
                month = day = None
            elif len(token) <= 2:
                day = int(token)
            continue
        word = token.casefold()
        if word[:2] in _ORDINAL_SUFFIXES and word[2:] in _MONTHS:  # "15thOctober"
            word = word[2:]
        if word in _MONTHS:
            month = _MONTHS[word]
    return dates


def _without_comments(text: str) -> str:
    """The page without WML comment lines (``#`` first) and HTML comments."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _sections(text: str) -> dict[str, str]:
    """The page's ``<vtag />`` sections: tag → raw text up to the next section tag."""
    sections: dict[str, str] = {}
    marks = list(_SECTION.finditer(text))
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        sections.setdefault(mark.group(1), text[mark.end() : end])
    return sections


def _define_tag(text: str, name: str) -> str:
    match = re.search(rf"<define-tag\s+{name}>(.*?)</define-tag>", text, re.DOTALL)
    return _plain(match.group(1)) if match else ""


def _plain(fragment: str) -> str:
    """Text without tags and entities, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _voting_period(timeline: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last dates of the voting period of a timeline section."""
    row = re.search(
        r"<th>\s*Voting\s+period\s*:?\s*</th>(.*?)(?:</tr>|$)", timeline, re.IGNORECASE | re.DOTALL
    )
    if row:
        dates = find_dates(row.group(1))
        if dates:
            return dates[0], dates[-1]
    ends = re.search(r"Voting\s+Ends\s*:([^<\n]*)", timeline, re.IGNORECASE)
    starts = re.search(r"Call\s+For\s+votes\s*:([^<\n]*)", timeline, re.IGNORECASE)
    end_dates = find_dates(ends.group(1)) if ends else []
    start_dates = find_dates(starts.group(1)) if starts else []
    return (start_dates[0] if start_dates else None), (end_dates[-1] if end_dates else None)


def _majority_statement(section: str) -> str:
    """The secretary's statement of the majority requirement, without the counting output that follows."""
    section = section.split("#include", 1)[0]
    kept = []
    for line in _TAG.sub(" ", section).splitlines():
        if "Majority." in line:  # devotee's "Option 1 passes Majority. 5.500 (198/36) > 3"
            break
        kept.append(line)
    return " ".join(html.unescape(" ".join(kept)).split())


def _stated_ratio(statement: str) -> Fraction | None:
    """The one majority ratio a statement gives (``3:1``; "simple majority" is 1:1), else ``None``."""
    ratios = {Fraction(int(a), int(b)) for a, b in _RATIO.findall(statement) if int(b)}
    if re.search(r"simple\s+(?:1:1\s+)?majority", statement, re.IGNORECASE):
        ratios.add(Fraction(1))
    return ratios.pop() if len(ratios) == 1 else None


def _proposals(sections: dict[str, str]) -> tuple[Proposal, ...]:
    found = []
    for kind, proposer_tag, seconds_tag in (
        ("proposal", "vproposer", "vseconds"),
        ("amendment", "vamendmentproposer", "vamendmentseconds"),
    ):
        for label in _LABELS:
            if proposer_tag + label not in sections and seconds_tag + label not in sections:
                continue
            # the proposer's paragraph; the text of the proposal may follow in the same section
            proposers = _persons(sections.get(proposer_tag + label, "").split("</p>", 1)[0], items_only=False)
            seconders = _persons(sections.get(seconds_tag + label, ""), items_only=True)
            found.append(Proposal(kind, label, proposers[0] if proposers else None, seconders))
    return tuple(found)


def _persons(section: str, *, items_only: bool) -> tuple[Person, ...]:
    """The persons named in a section: one per list item (or the whole section for a proposer)."""
    if not section.strip():
        return ()
    chunks = re.split(r"<li[^>]*>", section, flags=re.IGNORECASE)
    if items_only or len(chunks) > 1:
        chunks = chunks[1:]
    persons = []
    for chunk in chunks:
        email_match = _EMAIL.search(chunk)
        email = (email_match.group(1) or email_match.group(2)) if email_match else None
        name = _plain(chunk.split("[", 1)[0]).strip(" ,;:")
        if not name or (email is None and _looks_like_a_note(name)):
            continue
        persons.append(Person(name=name, email=email.strip().casefold() if email else None))
    return tuple(persons)


def _looks_like_a_note(text: str) -> bool:
    """A list item that is a remark ("Note: …", a sentence), not a person's name."""
    return ":" in text or len(text.split()) > 6 or text.endswith(".")
