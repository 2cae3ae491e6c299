"""History view: local times in both languages, actions in words, booths touched, what to undo."""

from datetime import UTC, datetime

from booth_planner.history import (
    action_label,
    booths_touched,
    changes_frame,
    effect_text,
    last_redoable,
    last_undoable,
    needs_confirmation,
    restorable_allocations,
    summary_text,
    touched_count,
    undo_effect,
)
from booth_planner.storage import Change

AT = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)


def _change(id_, action="booth.assign", undoable=True, undone_by=None, **details):
    booths = details.get("booths", {})
    return Change(id=id_, at=AT, user="ana", action=action, summary="AA-01 → P-003",
                  undoable=undoable, undone_by=undone_by, booth_count=len(booths),
                  details=details)


def test_actions_are_said_in_words_and_unknown_ones_as_they_are():
    assert action_label("booth.assign", "id") == "Stand diberikan"
    assert action_label("allocation.apply", "en") == "Automatic allocation"
    assert action_label("some.future.action", "en") == "some.future.action"


def test_counted_summaries_are_translated():
    change = _change(1, "booths.save", undoable=False, added=3, updated=0, removed=1)
    assert summary_text(change, "id") == "3 ditambah, 0 diubah, 1 dihapus"
    assert summary_text(_change(2), "id") == "AA-01 → P-003"


def test_changes_frame_says_which_can_be_undone():
    frame = changes_frame([_change(3), _change(2, undone_by=3), _change(1, undoable=False)], "en")
    assert list(frame["state"]) == ["can be undone", "undone by #3", "cannot be undone"]
    assert frame.loc[0, "time"] == "23 November 2026, 16:05 WIB"


def test_booths_touched_lists_holders_before_and_after():
    change = _change(5, booths={
        "AA-02": {"before": {"applicant_id": None, "locked": False, "status": "available"},
                  "after": {"applicant_id": "P-1", "locked": True, "status": "available"}},
        "AA-01": {"before": {"applicant_id": "P-2", "locked": False, "status": "available"},
                  "after": {"applicant_id": None, "locked": False, "status": "blocked"}},
    })
    frame = booths_touched(change, "id")
    assert frame.values.tolist() == [["AA-01", "P-2", "", "tersedia", "diblokir"],
                                     ["AA-02", "", "P-1 🔒", "tersedia", "tersedia"]]


def test_booths_removed_by_an_edit_are_listed_with_their_holder():
    change = _change(6, "booths.edit", removed_booths=["AA-03", "AA-04"],
                     freed_by_removal=["AA-04 (P-9)"])
    assert touched_count(change) == 2
    assert booths_touched(change, "en").values.tolist() == [
        ["AA-03", "", "", "", "removed"], ["AA-04", "P-9", "", "", "removed"]]


def test_last_undoable_and_restorable_allocations():
    changes = [_change(6, undoable=False), _change(5, undone_by=7),
               _change(4, "allocation.apply"), _change(3, "allocation.apply", undone_by=8),
               _change(2)]
    assert last_undoable(changes).id == 4
    assert [c.id for c in restorable_allocations(changes)] == [4]
    assert last_undoable(changes[:2]) is None


def test_an_undo_says_what_it_changes_in_numbers_and_big_ones_ask_first():
    booths = {
        "A-1": {"before": {"applicant_id": None}, "after": {"applicant_id": "P-1"}},
        "A-2": {"before": {"applicant_id": "P-2"}, "after": {"applicant_id": None}},
        "A-3": {"before": {"applicant_id": "P-2"}, "after": {"applicant_id": "P-3"}},
        "A-4": {"before": {"applicant_id": "P-4", "locked": False},
                "after": {"applicant_id": "P-4", "locked": True}},
    }
    run = _change(5, "allocation.apply", booths=booths)
    assert undo_effect(run) == {"booths": 4, "freed": 1, "given_back": 1, "reassigned": 1,
                                "other": 1}
    assert undo_effect(run, redo=True)["freed"] == 1
    assert effect_text(undo_effect(run), "en") == (
        "4 booths change: 1 become free, 1 get their previous exhibitor back, "
        "1 change exhibitor, 1 only lock, block or zone")
    assert needs_confirmation(run)
    assert not needs_confirmation(_change(6, "booth.assign", booths=booths))
    many = {f"A-{i}": booths["A-1"] for i in range(6)}
    assert needs_confirmation(_change(7, "booth.blocked", booths=many))


def test_after_an_undo_the_history_offers_to_redo_it():
    changes = [_change(9, "undo", undoable=False, undoes=8),
               _change(8, "allocation.apply", undone_by=9), _change(2, undoable=False)]
    assert last_undoable(changes) is None
    assert last_redoable(changes).id == 9
    assert last_redoable([_change(10), *changes]) is None


def test_an_allocation_summary_is_said_in_the_chosen_language():
    change = _change(9, "allocation.apply", mode="pavilion", regions_covered=58,
                     regions_applying=58, applicants_placed=112, applicants=150,
                     booths_changed=116)
    assert summary_text(change, "id") == \
        "paviliun: 58/58 wilayah, 112/150 peserta, 116 stand berubah"
    assert summary_text(change, "en") == \
        "pavilion: 58/58 regions, 112/150 applicants, 116 booths changed"


def test_an_undo_names_the_undone_change_in_words_not_its_code():
    undo = Change(id=11, at=AT, user="ana", action="undo",
                  summary="#10 allocation.apply pavilion: 35/35 regions, 42/42 applicants",
                  undoable=False, undone_by=None, booth_count=47)
    assert summary_text(undo, "id") == "membatalkan #10 (Alokasi otomatis)"
    assert summary_text(undo, "en") == "undoes #10 (Automatic allocation)"
