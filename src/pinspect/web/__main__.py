"""``python -m pinspect.web``: Django's manage command for the web application.

``pinspect_demo`` is the demo: it runs with ``PINSPECT_DEMO=1`` (a demo-only secret key unless
``PINSPECT_SECRET_KEY`` is set; see :mod:`pinspect.web.secret_key`). Every other command needs
``PINSPECT_SECRET_KEY``.
"""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line

DEMO_COMMAND = "pinspect_demo"


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pinspect.web.settings")
    if len(args) > 1 and args[1] == DEMO_COMMAND:
        os.environ.setdefault("PINSPECT_DEMO", "1")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
