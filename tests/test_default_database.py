"""Tests never touch the user's default database (./instance/): the guard and the session URL."""

from __future__ import annotations

import subprocess
import sys

import pytest

from booth_planner.storage import DATABASE_URL_ENV, database_url, open_store
from booth_planner.storage.store import default_sqlite_path


def test_asking_for_the_default_database_during_tests_fails_loudly(monkeypatch):
    monkeypatch.delenv(DATABASE_URL_ENV)
    with pytest.raises(RuntimeError, match="default database"):
        open_store()


def test_a_process_started_by_a_test_uses_the_session_database_not_the_default():
    answer = subprocess.run(
        [sys.executable, "-c", "from booth_planner.storage import database_url; "
                               "print(database_url())"],
        capture_output=True, text=True, check=True,
    )
    url = answer.stdout.strip()
    assert url.startswith("sqlite:///") and str(default_sqlite_path()) not in url


def test_the_session_database_is_outside_the_project():
    assert str(default_sqlite_path().parent) not in database_url()
