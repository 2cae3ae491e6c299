"""Coverage charts: what each figure draws from the sample event, in both languages."""

import plotly.graph_objects as go
import pytest

from booth_planner.charts.coverage import (
    OKABE_ITO,
    STATUS_COLORS,
    booth_treemap_figure,
    category_colors,
    category_mix_figure,
    province_coverage_figure,
    region_dot_map_figure,
    sort_provinces,
)
from booth_planner.coverage import (
    booth_breakdown,
    category_mix,
    province_coverage,
    region_status,
)
from tests.coverage_sample import sample_state


def test_province_bars_stack_the_official_count_by_status():
    figure = province_coverage_figure(province_coverage(sample_state()), "en")
    assert [trace.name for trace in figure.data] == [
        "Represented", "Applied, not placed", "Not applied"]
    # Sumatera Utara (2 of 33 represented) ranks above Bangka Belitung (0 of 7).
    assert list(figure.data[0].y) == ["Sumatera Utara", "Kepulauan Bangka Belitung"]
    totals = [sum(trace.x[i] for trace in figure.data) for i in range(2)]
    assert totals == [33, 7]
    assert figure.layout.barmode == "stack"
    assert figure.data[0].marker.color == STATUS_COLORS["represented"]


def test_province_bars_speak_indonesian():
    figure = province_coverage_figure(province_coverage(sample_state()), "id")
    assert figure.data[0].name == "Terwakili"
    assert "resmi" in figure.layout.xaxis.title.text


@pytest.mark.parametrize("sort, first", [("name", "19"), ("code", "12"), ("share", "12"),
                                         ("represented", "12")])
def test_sort_provinces(sort, first):
    assert sort_provinces(province_coverage(sample_state()), sort)["province_code"][0] == first


def test_sort_provinces_rejects_unknown_order():
    with pytest.raises(ValueError, match="sort"):
        sort_provinces(province_coverage(sample_state()), "size")


def test_treemap_nests_province_region_exhibitor_sized_by_booths():
    colors = category_colors(["anyaman", "batik", "kuliner", "tenun"])
    figure = booth_treemap_figure(booth_breakdown(sample_state()), "en", colors)
    treemap = figure.data[0]
    nodes = dict(zip(treemap.ids, zip(treemap.parents, treemap.values, strict=True), strict=True))
    assert nodes == {
        "12": ("", 3), "12.04": ("12", 1), "12.04/P1": ("12.04", 1), "12.71": ("12", 2),
        "12.71/P3": ("12.71", 2),
        "19": ("", 1), "19/P5": ("19", 1),  # the province's own Dekranasda sits under it
    }
    leaf_colors = dict(zip(treemap.ids, treemap.marker.colors, strict=True))
    assert leaf_colors["12.71/P3"] == colors["batik"] and leaf_colors["19/P5"] == colors["tenun"]
    assert {trace.name for trace in figure.data[1:]} == {"batik", "tenun"}  # categories drawn


def test_dot_map_draws_every_capital_by_status_without_a_base_map():
    figure = region_dot_map_figure(region_status(sample_state()), "en")
    assert all(isinstance(trace, go.Scatter) for trace in figure.data)
    counts = {trace.name: len(trace.x) for trace in figure.data}
    assert counts == {"Not applied (36)": 36, "Applied, not placed (2)": 2, "Represented (2)": 2}
    assert figure.layout.yaxis.scaleanchor == "x" and figure.layout.yaxis.scaleratio == 1
    layout = figure.to_plotly_json()["layout"]
    assert not {"map", "mapbox", "geo"} & set(layout)  # nothing to fetch from the internet
    represented = figure.data[-1]
    codes = {row[0] for row in represented.customdata}
    assert codes == {"12.04", "12.71"}
    medan = list(represented.customdata[:, 0]).index("12.71")
    assert (represented.x[medan], represented.y[medan]) == pytest.approx((98.674972, 3.590246))


def test_dot_map_can_use_a_tile_base_map():
    figure = region_dot_map_figure(region_status(sample_state()), "id", basemap=True)
    assert all(isinstance(trace, go.Scattermap) for trace in figure.data)
    assert figure.layout.map.style == "open-street-map"


def test_category_mix_stacks_booths_by_category_per_province():
    colors = category_colors(["anyaman", "batik", "kuliner", "tenun"])
    figure = category_mix_figure(category_mix(sample_state()), "en", colors=colors)
    bars = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in figure.data}
    assert bars == {"batik": {"Sumatera Utara": 2},
                    "tenun": {"Sumatera Utara": 1, "Kepulauan Bangka Belitung": 1}}
    assert figure.data[0].marker.color == colors["batik"]
    by_applicants = category_mix_figure(category_mix(sample_state()), "en", "applicants",
                                        provinces=["19"])
    assert {trace.name: list(trace.x) for trace in by_applicants.data} == {
        "kuliner": [1], "tenun": [1]}


def test_category_colors_are_stable_and_colour_blind_safe():
    colors = category_colors(["tenun", "batik", "tenun"])
    assert colors == {"batik": OKABE_ITO[0], "tenun": OKABE_ITO[1]}


def test_empty_tables_give_a_figure_that_says_so():
    state = sample_state()
    empty = province_coverage(state).iloc[0:0]
    figure = province_coverage_figure(empty, "en")
    assert figure.layout.annotations[0].text == "Nothing to show yet."
    assert not figure.data


def test_coverage_legends_sit_above_the_plot_never_on_an_axis_title():
    figures = [province_coverage_figure(province_coverage(sample_state()), "en"),
               region_dot_map_figure(region_status(sample_state()), "en")]
    for figure in figures:
        legend = figure.layout.legend
        assert legend.orientation == "h" and legend.y > 1 and legend.yanchor == "bottom"
        assert figure.layout.margin.t >= 40  # room for it above the plot
