"""The applicant lifecycle in the database: status, curation, holds and offers, payment.

Every change is one transaction under the event's write lock, checked against the applicant
versions the organizer saw, recorded in the event's history with each applicant's lifecycle
fields (and each booth's state) before and after, so undo puts it back like a booth change.
Expired holds are released the next time anything reads the event (``snapshot`` and
``event_version`` release them first), by the store's clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from booth_planner.core.model import EventState
from booth_planner.lifecycle import curation
from booth_planner.lifecycle.curation import Certificate, CurationError
from booth_planner.lifecycle.holds import HOLD, OFFER, OPEN, Hold, aware
from booth_planner.lifecycle.payment import Payment, PaymentError, check_payment
from booth_planner.lifecycle.status import (
    ACCEPTED,
    NEEDS_REASON,
    WAITLISTED,
    WITHOUT_BOOTHS,
    TransitionError,
    check_transition,
)
from booth_planner.storage.store import Change, ConflictError, RuleError, Store, StoreError
from booth_planner.storage.tables import (
    ApplicantRow,
    BoothRow,
    CertificateRow,
    EventRow,
    HoldRow,
)

EXPIRY_USER = "expiry"
EXPIRY_ACTION = "hold.expired"


@dataclass(frozen=True)
class Lifecycle:
    """An event's lifecycle fields at one moment, keyed by applicant_id."""

    statuses: Mapping[str, str]
    reasons: Mapping[str, str]
    status_at: Mapping[str, datetime | None]
    versions: Mapping[str, int]
    payments: Mapping[str, Payment]
    certificates: Mapping[str, tuple[Certificate, ...]]
    holds: tuple[Hold, ...]  # open holds and offers
    refused: frozenset[tuple[str, str]]  # (applicant_id, booth_id) of declined/expired offers
    rules: Mapping[str, tuple[tuple[str, ...], ...]] | None  # None: the default rules
    last_day: date | None = None
    extra: dict = field(default_factory=dict, repr=False)

    def missing(self, applicant_id: str, category: str) -> list[tuple[str, ...]]:
        """The requirements the applicant's certificates do not meet on the event's last day."""
        return curation.missing(category, self.certificates.get(applicant_id, ()),
                                self.last_day, self.rules)


class LifecycleStore(Store):
    """The store with the lifecycle's reads and version-checked writes."""

    # ---- reading -------------------------------------------------------------------------

    def snapshot(self, event_id: int) -> tuple[EventState, dict[str, int]]:
        """The event's state and booth versions, expired holds released first."""
        self.release_expired(event_id)
        return super().snapshot(event_id)

    def event_version(self, event_id: int) -> tuple[int, str]:
        """The event's version, expired holds released first (a release is a new version)."""
        self.release_expired(event_id)
        return super().event_version(event_id)

    def lifecycle(self, event_id: int) -> Lifecycle:
        """Statuses, payments, certificates, open holds and rules, from one snapshot."""
        self.release_expired(event_id)
        with self.read() as session:
            event = session.get(EventRow, event_id)
            rows = session.scalars(select(ApplicantRow).where(ApplicantRow.event_id == event_id)
                                   .order_by(ApplicantRow.position, ApplicantRow.id)).all()
            code_of = {r.id: r.applicant_id for r in rows}
            certificates: dict[str, list[Certificate]] = {}
            for c in session.scalars(select(CertificateRow).where(
                    CertificateRow.event_id == event_id).order_by(CertificateRow.kind)):
                certificates.setdefault(code_of[c.applicant_pk], []).append(
                    Certificate(c.kind, c.number, c.expires_on))
            booth_of = dict(session.execute(select(BoothRow.id, BoothRow.booth_id)
                                            .where(BoothRow.event_id == event_id)).all())
            holds, refused = [], set()
            for h in session.scalars(select(HoldRow).where(HoldRow.event_id == event_id)
                                     .order_by(HoldRow.until, HoldRow.id)):
                if h.state == OPEN:
                    holds.append(Hold(booth_of[h.booth_pk], code_of[h.applicant_pk],
                                      aware(h.until), h.kind, h.created_by))
                elif h.kind == OFFER and h.state in ("declined", "expired"):
                    refused.add((code_of[h.applicant_pk], booth_of[h.booth_pk]))
        rules = event.certificate_rules
        return Lifecycle(
            statuses={r.applicant_id: r.status for r in rows},
            reasons={r.applicant_id: r.status_reason or "" for r in rows},
            status_at={r.applicant_id: aware(r.status_at) if r.status_at else None
                       for r in rows},
            versions={r.applicant_id: r.version for r in rows},
            payments={r.applicant_id: Payment(r.payment_status, r.paid_on, r.paid_idr, r.sponsor)
                      for r in rows},
            certificates={k: tuple(v) for k, v in certificates.items()},
            holds=tuple(holds), refused=frozenset(refused),
            rules=None if rules is None else {k: tuple(tuple(a) for a in v)
                                               for k, v in rules.items()},
            last_day=event.end_date or event.start_date or self.clock().date(),
        )

    def holds(self, event_id: int) -> tuple[Hold, ...]:
        """The event's open holds and offers (a light read, for the floor plan)."""
        self.release_expired(event_id)
        with self.read() as session:
            rows = session.execute(
                select(BoothRow.booth_id, ApplicantRow.applicant_id, HoldRow.until, HoldRow.kind,
                       HoldRow.created_by)
                .join(BoothRow, BoothRow.id == HoldRow.booth_pk)
                .join(ApplicantRow, ApplicantRow.id == HoldRow.applicant_pk)
                .where(HoldRow.event_id == event_id, HoldRow.state == OPEN)
                .order_by(HoldRow.until, HoldRow.id)).all()
        return tuple(Hold(b, a, aware(u), k, c) for b, a, u, k, c in rows)

    def applicant_versions(self, event_id: int) -> dict[str, int]:
        """Each applicant's current version: what a status change prepared now should expect."""
        with self.read() as session:
            return dict(session.execute(
                select(ApplicantRow.applicant_id, ApplicantRow.version)
                .where(ApplicantRow.event_id == event_id)).all())

    # ---- status ----------------------------------------------------------------------------

    def change_status(self, event_id: int, applicant_ids: Sequence[str], status: str, *,
                      user: str, reason: str | None = None,
                      expected_versions: Mapping[str, int] | None = None) -> Change:
        """Move applicants to ``status``, all or none, if they are as the organizer saw them.

        Refused when a transition is not allowed, a declined status has no reason, or an
        applicant to accept misses a required certificate. Waitlisting, declining or
        withdrawing frees the applicant's booths (and closes its holds) in the same change.
        """
        if not applicant_ids:
            raise StoreError("choose at least one applicant")
        reason = " ".join((reason or "").split()) or None
        if status in NEEDS_REASON and not reason:
            raise RuleError(f"say why the applicant is {status}: a reason is required")
        with self.transaction() as session:
            self.lock_event(session, event_id)
            rows = self._applicant_rows(session, event_id, applicant_ids)
            self._check_applicant_versions(rows, expected_versions)
            for applicant_id, row in rows.items():
                if row.status == status:
                    continue
                try:
                    check_transition(applicant_id, row.status, status)
                except TransitionError as error:
                    raise RuleError(f"applicant {applicant_id} cannot go from {error.current} "
                                    f"to {status}; nothing was written") from error
            if status == ACCEPTED:
                self._check_curation(session, event_id, rows)
            applicants = {}
            for applicant_id, row in rows.items():
                if row.status == status and (row.status_reason or None) == reason:
                    continue
                before = self._applicant_state(row)
                fields = {"status": status, "status_reason": reason}
                if row.status != status:
                    fields["status_at"] = self.clock()
                self._set_applicant_state(row, fields, user)
                applicants[applicant_id] = {"before": before, "after": self._applicant_state(row)}
            session.flush()
            freed = {}
            if status in WITHOUT_BOOTHS:
                freed = self._freed_states(session, event_id, [rows[a] for a in applicants])
                self._close_holds(session, event_id, [rows[a].id for a in applicants],
                                  "released")
            return self._change_booths(
                session, event_id, freed, user=user, action=f"status.{status}",
                summary=f"{', '.join(sorted(applicants))} → {status}"
                + (f" ({reason})" if reason else ""), applicants=applicants)

    def _freed_states(self, session: Session, event_id: int,
                      rows: Iterable[ApplicantRow]) -> dict[str, dict]:
        """The booth changes that free every booth these applicants hold."""
        pks = [r.id for r in rows]
        if not pks:
            return {}
        booth_ids = session.scalars(select(BoothRow.booth_id).where(
            BoothRow.event_id == event_id, BoothRow.applicant_pk.in_(pks)))
        return {b: {"applicant_id": None, "locked": False} for b in booth_ids}

    def _check_curation(self, session: Session, event_id: int,
                        rows: Mapping[str, ApplicantRow]) -> None:
        """RuleError naming the first applicant that misses a required certificate."""
        event = session.get(EventRow, event_id)
        day = event.end_date or event.start_date or self.clock().date()
        held: dict[int, list[Certificate]] = {}
        for c in session.scalars(select(CertificateRow).where(
                CertificateRow.event_id == event_id,
                CertificateRow.applicant_pk.in_([r.id for r in rows.values()]))):
            held.setdefault(c.applicant_pk, []).append(Certificate(c.kind, c.number, c.expires_on))
        rules = event.certificate_rules
        for applicant_id, row in rows.items():
            if row.status == ACCEPTED:
                continue
            gaps = curation.missing(row.category, held.get(row.id, ()), day, rules)
            if gaps:
                wanted = "; ".join(" or ".join(g) for g in gaps)
                raise RuleError(f"applicant {applicant_id} ({row.category}) cannot be accepted: "
                                f"missing {wanted} valid on {day.isoformat()}; nothing was "
                                "written")

    # ---- curation ------------------------------------------------------------------------

    def save_certificate(self, event_id: int, applicant_id: str, certificate: Certificate, *,
                         user: str) -> Certificate:
        """Record (or replace) one certificate of an applicant."""
        try:
            certificate = curation.check_certificate(certificate)
        except CurationError as error:
            raise StoreError(f"applicant {applicant_id}: {error}") from error
        with self.transaction() as session:
            self.lock_event(session, event_id)
            row = self._applicant_rows(session, event_id, [applicant_id])[applicant_id]
            existing = session.scalar(select(CertificateRow).where(
                CertificateRow.applicant_pk == row.id, CertificateRow.kind == certificate.kind))
            if existing is None:
                session.add(CertificateRow(event_id=event_id, applicant_pk=row.id,
                                           kind=certificate.kind, number=certificate.number,
                                           expires_on=certificate.expires_on))
            else:
                existing.number, existing.expires_on = certificate.number, certificate.expires_on
            self._record(session, event_id, user, "curation.certificate",
                         f"{applicant_id}: {certificate.kind} {certificate.number}".strip(),
                         applicant_id=applicant_id, kind=certificate.kind,
                         expires_on=certificate.expires_on.isoformat()
                         if certificate.expires_on else None)
            return certificate

    def remove_certificate(self, event_id: int, applicant_id: str, kind: str, *,
                           user: str) -> None:
        """Forget one certificate of an applicant."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            row = self._applicant_rows(session, event_id, [applicant_id])[applicant_id]
            session.execute(delete(CertificateRow).where(CertificateRow.applicant_pk == row.id,
                                                         CertificateRow.kind == kind))
            self._record(session, event_id, user, "curation.remove", f"{applicant_id}: {kind}")

    def set_certificate_rules(self, event_id: int,
                              rules: Mapping[str, Sequence[Sequence[str]]] | None, *,
                              user: str) -> None:
        """Which certificates each category needs in this event (None: the defaults)."""
        stored = None if rules is None else {
            category: [[curation.normalise_kind(k) for k in alternatives]
                       for alternatives in requirements if alternatives]
            for category, requirements in rules.items()}
        with self.transaction() as session:
            self.lock_event(session, event_id)
            session.get(EventRow, event_id).certificate_rules = stored
            self._record(session, event_id, user, "curation.rules",
                         "default" if stored is None else curation.format_rules(stored),
                         rules=stored)

    # ---- holds and offers ------------------------------------------------------------------

    def hold(self, event_id: int, booth_ids: Sequence[str], applicant_id: str, until: datetime,
             *, user: str, kind: str = HOLD,
             expected_versions: Mapping[str, int] | None = None) -> Change:
        """Hold booths for an applicant until ``until``: each free, or already its own.

        A deadline already past is allowed (the organizer may record a lapsed one): the next
        read releases it. An offer (``kind="offer"``) goes to a waitlisted applicant only.
        """
        if not booth_ids:
            raise StoreError("choose at least one booth to hold")
        until = aware(until)
        with self.transaction() as session:
            self.lock_event(session, event_id)
            applicant = self._applicant_rows(session, event_id, [applicant_id])[applicant_id]
            if kind == OFFER and applicant.status != WAITLISTED:
                raise RuleError(f"applicant {applicant_id} is {applicant.status}; offers go to "
                                "waitlisted applicants")
            if kind == HOLD and applicant.status in WITHOUT_BOOTHS:
                raise RuleError(f"applicant {applicant_id} is {applicant.status} and cannot "
                                "hold a booth")
            rows = self._booth_rows(session, event_id, booth_ids)
            mine = {b for b, r in rows.items() if r.applicant_pk == applicant.id}
            to_take = [b for b in booth_ids if b not in mine]
            open_rows = session.scalars(select(HoldRow).where(
                HoldRow.event_id == event_id, HoldRow.state == OPEN,
                HoldRow.booth_pk.in_([r.id for r in rows.values()]))).all()
            for h in open_rows:  # a new deadline replaces the old one
                h.state, h.closed_at = "released", self.clock()
            change = self._change_booths(
                session, event_id,
                {b: {"applicant_id": applicant_id, "locked": False, "source": kind}
                 for b in to_take},
                user=user, action=f"{kind}.create",
                summary=f"{', '.join(booth_ids)} → {applicant_id} until "
                f"{until:%Y-%m-%d %H:%M} UTC", expected_versions=expected_versions,
                must_be_free=to_take, until=until.isoformat())
            session.add_all(HoldRow(event_id=event_id, booth_pk=rows[b].id,
                                    applicant_pk=applicant.id, kind=kind, until=until,
                                    state=OPEN, created_at=self.clock(), created_by=user)
                            for b in booth_ids)
            return change

    def offer(self, event_id: int, booth_ids: Sequence[str], applicant_id: str,
              until: datetime, *, user: str,
              expected_versions: Mapping[str, int] | None = None) -> Change:
        """Offer free booths to a waitlisted applicant until ``until`` (a hold of kind offer)."""
        return self.hold(event_id, booth_ids, applicant_id, until, user=user, kind=OFFER,
                         expected_versions=expected_versions)

    def _open_holds(self, session: Session, event_id: int, *, applicant_pk: int | None = None,
                    booth_ids: Iterable[str] | None = None, kind: str | None = None
                    ) -> list[HoldRow]:
        query = select(HoldRow).where(HoldRow.event_id == event_id, HoldRow.state == OPEN)
        if applicant_pk is not None:
            query = query.where(HoldRow.applicant_pk == applicant_pk)
        if kind is not None:
            query = query.where(HoldRow.kind == kind)
        if booth_ids is not None:
            pks = select(BoothRow.id).where(BoothRow.event_id == event_id,
                                            BoothRow.booth_id.in_(list(booth_ids)))
            query = query.where(HoldRow.booth_pk.in_(pks))
        return list(session.scalars(query.order_by(HoldRow.id).with_for_update()))

    def _close_holds(self, session: Session, event_id: int, applicant_pks: Sequence[int],
                     ending: str) -> None:
        if applicant_pks:
            session.execute(update(HoldRow).where(
                HoldRow.event_id == event_id, HoldRow.state == OPEN,
                HoldRow.applicant_pk.in_(list(applicant_pks)))
                .values(state=ending, closed_at=self.clock()))

    def confirm_holds(self, event_id: int, booth_ids: Sequence[str], *, user: str) -> Change:
        """The holder confirmed: the booths stay theirs, without a deadline."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            holds = self._open_holds(session, event_id, booth_ids=booth_ids)
            if not holds:
                raise StoreError(f"no open hold on {', '.join(booth_ids)}")
            for h in holds:
                h.state, h.closed_at = "confirmed", self.clock()
            return self._change_booths(session, event_id, {}, user=user, action="hold.confirm",
                                       summary=", ".join(booth_ids))

    def release_holds(self, event_id: int, booth_ids: Sequence[str], *, user: str) -> Change:
        """An organizer releases held booths: they become free for the waitlist."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            holds = self._open_holds(session, event_id, booth_ids=booth_ids)
            if not holds:
                raise StoreError(f"no open hold on {', '.join(booth_ids)}")
            return self._release(session, event_id, holds, "released", user=user,
                                 action="hold.release", summary=", ".join(booth_ids))

    def _release(self, session: Session, event_id: int, holds: Sequence[HoldRow], ending: str,
                 *, user: str, action: str, summary: str, undoable: bool = True) -> Change:
        """Close ``holds`` and free their booths where the holder still has them."""
        pks = [h.booth_pk for h in holds]
        booths = {r.id: r for r in session.scalars(select(BoothRow).where(BoothRow.id.in_(pks)))}
        freed = {}
        for h in holds:
            h.state, h.closed_at = ending, self.clock()
            booth = booths.get(h.booth_pk)
            if booth is not None and booth.applicant_pk == h.applicant_pk:
                freed[booth.booth_id] = {"applicant_id": None, "locked": False}
        return self._change_booths(session, event_id, freed, user=user, action=action,
                                   summary=summary, undoable=undoable)

    def release_expired(self, event_id: int) -> Change | None:
        """Release every hold whose deadline has passed by the store's clock; None if none.

        Cheap when nothing has expired (one indexed query), so every read can call it. The
        release is recorded in History as released by expiry.
        """
        if self.read_only:  # nothing can be written: the holds stay as stored
            return None
        now = self.clock()
        with self.read() as session:
            due = session.scalar(select(HoldRow.id).where(
                HoldRow.event_id == event_id, HoldRow.state == OPEN, HoldRow.until <= now)
                .limit(1))
        if due is None:
            return None
        with self.transaction() as session:
            self.lock_event(session, event_id)
            holds = list(session.scalars(select(HoldRow).where(
                HoldRow.event_id == event_id, HoldRow.state == OPEN, HoldRow.until <= now)
                .order_by(HoldRow.id).with_for_update()))
            if not holds:  # another reader released them first
                return None
            booth_of = dict(session.execute(select(BoothRow.id, BoothRow.booth_id).where(
                BoothRow.id.in_([h.booth_pk for h in holds]))).all())
            names = sorted(booth_of.values())
            shown = ", ".join(names[:20]) + (f" (+{len(names) - 20})" if len(names) > 20 else "")
            # Not offered for undo: putting the booth back would make a firm assignment of a
            # lapsed hold. An organizer holds it again instead.
            return self._release(session, event_id, holds, "expired", user=EXPIRY_USER,
                                 action=EXPIRY_ACTION, summary=f"released by expiry: {shown}",
                                 undoable=False)

    def accept_offer(self, event_id: int, applicant_id: str, *, user: str,
                     hold_until: datetime | None = None,
                     expected_versions: Mapping[str, int] | None = None) -> Change:
        """The exhibitor took the offer: accepted, and its booths assigned (or held until)."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            rows = self._applicant_rows(session, event_id, [applicant_id])
            self._check_applicant_versions(rows, expected_versions)
            row = rows[applicant_id]
            offers = self._open_holds(session, event_id, applicant_pk=row.id, kind=OFFER)
            if not offers:
                raise StoreError(f"applicant {applicant_id} has no open offer")
            check_transition(applicant_id, row.status, ACCEPTED)
            self._check_curation(session, event_id, rows)
            before = self._applicant_state(row)
            self._set_applicant_state(row, {"status": ACCEPTED, "status_reason": None,
                                            "status_at": self.clock()}, user)
            for h in offers:
                h.state, h.closed_at = "accepted", self.clock()
                if hold_until is not None:
                    session.add(HoldRow(event_id=event_id, booth_pk=h.booth_pk,
                                        applicant_pk=row.id, kind=HOLD, until=aware(hold_until),
                                        state=OPEN, created_at=self.clock(), created_by=user))
            session.flush()
            booth_ids = sorted(session.scalars(select(BoothRow.booth_id).where(
                BoothRow.id.in_([h.booth_pk for h in offers]))))
            return self._change_booths(
                session, event_id, {}, user=user, action="offer.accept",
                summary=f"{applicant_id}: {', '.join(booth_ids)}",
                applicants={applicant_id: {"before": before,
                                           "after": self._applicant_state(row)}})

    def decline_offer(self, event_id: int, applicant_id: str, *, user: str) -> Change:
        """The exhibitor declined: the booths are free again and go to the next proposal."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            row = self._applicant_rows(session, event_id, [applicant_id])[applicant_id]
            offers = self._open_holds(session, event_id, applicant_pk=row.id, kind=OFFER)
            if not offers:
                raise StoreError(f"applicant {applicant_id} has no open offer")
            return self._release(session, event_id, offers, "declined", user=user,
                                 action="offer.decline", summary=applicant_id)

    # ---- payment ---------------------------------------------------------------------------

    def set_payment(self, event_id: int, applicant_ids: Sequence[str], payment: Payment, *,
                    user: str, expected_versions: Mapping[str, int] | None = None) -> Change:
        """Record applicants' payment status (all or none), if they are as the organizer saw."""
        try:
            payment = check_payment(payment)
        except PaymentError as error:
            raise StoreError(str(error)) from error
        if not applicant_ids:
            raise StoreError("choose at least one applicant")
        with self.transaction() as session:
            self.lock_event(session, event_id)
            rows = self._applicant_rows(session, event_id, applicant_ids)
            self._check_applicant_versions(rows, expected_versions)
            applicants = {}
            fields = {"payment_status": payment.status, "paid_on": payment.paid_on,
                      "paid_idr": payment.paid_idr, "sponsor": payment.sponsor}
            for applicant_id, row in rows.items():
                before = self._applicant_state(row)
                if all(getattr(row, k) == v for k, v in fields.items()):
                    continue
                self._set_applicant_state(row, fields, user)
                applicants[applicant_id] = {"before": before, "after": self._applicant_state(row)}
            session.flush()
            return self._change_booths(
                session, event_id, {}, user=user, action=f"payment.{payment.status}",
                summary=f"{', '.join(sorted(applicants))} → {payment.status}"
                + (f" ({payment.sponsor})" if payment.sponsor else ""), applicants=applicants)


__all__ = ["ConflictError", "Lifecycle", "LifecycleStore"]
