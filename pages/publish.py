"""Publish the visitor directory and print the public face: booth cards, hall posters, the
static directory folder.

An organizer publishes or unpublishes the event's directory and sets the address it is
published at (the booth cards' QR codes point there). Files are built only when clicked.
"""

from functools import partial

import streamlit as st

from app_support import PUBLIC_PAGE, page_context, read_only_note, require_event
from booth_planner.core.i18n import format_number
from booth_planner.core.plain_text import plain
from booth_planner.core.text import slug
from booth_planner.directory.cards import (
    DEFAULT_SIZE,
    SIZES,
    CardTexts,
    card_texts,
    cards_pdf,
    plan_cards,
    poster_pdf,
)
from booth_planner.directory.entries import from_state
from booth_planner.directory.profile import ProfileError, normalise_base_url
from booth_planner.directory.static_site import site_zip
from booth_planner.storage import StoreError

ctx = page_context()
event = require_event(ctx)
state = ctx.state()
directory = ctx.derived(from_state)
PDF = "application/pdf"


def tr(key: str, **values: object) -> str:
    """The page's text for ``key``."""
    return ctx.t(f"directory.publish.{key}", **values)


def texts() -> CardTexts:
    """The printed words of cards and posters in the organizer's language."""
    return card_texts(ctx.lang)


st.title(tr("title"))
st.caption(tr("intro"))
viewer = read_only_note(ctx)

st.subheader(tr("settings"))
st.markdown(tr("status_on" if event.directory_published else "status_off"))
with st.form("directory.settings", border=True):
    published = st.toggle(tr("published"), value=event.directory_published, disabled=viewer)
    base_url = st.text_input(tr("base_url"), value=event.directory_base_url or "",
                             placeholder="https://pameran.example.go.id/direktori",
                             help=tr("base_url_help"), disabled=viewer)
    if st.form_submit_button(tr("save"), type="primary", disabled=viewer):
        try:
            address = normalise_base_url(base_url)
            ctx.store.set_directory(event.id, published=published, base_url=address,
                                    user=ctx.user.name,
                                    expected=(event.directory_published,
                                              event.directory_base_url))
        except ProfileError as error:
            st.error(tr("bad_base_url", value=error.value))
        except StoreError as error:
            st.error(plain(str(error)))
        else:
            st.toast(tr("saved"))
            st.rerun()
st.page_link(PUBLIC_PAGE[0], label=tr("open_directory"), icon=":material/travel_explore:")

st.subheader(tr("cards"))
hall_names = [h for h in dict.fromkeys(e.hall for e in directory.entries)]
if not directory.entries:
    st.info(tr("no_assignments"))
else:
    left, right = st.columns(2)
    hall = left.selectbox(tr("hall"), hall_names, key="publish.hall")
    size = right.radio(tr("size"), tuple(SIZES), index=tuple(SIZES).index(DEFAULT_SIZE),
                       format_func=str.upper, horizontal=True, key="publish.size")
    entries = [e for e in directory.entries if e.hall == hall]
    cards = plan_cards(entries, event.directory_base_url)
    without = sum(1 for c in cards if c.qr is None)
    st.caption(tr("cards_caption", cards=format_number(len(cards), ctx.lang),
                  without=format_number(without, ctx.lang)))
    columns = st.columns(3)
    columns[0].download_button(
        tr("download_cards"), data=partial(cards_pdf, cards, event.name, size, texts()),
        file_name=f"kartu-stand_{slug(event.slug)}_{slug(hall)}_{size}.pdf", mime=PDF,
        on_click="ignore", icon=":material/download:", key="publish.cards")
    if event.directory_base_url:
        columns[1].download_button(
            tr("download_poster"),
            data=partial(poster_pdf, [hall], event.name, event.directory_base_url, size, texts()),
            file_name=f"poster_{slug(event.slug)}_{slug(hall)}.pdf", mime=PDF,
            on_click="ignore", icon=":material/download:", key="publish.poster")
    else:
        columns[1].caption(tr("poster_needs_url"))
    columns[2].download_button(
        tr("download_site"), data=partial(site_zip, directory, ctx.lang),
        file_name=f"direktori_{slug(event.slug)}.zip", mime="application/zip",
        on_click="ignore", icon=":material/folder_zip:", key="publish.site",
        help=tr("site_help"))
