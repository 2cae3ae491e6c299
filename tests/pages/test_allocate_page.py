"""Allocate page: renders on both demos in both languages; run, preview, apply, restore, conflict."""

import pytest

from app_support import User
from booth_planner.allocation import allocate
from booth_planner.storage import open_store
from tests.pages.helpers import NATIONAL, PON, open_page, store_and_event


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang, title", [("id", "Alokasi otomatis"), ("en", "Automatic allocation")])
@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_renders_on_both_demos_in_both_languages(app, lang, title, slug):
    at = open_page(app, "alokasi", lang=lang, event_slug=slug)
    assert not at.exception
    assert at.title[0].value == title
    assert not at.error


def test_run_preview_apply_then_restore_from_history(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "alokasi", lang="en", event_slug=PON)
    at = at.button(key="allocate_page.run").click().run()
    assert not at.exception
    expected = allocate(store.state(event.id).booths, store.state(event.id).applicants).stats
    placed, used = expected.applicants_placed, expected.booths_used
    figures = _metrics(at)
    # Kabupaten/kota (coverage.region_counts): the two province pavilions are counted apart.
    assert figures["Regions represented"] == "56 / 56"
    assert figures["Applicants placed"] == f"{placed} / 150"
    assert figures["Booths changing"] == str(used)
    assert "Proven best: coverage and priority reach the most possible." in [s.value for s in at.success]
    unplaced = at.dataframe[-1].value
    assert len(unplaced) == 150 - placed and "reason_code" not in unplaced  # said in words
    assert unplaced["reason"].str.len().min() > 10
    assert store.state(event.id).assignments == ()  # a preview writes nothing

    at = at.button(key="allocate_page.apply").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Allocation applied: {used} booths changed.")
    state = store.state(event.id)
    assert len(state.assignments) == used
    assert len({a.applicant_id for a in state.assignments}) == placed
    change = store.history(event.id)[0]
    assert (change.action, change.undoable) == ("allocation.apply", True)
    assert change.summary == f"pavilion: 58/58 regions, {placed}/150 applicants, {used} booths changed"

    at.switch_page("pages/history.py")
    at = at.run()
    # The restore button's key carries the change id; restoring many booths asks first.
    at = next(b for b in at.button if b.key.startswith("history.restore.")).click().run()
    at = next(b for b in at.button if b.key.startswith("history.restore_yes.")).click().run()
    assert not at.exception
    assert store.state(event.id).assignments == ()


def test_a_change_by_someone_else_makes_apply_fail_cleanly(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "alokasi", event_slug=PON)
    at = at.radio(key="allocate_page.mode").set_value("mixed").run()
    at = at.button(key="allocate_page.run").click().run()
    store.assign(event.id, "BA-02", "P-003", user="budi")
    at = at.button(key="allocate_page.apply").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("Stand BA-02 diubah oleh budi sejak pratinjau dihitung")
    assert [(a.booth_id, a.applicant_id) for a in store.state(event.id).assignments] == [
        ("BA-02", "P-003")]
    assert store.history(event.id)[0].action == "booth.assign"


def test_keep_hand_placed_booths_and_say_who_would_lose(app, app_database):
    store, event = store_and_event(app_database)
    store.assign(event.id, "AA-01", "P-003", user="ana")
    at = open_page(app, "alokasi", lang="en", event_slug=PON)
    at = at.radio(key="allocate_page.keep").set_value("hand_placed").run()
    at = at.button(key="allocate_page.run").click().run()
    assert _metrics(at)["Losing their booths"] == "0"
    at = at.button(key="allocate_page.apply").click().run()
    held = store.state(event.id).assignment_by_booth()
    assert held["AA-01"].applicant_id == "P-003" and held["AA-01"].source == "manual"


def test_discard_leaves_everything_as_it_was(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "alokasi", event_slug=PON)
    at = at.button(key="allocate_page.run").click().run()
    at = at.button(key="allocate_page.discard").click().run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "allocate_page.apply"]
    assert store.state(event.id).assignments == ()


def test_impossible_locks_are_listed_and_nothing_runs(app, app_database):
    store, event = store_and_event(app_database)
    store.assign(event.id, "AA-01", "P-003", user="ana", locked=True)
    store.assign(event.id, "AA-05", "P-003", user="ana", locked=True, allow_extra=True)  # asks for one booth
    at = open_page(app, "alokasi", lang="en", event_slug=PON)
    at = at.button(key="allocate_page.run").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("Locks or kept booths cannot all hold; nothing was computed:")
    assert "P-003" in at.error[0].value
    assert not [b for b in at.button if b.key == "allocate_page.apply"]


def test_a_viewer_may_look_but_not_change(app, app_database):
    store = open_store(app_database)
    pon = next(e for e in store.list_events() if e.slug == PON)
    store.assign(pon.id, "AA-01", "P-003", user="ana")  # something to undo
    at = open_page(app, "alokasi", lang="en", event_slug=PON)
    at.session_state["user"] = User(name="tamu", role="viewer")
    at = at.run()
    assert not at.exception
    for key in ['allocate_page.run']:
        assert at.button(key=key).disabled

