"""The clause registry (``pinspect.rule_registry``) and docs/rules.md agree with the code.

Every rule cites its seed clause in one format (``001 §4.23``, ``000 R 1.2.2``,
``002 decision 8``, ``003 §3.7``); the registry says where each cited clause is carried.
These tests fail when a named function or test moves or is renamed without the registry, when
it stops citing its clause, when the code cites a clause the registry lacks, or when a
citation is written another way (a range such as ``§4.22–4.23`` escapes a search for
``§4.23``). Regenerate docs/rules.md with ``python -m tests.test_rules``.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from pinspect.rule_registry import CLAUSES, Clause, citations, clause_sort_key

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "pinspect"
RULES_MD = ROOT / "docs" / "rules.md"
BEGIN = "<!-- generated: do not edit below; python -m tests.test_rules -->"

# pinspect rate prints these reasons; its output is pinned byte for byte by the goldens
# (tests/core/ratings/golden), so their ranges stay as users have always read them.
PINNED_OUTPUT = (
    "001 §4.15–4.17: rating proposed by the lead inspector and verified by the ratings panel",
    "not rated: no judged rating was supplied (001 §4.15–4.17)",
)
# Ways of writing a citation other than the one format.
OTHER_FORMS = (
    (re.compile(r"§ ?\d+(?:\.\d+)*\s*[–-]\s*§?\d"), "a range of sections"),
    (re.compile(r"\b00[0-4],? ?R ?\d+\.\d+[–/-]"), "a range of R clauses"),
    (re.compile(r"\b00[0-4], (?:R|§|decision)"), "a comma after the seed"),
    (re.compile(r"\b00[0-4] ?R\d"), "R without a space"),
    (re.compile(r"\b00[0-4] § \d"), "§ followed by a space"),
    (re.compile(r"\b00[0-4] dec\. \d"), "an abbreviated decision"),
)


def _docstring(node: ast.AST) -> str:
    if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return ast.get_docstring(node) or ""
    return ""


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def test_docstring(name: str) -> str | None:
    """The docstring of a test module, class or function named ``path::Class::test``."""
    path, *names = name.split("::")
    file = ROOT / path
    if not file.is_file():
        return None
    node: ast.AST = _tree(file)
    for wanted in names:
        found = [
            child
            for child in getattr(node, "body", [])
            if isinstance(child, ast.ClassDef | ast.FunctionDef) and child.name == wanted
        ]
        if not found:
            return None
        node = found[0]
    return _docstring(node)


test_docstring.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def code_docstring(name: str) -> str | None:
    """The docstring of a module, class or function named by its dotted path, read from its
    source (the web app's modules need Django to import); None if it does not exist."""
    try:
        path, obj = _module_path(name)
    except LookupError:
        return None
    return test_docstring("::".join([path, *obj.split(".")]) if obj else path)


def cited_in_source() -> dict[str, list[str]]:
    """Each clause cited in a docstring under src/, and where."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        for node in ast.walk(_tree(path)):
            for clause in citations(_docstring(node)):
                found.setdefault(clause, []).append(module)
    return found


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda c: c.citation)
def test_every_named_code_and_test_exists_and_cites_its_clause(clause: Clause) -> None:
    assert citations(clause.citation) == {clause.citation}, "one clause, in the one format"
    assert clause.code, f"{clause.citation} names no code"
    for name in clause.code:
        doc = code_docstring(name)
        assert doc is not None, f"{clause.citation}: {name} does not exist (moved or renamed?)"
        assert clause.citation in citations(doc), f"{name}'s docstring does not cite it"
    for name in clause.tests:
        doc = test_docstring(name)
        assert doc is not None, f"{clause.citation}: {name} does not exist (moved or renamed?)"
        assert clause.citation in citations(doc), f"{name}'s docstring does not cite it"


def test_every_clause_the_code_cites_is_registered_once() -> None:
    registered = [c.citation for c in CLAUSES]
    assert len(registered) == len(set(registered))
    assert sorted(registered, key=clause_sort_key) == registered
    missing = {c: where for c, where in cited_in_source().items() if c not in registered}
    assert missing == {}


def _files() -> list[Path]:
    found = [
        *SRC.rglob("*.py"),
        *SRC.rglob("*.html"),
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "docs").rglob("*.md"),
        ROOT / "README.md",
    ]
    return sorted(found)


def test_citations_are_written_one_way() -> None:
    """No ranges, no ``R1.2.2`` or ``000, R 1.2.2`` citations: a search for a clause finds
    every place that carries it. (``R1.2.2`` as a framework element's id is not a citation.)"""
    wrong = []
    for path in _files():
        text = path.read_text(encoding="utf-8")
        for pinned in PINNED_OUTPUT:
            text = text.replace(pinned, "")
        for line_number, line in enumerate(text.splitlines(), 1):
            for form, what in OTHER_FORMS:
                if form.search(line) and path.name != Path(__file__).name:
                    wrong.append(f"{path.relative_to(ROOT)}:{line_number}: {what}: {line.strip()}")
    assert wrong == []


def _module_path(name: str) -> tuple[str, str]:
    """The source file of a dotted name, and the object within it ('' for the module)."""
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        base = ROOT / "src" / Path(*parts[:split])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return str(candidate.relative_to(ROOT)), ".".join(parts[split:])
    raise LookupError(name)


def render_rules_docs() -> str:
    parts = [
        f"{len(CLAUSES)} clauses of the seeds are carried by the code.",
        "",
        "| clause | what it says | code | tests |",
        "| --- | --- | --- | --- |",
    ]
    for clause in CLAUSES:
        parts.append(
            f"| [{clause.citation}](#{_anchor(clause.citation)}) | {clause.says} "
            f"| {len(clause.code)} | {len(clause.tests)} |"
        )
    for clause in CLAUSES:
        parts += ["", f"## {clause.citation}", "", clause.says + ".", "", "Code:", ""]
        for name in clause.code:
            path, obj = _module_path(name)
            where = f"`{obj}` in " if obj else "the module "
            parts.append(f"- {where}[`{path}`](../{path})")
        parts += ["", "Tests:", ""]
        if not clause.tests:
            parts.append("- none names this clause yet")
        for name in clause.tests:
            path, *names = name.split("::")
            where = f"`{'::'.join(names)}` in " if names else "the module "
            parts.append(f"- {where}[`{path}`](../{path})")
    return "\n".join(parts) + "\n"


def _anchor(citation: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", citation.lower()).replace(" ", "-")


def test_rules_doc_is_generated_from_the_registry() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    assert BEGIN in text
    assert text.split(BEGIN, 1)[1].strip("\n") == render_rules_docs().strip("\n")


def test_the_registry_finds_a_clause_in_one_search() -> None:
    """A newcomer looking for 001 §4.23 finds the banding rule and its test."""
    by_citation = {c.citation: c for c in CLAUSES}
    assert "pinspect.scale.banding.majority_rule_banding" in by_citation["001 §4.23"].code
    assert by_citation["001 §4.23"].tests
    assert "pinspect.ratings.aggregate.aggregate_ratings" in by_citation["000 R 1.2.2"].code


def _regenerate() -> None:
    head = RULES_MD.read_text(encoding="utf-8").split(BEGIN, 1)[0] if RULES_MD.exists() else ""
    RULES_MD.write_text(head + BEGIN + "\n\n" + render_rules_docs(), encoding="utf-8")


if __name__ == "__main__":
    _regenerate()
