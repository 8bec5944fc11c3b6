"""Sector mixing of a graph: density, components, E-I index, assortativity and ties per pair of sectors.

Every indicator here is a function of a graph's nodes (one sector code per
node, a position in :data:`~commons_analysis.model.schema.SECTORS`) and its
distinct undirected ties ``(u, v)``, ``u < v`` — most of them through the
sector mixing matrix (Newman 2003, *Mixing patterns in networks*), so that
they can be accumulated chunk by chunk
(:mod:`~commons_analysis.analysis.coparticipation`). docs/design.md §Network.

Example
-------
>>> import numpy as np
>>> headline = headline_indicators(np.array([0, 0, 1]), np.array([[0, 1], [1, 2]]))
>>> headline["ties"], headline["ei_index"], headline["sector_ties"]
(2, 0.0, {'commons|commons': 1, 'commons|public': 1})
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from commons_analysis.model.schema import SECTORS

#: Keys of the headline indicators shared by the cooperation and co-participation networks.
HEADLINE_KEYS = ("actors", "ties", "density", "components", "ei_index", "sector_assortativity", "sector_ties")


def density(n_nodes: int, n_ties: int) -> float | None:
    """Density of an undirected simple graph, ``2·ties / (n (n − 1))``; None below two nodes.

    >>> density(4, 3)
    0.5
    """
    if n_nodes < 2:
        return None
    return 2 * n_ties / (n_nodes * (n_nodes - 1))


def component_count(n_nodes: int, ties: np.ndarray) -> int:
    """Number of connected components, isolates counting one each.

    >>> import numpy as np
    >>> component_count(4, np.array([[0, 1]]))
    3
    """
    if n_nodes == 0:
        return 0
    matrix = coo_array(
        (np.ones(len(ties), dtype=np.int8), (ties[:, 0], ties[:, 1])), shape=(n_nodes, n_nodes)
    ).tocsr()
    count, _ = connected_components(matrix, directed=False)
    return int(count)


def sector_mixing(sectors: np.ndarray, ties: np.ndarray) -> np.ndarray:
    """Mixing matrix of sectors: ``M[k, l]`` tie ends from sector ``k`` to ``l``, each tie counted both ways.

    A ``K × K`` symmetric integer matrix over :data:`~commons_analysis.model.schema.SECTORS`
    (a tie inside sector ``k`` adds 2 to ``M[k, k]``; Newman 2003). The
    sector indicators below are functions of it, so that they can also be
    accumulated chunk by chunk (:mod:`~commons_analysis.analysis.coparticipation`).

    >>> import numpy as np
    >>> sector_mixing(np.array([0, 0, 1]), np.array([[0, 1], [1, 2]]))[:2, :2].tolist()
    [[2, 1], [1, 0]]
    """
    k = len(SECTORS)
    a, b = sectors[ties[:, 0]], sectors[ties[:, 1]]
    return np.bincount(np.concatenate([a * k + b, b * k + a]), minlength=k * k).reshape(k, k)


def ei_index(sectors: np.ndarray, ties: np.ndarray) -> float | None:
    """Krackhardt & Stern's E-I index ``(E − I) / (E + I)`` over ties; None without ties.

    ``E`` counts ties between actors of different sectors, ``I`` within one
    sector (Krackhardt & Stern 1988, *Informal networks and organizational
    crises*, Social Psychology Quarterly 51(2)). −1: all ties inside sectors;
    +1: all across.

    >>> import numpy as np
    >>> ei_index(np.array([0, 0, 1]), np.array([[0, 1], [1, 2]]))
    0.0
    """
    return ei_index_of_mixing(sector_mixing(sectors, ties))


def ei_index_of_mixing(mixing: np.ndarray) -> float | None:
    """:func:`ei_index` from a mixing matrix (:func:`sector_mixing`)."""
    ties = int(mixing.sum()) // 2
    if ties == 0:
        return None
    internal = int(np.trace(mixing)) // 2
    return (ties - 2 * internal) / ties


def sector_assortativity(sectors: np.ndarray, ties: np.ndarray) -> float | None:
    """Newman's assortativity coefficient of a nominal attribute, ``r = (Σ e_ii − Σ a_i²) / (1 − Σ a_i²)``.

    ``e_ij`` is the share of tie ends joining sector ``i`` to sector ``j``
    (each tie counted both ways) and ``a_i = Σ_j e_ij`` (Newman 2003, *Mixing
    patterns in networks*, Phys. Rev. E 67, 026126). Equals networkx's
    ``attribute_assortativity_coefficient``. None without ties or when every
    tie end is in one sector (0/0).

    >>> import numpy as np
    >>> sector_assortativity(np.array([0, 0, 1, 1]), np.array([[0, 1], [2, 3]]))
    1.0
    """
    return assortativity_of_mixing(sector_mixing(sectors, ties))


def assortativity_of_mixing(mixing: np.ndarray) -> float | None:
    """:func:`sector_assortativity` from a mixing matrix (:func:`sector_mixing`)."""
    total = mixing.sum()
    if total == 0:
        return None
    shares = mixing / total
    marginal = shares.sum(axis=1)
    expected = float(marginal @ marginal)
    if np.isclose(expected, 1.0):
        return None
    return float((np.trace(shares) - expected) / (1 - expected))


def sector_pair_key(first: str, second: str) -> str:
    """Key of an unordered pair of sectors: both names sorted, joined by ``|``.

    >>> sector_pair_key("public", "commons")
    'commons|public'
    """
    return "|".join(sorted((first, second)))


def sector_ties(sectors: np.ndarray, ties: np.ndarray) -> dict[str, int]:
    """Number of ties per unordered pair of sectors, keyed ``"commons|public"``, pairs with ties only.

    >>> import numpy as np
    >>> sector_ties(np.array([1, 0, 0]), np.array([[0, 1], [1, 2]]))
    {'commons|commons': 1, 'commons|public': 1}
    """
    return sector_ties_of_mixing(sector_mixing(sectors, ties))


def sector_ties_of_mixing(mixing: np.ndarray) -> dict[str, int]:
    """:func:`sector_ties` from a mixing matrix (:func:`sector_mixing`)."""
    pairs = {}
    for first, second in zip(*np.triu_indices(len(mixing)), strict=True):
        count = int(mixing[first, second]) // (2 if first == second else 1)
        if count:
            pairs[sector_pair_key(SECTORS[first], SECTORS[second])] = count
    return dict(sorted(pairs.items()))


def headline_indicators(sectors: np.ndarray, ties: np.ndarray) -> dict[str, Any]:
    """Actors, ties, density, components, E-I index, sector assortativity and sector_ties of a graph.

    ``sectors[i]`` is the sector code of node ``i``; ``ties`` the distinct
    undirected edges ``(u, v)``, ``u < v``. Keys: :data:`HEADLINE_KEYS`.

    >>> import numpy as np
    >>> headline_indicators(np.array([0, 1, 1]), np.array([[0, 1]]))["components"]
    2
    """
    n = len(sectors)
    return headline_of_mixing(n, component_count(n, ties), sector_mixing(sectors, ties))


def headline_of_mixing(n_nodes: int, components: int, mixing: np.ndarray) -> dict[str, Any]:
    """:func:`headline_indicators` from the node and component counts and the mixing matrix."""
    ties = int(mixing.sum()) // 2
    return {
        "actors": n_nodes,
        "ties": ties,
        "density": density(n_nodes, ties),
        "components": components,
        "ei_index": ei_index_of_mixing(mixing),
        "sector_assortativity": assortativity_of_mixing(mixing),
        "sector_ties": sector_ties_of_mixing(mixing),
    }


def sector_table(mixing: np.ndarray, sectors: np.ndarray) -> pd.DataFrame:
    """Ties per pair of sectors as a symmetric sector × sector table, from :func:`sector_mixing`.

    Rows and columns are the sectors of ``sectors`` (the code of each node),
    in the order of :data:`~commons_analysis.model.schema.SECTORS`; the
    diagonal counts the ties inside a sector (half the mixing matrix's, which
    counts both ends).

    >>> sectors = np.array([1, 1, 0])  # public, public, commons
    >>> sector_table(sector_mixing(sectors, np.array([[0, 1], [1, 2]])), sectors).to_dict()
    {'commons': {'commons': 0, 'public': 1}, 'public': {'commons': 1, 'public': 1}}
    """
    counts = mixing.copy()
    np.fill_diagonal(counts, np.diag(counts) // 2)  # a tie inside a sector has both ends there
    present = sorted(set(sectors.tolist()))
    names = [SECTORS[code] for code in present]
    matrix = pd.DataFrame(counts[np.ix_(present, present)], index=names, columns=names)
    matrix.index.name = "sector"
    matrix.columns.name = "sector"
    return matrix
