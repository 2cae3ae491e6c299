"""History page: renders on both demos in both languages; undo and restore change the booths."""

import pytest

from app_support import User
from booth_planner.core.model import Assignment
from booth_planner.storage import open_store
from tests.pages.helpers import NATIONAL, PON, open_page, shown, store_and_event


def button(at, prefix: str):
    """The page's button whose key starts with ``prefix`` (keys carry the change id)."""
    return next(b for b in at.button if b.key.startswith(prefix))


@pytest.mark.parametrize("lang, title", [("id", "Riwayat perubahan"), ("en", "Change history")])
@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_renders_on_both_demos_in_both_languages(app, lang, title, slug):
    at = open_page(app, "riwayat", lang=lang, event_slug=slug)
    assert not at.exception
    assert at.title[0].value == title
    table = at.dataframe[0].value
    assert len(table) >= 3 and table.iloc[-1, 3] in ("Acara dibuat", "Event created")


def test_changes_show_time_who_and_booths_touched(app, app_database):
    store, event = store_and_event(app_database)
    store.assign(event.id, "AA-01", "P-003", user="ana")
    at = open_page(app, "riwayat", lang="en", event_slug=PON)
    newest = at.dataframe[0].value.iloc[0]
    assert (newest["by"], newest["action"], newest["summary"]) == ("ana", "Booth assigned",
                                                                    "AA-01 → P-003")
    assert newest["time"].endswith(" WIB")
    assert at.expander[0].label.endswith("Booth assigned · 1 booth")
    touched = at.dataframe[1].value
    assert touched.values.tolist()[0][:3] == ["AA-01", "", "P-003"]
    at = at.selectbox(key="history.tz").set_value("Asia/Jayapura").run()
    assert at.dataframe[0].value.iloc[0]["time"].endswith(" WIT")


def test_undo_the_last_change(app, app_database):
    store, event = store_and_event(app_database)
    store.assign(event.id, "AA-01", "P-003", user="ana")
    at = open_page(app, "riwayat", event_slug=PON)
    at = button(at, "history.undo.").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Perubahan #")
    assert store.state(event.id).assignments == ()
    assert at.dataframe[0].value.iloc[1]["keadaan"].startswith("dibatalkan oleh #")


def test_a_refused_undo_shows_the_store_message_and_changes_nothing(app, app_database):
    store, event = store_and_event(app_database)
    store.assign(event.id, "AA-01", "P-003", user="ana")
    store.assign(event.id, "AA-02", "P-004", user="ana")
    store.delete_applicants(event.id, ["P-004"], user="budi")  # frees AA-02, cannot be undone
    at = open_page(app, "riwayat", lang="en", event_slug=PON)
    at = button(at, "history.undo.").click().run()
    assert "booths changed again since: AA-02" in shown(at.error[0].value)
    assert store.state(event.id).assignment_by_booth()["AA-01"].applicant_id == "P-003"


def test_restore_the_state_before_an_automatic_allocation(app, app_database):
    store, event = store_and_event(app_database)
    store.assign(event.id, "AA-01", "P-003", user="ana")
    store.apply_allocation(event.id, [Assignment("AA-05", "P-003", source="auto"),
                                      Assignment("AA-06", "P-004", source="auto")],
                           user="ana", summary="2 booths")
    at = open_page(app, "riwayat", lang="en", event_slug=PON)
    at = button(at, "history.restore.").click().run()
    assert "3 booths change: 2 become free, 1 get their previous exhibitor back" in \
        at.warning[0].value
    assert store.state(event.id).assignment_by_booth()["AA-06"].applicant_id == "P-004"
    at = button(at, "history.restore_yes.").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("The state before allocation #")
    held = {a.booth_id: a.applicant_id for a in store.state(event.id).assignments}
    assert held == {"AA-01": "P-003"}
    assert "No automatic allocation can be restored." in [c.value for c in at.main.caption]


def test_a_viewer_may_look_but_not_change(app, app_database):
    store = open_store(app_database)
    pon = next(e for e in store.list_events() if e.slug == PON)
    store.assign(pon.id, "AA-01", "P-003", user="ana")  # something to undo
    at = open_page(app, "riwayat", lang="en", event_slug=PON)
    at.session_state["user"] = User(name="tamu", role="viewer")
    at = at.run()
    assert not at.exception
    assert button(at, "history.undo.").disabled

