"""Guessing passwords: growing waits then a lock, per account and per client, in the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from booth_planner.accounts import throttle as login_throttle
from booth_planner.accounts import users as auth
from booth_planner.accounts.roles import PermissionDenied, User, guarded
from booth_planner.cli import users as users_cli
from booth_planner.storage import Store, make_engine

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
RIGHT = "tenun-ulos-2026"


def _at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def accounts(store: Store) -> Store:
    auth.add_user(store, " Ani Siregar ", RIGHT, role="organizer", rounds=4)
    auth.add_user(store, "budi", RIGHT, role="organizer", rounds=4)
    return store


def test_thirty_wrong_passwords_are_slowed_then_locked_and_the_right_one_waits(accounts):
    answers = []
    clock = 0.0
    for _ in range(30):
        answer = auth.sign_in(accounts, "ani siregar", "salah", "10.0.0.7", _at(clock))
        answers.append(answer)
        clock += 1.0  # one try a second, as the audit did
    refused_unchecked = [a for a in answers if a.retry_at is not None]
    assert len(refused_unchecked) >= 25
    assert all(a.user is None for a in answers)
    right = auth.sign_in(accounts, "ani siregar", RIGHT, "10.0.0.7", _at(clock))
    assert right.user is None and right.retry_at is not None  # even the right one waits
    assert right.retry_at > _at(clock)


def test_the_wait_grows_then_locks_for_fifteen_minutes(accounts):
    waits = []
    moment = 0.0
    for _ in range(10):
        answer = auth.sign_in(accounts, "budi", "salah", "10.0.0.8", _at(moment))
        assert answer.user is None
        if answer.retry_at is not None:
            waits.append((answer.retry_at - _at(moment)).total_seconds())
            moment = (answer.retry_at - T0).total_seconds()  # try exactly when allowed
        else:
            moment += 0.1
    assert waits[:4] == [1, 2, 4, 8]
    assert waits[-1] == 15 * 60  # the tenth failure locks the account
    locked = auth.sign_in(accounts, "budi", RIGHT, "10.0.0.9", _at(moment - 1))
    assert locked.user is None and locked.retry_at == _at(moment)
    assert auth.sign_in(accounts, "budi", RIGHT, "10.0.0.9", _at(moment)).user is not None
    # A success clears the account's count.
    assert auth.sign_in(accounts, "budi", "salah", "10.0.0.9", _at(moment + 1)).retry_at is None


def test_one_client_guessing_many_accounts_is_locked_for_all_of_them(accounts):
    for number in range(login_throttle.CLIENT_RULE.lock):  # accounts of their own: no account
        auth.add_user(accounts, f"user{number}", RIGHT, rounds=4)  # lock gets in the way
    moment = T0
    for number in range(login_throttle.CLIENT_RULE.lock):
        answer = auth.sign_in(accounts, f"user{number}", "salah", "203.0.113.5", moment)
        assert answer.user is None
        moment = answer.retry_at or moment
    assert moment - T0 > login_throttle.LOCK  # the last failure locked the client
    blocked = auth.sign_in(accounts, "budi", RIGHT, "203.0.113.5", moment - timedelta(seconds=1))
    assert blocked.user is None and blocked.retry_at == moment
    assert auth.sign_in(accounts, "budi", RIGHT, "198.51.100.1", moment).user is not None


def test_usernames_are_the_same_whatever_their_case_and_outer_spaces(accounts):
    assert [a.username for a in auth.list_users(accounts)] == ["ani siregar", "budi"]
    for typed in (" Ani Siregar ", "ani siregar", "ANI SIREGAR"):
        assert auth.authenticate(accounts, typed, RIGHT) is not None
    for typed in (" Ani Siregar ", "ani siregar", "ANI SIREGAR"):
        auth.sign_in(accounts, typed, "salah", "10.0.0.1", _at(0))
    assert login_throttle.retry_at(accounts, "Ani Siregar", "10.0.0.2", _at(0.5)) is not None
    with pytest.raises(auth.AuthError):
        auth.add_user(accounts, "ANI SIREGAR", RIGHT, rounds=4)  # the same account


def test_every_process_sees_the_same_count(accounts, database_url):
    other = Store(make_engine(database_url))  # a second app process on the same database
    for n in range(3):
        auth.sign_in(accounts if n % 2 else other, "budi", "salah", "10.0.0.3", _at(n))
    assert login_throttle.retry_at(other, "budi", "10.0.0.4", _at(2.5)) == _at(3)
    other.engine.dispose()


def test_failed_attempts_are_listed_for_an_administrator(accounts, capsys):
    now = datetime.now(UTC)
    auth.sign_in(accounts, "Budi ", "salah", "10.0.0.5", now)
    auth.sign_in(accounts, "budi", RIGHT, "10.0.0.5", now + timedelta(seconds=5))
    url = accounts.engine.url.render_as_string(hide_password=False)
    assert users_cli.main(["--database-url", url, "failed-sign-ins", "--hours", "1"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("\tbudi\t10.0.0.5")
    assert "1 failed sign-ins" in captured.err


def test_a_demoted_organizer_cannot_write_with_a_page_drawn_before(accounts):
    event = accounts.create_event("Pameran", user="setup")
    page_store = guarded(accounts, User("Ani Siregar", "organizer"),
                         recheck=lambda: auth.account_user(accounts, "ani siregar"))
    page_store.create_event("Pameran kedua")  # still an organizer: allowed
    auth.set_role(accounts, "ani siregar", "viewer")
    history = len(accounts.history(event.id))
    with pytest.raises(PermissionDenied):
        page_store.create_event("Pameran ketiga")
    with pytest.raises(PermissionDenied), page_store.transaction():
        pass
    assert len(accounts.list_events()) == 2 and len(accounts.history(event.id)) == history
    auth.remove_user(accounts, "ani siregar")
    with pytest.raises(PermissionDenied):
        page_store.delete_event(event.id)
