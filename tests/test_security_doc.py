"""docs/security.md names the test that covers each threat: every one of them must exist."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOC = ROOT / "docs" / "security.md"
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


@cache
def _functions(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    )


def test_every_test_the_security_page_names_exists() -> None:
    references = REFERENCE.findall(DOC.read_text(encoding="utf-8"))
    assert len(references) >= 30
    missing = [
        f"{file}::{name}"
        for file, name in references
        if not (ROOT / file).is_file() or name not in _functions(ROOT / file)
    ]
    assert missing == []


def test_the_page_keeps_a_section_for_uploaded_files() -> None:
    assert "\n## Files people upload\n" in DOC.read_text(encoding="utf-8")


def test_every_web_setting_is_in_the_settings_page() -> None:
    """Each ``PINSPECT_*`` name the web application reads is in docs/settings.md."""
    names: set[str] = set()
    for path in (ROOT / "src" / "pinspect" / "web").rglob("*.py"):
        names.update(re.findall(r"\bPINSPECT_[A-Z_]+[A-Z]\b", path.read_text(encoding="utf-8")))
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert len(names) >= 15
    assert sorted(n for n in names if f"`{n}`" not in page) == []
