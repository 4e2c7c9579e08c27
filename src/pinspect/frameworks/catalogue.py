"""All the frameworks a user can inspect against: the bundled ones plus their own.

The bundled files (``frameworks/data/*.yaml``) are the seeds' seven frameworks and a documented
variant of one; users add their own from directories they configure (``--frameworks-dir`` or
``PINSPECT_FRAMEWORKS_DIR``). Every file is validated the same way; variants are resolved
against the frameworks they extend and references between frameworks are checked here, where
all of them are known.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from pinspect.frameworks.loader import (
    VariantDocument,
    iter_framework_files,
    read_framework_document,
)
from pinspect.frameworks.model import Framework, KeyQuestion, Reference
from pinspect.frameworks.variant import resolve_variants
from pinspect.problems import InputError, Problem

__all__ = [
    "ENV_FRAMEWORKS_DIR",
    "Catalogue",
    "bundled_catalogue",
    "bundled_directory",
    "load_catalogue",
]

ENV_FRAMEWORKS_DIR = "PINSPECT_FRAMEWORKS_DIR"


class Catalogue(Mapping[str, Framework]):
    """Frameworks by id, with their cross-framework references resolved."""

    def __init__(self, frameworks: Iterable[Framework]) -> None:
        self._frameworks: dict[str, Framework] = {}
        problems: list[Problem] = []
        for framework in frameworks:
            if framework.id in self._frameworks:
                other = self._frameworks[framework.id]
                problems.append(
                    Problem(
                        framework.path,
                        None,
                        "id",
                        f"framework id {framework.id!r} is already used by {other.path}",
                    )
                )
                continue
            self._frameworks[framework.id] = framework
        problems.extend(self._reference_problems())
        if problems:
            raise InputError(problems)

    def __getitem__(self, framework_id: str) -> Framework:
        return self._frameworks[framework_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frameworks)

    def __len__(self) -> int:
        return len(self._frameworks)

    def get_framework(self, framework_id: str) -> Framework:
        """The framework with this id; an unknown id is an InputError naming the known ones."""
        try:
            return self._frameworks[framework_id]
        except KeyError:
            known = ", ".join(sorted(self._frameworks))
            raise InputError.single(
                f"unknown framework {framework_id!r}; known frameworks: {known}", field="framework"
            ) from None

    def resolve(self, reference: Reference) -> object | None:
        framework = self._frameworks.get(reference.framework)
        return None if framework is None else framework.element(reference.id)

    def mirrored_key_question(self, kq: KeyQuestion) -> KeyQuestion | None:
        """The key question ``kq`` mirrors (001 §3.3: one set of answers feeds both views)."""
        if kq.mirrors is None:
            return None
        found = self.resolve(kq.mirrors)
        return found if isinstance(found, KeyQuestion) else None

    def _reference_problems(self) -> Iterator[Problem]:
        for framework in self._frameworks.values():
            for standard in framework.standards:
                if standard.aggregate_of and self.resolve(standard.aggregate_of) is None:
                    yield _dangling(framework, standard.id, "aggregate_of", standard.aggregate_of)
                for kq in standard.key_questions:
                    for name in ("aggregate_of", "mirrors"):
                        ref = getattr(kq, name)
                        if ref is not None and self.resolve(ref) is None:
                            yield _dangling(framework, kq.id, name, ref)
            ci = framework.case_inspection
            if ci is not None:
                target = self._frameworks.get(ci.framework)
                if target is None or all(d.id != ci.domain for d in target.domains):
                    yield Problem(
                        framework.path,
                        None,
                        "case_inspection",
                        f"dangling reference: no domain {ci.domain!r} in framework "
                        f"{ci.framework!r}",
                    )


def _dangling(framework: Framework, element_id: str, field: str, ref: Reference) -> Problem:
    return Problem(
        framework.path, None, f"{element_id}/{field}", f"dangling reference: {ref} does not exist"
    )


def bundled_directory() -> Path:
    return Path(str(resources.files("pinspect.frameworks").joinpath("data")))


def _read_directory(
    directory: Path,
) -> tuple[list[Framework], list[VariantDocument], list[Problem]]:
    frameworks: list[Framework] = []
    variants: list[VariantDocument] = []
    problems: list[Problem] = []
    if not directory.is_dir():
        return frameworks, variants, [Problem(str(directory), None, None, "not a directory")]
    for path in iter_framework_files(directory):
        try:
            document = read_framework_document(path)
        except InputError as error:
            problems.extend(error.problems)
            continue
        if document.id != path.stem:
            problems.append(
                Problem(
                    str(path),
                    None,
                    "id",
                    f"the file of framework {document.id!r} must be named {document.id}.yaml",
                )
            )
        if isinstance(document, VariantDocument):
            variants.append(document)
        else:
            frameworks.append(document)
    return frameworks, variants, problems


def load_catalogue(
    extra_directories: Iterable[Path] = (), *, include_bundled: bool = True
) -> Catalogue:
    """The bundled frameworks plus those in ``extra_directories``, variants resolved against
    the frameworks they extend; every problem reported."""
    directories = ([bundled_directory()] if include_bundled else []) + list(extra_directories)
    frameworks: list[Framework] = []
    variants: list[VariantDocument] = []
    problems: list[Problem] = []
    for directory in directories:
        found, found_variants, wrong = _read_directory(directory)
        frameworks.extend(found)
        variants.extend(found_variants)
        problems.extend(wrong)
    resolved, wrong = resolve_variants(frameworks, variants)
    problems.extend(wrong)
    if problems:
        raise InputError(problems)
    return Catalogue([*frameworks, *resolved])


@cache
def bundled_catalogue() -> Catalogue:
    """The seven frameworks of the seeds and the bundled variant (read once per process)."""
    return load_catalogue()


def directories_from_environment(environ: Mapping[str, str] | None = None) -> list[Path]:
    env = os.environ if environ is None else environ
    value = env.get(ENV_FRAMEWORKS_DIR, "")
    return [Path(p) for p in value.split(os.pathsep) if p]
