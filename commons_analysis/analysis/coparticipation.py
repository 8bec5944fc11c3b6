"""Co-participation network: actors linked by the events they attended together.

Many cases record events and who took part far better than formal relations.
The participation table is a two-mode network (actors × events); its
one-mode projection links two actors when they took part in at least one
common event, weighted by the number of events they share (Breiger 1974,
*The duality of persons and groups*, Social Forces 53(2); Newman 2001,
*Scientific collaboration networks*, Phys. Rev. E 64, 016131).

Nodes are the participating actors (at least one participation record): an
actor who never attended an event has no place in this network. Headline
indicators are those of the cooperation network
(:func:`commons_analysis.analysis.mixing.headline_indicators`: actors, ties, density,
components, E-I index, sector assortativity, sector_ties), computed on the
unweighted projection, plus the mean number of shared events per tie.

The projection is a sparse product ``B Bᵀ`` of the actor × event incidence
matrix: its cost grows with ``Σ_e p_e²`` over events of ``p_e``
participants, so an event of 1,000 people alone gives 500,000 ties. The
indicators are accumulated block by block in bounded memory; the networkx
graph holds every tie and is meant for cases of human size.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> case = Case.from_frames({"id": "x"},
...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
...                          "sector": ["sse", "public", "sse"]}),
...     events=pd.DataFrame({"event_id": ["e1", "e2"], "date": ["2020-01-01", "2020-02-01"],
...                          "kind": ["assembly", "assembly"]}),
...     participation=pd.DataFrame({"event_id": ["e1", "e1", "e2", "e2"], "actor_id": ["a", "b", "a", "b"]}))
>>> coparticipation_graph(case).edges["a", "b"]["weight"]
2
>>> coparticipation_indicators(case)["actors"]
2
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import coo_array, csr_array
from scipy.sparse.csgraph import connected_components

from commons_analysis.analysis.mixing import headline_of_mixing, sector_table
from commons_analysis.analysis.network import actor_sector_codes
from commons_analysis.model.case import Case
from commons_analysis.model.schema.vocabularies import SECTORS

#: Upper bound on the pairs (actor, actor) computed at once (memory ≈ 50 bytes each).
PAIR_CHUNK = 4_000_000


@dataclass(frozen=True)
class Projection:
    """The co-participation network as arrays.

    ``participants`` are the actor codes (positions in ``case.actors``) of
    the nodes; ``ties`` the edges ``(i, j)``, ``i < j``, as positions in
    ``participants``; ``weights`` the number of events each pair shares.
    """

    participants: np.ndarray
    ties: np.ndarray
    weights: np.ndarray


def incidence_matrix(case: Case) -> tuple[csr_array, np.ndarray]:
    """The participant × event incidence matrix (0/1) and the actor code of each row.

    A record repeated for the same event and actor counts once. Raises
    ``ValueError`` when a record names an actor that is not in ``actors``.
    """
    records = case.participation
    actor_ids = pd.Index(case.actors["actor_id"].astype("string"))
    actor = actor_ids.get_indexer(records["actor_id"].astype("string"))
    if (actor < 0).any():
        unknown = sorted(map(str, set(records["actor_id"][actor < 0])))[:10]
        raise ValueError(f"participation names unknown actors: {unknown}")
    event, _ = pd.factorize(records["event_id"].astype("string"))
    participants, node = np.unique(actor, return_inverse=True)
    incidence = coo_array(
        (np.ones(len(node), dtype=np.int64), (node, event)),
        shape=(len(participants), int(event.max()) + 1 if len(event) else 0),
    ).tocsr()
    incidence.data[:] = 1  # duplicate records were summed by the conversion
    return incidence, participants


def shared_event_blocks(
    incidence: csr_array, chunk: int | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Pairs ``(i, j)``, ``i < j``, of rows sharing events, with the number shared, block by block.

    Rows are taken in blocks whose products ``B[rows] Bᵀ`` hold at most about
    ``chunk`` (default :data:`PAIR_CHUNK`) entries, so memory stays bounded
    whatever the number of ties.
    """
    chunk = chunk or PAIR_CHUNK
    by_event = incidence.T.tocsr()
    cost = np.cumsum(incidence @ np.diff(by_event.indptr))
    start = 0
    while start < incidence.shape[0]:
        budget = (cost[start - 1] if start else 0) + chunk
        stop = max(int(np.searchsorted(cost, budget, side="right")), start + 1)
        block = (incidence[start:stop] @ by_event).tocoo()
        rows = block.row.astype(np.int64) + start
        cols = block.col.astype(np.int64)
        upper = cols > rows
        yield rows[upper], cols[upper], block.data[upper].astype(np.int64)
        start = stop


def project(case: Case) -> Projection:
    """Project the actor × event participation records onto actors (all ties in memory).

    >>> import pandas as pd
    >>> from commons_analysis.model.case import Case
    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "sse"]}),
    ...     participation=pd.DataFrame({"event_id": ["e", "e"], "actor_id": ["b", "a"]}))
    >>> project(case).ties.tolist(), project(case).weights.tolist()
    ([[0, 1]], [1])
    """
    incidence, participants = incidence_matrix(case)
    rows, cols, weights = (
        [np.zeros(0, dtype=np.int64)],
        [np.zeros(0, dtype=np.int64)],
        [np.zeros(0, np.int64)],
    )
    for block_rows, block_cols, block_weights in shared_event_blocks(incidence):
        order = np.lexsort((block_cols, block_rows))
        rows.append(block_rows[order])
        cols.append(block_cols[order])
        weights.append(block_weights[order])
    ties = np.column_stack([np.concatenate(rows), np.concatenate(cols)])
    return Projection(participants=participants, ties=ties, weights=np.concatenate(weights))


def coparticipation_graph(case: Case) -> nx.Graph:
    """The co-participation network as a networkx graph.

    Nodes: participating actor ids with attributes ``sector``, ``kind``,
    ``name``; edge attribute ``weight`` = number of events both attended.
    Names are the case's: apply ``privacy.display_case`` first to show
    persons by pseudonym.
    """
    projection = project(case)
    actors = case.actors.iloc[projection.participants]
    ids = actors["actor_id"].astype("string").to_numpy(dtype=object)
    graph = nx.Graph()
    graph.add_nodes_from(
        (actor_id, {"sector": str(sector), "kind": str(kind), "name": str(name)})
        for actor_id, sector, kind, name in zip(
            ids, actors["sector"], actors["kind"], actors["name"], strict=True
        )
    )
    graph.add_edges_from(
        (ids[i], ids[j], {"weight": int(weight)})
        for (i, j), weight in zip(projection.ties, projection.weights, strict=True)
    )
    return graph


def coparticipation_indicators(case: Case) -> dict[str, Any]:
    """Headline indicators of the co-participation network.

    Keys: actors (participating actors), ties, density, components, ei_index,
    sector_assortativity, sector_ties (as the cooperation network, on the
    unweighted projection) and mean_shared_events (mean weight of a tie;
    None without ties). Undefined values are None. Ties are counted block
    by block (:func:`shared_event_blocks`), never all held in memory;
    components are those of the two-mode actor–event graph, which links the
    same actors.
    """
    incidence, participants = incidence_matrix(case)
    mixing, shared = _sector_mixing(incidence, actor_sector_codes(case)[participants])
    result = headline_of_mixing(len(participants), _components(incidence), mixing)
    result["mean_shared_events"] = shared / result["ties"] if result["ties"] else None
    return result


def _sector_mixing(incidence: csr_array, sectors: np.ndarray) -> tuple[np.ndarray, int]:
    """(mixing matrix, events shared in all) of the projection's ties, added up block by block.

    The mixing matrix is :func:`~commons_analysis.analysis.mixing.sector_mixing`'s
    over the ties of :func:`shared_event_blocks`; ``sectors`` holds the sector
    code of each row of ``incidence``.
    """
    k = len(SECTORS)
    mixing = np.zeros((k, k), dtype=np.int64)
    shared = 0
    for rows, cols, weights in shared_event_blocks(incidence):
        a, b = sectors[rows], sectors[cols]
        mixing += np.bincount(np.concatenate([a * k + b, b * k + a]), minlength=k * k).reshape(k, k)
        shared += int(weights.sum())
    return mixing, shared


def _components(incidence: csr_array) -> int:
    """Connected components of the participants, through the events they share."""
    n_actors, n_events = incidence.shape
    if n_actors == 0:
        return 0
    two_mode = coo_array(incidence)
    adjacency = coo_array(
        (two_mode.data, (two_mode.row, two_mode.col + n_actors)), shape=(n_actors + n_events,) * 2
    ).tocsr()
    _, labels = connected_components(adjacency, directed=False)
    return len(np.unique(labels[:n_actors]))


def coparticipation_sector_matrix(case: Case) -> pd.DataFrame:
    """Pairs of actors who met, between and within sectors: a symmetric sector × sector count table.

    The co-participation counterpart of
    :func:`~commons_analysis.analysis.cooperation.sector_tie_matrix`: cell (k, l)
    counts the pairs of participating actors of sectors k and l who took part in
    at least one common event; the diagonal counts the pairs within a sector.
    Rows and columns are the sectors of the participating actors, in the order
    of :data:`~commons_analysis.model.schema.SECTORS`. Off the diagonal, the cells
    add up to the ``sector_ties`` of :func:`coparticipation_indicators`.

    >>> import pandas as pd
    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                          "sector": ["sse", "public", "sse"]}),
    ...     participation=pd.DataFrame({"event_id": ["e1", "e1", "e1"], "actor_id": ["a", "b", "c"]}))
    >>> coparticipation_sector_matrix(case).to_dict()
    {'public': {'public': 0, 'sse': 2}, 'sse': {'public': 2, 'sse': 1}}
    """
    incidence, participants = incidence_matrix(case)
    sectors = actor_sector_codes(case)[participants]
    mixing, _ = _sector_mixing(incidence, sectors)
    return sector_table(mixing, sectors)
