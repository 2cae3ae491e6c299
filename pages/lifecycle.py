"""The call for exhibitors: status (in bulk), curation, holds, payment, waitlist offers, messages."""

from functools import partial

import pandas as pd
import streamlit as st

from app_support import page_context, read_only_note, require_event, require_organizer
from booth_planner.core.i18n import format_number, format_rupiah
from booth_planner.core.local_time import (
    closing_in_days,
    closing_time,
    local_time,
    parse_local_time,
    typed_time,
)
from booth_planner.exports.booth_lists import csv_bytes, frame_excel_bytes
from booth_planner.lifecycle import curation
from booth_planner.lifecycle.holds import system_clock
from booth_planner.lifecycle.messages import message_rows, messages
from booth_planner.lifecycle.payment import (
    PAYMENT_STATUSES,
    Payment,
    booked_vs_paid,
    payment_rows,
    sponsors,
)
from booth_planner.lifecycle.status import NEEDS_REASON, STATUSES, TRANSITIONS
from booth_planner.lifecycle.tables import (
    certificates_frame,
    holds_frame,
    proposals_frame,
    status_frame,
)
from booth_planner.lifecycle.waitlist import propose
from booth_planner.storage import ApplicantConflictError, ConflictError, StoreError

FLASH = "lifecycle.flash"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ctx = page_context()
event = require_event(ctx)
store = ctx.store
# Reading the lifecycle first releases lapsed holds, so the state read after it is current.
life = store.lifecycle(event.id)
state, booth_versions = store.snapshot(event.id)
n = lambda value: format_number(value, ctx.lang)  # noqa: E731
status_label = lambda s: ctx.t(f"lifecycle.status.{s}")  # noqa: E731
names = {a.applicant_id: f"{a.applicant_id} · {a.name}" for a in state.applicants}

st.title(ctx.t("lifecycle.title"))
st.caption(ctx.t("lifecycle.intro"))
viewer = read_only_note(ctx)
if message := st.session_state.pop(FLASH, None):
    st.success(message)


def done(message: str) -> None:
    """Remember the outcome, clear the choice of applicants (it was acted on) and rerun."""
    st.session_state[FLASH] = message
    for key in [k for k in st.session_state if str(k).startswith("lifecycle.chosen")]:
        del st.session_state[key]
    st.rerun()


def run(change, success: str) -> None:
    """Make one change; a refusal or another organizer's change is shown, not raised."""
    require_organizer(ctx)
    try:
        change()
    except ApplicantConflictError as error:
        st.error(ctx.t("lifecycle.conflict", applicant=error.applicant_id,
                       user=error.changed_by or ctx.t("lifecycle.another_organizer")))
    except ConflictError as error:
        st.error(ctx.t("lifecycle.booth_conflict", booth=error.booth_id,
                       user=error.changed_by or ctx.t("lifecycle.another_organizer")))
    except StoreError as error:
        st.error(ctx.t("lifecycle.refused", message=str(error)))
    else:
        done(success)


def columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the page's column names."""
    return frame.rename(columns=lambda c: ctx.t(f"lifecycle.col.{c}"))


counts = pd.Series([life.statuses.get(a.applicant_id) for a in state.applicants]).value_counts()
figures = st.columns(len(STATUSES))
for box, status in zip(figures, STATUSES, strict=True):
    box.metric(status_label(status), n(int(counts.get(status, 0))))

now = system_clock()
# Holds and offers are proposed until 17:00 on the second local day from now.
default_deadline = closing_in_days(now, 2)

# Keyed, so the open tab stays open when an action's message appears above it.
tabs = st.tabs([ctx.t(f"lifecycle.tab.{k}") for k in
                ("status", "curation", "holds", "payment", "waitlist", "messages")],
               key="lifecycle.tab")

# ---- status -----------------------------------------------------------------------------
with tabs[0]:
    shown = st.multiselect(ctx.t("lifecycle.filter"), STATUSES, format_func=status_label,
                           placeholder=ctx.t("common.choose"), key="lifecycle.filter")
    frame = status_frame(state, life, shown)
    picked = st.dataframe(columns(frame.assign(status=frame["status"].map(status_label))),
                          hide_index=True, width="stretch", on_select="rerun",
                          selection_mode="multi-row", key="lifecycle.table")
    from_table = [frame.iloc[i]["applicant_id"] for i in picked.selection.rows]
    chosen = st.multiselect(ctx.t("lifecycle.chosen"), list(names), default=from_table,
                            format_func=names.get, placeholder=ctx.t("common.choose"),
                            key=f"lifecycle.chosen.{len(from_table)}",
                            help=ctx.t("lifecycle.chosen_help"))
    left, right = st.columns([1, 2])
    target = left.selectbox(ctx.t("lifecycle.new_status"), STATUSES, format_func=status_label,
                            key="lifecycle.new_status")
    reason = right.text_input(ctx.t("lifecycle.reason"), key="lifecycle.reason",
                              help=ctx.t("lifecycle.reason_help"))
    allowed_from = [s for s in STATUSES if target in TRANSITIONS[s]]
    st.caption(ctx.t("lifecycle.allowed_from", status=status_label(target),
                     sources=", ".join(map(status_label, allowed_from)) or "-"))
    if st.button(ctx.t("lifecycle.apply_status", count=n(len(chosen))), type="primary",
                 disabled=viewer or not chosen or (target in NEEDS_REASON and not reason),
                 key="lifecycle.apply_status"):
        run(partial(store.change_status, event.id, chosen, target, user=ctx.user.name,
                    reason=reason or None,
                    expected_versions={a: life.versions[a] for a in chosen}),
            ctx.t("lifecycle.status_done", count=n(len(chosen)), status=status_label(target)))

# ---- curation ---------------------------------------------------------------------------
with tabs[1]:
    st.caption(ctx.t("lifecycle.curation_intro", day=life.last_day.isoformat()))
    who = st.selectbox(ctx.t("lifecycle.applicant"), list(names), format_func=names.get,
                       key="lifecycle.curation.applicant")
    if who:
        applicant = state.applicant_by_id()[who]
        gaps = life.missing(who, applicant.category)
        if gaps:
            st.warning(ctx.t("lifecycle.missing", category=applicant.category,
                             missing="; ".join(" / ".join(g) for g in gaps)))
        else:
            st.success(ctx.t("lifecycle.complete"))
        held = life.certificates.get(who, ())
        if held:
            st.dataframe(columns(certificates_frame(held, life.last_day)), hide_index=True)
        with st.form("lifecycle.certificate", clear_on_submit=True):
            kind_col, number_col, expiry_col = st.columns(3)
            kind = kind_col.selectbox(ctx.t("lifecycle.kind"), curation.DEFAULT_KINDS,
                                      accept_new_options=True, key="lifecycle.kind")
            number = number_col.text_input(ctx.t("lifecycle.number"), key="lifecycle.number")
            expires = expiry_col.date_input(ctx.t("lifecycle.expires"), value=None,
                                            key="lifecycle.expires")
            if st.form_submit_button(ctx.t("lifecycle.save_certificate"), disabled=viewer):
                run(partial(store.save_certificate, event.id, who,
                            curation.Certificate(kind or "", number, expires),
                            user=ctx.user.name), ctx.t("lifecycle.certificate_saved", kind=kind))
    rules = life.rules if life.rules is not None else curation.DEFAULT_RULES
    with st.expander(ctx.t("lifecycle.rules")):
        text = st.text_area(ctx.t("lifecycle.rules_text"), curation.format_rules(rules),
                            help=ctx.t("lifecycle.rules_help"), key="lifecycle.rules_text")
        if st.button(ctx.t("lifecycle.save_rules"), disabled=viewer, key="lifecycle.save_rules"):
            try:
                parsed = curation.parse_rules(text)
            except curation.CurationError as error:
                st.error(str(error))
            else:
                run(partial(store.set_certificate_rules, event.id, parsed, user=ctx.user.name),
                    ctx.t("lifecycle.rules_saved"))

# ---- holds ------------------------------------------------------------------------------
holds = holds_frame(state, life.holds)
with tabs[2]:
    st.caption(ctx.t("lifecycle.holds_intro"))
    if holds.empty:
        st.info(ctx.t("lifecycle.no_holds"))
    else:
        st.dataframe(columns(holds), hide_index=True, width="stretch")
    taken = {a.booth_id: a.applicant_id for a in state.assignments}
    who = st.selectbox(ctx.t("lifecycle.applicant"), list(names), format_func=names.get,
                       key="lifecycle.hold.applicant")
    own = sorted(b for b, a in taken.items() if a == who)
    free = [b.booth_id for b in state.booths if not b.is_blocked and b.booth_id not in taken]
    booths = st.multiselect(ctx.t("lifecycle.booths"), own + free, default=own,
                            placeholder=ctx.t("common.choose"), key=f"lifecycle.hold.booths.{who}")
    typed = st.text_input(ctx.t("lifecycle.deadline"), typed_time(default_deadline),
                          help=ctx.t("lifecycle.deadline_help"), key="lifecycle.hold.until")
    try:
        until = parse_local_time(typed)
    except ValueError:
        st.error(ctx.t("lifecycle.deadline_bad", value=typed))
        until = None
    if until is not None and until <= now:
        st.warning(ctx.t("lifecycle.deadline_past"))
    if st.button(ctx.t("lifecycle.hold"), type="primary",
                 disabled=viewer or not booths or until is None,
                 key="lifecycle.hold.go"):
        run(partial(store.hold, event.id, booths, who, until, user=ctx.user.name),
            ctx.t("lifecycle.held", booths=", ".join(booths)))
    if not holds.empty:
        open_booths = st.multiselect(ctx.t("lifecycle.open_holds"), list(holds["booth_id"]),
                                     placeholder=ctx.t("common.choose"), key="lifecycle.hold.open")
        confirm, release = st.columns(2)
        if confirm.button(ctx.t("lifecycle.confirm"), disabled=viewer or not open_booths,
                          key="lifecycle.hold.confirm"):
            run(partial(store.confirm_holds, event.id, open_booths, user=ctx.user.name),
                ctx.t("lifecycle.confirmed"))
        if release.button(ctx.t("lifecycle.release"), disabled=viewer or not open_booths,
                          key="lifecycle.hold.release"):
            run(partial(store.release_holds, event.id, open_booths, user=ctx.user.name),
                ctx.t("lifecycle.released"))

# ---- payment ----------------------------------------------------------------------------
with tabs[3]:
    figures = booked_vs_paid(state, life.payments)
    left, middle, right = st.columns(3)
    left.metric(ctx.t("lifecycle.booked_paid"),
                f"{n(figures.paid_booths)} / {n(figures.booked_booths)}")
    middle.metric(ctx.t("lifecycle.due"), format_rupiah(figures.due_idr) or "Rp 0")
    right.metric(ctx.t("lifecycle.received"), format_rupiah(figures.paid_idr) or "Rp 0")
    sponsor = st.selectbox(ctx.t("lifecycle.sponsor_filter"),
                           [None, *sponsors(life.payments.values())],
                           format_func=lambda s: s or ctx.t("lifecycle.all_sponsors"),
                           key="lifecycle.sponsor_filter")
    payments = pd.DataFrame(payment_rows(state, life.payments, sponsor))
    if payments.empty:
        st.info(ctx.t("lifecycle.no_payments"))
    else:
        st.dataframe(columns(payments), hide_index=True, width="stretch")
        part = f"-{sponsor}" if sponsor else ""
        csv_col, xlsx_col = st.columns(2)
        csv_col.download_button(ctx.t("lifecycle.payments_csv"), partial(csv_bytes, payments),
                                f"{event.slug}-pembayaran{part}.csv", CSV, on_click="ignore",
                                key="lifecycle.payments_csv", icon=":material/download:")
        xlsx_col.download_button(ctx.t("lifecycle.payments_xlsx"),
                                 partial(frame_excel_bytes, payments, "pembayaran"),
                                 f"{event.slug}-pembayaran{part}.xlsx", XLSX, on_click="ignore",
                                 key="lifecycle.payments_xlsx", icon=":material/download:")
    with st.form("lifecycle.payment"):
        chosen = st.multiselect(ctx.t("lifecycle.chosen"), list(names), format_func=names.get,
                                placeholder=ctx.t("common.choose"), key="lifecycle.payment.chosen")
        status_col, date_col, amount_col, sponsor_col = st.columns(4)
        pay_status = status_col.selectbox(ctx.t("lifecycle.payment_status"), PAYMENT_STATUSES,
                                          format_func=lambda s: ctx.t(f"lifecycle.pay.{s}"),
                                          key="lifecycle.payment.status")
        paid_on = date_col.date_input(ctx.t("lifecycle.paid_on"), value=None,
                                      key="lifecycle.payment.date")
        paid = amount_col.number_input(ctx.t("lifecycle.paid_idr"), 0, step=100_000,
                                       key="lifecycle.payment.amount")
        sponsor_name = sponsor_col.text_input(ctx.t("lifecycle.sponsor"),
                                              key="lifecycle.payment.sponsor",
                                              help=ctx.t("lifecycle.sponsor_help"))
        if st.form_submit_button(ctx.t("lifecycle.save_payment"), disabled=viewer):
            run(partial(store.set_payment, event.id, chosen,
                        Payment(pay_status, paid_on, int(paid), sponsor_name or None),
                        user=ctx.user.name,
                        expected_versions={a: life.versions[a] for a in chosen}),
                ctx.t("lifecycle.payment_saved", count=n(len(chosen))))

# ---- waitlist ---------------------------------------------------------------------------
with tabs[4]:
    st.caption(ctx.t("lifecycle.waitlist_intro"))
    proposals = propose(state, life.status_at, refused=life.refused)
    if not proposals:
        st.info(ctx.t("lifecycle.no_proposals"))
    else:
        st.dataframe(columns(proposals_frame(state, proposals)), hide_index=True,
                     width="stretch")
        options = list(range(len(proposals)))
        pick = st.selectbox(ctx.t("lifecycle.proposal"), options, key="lifecycle.proposal",
                            format_func=lambda i: f"{names[proposals[i].applicant_id]} → "
                            f"{', '.join(proposals[i].booth_ids)}")
        offer_day = st.date_input(ctx.t("lifecycle.offer_until"),
                                  local_time(default_deadline).date(),
                                  help=ctx.t("lifecycle.offer_until_help"),
                                  key="lifecycle.offer_day")
        if st.button(ctx.t("lifecycle.offer"), type="primary", disabled=viewer,
                     key="lifecycle.offer_go"):
            chosen_one = proposals[pick]
            run(partial(store.offer, event.id, list(chosen_one.booth_ids),
                        chosen_one.applicant_id, closing_time(offer_day),
                        user=ctx.user.name),
                ctx.t("lifecycle.offered", applicant=chosen_one.applicant_id))
    offers = sorted({h.applicant_id for h in life.holds if h.kind == "offer"})
    if offers:
        st.subheader(ctx.t("lifecycle.open_offers"))
        offered = st.selectbox(ctx.t("lifecycle.applicant"), offers, format_func=names.get,
                               key="lifecycle.offer.applicant")
        accept, decline = st.columns(2)
        if accept.button(ctx.t("lifecycle.accept_offer"), disabled=viewer,
                         key="lifecycle.offer.accept"):
            run(partial(store.accept_offer, event.id, offered, user=ctx.user.name),
                ctx.t("lifecycle.offer_accepted", applicant=offered))
        if decline.button(ctx.t("lifecycle.decline_offer"), disabled=viewer,
                          key="lifecycle.offer.decline"):
            run(partial(store.decline_offer, event.id, offered, user=ctx.user.name),
                ctx.t("lifecycle.offer_declined", applicant=offered))

# ---- messages ---------------------------------------------------------------------------
with tabs[5]:
    st.caption(ctx.t("lifecycle.messages_intro"))
    placed = sorted({a.applicant_id for a in state.assignments})
    chosen = st.multiselect(ctx.t("lifecycle.chosen"), list(names), format_func=names.get,
                            default=placed[:20], placeholder=ctx.t("common.choose"),
                            key="lifecycle.messages.chosen")
    found = messages(state, chosen, holds=life.holds, payments=life.payments)
    if found:
        table = pd.DataFrame(message_rows(found))
        st.dataframe(columns(table), hide_index=True, width="stretch",
                     column_config={ctx.t("lifecycle.col.wa_link"): st.column_config.LinkColumn(
                         display_text=ctx.t("lifecycle.open_whatsapp"))})
        st.download_button(ctx.t("lifecycle.messages_csv"), partial(csv_bytes, table),
                           f"{event.slug}-pesan.csv", CSV, on_click="ignore",
                           key="lifecycle.messages_csv", icon=":material/download:")
