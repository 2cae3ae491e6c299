"""Coverage: which regions the event represents, which are missing, and what each province brings.

Figures and charts come from ``booth_planner.coverage`` and ``booth_planner.charts.coverage``;
this page only lays them out and turns a click on a chart into a region's detail.
"""

import streamlit as st

from app_support import page_context, require_event
from booth_planner.charts.coverage import (
    PROVINCE_SORTS,
    booth_treemap_figure,
    category_colors,
    category_mix_figure,
    province_coverage_figure,
    region_dot_map_figure,
)
from booth_planner.core import regions
from booth_planner.core.i18n import format_number
from booth_planner.coverage import (
    booth_breakdown,
    category_mix,
    coverage_summary,
    province_coverage,
    region_detail,
    region_status,
)

DETAIL_KEY = "coverage_region"
LAST_PICK_KEY = "coverage_last_pick"

ctx = page_context()
event = require_event(ctx)
state = ctx.state()
n = lambda value: format_number(value, ctx.lang)  # noqa: E731

st.title(ctx.t("coverage.page.title"))
st.caption(ctx.t("coverage.page.intro"))

summary = ctx.derived(coverage_summary)
st.markdown(f"**{ctx.t('coverage.kpi.kabkota_title')}**")
row1 = st.columns(3)
row1[0].metric(ctx.t("coverage.kpi.of_applied"),
               f"{n(summary.kabkota_represented)} / {n(summary.kabkota_applied)}")
row1[1].metric(ctx.t("coverage.kpi.of_scope"),
               f"{n(summary.kabkota_represented)} / {n(summary.kabkota_in_scope)}")
if summary.national:
    row1[2].metric(ctx.t("coverage.kpi.of_national"),
                   f"{n(summary.kabkota_represented)} / {n(summary.kabkota_national)}")
row2 = st.columns(5)
row2[0].metric(ctx.t("coverage.kpi.provinces"),
               f"{n(summary.provinces_represented)} / {n(summary.provinces_in_scope)}",
               help=ctx.t("coverage.kpi.provinces_help"))
row2[1].metric(ctx.t("coverage.kpi.province_level"),
               f"{n(summary.province_level_represented)} / {n(summary.province_level_applied)}",
               help=ctx.t("coverage.kpi.province_level_help"))
row2[2].metric(ctx.t("coverage.kpi.booths_assigned"), n(summary.booths_assigned))
row2[3].metric(ctx.t("coverage.kpi.booths_free"), n(summary.booths_free))
row2[4].metric(ctx.t("coverage.kpi.booths_blocked"), n(summary.booths_blocked))
st.caption(ctx.t("coverage.page.kabkota_note"))

provinces_table = ctx.derived(province_coverage)
if provinces_table.empty:
    st.info(ctx.t("coverage.page.no_applicants"))
    st.stop()

names = dict(zip(provinces_table["province_code"], provinces_table["province_name"], strict=True))
filter_col, sort_col = st.columns([3, 1])
chosen = filter_col.multiselect(ctx.t("coverage.filter.provinces"), list(names),
                                format_func=lambda code: f"{names[code]} ({code})",
                                placeholder=ctx.t("coverage.filter.all_provinces"),
                                key="coverage_provinces")
sort = sort_col.selectbox(ctx.t("coverage.filter.sort"), PROVINCE_SORTS,
                          format_func=lambda key: ctx.t(f"coverage.sort.{key}"),
                          key="coverage_sort")
scope = chosen or list(names)
shown = provinces_table[provinces_table["province_code"].isin(scope)]
scope_key = tuple(scope)


# The charts are made once per version of the event, view and language, for every session
# (ctx.shared): the four of them took most of a visit's run on the national demo.
def coverage_bars_figure(state, scope: tuple, lang: str, sort: str):
    """The provinces' bars for the provinces in ``scope``."""
    table = province_coverage(state)
    return province_coverage_figure(table[table["province_code"].isin(scope)], lang, sort)


def coverage_map_figure(state, scope: tuple, lang: str, basemap: bool):
    """The regions' dot map for the provinces in ``scope``."""
    table = region_status(state)
    return region_dot_map_figure(table[table["province_code"].isin(scope)], lang,
                                 basemap=basemap)


def coverage_treemap_figure(state, scope: tuple, lang: str):
    """The booths' treemap for the provinces in ``scope``."""
    table = booth_breakdown(state)
    return booth_treemap_figure(table[table["province_code"].isin(scope)], lang,
                                category_colors(category_mix(state)["category"]))


def coverage_mix_figure(state, scope: tuple, lang: str, measure: str):
    """The category mix of the provinces in ``scope``."""
    mix = category_mix(state)
    return category_mix_figure(mix, lang, measure, provinces=list(scope),
                               colors=category_colors(mix["category"]))


def picked_code(event) -> str | None:
    """The region code of the first point clicked on a chart, if any."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        data = point.get("customdata")
        if data:
            return str(data[0])
    return None


tab_provinces, tab_map, tab_treemap, tab_mix = st.tabs([
    ctx.t("coverage.tab.provinces"), ctx.t("coverage.tab.map"), ctx.t("coverage.tab.treemap"),
    ctx.t("coverage.tab.categories"),
])
with tab_provinces:
    bars = st.plotly_chart(ctx.shared(coverage_bars_figure, scope_key, ctx.lang, sort),
                           width="stretch",
                           on_select="rerun", selection_mode="points", key="coverage_bars")
    table = shown.assign(province_level=shown["province_level"].map(
        lambda key: ctx.t(f"coverage.status.{key}")))
    st.dataframe(
        table.rename(columns={c: ctx.t(f"coverage.col.{c}") for c in table.columns}),
        hide_index=True, width="stretch",
    )
with tab_map:
    basemap = st.toggle(ctx.t("coverage.map.basemap"), value=False, key="coverage_basemap",
                        help=ctx.t("coverage.map.basemap_help"))
    dots = st.plotly_chart(ctx.shared(coverage_map_figure, scope_key, ctx.lang, basemap),
                           width="stretch", on_select="rerun", selection_mode="points",
                           key="coverage_map")
    st.caption(ctx.t("coverage.map.caption"))
with tab_treemap:
    st.plotly_chart(ctx.shared(coverage_treemap_figure, scope_key, ctx.lang), width="stretch",
                    key="coverage_treemap")
with tab_mix:
    measure = st.radio(ctx.t("coverage.mix.measure"), ("booths", "applicants_placed", "applicants"),
                       format_func=lambda key: ctx.t(f"coverage.measure.{key}"),
                       horizontal=True, key="coverage_measure")
    st.plotly_chart(ctx.shared(coverage_mix_figure, scope_key, ctx.lang, measure),
                    width="stretch", key="coverage_mix")

# A click on a bar or a dot opens that province's or region's detail below.
pick = picked_code(dots) or picked_code(bars)
if pick and pick != st.session_state.get(LAST_PICK_KEY):
    st.session_state[LAST_PICK_KEY] = pick
    st.session_state[DETAIL_KEY] = pick

st.subheader(ctx.t("coverage.detail.title"))
options = [""] + [code for p in scope for code in (p, *(r.code for r in regions.kabupaten_kota(p)))]
if st.session_state.get(DETAIL_KEY) not in options:
    st.session_state[DETAIL_KEY] = ""
code = st.selectbox(
    ctx.t("coverage.detail.pick"), options, key=DETAIL_KEY,
    format_func=lambda c: ctx.t("coverage.detail.none") if not c else
    f"{regions.region(c).name} ({c})",
)
if code:
    detail = region_detail(state, code)
    if detail.empty:
        st.info(ctx.t("coverage.detail.empty", region=regions.region(code).name))
    else:
        placed = int(detail["placed"].sum())
        st.caption(ctx.t("coverage.detail.counts", applicants=n(len(detail)), placed=n(placed),
                         booths=n(int(detail["booths"].sum()))))
        st.dataframe(
            detail.rename(columns={c: ctx.t(f"coverage.col.{c}") for c in detail.columns}),
            hide_index=True, width="stretch",
        )
