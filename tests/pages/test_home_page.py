"""The frame and the home page on the demo events."""

from booth_planner.storage import open_store
from tests.pages.helpers import open_page


def test_home_shows_the_pon_demo_key_figures(app):
    at = open_page(app, "ringkasan", event_slug="pon-xxi-2024")
    assert not at.exception
    assert at.title[0].value.startswith("Pameran Produk Unggulan PON XXI 2024")
    figures = {m.label: m.value for m in at.metric}
    assert figures["Stand"] == "120"
    assert figures["Stand diblokir"] == "4"
    assert figures["Peserta"] == "150"


def test_home_in_english_on_the_national_demo(app):
    at = open_page(app, "ringkasan", lang="en", event_slug="kriya-nusantara-nasional")
    assert not at.exception
    figures = {m.label: m.value for m in at.metric}
    assert figures["Booths"] == "1,120"
    assert figures["Booths blocked"] == "22"


def test_switching_the_event_in_the_sidebar_changes_the_page(app, app_database):
    at = open_page(app, "ringkasan")
    national = next(e for e in open_store(app_database).list_events() if e.scope == "national")
    at.session_state["event_id"] = national.id
    at = at.run()
    assert not at.exception
    assert "nasional" in at.title[0].value
    assert {m.label: m.value for m in at.metric}["Stand"] == "1.120"


def test_language_switch_translates_the_frame(app):
    at = open_page(app, "ringkasan")
    at = at.sidebar.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert "Booths" in [m.label for m in at.metric]
