"""YAML read safely, every scalar kept as text, with the line of every key."""

from __future__ import annotations

from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say
from commons_analysis.ingest.reading.decoding import CONTROL_CHARACTERS, control_character_problems, decode
from commons_analysis.ingest.reading.files import read_file_bytes

#: Plain (unquoted) YAML scalars that mean "no value".
_YAML_NULLS = {"", "~", "null", "Null", "NULL"}


#: Deepest nesting of lists and mappings read from YAML (case.yaml needs four levels).
_YAML_MAX_DEPTH = 16


def read_yaml_file(
    path: Path, where: str, *, inside: Path | None = None
) -> tuple[object, dict[tuple[str, ...], int]]:
    """Read YAML safely with every scalar kept as text, and the line of every key.

    YAML 1.1 guesses types (``06000`` octal, ``no`` false): here nothing is
    guessed; :mod:`commons_analysis.model.metadata` coerces through its schema.
    Returns the data and a map from key path to line.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.yaml"
    >>> _ = p.write_text("id: x\\nplace: no\\nzip: 06000\\n")
    >>> read_yaml_file(p, "c.yaml")[0]
    {'id': 'x', 'place': 'no', 'zip': '06000'}
    """
    import yaml  # imported here: only case.yaml needs it

    text = decode(read_file_bytes(path, where, inside=inside), where)
    controls = control_character_problems(text, where)
    if controls:
        raise CaseError(controls)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or say(
            "ingest.reading.yaml_invalid"
        )  # PyYAML's words: English
        raise CaseError(
            [Problem.of(where, line, None, say("ingest.reading.yaml_syntax", reason=reason))]
        ) from None
    except RecursionError:
        raise CaseError([Problem.of(where, None, None, say("ingest.reading.yaml_too_deep"))]) from None
    lines: dict[tuple[str, ...], int] = {}
    problems: list[Problem] = []
    # An alias (*name) repeats a whole subtree: refused for collections, so that a small
    # file cannot expand into billions of values or loop on itself.
    converted: set[int] = set()

    def convert(node: yaml.Node, path: tuple[str, ...]) -> object:
        line = node.start_mark.line + 1
        lines.setdefault(path, line)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in converted:  # the line of the alias's key, not of its anchor
                alias = say("ingest.reading.yaml_alias")
                problems.append(Problem.of(where, lines[path], ".".join(path) or None, alias))
                return None
            converted.add(id(node))
            if len(path) > _YAML_MAX_DEPTH:
                problems.append(Problem.of(where, line, ".".join(path), say("ingest.reading.yaml_too_deep")))
                return None
        if isinstance(node, yaml.MappingNode):
            result: dict[str, object] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    not_text = say("ingest.reading.yaml_key_not_text")
                    problems.append(Problem.of(where, key_line, ".".join(path) or None, not_text))
                    continue
                key = str(key_node.value)
                if key in result:
                    twice = say("ingest.reading.yaml_key_twice")
                    problems.append(Problem.of(where, key_line, ".".join((*path, key)), twice))
                lines[(*path, key)] = key_line
                result[key] = convert(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, (*path, str(i))) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _YAML_NULLS:
            return None
        if isinstance(node.value, str) and CONTROL_CHARACTERS.search(node.value):  # an escape such as "\\0"
            found = CONTROL_CHARACTERS.search(node.value)
            assert found is not None
            escaped = say(
                "ingest.reading.control_character", character=repr(found.group()), position=found.start() + 1
            )
            problems.append(Problem.of(where, line, ".".join(path) or None, escaped))
            return None
        return node.value

    document = convert(root, ()) if root is not None else None
    if problems:
        raise CaseError(problems)
    return document, lines
