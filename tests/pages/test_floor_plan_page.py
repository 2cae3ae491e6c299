"""The floor plan page in AppTest: it renders on the demo events, and clicks change the database.

A click on the plan is simulated as Streamlit records it: the chart's selection event is put in
``session_state[<chart key>]`` before a run (the page keeps its current chart key in
``floor.chart_key``).
"""

from __future__ import annotations

import json

import pytest

from app_support import User
from booth_planner.core.plain_text import plain
from booth_planner.storage import open_store
from tests.pages.helpers import NATIONAL, PON, open_page, shown


def figure(at) -> dict:
    """The plan's Plotly figure as the browser receives it."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def group_of(at, booth_id: str) -> str | None:
    """The colour group (trace meta ``g:...``) that draws ``booth_id`` on the plan."""
    for trace in figure(at)["data"]:
        if str(trace.get("meta", "")).startswith("g:") and booth_id in trace["customdata"]:
            return trace["meta"]
    return None


def click(at, *booth_ids: str):
    """Select booths on the plan (one is a click, several a box selection) and rerun."""
    points = [{"customdata": b, "curve_number": 0, "point_index": i}
              for i, b in enumerate(booth_ids)]
    at.session_state[at.session_state["floor.chart_key"]] = {
        "selection": {"points": points, "point_indices": list(range(len(points))),
                      "box": [], "lasso": []}}
    return at.run()


def button(at, key: str):
    return next(b for b in at.button if b.key == key)


def button_for(at, kind: str):
    """The undo or redo button (keyed by the change it was drawn for)."""
    return next(b for b in at.button if b.key.startswith(f"floor.{kind}."))


def state_of(database_url: str, slug: str):
    store = open_store(database_url)
    event = next(e for e in store.list_events() if e.slug == slug)
    return store, event


def holder(database_url, slug, booth_id):
    store, event = state_of(database_url, slug)
    assignment = store.state(event.id).assignment_by_booth().get(booth_id)
    return (assignment.applicant_id, assignment.locked) if assignment else None


@pytest.mark.parametrize("slug", [PON, NATIONAL])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_renders_every_booth_of_the_first_hall(app, slug, lang):
    at = open_page(app, "denah", lang=lang, event_slug=slug)
    assert not at.exception
    assert at.title[0].value == ("Denah stand" if lang == "id" else "Floor plan")
    booths = next(t for t in figure(at)["data"] if t.get("meta") == "booths")
    assert len(booths["customdata"]) == (72 if slug == PON else 280)
    assert at.info[0].value.startswith("Klik stand" if lang == "id" else "Click a booth")


def test_every_hall_and_colour_mode_renders(app):
    at = open_page(app, "denah", event_slug=NATIONAL)
    for hall in ("Hall B", "Hall C", "Hall D"):
        at = at.selectbox(key="floor.hall").set_value(hall).run()
        assert not at.exception
        booths = next(t for t in figure(at)["data"] if t.get("meta") == "booths")
        assert {b[0] for b in booths["customdata"]} == {hall[-1]}
    for mode in ("category", "status"):
        at.session_state["floor.color_by"] = mode
        at = at.run()
        assert not at.exception
        assert figure(at)["layout"]["legend"]["title"]["text"] == \
            {"category": "Kategori", "status": "Status"}[mode]


def test_click_a_free_booth_and_assign_the_first_unplaced_applicant(app, app_database):
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AA-01")
    assert not at.exception
    assert at.subheader[0].value == "Stand AA-01"
    assert group_of(at, "AA-01") == "g:free"
    chosen = at.selectbox(key="floor.applicant").value
    assert chosen  # the first unplaced applicant is preselected
    at = button(at, "floor.assign").click().run()
    assert not at.exception
    assert holder(app_database, PON, "AA-01") == (chosen, False)
    store, event = state_of(app_database, PON)
    name = store.state(event.id).applicant_by_id()[chosen].name
    # The Markdown source: the name escaped, so the browser shows it exactly as typed.
    assert at.success[0].value == f"Stand AA-01 → {plain(name)} ({chosen})."
    assert group_of(at, "AA-01").startswith("g:p:")  # coloured by its province now


def test_search_then_assign_locked(app, app_database):
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AB-03")
    at = at.text_input(key="floor.search").input("ulos").run()
    options = at.selectbox(key="floor.applicant").options
    assert options and all("Ulos" in o or "ulos" in o.casefold() for o in options)
    at = at.checkbox(key="floor.assign_locked").check().run()
    choice = at.selectbox(key="floor.applicant").value
    at = button(at, "floor.assign").click().run()
    assert holder(app_database, PON, "AB-03") == (choice, True)
    assert group_of(at, "AB-03").startswith("g:p:12")  # an ulos maker of Sumatera Utara


def test_unassign_lock_move_and_swap(app, app_database):
    store, event = state_of(app_database, PON)
    store.assign(event.id, "AA-01", "P-003", user="setup")
    store.assign(event.id, "AA-02", "P-004", user="setup")
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AA-01")
    at = button(at, "floor.lock_one").click().run()
    assert holder(app_database, PON, "AA-01") == ("P-003", True)
    at = at.selectbox(key="floor.move_to").set_value("AA-05").run()
    at = button(at, "floor.move").click().run()
    assert holder(app_database, PON, "AA-01") is None
    assert holder(app_database, PON, "AA-05") == ("P-003", True)  # the lock moves with it
    assert at.session_state["floor.selected"] == ["AA-05"]
    at = at.selectbox(key="floor.swap_with").set_value("AA-02").run()
    at = button(at, "floor.swap").click().run()
    assert holder(app_database, PON, "AA-05") == ("P-004", False)
    assert holder(app_database, PON, "AA-02") == ("P-003", True)
    assert at.session_state["floor.selected"] == ["AA-02"]  # the panel follows the exhibitor
    at = button(at, "floor.unassign").click().run()
    assert not at.exception
    assert holder(app_database, PON, "AA-02") is None


def test_move_and_swap_by_picking_the_target_on_the_plan(app, app_database):
    store, event = state_of(app_database, PON)
    store.assign(event.id, "AA-01", "P-003", user="setup")
    store.assign(event.id, "BA-05", "P-004", user="setup")  # far away, in the other hall
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AA-01")
    at = button(at, "floor.relocate").click().run()
    assert at.subheader[0].value == "Pindahkan atau tukar AA-01"
    at = click(at, "AF-01")  # a free booth
    assert at.session_state["floor.selected"] == ["AA-01", "AF-01"]
    go = button(at, "floor.relocate_go")
    assert go.label == "Pindahkan dari AA-01 ke AF-01"
    at = go.click().run()
    assert holder(app_database, PON, "AF-01") == ("P-003", False)
    assert holder(app_database, PON, "AA-01") is None
    at = button(at, "floor.relocate").click().run()
    at = at.selectbox(key="floor.hall").set_value("Hall B").run()
    assert at.session_state["floor.selected"] == ["AF-01"]  # still moving AF-01's exhibitor
    at = click(at, "BA-05")
    go = button(at, "floor.relocate_go")
    assert go.label == "Tukar AF-01 ⇄ BA-05"
    at = go.click().run()
    assert holder(app_database, PON, "BA-05") == ("P-003", False)
    assert holder(app_database, PON, "AF-01") == ("P-004", False)
    at = at.selectbox(key="floor.hall").set_value("Hall A").run()
    assert at.session_state["floor.selected"] == []  # a new hall starts with nothing selected


def test_picking_a_blocked_booth_as_target_explains_why_not(app, app_database):
    store, event = state_of(app_database, PON)
    store.assign(event.id, "AC-05", "P-003", user="setup")
    at = open_page(app, "denah", event_slug=PON)
    at = button(click(at, "AC-05"), "floor.relocate").click().run()
    at = click(at, "AC-06")  # blocked in the demo: a column of the building
    assert at.warning[0].value == "Stand AC-06 diblokir; pilih stand lain."
    at = click(at, "AB-06")
    at = button(at, "floor.relocate_go").click().run()
    assert holder(app_database, PON, "AB-06") == ("P-003", False)


def test_box_selection_blocks_zones_and_unblocks(app, app_database):
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AE-01", "AE-02", "AE-03")
    assert at.subheader[0].value == "3 stand dipilih"
    at = button(at, "floor.block").click().run()
    store, event = state_of(app_database, PON)
    booths = store.state(event.id).booth_by_id()
    assert [booths[b].status for b in ("AE-01", "AE-02", "AE-03")] == ["blocked"] * 3
    assert group_of(at, "AE-02") == "g:blocked"
    at = button(at, "floor.unblock").click().run()
    at = at.selectbox(key="floor.zone").set_value("batik").run()
    at = button(at, "floor.set_zone").click().run()
    booths = store.state(event.id).booth_by_id()
    assert [(booths[b].status, booths[b].zone) for b in ("AE-01", "AE-02", "AE-03")] == \
        [("available", "batik")] * 3


def test_a_booth_holding_an_exhibitor_cannot_be_blocked(app, app_database):
    store, event = state_of(app_database, PON)
    store.assign(event.id, "AA-01", "P-003", user="setup")
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AA-01", "AA-02")
    assert button(at, "floor.block").disabled
    assert "Stand berisi peserta tidak bisa diblokir; kosongkan dahulu: AA-01" in \
        [c.value for c in at.caption]


def test_a_conflict_names_who_changed_the_booth_and_writes_nothing(app, app_database):
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AC-01")
    store, event = state_of(app_database, PON)
    store.assign(event.id, "AC-01", "P-010", user="budi")  # another organizer, meanwhile
    at = button(at, "floor.assign").click().run()
    assert not at.exception
    message = at.error[0].value
    assert "AC-01" in message and "budi" in message
    assert holder(app_database, PON, "AC-01") == ("P-010", False)
    assert group_of(at, "AC-01").startswith("g:p:")  # the plan shows the current state


def test_a_booth_changed_and_changed_back_meanwhile_is_still_a_conflict(app, app_database):
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AC-02")
    store, event = state_of(app_database, PON)
    store.assign(event.id, "AC-02", "P-010", user="budi")
    store.unassign(event.id, "AC-02", user="budi")  # free again, but not the booth she saw
    at = button(at, "floor.assign").click().run()
    assert "budi" in at.error[0].value
    assert holder(app_database, PON, "AC-02") is None


def test_undo_my_last_change(app, app_database):
    at = open_page(app, "denah", event_slug=PON)
    assert button(at, "floor.undo.none").disabled
    at = click(at, "AA-07")
    at = button(at, "floor.assign").click().run()
    assert holder(app_database, PON, "AA-07") is not None
    at = button_for(at, "undo").click().run()
    assert not at.exception
    assert holder(app_database, PON, "AA-07") is None
    assert group_of(at, "AA-07") == "g:free"
    assert shown(at.success[0].value).startswith("Dibatalkan: #")


def test_switching_the_event_drops_the_selection(app, app_database):
    at = open_page(app, "denah", event_slug=PON)
    at = click(at, "AA-01")  # a booth id both demo events have
    national = next(e for e in open_store(app_database).list_events() if e.scope == "national")
    at.session_state["event_id"] = national.id
    at = at.run()
    assert not at.exception
    assert at.session_state["floor.selected"] == []
    assert not at.subheader


def test_english_panel(app):
    at = open_page(app, "denah", lang="en", event_slug=PON)
    at = click(at, "AA-01")
    assert at.subheader[0].value == "Booth AA-01"
    assert button(at, "floor.assign").label == "Assign to this booth"


def test_a_viewer_sees_the_booth_but_cannot_change_it(app):
    at = open_page(app, "denah", event_slug=PON)
    at.session_state["user"] = User(name="tamu", role="viewer")
    at = click(at, "AA-01")
    assert not at.exception
    assert at.subheader[0].value == "Stand AA-01"
    assert not [b for b in at.button if b.key in ("floor.assign", "floor.block") or b.key.startswith("floor.undo")]


def test_a_second_undo_never_takes_back_an_allocation_and_an_undo_can_be_redone(app, app_database):
    import getpass

    from booth_planner.core.model import Assignment

    store, event = state_of(app_database, PON)
    me = getpass.getuser()
    store.apply_allocation(event.id, [Assignment(f"AB-0{i}", f"P-00{i}", source="auto")
                                      for i in range(3, 10)], user=me, summary="7 booths")
    at = open_page(app, "denah", lang="en", event_slug=PON)
    assert button(at, "floor.undo.none").disabled  # the allocation is not a booth edit
    at = click(at, "AA-07")
    at = button(at, "floor.assign").click().run()
    at = button_for(at, "undo").click().run()
    assert holder(app_database, PON, "AA-07") is None
    # The button is now disabled: a second click has nothing to take back, the allocation stays.
    assert button(at, "floor.undo.none").disabled
    assert "undo it on the History page" in " ".join(c.value for c in at.caption)
    assert holder(app_database, PON, "AB-03") == ("P-003", False)
    assert shown(at.success[0].value).startswith("Undone: #")
    at = button_for(at, "redo").click().run()
    assert holder(app_database, PON, "AA-07") is not None
    assert shown(at.success[0].value).startswith("Redone: #")
    assert button_for(at, "undo") is not None


def test_undoing_an_edit_of_many_booths_asks_first_with_numbers(app, app_database):
    store, event = state_of(app_database, PON)
    store.apply_allocation(event.id, [], user="setup")  # every booth free, whatever the demo
    at = open_page(app, "denah", lang="en", event_slug=PON)
    booths = [f"AE-0{i}" for i in range(1, 7)]
    at = click(at, *booths)
    at = button(at, "floor.block").click().run()
    blocked = lambda: {b.booth_id for b in store.state(event.id).booths  # noqa: E731
                       if b.status == "blocked"} & set(booths)
    assert blocked() == set(booths)
    at = button_for(at, "undo").click().run()
    assert blocked() == set(booths)  # nothing yet: it asks
    assert "6 booths change: 6 only lock, block or zone" in at.warning[0].value
    at = button_for(at, "undo_no").click().run()
    assert blocked() == set(booths) and not at.warning
    at = button_for(at, "undo").click().run()
    at = button_for(at, "undo_yes").click().run()
    assert blocked() == set()


def test_the_next_booth_never_offers_by_default_whoever_just_got_all_their_booths(app,
                                                                                 app_database):
    store, event = state_of(app_database, PON)
    store.apply_allocation(event.id, [], user="setup")  # every booth free, whatever the demo
    at = open_page(app, "denah", lang="en", event_slug=PON)
    at = click(at, "AD-01")
    first = at.selectbox(key="floor.applicant").value
    applicant = store.state(event.id).applicant_by_id()[first]
    wanted = applicant.booths_requested

    def choose(at):  # what searching and picking them in the list does
        at = at.text_input(key="floor.search").input(applicant.name).run()
        assert any(applicant.name in o for o in at.selectbox(key="floor.applicant").options)
        at.session_state["floor.applicant"] = first
        return at.run()

    for booth in [f"AD-0{i}" for i in range(1, 1 + wanted)]:
        if booth != "AD-01":
            at = click(at, booth)
            at = choose(at)
        at = button(at, "floor.assign").click().run()
    at = click(at, "AD-09")
    assert at.selectbox(key="floor.applicant").value != first
    assert at.caption and "of the" in " ".join(c.value for c in at.caption)
    # Choosing them anyway is an explicit choice, said so, and the button waits for it.
    at = choose(at)
    assert "already has every booth they asked for" in at.warning[0].value
    assert button(at, "floor.assign").disabled
    at = at.checkbox(key="floor.extra_ok").check().run()
    at = button(at, "floor.assign").click().run()
    assert holder(app_database, PON, "AD-09") == (first, False)
    assert f"now holds {wanted + 1} booths ({wanted} asked)" in at.success[0].value
