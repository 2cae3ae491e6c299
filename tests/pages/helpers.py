"""Helpers for driving the app with AppTest."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from app_support import page_file
from booth_planner.core.model import EventInfo
from booth_planner.storage import Store, open_store

PON = "pon-xxi-2024"
NATIONAL = "kriya-nusantara-nasional"


def open_page(app: AppTest, url_path: str, *, lang: str = "id", event_slug: str | None = None):
    """Run the app on the page at ``url_path`` (as navigation does), in ``lang``."""
    app.query_params["lang"] = lang
    if event_slug:
        app.query_params["event"] = event_slug
    app.run()
    app.switch_page(page_file(url_path))
    return app.run()


def store_and_event(url: str, slug: str = PON) -> tuple[Store, EventInfo]:
    """A store on ``url`` and its demo event with ``slug``."""
    store = open_store(url)
    return store, next(e for e in store.list_events() if e.slug == slug)


def shown(markdown: str) -> str:
    """What a message reads on screen: data in it is escaped (core.plain_text), so drop the
    backslashes and word joiners the escape adds."""
    from booth_planner.core.plain_text import WORD_JOINER

    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")
