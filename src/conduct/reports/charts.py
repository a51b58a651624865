"""Bar charts as inline SVG, drawn on the server: no script, no style attributes.

Every bar carries its number as text, so nothing is told by colour or length
alone, and the same figures are in the table shown beside the chart.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 250
BAR_SPACE = 300
ROW = 26
BAR = 18


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, float]]) -> SafeString:
    """A horizontal bar chart of ``bars`` (label, value), or an empty string for no data."""
    if not bars:
        return mark_safe("")
    top = max(value for _, value in bars) or 1.0
    height = ROW * len(bars) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="sans-serif" font-size="13">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for index, (label, value) in enumerate(bars):
        y = 4 + index * ROW
        length = max(0.0, value) / top * BAR_SPACE
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 4}" text-anchor="end" fill="#0b0c0c">'
            f"{escape(short)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR}" fill="#1d4f91"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR - 4}" fill="#0b0c0c">'
            f"{_number(value)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
