"""Messages to exhibitors: Indonesian text with booth, hall, deadline, amount; wa.me links."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

from booth_planner.core.model import Applicant, Assignment, Booth, EventInfo, EventState
from booth_planner.lifecycle.holds import Hold
from booth_planner.lifecycle.messages import message_rows, messages, normalise_phone, wa_link


def test_phone_numbers_become_62():
    assert normalise_phone("0812-3456-7890") == "6281234567890"
    assert normalise_phone("+62 812 3456 7890") == "6281234567890"
    assert normalise_phone("") is None and normalise_phone("abc") is None


def test_a_message_names_booth_hall_deadline_and_amount():
    state = EventState(EventInfo(1, "e", "Pameran PON"),
                       (Booth("A-1", "Hall Utama", 0, 0, price_idr=2_500_000),),
                       (Applicant("P1", "Sanggar Ulos", "12.12", "tenun",
                                  whatsapp="081234567890"),
                        Applicant("P2", "Tanpa Nomor", "12.04", "tenun")),
                       (Assignment("A-1", "P1"),))
    hold = Hold("A-1", "P1", datetime(2026, 9, 3, 10, 0, tzinfo=UTC))
    first, second = messages(state, ["P1", "P2"], holds=[hold])
    assert "A-1" in first.text and "Hall Utama" in first.text
    # The exhibitor reads the deadline on the local clock: 10:00 UTC is 17.00 in Medan.
    assert "3 September 2026 17.00 WIB" in first.text and "Rp 2.500.000" in first.text
    assert "UTC" not in first.text
    link = urlparse(first.link)
    assert (link.netloc, link.path) == ("wa.me", "/6281234567890")
    assert parse_qs(link.query)["text"] == [first.text]
    assert second.link is None and second.phone is None
    assert message_rows([first])[0]["wa_link"] == first.link


def test_wa_link_quotes_the_text():
    assert wa_link("62812", "a b&c") == "https://wa.me/62812?text=a%20b%26c"
