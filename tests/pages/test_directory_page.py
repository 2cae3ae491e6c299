"""The visitor directory and the publish page in the running app (AppTest).

The visitor page is read-only by construction: it imports no store and gets only frozen values
(checked on its source and on what it receives); it shows only published events; someone who
has not signed in where accounts exist reaches it and nothing else.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from app_support import PAGES
from booth_planner.accounts import users as auth
from booth_planner.accounts.roles import GuardedStore
from booth_planner.allocation import allocate
from booth_planner.core.plain_text import WORD_JOINER
from booth_planner.directory.entries import plain_values
from booth_planner.directory.public import PublicDirectories, published_snapshot
from booth_planner.directory.view import plain
from booth_planner.storage import Store
from tests.pages.helpers import NATIONAL, PON, open_page, store_and_event

ROOT = Path(__file__).resolve().parents[2]


def allocate_and_publish(url: str, slug: str = PON, published: bool = True):  # noqa: ANN201
    store, event = store_and_event(url, slug)
    state = store.state(event.id)
    store.apply_allocation(event.id, allocate(state.booths, state.applicants).assignments,
                           user="ani")
    store.set_directory(event.id, published=published, base_url="https://fair.example/d",
                        user="ani")
    return store, event


def test_the_visitor_page_imports_nothing_that_can_write():
    tree = ast.parse((ROOT / "pages" / "directory.py").read_text(encoding="utf-8"))
    imported = {(node.module, alias.name) for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) for alias in node.names}
    modules = {m for m, _ in imported} | {alias.name for node in ast.walk(tree)
                                          if isinstance(node, ast.Import) for alias in node.names}
    assert {name for module, name in imported if module == "app_support"} == \
        {"current_lang", "public_directories"}
    assert not any(m.startswith(("booth_planner.storage", "booth_planner.accounts.roles", "sqlalchemy"))
                   for m in modules)


def test_what_the_visitor_page_gets_holds_no_store_and_cannot_be_changed(app_database):
    store, _ = allocate_and_publish(app_database)
    snapshot = published_snapshot(store)
    values = plain_values(snapshot)
    assert len(values) > 1000
    assert not any(isinstance(v, Store | GuardedStore) or type(v).__module__.startswith(
        ("sqlalchemy", "booth_planner.storage")) for v in values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.events[0].directory.entries[0].name = "x"  # type: ignore[misc]
    assert isinstance(snapshot.events, tuple) and isinstance(snapshot.events[0].directory.entries,
                                                             tuple)
    store.engine.dispose()


def test_the_snapshot_keeps_only_published_events_whatever_the_reader_says(app_database):
    store, pon = allocate_and_publish(app_database)
    _, national = allocate_and_publish(app_database, NATIONAL, published=False)

    class Leaky:
        """A reader that wrongly lists every event."""

        published_events = staticmethod(store.list_events)
        state = staticmethod(store.state)

    assert [e.slug for e in published_snapshot(Leaky()).events] == [PON]
    store.engine.dispose()


def test_nothing_published_says_so_and_a_published_event_appears(app, app_database):
    at = open_page(app, "direktori", lang="en")
    assert not at.exception
    assert [i.value for i in at.info] == ["No exhibition directory has been published yet."]
    store, event = allocate_and_publish(app_database)
    at = at.run()
    assert not at.info
    assert any("Pameran Produk Unggulan PON" in c.value for c in at.caption)
    at.text_input(key="directory.q").input("Humbahas").run()
    results = [m.value for m in at.markdown if "Booth" in m.value]
    assert results and all("Humbang" in r or "Humbahas" in r for r in results)

    store.set_directory(event.id, published=False, base_url=None, user="ani")
    at = at.run()  # unpublished: gone at once, not after a cache expires
    assert [i.value for i in at.info] == ["No exhibition directory has been published yet."]
    assert not any("Humbang" in m.value for m in at.markdown)
    store.engine.dispose()


def test_deep_links_open_a_booth_and_an_exhibitor(app, app_database):
    store, event = allocate_and_publish(app_database)
    state = store.state(event.id)
    assignment = state.assignments[3]
    name = state.applicant_by_id()[assignment.applicant_id].name
    app.query_params["booth"] = assignment.booth_id
    at = open_page(app, "direktori", lang="en")
    assert not at.exception
    assert [h.value for h in at.subheader] == [plain(name)]
    assert len(at.get("image")) == 1  # the plan with the booth highlighted
    app.query_params.pop("booth")
    app.query_params["exhibitor"] = assignment.applicant_id
    at = at.run()
    assert [h.value for h in at.subheader] == [plain(name)]
    store.engine.dispose()


def test_with_accounts_a_visitor_reaches_only_the_directory(app, app_database):
    store, _ = allocate_and_publish(app_database)
    auth.add_user(store, "ani", "kain-ulos-2024", role="organizer", rounds=4)
    at = open_page(app, "direktori", lang="en")
    assert not at.exception
    assert [t.value for t in at.title] == ["Exhibitor directory"]
    assert all(s.key != "event_id" for s in at.sidebar.selectbox)  # no event names either
    for file, *_ in PAGES:  # the organizers' pages are not registered at all
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(file)
    store.engine.dispose()


def test_an_organizer_publishes_with_a_checked_address(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "terbitkan", lang="en", event_slug=PON)
    assert not at.exception
    assert any("is not published" in m.value for m in at.markdown)
    at.toggle[0].set_value(True)
    at.text_input[0].input("javascript:alert(1)")
    at = at.button[0].click().run()
    assert "'javascript:alert(1)' is not an https://" in at.error[0].value
    assert not store.event(event.id).directory_published
    at.toggle[0].set_value(True)
    at.text_input[0].input("https://fair.example/direktori/")
    at = at.button[0].click().run()
    assert not at.exception
    saved = store.event(event.id)
    assert (saved.directory_published, saved.directory_base_url) == \
        (True, "https://fair.example/direktori")
    assert any("is published" in m.value for m in at.markdown)
    store.engine.dispose()


def test_plain_text_shows_markdown_and_math_as_typed():
    text = "[klik](javascript:alert(1)) ![x](https://t.example/p.png) **tebal** $7*7$ :red[x]"
    escaped = plain(text)
    assert re.search(r"(?<!\\)[\[\]()!*$:]", escaped) is None  # each one backslashed
    assert escaped.replace("\\", "").replace(WORD_JOINER, "") == text  # the joiner: no autolink


def test_public_directories_is_plain_data():
    assert dataclasses.is_dataclass(PublicDirectories)
    assert PublicDirectories.__dataclass_params__.frozen
