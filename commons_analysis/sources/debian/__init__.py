"""Debian's General Resolutions and leader elections, 2002–2018: the ``debian-vote`` source.

Two things, both from the public records of the Debian website
(``data/raw/debian-vote/``, see its ``SOURCE.md``):

- :func:`count_vote` counts one vote from its tally sheet as the Debian
  constitution in force at the time says (Appendix A.6: quorum, majority
  ratio, default option, Condorcet with Cloneproof Schwartz Sequential
  Dropping, the casting vote; "Concorde" counting under version 1.0);
- :func:`build` turns every vote into a case of the data contract (events,
  participation, decisions, actors, relations) and explains its mapping in
  ``case.yaml``.

One module per kind of record: :mod:`.tally` (tally sheets), :mod:`.voters`
(voters lists), :mod:`.quorum` (quorum files), :mod:`.pages` (vote pages),
:mod:`.constitution` (the versions of the constitution), :mod:`.counting`
(the count of a vote, by :mod:`.schwartz` or :mod:`.concorde`, into an
:mod:`.outcome`) and :mod:`.mapping` (records → case: :mod:`.votes`,
:mod:`.persons`, :mod:`.case_tables`, :mod:`.case_metadata`,
:mod:`.import_report`).

Example
-------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as scratch:
...     tally = pathlib.Path(scratch) / "gr_tally.txt"
...     _ = tally.write_text("     Option 1--->: Yes\\n   /  Option 2-->: Further Discussion\\n"
...                          "V: 12   jdoe   Jane Doe\\nV: 12   rroe   Richard Roe\\n"
...                          "V: 21   mroe   Mary Roe\\n")
...     count = count_vote(tally, developer_count=1)  # quorum 3Q = 1.5
>>> count.beats.tolist(), count.winners, count.options[count.winners[0]], count.constitution
([[0, 2], [1, 0]], [0], 'Yes', '1.7')
"""

from commons_analysis.sources.debian.counting import VoteCount, count_vote, decision_votes
from commons_analysis.sources.debian.import_report import ImportReport
from commons_analysis.sources.debian.mapping import build, build_with_report
from commons_analysis.sources.debian.outcome import Drop
from commons_analysis.sources.debian.tally import Tally, read_tally

__all__ = [
    "Drop",
    "ImportReport",
    "Tally",
    "VoteCount",
    "build",
    "build_with_report",
    "count_vote",
    "decision_votes",
    "read_tally",
]
