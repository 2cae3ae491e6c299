"""On a database that takes no writes the app still starts: a notice, and every write says why.

The database is made read-only with SQLite's own ``?mode=ro`` URL, which holds for root too
(tests may run as root, whom a chmod'ed folder does not stop; tests/storage/test_read_only.py
also checks a real read-only folder as an unprivileged user).
"""

from __future__ import annotations

from datetime import date

import pytest

import app_support
from booth_planner.core.i18n import t
from booth_planner.storage import open_store
from tests.pages.helpers import PON, open_page


@pytest.fixture
def read_only_app(app, app_database, monkeypatch):
    """The app on a read-only view of its own copy of the demo database."""
    path = app_database.removeprefix("sqlite:///")
    monkeypatch.setenv("BOOTH_PLANNER_DATABASE_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    app_support.get_store.clear()
    yield app
    app_support.get_store.clear()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pages_show_the_read_only_notice(read_only_app, lang):
    for url_path in ("ringkasan", "denah", "daftar-peserta"):
        at = open_page(read_only_app, url_path, lang=lang, event_slug=PON)
        assert not at.exception
        assert t("fault.read_only_mode", lang) in [w.value for w in at.warning]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_write_says_nothing_was_saved_in_the_users_language(read_only_app, app_database,
                                                              lang):
    at = open_page(read_only_app, "kelola-acara", lang=lang, event_slug=PON)
    at.text_input(key="events.create.name.0").set_value("Pameran Kriya Sumut 2027")
    at.date_input(key="events.create.start.0").set_value(date(2027, 3, 1))
    at.date_input(key="events.create.end.0").set_value(date(2027, 3, 5))
    label = t("events.create.submit", lang)
    at = at.button[[b.label for b in at.button].index(label)].click().run()
    assert not at.exception
    assert t("fault.read_only", lang) in [e.value for e in at.error]
    assert len(open_store(app_database).list_events()) == 2
