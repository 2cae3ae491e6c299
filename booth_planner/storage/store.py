"""The store: every change to an event is one transaction, recorded in the change history.

Booth changes check the state they were made on (a per-booth ``version``), so when two
organizers take the same booth at the same moment exactly one wins and the other is told who
took it. Writes that touch booths record each booth's state before and after, which is what
undo and "restore the state before this allocation" replay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, case, delete, event, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from booth_planner.core.model import (
    Applicant,
    Assignment,
    Booth,
    EventInfo,
    EventState,
    zone_accepts,
)
from booth_planner.core.text import slugify
from booth_planner.lifecycle.holds import Clock, aware
from booth_planner.lifecycle.status import DEFAULT_STATUS, NEVER_PLACED, WAITLISTED, WITHOUT_BOOTHS
from booth_planner.storage.tables import (
    ApplicantRow,
    BoothRow,
    ChangeRow,
    EventRow,
    HallRow,
    RegionAliasRow,
)

# The booth fields a change history entry keeps per booth, enough to put the booth back.
BOOTH_STATE_FIELDS = ("applicant_id", "locked", "status", "zone", "source")
# The applicant fields a lifecycle change keeps per applicant (dates as ISO text).
APPLICANT_STATE_FIELDS = ("status", "status_reason", "status_at", "payment_status", "paid_on",
                          "paid_idr", "sponsor")


class StoreError(Exception):
    """A change the store refused; the message says what and where."""


class NotFoundError(StoreError, KeyError):
    """An event, booth or applicant that does not exist."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class RuleError(StoreError):
    """A change that would break an allocation rule (SPEC section 3)."""


@dataclass
class ConflictError(StoreError):
    """Someone changed a booth after this change was prepared; nothing was written."""

    booth_id: str
    changed_by: str | None = None
    changed_at: datetime | None = None
    current_applicant_id: str | None = None

    def __str__(self) -> str:
        who = self.changed_by or "another organizer"
        return f"booth {self.booth_id} was changed by {who} in the meantime; nothing was written"


@dataclass
class ApplicantConflictError(StoreError):
    """Someone changed an applicant after this change was prepared; nothing was written."""

    applicant_id: str
    changed_by: str | None = None
    changed_at: datetime | None = None

    def __str__(self) -> str:
        who = self.changed_by or "another organizer"
        return (f"applicant {self.applicant_id} was changed by {who} in the meantime; "
                "nothing was written")


@dataclass(frozen=True)
class Change:
    """One entry of an event's change history."""

    id: int
    at: datetime
    user: str
    action: str
    summary: str
    undoable: bool
    undone_by: int | None
    booth_count: int
    details: dict = field(default_factory=dict, repr=False)


LINK_SEPARATOR = "|"
DIRECTORY_ACTION = "event.directory"


def join_links(links: Sequence[str]) -> str | None:
    """An applicant's links as stored: joined by ``|``; None for none."""
    return LINK_SEPARATOR.join(links) or None


def split_links(text: str | None) -> tuple[str, ...]:
    """Stored links back as a tuple."""
    return tuple(p for p in (text or "").split(LINK_SEPARATOR) if p)


def _now() -> datetime:
    return datetime.now(UTC)


# Booth fields a table edit writes; those of them undo cannot put back.
_BOOTH_FIELDS = ("x", "y", "width_m", "depth_m", "zone", "booth_type", "status", "price_idr")
_BEYOND_UNDO = ("x", "y", "width_m", "depth_m", "booth_type", "price_idr")

# An execution option that marks a connection as a reader (see sqlite_pragmas).
READ_ONLY_OPTION = "booth_planner_read_only"


def _reading_engine(engine: Engine) -> Engine:
    """The engine for read-only transactions: one consistent snapshot, never a write lock.

    PostgreSQL's default READ COMMITTED gives each statement its own snapshot, so a page's
    several SELECTs could see half of another session's import; REPEATABLE READ gives the whole
    read one snapshot (read-only, so it never fails to serialize). SQLite readers begin a plain
    deferred transaction, which in WAL mode reads one snapshot without queueing behind writers.
    """
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ",
                                        **{READ_ONLY_OPTION: True})
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def refuse_writes(session: Session, refusal: Callable[[], Exception]) -> None:
    """Make ``session`` raise ``refusal()`` on any INSERT, UPDATE or DELETE (flush or statement)."""

    @event.listens_for(session, "before_flush")
    def _no_flush(session, _context, _instances):  # noqa: ANN001
        if session.new or session.dirty or session.deleted:
            raise refusal()

    @event.listens_for(session, "do_orm_execute")
    def _no_dml(state):  # noqa: ANN001
        if state.is_insert or state.is_update or state.is_delete:
            raise refusal()


def _event_info(row: EventRow) -> EventInfo:
    return EventInfo(
        id=row.id, slug=row.slug, name=row.name, venue=row.venue, city=row.city,
        start_date=row.start_date, end_date=row.end_date, scope=row.scope,
        directory_published=bool(row.directory_published),
        directory_base_url=row.directory_base_url or None,
    )


class Store:
    """All reads and writes of events, booths, applicants, assignments and history."""

    def __init__(self, engine: Engine, clock: Clock | None = None, *, read_only: bool = False):
        self.engine = engine
        # What "now" is for deadlines; tests inject a clock instead of sleeping.
        self.clock: Clock = clock or _now
        # True when the database could only be opened for reading (see open_store): every
        # write is refused by the database itself, and the app says so up front.
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(_reading_engine(engine), expire_on_commit=False)

    # ---- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits as one transaction, or rolls back whole on any error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction that sees one consistent snapshot and never blocks writers."""
        with self._read_sessions() as session, session.begin():
            yield session

    @staticmethod
    def lock_event(session: Session, event_id: int) -> None:
        """Take the event's write lock: one writer per event at a time, the others queue.

        On PostgreSQL (READ COMMITTED) this makes every later statement of the transaction see
        all that earlier writers committed, rows they inserted included, and gives every writer
        the same first lock, so writers of one event never deadlock. SQLite's BEGIN IMMEDIATE
        already serializes writers. FOR NO KEY UPDATE still lets others insert rows that refer
        to the event.
        """
        found = session.scalar(select(EventRow.id).where(EventRow.id == event_id)
                               .with_for_update(key_share=True))
        if found is None:
            raise NotFoundError(f"event {event_id} does not exist")

    def _record(
        self, session: Session, event_id: int, user: str, action: str, summary: str,
        booths: Mapping[str, dict] | None = None, undoable: bool = False, **extra: object,
    ) -> ChangeRow:
        details: dict = dict(extra)
        if booths:
            details["booths"] = dict(booths)
        row = ChangeRow(
            event_id=event_id, at=_now(), user=user, action=action, summary=summary,
            details=details, undoable=undoable,
        )
        session.add(row)
        session.flush()
        return row

    # ---- events ---------------------------------------------------------------------------

    def list_events(self) -> list[EventInfo]:
        """Every event, newest first."""
        with self.read() as session:
            rows = session.scalars(select(EventRow).order_by(EventRow.id.desc()))
            return [_event_info(r) for r in rows]

    def event(self, event_id: int) -> EventInfo:
        """One event; NotFoundError when there is none with that id."""
        with self.read() as session:
            row = session.get(EventRow, event_id)
            if row is None:
                raise NotFoundError(f"event {event_id} does not exist")
            return _event_info(row)

    def create_event(
        self, name: str, *, venue: str = "", city: str = "", start_date: date | None = None,
        end_date: date | None = None, scope: str = "regional", slug: str | None = None,
        user: str = "system",
    ) -> EventInfo:
        """A new, empty event; its slug is made unique by a number when taken."""
        if not name.strip():
            raise StoreError("the event needs a name")
        if start_date and end_date and end_date < start_date:
            raise StoreError("the event cannot end before it starts")
        for attempt in range(5):
            try:
                with self.transaction() as session:
                    base = slug or slugify(name)
                    taken = set(session.scalars(
                        select(EventRow.slug).where(EventRow.slug.like(f"{base}%"))))
                    unique, n = base, 2
                    while unique in taken:
                        unique, n = f"{base}-{n}", n + 1
                    row = EventRow(
                        slug=unique, name=name.strip(), venue=venue, city=city,
                        start_date=start_date, end_date=end_date, scope=scope, created_at=_now(),
                    )
                    session.add(row)
                    session.flush()
                    self._record(session, row.id, user, "event.create", name)
                    return _event_info(row)
            except IntegrityError:
                # Another session took the same slug between our read and our insert.
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def delete_event(self, event_id: int) -> None:
        """Remove an event and everything in it."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            session.execute(update(BoothRow).where(BoothRow.event_id == event_id)
                            .values(applicant_pk=None, locked=False))
            for table in (ChangeRow, RegionAliasRow, BoothRow, ApplicantRow, HallRow):
                session.execute(delete(table).where(table.event_id == event_id))
            session.execute(delete(EventRow).where(EventRow.id == event_id))

    def published_events(self) -> list[EventInfo]:
        """The events whose visitor directory an organizer has published, newest first."""
        with self.read() as session:
            rows = session.scalars(select(EventRow).where(EventRow.directory_published.is_(True))
                                   .order_by(EventRow.id.desc()))
            return [_event_info(r) for r in rows]

    def set_directory(
        self, event_id: int, *, published: bool, base_url: str | None, user: str,
        expected: tuple[bool, str | None] | None = None,
    ) -> EventInfo:
        """Publish or unpublish the event's visitor directory and set where it is published.

        ``expected`` is the (published, base_url) pair the organizer saw: when another organizer
        changed either in the meantime, nothing is written and the StoreError says who. The
        caller checks the address (``directory.profile.normalise_base_url``).
        """
        with self.transaction() as session:
            self.lock_event(session, event_id)
            row = session.get(EventRow, event_id)
            before = (bool(row.directory_published), row.directory_base_url or None)
            if expected is not None and tuple(expected) != before:
                last = session.scalar(
                    select(ChangeRow).where(ChangeRow.event_id == event_id,
                                            ChangeRow.action == DIRECTORY_ACTION)
                    .order_by(ChangeRow.id.desc()).limit(1))
                who = last.user if last else "another organizer"
                raise StoreError(f"{who} changed the directory settings in the meantime; "
                                 "nothing was written")
            after = (bool(published), base_url or None)
            if after != before:
                row.directory_published, row.directory_base_url = after
                self._record(session, event_id, user, DIRECTORY_ACTION,
                             ("published" if after[0] else "unpublished")
                             + (f" · {after[1]}" if after[1] else ""),
                             published=after[0], base_url=after[1],
                             published_before=before[0], base_url_before=before[1])
            session.flush()
            return _event_info(row)

    # ---- reading an event's state ------------------------------------------------------

    def state(self, event_id: int) -> EventState:
        """Everything about one event, read in one transaction so it is consistent."""
        return self.snapshot(event_id)[0]

    def snapshot(self, event_id: int) -> tuple[EventState, dict[str, int]]:
        """The event's state and each booth's version, read together from one snapshot.

        A page that lets an organizer change booths passes these versions back as
        ``expected_versions``: reading them separately could pair an old state with new versions.
        """
        with self.read() as session:
            event_row = session.get(EventRow, event_id)
            if event_row is None:
                raise NotFoundError(f"event {event_id} does not exist")
            halls = session.execute(
                select(HallRow.id, HallRow.name).where(HallRow.event_id == event_id)
                .order_by(HallRow.position, HallRow.id)
            ).all()
            hall_name = dict(halls)
            applicant_rows = session.scalars(
                select(ApplicantRow).where(ApplicantRow.event_id == event_id)
                .order_by(ApplicantRow.position, ApplicantRow.id)
            ).all()
            code_of = {a.id: a.applicant_id for a in applicant_rows}
            booth_rows = session.scalars(
                select(BoothRow).where(BoothRow.event_id == event_id).order_by(BoothRow.id)
            ).all()
        booths, assignments = [], []
        locks: dict[int, list[str]] = {}
        versions = {b.booth_id: b.version for b in booth_rows}
        for b in booth_rows:
            booths.append(Booth(
                booth_id=b.booth_id, hall=hall_name[b.hall_id], x=b.x, y=b.y,
                width_m=b.width_m, depth_m=b.depth_m, zone=b.zone, booth_type=b.booth_type,
                status=b.status, price_idr=b.price_idr,
            ))
            if b.applicant_pk is not None:
                assignments.append(Assignment(
                    booth_id=b.booth_id, applicant_id=code_of[b.applicant_pk],
                    locked=b.locked, source=b.assignment_source or "manual",
                ))
                if b.locked:
                    locks.setdefault(b.applicant_pk, []).append(b.booth_id)
        applicants = tuple(
            Applicant(
                applicant_id=a.applicant_id, name=a.name, region_code=a.region_code,
                category=a.category, product=a.product, booths_requested=a.booths_requested,
                priority=a.priority, locked_booth_ids=tuple(locks.get(a.id, ())),
                whatsapp=a.whatsapp or None, links=split_links(a.links),
                description=a.description or None,
                # Accepted reads as None, the way applicants from before the lifecycle were.
                status=None if a.status == DEFAULT_STATUS else a.status,
            )
            for a in applicant_rows
        )
        return EventState(
            event=_event_info(event_row), booths=tuple(booths), applicants=applicants,
            assignments=tuple(assignments), halls=tuple(name for _, name in halls),
        ), versions

    def booth_versions(self, event_id: int) -> dict[str, int]:
        """Each booth's current version: what a change prepared now should expect."""
        with self.read() as session:
            rows = session.execute(
                select(BoothRow.booth_id, BoothRow.version).where(BoothRow.event_id == event_id)
            )
            return dict(rows.all())

    def counts(self, event_id: int) -> dict[str, int]:
        """Key figures in a few aggregate queries: booths by status and assignment, applicants."""
        with self.read() as session:
            booths = session.execute(
                select(
                    func.count(),
                    func.count(BoothRow.applicant_pk),
                    func.coalesce(func.sum(case((BoothRow.status == "blocked", 1), else_=0)), 0),
                ).where(BoothRow.event_id == event_id)
            ).one()
            applicants = session.scalar(
                select(func.count()).where(ApplicantRow.event_id == event_id)
            )
        total, assigned, blocked = booths
        return {
            "booths": total, "assigned": assigned, "blocked": int(blocked),
            "free": total - assigned - int(blocked), "applicants": applicants,
        }

    def latest_change_id(self, event_id: int) -> int:
        """The id of the event's newest history entry (0 for none): a cheap "anything new?"."""
        with self.read() as session:
            return session.scalar(select(func.coalesce(func.max(ChangeRow.id), 0))
                                  .where(ChangeRow.event_id == event_id)) or 0

    def event_version(self, event_id: int) -> tuple[int, str]:
        """What changes whenever the event does: its newest history entry's id and time.

        Every write records a history entry, so a cached reading of the event keyed on this is
        current; the time tells apart an entry id reused after an event was deleted and remade.
        """
        with self.read() as session:
            row = session.execute(
                select(ChangeRow.id, ChangeRow.at).where(ChangeRow.event_id == event_id)
                .order_by(ChangeRow.id.desc()).limit(1)
            ).first()
        return (0, "") if row is None else (row[0], row[1].isoformat())

    # ---- booths and halls -----------------------------------------------------------------

    def _hall_ids(self, session: Session, event_id: int, names: Iterable[str]) -> dict[str, int]:
        existing = dict(session.execute(
            select(HallRow.name, HallRow.id).where(HallRow.event_id == event_id)
        ).all())
        position = len(existing)
        for name in names:
            if name not in existing:
                row = HallRow(event_id=event_id, name=name, position=position)
                position += 1
                session.add(row)
                session.flush()
                existing[name] = row.id
        return existing

    def _booth_rows(self, session: Session, event_id: int, booth_ids: Iterable[str],
                    for_update: bool = True) -> dict[str, BoothRow]:
        wanted = list(dict.fromkeys(booth_ids))
        query = select(BoothRow).where(BoothRow.event_id == event_id,
                                       BoothRow.booth_id.in_(wanted)).order_by(BoothRow.id)
        if for_update:
            query = query.with_for_update()
        rows = {r.booth_id: r for r in session.scalars(query)}
        missing = [b for b in wanted if b not in rows]
        if missing:
            raise NotFoundError(f"booth {', '.join(missing)} does not exist in this event")
        return rows

    def save_booths(
        self, event_id: int, booths: Sequence[Booth], *, user: str = "system",
        replace: bool = False, action: str = "booths.save",
    ) -> dict[str, int]:
        """Add or update booths by booth_id; with ``replace``, remove the event's other booths.

        Returns counts of added, updated and removed booths. Removing or blocking a booth that
        holds an applicant is refused: the caller asks the organizer and unassigns first.
        """
        ids = [b.booth_id for b in booths]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise StoreError(f"booth id used twice: {', '.join(dupes)}")
        with self.transaction() as session:
            self.lock_event(session, event_id)
            hall_ids = self._hall_ids(session, event_id, dict.fromkeys(b.hall for b in booths))
            current = {r.booth_id: r for r in session.scalars(
                select(BoothRow).where(BoothRow.event_id == event_id).order_by(BoothRow.id)
                .with_for_update()
            )}
            added = updated = removed = 0
            now = _now()
            for booth in booths:
                values = dict(
                    hall_id=hall_ids[booth.hall], x=booth.x, y=booth.y, width_m=booth.width_m,
                    depth_m=booth.depth_m, zone=booth.zone or None, booth_type=booth.booth_type,
                    status=booth.status, price_idr=booth.price_idr,
                )
                row = current.get(booth.booth_id)
                if row is None:
                    session.add(BoothRow(event_id=event_id, booth_id=booth.booth_id, version=1,
                                         updated_at=now, updated_by=user, **values))
                    added += 1
                elif any(getattr(row, k) != v for k, v in values.items()):
                    if booth.status == "blocked" and row.applicant_pk is not None:
                        raise RuleError(f"booth {booth.booth_id} holds an applicant; unassign it "
                                        "before blocking it")
                    for k, v in values.items():
                        setattr(row, k, v)
                    row.version += 1
                    row.updated_at, row.updated_by = now, user
                    updated += 1
            if replace:
                keep = set(ids)
                doomed = [r for bid, r in current.items() if bid not in keep]
                held = sorted(r.booth_id for r in doomed if r.applicant_pk is not None)
                if held:
                    raise RuleError(f"booths that hold applicants would be removed: {', '.join(held)}")
                for r in doomed:
                    session.delete(r)
                removed = len(doomed)
            session.flush()
            self._record(session, event_id, user, action,
                         f"{added} added, {updated} updated, {removed} removed",
                         added=added, updated=updated, removed=removed)
        return {"added": added, "updated": updated, "removed": removed}

    def delete_booths(self, event_id: int, booth_ids: Sequence[str], *, user: str) -> int:
        """Remove booths; those holding an applicant are refused (unassign first)."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            rows = self._booth_rows(session, event_id, booth_ids)
            held = sorted(b for b, r in rows.items() if r.applicant_pk is not None)
            if held:
                raise RuleError(f"booths that hold applicants cannot be removed: {', '.join(held)}")
            for r in rows.values():
                session.delete(r)
            self._record(session, event_id, user, "booths.delete",
                         ", ".join(sorted(rows)), booth_ids=sorted(rows))
            return len(rows)

    # ---- booth-table edits ----------------------------------------------------------------

    def edit_booths(
        self, event_id: int, changed: Sequence[Booth], removed: Sequence[str] = (), *,
        user: str, expected_versions: Mapping[str, int] | None = None,
    ) -> Change:
        """Apply a booth-table edit (booths added or changed, ids removed) in ONE transaction.

        Booths it blocks or removes are freed first (the organizer has confirmed), so nothing is
        half-done and the history entry lists every booth whose holder changed.
        ``expected_versions`` are the booth versions the organizer saw; a booth changed (or
        removed) since raises ConflictError and nothing is written.
        """
        with self.transaction() as session:
            self.lock_event(session, event_id)
            hall_ids = self._hall_ids(session, event_id, dict.fromkeys(b.hall for b in changed))
            rows = {r.booth_id: r for r in session.scalars(
                select(BoothRow).where(BoothRow.event_id == event_id).with_for_update()
            )}
            code_of = self._applicant_codes(session, event_id)
            categories = dict(session.execute(
                select(ApplicantRow.id, ApplicantRow.category).where(ApplicantRow.event_id == event_id)
            ).all())
            self._check_versions(rows, expected_versions, code_of)
            vanished = sorted(b for b in expected_versions or {} if b not in rows)
            if vanished:  # removed by someone else since the organizer's table was read
                raise ConflictError(vanished[0])
            missing = sorted(b for b in removed if b not in rows)
            if missing:
                raise StoreError(f"booth {', '.join(missing)} does not exist in this event")
            freed: dict[str, dict] = {}
            added = updated = 0
            beyond_undo = False  # a field undo cannot put back (position, size, type, price)
            now = _now()
            for booth in changed:
                row = rows.get(booth.booth_id)
                values = {name: getattr(booth, name) for name in _BOOTH_FIELDS}
                values["zone"] = values["zone"] or None
                if row is None:
                    session.add(BoothRow(event_id=event_id, booth_id=booth.booth_id,
                                         hall_id=hall_ids[booth.hall], version=1, updated_at=now,
                                         updated_by=user,
                                         **values))
                    added += 1
                    continue
                before = self._booth_state(row, code_of)
                if (booth.status != "blocked" and row.applicant_pk is not None
                        and not booth.accepts(categories[row.applicant_pk])):
                    raise RuleError(f"booth {booth.booth_id} would be zoned for {booth.zone}; its "
                                    f"applicant {code_of[row.applicant_pk]} is "
                                    f"{categories[row.applicant_pk]}")
                if booth.status == "blocked" and row.applicant_pk is not None:
                    self._set_assignment(row, None, False, None, user)
                beyond_undo |= row.hall_id != hall_ids[booth.hall] or any(
                    getattr(row, name) != values[name] for name in _BEYOND_UNDO)
                row.hall_id = hall_ids[booth.hall]
                for name, value in values.items():
                    setattr(row, name, value)
                row.version += 1
                row.updated_at, row.updated_by = now, user
                after = self._booth_state(row, code_of)
                if after != before:
                    freed[booth.booth_id] = {"before": before, "after": after}
                updated += 1
            removed_held = []
            for booth_id in removed:
                row = rows[booth_id]
                if row.applicant_pk is not None:
                    removed_held.append(f"{booth_id} ({code_of.get(row.applicant_pk)})")
                session.delete(row)
            try:
                session.flush()
            except IntegrityError as error:
                raise RuleError(f"the database refused the change: {error.orig}") from error
            summary = f"{added} added, {updated} updated, {len(removed)} removed"
            # Undo puts back holders, status and zone only: an edit that also removed, added, moved,
            # resized or repriced booths could not be put back whole, so it is not offered for undo.
            change = self._record(
                session, event_id, user, "booths.edit", summary, booths=freed,
                undoable=bool(freed) and not (removed or beyond_undo or added), added=added,
                updated=updated, removed=len(removed), removed_booths=list(removed),
                freed_by_removal=removed_held,
            )
            return self._change(change)

    # ---- applicants -----------------------------------------------------------------------

    def save_applicants(
        self, event_id: int, applicants: Sequence[Applicant], *, user: str = "system",
        replace: bool = False, action: str = "applicants.save",
    ) -> dict[str, int]:
        """Add or update applicants by applicant_id; their locks become locked assignments.

        With ``replace``, applicants not in ``applicants`` are removed, and the booths they held
        become free. A lock on a booth that is missing, blocked or taken is refused.
        """
        ids = [a.applicant_id for a in applicants]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise StoreError(f"applicant id used twice: {', '.join(dupes)}")
        with self.transaction() as session:
            self.lock_event(session, event_id)
            current = {r.applicant_id: r for r in session.scalars(
                select(ApplicantRow).where(ApplicantRow.event_id == event_id).with_for_update()
            )}
            position = max((r.position for r in current.values()), default=-1) + 1
            added = updated = removed = 0
            rows_by_id: dict[str, ApplicantRow] = {}
            for applicant in applicants:
                values = dict(
                    name=applicant.name, region_code=applicant.region_code,
                    category=applicant.category, product=applicant.product or None,
                    booths_requested=applicant.booths_requested, priority=applicant.priority,
                    whatsapp=applicant.whatsapp or None, links=join_links(applicant.links),
                    description=applicant.description or None,
                )
                if applicant.status is not None:  # a file without a status keeps the one recorded
                    values["status"] = applicant.status
                row = current.get(applicant.applicant_id)
                if row is None:
                    row = ApplicantRow(event_id=event_id, applicant_id=applicant.applicant_id,
                                       position=position, version=1, status_at=_now(),
                                       updated_at=_now(), updated_by=user, **values)
                    position += 1
                    session.add(row)
                    added += 1
                elif any(getattr(row, k) != v for k, v in values.items()):
                    if values.get("status", row.status) != row.status:
                        row.status_at = _now()
                    for k, v in values.items():
                        setattr(row, k, v)
                    row.version += 1
                    row.updated_at, row.updated_by = _now(), user
                    updated += 1
                rows_by_id[applicant.applicant_id] = row
            removed_booths: dict[str, dict] = {}
            if replace:
                doomed = [r for aid, r in current.items() if aid not in rows_by_id]
                if doomed:
                    doomed_pks = [r.id for r in doomed]
                    held = session.scalars(select(BoothRow).where(
                        BoothRow.event_id == event_id, BoothRow.applicant_pk.in_(doomed_pks)
                    ).with_for_update()).all()
                    code_of = {r.id: r.applicant_id for r in doomed}
                    for b in held:
                        before = self._booth_state(b, code_of)
                        self._set_assignment(b, None, False, None, user)
                        removed_booths[b.booth_id] = {"before": before,
                                                      "after": self._booth_state(b, {})}
                    session.flush()
                    for r in doomed:
                        session.delete(r)
                removed = len(doomed)
            session.flush()
            unplaced = self._free_unplaceable(session, event_id, rows_by_id.values(), user)
            locked = self._apply_locks(session, event_id, applicants, rows_by_id, user)
            self._record(session, event_id, user, action,
                         f"{added} added, {updated} updated, {removed} removed",
                         booths={**removed_booths, **unplaced, **locked}, added=added,
                         updated=updated, removed=removed)
        return {"added": added, "updated": updated, "removed": removed}

    def _free_unplaceable(self, session: Session, event_id: int, rows: Iterable[ApplicantRow],
                          user: str) -> dict[str, dict]:
        """Free the booths of applicants whose status holds none (waitlisted, declined...)."""
        code_of = {r.id: r.applicant_id for r in rows if r.status in WITHOUT_BOOTHS}
        if not code_of:
            return {}
        freed: dict[str, dict] = {}
        for b in session.scalars(select(BoothRow).where(
                BoothRow.event_id == event_id, BoothRow.applicant_pk.in_(list(code_of)))
                .with_for_update()):
            before = self._booth_state(b, code_of)
            self._set_assignment(b, None, False, None, user)
            freed[b.booth_id] = {"before": before, "after": self._booth_state(b, {})}
        session.flush()
        return freed

    def _apply_locks(self, session: Session, event_id: int, applicants: Sequence[Applicant],
                     rows_by_id: Mapping[str, ApplicantRow], user: str) -> dict[str, dict]:
        wanted = {b: a for a in applicants for b in a.locked_booth_ids}
        if not wanted:
            return {}
        rows = self._booth_rows(session, event_id, wanted)
        code_of = {r.id: r.applicant_id for r in rows_by_id.values()}
        changes: dict[str, dict] = {}
        for booth_id, applicant in wanted.items():
            row, target = rows[booth_id], rows_by_id[applicant.applicant_id]
            if target.status in WITHOUT_BOOTHS:
                raise RuleError(f"applicant {applicant.applicant_id} is locked to booth {booth_id} "
                                f"but its status {target.status} holds no booth")
            if row.status == "blocked":
                raise RuleError(f"applicant {applicant.applicant_id} is locked to booth {booth_id}, "
                                "which is blocked")
            if row.applicant_pk not in (None, target.id):
                raise RuleError(f"applicant {applicant.applicant_id} is locked to booth {booth_id}, "
                                "which holds another applicant")
            if row.zone and row.zone.casefold() != applicant.category.strip().casefold():
                raise RuleError(f"applicant {applicant.applicant_id} ({applicant.category}) is "
                                f"locked to booth {booth_id}, zoned for {row.zone}")
            if row.applicant_pk == target.id and row.locked:
                continue
            before = self._booth_state(row, code_of)
            self._set_assignment(row, target.id, True, "import", user)
            changes[booth_id] = {"before": before, "after": self._booth_state(row, code_of)}
        return changes

    def delete_applicants(self, event_id: int, applicant_ids: Sequence[str], *, user: str) -> int:
        """Remove applicants; the booths they held become free."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            rows = session.scalars(select(ApplicantRow).where(
                ApplicantRow.event_id == event_id, ApplicantRow.applicant_id.in_(applicant_ids)
            ).with_for_update()).all()
            missing = set(applicant_ids) - {r.applicant_id for r in rows}
            if missing:
                raise NotFoundError(f"applicant {', '.join(sorted(missing))} does not exist")
            code_of = {r.id: r.applicant_id for r in rows}
            freed: dict[str, dict] = {}
            for b in session.scalars(select(BoothRow).where(
                BoothRow.event_id == event_id, BoothRow.applicant_pk.in_(list(code_of))
            ).with_for_update()):
                before = self._booth_state(b, code_of)
                self._set_assignment(b, None, False, None, user)
                freed[b.booth_id] = {"before": before, "after": self._booth_state(b, {})}
            session.flush()
            for r in rows:
                session.delete(r)
            self._record(session, event_id, user, "applicants.delete",
                         ", ".join(sorted(code_of.values())), booths=freed)
            return len(rows)

    # ---- region aliases -------------------------------------------------------------------

    def region_aliases(self, event_id: int) -> dict[str, str]:
        """The names this event's organizers taught the importer, alias -> region code."""
        with self.read() as session:
            return dict(session.execute(
                select(RegionAliasRow.alias, RegionAliasRow.region_code)
                .where(RegionAliasRow.event_id == event_id)
            ).all())

    def remember_region_alias(self, event_id: int, alias: str, region_code: str, *,
                              user: str) -> None:
        """Remember that ``alias`` means ``region_code`` in this event's imports."""
        with self.transaction() as session:
            self.lock_event(session, event_id)
            session.merge(RegionAliasRow(event_id=event_id, alias=alias, region_code=region_code))
            self._record(session, event_id, user, "alias.save", f"{alias} = {region_code}")

    # ---- assignments ----------------------------------------------------------------------

    @staticmethod
    def _booth_state(row: BoothRow, code_of: Mapping[int, str]) -> dict:
        return {
            "applicant_id": code_of.get(row.applicant_pk) if row.applicant_pk else None,
            "locked": bool(row.locked), "status": row.status, "zone": row.zone,
            "source": row.assignment_source,
        }

    @staticmethod
    def _set_assignment(row: BoothRow, applicant_pk: int | None, locked: bool,
                        source: str | None, user: str) -> None:
        row.applicant_pk = applicant_pk
        row.locked = locked and applicant_pk is not None
        row.assignment_source = source if applicant_pk is not None else None
        row.version += 1
        row.updated_at, row.updated_by = _now(), user

    def _applicant_codes(self, session: Session, event_id: int) -> dict[int, str]:
        return dict(session.execute(
            select(ApplicantRow.id, ApplicantRow.applicant_id)
            .where(ApplicantRow.event_id == event_id)
        ).all())

    def _check_versions(self, rows: Mapping[str, BoothRow], expected: Mapping[str, int] | None,
                        code_of: Mapping[int, str]) -> None:
        for booth_id, version in (expected or {}).items():
            row = rows.get(booth_id)
            if row is not None and row.version != version:
                raise ConflictError(booth_id, row.updated_by, row.updated_at,
                                    code_of.get(row.applicant_pk) if row.applicant_pk else None)

    def change_booths(
        self, event_id: int, new_states: Mapping[str, Mapping[str, object]], *, user: str,
        action: str, summary: str = "", expected_versions: Mapping[str, int] | None = None,
        **details: object,
    ) -> Change:
        """Set booths' assignment, lock, status or zone in one transaction, checking the rules.

        ``new_states`` maps booth_id to the fields that change (``applicant_id``, ``locked``,
        ``status``, ``zone``, ``source``). ``expected_versions`` are the versions the organizer
        saw: a booth changed since raises ConflictError and nothing is written.
        """
        with self.transaction() as session:
            self.lock_event(session, event_id)
            return self._change_booths(session, event_id, new_states, user=user, action=action,
                                       summary=summary, expected_versions=expected_versions,
                                       **details)

    def _change_booths(
        self, session: Session, event_id: int, new_states: Mapping[str, Mapping[str, object]],
        *, user: str, action: str, summary: str = "",
        expected_versions: Mapping[str, int] | None = None, must_be_free: Iterable[str] = (),
        allow_extra: bool = False, undoable: bool = True, **details: object,
    ) -> Change:
        """change_booths inside the caller's transaction (which holds the event lock).

        A booth in ``must_be_free`` that holds an applicant raises ConflictError: checked under
        the row lock, so of two organizers taking the same free booth exactly one wins.
        """
        rows = self._booth_rows(session, event_id, new_states)
        # Only the applicants this change involves: a one-booth change stays one small read
        # however many applicants the event has.
        holders = {r.applicant_pk for r in rows.values() if r.applicant_pk is not None}
        wanted = {f["applicant_id"] for f in new_states.values() if f.get("applicant_id")}
        involved = session.execute(
            select(ApplicantRow.id, ApplicantRow.applicant_id, ApplicantRow.category,
                   ApplicantRow.status).where(
                ApplicantRow.event_id == event_id,
                ApplicantRow.id.in_(holders) | ApplicantRow.applicant_id.in_(wanted))
        ).all()
        code_of = {pk: code for pk, code, _, _ in involved}
        categories = {pk: category for pk, _, category, _ in involved}
        statuses = {pk: status for pk, _, _, status in involved}
        self._check_versions(rows, expected_versions, code_of)
        for booth_id in must_be_free:
            row = rows[booth_id]
            if row.applicant_pk is not None:
                raise ConflictError(booth_id, row.updated_by, row.updated_at,
                                    code_of.get(row.applicant_pk))
        pk_of = {code: pk for pk, code in code_of.items()}
        booths: dict[str, dict] = {}
        for booth_id, fields in new_states.items():
            row = rows[booth_id]
            before = self._booth_state(row, code_of)
            after = {**before, **fields}
            if after == before:
                continue
            if "applicant_id" in fields and fields["applicant_id"] not in (None, ""):
                if fields["applicant_id"] not in pk_of:
                    raise NotFoundError(f"applicant {fields['applicant_id']} does not exist")
                target = pk_of[fields["applicant_id"]]
            else:
                target = None if "applicant_id" in fields else row.applicant_pk
            status, zone = after["status"], after["zone"] or None
            if status not in ("available", "blocked"):
                raise RuleError(f"booth {booth_id}: status must be available or blocked")
            if target is not None and status == "blocked":
                raise RuleError(f"booth {booth_id} is blocked and cannot hold an applicant")
            if (target is not None and target != row.applicant_pk
                    and statuses[target] in NEVER_PLACED):
                raise RuleError(f"applicant {code_of[target]} is {statuses[target]} and cannot "
                                f"be given booth {booth_id}")
            if target is not None and not zone_accepts(zone, categories[target]):
                raise RuleError(f"booth {booth_id} is zoned for {zone}; applicant "
                                f"{code_of[target]} is {categories[target]}")
            row.status, row.zone = status, zone
            changed_holder = target != row.applicant_pk
            self._set_assignment(
                row, target, bool(after["locked"]),
                (after.get("source") if not changed_holder else fields.get("source"))
                or "manual", user,
            )
            booths[booth_id] = {"before": before, "after": self._booth_state(row, code_of)}
        try:
            session.flush()
        except IntegrityError as error:  # the database's own rules: a last line of defence
            raise RuleError(f"the database refused the change: {error.orig}") from error
        if not allow_extra:  # an organizer's confirmed extra booth passes; nothing else does
            self._check_requested(session, event_id, booths, pk_of)
        undoes, redoes = details.get("undoes"), details.get("redoes")
        change = self._record(session, event_id, user, action, summary, booths=booths,
                              undoable=undoable and bool(booths or details.get("applicants"))
                              and undoes is None and redoes is None,
                              **details)
        if undoes is not None:
            session.execute(update(ChangeRow).where(ChangeRow.id == undoes)
                            .values(undone_by=change.id))
        if redoes is not None:
            # The undo is taken back, and the change it undid is in force (and undoable) again.
            session.execute(update(ChangeRow).where(ChangeRow.id == redoes)
                            .values(undone_by=change.id))
            session.execute(update(ChangeRow).where(ChangeRow.undone_by == redoes)
                            .values(undone_by=None))
        return self._change(change)

    @staticmethod
    def _check_requested(session: Session, event_id: int, booths: Mapping[str, dict],
                         pk_of: Mapping[str, int]) -> None:
        """Refuse a change that leaves an applicant it gives booths to with more than it asked.

        Counted in the database after the change, under the event's write lock: a view drawn
        before another organizer's change cannot hand out an extra booth (the booth versions
        cover only the booths the view touched, not the applicant's other booths).
        """
        gaining = {change["after"]["applicant_id"] for change in booths.values()
                   if change["after"]["applicant_id"] not in (None, change["before"]
                                                                   ["applicant_id"])}
        if not gaining:
            return
        rows = session.execute(
            select(ApplicantRow.applicant_id, ApplicantRow.booths_requested,
                   func.count(BoothRow.id))
            .join(BoothRow, (BoothRow.event_id == ApplicantRow.event_id)
                  & (BoothRow.applicant_pk == ApplicantRow.id))
            .where(ApplicantRow.event_id == event_id,
                   ApplicantRow.id.in_([pk_of[code] for code in gaining]))
            .group_by(ApplicantRow.applicant_id, ApplicantRow.booths_requested)
        ).all()
        for code, requested, held in rows:
            if held > requested:
                raise RuleError(f"applicant {code} asked for {requested} booth(s) and would "
                                f"hold {held}; someone may have given it a booth in the "
                                "meantime. Nothing was written")

    def assign(self, event_id: int, booth_id: str, applicant_id: str, *, user: str,
               expected_version: int | None = None, locked: bool = False,
               allow_extra: bool = False) -> Change:
        """Give a free booth to an applicant; a booth someone else just took is a conflict.

        More booths than the applicant asked for are refused unless ``allow_extra`` (the
        organizer confirmed the extra booth).

        With ``expected_version`` (the version the organizer saw) a held booth may be given to
        someone else on purpose; without it the booth must be free when the change lands.
        """
        versions = {booth_id: expected_version} if expected_version is not None else None
        with self.transaction() as session:
            self.lock_event(session, event_id)
            return self._change_booths(
                session, event_id, {booth_id: {"applicant_id": applicant_id, "locked": locked,
                                               "source": "manual"}},
                user=user, action="booth.assign", summary=f"{booth_id} → {applicant_id}",
                expected_versions=versions,
                must_be_free=(booth_id,) if expected_version is None else (),
                allow_extra=allow_extra,
            )

    def unassign(self, event_id: int, booth_id: str, *, user: str,
                 expected_version: int | None = None) -> Change:
        """Free a booth."""
        versions = {booth_id: expected_version} if expected_version is not None else None
        return self.change_booths(
            event_id, {booth_id: {"applicant_id": None, "locked": False}}, user=user,
            action="booth.unassign", summary=booth_id, expected_versions=versions,
        )

    def move(self, event_id: int, from_booth: str, to_booth: str, *, user: str,
             expected_versions: Mapping[str, int] | None = None) -> Change:
        """Move an applicant from one booth to a free one, keeping its lock."""
        state, seen = self._states(event_id, [from_booth, to_booth], with_versions=True)
        holder = state[from_booth]["applicant_id"]
        if holder is None:
            raise RuleError(f"booth {from_booth} is free; there is nothing to move")
        if state[to_booth]["applicant_id"] is not None:
            raise RuleError(f"booth {to_booth} already holds {state[to_booth]['applicant_id']}; "
                            "swap the two booths instead")
        # Without the caller's versions, the ones just read guard the check above: a booth
        # taken in between is a conflict, not a silent overwrite.
        return self.change_booths(
            event_id,
            {from_booth: {"applicant_id": None, "locked": False},
             to_booth: {"applicant_id": holder, "locked": state[from_booth]["locked"],
                        "source": "manual"}},
            user=user, action="booth.move", summary=f"{holder}: {from_booth} → {to_booth}",
            expected_versions=expected_versions or seen,
        )

    def swap(self, event_id: int, booth_a: str, booth_b: str, *, user: str,
             expected_versions: Mapping[str, int] | None = None) -> Change:
        """Exchange the applicants (and locks) of two booths."""
        state, seen = self._states(event_id, [booth_a, booth_b], with_versions=True)
        a, b = state[booth_a], state[booth_b]
        return self.change_booths(
            event_id,
            {booth_a: {"applicant_id": b["applicant_id"], "locked": b["locked"],
                       "source": "manual"},
             booth_b: {"applicant_id": a["applicant_id"], "locked": a["locked"],
                       "source": "manual"}},
            user=user, action="booth.swap", summary=f"{booth_a} ⇄ {booth_b}",
            expected_versions=expected_versions or seen,
        )

    def set_locked(self, event_id: int, booth_ids: Sequence[str], locked: bool, *,
                   user: str, expected_versions: Mapping[str, int] | None = None) -> Change:
        """Lock or unlock assigned booths (free booths are skipped).

        ``expected_versions`` are the versions the organizer saw (extra booths are ignored).
        """
        state, seen = self._states(event_id, booth_ids, with_versions=True)
        changes = {b: {"locked": locked} for b, s in state.items() if s["applicant_id"]}
        if expected_versions is not None:
            seen = expected_versions
        return self.change_booths(event_id, changes, user=user,
                                  action="booth.lock" if locked else "booth.unlock",
                                  summary=", ".join(sorted(changes)),
                                  expected_versions={b: seen[b] for b in changes if b in seen})

    def set_status(self, event_id: int, booth_ids: Sequence[str], status: str, *,
                   user: str, expected_versions: Mapping[str, int] | None = None,
                   free_holders: bool = False) -> Change:
        """Block or unblock booths, if they are as the organizer saw them.

        Blocking a booth that holds an applicant is refused, unless ``free_holders`` (the
        organizer confirmed): then the booth is freed and blocked in the same change.
        """
        held = set()
        if free_holders and status == "blocked":
            held = {b for b, s in self._states(event_id, booth_ids).items() if s["applicant_id"]}
        return self.change_booths(
            event_id,
            {b: {"applicant_id": None, "locked": False, "status": status} if b in held
             else {"status": status} for b in booth_ids},
            user=user, action=f"booth.{status}", summary=", ".join(sorted(booth_ids)),
            expected_versions=expected_versions)

    def set_zone(self, event_id: int, booth_ids: Sequence[str], zone: str | None, *,
                 user: str, expected_versions: Mapping[str, int] | None = None) -> Change:
        """Zone booths for one category (or clear the zone with None)."""
        return self.change_booths(event_id, {b: {"zone": zone or None} for b in booth_ids},
                                  user=user, action="booth.zone",
                                  summary=f"{', '.join(sorted(booth_ids))} → {zone or '-'}",
                                  expected_versions=expected_versions)

    def _states(self, event_id: int, booth_ids: Iterable[str], with_versions: bool = False):
        """Booths' states (and, with ``with_versions``, their versions) from one snapshot."""
        with self.read() as session:
            rows = self._booth_rows(session, event_id, booth_ids, for_update=False)
            code_of = self._applicant_codes(session, event_id)
            states = {b: self._booth_state(r, code_of) for b, r in rows.items()}
            if with_versions:
                return states, {b: r.version for b, r in rows.items()}
            return states

    def apply_allocation(
        self, event_id: int, assignments: Sequence[Assignment], *, user: str,
        keep: Iterable[str] = (), summary: str = "", expected_versions: Mapping[str, int] | None
        = None, waitlist: Mapping[str, str] | None = None, **details: object,
    ) -> Change:
        """Make the event's assignments exactly ``assignments`` plus the booths in ``keep``.

        One transaction: a run of the optimiser lands whole or not at all, and its history entry
        holds every booth it touched, so the state before it can be restored. The current
        assignments are read inside that transaction, so a booth assigned by someone else while
        the optimiser ran is either in ``expected_versions`` (a conflict) or freed knowingly.
        ``waitlist`` (applicant_id -> reason) are the applicants the run could not place: they
        become waitlisted with that reason in the same change.
        """
        target = {a.booth_id: a for a in assignments}
        keep = set(keep)
        with self.transaction() as session:
            self.lock_event(session, event_id)
            if waitlist:
                details["applicants"] = self._waitlist(session, event_id, waitlist, user)
            current = set(session.scalars(select(BoothRow.booth_id).where(
                BoothRow.event_id == event_id, BoothRow.applicant_pk.is_not(None))))
            new_states: dict[str, dict] = {}
            for booth_id in sorted(current | set(target)):
                if booth_id in keep:
                    continue
                wanted = target.get(booth_id)
                if wanted is None:
                    new_states[booth_id] = {"applicant_id": None, "locked": False}
                else:
                    new_states[booth_id] = {"applicant_id": wanted.applicant_id,
                                            "locked": wanted.locked, "source": wanted.source}
            return self._change_booths(session, event_id, new_states, user=user,
                                       action="allocation.apply", summary=summary,
                                       expected_versions=expected_versions, **details)

    # ---- history and undo -----------------------------------------------------------------

    @staticmethod
    def _change(row: ChangeRow) -> Change:
        return Change(
            id=row.id, at=row.at, user=row.user, action=row.action, summary=row.summary,
            undoable=row.undoable, undone_by=row.undone_by,
            booth_count=len((row.details or {}).get("booths", {})), details=row.details or {},
        )

    def history(self, event_id: int, limit: int = 200) -> list[Change]:
        """The event's changes, newest first."""
        with self.read() as session:
            rows = session.scalars(select(ChangeRow).where(ChangeRow.event_id == event_id)
                                   .order_by(ChangeRow.id.desc()).limit(limit))
            return [self._change(r) for r in rows]

    def undo(self, event_id: int, change_id: int | None = None, *, user: str) -> Change:
        """Put back the booths of one change (the latest undoable one by default).

        Refused when a booth has changed since (someone built on it): undo those later changes
        first. Restoring the state before an automatic allocation is ``undo(its id)``.
        """
        with self.read() as session:
            # Roster changes of a gallery are undone by the gallery store (storage/gallery.py).
            query = select(ChangeRow).where(ChangeRow.event_id == event_id,
                                            ChangeRow.undoable.is_(True),
                                            ChangeRow.undone_by.is_(None),
                                            ChangeRow.action.notlike("roster.%"))
            if change_id is not None:
                query = query.where(ChangeRow.id == change_id)
            row = session.scalar(query.order_by(ChangeRow.id.desc()).limit(1))
            if row is None:
                raise NotFoundError("there is no change left to undo" if change_id is None
                                    else f"change {change_id} cannot be undone")
            target = self._change(row)
        return self._put_back(event_id, target, user=user, action="undo",
                              summary=f"#{target.id} {target.action} {target.summary}".strip(),
                              undoes=target.id)


    def redo(self, event_id: int, undo_id: int, *, user: str) -> Change:
        """Take back the undo ``undo_id``: its change is in force again and can be undone again.

        Refused when a booth has changed since the undo, or when the undo was already redone.
        """
        with self.read() as session:
            row = session.scalar(select(ChangeRow).where(
                ChangeRow.event_id == event_id, ChangeRow.id == undo_id,
                ChangeRow.action == "undo", ChangeRow.undone_by.is_(None)))
            if row is None:
                raise NotFoundError(f"change {undo_id} is not an undo that can be redone")
            target = self._change(row)
        return self._put_back(event_id, target, user=user, action="redo",
                              summary=target.summary, redoes=target.id)

    def _put_back(self, event_id: int, target: Change, *, user: str, action: str, summary: str,
                  **link: int) -> Change:
        """Put ``target``'s booths back as they were before it (an undo, or the redo of one).

        The versions read with the "changed since" check make a booth changed since, or a second
        undo of the same change landing in between, a conflict instead of an overwrite.
        """
        booths = target.details.get("booths", {})
        current, seen = self._states(event_id, booths, with_versions=True)
        moved_on = sorted(b for b, s in booths.items() if current[b] != s["after"])
        if moved_on:
            raise StoreError(f"booths changed again since: {', '.join(moved_on)}; undo the later "
                             "changes first")
        before = {b: {k: s["before"][k] for k in BOOTH_STATE_FIELDS} for b, s in booths.items()}
        with self.transaction() as session:
            self.lock_event(session, event_id)
            # Applicants first: a withdrawal's undo makes the applicant accepted again before
            # its booths come back to it.
            applicants = self._restore_applicants(
                session, event_id, target.details.get("applicants", {}), user)
            extra = {"applicants": applicants} if applicants else {}
            return self._change_booths(session, event_id, before, user=user, action=action,
                                       summary=summary, expected_versions=seen, **extra, **link)

    # ---- applicants' lifecycle fields ---------------------------------------------------

    @staticmethod
    def _applicant_state(row: ApplicantRow) -> dict:
        """The applicant's lifecycle fields as JSON-ready values (what undo puts back)."""
        state = {name: getattr(row, name) for name in APPLICANT_STATE_FIELDS}
        if state["status_at"] is not None:  # SQLite hands times back without their zone
            state["status_at"] = aware(state["status_at"]).astimezone(UTC).isoformat()
        if state["paid_on"] is not None:
            state["paid_on"] = state["paid_on"].isoformat()
        return state

    @staticmethod
    def _set_applicant_state(row: ApplicantRow, fields: Mapping[str, object], user: str) -> None:
        """Write lifecycle fields (ISO dates read back), bumping the applicant's version."""
        for name, value in fields.items():
            if name == "status_at" and isinstance(value, str):
                value = datetime.fromisoformat(value)
            elif name == "paid_on" and isinstance(value, str):
                value = date.fromisoformat(value)
            setattr(row, name, value)
        row.version += 1
        row.updated_at, row.updated_by = _now(), user

    def _applicant_rows(self, session: Session, event_id: int, applicant_ids: Iterable[str],
                        ) -> dict[str, ApplicantRow]:
        """The applicants' rows, locked for the change; NotFoundError for a missing one."""
        wanted = list(dict.fromkeys(applicant_ids))
        rows = {r.applicant_id: r for r in session.scalars(
            select(ApplicantRow).where(ApplicantRow.event_id == event_id,
                                       ApplicantRow.applicant_id.in_(wanted))
            .order_by(ApplicantRow.id).with_for_update())}
        missing = [a for a in wanted if a not in rows]
        if missing:
            raise NotFoundError(f"applicant {', '.join(missing)} does not exist in this event")
        return rows

    @staticmethod
    def _check_applicant_versions(rows: Mapping[str, ApplicantRow],
                                  expected: Mapping[str, int] | None) -> None:
        """ApplicantConflictError for the first applicant changed since the organizer looked."""
        for applicant_id, version in sorted((expected or {}).items()):
            row = rows.get(applicant_id)
            if row is not None and row.version != version:
                raise ApplicantConflictError(applicant_id, row.updated_by, row.updated_at)

    def _restore_applicants(self, session: Session, event_id: int,
                            changes: Mapping[str, dict], user: str) -> dict[str, dict]:
        """Put applicants' lifecycle fields back to ``before``, if still as ``after``."""
        if not changes:
            return {}
        rows = self._applicant_rows(session, event_id, changes)
        moved_on = sorted(a for a, c in changes.items()
                          if self._applicant_state(rows[a]) != c["after"])
        if moved_on:
            raise StoreError(f"applicants changed again since: {', '.join(moved_on)}; undo the "
                             "later changes first")
        done = {}
        for applicant_id, change in changes.items():
            row = rows[applicant_id]
            now = self._applicant_state(row)
            self._set_applicant_state(row, change["before"], user)
            done[applicant_id] = {"before": now, "after": self._applicant_state(row)}
        session.flush()
        return done

    def _waitlist(self, session: Session, event_id: int, reasons: Mapping[str, str],
                  user: str) -> dict[str, dict]:
        """Make applicants waitlisted with a reason (the allocation's unplaced); the changes."""
        rows = self._applicant_rows(session, event_id, reasons)
        done = {}
        for applicant_id, reason in reasons.items():
            row = rows[applicant_id]
            before = self._applicant_state(row)
            if row.status == WAITLISTED and row.status_reason == reason:
                continue
            fields = {"status": WAITLISTED, "status_reason": reason}
            if row.status != WAITLISTED:
                fields["status_at"] = self.clock()
            self._set_applicant_state(row, fields, user)
            done[applicant_id] = {"before": before, "after": self._applicant_state(row)}
        session.flush()
        return done


def sqlite_pragmas(engine: Engine) -> None:
    """WAL, foreign keys and a busy timeout on every SQLite connection; writes begin IMMEDIATE.

    BEGIN IMMEDIATE takes the write lock at the start of a transaction, so two writers queue
    instead of one failing half-way with "database is locked" when it upgrades its read lock.
    Read-only transactions (the store's ``_read``) begin DEFERRED: in WAL mode they read a
    snapshot while a writer works, instead of queueing behind it.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):  # noqa: ANN001
        reader = connection.get_execution_options().get(READ_ONLY_OPTION)
        connection.exec_driver_sql("BEGIN" if reader else "BEGIN IMMEDIATE")


def default_sqlite_path() -> Path:
    """Where the app keeps its SQLite file when no database URL is given."""
    return Path.cwd() / "instance" / "booth_planner.sqlite3"
