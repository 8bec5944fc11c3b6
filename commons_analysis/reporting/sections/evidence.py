"""The report's evidence: what the sources say, beside the numbers (issue 16).

A section of the case report built from its
:class:`~commons_analysis.reporting.context.ReportContext` (the case as shown, the language,
the seed, the resamples): ``report.evidence.excerpts("public_power")``.
Each method returns one block of :mod:`commons_analysis.reporting.blocks` carrying its ``.data``:

- :meth:`EvidenceSection.overview` — sources, codings, coders, the agreement, and the
  illustrative flag; one line for a case without evidence (the other methods then return None);
- :meth:`EvidenceSection.excerpts` — per perspective, the excerpts by code, quoted only from
  sources with consent (the others counted, never quoted);
- :meth:`EvidenceSection.scores` — each Ostrom principle and Arnstein's rung: each coder's score,
  the agreed score, the codings it rests on, "without evidence" where none, and the ordinal alpha;
- :meth:`EvidenceSection.codes_by_kind`, :meth:`EvidenceSection.network` (codes tied when they
  code the same passage), :meth:`EvidenceSection.agreement`, :meth:`EvidenceSection.disagreements`.

Everything comes from the case as shown (persons' names scrubbed from every text:
:func:`~commons_analysis.publishing.privacy.display_case`); interviewees appear by role, never by
name. The agreement and the counts read only codes, coders, passages and values, which showing the
case leaves as they are.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.case_report import CaseReport
>>> case = Case.from_frames({"id": "x", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
>>> CaseReport(case, lang="en").evidence.overview().text
'This case has no sources or codings (auditions, interviews, reading notes, documents).'
"""

from __future__ import annotations

import html
import math
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from commons_analysis.analysis.evidence import (
    agreement_by_code,
    case_score_agreement,
    coder_scores,
    codes_by_kind,
    cooccurrence,
    disagreements,
    excerpts,
)
from commons_analysis.model.codebook import case_codebook, code_label
from commons_analysis.model.schema.vocabularies import ARNSTEIN_RUNGS
from commons_analysis.reporting import plots
from commons_analysis.reporting.blocks import Block, FigureBlock, html_table, note
from commons_analysis.reporting.text import PLOTLY_SEPARATORS, UNDEFINED, label, number, t

if TYPE_CHECKING:
    from commons_analysis.reporting.context import ReportContext

#: Resamples of the agreement's 95 % intervals in a report.
REPORT_BOOTSTRAP = 1000


class EvidenceSection:
    """The evidence of one case report; see the module docstring."""

    def __init__(self, context: ReportContext):
        self.context = context
        self.case = context.case  # as shown: the only case a section sees
        self.lang = context.lang
        self.seed = context.seed
        self.bootstrap = min(context.bootstrap, REPORT_BOOTSTRAP)
        self.book = case_codebook(self.case.meta)

    # -- shared ------------------------------------------------------------------------

    @property
    def present(self) -> bool:
        """Whether the case has codings."""
        return not self.case.codings.empty

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def _code(self, key: str) -> str:
        return code_label(self.book, key, self.lang)

    def _kind(self, kind: object) -> str:
        return self._t(f"reporting.evidence.kind.{kind}") if isinstance(kind, str) else UNDEFINED

    def _heading(self, key: str, **values: object) -> str:
        return f'<h3 class="ca-subsection">{html.escape(self._t(key, **values))}</h3>'

    @cached_property
    def by_code(self) -> pd.DataFrame:
        """Agreement per code (see :func:`~commons_analysis.analysis.evidence.agreement_by_code`)."""
        return agreement_by_code(self.case, bootstrap=self.bootstrap, seed=self.seed)

    def _alpha_line(self, row: pd.Series | None, key: str) -> str:
        if row is None or pd.isna(row["alpha"]):
            return self._t("reporting.evidence.alpha_none")
        low, high = (
            number(None if pd.isna(v) else float(v), self.lang) for v in (row["ci_low"], row["ci_high"])
        )
        return self._t(
            key, alpha=number(float(row["alpha"]), self.lang), low=low, high=high, units=row["units"]
        )

    # -- blocks ------------------------------------------------------------------------

    def overview(self) -> Block:
        """The sources and codings in figures, and the overall agreement; ``.data``: one row of figures."""
        if not self.present:
            return note(self._t("reporting.evidence.none"))
        sources, codings = self.case.sources, self.case.codings
        withheld = int((~sources["consent"].fillna(False).astype(bool)).sum())
        passages = excerpts(self.case)
        figures = {
            "sources": int(sources["source_id"].nunique()),
            "codings": len(codings),
            "coders": int(codings["coder"].nunique()),
            "passages": int(
                (passages["source_id"].astype(str) + "#" + passages["segment"].astype(str)).nunique()
            ),
            "withheld": withheld,
        }
        overall = self.by_code[self.by_code["code"] == "*"]
        row = overall.iloc[0] if not overall.empty else None
        data = pd.DataFrame(
            [
                {
                    **figures,
                    "alpha": None if row is None else row["alpha"],
                    "ci_low": None if row is None else row["ci_low"],
                    "ci_high": None if row is None else row["ci_high"],
                }
            ]
        )
        lines = [
            self._t("reporting.evidence.overview", **figures),
            self._alpha_line(row, "reporting.evidence.alpha"),
        ]
        banner = ""
        if self.case.meta.evidence_status == "illustrative":
            said = html.escape(self._t("reporting.evidence.illustrative"))
            banner = f'<div class="ca-banner" role="note">{said}</div>'
            lines.insert(0, self._t("reporting.evidence.illustrative"))
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1 if banner else 0 :])
        return Block(
            f'<h2 id="evidence" class="ca-section">{html.escape(self._t("reporting.evidence.title"))}</h2>'
            + banner
            + body,
            "\n".join(lines),
            data=data,
        )

    def excerpts(self, perspective: str) -> Block | None:
        """Excerpts by code for one perspective, quoted only with consent; ``.data``: one row per coding."""
        if not self.present:
            return None
        shown = excerpts(self.case)
        frame = shown[shown["perspective"] == perspective].sort_values(["code", "source_id", "coding_id"])
        title = self._heading(
            "reporting.evidence.excerpts.title", perspective=label("perspective", perspective, self.lang)
        )
        if frame.empty:
            return Block(
                title + f'<p class="ca-note">{html.escape(self._t("reporting.evidence.excerpts.none"))}</p>',
                self._t("reporting.evidence.excerpts.none"),
                data=frame,
            )
        quoted = frame[frame["consent"]].fillna({"role": ""})
        # the same passage quoted under the same code by several coders: one row, its coders together
        grouped = quoted.groupby(
            ["code", "source_id", "source_kind", "role", "excerpt"], sort=False, dropna=False
        )
        rows = [
            [self._code(code), source, self._kind(kind), role, excerpt, ", ".join(group["coder"].astype(str))]
            for (code, source, kind, role, excerpt), group in grouped
        ]
        header = [
            self._t(f"reporting.evidence.column.{c}")
            for c in ("code", "source", "kind", "role", "excerpt", "coder")
        ]
        withheld = int((~frame["consent"]).sum())
        tail = (
            f'<p class="ca-note">{html.escape(self._t("reporting.evidence.withheld", count=withheld))}</p>'
            if withheld
            else ""
        )
        return Block(
            title + html_table(header, rows) + tail,
            self._t(
                "reporting.evidence.excerpts.title", perspective=label("perspective", perspective, self.lang)
            ),
            data=frame.reset_index(drop=True),
        )

    def scores(self) -> Block | None:
        """Each scored code: each coder's score, the agreed one, the codings behind it (``.data``)."""
        if not self.present:
            return None
        frame = coder_scores(self.case).rename(columns={"from": "origin"})
        title = self._heading("reporting.evidence.scores.title")
        if frame.empty:
            return Block(
                title + f'<p class="ca-note">{html.escape(self._t("reporting.evidence.scores.none"))}</p>',
                self._t("reporting.evidence.scores.none"),
                data=frame,
            )
        rows = []
        for r in frame.itertuples(index=False):
            score = number(float(r.score), self.lang, digits=0) if not pd.isna(r.score) else UNDEFINED
            if r.code == "arnstein" and not pd.isna(r.score):
                score = f"{score} ({label('arnstein', ARNSTEIN_RUNGS[int(r.score) - 1], self.lang)})"
            coder = self._t("reporting.evidence.agreed") if r.coder == "*" else r.coder
            evidence = str(r.coding_ids).replace("|", ", ") or self._t("reporting.evidence.from.none")
            rows.append(
                [self._code(r.code), coder, score, self._t(f"reporting.evidence.from.{r.origin}"), evidence]
            )
        header = [
            self._t(f"reporting.evidence.column.{c}") for c in ("code", "coder", "score", "from", "codings")
        ]
        alpha = case_score_agreement(self.case, bootstrap=self.bootstrap, seed=self.seed)
        line = ""
        if alpha is not None and alpha["alpha"] is not None:
            low, high = alpha["ci95"] or (None, None)
            text = self._t(
                "reporting.evidence.scores.alpha",
                alpha=number(alpha["alpha"], self.lang),
                low=number(low, self.lang),
                high=number(high, self.lang),
            )
            line = f'<p class="ca-note">{html.escape(text)}</p>'
        return Block(
            title + html_table(header, rows, numeric=[2]) + line,
            self._t("reporting.evidence.scores.title"),
            data=frame.rename(columns={"origin": "from"}),
        )

    def codes_by_kind(self) -> FigureBlock | None:
        """Codings of each code by kind of source (stacked bars); ``.data``: code, kind, codings."""
        if not self.present:
            return None
        frame = codes_by_kind(self.case)
        figure = go.Figure()
        for kind, group in frame.groupby("kind", sort=True):
            figure.add_trace(
                go.Bar(
                    y=[plots.escape(self._code(c)) for c in group["code"]],
                    x=group["codings"].tolist(),
                    name=plots.escape(self._kind(kind)),
                    orientation="h",
                    hovertemplate="%{y}: %{x}<extra>" + plots.escape(self._kind(kind)) + "</extra>",
                )
            )
        height = 160 + 26 * max(1, frame["code"].nunique())
        figure.update_layout(
            barmode="stack",
            title={"text": self._t("reporting.evidence.kinds.title"), "x": 0.01},
            height=height,
            separators=PLOTLY_SEPARATORS[self.lang],
            xaxis={"title": {"text": self._t("reporting.evidence.kinds.axis")}},
            yaxis={"autorange": "reversed"},
            template=plots.TEMPLATE,
        )
        return FigureBlock(figure, frame)

    def network(self) -> FigureBlock | Block | None:
        """The co-occurrence network of codes; ``.data``: code_a, code_b, passages (ties)."""
        if not self.present:
            return None
        ties = cooccurrence(self.case)
        if ties.empty:
            return Block(
                f'<p class="ca-note">{html.escape(self._t("reporting.evidence.network.none"))}</p>',
                self._t("reporting.evidence.network.none"),
                data=ties,
            )
        graph = nx.Graph()
        counts = self.case.codings["code"].value_counts()
        graph.add_nodes_from(sorted(counts.index.astype(str)))
        for a, b, n in ties.itertuples(index=False):
            graph.add_edge(a, b, weight=int(n))
        positions = nx.circular_layout(graph)  # every code on one circle: no label hides another
        figure = go.Figure()
        for a, b, n in ties.itertuples(index=False):
            (x0, y0), (x1, y1) = positions[a], positions[b]
            figure.add_trace(
                go.Scatter(
                    x=[x0, x1],
                    y=[y0, y1],
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line={"width": 1 + 1.5 * math.log1p(n), "color": "#9aa5b1"},
                )
            )
        nodes = sorted(graph.nodes)
        figure.add_trace(
            go.Scatter(
                x=[positions[c][0] for c in nodes],
                y=[positions[c][1] for c in nodes],
                mode="markers+text",
                text=[plots.escape(c) for c in nodes],
                customdata=[plots.escape(self._code(c)) for c in nodes],
                textposition=["middle right" if positions[c][0] >= 0 else "middle left" for c in nodes],
                marker={
                    "size": [8 + 3 * math.sqrt(int(counts.get(c, 0))) for c in nodes],
                    "color": "#2b6cb0",
                },
                hovertemplate="%{text}: %{customdata}<extra></extra>",
                showlegend=False,
            )
        )
        figure.update_layout(
            title={"text": self._t("reporting.evidence.network.title"), "x": 0.01},
            height=560,
            template=plots.TEMPLATE,
            separators=PLOTLY_SEPARATORS[self.lang],
        )
        figure.update_xaxes(visible=False, range=[-2.8, 2.8])  # room for the labels on both sides
        figure.update_yaxes(visible=False)
        return FigureBlock(plots.with_caption(figure, self._t("reporting.evidence.network.caption")), ties)

    def agreement(self) -> Block | None:
        """Alpha per code with its 95 % interval; ``.data``: code, level, alpha, ci_low, ci_high, units…"""
        if not self.present:
            return None
        frame = self.by_code
        title = self._heading("reporting.evidence.agreement.title")
        names = {
            "*": self._t("reporting.evidence.agreement.overall"),
            "ostrom.*": self._t("reporting.evidence.agreement.ostrom"),
        }
        rows = [
            [
                names.get(r.code) or self._code(r.code),
                self._t(f"reporting.evidence.level.{r.level}"),
                number(None if pd.isna(r.alpha) else float(r.alpha), self.lang),
                UNDEFINED
                if pd.isna(r.ci_low)
                else f"{number(float(r.ci_low), self.lang)} – {number(float(r.ci_high), self.lang)}",
                r.units,
            ]
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"reporting.evidence.column.{c}") for c in ("code", "level", "alpha", "interval", "units")
        ]
        text = self._alpha_line(None if frame.empty else frame.iloc[0], "reporting.evidence.alpha")
        return Block(
            title + f"<p>{html.escape(text)}</p>" + html_table(header, rows, numeric=[2, 4]),
            self._t("reporting.evidence.agreement.title"),
            data=frame,
        )

    def disagreements(self) -> Block | None:
        """The passages where coders disagree, to settle together; ``.data``: one row per (passage, code)."""
        if not self.present:
            return None
        frame = disagreements(self.case)
        title = self._heading("reporting.evidence.disagreements.title")
        if frame.empty:
            return Block(
                title
                + f'<p class="ca-note">{html.escape(self._t("reporting.evidence.disagreements.none"))}</p>',
                self._t("reporting.evidence.disagreements.none"),
                data=frame,
            )
        frame = frame.assign(excerpt=frame["excerpt"].where(frame["consent"], pd.NA))
        rows = [
            [
                r.passage,
                self._code(r.code),
                r.with_code.replace("|", ", "),
                r.without_code.replace("|", ", "),
                r.values.replace("|", ", "),
                r.excerpt if not pd.isna(r.excerpt) else self._t("reporting.evidence.quote_withheld"),
            ]
            for r in frame.itertuples(index=False)
        ]
        header = [
            self._t(f"reporting.evidence.column.{c}")
            for c in ("passage", "code", "with", "without", "values", "excerpt")
        ]
        return Block(
            title + html_table(header, rows), self._t("reporting.evidence.disagreements.title"), data=frame
        )


__all__ = ["REPORT_BOOTSTRAP", "EvidenceSection"]
