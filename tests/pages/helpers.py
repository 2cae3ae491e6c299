"""Helpers for driving the app with AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from app_support import page_file


def open_page(app: AppTest, url_path: str, *, lang: str = "id", event_slug: str | None = None):
    """Run the app on the page at ``url_path`` (as navigation does), in ``lang``."""
    app.query_params["lang"] = lang
    if event_slug:
        app.query_params["event"] = event_slug
    app.run()
    app.switch_page(page_file(url_path))
    return app.run()
