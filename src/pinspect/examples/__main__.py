"""``python -m pinspect.examples [DIRECTORY]``: regenerate the bundled example files."""

from __future__ import annotations

import sys
from pathlib import Path

from pinspect.examples import example_directory, write_example
from pinspect.examples.pdu_2021 import write_pdu_2021_example
from pinspect.examples.trend import write_trend_example

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else example_directory()
    paths = [*write_example(target), *write_trend_example(target)]
    for path in [*paths, *write_pdu_2021_example(target)]:
        print(path)
