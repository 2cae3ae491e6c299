"""Applicant statuses and the explicit transitions between them.

An applicant without a recorded status (lists imported before the lifecycle existed) counts as
accepted, so those events behave as they always did.
"""

from __future__ import annotations

from collections.abc import Iterable

SUBMITTED = "diajukan"
VERIFIED = "diverifikasi"
ACCEPTED = "diterima"
WAITLISTED = "daftar_tunggu"
DECLINED = "ditolak"
WITHDRAWN = "mundur"

STATUSES = (SUBMITTED, VERIFIED, ACCEPTED, WAITLISTED, DECLINED, WITHDRAWN)
DEFAULT_STATUS = ACCEPTED

# from -> the statuses it may move to. Anything not listed is refused.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    SUBMITTED: (VERIFIED, DECLINED, WITHDRAWN),
    VERIFIED: (ACCEPTED, WAITLISTED, DECLINED, WITHDRAWN, SUBMITTED),
    ACCEPTED: (WAITLISTED, DECLINED, WITHDRAWN),
    WAITLISTED: (ACCEPTED, DECLINED, WITHDRAWN),
    DECLINED: (SUBMITTED,),
    WITHDRAWN: (SUBMITTED,),
}

# Statuses that never hold a booth: moving an applicant there frees its booths in the same
# change; a booth is never given to a declined or withdrawn applicant.
WITHOUT_BOOTHS = (WAITLISTED, DECLINED, WITHDRAWN)
NEVER_PLACED = (DECLINED, WITHDRAWN)
# Statuses that need a reason when an organizer sets them.
NEEDS_REASON = (DECLINED,)
# Statuses an automatic allocation works on; a draft may take the submitted ones too.
ALLOCATED = (ACCEPTED,)
DRAFT_ALLOCATED = (SUBMITTED, VERIFIED, ACCEPTED)

# Words an applicants file may use in its ``status`` column (case and spaces do not matter).
STATUS_WORDS = {
    **{name: name for name in STATUSES},
    "diajukan": SUBMITTED, "submitted": SUBMITTED, "pending": SUBMITTED, "baru": SUBMITTED,
    "diverifikasi": VERIFIED, "verified": VERIFIED, "terverifikasi": VERIFIED,
    "lolos kurasi": VERIFIED, "curated": VERIFIED,
    "diterima": ACCEPTED, "accepted": ACCEPTED, "terima": ACCEPTED, "confirmed": ACCEPTED,
    "daftar tunggu": WAITLISTED, "daftar_tunggu": WAITLISTED, "waitlisted": WAITLISTED,
    "waitlist": WAITLISTED, "waiting list": WAITLISTED, "cadangan": WAITLISTED,
    "ditolak": DECLINED, "declined": DECLINED, "rejected": DECLINED, "tolak": DECLINED,
    "mundur": WITHDRAWN, "withdrawn": WITHDRAWN, "batal": WITHDRAWN, "cancelled": WITHDRAWN,
}


class TransitionError(ValueError):
    """A status change the lifecycle does not allow; ``code`` names the rule for the message."""

    def __init__(self, code: str, applicant_id: str, current: str, wanted: str):
        super().__init__(f"applicant {applicant_id}: {current} → {wanted} is not allowed ({code})")
        self.code = code
        self.applicant_id = applicant_id
        self.current = current
        self.wanted = wanted


def effective(status: str | None) -> str:
    """The status an applicant is in; no recorded status means accepted."""
    return status or DEFAULT_STATUS


def parse_status(text: str | None) -> str | None:
    """A status from an Indonesian or English word; None for an empty cell, KeyError if unknown."""
    words = " ".join((text or "").replace("-", " ").split()).casefold()
    if not words:
        return None
    if words in STATUS_WORDS:
        return STATUS_WORDS[words]
    return STATUS_WORDS[words.replace(" ", "_")]


def allowed(current: str | None, wanted: str) -> bool:
    """True when an applicant in ``current`` may move to ``wanted`` (staying put is no move)."""
    return wanted in TRANSITIONS[effective(current)]


def check_transition(applicant_id: str, current: str | None, wanted: str) -> None:
    """Raise TransitionError unless ``current`` → ``wanted`` is one of the allowed transitions."""
    if wanted not in STATUSES:
        raise TransitionError("unknown_status", applicant_id, effective(current), wanted)
    if not allowed(current, wanted):
        raise TransitionError("not_allowed", applicant_id, effective(current), wanted)


def transition_table() -> list[tuple[str, str]]:
    """Every allowed (from, to) pair, in status order: what the docs and the report list."""
    return [(start, end) for start in STATUSES for end in TRANSITIONS[start]]


def with_status(applicants: Iterable, statuses: Iterable[str]) -> list:
    """The applicants whose effective status is one of ``statuses``, in their order."""
    wanted = set(statuses)
    return [a for a in applicants if effective(a.status) in wanted]
