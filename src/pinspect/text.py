"""Rules for text that crosses pinspect's edges: what may be stored, and what may be written.

One place for both directions, so every reader, form, API schema and export applies the same
rule:

- **In.** :func:`text_problem` says, in words, why a piece of text cannot be stored: a NUL
  character (PostgreSQL cannot hold one in a text column; SQLite would store it and differ),
  an unpaired surrogate (not a character at all; it cannot be encoded as UTF-8), or more
  characters than the field holds. Such text is refused, never silently changed, so what a
  user sees stored is what they typed.
- **Out.** :func:`spreadsheet_text` neutralises formula injection in every spreadsheet pinspect
  writes (CSV, XLSX, ODS): a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return is written with a leading apostrophe, so no spreadsheet program evaluates it
  (OWASP's advice for CSV, applied to all three formats).
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "spreadsheet_text", "text_problem"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str, *, max_length: int | None = None) -> str | None:
    """Why ``value`` cannot be stored, as words to show the user, or ``None`` when it can.

    The message never repeats the text itself (it may be case content); it says what is wrong
    and where in the text.
    """
    nul = value.find("\x00")
    if nul >= 0:
        return f"contains a NUL character (at position {nul + 1}), which cannot be stored"
    surrogate = _SURROGATE.search(value)
    if surrogate is not None:
        return (
            f"contains an unpaired surrogate (U+{ord(surrogate.group()):04X} at position "
            f"{surrogate.start() + 1}), which is not valid text"
        )
    if max_length is not None and len(value) > max_length:
        return f"is {len(value):,} characters long; at most {max_length:,} are allowed"
    return None


def spreadsheet_text(text: str) -> str:
    """``text`` made safe from formula injection (see the module docstring)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
