"""Printing helpers shared by the CLI commands: JSON and plain-text tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

__all__ = ["print_json", "render_table"]


def print_json(data: Any, stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stdout
    # One write: json.dump would write each of a large report's pieces on its own.
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A fixed-width text table; cells are str()-ed, None prints as '—'."""
    cells = [[("—" if c is None else str(c)) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines)
