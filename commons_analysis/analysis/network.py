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
1,000,000 relations take seconds; :func:`cooperation_graph` and
:func:`arc_graph` give networkx graphs for notebooks and drawings.

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

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from commons_analysis.analysis import brokerage as gf
from commons_analysis.analysis.centrality import normalized_betweenness
from commons_analysis.model.case import Case
from commons_analysis.model.schema.vocabularies import DIRECTED_RELATION_TYPES, RELATION_TYPES, SECTORS

DateLike: TypeAlias = str | dt.date | dt.datetime | pd.Timestamp
#: Relation types whose amounts and weights are flows of resources.
FLOW_TYPES = ("funding", "in_kind")
#: Keys of the headline indicators shared by the cooperation and co-participation networks.
HEADLINE_KEYS = ("actors", "ties", "density", "components", "ei_index", "sector_assortativity", "sector_ties")
_FREQUENCIES = {"year": "Y", "quarter": "Q", "month": "M"}


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
    return relations[_overlaps(relations, day, day)]


def _overlaps(relations: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> np.ndarray:
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


def _unique_pairs(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
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
    return _assemble(case, source, target, kind)


def _assemble(case: Case, source: np.ndarray, target: np.ndarray, kind: np.ndarray) -> Network:
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
        ties=_unique_pairs(n, source[~conflict], target[~conflict]),
        arcs=arcs,
        conflicts=_unique_pairs(n, source[conflict], target[conflict]),
    )


# --------------------------------------------------------------------------- headline indicators


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


def _indicators(net: Network) -> dict[str, Any]:
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
    return _indicators(build_network(case, relations_in_force(case, as_of)))


# --------------------------------------------------------------------------- over time


def network_by_period(case: Case, freq: str = "year") -> pd.DataFrame:
    """Headline network indicators per period, from the relations in force during each period.

    Periods (``freq``: ``"year"``, ``"quarter"``, ``"month"`` or a pandas
    period alias) run from ``meta.period.start`` (else the earliest relation
    date) to ``meta.period.end`` (else the latest). A relation counts in a
    period when its ``[start, end]`` meets the period, missing bounds being
    open. Columns: period, start, end, relations (rows in force), actors,
    active_actors (with at least one tie), ties, density, components,
    ei_index, sector_assortativity, conflict_ties, one ``ties_<type>`` column
    per relation type (pairs linked by that type), and the five role totals.
    Empty (with those columns) when the case has no date at all.
    """
    columns = [
        "period", "start", "end", "relations", "actors", "active_actors", "ties", "density", "components",
        "ei_index", "sector_assortativity", "conflict_ties",
        *(f"ties_{kind}" for kind in RELATION_TYPES), *gf.ROLES,
    ]  # fmt: skip
    first, last = _case_span(case)
    if first is None or last is None:
        return _typed_periods(pd.DataFrame(columns=columns))
    periods = pd.period_range(first, last, freq=_FREQUENCIES.get(freq, freq))
    relations = case.relations
    n = len(case.actors)
    source, target = relation_codes(case, relations)
    kind = relations["type"].astype("string").to_numpy(dtype=object)
    rows = []
    for period in periods:
        start, end = period.start_time.normalize(), period.end_time.normalize()
        mask = _overlaps(relations, start, end)
        net = _assemble(case, source[mask], target[mask], kind[mask])
        row: dict[str, Any] = {"period": str(period), "start": start, "end": end}
        row["relations"] = int(mask.sum())
        row |= _indicators(net)
        row["active_actors"] = len(np.unique(net.ties))
        for relation_type in RELATION_TYPES:
            chosen = mask & (kind == relation_type)
            row[f"ties_{relation_type}"] = len(_unique_pairs(n, source[chosen], target[chosen]))
        row |= row.pop("brokerage")
        row.pop("sector_ties")
        rows.append(row)
    return _typed_periods(pd.DataFrame(rows, columns=columns))


def _case_span(case: Case) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last day of the case: its declared period, else the span of relation dates."""
    dates = pd.concat([case.relations["start"], case.relations["end"]]).dropna()
    period = case.meta.period
    first = pd.Timestamp(period.start) if period and period.start else (dates.min() if len(dates) else None)
    last = pd.Timestamp(period.end) if period and period.end else (dates.max() if len(dates) else None)
    return first, last


def _typed_periods(frame: pd.DataFrame) -> pd.DataFrame:
    frame["period"] = frame["period"].astype("string")
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in ("density", "ei_index", "sector_assortativity"):
        frame[column] = frame[column].astype("Float64")
    for column in frame.columns[frame.columns.get_loc("relations") :]:
        if column not in ("density", "ei_index", "sector_assortativity"):
            frame[column] = frame[column].astype("Int64")
    return frame


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


# --------------------------------------------------------------------------- sectors and flows


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


# --------------------------------------------------------------------------- networkx graphs


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


# --------------------------------------------------------------------------- the network at a date


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


def network_on(case: Case, as_of: DateLike) -> dict[str, Any]:
    """The cooperation network on a date, made of the actors with at least one tie in force then.

    An actor whose relations have not begun or have ended on ``as_of`` is still
    an actor of the case, but nothing recorded places it in the network that
    day: drawn as an isolate, it would count as a separate component and lower
    the density, and both would measure the calendar of the records rather
    than the network. Keys: actors (with a tie in force), ties, density (over
    those actors), components (among them), ei_index, sector_assortativity,
    conflict_ties. The same definition as :func:`active_network_by_period`.

    >>> case = Case.from_frames({"id": "x"},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"],
    ...                          "sector": ["sse", "sse", "public", "public"]}),
    ...     relations=pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"], "type": ["partnership"] * 2,
    ...                             "start": [None, "2021-01-01"]}))
    >>> on = network_on(case, "2020-06-30")
    >>> on["actors"], on["ties"], on["density"], on["components"]
    (2, 1, 1.0, 1)
    """
    net = build_network(case, relations_in_force(case, as_of))
    active = len(np.unique(net.ties))
    everyone = headline_indicators(net.sectors, net.ties)  # not the brokerage roles: nothing here shows them
    return {
        "actors": active,
        "ties": everyone["ties"],
        "density": density(active, everyone["ties"]),
        "components": everyone["components"] - (net.size - active),
        "ei_index": everyone["ei_index"],
        "sector_assortativity": everyone["sector_assortativity"],
        "conflict_ties": len(net.conflicts),
    }


def active_network_by_period(case: Case, freq: str = "year") -> pd.DataFrame:
    """The network of each period made of its active actors (those with a tie in force during the period).

    From :func:`network_by_period`: actors = its ``active_actors``; density =
    2·ties / (m (m − 1)) over those m actors; components among them (the
    inactive actors, each an isolate there, are taken out); ties, ei_index,
    sector_assortativity and conflict_ties as there. The same definition as
    :func:`network_on` for a date. Columns: period, start, end, actors, ties,
    density, components, ei_index, sector_assortativity, conflict_ties.

    >>> case = Case.from_frames({"id": "x", "period": {"start": "2020-01-01", "end": "2021-12-31"}},
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"],
    ...                          "sector": ["sse", "sse", "public", "public"]}),
    ...     relations=pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"], "type": ["partnership"] * 2,
    ...                             "start": [None, "2021-01-01"]}))
    >>> frame = active_network_by_period(case)
    >>> frame[["period", "actors", "ties", "components"]].to_dict("list")
    {'period': ['2020', '2021'], 'actors': [2, 4], 'ties': [1, 2], 'components': [1, 2]}
    >>> frame["density"].round(3).tolist()
    [1.0, 0.333]
    """
    frame = network_by_period(case, freq)
    active = frame["active_actors"]
    result = pd.DataFrame(
        {
            "period": frame["period"],
            "start": frame["start"],
            "end": frame["end"],
            "actors": active,
            "ties": frame["ties"],
            "density": pd.array(
                [density(int(m), int(t)) for m, t in zip(active, frame["ties"], strict=True)], dtype="Float64"
            ),
            "components": frame["components"] - (frame["actors"] - active),
            "ei_index": frame["ei_index"],
            "sector_assortativity": frame["sector_assortativity"],
            "conflict_ties": frame["conflict_ties"],
        }
    )
    return result
