"""The participatory budget under *public power*: who proposes, where the money goes, what the rule decides.

Blocks of :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`:
the proposers, the budget by district and by category, the changes of rule
and the departures of the city's selection from its declared rule.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from commons_analysis.analysis import budget_power
from commons_analysis.reporting import plots_budgeting as charts
from commons_analysis.reporting.blocks import Block, Blocks, FigureBlock
from commons_analysis.reporting.text import UNDEFINED, label, number

if TYPE_CHECKING:
    pass

from commons_analysis.reporting.sections.budgeting.base import SectionBase
from commons_analysis.reporting.sections.budgeting.formatting import (
    currency_name,
    data_label,
    edition_groups,
)


class PublicPowerBlocks(SectionBase):
    """Public power: these blocks of
    :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`."""

    def proposers(self) -> Blocks:
        """Projects and money by the proposer's sector, then the proposers with the most projects."""
        if not self.available:
            return self._nothing()
        frame = budget_power.proposals_by_sector(self.case, self.selections["city"])
        title = self._t("reporting.budget.proposers.title")
        if frame["sector"].isna().all():
            return Blocks(
                [
                    Block(
                        self._heading("reporting.budget.proposers.title")
                        + self._note(self._t("reporting.budget.proposers.none")),
                        title,
                        data=frame,
                    )
                ]
            )
        rows = [
            (
                r.edition,
                label("sector", r.sector, self.lang)
                if pd.notna(r.sector)
                else self._t("reporting.budget.proposers.unknown"),
                self._count(r.projects),
                self._count(r.funded),
                self._amount(r.proposed_cost, r.currency),
                self._amount(r.funded_cost, r.currency),
            )
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"reporting.budget.col.{c}")
            for c in ("edition", "sector", "projects", "funded", "proposed_cost", "funded_cost")
        ]
        top = budget_power.proposers(self.case, self.selections["city"]).head(15)
        top_rows = [
            (
                r.edition,
                self.context.names.get(str(r.actor_id), UNDEFINED),
                label("sector", r.sector, self.lang),
                self._count(r.projects),
                self._count(r.funded),
            )
            for r in top.itertuples(index=False)
        ]
        top_header = [
            self._t(f"reporting.budget.col.{c}")
            for c in ("edition", "proposer", "sector", "projects", "funded")
        ]
        body = (
            self._heading("reporting.budget.proposers.title")
            + self._table(header, rows, numeric=(2, 3, 4, 5))
            + f"<h4>{html.escape(self._t('reporting.budget.proposers.top'))}</h4>"
            + self._table(top_header, top_rows, numeric=(3, 4))
        )
        return Blocks([Block(body, title, data=frame)])

    def _shares_block(self, by: str, title_key: str, caption: str | None = None) -> Blocks:
        frame = budget_power.budget_shares(self.case, self.selections["city"], by)
        frame = frame.assign(label=[data_label(k, self.lang) for k in frame["key"]])
        blocks: list[Block | FigureBlock] = []
        for currency, rows in frame.groupby("currency", sort=True):
            for group in edition_groups(rows, "label"):
                figure = charts.bars_by_edition(
                    group,
                    "label",
                    "funded_cost",
                    title=self._t(title_key),
                    axis=self._t("reporting.budget.amount_axis", currency=currency_name(str(currency))),
                    lang=self.lang,
                    caption=caption,
                )
                blocks.append(FigureBlock(figure, group.reset_index(drop=True)))
        return Blocks(blocks, data=frame)

    def budget_by_district(self) -> Blocks:
        """The funded budget by district and edition, under the city's rule (one chart per currency)."""
        if not self.available:
            return self._nothing()
        return self._shares_block("district", "reporting.budget.by_district.title")

    def budget_by_category(self) -> Blocks:
        """The funded budget by category and edition (a project of two categories counts in both)."""
        if not self.available or self.case.projects["category"].map(len).sum() == 0:
            return self._nothing()
        return self._shares_block(
            "category", "reporting.budget.by_category.title", self._t("reporting.budget.by_category.caption")
        )

    def rule_changes(self) -> Blocks:
        """What Equal Shares (Add1) changes against the city's rule, district by district."""
        if not self.available or not self.instances:
            return self._nothing()
        frame = budget_power.rule_changes(self.case, self.selections["city"], self.selections["equal_shares"])
        rows = [
            (
                r.edition,
                r.district or UNDEFINED,
                self._count(r.funded_city),
                self._count(r.funded_other),
                self._count(r.gained),
                self._count(r.lost),
                self._amount(r.cost_gained, r.currency),
                self._amount(r.cost_lost, r.currency),
            )
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"reporting.budget.col.{c}")
            for c in (
                "edition",
                "district",
                "city",
                "equal_shares",
                "gained",
                "lost",
                "cost_gained",
                "cost_lost",
            )
        ]
        summaries = []
        for currency, rows_of in frame.groupby("currency", sort=True):
            summaries.append(
                self._t(
                    "reporting.budget.rule_changes.summary",
                    gained=number(int(rows_of["gained"].sum()), self.lang),
                    lost=number(int(rows_of["lost"].sum()), self.lang),
                    cost_gained=self._amount(float(rows_of["cost_gained"].sum()), currency),
                    cost_lost=self._amount(float(rows_of["cost_lost"].sum()), currency),
                )
            )
        body = self._heading("reporting.budget.rule_changes.title") + "".join(
            self._note(s) for s in summaries
        )
        body += self._table(header, rows, numeric=(2, 3, 4, 5, 6, 7))
        return Blocks([Block(body, self._t("reporting.budget.rule_changes.title"), data=frame)])

    def departures(self) -> Blocks:
        """Every departure of the published selection from the declared rule, or why there is none to read."""
        if not self.available:
            return self._nothing()
        title = self._t("reporting.budget.departures.title")
        published = self.case.projects["selected"].notna().any()
        frame = budget_power.departures(self.case, self.instances)
        if not published:
            return Blocks(
                [
                    Block(
                        self._heading("reporting.budget.departures.title")
                        + self._note(self._t("reporting.budget.departures.unpublished")),
                        title,
                        data=frame,
                    )
                ]
            )
        if frame.empty:
            return Blocks(
                [
                    Block(
                        self._heading("reporting.budget.departures.title")
                        + self._note(self._t("reporting.budget.departures.none")),
                        title,
                        data=frame,
                    )
                ]
            )
        topics = self.case.decisions.set_index("decision_id")["topic"]
        rows = [
            (
                r.edition,
                r.district or UNDEFINED,
                topics.get(r.decision_id, r.project_id),
                self._amount(r.cost, r.currency),
                self._count(r.votes),
                self._t(f"reporting.budget.departure.{r.kind}"),
            )
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"reporting.budget.col.{c}")
            for c in ("edition", "district", "project", "cost", "votes", "departure")
        ]
        body = self._heading("reporting.budget.departures.title") + self._table(header, rows, numeric=(3, 4))
        return Blocks([Block(body, title, data=frame)])
