"""Payment: what each applicant owes for its booths, what it paid, and who sponsors it.

The amount due is the sum of the ``price_idr`` of the booths it holds (booths without a price
cost nothing). A sponsored stand (APBD, BUMN, Dekranasda) owes nothing and names its sponsor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from booth_planner.core.model import EventState
from booth_planner.core.text import natural_key

UNPAID = "belum_bayar"
PAID = "lunas"
FREE = "gratis"
PAY_LATER = "bayar_kemudian"
PAYMENT_STATUSES = (UNPAID, PAID, FREE, PAY_LATER)
SPONSOR_KINDS = ("APBD", "BUMN", "Dekranasda")
# A confirmed stand: paid, sponsored, or the exhibitor confirmed and pays later.
CONFIRMED = (PAID, FREE, PAY_LATER)


class PaymentError(ValueError):
    """A payment that cannot be recorded; the message says why."""


@dataclass(frozen=True, slots=True)
class Payment:
    """An applicant's payment status; ``paid_on``/``paid_idr`` for lunas, ``sponsor`` for gratis."""

    status: str = UNPAID
    paid_on: date | None = None
    paid_idr: int | None = None
    sponsor: str | None = None


def check_payment(payment: Payment) -> Payment:
    """The payment as recorded; PaymentError when its fields do not fit its status."""
    if payment.status not in PAYMENT_STATUSES:
        raise PaymentError(f"payment status must be one of {', '.join(PAYMENT_STATUSES)}")
    if payment.status == PAID:
        if payment.paid_on is None or payment.paid_idr is None:
            raise PaymentError("a paid stand (lunas) needs the date and the amount paid")
        if payment.paid_idr < 0:
            raise PaymentError("the amount paid cannot be negative")
        return Payment(PAID, payment.paid_on, int(payment.paid_idr), None)
    if payment.status == FREE:
        sponsor = " ".join((payment.sponsor or "").split())
        if not sponsor:
            raise PaymentError("a sponsored stand (gratis) needs the sponsor's name, "
                               "e.g. APBD Kota Medan or a BUMN")
        return Payment(FREE, None, None, sponsor[:200])
    return Payment(payment.status)


def amounts_due(state: EventState) -> dict[str, int]:
    """Per applicant holding booths, the sum of its booths' prices."""
    price = {b.booth_id: b.price_idr or 0 for b in state.booths}
    due: dict[str, int] = defaultdict(int)
    for assignment in state.assignments:
        due[assignment.applicant_id] += price.get(assignment.booth_id, 0)
    return dict(due)


def outstanding(due: int, payment: Payment) -> int:
    """What is still to pay: nothing when sponsored, the rest after a payment, else all."""
    if payment.status == FREE:
        return 0
    if payment.status == PAID:
        return max(due - (payment.paid_idr or 0), 0)
    return due


def payment_rows(state: EventState, payments: Mapping[str, Payment],
                 sponsor: str | None = None) -> list[dict]:
    """The payment list: one row per applicant holding booths (optionally of one sponsor)."""
    due = amounts_due(state)
    held: dict[str, list[str]] = defaultdict(list)
    for a in state.assignments:
        held[a.applicant_id].append(a.booth_id)
    rows = []
    for applicant in state.applicants:
        if applicant.applicant_id not in held:
            continue
        payment = payments.get(applicant.applicant_id, Payment())
        if sponsor is not None and (payment.sponsor or "") != sponsor:
            continue
        amount = due.get(applicant.applicant_id, 0)
        rows.append({
            "applicant_id": applicant.applicant_id, "name": applicant.name,
            "region_code": applicant.region_code,
            "booths": "|".join(sorted(held[applicant.applicant_id], key=natural_key)),
            "amount_due_idr": amount, "payment_status": payment.status,
            "paid_on": payment.paid_on.isoformat() if payment.paid_on else "",
            "paid_idr": payment.paid_idr if payment.paid_idr is not None else "",
            "sponsor": payment.sponsor or "",
            "outstanding_idr": outstanding(amount, payment),
        })
    return rows


def sponsors(payments: Iterable[Payment]) -> list[str]:
    """The sponsors named in the payments, sorted."""
    return sorted({p.sponsor for p in payments if p.sponsor})


@dataclass(frozen=True, slots=True)
class BookedPaid:
    """Booked vs paid: booths held, those whose holder confirmed payment, and the sums."""

    booked_booths: int
    paid_booths: int
    due_idr: int
    paid_idr: int


def booked_vs_paid(state: EventState, payments: Mapping[str, Payment]) -> BookedPaid:
    """How many held booths are paid for (lunas or sponsored), and the rupiah due and paid."""
    price = {b.booth_id: b.price_idr or 0 for b in state.booths}
    booked = paid = 0
    due = received = 0
    for assignment in state.assignments:
        booked += 1
        due += price.get(assignment.booth_id, 0)
        status = payments.get(assignment.applicant_id, Payment()).status
        if status in (PAID, FREE):
            paid += 1
    received = sum(p.paid_idr or 0 for p in payments.values() if p.status == PAID)
    return BookedPaid(booked, paid, due, received)


def booked_paid_text(figures: BookedPaid, lang: str) -> str:
    """``Booked 80 booths · paid 12 · Rp 30.000.000 due, Rp 5.000.000 received``, in ``lang``."""
    from booth_planner.core.i18n import format_number, format_rupiah, t

    return t("lifecycle.booked_paid_line", lang, booked=format_number(figures.booked_booths, lang),
             paid=format_number(figures.paid_booths, lang),
             due=format_rupiah(figures.due_idr) or "Rp 0",
             received=format_rupiah(figures.paid_idr) or "Rp 0")
