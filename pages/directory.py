"""The visitor directory: find an exhibitor by product, region, category or name, see its booth.

Reachable without signing in. This page gets only ``app_support.public_directories()``: frozen
copies of the published events' directories, never a store, so nothing here can write.
Deep links: ``?booth=A-01`` and ``?exhibitor=ID`` (with ``&event=SLUG`` when several events are
published), the same addresses the booth cards' QR codes and the static export use.
"""

from __future__ import annotations

import streamlit as st

from app_support import current_lang, public_directories
from booth_planner.core.i18n import format_date_range, t
from booth_planner.directory.plan import plan_svg
from booth_planner.directory.search import SearchIndex
from booth_planner.directory.view import (
    Exhibitor,
    chat_link,
    find,
    halls,
    link_label,
    plain,
    provinces,
    safe_links,
)

RESULTS_SHOWN = 40
lang = current_lang()


def tr(key: str, **values: object) -> str:
    """The page's text for ``key``."""
    return t(f"directory.page.{key}", lang, **values)


@st.cache_resource(max_entries=8, show_spinner=False)
def search_index(_entries: tuple, key: tuple) -> SearchIndex:  # noqa: ARG001 - key: the cache key
    """One search index per published directory version, shared by every visitor."""
    return SearchIndex.build(_entries)


def open_entry(event_slug: str, booth_id: str) -> None:
    """Show one booth's entry, with an address a visitor can share."""
    st.query_params.from_dict({"event": event_slug, "booth": booth_id, "lang": lang})


def close_entry(event_slug: str) -> None:
    """Back to the search."""
    st.query_params.from_dict({"event": event_slug, "lang": lang})


def show_entry(event, exhibitor: Exhibitor, booth_id: str) -> None:  # noqa: ANN001
    """One exhibitor: booth and hall, profile, contact links, and the plan with its booths."""
    entry = next((e for e in exhibitor.entries if e.booth_id == booth_id), exhibitor.first)
    st.button(tr("back"), icon=":material/arrow_back:", on_click=close_entry,
              args=(event.slug,), key="directory.back")
    with st.container(border=True, key="directory-entry"):
        st.markdown(f"**{plain(tr('booth'))} {plain(', '.join(exhibitor.booth_ids))}** · "
                    f"{plain(entry.hall)}")
        st.subheader(plain(entry.name), anchor=False)
        region = ", ".join(dict.fromkeys(p for p in (entry.region_name, entry.province_name) if p))
        for label, value in ((tr("product"), entry.product), (tr("region"), region),
                             (tr("category"), entry.category)):
            if value:
                st.markdown(f"{plain(label)}: **{plain(value)}**")
        if entry.description:
            st.markdown(plain(entry.description))
        if chat := chat_link(entry):
            st.link_button(f"{tr('whatsapp')} +{entry.whatsapp}", chat, type="primary",
                           icon=":material/chat:")
        for link in safe_links(entry):
            st.link_button(link_label(link), link, icon=":material/storefront:")
        plan = event.directory.hall(entry.hall)
        if plan is not None:
            booths = [b for b in exhibitor.booth_ids
                      if next(e.hall for e in exhibitor.entries if e.booth_id == b) == entry.hall]
            st.image(plan_svg(plan, booths, title=f"{tr('plan_of')} {entry.hall}"),
                     caption=f"{tr('plan_of')} {entry.hall}", width="stretch")


def show_results(event, found: list[Exhibitor]) -> None:  # noqa: ANN001
    """The matching exhibitors, each with a button to its entry."""
    st.caption(tr("results", count=len(found)) if found else tr("no_results"))
    for number, exhibitor in enumerate(found[:RESULTS_SHOWN]):
        entry = exhibitor.first
        with st.container(border=True, key=f"directory-result-{number}"):
            st.markdown(f"**{plain(tr('booth'))} {plain(', '.join(exhibitor.booth_ids))}** · "
                        f"{plain(entry.hall)}  \n**{plain(entry.name)}**  \n"
                        + plain(" · ".join(p for p in (entry.product, entry.region_name) if p)))
            st.button(tr("open_entry"), key=f"directory.open.{entry.applicant_id}",
                      on_click=open_entry, args=(event.slug, entry.booth_id))
    if len(found) > RESULTS_SHOWN:
        st.caption(tr("more_results", count=len(found) - RESULTS_SHOWN))


def main() -> None:
    """Pick the published event, then show an entry (deep link) or the search."""
    published = public_directories()
    st.title(tr("title"), anchor=False)
    if not published.events:
        st.info(tr("nothing_published"))
        return
    wanted = st.query_params.get("event")
    event = published.by_slug(wanted) or published.by_slug(None)
    if len(published.events) > 1:
        slugs = [e.slug for e in published.events]
        chosen = st.selectbox(tr("event"), slugs, index=slugs.index(event.slug),
                              format_func={e.slug: e.name for e in published.events}.get)
        if chosen != event.slug:
            close_entry(chosen)
            st.rerun()
    when = format_date_range(event.start_date, event.end_date, lang)
    st.caption(plain(" · ".join(p for p in (event.name, when, event.venue) if p)))
    directory = event.directory
    booth = st.query_params.get("booth")
    exhibitor_id = st.query_params.get("exhibitor")
    if booth or exhibitor_id:
        entry = directory.by_booth(booth) if booth else next(
            iter(directory.of_exhibitor(exhibitor_id)), None)
        if entry is not None:
            show_entry(event, Exhibitor(directory.of_exhibitor(entry.applicant_id)),
                       entry.booth_id)
            return
        st.warning(tr("entry_not_found"))
    index = search_index(directory.entries, (event.slug, len(directory.entries),
                                             hash(directory.entries)))
    query = st.text_input(tr("search_label"), placeholder=tr("search_placeholder"),
                          key="directory.q")
    left, right = st.columns(2)
    province = left.selectbox(tr("province"), [None, *provinces(directory)],
                              format_func=lambda p: p or tr("all_provinces"),
                              key="directory.province")
    hall = right.selectbox(tr("hall"), [None, *halls(directory)],
                           format_func=lambda h: h or tr("all_halls"), key="directory.hall")
    show_results(event, find(directory, index, query, province, hall))


main()
