"""AppTest fixtures: the real app on a fresh SQLite database that holds the demo events."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from booth_planner.demo.events import ensure_demo_events
from booth_planner.storage import open_store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> str:
    """A SQLite URL whose database holds both demo events, made once per test run.

    The demos are made with every booth free (the app lays them out on a first start; see
    tests/demo/test_events.py), so each page test starts from a known plan and sets up what it needs.
    """
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'demo.sqlite3'}"
    store = open_store(url)
    ensure_demo_events(store, allocated=False)
    store.engine.dispose()
    return url


@pytest.fixture
def app_database(tmp_path, demo_database) -> str:
    """A private copy of the demo database, so a test's changes stay its own."""
    source = Path(demo_database.removeprefix("sqlite:///"))
    target = tmp_path / "app.sqlite3"
    target.write_bytes(source.read_bytes())
    return f"sqlite:///{target}"


@pytest.fixture
def app(app_database, monkeypatch) -> AppTest:
    """The app, not yet run, on its own copy of the demo database."""
    monkeypatch.setenv("BOOTH_PLANNER_DATABASE_URL", app_database)
    import app_support

    app_support.get_store.clear()
    return AppTest.from_file(APP, default_timeout=60)
