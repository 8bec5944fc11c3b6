"""The codebook: the codes a passage of a source may carry (issue 16).

The package ships one (``codebook.yaml``, beside this module): the group's
three perspectives, the questions of the seed (capture of a commons by a
community; the time and energy ordinary people can give; who speaks for the
commons; how one enters and takes part in deliberation; how the difference
between the common and the public is made visible), Ostrom's eight design
principles (a score 0–2) and Arnstein's ladder (a rung 1–8). A case adds its
own under ``codes:`` in ``case.yaml`` (:class:`~commons_analysis.model.metadata.CaseCode`).

Example
-------
>>> book = shipped_codebook()
>>> book["ostrom.monitoring"].label.text("fr"), book["ostrom.monitoring"].scale
('Surveillance', (0.0, 2.0))
>>> book["arnstein"].level
'ordinal'
>>> sorted(code for code, c in book.items() if c.kind == "question")[:2]
['capture', 'common_vs_public']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from commons_analysis.model.metadata import CaseMeta, Text
from commons_analysis.model.schema.vocabularies import ARNSTEIN_RUNGS, OSTROM_PRINCIPLES

#: Kinds of code, in the order reports list them; ``case`` is a code a case declared.
CODE_KINDS = ("perspective", "question", "ostrom", "arnstein", "case")
#: The code of Arnstein's ladder: its value is the rung, 1 (manipulation) to 8 (citizen control).
ARNSTEIN_CODE = "arnstein"


def ostrom_code(principle: str) -> str:
    """The code of one of Ostrom's principles.

    >>> ostrom_code("monitoring")
    'ostrom.monitoring'
    """
    if principle not in OSTROM_PRINCIPLES:
        raise ValueError(f"unknown Ostrom principle {principle!r}")
    return f"ostrom.{principle}"


@dataclass(frozen=True)
class Code:
    """One code: its key, kind, the perspective it informs, its label, and its scale if it scores."""

    key: str
    kind: str
    label: Text
    perspective: str | None = None
    scale: tuple[float, float] | None = None

    @property
    def level(self) -> str:
        """How its values compare: ``ordinal`` for a score (Ostrom 0–2, Arnstein rung), else ``nominal``."""
        return "nominal" if self.scale is None else "ordinal"


def _text(value: Any) -> Text:
    return Text.model_validate(value or {})


@cache
def shipped_codebook() -> dict[str, Code]:
    """The codebook shipped with the package (``commons_analysis/model/codebook.yaml``), by key."""
    data = yaml.safe_load(resources.files(__package__).joinpath("codebook.yaml").read_text(encoding="utf-8"))
    book: dict[str, Code] = {}
    for key, spec in data["codes"].items():
        scale = tuple(float(v) for v in spec["scale"]) if spec.get("scale") else None
        book[key] = Code(key, spec["kind"], _text(spec.get("label")), spec.get("perspective"), scale)  # type: ignore[arg-type]
    assert {ostrom_code(p) for p in OSTROM_PRINCIPLES} <= set(book)
    assert book[ARNSTEIN_CODE].scale == (1.0, float(len(ARNSTEIN_RUNGS)))
    return book


def case_codebook(meta: CaseMeta | None) -> dict[str, Code]:
    """The shipped codebook and the codes ``case.yaml`` declares (a case may not redefine a shipped code).

    >>> from commons_analysis.model.metadata import CaseMeta
    >>> meta = CaseMeta.model_validate({"id": "x", "codes": {"tiers_lieu": {"label": "Tiers-lieu"}}})
    >>> case_codebook(meta)["tiers_lieu"].kind
    'case'
    """
    book = dict(shipped_codebook())
    for key, code in (meta.codes if meta is not None else {}).items():
        if key not in book:
            book[key] = Code(key, "case", code.label, code.perspective, code.scale)
    return book


def code_label(book: dict[str, Code], key: str, lang: str) -> str:
    """The label of ``key`` in ``lang``, else the key itself.

    >>> code_label(shipped_codebook(), "capture", "en")[:19]
    'Capture of a common'
    """
    code = book.get(key)
    return (code.label.text(lang) if code is not None else "") or key


__all__ = [
    "ARNSTEIN_CODE",
    "CODE_KINDS",
    "Code",
    "case_codebook",
    "code_label",
    "ostrom_code",
    "shipped_codebook",
]
