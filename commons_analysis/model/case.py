"""The :class:`Case`: the one object every analysis takes.

A case is its metadata (``case.yaml``) and five typed tables, with the optional ones
(participatory budgets, evidence). Analysis modules are pure functions of a
``Case``; they never read files.

Column dtypes (see :mod:`commons_analysis.model.schema`): identifiers and texts are
pandas ``string``; enumerations are categoricals with every canonical value
as a category; dates are ``datetime64[ns]``; numbers ``Float64``; booleans
``boolean``; ``actors.groups`` holds a tuple of tags per actor. Defaults of
docs/design.md §Tables are already applied, ``participation.hours`` included (the event's
duration where the file left it empty; missing when both are).

Example
-------
>>> case = Case.from_frames({"id": "demo"}, actors=pd.DataFrame(
...     {"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "public"]}))
>>> case.actors["sector"].tolist()
['sse', 'public']
>>> len(case.relations)
0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from commons_analysis.model.metadata import CaseMeta
from commons_analysis.model.schema.frames import conform, empty_frame
from commons_analysis.model.schema.tables import CORE_TABLES, TABLES


@dataclass(frozen=True, eq=False)
class Case:
    """A case: metadata and its typed tables (actors, relations, events, participation, decisions…).

    The optional tables are empty for a case without them: participatory budgets
    (budgets, projects, population) and evidence (sources, codings).
    """

    meta: CaseMeta
    actors: pd.DataFrame
    relations: pd.DataFrame = field(default_factory=lambda: empty_frame("relations"))
    events: pd.DataFrame = field(default_factory=lambda: empty_frame("events"))
    participation: pd.DataFrame = field(default_factory=lambda: empty_frame("participation"))
    decisions: pd.DataFrame = field(default_factory=lambda: empty_frame("decisions"))
    #: Participatory budgets (optional): one row per vote, its projects, residents per territory.
    budgets: pd.DataFrame = field(default_factory=lambda: empty_frame("budgets"))
    projects: pd.DataFrame = field(default_factory=lambda: empty_frame("projects"))
    population: pd.DataFrame = field(default_factory=lambda: empty_frame("population"))
    #: Evidence (issue 16): qualitative sources (auditions, interviews, notes, documents) and their codings.
    sources: pd.DataFrame = field(default_factory=lambda: empty_frame("sources"))
    codings: pd.DataFrame = field(default_factory=lambda: empty_frame("codings"))
    #: The folder the case was read from (None for a case built in code).
    path: Path | None = None
    #: Every file the case was read from, for provenance.
    files: tuple[Path, ...] = ()

    def __repr__(self) -> str:
        """One line: the id, the title and the size of each table, never the tables themselves.

        The five core tables always; the optional ones (budgets, projects…) where the case fills them.

        >>> Case.from_frames({"id": "demo", "title": {"fr": "Démo"}}, actors=pd.DataFrame(
        ...     {"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
        <Case demo: Démo; 1 actors, 0 relations, 0 events, 0 participation, 0 decisions>
        """
        title = self.meta.title.text()
        shown = [name for name in TABLES if name in CORE_TABLES or len(self.table(name))]
        sizes = ", ".join(f"{len(self.table(name))} {name}" for name in shown)
        return f"<Case {self.id}{': ' + title if title else ''}; {sizes}>"

    @property
    def id(self) -> str:
        """The case identifier (``case.yaml`` ``id``, equal to the folder name)."""
        return self.meta.id

    def table(self, name: str) -> pd.DataFrame:
        """The table called ``name``."""
        if name not in TABLES:
            raise KeyError(name)
        frame: pd.DataFrame = getattr(self, name)
        return frame

    @classmethod
    def from_frames(cls, meta: CaseMeta | Mapping[str, Any], **tables: pd.DataFrame) -> Case:
        """Build a case from metadata and already valid frames made in code.

        Columns are cast to their typed dtypes and defaults filled; nothing is
        validated (files go through :func:`commons_analysis.load_case`).
        """
        if not isinstance(meta, CaseMeta):
            meta = CaseMeta.model_validate(dict(meta))
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise TypeError(f"unknown tables: {sorted(unknown)}")
        typed = {name: conform(name, frame) for name, frame in tables.items()}
        if "participation" in typed and "events" in typed:
            typed["participation"] = with_default_hours(typed["participation"], typed["events"])
        return cls(meta=meta, **typed)


def participation_hours(case: Case) -> pd.Series:
    """Hours of each participation record: ``hours``, else the event's ``duration_hours``.

    docs/design.md §Tables: ``hours`` defaults to the event's duration. Missing when both are.
    Cases from :func:`~commons_analysis.ingest.loading.load_case` or :meth:`Case.from_frames`
    already hold it; this also serves a case whose tables were edited by hand.
    """
    return with_default_hours(case.participation, case.events)["hours"]


def with_default_hours(participation: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Empty ``hours`` of ``participation`` set to the event's ``duration_hours`` (docs/design.md §Tables)."""
    if not participation["hours"].isna().any():
        return participation
    durations = events.drop_duplicates("event_id").set_index("event_id")["duration_hours"]
    fallback = participation["event_id"].map(durations).astype("Float64")
    return participation.assign(hours=participation["hours"].fillna(fallback))
