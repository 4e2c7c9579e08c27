"""Reading YAML while remembering on which line each value stands.

Framework files are validated in two stages and every problem must name its file, line and
field; this module composes the YAML node tree once and maps each path (``domains/0/
standards/2/id``) to the 1-based line of its value.
"""

from __future__ import annotations

from typing import Any

import yaml

from pinspect.problems import InputError, Problem

__all__ = ["LineMap", "load_yaml_with_lines"]

# libyaml's parser when PyYAML was built with it: the same safe constructor, several times faster.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathPart = str | int
Path = tuple[PathPart, ...]


class LineMap:
    """Path → line number, falling back to the nearest ancestor that has one."""

    def __init__(self, lines: dict[Path, int]) -> None:
        self._lines = lines

    def line_of(self, path: Path) -> int | None:
        probe = tuple(path)
        while True:
            if probe in self._lines:
                return self._lines[probe]
            if not probe:
                return None
            probe = probe[:-1]


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            _walk(value_node, (*path, key), lines)
            lines.setdefault((*path, key), key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines)


def _line_of_bad_timestamp(node: yaml.Node) -> int | None:
    """The line of the first scalar YAML reads as a date that is not one (e.g. 2022-13-40)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except (ValueError, TypeError):
                return node.start_mark.line + 1
        return None
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [value for _, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    for child in children:
        found = _line_of_bad_timestamp(child)
        if found is not None:
            return found
    return None


def load_yaml_with_lines(text: str, filename: str) -> tuple[Any, LineMap]:
    """Parse ``text`` (safe YAML only); a syntax error becomes an InputError with its line."""
    loader = _Loader(text)
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(
            [Problem(filename, line, None, f"not valid YAML: {error.problem or error}")]
        ) from None
    except yaml.YAMLError as error:
        raise InputError([Problem(filename, None, None, f"not valid YAML: {error}")]) from None
    except (ValueError, TypeError) as error:  # a scalar that looks like a date but is none
        line = _line_of_bad_timestamp(node) if node is not None else None
        raise InputError(
            [Problem(filename, line, None, f"not valid YAML: a value that is not a date: {error}")]
        ) from None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, LineMap(lines)
