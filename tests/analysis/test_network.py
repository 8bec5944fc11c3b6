"""Cooperation network: graphs, headline indicators, dates, periods, sector tables and flows."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from commons_analysis.analysis import cooperation, graphs, network, network_periods
from commons_analysis.analysis.brokerage import ROLES
from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case

STRIKE = Path(__file__).resolve().parents[1] / "data" / "strike"
CLUB_SECTORS = {"Mr. Hi": "commons", "Officer": "public"}


def case_from_graph(graph: nx.Graph, sector_of: dict, relation_type: str = "partnership") -> Case:
    """A case with one actor per node (sector from ``sector_of``) and one relation per edge."""
    nodes = list(graph.nodes)
    actors = pd.DataFrame(
        {
            "actor_id": [str(v) for v in nodes],
            "name": [str(v) for v in nodes],
            "sector": [sector_of[v] for v in nodes],
        }
    )
    relations = pd.DataFrame(
        {
            "source": [str(a) for a, _ in graph.edges],
            "target": [str(b) for _, b in graph.edges],
            "type": relation_type,
        }
    )
    return Case.from_frames({"id": "graph"}, actors=actors, relations=relations)


def make_case(sectors: dict[str, str], relations: list[dict], **meta) -> Case:
    actors = pd.DataFrame(
        {"actor_id": list(sectors), "name": list(sectors), "sector": list(sectors.values())}
    )
    frame = pd.DataFrame(
        relations, columns=["source", "target", "type", "weight", "amount_eur", "start", "end"]
    )
    return Case.from_frames({"id": "test", **meta}, actors=actors, relations=frame)


def rel(source: str, target: str, kind: str, **extra) -> dict:
    return {"source": source, "target": target, "type": kind, **extra}


@pytest.fixture(scope="module")
def karate() -> tuple[nx.Graph, Case]:
    graph = nx.karate_club_graph()
    club = nx.get_node_attributes(graph, "club")
    return graph, case_from_graph(graph, {v: CLUB_SECTORS[club[v]] for v in graph})


# --- classic graphs


def test_karate_club_size_density_components(karate) -> None:
    _, case = karate
    result = network.network_indicators(case)
    assert (result["actors"], result["ties"], result["components"]) == (34, 78, 1)
    assert result["density"] == pytest.approx(2 * 78 / (34 * 33))
    assert result["conflict_ties"] == 0


def test_karate_club_ei_index_from_its_definition(karate) -> None:
    graph, case = karate
    club = nx.get_node_attributes(graph, "club")
    external = sum(club[a] != club[b] for a, b in graph.edges)
    internal = sum(club[a] == club[b] for a, b in graph.edges)
    assert external + internal == 78
    assert network.network_indicators(case)["ei_index"] == pytest.approx((external - internal) / 78)


def test_karate_club_assortativity_from_its_definition_and_networkx(karate) -> None:
    graph, case = karate
    club = nx.get_node_attributes(graph, "club")
    groups = sorted(set(club.values()))
    # Newman 2003: e_ij = share of edge ends from group i to j (both directions),
    # r = (Σ e_ii − Σ a_i²) / (1 − Σ a_i²).
    e = {(g, h): 0.0 for g in groups for h in groups}
    for a, b in graph.edges:
        e[club[a], club[b]] += 1 / (2 * 78)
        e[club[b], club[a]] += 1 / (2 * 78)
    a_i = {g: sum(e[g, h] for h in groups) for g in groups}
    by_hand = (sum(e[g, g] for g in groups) - sum(x * x for x in a_i.values())) / (
        1 - sum(x * x for x in a_i.values())
    )
    result = network.network_indicators(case)["sector_assortativity"]
    assert result == pytest.approx(by_hand)
    assert result == pytest.approx(nx.attribute_assortativity_coefficient(graph, "club"))


def test_karate_club_sector_ties(karate) -> None:
    graph, case = karate
    sector = {v: CLUB_SECTORS[c] for v, c in nx.get_node_attributes(graph, "club").items()}
    by_hand: dict[str, int] = {}
    for a, b in graph.edges:
        key = "|".join(sorted((sector[a], sector[b])))
        by_hand[key] = by_hand.get(key, 0) + 1
    assert network.network_indicators(case)["sector_ties"] == by_hand
    matrix = cooperation.sector_tie_matrix(case)
    assert matrix.loc["commons", "public"] == matrix.loc["public", "commons"] == by_hand["commons|public"]
    assert matrix.loc["commons", "commons"] == by_hand["commons|commons"]
    assert matrix.loc["public", "public"] == by_hand["public|public"]


def test_florentine_families_medici_betweenness() -> None:
    graph = nx.florentine_families_graph()
    case = case_from_graph(graph, dict.fromkeys(graph, "commons"))
    table = network.actor_table(case).set_index("actor_id")
    assert round(float(table.loc["Medici", "betweenness"]), 3) == 0.522
    assert table.attrs["betweenness_sources"] is None
    assert int(table.loc["Medici", "degree"]) == 6


def test_strike_indicators_from_the_case_folder() -> None:
    expected = json.loads((STRIKE / "expected.json").read_text(encoding="utf-8"))
    case = load_case(STRIKE)
    result = network.network_indicators(case)
    assert result["ei_index"] == pytest.approx(expected["network"]["ei_index"])
    assert sum(v for k, v in result["sector_ties"].items() if len(set(k.split("|"))) == 2) == 3
    json.dumps(result, allow_nan=False)


# --- definitions on small cases


def test_isolates_are_actors_and_components() -> None:
    case = make_case({"a": "sse", "b": "sse", "c": "public", "d": "commons"}, [rel("a", "b", "partnership")])
    result = network.network_indicators(case)
    assert (result["actors"], result["ties"], result["components"]) == (4, 1, 3)
    assert result["density"] == pytest.approx(1 / 6)
    assert result["ei_index"] == -1.0


def test_conflicts_are_not_cooperation_ties_but_are_counted() -> None:
    case = make_case(
        {"a": "sse", "b": "public", "c": "commons"},
        [
            rel("a", "b", "conflict"),
            rel("b", "a", "conflict"),
            rel("b", "c", "conflict"),
            rel("a", "c", "funding"),
        ],
    )
    result = network.network_indicators(case)
    assert result["ties"] == 1
    assert result["conflict_ties"] == 2
    assert result["components"] == 2
    assert set(graphs.cooperation_graph(case).edges) == {("a", "c")}


def test_a_pair_with_both_conflict_and_cooperation_is_a_tie_and_a_conflict() -> None:
    case = make_case({"a": "sse", "b": "public"}, [rel("a", "b", "conflict"), rel("b", "a", "contract")])
    result = network.network_indicators(case)
    assert (result["ties"], result["conflict_ties"]) == (1, 1)


def test_undefined_values_are_none() -> None:
    empty = make_case({"a": "sse", "b": "sse", "c": "public"}, [])
    result = network.network_indicators(empty)
    assert result["density"] == 0.0
    assert result["ei_index"] is None
    assert result["sector_assortativity"] is None
    assert result["sector_ties"] == {}
    assert result["brokerage"] == dict.fromkeys(ROLES, 0)
    alone = network.network_indicators(make_case({"a": "sse"}, []))
    assert alone["density"] is None
    # Every tie inside one sector: assortativity is 0/0.
    one_sector = make_case({"a": "sse", "b": "sse"}, [rel("a", "b", "partnership")])
    assert network.network_indicators(one_sector)["sector_assortativity"] is None
    json.dumps(result, allow_nan=False)


def test_no_actor_at_all() -> None:
    case = Case.from_frames({"id": "void"}, actors=pd.DataFrame({"actor_id": [], "name": [], "sector": []}))
    result = network.network_indicators(case)
    assert (result["actors"], result["ties"], result["components"], result["density"]) == (0, 0, 0, None)
    assert len(network.actor_table(case)) == 0


def test_relation_to_an_unknown_actor_is_an_error() -> None:
    case = make_case({"a": "sse"}, [rel("a", "ghost", "partnership")])
    with pytest.raises(ValueError, match="ghost"):
        network.network_indicators(case)


# --- graphs


def test_cooperation_graph_adds_up_relations_written_either_way() -> None:
    case = make_case(
        {"city": "public", "coop": "sse", "assoc": "commons"},
        [
            rel("city", "coop", "funding", weight=2, amount_eur=1000),
            rel("coop", "city", "partnership", weight=1),
            rel("city", "coop", "funding", weight=1, amount_eur=500),
            rel("coop", "assoc", "conflict"),
        ],
    )
    graph = graphs.cooperation_graph(case)
    assert set(graph.nodes) == {"city", "coop", "assoc"}
    assert graph.nodes["coop"] == {"sector": "sse", "kind": "organisation", "name": "coop"}
    assert graph.number_of_edges() == 1
    edge = graph.edges["coop", "city"]
    assert edge == {"types": ("funding", "partnership"), "weight": 4.0, "amount_eur": 1500.0, "relations": 3}


def test_arc_graph_direction() -> None:
    case = make_case(
        {"m": "citizen", "org": "commons", "city": "public", "p": "sse", "x": "private"},
        [
            rel("m", "org", "membership"),
            rel("city", "org", "funding"),
            rel("org", "p", "partnership"),
            rel("p", "x", "co_construction"),
            rel("x", "city", "conflict"),
            rel("org", "x", "governance"),
        ],
    )
    arcs = set(graphs.arc_graph(case).edges)
    assert arcs == {
        ("m", "org"),
        ("city", "org"),
        ("org", "p"),
        ("p", "org"),
        ("p", "x"),
        ("x", "p"),
        ("org", "x"),
    }
    assert graphs.arc_graph(case).edges["p", "org"]["types"] == ("partnership",)


def test_amount_is_none_on_an_edge_without_amounts() -> None:
    case = make_case({"a": "sse", "b": "sse"}, [rel("a", "b", "partnership")])
    assert graphs.cooperation_graph(case).edges["a", "b"]["amount_eur"] is None


# --- dates


def dated_case() -> Case:
    return make_case(
        {"city": "public", "coop": "sse", "assoc": "commons", "firm": "private"},
        [
            rel("city", "coop", "funding", start="2015-03-01", end="2016-12-31"),
            rel("coop", "assoc", "co_construction", start="2016-06-01"),
            rel("assoc", "firm", "contract", end="2015-06-30"),
            rel("city", "assoc", "co_construction", start="2017-01-01"),
            rel("city", "firm", "conflict", start="2016-01-01", end="2016-03-31"),
        ],
        period={"start": "2015-01-01", "end": "2017-12-31"},
    )


@pytest.mark.parametrize(
    ("as_of", "ties", "conflicts"),
    [
        ("2014-12-31", 1, 0),  # only the contract, open at its start
        ("2015-06-30", 2, 0),  # contract (last day) and funding
        ("2015-07-01", 1, 0),
        ("2016-02-15", 1, 1),
        ("2016-06-01", 2, 0),
        ("2017-01-01", 2, 0),  # funding ended, co-constructions in force
    ],
)
def test_as_of_keeps_relations_in_force(as_of: str, ties: int, conflicts: int) -> None:
    case = dated_case()
    result = network.network_indicators(case, as_of=as_of)
    assert (result["ties"], result["conflict_ties"]) == (ties, conflicts)
    assert graphs.cooperation_graph(case, as_of=as_of).number_of_edges() == ties


def test_as_of_accepts_dates_and_timestamps() -> None:
    import datetime as dt

    case = dated_case()
    assert network.network_indicators(case, as_of=dt.date(2016, 6, 1))["ties"] == 2
    assert network.network_indicators(case, as_of=pd.Timestamp("2016-06-01"))["ties"] == 2


def test_network_by_period_years() -> None:
    table = network_periods.network_by_period(dated_case())
    assert table["period"].tolist() == ["2015", "2016", "2017"]
    assert table["ties"].tolist() == [2, 2, 2]
    assert table["ties_co_construction"].tolist() == [0, 1, 2]
    assert table["ties_funding"].tolist() == [1, 1, 0]
    assert table["conflict_ties"].tolist() == [0, 1, 0]
    assert table["relations"].tolist() == [2, 3, 2]
    assert table["active_actors"].tolist() == [4, 3, 3]
    assert table["actors"].tolist() == [4, 4, 4]
    assert table["start"].tolist() == [pd.Timestamp("2015-01-01"), pd.Timestamp("2016-01-01"),
                                       pd.Timestamp("2017-01-01")]  # fmt: skip
    assert table["end"].iloc[-1] == pd.Timestamp("2017-12-31")
    # 2016: funding city → coop, co-construction coop ⇄ assoc: city → coop → assoc makes coop a liaison;
    # assoc → coop → city does not exist (funding is one arc).
    # 2017: coop ⇄ assoc ⇄ city, assoc is twice a liaison.
    assert table["liaison"].tolist() == [0, 1, 2]


def test_network_by_period_quarters_and_dateless_cases() -> None:
    quarters = network_periods.network_by_period(dated_case(), freq="quarter")
    assert len(quarters) == 12
    assert quarters["period"].iloc[0] == "2015Q1"
    dateless = make_case({"a": "sse", "b": "sse"}, [rel("a", "b", "partnership")])
    empty = network_periods.network_by_period(dateless)
    assert len(empty) == 0
    assert {"period", "ties", "density", "coordinator"} <= set(empty.columns)


def test_network_by_period_without_declared_period_uses_relation_dates() -> None:
    case = make_case(
        {"a": "sse", "b": "sse"},
        [rel("a", "b", "partnership", start="2012-05-01", end="2013-02-01")],
    )
    table = network_periods.network_by_period(case)
    assert table["period"].tolist() == ["2012", "2013"]
    assert table["density"].tolist() == [1.0, 1.0]


# --- actor table, sector matrix, flows


def test_actor_table_columns_and_types() -> None:
    table = network.actor_table(load_case(STRIKE))
    assert list(table.columns) == [
        "actor_id", "name", "sector", "kind", "degree", "betweenness",
        *ROLES, *(f"{role}_{suffix}" for role in ROLES for suffix in ("expected", "z")),
    ]  # fmt: skip
    assert table["actor_id"].dtype == "string"
    assert table["degree"].dtype == "Int64"
    assert table["betweenness"].dtype == "Float64"
    assert table.attrs["betweenness_sources"] is None
    assert int(table.set_index("actor_id").loc["bob", "degree"]) == 7


def test_actor_table_sampled_betweenness_says_so(monkeypatch) -> None:
    monkeypatch.setattr(network, "normalized_betweenness", _sampled_betweenness)
    table = network.actor_table(load_case(STRIKE), seed=3)
    assert table.attrs["betweenness_sources"] == 10


def _sampled_betweenness(n, u, v, *, seed=0):
    from commons_analysis.analysis.centrality import normalized_betweenness

    return normalized_betweenness(n, u, v, seed=seed, exact_limit=5, sample_size=10)


def test_actor_table_betweenness_is_missing_below_three_actors() -> None:
    table = network.actor_table(make_case({"a": "sse", "b": "sse"}, [rel("a", "b", "partnership")]))
    assert table["betweenness"].isna().all()
    assert table["degree"].tolist() == [1, 1]


def test_sector_tie_matrix_is_symmetric_over_present_sectors() -> None:
    case = make_case(
        {"city": "public", "coop": "sse", "coop2": "sse", "assoc": "commons"},
        [rel("city", "coop", "funding"), rel("coop2", "city", "funding"), rel("coop", "coop2", "partnership"),
         rel("assoc", "coop", "conflict")],
    )  # fmt: skip
    matrix = cooperation.sector_tie_matrix(case)
    assert list(matrix.index) == list(matrix.columns) == ["commons", "public", "sse"]
    assert matrix.loc["public", "sse"] == matrix.loc["sse", "public"] == 2
    assert matrix.loc["sse", "sse"] == 1
    assert matrix.loc["commons"].sum() == 0
    assert np.array_equal(matrix.to_numpy(), matrix.to_numpy().T)


def test_flows_add_up_funding_and_in_kind_only() -> None:
    case = make_case(
        {"city": "public", "coop": "sse", "assoc": "commons"},
        [
            rel("city", "coop", "funding", amount_eur=1000, weight=1),
            rel("city", "coop", "funding", amount_eur=250.5, weight=2),
            rel("city", "assoc", "in_kind"),
            rel("coop", "city", "contract", amount_eur=99),
            rel("coop", "assoc", "partnership"),
        ],
    )
    table = cooperation.flows(case)
    assert list(table.columns) == ["source", "target", "type", "amount_eur", "weight", "source_sector",
                                   "target_sector"]  # fmt: skip
    rows = {(r.source, r.target, r.type): r for r in table.itertuples()}
    assert set(rows) == {("city", "coop", "funding"), ("city", "assoc", "in_kind")}
    assert rows["city", "coop", "funding"].amount_eur == 1250.5
    assert rows["city", "coop", "funding"].weight == 3
    assert pd.isna(rows["city", "assoc", "in_kind"].amount_eur)
    assert rows["city", "assoc", "in_kind"].source_sector == "public"


def test_flows_as_of() -> None:
    case = dated_case()
    assert len(cooperation.flows(case, as_of="2016-01-01")) == 1
    assert len(cooperation.flows(case, as_of="2017-01-01")) == 0


def test_actor_table_as_of() -> None:
    table = network.actor_table(dated_case(), as_of="2017-01-01").set_index("actor_id")
    # In force: coop ⇄ assoc ⇄ city (co-constructions); assoc brokers between sse and public twice.
    assert table["degree"].to_dict() == {"city": 1, "coop": 1, "assoc": 2, "firm": 0}
    assert int(table.loc["assoc", "liaison"]) == 2
    assert float(table.loc["assoc", "betweenness"]) == pytest.approx(2 / (3 * 2))


@pytest.mark.parametrize("types", [[], ["conflict"]], ids=["no relations", "only a conflict"])
def test_graphs_of_a_case_without_cooperation_ties(types: list[str]) -> None:
    """A new case has no relations yet; its graphs hold the actors and no edge (no crash)."""
    case = Case.from_frames(
        {"id": "x"},
        actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "public"]}),
        relations=pd.DataFrame({"source": ["a"] * len(types), "target": ["b"] * len(types), "type": types}),
    )
    for graph in (graphs.cooperation_graph(case), graphs.arc_graph(case)):
        assert sorted(graph.nodes) == ["a", "b"]
        assert graph.number_of_edges() == 0
    assert network.network_indicators(case)["ties"] == 0
    assert network.network_indicators(case)["ei_index"] is None
