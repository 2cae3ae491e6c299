"""The floor plan's changes, each checked against the booth versions the organizer saw.

Thin on purpose: the store does the work in one transaction. What is added here is that EVERY
change (lock, block and zone too, which the store's shortcuts do not check) passes the versions
read with the plan the organizer looked at, so a booth someone changed in between raises
``ConflictError`` and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from booth_planner.storage import Change, Store


def _seen(versions: Mapping[str, int], booth_ids: Iterable[str]) -> dict[str, int]:
    """The versions of ``booth_ids`` among those the organizer saw."""
    return {b: versions[b] for b in booth_ids if b in versions}


def assign(store: Store, event_id: int, booth_id: str, applicant_id: str, *, user: str,
           versions: Mapping[str, int], locked: bool = False) -> Change:
    """Give the booth to the applicant, if the booth is as the organizer saw it."""
    return store.assign(event_id, booth_id, applicant_id, user=user, locked=locked,
                        expected_version=versions.get(booth_id))


def unassign(store: Store, event_id: int, booth_id: str, *, user: str,
             versions: Mapping[str, int]) -> Change:
    """Free the booth."""
    return store.unassign(event_id, booth_id, user=user, expected_version=versions.get(booth_id))


def move(store: Store, event_id: int, from_booth: str, to_booth: str, *, user: str,
         versions: Mapping[str, int]) -> Change:
    """Move the holder of ``from_booth`` to the free ``to_booth``."""
    return store.move(event_id, from_booth, to_booth, user=user,
                      expected_versions=_seen(versions, (from_booth, to_booth)))


def swap(store: Store, event_id: int, booth_a: str, booth_b: str, *, user: str,
         versions: Mapping[str, int]) -> Change:
    """Exchange the holders of two booths."""
    return store.swap(event_id, booth_a, booth_b, user=user,
                      expected_versions=_seen(versions, (booth_a, booth_b)))


def set_locked(store: Store, event_id: int, booth_ids: Sequence[str], locked: bool, *,
               user: str, versions: Mapping[str, int]) -> Change:
    """Lock or unlock the assigned booths among ``booth_ids``."""
    held = {a.booth_id for a in store.state(event_id).assignments}
    targets = sorted(b for b in booth_ids if b in held)
    return store.change_booths(
        event_id, {b: {"locked": locked} for b in targets}, user=user,
        action="booth.lock" if locked else "booth.unlock", summary=", ".join(targets),
        expected_versions=_seen(versions, targets),
    )


def set_status(store: Store, event_id: int, booth_ids: Sequence[str], status: str, *,
               user: str, versions: Mapping[str, int]) -> Change:
    """Block (``blocked``) or unblock (``available``) booths."""
    return store.change_booths(
        event_id, {b: {"status": status} for b in booth_ids}, user=user,
        action=f"booth.{status}", summary=", ".join(sorted(booth_ids)),
        expected_versions=_seen(versions, booth_ids),
    )


def set_zone(store: Store, event_id: int, booth_ids: Sequence[str], zone: str | None, *,
             user: str, versions: Mapping[str, int]) -> Change:
    """Zone booths for one category, or clear their zone with None."""
    return store.change_booths(
        event_id, {b: {"zone": zone or None} for b in booth_ids}, user=user,
        action="booth.zone", summary=f"{', '.join(sorted(booth_ids))} → {zone or '-'}",
        expected_versions=_seen(versions, booth_ids),
    )


def undo_change(store: Store, event_id: int, change_id: int, *, user: str) -> Change:
    """Undo one change (the store refuses when its booths have changed again since)."""
    return store.undo(event_id, change_id, user=user)
