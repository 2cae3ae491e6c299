"""Booth changes against a real store: each one checks the versions the organizer saw.

The floor plan and the booth setup page pass the versions read with what the organizer looked
at; a booth changed in between raises ConflictError and nothing is written.
"""

from __future__ import annotations

import pytest

from booth_planner.storage import ConflictError, RuleError
from tests.floor_sample import sample_state


@pytest.fixture
def event_id(store) -> int:
    """The sample event in the store, with its booths and applicants and no assignments."""
    sample = sample_state()
    event = store.create_event("Pameran uji")
    store.save_booths(event.id, list(sample.booths), user="setup")
    store.save_applicants(event.id, list(sample.applicants), user="setup")
    return event.id


def holders(store, event_id):
    return {a.booth_id: (a.applicant_id, a.locked) for a in store.state(event_id).assignments}


def test_assign_move_swap_unassign(store, event_id):
    seen = store.booth_versions(event_id)
    store.assign(event_id, "A-01", "P-1", user="rina", expected_version=seen.get("A-01"))
    store.assign(event_id, "A-02", "P-3", user="rina",
                       expected_version=store.booth_versions(event_id).get("A-02"), locked=True)
    assert holders(store, event_id) == {"A-01": ("P-1", False), "A-02": ("P-3", True)}
    store.move(event_id, "A-02", "A-03", user="rina",
                     expected_versions=store.booth_versions(event_id))
    assert holders(store, event_id) == {"A-01": ("P-1", False), "A-03": ("P-3", True)}
    store.swap(event_id, "A-01", "A-03", user="rina",
                     expected_versions=store.booth_versions(event_id))
    assert holders(store, event_id) == {"A-01": ("P-3", True), "A-03": ("P-1", False)}
    store.unassign(event_id, "A-01", user="rina",
                         expected_version=store.booth_versions(event_id).get("A-01"))
    assert holders(store, event_id) == {"A-03": ("P-1", False)}


def test_a_booth_taken_since_the_plan_was_read_is_a_conflict(store, event_id):
    seen = store.booth_versions(event_id)
    store.assign(event_id, "A-03", "P-1", user="budi")
    with pytest.raises(ConflictError) as caught:
        store.assign(event_id, "A-03", "P-3", user="rina", expected_version=seen.get("A-03"))
    assert caught.value.changed_by == "budi"
    assert caught.value.current_applicant_id == "P-1"
    assert holders(store, event_id) == {"A-03": ("P-1", False)}


@pytest.mark.parametrize("edit", [
    lambda s, e, v: s.set_locked(e, ["A-01"], True, user="rina", expected_versions=v),
    lambda s, e, v: s.set_status(e, ["A-01"], "blocked", user="rina", expected_versions=v),
    lambda s, e, v: s.set_zone(e, ["A-01"], "tenun", user="rina", expected_versions=v),
    lambda s, e, v: s.unassign(e, "A-01", user="rina", expected_version=v.get("A-01")),
    lambda s, e, v: s.move(e, "A-01", "A-03", user="rina", expected_versions=v),
])
def test_every_edit_checks_versions(store, event_id, edit):
    store.assign(event_id, "A-01", "P-1", user="budi")
    seen = store.booth_versions(event_id)
    store.unassign(event_id, "A-01", user="budi")
    store.assign(event_id, "A-01", "P-3", user="budi")
    with pytest.raises(ConflictError):
        edit(store, event_id, seen)
    assert holders(store, event_id) == {"A-01": ("P-3", False)}


def test_lock_block_and_zone_a_selection(store, event_id):
    store.assign(event_id, "A-01", "P-1", user="rina")
    store.set_locked(event_id, ["A-01", "A-03"], True, user="rina",
                           expected_versions=store.booth_versions(event_id))
    assert holders(store, event_id) == {"A-01": ("P-1", True)}
    store.set_status(event_id, ["A-02", "A-03"], "blocked", user="rina",
                           expected_versions=store.booth_versions(event_id))
    store.set_zone(event_id, ["BA-01", "BA-02"], "batik", user="rina",
                         expected_versions=store.booth_versions(event_id))
    booths = store.state(event_id).booth_by_id()
    assert (booths["A-02"].status, booths["A-03"].status) == ("blocked", "blocked")
    assert (booths["BA-01"].zone, booths["BA-02"].zone) == ("batik", "batik")
    store.set_status(event_id, ["A-02"], "available", user="rina",
                           expected_versions=store.booth_versions(event_id))
    store.set_zone(event_id, ["BA-01"], None, user="rina",
                         expected_versions=store.booth_versions(event_id))
    booths = store.state(event_id).booth_by_id()
    assert booths["A-02"].status == "available" and booths["BA-01"].zone is None
    with pytest.raises(RuleError):
        store.set_status(event_id, ["A-01"], "blocked", user="rina",
                               expected_versions=store.booth_versions(event_id))


def test_undo_puts_the_booth_back(store, event_id):
    change = store.assign(event_id, "A-03", "P-1", user="rina",
                                expected_version=store.booth_versions(event_id).get("A-03"))
    store.undo(event_id, change.id, user="rina")
    assert holders(store, event_id) == {}
    assert store.history(event_id)[1].undone_by == store.history(event_id)[0].id
