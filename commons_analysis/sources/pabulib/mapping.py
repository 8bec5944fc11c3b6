"""From ``.pb`` files to the case tables of a participatory budget (docs/design.md §Participatory budgets).

Definition
----------
Every ``.pb`` file is one vote: one **event** (kind ballot, dated by its last
day, titled by its description and district) and one row of **budgets**;
each project one row of **projects** and one **decision** (``adopted``: the
published selection, ``selected`` ≥ 1, where the file has one; else what the
declared rule selects, :func:`~commons_analysis.analysis.budget_rules.declared_outcome`);
each voter one **actor** (``<event>-v<voter id>``: ids are scoped to their
file) and one **participation** row holding the ballot (project ids ``|``-joined,
first rank first) and its points.

A city vote split into district files (Toulouse 2022: one city file and
twenty district files of the same unit and instance) is checked with
:func:`split_by_district`: when each district file is exactly the city file's
ballots restricted to the district's projects (its voter ``17-37`` is the
city's voter ``37``), the district votes are ``part_of`` the city vote, and
their voters are the city's actors: a person is counted once. Otherwise each
file stays a vote of its own, and the summary says why.

Example
-------
>>> event_id_of({"unit": "Warszawa", "instance": "2023", "subunit": "Praga-Północ"})
'warszawa_2023_praga_polnoc'
>>> event_id_of({"unit": "Toulouse", "instance": "2022", "subunit": "17 - Mirail-Université"})
'toulouse_2022_17'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from commons_analysis.analysis.budget_elections import election_from_ballots
from commons_analysis.analysis.budget_rules import declared_outcome
from commons_analysis.core.errors import Problem
from commons_analysis.core.messages import Message, say
from commons_analysis.sources.pabulib.pbfile import WITHDRAWN_COST, PbFile, ballot_entries, numbers_of
from commons_analysis.sources.pabulib.proposers import Proposer, proposer_actor, reviewed_proposers, slug


def event_id_of(meta: dict[str, str]) -> str:
    """``<unit>_<instance>[_<district>]``: a district's leading number where it has one, else its name."""
    parts = [slug(meta.get("unit", "")) or "vote", slug(meta.get("instance", ""))]
    subunit = meta.get("subunit", "").strip()
    if subunit:
        number = re.match(r"^(\d+)\s*-", subunit)
        parts.append(number.group(1) if number else slug(subunit))
    return "_".join(p for p in parts if p)


def pabulib_date(text: str | None) -> dt.date | None:
    """A Pabulib date, ``DD.MM.YYYY`` (or ISO); None when absent or unreadable.

    >>> pabulib_date("15.06.2022"), pabulib_date("2024-07-04"), pabulib_date("")
    (datetime.date(2022, 6, 15), datetime.date(2024, 7, 4), None)
    """
    text = (text or "").strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def vote_date(meta: dict[str, str]) -> dt.date | None:
    """The day a vote is dated by: its last day, else its first, else January 1 of its instance year.

    >>> vote_date({"date_begin": "01.06.2024", "date_end": "04.07.2024"}), vote_date({"instance": "2025"})
    (datetime.date(2024, 7, 4), datetime.date(2025, 1, 1))
    """
    for key in ("date_end", "date_begin", "instance"):
        day = pabulib_date(meta.get(key))
        if day is not None:
            return day
    return None


@dataclass
class Vote:
    """One file's vote: the file, its event id, the vote it is a part of, and its voters' actor ids."""

    pb: PbFile
    event_id: str
    part_of: str | None = None
    actor_ids: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))
    parts: list[str] = field(default_factory=list)


def ballots_of(pb: PbFile, column: str = "vote") -> list[tuple[str, ...]]:
    """Each voter's cells of ``column`` (project ids, or points), in the file's order."""
    if column not in pb.votes.columns:
        return [() for _ in range(len(pb.votes))]
    rows, items = ballot_entries(pb.votes, column)
    bounds = np.searchsorted(rows, np.arange(len(pb.votes) + 1))
    listed = items.tolist()
    return [tuple(listed[bounds[i] : bounds[i + 1]]) for i in range(len(pb.votes))]


def split_by_district(whole: PbFile, part: PbFile) -> str | None:
    """Why ``part`` is not ``whole``'s ballots restricted to its projects, or None when it is.

    A part's voter ``<d>-<id>`` must be the whole's voter ``<id>``, and its ballot the
    whole voter's ballot without the projects of other districts, in the same order;
    and every whole voter who chose one of the part's projects must be in the part.
    """
    part_projects = set(part.projects["project_id"].astype(str))
    if not part_projects <= set(whole.projects["project_id"].astype(str)):
        return "projects"
    whole_ballots = dict(zip(whole.votes["voter_id"].astype(str), ballots_of(whole), strict=True))
    expected = {
        voter: tuple(p for p in ballot if p in part_projects) for voter, ballot in whole_ballots.items()
    }
    expected = {voter: ballot for voter, ballot in expected.items() if ballot}
    found = {}
    for voter, ballot in zip(part.votes["voter_id"].astype(str), ballots_of(part), strict=True):
        found[voter.rpartition("-")[2]] = ballot
    return None if found == expected else "ballots"


def link_parts(votes: list[Vote]) -> list[Message]:
    """Set ``part_of`` and shared voters where a city file is split into district files (see module)."""
    said: list[Message] = []
    groups: dict[tuple[str, str], list[Vote]] = {}
    for vote in votes:
        groups.setdefault((vote.pb.meta.get("unit", ""), vote.pb.meta.get("instance", "")), []).append(vote)
    for group in groups.values():
        wholes = [v for v in group if not v.pb.meta.get("subunit", "").strip()]
        parts = [v for v in group if v.pb.meta.get("subunit", "").strip()]
        if len(wholes) != 1 or not parts:
            continue
        whole = wholes[0]
        reasons = [split_by_district(whole.pb, part.pb) for part in parts]
        failed = [f"{part.pb.name}: {reason}" for part, reason in zip(parts, reasons, strict=True) if reason]
        if failed:
            said.append(
                say("sources.pabulib.summary.not_parts", whole=whole.pb.name, reason="; ".join(failed))
            )
            continue
        city_actor = dict(zip(whole.pb.votes["voter_id"].astype(str), whole.actor_ids, strict=True))
        for part in parts:
            part.part_of = whole.event_id
            whole.parts.append(part.event_id)
            suffix = part.pb.votes["voter_id"].astype(str).str.rpartition("-")[2]
            part.actor_ids = suffix.map(city_actor).to_numpy(dtype=object)
        said.append(say("sources.pabulib.summary.parts", whole=whole.pb.name, parts=len(parts)))
    return said


def _column(pb: PbFile, name: str) -> pd.Series:
    frame = pb.projects
    if name not in frame.columns:
        return pd.Series([None] * len(frame), dtype=object)
    values = frame[name].astype(str).reset_index(drop=True)
    return values.where((values != "") & (values.str.lower() != "none"), None)


def _labels(values: pd.Series) -> pd.Series:
    """Pabulib's ``,``-separated labels as the contract's ``|``-separated ones."""
    return values.map(
        lambda v: "|".join(p.strip() for p in v.split(",") if p.strip()) if isinstance(v, str) else None
    )


def _numbers(pb: PbFile, name: str) -> np.ndarray:
    values = _column(pb, name)
    return numbers_of(values.fillna(""))


def election_of(vote: Vote) -> object:
    """The vote as an :class:`~commons_analysis.analysis.budget_elections.Election`, to count by its rule."""
    pb = vote.pb
    vote_type = pb.meta.get("vote_type", "approval")
    points = None
    if vote_type in ("cumulative", "scoring"):
        points = [tuple(float(x) for x in p) for p in ballots_of(pb, "points")]
    maximum = pb.number("max_length")
    threshold = pb.number("min_project_score_threshold")
    return election_from_ballots(
        pb.projects["project_id"].astype(str).tolist(),
        _numbers(pb, "cost").tolist(),
        ballots_of(pb),
        budget=pb.number("budget") or 0.0,
        vote_type=vote_type,
        rule=pb.meta.get("rule", ""),
        points=points,
        max_length=int(maximum) if maximum else None,
        threshold=threshold,
        event_id=vote.event_id,
        source=pb.name,
    )


@dataclass
class Tables:
    """The case tables being built, one list of frames per table, and what the import said."""

    frames: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    said: list[Message] = field(default_factory=list)

    def add(self, table: str, frame: pd.DataFrame) -> None:
        """Append the rows of ``frame`` to ``table``."""
        self.frames.setdefault(table, []).append(frame)

    def joined(self, table: str) -> pd.DataFrame:
        """Every row given for ``table``, in order."""
        frames = self.frames.get(table, [])
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def adopted_by_vote(votes: Sequence[Vote]) -> tuple[dict[str, set[str]], list[Message]]:
    """Each vote's funded project ids: published where the file has ``selected``, else by the rule.

    A whole vote split into parts funds what its parts fund (each counted by its own budget and rule).
    """
    funded: dict[str, set[str]] = {}
    said: list[Message] = []
    for vote in votes:
        if vote.parts:
            continue
        selected = _numbers(vote.pb, "selected")
        ids = vote.pb.projects["project_id"].astype(str).to_numpy()
        if "selected" in vote.pb.projects.columns and (~np.isnan(selected)).any():
            funded[vote.event_id] = set(ids[selected >= 1])
            said.append(
                say(
                    "sources.pabulib.summary.published", event=vote.event_id, count=int((selected >= 1).sum())
                )
            )
        else:
            outcome = declared_outcome(election_of(vote))  # type: ignore[arg-type]
            funded[vote.event_id] = set(outcome.selected)
            rule = vote.pb.meta.get("rule", "") or "greedy"
            said.append(
                say(
                    "sources.pabulib.summary.declared",
                    event=vote.event_id,
                    rule=rule,
                    count=len(outcome.selected),
                )
            )
    for vote in votes:
        if vote.parts:
            funded[vote.event_id] = set().union(*(funded[p] for p in vote.parts))
            said.append(say("sources.pabulib.summary.by_parts", event=vote.event_id))
    return funded, said


def vote_tables(vote: Vote, funded: set[str], proposers: dict[str, Proposer], out: Tables) -> None:
    """Add the rows of one vote to ``out`` (events, budgets, projects, decisions, participation, voters)."""
    pb, event = vote.pb, vote.event_id
    meta = pb.meta
    begin, end = pabulib_date(meta.get("date_begin")), pabulib_date(meta.get("date_end"))
    subunit = meta.get("subunit", "").strip() or None
    description = meta.get("description", "").strip() or pb.name
    title = description if not subunit or subunit in description else f"{description} — {subunit}"
    out.add(
        "events",
        pd.DataFrame(
            {
                "event_id": [event],
                "date": [vote_date(meta)],
                "kind": ["ballot"],
                "title": [title],
                "open": [True],
                "attendance": [len(pb.votes)],
            }
        ),
    )
    budget_row = {
        "event_id": event,
        "source": pb.name,
        "unit": meta.get("unit") or None,
        "subunit": subunit,
        "instance": meta.get("instance") or None,
        "part_of": vote.part_of,
        "budget": pb.number("budget"),
        "currency": meta.get("currency") or None,
        "vote_type": meta.get("vote_type"),
        "rule": meta.get("rule") or None,
        "date_begin": begin,
        "date_end": end,
        "comment": meta.get("comment") or None,
    }
    for key in ("min_length", "max_length", "min_points", "max_points", "min_sum_points", "max_sum_points"):
        budget_row[key] = pb.number(key)
    budget_row["min_project_score_threshold"] = pb.number("min_project_score_threshold")
    out.add("budgets", pd.DataFrame([budget_row]))

    ids = pb.projects["project_id"].astype(str).reset_index(drop=True)
    cost = _numbers(pb, "cost")
    decision_ids = event + "-" + ids
    selected = _numbers(pb, "selected")
    out.add(
        "projects",
        pd.DataFrame(
            {
                "event_id": event,
                "project_id": ids,
                "decision_id": decision_ids,
                "cost": cost,
                "votes": _numbers(pb, "votes"),
                "score": _numbers(pb, "score"),
                "category": _labels(
                    _column(pb, "category") if "category" in pb.projects else _column(pb, "categories")
                ),
                "district": _column(pb, "district").fillna(_column(pb, "subunit")),
                "beneficiaries": _labels(
                    _column(pb, "beneficiaries") if "beneficiaries" in pb.projects else _column(pb, "target")
                ),
                "latitude": _numbers(pb, "latitude"),
                "longitude": _numbers(pb, "longitude"),
                "selected": selected,
                "withdrawn": cost >= WITHDRAWN_COST,
            }
        ),
    )
    proposer_names = _column(pb, "proposer")
    initiated = [
        None if name is None else proposer_actor(name, proposers).actor_id for name in proposer_names
    ]
    out.add(
        "decisions",
        pd.DataFrame(
            {
                "decision_id": decision_ids,
                "event_id": event,
                "topic": _column(pb, "name"),
                "rule": "participatory_budget",
                "initiated_by": initiated,
                "adopted": ids.isin(funded).to_numpy(),
                "votes_for": _numbers(pb, "votes"),
            }
        ),
    )
    votes = pb.votes.reset_index(drop=True)
    ballots = votes["vote"].astype(str).str.replace(r"\s*,\s*", "|", regex=True)
    points = None
    if meta.get("vote_type") in ("cumulative", "scoring") and "points" in votes:
        points = votes["points"].astype(str).str.replace(r"\s*,\s*", "|", regex=True)
    out.add(
        "participation",
        pd.DataFrame(
            {
                "event_id": event,
                "actor_id": vote.actor_ids,
                "role": "attendee",
                "ballot": ballots.where(ballots != "", None),
                "points": points,
                "method": votes["voting_method"].where(votes["voting_method"] != "", None)
                if "voting_method" in votes
                else None,
            }
        ),
    )
    if vote.part_of is None:  # a part's voters are the whole vote's actors
        ages = numbers_of(votes["age"].astype(str)) if "age" in votes else np.full(len(votes), np.nan)
        out.add(
            "actors",
            pd.DataFrame(
                {
                    "actor_id": vote.actor_ids,
                    "name": vote.actor_ids,
                    "sector": "citizen",
                    "kind": "person",
                    "age": pd.Series(ages).round().astype("Int64") if "age" in votes else None,
                    "sex": votes["sex"].where(votes["sex"] != "", None) if "sex" in votes else None,
                }
            ),
        )


def proposer_rows(
    votes: Sequence[Vote], proposers: dict[str, Proposer]
) -> tuple[pd.DataFrame, list[Message]]:
    """One actor per proposer as written, and the summary lines (the unmapped ones loudly)."""
    names = sorted({n for vote in votes for n in _column(vote.pb, "proposer").dropna()})
    if not names:
        return pd.DataFrame(), []
    actors = [proposer_actor(name, proposers) for name in names]
    unique = {a.actor_id: a for a in actors}
    frame = pd.DataFrame(
        {
            "actor_id": list(unique),
            "name": [a.name for a in unique.values()],
            "sector": [a.sector for a in unique.values()],
            "kind": [a.kind for a in unique.values()],
            "role": "proposer",
        }
    )
    persons = sum(a.kind == "person" for a in unique.values())
    said = [
        say(
            "sources.pabulib.summary.proposers",
            count=len(unique),
            organisations=len(unique) - persons,
            persons=persons,
        )
    ]
    unmapped = [a.name for a in actors if not a.mapped]
    if unmapped:
        said.append(
            say(
                "sources.pabulib.summary.unmapped_proposers",
                count=len(unmapped),
                proposers=tuple(unmapped),
                mapping="commons_analysis/sources/pabulib/proposers.csv",
            )
        )
    return frame, said


def case_tables(files: Sequence[PbFile]) -> tuple[dict[str, pd.DataFrame], list[Message], list[Problem]]:
    """The case tables of valid ``.pb`` files, what the import says, and problems (two files, one vote)."""
    problems: list[Problem] = []
    votes: list[Vote] = []
    seen: dict[str, str] = {}
    for pb in files:
        event = event_id_of(pb.meta)
        if event in seen:
            problems.append(
                Problem.of(pb.path, None, None, say("sources.pabulib.event_twice", other=seen[event]))
            )
            continue
        seen[event] = pb.name
        if vote_date(pb.meta) is None:
            problems.append(
                Problem.of(pb.path, pb.headers.get("META"), "date_end", say("sources.pabulib.no_date"))
            )
        actor_ids = (event + "-v" + pb.votes["voter_id"].astype(str)).to_numpy(dtype=object)
        votes.append(Vote(pb, event, actor_ids=actor_ids))
    if problems:
        return {}, [], problems
    out = Tables()
    out.said.extend(link_parts(votes))
    funded, said = adopted_by_vote(votes)
    proposers = reviewed_proposers()
    for vote in votes:
        vote_tables(vote, funded[vote.event_id], proposers, out)
    proposer_frame, proposer_said = proposer_rows(votes, proposers)
    out.add("actors", proposer_frame)
    projects = out.joined("projects")
    summary = say(
        "sources.pabulib.summary.files",
        files=len(files),
        voters=sum(len(v.pb.votes) for v in votes if v.part_of is None),
        projects=len(projects),
        withdrawn=int(projects["withdrawn"].sum()) if len(projects) else 0,
    )
    tables = {
        name: out.joined(name)
        for name in ("actors", "events", "participation", "decisions", "budgets", "projects")
    }
    return tables, [summary, *out.said, *said, *proposer_said], []
