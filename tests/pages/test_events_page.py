"""Events page: renders in both languages; create, delete (typed name) and recreate a demo."""

from datetime import date

import pytest

from app_support import User
from booth_planner.storage import open_store
from tests.pages.helpers import NATIONAL, PON, open_page


@pytest.mark.parametrize("lang, title", [("id", "Kelola acara"), ("en", "Manage events")])
@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_renders_on_both_demos_in_both_languages(app, lang, title, slug):
    at = open_page(app, "kelola-acara", lang=lang, event_slug=slug)
    assert not at.exception
    assert at.title[0].value == title
    table = at.dataframe[0].value
    assert len(table) == 2
    assert {"1.120", "1,120"} & set(table.iloc[:, 6])


def test_create_an_event_and_land_on_it(app, app_database):
    at = open_page(app, "kelola-acara", lang="en", event_slug=PON)
    at.text_input(key="events.create.name.0").set_value("Pameran Kriya Sumut 2027")
    at.text_input(key="events.create.city.0").set_value("Medan")
    at.date_input(key="events.create.start.0").set_value(date(2027, 3, 1))
    at.date_input(key="events.create.end.0").set_value(date(2027, 3, 5))
    at = at.button[[b.label for b in at.button].index("Create event")].click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Event 'Pameran Kriya Sumut 2027' created and chosen.")
    created = next(e for e in open_store(app_database).list_events()
                   if e.slug == "pameran-kriya-sumut-2027")
    assert (created.city, created.start_date, created.scope) == ("Medan", date(2027, 3, 1),
                                                                  "regional")
    assert at.sidebar.selectbox(key="event_id").value == created.id
    assert "1–5 March 2027" not in at.dataframe[0].value.to_string()  # both dates, in words
    assert "1 March 2027 – 5 March 2027" in at.dataframe[0].value.to_string()


def test_an_event_ending_before_it_starts_is_refused(app, app_database):
    at = open_page(app, "kelola-acara", event_slug=PON)
    at.text_input(key="events.create.name.0").set_value("Salah tanggal")
    at.date_input(key="events.create.start.0").set_value(date(2027, 3, 5))
    at.date_input(key="events.create.end.0").set_value(date(2027, 3, 1))
    at = at.button[[b.label for b in at.button].index("Buat acara")].click().run()
    assert at.error[0].value == "Tanggal selesai tidak boleh sebelum tanggal mulai."
    assert len(open_store(app_database).list_events()) == 2


def test_delete_needs_the_typed_name_then_a_demo_can_be_recreated(app, app_database):
    store = open_store(app_database)
    pon = next(e for e in store.list_events() if e.slug == PON)
    at = open_page(app, "kelola-acara", event_slug=PON)
    at = at.selectbox(key="events.delete.pick.0").set_value(pon.id).run()
    assert "120 stand, 150 peserta" in at.warning[0].value
    at = at.text_input(key="events.delete.typed.0").set_value("Pameran PON").run()
    assert at.button(key="events.delete.button").disabled
    at = at.text_input(key="events.delete.typed.0").set_value(pon.name).run()
    at = at.button(key="events.delete.button").click().run()
    assert not at.exception
    assert at.success[0].value == f"Acara '{pon.name}' dihapus."
    assert [e.slug for e in store.list_events()] == [NATIONAL]
    at = at.button(key=f"events.demo.{PON}").click().run()
    assert not at.exception
    recreated = next(e for e in store.list_events() if e.slug == PON)
    assert store.counts(recreated.id)["booths"] == 120
    assert at.sidebar.selectbox(key="event_id").value == recreated.id


def test_a_viewer_may_look_but_not_change(app, app_database):
    store = open_store(app_database)
    pon = next(e for e in store.list_events() if e.slug == PON)
    store.assign(pon.id, "AA-01", "P-003", user="ana")  # something to undo
    at = open_page(app, "kelola-acara", lang="en", event_slug=PON)
    at.session_state["user"] = User(name="tamu", role="viewer")
    at = at.run()
    assert not at.exception
    for key in ['events.delete.button']:
        assert at.button(key=key).disabled



@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_delete_preselects_the_event_on_screen(app, app_database, slug):
    at = open_page(app, "kelola-acara", event_slug=slug)
    on_screen = at.sidebar.selectbox(key="event_id").value
    assert at.selectbox(key="events.delete.pick.0").value == on_screen


def test_created_message_names_pages_as_the_sidebar_does(app, app_database):
    at = open_page(app, "kelola-acara", event_slug=PON)
    at.text_input(key="events.create.name.0").set_value("HUT Dekranas ke-45, Medan")
    at = at.button[[b.label for b in at.button].index("Buat acara")].click().run()
    message = at.success[0].value
    assert "Pengaturan stand" in message and "Impor data" in message
    assert "Atur stand" not in message
