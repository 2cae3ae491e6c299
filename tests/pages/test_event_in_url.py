"""The chosen event and language live in the address: a reload or a copied link keeps them."""

from datetime import date

from streamlit.testing.v1 import AppTest

from app_support import page_file, pick_event
from booth_planner.core.model import EventInfo
from booth_planner.storage import open_store
from tests.pages.conftest import APP
from tests.pages.helpers import NATIONAL, PON, open_page


def _event(event_id: int, slug: str) -> EventInfo:
    return EventInfo(id=event_id, slug=slug, name=slug, start_date=date(2026, 1, 1))


def test_with_nothing_chosen_the_newest_event_opens():
    newest_first = [_event(3, "new"), _event(2, "middle"), _event(1, "old")]
    assert pick_event(newest_first, None, None).slug == "new"
    assert pick_event(newest_first, None, "old").slug == "old"
    assert pick_event(newest_first, 2, "old").slug == "middle"  # the session's own choice
    assert pick_event(newest_first, 99, "gone").slug == "new"  # stale id, unknown slug
    assert pick_event([], None, None) is None


def test_a_fresh_session_opens_the_newest_event(app, app_database):
    store = open_store(app_database)
    store.create_event("HUT Dekranas ke-45, Medan", scope="national", user="test")
    at = app.run()
    assert not at.exception
    assert at.title[0].value.replace("\\", "").startswith("HUT Dekranas ke-45")  # plain() escapes
    assert at.query_params["event"] == "hut-dekranas-ke-45-medan"
    assert at.query_params["lang"] == "id"


def test_choices_are_written_to_the_address_and_survive_a_page_switch(app, app_database):
    at = open_page(app, "ringkasan", event_slug=PON)
    national = next(e for e in open_store(app_database).list_events() if e.slug == NATIONAL)
    at.sidebar.selectbox(key="event_id").set_value(national.id)
    at = at.sidebar.selectbox(key="lang").set_value("en").run()
    assert at.query_params["event"] == NATIONAL
    assert at.query_params["lang"] == "en"
    at.switch_page(page_file("denah"))
    at = at.run()
    assert not at.exception
    assert at.query_params["event"] == NATIONAL
    assert at.query_params["lang"] == "en"


def test_a_copied_link_opens_its_event_and_language_in_a_new_session(app, app_database):
    link = AppTest.from_file(APP, default_timeout=60)  # a second tab: its own session
    link.query_params.update({"event": NATIONAL, "lang": "en"})
    at = link.run()
    assert not at.exception
    assert "nasional" in at.title[0].value.casefold()
    assert at.sidebar.selectbox(key="lang").value == "en"
    assert at.query_params["event"] == NATIONAL
