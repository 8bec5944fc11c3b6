"""Actor networks of a case: cooperation ties, sectors, brokerage and centrality.

Two graphs are read from ``case.relations`` (docs/design.md §Network
and §Brokerage):

- the **cooperation graph**: undirected and simple, one node per actor
  (isolates included), an edge between two actors when any relation other
  than ``conflict`` links them, written either way and any number of times;
- the **arc graph**: directed, an arc ``a → b`` for each directed relation
  (membership, governance, funding, in_kind, contract, from the first actor
  to the second) and both arcs for symmetric ones (partnership,
  co_construction), conflicts excluded.

Both can be restricted to the relations in force on a date (``as_of``): a
relation counts when ``start <= as_of <= end``, a missing bound being open.

Indicators are computed on integer arrays (one code per actor, in the order
of ``case.actors``), never on networkx objects, so that 100,000 actors and
1,000,000 relations take seconds; :func:`~commons_analysis.analysis.graphs.cooperation_graph` and
:func:`~commons_analysis.analysis.graphs.arc_graph` give networkx graphs for notebooks and drawings.

Names are the case's: apply ``privacy.display_case`` before showing anything.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames(
...     {"id": "demo"},
...     actors=pd.DataFrame({"actor_id": ["city", "coop", "assoc"], "name": ["City", "Coop", "Assoc"],
...                          "sector": ["public", "sse", "commons"]}),
...     relations=pd.DataFrame({"source": ["city", "coop"], "target": ["coop", "assoc"],
...                             "type": ["funding", "partnership"]}))
>>> indicators = network_indicators(case)
>>> indicators["ties"], indicators["ei_index"], indicators["brokerage"]["liaison"]
(2, 1.0, 1)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from commons_analysis.analysis import brokerage as gf
from commons_analysis.analysis.centrality import normalized_betweenness
from commons_analysis.analysis.mixing import (
    headline_indicators,
)
from commons_analysis.model.case import Case
from commons_analysis.model.schema.vocabularies import DIRECTED_RELATION_TYPES, SECTORS

DateLike: TypeAlias = str | dt.date | dt.datetime | pd.Timestamp


# --------------------------------------------------------------------------- relations as arrays


def relations_in_force(case: Case, as_of: DateLike | None = None) -> pd.DataFrame:
    """The relations whose period contains ``as_of`` (all of them when ``as_of`` is None).

    A relation is in force on ``as_of`` when ``start <= as_of <= end``; a
    missing ``start`` or ``end`` leaves that side open.

    >>> import pandas as pd
    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "sse"]}),
    ...     relations=pd.DataFrame({"source": ["a", "a"], "target": ["b", "b"],
    ...                             "type": ["funding", "contract"],
    ...                             "start": ["2015-01-01", "2018-01-01"], "end": ["2016-12-31", None]}))
    >>> relations_in_force(case, "2017-06-01")["type"].tolist()
    []
    >>> relations_in_force(case, "2018-06-01")["type"].tolist()
    ['contract']
    """
    relations = case.relations
    if as_of is None:
        return relations
    day = pd.Timestamp(as_of)
    return relations[overlaps(relations, day, day)]


def overlaps(relations: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> np.ndarray:
    """Whether each relation's [start, end] meets [first, last] (missing bounds are open)."""
    starts_before = (relations["start"].isna() | (relations["start"] <= last)).to_numpy(dtype=bool)
    ends_after = (relations["end"].isna() | (relations["end"] >= first)).to_numpy(dtype=bool)
    return starts_before & ends_after


@dataclass(frozen=True)
class Network:
    """A case's network as arrays of actor codes (positions in ``case.actors``).

    ``ties`` are the cooperation edges ``(u, v)`` with ``u < v``; ``arcs``
    the distinct arcs ``(source, target)`` of the arc graph; ``conflicts``
    the unordered pairs ``(u, v)``, ``u < v``, linked by a conflict;
    ``sectors`` the code of each actor's sector in :data:`~commons_analysis.model.schema.SECTORS`.
    """

    actor_ids: pd.Index
    sectors: np.ndarray
    ties: np.ndarray
    arcs: np.ndarray
    conflicts: np.ndarray

    @property
    def size(self) -> int:
        """Number of actors."""
        return len(self.actor_ids)


def actor_sector_codes(case: Case) -> np.ndarray:
    """Code of each actor's sector, as its position in :data:`~commons_analysis.model.schema.SECTORS`.

    >>> import pandas as pd
    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"],
    ...                          "sector": ["public", "commons"]}))
    >>> actor_sector_codes(case).tolist()
    [1, 0]
    """
    sectors = case.actors["sector"].astype(pd.CategoricalDtype(list(SECTORS)))
    codes = sectors.cat.codes.to_numpy(dtype=np.int64)
    if (codes < 0).any():
        raise ValueError("every actor needs a sector among " + ", ".join(SECTORS))
    return codes


def relation_codes(case: Case, relations: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Actor codes of the ``source`` and ``target`` of each relation.

    Raises ``ValueError`` naming the ids that are not actors (validation
    reports them for cases read from files).
    """
    actor_ids = pd.Index(case.actors["actor_id"].astype("string"))
    source = actor_ids.get_indexer(relations["source"].astype("string"))
    target = actor_ids.get_indexer(relations["target"].astype("string"))
    unknown = (source < 0) | (target < 0)
    if unknown.any():
        missing = set(relations["source"][source < 0]) | set(relations["target"][target < 0])
        raise ValueError(f"relations name unknown actors: {sorted(map(str, missing))[:10]}")
    return source.astype(np.int64), target.astype(np.int64)


def unique_pairs(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distinct unordered pairs ``(min, max)`` of ``a[i], b[i]``, self-pairs dropped, shape ``(m, 2)``."""
    keep = a != b
    low = np.minimum(a[keep], b[keep])
    high = np.maximum(a[keep], b[keep])
    keys = gf.distinct(low * n + high)
    return np.column_stack([keys // n, keys % n])


def build_network(case: Case, relations: pd.DataFrame | None = None) -> Network:
    """The arrays of the cooperation and arc graphs, from ``relations`` (default: all of the case's).

    Self-relations are ignored: they link no two actors.
    """
    if relations is None:
        relations = case.relations
    source, target = relation_codes(case, relations)
    kind = relations["type"].astype("string").to_numpy(dtype=object)
    return assemble_network(case, source, target, kind)


def assemble_network(case: Case, source: np.ndarray, target: np.ndarray, kind: np.ndarray) -> Network:
    """:class:`Network` from the actor codes and types of the relations."""
    n = len(case.actors)
    conflict = kind == "conflict"
    directed = np.isin(kind, DIRECTED_RELATION_TYPES)
    symmetric = ~directed & ~conflict
    arc_source = np.concatenate([source[directed | symmetric], target[symmetric]])
    arc_target = np.concatenate([target[directed | symmetric], source[symmetric]])
    arcs = np.column_stack(gf.unique_arcs(n, arc_source, arc_target))
    return Network(
        actor_ids=pd.Index(case.actors["actor_id"].astype("string")),
        sectors=actor_sector_codes(case),
        ties=unique_pairs(n, source[~conflict], target[~conflict]),
        arcs=arcs,
        conflicts=unique_pairs(n, source[conflict], target[conflict]),
    )


# --------------------------------------------------------------------------- headline indicators


def built_network_indicators(net: Network) -> dict[str, Any]:
    """The headline indicators, conflict ties and brokerage roles of a network already built."""
    result = headline_indicators(net.sectors, net.ties)
    result["conflict_ties"] = len(net.conflicts)
    counts = gf.role_counts(net.arcs[:, 0], net.arcs[:, 1], net.sectors, len(SECTORS))
    result["brokerage"] = {role: int(total) for role, total in zip(gf.ROLES, counts.sum(axis=0), strict=True)}
    return result


def network_indicators(case: Case, as_of: DateLike | None = None, seed: int = 0) -> dict[str, Any]:
    """The ``network`` indicators (docs/design.md §Network), on the relations in force on ``as_of``.

    Keys: actors, ties, density, components, ei_index, sector_assortativity,
    sector_ties, conflict_ties, brokerage (totals of the five Gould–Fernandez
    roles). Undefined values are None. ``seed`` is accepted for symmetry with
    the other indicator functions: none of these values is sampled.
    """
    del seed
    return built_network_indicators(build_network(case, relations_in_force(case, as_of)))


# --------------------------------------------------------------------------- per actor


def actor_table(case: Case, seed: int = 0, as_of: DateLike | None = None) -> pd.DataFrame:
    """One row per actor: degree, normalized betweenness and Gould–Fernandez brokerage.

    Columns: actor_id, name, sector, kind, degree (cooperation ties),
    betweenness (normalized, on the cooperation graph; see
    :mod:`~commons_analysis.analysis.centrality`), the five role counts
    (coordinator, itinerant, representative, gatekeeper, liaison), and for
    each role ``<role>_expected`` and ``<role>_z``, as ``sna::brokerage``'s
    ``exp.nli`` and ``z.nli`` (:func:`~commons_analysis.analysis.brokerage.role_moments`).
    Undefined values are missing (``<NA>``). ``attrs["betweenness_sources"]``
    is None when betweenness is exact, else the number of sampled sources
    (drawn with ``seed``). Names are the case's: apply
    ``privacy.display_case`` first to show persons by pseudonym.
    """
    net = build_network(case, relations_in_force(case, as_of))
    n = net.size
    table = case.actors[["actor_id", "name", "sector", "kind"]].reset_index(drop=True).copy()
    table["actor_id"] = table["actor_id"].astype("string")
    table["name"] = table["name"].astype("string")
    degree = np.bincount(net.ties.ravel(), minlength=n)
    table["degree"] = pd.array(degree, dtype="Int64")
    between = normalized_betweenness(n, net.ties[:, 0], net.ties[:, 1], seed=seed)
    values = between.values if between.values is not None else np.full(n, np.nan)
    table["betweenness"] = pd.array(values, dtype="Float64")
    result = gf.brokerage(net.arcs[:, 0], net.arcs[:, 1], net.sectors, len(SECTORS))
    for i, role in enumerate(gf.ROLES):
        table[role] = pd.array(result.counts[:, i], dtype="Int64")
    for i, role in enumerate(gf.ROLES):
        table[f"{role}_expected"] = _float_or_na(result.expected[:, i])
        table[f"{role}_z"] = _float_or_na(result.z[:, i])
    table.attrs["betweenness_sources"] = between.sources
    return table


def _float_or_na(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """A Float64 array with NaN turned into ``<NA>`` (undefined, not a number)."""
    # A NaN coming from numpy is taken as missing by the masked Float64 array.
    return pd.array(np.asarray(values, dtype=float), dtype="Float64")


def brokers(case: Case, seed: int = 0) -> pd.DataFrame:
    """The actors holding at least one Gould–Fernandez brokerage role, most roles first.

    The rows of :func:`actor_table` with a ``brokerage`` column added: the
    number of two-paths the actor brokers, all five roles together. Sorted by
    brokerage (descending), then actor_id.

    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                          "sector": ["public", "sse", "commons"]}),
    ...     relations=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "type": ["funding"] * 2}))
    >>> brokers(case)[["actor_id", "liaison", "brokerage"]].to_dict("records")
    [{'actor_id': 'b', 'liaison': 1, 'brokerage': 1}]
    """
    table = actor_table(case, seed=seed)
    total = table[list(gf.ROLES)].fillna(0).astype(np.int64).sum(axis=1)
    table = table.assign(brokerage=total)[total > 0]
    return table.sort_values(["brokerage", "actor_id"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
