"""Automatic allocation: choose mode and what to keep, run, preview the change, apply or discard."""

from dataclasses import replace

import streamlit as st

from app_support import page_context, read_only_note, require_event, require_organizer
from booth_planner.allocation import LockError, allocate, diff_allocations
from booth_planner.allocation.tables import (
    CHANGE_COLUMNS,
    KEEP_CHOICES,
    LOSING_COLUMNS,
    SHOWN_UNPLACED_COLUMNS,
    changed_booths_frame,
    history_details,
    history_summary,
    kept_assignments,
    losing_frame,
    unplaced_frame,
    untouched_booths,
)
from booth_planner.core.i18n import format_decimal, format_number, format_percent
from booth_planner.core.plain_text import plain
from booth_planner.coverage import placed_applicant_ids, region_counts
from booth_planner.lifecycle.allocation import allocation_applicants, waitlist_reasons
from booth_planner.registry.priority import FLAGSHIP_BONUS, favour_flagship
from booth_planner.storage import ConflictError, StoreError
from booth_planner.storage.registry import RegistryStore

FLASH = "allocate_page.flash"
PREVIEW = "allocate_page.preview"
LAST_RUN = "allocate_page.last_run"
MODES = ("pavilion", "mixed")

ctx = page_context()
event = require_event(ctx)
# The run, its preview and the versions it expects all come from this one snapshot.
state, versions = ctx.snapshot()
n = lambda value: format_number(value, ctx.lang)  # noqa: E731
signed = lambda value: f"+{n(value)}" if value > 0 else n(value)  # noqa: E731
columns = lambda frame: frame.rename(columns=lambda c: ctx.t(f"allocate_page.col.{c}"))  # noqa: E731

st.title(ctx.t("allocate_page.title"))
st.caption(ctx.t("allocate_page.intro"))
viewer = read_only_note(ctx)
if message := st.session_state.pop(FLASH, None):
    st.success(message)
if not state.booths or not state.applicants:
    st.info(ctx.t("allocate_page.no_booths"))
    st.stop()

st.subheader(ctx.t("allocate_page.now"))
now = st.columns(3)
regions_now = region_counts(state)
now[0].metric(ctx.t("allocate_page.regions_now"),
              f"{n(regions_now.represented)} / {n(regions_now.applied)}",
              help=ctx.t("regions.represented_help"))
now[1].metric(ctx.t("allocate_page.placed_now"),
              f"{n(len(placed_applicant_ids(state)))} / {n(len(state.applicants))}")
now[2].metric(ctx.t("allocate_page.free_now"), n(sum(
    1 for b in state.booths if not b.is_blocked) - len(state.assignments)))

left, middle, right = st.columns([2, 2, 1])
mode = left.radio(ctx.t("allocate_page.mode"), MODES, key="allocate_page.mode",
                  format_func=lambda m: ctx.t(f"allocate_page.mode.{m}"))
keep = middle.radio(ctx.t("allocate_page.keep"), KEEP_CHOICES, key="allocate_page.keep",
                    format_func=lambda k: ctx.t(f"allocate_page.keep.{k}"))
time_limit = right.number_input(ctx.t("allocate_page.time_limit"), 5, 600, 60, step=5,
                                help=ctx.t("allocate_page.time_limit_help"),
                                key="allocate_page.time_limit")
draft = st.checkbox(ctx.t("allocate_page.include_submitted"), key="allocate_page.draft",
                    help=ctx.t("allocate_page.include_submitted_help"))

registry = RegistryStore(ctx.store)
favour_now = registry.favour_flagship(event.id)
favour = st.toggle(ctx.t("registry.allocate.favour", bonus=n(FLAGSHIP_BONUS)), value=favour_now,
                   help=ctx.t("registry.allocate.favour_help"), disabled=viewer,
                   key=f"allocate_page.favour.{event.id}")
if favour != favour_now and not viewer:
    registry.set_favour_flagship(event.id, favour, user=ctx.user.name)

if st.button(ctx.t("allocate_page.run"), type="primary", key="allocate_page.run",
             disabled=viewer):
    require_organizer(ctx)
    st.session_state.pop(PREVIEW, None)
    kept = kept_assignments(state, keep)
    with st.status(ctx.t("allocate_page.running"), expanded=True) as status:
        st.write(ctx.t("allocate_page.step.read", booths=n(len(state.booths)),
                       applicants=n(len(state.applicants))))
        st.write(ctx.t("allocate_page.step.solve"))
        taking_part = allocation_applicants(state, kept, include_submitted=draft)
        favoured = favour_flagship(taking_part, registry.entries() if favour else [])
        try:
            result = allocate(state.booths, favoured.applicants, mode=mode, keep=kept,
                              time_limit=float(time_limit), lang=ctx.lang)
        except LockError as error:
            status.update(label=ctx.t("allocate_page.failed"), state="error")
            st.error(ctx.t("allocate_page.lock_problems") + "\n\n" + "\n".join(
                f"- {problem.message}" for problem in error.problems))
        else:
            st.write(ctx.t("allocate_page.step.done", seconds=format_decimal(result.stats.seconds, ctx.lang)))
            status.update(label=ctx.t("allocate_page.finished"), state="complete",
                          expanded=False)
            st.session_state[PREVIEW] = {
                "event_id": event.id, "result": result, "state": state, "versions": versions,
                "untouched": untouched_booths(state, kept), "mode": mode, "keep": keep,
                "flagship": favoured.flagship_ids if favour else None,
                "waitlist": waitlist_reasons(state, result.unplaced),
            }


def solver_report(result) -> None:
    """Bound, gap, optimal or not, layout score: what the run proves about itself."""
    stats = result.stats
    st.subheader(ctx.t("allocate_page.report"))
    if stats.proven_optimal:
        st.success(ctx.t("allocate_page.report.optimal"), icon=":material/verified:")
    else:
        st.warning(ctx.t("allocate_page.report.not_optimal", coverage=n(stats.gap[0]),
                         priority=n(stats.gap[1])))
    if stats.time_limited:
        st.warning(ctx.t("allocate_page.report.time_limited"))
    figures = st.columns(5)
    figures[0].metric(ctx.t("allocate_page.report.reached"),
                      f"{n(stats.regions_covered)}, {n(stats.priority)}")
    figures[1].metric(ctx.t("allocate_page.report.bound"),
                      f"{n(stats.coverage_bound)}, {n(stats.priority_bound)}")
    figures[2].metric(ctx.t("allocate_page.report.gap"), f"{n(stats.gap[0])}, {n(stats.gap[1])}")
    figures[3].metric(ctx.t("allocate_page.report.layout"), format_percent(stats.layout_score, ctx.lang))
    figures[4].metric(ctx.t("allocate_page.report.seconds"), format_decimal(stats.seconds, ctx.lang) + " s")


def unplaced_table(run_state, result, title_key: str) -> None:
    """The applicants the run left without booths, each with its reason."""
    frame = unplaced_frame(run_state, result.unplaced)
    with st.expander(ctx.t(title_key, count=n(len(frame))), expanded=len(frame) <= 20):
        if frame.empty:
            st.caption(ctx.t("allocate_page.everyone_placed"))
        else:
            st.dataframe(columns(frame[list(SHOWN_UNPLACED_COLUMNS)]), hide_index=True,
                         width="stretch")


preview = st.session_state.get(PREVIEW)
if preview and preview["event_id"] != event.id:
    st.session_state.pop(PREVIEW, None)
    preview = None
if preview:
    result, run_state = preview["result"], preview["state"]
    diff = diff_allocations(run_state.assignments, result.assignments, run_state.applicants)
    stats = result.stats
    st.divider()
    st.subheader(ctx.t("allocate_page.preview"))
    st.caption(ctx.t("allocate_page.preview_of", mode=ctx.t(f"allocate_page.mode.{preview['mode']}"),
                     keep=ctx.t(f"allocate_page.keep.{preview['keep']}")))
    placed_before = len(placed_applicant_ids(run_state))
    figures = st.columns(4)
    regions_before = region_counts(run_state)
    regions_after = region_counts(replace(run_state, assignments=tuple(result.assignments)))
    figures[0].metric(ctx.t("allocate_page.coverage"),
                      f"{n(regions_after.represented)} / {n(regions_after.applied)}",
                      delta=signed(regions_after.represented - regions_before.represented),
                      help=ctx.t("regions.represented_help"))
    figures[1].metric(ctx.t("allocate_page.placed"),
                      f"{n(stats.applicants_placed)} / {n(stats.applicants)}",
                      delta=signed(stats.applicants_placed - placed_before))
    figures[2].metric(ctx.t("allocate_page.changed"), n(len(diff.changed_booths)))
    figures[3].metric(ctx.t("allocate_page.losing"), n(len(diff.losing)))
    if (flagship := preview.get("flagship")) is not None:
        placed_after = {a.applicant_id for a in result.assignments}
        st.caption(ctx.t("registry.allocate.preview", bonus=n(FLAGSHIP_BONUS),
                         count=n(len(flagship)), placed=n(len(flagship & placed_after))))
    if diff.is_empty:
        st.info(ctx.t("allocate_page.no_change"))
    else:
        with st.expander(ctx.t("allocate_page.changed_booths", count=n(len(diff.changed_booths)))):
            st.dataframe(columns(changed_booths_frame(run_state, diff)[list(CHANGE_COLUMNS)]),
                         hide_index=True, width="stretch")
        losing = losing_frame(run_state, diff)
        with st.expander(ctx.t("allocate_page.losing_title", count=n(len(losing))),
                         expanded=not losing.empty):
            if losing.empty:
                st.caption(ctx.t("allocate_page.nobody_loses"))
            else:
                st.dataframe(columns(losing[list(LOSING_COLUMNS)]), hide_index=True,
                             width="stretch")
    unplaced_table(run_state, result, "allocate_page.unplaced_title")
    solver_report(result)
    apply, discard, _ = st.columns([1, 1, 4])
    if apply.button(ctx.t("allocate_page.apply"), type="primary", key="allocate_page.apply",
                    disabled=diff.is_empty or viewer):
        require_organizer(ctx)
        st.session_state.pop(PREVIEW, None)
        try:
            ctx.store.apply_allocation(
                event.id, result.assignments, user=ctx.user.name, keep=preview["untouched"],
                summary=history_summary(result, diff), expected_versions=preview["versions"],
                keep_choice=preview["keep"], waitlist=preview.get("waitlist"),
                **history_details(result, diff),
            )
        except ConflictError as error:
            st.error(ctx.t("allocate_page.conflict", booth=error.booth_id,
                           user=plain(error.changed_by) or ctx.t("allocate_page.another_organizer")))
        except StoreError as error:
            st.error(ctx.t("allocate_page.refused", message=plain(str(error))))
        else:
            st.session_state[LAST_RUN] = {"event_id": event.id, "result": result,
                                          "state": run_state}
            st.session_state[FLASH] = ctx.t("allocate_page.applied",
                                            count=n(len(diff.changed_booths)))
            st.rerun()
    if discard.button(ctx.t("allocate_page.discard"), key="allocate_page.discard"):
        st.session_state.pop(PREVIEW, None)
        st.rerun()
elif (last := st.session_state.get(LAST_RUN)) and last["event_id"] == event.id:
    st.divider()
    unplaced_table(last["state"], last["result"], "allocate_page.unplaced_title")
    solver_report(last["result"])
