"""The interactive floor plan: every booth of one hall drawn to scale, as a Plotly figure.

How it is drawn, and why:

- Booths are filled rectangles in data units (metres), not markers. A marker's size is in pixels,
  so square markers are only to scale at one zoom level and one window width; filled polygons stay
  exact at every zoom. Each colour group (a province, a category or a status) is ONE ``go.Scatter``
  trace with ``fill="toself"`` whose rectangles are separated by ``None``: a hall of 1,120 booths
  is a few dozen traces of at most ~6,000 vertices, which SVG draws in milliseconds, and each
  group is one legend entry that can be clicked to hide it.
- Clicks, box/lasso selection and hover go to one more trace: an invisible marker at every booth's
  centre with ``customdata`` = booth_id (and the booth id as text when the hall is small enough to
  read it). Streamlit's selection state then names booths directly. SVG ``go.Scatter`` rather than
  ``Scattergl``: a hall is at most a few thousand points, and SVG needs no WebGL context, which
  headless and remote-desktop browsers often lack.
- Blocked booths are grey with a hatch pattern; locked booths carry a black diamond in their
  corner; selected booths get a thick black outline. Layout shapes are used for walls and aisles
  only, never for booths (shapes cannot be clicked or selected).
- Colours are colour-blind safe: Okabe-Ito for categories (the same colours as the coverage
  charts), Paul Tol's "muted" scheme for provinces (38 provinces cannot all differ, so colours
  repeat; the legend, hover and labels tell them apart), and for status free is white, assigned
  sky blue, locked dark blue, blocked hatched grey (light to dark, readable in greyscale too).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from booth_planner.charts.coverage import category_colors
from booth_planner.core import regions
from booth_planner.core.i18n import format_decimal, format_rupiah, t
from booth_planner.core.model import Applicant, Booth, EventState
from booth_planner.core.plain_text import chart_text

COLOR_MODES = ("province", "category", "status")
FREE, ASSIGNED, LOCKED, BLOCKED = "free", "assigned", "locked", "blocked"
STATUSES = (FREE, ASSIGNED, LOCKED, BLOCKED)
STATUS_COLORS = {FREE: "#FFFFFF", ASSIGNED: "#56B4E9", LOCKED: "#0072B2", BLOCKED: "#BBBBBB"}
TOL_MUTED = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99",
             "#999933", "#AA4499")
OUTLINE = "#6E6E6E"
SELECTED_OUTLINE = "#000000"
# Booth ids are drawn on the plan for halls up to this many booths; beyond it they crowd out.
LABEL_LIMIT = 150
# Trace ``meta`` tags the browser tests use to find a trace in any language (Plotly leaves
# ``uid`` out of its JSON, so ``meta`` carries them).
CLICK_META, SELECTED_META, LOCKED_META = "booths", "selected", "locked"
# The plot's width in a wide layout next to the booth panel: what the height is worked out for.
_PLOT_WIDTH_PX = 860
_LEGEND_PER_ROW = 5
# A legend entry is as wide as its longest label needs (swatch and gap included), so a long
# province name ("Daerah Istimewa Yogyakarta") never runs into the next swatch.
_LEGEND_CHAR_PX = 6.6
_LEGEND_SWATCH_PX = 46
ZONE_META_PREFIX = "zone:"
# Streamlit's own font, so the plan reads like the page around it (the chart is drawn without
# Streamlit's theme, which re-parses the whole figure in the browser on every click).
FONT = '"Source Sans", "Source Sans Pro", "Source Sans 3", sans-serif'


@dataclass(frozen=True)
class BoothView:
    """One booth as the plan shows it: its status, holder and colour group."""

    booth: Booth
    status: str
    applicant: Applicant | None
    group: str


def booth_status(booth: Booth, applicant_id: str | None, locked: bool) -> str:
    """free, assigned, locked or blocked."""
    if booth.is_blocked:
        return BLOCKED
    if applicant_id is None:
        return FREE
    return LOCKED if locked else ASSIGNED


def province_code(applicant: Applicant) -> str:
    """The province of an applicant's region (a province applicant is its own province)."""
    return applicant.region_code.split(".")[0]


def _group(status: str, applicant: Applicant | None, booth: Booth, color_by: str) -> str:
    """The colour group key of a booth: a status, ``p:<code>``, ``c:<category>`` or ``z:<zone>``."""
    if color_by == "status" or status == BLOCKED:
        return status
    if applicant is None:
        return f"z:{booth.zone.strip().casefold()}" if color_by == "category" and booth.zone \
            else FREE
    if color_by == "province":
        return f"p:{province_code(applicant)}"
    return f"c:{applicant.category.strip().casefold()}"


def booth_views(state: EventState, hall: str, color_by: str = "province") -> list[BoothView]:
    """The hall's booths with status, holder and colour group, in the event's booth order."""
    if color_by not in COLOR_MODES:
        raise ValueError(f"color_by must be one of {COLOR_MODES}, not {color_by!r}")
    held = state.assignment_by_booth()
    applicants = state.applicant_by_id()
    views = []
    for booth in state.booths:
        if booth.hall != hall:
            continue
        assignment = held.get(booth.booth_id)
        applicant = applicants.get(assignment.applicant_id) if assignment else None
        status = booth_status(booth, assignment.applicant_id if assignment else None,
                              bool(assignment and assignment.locked))
        views.append(BoothView(booth, status, applicant, _group(status, applicant, booth,
                                                                color_by)))
    return views


def province_colors(codes: Iterable[str]) -> dict[str, str]:
    """A stable colour per province code: codes in sorted order take the palette in turn."""
    return {c: TOL_MUTED[i % len(TOL_MUTED)] for i, c in enumerate(sorted(set(codes)))}


def _translucent(color: str, alpha: float = 0.35) -> str:
    """``#RRGGBB`` as an rgba() with ``alpha``: a zone's tint on booths still free."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def group_styles(state: EventState, groups: Iterable[str], lang: str = "id"
                 ) -> dict[str, tuple[str, str]]:
    """Legend label and fill colour per colour group, in legend order."""
    categories = {a.category.strip().casefold() for a in state.applicants}
    categories |= {b.zone.strip().casefold() for b in state.booths if b.zone}
    cat_colors = category_colors(categories)
    prov_colors = province_colors(province_code(a) for a in state.applicants)
    styles: dict[str, tuple[str, str]] = {}
    for group in _legend_order(groups):
        kind, _, value = group.partition(":")
        if group in STATUSES:
            styles[group] = (t(f"floor.status.{group}", lang), STATUS_COLORS[group])
        elif kind == "p":
            styles[group] = (_region_name(value), prov_colors.get(value, TOL_MUTED[0]))
        elif kind == "c":
            styles[group] = (_html(value), cat_colors[value])
        else:
            styles[group] = (t("floor.legend.zone_free", lang, zone=_html(value)),
                             _translucent(cat_colors[value]))
    return styles


def _legend_order(groups: Iterable[str]) -> list[str]:
    """Provinces by code, categories and zones by name, then free and blocked last."""
    unique = set(groups)
    rank = {ASSIGNED: 0, LOCKED: 1, FREE: 3, BLOCKED: 4}
    return sorted(unique, key=lambda g: (rank.get(g, 2 if g.startswith("z:") else 0), g))


def text_color(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""
    if fill.startswith("rgba"):
        return "#000000"
    channels = []
    for i in (1, 3, 5):
        c = int(fill[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return "#000000" if luminance > 0.179 else "#FFFFFF"


def hover_text(view: BoothView, lang: str = "id") -> str:
    """What hovering a booth shows: booth, status, exhibitor, region, category, product, price."""
    booth = view.booth
    lines = [f"<b>{_html(booth.booth_id)}</b> · {_html(booth.hall)} · "
             f"{t(f'floor.status.{view.status}', lang)}",
             f"{t('floor.hover.size', lang)}: {format_decimal(booth.width_m, lang)} × {format_decimal(booth.depth_m, lang)} m · "
             f"{t(f'floor.type.{booth.booth_type}', lang)}"]
    if booth.zone:
        lines.append(f"{t('floor.hover.zone', lang)}: {_html(booth.zone)}")
    if booth.price_idr is not None:
        lines.append(f"{t('floor.hover.price', lang)}: {format_rupiah(booth.price_idr)}")
    applicant = view.applicant
    if applicant is not None:
        lines.append(f"{t('floor.hover.exhibitor', lang)}: {_html(applicant.name)}")
        lines.append(f"{t('floor.hover.region', lang)}: {regions.place_label(applicant.region_code)}")
        lines.append(f"{t('floor.hover.category', lang)}: {_html(applicant.category)}")
        if applicant.product:
            lines.append(f"{t('floor.hover.product', lang)}: {_html(applicant.product)}")
    return "<br>".join(lines)


def _html(text: str) -> str:
    """Plain text safe inside Plotly's HTML-like hover labels."""
    return chart_text(text)


def _region_name(code: str) -> str:
    """A region's official name, or its code when the reference does not know it."""
    try:
        return regions.region(code).name
    except KeyError:
        return code


def _rectangles(booths: Sequence[Booth], inset: float = 0.0) -> tuple[list, list, list]:
    """Closed rectangles of ``booths`` (``inset`` metres inside their edges) joined by None
    gaps, with each vertex's booth id."""
    xs: list = []
    ys: list = []
    ids: list = []
    for b in booths:
        x0, y0 = b.x + inset, b.y + inset
        x1, y1 = b.x + b.width_m - inset, b.y + b.depth_m - inset
        xs += [x0, x1, x1, x0, x0, None]
        ys += [y0, y0, y1, y1, y0, None]
        ids += [b.booth_id] * 5 + [None]
    return xs, ys, ids


def hall_bounds(booths: Sequence[Booth]) -> tuple[float, float, float, float]:
    """The smallest box holding every booth: x0, y0, x1, y1 in metres."""
    return (min(b.x for b in booths), min(b.y for b in booths),
            max(b.x + b.width_m for b in booths), max(b.y + b.depth_m for b in booths))


def aisles(booths: Sequence[Booth]) -> list[tuple[float, float]]:
    """Horizontal aisles: the y ranges crossing the whole hall where no booth stands."""
    spans = sorted((b.y, b.y + b.depth_m) for b in booths)
    gaps = []
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start > reach + 1e-9:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def legend_entry_px(names: Sequence[str]) -> int:
    """The width in pixels a legend entry needs for the longest of ``names``."""
    return round(_LEGEND_SWATCH_PX + _LEGEND_CHAR_PX * max((len(n) for n in names), default=0))


def zone_groups(views: Sequence[BoothView]) -> dict[str, list[Booth]]:
    """The hall's zoned booths by zone (case-folded), zones sorted by name."""
    zones: dict[str, list[Booth]] = {}
    for view in views:
        if view.booth.zone:
            zones.setdefault(view.booth.zone.strip().casefold(), []).append(view.booth)
    return dict(sorted(zones.items()))


def _zone_outlines(figure: go.Figure, state: EventState, views: Sequence[BoothView],
                   color_by: str, lang: str) -> list[str]:
    """A dashed outline in the zone's category colour around every zoned booth, one legend
    entry per zone, whatever the colouring: a zone is visible on the plan, held or free.

    Returns the legend names it added.
    """
    zones = zone_groups(views)
    if not zones:
        return []
    categories = {a.category.strip().casefold() for a in state.applicants} | set(zones)
    colors = category_colors(categories)
    names = []
    for zone, booths in zones.items():
        xs, ys, ids = _rectangles(booths, inset=0.18)
        name = t("floor.legend.zone", lang, zone=_html(zone))
        figure.add_trace(go.Scatter(
            x=xs, y=ys, customdata=ids, mode="lines", name=name, hoverinfo="skip",
            line=dict(color=colors[zone], width=2.5, dash="dot"),
            meta=f"{ZONE_META_PREFIX}{zone}", legendgroup=f"zone:{zone}",
        ))
        names.append(name)
    return names


def _shapes(booths: Sequence[Booth], lang: str) -> tuple[list[dict], list[dict]]:
    """The hall's wall and aisles as layout shapes, with the aisles' labels."""
    x0, y0, x1, y1 = hall_bounds(booths)
    pad = 1.5
    shapes = [dict(type="rect", x0=x0 - pad, y0=y0 - pad, x1=x1 + pad, y1=y1 + pad,
                   line=dict(color="#444444", width=2), fillcolor="rgba(0,0,0,0)",
                   layer="below")]
    notes = []
    for top, bottom in aisles(booths):
        shapes.append(dict(type="rect", x0=x0 - pad, x1=x1 + pad, y0=top, y1=bottom,
                           line=dict(width=0), fillcolor="#F4F4F4", layer="below"))
        notes.append(dict(x=x0 - pad / 2, y=(top + bottom) / 2, text=t("floor.aisle", lang),
                          showarrow=False, xanchor="left", font=dict(size=9, color="#888888")))
    return shapes, notes


def floor_plan_figure(
    state: EventState, hall: str, color_by: str = "province", lang: str = "id",
    selected: Iterable[str] = (), show_labels: bool | None = None,
) -> go.Figure:
    """The hall's booths to scale, coloured by province, category or status, with a legend.

    ``selected`` booths get a thick outline. Booth ids are written on the booths when
    ``show_labels`` is True, or by default when the hall has at most ``LABEL_LIMIT`` booths.
    """
    return with_selection(plan_figure(state, hall, color_by, lang, show_labels), state, hall,
                          selected, lang)


def plan_figure(state: EventState, hall: str, color_by: str = "province", lang: str = "id",
                show_labels: bool | None = None) -> go.Figure:
    """The plan with nothing selected: what stays the same from one click to the next.

    Building it (Plotly validates every property) is most of a click's work, so the app makes
    it once per version of the event and adds each click's selection with ``with_selection``.
    """
    views = booth_views(state, hall, color_by)
    figure = go.Figure()
    if not views:
        figure.add_annotation(text=t("floor.empty_hall", lang, hall=_html(hall)), showarrow=False,
                              xref="paper", yref="paper", x=0.5, y=0.5)
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        return figure
    by_group: dict[str, list[Booth]] = {}
    for view in views:
        by_group.setdefault(view.group, []).append(view.booth)
    styles = group_styles(state, by_group, lang)
    for group, (label, fill) in styles.items():
        xs, ys, ids = _rectangles(by_group[group])
        figure.add_trace(go.Scatter(
            x=xs, y=ys, customdata=ids, mode="lines", fill="toself", fillcolor=fill,
            line=dict(color=OUTLINE, width=1), name=label, legendgroup=group, meta=f"g:{group}",
            hoverinfo="skip",
            fillpattern=dict(shape="/", fgcolor="#6E6E6E", bgcolor=fill, size=6)
            if group == BLOCKED else None,
        ))
    _zone_outlines(figure, state, views, color_by, lang)
    locked = [v.booth for v in views if v.status == LOCKED]
    if locked:
        figure.add_trace(go.Scatter(
            x=[b.x + min(0.45, b.width_m / 5) for b in locked],
            y=[b.y + min(0.45, b.depth_m / 5) for b in locked], mode="markers",
            marker=dict(symbol="diamond", size=8, color="#000000",
                        line=dict(color="#FFFFFF", width=1)),
            name=t("floor.legend.locked", lang), meta=LOCKED_META, hoverinfo="skip",
            # Coloured by status, the "locked" colour's own entry already says it.
            showlegend=color_by != "status", legendgroup=LOCKED if color_by == "status" else None,
        ))
    labels = (len(views) <= LABEL_LIMIT) if show_labels is None else show_labels
    fills = {g: style[1] for g, style in styles.items()}
    figure.add_trace(go.Scatter(
        x=[v.booth.x + v.booth.width_m / 2 for v in views],
        y=[v.booth.y + v.booth.depth_m / 2 for v in views],
        customdata=[v.booth.booth_id for v in views],
        text=[v.booth.booth_id for v in views] if labels else None,
        hovertext=[hover_text(v, lang) for v in views],
        hovertemplate="%{hovertext}<extra></extra>",
        mode="markers+text" if labels else "markers",
        textfont=dict(size=9, color=[text_color(fills[v.group]) for v in views]),
        marker=dict(size=22, color="rgba(0,0,0,0)", symbol="square"),
        selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0)),
        showlegend=False, name=t("floor.legend.booths", lang), meta=CLICK_META,
    ))
    booths = [v.booth for v in views]
    shapes, notes = _shapes(booths, lang)
    x0, y0, x1, y1 = hall_bounds(booths)
    figure.update_layout(
        shapes=shapes, annotations=notes, hovermode="closest", template="simple_white",
        font=dict(family=FONT, size=12), hoverlabel=dict(font=dict(family=FONT)),
        margin=dict(l=10, r=10, t=10, b=10),
        legend=dict(title=dict(text=t(f"floor.color_by.{color_by}", lang), side="top"),
                    orientation="h", yanchor="top", y=-0.06, xanchor="left", x=0,
                    font=dict(size=11), itemclick="toggle", itemdoubleclick="toggleothers"),
        **_legend_size(_legend_names(figure.to_dict()["data"]), booths),
    )
    figure.update_xaxes(range=[x0 - 2.5, x1 + 2.5], showgrid=False, zeroline=False,
                        ticksuffix=" m", constrain="domain", automargin=True, showline=False)
    figure.update_yaxes(range=[y1 + 2.5, y0 - 2.5], showgrid=False, zeroline=False,
                        ticksuffix=" m", scaleanchor="x", scaleratio=1, constrain="domain",
                        automargin=True, showline=False)
    return figure


def _legend_names(traces: Sequence[dict]) -> list[str]:
    """The legend's entries, in order: every named trace not kept out of the legend."""
    return [trace["name"] for trace in traces
            if trace.get("name") and trace.get("showlegend", True)]


def _legend_size(names: Sequence[str], booths: Sequence[Booth]) -> dict:
    """The figure's height and the legend's entry width for these legend entries."""
    entry_px = legend_entry_px(names)
    per_row = max(1, min(_LEGEND_PER_ROW, _PLOT_WIDTH_PX // entry_px))
    legend_rows = -(-len(names) // per_row)
    x0, y0, x1, y1 = hall_bounds(booths)
    plot_height = round(_PLOT_WIDTH_PX * (y1 - y0 + 5) / (x1 - x0 + 5))
    return {"height": min(1100, max(300, plot_height)) + 40 + 24 * legend_rows,
            "legend_entrywidth": entry_px, "legend_entrywidthmode": "pixels"}


def with_selection(plan: go.Figure, state: EventState, hall: str, selected: Iterable[str],
                   lang: str = "id") -> go.Figure:
    """A new figure: ``plan`` (from ``plan_figure``, left unchanged) with the selected booths
    of ``hall`` outlined; the outline goes just under the click layer and into the legend."""
    spec = plan.to_dict()  # a deep copy: a plan shared by many sessions is never changed
    chosen = set(selected)
    booths = [b for b in state.booths if b.hall == hall]
    picked = [b for b in booths if b.booth_id in chosen]
    if picked:
        xs, ys, ids = _rectangles(picked)
        outline = go.Scatter(
            x=xs, y=ys, customdata=ids, mode="lines",
            line=dict(color=SELECTED_OUTLINE, width=4), name=t("floor.legend.selected", lang),
            meta=SELECTED_META, hoverinfo="skip",
        ).to_plotly_json()
        spec["data"].insert(len(spec["data"]) - 1, outline)
        size = _legend_size(_legend_names(spec["data"]), booths)
        spec["layout"]["height"] = size["height"]
        spec["layout"]["legend"]["entrywidth"] = size["legend_entrywidth"]
    # Every part was validated when it was built: checking 1,000 booths again per click is
    # what made a click slow.
    return go.Figure(spec, _validate=False)
