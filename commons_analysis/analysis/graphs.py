"""A case's networks as networkx graphs, for notebooks and drawings (docs/design.md §Network, §Brokerage).

The indicators are computed on integer arrays
(:mod:`~commons_analysis.analysis.network`); these graphs carry the same ties
with their attributes added up: the relation ``types``, ``weight``,
``amount_eur`` and the number of ``relations``.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "x"},
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "public"]}),
...     relations=pd.DataFrame({"source": ["b"], "target": ["a"], "type": ["funding"]}))
>>> cooperation_graph(case).number_of_edges(), list(arc_graph(case).edges)
(1, [('b', 'a')])
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from commons_analysis.analysis.network import DateLike, relation_codes, relations_in_force
from commons_analysis.model.case import Case
from commons_analysis.model.schema import DIRECTED_RELATION_TYPES, RELATION_TYPES


def _type_names(mask: int) -> tuple[str, ...]:
    return tuple(name for bit, name in enumerate(RELATION_TYPES) if mask >> bit & 1)


def _aggregate(
    n: int, key_source: np.ndarray, key_target: np.ndarray, relations: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Group relations by ``(key_source, key_target)``: keys, type masks, weights, amounts, counts."""
    keys, inverse = np.unique(key_source * n + key_target, return_inverse=True)
    size = len(keys)
    codes = relations["type"].astype(pd.CategoricalDtype(RELATION_TYPES)).cat.codes.to_numpy(dtype=np.int64)
    masks = np.zeros(size, dtype=np.int64)
    np.bitwise_or.at(masks, inverse, np.left_shift(1, codes))
    weight = relations["weight"].astype("Float64").fillna(0.0).to_numpy(dtype=float)
    amount = relations["amount_eur"].astype("Float64")
    has_amount = amount.notna().to_numpy(dtype=bool)
    # astype(float): bincount of an empty array is int64 whatever the weights, and NaN must fit.
    amounts = np.bincount(inverse, weights=amount.fillna(0.0).to_numpy(dtype=float), minlength=size)
    amounts = amounts.astype(float)
    amounts[np.bincount(inverse, weights=has_amount, minlength=size) == 0] = np.nan
    return (
        keys,
        masks,
        np.bincount(inverse, weights=weight, minlength=size).astype(float),
        amounts,
        np.bincount(inverse, minlength=size),
    )


def _graph_nodes(graph: nx.Graph, case: Case) -> None:
    actors = case.actors
    graph.add_nodes_from(
        (actor_id, {"sector": str(sector), "kind": str(kind), "name": str(name)})
        for actor_id, sector, kind, name in zip(
            actors["actor_id"], actors["sector"], actors["kind"], actors["name"], strict=True
        )
    )


def _edge_data(masks: np.ndarray, weights: np.ndarray, amounts: np.ndarray, counts: np.ndarray):
    for mask, weight, amount, count in zip(masks, weights, amounts, counts, strict=True):
        yield {
            "types": _type_names(int(mask)),
            "weight": float(weight),
            "amount_eur": None if np.isnan(amount) else float(amount),
            "relations": int(count),
        }


def _cooperating_relations(case: Case, as_of: DateLike | None) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Relations in force at ``as_of``, conflicts and self-ties left out, with their actor codes."""
    relations = relations_in_force(case, as_of)
    relations = relations[(relations["type"] != "conflict").to_numpy(dtype=bool)]
    source, target = relation_codes(case, relations)
    keep = source != target
    return relations[keep], source[keep], target[keep]


def _fill_graph(
    graph: nx.Graph, case: Case, first: np.ndarray, second: np.ndarray, relations: pd.DataFrame
) -> None:
    """Add every actor, and one edge per (first, second) pair with the relations' attributes added up."""
    n = len(case.actors)
    keys, masks, weights, amounts, counts = _aggregate(n, first, second, relations)
    ids = case.actors["actor_id"].astype("string").to_numpy(dtype=object)
    _graph_nodes(graph, case)
    graph.add_edges_from(
        (ids[key // n], ids[key % n], data)
        for key, data in zip(keys, _edge_data(masks, weights, amounts, counts), strict=True)
    )


def cooperation_graph(case: Case, as_of: DateLike | None = None) -> nx.Graph:
    """The cooperation network as an undirected networkx graph (docs/design.md §Network).

    Nodes: every actor id, with attributes ``sector``, ``kind``, ``name``.
    An edge joins two actors linked by any relation but ``conflict``, written
    either way; its attributes add up those relations: ``types`` (tuple of
    relation types), ``weight`` (sum), ``amount_eur`` (sum, None if none
    recorded), ``relations`` (count).

    >>> import pandas as pd
    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "public"]}),
    ...     relations=pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"],
    ...                             "type": ["partnership", "funding"]}))
    >>> cooperation_graph(case).edges["a", "b"]["types"]
    ('funding', 'partnership')
    """
    relations, source, target = _cooperating_relations(case, as_of)
    graph = nx.Graph()
    _fill_graph(graph, case, np.minimum(source, target), np.maximum(source, target), relations)
    return graph


def arc_graph(case: Case, as_of: DateLike | None = None) -> nx.DiGraph:
    """The arc graph used for brokerage, as a networkx directed graph (docs/design.md §Brokerage).

    An arc ``a → b`` for each directed relation (membership, governance,
    funding, in_kind, contract: from ``source`` to ``target``), both arcs for
    each symmetric one (partnership, co_construction); conflicts excluded.
    Node and edge attributes as :func:`cooperation_graph`, per arc.

    >>> import pandas as pd
    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "public"]}),
    ...     relations=pd.DataFrame({"source": ["b"], "target": ["a"], "type": ["funding"]}))
    >>> list(arc_graph(case).edges)
    [('b', 'a')]
    """
    relations, source, target = _cooperating_relations(case, as_of)
    symmetric = ~np.isin(relations["type"].astype("string").to_numpy(dtype=object), DIRECTED_RELATION_TYPES)
    both = pd.concat([relations, relations[symmetric]], ignore_index=True)
    graph = nx.DiGraph()
    _fill_graph(
        graph,
        case,
        np.concatenate([source, target[symmetric]]),
        np.concatenate([target, source[symmetric]]),
        both,
    )
    return graph
