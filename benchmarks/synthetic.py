"""Seeded generator of large synthetic cases, for the benchmarks.

Degrees are heavy-tailed (a few hubs, like a city linked to thousands of
associations, and a long tail of actors with one tie); participation is
concentrated (a core of regulars, many one-timers). The same seed gives the
same case.

Example
-------
>>> case = synthetic_case(n_actors=100, n_relations=300, n_events=20, n_participation=500, seed=1)
>>> len(case.actors), len(case.participation) <= 500
(100, True)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from commons_analysis.model.case import Case
from commons_analysis.model.schema.vocabularies import EVENT_KINDS, PARTICIPATION_ROLES, RELATION_TYPES

SECTORS_OF_ORGANISATIONS = ("commons", "public", "sse", "private", "other")
GROUPS = {"qpv": 0.12, "chomage": 0.09, "jeunes": 0.2}


def _heavy_tailed_weights(n: int, rng: np.random.Generator, exponent: float = 1.1) -> np.ndarray:
    """Zipf-like probabilities over ``n`` items, in a random order."""
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    rng.shuffle(weights)
    return weights / weights.sum()


def synthetic_case(
    n_actors: int = 50_000,
    n_relations: int = 200_000,
    n_events: int = 5_000,
    n_participation: int = 1_000_000,
    seed: int = 0,
    case_id: str = "synthetic",
) -> Case:
    """A valid synthetic case of the given size.

    Participation pairs are unique, so it may hold a few rows fewer than asked.
    """
    rng = np.random.default_rng(seed)
    ids = np.array([f"a{i:06d}" for i in range(n_actors)], dtype=object)
    is_person = rng.random(n_actors) < 0.7
    sectors = np.where(
        is_person,
        np.where(rng.random(n_actors) < 0.85, "citizen", rng.choice(SECTORS_OF_ORGANISATIONS, n_actors)),
        rng.choice(SECTORS_OF_ORGANISATIONS, n_actors),
    )
    tags = np.full(n_actors, "", dtype=object)
    for tag, share in GROUPS.items():
        chosen = is_person & (rng.random(n_actors) < share)
        tags[chosen] = np.where(tags[chosen] == "", tag, tags[chosen] + "|" + tag)
    actors = pd.DataFrame(
        {
            "actor_id": ids,
            "name": [f"Actor {i}" for i in range(n_actors)],
            "sector": sectors,
            "kind": np.where(is_person, "person", "organisation"),
            "groups": tags,
        }
    )

    popularity = _heavy_tailed_weights(n_actors, rng)
    source = rng.integers(0, n_actors, n_relations)
    target = rng.choice(n_actors, n_relations, p=popularity)
    target = np.where(target == source, (target + 1) % n_actors, target)
    start = pd.Timestamp("2010-01-01") + pd.to_timedelta(rng.integers(0, 3650, n_relations), unit="D")
    duration = pd.to_timedelta(rng.integers(30, 3000, n_relations), unit="D")
    ended = rng.random(n_relations) < 0.3
    types = rng.choice(RELATION_TYPES, n_relations, p=[0.25, 0.1, 0.1, 0.05, 0.05, 0.3, 0.1, 0.05])
    relations = pd.DataFrame(
        {
            "source": ids[source],
            "target": ids[target],
            "type": types,
            "weight": rng.integers(1, 5, n_relations).astype(float),
            "amount_eur": np.where(
                np.isin(types, ["funding", "in_kind"]), rng.integers(100, 100_000, n_relations), np.nan
            ),
            "start": start,
            "end": (start + duration).where(ended),
        }
    )

    event_ids = np.array([f"e{i:05d}" for i in range(n_events)], dtype=object)
    event_dates = pd.Timestamp("2015-01-01") + pd.to_timedelta(
        np.sort(rng.integers(0, 3650, n_events)), unit="D"
    )
    events = pd.DataFrame(
        {
            "event_id": event_ids,
            "date": event_dates,
            "kind": rng.choice(EVENT_KINDS, n_events),
            "title": [f"Event {i}" for i in range(n_events)],
            "open": rng.random(n_events) < 0.7,
            "duration_hours": rng.choice([1.0, 1.5, 2.0, 3.0, 6.0], n_events),
        }
    )

    activity = _heavy_tailed_weights(n_actors, rng, exponent=0.8)
    drawn = int(n_participation * 1.15) + 10
    pairs = (
        pd.DataFrame(
            {
                "event_id": event_ids[rng.integers(0, n_events, drawn)],
                "actor_id": ids[rng.choice(n_actors, drawn, p=activity)],
            }
        )
        .drop_duplicates(ignore_index=True)
        .iloc[:n_participation]
    )
    n = len(pairs)
    participation = pairs.assign(
        role=rng.choice(PARTICIPATION_ROLES, n, p=[0.85, 0.07, 0.05, 0.03]),
        hours=np.where(rng.random(n) < 0.8, np.nan, rng.choice([1.0, 2.0, 4.0], n)),
        paid=rng.random(n) < 0.1,
    )

    n_decisions = max(1, n_events // 2)
    decisions = pd.DataFrame(
        {
            "decision_id": [f"d{i:05d}" for i in range(n_decisions)],
            "event_id": event_ids[rng.integers(0, n_events, n_decisions)],
            "rule": rng.choice(["consensus", "majority", "public_authority", "delegated"], n_decisions),
            "initiated_by": np.where(
                rng.random(n_decisions) < 0.8, ids[rng.integers(0, n_actors, n_decisions)], None
            ),
            "adopted": rng.random(n_decisions) < 0.85,
        }
    )
    meta = {
        "id": case_id,
        "title": {"fr": "Cas synthétique", "en": "Synthetic case"},
        "data_status": "illustrative",
        "period": {"start": "2010-01-01", "end": "2024-12-31"},
        "inclusion_groups": {
            tag: {"label": {"fr": tag, "en": tag}, "population_share": share} for tag, share in GROUPS.items()
        },
        "assessment": {
            "ostrom": {"boundaries": {"score": 2, "evidence": "synthetic"}},
            "arnstein": {"rung": "partnership", "evidence": "synthetic"},
        },
    }
    return Case.from_frames(
        meta,
        actors=actors,
        relations=relations,
        events=events,
        participation=participation,
        decisions=decisions,
    )


def write_case(case: Case, folder: Path | str) -> Path:
    """Write ``case`` as ``case.yaml`` and UTF-8 CSV files in ``folder`` (created); return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    meta = case.meta.model_dump(mode="json", exclude_none=True)
    (folder / "case.yaml").write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for name in ("actors", "relations", "events", "participation", "decisions"):
        frame = case.table(name).copy()
        if "groups" in frame:
            frame["groups"] = frame["groups"].map("|".join)
        for column in frame.columns:
            if frame[column].dtype == "boolean":
                frame[column] = frame[column].map({True: "true", False: "false"})
        frame.to_csv(folder / f"{name}.csv", index=False, date_format="%Y-%m-%d")
    return folder
