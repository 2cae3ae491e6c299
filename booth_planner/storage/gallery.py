"""A gallery's rotation in the database: periods, members' extra fields, roster turns, sales.

Every change is one transaction under the event's write lock, checked against the versions the
organizer saw (a roster cell's version; 0 for a free cell), recorded in the event's history and,
for roster changes, undoable from the roster page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booth_planner.core.model import EventState
from booth_planner.rotation.model import Member, Period, Turn
from booth_planner.storage.store import (
    ConflictError,
    NotFoundError,
    RuleError,
    Store,
    StoreError,
)
from booth_planner.storage.tables import (
    ApplicantRow,
    BoothRow,
    ChangeRow,
    EventRow,
    GalleryMemberRow,
    GalleryPeriodRow,
    RosterTurnRow,
    TurnSaleRow,
)

ROSTER_ACTIONS = ("roster.plan", "roster.swap", "roster.move", "roster.undo")


@dataclass(frozen=True)
class Sale:
    """What a member sold in one period's turn."""

    period_id: str
    applicant_id: str
    sales_idr: int
    items: int
    note: str
    version: int


@dataclass(frozen=True)
class GalleryState:
    """A gallery at one moment: the event's spaces and members, periods, turns and versions."""

    event: EventState
    home_region: str | None
    max_consecutive: int
    periods: tuple[Period, ...]
    members: tuple[Member, ...]
    turns: tuple[Turn, ...]
    versions: Mapping[tuple[str, str], int]  # (period_id, booth_id) -> version; free cells absent

    def holder(self) -> dict[tuple[str, str], Turn]:
        """The turn holding each (period_id, booth_id)."""
        return {(t.period_id, b): t for t in self.turns for b in t.booth_ids}


def _now() -> datetime:
    return datetime.now(UTC)


class GalleryStore:
    """Reads and version-checked writes of one database's galleries."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- setting a gallery up ----------------------------------------------------------------

    def make_gallery(self, event_id: int, *, home_region: str | None,
                     max_consecutive: int = 1) -> None:
        """Mark an event as a gallery of ``home_region`` (its kabupaten/kota code)."""
        if max_consecutive < 1:
            raise RuleError("max_consecutive must be at least 1")
        with self.store.transaction() as session:
            self.store.lock_event(session, event_id)
            row = session.get(EventRow, event_id)
            row.kind, row.home_region, row.max_consecutive = "gallery", home_region, max_consecutive

    def save_periods(self, event_id: int, periods: Sequence[Period], *, user: str,
                     turns: Iterable[Turn] = (),
                     turns_before: Mapping[str, int] | None = None) -> None:
        """Replace the gallery's periods (and with them its roster and sales) and, in the same
        transaction, lay out ``turns`` as the new roster and set members' ``turns_before``
        (applicant_id -> turns): never periods without their plan or the counts it used."""
        ids = [p.period_id for p in periods]
        if len(set(ids)) != len(ids):
            raise StoreError("period id used twice")
        ordered = sorted(periods, key=lambda p: p.start)
        for before, after in zip(ordered, ordered[1:], strict=False):
            if after.start <= before.end:
                raise RuleError(f"period {after.period_id} overlaps {before.period_id}")
        with self.store.transaction() as session:
            self.store.lock_event(session, event_id)
            for table in (TurnSaleRow, RosterTurnRow, GalleryPeriodRow):
                session.execute(delete(table).where(table.event_id == event_id))
            session.add_all(GalleryPeriodRow(event_id=event_id, period_id=p.period_id,
                                             start=p.start, end=p.end) for p in ordered)
            self._record(session, event_id, user, "gallery.periods", f"{len(ordered)}")
            session.flush()
            after = {(t.period_id, b): (t.applicant_id, t.locked) for t in turns
                     for b in t.booth_ids}
            if after:
                self._write_cells(session, event_id, {}, after, user, "roster.plan", "")
            if turns_before:
                pk_of = self._applicant_pks(session, event_id)
                rows = {r.applicant_pk: r for r in session.scalars(
                    select(GalleryMemberRow).where(GalleryMemberRow.event_id == event_id))}
                for applicant_id, count in turns_before.items():
                    if count < 0:
                        raise RuleError(f"turns before {applicant_id}: {count} is negative")
                    if applicant_id not in pk_of:
                        raise NotFoundError(f"unknown member: {applicant_id}")
                    row = rows.get(pk_of[applicant_id])
                    if row is None:  # a member added as a plain applicant has no gallery row yet
                        session.add(GalleryMemberRow(
                            applicant_pk=pk_of[applicant_id], event_id=event_id,
                            turns_before=count, unavailable_periods=[]))
                    else:
                        row.turns_before = count

    def save_members(self, event_id: int, members: Sequence[Member], *, user: str) -> None:
        """Members as applicants, with their turns before and the periods they cannot take."""
        self.store.save_applicants(event_id, [m.applicant for m in members], user=user,
                                   action="gallery.members")
        with self.store.transaction() as session:
            self.store.lock_event(session, event_id)
            pk_of = self._applicant_pks(session, event_id)
            session.execute(delete(GalleryMemberRow).where(GalleryMemberRow.event_id == event_id))
            session.add_all(GalleryMemberRow(
                applicant_pk=pk_of[m.applicant_id], event_id=event_id,
                turns_before=m.turns_before, unavailable_periods=sorted(m.unavailable_periods))
                for m in members)

    # ---- reading -------------------------------------------------------------------------------

    def gallery_ids(self) -> list[int]:
        """The events that are galleries."""
        with self.store.transaction() as session:
            return list(session.scalars(select(EventRow.id).where(EventRow.kind == "gallery")
                                        .order_by(EventRow.id)))

    def is_gallery(self, event_id: int) -> bool:
        """True when the event is a gallery."""
        with self.store.transaction() as session:
            row = session.get(EventRow, event_id)
            return row is not None and row.kind == "gallery"

    def state(self, event_id: int) -> GalleryState:
        """The gallery now, read in one transaction."""
        event = self.store.state(event_id)
        with self.store.transaction() as session:
            row = session.get(EventRow, event_id)
            if row is None:
                raise NotFoundError(f"event {event_id} does not exist")
            periods = tuple(Period(p.period_id, p.start, p.end) for p in session.scalars(
                select(GalleryPeriodRow).where(GalleryPeriodRow.event_id == event_id)
                .order_by(GalleryPeriodRow.start)))
            code_of = {pk: code for code, pk in self._applicant_pks(session, event_id).items()}
            extras = {r.applicant_pk: r for r in session.scalars(
                select(GalleryMemberRow).where(GalleryMemberRow.event_id == event_id))}
            pk_of = {code: pk for pk, code in code_of.items()}
            members = tuple(Member(a, frozenset(extras[pk_of[a.applicant_id]].unavailable_periods)
                                   if pk_of.get(a.applicant_id) in extras else frozenset(),
                                   extras[pk_of[a.applicant_id]].turns_before
                                   if pk_of.get(a.applicant_id) in extras else 0)
                            for a in event.applicants)
            turns, versions = self._turns(session, event_id, code_of)
            return GalleryState(event, row.home_region, row.max_consecutive, periods, members,
                                turns, versions)

    def _turns(self, session: Session, event_id: int, code_of: Mapping[int, str]):
        """Turns (spaces of one member in one period joined) and each cell's version."""
        period_of = dict(session.execute(select(GalleryPeriodRow.id, GalleryPeriodRow.period_id)
                                         .where(GalleryPeriodRow.event_id == event_id)).all())
        booth_of = dict(session.execute(select(BoothRow.id, BoothRow.booth_id)
                                        .where(BoothRow.event_id == event_id)).all())
        grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
        locked: dict[tuple[str, str], bool] = {}
        versions = {}
        for row in session.scalars(select(RosterTurnRow).where(RosterTurnRow.event_id == event_id)):
            key = (period_of[row.period_pk], code_of[row.applicant_pk])
            grouped[key].append(booth_of[row.booth_pk])
            locked[key] = row.locked
            versions[(period_of[row.period_pk], booth_of[row.booth_pk])] = row.version
        turns = tuple(Turn(p, a, tuple(sorted(b)), locked[(p, a)])
                      for (p, a), b in sorted(grouped.items()))
        return turns, versions

    # ---- changing the roster ---------------------------------------------------------------

    def apply_plan(self, event_id: int, turns: Iterable[Turn], *, user: str,
                   action: str = "roster.plan", summary: str = "") -> int:
        """Replace the whole roster with ``turns``; returns the change id (undoable)."""
        with self.store.transaction() as session:
            self.store.lock_event(session, event_id)
            before = self._cells(session, event_id)
            after = {(t.period_id, b): (t.applicant_id, t.locked) for t in turns
                     for b in t.booth_ids}
            change = self._write_cells(session, event_id, before, after, user, action, summary)
            return change.id

    def _cells(self, session: Session, event_id: int) -> dict[tuple[str, str], tuple[str, bool]]:
        """(period_id, booth_id) -> (applicant_id, locked) of every held cell."""
        state = self._turns(session, event_id, {
            pk: code for code, pk in self._applicant_pks(session, event_id).items()})[0]
        return {(t.period_id, b): (t.applicant_id, t.locked) for t in state for b in t.booth_ids}

    def _write_cells(self, session: Session, event_id: int,
                     before: Mapping[tuple[str, str], tuple[str, bool]],
                     after: Mapping[tuple[str, str], tuple[str, bool]], user: str, action: str,
                     summary: str, undoes: int | None = None) -> ChangeRow:
        """Make the roster ``after`` (cells changed only), record before and after."""
        period_pk = dict(session.execute(select(GalleryPeriodRow.period_id, GalleryPeriodRow.id)
                                         .where(GalleryPeriodRow.event_id == event_id)).all())
        booth_pk = dict(session.execute(select(BoothRow.booth_id, BoothRow.id)
                                        .where(BoothRow.event_id == event_id)).all())
        applicant_pk = self._applicant_pks(session, event_id)
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        rows = {(r.period_pk, r.booth_pk): r for r in session.scalars(
            select(RosterTurnRow).where(RosterTurnRow.event_id == event_id))}
        try:
            for period_id, booth_id in changed:
                key = (period_pk[period_id], booth_pk[booth_id])
                row = rows.get(key)
                if row is not None:
                    session.delete(row)
            session.flush()
            for period_id, booth_id in changed:
                key = (period_pk[period_id], booth_pk[booth_id])
                held = after.get((period_id, booth_id))
                if held is not None:
                    old = rows.get(key)
                    session.add(RosterTurnRow(
                        event_id=event_id, period_pk=key[0], booth_pk=key[1],
                        applicant_pk=applicant_pk[held[0]], locked=held[1],
                        version=(old.version + 1) if old is not None else 1))
            session.flush()
        except KeyError as error:
            raise NotFoundError(f"unknown period, space or member: {error.args[0]}") from None
        except IntegrityError as error:
            raise RuleError(f"the database refused the change: {error.orig}") from error
        cells = [{"period_id": p, "booth_id": b, "before": list(before.get((p, b)) or ()),
                  "after": list(after.get((p, b)) or ())} for p, b in changed]
        row = ChangeRow(event_id=event_id, at=_now(), user=user, action=action,
                        summary=summary or f"{len(changed)}", details={"cells": cells},
                        undoable=undoes is None and bool(changed))
        session.add(row)
        session.flush()
        if undoes is not None:
            session.get(ChangeRow, undoes).undone_by = row.id
        return row

    def _check(self, state: GalleryState, period_id: str,
               cells: Mapping[str, str | None]) -> None:
        """Refuse a roster where a member sits in a space or period the rules forbid."""
        booths = state.event.booth_by_id()
        members = {m.applicant_id: m for m in state.members}
        for booth_id, applicant_id in cells.items():
            if applicant_id is None:
                continue
            booth, member = booths[booth_id], members[applicant_id]
            if booth.is_blocked:
                raise RuleError(f"space {booth_id} is blocked")
            if not booth.accepts(member.applicant.category):
                raise RuleError(f"space {booth_id} is zoned for {booth.zone}; "
                                f"{applicant_id} is {member.applicant.category}")
            if period_id in member.unavailable_periods:
                raise RuleError(f"{applicant_id} cannot take period {period_id}")

    def _versions_match(self, state: GalleryState, period_id: str,
                        expected: Mapping[str, int] | None) -> None:
        """ConflictError when a cell changed since the organizer saw it."""
        for booth_id, version in (expected or {}).items():
            if state.versions.get((period_id, booth_id), 0) != version:
                raise ConflictError(booth_id, None, None, None)

    def swap(self, event_id: int, period_id: str, booth_a: str, booth_b: str, *, user: str,
             expected_versions: Mapping[str, int] | None = None) -> int:
        """Exchange the members of two spaces in one period (either may be free: a move)."""
        state = self.state(event_id)
        self._versions_match(state, period_id, expected_versions)
        holder = state.holder()
        turns = [holder.get((period_id, b)) for b in (booth_a, booth_b)]
        for turn in turns:
            if turn is not None and turn.locked:
                raise RuleError(f"{turn.applicant_id} is a permanent tenant of {turn.booth_ids[0]}")
            if turn is not None and len(turn.booth_ids) > 1:
                raise RuleError(f"{turn.applicant_id} holds several adjacent spaces; "
                                "move it in the planner instead")
        a, b = (t.applicant_id if t else None for t in turns)
        self._check(state, period_id, {booth_a: b, booth_b: a})
        with self.store.transaction() as session:
            self.store.lock_event(session, event_id)
            before = self._cells(session, event_id)
            if {k: v for k, v in before.items() if k[0] == period_id} != \
                    {k: (t.applicant_id, t.locked) for k, t in holder.items() if k[0] == period_id}:
                raise ConflictError(booth_a, None, None, None)
            after = dict(before)
            for booth_id, applicant_id in ((booth_a, b), (booth_b, a)):
                after.pop((period_id, booth_id), None)
                if applicant_id is not None:
                    after[(period_id, booth_id)] = (applicant_id, False)
            action = "roster.swap" if a and b else "roster.move"
            summary = f"{period_id}: {booth_a} ⇄ {booth_b}"
            return self._write_cells(session, event_id, before, after, user, action, summary).id

    def undo(self, event_id: int, *, user: str) -> int:
        """Put back the latest undoable roster change; refused when its cells changed since."""
        with self.store.transaction() as session:
            self.store.lock_event(session, event_id)
            target = session.scalar(
                select(ChangeRow).where(ChangeRow.event_id == event_id,
                                        ChangeRow.action.in_(ROSTER_ACTIONS),
                                        ChangeRow.undoable.is_(True),
                                        ChangeRow.undone_by.is_(None))
                .order_by(ChangeRow.id.desc()).limit(1))
            if target is None:
                raise NotFoundError("there is no roster change left to undo")
            current = self._cells(session, event_id)
            back = dict(current)
            for cell in target.details.get("cells", []):
                key = (cell["period_id"], cell["booth_id"])
                if list(current.get(key) or ()) != cell["after"]:
                    raise StoreError(f"{key[0]} {key[1]} changed again since; undo that first")
                if cell["before"]:
                    back[key] = (cell["before"][0], bool(cell["before"][1]))
                else:
                    back.pop(key, None)
            summary = f"#{target.id} {target.action} {target.summary}"
            return self._write_cells(session, event_id, current, back, user, "roster.undo",
                                     summary, undoes=target.id).id

    # ---- sales ---------------------------------------------------------------------------------

    def record_sale(self, event_id: int, period_id: str, applicant_id: str, *, sales_idr: int,
                    items: int, note: str = "", user: str,
                    expected_version: int | None = None) -> int:
        """Set a member's sales of one period; returns the new version."""
        if sales_idr < 0 or items < 0:
            raise RuleError("sales and items cannot be negative")
        with self.store.transaction() as session:
            self.store.lock_event(session, event_id)
            period = session.scalar(select(GalleryPeriodRow.id).where(
                GalleryPeriodRow.event_id == event_id, GalleryPeriodRow.period_id == period_id))
            member = self._applicant_pks(session, event_id).get(applicant_id)
            if period is None or member is None:
                raise NotFoundError(f"no period {period_id} or member {applicant_id}")
            row = session.scalar(select(TurnSaleRow).where(TurnSaleRow.period_pk == period,
                                                           TurnSaleRow.applicant_pk == member))
            if expected_version is not None and (row.version if row else 0) != expected_version:
                raise ConflictError(f"{period_id}/{applicant_id}", None, None, None)
            if row is None:
                row = TurnSaleRow(event_id=event_id, period_pk=period, applicant_pk=member,
                                  version=0)
                session.add(row)
            row.sales_idr, row.items, row.note = int(sales_idr), int(items), note
            row.version += 1
            self._record(session, event_id, user, "sales.record",
                         f"{period_id} {applicant_id}: Rp {sales_idr:,}".replace(",", "."))
            session.flush()
            return row.version

    def sales(self, event_id: int) -> list[Sale]:
        """Every recorded sale, by period then member."""
        with self.store.transaction() as session:
            period_of = dict(session.execute(
                select(GalleryPeriodRow.id, GalleryPeriodRow.period_id)
                .where(GalleryPeriodRow.event_id == event_id)).all())
            code_of = {pk: code for code, pk in self._applicant_pks(session, event_id).items()}
            found = [Sale(period_of[r.period_pk], code_of[r.applicant_pk], r.sales_idr, r.items,
                          r.note, r.version) for r in session.scalars(
                select(TurnSaleRow).where(TurnSaleRow.event_id == event_id))]
        return sorted(found, key=lambda s: (s.period_id, s.applicant_id))

    # ---- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _applicant_pks(session: Session, event_id: int) -> dict[str, int]:
        """applicant_id -> primary key, for one event."""
        return dict(session.execute(select(ApplicantRow.applicant_id, ApplicantRow.id)
                                    .where(ApplicantRow.event_id == event_id)).all())

    @staticmethod
    def _record(session: Session, event_id: int, user: str, action: str, summary: str) -> None:
        """A history row that cannot be undone from here."""
        session.add(ChangeRow(event_id=event_id, at=_now(), user=user, action=action,
                              summary=summary, details={}, undoable=False))
