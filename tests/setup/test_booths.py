"""Booth table checks, edits, orphans, new halls, and the unassign-and-change transaction."""

import math

import pandas as pd
import pytest

from booth_planner.charts.halls import hall_preview_figure
from booth_planner.core.model import Applicant, Booth, EventInfo, EventState
from booth_planner.setup.booths import (
    BOOTH_COLUMNS,
    BoothEdits,
    Problem,
    blocking_orphans,
    booth_edits,
    booths_frame,
    booths_from_rows,
    hall_problems,
    orphans,
    parse_rows,
    zone_problems,
)
from booth_planner.setup.halls import HallSpec, grid_hall
from booth_planner.storage import ConflictError, RuleError

HALL = grid_hall(HallSpec("Hall A", rows=2, columns=3))


def _row(booth: Booth, **changes) -> dict:
    return {**{c: getattr(booth, c) for c in BOOTH_COLUMNS}, **changes}


def _state(assignments=()) -> EventState:
    from booth_planner.core.model import Assignment

    return EventState(
        event=EventInfo(id=1, slug="e", name="E"), booths=tuple(HALL),
        applicants=(Applicant("P-1", "Tenun Toba", "12.12", "tenun"),),
        assignments=tuple(Assignment(b, "P-1") for b in assignments), halls=("Hall A",),
    )


def test_unchanged_rows_give_back_the_same_booths():
    booths, problems = booths_from_rows([_row(b) for b in HALL])
    assert problems == []
    assert booths == HALL


def test_each_bad_cell_is_named_by_row_and_column():
    rows = [_row(b) for b in HALL]
    rows[0] = _row(HALL[0], width_m=0)
    rows[1] = _row(HALL[1], booth_type="tent", status="closed")
    rows[2] = _row(HALL[2], price_idr=-5, x="three")
    rows[3] = _row(HALL[3], booth_id="  ", hall=None)
    _, problems = booths_from_rows(rows)
    where = {(p.row, p.column, p.key) for p in problems}
    assert where == {
        (1, "width_m", "setup.problem.size"),
        (2, "booth_type", "setup.problem.booth_type"),
        (2, "status", "setup.problem.status"),
        (3, "x", "setup.problem.not_a_number"),
        (3, "price_idr", "setup.problem.price"),
        (4, "booth_id", "setup.problem.id_empty"),
        (4, "hall", "setup.problem.hall_empty"),
    }


def test_problem_message_says_where_in_both_languages():
    problem = Problem(3, "price_idr", "setup.problem.price", {"value": "-5"})
    assert problem.message("id", {"price_idr": "harga (Rp)"}).startswith(
        "Baris 3, kolom harga (Rp): harga '-5'")
    assert problem.message("en").startswith("Row 3, column price_idr: price '-5'")


def test_fractional_price_and_nan_size_are_refused_but_empty_price_is_fine():
    rows = [_row(HALL[0], price_idr=2500000.5), _row(HALL[1], depth_m=math.nan),
            _row(HALL[2], price_idr=pd.NA, zone="  ")]
    booths, problems = booths_from_rows(rows)
    assert [(p.row, p.column) for p in problems] == [(1, "price_idr"), (2, "depth_m")]
    assert booths == [HALL[2]]


def test_duplicate_ids_in_the_table_and_in_other_halls():
    other = Booth("B-01", "Hall B", 0, 0)
    rows = [_row(HALL[0]), _row(HALL[1], booth_id="A-01", x=30), _row(HALL[2], booth_id="B-01")]
    _, problems = booths_from_rows(rows, others=[other])
    assert [(p.row, p.key, p.values["id"]) for p in problems] == [
        (2, "setup.problem.id_twice", "A-01"), (3, "setup.problem.id_elsewhere", "B-01")]
    assert problems[0].values["first"] == 1


def test_overlapping_booths_are_reported_on_the_edited_row():
    rows = [_row(b) for b in HALL]
    rows[1] = _row(HALL[1], x=1.5)
    _, problems = booths_from_rows(rows)
    assert [(p.row, p.key, p.values) for p in problems] == [
        (1, "setup.problem.overlap", {"first": "A-01", "second": "A-02"})]


def test_overlap_with_a_booth_of_the_same_hall_not_shown_counts():
    _, problems = booths_from_rows([_row(HALL[0], booth_id="N-1")], others=HALL[:1])
    assert [p.key for p in problems] == ["setup.problem.overlap"]


def test_edits_list_changed_and_removed_booths():
    edited = [Booth(**{**_row(HALL[0]), "price_idr": 2_500_000}), *HALL[1:4],
              Booth("A-99", "Hall A", 30, 0)]
    edits = booth_edits(HALL, edited)
    assert [b.booth_id for b in edits.changed] == ["A-01", "A-99"]
    assert edits.removed == ("B-02", "B-03")
    assert booth_edits(HALL, HALL).empty


def test_orphans_are_held_booths_removed_or_blocked():
    state = _state(assignments=("A-01", "A-02", "A-03"))
    blocked = Booth(**{**_row(HALL[1]), "status": "blocked"})
    found = orphans(state, BoothEdits(changed=(blocked, HALL[2]), removed=("A-01", "B-01")))
    assert [(o.booth_id, o.applicant_id, o.name) for o in found] == [
        ("A-01", "P-1", "Tenun Toba"), ("A-02", "P-1", "Tenun Toba")]
    assert [o.booth_id for o in blocking_orphans(state, ["A-03", "B-03"])] == ["A-03"]


def test_booths_frame_shows_the_holder():
    frame = booths_frame(_state(assignments=("A-02",)))
    assert list(frame.columns[:len(BOOTH_COLUMNS)]) == list(BOOTH_COLUMNS)
    assert frame.loc[1, "holder"] == "P-1 · Tenun Toba"
    assert frame["holder"].isna().sum() == 5


def test_hall_problems_catch_taken_names_and_ids():
    assert hall_problems(HallSpec("Hall B", 2, 3, prefix="B"), HALL) == []
    taken = hall_problems(HallSpec("Hall A", 2, 3), HALL)
    assert [p.key for p in taken] == ["setup.hall.problem.hall_taken", "setup.hall.problem.ids_taken"]
    assert taken[1].values["count"] == 6
    bad = hall_problems(HallSpec("", 0, 3, zone_rows=(5,)), HALL)
    assert {p.key for p in bad} == {"setup.hall.problem.name_empty", "setup.hall.problem.rows",
                                   "setup.hall.problem.zone_name", "setup.hall.problem.zone_rows"}


def test_parse_rows_reads_lists_and_ranges():
    assert parse_rows("3, 4") == (3, 4)
    assert parse_rows("1-3;6") == (1, 2, 3, 6)
    assert parse_rows("") == ()
    with pytest.raises(ValueError):
        parse_rows("x")
    with pytest.raises(ValueError):
        parse_rows("5-2")


def test_preview_figure_outlines_every_booth():
    booths = grid_hall(HallSpec("Hall C", 4, 5, zone_rows=(4,), zone="kuliner"))
    figure = hall_preview_figure(booths)
    plain, zoned, text = figure.data
    assert plain.y.count(None) == 15 and zoned.y.count(None) == 5
    assert list(text.text) == [b.booth_id for b in booths]


@pytest.fixture
def event(store):
    event = store.create_event("Pameran")
    store.save_booths(event.id, HALL, user="t")
    store.save_applicants(event.id, [Applicant("P-1", "Tenun Toba", "12.12", "tenun",
                                               booths_requested=2)], user="t")
    store.assign(event.id, "A-01", "P-1", user="t")
    store.assign(event.id, "A-02", "P-1", user="t")
    return event


def test_blocking_and_removing_held_booths_unassigns_in_one_change(store, event):
    edits = BoothEdits(changed=(Booth(**{**_row(HALL[0]), "status": "blocked"}),),
                       removed=("A-02",))
    change = store.edit_booths(event.id, edits.changed, edits.removed, user="ana")
    state = store.state(event.id)
    assert state.assignments == ()
    assert state.booth_by_id()["A-01"].is_blocked
    assert "A-02" not in state.booth_by_id()
    assert change.details["freed_by_removal"] == ["A-02 (P-1)"]
    assert change.details["booths"]["A-01"]["before"]["applicant_id"] == "P-1"
    assert store.history(event.id)[0].action == "booths.edit"


def test_a_booth_changed_meanwhile_writes_nothing(store, event):
    versions = store.booth_versions(event.id)
    store.unassign(event.id, "A-01", user="budi")
    edits = BoothEdits(changed=(Booth(**{**_row(HALL[0]), "price_idr": 100}),), removed=("A-02",))
    with pytest.raises(ConflictError) as caught:
        store.edit_booths(event.id, edits.changed, edits.removed, user="ana", expected_versions=versions)
    assert caught.value.changed_by == "budi"
    state = store.state(event.id)
    assert state.booth_by_id()["A-01"].price_idr is None
    assert "A-02" in state.booth_by_id()


def test_a_status_only_edit_can_be_undone(store, event):
    edits = BoothEdits(changed=(Booth(**{**_row(HALL[0]), "status": "blocked"}),), removed=())
    change = store.edit_booths(event.id, edits.changed, edits.removed, user="ana")
    assert change.undoable
    store.undo(event.id, change.id, user="ana")
    state = store.state(event.id)
    assert not state.booth_by_id()["A-01"].is_blocked
    assert state.assignment_by_booth()["A-01"].applicant_id == "P-1"


def test_new_booths_and_moves_are_saved_but_not_offered_for_undo(store, event):
    moved = Booth(**{**_row(HALL[2]), "x": 30.0, "zone": "kuliner"})
    added = Booth("A-99", "Hall Z", 0, 0, price_idr=2_500_000)
    change = store.edit_booths(event.id, (moved, added), (),
                              user="ana")
    booths = store.state(event.id).booth_by_id()
    assert booths["A-03"].x == 30.0 and booths["A-03"].zone == "kuliner"
    assert booths["A-99"].hall == "Hall Z" and booths["A-99"].price_idr == 2_500_000
    assert not change.undoable


def test_a_zone_that_refuses_the_holder_is_a_problem_unless_the_booth_is_blocked():
    state = _state(assignments=("A-01",))
    rows = [Booth(**{**_row(HALL[0]), "zone": "kuliner"}), Booth(**{**_row(HALL[1]), "zone": "kuliner"})]
    (problem,) = zone_problems(state, rows)
    assert (problem.row, problem.column, problem.values["applicant"]) == (1, "zone", "P-1")
    assert zone_problems(state, [Booth(**{**_row(HALL[0]), "zone": "TENUN"})]) == []
    blocked = Booth(**{**_row(HALL[0]), "zone": "kuliner", "status": "blocked"})
    assert zone_problems(state, [blocked]) == []


def test_the_store_step_refuses_a_zone_its_holder_cannot_use(store, event):
    edits = BoothEdits(changed=(Booth(**{**_row(HALL[0]), "zone": "kuliner"}),), removed=())
    with pytest.raises(RuleError, match="A-01 would be zoned for kuliner"):
        store.edit_booths(event.id, edits.changed, edits.removed, user="ana")
    assert store.state(event.id).booth_by_id()["A-01"].zone is None


def test_a_booth_removed_meanwhile_is_a_conflict_not_brought_back(store, event):
    versions = store.booth_versions(event.id)
    store.delete_booths(event.id, ["A-03"], user="budi")
    edits = BoothEdits(changed=(Booth(**{**_row(HALL[2]), "price_idr": 100}),), removed=())
    with pytest.raises(ConflictError) as caught:
        store.edit_booths(event.id, edits.changed, edits.removed, user="ana",
                         expected_versions={"A-03": versions["A-03"]})
    assert caught.value.booth_id == "A-03"
    assert "A-03" not in store.state(event.id).booth_by_id()

