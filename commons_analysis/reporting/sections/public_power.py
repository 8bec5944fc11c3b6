"""The role of public power: flows of money and in-kind support, who initiates decisions, who supports whom.

>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.context import report_context
>>> actors = pd.DataFrame({"actor_id": ["city", "coop"], "name": ["City", "Coop"],
...                        "sector": ["public", "sse"]})
>>> relations = pd.DataFrame({"source": ["city"], "target": ["coop"], "type": ["funding"],
...                           "amount_eur": [500]})
>>> case = Case.from_frames({"id": "tiny", "show_names": True}, actors=actors, relations=relations)
>>> flows(report_context(case, lang="en")).data[["source_name", "target_name"]].values.tolist()
[['City', 'Coop']]
"""

from __future__ import annotations

import pandas as pd

from commons_analysis.reporting import plots
from commons_analysis.reporting.blocks import (
    Block,
    Blocks,
    FigureBlock,
)
from commons_analysis.reporting.context import ReportContext
from commons_analysis.reporting.sections.common import (
    cards,
    dotted,
    empty,
)

#: The cards of the support network.
SUPPORT_KEYS = ("decisions.supported_share", "decisions.support_reciprocity")


def flows(context: ReportContext) -> FigureBlock | Block:
    """Sankey of funding and in-kind flows, giver → receiver.

    ``.data``: source, source_name, target, target_name, type, amount_eur, weight, sectors.
    """
    from commons_analysis.analysis.cooperation import flows

    table = flows(context.case)
    if table.empty:
        return empty(context, "reporting.figure.flows.title", "flows", table)
    actors = pd.DataFrame(
        {
            "actor_id": context.case.actors["actor_id"].astype(str),
            "name": context.case.actors["actor_id"].astype(str).map(context.names),
            "sector": context.case.actors["sector"].astype(str),
        }
    )
    figure = plots.flows_sankey(table, actors, context.lang)
    data = table.assign(
        source_name=table["source"].astype(str).map(context.names),
        target_name=table["target"].astype(str).map(context.names),
    )
    data = context.string_ids(data, ("source", "target"))
    order = ["source", "source_name", "target", "target_name"]
    return FigureBlock(figure, data[order + [c for c in data.columns if c not in order]])


def initiative(context: ReportContext) -> FigureBlock | Block:
    """Share of decisions initiated by each sector; ``.data``: sector, decisions, share."""
    from commons_analysis.analysis.decisions import decisions_by_sector

    table = decisions_by_sector(context.case)
    shares = {
        str(row.sector): (None if pd.isna(row.share) else float(row.share)) for row in table.itertuples()
    }
    if not any(shares.values()):
        return empty(context, "reporting.figure.initiative.title", "initiative", table)
    figure = plots.share_bars(
        shares,
        context.lang,
        kind="sector",
        title=context.t("reporting.figure.initiative.title"),
        axis=context.t("reporting.figure.initiative.axis"),
        caption=context.t("reporting.figure.initiative.caption"),
    )
    return FigureBlock(figure, pd.DataFrame(table))


def support(context: ReportContext) -> Blocks | Block:
    """Who supports whose proposals: the support network's figures, then the most supported initiators.

    ``.data``: :func:`~commons_analysis.analysis.decisions.support_by_initiator`
    (initiator ids and names as shown).
    """
    from commons_analysis.analysis.decisions import support_by_initiator

    frame = support_by_initiator(context.case).rename(columns={"initiator": "actor_id"})
    named = context.named(frame).rename(columns={"actor_id": "initiator"})
    if named.empty:
        return empty(context, "reporting.support.heading", "support", named)
    values = {key: dotted(context.indicators, key) for key in SUPPORT_KEYS}
    figure = plots.support_chart(named, context.lang)
    return Blocks(
        [cards(context, "reporting.support.heading", values), FigureBlock(figure, named)], data=named
    )
