"""Who proposed each project: the reviewed mapping of proposers to actors.

Definition
----------
Some Pabulib files name each project's proposer (Toulouse 2019: the city
hall, citizens' councils, associations, social centres, committees, a
co-ownership, private persons by first or full name). Each proposer as written
becomes one actor, classified by the reviewed file ``proposers.csv`` beside
this module (columns ``proposer``, ``kind`` person/organisation/group,
``sector``, ``reason``). Nothing is guessed silently: a proposer missing from
the file is reported loudly in the import summary and treated as a private
person (kind person, sector citizen), the safe side for privacy, since persons
are pseudonymised in every report and export
(:mod:`commons_analysis.publishing.privacy`) while organisations keep their names.

Example
-------
>>> mapping = reviewed_proposers()
>>> mapping["Mairie de Toulouse"].sector, mapping["Perrine"].kind
('public', 'person')
>>> actor = proposer_actor("Quelqu'un d'inconnu", mapping)
>>> actor.kind, actor.mapped, actor.actor_id
('person', False, 'proposer-quelqu_un_d_inconnu')
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: The reviewed mapping of proposers (kept in the package, never in the raw records).
MAPPING_FILE = Path(__file__).with_name("proposers.csv")


@dataclass(frozen=True)
class Proposer:
    """One proposer as written, its actor id, kind and sector, and whether the mapping file has it."""

    name: str
    actor_id: str
    kind: str
    sector: str
    reason: str
    mapped: bool


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits joined by ``_``.

    >>> slug("Comité de l'Ecoquartier Cartoucherie"), slug("Praga-Północ")
    ('comite_de_l_ecoquartier_cartoucherie', 'praga_polnoc')
    """
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return "_".join(re.findall(r"[a-z0-9]+", ascii_text))


def reviewed_proposers(path: Path = MAPPING_FILE) -> dict[str, Proposer]:
    """The reviewed mapping file: proposer as written → :class:`Proposer`."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return {
        row["proposer"]: Proposer(
            row["proposer"], _actor_id(row["proposer"]), row["kind"], row["sector"], row["reason"], True
        )
        for row in rows
    }


def _actor_id(name: str) -> str:
    return "proposer-" + (slug(name) or "unnamed")


def proposer_actor(name: str, mapping: dict[str, Proposer]) -> Proposer:
    """The actor of a proposer: from the mapping, else a private person (``mapped`` False)."""
    if name in mapping:
        return mapping[name]
    return Proposer(name, _actor_id(name), "person", "citizen", "not in the mapping file", False)
