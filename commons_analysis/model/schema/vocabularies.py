"""The closed vocabularies of the data contract: sectors, kinds, roles, rules, principles, rungs."""

from __future__ import annotations

SECTORS = ("commons", "public", "sse", "private", "citizen", "other")


ACTOR_KINDS = ("person", "organisation", "group")


RELATION_TYPES = (
    "membership",
    "governance",
    "funding",
    "in_kind",
    "contract",
    "partnership",
    "co_construction",
    "conflict",
)


#: Relation types whose arc goes from the first actor to the second only.
DIRECTED_RELATION_TYPES = ("membership", "governance", "funding", "in_kind", "contract")


#: Relation types that link both actors both ways.
SYMMETRIC_RELATION_TYPES = ("partnership", "co_construction", "conflict")


EVENT_KINDS = (
    "assembly",
    "working_group",
    "public_meeting",
    "council",
    "work_day",
    "training",
    "ballot",
    "other",
)


PARTICIPATION_ROLES = ("attendee", "facilitator", "speaker", "organiser")


DECISION_RULES = (
    "consensus",
    "majority",
    "supermajority",
    "sortition",
    "public_authority",
    "delegated",
    "participatory_budget",
    "other",
)


#: How a participatory budgeting ballot expresses support (Pabulib's ``vote_type``).
VOTE_TYPES = ("approval", "cumulative", "ordinal", "scoring")


PERSPECTIVES = ("public_power", "distant_people", "practices_tools")


DATA_STATUSES = ("illustrative", "documented")


OSTROM_PRINCIPLES = (
    "boundaries",
    "congruence",
    "collective_choice",
    "monitoring",
    "graduated_sanctions",
    "conflict_resolution",
    "recognition_of_rights",
    "nested_enterprises",
)


#: Arnstein's ladder of citizen participation, bottom rung first (rung = index + 1).
ARNSTEIN_RUNGS = (
    "manipulation",
    "therapy",
    "informing",
    "consultation",
    "placation",
    "partnership",
    "delegated_power",
    "citizen_control",
)


#: Kinds of qualitative source (issue 16): what was heard or read.
SOURCE_KINDS = ("audition", "interview", "field_note", "reading_note", "document", "deliberation")


CASE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
