"""The cooperation network: the map, ties between sectors against chance, brokers, years, co-participation.

>>> import pandas as pd
>>> from commons_analysis.model.case import Case
>>> from commons_analysis.reporting.context import report_context
>>> case = Case.from_frames({"id": "tiny", "show_names": True},
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["public", "sse"]}),
...     relations=pd.DataFrame({"source": ["a"], "target": ["b"], "type": ["funding"]}))
>>> network_map(report_context(case, lang="en", permutations=0, bootstrap=0)).data["name"].tolist()
['A', 'B']
"""

from __future__ import annotations

import pandas as pd

from commons_analysis.reporting import plots
from commons_analysis.reporting.blocks import (
    Block,
    Blocks,
    FigureBlock,
    html_table,
    note,
)
from commons_analysis.reporting.context import ReportContext
from commons_analysis.reporting.sections.common import (
    cards,
    empty,
    pairs,
)
from commons_analysis.reporting.templating import Markup, render
from commons_analysis.reporting.text import (
    chance_reading,
    format_indicator,
    indicator_label,
    label,
    number,
)
from commons_analysis.reporting.text import date as format_date

#: Above this many actors, a map shows only the most connected ones.
MAP_MAX_ACTORS = 300
#: The figures tested against chance by permutations (``network.<name>``), in the order they are read.
TESTED = ("ei_index", "sector_assortativity")


def network_map(
    context: ReportContext, positions: pd.DataFrame | None = None, *, as_of: object = None
) -> Blocks:
    """The cooperation network, coloured by sector, seeded layout, hover details.

    ``positions`` (actor_id, x, y) fixes the layout (the explorer keeps the
    whole case's). ``as_of`` draws the network on that date: the actors with
    a relation in force then (:func:`~commons_analysis.analysis.network_periods.network_on`).
    Above :data:`MAP_MAX_ACTORS` actors, the most connected only, and never
    the actors without any tie; a note says so. ``.data``: the actors drawn
    (actor_id, name, sector, kind, degree, rank, x, y).
    """
    from commons_analysis.analysis.cooperation import cooperation_ties, network_actors
    from commons_analysis.analysis.network import relations_in_force

    actors = network_actors(context.case, as_of)
    total = len(actors)
    if actors.empty:
        return Blocks([empty(context, "reporting.figure.network_map.title", "network_map", actors)])
    drawn = actors[actors["rank"] <= MAP_MAX_ACTORS]
    if total > MAP_MAX_ACTORS:  # a large case: its most connected actors, never a ring of isolates
        drawn = drawn[drawn["degree"] > 0]
    kept = set(drawn["actor_id"].astype(str))
    ties = cooperation_ties(context.case, as_of)
    ties = ties[ties["source"].isin(kept) & ties["target"].isin(kept)].reset_index(drop=True)
    if positions is None:
        positions = plots.network_layout(drawn["actor_id"], ties, seed=context.seed)
    else:
        positions = positions[positions["actor_id"].astype(str).isin(kept)]
    nodes = positions.assign(actor_id=positions["actor_id"].astype("string")).merge(
        drawn.astype({"actor_id": "string"}), on="actor_id"
    )
    nodes["name"] = nodes["actor_id"].astype(str).map(context.names)
    in_force = relations_in_force(context.case, as_of)
    conflicts = in_force[in_force["type"] == "conflict"][["source", "target"]].astype(str)
    figure = plots.network_map(nodes, ties, context.lang, conflicts=conflicts)
    caption = context.t("reporting.figure.network_map.caption", seed=context.seed)
    if as_of is not None:
        day = format_date(pd.Timestamp(as_of), context.lang)  # type: ignore[arg-type]
        caption += " " + context.t(
            "reporting.figure.network_map.as_of", date=day, actors=number(total, context.lang)
        )
    plots.with_caption(figure, caption)
    truncated = None
    if total > MAP_MAX_ACTORS and len(drawn) == MAP_MAX_ACTORS:
        truncated = note(
            context.t("reporting.figure.network_map.truncated", shown=MAP_MAX_ACTORS, total=total)
        )
    elif total > MAP_MAX_ACTORS:
        isolates = int((actors["degree"] == 0).sum())
        truncated = note(
            context.t(
                "reporting.figure.network_map.with_ties",
                shown=number(len(drawn), context.lang),
                total=number(total, context.lang),
                limit=number(MAP_MAX_ACTORS, context.lang),
                isolates=number(isolates, context.lang),
            )
        )
    columns = ["actor_id", "name", "sector", "kind", "degree", "rank", "x", "y"]
    data = context.string_ids(nodes[columns])
    return Blocks([FigureBlock(figure, data), truncated])


def sector_ties(context: ReportContext) -> Blocks:
    """Heatmap of cooperation ties between sectors, then the E-I index and assortativity against chance.

    ``.data``: sector, other_sector, ties; the tests' sentences and figures
    are ``.parts[-1].data`` (:meth:`chance`).
    """
    from commons_analysis.analysis.cooperation import sector_tie_matrix

    matrix = sector_tie_matrix(context.case)
    cells = pairs(matrix, "ties")
    if int(matrix.to_numpy().sum()) == 0:
        return Blocks(
            [empty(context, "reporting.figure.sector_ties.title", "sector_ties", cells), chance(context)],
            data=cells,
        )
    figure = plots.sector_tie_heatmap(matrix, context.lang)
    heatmap = FigureBlock(
        plots.with_caption(figure, context.t("reporting.figure.sector_ties.caption")), cells
    )
    return Blocks([heatmap, chance(context)], data=cells)


def chance(context: ReportContext) -> Block:
    """The E-I index and the sector assortativity against what chance alone gives, one sentence each.

    Below 0.05 the sentence says the figure departs from chance and which
    way (more ties within sectors, or across); a test that could not be
    made says so; with 0 permutations, one line says the tests are off.
    ``.data``: indicator, value, p_value, expected, reading.
    """
    network = context.indicators["network"]
    rows = [
        (
            f"network.{name}",
            network.get(name),
            network.get(f"{name}_p"),
            network.get(f"{name}_expected"),
            chance_reading(
                name,
                network.get(name),
                network.get(f"{name}_p"),
                network.get(f"{name}_expected"),
                context.lang,
            ),
        )
        for name in TESTED
    ]
    data = pd.DataFrame(rows, columns=["indicator", "value", "p_value", "expected", "reading"])
    for column in ("value", "p_value", "expected"):
        data[column] = pd.array(data[column].tolist(), dtype="Float64")
    if context.permutations == 0:
        off = context.t("reporting.chance.off")
        data["reading"] = off
        return Block(note(off).html, off, data=data)
    explained = context.t(
        "reporting.chance.explained",
        permutations=number(context.permutations, context.lang),
        seed=context.seed,
    )
    tested = bool(data["p_value"].notna().any())  # the note explains p-values, if any was computed
    body = render(
        "network", "chance", readings=data["reading"].tolist(), explained=explained if tested else ""
    )
    return Block(body, "\n".join(data["reading"]), data=data)


def brokers(context: ReportContext, top: int = 10) -> Block:
    """The ``top`` actors with the most brokerage, their roles and z-scores (Gould & Fernandez).

    ``.data``: the rows shown, with every column of
    :func:`~commons_analysis.analysis.network.brokers` (ids and names as shown).
    """
    from commons_analysis.analysis.brokerage import ROLES
    from commons_analysis.analysis.centrality import sampled_sources
    from commons_analysis.analysis.network import brokers

    table = context.named(brokers(context.case, seed=context.seed))
    table = table.sort_values(["brokerage", "name"], ascending=[False, True], kind="stable").head(top)
    table = table.reset_index(drop=True)
    title = context.t("reporting.table.brokers.title")
    if table.empty:
        return empty(context, "reporting.table.brokers.title", "brokers", table)
    lang = context.lang
    header = [
        context.t("reporting.column.actor"),
        context.t("reporting.column.sector"),
        context.t("reporting.column.degree"),
        context.t("reporting.column.betweenness"),
        *[label("brokerage", role, lang) for role in ROLES],
    ]
    rows = []
    for row in table.itertuples(index=False):
        values: list[object] = [
            row.name,
            label("sector", row.sector, lang),
            number(int(row.degree), lang),
            number(None if pd.isna(row.betweenness) else float(row.betweenness), lang, digits=3),
        ]
        for role in ROLES:
            count = getattr(row, role)
            z = getattr(row, f"{role}_z")
            z_text = "" if pd.isna(z) else f" (z {number(float(z), lang, digits=1)})"
            values.append(f"{number(int(count), lang)}{z_text}")
        rows.append(values)
    sources = sampled_sources(len(context.case.actors))
    sampled = context.t("reporting.table.brokers.sampled", sources=number(sources, lang), seed=context.seed)
    body = render(
        "network",
        "brokers",
        title=title,
        table=Markup(html_table(header, rows, numeric=range(2, len(header)))),
        caption=context.t("reporting.table.brokers.caption"),
        sampled=Markup(note(sampled).html if sources else ""),
    )
    return Block(body, title, data=table)


def network_over_time(context: ReportContext) -> FigureBlock | Block:
    """The network of each year, made of the actors with a relation in force that year.

    Actors, ties, density, components and E-I index per year
    (:func:`~commons_analysis.analysis.network_periods.active_network_by_period`),
    the same definition as the explorer's date slider. ``.data``: that table.
    """
    from commons_analysis.analysis.network_periods import active_network_by_period

    frame = active_network_by_period(context.case, freq="year")
    if frame.empty or int(frame["actors"].sum()) == 0:
        return empty(context, "reporting.figure.network_time.title", "network_over_time", frame)
    keys = {
        "actors": "network.active_actors",
        "ties": "network.ties",
        "density": "network.density",
        "components": "network.components",
        "ei_index": "network.ei_index",
    }
    figure = plots.time_panels(
        frame,
        "period",
        [(column, indicator_label(key, context.lang)) for column, key in keys.items()],
        context.lang,
        title=context.t("reporting.figure.network_time.title"),
        x_title=context.t("reporting.figure.year"),
        text_for=lambda column, value: format_indicator(keys[column], value, context.lang),
    )
    return FigureBlock(plots.with_caption(figure, context.t("reporting.figure.network_time.caption")), frame)


def coparticipation(context: ReportContext) -> Blocks:
    """The co-participation network: actors linked by the events they shared, across sectors.

    ``.data``: the heatmap's cells (sector, other_sector, pairs); the cards'
    figures are ``.parts[0].data``.
    """
    from commons_analysis.analysis.coparticipation import (
        coparticipation_indicators,
        coparticipation_sector_matrix,
    )

    values = coparticipation_indicators(context.case)
    keys = ("actors", "ties", "density", "components", "ei_index", "mean_shared_events")
    shown = {f"coparticipation.{key}": values.get(key) for key in keys}
    matrix = coparticipation_sector_matrix(context.case)
    cells = pairs(matrix, "pairs")
    cards_block = cards(context, "reporting.coparticipation.heading", shown)
    if not values.get("ties"):  # cards of zeros would say no more than one line
        return Blocks(
            [empty(context, "reporting.coparticipation.heading", "coparticipation", cells)], data=cells
        )
    if len(matrix) == 1:  # a one-cell heatmap says nothing the cards do not
        sector = label("sector", matrix.index[0], context.lang)
        return Blocks(
            [cards_block, note(context.t("reporting.coparticipation.one_sector", sector=sector))], data=cells
        )
    figure = plots.sector_tie_heatmap(
        matrix, context.lang, title_key="reporting.figure.coparticipation.title"
    )
    caption = context.t("reporting.figure.coparticipation.caption")
    return Blocks([cards_block, FigureBlock(plots.with_caption(figure, caption), cells)], data=cells)
