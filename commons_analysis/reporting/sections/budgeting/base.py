"""What every part of the participatory budget section shares: context, selections, writers, headings.

:class:`SectionBase` holds the report context
(:class:`~commons_analysis.reporting.context.ReportContext`) and the helpers
each part of :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`
builds its blocks with; :meth:`SectionBase.heading` gives the title of each
perspective's budget subsection.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pandas as pd

from commons_analysis.analysis.budget_votes import (
    adopted_selection,
    budget_votes,
    rule_selections,
)
from commons_analysis.reporting.blocks import Block, Blocks, html_table
from commons_analysis.reporting.text import UNDEFINED, number, percent, t

if TYPE_CHECKING:
    from commons_analysis.reporting.context import ReportContext

from commons_analysis.reporting.sections.budgeting.formatting import (
    amount,
)


class SectionBase:
    """The shared state and helpers of the participatory budget section's parts.

    Built from the :class:`~commons_analysis.reporting.context.ReportContext`
    (docs/design.md §Report context): the case as shown (proposers who are
    persons under their pseudonyms), the indicators, ``lang``, ``min_cell``,
    ``seed`` and ``permutations``.
    """

    def __init__(self, context: ReportContext):
        self.context = context
        self.case = context.case
        self.lang = context.lang
        self.min_cell = context.min_cell

    # -- shared ---------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether the case holds budget votes (else every block shows nothing)."""
        return not self.case.budgets.empty

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    @cached_property
    def instances(self) -> list[dict[str, Any]]:
        """``budgeting.instances`` of the report's indicators (declared, greedy, Equal Shares per vote)."""
        budgeting = self.context.indicators.get("budgeting") or {}
        return list(budgeting.get("instances") or [])

    @cached_property
    def selections(self) -> dict[str, dict[str, frozenset[str]]]:
        """W by rule: ``city`` (as recorded), ``declared``, ``greedy``, ``equal_shares``."""
        return {"city": adopted_selection(self.case), **rule_selections(self.case, self.instances)}

    def _amount(self, value: object, currency: object) -> str:
        return amount(value, str(currency or ""), self.lang)

    def _heading(self, key: str) -> str:
        return f'<h3 class="ca-subsection">{html.escape(self._t(key))}</h3>'

    def _table(self, header: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int]) -> str:
        return f'<div class="ca-table-wrap">{html_table(header, rows, numeric=numeric)}</div>'

    def _note(self, text: str) -> str:
        return f'<p class="ca-note">{html.escape(text)}</p>'

    def _count(self, value: object) -> str:
        return UNDEFINED if value is None or value is pd.NA else number(int(value), self.lang)  # type: ignore[call-overload]

    def _share(self, value: object) -> str:
        return UNDEFINED if value is None or value is pd.NA else percent(float(value), self.lang)  # type: ignore[arg-type]

    def _nothing(self) -> Blocks:
        return Blocks([])

    # -- headings ---------------------------------------------------------------------

    def heading(self, perspective: str) -> Blocks:
        """The budget subsection of a perspective (``public_power``, ``distant_people``, ``practices_tools``,
        ``network``): its title; under public power, the votes read and how W is chosen."""
        if not self.available:
            return self._nothing()
        parts = [self._heading(f"reporting.budget.heading.{perspective}")]
        data = None
        if perspective == "public_power":
            votes = budget_votes(self.case)
            whole = votes[votes["whole"]]
            ballots = self.case.participation["event_id"].astype(str).isin(set(whole["event_id"].astype(str)))
            projects = self.case.projects["event_id"].astype(str).isin(set(whole["event_id"].astype(str)))
            parts.append(
                self._note(
                    self._t(
                        "reporting.budget.votes",
                        votes=number(len(votes), self.lang),
                        ballots=number(int(ballots.sum()), self.lang),
                        projects=number(int(projects.sum()), self.lang),
                        editions=", ".join(dict.fromkeys(votes["edition"].astype(str))),
                    )
                )
            )
            parts.append(self._note(self._t("reporting.budget.selection_note")))
            data = votes[
                ["edition", "event_id", "source", "subunit", "budget", "currency", "rule", "whole", "counted"]
            ]
        if perspective == "distant_people":
            parts.append(self._note(self._t("reporting.budget.limits")))
        text = self._t(f"reporting.budget.heading.{perspective}")
        return Blocks([Block("".join(parts), text, data=data)])
