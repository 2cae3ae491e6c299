"""The dry run against an event, and applying it to the store in one transaction or not at all."""

from __future__ import annotations

import pytest

from booth_planner.core.model import Applicant, Assignment, Booth, EventInfo, EventState
from booth_planner.importing.apply import ImportRefused, apply_import, remember_region_choice
from booth_planner.importing.preview import FieldChange, preview_import
from booth_planner.importing.readers import read_applicants, read_booths

EVENT = EventInfo(1, "pameran", "Pameran")
CURRENT_BOOTHS = (
    Booth("A-01", "Hall A", 0, 0, zone="tenun"),
    Booth("A-02", "Hall A", 3, 0),
    Booth("A-03", "Hall A", 6, 0),
)
CURRENT_APPLICANTS = (
    Applicant("P1", "Ulos Toba", "12.12", "tenun"),
    Applicant("P2", "Bika Ambon", "12.71", "kuliner"),
)
STATE = EventState(EVENT, CURRENT_BOOTHS, CURRENT_APPLICANTS,
                   (Assignment("A-01", "P1"), Assignment("A-03", "P2")))


def booths_file(*rows: str):
    return read_booths(("booth_id,hall,x,y,zone,status\n" + "\n".join(rows)).encode(),
                       "booths.csv")


def applicants_file(*rows: str):
    header = "applicant_id,name,region,category,booths_requested,locked_booth_id\n"
    return read_applicants((header + "\n".join(rows)).encode(), "applicants.csv")


def test_merge_lists_added_and_changed_with_field_differences_and_keeps_event_id_spelling():
    result = booths_file("a-02,Hall A,3,0,,blocked", "A-04,Hall A,9,0,,", "A-03,Hall A,6,0,,")
    preview = preview_import(STATE, result, "booths", "merge")
    assert preview.ok, [str(p) for p in preview.problems]
    assert preview.added == ("A-04",)
    assert [(c.item_id, c.changes) for c in preview.changed] == [
        ("A-02", (FieldChange("status", "available", "blocked"),))]
    assert preview.removed == () and preview.unchanged == 1
    assert [b.booth_id for b in preview.items] == ["A-02", "A-04", "A-03"]


def test_replace_refuses_to_remove_or_block_booths_holding_applicants():
    result = booths_file("A-02,Hall A,3,0,,", "A-03,Hall A,6,0,,blocked")
    preview = preview_import(STATE, result, "booths", "replace")
    assert preview.removed == ("A-01",)
    assert [str(p) for p in preview.problems] == [
        "booths.csv: replace would remove booth A-01, which holds applicant P1 "
        "(unassign that booth first, or keep it in the file)",
        "booths.csv, row 3, column status: booth A-03 would be blocked but holds applicant P2 "
        "(unassign that booth first)",
    ]
    assert not preview.ok


def test_zone_change_that_breaks_an_assignment_and_overlap_with_a_kept_booth():
    result = booths_file("A-03,Hall A,6,0,batik,", "A-09,Hall A,3,1,,")
    preview = preview_import(STATE, result, "booths", "merge")
    assert [str(p) for p in preview.problems] == [
        "booths.csv, row 2: booth A-03 would be zoned for 'batik' but holds P2 of category "
        "'kuliner' (unassign that booth first, or make zone and category agree)",
        "warning: booths.csv, row 2: no applicant has the category of zone 'batik'; booths A-03 "
        "will stay empty (check the spelling; the applicants' categories are: kuliner, tenun)",
        "booths.csv, row 3: booth A-09 overlaps booth A-02, already in hall Hall A "
        "(check x, y, width_m and depth_m, or use replace mode)",
    ]


def test_removing_a_booth_that_an_applicant_locked_is_an_error():
    state = EventState(EVENT, CURRENT_BOOTHS,
                       (Applicant("P1", "Ulos", "12.12", "tenun", locked_booth_ids=("A-02",)),), ())
    preview = preview_import(state, booths_file("A-01,Hall A,0,0,tenun,", "A-03,Hall A,6,0,,"),
                             "booths", "replace")
    assert [str(p) for p in preview.problems] == [
        "booths.csv, column locked_booth_id: the locked booth 'A-02' of P1 does not exist "
        "(check the booth id against the booths file)"]


def test_applicants_replace_frees_booths_with_a_warning_only():
    preview = preview_import(STATE, applicants_file("P1,Ulos Toba,Kabupaten Toba,tenun,1,"),
                             "applicants", "replace")
    assert preview.ok
    assert preview.removed == ("P2",)
    assert preview.changed == ()
    assert preview.freed_assignments == (Assignment("A-03", "P2"),)
    assert [str(p) for p in preview.problems] == [
        "warning: applicants.csv: replace would remove applicant P2; booth A-03 becomes free "
        "(keep the applicant in the file if they still take part)"]


def test_applicant_lock_on_a_booth_someone_else_holds():
    preview = preview_import(STATE, applicants_file("P3,Tenun Baru,Kota Medan,tenun,1,A-01"),
                             "applicants", "merge")
    assert [str(p) for p in preview.problems] == [
        "applicants.csv, row 2, column locked_booth_id: the locked booth 'A-01' of P3 holds P1 "
        "(unassign that booth first or choose another)"]


def test_category_change_that_breaks_an_assigned_zone():
    preview = preview_import(STATE, applicants_file("P1,Ulos Toba,Kabupaten Toba,batik,1,"),
                             "applicants", "merge")
    assert [p.code for p in preview.problems] == ["zone_breaks_assignment",
                                                  "zone_without_applicants"]
    assert preview.problems[0].row == 2


def test_file_problems_carry_into_the_preview():
    preview = preview_import(STATE, booths_file("A-05,Hall A,tiga,0,,"), "booths", "merge")
    assert [p.code for p in preview.problems] == ["not_a_number"]
    assert not preview.ok and preview.added == ()


def test_unknown_kind_or_mode():
    with pytest.raises(ValueError):
        preview_import(STATE, booths_file(), "stands", "merge")


# --- applying to the store ------------------------------------------------------------------


def test_apply_merge_then_replace_in_the_store(sqlite_store):
    event = sqlite_store.create_event("Pameran Kerajinan Sumut")
    result = booths_file("A-01,Hall A,0,0,tenun,", "A-02,Hall A,3,0,,")
    preview = preview_import(sqlite_store.state(event.id), result, "booths", "merge")
    assert apply_import(sqlite_store, event.id, preview, "budi") == {
        "added": 2, "updated": 0, "removed": 0}
    result = applicants_file("P1,Ulos Toba,Kab. Toba,tenun,1,A-01")
    preview = preview_import(sqlite_store.state(event.id), result, "applicants", "merge")
    apply_import(sqlite_store, event.id, preview, "budi")
    state = sqlite_store.state(event.id)
    assert state.applicants == (Applicant("P1", "Ulos Toba", "12.12", "tenun",
                                          locked_booth_ids=("A-01",)),)
    assert state.assignments[0].booth_id == "A-01" and state.assignments[0].locked

    preview = preview_import(state, booths_file("A-01,Hall A,0,0,tenun,", "B-01,Hall B,0,0,,"),
                             "booths", "replace")
    assert preview.ok and preview.removed == ("A-02",)
    assert apply_import(sqlite_store, event.id, preview, "budi") == {
        "added": 1, "updated": 0, "removed": 1}
    assert [b.booth_id for b in sqlite_store.state(event.id).booths] == ["A-01", "B-01"]


def test_apply_writes_nothing_when_the_preview_has_errors_or_is_stale(sqlite_store):
    event = sqlite_store.create_event("Pameran")
    bad = preview_import(sqlite_store.state(event.id), booths_file("A-01,H,x,0,,"), "booths")
    with pytest.raises(ImportRefused) as caught:
        apply_import(sqlite_store, event.id, bad, "budi")
    assert caught.value.code == "has_errors"
    stale = preview_import(sqlite_store.state(event.id), booths_file("A-01,H,0,0,,"), "booths")
    sqlite_store.save_booths(event.id, [Booth("Z-01", "H", 50, 50)], user="ani")
    with pytest.raises(ImportRefused) as caught:
        apply_import(sqlite_store, event.id, stale, "budi")
    assert caught.value.code == "stale"
    assert [b.booth_id for b in sqlite_store.state(event.id).booths] == ["Z-01"]


def test_remembered_region_choice_resolves_the_next_read(sqlite_store):
    event = sqlite_store.create_event("Pameran")
    first = applicants_file("P1,Batik,Bandung,batik,1,")
    assert first.unresolved_regions[0].text == "Bandung"
    remember_region_choice(sqlite_store, event.id, "Bandung", "32.73", "budi")
    again = read_applicants(b"applicant_id,name,region,category\nP1,Batik,BANDUNG ,batik\n",
                            "applicants.csv", sqlite_store.region_aliases(event.id))
    assert again.ok and again.items[0].region_code == "32.73"
    with pytest.raises(KeyError):
        remember_region_choice(sqlite_store, event.id, "Bandung", "99.99", "budi")


def test_a_lock_dropped_from_the_file_is_announced_as_kept(sqlite_store):
    event = sqlite_store.create_event("Pameran")
    sqlite_store.save_booths(event.id, [Booth("A-01", "H", 0, 0), Booth("A-02", "H", 3, 0)],
                             user="budi")
    first = applicants_file("P1,Ulos,Kab. Toba,tenun,1,A-01")
    apply_import(sqlite_store, event.id,
                 preview_import(sqlite_store.state(event.id), first, "applicants"), "budi")
    moved = preview_import(sqlite_store.state(event.id),
                           applicants_file("P1,Ulos,Kab. Toba,tenun,2,A-02"), "applicants")
    assert [str(p) for p in moved.problems] == [
        "warning: applicants.csv, row 2, column locked_booth_id: booth A-01 stays locked to P1; "
        "an import adds locks but never releases one (release the lock on the floor plan page "
        "if it is no longer wanted)"]
    apply_import(sqlite_store, event.id, moved, "budi")
    locked = {a.booth_id for a in sqlite_store.state(event.id).assignments if a.locked}
    assert locked == {"A-01", "A-02"}
