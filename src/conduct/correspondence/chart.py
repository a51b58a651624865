"""A weekly-contacts bar chart as server-rendered SVG (no JavaScript, CSP-safe).

Returns plain data for the template: bars and reference lines with coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 240, 40, 30, 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class Line:
    y: float
    label: str
    value: float
    css: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    lines: list[Line]
    axis_y: float
    max_value: float
    ticks: list[tuple[float, str]]


def weekly_chart(
    weeks: Sequence[tuple[date, int]], references: Sequence[tuple[str, float, str]]
) -> Chart:
    """``weeks``: (week start, count); ``references``: (label, value, css class)."""
    top = max([c for _, c in weeks] + [v for _, v, _ in references] + [1])
    plot_h = HEIGHT - BOTTOM - TOP
    plot_w = WIDTH - LEFT - 10
    step = plot_w / max(len(weeks), 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - plot_h * value / top, 1)

    bars = [
        Bar(
            x=round(LEFT + i * step + step * 0.1, 1),
            y=y(count),
            width=round(step * 0.8, 1),
            height=round(plot_h * count / top, 1),
            label=start.strftime("%d %b"),
            value=count,
        )
        for i, (start, count) in enumerate(weeks)
    ]
    lines = [Line(y(value), label, round(value, 1), css) for label, value, css in references]
    every = max(1, len(weeks) // 8)
    ticks = [(round(b.x + b.width / 2, 1), b.label) for i, b in enumerate(bars) if i % every == 0]
    return Chart(WIDTH, HEIGHT, bars, lines, TOP + plot_h, round(top, 1), ticks)
