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

import pandas as pd

from commons_analysis.core import formats
from commons_analysis.model.schema.vocabularies import PERSPECTIVES
from commons_analysis.reporting.blocks import (
    Block,
    Blocks,
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
from commons_analysis.reporting.templating import Markup, render
from commons_analysis.reporting.text import (
    UNDEFINED,
    case_text,
    label,
    number,
)
from commons_analysis.reporting.text import date as format_date


def banner(context: ReportContext) -> Block | None:
    """The banner of an illustrative case (None for documented data)."""
    if context.case.meta.data_status != "illustrative":
        return None
    return Block(illustrative_banner(context.lang), context.t("reporting.banner.illustrative.title"))


def at_a_glance(context: ReportContext) -> Blocks:
    """Title, banner (illustrative data), then place, period, legal form, summary and sources.

    ``.data``: the facts of the table (fact, value).
    """
    meta, lang = context.case.meta, context.lang  # persons' names scrubbed from the texts
    title = case_text(meta.title.text(lang), lang) or meta.id
    heading = Block(render("overview", "title", styles=Markup(lab_styles()), title=title), title)
    period = UNDEFINED
    if meta.period.start or meta.period.end:
        period = context.t(
            "reporting.glance.period_value",
            start=format_date(meta.period.start, lang),
            end=format_date(meta.period.end, lang),
        )
    facts = [
        (context.t("reporting.glance.place"), meta.place.text(lang) if meta.place else None),
        (
            context.t("reporting.glance.country"),
            formats.country(meta.country, lang) if meta.country else None,
        ),
        (context.t("reporting.glance.period"), period),
        (context.t("reporting.glance.legal_form"), meta.legal_form.text(lang) if meta.legal_form else None),
        (context.t("reporting.glance.data_status"), context.t(f"reporting.data_status.{meta.data_status}")),
        (
            context.t("reporting.glance.perspectives"),
            ", ".join(label("perspective", p, lang) for p in meta.perspectives),
        ),
    ]
    facts = [(name, value) for name, value in facts if value]
    case = context.case
    counts = context.t(
        "reporting.glance.counts",
        actors=number(len(case.actors), lang),
        relations=number(len(case.relations), lang),
        events=number(len(case.events), lang),
        records=number(len(case.participation), lang),
        decisions=number(len(case.decisions), lang),
    )
    names_hidden = not meta.show_names and bool((case.actors["kind"] == "person").any())
    sources = [
        {
            "href": safe_url(source.url) or "",
            "title": source.title or "",
            "unsafe_url": source.url if source.url and not safe_url(source.url) else "",
            "accessed": context.t("reporting.glance.accessed", date=format_date(source.accessed, lang))
            if source.accessed
            else "",
        }
        for source in meta.sources
    ]
    body = render(
        "overview",
        "glance",
        heading=context.t("reporting.glance.heading"),
        facts=facts,
        summary=case_text(meta.summary.text(lang), lang),
        counts=counts,
        names_hidden=context.t("reporting.glance.names_hidden") if names_hidden else "",
        sources_heading=context.t("reporting.glance.sources"),
        sources=sources,
        nav=[(p, context.t(f"reporting.perspective.{p}.title")) for p in PERSPECTIVES],
    )
    data = pd.DataFrame(facts, columns=["fact", "value"])
    return Blocks([heading, banner(context), Block(body, title, data=data)])


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
    heading = context.t("reporting.mapping.heading")
    topics_shown = [
        (_topic_label(row.topic, lang), case_text(row.text or "", lang))
        for row in data.itertuples(index=False)
    ]
    intro = context.t("reporting.mapping.intro")
    body = render("overview", "mapping", heading=heading, intro=intro, topics=topics_shown)
    return Blocks([Block(body, heading, data=data)], data=data)


def section(context: ReportContext, perspective: str) -> Block:
    """Heading of a perspective, the question it answers, and its headline figures.

    ``.data``: the headline figures (indicator, label, value).
    """
    title = context.t(f"reporting.perspective.{perspective}.title")
    listed = perspective in context.case.meta.perspectives
    values = {key: context.headlines.get(key) for key in HEADLINES[perspective]}
    notes = card_notes(context, list(values))
    body = render(
        "overview",
        "section",
        heading=Markup(perspective_heading(perspective, context.lang)),
        not_listed="" if listed else context.t("reporting.perspective.not_listed"),
        cards=Markup(headline_cards(values, context.lang, notes, context.not_applicable)),
        interval_note=Markup(interval_note(context).html if perspective == "distant_people" else ""),
    )
    data = headline_frame(values, context.lang, context.headlines)
    return Block(body, cards_text(context, title, values, notes), data=data)


def _topic_label(topic: str, lang: str) -> str:
    """The heading of a topic of ``mapping``: its label, else the topic in words (``left_out`` → left out).

    >>> _topic_label("actors", "fr"), _topic_label("vote_counting", "en")
    ('Acteurs', 'Vote counting')
    """
    named = label("mapping", topic, lang)
    return named if named != topic else topic.replace("_", " ").capitalize()
