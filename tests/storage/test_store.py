"""The store on SQLite and PostgreSQL: rules as constraints, transactions, history and undo."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text, update
from sqlalchemy.exc import IntegrityError

from booth_planner.core.model import Applicant, Assignment, Booth
from booth_planner.setup.halls import HallSpec, grid_hall
from booth_planner.storage import ConflictError, NotFoundError, RuleError, StoreError
from booth_planner.storage.migrate import current_revision, head_revision
from booth_planner.storage.tables import BoothRow

USER = "ana"


@pytest.fixture
def event(store):
    """An event with one hall of 2x3 booths (row B zoned kuliner) and three applicants."""
    info = store.create_event("Pameran Uji", venue="Medan")
    store.save_booths(info.id, grid_hall(HallSpec("Hall A", rows=2, columns=3, zone_rows=(2,),
                                                  zone="kuliner")), user=USER)
    store.save_applicants(info.id, [
        Applicant("P1", "Sanggar Ulos", "12.12", "tenun", "Ulos"),
        Applicant("P2", "Kopi Lintong", "12.16", "kuliner", "Kopi"),
        Applicant("P3", "Tikar Nias", "12.04", "anyaman", booths_requested=2, priority=1),
    ], user=USER)
    return info


def holders(store, event_id) -> dict[str, str]:
    """Booth id -> applicant id of the event's assignments."""
    return {a.booth_id: a.applicant_id for a in store.state(event_id).assignments}


def test_schema_is_migrated_to_the_newest_revision(store):
    assert current_revision(store.engine) == head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert {"events", "halls", "booths", "applicants", "changes", "region_aliases"} <= tables


def test_state_round_trips_booths_and_applicants(store, event):
    state = store.state(event.id)
    assert state.halls == ("Hall A",)
    assert [b.booth_id for b in state.booths] == ["A-01", "A-02", "A-03", "B-01", "B-02", "B-03"]
    assert state.booth_by_id()["B-02"].zone == "kuliner"
    assert state.applicant_by_id()["P3"] == Applicant(
        "P3", "Tikar Nias", "12.04", "anyaman", None, booths_requested=2, priority=1)


def test_a_booth_holds_one_applicant_and_the_loser_is_told_who_won(store, event):
    store.assign(event.id, "A-01", "P1", user="ana")
    with pytest.raises(ConflictError) as lost:
        store.assign(event.id, "A-01", "P3", user="budi")
    assert lost.value.changed_by == "ana"
    assert lost.value.current_applicant_id == "P1"
    assert "ana" in str(lost.value)
    assert holders(store, event.id) == {"A-01": "P1"}


def test_a_stale_version_is_a_conflict_and_writes_nothing(store, event):
    seen = store.booth_versions(event.id)
    store.assign(event.id, "A-02", "P1", user="ana")
    with pytest.raises(ConflictError):
        store.change_booths(event.id, {"A-02": {"applicant_id": "P3"}}, user="budi",
                            action="booth.assign", expected_versions={"A-02": seen["A-02"]})
    assert holders(store, event.id) == {"A-02": "P1"}


def test_zone_and_blocked_rules_are_enforced(store, event):
    with pytest.raises(RuleError, match="zoned for kuliner"):
        store.assign(event.id, "B-01", "P1", user=USER)
    store.assign(event.id, "B-01", "P2", user=USER)
    store.set_status(event.id, ["A-03"], "blocked", user=USER)
    with pytest.raises(RuleError, match="blocked"):
        store.assign(event.id, "A-03", "P1", user=USER)
    with pytest.raises(RuleError, match="blocked"):
        store.set_status(event.id, ["B-01"], "blocked", user=USER)


def test_the_database_itself_refuses_a_blocked_booth_with_an_applicant(store, event):
    store.assign(event.id, "A-01", "P1", user=USER)
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.execute(update(BoothRow).where(BoothRow.booth_id == "A-01")
                        .values(status="blocked"))


def test_the_database_refuses_an_assignment_to_another_events_applicant(store, event):
    other = store.create_event("Pameran Lain")
    store.save_applicants(other.id, [Applicant("X1", "Lain", "11.04", "bordir")], user=USER)
    with store.transaction() as session:
        foreign_pk = session.execute(text(
            "SELECT id FROM applicants WHERE applicant_id = 'X1'")).scalar_one()
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.execute(update(BoothRow).where(BoothRow.event_id == event.id,
                                               BoothRow.booth_id == "A-01")
                        .values(applicant_pk=foreign_pk))


def test_a_failed_multi_booth_change_writes_nothing(store, event):
    with pytest.raises(RuleError):
        store.change_booths(event.id, {"A-01": {"applicant_id": "P1"},
                                       "B-01": {"applicant_id": "P1"}},
                            user=USER, action="booth.assign")
    assert holders(store, event.id) == {}
    assert store.history(event.id)[0].action == "applicants.save"


def test_move_swap_lock_and_their_history(store, event):
    store.assign(event.id, "A-01", "P1", user=USER)
    store.assign(event.id, "A-02", "P3", user=USER)
    store.move(event.id, "A-01", "A-03", user=USER)
    store.swap(event.id, "A-02", "A-03", user=USER)
    store.set_locked(event.id, ["A-02"], True, user=USER)
    state = store.state(event.id)
    assert holders(store, event.id) == {"A-02": "P1", "A-03": "P3"}
    assert state.assignment_by_booth()["A-02"].locked
    assert state.applicant_by_id()["P1"].locked_booth_ids == ("A-02",)
    actions = [c.action for c in store.history(event.id)[:5]]
    assert actions == ["booth.lock", "booth.swap", "booth.move", "booth.assign", "booth.assign"]
    assert {c.user for c in store.history(event.id)[:5]} == {USER}


def test_undo_puts_booths_back_one_change_at_a_time(store, event):
    store.assign(event.id, "A-01", "P1", user=USER)
    store.move(event.id, "A-01", "A-02", user=USER)
    store.undo(event.id, user=USER)
    assert holders(store, event.id) == {"A-01": "P1"}
    store.undo(event.id, user=USER)
    assert holders(store, event.id) == {}
    with pytest.raises(NotFoundError):
        store.undo(event.id, user=USER)


def test_undo_is_refused_when_a_later_change_touched_the_same_booths(store, event):
    first = store.assign(event.id, "A-01", "P1", user="ana")
    store.set_locked(event.id, ["A-01"], True, user="budi")
    with pytest.raises(StoreError, match="changed again"):
        store.undo(event.id, first.id, user="ana")


def test_restore_the_state_before_an_allocation(store, event):
    store.assign(event.id, "A-01", "P1", user=USER)
    run = store.apply_allocation(event.id, [
        Assignment("A-02", "P1", source="auto"), Assignment("A-03", "P3", source="auto"),
        Assignment("B-03", "P2", source="auto"),
    ], user=USER, summary="pavilion")
    assert holders(store, event.id) == {"A-02": "P1", "A-03": "P3", "B-03": "P2"}
    assert run.booth_count == 4
    store.undo(event.id, run.id, user=USER)
    assert holders(store, event.id) == {"A-01": "P1"}


def test_an_undone_allocation_can_be_redone_and_undone_again(store, event):
    run = store.apply_allocation(event.id, [
        Assignment("A-02", "P1", source="auto"), Assignment("A-03", "P3", source="auto"),
    ], user=USER, summary="pavilion")
    undo = store.undo(event.id, run.id, user=USER)
    assert holders(store, event.id) == {}
    redo = store.redo(event.id, undo.id, user=USER)
    assert holders(store, event.id) == {"A-02": "P1", "A-03": "P3"}
    by_id = {c.id: c for c in store.history(event.id)}
    assert by_id[run.id].undone_by is None and by_id[undo.id].undone_by == redo.id
    assert not redo.undoable  # the allocation itself is undoable again, not the redo
    with pytest.raises(NotFoundError):
        store.redo(event.id, undo.id, user=USER)  # a second click redoes nothing
    store.undo(event.id, run.id, user=USER)
    assert holders(store, event.id) == {}


def test_redo_is_refused_when_a_booth_changed_after_the_undo(store, event):
    first = store.assign(event.id, "A-01", "P1", user=USER)
    undo = store.undo(event.id, first.id, user=USER)
    store.assign(event.id, "A-01", "P2", user="budi")
    with pytest.raises(StoreError, match="changed again"):
        store.redo(event.id, undo.id, user=USER)
    assert holders(store, event.id) == {"A-01": "P2"}


def test_apply_allocation_keeps_the_booths_it_is_told_to_keep(store, event):
    store.assign(event.id, "A-01", "P1", user=USER, locked=True)
    store.apply_allocation(event.id, [Assignment("B-01", "P2", source="auto")], user=USER,
                           keep={"A-01"})
    assert holders(store, event.id) == {"A-01": "P1", "B-01": "P2"}


def test_saving_applicants_with_locks_assigns_and_locks_their_booths(store, event):
    store.save_applicants(event.id, [Applicant("P4", "Songket", "12.19", "tenun",
                                               locked_booth_ids=("A-02", "A-03"))], user=USER)
    state = store.state(event.id)
    assert {a.booth_id for a in state.assignments if a.locked} == {"A-02", "A-03"}
    with pytest.raises(RuleError, match="zoned for kuliner"):
        store.save_applicants(event.id, [Applicant("P5", "Ulos", "12.12", "tenun",
                                                   locked_booth_ids=("B-01",))], user=USER)
    assert "P5" not in store.state(event.id).applicant_by_id()


def test_replacing_applicants_frees_the_booths_of_those_removed(store, event):
    store.assign(event.id, "A-01", "P1", user=USER)
    result = store.save_applicants(event.id, [Applicant("P2", "Kopi Lintong", "12.16",
                                                        "kuliner", "Kopi")],
                                   user=USER, replace=True)
    assert result == {"added": 0, "updated": 0, "removed": 2}
    assert holders(store, event.id) == {}
    assert set(store.state(event.id).applicant_by_id()) == {"P2"}


def test_booths_that_hold_applicants_are_not_removed_silently(store, event):
    store.assign(event.id, "A-01", "P1", user=USER)
    with pytest.raises(RuleError, match="A-01"):
        store.save_booths(event.id, [], user=USER, replace=True)
    with pytest.raises(RuleError, match="A-01"):
        store.delete_booths(event.id, ["A-01", "A-02"], user=USER)
    assert len(store.state(event.id).booths) == 6


def test_saving_booths_updates_by_id_and_counts_the_changes(store, event):
    moved = Booth("A-01", "Hall A", x=0, y=0, width_m=4.0, depth_m=3.0)
    new = Booth("C-01", "Hall C", x=0, y=0, booth_type="island", price_idr=2_500_000)
    assert store.save_booths(event.id, [moved, new], user=USER) == {
        "added": 1, "updated": 1, "removed": 0}
    state = store.state(event.id)
    assert state.halls == ("Hall A", "Hall C")
    assert state.booth_by_id()["A-01"].width_m == 4.0
    assert state.booth_by_id()["C-01"].price_idr == 2_500_000


def test_duplicate_ids_are_refused_before_anything_is_written(store, event):
    with pytest.raises(StoreError, match="used twice: X-1"):
        store.save_booths(event.id, [Booth("X-1", "Hall X", 0, 0), Booth("X-1", "Hall X", 3, 0)],
                          user=USER)
    assert "Hall X" not in store.state(event.id).halls


def test_counts_and_event_slugs(store, event):
    store.set_status(event.id, ["A-03"], "blocked", user=USER)
    store.assign(event.id, "A-01", "P1", user=USER)
    assert store.counts(event.id) == {"booths": 6, "assigned": 1, "blocked": 1, "free": 4,
                                      "applicants": 3}
    again = store.create_event("Pameran Uji")
    assert (event.slug, again.slug) == ("pameran-uji", "pameran-uji-2")


def test_region_aliases_are_remembered_per_event(store, event):
    store.remember_region_alias(event.id, "tobasa", "12.12", user=USER)
    assert store.region_aliases(event.id) == {"tobasa": "12.12"}
    other = store.create_event("Lain")
    assert store.region_aliases(other.id) == {}


def test_deleting_an_event_removes_everything_in_it(store, event):
    store.assign(event.id, "A-01", "P1", user=USER)
    store.delete_event(event.id)
    assert store.list_events() == []
    with pytest.raises(NotFoundError):
        store.state(event.id)
