"""Gallery page: renders the demo gallery in both languages; swap, undo and sales land."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from booth_planner.demo.gallery import create_gallery_demo
from booth_planner.storage import open_store
from booth_planner.storage.gallery import GalleryStore
from booth_planner.storage.store import slugify
from tests.pages.conftest import APP
from tests.pages.helpers import PON, open_page

GALLERY = slugify("Galeri Dekranasda Kota Bekasi — Sentra UMKM")


@pytest.fixture(scope="module")
def gallery_database(tmp_path_factory, demo_database) -> str:
    """The demo database with the demo gallery added, made once for this module."""
    source = Path(demo_database.removeprefix("sqlite:///"))
    target = tmp_path_factory.mktemp("gallery") / "gallery.sqlite3"
    target.write_bytes(source.read_bytes())
    url = f"sqlite:///{target}"
    store = open_store(url)
    create_gallery_demo(store)
    store.engine.dispose()
    return url


@pytest.fixture
def gallery_app(gallery_database, tmp_path, monkeypatch):
    """The app on a private copy of the gallery database, and that copy's URL."""
    target = tmp_path / "app.sqlite3"
    target.write_bytes(Path(gallery_database.removeprefix("sqlite:///")).read_bytes())
    url = f"sqlite:///{target}"
    monkeypatch.setenv("BOOTH_PLANNER_DATABASE_URL", url)
    import app_support

    app_support.get_store.clear()
    return AppTest.from_file(APP, default_timeout=60), url


@pytest.mark.parametrize("lang, title, tab", [("id", "Galeri: giliran anggota", "Jadwal giliran"),
                                              ("en", "Gallery: members' turns", "Roster")])
def test_renders_the_demo_gallery_in_both_languages(gallery_app, lang, title, tab):
    app, _ = gallery_app
    at = open_page(app, "galeri", lang=lang, event_slug=GALLERY)
    assert not at.exception
    assert at.title[0].value == title
    assert at.tabs[0].label == tab
    periods, grid = at.dataframe[0].value, at.dataframe[1].value  # the periods editor comes first
    assert periods.shape == (12, 3) and list(periods["period_id"])[:2] == ["2027-01", "2027-02"]
    assert grid.shape == (12, 24)


def test_an_expo_is_not_a_gallery(gallery_app):
    app, _ = gallery_app
    at = open_page(app, "galeri", lang="en", event_slug=PON)
    assert not at.exception and "not a permanent gallery" in at.info[0].value


def test_swap_then_undo_through_the_form(gallery_app):
    app, url = gallery_app
    store = open_store(url)
    event = next(e for e in store.list_events() if e.slug == GALLERY)
    state = GalleryStore(store).state(event.id)
    booths = state.event.booth_by_id()
    first, second = [t for t in state.turns if t.period_id == "2027-06" and not t.locked
                     and booths[t.booth_ids[0]].zone is None][:2]
    at = open_page(app, "galeri", lang="en", event_slug=GALLERY)
    at.selectbox(key="gallery.period").set_value("2027-06")
    at.selectbox(key="gallery.a").set_value(first.booth_ids[0])
    at.selectbox(key="gallery.b").set_value(second.booth_ids[0])
    at = at.button(key="FormSubmitter:gallery.swap-Swap / move").click().run()
    assert not at.exception
    assert f"now holds {second.applicant_id}" in at.success[0].value
    holder = GalleryStore(store).state(event.id).holder()
    assert holder[("2027-06", first.booth_ids[0])].applicant_id == second.applicant_id
    at = at.button(key="gallery.undo").click().run()
    assert "undone" in at.success[0].value
    holder = GalleryStore(store).state(event.id).holder()
    assert holder[("2027-06", first.booth_ids[0])].applicant_id == first.applicant_id
    store.engine.dispose()


def test_make_new_periods_and_plan(gallery_app):
    app, url = gallery_app
    at = open_page(app, "galeri", lang="en", event_slug=GALLERY)
    at.selectbox(key="gallery.periods.length").set_value("4m")
    at.number_input(key="gallery.periods.count").set_value(3)
    at = at.button(key="FormSubmitter:gallery.periods-Make periods and plan").click().run()
    assert not at.exception
    assert "3 periods made (2027-01 to 2027-09)" in at.success[0].value
    assert at.dataframe[0].value.shape == (3, 3)  # the periods editor shows the new ones
    assert at.dataframe[1].value.shape == (3, 24)


def test_a_new_year_counts_last_years_turns_as_turns_before(gallery_app):
    from datetime import date

    app, url = gallery_app
    at = open_page(app, "galeri", lang="en", event_slug=GALLERY)
    at.date_input(key="gallery.periods.start").set_value(date(2028, 1, 1))
    at = at.button(key="FormSubmitter:gallery.periods-Make periods and plan").click().run()
    assert not at.exception
    message = at.success[0].value
    assert "12 periods made (2028-01 to 2028-12)" in message
    assert "of 12 periods already over (2027-01 to 2027-12) count as turns before" in message
    store = open_store(url)
    try:
        event = next(e for e in store.list_events() if e.slug == GALLERY)
        members = GalleryStore(store).state(event.id).members
        assert sum(m.turns_before for m in members) > 0
    finally:
        store.engine.dispose()
