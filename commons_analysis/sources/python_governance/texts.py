"""The governance PEPs as sources of the ``python-governance`` case (issue 16).

PEP 1, 8, 10, 13, 8000–8002 and 8010–8016 (``peps-governance/``) are sources of
kind document, titled and dated by their own ``Title`` and ``Created`` headers
(the ``Author`` header, which names persons, is not read); the project's two
illustrative codings of them are in ``data/raw/python-governance/evidence/``
(:mod:`commons_analysis.sources.corpus`).

Example
-------
>>> header_date("16-Sep-2018")
datetime.date(2018, 9, 16)
>>> NUMBERS[:4]
(1, 8, 10, 13)
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from commons_analysis.sources.corpus import Document

#: The PEPs that become sources.
NUMBERS = (1, 8, 10, 13, 8000, 8001, 8002, 8010, 8011, 8012, 8013, 8014, 8015, 8016)


def header_date(text: str) -> dt.date | None:
    """A PEP's ``Created`` date (``16-Sep-2018``), or None if it reads otherwise."""
    try:
        return dt.datetime.strptime(text.strip(), "%d-%b-%Y").date()
    except ValueError:
        return None


def documents(raw_dir: Path) -> tuple[Document, ...]:
    """One :class:`Document` per PEP of :data:`NUMBERS`, from its headers."""
    found = []
    for number in NUMBERS:
        path = f"peps-governance/pep-{number:04d}.rst"
        head = (raw_dir / path).read_text(encoding="utf-8").split("\n\n", 1)[0]
        title = re.search(r"^Title:\s*(.+)$", head, flags=re.MULTILINE)
        created = re.search(r"^Created:\s*(.+)$", head, flags=re.MULTILINE)
        found.append(
            Document(
                source_id=f"pep-{number:04d}",
                path=path,
                title=f"PEP {number}: {title.group(1).strip() if title else ''}".rstrip(": "),
                date=header_date(created.group(1)) if created else None,
                url=f"https://peps.python.org/pep-{number:04d}/",
            )
        )
    return tuple(found)


#: What the evidence of the case is, for ``case.yaml`` (``mapping.evidence``).
NOTE = {
    "fr": (
        "Les PEP de gouvernance (1, 8, 10, 13, 8000–8002 et 8010–8016, dont la PEP 8014 « The Commons "
        "Governance Model ») sont les sources du cas (documents publiés, citables), copiées telles quelles "
        "dans texts/. Deux codeurs (coder-a, coder-b) les ont codées séparément selon le livre de codes, par "
        "section de PEP (segment powers : la section Powers) : ces codages sont illustratifs, écrits pour "
        "montrer la méthode, et non le travail du groupe. Aucun extrait ne nomme une personne."
    ),
    "en": (
        'The governance PEPs (1, 8, 10, 13, 8000–8002 and 8010–8016, among them PEP 8014 "The Commons '
        'Governance Model") are the sources of the case (published documents, which may be quoted), copied '
        "unchanged into texts/. Two coders (coder-a, coder-b) coded them separately against the codebook, by "
        "section of a PEP (segment powers: the section Powers): these codings are illustrative, written to "
        "show the method, not the group's work. No excerpt names a person."
    ),
}

__all__ = ["NOTE", "NUMBERS", "documents", "header_date"]
