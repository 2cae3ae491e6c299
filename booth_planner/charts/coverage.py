"""Coverage charts as Plotly figures, drawn from the tables of ``booth_planner.coverage``.

Colours are the Okabe-Ito palette, readable with the common colour-vision deficiencies; region
status also differs by marker shape on the map. Every figure works offline: the dot map uses plain
longitude/latitude axes unless a tile base map is asked for (which needs internet).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from booth_planner.core.i18n import t
from booth_planner.core.plain_text import chart_text
from booth_planner.coverage import ABSENT, APPLIED_UNPLACED, REPRESENTED

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000")
STATUS_COLORS = {REPRESENTED: "#009E73", APPLIED_UNPLACED: "#E69F00", ABSENT: "#B0B0B0"}
STATUS_SYMBOLS = {REPRESENTED: "circle", APPLIED_UNPLACED: "diamond", ABSENT: "circle-open"}
PROVINCE_SORTS = ("share", "represented", "name", "code")
# A horizontal legend above the plot area: never on an axis title or the data.
LEGEND_ON_TOP = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0}


def category_colors(categories: Iterable[str]) -> dict[str, str]:
    """A stable colour per category: categories in sorted order take the palette in turn."""
    return {c: OKABE_ITO[i % len(OKABE_ITO)] for i, c in enumerate(sorted(set(categories)))}


def _empty(lang: str) -> go.Figure:
    """A blank figure saying there is nothing to draw."""
    figure = go.Figure()
    figure.add_annotation(text=t("coverage.chart.empty", lang), showarrow=False,
                          xref="paper", yref="paper", x=0.5, y=0.5)
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


def sort_provinces(table: pd.DataFrame, sort: str = "share") -> pd.DataFrame:
    """Province-coverage rows sorted: best ``share`` represented, count, name or code first."""
    if sort not in PROVINCE_SORTS:
        raise ValueError(f"sort must be one of {PROVINCE_SORTS}, not {sort!r}")
    if sort == "code":
        return table.sort_values("province_code", ignore_index=True)
    if sort == "name":
        return table.sort_values("province_name", key=lambda s: s.str.casefold(),
                                 ignore_index=True)
    ranked = table.assign(_share=table["represented"] / table["kabkota_total"].where(
        table["kabkota_total"] > 0))
    key = "_share" if sort == "share" else "represented"
    return (ranked.sort_values([key, "province_code"], ascending=[False, True], kind="stable",
                               ignore_index=True).drop(columns="_share"))


def province_coverage_figure(table: pd.DataFrame, lang: str = "id",
                             sort: str = "share") -> go.Figure:
    """Stacked horizontal bars per province: represented, applied but unplaced, not applied."""
    if table.empty:
        return _empty(lang)
    rows = sort_provinces(table, sort)
    figure = go.Figure()
    for column, status in (("represented", REPRESENTED), ("applied_unplaced", APPLIED_UNPLACED),
                           ("not_applied", ABSENT)):
        figure.add_bar(
            y=rows["province_name"], x=rows[column], orientation="h",
            name=t(f"coverage.status.{status}", lang), marker_color=STATUS_COLORS[status],
            customdata=rows[["province_code", "kabkota_total"]].to_numpy(),
            hovertemplate=("%{y}: %{x} / %{customdata[1]} "
                           + t("coverage.unit.kabkota", lang) + "<extra>%{fullData.name}</extra>"),
        )
    figure.update_layout(
        barmode="stack", height=max(260, 28 * len(rows) + 120),
        xaxis_title=t("coverage.axis.kabkota_of_official", lang),
        yaxis={"autorange": "reversed", "title": None},
        # Above the bars: below them it sat on the axis title whatever the figure's height.
        legend=LEGEND_ON_TOP | {"traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return figure


def booth_treemap_figure(breakdown: pd.DataFrame, lang: str = "id",
                         colors: Mapping[str, str] | None = None) -> go.Figure:
    """Treemap province -> kabupaten/kota -> exhibitor, sized by booths, coloured by category.

    Pass ``colors`` (from ``category_colors`` over all the event's categories) to keep one colour
    per category across charts.
    """
    if breakdown.empty:
        return _empty(lang)
    colors = colors or category_colors(breakdown["category"])
    # Plain dicts, not nested pandas groupby: a national event has a thousand leaves.
    provinces: dict[tuple[str, str], dict[tuple[str, str], list[dict]]] = {}
    for row in breakdown.to_dict("records"):
        regions = provinces.setdefault((row["province_code"], row["province_name"]), {})
        regions.setdefault((row["region_code"], row["region_name"]), []).append(row)
    ids, labels, parents, values, marker_colors, hover = [], [], [], [], [], []

    def node(node_id: str, label: str, parent: str, value: int, color: str, text: str) -> None:
        ids.append(node_id)
        labels.append(label)
        parents.append(parent)
        values.append(value)
        marker_colors.append(color)
        hover.append(text)

    for (p_code, p_name), regions in sorted(provinces.items()):
        node(p_code, p_name, "", sum(r["booths"] for rows in regions.values() for r in rows),
             "#F2F2F2", "")
        for (r_code, r_name), rows in sorted(regions.items()):
            if r_code != p_code:  # a province's own Dekranasda hangs straight under the province
                node(r_code, r_name, p_code, sum(r["booths"] for r in rows), "#E4E4E4", "")
            for row in rows:
                node(f"{r_code}/{row['applicant_id']}", chart_text(row["name"]), r_code,
                     int(row["booths"]), colors[row["category"]],
                     chart_text(f"{row['category']} · {row['product'] or ''}"))
    figure = go.Figure(go.Treemap(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
        marker={"colors": marker_colors}, customdata=hover,
        hovertemplate="%{label}<br>%{value} " + t("coverage.unit.booths", lang)
        + "<br>%{customdata}<extra></extra>",
    ))
    # Legend entries for the category colours (a treemap has no legend of its own).
    for category, color in colors.items():
        if category not in set(breakdown["category"]):
            continue
        figure.add_scatter(x=[None], y=[None], mode="markers", name=chart_text(category),
                           marker={"color": color, "size": 12, "symbol": "square"})
    figure.update_layout(margin={"l": 0, "r": 0, "t": 30, "b": 0}, height=520,
                         xaxis={"visible": False}, yaxis={"visible": False},
                         legend={"title": {"text": t("coverage.legend.category", lang)}},
                         plot_bgcolor="rgba(0,0,0,0)")
    return figure


def region_dot_map_figure(status: pd.DataFrame, lang: str = "id",
                          basemap: bool = False) -> go.Figure:
    """Dots at every kabupaten/kota capital by status; lon/lat axes (offline) or a tile map."""
    if status.empty:
        return _empty(lang)
    figure = go.Figure()
    for key in (ABSENT, APPLIED_UNPLACED, REPRESENTED):  # represented drawn last, on top
        rows = status[status["status"] == key]
        name = f"{t(f'coverage.status.{key}', lang)} ({len(rows)})"
        hover = ("<b>%{text}</b><br>%{customdata[1]}<br>" + t("coverage.hover.capital", lang)
                 + ": %{customdata[2]}<br>" + t("coverage.hover.applicants", lang)
                 + ": %{customdata[3]} · " + t("coverage.hover.booths", lang)
                 + ": %{customdata[4]}<extra></extra>")
        common = dict(
            name=name, mode="markers", text=rows["name"], hovertemplate=hover,
            customdata=rows[["code", "province_name", "capital", "applicants",
                             "booths"]].to_numpy(),
        )
        if basemap:
            figure.add_trace(go.Scattermap(
                lon=rows["longitude"], lat=rows["latitude"],
                marker={"color": STATUS_COLORS[key], "size": 9}, **common))
        else:
            figure.add_trace(go.Scatter(
                x=rows["longitude"], y=rows["latitude"],
                marker={"color": STATUS_COLORS[key], "size": 9, "symbol": STATUS_SYMBOLS[key],
                        "line": {"width": 1.5, "color": STATUS_COLORS[key]}}, **common))
    legend = LEGEND_ON_TOP
    if basemap:
        figure.update_layout(
            map={"style": "open-street-map", "zoom": 4,
                 "center": {"lat": float(status["latitude"].mean()),
                            "lon": float(status["longitude"].mean())}},
            margin={"l": 0, "r": 0, "t": 40, "b": 0}, height=560, legend=legend)
    else:
        figure.update_layout(
            xaxis={"title": t("coverage.axis.longitude", lang), "ticksuffix": "°",
                   "showgrid": True, "zeroline": False},
            yaxis={"title": t("coverage.axis.latitude", lang), "ticksuffix": "°",
                   "scaleanchor": "x", "scaleratio": 1, "showgrid": True, "zeroline": False},
            margin={"l": 10, "r": 10, "t": 40, "b": 10}, height=560, legend=legend,
            plot_bgcolor="#F7FBFF")
    return figure


def category_mix_figure(mix: pd.DataFrame, lang: str = "id", measure: str = "booths",
                        provinces: Sequence[str] | None = None,
                        colors: Mapping[str, str] | None = None) -> go.Figure:
    """Stacked bars per province of ``measure`` (booths, applicants_placed, applicants) by category."""
    if measure not in ("booths", "applicants_placed", "applicants"):
        raise ValueError(f"unknown measure {measure!r}")
    rows = mix if provinces is None else mix[mix["province_code"].isin(provinces)]
    rows = rows[rows[measure] > 0]
    if rows.empty:
        return _empty(lang)
    colors = colors or category_colors(mix["category"])
    order = rows.drop_duplicates("province_code").sort_values("province_code")["province_name"]
    largest = rows.groupby("province_code")[measure].sum().max()  # whole ticks for small counts
    figure = go.Figure()
    for category, group in rows.groupby("category"):
        figure.add_bar(y=group["province_name"], x=group[measure], orientation="h",
                       name=chart_text(category), marker_color=colors[category],
                       hovertemplate="%{y}: %{x}<extra>%{fullData.name}</extra>")
    figure.update_layout(
        barmode="stack", height=max(240, 28 * len(order) + 120),
        yaxis={"categoryorder": "array", "categoryarray": list(order)[::-1], "title": None},
        xaxis={"title": t(f"coverage.measure.{measure}", lang), "rangemode": "tozero",
               "tickformat": "d", "dtick": 1 if largest <= 10 else None},
        legend={"title": {"text": t("coverage.legend.category", lang)}, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
    )
    return figure
