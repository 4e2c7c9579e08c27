"""The ``pinspect`` command line: thin wrappers that read files, call the core and print.

Each sub-command lives in ``pinspect.cli.<name>_command`` and exposes ``register(subparsers)``.
Bad input ends with one message per problem (file, line, field) on stderr and exit status 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pinspect import __version__
from pinspect.problems import InputError
from pinspect.settings import SETTINGS_FILE_VARIABLE, read_settings

__all__ = ["main"]

EXIT_BAD_INPUT = 2
COMMANDS = ("agreement", "frameworks", "national", "rate", "report", "sample", "trend")


class _Parser(argparse.ArgumentParser):
    """argparse exits with status 2 on usage errors already; keep its message short."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the arguments, only the commands they name are
    registered (each command imports what it needs, some of it slow to import); with none
    named, all are (``pinspect --help`` lists them)."""
    parser = _Parser(
        prog="pinspect",
        description="HM Inspectorate of Probation inspection standards and ratings.",
    )
    parser.add_argument("--version", action="version", version=f"pinspect {__version__}")
    parser.add_argument(
        "--frameworks-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="a directory of your own framework files (repeatable; also PINSPECT_FRAMEWORKS_DIR)",
    )
    parser.add_argument(
        "--crosswalks-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="a directory of your own crosswalk files (repeatable; also PINSPECT_CROSSWALKS_DIR)",
    )
    parser.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help=f"the installation's settings file, TOML (also {SETTINGS_FILE_VARIABLE}); "
        "PINSPECT_<NAME> environment variables override it (see docs/settings.md)",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = [name for name in COMMANDS if argv is not None and name in argv]
    for name in named or COMMANDS:
        module = importlib.import_module(f"pinspect.cli.{name}_command")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        # Read once; every command hands this one Settings to the core.
        args.settings = read_settings(os.environ, file=args.settings)
        status: int = args.func(args)
    except InputError as error:
        for problem in error.problems:
            print(f"pinspect: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `pinspect frameworks show … | head`
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
