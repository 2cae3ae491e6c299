"""Events: create one, recreate the demo events, delete one after typing its name."""

import pandas as pd
import streamlit as st

from app_support import CHOOSE_EVENT_KEY, page_context, read_only_note, require_organizer
from booth_planner.core.i18n import format_date_range, format_number
from booth_planner.core.plain_text import plain
from booth_planner.demo.events import DEMOS, NATIONAL_EVENT_NAME, PON_EVENT_NAME, reset_demo
from booth_planner.storage import StoreError

FLASH = "events.flash"
NONCE = "events.nonce"
DEMO_NAMES = {"pon-xxi-2024": PON_EVENT_NAME, "kriya-nusantara-nasional": NATIONAL_EVENT_NAME}
SCOPES = ("regional", "national")

ctx = page_context()
events = ctx.store.list_events()
nonce = st.session_state.get(NONCE, 0)
n = lambda value: format_number(value, ctx.lang)  # noqa: E731

st.title(ctx.t("events.title"))
st.caption(ctx.t("events.intro"))
viewer = read_only_note(ctx)
if message := st.session_state.pop(FLASH, None):
    st.success(message)


def choose_and_rerun(message: str, event_id: int | None) -> None:
    """Show ``message`` next run, on the event ``event_id`` (None: keep the sidebar's choice)."""
    st.session_state[FLASH] = message
    st.session_state[NONCE] = nonce + 1
    if event_id is not None:
        # The sidebar's picker was drawn already this run; the frame sets it on the next one.
        st.session_state[CHOOSE_EVENT_KEY] = event_id
    st.rerun()


st.subheader(ctx.t("events.list"))
if not events:
    st.info(ctx.t("events.none"))
else:
    rows = []
    for e in events:
        counts = ctx.store.counts(e.id)
        rows.append({
            "name": e.name, "slug": e.slug, "venue": e.venue, "city": e.city,
            "dates": format_date_range(e.start_date, e.end_date, ctx.lang),
            "scope": ctx.t(f"events.scope.{e.scope}") if e.scope in SCOPES else e.scope,
            "booths": n(counts["booths"]), "applicants": n(counts["applicants"]),
        })
    st.dataframe(pd.DataFrame(rows).rename(columns=lambda c: ctx.t(f"events.col.{c}")),
                 hide_index=True, width="stretch")

create, side = st.columns(2)
with create.container(border=True):
    st.subheader(ctx.t("events.create.title"))
    with st.form(f"events.create.{nonce}", enter_to_submit=False):
        name = st.text_input(ctx.t("events.create.name"), key=f"events.create.name.{nonce}")
        a, b = st.columns(2)
        venue = a.text_input(ctx.t("events.create.venue"), key=f"events.create.venue.{nonce}")
        city = b.text_input(ctx.t("events.create.city"), key=f"events.create.city.{nonce}")
        start = a.date_input(ctx.t("events.create.start"), value=None, format="DD/MM/YYYY",
                             key=f"events.create.start.{nonce}")
        end = b.date_input(ctx.t("events.create.end"), value=None, format="DD/MM/YYYY",
                           key=f"events.create.end.{nonce}")
        scope = st.radio(ctx.t("events.create.scope"), SCOPES, horizontal=True,
                         format_func=lambda s: ctx.t(f"events.scope.{s}"),
                         help=ctx.t("events.create.scope_help"), key=f"events.create.scope.{nonce}")
        if st.form_submit_button(ctx.t("events.create.submit"), type="primary",
                                 disabled=viewer):
            require_organizer(ctx)
            if not name.strip():
                st.error(ctx.t("events.create.name_empty"))
            elif start and end and end < start:
                st.error(ctx.t("events.create.dates"))
            else:
                try:
                    created = ctx.store.create_event(
                        name.strip(), venue=venue.strip(), city=city.strip(), start_date=start,
                        end_date=end, scope=scope, user=ctx.user.name)
                except StoreError as error:
                    st.error(ctx.t("events.refused", message=plain(str(error))))
                else:
                    choose_and_rerun(ctx.t("events.create.done", name=plain(created.name),
                                           setup=ctx.t("nav.booth_setup"),
                                           import_page=ctx.t("nav.import")),
                                     created.id)

with side.container(border=True):
    st.subheader(ctx.t("events.demo.title"))
    present = {e.slug for e in events}
    missing = [slug for slug in DEMOS if slug not in present]
    if not missing:
        st.caption(ctx.t("events.demo.present"))
    for slug in missing:
        if st.button(ctx.t("events.demo.recreate", name=DEMO_NAMES.get(slug, slug)),
                     key=f"events.demo.{slug}", disabled=viewer):
            require_organizer(ctx)
            with st.spinner(DEMO_NAMES.get(slug, slug)):
                created = reset_demo(ctx.store, slug)
            choose_and_rerun(ctx.t("events.demo.done", name=plain(created.name)), created.id)
    if demos_present := [slug for slug in DEMOS if slug in present]:
        # Resetting throws away what was changed in the demo: one explicit choice first.
        doomed = st.selectbox(ctx.t("events.demo.reset_which"), demos_present,
                              format_func=lambda slug: DEMO_NAMES.get(slug, slug),
                              key="events.demo.reset_which", disabled=viewer)
        sure = st.checkbox(ctx.t("events.demo.reset_sure"), key=f"events.demo.sure.{nonce}",
                           disabled=viewer)
        if st.button(ctx.t("events.demo.reset"), key="events.demo.reset",
                     disabled=viewer or not sure):
            require_organizer(ctx)
            with st.spinner(DEMO_NAMES.get(doomed, doomed)):
                created = reset_demo(ctx.store, doomed)
            choose_and_rerun(ctx.t("events.demo.reset_done", name=plain(created.name)), created.id)

if events:
    with side.container(border=True):
        st.subheader(ctx.t("events.delete.title"))
        by_id = {e.id: e for e in events}
        # The event on screen is the one an organizer means; never another one by default.
        current = list(by_id).index(ctx.event.id) if ctx.event and ctx.event.id in by_id else 0
        doomed = by_id[st.selectbox(ctx.t("events.delete.pick"), list(by_id), index=current,
                                    format_func=lambda i: by_id[i].name,
                                    key=f"events.delete.pick.{nonce}")]
        counts = ctx.store.counts(doomed.id)
        st.warning(ctx.t("events.delete.what", booths=n(counts["booths"]),
                         applicants=n(counts["applicants"])))
        typed = st.text_input(ctx.t("events.delete.type"), placeholder=doomed.name,
                              key=f"events.delete.typed.{nonce}")
        matches = typed.strip() == doomed.name
        if typed and not matches:
            st.caption(ctx.t("events.delete.mismatch"))
        if st.button(ctx.t("events.delete.button"), type="primary", disabled=not matches or viewer,
                     key="events.delete.button"):
            require_organizer(ctx)
            try:
                ctx.store.delete_event(doomed.id)
            except StoreError as error:
                st.error(ctx.t("events.refused", message=plain(str(error))))
            else:
                # Deleting the event on screen moves the sidebar to the newest one left.
                left = [e.id for e in events if e.id != doomed.id]
                on_screen = ctx.event is not None and ctx.event.id == doomed.id
                choose_and_rerun(ctx.t("events.delete.done", name=plain(doomed.name)),
                                 left[0] if on_screen and left else None)
