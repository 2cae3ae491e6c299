"""Gallery: the rotation roster (periods x spaces), the ledger, sales per turn and downloads."""

import streamlit as st

from app_support import get_store, page_context, read_only_note, require_event, require_organizer
from booth_planner.charts.gallery import regions_by_period, turns_spread
from booth_planner.core.i18n import format_rupiah
from booth_planner.core.plain_text import plain
from booth_planner.exports.booth_lists import csv_bytes
from booth_planner.importing.problems import problem_text
from booth_planner.rotation import generate_periods, plan_rotation
from booth_planner.rotation.carry import carry_earlier_turns
from booth_planner.rotation.ledger import ledger_table, roster_table
from booth_planner.rotation.periods import LENGTHS, periods_from_table, periods_table
from booth_planner.rotation.view import (
    cell_key,
    excel_bytes,
    next_turns,
    printable_period,
    regions_per_period,
    result_of,
    review,
    roster_grid,
    sales_by,
    sales_frame,
)
from booth_planner.storage import StoreError
from booth_planner.storage.gallery import GalleryStore

FLASH = "gallery.flash"
NONCE = "gallery.periods.nonce"
PALETTE = ("#c8e6c9", "#bbdefb", "#ffe0b2", "#f8bbd0", "#d1c4e9", "#b2dfdb", "#fff9c4",
           "#ffccbc", "#cfd8dc", "#dcedc8", "#b3e5fc", "#f0f4c3")

ctx = page_context()
event = require_event(ctx)
galleries = GalleryStore(get_store())
st.title(ctx.t("gallery.title"))
if not galleries.is_gallery(event.id):
    st.info(ctx.t("gallery.not_a_gallery"))
    st.stop()
state = galleries.state(event.id)
st.caption(ctx.t("gallery.intro", name=plain(event.name), periods=len(state.periods),
                 spaces=len(state.event.booths), members=len(state.members)))
viewer = read_only_note(ctx)
if message := st.session_state.pop(FLASH, None):
    st.success(message)


def done(message: str) -> None:
    """Show ``message`` after the rerun that redraws the roster."""
    st.session_state[FLASH] = message
    st.rerun()


def save_periods_and_plan(new_periods) -> str:
    """Plan the members over ``new_periods`` counting the turns of replaced periods that are
    over, store all in one transaction, and say what was counted."""
    carried = carry_earlier_turns(state.members, state.periods, state.turns, new_periods)
    with st.spinner(ctx.t("gallery.replan.running")):
        result = plan_rotation(state.event.booths, carried.members, new_periods,
                               max_consecutive=state.max_consecutive, lang=ctx.lang)
    galleries.save_periods(event.id, new_periods, user=ctx.user.name, turns=result.turns,
                           turns_before={m.applicant_id: m.turns_before for m in carried.members}
                           if carried.turns_counted else None)
    if not carried.turns_counted:
        return ""
    return " " + ctx.t("gallery.periods.carried", turns=carried.turns_counted,
                       periods=len(carried.periods_counted),
                       first=carried.periods_counted[0], last=carried.periods_counted[-1])


nonce = st.session_state.get(NONCE, 0)  # a new editor after a save: no stale edits left over
with st.expander(ctx.t("gallery.periods.title")):
    st.caption(ctx.t("gallery.periods.help"))
    with st.form("gallery.periods"):
        left, middle, right = st.columns(3)
        first_day = left.date_input(ctx.t("gallery.periods.start"),
                                    value=state.periods[0].start if state.periods else None,
                                    key="gallery.periods.start")
        length = middle.selectbox(ctx.t("gallery.periods.length"), list(LENGTHS),
                                  index=list(LENGTHS).index("1m"),
                                  format_func=lambda v: ctx.t(f"gallery.length.{v}"),
                                  key="gallery.periods.length")
        count = right.number_input(ctx.t("gallery.periods.count"), min_value=1, max_value=104,
                                   value=max(len(state.periods), 1), key="gallery.periods.count")
        generate = st.form_submit_button(ctx.t("gallery.periods.button"), disabled=viewer)
    if generate and first_day:
        require_organizer(ctx)
        new_periods = generate_periods(first_day, length, int(count))
        carried = save_periods_and_plan(new_periods)
        done(ctx.t("gallery.periods.done", count=len(new_periods),
                   first=new_periods[0].period_id, last=new_periods[-1].period_id) + carried)
    st.caption(ctx.t("gallery.periods.table"))
    edited = st.data_editor(
        periods_table(state.periods), num_rows="dynamic", key=f"gallery.periods.table.{nonce}",
        disabled=viewer, width="stretch",
        column_config={
            "period_id": st.column_config.TextColumn(ctx.t("gallery.periods.col.period_id"),
                                                     max_chars=50, required=True),
            "start": st.column_config.DateColumn(ctx.t("gallery.periods.col.start"),
                                                 required=True),
            "end": st.column_config.DateColumn(ctx.t("gallery.periods.col.end"), required=True),
        })
    if st.button(ctx.t("gallery.periods.save"), disabled=viewer, key="gallery.periods.save"):
        require_organizer(ctx)
        rows = edited.to_dict("records") if hasattr(edited, "to_dict") else list(edited)
        read = periods_from_table(rows, ctx.t("gallery.periods.table_name"), {
            f: ctx.t(f"gallery.periods.col.{f}") for f in ("period_id", "start", "end")})
        if not read.ok:
            st.error(ctx.t("gallery.periods.refused") + "\n\n" + "\n".join(
                f"- {plain(problem_text(p, ctx.lang))}" for p in read.problems
                if p.is_error))
        else:
            carried = save_periods_and_plan(read.items)
            st.session_state[NONCE] = nonce + 1
            done(ctx.t("gallery.periods.saved", count=len(read.items),
                       first=read.items[0].period_id, last=read.items[-1].period_id) + carried)

roster_tab, ledger_tab, sales_tab, download_tab = st.tabs(
    [ctx.t("gallery.tab.roster"), ctx.t("gallery.tab.ledger"), ctx.t("gallery.tab.sales"),
     ctx.t("gallery.tab.download")])

with roster_tab:
    colour_by = st.radio(ctx.t("gallery.colour_by"), ["category", "region"], horizontal=True,
                         format_func=lambda v: ctx.t(f"gallery.colour.{v}"), key="gallery.colour")
    grid = roster_grid(state)
    keys = cell_key(state, colour_by)
    colours = {k: PALETTE[i % len(PALETTE)]
               for i, k in enumerate(sorted({v for v in keys.to_numpy().ravel() if v}))}
    styled = grid.style.apply(lambda _: keys.map(
        lambda k: f"background-color: {colours[k]}" if k else ""), axis=None)
    picked = st.dataframe(styled, on_select="rerun", selection_mode="single-cell",
                          key="gallery.grid", width="stretch")
    cells = picked.selection.get("cells", []) if picked else []
    periods = [p.period_id for p in state.periods]
    spaces = list(grid.columns)
    if cells:
        row, column = cells[0]
        st.session_state["gallery.period"] = periods[row]
        if st.session_state.get("gallery.a") != column:
            st.session_state["gallery.b"] = st.session_state.get("gallery.a", column)
            st.session_state["gallery.a"] = column
    st.caption(ctx.t("gallery.swap.help"))
    with st.form("gallery.swap"):
        left, middle, right = st.columns(3)
        period_id = left.selectbox(ctx.t("gallery.swap.period"), periods, key="gallery.period")
        booth_a = middle.selectbox(ctx.t("gallery.swap.a"), spaces, key="gallery.a")
        booth_b = right.selectbox(ctx.t("gallery.swap.b"), spaces, key="gallery.b")
        swap = st.form_submit_button(ctx.t("gallery.swap.button"), disabled=viewer,
                                     type="primary")
    if swap:
        require_organizer(ctx)
        seen = {b: state.versions.get((period_id, b), 0) for b in (booth_a, booth_b)}
        try:
            galleries.swap(event.id, period_id, booth_a, booth_b, user=ctx.user.name,
                           expected_versions=seen)
        except StoreError as error:
            st.error(ctx.t("gallery.refused", message=plain(str(error))))
        else:
            now = galleries.state(event.id).holder()
            who = {b: now[(period_id, b)].applicant_id if (period_id, b) in now else "—"
                   for b in (booth_a, booth_b)}
            done(ctx.t("gallery.swap.done", period=period_id, a=booth_a, b=booth_b,
                       who_a=who[booth_a], who_b=who[booth_b]))
    left, right = st.columns(2)
    if left.button(ctx.t("gallery.undo"), disabled=viewer, key="gallery.undo"):
        require_organizer(ctx)
        try:
            galleries.undo(event.id, user=ctx.user.name)
        except StoreError as error:
            st.error(ctx.t("gallery.refused", message=plain(str(error))))
        else:
            done(ctx.t("gallery.undo.done"))
    if right.button(ctx.t("gallery.replan"), disabled=viewer, key="gallery.replan"):
        require_organizer(ctx)
        with st.spinner(ctx.t("gallery.replan.running")):
            result = plan_rotation(state.event.booths, state.members, state.periods,
                                   max_consecutive=state.max_consecutive, lang=ctx.lang)
        galleries.apply_plan(event.id, result.turns, user=ctx.user.name)
        stats = result.stats
        done(ctx.t("gallery.replan.done", low=stats.min_total, high=stats.max_total,
                   regions=f"{stats.regions_per_period:.1f}"))
    ledger = ledger_table(state.members, state.periods, result_of(state))
    chart_left, chart_right = st.columns(2)
    chart_left.plotly_chart(turns_spread(ledger, ctx.t("gallery.chart.spread"),
                                         ctx.t("gallery.chart.total"),
                                         ctx.t("gallery.chart.members")), key="gallery.spread")
    chart_right.plotly_chart(regions_by_period(regions_per_period(state),
                                               ctx.t("gallery.chart.regions"),
                                               ctx.t("gallery.chart.period"),
                                               ctx.t("gallery.chart.region_count")),
                             key="gallery.regions")

with ledger_tab:
    ledger["next_turn"] = ledger["applicant_id"].map(next_turns(state)).fillna("")
    query = st.text_input(ctx.t("gallery.ledger.search"), key="gallery.search")
    shown = ledger
    if query:
        text = ledger[["applicant_id", "name", "region_name", "category"]].astype(str)
        shown = ledger[text.apply(lambda col: col.str.contains(query, case=False,
                                                               regex=False)).any(axis=1)]
    st.dataframe(shown.drop(columns=["reason_code", "reason"]), hide_index=True, width="stretch")

with sales_tab:
    sales = sales_frame(state, galleries.sales(event.id))
    with st.form("gallery.sale"):
        left, right = st.columns(2)
        sale_period = left.selectbox(ctx.t("gallery.swap.period"), periods, key="gallery.sale.p")
        holders = sorted({t.applicant_id for t in state.turns if t.period_id == sale_period})
        member = right.selectbox(ctx.t("gallery.sale.member"), holders, key="gallery.sale.m")
        left, middle, right = st.columns(3)
        amount = left.number_input(ctx.t("gallery.sale.amount"), min_value=0, step=50_000)
        items = middle.number_input(ctx.t("gallery.sale.items"), min_value=0, step=1)
        note = right.text_input(ctx.t("gallery.sale.note"))
        save = st.form_submit_button(ctx.t("gallery.sale.save"), disabled=viewer)
    if save and member:
        require_organizer(ctx)
        galleries.record_sale(event.id, sale_period, member, sales_idr=int(amount),
                              items=int(items), note=note, user=ctx.user.name)
        done(ctx.t("gallery.sale.done", member=member, amount=format_rupiah(int(amount))))
    st.caption(ctx.t("gallery.sale.explicit"))
    st.subheader(ctx.t("gallery.sale.review"))
    verdicts = review(sales)
    verdicts["rank"] = verdicts["rank"].map(lambda r: ctx.t(f"gallery.sale.rank.{r}"))
    st.dataframe(verdicts, hide_index=True, width="stretch")
    for column, key in (("period_id", "period"), ("name", "member"), ("region_name", "region")):
        st.subheader(ctx.t(f"gallery.sale.by_{key}"))
        st.dataframe(sales_by(sales, column), hide_index=True, width="stretch")

with download_tab:
    roster = roster_table(state.event.booths, state.members, state.periods, state.turns)
    st.download_button(ctx.t("gallery.download.roster"), csv_bytes(roster), "roster.csv",
                       "text/csv")
    st.download_button(ctx.t("gallery.download.ledger"), csv_bytes(ledger), "ledger.csv",
                       "text/csv")
    st.download_button(ctx.t("gallery.download.excel"),
                       excel_bytes({"roster": roster, "ledger": ledger, "sales": sales}),
                       "galeri.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    period_id = st.selectbox(ctx.t("gallery.print.period"), periods, key="gallery.print")
    st.dataframe(printable_period(state, period_id), hide_index=True, width="stretch")
