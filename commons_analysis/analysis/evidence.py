"""What the sources say: codings by passage, agreement between coders, scores with their evidence (issue 16).

A **passage** is a unit of a source: ``(source_id, segment)`` — the segment a
coder named, else the paragraph where the coded text starts (filled when the
case is loaded). A coder **coded a source** when they left at least one
coding in it; the passages of a source are those any coder coded there.

- **presence** (nominal): for each code c and each passage of a source that
  two coders or more coded, each of those coders gives 1 if they put c on the
  passage, else 0. Alpha per code over its passages; overall over every
  (passage, code) pair of the codes used in those sources.
- **scores** (ordinal): a code with a scale (Ostrom 0–2, Arnstein's rung 1–8)
  carries a ``value``; per (passage, code) each coder's value (the lower
  median if they gave several); alpha per code, and over the Ostrom principles
  together (one scale). A coder's **score of the case** for such a code is the
  lower median of the values they gave it; the **agreed score** is the one of
  ``case.yaml`` when it codes it (the group's), else the lower median of the
  coders' scores. Each score names the codings it rests on.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> codings = pd.DataFrame({"coding_id": ["c1", "c2", "c3", "c4"], "source_id": ["s"] * 4,
...     "segment": ["p1", "p1", "p2", "p2"], "code": ["capture", "capture", "capture", "time_energy"],
...     "coder": ["A", "B", "A", "B"]})
>>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"],
...     "sector": ["sse"]}), sources=pd.DataFrame({"source_id": ["s"], "kind": ["audition"],
...     "reference": ["r"]}), codings=codings)
>>> presence_table(case).query("code == 'capture'")["value"].tolist()
[1, 1, 1, 0]
>>> disagreements(case)[["segment", "code", "with_code", "without_code"]].values.tolist()
[['p2', 'capture', 'A', 'B'], ['p2', 'time_energy', 'B', 'A']]
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import pandas as pd

from commons_analysis.analysis.agreement import AGREEMENT_BOOTSTRAP, agreement
from commons_analysis.model.case import Case
from commons_analysis.model.codebook import ARNSTEIN_CODE, Code, case_codebook, ostrom_code
from commons_analysis.model.schema.vocabularies import ARNSTEIN_RUNGS, OSTROM_PRINCIPLES

#: Separates source and segment in a passage's id.
PASSAGE_SEP = "#"


def passages(case: Case) -> pd.DataFrame:
    """The codings with their ``passage`` id (``source#segment``) and the source's kind, role and consent."""
    codings = case.codings.copy()
    codings["passage"] = codings["source_id"].astype(str) + PASSAGE_SEP + codings["segment"].astype(str)
    sources = case.sources.drop_duplicates("source_id").set_index("source_id")
    for column in ("kind", "role", "consent", "title"):
        codings[f"source_{column}"] = codings["source_id"].map(sources[column]).astype(object)
    codings["source_consent"] = codings["source_consent"].fillna(False).astype(bool)
    return codings


def _coders_by_source(coded: pd.DataFrame) -> dict[str, list[str]]:
    return {str(s): sorted(group["coder"].astype(str).unique()) for s, group in coded.groupby("source_id")}


def presence_table(case: Case, codes: list[str] | None = None) -> pd.DataFrame:
    """Nominal agreement data: code, unit (passage), coder, value 1/0, in sources two coders or more coded.

    ``codes``: the codes to tabulate, by default every code used in those sources.
    """
    coded = passages(case)
    shared = {s: c for s, c in _coders_by_source(coded).items() if len(c) >= 2}
    coded = coded[coded["source_id"].isin(shared)]
    columns = ["code", "unit", "coder", "value"]
    if coded.empty:
        return pd.DataFrame({c: pd.Series([], dtype=object if c != "value" else "int64") for c in columns})
    applied = set(zip(coded["passage"], coded["code"], coded["coder"], strict=True))
    units = coded.drop_duplicates("passage")[["passage", "source_id"]].sort_values("passage")
    rows = []
    for code in sorted(set(coded["code"])) if codes is None else codes:
        for passage, source in units.itertuples(index=False):
            for coder in shared[str(source)]:
                rows.append((code, passage, coder, int((passage, code, coder) in applied)))
    return pd.DataFrame(rows, columns=columns)


def score_table(case: Case) -> pd.DataFrame:
    """Ordinal agreement data: code, unit (passage), coder, value, for the codings that carry a value.

    A coder who gave a code several values on one passage counts with the lower median.
    """
    coded = passages(case).dropna(subset=["value"])
    if coded.empty:
        return pd.DataFrame({"code": [], "unit": [], "coder": [], "value": []})
    grouped = coded.groupby(["code", "passage", "coder"])["value"].agg(lower_median).reset_index()
    return grouped.rename(columns={"passage": "unit"})[["code", "unit", "coder", "value"]]


def lower_median(values: Any) -> float:
    """The lower median: the middle value, the lower of the two middle ones for an even count.

    >>> lower_median([2, 0, 1, 2]), lower_median([1])
    (1.0, 1.0)
    """
    ordered = sorted(float(v) for v in values)
    return ordered[(len(ordered) - 1) // 2]


def _domain(book: dict[str, Code], code: str) -> list[float] | None:
    scale = book[code].scale if code in book else None
    return None if scale is None else [float(v) for v in range(int(scale[0]), int(scale[1]) + 1)]


def agreement_by_code(
    case: Case, *, bootstrap: int = AGREEMENT_BOOTSTRAP, seed: int = 0, overall_only: bool = False
) -> pd.DataFrame:
    """One row per code (and the overall rows): level, alpha, ci_low, ci_high, units, coders.

    ``code`` is ``*`` for the overall presence of codes (nominal, every (passage, code)
    pair) and ``ostrom.*`` for the Ostrom scores together (ordinal); ``overall_only``: that first
    row alone (what the indicators need).
    """
    book = case_codebook(case.meta)
    rows: list[dict[str, Any]] = []

    def add(code: str, table: pd.DataFrame, level: str, domain: list[float] | None = None) -> None:
        result = agreement(table, level, bootstrap=bootstrap, seed=seed, domain=domain)
        low, high = result["ci95"] or (None, None)
        rows.append(
            {
                "code": code,
                "level": level,
                "alpha": result["alpha"],
                "ci_low": low,
                "ci_high": high,
                "units": result["units"],
                "coders": result["coders"],
            }
        )

    presence = presence_table(case)
    if not presence.empty:
        pooled = presence.assign(unit=presence["unit"] + "|" + presence["code"])
        add("*", pooled, "nominal")
    if overall_only:
        presence = presence.iloc[0:0]
    if not presence.empty:
        for code, table in presence.groupby("code", sort=True):
            add(str(code), table, "nominal")
    scores = score_table(case).iloc[0:0] if overall_only else score_table(case)
    ostrom = scores[scores["code"].astype(str).str.startswith("ostrom.")]
    if not ostrom.empty:
        add("ostrom.*", ostrom.assign(unit=ostrom["unit"] + "|" + ostrom["code"]), "ordinal", [0.0, 1.0, 2.0])
    for code, table in scores.groupby("code", sort=True):
        add(str(code), table, "ordinal", _domain(book, str(code)))
    frame = pd.DataFrame(rows, columns=["code", "level", "alpha", "ci_low", "ci_high", "units", "coders"])
    for column in ("alpha", "ci_low", "ci_high"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Float64")
    return frame


def disagreements(case: Case) -> pd.DataFrame:
    """The passages where coders who coded the source disagree: a code put by some and not others, or
    values that differ.

    Columns: passage, source_id, segment, code, with_code, without_code (coders, ``|``-joined),
    values (``coder=value`` pairs, for scored codes), excerpt, consent, coding_ids.
    """
    coded = passages(case)
    shared = {s: c for s, c in _coders_by_source(coded).items() if len(c) >= 2}
    coded = coded[coded["source_id"].isin(shared)]
    rows = []
    for (passage, code), group in coded.groupby(["passage", "code"], sort=True):
        coders = shared[str(group["source_id"].iloc[0])]
        present = sorted(group["coder"].astype(str).unique())
        absent = [c for c in coders if c not in present]
        valued = group.dropna(subset=["value"])
        values = {str(coder): lower_median(g["value"]) for coder, g in valued.groupby("coder")}
        if not absent and len(set(values.values())) <= 1:
            continue
        first = group.iloc[0]
        rows.append(
            {
                "passage": passage,
                "source_id": first["source_id"],
                "segment": first["segment"],
                "code": code,
                "with_code": "|".join(present),
                "without_code": "|".join(absent),
                "values": "|".join(f"{c}={v:g}" for c, v in sorted(values.items())),
                "excerpt": first["excerpt"],
                "consent": bool(first["source_consent"]),
                "coding_ids": "|".join(group["coding_id"].dropna().astype(str)),
            }
        )
    columns = ["passage", "source_id", "segment", "code", "with_code", "without_code", "values"]
    return pd.DataFrame(rows, columns=[*columns, "excerpt", "consent", "coding_ids"])


def coder_scores(case: Case) -> pd.DataFrame:
    """Each scored code of the case (Ostrom's principles, Arnstein's rung): each coder's score, the agreed
    one,
    and the codings behind them.

    Columns: code, coder (``*`` for the agreed score), score, from (``codings``, ``case.yaml``,
    ``median``, or ``none`` for a score without evidence), coding_ids (``|``-joined; empty: no evidence).
    Every principle and the rung have their agreed row, its score missing where nothing scores it.
    """
    coded = case.codings
    codes = [ostrom_code(p) for p in OSTROM_PRINCIPLES] + [ARNSTEIN_CODE]
    assessment = case.meta.assessment
    yaml_scores: dict[str, float] = {}
    if assessment is not None:
        yaml_scores = {ostrom_code(p): float(s.score) for p, s in assessment.ostrom.items()}
        if assessment.arnstein is not None:
            yaml_scores[ARNSTEIN_CODE] = float(assessment.arnstein.level)
    rows = []
    for code in codes:
        own = coded[coded["code"] == code]
        valued = own.dropna(subset=["value"])
        scores = {}
        for coder, group in valued.groupby("coder", sort=True):
            scores[str(coder)] = lower_median(group["value"])
            ids = "|".join(group["coding_id"].dropna().astype(str))
            rows.append(
                {
                    "code": code,
                    "coder": str(coder),
                    "score": scores[str(coder)],
                    "from": "codings",
                    "coding_ids": ids,
                }
            )
        evidence = "|".join(own["coding_id"].dropna().astype(str))
        if code in yaml_scores:
            agreed, source = yaml_scores[code], "case.yaml"
        elif scores:
            agreed, source = lower_median(scores.values()), "median"
        else:  # neither scored in case.yaml nor by a coder: shown as a score without evidence
            agreed, source = None, "none"
        rows.append(
            {
                "code": code,
                "coder": "*",
                "score": agreed,
                "from": source if evidence else "none",
                "coding_ids": evidence,
            }
        )
    frame = pd.DataFrame(rows, columns=["code", "coder", "score", "from", "coding_ids"])
    frame["score"] = pd.array(frame["score"].tolist(), dtype="Float64")
    return frame


def case_score_agreement(
    case: Case, *, bootstrap: int = AGREEMENT_BOOTSTRAP, seed: int = 0
) -> dict[str, Any] | None:
    """Ordinal alpha of the coders' scores of the case's Ostrom principles (units: the principles); None
    without two coders who scored.
    """
    scores = coder_scores(case)
    per_coder = scores[(scores["coder"] != "*") & scores["code"].str.startswith("ostrom.")]
    if per_coder["coder"].nunique() < 2:
        return None
    table = per_coder.rename(columns={"code": "unit"}).assign(value=per_coder["score"].astype(float))
    return agreement(
        table[["unit", "coder", "value"]], "ordinal", bootstrap=bootstrap, seed=seed, domain=[0.0, 1.0, 2.0]
    )


def codes_by_kind(case: Case) -> pd.DataFrame:
    """How many codings of each code come from each kind of source: code, kind, codings (tidy)."""
    coded = passages(case)
    if coded.empty:
        return pd.DataFrame({"code": [], "kind": [], "codings": []})
    counts = coded.groupby(["code", "source_kind"], observed=True).size().reset_index(name="codings")
    return counts.rename(columns={"source_kind": "kind"}).sort_values(["code", "kind"], ignore_index=True)


def cooccurrence(case: Case) -> pd.DataFrame:
    """Codes tied when they code the same passage: code_a < code_b, passages (how many carry both)."""
    coded = passages(case)
    pairs: dict[tuple[str, str], int] = {}
    for _, group in coded.groupby("passage"):
        codes = sorted(set(group["code"].astype(str)))
        for i, a in enumerate(codes):
            for b in codes[i + 1 :]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    frame = pd.DataFrame(
        [(a, b, n) for (a, b), n in sorted(pairs.items())], columns=["code_a", "code_b", "passages"]
    )
    return frame


def cooccurrence_graph(case: Case) -> nx.Graph:
    """The co-occurrence network: a node per code used (attribute ``codings``), edges weighted by passages."""
    graph = nx.Graph()
    for code, count in case.codings["code"].value_counts().sort_index().items():
        graph.add_node(str(code), codings=int(count))
    for a, b, n in cooccurrence(case).itertuples(index=False):
        graph.add_edge(a, b, weight=int(n))
    return graph


def excerpts(case: Case) -> pd.DataFrame:
    """Every coding with its code's perspective and its source: the excerpt only where the source consented.

    Columns: coding_id, code, kind (of code), perspective, source_id, source_kind, role, consent,
    excerpt (missing without consent), coder, segment, value, memo.
    """
    book = case_codebook(case.meta)
    coded = passages(case)
    frame = pd.DataFrame(
        {
            "coding_id": coded["coding_id"],
            "code": coded["code"],
            "code_kind": [book[c].kind if c in book else "case" for c in coded["code"]],
            "perspective": [book[c].perspective if c in book else None for c in coded["code"]],
            "source_id": coded["source_id"],
            "source_kind": coded["source_kind"],
            "role": coded["source_role"],
            "consent": coded["source_consent"],
            "excerpt": coded["excerpt"].where(coded["source_consent"], pd.NA),
            "coder": coded["coder"],
            "segment": coded["segment"],
            "value": coded["value"],
            "memo": coded["memo"].where(coded["source_consent"], pd.NA),
        }
    )
    return frame.reset_index(drop=True)


def cases_by_codes(cases: dict[str, Case]) -> pd.DataFrame:
    """The comparison's matrix in tidy form: case, code, codings, passages (cases with codings only)."""
    rows = []
    for case_id, case in cases.items():
        if case.codings.empty:
            continue
        coded = passages(case)
        for code, group in coded.groupby("code", sort=True):
            rows.append((case_id, str(code), len(group), group["passage"].nunique()))
    return pd.DataFrame(rows, columns=["case", "code", "codings", "passages"])


def evidence_indicators(
    case: Case, *, bootstrap: int = AGREEMENT_BOOTSTRAP, seed: int = 0
) -> dict[str, Any] | None:
    """The ``evidence`` part of the indicators, or None for a case without codings.

    ``sources``, ``codings``, ``coders``, ``passages``, ``consented_sources``, and
    ``agreement``: the overall nominal alpha of codes' presence with its 95 % interval
    and pairable units (nulls when no source was coded by two coders); ``scores_agreement``:
    ordinal alpha of the coders' Ostrom scores of the case (null without two such coders).
    """
    if case.codings.empty:
        return None
    table = agreement_by_code(case, bootstrap=bootstrap, seed=seed, overall_only=True)
    overall = table[table["code"] == "*"]
    agreement_part: dict[str, Any] = {"alpha": None, "ci95": None, "units": 0}
    if not overall.empty:
        row = overall.iloc[0]
        ci = None if pd.isna(row["ci_low"]) else [float(row["ci_low"]), float(row["ci_high"])]
        alpha_value = None if pd.isna(row["alpha"]) else float(row["alpha"])
        agreement_part = {"alpha": alpha_value, "ci95": ci, "units": int(row["units"])}
    scores = case_score_agreement(case, bootstrap=bootstrap, seed=seed)
    return {
        "sources": int(case.sources["source_id"].nunique()),
        "consented_sources": int(case.sources["consent"].fillna(False).sum()),
        "codings": len(case.codings),
        "coders": int(case.codings["coder"].nunique()),
        "passages": int(passages(case)["passage"].nunique()),
        "agreement": agreement_part,
        "scores_agreement": None
        if scores is None
        else {"alpha": scores["alpha"], "ci95": None if scores["ci95"] is None else list(scores["ci95"])},
        "disagreements": len(disagreements(case)),
    }


def arnstein_name(level: float | None) -> str | None:
    """The rung's name of an Arnstein level 1–8.

    >>> arnstein_name(6.0), arnstein_name(None)
    ('partnership', None)
    """
    if level is None or (isinstance(level, float) and math.isnan(level)):
        return None
    return ARNSTEIN_RUNGS[int(level) - 1]


__all__ = [
    "PASSAGE_SEP",
    "agreement_by_code",
    "arnstein_name",
    "case_score_agreement",
    "cases_by_codes",
    "coder_scores",
    "codes_by_kind",
    "cooccurrence",
    "cooccurrence_graph",
    "disagreements",
    "evidence_indicators",
    "excerpts",
    "lower_median",
    "passages",
    "presence_table",
    "score_table",
]
