"""A hall's plan as a small SVG, with the visitor's booth highlighted.

The same drawing serves the app's visitor page and the static export, oriented like the
organizers' floor plan (y grows upwards). Every text in it is escaped: booth ids and hall
names come from imported files.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from booth_planner.directory.entries import HallPlan

MARGIN_M = 1.0
FREE, ASSIGNED, BLOCKED = "#ffffff", "#d9e4f2", "#9e9e9e"
HIGHLIGHT = "#e4572e"


def _fmt(value: float) -> str:
    """A coordinate with at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def plan_svg(hall: HallPlan, highlight: Iterable[str] = (), *, title: str = "") -> str:
    """The hall's booths as an SVG document; booths in ``highlight`` drawn in colour."""
    wanted = set(highlight)
    min_x, min_y, max_x, max_y = hall.bounds()
    width, height = max_x - min_x + 2 * MARGIN_M, max_y - min_y + 2 * MARGIN_M
    stroke = _fmt(max(width, height) / 400)

    def top(booth_y: float, depth: float) -> float:
        return max_y - (booth_y + depth) + MARGIN_M

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        f'role="img" aria-label={quoteattr(title or hall.name)} '
        'preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title or hall.name)}</title>",
        f'<rect x="0" y="0" width="{_fmt(width)}" height="{_fmt(height)}" fill="#f4f4f4"/>',
    ]
    marked = []
    for booth in hall.booths:
        fill = BLOCKED if booth.blocked else ASSIGNED if booth.assigned else FREE
        rect = (f'x="{_fmt(booth.x - min_x + MARGIN_M)}" y="{_fmt(top(booth.y, booth.depth_m))}" '
                f'width="{_fmt(booth.width_m)}" height="{_fmt(booth.depth_m)}"')
        if booth.booth_id in wanted:
            marked.append((booth, rect))
            continue
        parts.append(f'<rect {rect} fill="{fill}" stroke="#777" stroke-width="{stroke}" '
                     f'data-booth={quoteattr(booth.booth_id)}/>')
    for booth, rect in marked:  # drawn last, so no neighbour covers the outline
        parts.append(f'<rect {rect} fill="{HIGHLIGHT}" stroke="#7a1f05" '
                     f'stroke-width="{_fmt(float(stroke) * 4)}" data-booth={quoteattr(booth.booth_id)} '
                     'data-highlight="true"/>')
    for booth, _rect in marked[:1]:
        size = max(min(width, height) / 14, 1.2)
        x = booth.x - min_x + MARGIN_M + booth.width_m / 2
        y = max(top(booth.y, booth.depth_m) - size * 0.4, size)
        parts.append(f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{_fmt(size)}" '
                     'font-family="sans-serif" font-weight="bold" text-anchor="middle" '
                     f'fill="#7a1f05" stroke="#fff" stroke-width="{_fmt(size / 8)}" '
                     f'paint-order="stroke">{escape(booth.booth_id)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def booth_box(hall: HallPlan, booth_id: str) -> tuple[float, float, float, float] | None:
    """Where a booth sits on ``plan_svg``'s drawing, as fractions (left, top, width, height)."""
    booth = hall.booth(booth_id)
    if booth is None:
        return None
    min_x, min_y, max_x, max_y = hall.bounds()
    width, height = max_x - min_x + 2 * MARGIN_M, max_y - min_y + 2 * MARGIN_M
    top = max_y - (booth.y + booth.depth_m) + MARGIN_M
    return ((booth.x - min_x + MARGIN_M) / width, top / height, booth.width_m / width,
            booth.depth_m / height)
