"""The participatory budget section of a case report: the three perspectives and the co-support network.

``report.budgeting`` (a :class:`BudgetingSection`) gives one block per
notebook cell, ``report.budgeting.represented()`` for instance, each
carrying the tidy frame it shows (``.data``) and, for a chart, the plotly
figure (``.figure``). A case without budget votes shows nothing (an empty
:class:`~commons_analysis.reporting.blocks.Blocks`).

Three selections W are read (:mod:`~commons_analysis.analysis.budget_votes`):
the city's, as the case records it (``decisions.adopted``: the published
selection, else what the declared rule selects), greedy and Equal Shares with
Add1 (from the indicators' ``budgeting.instances``). Where a vote is split
into district votes, the money is counted in the district votes.

Privacy: proposers are named as the report context's case names them
(persons by pseudonym); voter counts of 0 < n < k are never printed
(``min_cell``). Strings are entries ``reporting.budget.*`` of the catalogue
(``locales/<lang>/reporting.yaml``).

Example
-------
>>> from commons_analysis.analysis.budget_votes import example_case
>>> from commons_analysis.reporting.case_report import CaseReport
>>> section = CaseReport(example_case(), lang="en", min_cell=1, permutations=0, bootstrap=0).budgeting
>>> section.available, section.ballots_by_district().data["voters"].tolist()
(True, [2, 2])
"""

from __future__ import annotations

from commons_analysis.reporting.sections.budgeting.distant_people import DistantPeopleBlocks
from commons_analysis.reporting.sections.budgeting.formatting import (
    CURRENCIES,
    amount,
    data_label,
)
from commons_analysis.reporting.sections.budgeting.network import NetworkBlocks
from commons_analysis.reporting.sections.budgeting.practices import PracticesBlocks
from commons_analysis.reporting.sections.budgeting.public_power import PublicPowerBlocks


class BudgetingSection(PublicPowerBlocks, DistantPeopleBlocks, PracticesBlocks, NetworkBlocks):
    """The participatory budget blocks of a report; every method returns one block.

    Built from the :class:`~commons_analysis.reporting.context.ReportContext`
    (docs/design.md §Report context): the case as shown (proposers who are
    persons under their pseudonyms), the indicators, ``lang``, ``min_cell``,
    ``seed`` and ``permutations``.
    """


__all__ = ["CURRENCIES", "BudgetingSection", "amount", "data_label"]
