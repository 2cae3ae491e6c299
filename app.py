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
    PUBLIC_PAGE,
    current_event,
    current_lang,
    current_user,
    error_boundary,
    get_store,
    keep_in_url,
    read_only_database_note,
    store_or_stop,
)
from auth_ui import account_sidebar
from booth_planner.core.i18n import LANGUAGE_NAMES, LANGUAGES, t

ROOT = Path(__file__).resolve().parent
HOME_URL_PATH = "ringkasan"


def _sidebar(lang: str, visitor: bool) -> None:
    """Event picker, language switch and the signed-in user; a visitor gets no event picker."""
    store = get_store()
    with st.sidebar:
        st.selectbox(
            t("sidebar.language", lang), LANGUAGES, index=LANGUAGES.index(lang),
            format_func=LANGUAGE_NAMES.get, key=LANGUAGE_KEY,
        )
        lang = current_lang()
        if visitor:  # the names of unpublished events are the organizers' business
            account_sidebar(store, current_user(), lang)
            return
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
        keep_in_url(current_event(store), lang)
        account_sidebar(store, current_user(), lang)


def main() -> None:
    """Build the frame and run the chosen page."""
    # A file of our own: a :material/...: icon makes the browser fetch the favicon from Google.
    st.set_page_config(page_title=t("app.title", current_lang()),
                       page_icon=str(ROOT / "assets" / "app_icon.png"), layout="wide")
    lang = current_lang()
    store_or_stop(lang)
    visitor = current_user().is_visitor
    with error_boundary(lang):
        _sidebar(lang, visitor)
    lang = current_lang()
    file, url_path, title_key, icon, section_key = PUBLIC_PAGE
    public = st.Page(file, title=t(title_key, lang), icon=icon, url_path=url_path,
                     default=visitor)
    if visitor:
        # Someone who has not signed in reaches the visitor directory and nothing else: the
        # organizers' pages are not in the navigation at all, so no URL leads to them.
        page = st.navigation([public], position="hidden")
        with error_boundary(lang):
            page.run()
        return
    sections: dict[str, list] = {}
    for file, url_path, title_key, icon, section_key in PAGES:
        if (ROOT / file).exists():
            sections.setdefault(t(section_key, lang), []).append(
                st.Page(file, title=t(title_key, lang), icon=icon, url_path=url_path)
            )
    home = next(page for pages in sections.values() for page in pages
                if page.url_path == HOME_URL_PATH)

    def app_root() -> None:
        """The bare address moves on to the home page's own, keeping the query."""
        st.switch_page(home, query_params=st.query_params.to_dict())

    # Streamlit serves its default page at "/" only: were the home page the default,
    # "/ringkasan" (a copied link, a reload) would be "Page not found". The default is a
    # hidden entry instead, so every page, the home page too, has one address of its own.
    next(iter(sections.values())).append(
        st.Page(app_root, title=t("nav.home", lang), url_path="mulai", default=True,
                visibility="hidden"))
    sections.setdefault(t(PUBLIC_PAGE[4], lang), []).append(public)
    # Every page in view: a folded list hides pages behind "View more", which cannot be translated.
    page = st.navigation(sections, expanded=True)
    with error_boundary(lang):
        read_only_database_note(get_store(), lang)
        page.run()


if __name__ == "__main__":
    # Streamlit runs this file as ``__main__`` for every session: draw the frame.
    main()
else:
    # ``streamlit run app.py`` finds this st.App and serves it (ASGI mode); the server imports
    # this module once at start, before any session. Telling Streamlit here that the app
    # navigates with st.navigation keeps its legacy ``pages/`` routing from handling a
    # process's first run, which showed "Page not found" on the first deep link.
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    app = st.App(__file__)
