"""Pages: the stylesheet of the reports and the HTML page (``templates/page.html.j2``) that holds a report.

A rendered report is a page of its own, opened from disk without a network:
our stylesheet inline (``templates/report.css``), plotly.js loaded once from :data:`PLOTLY_JS` next to
the page (the batch writes it into the report folder). Colours come from
:mod:`palette`. Inside JupyterLab only the rules of our own classes apply
(:func:`component_styles`), so that JupyterLab keeps its own look.

Example
-------
>>> text = page("<Title>", "<p>body</p>", "en", plotly_js=None)
>>> "<title>&lt;Title&gt;</title>" in text, '<html lang="en">' in text
(True, True)
"""

from __future__ import annotations

from importlib import resources
from string import Template

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.reporting import palette

#: Plotly.js, written once into each report folder and loaded by every report in it.
PLOTLY_JS = "plotly.min.js"

#: The stylesheet's source: ``templates/report.css``, colours as ``$name`` (:class:`string.Template`).
_STYLESHEET = Template(
    resources.files("commons_analysis").joinpath("templates", "report.css").read_text("utf-8")
)

#: The stylesheet of every page, with the colours of :mod:`palette`.
STYLESHEET = _STYLESHEET.substitute(
    ink=palette.INK,
    muted=palette.MUTED,
    line=palette.LINE,
    soft=palette.SOFT,
    accent=palette.ACCENT,
    paper=palette.PAPER,
    warning_background=palette.WARNING_BACKGROUND,
    warning_border=palette.WARNING_BORDER,
    warning=palette.ORANGE.lower(),
    stripe=palette.STRIPE,
    failure=palette.FAILURE,
).strip()


def component_styles() -> str:
    """The rules of :data:`STYLESHEET` for our own classes (``ca-…``) only.

    Shown inside JupyterLab, where rules for ``body`` or ``h2`` would restyle JupyterLab itself.
    """
    rules = [rule.strip() + "}" for rule in STYLESHEET.replace("\n", "").split("}") if rule.strip()]
    selectors = [rule.split("{", 1)[0] for rule in rules]
    return "".join(
        rule
        for rule, selector in zip(rules, selectors, strict=True)
        if "ca-" in selector or selector == ":root"
    )


def page(title: str, body: str, lang: str = DEFAULT_LANG, *, plotly_js: str | None = PLOTLY_JS) -> str:
    """A complete HTML page: our stylesheet, the shared plotly.js (relative link), and ``body``.

    ``title`` is escaped here; ``body`` must already be safe HTML; ``lang`` is
    the page's language; ``plotly_js`` the path of plotly.js relative to the
    page (None for a page without charts).
    """
    from commons_analysis.reporting.templating import Markup, render_page

    stylesheet = Markup(STYLESHEET)
    return render_page(
        "page", title=title, body=Markup(body), lang=lang, stylesheet=stylesheet, plotly_js=plotly_js
    )


__all__ = ["PLOTLY_JS", "STYLESHEET", "component_styles", "page"]
