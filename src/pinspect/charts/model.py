"""The charts as values: what is drawn, in numbers and words, before any SVG is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from pinspect.charts.table import ChartTable

__all__ = [
    "Bar",
    "BarChart",
    "InlineBar",
    "LineChart",
    "Marker",
    "ReferenceLine",
    "Segment",
    "Series",
    "StackedBar",
    "StackedBarChart",
    "Tick",
]


def percent_text(value: float | None) -> str:
    """A percentage as the tables print it: one decimal place, or a dash for none."""
    return "—" if value is None else f"{value:.1f}%"


@dataclass(frozen=True)
class ReferenceLine:
    """A vertical (bar chart) or horizontal (line chart) line at ``value``, labelled."""

    value: float
    label: str


@dataclass(frozen=True)
class Tick:
    """A labelled value on the value axis."""

    value: float
    label: str


@dataclass(frozen=True)
class Bar:
    """One bar: its label (short, drawn on the chart), the value (None: nothing to draw), the
    longer text the table shows, and an optional interval drawn as a whisker."""

    label: str
    value: float | None
    text: str = ""
    interval: tuple[float, float] | None = None
    note: str = ""  # shown in the table only ("Suppressed: fewer than 5 cases")
    target: float | None = None  # a value to compare with, drawn as a mark across the bar


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars on a 0–``maximum`` scale with reference lines (the 50/65/80% band lines
    of 001 §4.8, for example).

    ``value_text`` formats a value for the table and the description; ``label_heading`` and
    ``value_heading`` head the table's columns."""

    title: str
    description: str
    bars: tuple[Bar, ...]
    maximum: float = 100.0
    reference_lines: tuple[ReferenceLine, ...] = ()
    label_heading: str = "Item"
    value_heading: str = "Value"
    value_text: Callable[[float | None], str] = percent_text
    extra_columns: tuple[str, ...] = ()
    extra_cells: tuple[tuple[str, ...], ...] = ()
    label_width: int = 120  # room for the bar labels, in the chart's units (640 wide)
    target_label: str = ""  # what the marks across the bars are, for the key under the chart

    def table(self) -> ChartTable:
        """The figures the chart draws, one row per bar, as the table beside it."""
        has_interval = any(b.interval is not None for b in self.bars)
        columns = [self.label_heading, self.value_heading]
        if has_interval:
            columns.append("Interval")
        columns.extend(self.extra_columns)
        rows = []
        for index, bar in enumerate(self.bars):
            label = f"{bar.label} {bar.text}".strip()
            cells = [bar.note or self.value_text(bar.value)]
            if has_interval:
                cells.append(
                    "—" if bar.interval is None else f"{bar.interval[0]:.1f}–{bar.interval[1]:.1f}%"
                )
            if self.extra_cells:
                cells.extend(self.extra_cells[index])
            rows.append((label, tuple(cells)))
        numeric = (
            False,
            True,
            *([True] if has_interval else []),
            *[False] * len(self.extra_columns),
        )
        return ChartTable(self.title, tuple(columns), tuple(rows), numeric)


class Marker(Enum):
    """How a point is drawn: filled (compared as is) or hollow (an approximate value)."""

    FILLED = "filled"
    HOLLOW = "hollow"


@dataclass(frozen=True)
class Series:
    """One line: a value per x position (None: no value, the line breaks there), and how each
    point is drawn. ``cells`` is what the table shows per x position (defaults to the value
    formatted by the chart)."""

    name: str
    values: tuple[float | None, ...]
    markers: tuple[Marker, ...] = ()
    cells: tuple[str, ...] = ()

    def marker(self, index: int) -> Marker:
        return self.markers[index] if index < len(self.markers) else Marker.FILLED


@dataclass(frozen=True)
class LineChart:
    """Values across ordered positions (inspections by date), one line per series, on a
    ``minimum``–``maximum`` scale with labelled ticks and reference lines."""

    title: str
    description: str
    positions: tuple[str, ...]
    series: tuple[Series, ...]
    minimum: float = 0.0
    maximum: float = 100.0
    ticks: tuple[Tick, ...] = ()
    reference_lines: tuple[ReferenceLine, ...] = ()
    value_text: Callable[[float | None], str] = percent_text
    series_heading: str = "Series"
    spread: bool = False  # shift each series a little sideways, so equal values stay visible
    axis_labels: tuple[str, ...] = ()  # short labels drawn under the positions (default: them)
    numeric: bool = True  # the table's cells are figures (right-aligned), not words

    def table(self) -> ChartTable:
        """One row per series, one column per position."""
        rows = []
        for series in self.series:
            cells = tuple(
                series.cells[i] if i < len(series.cells) else self.value_text(value)
                for i, value in enumerate(series.values)
            )
            rows.append((series.name, cells))
        columns = (self.series_heading, *self.positions)
        numeric = (False, *[self.numeric] * len(self.positions))
        return ChartTable(self.title, columns, tuple(rows), numeric)


@dataclass(frozen=True)
class InlineBar:
    """A small bar drawn inside a table cell (the report's key-question and survey tables):
    ``percent`` of the width, with the 50/65/80% band lines when ``ticks``."""

    percent: float | None
    label: str
    ticks: bool = True


@dataclass(frozen=True)
class Segment:
    """A category of a stacked bar chart: its name and its colour (with the colour of text
    written on it)."""

    name: str
    colour: str
    text_colour: str = "#ffffff"


@dataclass(frozen=True)
class StackedBar:
    """One bar: its label and a count per category, in the chart's category order."""

    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class StackedBarChart:
    """Horizontal bars split into categories (cases by status per inspector, inspections by
    rating per standard); each segment is labelled with its count where it is wide enough,
    and a key names the categories. The scale runs to the largest total."""

    title: str
    description: str
    segments: tuple[Segment, ...]
    bars: tuple[StackedBar, ...]
    label_heading: str = "Item"
    label_width: int = 160

    @property
    def maximum(self) -> int:
        return max((bar.total for bar in self.bars), default=0) or 1

    def table(self) -> ChartTable:
        columns = (self.label_heading, *(s.name for s in self.segments), "Total")
        rows = tuple(
            (bar.label, (*(str(c) for c in bar.counts), str(bar.total))) for bar in self.bars
        )
        return ChartTable(self.title, columns, rows, (False, *[True] * (len(self.segments) + 1)))
