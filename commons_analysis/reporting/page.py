"""Pages: the stylesheet of the reports and the HTML page that holds a report, the index or the comparison.

A rendered report is a page of its own, opened from disk without a network:
our stylesheet inline, plotly.js loaded once from :data:`PLOTLY_JS` next to
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

import html
from string import Template

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.reporting import palette

#: Plotly.js, written once into each report folder and loaded by every report in it.
PLOTLY_JS = "plotly.min.js"

_STYLESHEET = Template(
    """
:root{--ca-ink:$ink;--ca-muted:$muted;--ca-line:$line;--ca-soft:$soft;--ca-accent:$accent}
body{margin:0;color:var(--ca-ink);
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:$paper}
main{max-width:1080px;margin:0 auto;padding:24px 28px 64px}
h1.ca-title{font-size:1.9rem;line-height:1.25;margin:.4em 0 .3em}
h2{font-size:1.45rem;margin:1.8em 0 .4em;padding-bottom:.2em;border-bottom:2px solid var(--ca-line)}
h2.ca-section{border-bottom-color:var(--ca-accent)}
h3{font-size:1.1rem;margin:1.3em 0 .4em}
a{color:var(--ca-accent)}
.ca-banner{background:$warning_background;border:1px solid $warning_border;border-left:6px solid $warning;
padding:.8em 1em;margin:.6em 0 1.2em;
border-radius:4px}
.ca-question{font-style:italic;color:var(--ca-muted);font-size:1.05rem}
.ca-note,.ca-caption,figcaption{color:var(--ca-muted);font-size:.9rem}
.ca-evidence{border-left:3px solid var(--ca-line);padding-left:.8em}
.ca-nav{display:flex;flex-wrap:wrap;gap:.4em 1.2em;margin:1em 0}
.ca-cards{display:flex;flex-wrap:wrap;gap:10px;margin:.8em 0 1.2em}
.ca-card{flex:1 1 150px;max-width:220px;background:var(--ca-soft);border:1px solid var(--ca-line);
border-radius:6px;
padding:.55em .75em}
.ca-value{font-size:1.35rem;font-weight:600;font-variant-numeric:tabular-nums}
.ca-label{font-size:.82rem;color:var(--ca-muted)}
.ca-interval{font-size:.78rem;color:var(--ca-muted);font-variant-numeric:tabular-nums;margin-top:.15em}
.ca-chance{margin:.3em 0 .6em;padding-left:1.2em}
.ca-chance li{margin:.2em 0}
table.ca-table,table.ca-facts{border-collapse:collapse;margin:.6em 0 1em;font-size:.92rem}
table.ca-table th,table.ca-table td{border-bottom:1px solid var(--ca-line);padding:.35em .7em;
text-align:left;
vertical-align:top}
table.ca-table thead th{background:var(--ca-soft);border-bottom:2px solid var(--ca-line)}
table.ca-table td.num,table.ca-table th.num{text-align:right;font-variant-numeric:tabular-nums}
table.ca-table td.num{white-space:nowrap}
table.ca-index th.num{max-width:9em;font-weight:600;font-size:.85rem}
table.ca-index td:first-child{min-width:16em}
table.ca-table tbody tr:nth-child(even){background:$stripe}
table.ca-facts th{text-align:left;padding:.25em 1.2em .25em 0;color:var(--ca-muted);font-weight:500;
vertical-align:top}
table.ca-facts td{padding:.25em 0}
figure.ca-figure{margin:1em 0 1.6em}
.ca-mapping dt{font-weight:600;margin-top:.7em}
.ca-mapping dd{margin:.2em 0 .4em 0}
code{font-size:.85em;word-break:break-all}
.ca-provenance{margin-top:3em}
.ca-failed td{color:$failure}
.jp-OutputArea-output pre{white-space:pre-wrap}
@media print{.ca-nav{display:none}}
"""
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
    script = f'<script src="{html.escape(plotly_js)}" charset="utf-8"></script>\n' if plotly_js else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{STYLESHEET}\n</style>\n{script}</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


__all__ = ["PLOTLY_JS", "STYLESHEET", "component_styles", "page"]
