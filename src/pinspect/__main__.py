"""``python -m pinspect`` runs the command line."""

import sys

from pinspect.cli import main

sys.exit(main())
