"""The report of one case: what the cells of ``notebooks/case_report.ipynb`` call, one block per call.

A report cell is one line, ``report.network_map()``; :class:`CaseReport`
holds the case as loaded, builds the report's context
(:func:`~commons_analysis.reporting.context.report_context`: the case as
shown, the published figures, the settings) once, and hands it to the
section modules of :mod:`commons_analysis.reporting.sections`, one per
perspective, which return the blocks (:mod:`blocks`) that Jupyter displays
and that carry the table they show: ``report.lorenz().data``,
``report.lorenz().figure``.

The sections arrange, label and escape; they compute nothing of their own
beyond the tidy frames of ``analysis``. Three rules hold for everything shown:

* **privacy** — sections see only the context: persons by pseudonym unless
  the case opts in (:func:`~commons_analysis.publishing.privacy.display_case`),
  inclusion counts with small groups suppressed
  (:func:`~commons_analysis.analysis.inclusion.inclusion_table`);
* **escaping** — every string that comes from case data is HTML-escaped;
* **determinism** — figure ids are numbered from 1 in each report, layouts are seeded.

A new section (participatory budgets, evidence) is a module of
``sections`` whose functions take ``report.context``, and a cached property
here that calls it (docs/design.md §Report architecture).

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "tiny", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["public", "sse"]}),
...     participation=pd.DataFrame({"event_id": ["e1", "e1", "e2"], "actor_id": ["a", "b", "a"]}))
>>> CaseReport(case, lang="en").lorenz().data["records_share"].round(3).tolist()
[0.0, 0.333, 1.0]
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from commons_analysis.analysis.uncertainty import BOOTSTRAP, PERMUTATIONS
from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, MIN_CELL
from commons_analysis.model.case import Case
from commons_analysis.reporting.blocks import Block, Blocks, FigureBlock, start_report
from commons_analysis.reporting.context import ReportContext, report_context
from commons_analysis.reporting.sections import (
    distant_people,
    glossary,
    network,
    overview,
    practices,
    provenance,
    public_power,
)
from commons_analysis.reporting.sections.distant_people import ATTENDANCE_MAX_EVENTS
from commons_analysis.reporting.sections.network import MAP_MAX_ACTORS, TESTED
from commons_analysis.reporting.sections.provenance import METADATA_KEY
from commons_analysis.reporting.sections.public_power import SUPPORT_KEYS
from commons_analysis.reporting.text import t

if TYPE_CHECKING:
    from commons_analysis.reporting.sections.budgeting import BudgetingSection
    from commons_analysis.reporting.sections.evidence import EvidenceSection


class CaseReport:
    """The report of one case: each method returns what one notebook cell shows.

    ``case``: the case as loaded (validated); ``lang``: ``fr`` or ``en``;
    ``min_cell``: the small-cell threshold of inclusion counts; ``seed``: the
    seed of layouts, sampled estimates, permutations and resamples;
    ``permutations``, ``bootstrap``: the draws of the permutation tests and of
    the 95 % intervals (0 turns them off, and the report says so);
    ``parameters``: what the provenance footer lists (default: these six).
    The figures are computed from the case as loaded, once; everything shown
    is taken from :attr:`context` (pseudonyms, suppressed cells). In a kernel
    that renders a report, bare plotly figures displayed after this are
    routed through the report's display
    (:func:`~commons_analysis.reporting.blocks.use_report_display`).
    """

    def __init__(
        self,
        case: Case,
        *,
        lang: str = DEFAULT_LANG,
        min_cell: int = MIN_CELL,
        seed: int = 0,
        permutations: int = PERMUTATIONS,
        bootstrap: int = BOOTSTRAP,
        parameters: Mapping[str, Any] | None = None,
    ):
        t("reporting.report.title", lang)  # fails early on an unknown language
        self.case = case
        self.lang = lang
        self.min_cell = int(min_cell)
        self.seed = int(seed)
        self.permutations = int(permutations)
        self.bootstrap = int(bootstrap)
        self.parameters = dict(
            parameters
            or {
                "case_id": case.id,
                "lang": lang,
                "min_cell": min_cell,
                "seed": seed,
                "permutations": permutations,
                "bootstrap": bootstrap,
            }
        )
        start_report()

    @cached_property
    def context(self) -> ReportContext:
        """What the sections may show: the case as shown, the figures, the settings (built once)."""
        return report_context(
            self.case,
            lang=self.lang,
            min_cell=self.min_cell,
            seed=self.seed,
            permutations=self.permutations,
            bootstrap=self.bootstrap,
            parameters=self.parameters,
        )

    @property
    def shown(self) -> Case:
        """The case as it may be shown (persons pseudonymized unless ``show_names``)."""
        return self.context.case

    @property
    def indicators(self) -> Mapping[str, Any]:
        """The indicators object of docs/design.md §Indicators."""
        return self.context.indicators

    @property
    def headlines(self) -> Mapping[str, Any]:
        """Every headline indicator by dotted key."""
        return self.context.headlines

    @cached_property
    def names(self) -> dict[str, str]:
        """actor_id as loaded → name as shown, for code that still starts from :attr:`case`.

        A section takes :attr:`context` instead, where ids and names are both as shown.
        """
        ids = self.case.actors["actor_id"].astype(str).tolist()
        return dict(zip(ids, self.shown.actors["name"].astype("string").fillna("").tolist(), strict=True))

    @cached_property
    def shown_ids(self) -> dict[str, str]:
        """actor_id as loaded → actor_id as shown (the pseudonym for persons unless the case opts in)."""
        ids = self.case.actors["actor_id"].astype(str).tolist()
        return dict(zip(ids, self.shown.actors["actor_id"].astype(str).tolist(), strict=True))

    @cached_property
    def budgeting(self) -> BudgetingSection:
        """The participatory budget blocks (:mod:`~commons_analysis.reporting.sections.budgeting`)."""
        from commons_analysis.reporting.sections.budgeting import BudgetingSection

        return BudgetingSection(self.context)

    @cached_property
    def evidence(self) -> EvidenceSection:
        """What the sources say (issue 16): ``report.evidence.excerpts("public_power")``…

        :mod:`~commons_analysis.reporting.sections.evidence` of this report.
        """
        from commons_analysis.reporting.sections.evidence import EvidenceSection

        return EvidenceSection(self.context)

    # -- at a glance: sections.overview ------------------------------------------------

    def banner(self) -> Block | None:
        """The banner of an illustrative case (None for documented data).

        :func:`.sections.overview.banner` of this report.
        """
        return overview.banner(self.context)

    def at_a_glance(self) -> Blocks:
        """Title, banner (illustrative data), then place, period, legal form, summary and sources.

        :func:`.sections.overview.at_a_glance` of this report.
        """
        return overview.at_a_glance(self.context)

    def mapping(self) -> Blocks:
        """How this case was built from public records (``mapping`` of ``case.yaml``), topic by topic.

        :func:`.sections.overview.mapping` of this report.
        """
        return overview.mapping(self.context)

    def section(self, perspective: str) -> Block:
        """Heading of a perspective, the question it answers, and its headline figures.

        :func:`.sections.overview.section` of this report.
        """
        return overview.section(self.context, perspective)

    # -- the cooperation network: sections.network -------------------------------------

    def network_map(self, positions: pd.DataFrame | None = None, *, as_of: object = None) -> Blocks:
        """The cooperation network, coloured by sector, seeded layout, hover details.

        :func:`.sections.network.network_map` of this report.
        """
        return network.network_map(self.context, positions, as_of=as_of)

    def sector_ties(self) -> Blocks:
        """Heatmap of cooperation ties between sectors, then the E-I index and assortativity against chance.

        :func:`.sections.network.sector_ties` of this report.
        """
        return network.sector_ties(self.context)

    def chance(self) -> Block:
        """The E-I index and the sector assortativity against what chance alone gives, one sentence each.

        :func:`.sections.network.chance` of this report.
        """
        return network.chance(self.context)

    def brokers(self, top: int = 10) -> Block:
        """The ``top`` actors with the most brokerage, their roles and z-scores (Gould & Fernandez).

        :func:`.sections.network.brokers` of this report.
        """
        return network.brokers(self.context, top)

    def network_over_time(self) -> FigureBlock | Block:
        """The network of each year, made of the actors with a relation in force that year.

        :func:`.sections.network.network_over_time` of this report.
        """
        return network.network_over_time(self.context)

    def coparticipation(self) -> Blocks:
        """The co-participation network: actors linked by the events they shared, across sectors.

        :func:`.sections.network.coparticipation` of this report.
        """
        return network.coparticipation(self.context)

    # -- public power: sections.public_power -------------------------------------------

    def flows(self) -> FigureBlock | Block:
        """Sankey of funding and in-kind flows, giver → receiver.

        :func:`.sections.public_power.flows` of this report.
        """
        return public_power.flows(self.context)

    def initiative(self) -> FigureBlock | Block:
        """Share of decisions initiated by each sector; ``.data``: sector, decisions, share.

        :func:`.sections.public_power.initiative` of this report.
        """
        return public_power.initiative(self.context)

    def support(self) -> Blocks | Block:
        """Who supports whose proposals: the support network's figures, then the most supported initiators.

        :func:`.sections.public_power.support` of this report.
        """
        return public_power.support(self.context)

    # -- people far from public action: sections.distant_people ------------------------

    def attendance(self) -> FigureBlock | Block:
        """Participants per event over time, newcomers apart.

        :func:`.sections.distant_people.attendance` of this report.
        """
        return distant_people.attendance(self.context)

    def turnout(self) -> FigureBlock | Block:
        """Those entitled to take part in each event and those who did (ballots, general assemblies).

        :func:`.sections.distant_people.turnout` of this report.
        """
        return distant_people.turnout(self.context)

    def lorenz(self) -> FigureBlock | Block:
        """The Lorenz curve of participation records and its Gini coefficient with its 95 % interval.

        :func:`.sections.distant_people.lorenz` of this report.
        """
        return distant_people.lorenz(self.context)

    def inclusion(self) -> Blocks:
        """Groups among participating persons against the population; suppressed groups marked so.

        :func:`.sections.distant_people.inclusion` of this report.
        """
        return distant_people.inclusion(self.context)

    def hours(self) -> FigureBlock | Block:
        """Participation hours by role, paid and unpaid; ``.data``: role, paid, records, hours.

        :func:`.sections.distant_people.hours` of this report.
        """
        return distant_people.hours(self.context)

    # -- practices and tools: sections.practices ---------------------------------------

    def decision_rules(self) -> Blocks | Block:
        """Decisions per year and rule; ``.data``: year, rule, decisions.

        :func:`.sections.practices.decision_rules` of this report.
        """
        return practices.decision_rules(self.context)

    def open_events(self) -> FigureBlock | Block:
        """Open and closed events per kind; ``.data``: kind, open, events.

        :func:`.sections.practices.open_events` of this report.
        """
        return practices.open_events(self.context)

    def facilitation(self) -> FigureBlock | Block:
        """Events facilitated by each facilitator, with the rotation indicator.

        :func:`.sections.practices.facilitation` of this report.
        """
        return practices.facilitation(self.context)

    def ostrom(self) -> Blocks:
        """Radar of Ostrom's principles as coded, with the evidence; ``.data``: principle, score, evidence.

        :func:`.sections.practices.ostrom` of this report.
        """
        return practices.ostrom(self.context)

    def arnstein(self) -> Blocks:
        """Arnstein's ladder with the case's rung, and the evidence; ``.data``: the coding (one row).

        :func:`.sections.practices.arnstein` of this report.
        """
        return practices.arnstein(self.context)

    def glossary(self) -> Block:
        """The technical words of the report and what they mean.

        :func:`.sections.glossary.glossary` in this report's language.
        """
        return glossary.glossary(self.lang)

    # -- provenance: sections.provenance -----------------------------------------------

    def index_entry(self) -> dict[str, Any]:
        """What the index page shows for this report (JSON-ready).

        :func:`.sections.provenance.index_entry` of this report.
        """
        return provenance.index_entry(self.context)

    def provenance(self) -> Block:
        """Footer: version, git commit, lock file, software, data files' SHA-256, parameters, render date.

        :func:`.sections.provenance.provenance` of this report.
        """
        return provenance.provenance(self.context)


def open_report(
    case_id: str,
    data_dir: str | os.PathLike[str] = DEFAULT_DATA_DIR,
    *,
    lang: str = DEFAULT_LANG,
    min_cell: int = MIN_CELL,
    seed: int = 0,
    permutations: int = PERMUTATIONS,
    bootstrap: int = BOOTSTRAP,
) -> CaseReport:
    """Load and validate a case and open its report.

    ``case_id``: an id under ``data_dir``, or a case folder; ``lang``,
    ``min_cell``, ``seed``, ``permutations``, ``bootstrap``: as
    :class:`CaseReport`. Raises :class:`~commons_analysis.core.errors.CaseError`
    with every problem of an invalid case.
    """
    from commons_analysis.ingest.loading import load_case, resolve_case

    case = load_case(resolve_case(str(case_id), Path(data_dir)))
    settings: dict[str, Any] = {
        "lang": lang, "min_cell": min_cell, "seed": seed, "permutations": permutations, "bootstrap": bootstrap
    }  # fmt: skip
    parameters = {"case_id": case.id, "data_dir": str(data_dir), **settings}  # the footer names the folder
    return CaseReport(case, parameters=parameters, **settings)


__all__ = [
    "ATTENDANCE_MAX_EVENTS",
    "MAP_MAX_ACTORS",
    "METADATA_KEY",
    "SUPPORT_KEYS",
    "TESTED",
    "CaseReport",
    "open_report",
]
