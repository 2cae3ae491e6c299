"""Browser test fixtures: the real app (``streamlit run app.py``) and headless system Chromium.

The server runs on a free port against a temporary SQLite file holding the demo events and is stopped with its whole process group afterwards. Without Chromium the
tests are skipped with the reason; in CI (``CI`` set) that is a failure: they are required there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from booth_planner.demo.events import ensure_demo_events
from booth_planner.storage import open_store
from tests.e2e.browser import Server, chromium_missing_reason, launch, start_server, stop_server


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test."""
    for item in items:
        if "tests/e2e/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def _require_chromium() -> None:
    reason = chromium_missing_reason()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests are required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[Server]:
    """The app served on a free port, on a fresh SQLite database holding the demo events.

    The demos are put there beforehand with every booth free, so the tests start from a known
    plan (on a real first start the app lays them out; test_deep_links_e2e checks that).
    """
    _require_chromium()
    workdir = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{workdir / 'app.sqlite3'}"
    store = open_store(url)
    ensure_demo_events(store, allocated=False)
    store.engine.dispose()
    server = start_server(url, workdir)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole run: a second sync_playwright() inside the first fails."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(app_server, playwright_session):
    """Headless Chromium, shared by the session's tests."""
    browser = launch(playwright_session)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser tab with a laptop-sized window."""
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
