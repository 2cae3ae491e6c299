"""History: every change with time and author; undo the last one or restore before an allocation."""

import streamlit as st

from app_support import page_context, require_event, require_organizer
from booth_planner.core.local_time import DEFAULT_TIME_ZONE, TIME_ZONES, format_time
from booth_planner.core.plain_text import plain
from booth_planner.history import (
    BOOTH_COLUMNS,
    CHANGE_COLUMNS,
    HANDFUL,
    action_label,
    booths_touched,
    changes_frame,
    effect_text,
    last_redoable,
    last_undoable,
    needs_confirmation,
    restorable_allocations,
    summary_text,
    touched_count,
    undo_effect,
)
from booth_planner.storage import StoreError
from live import refresh_on_changes

FLASH = "history.flash"
CONFIRM = "history.confirm"  # (what, change id) waiting for the organizer's yes
TOUCHED_SHOWN = 30

ctx = page_context()
event = require_event(ctx)
refresh_on_changes(ctx.store, event.id)
changes = ctx.store.history(event.id)

st.title(ctx.t("history.title"))
st.caption(ctx.t("history.intro"))
# The message stays until the next action: the periodic refresh reruns the page meanwhile.
if message := st.session_state.get(FLASH):
    st.success(message)
time_zone = st.columns([1, 3])[0].selectbox(ctx.t("history.time_zone"), list(TIME_ZONES),
                                             index=list(TIME_ZONES).index(DEFAULT_TIME_ZONE),
                                             format_func=lambda z: f"{TIME_ZONES[z]} ({z})",
                                             key="history.tz")
when = lambda change: format_time(change.at, ctx.lang, time_zone)  # noqa: E731


def undo(change_id: int, message_key: str, *, redo: bool = False) -> None:
    """Undo (or redo) the change the button was drawn for; a refusal shows the store's reason.

    Always by id: a second click of a double click finds that change already undone and is
    refused, never taking back the change before it.
    """
    require_organizer(ctx)
    st.session_state.pop(CONFIRM, None)
    st.session_state.pop(FLASH, None)
    try:
        done = (ctx.store.redo if redo else ctx.store.undo)(event.id, change_id,
                                                             user=ctx.user.name)
    except StoreError as error:
        st.error(ctx.t("history.refused", message=plain(str(error))))
    else:
        st.session_state[FLASH] = ctx.t(message_key, id=change_id, booths=done.booth_count)
        st.rerun()


def guarded_button(what: str, change, label: str, message_key: str, *, ask: bool,
                   redo: bool = False) -> None:
    """A button for one change; when ``ask``, it first says what will change, in numbers."""
    if st.session_state.get(CONFIRM) == (what, change.id):
        effect = effect_text(undo_effect(change, redo=redo), ctx.lang)
        kind = "redo" if redo else "undo"
        st.warning(ctx.t(f"{kind}.confirm", change=f"#{change.id}", effect=effect),
                   icon=":material/warning:")
        yes, no = st.columns(2)
        if yes.button(ctx.t(f"{kind}.confirm.yes"), key=f"history.{what}_yes.{change.id}",
                      type="primary"):
            undo(change.id, message_key, redo=redo)
        if no.button(ctx.t("undo.confirm.no"), key=f"history.{what}_no.{change.id}"):
            st.session_state.pop(CONFIRM, None)
            st.rerun()
        return
    if st.button(label, key=f"history.{what}.{change.id}", disabled=not ctx.user.can_edit):
        if ask:
            st.session_state.pop(FLASH, None)
            st.session_state[CONFIRM] = (what, change.id)
            st.rerun()
        undo(change.id, message_key, redo=redo)


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
        guarded_button("undo", latest, ctx.t("history.undo.button"), "history.undo.done",
                       ask=needs_confirmation(latest))
    if (redoable := last_redoable(changes)) is not None:
        st.divider()
        st.subheader(ctx.t("history.redo.title"))
        undone = next((c for c in changes if c.id == redoable.details.get("undoes")), None)
        st.write(ctx.t("history.redo.what", id=redoable.details.get("undoes"),
                       summary=plain(f"{action_label(undone.action, ctx.lang)} · "
                                     f"{summary_text(undone, ctx.lang)}") if undone
                       else plain(redoable.summary), time=when(redoable),
                       user=plain(redoable.user)))
        guarded_button("redo", redoable, ctx.t("history.redo.button"), "history.redo.done",
                       ask=touched_count(redoable) > HANDFUL, redo=True)
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
        guarded_button("restore", allocations[chosen], ctx.t("history.restore.button"),
                       "history.restore.done", ask=True)

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
