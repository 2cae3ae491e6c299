"""Coverage: which regions the event represents, which are missing, and what each province brings.

Figures and charts come from ``booth_planner.coverage`` and ``booth_planner.charts.coverage``;
this page only lays them out and turns a click on a chart into a region's detail.
"""

import streamlit as st

from app_support import get_store, page_context, require_event
from booth_planner.charts.coverage import (
    PROVINCE_SORTS,
    booth_treemap_figure,
    category_colors,
    category_mix_figure,
    province_coverage_figure,
    region_dot_map_figure,
)
from booth_planner.charts.gallery import periods_shown_by_region
from booth_planner.charts.province_map import produk_unggulan_map_figure
from booth_planner.core import regions
from booth_planner.core.i18n import format_number
from booth_planner.core.local_time import local_today
from booth_planner.coverage import (
    booth_breakdown,
    category_mix,
    coverage_summary,
    province_coverage,
    region_detail,
    region_status,
)
from booth_planner.exports.booth_lists import export_file_name
from booth_planner.lifecycle.payment import booked_paid_text, booked_vs_paid
from booth_planner.registry.coverage import other_only_regions, registry_coverage, registry_status
from booth_planner.registry.files import coverage_report_xlsx
from booth_planner.rotation.coverage import COLUMNS, gallery_coverage, never_shown
from booth_planner.storage.gallery import GalleryStore
from booth_planner.storage.registry import RegistryStore

DETAIL_KEY = "coverage_region"
LAST_PICK_KEY = "coverage_last_pick"

ctx = page_context()
event = require_event(ctx)
state = ctx.state()
n = lambda value: format_number(value, ctx.lang)  # noqa: E731

st.title(ctx.t("coverage.page.title"))

galleries = GalleryStore(get_store())
if galleries.is_gallery(event.id):
    # A gallery counts its kecamatan (kota/kabupaten gallery) or kab/kota over the whole roster;
    # the expo figures below (one booth list, kab/kota) would mislead here.
    coverage = gallery_coverage(galleries.state(event.id))
    if not coverage.level:
        st.info(ctx.t("coverage.gallery.no_home"))
        st.stop()
    level = ctx.t(f"coverage.gallery.level.{coverage.level}")
    st.caption(ctx.t("coverage.gallery.intro", level=level.lower(), periods=n(coverage.periods)))
    cells = st.columns(3)
    cells[0].metric(ctx.t("coverage.gallery.with_members", level=level),
                    f"{n(coverage.regions_with_members)} / {n(coverage.regions_in_area)}")
    cells[1].metric(ctx.t("coverage.gallery.shown", level=level),
                    f"{n(coverage.regions_shown)} / {n(coverage.regions_in_area)}")
    cells[2].metric(ctx.t("coverage.gallery.per_period", level=level),
                    format_number(round(coverage.regions_per_period, 1), ctx.lang))
    if missing := never_shown(coverage):
        st.warning(ctx.t("coverage.gallery.never_shown", level=level.lower(), count=n(len(missing)),
                         names=", ".join(missing)))
    st.plotly_chart(periods_shown_by_region(
        coverage.table, coverage.periods, ctx.t("coverage.gallery.chart", level=level.lower()),
        ctx.t("coverage.gallery.chart.x"), level), width="stretch", key="coverage_gallery")
    table = coverage.table.assign(periods_share=coverage.table["periods_share"] * 100)
    st.dataframe(table.rename(columns={c: ctx.t(f"coverage.gallery.col.{c}") for c in COLUMNS}),
                 hide_index=True, width="stretch",
                 column_config={ctx.t("coverage.gallery.col.periods_share"):
                                st.column_config.NumberColumn(format="%.0f%%")})
    st.stop()

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
if (lifecycle := getattr(ctx.store, "lifecycle", None)) is not None:  # booked vs paid
    st.caption(booked_paid_text(booked_vs_paid(state, lifecycle(event.id).payments), ctx.lang))

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


tab_provinces, tab_map, tab_treemap, tab_mix, tab_flagship = st.tabs([
    ctx.t("coverage.tab.provinces"), ctx.t("coverage.tab.map"), ctx.t("coverage.tab.treemap"),
    ctx.t("coverage.tab.categories"), ctx.t("registry.coverage.tab"),
], on_change="rerun", key="coverage_tab")
# Only the open tab is drawn: five charts at once took over 4 s to settle on the national demo.
bars = dots = None
if tab_provinces.open:
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
if tab_map.open:
    with tab_map:
        basemap = st.toggle(ctx.t("coverage.map.basemap"), value=False, key="coverage_basemap",
                            help=ctx.t("coverage.map.basemap_help"))
        dots = st.plotly_chart(ctx.shared(coverage_map_figure, scope_key, ctx.lang, basemap),
                               width="stretch", on_select="rerun", selection_mode="points",
                               key="coverage_map")
        st.caption(ctx.t("coverage.map.caption"))
if tab_treemap.open:
    with tab_treemap:
        st.plotly_chart(ctx.shared(coverage_treemap_figure, scope_key, ctx.lang), width="stretch",
                        key="coverage_treemap")
if tab_mix.open:
    with tab_mix:
        measure = st.radio(ctx.t("coverage.mix.measure"), ("booths", "applicants_placed", "applicants"),
                           format_func=lambda key: ctx.t(f"coverage.measure.{key}"),
                           horizontal=True, key="coverage_measure")
        st.plotly_chart(ctx.shared(coverage_mix_figure, scope_key, ctx.lang, measure),
                        width="stretch", key="coverage_mix")

if tab_flagship.open:
    with tab_flagship:
        entries = RegistryStore(ctx.store).entries()
        flagship_status = registry_status(state, entries, scope)
        flagship = registry_coverage(state, entries, scope)
        st.caption(ctx.t("registry.coverage.intro"))
        kpi = st.columns(4)
        kpi[0].metric(ctx.t("registry.coverage.kpi_registered"),
                      f"{n(int(flagship['registered'].sum()))} / {n(int(flagship['kabkota_total'].sum()))}")
        kpi[1].metric(ctx.t("registry.coverage.kpi_on_show"),
                      f"{n(int(flagship['on_show'].sum()))} / {n(int(flagship['registered'].sum()))}")
        kpi[2].metric(ctx.t("registry.coverage.kpi_not_placed"),
                      n(int(flagship["flagship_not_placed"].sum())))
        kpi[3].metric(ctx.t("registry.coverage.kpi_other_only"), n(int(flagship["other_only"].sum())))
        whole = st.toggle(ctx.t("registry.map.whole_country"), value=False, key="registry_map_whole")
        st.plotly_chart(produk_unggulan_map_figure(flagship_status, ctx.lang, whole_country=whole),
                        width="stretch", key="registry_map")
        st.caption(ctx.t("registry.map.caption"))
        st.dataframe(flagship.rename(columns={c: ctx.t(f"registry.col.{c}") for c in flagship}),
                     hide_index=True, width="stretch")
        st.download_button(
            ctx.t("registry.coverage.download"),
            coverage_report_xlsx(state, entries, ctx.lang),
            file_name=export_file_name("flagship_report", event, local_today(), "xlsx", ctx.lang),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="registry_report")
        st.markdown(f"**{ctx.t('registry.coverage.other_only_title')}**")
        others = other_only_regions(flagship_status)
        if others.empty:
            st.caption(ctx.t("registry.coverage.other_only_none"))
        else:
            st.dataframe(others.rename(columns={c: ctx.t(f"registry.col.{c}") for c in others}),
                         hide_index=True, width="stretch")

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
