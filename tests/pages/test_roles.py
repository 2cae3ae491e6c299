"""Roles in the running app: a viewer changes nothing on any page; sign-in gives the role.

The viewer test is generic: every page registered in ``app_support.PAGES`` whose file exists is
opened as a viewer, every enabled button on it is clicked (again and again as the page changes),
and the database must be exactly as before. A page that forgets to hide an action is still
covered: the store the pages get refuses a viewer's writes (``booth_planner.accounts.roles``).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from app_support import PAGES
from booth_planner.accounts import users as auth
from booth_planner.accounts.roles import ROLE_VIEWER, User
from booth_planner.storage import open_store
from booth_planner.storage.backup import export_document
from tests.pages.helpers import open_page

ROOT = Path(__file__).resolve().parents[2]
EXISTING = [(file, url) for file, url, *_ in PAGES if (ROOT / file).exists()]
VIEWER = User(name="Dinas Koperasi Kab. Nias", role=ROLE_VIEWER)
MAX_CLICKS = 25  # per page; pages change as buttons are clicked, so the list is re-read


def _database_picture(url: str) -> tuple:
    """Every event's state and history, and the list of events: what a viewer must not touch."""
    store = open_store(url)
    try:
        events = store.list_events()
        return (tuple(events),
                tuple((store.state(e.id), tuple(store.history(e.id, limit=100_000)))
                      for e in events))
    finally:
        store.engine.dispose()


def _refused_by_the_store(at) -> bool:  # noqa: ANN001
    """True when every exception shown is the store refusing a viewer (a page forgot a check)."""
    return all("is a viewer and may not" in (e.message or "") for e in at.exception)


def _open_as(app, url_path: str, user: User, **kwargs):  # noqa: ANN001, ANN202
    app.session_state["user"] = user
    return open_page(app, url_path, **kwargs)


@pytest.mark.parametrize(("file", "url_path"), EXISTING, ids=[u for _, u in EXISTING])
def test_a_viewer_changes_nothing_on_any_page(app, app_database, file, url_path):
    before = _database_picture(app_database)
    at = _open_as(app, url_path, VIEWER, event_slug="pon-xxi-2024")
    assert not at.exception, at.exception
    # Checked last, so that the database check below runs on every page regardless.
    offered = [f"table {e.key}" for e in at.data_editor
               if not e.proto.disabled and e.proto.editing_mode] + \
        [f"upload {u.label!r}" for u in at.file_uploader if not u.disabled]
    clicked = set()
    for _ in range(MAX_CLICKS):
        button = next((b for b in at.button if not b.disabled
                       and (b.key or b.label) not in clicked), None)
        if button is None:
            break
        clicked.add(button.key or button.label)
        at = button.click().run()
        assert not at.exception or _refused_by_the_store(at), at.exception
        assert _database_picture(app_database) == before, \
            f"{url_path}: clicking {button.label!r} as a viewer changed the database"
    assert _database_picture(app_database) == before
    assert not offered, f"{url_path}: edit widgets enabled for a viewer: {offered}"


def test_a_viewer_who_picks_booths_on_the_floor_plan_gets_no_actions(app, app_database):
    if not (ROOT / "pages/floor_plan.py").exists():
        pytest.skip("the floor plan page is not there yet")
    before = _database_picture(app_database)
    app.session_state["floor.selected"] = ["A-01", "A-02"]
    at = _open_as(app, "denah", VIEWER, event_slug="pon-xxi-2024")
    assert not at.exception
    enabled = [b.label for b in at.button if not b.disabled and b.key != "floor.clear"]
    assert not enabled, f"actions offered to a viewer: {enabled}"
    assert _database_picture(app_database) == before


def test_with_nothing_configured_the_app_says_it_runs_in_local_mode(app):
    at = open_page(app, "ringkasan", lang="en")
    assert not at.exception
    assert any("Single-user local mode" in c.value for c in at.sidebar.caption)


@pytest.fixture
def accounts(app_database):
    """Two accounts: with them the app asks organizers to sign in and everyone else looks."""
    store = open_store(app_database)
    auth.add_user(store, "ani", "kain-ulos-2024", role="organizer", display_name="Ani Siregar",
                  rounds=4)
    auth.add_user(store, "kantor", "lihat-saja-99", role="viewer", rounds=4)
    yield store
    store.engine.dispose()


def _sign_in(at, username: str, password: str):  # noqa: ANN001, ANN202
    at.sidebar.text_input(key="sign_in_username").input(username)
    at.sidebar.text_input(key="sign_in_password").input(password)
    return next(b for b in at.sidebar.button if b.label == "Sign in").click().run()


def test_with_accounts_a_visitor_is_a_guest_until_an_organizer_signs_in(app, accounts):
    at = open_page(app, "direktori", lang="en")  # a guest reaches only the visitor directory
    assert not at.exception
    assert any("viewing as a guest" in c.value for c in at.sidebar.caption)

    at = _sign_in(at, "ani", "wrong password")
    assert [e.value for e in at.sidebar.error] == ["Wrong username or password."]
    at = _sign_in(at, "ani", "kain-ulos-2024")
    assert not at.exception
    assert any(c.value == "Signed in as Ani Siregar (organizer)" for c in at.sidebar.caption)

    auth.set_role(accounts, "ani", "viewer")  # demoted while signed in: effective at once
    at = at.run()
    assert any(c.value == "Signed in as Ani Siregar (viewer, read-only)"
               for c in at.sidebar.caption)

    at = at.sidebar.button(key="sign_out").click().run()
    assert any("viewing as a guest" in c.value for c in at.sidebar.caption)


def test_a_signed_in_viewer_cannot_restore_a_backup(app, app_database, accounts):
    at = open_page(app, "direktori", lang="en")
    at = _sign_in(at, "kantor", "lihat-saja-99")
    at.switch_page("pages/backup.py")
    at = at.run()
    assert not at.exception
    assert not at.file_uploader and not at.download_button
    assert any("only organizers" in i.value for i in at.info)


def test_an_organizer_downloads_and_restores_a_backup(app, app_database):
    store = open_store(app_database)
    pon = next(e for e in store.list_events() if e.slug == "pon-xxi-2024")
    data = gzip.compress(json.dumps(export_document(store, pon.id)).encode())
    events_before = len(store.list_events())
    at = open_page(app, "cadangan", lang="en", event_slug="pon-xxi-2024")
    assert not at.exception
    assert at.download_button, "no download for the organizer"

    at.file_uploader[0].set_value(("old.json.gz", b"not a backup", "application/gzip"))
    at = at.run()
    assert "not a Booth Planner backup" in at.error[0].value

    at.file_uploader[0].set_value(("pon.json.gz", data, "application/gzip"))
    at = at.run()
    assert "120 booths" in at.markdown[-1].value or any("120 booths" in m.value
                                                        for m in at.markdown)
    at = at.button(key="backup.restore").click().run()
    assert not at.exception
    events = store.list_events()
    assert len(events) == events_before + 1
    restored = next(e for e in events if e.slug == "pon-xxi-2024-2")
    assert store.state(restored.id).booths == store.state(pon.id).booths
    assert store.history(restored.id)[0].action == "backup.restore"
    assert not at.file_uploader[0].value, "the uploader keeps the file: a second click would copy again"
    store.engine.dispose()


def test_with_openid_connect_configured_a_visitor_is_a_guest_with_a_sign_in_button(app):
    app.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 32,
        "client_id": "booth-planner", "client_secret": "secret",
        "server_metadata_url": "https://login.example.go.id/.well-known/openid-configuration",
    }
    at = open_page(app, "direktori", lang="en")
    assert not at.exception
    assert any("viewing as a guest" in c.value for c in at.sidebar.caption)
    assert [b.label for b in at.sidebar.button] == ["Sign in"]
