"""What several sections share: the line that stands for an empty chart, headline cards with their notes.

>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.context import report_context
>>> case = Case.from_frames({"id": "x", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]}))
>>> empty(report_context(case, lang="en"), "reporting.figure.flows.title", "flows", pd.DataFrame()).html[:36]
'<p class="ca-note ca-empty"><strong>'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from commons_analysis.reporting.blocks import Block, headline_cards, headline_frame, note
from commons_analysis.reporting.context import ReportContext
from commons_analysis.reporting.templating import Markup, render
from commons_analysis.reporting.text import (
    format_indicator,
    indicator_label,
    interval_text,
    not_applicable_text,
    number,
    p_value,
)


def empty(context: ReportContext, title_key: str, method: str, data: pd.DataFrame) -> Block:
    """One line where a chart would have nothing to draw: its title, then why (``empty.<method>``)."""
    title, message = context.t(title_key), context.t(f"reporting.empty.{method}")
    return Block(render("blocks", "empty", title=title, message=message), f"{title} — {message}", data=data)


def cards_text(
    context: ReportContext, heading: str, values: Mapping[str, Any], notes: Mapping[str, str] | None = None
) -> str:
    """The plain-text fallback of headline cards: the heading, then one ``label: value (note)`` a line."""
    notes, reasons = notes or {}, context.not_applicable
    lines = (
        f"{indicator_label(k, context.lang)}: "
        + (
            not_applicable_text(reasons[k], context.lang)
            if k in reasons
            else format_indicator(k, v, context.lang) + (f" ({notes[k]})" if notes.get(k) else "")
        )
        for k, v in values.items()
    )
    return heading + "\n" + "\n".join(lines)


def cards(context: ReportContext, heading_key: str, values: Mapping[str, Any]) -> Block:
    """A subsection's heading and its cards; ``.data``: the figures (indicator, label, value)."""
    heading = context.t(heading_key)
    body = render(
        "blocks",
        "subsection",
        heading=heading,
        body=Markup(headline_cards(values, context.lang, reasons=context.not_applicable)),
    )
    return Block(body, cards_text(context, heading, values), data=headline_frame(values, context.lang))


def card_notes(context: ReportContext, keys: Sequence[str]) -> dict[str, str]:
    """Under a tested card its p-value (``p = 0,41``), under a resampled one its 95 % interval."""
    notes = {}
    for key in keys:
        p, interval = context.headlines.get(key + "_p"), context.headlines.get(key + "_ci")
        if p is not None:
            notes[key] = p_value(p, context.lang)
        elif interval is not None:
            notes[key] = interval_text(key, interval, context.lang)
    return notes


def interval_note(context: ReportContext) -> Block:
    """What the 95 % intervals are (draws and seed), or that they are off."""
    if context.bootstrap == 0:
        return note(context.t("reporting.interval.off"))
    return note(
        context.t(
            "reporting.interval.explained",
            bootstrap=number(context.bootstrap, context.lang),
            seed=context.seed,
        )
    )


def pairs(matrix: pd.DataFrame, value: str) -> pd.DataFrame:
    """A square sector × sector table as tidy rows: sector, other_sector, ``value`` (every cell).

    >>> pairs(pd.DataFrame([[0, 1], [1, 2]], index=["a", "b"], columns=["a", "b"]), "ties").values.tolist()
    [['a', 'a', 0], ['a', 'b', 1], ['b', 'a', 1], ['b', 'b', 2]]
    """
    if matrix.empty:
        return pd.DataFrame({"sector": pd.Series([], dtype="string"), "other_sector": [], value: []})
    long = matrix.rename_axis(index="sector", columns="other_sector").stack().rename(value).reset_index()
    return long.astype({"sector": "string", "other_sector": "string"})


def dotted(indicators: Mapping[str, Any], key: str) -> Any:
    """The value of a dotted key in the nested indicators object (None when absent).

    >>> dotted({"network": {"ties": 3}}, "network.ties"), dotted({}, "network.ties")
    (3, None)
    """
    value: Any = indicators
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


__all__ = ["card_notes", "cards", "cards_text", "dotted", "empty", "interval_note", "pairs"]
