"""Docs that the tests check: every setting and every command is documented as it is.

Regenerate the generated parts with ``python -m tests.test_docs``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
from pathlib import Path

from pinspect.cli import build_parser
from pinspect.crosswalks.catalogue import ENV_CROSSWALKS_DIR
from pinspect.frameworks.catalogue import ENV_FRAMEWORKS_DIR
from pinspect.settings import SETTINGS_FILE_VARIABLE, SETTINGS_TABLE, environment_variable
from pinspect.web.setting_table import WEB_SETTINGS

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


SRC = Path(__file__).parents[1] / "src" / "pinspect"


def render_settings_docs() -> str:
    rows = ["| setting | default | what it decides |", "| --- | --- | --- |"]
    rows += [f"| `{s.name}` | `{s.default}` | {s.help} |" for s in SETTINGS_TABLE]
    rows += [
        "",
        "## Environment variables and web settings",
        "",
        f"`{SETTINGS_FILE_VARIABLE}` names a TOML file of the settings above "
        "(`fragile_threshold = 0.25`); `PINSPECT_<NAME>` sets one of them "
        f"(`{environment_variable('fragile_threshold')}=0.25`) and wins over the file. "
        f"`{ENV_FRAMEWORKS_DIR}` adds directories of framework files "
        "(see [the file format](framework-format.md)) and "
        f"`{ENV_CROSSWALKS_DIR}` directories of crosswalk files "
        "(see [frameworks over time](frameworks-over-time.md)).",
        "",
        "| setting | kind | default | what it decides |",
        "| --- | --- | --- | --- |",
    ]
    rows += [f"| `{w.name}` | {w.kind} | `{w.default}` | {w.help} |" for w in WEB_SETTINGS]
    return "\n".join(rows) + "\n"


def named_settings() -> set[str]:
    """Every ``PINSPECT_*`` name the source reads or sets (words in prose included)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        found.update(re.findall(r"\bPINSPECT_[A-Z][A-Z_]*[A-Z]\b", path.read_text("utf-8")))
    return found


def test_every_pinspect_setting_in_the_source_is_documented() -> None:
    """A ``PINSPECT_*`` environment variable or Django setting the code names must be in a
    table (and so in docs/settings.md)."""
    documented = {w.name for w in WEB_SETTINGS}
    documented |= {environment_variable(s.name) for s in SETTINGS_TABLE}
    documented |= {SETTINGS_FILE_VARIABLE, ENV_FRAMEWORKS_DIR, ENV_CROSSWALKS_DIR}
    assert named_settings() - documented == set()
    assert len(named_settings() & {w.name for w in WEB_SETTINGS}) == len(WEB_SETTINGS)


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
