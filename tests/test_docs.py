"""Docs that the tests check: every setting and every command is documented as it is.

Regenerate the generated parts with ``python -m tests.test_docs``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from pathlib import Path

from pinspect.cli import build_parser
from pinspect.settings import SETTINGS_TABLE

DOCS = Path(__file__).parents[1] / "docs"
BEGIN = "<!-- generated: do not edit below; python -m tests.test_docs -->"


def _help(parser: argparse.ArgumentParser) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        parser.print_help()
    return buffer.getvalue().rstrip()


def _subparsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found: list[tuple[str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((name, sub))
                found.extend((f"{name} {n}", p) for n, p in _subparsers(sub))
    return found


def render_cli_docs() -> str:
    os.environ["COLUMNS"] = "100"
    parser = build_parser()
    parts = ["## `pinspect --help`", "", "```", _help(parser), "```", ""]
    for name, sub in _subparsers(parser):
        parts += [f"## `pinspect {name} --help`", "", "```", _help(sub), "```", ""]
    return "\n".join(parts)


def render_settings_docs() -> str:
    rows = ["| setting | default | what it decides |", "| --- | --- | --- |"]
    rows += [f"| `{s.name}` | `{s.default}` | {s.help} |" for s in SETTINGS_TABLE]
    return "\n".join(rows) + "\n"


def _generated_part(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert BEGIN in text, f"{path} lacks its generated part"
    return text.split(BEGIN, 1)[1].strip("\n")


def test_every_setting_is_documented() -> None:
    assert _generated_part(DOCS / "settings.md") == render_settings_docs().strip("\n")


def test_every_command_is_documented_with_its_current_help() -> None:
    assert _generated_part(DOCS / "cli.md") == render_cli_docs().strip("\n")


def _regenerate() -> None:
    for name, render in (("settings.md", render_settings_docs), ("cli.md", render_cli_docs)):
        path = DOCS / name
        head = path.read_text(encoding="utf-8").split(BEGIN, 1)[0]
        path.write_text(head + BEGIN + "\n\n" + render().strip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    _regenerate()
