"""Access at the domain level: a viewer's store refuses every write; accounts hash passwords."""

from __future__ import annotations

import inspect

import pytest
from sqlalchemy import select, update

from booth_planner.accounts import users as auth
from booth_planner.accounts.roles import (
    READ_METHODS,
    WRITE_METHODS,
    PermissionDenied,
    User,
    guarded,
)
from booth_planner.cli import main as cli_main
from booth_planner.core.model import Applicant, Assignment, Booth
from booth_planner.storage import Store
from booth_planner.storage.backup import export_event
from booth_planner.storage.tables import BoothRow, HallRow, UserRow

VIEWER = User("Bappeda Provinsi", "viewer")
ORGANIZER = User("Ani Siregar", "organizer")

# One plausible call per write method: what a page would do.
WRITES = {
    "create_event": lambda s, e: s.create_event("Pameran baru", user="x"),
    "delete_event": lambda s, e: s.delete_event(e),
    "save_booths": lambda s, e: s.save_booths(e, [Booth("C-01", "Hall C", 0, 0)], user="x"),
    "delete_booths": lambda s, e: s.delete_booths(e, ["A-03"], user="x"),
    "edit_booths": lambda s, e: s.edit_booths(e, [Booth("A-03", "Hall A", 9, 0, zone="batik")],
                                              user="x"),
    "save_applicants": lambda s, e: s.save_applicants(
        e, [Applicant("P9", "UMKM", "12.04", "tenun")], user="x"),
    "delete_applicants": lambda s, e: s.delete_applicants(e, ["P2"], user="x"),
    "remember_region_alias": lambda s, e: s.remember_region_alias(e, "sergai", "12.18",
                                                                  user="x"),
    "change_booths": lambda s, e: s.change_booths(e, {"A-03": {"status": "blocked"}}, user="x",
                                                  action="booth.blocked"),
    "assign": lambda s, e: s.assign(e, "A-02", "P2", user="x"),
    "unassign": lambda s, e: s.unassign(e, "A-01", user="x"),
    "move": lambda s, e: s.move(e, "A-01", "A-02", user="x"),
    "swap": lambda s, e: s.swap(e, "A-01", "A-02", user="x"),
    "set_locked": lambda s, e: s.set_locked(e, ["A-01"], True, user="x"),
    "set_status": lambda s, e: s.set_status(e, ["A-03"], "blocked", user="x"),
    "set_zone": lambda s, e: s.set_zone(e, ["A-03"], "batik", user="x"),
    "apply_allocation": lambda s, e: s.apply_allocation(
        e, [Assignment("A-02", "P2", source="auto")], user="x"),
    "undo": lambda s, e: s.undo(e, user="x"),
    "redo": lambda s, e: s.redo(e, s.undo(e, user="x").id, user="x"),
    "set_directory": lambda s, e: s.set_directory(e, published=True, base_url=None, user="x"),
}


def _event(store: Store) -> int:
    event = store.create_event("Pameran Dekranasda Sumut", user="setup")
    store.save_booths(event.id, [Booth(f"A-0{i}", "Hall A", 3.0 * i, 0) for i in (1, 2, 3)],
                      user="setup")
    store.save_applicants(event.id, [Applicant("P1", "UMKM Ulos", "12.12", "tenun"),
                                     Applicant("P2", "IKM Kopi", "12.11", "kuliner")],
                          user="setup")
    store.assign(event.id, "A-01", "P1", user="setup")
    return event.id


def _picture(store: Store) -> tuple:
    return tuple((e, store.state(e.id), tuple(store.history(e.id))) for e in store.list_events())


def test_every_write_method_of_the_store_is_classified():
    public = {name for name, member in inspect.getmembers(Store, inspect.isfunction)
              if not name.startswith("_")}
    assert public - {"transaction", "read", "lock_event"} == READ_METHODS | WRITE_METHODS
    assert set(WRITES) == WRITE_METHODS


@pytest.mark.parametrize("method", sorted(WRITE_METHODS))
def test_a_viewer_cannot_write_through_any_store_method(store, method):
    event_id = _event(store)
    before = _picture(store)
    with pytest.raises(PermissionDenied) as refused:
        WRITES[method](guarded(store, VIEWER), event_id)
    assert "Bappeda Provinsi is a viewer" in str(refused.value)
    assert _picture(store) == before


@pytest.mark.parametrize("method", sorted(WRITE_METHODS))
def test_an_organizer_can_use_every_write_method(sqlite_store, method):
    event_id = _event(sqlite_store)
    before = sqlite_store.latest_change_id(event_id)
    WRITES[method](guarded(sqlite_store, ORGANIZER), event_id)
    if method == "delete_event":
        assert [e.id for e in sqlite_store.list_events()] == []
    elif method == "create_event":
        assert sqlite_store.history(max(e.id for e in sqlite_store.list_events()))[0].user == \
            "Ani Siregar"
    else:
        latest = sqlite_store.history(event_id)[0]
        assert latest.id > before and latest.user == "Ani Siregar"


def test_a_viewer_can_read_everything(store):
    event_id = _event(store)
    viewer = guarded(store, VIEWER)
    assert viewer.state(event_id) == store.state(event_id)
    assert viewer.snapshot(event_id) == store.snapshot(event_id)
    assert viewer.history(event_id) == store.history(event_id)
    assert viewer.counts(event_id)["assigned"] == 1
    assert viewer.latest_change_id(event_id) == store.latest_change_id(event_id)
    assert export_event(viewer, event_id)  # a module that reads through store.read()


def test_a_viewers_transaction_refuses_orm_and_statement_writes(store):
    event_id = _event(store)
    before = _picture(store)
    viewer = guarded(store, VIEWER)
    with viewer.transaction() as session:  # reading is fine
        assert len(session.scalars(select(BoothRow)).all()) == 3
    with pytest.raises(PermissionDenied), viewer.transaction() as session:
        session.add(HallRow(event_id=event_id, name="Hall Z", position=9))
        session.flush()
    with pytest.raises(PermissionDenied), viewer.transaction() as session:
        session.execute(update(BoothRow).values(status="blocked"))
    with pytest.raises(PermissionDenied), viewer.transaction() as session:
        row = session.scalars(select(BoothRow)).first()
        row.zone = "batik"  # flushed on commit: refused there
    with pytest.raises(PermissionDenied):
        viewer.unguarded  # noqa: B018
    assert _picture(store) == before


def test_an_organizers_writes_are_recorded_under_the_signed_in_name(store):
    event_id = _event(store)
    organizer = guarded(store, ORGANIZER)
    organizer.assign(event_id, "A-02", "P2", user="someone-else")  # a page passing a wrong name
    organizer.set_zone(event_id, ["A-03"], "batik", user="x")
    latest = store.history(event_id)[:2]
    assert [c.user for c in latest] == ["Ani Siregar", "Ani Siregar"]
    assert store.state(event_id).booth_by_id()["A-03"].zone == "batik"


def test_a_viewer_is_refused_methods_nobody_classified(store, monkeypatch):
    monkeypatch.setattr(Store, "rename_event", lambda self, event_id, name: None, raising=False)
    with pytest.raises(PermissionDenied):
        guarded(store, VIEWER).rename_event(1, "x")
    assert guarded(store, ORGANIZER).rename_event(1, "x") is None


# ---- accounts -------------------------------------------------------------------------------


def test_passwords_are_stored_only_as_bcrypt_hashes(store):
    auth.add_user(store, "ani", "kain-ulos-2024", role="organizer", display_name="Ani Siregar",
                  rounds=4)
    with store.read() as session:
        row = session.scalar(select(UserRow))
    assert "kain-ulos-2024" not in row.password_hash and row.password_hash.startswith("$2b$04$")
    assert auth.authenticate(store, "ani", "kain-ulos-2024") == ORGANIZER
    assert auth.authenticate(store, "ani", "kain-ulos-2025") is None
    assert auth.authenticate(store, "nobody", "kain-ulos-2024") is None
    assert auth.password_sign_in_enabled(store)


def test_account_rules(store):
    with pytest.raises(auth.AuthError) as short:
        auth.add_user(store, "budi", "pendek", role="organizer", rounds=4)
    assert short.value.code == "password_short"
    with pytest.raises(auth.AuthError):
        auth.add_user(store, "budi", "x" * 73, role="organizer", rounds=4)
    with pytest.raises(auth.AuthError):
        auth.add_user(store, "budi", "panjang-sekali", role="admin", rounds=4)
    auth.add_user(store, "budi", "panjang-sekali", role="viewer", rounds=4)
    with pytest.raises(auth.AuthError) as taken:
        auth.add_user(store, "budi", "panjang-sekali", rounds=4)
    assert taken.value.code == "taken"
    assert [(a.username, a.role, a.has_password) for a in auth.list_users(store)] == \
        [("budi", "viewer", True)]


def test_openid_users_get_their_accounts_role_else_viewer(store):
    auth.add_user(store, "ani", None, role="organizer", email="Ani@Dekranasda.go.id",
                  display_name="Ani Siregar")
    assert auth.user_for_email(store, "ani@dekranasda.go.id") == ORGANIZER
    assert auth.user_for_email(store, "tamu@example.org", "Tamu").role == "viewer"
    assert not auth.password_sign_in_enabled(store)  # OpenID-only accounts need no form


def test_command_line_manages_accounts(sqlite_url, monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("kain-ulos-2024\n"))
    assert cli_main(["users", "--database-url", sqlite_url, "add-user", "ani", "--role", "organizer",
                      "--name", "Ani Siregar", "--password-stdin"]) == 0
    assert cli_main(["users", "--database-url", sqlite_url, "set-role", "ani", "viewer"]) == 0
    assert cli_main(["users", "--database-url", sqlite_url, "list-users"]) == 0
    assert "ani\tviewer\tAni Siregar\t-\tpassword" in capsys.readouterr().out
    assert cli_main(["users", "--database-url", sqlite_url, "remove-user", "nobody"]) == 2
    assert "there is no account 'nobody'" in capsys.readouterr().err


def test_every_lifecycle_method_is_classified_and_refused_to_a_viewer(sqlite_url):
    from datetime import UTC, datetime

    from booth_planner.accounts.roles import LIFECYCLE_READ_METHODS, LIFECYCLE_WRITE_METHODS
    from booth_planner.storage import LifecycleStore, open_store

    own = {name for name, member in inspect.getmembers(LifecycleStore, inspect.isfunction)
           if not name.startswith("_")} - {name for name, _ in
                                            inspect.getmembers(Store, inspect.isfunction)}
    assert own == LIFECYCLE_READ_METHODS | LIFECYCLE_WRITE_METHODS
    store = open_store(sqlite_url)
    event_id = _event(store)
    viewer = guarded(store, VIEWER)
    before = _picture(store)
    for name in sorted(LIFECYCLE_WRITE_METHODS):
        with pytest.raises(PermissionDenied):
            getattr(viewer, name)(event_id, ["P1"], "mundur", user="x")
    assert _picture(store) == before
    assert viewer.lifecycle(event_id).statuses["P1"] == "diterima"
    organizer = guarded(store, ORGANIZER)
    organizer.hold(event_id, ["A-02"], "P2", datetime(2030, 1, 1, tzinfo=UTC), user="x")
    assert store.history(event_id)[0].user == "Ani Siregar"
    store.engine.dispose()
