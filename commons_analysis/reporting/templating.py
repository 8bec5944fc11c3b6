"""The Jinja templates of the reports: the pages, and one template per report section.

Templates are package data (``commons_analysis/templates/*.html.j2``). A
section module renders its HTML from the template of the same name, one
Jinja ``{% block %}`` per function: ``render("overview", "mapping", heading=…)``;
what several sections share (a table, cards, a note) is in ``blocks.html.j2``.
A whole page (``page.html.j2``) is rendered by :func:`render_page`.

Every value is HTML-escaped (autoescape), as :func:`html.escape` writes it
(``&#x27;`` for an apostrophe), so that moving HTML from Python into a
template changes no byte of a report; pre-built HTML (a table, a figure)
enters as :class:`~markupsafe.Markup`.

In a section's template, lines are layout only: the loader strips each
line's leading and trailing whitespace and joins the lines, so a template is
written one element a line and renders as compact HTML (keep on one line
what must stay separated by a space). A page template is rendered as written.

Example
-------
>>> render("blocks", "note", text="<b>", css="ca-note")
'<p class="ca-note">&lt;b&gt;</p>'
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup


class _CompactLoader(jinja2.PackageLoader):
    """The package's templates, each line stripped and the lines joined (see the module docstring)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        return "".join(line.strip() for line in source.splitlines()), filename, uptodate


def _escaped(value: Any) -> Any:
    """A value as HTML text, escaped as :func:`html.escape` does (Markup, already safe, as is).

    >>> str(_escaped("l'<b>")), str(_escaped(Markup("<b>")))
    ('l&#x27;&lt;b&gt;', '<b>')
    """
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


@cache
def environment(compact: bool = True) -> jinja2.Environment:
    """The templates' environment: every value escaped, an undefined name an error.

    ``compact``: sections' templates, lines stripped and joined; else pages, as written.
    """
    loader = _CompactLoader if compact else jinja2.PackageLoader
    return jinja2.Environment(
        loader=loader("commons_analysis", "templates"),
        autoescape=True,
        finalize=_escaped,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render(template: str, block: str, **values: Any) -> str:
    """The block ``block`` of ``templates/<template>.html.j2`` with ``values``, as HTML.

    >>> render("blocks", "empty", title="Flows", message="No flow.")
    '<p class="ca-note ca-empty"><strong>Flows</strong> — No flow.</p>'
    """
    compiled = environment().get_template(f"{template}.html.j2")
    if block not in compiled.blocks:
        raise KeyError(f"templates/{template}.html.j2 has no block {block!r}")
    return "".join(compiled.blocks[block](compiled.new_context(values)))


def render_page(name: str, **values: Any) -> str:
    """The page template ``templates/<name>.html.j2`` with ``values``, as written (lines kept)."""
    return environment(compact=False).get_template(f"{name}.html.j2").render(**values)


__all__ = ["Markup", "environment", "render", "render_page"]
