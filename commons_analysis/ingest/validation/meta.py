"""Rules of ``case.yaml``: pydantic's errors as the catalogue's messages, with their path."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from commons_analysis.core.errors import quote
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.validation.collector import Collector
from commons_analysis.model.metadata import CaseMeta

#: Pydantic's error types (``ValidationError.errors()[i]["type"]``) → the catalogue's message.
_PYDANTIC_MESSAGES = {
    "missing": "ingest.meta.required",
    "extra_forbidden": "ingest.meta.unknown_key",
    "model_type": "ingest.meta.mapping",
    "model_attributes_type": "ingest.meta.mapping",
    "dict_type": "ingest.meta.mapping",
    "string_pattern_mismatch": "ingest.meta.case_id",
    "string_type": "ingest.meta.text",
    "list_type": "ingest.meta.list",
    "bool_parsing": "ingest.meta.boolean",
    "bool_type": "ingest.meta.boolean",
    "int_parsing": "ingest.meta.integer",
    "int_type": "ingest.meta.integer",
    "int_from_float": "ingest.meta.integer_fraction",
    "float_parsing": "ingest.meta.number",
    "float_type": "ingest.meta.number",
    "finite_number": "ingest.meta.finite",
    "date_type": "ingest.meta.date",
    "date_parsing": "ingest.meta.date",
    "date_from_datetime_parsing": "ingest.meta.date",
    "date_from_datetime_inexact": "ingest.meta.date",
}


#: Messages of the validators of :mod:`commons_analysis.model.metadata` (``ValueError``) → the catalogue's.
_VALIDATOR_MESSAGES = {"end is before start": "ingest.validation.end_before_start"}


def pydantic_message(item: Mapping[str, Any]) -> str | Message:
    """The message for one error of pydantic's ``ValidationError.errors()``.

    Known error types come from the catalogue (French too); any other keeps pydantic's English
    words, "Input should be" shortened to "must be".

    >>> pydantic_message({"type": "literal_error", "msg": "…", "ctx": {"expected": "'a' or 'b'"}}).text("fr")
    "doit être 'a' ou 'b'"
    """
    kind, context = item["type"], item.get("ctx") or {}
    if kind in _PYDANTIC_MESSAGES:
        return say(_PYDANTIC_MESSAGES[kind])
    if kind == "literal_error":
        return say(
            "ingest.meta.choice", expected=tuple(re.findall(r"'[^']*'", str(context.get("expected", ""))))
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = context.get("ge", context.get("le"))
        return say(
            "ingest.meta.at_least" if kind == "greater_than_equal" else "ingest.meta.at_most", limit=limit
        )
    message = str(item["msg"]).replace("Input should be", "must be").removeprefix("Value error, ")
    return say(_VALIDATOR_MESSAGES[message]) if message in _VALIDATOR_MESSAGES else message


def check_meta(
    data: object, lines: dict[tuple[str, ...], int], where: str, folder_name: str | None, out: Collector
) -> CaseMeta | None:
    """Coerce ``case.yaml`` through :class:`~commons_analysis.model.metadata.CaseMeta`.

    Problems carry the YAML line of the key concerned.
    """
    if not isinstance(data, dict):
        out.add(where, 1, None, say("ingest.meta.not_a_mapping"))
        return None
    meta: CaseMeta | None
    try:
        meta = CaseMeta.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            path = tuple(str(part) for part in item["loc"])
            path = _known_path(path, data)
            line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), None)
            out.add(where, line, ".".join(path) or None, pydantic_message(item))
        meta = None
    if meta is not None and folder_name is not None and meta.id != folder_name:
        message = say("ingest.meta.id_differs", id=quote(meta.id), folder=quote(folder_name))
        out.add(where, lines.get(("id",)), "id", message)
    return meta


def _known_path(path: tuple[str, ...], data: object) -> tuple[str, ...]:
    """Drop the model's internal steps (``function-before[…]``) from an error location."""
    internal = ("function-", "literal[", "tagged-union")
    return tuple(part for part in path if not part.startswith(internal) and part != "[key]")
