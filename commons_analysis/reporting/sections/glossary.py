"""The glossary at the end of a report and of the comparison: the technical words and what they mean.

>>> glossary("en").text.splitlines()[0]
'Glossary'
>>> "assortativité" in glossary("fr").html
True
"""

from __future__ import annotations

import pandas as pd

from commons_analysis.reporting.blocks import Block
from commons_analysis.reporting.templating import render
from commons_analysis.reporting.text import glossary as glossary_entries
from commons_analysis.reporting.text import t


def glossary(lang: str) -> Block:
    """The glossary in ``lang`` (:func:`.text.glossary`); ``.data``: term, definition."""
    heading = t("reporting.glossary.heading", lang)
    entries = glossary_entries(lang)
    body = render("blocks", "glossary", heading=heading, entries=entries)
    text = heading + "\n" + "\n".join(f"{term}: {definition}" for term, definition in entries)
    return Block(body, text, data=pd.DataFrame(entries, columns=["term", "definition"]))


__all__ = ["glossary"]
