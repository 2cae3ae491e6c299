"""Booth setup: a new hall from a few numbers, the booth table, blocking booths."""

import pandas as pd
import streamlit as st

from app_support import page_context, read_only_note, require_event, require_organizer
from booth_planner.charts.halls import hall_preview_figure
from booth_planner.core.i18n import format_decimal, format_number, format_rupiah
from booth_planner.core.model import BOOTH_STATUSES, BOOTH_TYPES
from booth_planner.core.plain_text import plain
from booth_planner.setup.booths import (
    BOOTH_COLUMNS,
    HOLDER_COLUMN,
    blocking_orphans,
    booth_edits,
    booths_frame,
    booths_from_rows,
    hall_problems,
    orphans,
    parse_rows,
    zone_problems,
)
from booth_planner.setup.halls import HallSpec, free_hall_letter, grid_hall
from booth_planner.storage import ConflictError, StoreError

FLASH = "setup.flash"
FLASH_ERROR = "setup.flash_error"
PENDING = "setup.pending"
NONCE = "setup.nonce"
SHOWN = "setup.shown_versions"  # (event id, booth versions) of the block list last drawn
HALL_FORM = "setup.hall."

ctx = page_context()
event = require_event(ctx)
# The state and the booth versions the organizer sees, read together from one snapshot.
state, versions_seen = ctx.snapshot()
labels = {c: ctx.t(f"setup.col.{c}") for c in (*BOOTH_COLUMNS, HOLDER_COLUMN, "price_text")}

st.title(ctx.t("nav.booth_setup"))
st.caption(ctx.t("setup.intro"))
viewer = read_only_note(ctx)
if message := st.session_state.pop(FLASH, None):
    st.success(message)
if message := st.session_state.pop(FLASH_ERROR, None):
    st.error(message)


def finish(message: str, *, new_hall_form: bool = False) -> None:
    """Remember the outcome for the next run, start the editors afresh and rerun.

    ``new_hall_form`` empties the hall form too, so it proposes the next hall instead of showing
    the one just made as a clash.
    """
    if new_hall_form:
        for key in [k for k in st.session_state if str(k).startswith(HALL_FORM)]:
            del st.session_state[key]
    st.session_state[FLASH] = message
    st.session_state.pop(PENDING, None)
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
    st.rerun()


def refuse(error: StoreError) -> None:
    """Say why the store refused a change, and start the editors afresh on a conflict."""
    st.session_state.pop(PENDING, None)
    if isinstance(error, ConflictError):
        # Reload the table from the database now, and say why on the next run.
        st.session_state[FLASH_ERROR] = ctx.t(
            "setup.conflict", booth=error.booth_id,
            user=plain(error.changed_by) or ctx.t("setup.another_organizer"))
        st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
        st.rerun()
    else:
        st.error(ctx.t("setup.refused", message=plain(str(error))))


def apply_pending(pending: dict) -> None:
    """Carry out a confirmed change: a table edit or a block, freeing the booths it names."""
    require_organizer(ctx)
    try:
        if pending["kind"] == "edit":
            edits = pending["edits"]
            change = ctx.store.edit_booths(event.id, edits.changed, edits.removed,
                                           user=ctx.user.name,
                                           expected_versions=pending["versions"])
            details = change.details
            finish(ctx.t("setup.edit.saved", added=details["added"], updated=details["updated"],
                         removed=details["removed"]))
        else:
            ctx.store.set_status(event.id, pending["booths"], "blocked", user=ctx.user.name,
                                 expected_versions=pending["versions"], free_holders=True)
            finish(ctx.t("setup.block.done", booths=", ".join(pending["booths"])))
    except StoreError as error:
        refuse(error)


def confirm_block(pending: dict) -> None:
    """Ask before a change that takes booths from exhibitors, listing them."""
    with st.container(border=True):
        st.warning(ctx.t("setup.confirm.title", count=len({o.applicant_id
                                                           for o in pending["orphans"]})))
        st.dataframe(pd.DataFrame(
            [(o.booth_id, o.applicant_id, o.name) for o in pending["orphans"]],
            columns=[labels["booth_id"], ctx.t("setup.col.applicant_id"), ctx.t("setup.col.name")],
        ), hide_index=True)
        st.write(ctx.t("setup.confirm.explain"))
        yes, no = st.columns(2)
        if yes.button(ctx.t("setup.confirm.yes"), type="primary", key="setup.confirm.yes"):
            apply_pending(pending)
        if no.button(ctx.t("setup.confirm.no"), key="setup.confirm.no"):
            st.session_state.pop(PENDING, None)
            st.rerun()


nonce = st.session_state.get(NONCE, 0)
if not state.booths:
    st.info(ctx.t("setup.no_booths"))
tab_hall, tab_edit, tab_block = st.tabs(
    [ctx.t("setup.tab.hall"), ctx.t("setup.tab.edit"), ctx.t("setup.tab.block")])

with tab_hall:
    left, right = st.columns([1, 2])
    with left:
        letter = free_hall_letter(state)
        name = st.text_input(ctx.t("setup.hall.name"), value=f"Hall {letter}",
                             key="setup.hall.name")
        prefix = st.text_input(ctx.t("setup.hall.prefix"), help=ctx.t("setup.hall.prefix_help"),
                               value=letter, key="setup.hall.prefix")
        a, b = st.columns(2)
        rows = a.number_input(ctx.t("setup.hall.rows"), 1, 200, 4, key="setup.hall.rows")
        columns = b.number_input(ctx.t("setup.hall.columns"), 1, 200, 10, key="setup.hall.columns")
        width = a.number_input(ctx.t("setup.hall.width"), 0.5, 50.0, 3.0, 0.5,
                               key="setup.hall.width")
        depth = b.number_input(ctx.t("setup.hall.depth"), 0.5, 50.0, 3.0, 0.5,
                               key="setup.hall.depth")
        aisle_every = a.number_input(ctx.t("setup.hall.aisle_every"), 0, 50, 2,
                                     help=ctx.t("setup.hall.aisle_every_help"),
                                     key="setup.hall.aisle_every")
        aisle_m = b.number_input(ctx.t("setup.hall.aisle_m"), 0.0, 50.0, 3.0, 0.5,
                                 key="setup.hall.aisle_m")
        zone = a.text_input(ctx.t("setup.hall.zone"), help=ctx.t("setup.hall.zone_help"),
                            key="setup.hall.zone")
        zone_rows_text = b.text_input(ctx.t("setup.hall.zone_rows"),
                                      help=ctx.t("setup.hall.zone_rows_help"),
                                      key="setup.hall.zone_rows")
    try:
        zone_rows = parse_rows(zone_rows_text)
        problems = []
    except ValueError:
        zone_rows = ()
        problems = [ctx.t("setup.hall.problem.zone_rows_text", value=zone_rows_text)]
    spec = HallSpec(hall=name.strip(), rows=int(rows), columns=int(columns),
                    booth_width_m=float(width), booth_depth_m=float(depth),
                    aisle_every=int(aisle_every), aisle_m=float(aisle_m), prefix=prefix.strip(),
                    zone_rows=zone_rows, zone=zone.strip() or None)
    problems += [p.message(ctx.lang) for p in hall_problems(spec, state.booths)]
    with right:
        st.subheader(ctx.t("setup.hall.preview"))
        if problems:
            for problem in problems:
                st.error(problem)
        else:
            new_booths = grid_hall(spec)
            st.caption(ctx.t(
                "setup.hall.summary", booths=format_number(len(new_booths), ctx.lang),
                zoned=format_number(sum(bool(b.zone) for b in new_booths), ctx.lang),
                width=format_decimal(max(b.x + b.width_m for b in new_booths), ctx.lang),
                depth=format_decimal(max(b.y + b.depth_m for b in new_booths), ctx.lang),
            ))
            st.plotly_chart(hall_preview_figure(new_booths, zone_name=ctx.t("setup.legend.zone"),
                                                booth_name=ctx.t("setup.legend.booth")),
                            key="setup.hall.figure")
    if st.button(ctx.t("setup.hall.create"), type="primary", disabled=bool(problems) or viewer,
                 key="setup.hall.create"):
        require_organizer(ctx)
        try:
            ctx.store.save_booths(event.id, grid_hall(spec), user=ctx.user.name,
                                  action="hall.create")
        except StoreError as error:
            refuse(error)
        else:
            finish(ctx.t("setup.hall.created", hall=plain(spec.hall),
                         booths=format_number(len(grid_hall(spec)), ctx.lang)),
                   new_hall_form=True)

with tab_edit:
    if state.halls:
        hall = st.columns([1, 3])[0].selectbox(ctx.t("setup.edit.hall"), state.halls,
                                              key="setup.edit.hall")
        editor_key = f"setup.editor.{event.id}.{hall}.{nonce}"
        # The table and versions the organizer starts from, kept so that a save compares with
        # (and a conflict is judged against) what was on screen, not what is in the database now.
        snapshot_key = f"{editor_key}.snapshot"
        if snapshot_key not in st.session_state:
            for stale in [k for k in st.session_state if str(k).startswith("setup.editor.")]:
                del st.session_state[stale]
            st.session_state[snapshot_key] = (
                booths_frame(state, hall), [b for b in state.booths if b.hall == hall],
                versions_seen,
            )
        frame, original, versions = st.session_state[snapshot_key]
        shown = frame.assign(price_text=frame["price_idr"].map(
            lambda v: None if pd.isna(v) else format_rupiah(int(v))))
        st.caption(ctx.t("setup.edit.help"))
        edited = st.data_editor(
            shown, key=editor_key, num_rows="fixed" if viewer else "dynamic", hide_index=True,
            width="stretch", disabled=viewer,
            column_order=[*BOOTH_COLUMNS, "price_text", HOLDER_COLUMN],
            column_config={
                "booth_id": st.column_config.TextColumn(labels["booth_id"], required=True),
                "hall": st.column_config.TextColumn(labels["hall"], default=hall),
                "x": st.column_config.NumberColumn(labels["x"], format="%.2f"),
                "y": st.column_config.NumberColumn(labels["y"], format="%.2f"),
                "width_m": st.column_config.NumberColumn(labels["width_m"], min_value=0.01,
                                                         default=3.0),
                "depth_m": st.column_config.NumberColumn(labels["depth_m"], min_value=0.01,
                                                         default=3.0),
                "zone": st.column_config.TextColumn(labels["zone"]),
                "booth_type": st.column_config.SelectboxColumn(
                    labels["booth_type"], options=list(BOOTH_TYPES), default="standard",
                    format_func=lambda v: ctx.t(f"export.booth_type.{v}")),
                "status": st.column_config.SelectboxColumn(
                    labels["status"], options=list(BOOTH_STATUSES), default="available",
                    format_func=lambda v: ctx.t(f"export.status.{v}")),
                "price_idr": st.column_config.NumberColumn(labels["price_idr"], min_value=0,
                                                           step=1, format="%d"),
                "price_text": st.column_config.TextColumn(labels["price_text"], disabled=True),
                HOLDER_COLUMN: st.column_config.TextColumn(labels[HOLDER_COLUMN], disabled=True),
            },
        )
        prices = [b.price_idr for b in original if b.price_idr is not None]
        if prices:
            st.caption(ctx.t("setup.edit.price_total", total=format_rupiah(sum(prices)),
                             priced=format_number(len(prices), ctx.lang)))
        save, reset, _ = st.columns([1, 1, 4])
        if save.button(ctx.t("setup.edit.save"), type="primary", key="setup.edit.save",
                       disabled=viewer):
            require_organizer(ctx)
            others = [b for b in state.booths if b.booth_id not in {o.booth_id for o in original}]
            booths, problems = booths_from_rows(edited[list(BOOTH_COLUMNS)], others)
            # Every row is valid here, so booth i is row i: the zone check can name rows too.
            problems = problems or zone_problems(state, booths)
            if problems:
                st.error(ctx.t("setup.edit.problems", count=len(problems)) + "\n\n" + "\n".join(
                    f"- {p.message(ctx.lang, labels)}" for p in problems))
            else:
                edits = booth_edits(original, booths)
                touched = {b.booth_id for b in edits.changed} | set(edits.removed)
                pending = {"kind": "edit", "edits": edits, "orphans": orphans(state, edits),
                           "versions": {b: v for b, v in versions.items() if b in touched}}
                if edits.empty:
                    st.info(ctx.t("setup.edit.nothing"))
                elif pending["orphans"]:
                    st.session_state[PENDING] = pending
                else:
                    apply_pending(pending)
        if reset.button(ctx.t("setup.edit.reset"), key="setup.edit.reset"):
            st.session_state[NONCE] = nonce + 1
            st.rerun()

with tab_block:
    blocked = sorted(b.booth_id for b in state.booths if b.is_blocked)
    st.caption(ctx.t("setup.block.blocked_now", booths=", ".join(blocked)) if blocked
               else ctx.t("setup.block.none_blocked"))
    holders = {a.booth_id: a.applicant_id for a in state.assignments}
    chosen = st.multiselect(
        ctx.t("setup.block.booths"), [b.booth_id for b in state.booths],
        placeholder=ctx.t("common.choose"), key=f"setup.block.{nonce}",
        format_func=lambda b: f"{b} · {holders[b]}" if b in holders else b,
    )
    block, unblock, _ = st.columns([1, 1, 4])
    # A click reruns the page, which reads the booths afresh; the versions to check are those of
    # the list the organizer chose from, drawn on the run before.
    shown_event, shown = st.session_state.get(SHOWN, (None, {}))
    shown = {**versions_seen, **shown} if shown_event == event.id else versions_seen
    st.session_state[SHOWN] = (event.id, versions_seen)
    if block.button(ctx.t("setup.block.block"), type="primary", key="setup.block.block",
                    disabled=viewer):
        require_organizer(ctx)
        if not chosen:
            st.warning(ctx.t("setup.block.pick"))
        else:
            pending = {"kind": "block", "booths": sorted(chosen),
                       "orphans": blocking_orphans(state, chosen),
                       "versions": {b: shown[b] for b in chosen}}
            if pending["orphans"]:
                st.session_state[PENDING] = pending
            else:
                apply_pending(pending)
    if unblock.button(ctx.t("setup.block.unblock"), key="setup.block.unblock",
                      disabled=viewer):
        require_organizer(ctx)
        if not chosen:
            st.warning(ctx.t("setup.block.pick"))
        else:
            try:
                ctx.store.set_status(event.id, sorted(chosen), "available", user=ctx.user.name,
                                     expected_versions={b: shown[b] for b in chosen})
            except StoreError as error:
                refuse(error)
            else:
                finish(ctx.t("setup.unblock.done", booths=", ".join(sorted(chosen))))

if pending := st.session_state.get(PENDING):
    confirm_block(pending)
