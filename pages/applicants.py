"""Applicants: a filterable table to edit, a form to add one, and removal that asks first."""

import pandas as pd
import streamlit as st

from app_support import page_context, read_only_note, require_event, require_organizer
from booth_planner.core.i18n import format_number
from booth_planner.core.plain_text import plain
from booth_planner.core.regions import code_label, province_code
from booth_planner.setup.applicants import (
    EDITABLE_COLUMNS,
    FRAME_COLUMNS,
    PLACED,
    UNPLACED,
    applicants_frame,
    applicants_from_rows,
    changed_applicants,
    filter_applicants,
    freed_booths,
    next_free_id,
    onto_current,
    zone_problems,
)
from booth_planner.storage import StoreError

FLASH = "applicants.flash"
PENDING = "applicants.pending"
NONCE = "applicants.nonce"

ctx = page_context()
event = require_event(ctx)
state = ctx.state()
labels = {c: ctx.t(f"applicants.col.{c}") for c in FRAME_COLUMNS}
n = lambda value: format_number(value, ctx.lang)  # noqa: E731

st.title(ctx.t("applicants.title"))
st.caption(ctx.t("applicants.intro"))
viewer = read_only_note(ctx)
if message := st.session_state.pop(FLASH, None):
    st.success(message)


def finish(message: str) -> None:
    """Remember the outcome for the next run, start the editors afresh and rerun."""
    st.session_state[FLASH] = message
    st.session_state.pop(PENDING, None)
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
    st.rerun()


def show_problems(problems) -> None:
    """Every problem of an edit, each naming its row and column."""
    st.error(ctx.t("applicants.problems", count=len(problems)) + "\n\n" + "\n".join(
        f"- {p.message(ctx.lang, labels)}" for p in problems))


nonce = st.session_state.get(NONCE, 0)
frame = ctx.derived(applicants_frame)
if frame.empty:
    st.info(ctx.t("applicants.none"))

# ---- filters -------------------------------------------------------------------------------
all_label = ctx.t("applicants.filter.all")
f1, f2, f3, f4 = st.columns(4)
province_codes = sorted({province_code(c) for c in frame["region_code"]})
province = f1.selectbox(ctx.t("applicants.filter.province"), [None, *province_codes],
                        format_func=lambda c: all_label if c is None else code_label(c),
                        key="applicants.filter.province")
region_codes = sorted({c for c in frame["region_code"]
                       if "." in c and (province is None or province_code(c) == province)})
region = f2.selectbox(ctx.t("applicants.filter.region"), [None, *region_codes],
                      format_func=lambda c: all_label if c is None else code_label(c),
                      key="applicants.filter.region")
category = f3.selectbox(ctx.t("applicants.filter.category"),
                        [None, *sorted(set(frame["category"]), key=str.casefold)],
                        format_func=lambda c: all_label if c is None else c,
                        key="applicants.filter.category")
placed_names = {None: all_label, PLACED: ctx.t("applicants.filter.placed_yes"),
                UNPLACED: ctx.t("applicants.filter.placed_no")}
placed = f4.selectbox(ctx.t("applicants.filter.placed"), list(placed_names),
                      format_func=placed_names.get, key="applicants.filter.placed")

# ---- the table -----------------------------------------------------------------------------
editor_key = f"applicants.editor.{event.id}.{province}.{region}.{category}.{placed}.{nonce}"
snapshot_key = f"{editor_key}.snapshot"
if snapshot_key not in st.session_state:
    for stale in [k for k in st.session_state if str(k).startswith("applicants.editor.")]:
        del st.session_state[stale]
    # The table and the applicants it started from: a save writes only rows edited since.
    table = filter_applicants(frame, province=province, region=region, category=category,
                              placed=placed).reset_index(drop=True)
    listed = set(table["applicant_id"])  # once, not once per applicant: 1,100 rows made it 2 s
    st.session_state[snapshot_key] = (table, {
        a.applicant_id: a for a in state.applicants if a.applicant_id in listed})
shown, originals = st.session_state[snapshot_key]
st.caption(ctx.t("applicants.shown", shown=n(len(shown)), total=n(len(frame)),
                 placed=n(int(frame["placed"].sum()))))
read_only = ("applicant_id", "region_code", "province", "booths", "placed")
edited = st.data_editor(
    shown, key=editor_key, hide_index=True, width="stretch", num_rows="fixed",
    disabled=True if viewer else list(read_only),
    column_config={
        **{c: st.column_config.TextColumn(labels[c]) for c in FRAME_COLUMNS},
        "region": st.column_config.TextColumn(labels["region"], help=ctx.t("applicants.region_help")),
        "booths_requested": st.column_config.NumberColumn(labels["booths_requested"], min_value=1,
                                                          step=1),
        "priority": st.column_config.NumberColumn(labels["priority"], min_value=0, step=1),
        "placed": st.column_config.CheckboxColumn(labels["placed"]),
    },
)
save, reset, _ = st.columns([1, 1, 4])
if save.button(ctx.t("applicants.edit.save"), type="primary", key="applicants.edit.save",
               disabled=viewer):
    require_organizer(ctx)
    applicants, problems = applicants_from_rows(
        edited[list(EDITABLE_COLUMNS)], originals,
        taken=[a.applicant_id for a in state.applicants if a.applicant_id not in originals],
        aliases=ctx.store.region_aliases(event.id),
    )
    row_of = {aid: row for row, aid in enumerate(edited["applicant_id"], start=1)}
    changed, gone = onto_current(changed_applicants(originals, applicants),
                                 state.applicant_by_id(), row_of)
    problems = problems or gone or zone_problems(state, changed, row_of)
    if problems:
        show_problems(problems)
    elif not changed:
        st.info(ctx.t("applicants.edit.nothing"))
    else:
        try:
            ctx.store.save_applicants(event.id, changed, user=ctx.user.name,
                                      action="applicants.edit")
        except StoreError as error:
            st.error(ctx.t("applicants.refused", message=plain(str(error))))
        else:
            finish(ctx.t("applicants.edit.saved", count=n(len(changed))))
if reset.button(ctx.t("applicants.edit.reset"), key="applicants.edit.reset"):
    st.session_state[NONCE] = nonce + 1
    st.rerun()

# ---- add and remove ------------------------------------------------------------------------
add, remove = st.columns(2)
with add.expander(ctx.t("applicants.add.title")), st.form(f"applicants.add.{nonce}", enter_to_submit=False):
    proposed = next_free_id(a.applicant_id for a in state.applicants)
    values = {c: st.text_input(labels[c], key=f"applicants.add.{c}.{nonce}",
                               value=proposed if c == "applicant_id" else "",
                               help={"region": ctx.t("applicants.region_help"),
                                     "applicant_id": ctx.t("applicants.add.id_help")}.get(c))
              for c in ("applicant_id", "name", "region", "category", "product")}
    a, b = st.columns(2)
    values["booths_requested"] = a.number_input(labels["booths_requested"], 1, 100, 1,
                                                key=f"applicants.add.booths_requested.{nonce}")
    values["priority"] = b.number_input(labels["priority"], 0, 100, 0,
                                        key=f"applicants.add.priority.{nonce}")
    if st.form_submit_button(ctx.t("applicants.add.submit"), type="primary", disabled=viewer):
        require_organizer(ctx)
        new, problems = applicants_from_rows(
            [values], taken=[a.applicant_id for a in state.applicants],
            aliases=ctx.store.region_aliases(event.id))
        if problems:
            show_problems(problems)
        else:
            try:
                ctx.store.save_applicants(event.id, new, user=ctx.user.name,
                                          action="applicants.add")
            except StoreError as error:
                st.error(ctx.t("applicants.refused", message=plain(str(error))))
            else:
                finish(ctx.t("applicants.add.done", id=new[0].applicant_id,
                             region=code_label(new[0].region_code)))

with remove.expander(ctx.t("applicants.remove.title"), expanded=PENDING in st.session_state):
    names = dict(zip(frame["applicant_id"], frame["name"], strict=True))
    doomed = st.multiselect(ctx.t("applicants.remove.pick"), list(names),
                            format_func=lambda a: f"{a} · {names[a]}",
                            placeholder=ctx.t("common.choose"), key=f"applicants.remove.{nonce}")
    if st.button(ctx.t("applicants.remove.button"), key="applicants.remove.button",
                 disabled=viewer):
        require_organizer(ctx)
        if doomed:
            st.session_state[PENDING] = freed_booths(state, doomed)
        else:
            st.warning(ctx.t("applicants.remove.none"))
    if pending := st.session_state.get(PENDING):
        freed = [b for f in pending for b in f.booths]
        st.warning(ctx.t("applicants.remove.confirm", count=n(len(pending))))
        st.dataframe(pd.DataFrame(
            [(f.applicant_id, f.name, ", ".join(f.booths)) for f in pending],
            columns=[labels["applicant_id"], labels["name"], labels["booths"]]), hide_index=True)
        st.write(ctx.t("applicants.remove.frees", booths=", ".join(freed)) if freed
                 else ctx.t("applicants.remove.frees_none"))
        yes, no = st.columns(2)
        if yes.button(ctx.t("applicants.remove.yes"), type="primary", key="applicants.remove.yes"):
            require_organizer(ctx)
            try:
                ctx.store.delete_applicants(event.id, [f.applicant_id for f in pending],
                                            user=ctx.user.name)
            except StoreError as error:
                st.session_state.pop(PENDING, None)
                st.error(ctx.t("applicants.refused", message=plain(str(error))))
            else:
                finish(ctx.t("applicants.remove.done", count=n(len(pending)),
                             booths=", ".join(freed) or ctx.t("applicants.none_word")))
        if no.button(ctx.t("applicants.remove.no"), key="applicants.remove.no"):
            st.session_state.pop(PENDING, None)
            st.rerun()
