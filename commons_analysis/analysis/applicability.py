"""Which indicators do not apply to a case, and why: a figure that means nothing for the case says so.

Some figures are computed but say nothing about a case: with secret ballots
nobody is named as having voted, so the number of participants is 0 and the
Gini undefined although three voters in four took part; when every participant
is coded in one sector (Debian's developers are the commons), the citizens'
share of participation is 0 % by construction. :func:`not_applicable` returns,
for each such indicator key, a *reason*: a key of
:mod:`commons_analysis.reporting.text` (``not_applicable.<reason>``) that the
report, the comparison and the index show instead of the number.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "x"},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["commons"]}),
...     events=pd.DataFrame({"event_id": ["v"], "date": ["2020-01-01"], "kind": ["ballot"],
...                          "attendance": [70], "eligible": [100]}))
>>> reasons = not_applicable(case)
>>> reasons["participation.participants"], reasons["participation.gini"]
('secret_ballot', 'secret_ballot')
>>> "participation.mean_turnout" in reasons
False
"""

from __future__ import annotations

import pandas as pd

from commons_analysis.model.case import Case
from commons_analysis.model.schema.vocabularies import SECTORS

#: The participation figures that need named participation records.
NAMED_PARTICIPATION = (
    "participation.participants",
    "participation.records",
    "participation.mean_attendance",
    "participation.gini",
    "participation.gini_ci",
    "participation.top10_share",
    "participation.top10_share_ci",
    "participation.repeat_share",
    "participation.repeat_share_ci",
    "participation.newcomer_share",
    "participation.facilitator_rotation",
    *(f"participation.sector_shares.{sector}" for sector in SECTORS),
)
#: The figures of the sectors of the cooperation network.
SECTOR_MIXING = (
    "network.ei_index",
    "network.ei_index_p",
    "network.ei_index_expected",
    "network.ei_index_p_se",
    "network.sector_assortativity",
    "network.sector_assortativity_p",
    "network.sector_assortativity_expected",
    "network.sector_assortativity_p_se",
)
#: The figures of who initiates the decisions.
INITIATIVE = (
    "decisions.initiative_hhi",
    "decisions.top3_initiative_share",
    *(f"decisions.initiative_share_by_sector.{sector}" for sector in SECTORS),
)
#: The figures of the hours of participation.
HOURS = ("participation.hours_total", "participation.paid_hours_share")


def not_applicable(case: Case) -> dict[str, str]:
    """Indicator key → reason (``secret_ballot``, ``no_participation``, ``one_sector_participates``,
    ``one_sector_network``, ``no_initiator``, ``no_hours``, ``not_coded``) for the figures that do not
    apply to ``case``; the others are left out.

    The reasons, in the order they are checked:

    * ``secret_ballot``: no participation row, but events record how many
      came (``attendance``): the votes are counted, not named; turnout stays.
    * ``no_participation``: no participation row and no attendance.
    * ``one_sector_participates``: every participant is of one sector: each
      sector's share is 0 % or 100 % by construction.
    * ``one_sector_network``: the actors with a cooperation tie are all of one
      sector: the E-I index is −1 and the assortativity undefined by construction.
    * ``no_initiator``: no decision says who initiated it.
    * ``no_hours``: no event duration nor participation hours.
    * ``not_coded``: the Ostrom principles or the Arnstein rung are not coded.
    """
    reasons: dict[str, str] = {}
    participation, events = case.participation, case.events
    if participation.empty:
        counted = events["attendance"].notna().any() if "attendance" in events else False
        reasons.update(dict.fromkeys(NAMED_PARTICIPATION, "secret_ballot" if counted else "no_participation"))
        reasons.update(dict.fromkeys(HOURS, "secret_ballot" if counted else "no_participation"))
    else:
        sectors = _sectors_of(case, participation["actor_id"])
        if sectors.nunique() == 1:
            shares = (f"participation.sector_shares.{sector}" for sector in SECTORS)
            reasons.update(dict.fromkeys(shares, "one_sector_participates"))
        if participation["hours"].isna().all():
            reasons.update(dict.fromkeys(HOURS, "no_hours"))
    relations = case.relations[case.relations["type"] != "conflict"]
    tied = pd.concat([relations["source"], relations["target"]]) if not relations.empty else None
    if tied is not None and _sectors_of(case, tied).nunique() == 1:
        reasons.update(dict.fromkeys(SECTOR_MIXING, "one_sector_network"))
    if not case.decisions.empty and case.decisions["initiated_by"].isna().all():
        reasons.update(dict.fromkeys(INITIATIVE, "no_initiator"))
    assessment = case.meta.assessment
    if assessment is None or not assessment.ostrom:
        reasons["assessment.ostrom_score"] = "not_coded"
    if assessment is None or assessment.arnstein is None:
        reasons["assessment.arnstein_rung"] = "not_coded"
    return reasons


def _sectors_of(case: Case, actor_ids: pd.Series) -> pd.Series:
    """The sectors of ``actor_ids`` (missing for an id not among the actors)."""
    sectors = case.actors.drop_duplicates("actor_id").set_index("actor_id")["sector"]
    return actor_ids.map(sectors).dropna()


__all__ = ["HOURS", "INITIATIVE", "NAMED_PARTICIPATION", "SECTOR_MIXING", "not_applicable"]
