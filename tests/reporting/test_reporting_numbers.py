"""The numbers the reports show, computed in the analysis modules, checked against values worked out by hand.

These functions were moved out of the report layer (which now only arranges
them): decisions per year and rule, events by kind and openness, events per
facilitator, the co-participation matrix between sectors, the actors and ties
a map draws, the brokers, and the network at a date or in a period.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from commons_analysis.analysis.centrality import normalized_betweenness, sampled_sources
from commons_analysis.analysis.cooperation import cooperation_ties, network_actors
from commons_analysis.analysis.coparticipation import (
    coparticipation_indicators,
    coparticipation_sector_matrix,
)
from commons_analysis.analysis.decisions import decisions_by_year, decisions_by_year_and_rule
from commons_analysis.analysis.meeting_practices import (
    events_by_kind,
    facilitation_by_actor,
    facilitator_rotation,
)
from commons_analysis.analysis.network import brokers
from commons_analysis.analysis.network_periods import active_network_by_period, network_by_period, network_on
from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case

ROOT = Path(__file__).resolve().parents[2]


def town() -> Case:
    """Five actors over 2019–2021.

    Relations: city–coop funding 2019 only; coop–assoc partnership from 2020
    on; assoc–p1 membership undated; city–p2 conflict. Ties in force:
    2019: city–coop, assoc–p1 → 4 active actors, 2 ties, 2 components;
    2020: coop–assoc, assoc–p1 → 3 active actors (coop, assoc, p1), 2 ties, 1 component;
    2021: the same as 2020.
    """
    return Case.from_frames(
        {"id": "town", "period": {"start": "2019-01-01", "end": "2021-12-31"}},
        actors=pd.DataFrame(
            {
                "actor_id": ["city", "coop", "assoc", "p1", "p2"],
                "name": ["City", "Coop", "Assoc", "P1", "P2"],
                "sector": ["public", "sse", "commons", "citizen", "citizen"],
                "kind": ["organisation", "organisation", "organisation", "person", "person"],
            }
        ),
        relations=pd.DataFrame(
            {
                "source": ["city", "coop", "p1", "city"],
                "target": ["coop", "assoc", "assoc", "p2"],
                "type": ["funding", "partnership", "membership", "conflict"],
                "start": ["2019-01-01", "2020-01-01", None, None],
                "end": ["2019-12-31", None, None, None],
            }
        ),
        events=pd.DataFrame(
            {
                "event_id": ["e1", "e2", "e3", "e4"],
                "date": ["2019-03-01", "2019-09-01", "2020-03-01", "2021-03-01"],
                "kind": ["assembly", "council", "assembly", "assembly"],
                "open": [True, False, None, True],
            }
        ),
        participation=pd.DataFrame(
            {
                "event_id": ["e1", "e1", "e1", "e2", "e2", "e3", "e3", "e4"],
                "actor_id": ["coop", "p1", "p2", "city", "coop", "p1", "assoc", "p1"],
                "role": [
                    "facilitator",
                    "attendee",
                    "attendee",
                    "facilitator",
                    "attendee",
                    "facilitator",
                    "facilitator",
                    "attendee",
                ],
            }
        ),
        decisions=pd.DataFrame(
            {
                "decision_id": ["d1", "d2", "d3", "d4"],
                "event_id": ["e1", "e2", "e3", None],
                "date": [None, None, None, "2021-06-01"],
                "rule": ["consensus", "public_authority", "consensus", "majority"],
                "initiated_by": ["coop", "city", "p1", "assoc"],
            }
        ),
    )


def test_decisions_by_year_and_rule_count_each_decision_once() -> None:
    frame = decisions_by_year_and_rule(town())
    counted = {(int(r.year), str(r.rule)): int(r.decisions) for r in frame.itertuples() if r.decisions}
    # 2019: d1 consensus (e1), d2 public authority (e2); 2020: d3 consensus; 2021: d4 majority (own date)
    assert counted == {
        (2019, "consensus"): 1,
        (2019, "public_authority"): 1,
        (2020, "consensus"): 1,
        (2021, "majority"): 1,
    }
    assert len(frame) == 3 * 8, "every rule of every year (participatory_budget too), zeros included"
    by_year = decisions_by_year(town()).set_index("year")["count"]
    assert frame.groupby("year")["decisions"].sum().to_dict() == by_year.to_dict()


def test_events_by_kind_treat_a_missing_open_as_open() -> None:
    frame = events_by_kind(town())
    # assembly: e1 open, e3 open by default, e4 open; council: e2 closed
    assert frame.to_dict("records") == [
        {"kind": "assembly", "open": True, "events": 3},
        {"kind": "council", "open": False, "events": 1},
    ]


def test_facilitation_by_actor_adds_up_to_the_rotation() -> None:
    frame = facilitation_by_actor(town())
    # coop e1, city e2, p1 and assoc co-facilitate e3
    assert frame.to_dict("records") == [
        {"actor_id": "assoc", "events": 1},
        {"actor_id": "city", "events": 1},
        {"actor_id": "coop", "events": 1},
        {"actor_id": "p1", "events": 1},
    ]
    rotation = facilitator_rotation(town())
    assert len(frame) == rotation["facilitators"] == 4 and rotation["facilitated_events"] == 3


def test_coparticipation_matrix_by_hand() -> None:
    matrix = coparticipation_sector_matrix(town())
    # e1: coop(sse), p1, p2 (citizen) → sse–citizen ×2, citizen–citizen ×1; e2: city(public)–coop(sse);
    # e3: p1(citizen)–assoc(commons); e4 alone.
    # Distinct pairs: coop–p1, coop–p2, p1–p2, city–coop, p1–assoc.
    assert list(matrix.index) == ["commons", "public", "sse", "citizen"]
    assert matrix.loc["sse", "citizen"] == matrix.loc["citizen", "sse"] == 2
    assert matrix.loc["citizen", "citizen"] == 1
    assert matrix.loc["public", "sse"] == 1 and matrix.loc["commons", "citizen"] == 1
    assert matrix.loc["public", "public"] == 0
    ties = coparticipation_indicators(town())["sector_ties"]
    assert ties == {"citizen|citizen": 1, "citizen|commons": 1, "citizen|sse": 2, "public|sse": 1}
    upper = sum(int(matrix.iloc[i, j]) for i in range(len(matrix)) for j in range(i, len(matrix)))
    assert upper == sum(ties.values()) == coparticipation_indicators(town())["ties"]


def test_network_actors_and_ties_of_the_map() -> None:
    everyone = network_actors(town())
    # degrees over all relations but the conflict: city 1, coop 2, assoc 2, p1 1, p2 0
    assert everyone["degree"].tolist() == [1, 2, 2, 1, 0]
    assert everyone.set_index("actor_id")["rank"].to_dict() == {
        "assoc": 1,
        "coop": 2,
        "city": 3,
        "p1": 4,
        "p2": 5,
    }
    on = network_actors(town(), "2019-06-30")
    # in 2019 every active actor has one tie: ranks follow the ids (assoc, city, coop, p1)
    assert on["actor_id"].tolist() == ["city", "coop", "assoc", "p1"] and on["rank"].tolist() == [2, 3, 1, 4]
    # source: the actor listed first in case.actors (coop before assoc before p1)
    assert cooperation_ties(town(), "2020-06-30").to_dict("records") == [
        {"source": "assoc", "target": "p1"},
        {"source": "coop", "target": "assoc"},
    ]


def test_network_on_a_date_counts_the_actors_with_a_relation_in_force() -> None:
    assert network_on(town(), "2019-06-30") == {
        "actors": 4,
        "ties": 2,
        "density": 2 * 2 / (4 * 3),
        "components": 2,  # city–coop, assoc–p1
        "ei_index": 1.0,  # both ties cross sectors
        "sector_assortativity": network_on(town(), "2019-06-30")["sector_assortativity"],
        "conflict_ties": 1,
    }
    later = network_on(town(), "2020-06-30")
    assert (later["actors"], later["ties"], later["components"]) == (3, 2, 1)
    assert later["density"] == 2 * 2 / (3 * 2)


def test_the_report_over_time_and_the_explorer_count_the_same_network() -> None:
    frame = active_network_by_period(town()).set_index("period")
    assert frame["actors"].tolist() == [4, 3, 3]
    assert frame["components"].tolist() == [2, 1, 1]
    for year, day in (("2019", "2019-06-30"), ("2020", "2020-06-30"), ("2021", "2021-06-30")):
        on = network_on(town(), day)
        for key in ("actors", "ties", "density", "components", "ei_index"):
            assert frame.loc[year, key] == on[key], (year, key)
    whole = network_by_period(town()).set_index("period")
    assert whole["components"].tolist() == [3, 3, 3], "over every actor, as before: not what is drawn"


def test_naples_in_2013_is_counted_alike_by_the_report_and_the_explorer() -> None:
    folder = ROOT / "data" / "cases" / "naples-asilo-filangieri"
    case = load_case(folder)
    year = active_network_by_period(case).set_index("period").loc["2013"]
    on = network_on(case, "2013-12-31")
    drawn = network_actors(case, "2013-12-31")
    assert on["actors"] == len(drawn) < len(case.actors)
    assert on["components"] < 59, "the 59 components of the issue counted actors not in the network that day"
    # no relation of Naples starts or ends inside 2013 after December: the year and its last day agree
    assert (year["actors"], year["ties"], year["components"]) == (on["actors"], on["ties"], on["components"])


def test_brokers_total_the_five_roles() -> None:
    table = brokers(town())
    # arcs: city→coop (funding), coop→assoc and assoc→coop (partnership), p1→assoc (membership).
    # Open two-paths: city→coop→assoc (coop: public, sse, commons: liaison) and
    # p1→assoc→coop (assoc: citizen, commons, sse: liaison); coop→assoc→coop returns to its start.
    assert table["actor_id"].tolist() == ["assoc", "coop"]
    assert table["brokerage"].tolist() == [1, 1] and table["liaison"].tolist() == [1, 1]


def test_sampled_sources_agree_with_the_betweenness_it_describes() -> None:
    import numpy as np

    ring = np.arange(6)
    assert sampled_sources(6) is normalized_betweenness(6, ring, (ring + 1) % 6).sources is None
    big = normalized_betweenness(30, ring, (ring + 1) % 6, exact_limit=20, sample_size=7)
    assert sampled_sources(30, exact_limit=20, sample_size=7) == big.sources == 7
    assert sampled_sources(2) is None
