"""The versions of the Debian constitution as sources of the ``debian-votes`` case (issue 16).

Each version (``constitution/constitution.1.0.wml`` … ``constitution.wml``, 1.7)
is a source of kind document, dated by its ratification; the project's two
illustrative codings of them are in ``data/raw/debian-vote/evidence/``
(:mod:`commons_analysis.sources.corpus`).

Example
-------
>>> [d.source_id for d in DOCUMENTS][:2], DOCUMENTS[-1].path
(['constitution-1.0', 'constitution-1.1'], 'constitution/constitution.wml')
"""

from __future__ import annotations

import datetime as dt

from commons_analysis.sources.corpus import Document

#: Ratification date of each version (from the header of ``constitution.wml``).
RATIFIED = {
    "1.0": dt.date(1998, 12, 2),
    "1.1": dt.date(2003, 6, 21),
    "1.2": dt.date(2003, 10, 29),
    "1.3": dt.date(2006, 9, 24),
    "1.4": dt.date(2007, 10, 7),
    "1.5": dt.date(2015, 1, 9),
    "1.6": dt.date(2015, 12, 13),
    "1.7": dt.date(2016, 8, 14),
}

DOCUMENTS = tuple(
    Document(
        source_id=f"constitution-{version}",
        path=f"constitution/constitution.{version}.wml"
        if version != "1.7"
        else "constitution/constitution.wml",
        title=f"Constitution for the Debian Project (v{version})",
        date=date,
        url="https://www.debian.org/devel/constitution" + ("" if version == "1.7" else f".{version}"),
    )
    for version, date in RATIFIED.items()
)

#: What the evidence of the case is, for ``case.yaml`` (``mapping.evidence``).
NOTE = {
    "fr": (
        "Les huit versions de la constitution de Debian (1.0 de 1998 à 1.7 de 2016) sont les sources du cas "
        "(documents publiés, citables), copiées telles quelles dans texts/. Deux codeurs (coder-a, coder-b) "
        "les ont codées séparément selon le livre de codes (perspectives, questions du groupe, principes "
        "d'Ostrom, échelle d'Arnstein), par section (segment s4.2 : section 4.2) : ces codages sont "
        "illustratifs, écrits pour montrer la méthode, et non le travail du groupe."
    ),
    "en": (
        "The eight versions of the Debian constitution (1.0 of 1998 to 1.7 of 2016) are the sources of the "
        "case (published documents, which may be quoted), copied unchanged into texts/. Two coders (coder-a, "
        "coder-b) coded them separately against the codebook (perspectives, the group's questions, Ostrom's "
        "principles, Arnstein's ladder), by section (segment s4.2: section 4.2): these codings are "
        "illustrative, written to show the method, not the group's work."
    ),
}

__all__ = ["DOCUMENTS", "NOTE", "RATIFIED"]
