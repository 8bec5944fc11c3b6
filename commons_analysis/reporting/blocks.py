"""Display blocks: what a report cell returns, shown by Jupyter and carrying the data it shows.

A block is a piece of report HTML (:class:`Block`), a plotly figure with its
caption (:class:`FigureBlock`), or several of them (:class:`Blocks`). Each
one that shows a table or a chart carries ``.data``, the tidy DataFrame it
shows (one row per bar, point, actor or cell, numbers unformatted), and a
figure also ``.figure``, the plotly Figure: ``report.lorenz().data`` gives
the points of the Lorenz curve, ``report.lorenz().figure`` the chart to restyle.

Two rules hold for everything shown:

* **escaping** — every string that comes from case data is HTML-escaped
  (:func:`escape`, :func:`html_table`), so a name like ``<img src=x onerror=…>``
  stays text;
* **determinism** — figure ``<div>`` ids are numbered in display order
  (``ca-fig-1``, ``ca-fig-2``…), never random.

Figures are drawn by plotly.js, which a rendered report loads once from the
shared ``plotly.min.js`` next to it. Inside a kernel that renders a report
(the environment variable :data:`OUTPUT_ENV` ``=html``, set by the batch), a
figure is ``text/html`` only; elsewhere (JupyterLab) it also carries plotly's
own mimetype, which JupyterLab draws natively.

In a rendering kernel, a cell that returns a bare ``go.Figure`` would show
nothing in the HTML: plotly ≥ 6 picks its ``plotly_mimetype`` renderer there,
which nbconvert drops. :func:`use_report_display` routes such figures through
:class:`FigureBlock`; the reports turn it on for their own kernel only (when
:func:`html_only`), so that importing the package changes nothing in how other
figures display. It uses IPython's display formatter rather than
``plotly.io.renderers.default``, because importing plotly's renderer registry
imports nbformat and jsonschema, which costs 1.2–1.6 s in every rendering
kernel (measured; mostly ``rfc3987_syntax`` building a grammar).

Example
-------
>>> block = Block(f"<p>{escape('<b>x</b>')}</p>")
>>> block._repr_html_()
'<p>&lt;b&gt;x&lt;/b&gt;</p>'
"""

from __future__ import annotations

import html
import itertools
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import markupsafe
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from commons_analysis.reporting import plots
from commons_analysis.reporting.catalogue import HEADLINES
from commons_analysis.reporting.page import component_styles
from commons_analysis.reporting.templating import render
from commons_analysis.reporting.text import (
    UNDEFINED,
    explanation,
    format_indicator,
    indicator_label,
    not_applicable_text,
    t,
)

#: Environment variable set in rendering kernels: ``html`` means "figures as text/html only".
OUTPUT_ENV = "COMMONS_ANALYSIS_OUTPUT"

_figure_numbers = itertools.count(1)


def escape(value: object) -> str:
    """Case data as HTML text (``None`` and missing values as an empty string).

    >>> escape("<b>"), escape(None)
    ('&lt;b&gt;', '')
    """
    return plots.escape(value)


def html_only() -> bool:
    """True inside a kernel rendering a report for nbconvert (see :data:`OUTPUT_ENV`)."""
    return os.environ.get(OUTPUT_ENV) == "html"


def reset_figure_numbers() -> None:
    """Start figure ids at ``ca-fig-1`` again (each report starts from 1, so ids are deterministic)."""
    global _figure_numbers
    _figure_numbers = itertools.count(1)


def figure_html(figure: go.Figure | Mapping[str, Any], div_id: str | None = None) -> str:
    """A figure as a ``<div>`` and the script that draws it with the page's Plotly (no plotly.js inside).

    ``div_id``: the id of the ``<div>``; by default the next ``ca-fig-N``.
    """
    div_id = div_id or f"ca-fig-{next(_figure_numbers)}"
    return pio.to_html(
        figure,
        include_plotlyjs=False,
        full_html=False,
        div_id=div_id,
        validate=False,
        config={"displaylogo": False, "responsive": True},
    )


class Block:
    """A piece of report HTML (already escaped), displayed as ``text/html``.

    ``text`` is the plain-text fallback; ``metadata`` rides along with the
    output in the notebook (the batch reads the index entry there); ``data``
    is the table the block shows, if it shows one. ``figure`` is None: a block
    of text stands where a chart would have nothing to draw.
    """

    figure: go.Figure | None = None

    def __init__(
        self,
        html_text: str,
        text: str = "",
        metadata: Mapping[str, Any] | None = None,
        data: pd.DataFrame | None = None,
    ):
        self.html = html_text
        self.text = text or ""
        self.metadata = dict(metadata or {})
        self.data = data

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        data = {"text/html": self.html, "text/plain": self.text or " "}
        return (data, self.metadata) if self.metadata else data

    def __repr__(self) -> str:
        return self.text or "Block"


class FigureBlock:
    """A plotly figure with its caption (from :func:`plots.with_caption`) and the data it draws.

    ``figure``: the plotly Figure; ``data``: the tidy DataFrame it draws (None
    for a figure that draws no table, such as Arnstein's ladder of one rung).
    """

    def __init__(self, figure: go.Figure, data: pd.DataFrame | None = None):
        self.figure = figure
        self.data = data

    @property
    def caption(self) -> str | None:
        """The caption stored in the figure."""
        return plots.caption_of(self.figure)

    def html(self) -> str:
        """``<figure>`` with the chart and its caption; a new deterministic div id on each call."""
        chart = markupsafe.Markup(figure_html(self.figure))
        return render("blocks", "figure", chart=chart, caption=self.caption or "")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        title = self.figure.layout.title.text or ""
        bundle: dict[str, Any] = {
            "text/html": self.html(),
            "text/plain": html.unescape(str(title)) or "figure",
        }
        if not html_only():
            figure = json.loads(pio.to_json(self.figure, validate=False))
            figure["config"] = {"displaylogo": False}
            bundle["application/vnd.plotly.v1+json"] = figure
        return bundle

    def __repr__(self) -> str:
        return str(self.figure.layout.title.text or "figure")


class Blocks:
    """Several blocks shown one after the other (one output each).

    ``data`` is the data given, else that of the first part that has some;
    ``figure`` the figure of the first :class:`FigureBlock` (None without one).
    """

    def __init__(self, parts: Iterable[Block | FigureBlock | None], data: pd.DataFrame | None = None):
        self.parts = [part for part in parts if part is not None]
        self._data = data

    @property
    def data(self) -> pd.DataFrame | None:
        """The table these blocks show (see the class docstring)."""
        if self._data is not None:
            return self._data
        return next((part.data for part in self.parts if part.data is not None), None)

    @property
    def figure(self) -> go.Figure | None:
        """The first figure of these blocks."""
        return next((part.figure for part in self.parts if isinstance(part, FigureBlock)), None)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for part in self.parts:
            display(part)

    def html(self) -> str:
        """All parts as one HTML string (for pages built outside a notebook)."""
        return "".join(part.html() if isinstance(part, FigureBlock) else part.html for part in self.parts)

    def __repr__(self) -> str:
        return "\n".join(repr(part) for part in self.parts)


def _display_figure(figure: Any) -> bool:
    from IPython.display import display

    display(FigureBlock(figure))
    return True


def use_report_display() -> bool:
    """Display bare plotly figures as :class:`FigureBlock` in the running IPython (see the module docstring).

    Returns False outside IPython (nothing to route), True once routed.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return False
    shell = get_ipython()
    if shell is None:
        return False
    from plotly.basedatatypes import BaseFigure

    shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, _display_figure)
    return True


def start_report() -> None:
    """What a report and a comparison do first: figure ids from ``ca-fig-1`` again, bare figures routed.

    Bare plotly figures are routed through :class:`FigureBlock` in a rendering kernel only
    (:func:`html_only`, :func:`use_report_display`).
    """
    reset_figure_numbers()
    if html_only():
        use_report_display()


class Markup(markupsafe.Markup):
    """A string that is already safe HTML: :func:`html_table` and the templates insert it as is."""


def cell(value: object) -> str:
    """A table cell: escaped text, or :class:`Markup` as is; a dash for a missing value."""
    if isinstance(value, markupsafe.Markup):
        return str(value)
    if value is None or value is pd.NA:
        return UNDEFINED
    return html.escape(str(value))


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    numeric: Iterable[int] = (),
    caption: str | None = None,
    css: str = "ca-table",
) -> str:
    """An HTML table; every cell escaped unless it is :class:`Markup`; ``numeric`` columns right-aligned.

    ``caption``: a ``<caption>`` (escaped); ``css``: the class of the ``<table>``.

    >>> html_table(["a"], [["<i>"]])[-50:]
    '<tbody><tr><td>&lt;i&gt;</td></tr></tbody></table>'
    """
    cells = [[Markup(cell(value)) for value in row] for row in rows]
    return render(
        "blocks", "table", css=css, caption=caption, header=header, rows=cells, numeric=set(numeric)
    )


def headline_cards(
    values: Mapping[str, Any],
    lang: str,
    notes: Mapping[str, str] | None = None,
    reasons: Mapping[str, str] | None = None,
) -> str:
    """Headline figures (dotted key → value) as a row of cards: the value large, its label under it.

    ``notes``: a short line under the label of some cards (a p-value, an interval), already written;
    ``reasons``: dotted key → why the figure does not apply to the case
    (:func:`~commons_analysis.analysis.applicability.not_applicable`), written instead of the value.
    A technical figure has its short explanation under its label (:func:`~.text.explanation`).

    >>> html = headline_cards({"participation.participants": 0}, "en", reasons={
    ...     "participation.participants": "secret_ballot"})
    >>> "not applicable: the ballots are secret" in html, ">0<" in html
    (True, False)
    """
    notes, reasons = notes or {}, reasons or {}
    cards = [
        {
            "value": "" if key in reasons else format_indicator(key, value, lang),
            "not_applicable": not_applicable_text(reasons[key], lang) if key in reasons else "",
            "label": indicator_label(key, lang),
            "note": "" if key in reasons else notes.get(key) or "",
            "explanation": explanation(key, lang),
        }
        for key, value in values.items()
    ]
    return render("blocks", "cards", cards=cards)


#: The columns :func:`headline_frame` adds from the companions of a figure (suffix of their dotted key).
COMPANION_COLUMNS = {"p_value": "_p", "expected": "_expected"}


def headline_frame(
    values: Mapping[str, Any], lang: str, companions: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """The data behind :func:`headline_cards`: indicator (dotted key), label, value (unformatted).

    With ``companions`` (dotted key → value, as :func:`~commons_analysis.reporting.compare.headline_values`
    gives them), also each figure's p-value and what chance gives (``p_value``,
    ``expected``) and its 95 % interval (``ci_low``, ``ci_high``), missing where
    the figure has none.

    >>> headline_frame({"network.ties": 3}, "en").to_dict("records")
    [{'indicator': 'network.ties', 'label': 'ties', 'value': 3}]
    >>> frame = headline_frame({"participation.gini": 0.5}, "en", {"participation.gini_ci": [0.4, 0.6]})
    >>> frame[["ci_low", "ci_high"]].iloc[0].tolist()
    [0.4, 0.6]
    """
    frame = pd.DataFrame(
        {
            "indicator": list(values),
            "label": [indicator_label(key, lang) for key in values],
            "value": pd.Series(list(values.values()), dtype=object),
        }
    )
    if companions is None:
        return frame
    for column, suffix in COMPANION_COLUMNS.items():
        frame[column] = pd.array([companions.get(key + suffix) for key in values], dtype="Float64")
    intervals = [companions.get(key + "_ci") or (None, None) for key in values]
    frame["ci_low"] = pd.array([low for low, _ in intervals], dtype="Float64")
    frame["ci_high"] = pd.array([high for _, high in intervals], dtype="Float64")
    return frame


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (a ``javascript:`` source must not become a link)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def note(text: str, css: str = "ca-note") -> Block:
    """A short paragraph (text escaped); ``css`` its class."""
    return Block(render("blocks", "note", text=text, css=css), text)


def lab_styles() -> str:
    """The rules of our own classes as a ``<style>`` element inside JupyterLab; nothing in a rendered page.

    A rendered page has the whole stylesheet in its head (:func:`~commons_analysis.reporting.page.page`).
    """
    return "" if html_only() else f"<style>{component_styles()}</style>"


def illustrative_banner(lang: str, *, many: bool = False) -> str:
    """The warning over a case, or a comparison, whose data are illustrative (composed, not collected).

    ``many``: the warning over several illustrative cases (a comparison), in the plural.
    """
    title = t("reporting.banner.illustrative.title", lang)
    text = t(
        "reporting.banner.illustrative.text_many" if many else "reporting.banner.illustrative.text", lang
    )
    return render("blocks", "banner", title=title, text=text)


def perspective_heading(perspective: str, lang: str) -> str:
    """The heading of a perspective's section and the question it answers; ValueError for an unknown one.

    >>> perspective_heading("public_power", "en")[:60]
    '<h2 id="public_power" class="ca-section">The role of public '
    """
    if perspective not in HEADLINES:
        raise ValueError(f"unknown perspective {perspective!r}: use one of {', '.join(HEADLINES)}")
    title = t(f"reporting.perspective.{perspective}.title", lang)
    question = t(f"reporting.perspective.{perspective}.question", lang)
    return render("blocks", "perspective_heading", perspective=perspective, title=title, question=question)


__all__ = [
    "COMPANION_COLUMNS",
    "OUTPUT_ENV",
    "Block",
    "Blocks",
    "FigureBlock",
    "Markup",
    "escape",
    "figure_html",
    "headline_cards",
    "headline_frame",
    "html_only",
    "html_table",
    "illustrative_banner",
    "lab_styles",
    "note",
    "perspective_heading",
    "reset_figure_numbers",
    "safe_url",
    "start_report",
    "use_report_display",
]
