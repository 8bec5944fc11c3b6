"""The participatory budget under *people far from public action*: who votes, who sees a project funded.

Blocks of :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`:
ballots and budget per voter by district, voters by age and sex, who is
represented among the voters, the beneficiaries and the turnout. Voter counts
of 0 < n < ``min_cell`` are never printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from commons_analysis.analysis import budget_power, budget_voters
from commons_analysis.reporting import plots_budgeting as charts
from commons_analysis.reporting.blocks import Block, Blocks, FigureBlock
from commons_analysis.reporting.text import number

if TYPE_CHECKING:
    pass

from commons_analysis.reporting.sections.budgeting.base import SectionBase
from commons_analysis.reporting.sections.budgeting.formatting import (
    currency_name,
    data_label,
    edition_groups,
)


class DistantPeopleBlocks(SectionBase):
    """People far from public action: these blocks of
    :class:`~commons_analysis.reporting.sections.budgeting.BudgetingSection`."""

    def ballots_by_district(self) -> Blocks:
        """Ballots by district and edition, and for each edition the district with the fewest ballots."""
        if not self.available:
            return self._nothing()
        frame = budget_voters.ballots_by_district(self.case, self.min_cell)
        frame = frame[frame["district"] != ""].reset_index(drop=True)
        if frame.empty:
            return self._nothing()
        figures = [
            FigureBlock(
                charts.bars_by_edition(
                    group,
                    "district",
                    "voters",
                    title=self._t("reporting.budget.ballots.title"),
                    axis=self._t("reporting.budget.ballots.axis"),
                    lang=self.lang,
                    caption=self._t("reporting.budget.ballots.caption", k=self.min_cell),
                ),
                group.reset_index(drop=True),
            )
            for group in edition_groups(frame, "district")
        ]
        notes = []
        for edition, rows in frame.dropna(subset=["voters"]).groupby("edition", sort=True):
            if len(rows) < 3:
                continue
            fewest = rows.loc[rows["voters"].astype(int).idxmin()]
            notes.append(
                self._t(
                    "reporting.budget.ballots.fewest",
                    edition=edition,
                    district=fewest["district"],
                    voters=number(int(fewest["voters"]), self.lang),
                    median=number(float(rows["voters"].astype(float).median()), self.lang, digits=0),
                )
            )
        parts: list[Block | FigureBlock] = list(figures)
        if notes:
            parts.append(Block("".join(self._note(n) for n in notes), "\n".join(notes)))
        return Blocks(parts, data=frame)

    def budget_per_voter(self) -> Blocks:
        """The funded budget per voter of each district (DESIGN's formula), one chart per currency."""
        if not self.available:
            return self._nothing()
        frame = budget_voters.budget_per_voter(self.case, self.selections["city"], self.min_cell)
        frame = frame[frame["district"] != ""].reset_index(drop=True)
        if frame.empty:
            return self._nothing()
        blocks: list[Block | FigureBlock] = []
        for currency, rows in frame.groupby("currency", sort=True):
            for group in edition_groups(rows, "district"):
                figure = charts.bars_by_edition(
                    group,
                    "district",
                    "per_voter",
                    title=self._t("reporting.budget.per_voter.title"),
                    axis=self._t("reporting.budget.per_voter.axis", currency=currency_name(str(currency))),
                    lang=self.lang,
                    caption=self._t("reporting.budget.per_voter.caption"),
                )
                blocks.append(FigureBlock(figure, group.reset_index(drop=True)))
        return Blocks(blocks, data=frame)

    def voters_by_age_sex(self) -> Blocks:
        """Voters by age band and sex (small cells hidden), or one line when the files give neither."""
        if not self.available:
            return self._nothing()
        frame = budget_voters.voters_by_age_sex(self.case, self.min_cell)
        if frame.empty:
            return Blocks(
                [
                    Block(
                        self._note(self._t("reporting.budget.age_sex.none")),
                        self._t("reporting.budget.age_sex.none"),
                        data=frame,
                    )
                ]
            )
        sexes = list(dict.fromkeys(frame["sex"].astype(object)))
        rows = []
        for band, group in frame.groupby(frame["age_band"].astype(object).fillna(""), sort=False):
            values = dict(zip(group["sex"].astype(object), group["voters"], strict=True))
            rows.append((data_label(band, self.lang), *(self._count(values.get(s)) for s in sexes)))
        header = [
            self._t("reporting.budget.col.age_band"),
            *(data_label(s if pd.notna(s) else "", self.lang) for s in sexes),
        ]
        body = self._heading("reporting.budget.age_sex.title") + self._table(
            header, rows, numeric=range(1, len(header))
        )
        body += self._note(self._t("reporting.budget.method.caption", k=self.min_cell).split(":")[0] + ".")
        return Blocks([Block(body, self._t("reporting.budget.age_sex.title"), data=frame)])

    def represented(self, by: Sequence[str] = ("age_band", "sex", "method", "district", "edition")) -> Blocks:
        """represented(G, W) under the city's rule and under Equal Shares, for each grouping of ``by``
        that has at least two groups (a chart each)."""
        if not self.available or not self.instances:
            return self._nothing()
        parts: list[Block | FigureBlock] = []
        frames = []
        for grouping in by:
            city = budget_voters.represented(self.case, self.selections["city"], grouping, self.min_cell)
            if len(city) < 2:
                continue
            proportional = budget_voters.represented(
                self.case, self.selections["equal_shares"], grouping, self.min_cell
            )
            frame = pd.concat(
                [city.assign(rule="city"), proportional.assign(rule="equal_shares")], ignore_index=True
            ).assign(by=grouping)
            frame["label"] = [data_label(g, self.lang) for g in frame["group"]]
            frames.append(frame)
            figure = charts.bars_by_edition(
                frame,
                "label",
                "share",
                series="rule",
                labels=[self._t("reporting.budget.rule.city"), self._t("reporting.budget.rule.equal_shares")],
                title=self._t("reporting.budget.represented.title")
                + f" ({self._t(f'reporting.budget.by.{grouping}')})",
                axis=self._t("reporting.budget.represented.axis"),
                lang=self.lang,
                percent=True,
                caption=self._t("reporting.budget.represented.caption", k=self.min_cell),
            )
            parts.append(FigureBlock(figure, frame))
        data = pd.concat(frames, ignore_index=True) if frames else None
        return Blocks(parts, data=data)

    def beneficiaries(self) -> Blocks:
        """The share of the funded budget going to projects meant for each group of beneficiaries."""
        if not self.available or self.case.projects["beneficiaries"].map(len).sum() == 0:
            return self._nothing()
        frame = budget_power.budget_shares(self.case, self.selections["city"], "beneficiaries")
        frame = frame[frame["key"] != ""].reset_index(drop=True)
        focus = list(budget_voters.FOCUS_BENEFICIARIES)
        frame = (
            frame.assign(
                label=[data_label(k, self.lang) for k in frame["key"]],
                focus=frame["key"].isin(focus),
                _order=[focus.index(k) if k in focus else len(focus) for k in frame["key"]],
            )
            .sort_values(["_order", "key"], kind="stable")
            .drop(columns="_order")
        )
        figure = charts.bars_by_edition(
            frame,
            "label",
            "share",
            title=self._t("reporting.budget.beneficiaries.title"),
            axis=self._t("reporting.budget.col.share"),
            lang=self.lang,
            percent=True,
            caption=self._t("reporting.budget.beneficiaries.caption"),
        )
        return Blocks([FigureBlock(figure, frame.reset_index(drop=True))])

    def turnout(self) -> Blocks:
        """Voters against residents where the population table gives them; else one line: it is absent."""
        if not self.available:
            return self._nothing()
        frame = budget_voters.turnout(self.case, self.min_cell)
        if frame.empty:
            return Blocks(
                [
                    Block(
                        self._note(self._t("reporting.budget.turnout.absent")),
                        self._t("reporting.budget.turnout.absent"),
                        data=frame,
                    )
                ]
            )
        rows = [
            (r.edition, r.territory, self._count(r.voters), self._count(r.population), self._share(r.turnout))
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"reporting.budget.col.{c}")
            for c in ("edition", "district", "voters", "population", "turnout")
        ]
        body = self._heading("reporting.budget.turnout.title") + self._table(header, rows, numeric=(2, 3, 4))
        return Blocks([Block(body, self._t("reporting.budget.turnout.title"), data=frame)])
