"""Debian's votes 2002–2018 as a case of the data contract: who voted, on what, who proposed and seconded.

:func:`build` reads ``RAW_DIR/vote/YYYY/`` (tally sheets, voters lists,
quorum files, vote pages) and returns the case as an
:class:`~commons_analysis.sources.ImportedCase`. Every choice of the mapping is
written out, in English and French, under ``mapping`` in ``case.yaml``
(:func:`~.case_metadata.mapping_texts`); in short:

- each vote with a voters list is an event of kind ``ballot`` dated by the end
  of its voting period, with the developer count of its quorum file as
  ``eligible``; each ballot cast is a participation row of the voter (a
  person, sector ``commons``, identified by login);
- each General Resolution and each leader election is a decision counted as
  the constitution in force said (:func:`~commons_analysis.sources.debian.counting.count_vote`);
- the elected leaders' terms are ``governance`` relations to the Debian
  project; Software in the Public Interest and the Technical Committee are
  organisations tied to the project as the constitution says.

Persons who proposed or seconded a resolution are named on the vote pages
with an e-mail address: they are matched to the logins of the voters lists
(:class:`~.persons.PersonMatcher`), and what stays unmatched is counted in the report.

One module per step: :mod:`.votes` (the votes as read from the records),
:mod:`.persons` (names and logins matched), :mod:`.case_tables` (votes → case
tables), :mod:`.case_metadata` (``case.yaml`` and the mapping's texts),
:mod:`.import_report` (what the import counted and left out).

Example
-------
>>> from commons_analysis.sources.debian.persons import PersonMatcher
>>> matcher = PersonMatcher({"jdoe": "Jane Doe", "aurel32": "Aurélien Jarno"})
>>> from commons_analysis.sources.debian.pages import Person
>>> matcher.match(Person("Jane Doe", "jdoe@debian.org"))
('jdoe', 'email')
>>> matcher.match(Person("Aurelien Jarno", "x@example.org"))
('aurel32', 'name')
>>> matcher.match(Person("Nobody Known", "nobody@example.org"))
('unmatched-nobody-known', 'unmatched')
"""

from __future__ import annotations

import time
from pathlib import Path

from commons_analysis.sources import ImportedCase
from commons_analysis.sources.corpus import with_evidence
from commons_analysis.sources.debian import texts as constitution_texts
from commons_analysis.sources.debian.case_metadata import case_meta
from commons_analysis.sources.debian.case_tables import build_tables
from commons_analysis.sources.debian.import_report import ImportReport
from commons_analysis.sources.debian.votes import read_votes


def build(raw_dir: Path | str, case_id: str = "debian-votes") -> ImportedCase:
    """The ``debian-votes`` case from the records of ``raw_dir`` (``data/raw/debian-vote``).

    Raises :class:`~commons_analysis.core.errors.CaseError` with every problem
    of every file (bad tally, unreadable voters list, vote without page…).
    """
    return build_with_report(raw_dir, case_id)[0]


def build_with_report(
    raw_dir: Path | str, case_id: str = "debian-votes"
) -> tuple[ImportedCase, ImportReport]:
    """:func:`build`, and the report of what was matched, assumed and left out (its lines are the summary)."""
    started = time.perf_counter()
    votes = read_votes(Path(raw_dir))
    report = ImportReport()
    tables = build_tables(votes, report)
    report.seconds = time.perf_counter() - started
    meta = case_meta(case_id, votes, report)
    imported = ImportedCase(meta=meta, tables=tables, summary=report.lines())
    return with_evidence(
        imported, Path(raw_dir), constitution_texts.DOCUMENTS, constitution_texts.NOTE
    ), report
