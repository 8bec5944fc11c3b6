"""The participatory budget under *practices and tools*: how people vote, ballot length, who is left out.

Blocks of :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`:
the voting method by age band, the length of the ballots and the projects no
rule funds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from commons_analysis.analysis import budget_practices
from commons_analysis.reporting import plots_budgeting as charts
from commons_analysis.reporting.blocks import Block, Blocks, FigureBlock
from commons_analysis.reporting.text import number

if TYPE_CHECKING:
    pass

from commons_analysis.reporting.sections.budgeting.base import SectionBase
from commons_analysis.reporting.sections.budgeting.formatting import (
    data_label,
)


class PracticesBlocks(SectionBase):
    """Practices and tools: these blocks of
    :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`."""

    def method_by_age(self) -> Blocks:
        """Voting method (internet, paper) by age band, as shares of each band; small cells hidden."""
        if not self.available:
            return self._nothing()
        frame = budget_practices.method_by_age(self.case, self.min_cell)
        if frame.empty:
            return self._nothing()
        shown = frame.assign(
            band=[data_label(b if pd.notna(b) else "", self.lang) for b in frame["age_band"]],
            method_label=[data_label(m if pd.notna(m) else "", self.lang) for m in frame["method"]],
        )
        figure = charts.stacked_shares(
            shown,
            "band",
            "method_label",
            "share",
            title=self._t("reporting.budget.method.title"),
            axis=self._t("reporting.budget.method.axis"),
            lang=self.lang,
            caption=self._t("reporting.budget.method.caption", k=self.min_cell),
        )
        return Blocks([FigureBlock(figure, frame)])

    def ballot_length(self) -> Blocks:
        """How much of the allowed ballot length voters use: a table per edition and the distribution."""
        if not self.available:
            return self._nothing()
        use = budget_practices.ballot_length_use(self.case)
        lengths = budget_practices.ballot_lengths(self.case, self.min_cell)
        totals = lengths.groupby("edition")["voters"].transform(lambda s: s.sum())
        lengths = lengths.assign(share=(lengths["voters"].astype("Float64") / totals.astype("Float64")))
        rows = [
            (
                r.edition,
                self._count(r.voters),
                number(r.mean_length, self.lang, digits=1),
                self._count(r.max_length),
                self._share(r.full_share),
                self._share(r.single_share),
            )
            for r in use.itertuples(index=False)
        ]
        header = [
            self._t(f"reporting.budget.col.{c}")
            for c in ("edition", "voters", "mean_length", "max_length", "full_share", "single_share")
        ]
        table = Block(
            self._heading("reporting.budget.length.title")
            + self._table(header, rows, numeric=(1, 2, 3, 4, 5)),
            self._t("reporting.budget.length.title"),
            data=use,
        )
        figure = charts.columns_by_edition(
            lengths,
            "length",
            "share",
            title=self._t("reporting.budget.length.title"),
            axis=self._t("reporting.budget.length.axis"),
            lang=self.lang,
            caption=self._t("reporting.budget.length.caption"),
        )
        return Blocks([table, FigureBlock(figure, lengths)], data=use)

    def left_out(self) -> Blocks:
        """Voters with nothing funded under the city's rule, greedy and Equal Shares, per edition."""
        if not self.available or not self.instances:
            return self._nothing()
        rules = {key: self.selections[key] for key in ("city", "greedy", "equal_shares")}
        frame = budget_practices.left_out(self.case, rules, self.min_cell)
        rows = [
            (
                r.edition,
                self._t(f"reporting.budget.rule.{r.rule}"),
                self._count(r.voters),
                self._count(r.left_out),
                self._share(r.share),
            )
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"reporting.budget.col.{c}") for c in ("edition", "rule", "voters", "left_out", "share")
        ]
        header[-1] = self._t("reporting.budget.col.left_out") + " (%)"
        body = self._heading("reporting.budget.left_out.title") + self._table(header, rows, numeric=(2, 3, 4))
        return Blocks([Block(body, self._t("reporting.budget.left_out.title"), data=frame)])
