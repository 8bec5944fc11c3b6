"""The opening of a case report and the head of each perspective: the case at a glance, its mapping, cards.

>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.context import report_context
>>> case = Case.from_frames({"id": "tiny", "show_names": True, "title": {"en": "Tiny"}},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
>>> at_a_glance(report_context(case, lang="en")).parts[0].text
'Tiny'
"""

from __future__ import annotations

import html

import pandas as pd

from commons_analysis.model.schema import PERSPECTIVES
from commons_analysis.reporting.blocks import (
    Block,
    Blocks,
    cell,
    escape,
    headline_cards,
    headline_frame,
    illustrative_banner,
    lab_styles,
    perspective_heading,
    safe_url,
)
from commons_analysis.reporting.catalogue import HEADLINES
from commons_analysis.reporting.context import ReportContext
from commons_analysis.reporting.sections.common import (
    card_notes,
    cards_text,
    interval_note,
)
from commons_analysis.reporting.text import (
    UNDEFINED,
    label,
    number,
)
from commons_analysis.reporting.text import date as format_date


def banner(context: ReportContext) -> Block | None:
    """The banner of an illustrative case (None for documented data)."""
    if context.case.meta.data_status != "illustrative":
        return None
    return Block(illustrative_banner(context.lang), context.t("banner.illustrative.title"))


def at_a_glance(context: ReportContext) -> Blocks:
    """Title, banner (illustrative data), then place, period, legal form, summary and sources.

    ``.data``: the facts of the table (fact, value).
    """
    meta, lang = context.case.meta, context.lang  # persons' names scrubbed from the texts
    title = meta.title.text(lang) or meta.id
    heading = Block(f'{lab_styles()}<h1 class="ca-title">{escape(title)}</h1>', title)
    period = UNDEFINED
    if meta.period.start or meta.period.end:
        period = context.t(
            "glance.period_value",
            start=format_date(meta.period.start, lang),
            end=format_date(meta.period.end, lang),
        )
    facts = [
        (context.t("glance.place"), meta.place),
        (context.t("glance.country"), meta.country),
        (context.t("glance.period"), period),
        (context.t("glance.legal_form"), meta.legal_form),
        (context.t("glance.data_status"), context.t(f"data_status.{meta.data_status}")),
        (
            context.t("glance.perspectives"),
            ", ".join(label("perspective", p, lang) for p in meta.perspectives),
        ),
    ]
    facts = [(name, value) for name, value in facts if value]
    rows = "".join(f"<tr><th>{html.escape(name)}</th><td>{cell(value)}</td></tr>" for name, value in facts)
    case = context.case
    counts = context.t(
        "glance.counts",
        actors=number(len(case.actors), lang),
        relations=number(len(case.relations), lang),
        events=number(len(case.events), lang),
        records=number(len(case.participation), lang),
        decisions=number(len(case.decisions), lang),
    )
    parts = [f'<h2 id="glance">{html.escape(context.t("glance.heading"))}</h2>']
    parts.append(f'<table class="ca-facts">{rows}</table>')
    summary = meta.summary.text(lang)
    if summary:
        parts.append(f'<p class="ca-summary">{escape(summary)}</p>')
    parts.append(f'<p class="ca-note">{html.escape(counts)}</p>')
    if not meta.show_names and (case.actors["kind"] == "person").any():
        parts.append(f'<p class="ca-note">{html.escape(context.t("glance.names_hidden"))}</p>')
    if meta.sources:
        items = []
        for source in meta.sources:
            url = safe_url(source.url)
            name = escape(source.title)
            link = f'<a href="{escape(url)}" rel="noopener noreferrer">{name}</a>' if url else name
            if source.url and not url:
                link += f" ({escape(source.url)})"
            if source.accessed:
                link += " — " + html.escape(
                    context.t("glance.accessed", date=format_date(source.accessed, lang))
                )
            items.append(f"<li>{link}</li>")
        parts.append(f"<h3>{html.escape(context.t('glance.sources'))}</h3><ul>{''.join(items)}</ul>")
    nav = "".join(
        f'<a href="#{p}">{html.escape(context.t(f"perspective.{p}.title"))}</a>' for p in PERSPECTIVES
    )
    parts.append(f'<nav class="ca-nav">{nav}</nav>')
    data = pd.DataFrame(facts, columns=["fact", "value"])
    return Blocks([heading, banner(context), Block("".join(parts), title, data=data)])


def mapping(context: ReportContext) -> Blocks:
    """How this case was built from public records (``mapping`` of ``case.yaml``), topic by topic.

    Nothing for a case without a mapping (a hand-made case). ``.data``: topic, text.
    """
    lang = context.lang
    topics = context.case.meta.mapping  # persons' names scrubbed from the texts
    data = pd.DataFrame(
        [(topic, explanation.text(lang)) for topic, explanation in topics.items()],
        columns=["topic", "text"],
    )
    if data.empty:
        return Blocks([], data=data)
    heading = context.t("mapping.heading")
    items = "".join(
        f"<dt>{html.escape(_topic_label(row.topic, lang))}</dt><dd>{escape(row.text)}</dd>"
        for row in data.itertuples(index=False)
    )
    body = (
        f'<h2 id="mapping">{html.escape(heading)}</h2>'
        f'<p class="ca-note">{html.escape(context.t("mapping.intro"))}</p>'
        f'<dl class="ca-mapping">{items}</dl>'
    )
    return Blocks([Block(body, heading, data=data)], data=data)


def section(context: ReportContext, perspective: str) -> Block:
    """Heading of a perspective, the question it answers, and its headline figures.

    ``.data``: the headline figures (indicator, label, value).
    """
    parts = [perspective_heading(perspective, context.lang)]
    title = context.t(f"perspective.{perspective}.title")
    if perspective not in context.case.meta.perspectives:
        parts.append(f'<p class="ca-note">{html.escape(context.t("perspective.not_listed"))}</p>')
    values = {key: context.headlines.get(key) for key in HEADLINES[perspective]}
    notes = card_notes(context, list(values))
    parts.append(headline_cards(values, context.lang, notes))
    if perspective == "distant_people":
        parts.append(interval_note(context).html)
    data = headline_frame(values, context.lang, context.headlines)
    return Block("".join(parts), cards_text(context, title, values, notes), data=data)


def _topic_label(topic: str, lang: str) -> str:
    """The heading of a topic of ``mapping``: its label, else the topic in words (``left_out`` → left out).

    >>> _topic_label("actors", "fr"), _topic_label("vote_counting", "en")
    ('Acteurs', 'Vote counting')
    """
    named = label("mapping", topic, lang)
    return named if named != topic else topic.replace("_", " ").capitalize()
