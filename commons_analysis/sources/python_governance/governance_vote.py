"""The December 2018 governance vote of the core developers (PEPs 8000, 8001, 8010–8016).

Definition
----------
After the BDFL stepped down in July 2018, the core developers chose a new
governance model by a ranked vote between the proposals of the 801x series
(PEP 8000), counted by the Condorcet method (PEP 8001, "Voting mechanics").
PEP 8001 gives the voting window ("from December 1st, 2018 to December
16th, 2018 (Anywhere on Earth)"); each proposal records the outcome in its
body, not in a ``Resolution`` header: ":pep:`8016` was accepted by a core
developer vote described in :pep:`8001` on Monday, December 17, 2018".
The records give neither the number of eligible voters nor the counts.

Reference: PEP 8000, PEP 8001, PEPs 8010–8016 ("PEP Acceptance" / "PEP Rejection"); PEP 13, "History".

Example
-------
>>> outcome("PEP Rejection\\n=============\\n\\n:pep:`8010` was rejected `by a core developer vote\\n"
...         "<https://discuss.python.org/t/546/>`__\\ndescribed in :pep:`8001`\\n"
...         "on Monday, December 17, 2018.\\n")
('rejected', datetime.date(2018, 12, 17), 4)
>>> voting_window("The vote will happen in a 2-week-long window from December 1st, 2018\\n"
...               "to December 16th, 2018\\n(`Anywhere on Earth <https://x>`_).")
(datetime.date(2018, 12, 1), datetime.date(2018, 12, 17))
"""

from __future__ import annotations

import datetime as dt
import re

from commons_analysis.sources.python_governance.peps import MONTH_NAMES
from commons_analysis.sources.python_governance.rst import plain, sections

_OUTCOME = re.compile(
    r"(?:PEP )?(?P<number>\d+) was (?P<outcome>accepted|rejected) by a core developer vote "
    r"described in (?:PEP )?8001 on (?:[A-Z][a-z]+day, )?"
    r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}), (?P<year>\d{4})"
)
_WINDOW = re.compile(
    r"window from (?P<m1>[A-Z][a-z]+) (?P<d1>\d{1,2})(?:st|nd|rd|th)?, (?P<y1>\d{4}) "
    r"to (?P<m2>[A-Z][a-z]+) (?P<d2>\d{1,2})(?:st|nd|rd|th)?, (?P<y2>\d{4}) \(Anywhere on Earth\)"
)
#: The event of the vote, and the PEP that describes it.
EVENT_ID = "governance-vote-2018"
PROCESS_PEP = 8001


def outcome(text: str) -> tuple[str, dt.date, int] | None:
    """The outcome a governance proposal states in its body: (accepted/rejected, day, line), or ``None``."""
    for part in sections(text):
        for line, paragraph in part.paragraphs():
            match = _OUTCOME.search(plain(paragraph))
            if match and match.group("month") in MONTH_NAMES:
                day = dt.date(
                    int(match.group("year")), MONTH_NAMES[match.group("month")], int(match.group("day"))
                )
                return match.group("outcome"), day, line
    return None


def voting_window(text: str) -> tuple[dt.date, dt.date] | None:
    """The first day of the vote and the day (UTC) it closed: the AoE deadline of day D closes on D + 1."""
    match = _WINDOW.search(plain(text))
    if match is None or match.group("m1") not in MONTH_NAMES or match.group("m2") not in MONTH_NAMES:
        return None
    first = dt.date(int(match.group("y1")), MONTH_NAMES[match.group("m1")], int(match.group("d1")))
    last = dt.date(int(match.group("y2")), MONTH_NAMES[match.group("m2")], int(match.group("d2")))
    return first, last + dt.timedelta(days=1)
