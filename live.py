"""Keeping an open page current while other organizers work: a periodic, cheap check.

Call ``refresh_on_changes(store, event_id)`` once near the top of a page (the floor plan, the
history). Every few seconds a fragment asks the database for the event's newest history id, one
indexed query; only when it differs from what the page was drawn from does the whole page run
again, so an idle session costs next to nothing and a busy one follows the others' changes.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from booth_planner.storage import Store

DEFAULT_SECONDS = 5


def _seen_key(event_id: int) -> str:
    return f"live_seen_change_{event_id}"


def mark_seen(store: Store, event_id: int) -> None:
    """The session's own change is already on its page: the watcher need not rerun for it."""
    st.session_state[_seen_key(event_id)] = store.latest_change_id(event_id)


def refresh_on_changes(store: Store, event_id: int, seconds: float = DEFAULT_SECONDS) -> None:
    """Rerun the page when anyone records a change to the event; checked every ``seconds``."""
    st.session_state[_seen_key(event_id)] = store.latest_change_id(event_id)

    @st.fragment(run_every=timedelta(seconds=seconds))
    def _watch() -> None:
        if store.latest_change_id(event_id) != st.session_state.get(_seen_key(event_id)):
            st.rerun(scope="app")

    _watch()
