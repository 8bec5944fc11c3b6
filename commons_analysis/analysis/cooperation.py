"""Cooperation between public power, commons and the SSE: ties between sectors, flows, who is linked.

Read from the cooperation graph of :mod:`~commons_analysis.analysis.network`
(docs/design.md §Network): a tie between two actors linked by any relation
but ``conflict``; funding and in-kind relations are also flows of
resources, from giver to receiver.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "x"},
...     actors=pd.DataFrame({"actor_id": ["city", "coop"], "name": ["City", "Coop"],
...                          "sector": ["public", "sse"]}),
...     relations=pd.DataFrame({"source": ["city"], "target": ["coop"], "type": ["funding"]}))
>>> sector_tie_matrix(case).loc["public", "sse"], cooperation_ties(case).to_dict("records")
(np.int64(1), [{'source': 'city', 'target': 'coop'}])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from commons_analysis.analysis.mixing import (
    sector_mixing,
    sector_table,
)
from commons_analysis.analysis.network import DateLike, build_network, relations_in_force
from commons_analysis.model.case import Case

#: Relation types whose amounts and weights are flows of resources.
FLOW_TYPES = ("funding", "in_kind")


def sector_tie_matrix(case: Case, as_of: DateLike | None = None) -> pd.DataFrame:
    """Cooperation ties between and within sectors, as a symmetric sector × sector count table.

    Rows and columns are the sectors present among the actors, in the order
    of :data:`~commons_analysis.model.schema.SECTORS`; the diagonal counts ties
    inside a sector.

    >>> import pandas as pd
    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                          "sector": ["public", "sse", "sse"]}),
    ...     relations=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
    ...                             "type": ["funding", "partnership"]}))
    >>> sector_tie_matrix(case).to_dict()
    {'public': {'public': 0, 'sse': 1}, 'sse': {'public': 1, 'sse': 1}}
    """
    net = build_network(case, relations_in_force(case, as_of))
    return sector_table(sector_mixing(net.sectors, net.ties), net.sectors)


def flows(case: Case, as_of: DateLike | None = None) -> pd.DataFrame:
    """Funding and in-kind flows, one row per (source, target, type), giver → receiver.

    Columns: source, target, type, amount_eur (sum; missing when no amount
    was recorded), weight (sum), source_sector, target_sector. Relations
    written twice are added up.

    >>> import pandas as pd
    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["city", "coop"], "name": ["City", "Coop"],
    ...                          "sector": ["public", "sse"]}),
    ...     relations=pd.DataFrame({"source": ["city", "city"], "target": ["coop", "coop"],
    ...                             "type": ["funding", "funding"], "amount_eur": [1000, 500]}))
    >>> flows(case)[["source", "target", "amount_eur"]].to_dict("records")
    [{'source': 'city', 'target': 'coop', 'amount_eur': 1500.0}]
    """
    relations = relations_in_force(case, as_of)
    chosen = relations[relations["type"].isin(FLOW_TYPES)]
    grouped = chosen.groupby(["source", "target", "type"], observed=True, sort=True)
    table = grouped.agg(
        amount_eur=("amount_eur", lambda s: s.sum(min_count=1)), weight=("weight", "sum")
    ).reset_index()
    sector = case.actors.set_index("actor_id")["sector"]
    table = pd.DataFrame(
        {
            "source": table["source"].astype("string"),
            "target": table["target"].astype("string"),
            "type": table["type"].astype(str).astype(case.relations["type"].dtype),
            "amount_eur": table["amount_eur"].astype("Float64"),
            "weight": table["weight"].astype("Float64"),
        }
    )
    table["source_sector"] = table["source"].map(sector).astype(case.actors["sector"].dtype)
    table["target_sector"] = table["target"].map(sector).astype(case.actors["sector"].dtype)
    return table


def network_actors(case: Case, as_of: DateLike | None = None) -> pd.DataFrame:
    """The actors of the cooperation network, with their degree and rank, as a map draws them.

    Without ``as_of``, every actor of the case (isolates included, docs/design.md §Network).
    On a date, the network is made of the actors with at least one cooperation
    tie in force then (see :func:`network_on`). Columns: actor_id, sector,
    kind, degree (ties in force), rank (1 = most ties; equal degrees ordered
    by actor_id), rows in the order of ``case.actors``. A map of a large case
    draws the first ranks only.

    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                          "sector": ["sse", "sse", "public"]}),
    ...     relations=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "type": ["partnership"] * 2,
    ...                             "start": [None, "2020-01-01"]}))
    >>> network_actors(case)[["actor_id", "degree", "rank"]].to_dict("list")
    {'actor_id': ['a', 'b', 'c'], 'degree': [1, 2, 1], 'rank': [2, 1, 3]}
    >>> network_actors(case, "2019-06-30")["actor_id"].tolist()
    ['a', 'b']
    """
    net = build_network(case, relations_in_force(case, as_of))
    degree = np.bincount(net.ties.ravel(), minlength=net.size)
    ids = case.actors["actor_id"].astype("string").reset_index(drop=True)
    order = sorted(range(net.size), key=lambda i: (-int(degree[i]), str(ids[i])))
    rank = np.empty(net.size, dtype=np.int64)
    rank[order] = np.arange(1, net.size + 1)
    frame = pd.DataFrame(
        {
            "actor_id": ids,
            "sector": case.actors["sector"].astype("string").to_numpy(),
            "kind": case.actors["kind"].astype("string").to_numpy(),
            "degree": degree.astype(np.int64),
            "rank": rank,
        }
    )
    if as_of is None:
        return frame
    active = frame[frame["degree"] > 0]
    return active.assign(rank=active["rank"].rank(method="first").astype(np.int64)).reset_index(drop=True)


def cooperation_ties(case: Case, as_of: DateLike | None = None) -> pd.DataFrame:
    """The cooperation ties (in force on ``as_of``): columns source, target, one row per linked pair.

    ``source`` is the actor listed first in ``case.actors``; rows sorted by
    (source, target) ids. These are the edges of :func:`cooperation_graph`.

    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["b", "a"], "name": ["B", "A"], "sector": ["sse", "sse"]}),
    ...     relations=pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"],
    ...                             "type": ["partnership", "funding"]}))
    >>> cooperation_ties(case).to_dict("records")
    [{'source': 'b', 'target': 'a'}]
    """
    net = build_network(case, relations_in_force(case, as_of))
    ids = net.actor_ids.to_numpy(dtype=object)
    pairs = sorted((str(ids[u]), str(ids[v])) for u, v in net.ties)
    return pd.DataFrame(pairs, columns=["source", "target"], dtype="string")
