"""Booth edits that free booths first: unassign, then change or remove, in ONE transaction.

``Store.save_booths`` and ``Store.delete_booths`` refuse to orphan an assignment; once the
organizer has confirmed, this module unassigns the affected booths and applies the edit together,
so nothing is ever half-done and the history entry lists every booth whose holder changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from booth_planner.setup.booths import BoothEdits
from booth_planner.storage import Change, ConflictError, RuleError, Store, StoreError
from booth_planner.storage.tables import ApplicantRow, BoothRow

_BOOTH_FIELDS = ("x", "y", "width_m", "depth_m", "zone", "booth_type", "status", "price_idr")
_BEYOND_UNDO = ("x", "y", "width_m", "depth_m", "booth_type", "price_idr")


def save_booth_edits(
    store: Store, event_id: int, edits: BoothEdits, *, user: str,
    expected_versions: Mapping[str, int] | None = None,
) -> Change:
    """Apply ``edits`` (booths added/changed, ids removed), freeing held booths it blocks or removes.

    ``expected_versions`` are the booth versions the organizer saw; a booth changed since raises
    ConflictError and nothing is written.
    """
    with store.transaction() as session:
        store.lock_event(session, event_id)
        hall_ids = store._hall_ids(session, event_id, dict.fromkeys(b.hall for b in edits.changed))
        rows = {r.booth_id: r for r in session.scalars(
            select(BoothRow).where(BoothRow.event_id == event_id).with_for_update()
        )}
        code_of = store._applicant_codes(session, event_id)
        categories = dict(session.execute(
            select(ApplicantRow.id, ApplicantRow.category).where(ApplicantRow.event_id == event_id)
        ).all())
        store._check_versions(rows, expected_versions, code_of)
        vanished = sorted(b for b in expected_versions or {} if b not in rows)
        if vanished:  # removed by someone else since the organizer's table was read
            raise ConflictError(vanished[0])
        missing = sorted(b for b in edits.removed if b not in rows)
        if missing:
            raise StoreError(f"booth {', '.join(missing)} does not exist in this event")
        freed: dict[str, dict] = {}
        added = updated = 0
        beyond_undo = False  # a field undo cannot put back (position, size, type, price)
        now = datetime.now(UTC)
        for booth in edits.changed:
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
            before = store._booth_state(row, code_of)
            if (booth.status != "blocked" and row.applicant_pk is not None
                    and not booth.accepts(categories[row.applicant_pk])):
                raise RuleError(f"booth {booth.booth_id} would be zoned for {booth.zone}; its "
                                f"applicant {code_of[row.applicant_pk]} is "
                                f"{categories[row.applicant_pk]}")
            if booth.status == "blocked" and row.applicant_pk is not None:
                store._set_assignment(row, None, False, None, user)
            beyond_undo |= row.hall_id != hall_ids[booth.hall] or any(
                getattr(row, name) != values[name] for name in _BEYOND_UNDO)
            row.hall_id = hall_ids[booth.hall]
            for name, value in values.items():
                setattr(row, name, value)
            row.version += 1
            row.updated_at, row.updated_by = now, user
            after = store._booth_state(row, code_of)
            if after != before:
                freed[booth.booth_id] = {"before": before, "after": after}
            updated += 1
        removed_held = []
        for booth_id in edits.removed:
            row = rows[booth_id]
            if row.applicant_pk is not None:
                removed_held.append(f"{booth_id} ({code_of.get(row.applicant_pk)})")
            session.delete(row)
        try:
            session.flush()
        except IntegrityError as error:
            raise RuleError(f"the database refused the change: {error.orig}") from error
        summary = f"{added} added, {updated} updated, {len(edits.removed)} removed"
        # Undo puts back holders, status and zone only: an edit that also removed, added, moved,
        # resized or repriced booths could not be put back whole, so it is not offered for undo.
        change = store._record(
            session, event_id, user, "booths.edit", summary, booths=freed,
            undoable=bool(freed) and not (edits.removed or beyond_undo or added), added=added,
            updated=updated, removed=len(edits.removed), removed_booths=list(edits.removed),
            freed_by_removal=removed_held,
        )
        return store._change(change)
