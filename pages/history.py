"""History: every change with time and author; undo the last one or restore before an allocation."""

import streamlit as st

from app_support import page_context, require_event, require_organizer
from booth_planner.history_view import (
    BOOTH_COLUMNS,
    CHANGE_COLUMNS,
    DEFAULT_TIME_ZONE,
    TIME_ZONES,
    action_label,
    booths_touched,
    changes_frame,
    format_time,
    last_undoable,
    restorable_allocations,
    summary_text,
    touched_count,
)
from booth_planner.plain_text import plain
from booth_planner.storage import StoreError
from live import refresh_on_changes

FLASH = "history.flash"
TOUCHED_SHOWN = 30

ctx = page_context()
event = require_event(ctx)
refresh_on_changes(ctx.store, event.id)
changes = ctx.store.history(event.id)

st.title(ctx.t("history.title"))
st.caption(ctx.t("history.intro"))
if message := st.session_state.pop(FLASH, None):
    st.success(message)
time_zone = st.columns([1, 3])[0].selectbox(ctx.t("history.time_zone"), list(TIME_ZONES),
                                             index=list(TIME_ZONES).index(DEFAULT_TIME_ZONE),
                                             format_func=lambda z: f"{TIME_ZONES[z]} ({z})",
                                             key="history.tz")
when = lambda change: format_time(change.at, ctx.lang, time_zone)  # noqa: E731


def undo(change_id: int | None, message_key: str, target_id: int) -> None:
    """Undo one change (the latest by default); a refusal shows the store's reason."""
    require_organizer(ctx)
    try:
        done = ctx.store.undo(event.id, change_id, user=ctx.user.name)
    except StoreError as error:
        st.error(ctx.t("history.refused", message=str(error)))
    else:
        st.session_state[FLASH] = ctx.t(message_key, id=target_id, booths=done.booth_count)
        st.rerun()


left, right = st.columns(2)
with left.container(border=True):
    st.subheader(ctx.t("history.undo.title"))
    latest = last_undoable(changes)
    if latest is None:
        st.caption(ctx.t("history.undo.none"))
    else:
        st.write(ctx.t("history.undo.what", id=latest.id, action=action_label(latest.action,
                                                                               ctx.lang),
                       summary=plain(summary_text(latest, ctx.lang)), time=when(latest),
                       user=plain(latest.user)))
        if st.button(ctx.t("history.undo.button"), key="history.undo", disabled=not ctx.user.can_edit):
            undo(None, "history.undo.done", latest.id)
with right.container(border=True):
    st.subheader(ctx.t("history.restore.title"))
    allocations = {c.id: c for c in restorable_allocations(changes)}
    if not allocations:
        st.caption(ctx.t("history.restore.none"))
    else:
        chosen = st.selectbox(
            ctx.t("history.restore.pick"), list(allocations), key="history.restore.pick",
            format_func=lambda i: ctx.t("history.restore.option", id=i, time=when(allocations[i]),
                                        user=allocations[i].user,
                                        booths=allocations[i].booth_count))
        if st.button(ctx.t("history.restore.button"), key="history.restore",
                     disabled=not ctx.user.can_edit):
            undo(chosen, "history.restore.done", chosen)

st.subheader(ctx.t("history.list"))
if not changes:
    st.info(ctx.t("history.empty"))
else:
    st.dataframe(
        changes_frame(changes, ctx.lang, time_zone).rename(
            columns={c: ctx.t(f"history.col.{c}") for c in CHANGE_COLUMNS}),
        hide_index=True, width="stretch",
    )
    with_booths = [c for c in changes if touched_count(c)]
    if with_booths:
        st.subheader(ctx.t("history.touched"))
    for change in with_booths[:TOUCHED_SHOWN]:
        label = ctx.t("history.touched_item", id=change.id, time=when(change),
                      action=action_label(change.action, ctx.lang), booths=touched_count(change))
        with st.expander(label):
            st.dataframe(booths_touched(change, ctx.lang).rename(
                columns={c: ctx.t(f"history.col.{c}") for c in BOOTH_COLUMNS}),
                hide_index=True, width="stretch")
    if len(with_booths) > TOUCHED_SHOWN:
        st.caption(ctx.t("history.touched_more", count=len(with_booths) - TOUCHED_SHOWN))
