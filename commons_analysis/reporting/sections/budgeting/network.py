"""The co-support network of the participatory budget: E-I index and assortativity of each whole vote.

Blocks of :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`,
read with :mod:`~commons_analysis.analysis.budget_network`: two projects are
tied when voters support both, ties counted by district, or by category when
support cannot cross district lines.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from commons_analysis.analysis import budget_network
from commons_analysis.analysis.budget_votes import (
    budget_votes,
)
from commons_analysis.reporting.blocks import Block, Blocks
from commons_analysis.reporting.text import UNDEFINED, chance_reading, number

if TYPE_CHECKING:
    pass

from commons_analysis.reporting.sections.budgeting.base import SectionBase


class NetworkBlocks(SectionBase):
    """Co-support network: these blocks of
    :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`."""

    @cached_property
    def _cosupport_by(self) -> str:
        """District when some whole vote spans several districts; else category (support cannot cross)."""
        projects = self.case.projects
        per_vote = projects.groupby("event_id")["district"].nunique()
        votes = budget_votes(self.case)
        whole = set(votes.loc[votes["whole"], "event_id"].astype(str))
        spans = any(int(per_vote.get(e, 0)) > 1 for e in whole)
        return "district" if spans else "category"

    def cosupport(self) -> Blocks:
        """E-I index and assortativity of each whole vote's co-support network, with what chance gives."""
        if not self.available:
            return self._nothing()
        by = self._cosupport_by
        frame = budget_network.cosupport_indicators(
            self.case, by, permutations=self.context.permutations, seed=self.context.seed
        )
        rows = []
        for r in frame.itertuples(index=False):
            weighted = None if pd.isna(r.ei_index_weighted) else float(r.ei_index_weighted)
            reading = chance_reading(
                "ei_index",
                weighted,
                None if pd.isna(r.ei_index_p) else float(r.ei_index_p),
                None if pd.isna(r.ei_index_expected) else float(r.ei_index_expected),
                self.lang,
            )
            assortativity = r.sector_assortativity_weighted
            rows.append(
                (
                    r.edition,
                    r.district or UNDEFINED,
                    self._count(r.projects),
                    self._count(r.ties),
                    number(None if pd.isna(r.ei_index) else float(r.ei_index), self.lang),
                    number(weighted, self.lang),
                    number(None if pd.isna(assortativity) else float(assortativity), self.lang),
                    reading,
                )
            )
        header = [
            self._t(f"reporting.budget.col.{c}")
            for c in (
                "edition",
                "district",
                "projects",
                "ties",
                "ei",
                "ei_weighted",
                "assortativity",
                "reading",
            )
        ]
        body = self._heading("reporting.budget.network.title")
        body += self._note(
            self._t("reporting.budget.network.intro", by=self._t(f"reporting.budget.network.by.{by}"))
        )
        if by == "category":
            body += self._note(self._t("reporting.budget.network.one_district"))
        body += self._table(header, rows, numeric=(2, 3, 4, 5, 6))
        return Blocks([Block(body, self._t("reporting.budget.network.title"), data=frame)])
