"""The report context: everything a report section may show, and nothing else.

A section (:mod:`commons_analysis.reporting.sections`) is a function of a
:class:`ReportContext`; it never sees the case as loaded. The context is
built once per report by :func:`report_context`, the one place where the
privacy rules of docs/design.md §Privacy are applied on the way out:

* ``case`` is the case **as shown**
  (:func:`~commons_analysis.publishing.privacy.display_case`): persons under
  keyed pseudonyms, in every table and free text, unless the case opts in
  (``show_names``);
* ``inclusion`` is the inclusion table with small groups suppressed
  (:func:`~commons_analysis.analysis.inclusion.inclusion_table`, k = ``min_cell``);
* ``indicators`` and ``headlines`` are the published figures, computed once
  from the case as loaded (the same numbers as ``commons-analysis
  indicators``: aggregates, small cells already null).

So a section cannot print a person's name or a small count by mistake: it
has no way to reach them. The case as loaded stays with
:class:`~commons_analysis.reporting.case_report.CaseReport`, which builds the
context and hands it to the sections.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "tiny", "show_names": False},
...     actors=pd.DataFrame({"actor_id": ["ann", "city"], "name": ["Ann Smith", "City"],
...                          "sector": ["citizen", "public"], "kind": ["person", "organisation"]}))
>>> context = report_context(case, lang="en", secret=b"doctest")
>>> "Ann Smith" in context.case.actors["name"].tolist(), context.names["city"]
(False, 'City')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from commons_analysis.analysis.uncertainty import BOOTSTRAP, PERMUTATIONS
from commons_analysis.core.defaults import DEFAULT_LANG, MIN_CELL
from commons_analysis.model.case import Case
from commons_analysis.reporting.text import t


@dataclass(frozen=True, eq=False)
class ReportContext:
    """What the sections of one report may show (see the module docstring); immutable.

    ``case``: the case as shown; ``indicators``: the indicators object
    (docs/design.md §Indicators); ``headlines``: every headline figure by
    dotted key, with its p-value and interval; ``inclusion``: the suppressed
    inclusion table; ``lang``, ``min_cell``, ``seed``, ``permutations``,
    ``bootstrap``: the render's settings; ``parameters``: what the provenance
    footer lists.
    """

    case: Case
    indicators: Mapping[str, Any]
    headlines: Mapping[str, Any]
    inclusion: pd.DataFrame
    lang: str = DEFAULT_LANG
    min_cell: int = MIN_CELL
    seed: int = 0
    permutations: int = PERMUTATIONS
    bootstrap: int = BOOTSTRAP
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """The report string ``key`` in the report's language (:func:`~commons_analysis.reporting.text.t`)."""
        return t(key, self.lang, **values)

    @cached_property
    def names(self) -> dict[str, str]:
        """actor_id → name, both as shown (a person's pseudonym is both, unless the case opts in)."""
        actors = self.case.actors
        ids = actors["actor_id"].astype(str).tolist()
        return dict(zip(ids, actors["name"].astype("string").fillna("").tolist(), strict=True))

    @cached_property
    def sectors(self) -> dict[str, str]:
        """actor_id (as shown) → sector."""
        actors = self.case.actors
        return dict(zip(actors["actor_id"].astype(str), actors["sector"].astype(str), strict=True))

    @cached_property
    def not_applicable(self) -> dict[str, str]:
        """Indicator key → why it does not apply to the case (:func:`.applicability.not_applicable`)."""
        from commons_analysis.analysis.applicability import not_applicable

        return not_applicable(self.case)

    def named(self, frame: pd.DataFrame, column: str = "actor_id", name: str = "name") -> pd.DataFrame:
        """``frame`` with the name of the actor of ``column`` in a column ``name``, the ids as strings.

        >>> context = report_context(Case.from_frames({"id": "x", "show_names": True},
        ...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]})))
        >>> context.named(pd.DataFrame({"actor_id": ["a"]}))["name"].tolist()
        ['A']
        """
        ids = frame[column].astype(str)
        return frame.assign(**{name: ids.map(self.names), column: ids.astype("string")})

    def string_ids(self, frame: pd.DataFrame, columns: tuple[str, ...] = ("actor_id",)) -> pd.DataFrame:
        """``frame`` with its actor id ``columns`` as strings, its index from 0."""
        return frame.assign(**{c: frame[c].astype(str).astype("string") for c in columns}).reset_index(
            drop=True
        )


def report_context(
    case: Case,
    *,
    lang: str = DEFAULT_LANG,
    min_cell: int = MIN_CELL,
    seed: int = 0,
    permutations: int = PERMUTATIONS,
    bootstrap: int = BOOTSTRAP,
    parameters: Mapping[str, Any] | None = None,
    indicators: Mapping[str, Any] | None = None,
    secret: bytes | None = None,
) -> ReportContext:
    """The context of the report on ``case`` (as loaded): the case as shown, the figures, the settings.

    ``indicators``: already computed ones (default: computed here with these
    settings); ``secret``: the pseudonyms' key (default: the project's).
    """
    from commons_analysis.analysis.inclusion import inclusion_table
    from commons_analysis.analysis.indicators import compute_indicators
    from commons_analysis.publishing.privacy import display_case
    from commons_analysis.reporting.compare import headline_values

    t("reporting.report.title", lang)  # fails early on an unknown language
    if indicators is None:
        indicators = compute_indicators(
            case, min_cell=min_cell, permutations=permutations, bootstrap=bootstrap, seed=seed
        )
    return ReportContext(
        case=display_case(case, secret),
        indicators=indicators,
        headlines=headline_values(case, indicators),
        inclusion=inclusion_table(case, min_cell=min_cell, lang=lang, bootstrap=bootstrap, seed=seed),
        lang=lang,
        min_cell=int(min_cell),
        seed=int(seed),
        permutations=int(permutations),
        bootstrap=int(bootstrap),
        parameters=dict(parameters or {}),
    )


__all__ = ["ReportContext", "report_context"]
