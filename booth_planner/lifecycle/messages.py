"""Messages to exhibitors: a ready Indonesian text per applicant and a wa.me link to send it.

The app sends nothing itself: the organizer opens the link (WhatsApp fills the text in) or
merges the CSV into a mail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from booth_planner.core.i18n import format_rupiah, t
from booth_planner.core.local_time import format_time
from booth_planner.core.model import EventState
from booth_planner.core.text import natural_key
from booth_planner.directory.profile import ProfileError, normalise_whatsapp
from booth_planner.lifecycle.holds import Hold
from booth_planner.lifecycle.payment import FREE, Payment, amounts_due, outstanding

MESSAGE_LANGUAGE = "id"  # exhibitors read Bahasa Indonesia
WA_BASE = "https://wa.me/"


def normalise_phone(text: str | None) -> str | None:
    """A phone number as ``62...`` (``0812-...``, ``+62 812 ...``); None when empty or unusable."""
    try:
        return normalise_whatsapp(text or "")
    except ProfileError:
        return None


def wa_link(number: str, text: str) -> str:
    """``https://wa.me/<number>?text=...``: WhatsApp opens a chat with the text filled in."""
    return f"{WA_BASE}{number}?text={quote(text, safe='')}"


@dataclass(frozen=True, slots=True)
class Message:
    """One exhibitor's ready text, its number (62...) and its wa.me link (None: no number)."""

    applicant_id: str
    name: str
    phone: str | None
    booths: str
    halls: str
    deadline: str
    amount_due_idr: int
    text: str
    link: str | None


def _deadline_text(until: datetime | None) -> str:
    """``4 Desember 2026 17.00 WIB``: an exhibitor reads the deadline on the local clock."""
    return "" if until is None else format_time(until, MESSAGE_LANGUAGE)


def messages(state: EventState, applicant_ids: Iterable[str], *,
             holds: Iterable[Hold] = (), payments: Mapping[str, Payment] | None = None
             ) -> list[Message]:
    """A message for each chosen applicant: its booths, halls, deadline and amount due."""
    payments = payments or {}
    by_id = state.applicant_by_id()
    hall_of = {b.booth_id: b.hall for b in state.booths}
    held: dict[str, list[str]] = {}
    for a in state.assignments:
        held.setdefault(a.applicant_id, []).append(a.booth_id)
    deadline: dict[str, datetime] = {}
    for hold in holds:
        current = deadline.get(hold.applicant_id)
        deadline[hold.applicant_id] = min(current, hold.until) if current else hold.until
    due = amounts_due(state)
    found = []
    for applicant_id in applicant_ids:
        applicant = by_id.get(applicant_id)
        if applicant is None:
            continue
        booths = sorted(held.get(applicant_id, []), key=natural_key)
        halls = ", ".join(dict.fromkeys(hall_of[b] for b in booths))
        payment = payments.get(applicant_id, Payment())
        amount = outstanding(due.get(applicant_id, 0), payment)
        when = _deadline_text(deadline.get(applicant_id))
        lines = [t("lifecycle.msg.greeting", MESSAGE_LANGUAGE, name=applicant.name,
                   event=state.event.name)]
        if booths:
            lines.append(t("lifecycle.msg.booths", MESSAGE_LANGUAGE, booths=", ".join(booths),
                           halls=halls))
        else:
            lines.append(t("lifecycle.msg.no_booth", MESSAGE_LANGUAGE))
        if when:
            lines.append(t("lifecycle.msg.deadline", MESSAGE_LANGUAGE, deadline=when))
        if payment.status == FREE:
            lines.append(t("lifecycle.msg.sponsored", MESSAGE_LANGUAGE, sponsor=payment.sponsor))
        elif amount:
            lines.append(t("lifecycle.msg.amount", MESSAGE_LANGUAGE,
                           amount=format_rupiah(amount)))
        lines.append(t("lifecycle.msg.closing", MESSAGE_LANGUAGE))
        text = "\n".join(lines)
        phone = normalise_phone(applicant.whatsapp)
        found.append(Message(applicant_id, applicant.name, phone, ", ".join(booths), halls,
                             when, amount, text, wa_link(phone, text) if phone else None))
    return found


def message_rows(found: Iterable[Message]) -> list[dict]:
    """The messages as rows for a mail-merge CSV."""
    return [{"applicant_id": m.applicant_id, "name": m.name, "phone": m.phone or "",
             "booths": m.booths, "halls": m.halls, "deadline": m.deadline,
             "amount_due_idr": m.amount_due_idr, "message": m.text, "wa_link": m.link or ""}
            for m in found]
