"""Gould–Fernandez brokerage roles, counted by sector with array operations.

Definition (Gould & Fernandez 1989, *Structures of mediation: a formal
approach to brokerage in transaction networks*, Sociological Methodology 19):
in a directed graph, every two-path ``a → b → c`` with ``a, b, c`` distinct and
no arc ``a → c`` makes ``b`` a broker, in one role given by the groups (here
the sectors) ``s(·)``:

================  =========================  ==========
role              sectors                    sna name
================  =========================  ==========
coordinator       s(a) = s(b) = s(c)         ``w_I``
itinerant         s(a) = s(c) ≠ s(b)         ``w_O``
representative    s(a) = s(b) ≠ s(c)         ``b_IO``
gatekeeper        s(a) ≠ s(b) = s(c)         ``b_OI``
liaison           all three differ           ``b_O``
================  =========================  ==========

The counts equal R ``sna::brokerage(g, cl)$raw.nli`` (Butts, *sna*).

How it scales: a hub with 20,000 ties sits on hundreds of millions of
two-paths, so they are never listed. For each broker ``b`` the two-paths are
counted by the sectors of their ends, ``in_b[k] · out_b[l]`` (minus the
``a = c`` paths through mutual arcs), and only the *closed* two-paths
(``a → c`` present) are enumerated and subtracted. Closed two-paths lie on
triangles of the underlying undirected graph, which are listed with the
degree-ordered "forward" algorithm (Schank & Wagner 2005; Latapy 2008), in
chunks of bounded memory. Time is ``O(m · √m)`` at worst and close to linear
for heavy-tailed networks.

Expected counts and z-scores follow ``sna::brokerage`` (``exp.nli``,
``sd.nli``, ``z.nli``): under a Bernoulli random digraph with the observed
density ``d = arcs / (N (N − 1))`` and the observed group sizes ``n_i``,
each ordered triple is an open two-path with probability ``d²(1 − d)``.

Example
-------
>>> import numpy as np
>>> # a(sector 0) → b(sector 1) → c(sector 1): b is a gatekeeper
>>> role_counts(np.array([0, 1]), np.array([1, 2]), np.array([0, 1, 1])).tolist()
[[0, 0, 0, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 0]]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

#: The five roles, in the order of the columns of :func:`role_counts`.
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: Upper bound on candidate wedges examined at once when listing triangles (memory ≈ 100 bytes each).
WEDGE_CHUNK = 2_000_000


def unique_arcs(n_nodes: int, source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct arcs ``source → target`` without self-loops, sorted by ``source · n + target``.

    >>> import numpy as np
    >>> unique_arcs(3, np.array([0, 0, 1, 2]), np.array([1, 1, 1, 0]))
    (array([0, 2]), array([1, 0]))
    """
    source = np.asarray(source, dtype=np.int64)
    target = np.asarray(target, dtype=np.int64)
    keep = source != target
    keys = distinct(source[keep] * n_nodes + target[keep])
    return keys // n_nodes, keys % n_nodes


def distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted (``np.unique`` by sorting, faster on large keys).

    >>> import numpy as np
    >>> distinct(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    keys = np.sort(keys)
    if len(keys) == 0:
        return keys
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return keys[first]


def triangles(n_nodes: int, u: np.ndarray, v: np.ndarray, chunk: int | None = None) -> Iterator[np.ndarray]:
    """Triangles of an undirected simple graph, as arrays of shape ``(t, 3)`` yielded chunk by chunk.

    ``u[i] < v[i]`` must be distinct edges. Each edge is oriented from lower
    to higher (degree, node) rank; a triangle is found once, from its
    lowest-ranked node, by checking whether the two higher neighbours are
    linked (Schank & Wagner 2005, "forward" algorithm). At most ``chunk``
    (default :data:`WEDGE_CHUNK`) candidate wedges are held in memory at a time.

    >>> import numpy as np
    >>> [t.tolist() for t in triangles(4, np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3]))]
    [[[0, 1, 2]]]
    """
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    chunk = chunk or WEDGE_CHUNK
    if len(u) == 0:
        return
    edge_keys = np.sort(u * n_nodes + v)
    degree = np.bincount(u, minlength=n_nodes) + np.bincount(v, minlength=n_nodes)
    rank = np.empty(n_nodes, dtype=np.int64)
    rank[np.lexsort((np.arange(n_nodes), degree))] = np.arange(n_nodes)
    low_first = rank[u] < rank[v]
    low = np.where(low_first, u, v)
    high = np.where(low_first, v, u)
    order = np.argsort(low, kind="stable")
    low, high = low[order], high[order]
    indptr = np.zeros(n_nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(low, minlength=n_nodes), out=indptr[1:])
    # Candidate wedges starting at each position: pairs (p, q) with p < q in the same row.
    pairs_from = indptr[low + 1] - np.arange(len(low)) - 1
    cumulative = np.cumsum(pairs_from)
    start = 0
    while start < len(low):
        # Positions [start, stop) with at most `chunk` wedges (at least one position).
        budget = (cumulative[start - 1] if start else 0) + chunk
        stop = max(int(np.searchsorted(cumulative, budget, side="right")), start + 1)
        positions = np.arange(start, stop)
        counts = pairs_from[start:stop]
        total = int(counts.sum())
        start = stop
        if total == 0:
            continue
        first = np.repeat(positions, counts)
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        second = first + 1 + offsets
        y, z = high[first], high[second]
        keys = np.minimum(y, z) * n_nodes + np.maximum(y, z)
        found = _contains(edge_keys, keys)
        if found.any():
            yield np.column_stack([low[first][found], y[found], z[found]])


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Whether each of ``keys`` is in the sorted array ``sorted_keys``."""
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    index = np.searchsorted(sorted_keys, keys)
    index[index == len(sorted_keys)] = 0
    return sorted_keys[index] == keys


def two_paths_by_sector(
    n_nodes: int, source: np.ndarray, target: np.ndarray, sectors: np.ndarray, n_sectors: int
) -> np.ndarray:
    """Open two-paths ``a → b → c`` (``a ≠ c``, no arc ``a → c``) by broker and end sectors.

    Returns an integer array ``open[b, s(a), s(c)]`` of shape ``(n, K, K)``.
    Arcs must be distinct and without self-loops (see :func:`unique_arcs`).

    >>> import numpy as np
    >>> two_paths_by_sector(3, np.array([0, 1]), np.array([1, 2]), np.array([0, 0, 1]), 2)[1].tolist()
    [[0, 1], [0, 0]]
    """
    k = n_sectors
    sectors = np.asarray(sectors, dtype=np.int64)
    source = np.asarray(source, dtype=np.int64)
    target = np.asarray(target, dtype=np.int64)
    into = np.bincount(target * k + sectors[source], minlength=n_nodes * k).reshape(n_nodes, k)
    out = np.bincount(source * k + sectors[target], minlength=n_nodes * k).reshape(n_nodes, k)
    paths = into[:, :, None] * out[:, None, :]
    # a → b → a is not a two-path: remove them for every mutual pair.
    arc_keys = np.sort(source * n_nodes + target)
    mutual = _contains(arc_keys, target * n_nodes + source)
    back = np.bincount(target[mutual] * k + sectors[source[mutual]], minlength=n_nodes * k)
    paths_back = back.reshape(n_nodes, k)
    diagonal = np.arange(k)
    paths[:, diagonal, diagonal] -= paths_back
    paths -= closed_two_paths_by_sector(n_nodes, source, target, sectors, n_sectors, arc_keys=arc_keys)
    return paths


def closed_two_paths_by_sector(
    n_nodes: int,
    source: np.ndarray,
    target: np.ndarray,
    sectors: np.ndarray,
    n_sectors: int,
    *,
    arc_keys: np.ndarray | None = None,
) -> np.ndarray:
    """Closed two-paths ``a → b → c`` with ``a → c``, as ``closed[b, s(a), s(c)]``.

    Every closed two-path lies on a triangle of the underlying undirected
    graph; each triangle's six orderings are checked against the arcs.

    >>> import numpy as np
    >>> # 0 → 1 → 2 and 0 → 2: one closed two-path through 1
    >>> closed = closed_two_paths_by_sector(3, np.array([0, 1, 0]), np.array([1, 2, 2]), np.zeros(3, int), 1)
    >>> int(closed.sum())
    1
    """
    k = n_sectors
    sectors = np.asarray(sectors, dtype=np.int64)
    if arc_keys is None:
        arc_keys = np.sort(np.asarray(source, dtype=np.int64) * n_nodes + np.asarray(target, dtype=np.int64))
    closed = np.zeros(n_nodes * k * k, dtype=np.int64)
    low = np.minimum(source, target).astype(np.int64)
    high = np.maximum(source, target).astype(np.int64)
    edges = distinct(low * n_nodes + high)
    for triangle in triangles(n_nodes, edges // n_nodes, edges % n_nodes):
        nodes = (triangle[:, 0], triangle[:, 1], triangle[:, 2])
        arc = {
            (i, j): _contains(arc_keys, nodes[i] * n_nodes + nodes[j])
            for i in range(3)
            for j in range(3)
            if i != j
        }
        for a, b, c in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            hit = arc[a, b] & arc[b, c] & arc[a, c]
            if hit.any():
                index = nodes[b][hit] * (k * k) + sectors[nodes[a][hit]] * k + sectors[nodes[c][hit]]
                closed += np.bincount(index, minlength=n_nodes * k * k)
    return closed.reshape(n_nodes, k, k)


def role_counts(
    source: np.ndarray, target: np.ndarray, sectors: np.ndarray, n_sectors: int | None = None
) -> np.ndarray:
    """Gould–Fernandez role counts of every node, shape ``(n, 5)`` in the order of :data:`ROLES`.

    ``source → target`` are the arcs (node codes; duplicates and self-loops
    are ignored); ``sectors[i]`` is the sector code of node ``i`` (0..K−1).
    Equals ``sna::brokerage(g, cl)$raw.nli[, 1:5]``.

    >>> import numpy as np
    >>> # 0 → 1 → 2, sectors 0, 1, 2: node 1 is a liaison
    >>> role_counts(np.array([0, 1]), np.array([1, 2]), np.array([0, 1, 2]))[1].tolist()
    [0, 0, 0, 0, 1]
    """
    sectors = np.asarray(sectors, dtype=np.int64)
    return _roles(*unique_arcs(len(sectors), source, target), sectors, n_sectors)


def _roles(source: np.ndarray, target: np.ndarray, sectors: np.ndarray, n_sectors: int | None) -> np.ndarray:
    """:func:`role_counts` of distinct arcs without self-loops."""
    n_nodes = len(sectors)
    k = int(n_sectors if n_sectors is not None else (sectors.max() + 1 if n_nodes else 1))
    open_paths = two_paths_by_sector(n_nodes, source, target, sectors, k)
    nodes = np.arange(n_nodes)
    own_in = open_paths[nodes, sectors, :]  # s(a) = s(b)
    own_out = open_paths[nodes, :, sectors]  # s(c) = s(b)
    coordinator = own_in[nodes, sectors]
    representative = own_in.sum(axis=1) - coordinator
    gatekeeper = own_out.sum(axis=1) - coordinator
    itinerant = np.trace(open_paths, axis1=1, axis2=2) - coordinator
    liaison = open_paths.sum(axis=(1, 2)) - coordinator - representative - gatekeeper - itinerant
    return np.column_stack([coordinator, itinerant, representative, gatekeeper, liaison]).astype(np.int64)


@dataclass(frozen=True)
class RoleMoments:
    """Expected role counts and their standard deviations for each node, shape ``(n, 5)``."""

    expected: np.ndarray
    sd: np.ndarray


def role_moments(sectors: np.ndarray, n_arcs: int) -> RoleMoments:
    """Expected counts and standard deviations of each role per broker, as ``sna::brokerage``.

    With ``N`` nodes, density ``d = n_arcs / (N(N − 1))``, ``p = d²(1 − d)``,
    ``q = d³(1 − d)³`` and ``n_i`` the size of the broker's sector ``i``
    (``Σ_{j≠i}`` over the other sectors), following ``exp.nli`` / ``sd.nli``:

    - coordinator: ``E = p (n_i − 1)(n_i − 2)``,
      ``Var = E(1 − p) + 2 (n_i − 1)(n_i − 2)(n_i − 3) q``
    - itinerant: ``E = p Σ_{j≠i} n_j (n_j − 1)``,
      ``Var = E(1 − p) + 2 Σ_{j≠i} n_j (n_j − 1)(n_j − 2) q``
    - representative and gatekeeper: ``E = p (N − n_i)(n_i − 1)``,
      ``Var = E(1 − p) + 2 ((n_i − 1) C(N − n_i, 2) + (N − n_i) C(n_i − 1, 2)) q``
    - liaison: ``E = p (Σ_{j≠i} Σ_{k≠i} n_j n_k − Σ_{j≠i} n_j²)``,
      ``Var = E(1 − p) + 4 Σ_{j≠i} n_j C(N − n_j − n_i, 2) q``

    (Gould & Fernandez 1989; Butts, R package *sna*, ``brokerage``.)

    >>> import numpy as np
    >>> moments = role_moments(np.array([0, 0, 0, 1]), n_arcs=6)  # d = 1/2
    >>> moments.expected[0].tolist()  # p = 1/8; n_i = 3, N = 4
    [0.25, 0.0, 0.25, 0.25, 0.0]
    """
    sectors = np.asarray(sectors, dtype=np.int64)
    total = float(len(sectors))
    if total < 2:
        nan = np.full((len(sectors), len(ROLES)), np.nan)
        return RoleMoments(expected=nan, sd=nan.copy())
    d = n_arcs / (total * (total - 1))
    p = d * d * (1 - d)
    q = d**3 * (1 - d) ** 3
    sizes = np.bincount(sectors).astype(float)
    own = sizes[:, None]  # one row per sector, broadcast against the others
    others = np.where(np.eye(len(sizes), dtype=bool), 0.0, sizes[None, :])

    def choose2(x: np.ndarray) -> np.ndarray:
        return x * (x - 1) / 2

    expected = np.empty((len(sizes), len(ROLES)))
    variance = np.empty((len(sizes), len(ROLES)))
    expected[:, 0] = p * ((own - 1) * (own - 2))[:, 0]
    variance[:, 0] = expected[:, 0] * (1 - p) + 2 * ((own - 1) * (own - 2) * (own - 3))[:, 0] * q
    expected[:, 1] = p * (others * (others - 1)).sum(axis=1)
    variance[:, 1] = expected[:, 1] * (1 - p) + 2 * (others * (others - 1) * (others - 2)).sum(axis=1) * q
    rest = (total - own)[:, 0]
    mine = (own - 1)[:, 0]
    expected[:, 2] = p * rest * mine
    variance[:, 2] = expected[:, 2] * (1 - p) + 2 * (mine * choose2(rest) + rest * choose2(mine)) * q
    expected[:, 3] = expected[:, 2]
    variance[:, 3] = variance[:, 2]
    expected[:, 4] = p * (others.sum(axis=1) ** 2 - (others**2).sum(axis=1))
    variance[:, 4] = expected[:, 4] * (1 - p) + 4 * (others * choose2(total - others - own)).sum(axis=1) * q
    return RoleMoments(expected=expected[sectors], sd=np.sqrt(variance[sectors]))


@dataclass(frozen=True)
class Brokerage:
    """Role counts, expected counts and z-scores per node, each of shape ``(n, 5)`` (columns :data:`ROLES`).

    ``z`` is NaN where undefined (standard deviation 0).
    """

    counts: np.ndarray
    expected: np.ndarray
    z: np.ndarray

    @property
    def totals(self) -> dict[str, int]:
        """Role counts summed over all brokers (``sna``'s ``raw.gli``)."""
        return {role: int(value) for role, value in zip(ROLES, self.counts.sum(axis=0), strict=True)}


def brokerage(
    source: np.ndarray, target: np.ndarray, sectors: np.ndarray, n_sectors: int | None = None
) -> Brokerage:
    """Gould–Fernandez brokerage of every node: counts, expected counts and z-scores.

    ``z = (count − expected) / sd`` as ``sna::brokerage``'s ``z.nli``. The
    density uses the distinct arcs (self-loops dropped).

    >>> import numpy as np
    >>> result = brokerage(np.array([0, 1]), np.array([1, 2]), np.array([0, 0, 0]))
    >>> result.totals["coordinator"]
    1
    """
    sectors = np.asarray(sectors, dtype=np.int64)
    n_nodes = len(sectors)
    arcs = unique_arcs(n_nodes, source, target)
    counts = _roles(*arcs, sectors, n_sectors)
    moments = role_moments(sectors, len(arcs[0]))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (counts - moments.expected) / moments.sd
    z[~np.isfinite(z)] = np.nan
    return Brokerage(counts=counts, expected=moments.expected, z=z)
