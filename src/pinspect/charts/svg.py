"""Drawing a chart as SVG: accessible, escaped, and with no inline style.

Each chart is one ``<svg role="img">`` named by its ``<title>`` and ``<desc>``
(``aria-labelledby``); the figures themselves are in the table beside it, so the drawing
carries no information a screen reader needs. Colours and lines are SVG presentation
attributes (allowed by a ``style-src 'self'`` content security policy, which refuses
``style="…"``); text takes the page's font. Series are told apart by colour, dash and marker
shape, never by colour alone; approximate values are hollow markers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape as html_escape

from pinspect.charts.bands import band_lines
from pinspect.charts.model import (
    BarChart,
    InlineBar,
    LineChart,
    Marker,
    Series,
    StackedBarChart,
)

__all__ = ["render_svg"]

INK = "#0b0c0c"
SECONDARY_INK = "#484949"
BAR = "#1d70b8"
TRACK = "#f3f2f1"
GRID = "#b1b4b6"
PALETTE = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#b58840", "#5694ca", "#912b88", "#28a197")
DASHES = ("", "6 3", "2 3", "8 3 2 3")
SHAPES = ("circle", "square", "triangle", "diamond")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Escaped for the markup, without the control characters SVG (XML) cannot hold."""
    return html_escape(_NOT_XML.sub("", text))


def _id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text) or "chart"


def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _open(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    ident = _id(chart_id)
    return [
        f'<svg class="pinspect-chart" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'focusable="false" font-size="14" data-chart="{escape(chart_id)}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 0) -> str:
    font = f' font-size="{size}"' if size else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{INK}"{font}>'
        f"{escape(text)}</text>"
    )


def _bar_chart(chart: BarChart, chart_id: str) -> str:
    width, left, right, top, step, thickness = 640, chart.label_width, 80, 34, 30, 18
    plot = width - left - right
    key = 24 if chart.target_label else 0
    height = top + step * len(chart.bars) + 30 + key
    bottom = top + step * len(chart.bars)

    def x(value: float) -> float:
        return left + plot * max(0.0, min(value, chart.maximum)) / chart.maximum

    parts = _open(chart_id, width, height, chart.title, chart.description)
    parts.append(
        f'<rect x="{left}" y="{top - 4}" width="{plot}" height="{bottom - top + 4}" '
        f'fill="{TRACK}"/>'
    )
    for index, bar in enumerate(chart.bars):
        y = top + index * step
        parts.append(_text(left - 8, y + 14, bar.label, anchor="end"))
        if bar.value is None:
            parts.append(_text(left + 6, y + 14, bar.note or "No figure", size=12))
            continue
        parts.append(
            f'<rect x="{left}" y="{y}" width="{_n(x(bar.value) - left)}" height="{thickness}" '
            f'fill="{BAR}"/>'
        )
        if bar.interval is not None:
            low, high = x(bar.interval[0]), x(bar.interval[1])
            middle = y + thickness / 2
            parts.append(
                f'<path d="M{_n(low)} {_n(middle - 5)}v10M{_n(low)} {_n(middle)}H{_n(high)}'
                f'M{_n(high)} {_n(middle - 5)}v10" stroke="{INK}" stroke-width="1.5" fill="none"/>'
            )
        if bar.target is not None:
            parts.append(_target(x(bar.target), y, thickness))
        parts.append(_text(x(chart.maximum) + 8, y + 14, chart.value_text(bar.value)))
    for line in chart.reference_lines:
        at = x(line.value)
        parts.append(
            f'<line x1="{_n(at)}" y1="{top - 8}" x2="{_n(at)}" y2="{bottom}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        parts.append(_text(at, top - 12, line.label, anchor="middle", size=12))
    parts.append(
        f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{bottom}" stroke="{INK}" '
        'stroke-width="1"/>'
    )
    parts.append(_text(left, bottom + 20, chart.value_text(0.0), anchor="middle", size=12))
    parts.append(
        _text(
            x(chart.maximum), bottom + 20, chart.value_text(chart.maximum), anchor="middle", size=12
        )
    )
    if chart.target_label:
        parts.append(
            f'<rect x="{left}" y="{bottom + 34}" width="18" height="{thickness / 2}" fill="{BAR}"/>'
        )
        parts.append(_text(left + 24, bottom + 44, chart.value_heading, size=12))
        parts.append(_target(left + 200, bottom + 34, thickness // 2))
        parts.append(_text(left + 210, bottom + 44, chart.target_label, size=12))
    parts.append("</svg>")
    return "\n".join(parts)


def _target(at: float, y: float, thickness: int) -> str:
    """A mark across a bar: a black line with a small diamond on top."""
    return (
        f'<path d="M{_n(at)} {_n(y - 3)}V{_n(y + thickness + 3)}M{_n(at - 4)} {_n(y - 3)}'
        f'L{_n(at)} {_n(y - 7)}L{_n(at + 4)} {_n(y - 3)}L{_n(at)} {_n(y + 1)}Z" '
        f'stroke="{INK}" stroke-width="2" fill="{INK}"/>'
    )


def _marker(shape: str, cx: float, cy: float, colour: str, marker: Marker) -> str:
    fill = "#ffffff" if marker is Marker.HOLLOW else colour
    common = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    if shape == "circle":
        return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="5" {common}/>'
    if shape == "square":
        return f'<rect x="{_n(cx - 4.5)}" y="{_n(cy - 4.5)}" width="9" height="9" {common}/>'
    if shape == "triangle":
        return (
            f'<path d="M{_n(cx)} {_n(cy - 6)}L{_n(cx + 6)} {_n(cy + 4.5)}H{_n(cx - 6)}Z" {common}/>'
        )
    return (
        f'<path d="M{_n(cx)} {_n(cy - 6)}L{_n(cx + 6)} {_n(cy)}L{_n(cx)} {_n(cy + 6)}'
        f'L{_n(cx - 6)} {_n(cy)}Z" {common}/>'
    )


def _segments(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if len(run) > 1]


def _line_chart(chart: LineChart, chart_id: str) -> str:
    width, left, right, top, plot_height = 640, 170, 30, 16, 200
    legend_top = top + plot_height + 48
    height = legend_top + 22 * len(chart.series) + 4
    plot = width - left - right
    count = len(chart.positions)
    span = chart.maximum - chart.minimum or 1.0

    def x(index: int) -> float:
        return left + plot / 2 if count == 1 else left + 20 + (plot - 40) * index / (count - 1)

    def y(value: float) -> float:
        clamped = max(chart.minimum, min(value, chart.maximum))
        return top + plot_height * (1 - (clamped - chart.minimum) / span)

    parts = _open(chart_id, width, height, chart.title, chart.description)
    parts.append(
        f'<rect x="{left}" y="{top}" width="{plot}" height="{plot_height}" fill="{TRACK}"/>'
    )
    for tick in chart.ticks:
        at = y(tick.value)
        parts.append(
            f'<line x1="{left}" y1="{_n(at)}" x2="{left + plot}" y2="{_n(at)}" stroke="{GRID}" '
            'stroke-width="1"/>'
        )
        parts.append(_text(left - 8, at + 5, tick.label, anchor="end", size=12))
    for line in chart.reference_lines:
        at = y(line.value)
        parts.append(
            f'<line x1="{left}" y1="{_n(at)}" x2="{left + plot}" y2="{_n(at)}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        parts.append(_text(left - 8, at + 5, line.label, anchor="end", size=12))
    for index, position in enumerate(chart.axis_labels or chart.positions):
        parts.append(_text(x(index), top + plot_height + 22, position, anchor="middle", size=12))
    for number, series in enumerate(chart.series):
        shift = (number - (len(chart.series) - 1) / 2) * 4 if chart.spread else 0.0
        parts.extend(_series(series, number, _shifted(x, shift), y))
        legend_y = legend_top + 22 * number
        colour, dash, shape = _look(number)
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{left}" y1="{legend_y}" x2="{left + 36}" y2="{legend_y}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attribute}/>'
        )
        parts.append(_marker(shape, left + 18, legend_y, colour, Marker.FILLED))
        parts.append(_text(left + 46, legend_y + 5, series.name, size=13))
    parts.append("</svg>")
    return "\n".join(parts)


def _shifted(x: Callable[[int], float], shift: float) -> Callable[[int], float]:
    def at(index: int) -> float:
        return x(index) + shift

    return at


def _look(number: int) -> tuple[str, str, str]:
    return (
        PALETTE[number % len(PALETTE)],
        DASHES[number % len(DASHES)],
        SHAPES[number % len(SHAPES)],
    )


def _series(
    series: Series,
    number: int,
    x: Callable[[int], float],
    y: Callable[[float], float],
) -> list[str]:
    colour, dash, shape = _look(number)
    points = [None if v is None else (x(i), y(v)) for i, v in enumerate(series.values)]
    parts = []
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    for run in _segments(points):
        path = "M" + "L".join(f"{_n(px)} {_n(py)}" for px, py in run)
        parts.append(
            f'<path d="{path}" stroke="{colour}" stroke-width="2.5" fill="none"{dash_attribute}/>'
        )
    for index, point in enumerate(points):
        if point is not None:
            parts.append(_marker(shape, point[0], point[1], colour, series.marker(index)))
    return parts


def _inline_bar(bar: InlineBar) -> str:
    """The small bar of the report's tables (200 units = 100%), band lines at 50/65/80%."""
    if bar.percent is None:
        return ""
    text = escape(f"{bar.label}: {bar.percent:.1f}%")
    lines = [
        f'<svg class="bar" viewBox="0 0 200 16" width="160" height="16" role="img" '
        f'aria-label="{text}" focusable="false">',
        f"<title>{text}</title>",
        f'<rect x="0" y="2" width="200" height="12" fill="{TRACK}"/>',
        f'<rect x="0" y="2" width="{bar.percent * 2:.1f}" height="12" fill="{BAR}"/>',
    ]
    if bar.ticks:
        lines.extend(
            f'<line x1="{int(line.value * 2)}" y1="0" x2="{int(line.value * 2)}" y2="16" '
            f'stroke="{INK}" stroke-width="1"/>'
            for line in band_lines()
        )
    lines.append("</svg>")
    return "\n".join(lines)


def _stacked_bar_chart(chart: StackedBarChart, chart_id: str) -> str:
    width, left, right, top, step, thickness = 640, chart.label_width, 60, 10, 30, 20
    plot = width - left - right
    bottom = top + step * len(chart.bars)
    height = bottom + 20 + 22 * ((len(chart.segments) + 2) // 3) + 6
    scale = plot / chart.maximum
    parts = _open(chart_id, width, height, chart.title, chart.description)
    for index, bar in enumerate(chart.bars):
        y = top + index * step
        parts.append(_text(left - 8, y + 15, bar.label, anchor="end"))
        x = float(left)
        for segment, count in zip(chart.segments, bar.counts, strict=True):
            if count <= 0:
                continue
            length = count * scale
            parts.append(
                f'<rect x="{_n(x)}" y="{y}" width="{_n(length)}" height="{thickness}" '
                f'fill="{segment.colour}"/>'
            )
            if length >= 9 * len(str(count)) + 6:
                parts.append(
                    f'<text x="{_n(x + length / 2)}" y="{y + 15}" text-anchor="middle" '
                    f'fill="{segment.text_colour}" font-size="12">{count}</text>'
                )
            x += length
        parts.append(_text(x + 6, y + 15, str(bar.total), size=12))
    parts.append(
        f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{bottom}" stroke="{INK}" '
        'stroke-width="1"/>'
    )
    for number, segment in enumerate(chart.segments):
        kx = left + (number % 3) * 150
        ky = bottom + 14 + 22 * (number // 3)
        parts.append(
            f'<rect x="{kx}" y="{ky}" width="14" height="14" fill="{segment.colour}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
        )
        parts.append(_text(kx + 20, ky + 12, segment.name, size=12))
    parts.append("</svg>")
    return "\n".join(parts)


def render_svg(
    chart: BarChart | LineChart | StackedBarChart | InlineBar, chart_id: str = "chart"
) -> str:
    """The chart as one ``<svg>`` element; ``chart_id`` must be unique on the page (it names
    the title and description the chart is labelled by)."""
    if isinstance(chart, InlineBar):
        return _inline_bar(chart)
    if isinstance(chart, BarChart):
        return _bar_chart(chart, chart_id)
    if isinstance(chart, StackedBarChart):
        return _stacked_bar_chart(chart, chart_id)
    return _line_chart(chart, chart_id)
