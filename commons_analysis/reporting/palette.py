"""The colours of the reports, named once: charts (:mod:`plots`) and pages (:mod:`page`) take them here.

Data colours are the Okabe–Ito palette (Okabe & Ito 2008, *Color Universal
Design*), which readers with any common colour-vision deficiency tell apart;
one colour per sector, per decision rule and per level of Arnstein's ladder.
Neutral colours are for text, lines and backgrounds.

Example
-------
>>> SECTOR_COLOURS["public"] == BLUE, rgba(BLUE, 0.35)
(True, 'rgba(0,114,178,0.35)')
"""

from __future__ import annotations

# --- Okabe–Ito ------------------------------------------------------------------------------
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#7F7F7F"

# --- neutrals and signals ---------------------------------------------------------------------
#: Background of the charts and outline of the map's dots; background of the pages.
WHITE = "white"
PAPER = "#fff"
#: Text of the pages; text of the charts.
INK = "#1f2328"
CHART_INK = "#222"
#: Secondary text (captions, notes).
MUTED = "#59636e"
#: Rules and borders of the pages; their soft background (cards, table heads); every other row.
LINE = "#d8dee4"
SOFT = "#f6f8fa"
STRIPE = "#fbfcfd"
#: Grid and zero lines of the charts; the cooperation ties of the map.
GRID = "#e6e6e6"
ZERO_LINE = "#bdbdbd"
TIE = "#b0b0b0"
#: Light grey of a reference bar (population share) and of a suppressed group's label.
PALE_GREY = "#BDBDBD"
PALER_GREY = "#f3f3f3"
#: Links and the rule under a section heading (the blue of the public sector).
ACCENT = BLUE
#: Conflicts on the map; failed cases on the index page.
CONFLICT = "#C0392B"
FAILURE = "#a40000"
#: The warning banner of illustrative data: background and border.
WARNING_BACKGROUND = "#fff4d6"
WARNING_BORDER = "#e6b800"

#: One colour per sector.
SECTOR_COLOURS: dict[str, str] = {
    "commons": BLUISH_GREEN,
    "public": BLUE,
    "sse": ORANGE,
    "private": VERMILLION,
    "citizen": REDDISH_PURPLE,
    "other": GREY,
}
#: One colour per decision rule.
RULE_COLOURS: dict[str, str] = {
    "consensus": BLUISH_GREEN,
    "majority": SKY_BLUE,
    "supermajority": BLUE,
    "sortition": YELLOW,
    "public_authority": VERMILLION,
    "delegated": ORANGE,
    "participatory_budget": REDDISH_PURPLE,
    "other": GREY,
}
#: One colour per level of Arnstein's ladder.
ARNSTEIN_COLOURS: dict[str, str] = {
    "nonparticipation": VERMILLION,
    "tokenism": ORANGE,
    "citizen_power": BLUISH_GREEN,
}


def rgba(colour: str, alpha: float) -> str:
    """A ``#rrggbb`` (or ``#rgb``) colour with an opacity, as CSS and plotly write it.

    >>> rgba("#7F7F7F", 0.35), rgba("#fff", 0.8)
    ('rgba(127,127,127,0.35)', 'rgba(255,255,255,0.8)')
    """
    if len(colour) == 4:
        colour = "#" + "".join(digit * 2 for digit in colour[1:])
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha:g})"


def pale(colour: str, white: float = 0.7) -> str:
    """``colour`` mixed with white (70 % white by default), for what is shown but not highlighted.

    >>> pale("#000000")
    '#b2b2b2'
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in (red, green, blue))


#: Flows of the Sankey, by relation type (translucent, so that crossing flows stay readable).
FLOW_COLOURS: dict[str, str] = {"funding": rgba(BLUE, 0.35), "in_kind": rgba(ORANGE, 0.4)}
OTHER_FLOW = rgba(GREY, 0.35)

__all__ = [
    "ARNSTEIN_COLOURS",
    "BLUE",
    "BLUISH_GREEN",
    "FLOW_COLOURS",
    "GREY",
    "ORANGE",
    "REDDISH_PURPLE",
    "RULE_COLOURS",
    "SECTOR_COLOURS",
    "SKY_BLUE",
    "VERMILLION",
    "YELLOW",
    "pale",
    "rgba",
]
