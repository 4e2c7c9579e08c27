"""How large a user's file may be: the caps every reader of tabular files applies."""

from __future__ import annotations

from dataclasses import dataclass

from pinspect.problems import InputError
from pinspect.settings import Settings

__all__ = ["FileLimits"]


@dataclass(frozen=True)
class FileLimits:
    """The ``max_file_rows``, ``max_file_columns``, ``max_cell_length`` and
    ``max_unpacked_bytes`` settings (docs/settings.md), as one value handed to a reader."""

    # Defaults read off the settings class (its defaults table), no Settings built at import.
    rows: int = Settings.max_file_rows
    columns: int = Settings.max_file_columns
    cell_length: int = Settings.max_cell_length
    unpacked_bytes: int = Settings.max_unpacked_bytes

    @classmethod
    def from_settings(cls, settings: Settings) -> FileLimits:
        return cls(
            rows=settings.max_file_rows,
            columns=settings.max_file_columns,
            cell_length=settings.max_cell_length,
            unpacked_bytes=settings.max_unpacked_bytes,
        )

    def check_rows(self, rows: int, *, file: str, line: int) -> None:
        """Refuse a file found to hold ``rows`` rows, its header row counted, when that is
        more than ``max_file_rows``; ``line`` is the line of the row that went over."""
        if rows > self.rows:
            raise InputError.single(
                f"the file has more than {self.rows:,} rows, the most a file may hold "
                "(the max_file_rows setting)",
                file=file,
                line=line,
            )

    def too_many_cells(self, count: int) -> str:
        return (
            f"the row has {count:,} cells; a row may hold at most {self.columns:,} "
            "(the max_file_columns setting)"
        )
