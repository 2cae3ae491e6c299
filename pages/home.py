"""Home: the chosen event's key figures at a glance."""

import pandas as pd
import streamlit as st

from app_support import page_context, require_event
from booth_planner.core.i18n import format_date_range, format_number
from booth_planner.core.plain_text import plain
from booth_planner.lifecycle.payment import booked_paid_text, booked_vs_paid
from booth_planner.overview import event_overview, hall_overview

ctx = page_context()
event = require_event(ctx)
state = ctx.state()
figures = event_overview(state)

st.title(plain(event.name))
st.caption(" · ".join(filter(None, [
    f"{ctx.t('home.venue')}: {plain(event.venue)}" if event.venue else "",
    f"{ctx.t('home.dates')}: {format_date_range(event.start_date, event.end_date, ctx.lang)}"
    if event.start_date else "",
])))
if figures.sample_data:
    st.info(ctx.t("home.sample_data"), icon=":material/info:")

n = lambda value: format_number(value, ctx.lang)  # noqa: E731
row1 = st.columns(4)
row1[0].metric(ctx.t("home.booths"), n(figures.booths))
row1[1].metric(ctx.t("home.booths_assigned"), n(figures.assigned))
row1[2].metric(ctx.t("home.booths_free"), n(figures.free))
row1[3].metric(ctx.t("home.booths_blocked"), n(figures.blocked))
row2 = st.columns(4)
row2[0].metric(ctx.t("home.applicants"), n(figures.applicants))
row2[1].metric(ctx.t("home.applicants_placed"), n(figures.applicants_placed))
regions = figures.regions
row2[2].metric(ctx.t("home.regions_covered"), f"{n(regions.represented)} / {n(regions.applied)}",
               help=ctx.t("regions.represented_help"))
row2[3].metric(ctx.t("home.provinces_covered"),
               f"{n(regions.provinces_represented)} / {n(regions.provinces_applied)}")

if (lifecycle := getattr(ctx.store, "lifecycle", None)) is not None:  # booked vs paid
    st.caption(booked_paid_text(booked_vs_paid(state, lifecycle(event.id).payments), ctx.lang))
st.subheader(ctx.t("home.per_hall"))
halls = hall_overview(state)
st.dataframe(
    pd.DataFrame(halls).rename(columns={
        "hall": ctx.t("col.hall"), "booths": ctx.t("col.booths"),
        "assigned": ctx.t("col.assigned"), "free": ctx.t("col.free"),
        "blocked": ctx.t("col.blocked"),
    }),
    hide_index=True, width="stretch",
)
