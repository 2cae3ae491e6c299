"""The floor plan figure: booths to scale, colour groups, selection, labels, walls and aisles."""

from __future__ import annotations

import pytest

import booth_planner.charts.floor_plan as floorplan
from booth_planner.charts.floor_plan import (
    BLOCKED,
    CLICK_META,
    FREE,
    LOCKED_META,
    SELECTED_META,
    STATUS_COLORS,
    aisles,
    booth_views,
    floor_plan_figure,
    hover_text,
    province_colors,
    text_color,
)
from booth_planner.core.model import EventInfo, EventState
from booth_planner.setup.halls import HallSpec, grid_hall
from tests.floor_sample import sample_state


def trace(figure, meta):
    """The trace tagged ``meta``, or None."""
    return next((t for t in figure.data if t.meta == meta), None)


def booths_in(figure, meta):
    """The booth ids drawn by the polygon trace tagged ``meta``."""
    found = trace(figure, meta)
    return set() if found is None else {b for b in found.customdata if b}


def test_each_booth_is_a_rectangle_to_scale_in_its_group():
    figure = floor_plan_figure(sample_state(), "Hall A", "province")
    blocked = trace(figure, "g:blocked")
    # A-04 stands at x=9, y=0 and measures 3 x 3 m: its closed outline, then a gap.
    start = list(blocked.customdata).index("A-04")
    assert list(blocked.x[start:start + 6]) == [9.0, 12.0, 12.0, 9.0, 9.0, None]
    assert list(blocked.y[start:start + 6]) == [0.0, 0.0, 3.0, 3.0, 0.0, None]
    assert blocked.fill == "toself"
    assert blocked.fillpattern.shape == "/"
    assert booths_in(figure, "g:p:12") == {"A-01", "A-02"}  # Toba and the Sumut pavilion
    assert booths_in(figure, "g:p:11") == {"B-01"}
    assert booths_in(figure, "g:free") == {"A-03", "B-02", "B-03", "B-04"}


def test_hall_b_booths_stay_out_of_hall_a():
    figure = floor_plan_figure(sample_state(), "Hall A")
    assert "BA-01" not in trace(figure, CLICK_META).customdata
    assert set(trace(figure, CLICK_META).customdata) == {
        "A-01", "A-02", "A-03", "A-04", "B-01", "B-02", "B-03", "B-04"}


def test_click_layer_carries_booth_ids_at_booth_centres():
    figure = floor_plan_figure(sample_state(), "Hall A")
    click = trace(figure, CLICK_META)
    index = list(click.customdata).index("B-02")
    assert (click.x[index], click.y[index]) == (4.5, 4.5)
    assert click.hovertemplate == "%{hovertext}<extra></extra>"
    assert not click.showlegend


def test_colour_by_status_and_category():
    state = sample_state()
    status = floor_plan_figure(state, "Hall A", "status")
    assert booths_in(status, "g:locked") == {"A-01"}
    assert booths_in(status, "g:assigned") == {"A-02", "B-01"}
    assert trace(status, "g:free").fillcolor == STATUS_COLORS[FREE]
    category = floor_plan_figure(state, "Hall A", "category")
    assert booths_in(category, "g:c:tenun") == {"A-01"}
    assert booths_in(category, "g:c:kuliner") == {"B-01"}
    # Free booths of the kuliner zone show the zone's tint, not plain white.
    assert booths_in(category, "g:z:kuliner") == {"B-02", "B-03", "B-04"}
    assert trace(category, "g:z:kuliner").fillcolor.startswith("rgba(")


def test_legend_names_the_groups_in_the_chosen_language():
    state = sample_state()
    names_id = {t.meta: t.name for t in floor_plan_figure(state, "Hall A", lang="id").data}
    names_en = {t.meta: t.name for t in floor_plan_figure(state, "Hall A", lang="en").data}
    assert names_id["g:p:12"] == names_en["g:p:12"] == "Sumatera Utara"
    assert names_id["g:free"] == "Kosong" and names_en["g:free"] == "Free"
    assert names_id[LOCKED_META].startswith("Terkunci")
    figure = floor_plan_figure(state, "Hall A", "status", lang="en")
    assert figure.layout.legend.title.text == "Status"


def test_locked_booths_are_marked_and_selected_booths_outlined():
    figure = floor_plan_figure(sample_state(), "Hall A", selected=["B-03", "BA-01"])
    locked = trace(figure, LOCKED_META)
    assert len(locked.x) == 1 and locked.x[0] < 3 and locked.y[0] < 3  # in A-01's corner
    assert booths_in(figure, SELECTED_META) == {"B-03"}  # BA-01 is in the other hall
    assert trace(floor_plan_figure(sample_state(), "Hall A"), SELECTED_META) is None


def test_a_selection_is_added_to_a_copy_of_the_shared_plan():
    state = sample_state()
    plan = floorplan.plan_figure(state, "Hall A")
    before = plan.to_dict()
    figure = floorplan.with_selection(plan, state, "Hall A", ["B-03"])
    assert plan.to_dict() == before, "the shared plan was changed"
    assert [t.meta for t in figure.data][-2:] == [SELECTED_META, CLICK_META]
    assert booths_in(figure, SELECTED_META) == {"B-03"}
    assert figure.layout.height >= plan.layout.height  # the outline's legend entry has room
    assert floorplan.with_selection(plan, state, "Hall A", []).to_dict() == before


def test_equal_aspect_ratio_and_rows_drawn_top_down():
    figure = floor_plan_figure(sample_state(), "Hall A")
    assert figure.layout.yaxis.scaleanchor == "x"
    assert figure.layout.yaxis.scaleratio == 1
    low, high = figure.layout.yaxis.range
    assert low > high  # reversed: row A at the top, as on the hall's paper plan


def test_hover_shows_booth_exhibitor_region_product_and_rupiah():
    views = {v.booth.booth_id: v for v in booth_views(sample_state(), "Hall A")}
    text = hover_text(views["A-01"], "id")
    assert "<b>A-01</b>" in text and "Terkunci" in text
    assert "Sanggar Ulos Toba" in text
    assert "Kabupaten Toba, Sumatera Utara" in text
    assert "Ulos Harungguan" in text
    assert "Rp 2.500.000" in text
    english = hover_text(views["B-02"], "en")
    assert "Zone: kuliner" in english and "Free" in english and "Exhibitor" not in english


def test_labels_for_small_halls_and_on_request():
    state = sample_state()
    assert list(trace(floor_plan_figure(state, "Hall A"), CLICK_META).text)[0] == "A-01"
    assert trace(floor_plan_figure(state, "Hall A", show_labels=False), CLICK_META).text is None


def test_large_halls_drop_labels_unless_asked(monkeypatch):
    monkeypatch.setattr(floorplan, "LABEL_LIMIT", 3)
    state = sample_state()
    assert trace(floor_plan_figure(state, "Hall A"), CLICK_META).text is None
    assert trace(floor_plan_figure(state, "Hall A", show_labels=True), CLICK_META).text


def test_walls_and_aisles_are_layout_shapes():
    booths = grid_hall(HallSpec("Hall C", rows=4, columns=3, aisle_m=4.0))
    assert aisles(booths) == [(6.0, 10.0)]
    state = EventState(EventInfo(1, "x", "x"), booths=tuple(booths), halls=("Hall C",))
    figure = floor_plan_figure(state, "Hall C")
    kinds = [(s.y0, s.y1) for s in figure.layout.shapes]
    assert (6.0, 10.0) in kinds  # the aisle
    assert len(figure.layout.shapes) == 2  # the wall and one aisle; booths are traces


def test_empty_hall_says_so():
    figure = floor_plan_figure(sample_state(), "Hall Z", lang="en")
    assert "Hall Z" in figure.layout.annotations[0].text


def test_unknown_colour_mode_is_refused():
    with pytest.raises(ValueError, match="color_by"):
        floor_plan_figure(sample_state(), "Hall A", "region")


def test_text_reads_on_dark_and_light_fills():
    assert text_color("#332288") == "#FFFFFF"
    assert text_color("#DDCC77") == "#000000"
    assert text_color(STATUS_COLORS[BLOCKED]) == "#000000"


def test_province_colours_are_stable_and_cycle():
    colors = province_colors(["12", "11", "12", "13"])
    assert colors == province_colors(["13", "11", "12"])
    assert len(set(colors.values())) == 3


def test_a_long_province_name_gets_a_legend_entry_wide_enough():
    from dataclasses import replace

    from booth_planner.core.model import Applicant, Assignment

    state = sample_state()
    state = replace(state, applicants=state.applicants + (
        Applicant("P-9", "Batik Jogja", "34.71", "batik"),),
        assignments=state.assignments + (Assignment("A-03", "P-9"),))
    figure = floor_plan_figure(state, "Hall A", "province")
    names = [t.name for t in figure.data if t.showlegend is not False and t.name]
    assert "Daerah Istimewa Yogyakarta" in names
    legend = figure.layout.legend
    assert legend.entrywidthmode == "pixels"
    # Swatch (about 40 px) plus about 6.5 px per character of the longest name.
    assert legend.entrywidth >= 40 + 6.5 * len("Daerah Istimewa Yogyakarta")


def test_locked_is_named_once_in_the_status_legend():
    figure = floor_plan_figure(sample_state(), "Hall A", "status")
    shown = [t.name for t in figure.data if t.showlegend is not False and t.name]
    assert shown.count("Terkunci") == 1
    assert trace(figure, LOCKED_META) is not None  # the diamond is still drawn


@pytest.mark.parametrize("color_by", ["province", "category", "status"])
def test_a_zone_is_outlined_and_in_the_legend_in_every_colouring(color_by):
    figure = floor_plan_figure(sample_state(), "Hall A", color_by, "en")
    outline = trace(figure, "zone:kuliner")
    assert outline is not None and outline.line.dash == "dot"
    assert {b for b in outline.customdata if b} == {"B-01", "B-02", "B-03", "B-04"}
    assert outline.name == "Zone kuliner (dotted outline)"


def test_names_halls_zones_and_categories_reach_the_chart_escaped():
    from booth_planner.charts.floor_plan import floor_plan_figure
    from booth_planner.core.model import Applicant, Assignment, Booth, EventInfo, EventState

    tag = '<a href="http://198.51.100.7/x">x</a>'
    hall = f"Hall {tag}"
    state = EventState(
        event=EventInfo(id=1, slug="e", name="E"),
        booths=(Booth("A-01", hall, 0, 0), Booth("A-02", hall, 3, 0, zone=f"zona {tag}")),
        applicants=(Applicant("P1", f"UMKM {tag}", "12.12", f"tenun {tag}",
                              product=f"Ulos {tag}"),),
        assignments=(Assignment("A-01", "P1"),),
    )
    for color_by in ("province", "category", "status"):
        figure = floor_plan_figure(state, hall, color_by, "en")
        drawn = [str(getattr(trace, key) or "") for trace in figure.data
                 for key in ("name", "text", "hovertext", "hovertemplate")]
        drawn += [str(note.text) for note in figure.layout.annotations]
        assert not [text for text in drawn if "<a " in text], color_by
        assert any("UMKM &lt;a href" in text for text in drawn)
