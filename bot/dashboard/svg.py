"""Small, dependency-free SVG chart renderers (pure functions: data in, markup out).

Every chart is an accessible image: `role="img"` with `aria-labelledby` pointing at its
<title> and <desc>, and every bar or point has its own <title> so screen readers and hover
show the exact number. Colours are the Okabe-Ito palette, readable with colour blindness.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
)
WIDTH = 720
HEIGHT = 340
MARGIN_LEFT = 60
MARGIN_RIGHT = 20
MARGIN_TOP = 16
MARGIN_BOTTOM = 78
FONT = 'font-family="IBM Plex Sans, system-ui, sans-serif" font-size="13"'

Formatter = Callable[[float], str]


def plain_number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    color: str = ""


def _colored(series: Sequence[Series]) -> list[Series]:
    return [
        s if s.color else Series(s.name, s.values, PALETTE[i % len(PALETTE)])
        for i, s in enumerate(series)
    ]


def nice_axis(top: float, *, whole: bool = False) -> tuple[float, float]:
    """An axis maximum and tick step that read well (1, 2 or 5 times a power of ten).

    `whole` is for counts: a step below 1 would label ticks with fractions of a person.
    """
    if top <= 0:
        return 1.0, 1.0
    raw_step = top / 5
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step)
    if whole:
        step = max(1.0, step)
    return step * math.ceil(top / step - 1e-9), step


def tick_decimals(step: float) -> int:
    """Decimals that tell every tick apart: a step of 0,05 needs two ("0,1 / 0,1" otherwise)."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def tick_labels(top: float, *, whole: bool = False) -> list[tuple[float, str]]:
    """(value, Danish label) of every tick from 0 to the axis maximum, each label different."""
    axis_max, step = nice_axis(top, whole=whole)
    decimals = tick_decimals(step)
    return [(n * step, f"{n * step:.{decimals}f}".replace(".", ",") if n else "0")
            for n in range(round(axis_max / step) + 1)]


def _open(chart_id: str, title: str, description: str) -> list[str]:
    return [
        # No width or height: the page's CSS sizes the chart to its column, the viewBox keeps
        # the proportions. The page shows the title as a heading above it.
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart-svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _y_axis(top: float, y_label: str, *, whole: bool) -> list[str]:
    axis_max, _ = nice_axis(top, whole=whole)
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    parts = []
    for value, label in tick_labels(top, whole=whole):
        y = HEIGHT - MARGIN_BOTTOM - plot_h * value / axis_max
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#dcdcdc" />'
            f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
    parts.append(
        f'<text transform="translate(14 {MARGIN_TOP + plot_h / 2:.0f}) rotate(-90)" '
        f'text-anchor="middle">{escape(y_label)}</text>'
    )
    return parts


def _x_labels(labels: Sequence[str], slot: float) -> list[str]:
    every = max(1, math.ceil(len(labels) * 44 / (WIDTH - MARGIN_LEFT - MARGIN_RIGHT)))
    parts = []
    for i, label in enumerate(labels):
        if i % every:
            continue
        x = MARGIN_LEFT + slot * (i + 0.5)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 16}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    return parts


def _legend(series: Sequence[Series]) -> list[str]:
    parts = ['<g aria-hidden="true">']
    x, y = float(MARGIN_LEFT), HEIGHT - 30
    for s in series:
        width = 30 + 7.5 * len(s.name)
        if x + width > WIDTH - MARGIN_RIGHT:
            x, y = float(MARGIN_LEFT), y + 16
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{s.color}" />'
            f'<text x="{x + 16}" y="{y}">{escape(s.name)}</text>'
        )
        x += width
    parts.append("</g>")
    return parts


def stacked_bars(
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_label: str,
    fmt: Formatter = plain_number,
    whole: bool = True,
) -> str:
    """Vertical bars, one per x label, stacked by series (one series gives plain bars).

    `whole`: the values are counts, so the axis ticks are whole numbers.
    """
    colored = _colored(series)
    totals = [sum(s.values[i] for s in colored) for i in range(len(x_labels))]
    axis_max, _ = nice_axis(max(totals, default=0), whole=whole)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_w / max(1, len(x_labels))
    bar_w = max(1.0, slot * 0.75)
    parts = _open(chart_id, title, description)
    parts += _y_axis(max(totals, default=0), y_label, whole=whole)
    for i, label in enumerate(x_labels):
        base = float(HEIGHT - MARGIN_BOTTOM)
        x = MARGIN_LEFT + slot * i + (slot - bar_w) / 2
        for s in colored:
            value = s.values[i]
            if value <= 0:
                continue
            h = plot_h * value / axis_max
            base -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{s.color}">'
                f"<title>{escape(f'{label}, {s.name}: {fmt(value)}')}</title></rect>"
            )
    parts += _x_labels(x_labels, slot)
    if len(colored) > 1:
        parts += _legend(colored)
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    fmt: Formatter = plain_number,
    colors: Sequence[str] = (),
) -> str:
    """One labelled horizontal bar per category with its value written beside it."""
    label_w = 230
    plot_w = WIDTH - label_w - MARGIN_RIGHT - 70
    top = max(values, default=0) or 1
    row_h = min(34.0, (HEIGHT - MARGIN_TOP - 16) / max(1, len(labels)))
    parts = _open(chart_id, title, description)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = MARGIN_TOP + row_h * i
        w = plot_w * value / top
        color = colors[i] if i < len(colors) else PALETTE[0]
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row_h * 0.6:.1f}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + row_h * 0.15:.1f}" width="{w:.1f}" '
            f'height="{row_h * 0.7:.1f}" fill="{color}">'
            f"<title>{escape(f'{label}: {fmt(value)}')}</title></rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + row_h * 0.6:.1f}">{escape(fmt(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_label: str,
    fmt: Formatter = plain_number,
) -> str:
    """Lines with point markers; a None-like gap is written as NaN and breaks the line."""
    colored = _colored(series)
    finite = [v for s in colored for v in s.values if not math.isnan(v)]
    axis_max, _ = nice_axis(max(finite, default=0))
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_w / max(1, len(x_labels))
    parts = _open(chart_id, title, description)
    parts += _y_axis(max(finite, default=0), y_label, whole=False)
    for s in colored:
        segments: list[list[str]] = [[]]
        points = []
        for i, value in enumerate(s.values):
            if math.isnan(value):
                segments.append([])
                continue
            x = MARGIN_LEFT + slot * (i + 0.5)
            y = HEIGHT - MARGIN_BOTTOM - plot_h * value / axis_max
            segments[-1].append(f"{x:.1f},{y:.1f}")
            points.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{s.color}">'
                f"<title>{escape(f'{x_labels[i]}, {s.name}: {fmt(value)}')}</title></circle>"
            )
        for segment in segments:
            if len(segment) > 1:
                parts.append(
                    f"<polyline points={quoteattr(' '.join(segment))} fill=\"none\" "
                    f'stroke="{s.color}" stroke-width="2" />'
                )
        parts += points
    parts += _x_labels(x_labels, slot)
    parts += _legend(colored)
    parts.append("</svg>")
    return "".join(parts)
