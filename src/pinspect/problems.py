"""Problems with user input, collected and reported together.

Every reader in pinspect (framework files, case answers, long lists) collects *all* the
problems it finds and raises one :class:`InputError` carrying them, so a user fixes a file
in one pass. Each problem names the file, the line and the field; the CLI prints them and
exits with status 2, the web app shows them as form errors, the API as a 4xx JSON body.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["InputError", "Problem"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong."""

    file: str | None
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field)
        return ": ".join([*parts, self.message])

    def as_dict(self) -> dict[str, str | int | None]:
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}


class InputError(Exception):
    """Raised with every problem found in an input; nothing is half-done when it is raised."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> InputError:
        return cls([Problem(file=file, line=line, field=field, message=message)])
