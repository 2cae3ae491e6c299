"""The dry run of an import: what it would add, change and remove in an event, and what it breaks.

Items match the event's by id ignoring case and spacing; a matched item keeps the event's spelling
of its id, so assignments stay attached. ``merge`` adds and updates; ``replace`` also removes the
event's items the file does not list. The storage refuses to remove or block a booth holding an
applicant, and so does the preview, one step earlier and with the booth named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace

from booth_planner.core.geometry import overlapping_booths
from booth_planner.core.model import Applicant, Assignment, Booth, EventState
from booth_planner.importing.problems import WARNING, Problem, has_errors, problem
from booth_planner.importing.readers import ImportResult, cross_check, normalise_id

KINDS = ("booths", "applicants")
MODES = ("merge", "replace")


@dataclass(frozen=True)
class FieldChange:
    """One field of an item that the import would change."""

    field: str
    old: object
    new: object


@dataclass(frozen=True)
class ItemChange:
    """An item the import would update, with its changed fields."""

    item_id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ImportPreview:
    """What applying an import would do to an event; ``items`` is what would be saved."""

    kind: str
    mode: str
    file: str
    items: tuple[Booth, ...] | tuple[Applicant, ...]
    added: tuple[str, ...]
    changed: tuple[ItemChange, ...]
    removed: tuple[str, ...]
    unchanged: int
    freed_assignments: tuple[Assignment, ...]
    problems: tuple[Problem, ...]
    basis: int = 0  # fingerprint of the event state the preview was made on

    @property
    def ok(self) -> bool:
        """True when the import may be applied (after the organizer has seen the warnings)."""
        return not has_errors(self.problems)

    @property
    def has_effect(self) -> bool:
        """True when applying would change anything at all."""
        return bool(self.added or self.changed or self.removed)


def _id_of(item: Booth | Applicant) -> str:
    """The item's id, whatever its kind."""
    return item.booth_id if isinstance(item, Booth) else item.applicant_id


def _with_id(item: Booth | Applicant, item_id: str) -> Booth | Applicant:
    """The item carrying ``item_id`` (the event's spelling of the same id)."""
    if isinstance(item, Booth):
        return replace(item, booth_id=item_id)
    return replace(item, applicant_id=item_id)


def _comparable(item: Booth | Applicant, name: str) -> object:
    """A field's value as compared: lock lists as sets, since their order means nothing."""
    value = getattr(item, name)
    return tuple(sorted(value)) if name == "locked_booth_ids" else value


def field_changes(old: Booth | Applicant, new: Booth | Applicant) -> tuple[FieldChange, ...]:
    """The fields whose values differ between two versions of one item."""
    return tuple(
        FieldChange(f.name, getattr(old, f.name), getattr(new, f.name))
        for f in fields(old)
        if _comparable(old, f.name) != _comparable(new, f.name)
    )


def preview_import(current: EventState, result: ImportResult, kind: str,
                   mode: str = "merge") -> ImportPreview:
    """The dry run of importing ``result`` into ``current`` in ``mode`` (``merge``/``replace``)."""
    if kind not in KINDS or mode not in MODES:
        raise ValueError(f"unknown import kind {kind!r} or mode {mode!r}")
    existing = current.booths if kind == "booths" else current.applicants
    by_key = {normalise_id(_id_of(item)): item for item in existing}
    items, added, changed, matched = [], [], [], set()
    for item in result.items:
        old = by_key.get(normalise_id(_id_of(item)))
        if old is None:
            items.append(item)
            added.append(_id_of(item))
            continue
        item = _with_id(item, _id_of(old))
        items.append(item)
        matched.add(_id_of(old))
        if differences := field_changes(old, item):
            changed.append(ItemChange(_id_of(old), differences))
    removed = [_id_of(i) for i in existing if _id_of(i) not in matched] if mode == "replace" else []
    after = _state_after(current, kind, mode, items)
    file_rows = {normalise_id(i): row for i, row in result.rows.items()}
    rows = {_id_of(i): file_rows.get(normalise_id(_id_of(i))) for i in items}
    found, freed = _consequences(current, after, kind, result.file, rows, set(removed))
    return ImportPreview(
        kind=kind, mode=mode, file=result.file, items=tuple(items), added=tuple(added),
        changed=tuple(changed), removed=tuple(removed),
        unchanged=len(items) - len(added) - len(changed), freed_assignments=tuple(freed),
        problems=tuple(result.problems) + tuple(found), basis=state_fingerprint(current, kind),
    )


def state_fingerprint(state: EventState, kind: str) -> int:
    """A number that changes when the items of ``kind`` or the assignments change."""
    items = state.booths if kind == "booths" else state.applicants
    return hash((tuple(items), tuple(sorted(state.assignments, key=lambda a: a.booth_id))))


def _state_after(current: EventState, kind: str, mode: str,
                 items: Sequence[Booth | Applicant]) -> EventState:
    """The event as it would be after the import, assignments not yet cleaned up."""
    existing = current.booths if kind == "booths" else current.applicants
    if mode == "replace":
        merged = tuple(items)
    else:
        updates = {_id_of(i): i for i in items}
        kept = tuple(updates.pop(_id_of(i), i) for i in existing)
        merged = kept + tuple(updates.values())
    if kind == "booths":
        return replace(current, booths=merged)
    return replace(current, applicants=merged)


def _consequences(current: EventState, after: EventState, kind: str, file_name: str,
                  rows: Mapping[str, int | None], removed: set[str]
                  ) -> tuple[list[Problem], list[Assignment]]:
    """Problems the new state would have that the current one has not, and freed assignments."""
    found: list[Problem] = []
    freed: list[Assignment] = []
    booths, applicants = after.booth_by_id(), after.applicant_by_id()
    before_booths, before_applicants = current.booth_by_id(), current.applicant_by_id()
    for assignment in current.assignments:
        booth, applicant = booths.get(assignment.booth_id), applicants.get(assignment.applicant_id)
        unchanged = (booth == before_booths.get(assignment.booth_id)
                     and applicant == before_applicants.get(assignment.applicant_id))
        row = rows.get(assignment.booth_id if kind == "booths" else assignment.applicant_id)
        names = dict(booth=assignment.booth_id, applicant=assignment.applicant_id)
        if kind == "booths" and booth is None:
            found.append(problem(file_name, None, None, "replace_removes_assigned_booth", **names))
        elif kind == "applicants" and applicant is None:
            freed.append(assignment)
            found.append(problem(file_name, None, None, "replace_removes_assigned_applicant",
                                 WARNING, **names))
        elif booth is None or applicant is None or unchanged:
            continue
        elif booth.is_blocked:
            found.append(problem(file_name, row, "status", "blocks_assigned_booth", **names))
        elif not booth.accepts(applicant.category):
            found.append(problem(file_name, row, None, "zone_breaks_assignment",
                                 zone=booth.zone, category=applicant.category, **names))
    found.extend(_new_lock_problems(current, after, kind, file_name, rows))
    if kind == "applicants":
        found.extend(_kept_locks(current, rows, applicants, file_name))
    if kind == "booths":
        found.extend(_overlaps_with_event(after.booths, set(rows) - removed, file_name, rows))
    return found, freed


def _new_lock_problems(current: EventState, after: EventState, kind: str, file_name: str,
                       rows: Mapping[str, int | None]) -> list[Problem]:
    """Lock problems and zone warnings of the new state that the current state has not."""
    def keyed(problems: list[Problem]) -> dict[tuple, Problem]:
        return {(p.code, p.params): p for p in problems}

    before = keyed(cross_check(current.booths, current.applicants, file_name, file_name))
    booths = _with_rows("booths", after.booths, rows if kind == "booths" else {})
    applicants = _with_rows("applicants", after.applicants, rows if kind == "applicants" else {})
    after_problems = cross_check(booths, applicants, file_name, file_name)
    found = [p for key, p in keyed(after_problems).items() if key not in before]
    holders = {a.booth_id: a.applicant_id for a in current.assignments}
    for applicant in after.applicants if kind == "applicants" else ():
        for booth_id in applicant.locked_booth_ids:
            holder = holders.get(booth_id)
            if holder not in (None, applicant.applicant_id):
                found.append(problem(file_name, rows.get(applicant.applicant_id),
                                     "locked_booth_id", "lock_on_assigned_booth",
                                     booth=booth_id, applicant=applicant.applicant_id,
                                     holder=holder))
    return found


def _kept_locks(current: EventState, rows: Mapping[str, int | None],
                applicants: Mapping[str, Applicant], file_name: str) -> list[Problem]:
    """Locks the file drops but saving keeps: the store adds locks and never takes one away."""
    found = []
    for old in current.applicants:
        new = applicants.get(old.applicant_id)
        if new is None or old.applicant_id not in rows:
            continue
        for booth_id in sorted(set(old.locked_booth_ids) - set(new.locked_booth_ids)):
            found.append(problem(file_name, rows[old.applicant_id], "locked_booth_id",
                                 "lock_kept", WARNING, booth=booth_id,
                                 applicant=old.applicant_id))
    return found


def _with_rows(kind: str, items: Sequence[Booth] | Sequence[Applicant],
               rows: Mapping[str, int | None]) -> ImportResult:
    """Items wrapped with their file rows, so cross-check problems name the rows."""
    known = {k: v for k, v in rows.items() if v is not None}
    return ImportResult(kind, "", tuple(items), rows=known)


def _overlaps_with_event(booths: Sequence[Booth], from_file: set[str], file_name: str,
                         rows: Mapping[str, int | None]) -> list[Problem]:
    """Imported booths that overlap booths the event keeps (the file's own overlaps are known)."""
    hall = {b.booth_id: b.hall for b in booths}
    found = []
    for first, second in overlapping_booths(booths):
        if (first in from_file) == (second in from_file):
            continue
        new, old = (first, second) if first in from_file else (second, first)
        found.append(problem(file_name, rows.get(new), None, "overlaps_event_booth",
                             booth=new, other=old, hall=hall[new]))
    return found
