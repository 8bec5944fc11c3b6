"""The comparison's evidence: the cases × codes matrix and the recommendations with what supports them.

Built from the cases as shown (persons' names scrubbed:
:func:`~commons_analysis.publishing.privacy.display_case`), the language and each case's label,
and hooked as ``comparison.evidence``; each method returns one block carrying its ``.data``.
Recommendations (préconisations) live in each case's ``case.yaml`` (``recommendations``: text,
perspective, the ``coding_id`` of the passages that support them); their excerpts are quoted
only from sources with consent.

Example
-------
>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.comparison_report import ComparisonReport
>>> case = Case.from_frames({"id": "x"}, actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"],
...     "sector": ["sse"]}))
>>> ComparisonReport([case], lang="en").evidence.matrix().text
'No case has codings.'
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from commons_analysis.analysis.evidence import cases_by_codes
from commons_analysis.model.case import Case
from commons_analysis.model.codebook import case_codebook, code_label
from commons_analysis.publishing.privacy import without_unconsented_quotes
from commons_analysis.reporting import plots
from commons_analysis.reporting.blocks import Block, FigureBlock, html_table, note
from commons_analysis.reporting.text import PLOTLY_SEPARATORS, label, t


class EvidenceComparison:
    """The evidence of a comparison; see the module docstring."""

    def __init__(self, shown: Sequence[Case], *, lang: str, labels: Mapping[str, str]):
        """``shown``: the cases as shown (:func:`~commons_analysis.publishing.privacy.display_case`).

        ``labels``: case id → the label the comparison gives it.
        """
        self.cases = list(shown)
        self.lang = lang
        self.labels = dict(labels)
        #: The cases with the texts of unconsented sources withheld too: nothing here quotes them.
        self.shown = {case.id: without_unconsented_quotes(case) for case in self.cases}

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def matrix(self) -> FigureBlock | Block:
        """Cases × codes: passages coded with each code in each case (``.data``: case, code, passages…)."""
        frame = cases_by_codes(self.shown)
        if frame.empty:
            return note(self._t("reporting.evidence.matrix.none"))
        book: dict = {}
        for case in self.cases:
            book.update(case_codebook(case.meta))
        wide = frame.pivot(index="case", columns="code", values="passages").fillna(0)
        figure = go.Figure(
            go.Heatmap(
                z=wide.to_numpy().tolist(),
                x=[plots.escape(code_label(book, c, self.lang))[:40] for c in wide.columns],
                y=[plots.escape(self.labels.get(c, c)) for c in wide.index],
                colorscale="Blues",
                texttemplate="%{z}",
                hovertemplate="%{y} – %{x}: %{z}<extra></extra>",
            )
        )
        figure.update_layout(
            title={"text": self._t("reporting.evidence.matrix.title"), "x": 0.01},
            height=220 + 40 * len(wide.index),
            template=plots.TEMPLATE,
            separators=PLOTLY_SEPARATORS[self.lang],
            xaxis={"tickangle": -40},
        )
        return FigureBlock(figure, frame.assign(case_label=frame["case"].map(self.labels)))

    def recommendations(self) -> Block:
        """Each case's recommendations, their perspective, and the excerpts that support them (``.data``)."""
        rows = []
        for case in self.cases:
            shown = self.shown[case.id]
            codings = shown.codings.set_index("coding_id")
            for recommendation in shown.meta.recommendations:
                cited = [c for c in recommendation.codings if c in codings.index]
                quotes = [
                    f"{c} ({code_label(case_codebook(case.meta), str(codings.loc[c, 'code']), self.lang)}): "
                    + (
                        str(codings.loc[c, "excerpt"])
                        if not pd.isna(codings.loc[c, "excerpt"])
                        else self._t("reporting.evidence.quote_withheld")
                    )
                    for c in cited
                ]
                rows.append(
                    {
                        "case": case.id,
                        "case_label": self.labels.get(case.id, case.id),
                        "text": recommendation.text.text(self.lang),
                        "perspective": recommendation.perspective,
                        "codings": "|".join(cited),
                        "excerpts": "\n".join(quotes),
                        "illustrative": shown.meta.evidence_status == "illustrative",
                    }
                )
        data = pd.DataFrame(
            rows, columns=["case", "case_label", "text", "perspective", "codings", "excerpts", "illustrative"]
        )
        heading = html.escape(self._t("reporting.evidence.recommendations.title"))
        title = f'<h3 class="ca-subsection">{heading}</h3>'
        if data.empty:
            message = self._t("reporting.evidence.recommendations.none")
            return Block(title + f'<p class="ca-note">{html.escape(message)}</p>', message, data=data)
        mark = t("reporting.comparison.illustrative_mark", self.lang)
        table = html_table(
            [self._t(f"reporting.evidence.column.{c}") for c in ("text", "perspective", "cases", "excerpt")],
            [
                [
                    r.text,
                    label("perspective", r.perspective, self.lang) if r.perspective else "",
                    r.case_label + (f" ({mark})" if r.illustrative and mark not in r.case_label else ""),
                    r.excerpts,
                ]
                for r in data.itertuples(index=False)
            ],
        )
        return Block(title + table, self._t("reporting.evidence.recommendations.title"), data=data)


__all__ = ["EvidenceComparison"]
