"""The app's frame: page config, navigation, and the sidebar (event, language, who is signed in).

Run with ``streamlit run app.py``. Each page lives in ``pages/`` and is registered here with a
``url_path`` that differs from its file name, so Streamlit's legacy ``pages/`` routing never
bypasses this frame.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_support import (
    CHOOSE_EVENT_KEY,
    EVENT_KEY,
    LANGUAGE_KEY,
    PAGES,
    current_event,
    current_lang,
    current_user,
    error_boundary,
    get_store,
)
from auth_ui import account_sidebar
from booth_planner.i18n import LANGUAGE_NAMES, LANGUAGES, t

ROOT = Path(__file__).resolve().parent


def _sidebar(lang: str) -> None:
    """Event picker, language switch and the signed-in user."""
    store = get_store()
    with st.sidebar:
        st.selectbox(
            t("sidebar.language", lang), LANGUAGES, index=LANGUAGES.index(lang),
            format_func=LANGUAGE_NAMES.get, key=LANGUAGE_KEY,
        )
        lang = current_lang()
        events = store.list_events()
        if (wanted := st.session_state.pop(CHOOSE_EVENT_KEY, None)) is not None:
            # A page created or deleted an event and names the one to show next; set before the
            # picker is drawn, so the picker itself shows it too.
            st.session_state[EVENT_KEY] = wanted
        if events:
            chosen = current_event(store)
            ids = [e.id for e in events]
            st.selectbox(
                t("sidebar.event", lang), ids, index=ids.index(chosen.id),
                format_func={e.id: e.name for e in events}.get, key=EVENT_KEY,
            )
        else:
            st.caption(t("sidebar.no_event", lang))
        account_sidebar(store, current_user(), lang)


def main() -> None:
    """Build the frame and run the chosen page."""
    # A file of our own: a :material/...: icon makes the browser fetch the favicon from Google.
    st.set_page_config(page_title=t("app.title", current_lang()),
                       page_icon=str(ROOT / "assets" / "app_icon.png"), layout="wide")
    lang = current_lang()
    with error_boundary(lang):
        _sidebar(lang)
    lang = current_lang()
    sections: dict[str, list] = {}
    for file, url_path, title_key, icon, section_key in PAGES:
        if (ROOT / file).exists():
            sections.setdefault(t(section_key, lang), []).append(
                st.Page(file, title=t(title_key, lang), icon=icon, url_path=url_path,
                        default=url_path == "ringkasan")
            )
    page = st.navigation(sections)
    with error_boundary(lang):
        page.run()


main()
