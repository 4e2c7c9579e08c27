"""Reading a crosswalk file: YAML → schema check → checks against both frameworks.

Two stages, as for framework files (docs/framework-format.md), every problem collected with
its file, line and path:

1. the published JSON Schema ``crosswalk.schema.json``;
2. the rules, which need both frameworks: the editions exist in the catalogue at the version the
   crosswalk was written for; each id is a standard or key question (by its level) of its side
   and inside the scope; no pair twice; every standard and key question of both sides is in a
   row (paired, new or removed); an element marked new, removed or equal is in no other row; a
   pair of equal standards pairs their key questions equal, one to one; and a key question that
   ``mirrors`` one of the other side (001 §3.3) is paired with it as equal.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from pinspect.crosswalks.model import Correspondence, Crosswalk, Edition, Level
from pinspect.crosswalks.relationship import Relationship
from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import Framework, KeyQuestion, Standard
from pinspect.frameworks.yaml_lines import LineMap, load_yaml_with_lines
from pinspect.problems import InputError, Problem

__all__ = ["crosswalk_schema", "iter_crosswalk_files", "parse_crosswalk", "read_crosswalk_file"]

PathParts = tuple[str | int, ...]
_LEVEL_KEY = {Level.STANDARD: "standards", Level.KEY_QUESTION: "key_questions"}


@cache
def crosswalk_schema() -> dict[str, Any]:
    """The published JSON Schema of crosswalk files."""
    text = resources.files("pinspect.crosswalks").joinpath("schema/crosswalk.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


def read_crosswalk_file(path: Path, frameworks: Catalogue) -> Crosswalk:
    """Read and check one crosswalk file; raise InputError with every problem found."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single("no such file", file=name) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError.single(f"cannot read the file: {error}", file=name) from None
    return parse_crosswalk(text, name, frameworks)


def _dotted(path: PathParts) -> str:
    return "/".join(str(p) for p in path) or "(top level)"


def parse_crosswalk(text: str, filename: str, frameworks: Catalogue) -> Crosswalk:
    data, lines = load_yaml_with_lines(text, filename)
    if not isinstance(data, dict):
        raise InputError.single("a crosswalk file must be a YAML mapping", file=filename, line=1)
    validator = jsonschema.Draft202012Validator(crosswalk_schema())
    problems = [
        Problem(
            filename,
            lines.line_of(tuple(err.absolute_path)),
            _dotted(tuple(err.absolute_path)),
            f"unknown field: {err.message}"
            if err.validator == "additionalProperties"
            else str(err.message),
        )
        for err in sorted(
            validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
        )
    ]
    if problems:
        raise InputError(problems)
    checker = _Checker(filename, lines, frameworks)
    crosswalk = checker.crosswalk(data)
    if checker.problems or crosswalk is None:
        raise InputError(checker.problems)
    return crosswalk


class _Checker:
    """Stage two: the crosswalk against its two frameworks, every problem collected."""

    def __init__(self, filename: str, lines: LineMap, frameworks: Catalogue) -> None:
        self.filename = filename
        self.lines = lines
        self.frameworks = frameworks
        self.problems: list[Problem] = []

    def problem(self, path: PathParts, message: str) -> None:
        self.problems.append(
            Problem(self.filename, self.lines.line_of(path), _dotted(path), message)
        )

    def edition(self, data: dict[str, str], side: str) -> Framework | None:
        framework = self.frameworks.get(data["framework"])
        if framework is None:
            known = ", ".join(sorted(self.frameworks))
            self.problem(
                (side, "framework"),
                f"unknown framework {data['framework']!r}; known frameworks: {known}",
            )
            return None
        if framework.version != data["version"]:
            self.problem(
                (side, "version"),
                f"the crosswalk was written for version {data['version']!r} of {framework.id}; "
                f"the framework read is version {framework.version!r}: check the rows "
                "against it, then update the version",
            )
        return framework

    def crosswalk(self, data: dict[str, Any]) -> Crosswalk | None:
        old = self.edition(data["from"], "from")
        new = self.edition(data["to"], "to")
        if old is None or new is None:
            return None
        scope = data.get("scope", {})
        scope_from = self.scope(old, scope.get("from", ()), ("scope", "from"))
        scope_to = self.scope(new, scope.get("to", ()), ("scope", "to"))
        rows: list[Correspondence] = []
        paths: list[PathParts] = []
        for level in Level:
            key = _LEVEL_KEY[level]
            for index, item in enumerate(data[key]):
                path: PathParts = (key, index)
                row = self.row(level, item, path, (old, scope_from), (new, scope_to))
                if row is not None:
                    rows.append(row)
                    paths.append(path)
        sides = ((old, scope_from, "from"), (new, scope_to, "to"))
        self.check_rows(rows, paths, sides)
        return Crosswalk(
            id=data["id"],
            title=data["title"],
            from_edition=Edition(old.id, old.version),
            to_edition=Edition(new.id, new.version),
            rows=tuple(rows),
            scope_from=tuple(s.id for s in scope_from),
            scope_to=tuple(s.id for s in scope_to),
            notes=tuple(data.get("notes", ())),
            path=self.filename,
        )

    def scope(self, framework: Framework, ids: Any, path: PathParts) -> tuple[Standard, ...]:
        found: list[Standard] = []
        for index, standard_id in enumerate(ids):
            element = framework.element(standard_id)
            if isinstance(element, Standard):
                found.append(element)
            else:
                self.problem((*path, index), f"{framework.id} has no standard {standard_id!r}")
        return tuple(found)

    def row(
        self,
        level: Level,
        item: dict[str, str],
        path: PathParts,
        old: tuple[Framework, tuple[Standard, ...]],
        new: tuple[Framework, tuple[Standard, ...]],
    ) -> Correspondence | None:
        relationship = Relationship(item["relationship"])
        ok = True
        if relationship is Relationship.NEW and "from" in item:
            self.problem((*path, "from"), "a 'new' element has no counterpart: drop 'from'")
            ok = False
        if relationship is Relationship.REMOVED and "to" in item:
            self.problem((*path, "to"), "a 'removed' element has no counterpart: drop 'to'")
            ok = False
        for side, (framework, scope) in (("from", old), ("to", new)):
            if side in item and not self.element_ok(level, framework, scope, item[side]):
                self.problem(
                    (*path, side),
                    f"{framework.id} has no {level.value} {item[side]!r}"
                    + (" within the crosswalk's scope" if scope else ""),
                )
                ok = False
        if not ok:
            return None
        return Correspondence(
            level, item.get("from"), item.get("to"), relationship, item.get("note")
        )

    @staticmethod
    def element_ok(
        level: Level, framework: Framework, scope: tuple[Standard, ...], element_id: str
    ) -> bool:
        element = framework.element(element_id)
        if level is Level.STANDARD:
            return isinstance(element, Standard) and (not scope or element in scope)
        if not isinstance(element, KeyQuestion):
            return False
        return not scope or framework.standard_of(element_id) in scope

    def check_rows(
        self,
        rows: list[Correspondence],
        paths: list[PathParts],
        sides: tuple[tuple[Framework, tuple[Standard, ...], str], ...],
    ) -> None:
        pairs = Counter((r.level, r.from_id, r.to_id) for r in rows)
        for row, path in zip(rows, paths, strict=True):
            if pairs[(row.level, row.from_id, row.to_id)] > 1:
                self.problem(path, f"{_label(row)} is listed more than once")
        for framework, scope, side in sides:
            standards = scope or tuple(framework.standards)
            expected = {
                Level.STANDARD: [s.id for s in standards],
                Level.KEY_QUESTION: [k.id for s in standards for k in s.key_questions],
            }
            for level, ids in expected.items():
                listed = Counter(_side(r, side) for r in rows if r.level is level)
                missing = [i for i in ids if not listed[i]]
                if missing:
                    self.problem(
                        (_LEVEL_KEY[level],),
                        f"every {level.value} of {framework.id} must be paired or marked "
                        f"{'removed' if side == 'from' else 'new'}; missing: " + ", ".join(missing),
                    )
                for row, path in zip(rows, paths, strict=True):
                    element = _side(row, side)
                    alone = row.relationship in (
                        Relationship.EQUAL,
                        Relationship.NEW,
                        Relationship.REMOVED,
                    )
                    if row.level is level and element and alone and listed[element] > 1:
                        self.problem(
                            (*path, "relationship"),
                            f"{element} is {row.relationship.value} here but also in another "
                            f"row; an element that is {row.relationship.value} is in one row",
                        )
        old, new = sides[0][0], sides[1][0]
        self.check_equal_standards(rows, paths, old, new)
        self.check_mirrors(rows, old, new, sides)

    def check_equal_standards(
        self,
        rows: list[Correspondence],
        paths: list[PathParts],
        old: Framework,
        new: Framework,
    ) -> None:
        """Equal standards ask the same key questions: each of one is equal to one of the other."""
        equal_kqs = {
            (r.from_id, r.to_id)
            for r in rows
            if r.level is Level.KEY_QUESTION and r.relationship is Relationship.EQUAL
        }
        for row, path in zip(rows, paths, strict=True):
            if row.level is not Level.STANDARD or row.relationship is not Relationship.EQUAL:
                continue
            assert row.from_id is not None
            assert row.to_id is not None
            a, b = old.standard(row.from_id), new.standard(row.to_id)
            a_ids = {k.id for k in a.key_questions}
            b_ids = {k.id for k in b.key_questions}
            matched = {(x, y) for x, y in equal_kqs if x in a_ids and y in b_ids}
            unmatched = sorted(a_ids - {x for x, _ in matched}) + sorted(
                b_ids - {y for _, y in matched}
            )
            if unmatched:
                self.problem(
                    (*path, "relationship"),
                    f"standards {a.id} and {b.id} are marked equal, but these key questions of "
                    f"theirs are not paired equal with one of the other: {', '.join(unmatched)}",
                )

    def check_mirrors(
        self,
        rows: list[Correspondence],
        old: Framework,
        new: Framework,
        sides: tuple[tuple[Framework, tuple[Standard, ...], str], ...],
    ) -> None:
        """001 §3.3: a key question that mirrors one of the other side asks the same."""
        equal_kqs = {
            (r.from_id, r.to_id)
            for r in rows
            if r.level is Level.KEY_QUESTION and r.relationship is Relationship.EQUAL
        }
        scopes = {side: scope for _, scope, side in sides}
        for framework, other, flip in ((new, old, False), (old, new, True)):
            for standard in framework.standards:
                for kq in standard.key_questions:
                    if kq.mirrors is None or kq.mirrors.framework != other.id:
                        continue
                    pair = (kq.id, kq.mirrors.id) if flip else (kq.mirrors.id, kq.id)
                    own_scope = scopes["from" if flip else "to"]
                    other_scope = scopes["to" if flip else "from"]
                    mirrored = other.element(kq.mirrors.id)
                    if (own_scope and standard not in own_scope) or (
                        other_scope
                        and isinstance(mirrored, KeyQuestion)
                        and other.standard_of(mirrored.id) not in other_scope
                    ):
                        continue
                    if pair not in equal_kqs:
                        self.problem(
                            ("key_questions",),
                            f"{framework.id} {kq.id} mirrors {kq.mirrors} (one set of answers "
                            "feeds both, 001 §3.3), so the crosswalk must pair them as equal",
                        )


def _side(row: Correspondence, side: str) -> str | None:
    return row.from_id if side == "from" else row.to_id


def _label(row: Correspondence) -> str:
    return f"{row.level.value} {row.from_id or '—'} → {row.to_id or '—'}"


def iter_crosswalk_files(directory: Path) -> Iterator[Path]:
    yield from sorted(directory.glob("*.yaml"))
    yield from sorted(directory.glob("*.yml"))
