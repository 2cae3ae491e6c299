"""Floor plan: the hall drawn to scale; click a booth to assign, move, swap, lock or free it.

How a click travels: the chart's selection event lands in ``st.session_state[<chart key>]``.
At the top of the next (fragment) run it is turned into booth ids and kept in
``floor.selected``; the chart is then drawn under a NEW key. A figure that changes under the
same key loses the next click, and a fresh key also clears the old selection box. Actions are
button callbacks that pass the booth versions read with the plan the organizer saw, so a booth
someone else changed in between is a conflict, told with who and when, never overwritten.
Everything below the title is one ``st.fragment``: a click reruns the plan and panel only.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_support import page_context, require_event
from booth_planner import floor_plan as fa
from booth_planner.charts import floor_plan as plan_chart
from booth_planner.charts.floor_plan import COLOR_MODES
from booth_planner.core.i18n import format_date_range, format_decimal, format_rupiah
from booth_planner.core.local_time import format_time, local_time
from booth_planner.core.model import EventState
from booth_planner.core.plain_text import plain
from booth_planner.history import HANDFUL, effect_text, needs_confirmation, undo_effect
from booth_planner.lifecycle.tables import hold_deadlines
from booth_planner.storage import ConflictError, DatabaseFault, StoreError
from live import mark_seen, refresh_on_changes

SELECTED = "floor.selected"
REVISION = "floor.revision"
CHART_KEY = "floor.chart_key"
VERSIONS = "floor.versions"
FLASH = "floor.flash"
RELOCATE = "floor.relocating"
EXTRA_OK = "floor.extra_ok"  # the organizer chose to give more booths than asked
PICKED_FOR = "floor.applicant_for"  # the booth the applicant picker was last drawn for
CONFIRM = "floor.confirm"  # ("undo" | "redo", change id) waiting for the organizer's yes
# Nearest booths offered in the move and swap lists; any other is picked on the plan. A list of
# every booth (900 in a national hall) costs the browser most of a second on each click.
NEARBY = 30

ctx = page_context()
event = require_event(ctx)
t = ctx.t

st.title(t("floor.title"))
st.caption(" · ".join(filter(None, [plain(event.name), format_date_range(event.start_date,
                                                                   event.end_date, ctx.lang)])))


def chart_key() -> str:
    """The plan's current widget key; it changes whenever the figure changes."""
    key = f"floor.plan.{event.id}.{st.session_state.get(REVISION, 0)}"
    st.session_state[CHART_KEY] = key
    return key


def new_revision() -> None:
    """Draw the plan under a new key on the next run (see the module docstring)."""
    st.session_state[REVISION] = st.session_state.get(REVISION, 0) + 1


def select(booth_ids: list[str]) -> None:
    """Make ``booth_ids`` the selection and redraw the plan; the last message has been read."""
    st.session_state[SELECTED] = list(booth_ids)
    st.session_state.pop(FLASH, None)
    st.session_state.pop(CONFIRM, None)
    new_revision()


def flash(kind: str, text: str) -> None:
    """A message shown at the top of the panel until the organizer's next action.

    Kept in the session, not shown once: the periodic refresh reruns the page, and a message
    that vanished with that rerun would be gone before it was read.
    """
    st.session_state[FLASH] = (kind, text)


def run_change(change: Callable[[dict[str, int]], object], done: str) -> None:
    """Run one change with the versions the organizer saw; report success or a conflict."""
    try:
        change(st.session_state.get(VERSIONS, {}))
    except ConflictError as error:
        flash("error", fa.conflict_message(ctx.state(), error.booth_id, error.changed_by,
                                           error.changed_at, error.current_applicant_id,
                                           ctx.lang))
    except DatabaseFault as fault:  # a full disk or a lost server: say so, in words
        flash("error", t(f"fault.{fault.kind}"))
    except StoreError as error:
        flash("error", t("floor.refused", detail=plain(str(error))))
    else:
        flash("success", done)
        mark_seen(ctx.store, event.id)  # our own change: no need for the refresh to rerun
    new_revision()


def on_assign(booth_id: str, names: dict[str, str]) -> None:
    applicant_id = st.session_state.get("floor.applicant")
    if not applicant_id:
        flash("warning", t("floor.pick_applicant"))
        return
    name = plain(names.get(applicant_id, applicant_id))
    done = t("floor.done.assign", booth=booth_id, applicant=applicant_id, name=name)
    if extra := fa.extra_booth(ctx.state(), applicant_id):  # read again: the plan may be old
        if not st.session_state.get(EXTRA_OK):
            flash("warning", t("floor.extra.needs_ok", name=name, held=extra[0],
                               requested=extra[1]))
            return
        done += " " + t("floor.extra.done", name=name, count=extra[0] + 1,
                        requested=extra[1])
    locked = bool(st.session_state.get("floor.assign_locked"))
    run_change(lambda v: ctx.store.assign(event.id, booth_id, applicant_id, user=ctx.user.name,
                                         expected_version=v.get(booth_id), locked=locked,
                                         allow_extra=bool(extra)),
               done)
    st.session_state["floor.search"] = ""
    st.session_state.pop(EXTRA_OK, None)


def on_unassign(booth_id: str) -> None:
    run_change(lambda v: ctx.store.unassign(event.id, booth_id, user=ctx.user.name,
                                           expected_version=v.get(booth_id)),
               t("floor.done.unassign", booth=booth_id))


def on_move(booth_id: str, target: str | None = None) -> None:
    target = target or st.session_state.get("floor.move_to")
    if not target:
        return
    run_change(lambda v: ctx.store.move(event.id, booth_id, target, user=ctx.user.name,
                                       expected_versions=v),
               t("floor.done.move", booth=booth_id, target=target))
    st.session_state.pop(RELOCATE, None)
    st.session_state[SELECTED] = [target]


def on_swap(booth_id: str, target: str | None = None) -> None:
    target = target or st.session_state.get("floor.swap_with")
    if not target:
        return
    run_change(lambda v: ctx.store.swap(event.id, booth_id, target, user=ctx.user.name,
                                       expected_versions=v),
               t("floor.done.swap", booth=booth_id, target=target))
    st.session_state.pop(RELOCATE, None)
    st.session_state[SELECTED] = [target]


def on_relocate(booth_id: str | None) -> None:
    """Start (or, with None, stop) picking on the plan where a booth's exhibitor goes."""
    if booth_id is None:
        origin = st.session_state.pop(RELOCATE, None)
        select([origin] if origin else [])
    else:
        st.session_state[RELOCATE] = booth_id


def on_lock(booth_ids: list[str], locked: bool) -> None:
    run_change(lambda v: ctx.store.set_locked(event.id, booth_ids, locked, user=ctx.user.name,
                                             expected_versions=v),
               t("floor.done.lock" if locked else "floor.done.unlock",
                 booths=", ".join(booth_ids)))


def on_status(booth_ids: list[str], status: str) -> None:
    run_change(lambda v: ctx.store.set_status(event.id, booth_ids, status, user=ctx.user.name,
                                             expected_versions=v),
               t(f"floor.done.{status}", booths=", ".join(booth_ids)))


def on_zone(booth_ids: list[str]) -> None:
    zone = st.session_state.get("floor.zone") or None
    run_change(lambda v: ctx.store.set_zone(event.id, booth_ids, zone, user=ctx.user.name,
                                           expected_versions=v),
               t("floor.done.zone", booths=", ".join(booth_ids), zone=plain(zone) or "–"))


def own_history() -> list:
    """The event's recent history, where the organizer's last edits are found."""
    return ctx.store.history(event.id, limit=100)


def on_undo(change_id: int, label: str) -> None:
    """Undo the change the button was drawn for, and only while it is still the one to undo.

    A second click of a double click arrives after the first undid that change: the button it
    was drawn for is stale, and nothing more is undone.
    """
    st.session_state.pop(CONFIRM, None)
    last = fa.last_undoable_change(own_history(), ctx.user.name)
    if last is None or last.id != change_id:
        return
    run_change(lambda _v: ctx.store.undo(event.id, change_id, user=ctx.user.name),
               t("floor.done.undo", change=plain(label)))


def on_redo(undo_id: int, label: str) -> None:
    """Take back the undo the button was drawn for, while it is still the organizer's last."""
    st.session_state.pop(CONFIRM, None)
    last = fa.last_redoable_undo(own_history(), ctx.user.name)
    if last is None or last.id != undo_id:
        return
    run_change(lambda _v: ctx.store.redo(event.id, undo_id, user=ctx.user.name),
               t("floor.done.redo", change=plain(label)))


def on_ask(kind: str, change_id: int) -> None:
    """Ask before an undo or redo that changes many booths."""
    st.session_state.pop(FLASH, None)
    st.session_state[CONFIRM] = (kind, change_id)


def on_no() -> None:
    st.session_state.pop(CONFIRM, None)


def on_clear() -> None:
    select([])


def on_hall_change() -> None:
    """A new hall starts with nothing selected, except the booth being moved or swapped."""
    origin = st.session_state.get(RELOCATE)
    select([origin] if origin else [])


def show_flash() -> None:
    """The message the last action left (it stays until the next action)."""
    message = st.session_state.get(FLASH)
    if message:
        kind, text = message
        getattr(st, kind)(text)


def booth_facts(panel: fa.BoothPanel) -> None:
    """The booth's own facts and its holder."""
    booth = panel.booth
    st.subheader(t("floor.panel.booth", booth=booth.booth_id))
    size = f"{format_decimal(booth.width_m, ctx.lang)} × {format_decimal(booth.depth_m, ctx.lang)} m"
    st.markdown(f"**{t(f'floor.status.{panel.status}')}** · {plain(booth.hall)} · "
                f"{size} · {t(f'floor.type.{booth.booth_type}')}")
    extras = []
    if booth.zone:
        extras.append(f"{t('floor.hover.zone')}: {plain(booth.zone)}")
    if booth.price_idr is not None:
        extras.append(f"{t('floor.hover.price')}: {format_rupiah(booth.price_idr)}")
    if extras:
        st.caption(" · ".join(extras))
    if panel.applicant is not None:
        a = panel.applicant
        st.markdown(f"**{plain(a.name)}**  \n{panel.region}  \n{plain(a.category)}"
                    + (f" · {plain(a.product)}" if a.product else ""))
        if (hold := held_until().get(booth.booth_id)) is not None:
            st.warning(t("floor.held_until", until=format_time(hold, ctx.lang)),
                       icon=":material/timer:")
        if len(panel.holder_booths) > 1:
            st.caption(t("floor.panel.holder_booths", booths=", ".join(panel.holder_booths)))


def held_until() -> dict:
    """Each held booth's deadline (holds look taken; the deadline says until when)."""
    holds = getattr(ctx.store, "holds", None)
    return hold_deadlines(holds(event.id)) if holds else {}


def free_booth_actions(state: EventState, panel: fa.BoothPanel) -> None:
    """Assign an applicant (searchable, unplaced first) or block the booth."""
    booth_id = panel.booth.booth_id
    query = st.text_input(t("floor.search"), key="floor.search",
                          placeholder=t("floor.search_hint"))
    choices = fa.applicant_choices(state, query, booth_id, ctx.lang)
    if not choices:
        st.caption(t("floor.no_match"))
    else:
        labels = {c.applicant_id: c.label for c in choices}
        # On a newly opened booth the picker starts afresh: the applicant just placed on the
        # previous booth is not offered again by default.
        kept = st.session_state.get(PICKED_FOR) == booth_id
        st.session_state[PICKED_FOR] = booth_id
        if not kept:
            st.session_state.pop(EXTRA_OK, None)
        st.session_state["floor.applicant"] = fa.preselected(
            choices, st.session_state.get("floor.applicant"), kept)
        st.selectbox(t("floor.applicant"), list(labels), format_func=labels.get,
                     key="floor.applicant", index=None, placeholder=t("floor.extra.pick"))
        chosen = next((c for c in choices
                       if c.applicant_id == st.session_state.get("floor.applicant")), None)
        extra = chosen is not None and not chosen.unplaced
        if chosen is not None:
            st.caption(t("floor.extra.count", name=plain(chosen.name), held=chosen.placed,
                         requested=chosen.requested))
        if extra:
            st.warning(t("floor.extra.warning", name=plain(chosen.name), held=chosen.placed,
                         requested=chosen.requested), icon=":material/warning:")
            st.checkbox(t("floor.extra.ok", name=plain(chosen.name)), key=EXTRA_OK)
        st.checkbox(t("floor.assign_locked"), key="floor.assign_locked")
        st.button(t("floor.assign"), key="floor.assign", type="primary", on_click=on_assign,
                  args=(booth_id, {c.applicant_id: c.name for c in choices}),
                  icon=":material/person_add:", width="stretch",
                  disabled=chosen is None or (extra and not st.session_state.get(EXTRA_OK)))


def assigned_booth_actions(state: EventState, panel: fa.BoothPanel) -> None:
    """Unassign, lock or unlock, move to a free booth, swap with another booth."""
    booth_id = panel.booth.booth_id
    left, right = st.columns(2)
    left.button(t("floor.unassign"), key="floor.unassign", on_click=on_unassign,
                args=(booth_id,), icon=":material/person_remove:", width="stretch")
    right.button(t("floor.unlock") if panel.locked else t("floor.lock"), key="floor.lock_one",
                 on_click=on_lock, args=([booth_id], not panel.locked),
                 icon=":material/lock_open:" if panel.locked else ":material/lock:",
                 width="stretch")
    st.button(t("floor.relocate"), key="floor.relocate", on_click=on_relocate,
              args=(booth_id,), icon=":material/ads_click:", width="stretch")
    targets = fa.move_targets(state, booth_id, NEARBY)
    if targets:
        st.selectbox(t("floor.move_to"), targets, key="floor.move_to", index=None,
                     placeholder=t("floor.pick_booth"))
        st.button(t("floor.move"), key="floor.move", on_click=on_move, args=(booth_id,),
                  icon=":material/open_with:",
                  disabled=st.session_state.get("floor.move_to") not in targets)
    partners = fa.swap_targets(state, booth_id, NEARBY)
    if partners:
        labels = fa.booth_labels(state, partners)
        st.selectbox(t("floor.swap_with"), partners, key="floor.swap_with", index=None,
                     format_func=labels.get, placeholder=t("floor.pick_booth"))
        st.button(t("floor.swap"), key="floor.swap", on_click=on_swap, args=(booth_id,),
                  icon=":material/swap_horiz:",
                  disabled=st.session_state.get("floor.swap_with") not in partners)


def group_actions(state: EventState, booth_ids: list[str]) -> None:
    """Block, unblock, zone, lock or unlock every selected booth at once."""
    groups = fa.selection_summary(state, booth_ids)
    held = groups["assigned"] + groups["locked"]
    cols = st.columns(2)
    cols[0].button(t("floor.block"), key="floor.block", on_click=on_status,
                   args=(booth_ids, "blocked"), icon=":material/block:", width="stretch",
                   disabled=bool(held) or len(groups["blocked"]) == len(booth_ids))
    cols[1].button(t("floor.unblock"), key="floor.unblock", on_click=on_status,
                   args=(booth_ids, "available"), icon=":material/check_circle:",
                   width="stretch", disabled=not groups["blocked"])
    if held:
        st.caption(t("floor.block_held", booths=", ".join(held)))
    zones = fa.categories(state)
    st.selectbox(t("floor.zone"), [""] + zones, key="floor.zone",
                 format_func=lambda z: z or t("floor.no_zone"))
    zone = st.session_state.get("floor.zone") or None
    problems = fa.zoning_problems(state, booth_ids, zone)
    st.button(t("floor.set_zone"), key="floor.set_zone", on_click=on_zone, args=(booth_ids,),
              icon=":material/category:", disabled=bool(problems))
    if problems:
        st.caption(t("floor.zone_held", booths=", ".join(problems), zone=plain(zone)))
    if held:
        cols = st.columns(2)
        cols[0].button(t("floor.lock"), key="floor.lock", on_click=on_lock, args=(held, True),
                       icon=":material/lock:", width="stretch",
                       disabled=not groups["assigned"])
        cols[1].button(t("floor.unlock"), key="floor.unlock", on_click=on_lock,
                       args=(held, False), icon=":material/lock_open:", width="stretch",
                       disabled=not groups["locked"])


def confirm_box(kind: str, change, label: str, action: Callable) -> None:
    """Say what an undo or redo will change, in numbers, with yes and no."""
    effect = effect_text(undo_effect(change, redo=kind == "redo"), ctx.lang)
    st.warning(t(f"{kind}.confirm", change=plain(label), effect=effect), icon=":material/warning:")
    yes, no = st.columns(2)
    yes.button(t(f"{kind}.confirm.yes"), key=f"floor.{kind}_yes.{change.id}", type="primary",
               on_click=action, args=(change.id, label), width="stretch")
    no.button(t("undo.confirm.no"), key=f"floor.{kind}_no.{change.id}", on_click=on_no,
              width="stretch")


def history_button(kind: str, change, action: Callable, history: list) -> None:
    """The undo or redo button, keyed by the change it was drawn for (a double click guard)."""
    undone = next((c for c in history if c.id == change.details.get("undoes")), change)
    label = fa.change_label(undone if kind == "redo" else change, ctx.lang)
    if st.session_state.get(CONFIRM) == (kind, change.id):
        confirm_box(kind, change, label, action)
        return
    ask = needs_confirmation(change) if kind == "undo" else change.booth_count > HANDFUL
    st.button(t(f"floor.{kind}"), key=f"floor.{kind}.{change.id}",
              on_click=on_ask if ask else action,
              args=(kind, change.id) if ask else (change.id, label),
              icon=":material/undo:" if kind == "undo" else ":material/redo:", help=label)
    st.caption(t(f"floor.{kind}_what", change=plain(label)))


def undo_button() -> None:
    """Undo the organizer's own last booth edit, or redo their last undo, naming it."""
    history = own_history()
    last = fa.last_undoable_change(history, ctx.user.name)
    redo = fa.last_redoable_undo(history, ctx.user.name)
    if last is not None:
        history_button("undo", last, on_undo, history)
    else:
        st.button(t("floor.undo"), key="floor.undo.none", icon=":material/undo:", disabled=True,
                  help=t("floor.nothing_to_undo"))
        own = next((c for c in history if c.user == ctx.user.name and c.undone_by is None
                    and c.action not in ("undo", "redo")), None)
        if own is not None and own.undoable and own.undone_by is None:
            st.caption(t("floor.undo_elsewhere"))
    if redo is not None:
        history_button("redo", redo, on_redo, history)


def relocation_panel(state: EventState, selected: list[str]) -> None:
    """Moving or swapping a booth's exhibitor with a booth picked on the plan."""
    origin = selected[0]
    panel = fa.booth_panel(state, origin)
    st.subheader(t("floor.relocate.title", booth=origin))
    if panel.applicant is not None:
        st.caption(plain(panel.applicant.name))
    if len(selected) == 1:
        st.info(t("floor.relocate.pick"), icon=":material/ads_click:")
    else:
        target = selected[1]
        kind = fa.relocation(state, origin, target)
        if kind in ("move", "swap"):
            st.button(t(f"floor.relocate.{kind}", booth=origin, target=target),
                      key="floor.relocate_go", type="primary", width="stretch",
                      on_click=on_move if kind == "move" else on_swap, args=(origin, target),
                      icon=":material/open_with:" if kind == "move" else ":material/swap_horiz:")
        else:
            st.warning(t(f"floor.relocate.{kind}", booth=origin, target=target))
    st.button(t("floor.relocate.cancel"), key="floor.relocate_cancel", on_click=on_relocate,
              args=(None,), icon=":material/close:")


def side_panel(state: EventState, selected: list[str]) -> None:
    """The panel next to the plan: the selected booth(s) and what can be done with them."""
    show_flash()
    origin = st.session_state.get(RELOCATE)
    if origin and ctx.user.can_edit and selected[:1] == [origin] and len(selected) <= 2:
        relocation_panel(state, selected)
        return
    st.session_state.pop(RELOCATE, None)
    if not selected:
        st.info(t("floor.hint"), icon=":material/touch_app:")
    elif len(selected) == 1:
        panel = fa.booth_panel(state, selected[0])
        booth_facts(panel)
        if ctx.user.can_edit:
            if panel.free:
                free_booth_actions(state, panel)
            elif panel.status == "blocked":
                st.button(t("floor.unblock"), key="floor.unblock_one", on_click=on_status,
                          args=(selected, "available"), icon=":material/check_circle:")
            else:
                assigned_booth_actions(state, panel)
            with st.expander(t("floor.zone_section")):
                group_actions(state, selected)
    else:
        st.subheader(t("floor.panel.many", count=len(selected)))
        st.caption(", ".join(selected))
        if ctx.user.can_edit:
            group_actions(state, selected)
    if selected:
        st.button(t("floor.clear"), key="floor.clear", on_click=on_clear,
                  icon=":material/deselect:")
    if ctx.user.can_edit:
        st.divider()
        undo_button()
    else:
        st.caption(t("floor.read_only"))


@st.fragment
def floor_plan() -> None:
    """The hall picker, colour switch, plan and panel: rerun alone on a click."""
    if st.session_state.get("floor.event") != event.id:  # another event: start afresh
        st.session_state["floor.event"] = event.id
        st.session_state.pop(RELOCATE, None)
        st.session_state[SELECTED] = []
    versions = ctx.store.booth_versions(event.id)  # read before the state: never newer than it
    state = ctx.state()
    if not state.booths:
        st.info(t("floor.no_booths", setup=t("nav.booth_setup")))
        return
    st.session_state[VERSIONS] = versions
    halls = list(dict.fromkeys(list(state.halls) + [b.hall for b in state.booths]))
    halls = [h for h in halls if any(b.hall == h for b in state.booths)]
    top = st.columns([2, 3, 1.4], vertical_alignment="bottom")
    hall = top[0].selectbox(t("floor.hall"), halls, key="floor.hall",
                           on_change=on_hall_change)
    color_by = top[1].segmented_control(
        t("floor.color_by"), COLOR_MODES, key="floor.color_by", default="province",
        format_func=lambda mode: t(f"floor.color_by.{mode}"), selection_mode="single",
    ) or "province"
    labels = top[2].toggle(t("floor.labels"), key="floor.labels", help=t("floor.labels_help"))
    hall_ids = [b.booth_id for b in state.booths if b.hall == hall]
    key = chart_key()
    picked = fa.selected_booths(st.session_state.get(key), hall_ids)
    if picked:
        origin = st.session_state.get(RELOCATE)
        if origin and len(picked) == 1:  # the booth a relocation goes to
            select([origin] if picked[0] == origin else [origin, picked[0]])
        else:
            st.session_state.pop(RELOCATE, None)
            select(list(picked))
        key = chart_key()
    known = set(versions)
    selected = [b for b in st.session_state.get(SELECTED, []) if b in known]
    plan, side = st.columns([7, 3], gap="medium")
    with plan:
        # The plan is made once per version of the event (for every session); a click only
        # adds its selection outline to a copy.
        plan_figure = ctx.shared(plan_chart.plan_figure, hall, color_by, ctx.lang, labels or None)
        st.plotly_chart(
            plan_chart.with_selection(plan_figure, state, hall, selected, ctx.lang),
            key=key,
            on_select="rerun", selection_mode=("points", "box", "lasso"),
            config={"displaylogo": False, "scrollZoom": True}, width="stretch", theme=None,
        )
        st.caption(t("floor.help"))
        held = {b: until for b, until in held_until().items() if b in set(hall_ids)}
        if held:
            st.caption(t("floor.holds", holds=", ".join(
                f"{b} ({local_time(until):%d-%m %H:%M})" for b, until in sorted(held.items()))))
    with side:
        side_panel(state, selected)


# Other organizers' changes show up within seconds, without a manual reload.
refresh_on_changes(ctx.store, event.id)
floor_plan()
