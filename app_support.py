"""What every page shares: the store, the chosen event and language, and who is signed in.

This is the only Streamlit-side module besides the pages; the domain stays in ``booth_planner``.
Pages call ``page_context()`` once at the top and work from what it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from auth_ui import rights_check, signed_in_user
from booth_planner.accounts.roles import ROLE_ORGANIZER, ROLE_VIEWER, GuardedStore, User, guarded
from booth_planner.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from booth_planner.core.model import EventInfo, EventState
from booth_planner.demo.events import ensure_demo_events
from booth_planner.demo.gallery import create_gallery_demo
from booth_planner.directory.public import PublicDirectories, published_snapshot
from booth_planner.storage import DatabaseFault, Store, open_store, startup_lock

EVENT_KEY = "event_id"
CHOOSE_EVENT_KEY = "choose_event"  # a page sets an event id here; the frame picks it next run
LANGUAGE_KEY = "lang"
T = TypeVar("T")
LOG = logging.getLogger("booth_planner.app")
__all__ = ["ROLE_ORGANIZER", "ROLE_VIEWER", "User"]  # re-exported from booth_planner.accounts.roles

# (file, url path, title key, icon, section key); a page whose file is absent is left out.
PAGES = (
    ("pages/home.py", "ringkasan", "nav.home", ":material/home:", "nav.section.event"),
    ("pages/floor_plan.py", "denah", "nav.floor_plan", ":material/grid_view:", "nav.section.event"),
    ("pages/allocate.py", "alokasi", "nav.allocate", ":material/auto_fix_high:", "nav.section.event"),
    ("pages/lifecycle.py", "seleksi", "nav.lifecycle", ":material/how_to_reg:", "nav.section.event"),
    ("pages/coverage.py", "cakupan", "nav.coverage", ":material/map:", "nav.section.event"),
    ("pages/exports.py", "unduh", "nav.exports", ":material/download:", "nav.section.event"),
    ("pages/gallery.py", "galeri", "nav.gallery", ":material/storefront:", "nav.section.event"),
    ("pages/applicants.py", "daftar-peserta", "nav.applicants", ":material/groups:", "nav.section.setup"),
    ("pages/booth_setup.py", "atur-stand", "nav.booth_setup", ":material/dashboard_customize:", "nav.section.setup"),
    ("pages/import_data.py", "impor", "nav.import", ":material/upload_file:", "nav.section.setup"),
    ("pages/registry.py", "produk-unggulan", "nav.registry", ":material/workspace_premium:", "nav.section.setup"),
    ("pages/history.py", "riwayat", "nav.history", ":material/history:", "nav.section.admin"),
    ("pages/events.py", "kelola-acara", "nav.events", ":material/event:", "nav.section.admin"),
    ("pages/backup.py", "cadangan", "nav.backup", ":material/backup:", "nav.section.admin"),
    ("pages/publish.py", "terbitkan", "nav.publish", ":material/qr_code_2:", "nav.section.admin"),
)
# The visitors' page: the only one someone who has not signed in can reach.
PUBLIC_PAGE = ("pages/directory.py", "direktori", "nav.directory", ":material/travel_explore:",
               "nav.section.public")



@dataclass(frozen=True)
class PageContext:
    """The store, the event, the language and the user a page works with."""

    store: GuardedStore  # a Store whose writes are refused for viewers (booth_planner.accounts.roles)
    event: EventInfo | None
    lang: str
    user: User

    def t(self, key: str, /, **values: object) -> str:
        """The text for ``key`` in the page's language."""
        return t(key, self.lang, **values)

    def state(self) -> EventState:
        """The event's current state: read from the database once per version of the event."""
        assert self.event is not None
        return _state_at(self.store, _store_key(self.store), self.event.id, self.version())

    def snapshot(self) -> tuple[EventState, dict[str, int]]:
        """The state and each booth's version read together (Store.snapshot), once per version
        of the event; the versions are the caller's own copy."""
        assert self.event is not None
        state, versions = _snapshot_at(self.store, _store_key(self.store), self.event.id,
                                       self.version())
        return state, dict(versions)

    def version(self) -> tuple[int, str]:
        """The event's version now (see Store.event_version)."""
        assert self.event is not None
        return self.store.event_version(self.event.id)

    def derived(self, compute: Callable[..., T], *args: Hashable, **options: Hashable) -> T:
        """``compute(state, *args, **options)``, worked out once per version of the event (and
        per arguments) and kept for reruns; each caller gets its own copy."""
        assert self.event is not None
        return _derived_at(compute, f"{compute.__module__}.{compute.__qualname__}",
                           _store_key(self.store), self.event.id, self.version(), args,
                           tuple(sorted(options.items())), self.state())

    def shared(self, compute: Callable[..., T], *args: Hashable) -> T:
        """``compute(state, *args)``, made once per version of the event for every session.

        For values a click would otherwise rebuild (the floor plan's figure): the one copy is
        shared, so the caller must never change it.
        """
        assert self.event is not None
        return _shared_at(compute, f"{compute.__module__}.{compute.__qualname__}",
                          _store_key(self.store), self.event.id, self.version(), args,
                          self.state())


def _store_key(store) -> str:
    """Which database a cached reading came from."""
    return store.engine.url.render_as_string(hide_password=True)


# EventState is immutable (frozen dataclasses and tuples), so one copy is shared by every
# session; the key holds the event's version, so any change reads the event afresh.
@st.cache_resource(max_entries=16, show_spinner=False)
def _state_at(_store, database: str, event_id: int, version: tuple[int, str]) -> EventState:
    return _store.state(event_id)


@st.cache_resource(max_entries=16, show_spinner=False)
def _snapshot_at(_store, database: str, event_id: int, version: tuple[int, str]):
    return _store.snapshot(event_id)


# Derived tables may be edited by a page, so each caller gets its own copy (cache_data).
@st.cache_data(max_entries=64, show_spinner=False)
def _derived_at(_compute, name: str, database: str, event_id: int, version: tuple[int, str],
                args: tuple, options: tuple, _state: EventState):
    return _compute(_state, *args, **dict(options))


@st.cache_resource(max_entries=64, show_spinner=False)
def _shared_at(_compute, name: str, database: str, event_id: int, version: tuple[int, str],
               args: tuple, _state: EventState):
    return _compute(_state, *args)


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """One store (and connection pool) per server process; demo events in an empty database."""
    store = open_store()
    if store.read_only:  # nothing can be added; the frame says so on every page
        LOG.warning("the database is read-only: the app shows it and saves nothing")
        return store
    with startup_lock(store.engine):  # instances starting together add the demos once
        if ensure_demo_events(store):
            create_gallery_demo(store)
    return store


def store_or_stop(lang: str) -> Store:
    """The store; when the database cannot be opened at all, the fault in words and stop.

    A failed opening is not cached, so the next page load tries again (say, once the
    administrator has fixed the folder's rights).
    """
    try:
        return get_store()
    except DatabaseFault as fault:
        LOG.warning("database fault at start (%s): %s", fault.kind, fault.detail)
        st.error(t(f"fault.{fault.kind}", lang), icon=":material/database:")
        st.stop()


def current_lang() -> str:
    """The chosen language: session, then the ``?lang=`` query parameter, then Indonesian."""
    lang = st.session_state.get(LANGUAGE_KEY) or st.query_params.get("lang") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def current_user() -> User:
    """Who is signed in (auth_ui); with no sign-in configured, the local single user."""
    return signed_in_user(get_store(), current_lang())


def pick_event(events: list[EventInfo], chosen_id: int | None,
               slug: str | None) -> EventInfo | None:
    """The event chosen in this session, else the one the link names, else the newest.

    ``events`` is newest first, as ``Store.list_events`` gives them.
    """
    by_id = {e.id: e for e in events}
    by_slug = {e.slug: e for e in events}
    return by_id.get(chosen_id) or by_slug.get(slug) or (events[0] if events else None)


def current_event(store: Store) -> EventInfo | None:
    """The chosen event, or the newest one; None when the database has no event."""
    return pick_event(store.list_events(), st.session_state.get(EVENT_KEY),
                      st.query_params.get("event"))


def keep_in_url(event: EventInfo | None, lang: str) -> None:
    """Write the event and language into the address, so a reload or a copied link keeps them.

    The frame calls this on every run: a page switch by ``st.navigation`` starts the new page
    with an address without query, and this puts it back.
    """
    wanted = {"lang": lang, "event": event.slug if event else None}
    for name, value in wanted.items():
        if value is None:
            st.query_params.pop(name, None)
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def page_file(url_path: str) -> str:
    """The page file registered under ``url_path``."""
    return next(file for file, path, *_ in (*PAGES, PUBLIC_PAGE) if path == url_path)


def public_directories() -> PublicDirectories:
    """The published events' directories as frozen values: all the visitor page ever gets.

    Rebuilt only when an event is published, unpublished or changed (its newest history id),
    so thousands of visitors' page runs share one copy instead of each reading the database.
    """
    store = get_store()
    key = tuple((e.id, e.directory_base_url, store.latest_change_id(e.id))
                for e in store.published_events())
    return _public_snapshot(key)


@st.cache_data(max_entries=8, show_spinner=False)
def _public_snapshot(key: tuple) -> PublicDirectories:  # noqa: ARG001 - the cache key
    return published_snapshot(get_store())


def page_context() -> PageContext:
    """Everything a page needs, read once per run."""
    store = get_store()
    user = current_user()
    return PageContext(store=guarded(store, user, rights_check(store)),
                       event=current_event(store),
                       lang=current_lang(), user=user)


def require_event(ctx: PageContext) -> EventInfo:
    """The chosen event, or stop the page with a message saying there is none."""
    if ctx.event is None:
        st.info(ctx.t("sidebar.no_event"))
        st.stop()
    return ctx.event


def read_only_database_note(store: Store, lang: str) -> None:
    """Tell an organizer or viewer, before they try, that this database takes no changes."""
    if store.read_only:
        st.warning(t("fault.read_only_mode", lang), icon=":material/lock:")


def read_only_note(ctx: PageContext) -> bool:
    """Tell a viewer the page is read-only; True when the user may not edit."""
    if ctx.user.can_edit:
        return False
    st.info(ctx.t("auth.read_only"))
    return True


def require_organizer(ctx: PageContext) -> None:
    """Stop an action a viewer is not allowed to take, with a message saying so."""
    if not ctx.user.can_edit:
        st.warning(ctx.t("auth.read_only"))
        st.stop()


@contextmanager
def error_boundary(lang: str) -> Iterator[None]:
    """Errors in the organizer's words, details only in the server's log.

    A database fault (full disk, read-only file, server out of reach) says what happened and
    that nothing was saved, to everyone. Any other error is logged with its traceback; a
    visitor reads one sentence, while an organizer's error goes on to Streamlit, which shows
    its type only (``client.showErrorDetails = "type"``). Streamlit's own st.stop and
    st.rerun are not Exceptions and pass through.
    """
    try:
        yield
    except DatabaseFault as fault:
        LOG.warning("database fault (%s): %s", fault.kind, fault.detail)
        st.error(t(f"fault.{fault.kind}", lang), icon=":material/database:")
    except Exception:
        LOG.exception("error on a page")
        try:
            organizer = current_user().can_edit
        except Exception:  # the user cannot be read either: treat as a visitor
            organizer = False
        if organizer:
            raise
        st.error(t("fault.unexpected", lang), icon=":material/error:")
