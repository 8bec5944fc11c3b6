"""The report context: a section reaches only what may be shown (pseudonyms, suppressed cells).

Each test tries what a careless section would do: look through everything the
context holds for a person's name or id, read a small group's count, call
every section function and search its page and its data.
"""

from __future__ import annotations

import inspect
import pickle
import types

import pandas as pd
import pytest

from commons_analysis.model.case import Case
from commons_analysis.reporting import sections
from commons_analysis.reporting.blocks import OUTPUT_ENV, Blocks, FigureBlock
from commons_analysis.reporting.case_report import CaseReport
from commons_analysis.reporting.context import ReportContext, report_context
from commons_analysis.reporting.sections import (
    distant_people,
    network,
    overview,
    practices,
    provenance,
    public_power,
)

SECTION_MODULES = (overview, network, public_power, distant_people, practices, provenance)
#: What must never appear: the persons' names, their parts, and their ids.
PRIVATE = (
    "Alice Martin",
    "Alice",
    "Martin",
    "Bruno Durand",
    "Bruno",
    "Durand",
    "alice-martin",
    "bruno-durand",
)


@pytest.fixture(autouse=True)
def _html_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test secret")
    monkeypatch.setenv(OUTPUT_ENV, "html")


def private_case() -> Case:
    """Two persons who did not consent to be named (one tagged in a group of one), a city and a coop."""
    actors = [  # actor_id, name, sector, kind, groups
        ("alice-martin", "Alice Martin", "citizen", "person", ("qpv",)),
        ("bruno-durand", "Bruno Durand", "citizen", "person", ()),
        ("city", "Ville", "public", "organisation", ()),
        ("coop", "Coop", "sse", "organisation", ()),
    ]
    records = [("e1", "alice-martin", "facilitator"), ("e1", "bruno-durand", "attendee")]
    records += [("e2", "alice-martin", "facilitator"), ("e2", "coop", "attendee")]
    meta = {
        "id": "private",
        "title": {"fr": "Privé", "en": "Private"},
        "show_names": False,
        "summary": {"en": "Alice Martin started it with the city."},
        "inclusion_groups": {"qpv": {"label": {"en": "Deprived areas"}, "population_share": 0.1}},
    }
    return Case.from_frames(
        meta,
        actors=pd.DataFrame(actors, columns=["actor_id", "name", "sector", "kind", "groups"]),
        relations=pd.DataFrame(
            [("city", "coop", "funding"), ("alice-martin", "coop", "membership")],
            columns=["source", "target", "type"],
        ),
        events=pd.DataFrame(
            [
                ("e1", "2020-02-01", "assembly", "AG avec Alice Martin"),
                ("e2", "2020-06-01", "assembly", "Atelier de Bruno"),
            ],
            columns=["event_id", "date", "kind", "title"],
        ),
        participation=pd.DataFrame(records, columns=["event_id", "actor_id", "role"]),
        decisions=pd.DataFrame(
            [("d1", "e1", "consensus", "alice-martin", "bruno-durand", "Proposed by Bruno Durand")],
            columns=["decision_id", "event_id", "rule", "initiated_by", "supported_by", "topic"],
        ),
    )


def section_functions() -> list[types.FunctionType]:
    """Every public function of the section modules that takes a context first."""
    found = []
    for module in SECTION_MODULES:
        for _, function in inspect.getmembers(module, inspect.isfunction):
            parameters = list(inspect.signature(function).parameters.values())
            if (
                function.__module__ == module.__name__
                and not function.__name__.startswith("_")
                and parameters
            ):
                found.append(function)
    return found


def test_nothing_the_context_holds_names_a_person() -> None:
    context = report_context(private_case(), lang="en")
    assert context.names and context.sectors  # the cached tables are part of what is searched
    everything = pickle.dumps(context)  # every attribute, every table, every text, as bytes
    for word in PRIVATE:
        assert word.encode() not in everything, word
    assert "Coop" in context.names.values()  # organisations keep their names


def test_the_context_has_no_way_back_to_the_case_as_loaded() -> None:
    case = private_case()
    context = CaseReport(case, lang="en").context
    held = [getattr(context, field) for field in context.__dataclass_fields__] + list(vars(context).values())
    assert all(value is not case for value in held)
    with pytest.raises(AttributeError):
        context.case = case  # type: ignore[misc]  # immutable: a section cannot swap the case back in


def test_a_small_group_is_suppressed_before_any_section_sees_it() -> None:
    context = report_context(private_case(), lang="en", min_cell=5)
    row = context.inclusion.set_index("group").loc["qpv"]
    assert bool(row["suppressed"])
    assert row[["count", "share", "representation_ratio", "share_low", "share_high"]].isna().all()
    assert context.indicators["inclusion"]["qpv"]["count"] is None


def test_every_section_function_takes_the_context_first() -> None:
    functions = section_functions()
    assert len(functions) >= 25, [f.__name__ for f in functions]
    for function in functions:
        first = next(iter(inspect.signature(function).parameters.values()))
        assert first.annotation in ("ReportContext", ReportContext), function.__name__


def test_no_section_shows_a_name_in_its_page_or_its_data() -> None:
    context = report_context(private_case(), lang="en", permutations=20, bootstrap=20)
    for function in section_functions():
        if function.__name__ in ("cards", "cards_text", "empty", "dotted", "pairs", "card_notes"):
            continue  # helpers of the sections, called by them
        arguments = ("public_power",) if function.__name__ == "section" else ()
        block = function(context, *arguments)
        if block is None or isinstance(block, dict):  # no banner; the index entry is checked below
            text = repr(block)
        else:
            parts = block.parts if isinstance(block, Blocks) else [block]
            pages = [part.html() if isinstance(part, FigureBlock) else part.html for part in parts]
            data = block.data.to_csv() if block.data is not None else ""
            text = "".join(pages) + data + repr(block)
        for word in PRIVATE:
            assert word not in text, (function.__name__, word)


def test_the_sections_package_lists_its_modules() -> None:
    documented = sections.__doc__ or ""
    for module in SECTION_MODULES:
        assert f":mod:`.{module.__name__.rsplit('.', 1)[-1]}`" in documented
