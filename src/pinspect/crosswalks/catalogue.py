"""All the crosswalks a user can compare through: the bundled ones plus their own.

The bundled files (``crosswalks/data/*.yaml``) cover the seeds' editions: 2018 NPS and CRC →
2021 PDU, 2021 → 2023 PDU, 2021 → 2023 regional, and the 2023 PDU stages ↔ regional aims view
(001 §3.3). Users add their own from directories they configure (``--crosswalks-dir`` or
``PINSPECT_CROSSWALKS_DIR``); each file is checked against the frameworks it joins.

:meth:`CrosswalkCatalogue.between` finds the crosswalk from any framework to any other: a file
as written, read the other way round, or, when no file joins the two, the shortest chain of
whole-framework crosswalks composed. A variant stands to the framework it extends as every
inherited element ``equal`` and every added standard ``removed``, so the base's crosswalks serve
its variants.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from pinspect.crosswalks.loader import iter_crosswalk_files, read_crosswalk_file
from pinspect.crosswalks.model import Correspondence, Crosswalk, Edition, Level
from pinspect.crosswalks.relationship import Relationship
from pinspect.frameworks.catalogue import Catalogue, bundled_catalogue
from pinspect.frameworks.model import Framework
from pinspect.problems import InputError, Problem

__all__ = [
    "ENV_CROSSWALKS_DIR",
    "CrosswalkCatalogue",
    "bundled_crosswalks",
    "crosswalk_directories_from_environment",
    "load_crosswalks",
]

ENV_CROSSWALKS_DIR = "PINSPECT_CROSSWALKS_DIR"


class CrosswalkCatalogue(Mapping[str, Crosswalk]):
    """Crosswalks by id, over the frameworks of one framework catalogue."""

    def __init__(self, crosswalks: Iterable[Crosswalk], frameworks: Catalogue) -> None:
        self.frameworks = frameworks
        self._crosswalks: dict[str, Crosswalk] = {}
        problems: list[Problem] = []
        joined: dict[frozenset[str], Crosswalk] = {}
        for crosswalk in crosswalks:
            ends = frozenset((crosswalk.from_edition.framework, crosswalk.to_edition.framework))
            clash = self._crosswalks.get(crosswalk.id) or joined.get(ends)
            if clash is not None:
                what = "id" if clash.id == crosswalk.id else "pair of frameworks"
                problems.append(
                    Problem(
                        crosswalk.path,
                        None,
                        "id",
                        f"crosswalk {crosswalk.id!r}: its {what} is already that of {clash.path}",
                    )
                )
                continue
            self._crosswalks[crosswalk.id] = crosswalk
            joined[ends] = crosswalk
        if problems:
            raise InputError(problems)

    def __getitem__(self, crosswalk_id: str) -> Crosswalk:
        return self._crosswalks[crosswalk_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._crosswalks)

    def __len__(self) -> int:
        return len(self._crosswalks)

    def between(self, from_id: str, to_id: str) -> Crosswalk | None:
        """The crosswalk from framework ``from_id`` to ``to_id``, or None when none joins them.

        In order: the same framework (every element equal to itself); a file joining the two,
        as written or read the other way round; the shortest chain of whole-framework crosswalks
        and variant links, composed."""
        old = self.frameworks.get_framework(from_id)
        new = self.frameworks.get_framework(to_id)
        if old.id == new.id:
            return _identity(old)
        for crosswalk in self._crosswalks.values():
            ends = (crosswalk.from_edition.framework, crosswalk.to_edition.framework)
            if ends == (old.id, new.id):
                return crosswalk
            if ends == (new.id, old.id):
                return crosswalk.inverse()
        chain = self._chain(old.id, new.id)
        if chain is None:
            return None
        result = chain[0]
        for step in chain[1:]:
            result = result.then(step)
        return result

    def get_between(self, from_id: str, to_id: str) -> Crosswalk:
        """:meth:`between`, an InputError naming the crosswalks there are when none joins them."""
        found = self.between(from_id, to_id)
        if found is None:
            known = ", ".join(sorted(self._crosswalks)) or "none"
            raise InputError.single(
                f"no crosswalk joins {from_id} and {to_id}, directly or through others; "
                f"crosswalks: {known}",
                field="crosswalk",
            )
        return found

    def _steps(self) -> dict[str, list[Crosswalk]]:
        """Every framework's one-step crosswalks onward: whole-framework files both ways, and
        the links between each variant and the framework it extends."""
        steps: dict[str, list[Crosswalk]] = {}
        for crosswalk in self._crosswalks.values():
            if crosswalk.scoped:
                continue
            for step in (crosswalk, crosswalk.inverse()):
                steps.setdefault(step.from_edition.framework, []).append(step)
        for framework in self.frameworks.values():
            if framework.variant_of is None:
                continue
            base = self.frameworks.get(framework.variant_of.framework)
            if base is None:
                continue
            link = _variant_link(framework, base)
            for step in (link, link.inverse()):
                steps.setdefault(step.from_edition.framework, []).append(step)
        return steps

    def _chain(self, start: str, goal: str) -> list[Crosswalk] | None:
        """The fewest steps from ``start`` to ``goal`` (breadth first, files in id order)."""
        steps = self._steps()
        for options in steps.values():
            options.sort(key=lambda c: (c.to_edition.framework, c.id))
        came: dict[str, Crosswalk | None] = {start: None}
        queue = deque([start])
        while queue:
            here = queue.popleft()
            if here == goal:
                break
            for step in steps.get(here, ()):
                there = step.to_edition.framework
                if there not in came:
                    came[there] = step
                    queue.append(there)
        if goal not in came:
            return None
        chain: list[Crosswalk] = []
        at = goal
        while (back := came[at]) is not None:
            chain.append(back)
            at = back.from_edition.framework
        return chain[::-1]


def _identity(framework: Framework) -> Crosswalk:
    rows = [
        Correspondence(Level.STANDARD, s.id, s.id, Relationship.EQUAL) for s in framework.standards
    ] + [
        Correspondence(Level.KEY_QUESTION, k.id, k.id, Relationship.EQUAL)
        for s in framework.standards
        for k in s.key_questions
    ]
    edition = Edition(framework.id, framework.version)
    return Crosswalk(
        id=framework.id,
        title=f"{framework.id} to itself",
        from_edition=edition,
        to_edition=edition,
        rows=tuple(rows),
        derivation="the same framework",
    )


def _variant_link(variant: Framework, base: Framework) -> Crosswalk:
    """A variant to its base: inherited elements equal (same wording, same key questions),
    added standards and their key questions removed."""
    rows: list[Correspondence] = []
    for level in Level:
        for standard in variant.standards:
            ids = (
                [standard.id] if level is Level.STANDARD else [k.id for k in standard.key_questions]
            )
            for element_id in ids:
                inherited = base.element(element_id) is not None
                rows.append(
                    Correspondence(
                        level,
                        element_id,
                        element_id if inherited else None,
                        Relationship.EQUAL if inherited else Relationship.REMOVED,
                        None if inherited else f"added by the variant {variant.id}",
                    )
                )
    return Crosswalk(
        id=f"{variant.id}--{base.id}",
        title=f"The variant {variant.id} and the framework it extends",
        from_edition=Edition(variant.id, variant.version),
        to_edition=Edition(base.id, base.version),
        rows=tuple(rows),
        derivation=f"the variant {variant.id} of {base.id}",
    )


def bundled_directory() -> Path:
    return Path(str(resources.files("pinspect.crosswalks").joinpath("data")))


def load_crosswalks(
    frameworks: Catalogue, extra_directories: Iterable[Path] = (), *, include_bundled: bool = True
) -> CrosswalkCatalogue:
    """The bundled crosswalks plus those in ``extra_directories``; every problem reported."""
    directories = ([bundled_directory()] if include_bundled else []) + list(extra_directories)
    crosswalks: list[Crosswalk] = []
    problems: list[Problem] = []
    for directory in directories:
        if not directory.is_dir():
            problems.append(Problem(str(directory), None, None, "not a directory"))
            continue
        for path in iter_crosswalk_files(directory):
            try:
                crosswalk = read_crosswalk_file(path, frameworks)
            except InputError as error:
                problems.extend(error.problems)
                continue
            if crosswalk.id != path.stem:
                problems.append(
                    Problem(
                        str(path),
                        None,
                        "id",
                        f"the file of crosswalk {crosswalk.id!r} must be named {crosswalk.id}.yaml",
                    )
                )
            crosswalks.append(crosswalk)
    if problems:
        raise InputError(problems)
    return CrosswalkCatalogue(crosswalks, frameworks)


@cache
def bundled_crosswalks() -> CrosswalkCatalogue:
    """The bundled crosswalks over the bundled frameworks (read once per process)."""
    return load_crosswalks(bundled_catalogue())


def crosswalk_directories_from_environment(environ: Mapping[str, str] | None = None) -> list[Path]:
    env = os.environ if environ is None else environ
    value = env.get(ENV_CROSSWALKS_DIR, "")
    return [Path(p) for p in value.split(os.pathsep) if p]
