"""Payment: amount due from the booths' prices, the payment list, booked vs paid."""

from datetime import date

import pytest

from booth_planner.core.model import Applicant, Assignment, Booth, EventInfo, EventState
from booth_planner.lifecycle.payment import (
    Payment,
    PaymentError,
    booked_vs_paid,
    check_payment,
    payment_rows,
)


def _state() -> EventState:
    booths = (Booth("A-1", "H", 0, 0, price_idr=2_000_000), Booth("A-2", "H", 3, 0,
              price_idr=2_000_000), Booth("A-3", "H", 6, 0))
    applicants = (Applicant("P1", "Satu", "12.12", "tenun", booths_requested=2),
                  Applicant("P2", "Dua", "12.04", "tenun"), Applicant("P3", "Tiga", "12.71", "x"))
    return EventState(EventInfo(1, "e", "E"), booths, applicants,
                      (Assignment("A-1", "P1"), Assignment("A-2", "P1"), Assignment("A-3", "P2")))


def test_the_amount_due_is_the_sum_of_the_booths_prices():
    rows = payment_rows(_state(), {"P1": Payment("lunas", date(2026, 9, 1), 1_500_000)})
    assert [(r["applicant_id"], r["amount_due_idr"], r["outstanding_idr"]) for r in rows] == \
        [("P1", 4_000_000, 2_500_000), ("P2", 0, 0)]
    assert rows[0]["booths"] == "A-1|A-2"


def test_a_payment_list_per_sponsor():
    payments = {"P2": Payment("gratis", sponsor="BUMN Inalum")}
    assert [r["applicant_id"] for r in payment_rows(_state(), payments, "BUMN Inalum")] == ["P2"]


def test_booked_vs_paid():
    figures = booked_vs_paid(_state(), {"P1": Payment("lunas", date(2026, 9, 1), 4_000_000)})
    assert (figures.booked_booths, figures.paid_booths) == (3, 2)
    assert (figures.due_idr, figures.paid_idr) == (4_000_000, 4_000_000)


def test_a_payment_needs_the_fields_of_its_status():
    with pytest.raises(PaymentError, match="date"):
        check_payment(Payment("lunas"))
    with pytest.raises(PaymentError, match="sponsor"):
        check_payment(Payment("gratis", sponsor="  "))
    assert check_payment(Payment("bayar_kemudian", paid_idr=5)) == Payment("bayar_kemudian")
