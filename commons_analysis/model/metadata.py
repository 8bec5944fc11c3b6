"""The metadata of a case (``case.yaml``) as a typed object.

The YAML file is read with every scalar kept as text, then coerced through
these pydantic models, so that ``06000`` stays a postcode and ``no`` stays the
word "no" wherever a string is expected (the YAML 1.1 traps). See
docs/design.md §case.yaml.

Example
-------
>>> meta = CaseMeta.model_validate({"id": "x", "title": {"fr": "X"}})
>>> meta.title.text("en")
'X'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    field_validator,
    model_validator,
)

from commons_analysis.core.defaults import DEFAULT_LANG
from commons_analysis.model.schema.vocabularies import ARNSTEIN_RUNGS, CASE_ID_PATTERN, OSTROM_PRINCIPLES

Perspective = Literal["public_power", "distant_people", "practices_tools"]
DataStatus = Literal["illustrative", "documented"]
ArnsteinRung = Literal[
    "manipulation",
    "therapy",
    "informing",
    "consultation",
    "placation",
    "partnership",
    "delegated_power",
    "citizen_control",
]
OstromPrinciple = Literal[
    "boundaries",
    "congruence",
    "collective_choice",
    "monitoring",
    "graduated_sanctions",
    "conflict_resolution",
    "recognition_of_rights",
    "nested_enterprises",
]
_FRENCH_BOOLEANS = {"oui": True, "vrai": True, "non": False, "faux": False}
_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _date(value: object) -> object:
    """Accept ``DD/MM/YYYY`` besides ISO dates, as spreadsheets write them."""
    if isinstance(value, str) and (match := _DMY.match(value)):
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    return value


class Text(_Model):
    """A text in French and/or English."""

    fr: str | None = None
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, value: object) -> object:
        return {"fr": value} if isinstance(value, str) else value

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The text in ``lang``, falling back to the other language, else ``""``."""
        first, second = (self.fr, self.en) if lang == "fr" else (self.en, self.fr)
        return first or second or ""


class Bilingual(str):
    """A text of ``case.yaml`` given in French and English (``{fr: …, en: …}``) or as one plain string.

    It *is* its text in the report language (French first, else English), so
    that code reading it as a string keeps working; :meth:`text` gives it in
    either language, falling back to the other one. Written back as
    ``{fr, en}`` (a plain string when only one language was given).

    >>> legal = Bilingual.of({"fr": "Association de fait", "en": "Unincorporated association"})
    >>> str(legal), legal.text("en"), Bilingual.of("SCIC").text("en")
    ('Association de fait', 'Unincorporated association', 'SCIC')
    """

    fr: str | None
    en: str | None

    def __new__(cls, fr: str | None = None, en: str | None = None) -> Bilingual:
        shown = super().__new__(cls, fr or en or "")
        shown.fr, shown.en = fr or None, en or None
        return shown

    @classmethod
    def of(cls, value: object) -> Bilingual:
        """A plain string (taken as French, the language of the cases) or a ``{fr, en}`` mapping."""
        if isinstance(value, Bilingual):
            return value
        if isinstance(value, Text):
            return cls(value.fr, value.en)
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, dict):
            unknown = set(value) - {"fr", "en"}
            if unknown:
                raise ValueError(f"expected the keys fr and en, not {', '.join(sorted(map(str, unknown)))}")
            texts = {lang: value.get(lang) for lang in ("fr", "en")}
            for lang, text in texts.items():
                if text is not None and not isinstance(text, str):
                    raise ValueError(f"{lang}: expected a text")
            return cls(texts["fr"], texts["en"])
        raise ValueError("expected a text, or {fr: …, en: …}")

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The text in ``lang``, falling back to the other language, else ``""``."""
        first, second = (self.fr, self.en) if lang == "fr" else (self.en, self.fr)
        return first or second or ""

    def map(self, change: Callable[[str], str]) -> Bilingual:
        """The same text with ``change`` applied to each language (e.g. scrubbing names)."""
        return Bilingual(change(self.fr) if self.fr else None, change(self.en) if self.en else None)

    def written(self) -> str | dict[str, str]:
        """As ``case.yaml`` holds it: a plain string when only French was given, else ``{fr, en}``."""
        if self.en is None:
            return self.fr or ""
        return {lang: text for lang, text in (("fr", self.fr), ("en", self.en)) if text is not None}


#: A field of ``case.yaml`` shown in reports: a plain string or ``{fr: …, en: …}``.
BilingualText = Annotated[Bilingual, PlainValidator(Bilingual.of), PlainSerializer(Bilingual.written)]


class Period(_Model):
    """The period the case covers."""

    start: dt.date | None = None
    end: dt.date | None = None

    _parse = field_validator("start", "end", mode="before")(lambda cls, v: _date(v))

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        return self


class Source(_Model):
    """A public source the case was composed or collected from.

    ``path`` is where a copy of the records lies in the project (``data/raw/…``)
    and ``commit`` the revision of the repository they were copied from.
    """

    title: str
    url: str | None = None
    accessed: dt.date | None = None
    path: str | None = None
    commit: str | None = None
    licence: str | None = None

    _parse = field_validator("accessed", mode="before")(lambda cls, v: _date(v))


class InclusionGroup(_Model):
    """A tag of ``actors.groups`` and its share in the reference population."""

    label: Text = Field(default_factory=Text)
    population_share: float | None = Field(default=None, ge=0, le=1)

    @field_validator("population_share", mode="before")
    @classmethod
    def _decimal_comma(cls, value: object) -> object:
        return value.replace(",", ".").strip() if isinstance(value, str) else value


class OstromScore(_Model):
    """One of Ostrom's design principles as coded by the researcher: 0 absent, 1 partial, 2 present."""

    score: int = Field(ge=0, le=2)
    evidence: BilingualText = Field(default_factory=Bilingual)


class Arnstein(_Model):
    """The rung of Arnstein's ladder of citizen participation, coded by the researcher."""

    rung: ArnsteinRung
    evidence: BilingualText = Field(default_factory=Bilingual)

    @property
    def level(self) -> int:
        """The rung as a number, 1 (manipulation) to 8 (citizen control)."""
        return ARNSTEIN_RUNGS.index(self.rung) + 1


class Assessment(_Model):
    """Coded assessment of the case."""

    ostrom: dict[OstromPrinciple, OstromScore] = Field(default_factory=dict)
    arnstein: Arnstein | None = None

    @field_validator("ostrom", mode="before")
    @classmethod
    def _uncoded_principles_are_left_out(cls, value: object) -> object:
        """A principle listed without a score (``{score: , evidence: ""}``) is not coded, not 0."""
        if value in (None, ""):
            return {}
        if isinstance(value, dict):
            return {
                principle: coding
                for principle, coding in value.items()
                if coding is not None and not (isinstance(coding, dict) and coding.get("score") in (None, ""))
            }
        return value

    @field_validator("arnstein", mode="before")
    @classmethod
    def _uncoded_rung_is_none(cls, value: object) -> object:
        return None if isinstance(value, dict) and value.get("rung") in (None, "") else value


class CaseCode(_Model):
    """A code the case adds to the shipped codebook (``codes:`` in ``case.yaml``), for ``codings.code``.

    ``scale``: ``[low, high]`` for a code that carries a score (``codings.value``), else none.
    """

    label: Text = Field(default_factory=Text)
    perspective: Perspective | None = None
    scale: tuple[float, float] | None = None

    @field_validator("label", mode="before")
    @classmethod
    def _no_label(cls, value: object) -> object:
        return {} if value is None else value

    @model_validator(mode="after")
    def _ordered_scale(self) -> CaseCode:
        if self.scale is not None and self.scale[1] <= self.scale[0]:
            raise ValueError("scale must be [low, high] with low < high")
        return self


class Recommendation(_Model):
    """A recommendation (préconisation) of the group, and the passages that support it.

    ``codings``: the ``coding_id`` of the passages (of this case's ``codings``) it rests on.
    """

    text: Text
    perspective: Perspective | None = None
    codings: list[str] = Field(default_factory=list)

    @field_validator("codings", mode="before")
    @classmethod
    def _no_codings(cls, value: object) -> object:
        return [] if value in (None, "") else value


class CaseMeta(_Model):
    """The content of ``case.yaml``."""

    id: str = Field(pattern=CASE_ID_PATTERN)
    title: Text = Field(default_factory=Text)
    place: BilingualText | None = None
    country: str | None = None
    period: Period = Field(default_factory=Period)
    legal_form: BilingualText | None = None
    perspectives: list[Perspective] = Field(default_factory=lambda: list(get_args(Perspective)))
    data_status: DataStatus = "illustrative"
    show_names: bool = False
    licence: str | None = None
    summary: Text = Field(default_factory=Text)
    sources: list[Source] = Field(default_factory=list)
    inclusion_groups: dict[str, InclusionGroup] = Field(default_factory=dict)
    assessment: Assessment | None = None
    #: For a case built from records: each choice of the mapping (what became an actor, an event…), by topic.
    mapping: dict[str, Text] = Field(default_factory=dict)
    #: Whether the codings of ``codings`` are real (documented) or written to show the method (illustrative).
    evidence_status: DataStatus | None = None
    #: The case's own codes, beside the codebook shipped with the package.
    codes: dict[str, CaseCode] = Field(default_factory=dict)
    #: The group's recommendations (préconisations) drawn from this case's evidence.
    recommendations: list[Recommendation] = Field(default_factory=list)

    @field_validator("show_names", mode="before")
    @classmethod
    def _french_boolean(cls, value: object) -> object:
        """``oui``/``non``/``vrai``/``faux`` as in the tables (pydantic knows true/false/yes/no/1/0)."""
        if isinstance(value, str):
            return _FRENCH_BOOLEANS.get(value.strip().casefold(), value)
        return value

    @field_validator("title", "summary", "period", mode="before")
    @classmethod
    def _left_empty(cls, value: object) -> object:
        """A key left empty in the template (``title:``) means "not given yet"."""
        return {} if value is None else value

    @field_validator("inclusion_groups", mode="before")
    @classmethod
    def _no_groups(cls, value: object) -> object:
        if value in (None, ""):
            return {}
        if isinstance(value, dict):  # a tag declared with nothing under it yet: no label, no share
            return {tag: {} if group is None else group for tag, group in value.items()}
        return value

    @field_validator("codes", mode="before")
    @classmethod
    def _no_codes(cls, value: object) -> object:
        if value in (None, ""):
            return {}
        if isinstance(value, dict):  # a code declared with nothing under it: no label, no scale
            return {code: {} if spec is None else spec for code, spec in value.items()}
        return value

    @field_validator("mapping", mode="before")
    @classmethod
    def _no_mapping(cls, value: object) -> object:
        return {} if value in (None, "") else value

    @field_validator("sources", "perspectives", "recommendations", mode="before")
    @classmethod
    def _no_items(cls, value: object) -> object:
        return [] if value in (None, "") else value


__all__ = [
    "OSTROM_PRINCIPLES",
    "Arnstein",
    "Assessment",
    "Bilingual",
    "BilingualText",
    "CaseCode",
    "CaseMeta",
    "InclusionGroup",
    "OstromScore",
    "Period",
    "Recommendation",
    "Source",
    "Text",
]
