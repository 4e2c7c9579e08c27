"""The import contracts in ``pyproject.toml`` refuse what they promise to refuse.

``make imports`` shows that the tree keeps the contracts; these tests show that the contracts
can fail: a copy of the package gains a throwaway core module that imports Django, and one
that reaches up a layer, and ``lint-imports`` must refuse both without the contracts naming
either module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports is not installed")


def copy_of_package(tmp_path: Path) -> Path:
    """The package's Python files and the contracts, copied under ``tmp_path``."""
    shutil.copytree(
        ROOT / "src" / "pinspect",
        tmp_path / "src" / "pinspect",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "*.yaml", "*.csv"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(project / "pyproject.toml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_new_core_module_importing_django_or_reaching_up_is_refused(tmp_path: Path) -> None:
    """A module the contracts have never heard of is covered: one importing Django breaks the
    forbidden contract, one importing the web application breaks the layers."""
    project = copy_of_package(tmp_path)
    ratings = project / "src" / "pinspect" / "ratings"
    (ratings / "throwaway_django.py").write_text(
        '"""Throwaway."""\n\nimport django\n\n__all__ = ["django"]\n', encoding="utf-8"
    )
    sampling = project / "src" / "pinspect" / "sampling"
    (sampling / "throwaway_upward.py").write_text(
        '"""Throwaway."""\n\nimport pinspect.report.builder\n\n__all__: list[str] = []\n',
        encoding="utf-8",
    )
    result = lint_imports(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Contracts: 0 kept, 2 broken." in output
    assert "pinspect.ratings.throwaway_django -> django" in output
    assert "pinspect.sampling.throwaway_upward -> pinspect.report.builder" in output


def test_a_new_top_level_module_must_be_given_a_layer(tmp_path: Path) -> None:
    """The layers are exhaustive: a new top-level module breaks the check until it is placed."""
    project = copy_of_package(tmp_path)
    (project / "src" / "pinspect" / "throwaway.py").write_text(
        '"""Throwaway."""\n\n__all__: list[str] = []\n', encoding="utf-8"
    )
    result = lint_imports(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "pinspect.throwaway" in output


def test_the_unchanged_copy_keeps_every_contract(tmp_path: Path) -> None:
    """The refusals above come from the throwaway modules, not from the copying."""
    result = lint_imports(copy_of_package(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
