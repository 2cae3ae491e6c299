"""The waitlist: who should get the booths that are free now.

Waitlisted applicants are proposed in this order: one whose region is not represented yet
first, then higher priority, then longer waiting. A proposal respects the booth's zone and,
for a request of several booths, adjacency: a freed pair of adjacent booths can serve a
two-booth request. Each proposal takes its booths out of the pool, and its region counts as
represented for the proposals after it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from booth_planner.core.geometry import adjacency, grow_group
from booth_planner.core.model import Applicant, EventState
from booth_planner.core.text import natural_key
from booth_planner.lifecycle.status import WAITLISTED, effective

_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A waitlisted applicant proposed for free booths, and why it comes where it does."""

    applicant_id: str
    booth_ids: tuple[str, ...]
    region_code: str
    unrepresented: bool
    priority: int
    waiting_since: datetime | None


def _zone_key(zone: str | None) -> str | None:
    return zone.strip().casefold() if zone and zone.strip() else None


class _Pool:
    """Free booths by zone, taken out as proposals use them."""

    def __init__(self, state: EventState, booth_ids: Iterable[str] | None):
        taken = {a.booth_id for a in state.assignments}
        wanted = set(booth_ids) if booth_ids is not None else None
        free = [b for b in state.booths if not b.is_blocked and b.booth_id not in taken
                and (wanted is None or b.booth_id in wanted)]
        free.sort(key=lambda b: natural_key(b.booth_id))
        self.booths = {b.booth_id: b for b in free}
        self.by_zone: dict[str | None, list[str]] = {}
        for booth in free:
            self.by_zone.setdefault(_zone_key(booth.zone), []).append(booth.booth_id)
        self.used: set[str] = set()
        self._neighbours: Mapping[str, tuple[str, ...]] | None = None
        self._all = state.booths

    def __len__(self) -> int:
        return len(self.booths) - len(self.used)

    def neighbours(self) -> Mapping[str, tuple[str, ...]]:
        """Adjacency of the event's booths, worked out once and only when a group is needed."""
        if self._neighbours is None:
            self._neighbours = adjacency(self._all)
        return self._neighbours

    def accepting(self, category: str) -> Iterable[str]:
        """Free booths an applicant of ``category`` may use: its zone's first, then unzoned."""
        for key in (_zone_key(category), None):
            ids = self.by_zone.get(key, [])
            # Drop used booths from the front so repeated searches stay short.
            while ids and ids[0] in self.used:
                ids.pop(0)
            yield from (b for b in ids if b not in self.used)

    def find(self, applicant: Applicant, refused: set[str]) -> tuple[str, ...] | None:
        """Booths for the applicant's request, or None when the pool has none that fit."""
        size = applicant.booths_requested
        allowed = [b for b in self.accepting(applicant.category) if b not in refused]
        if size == 1:
            return (allowed[0],) if allowed else None
        if len(allowed) < size:
            return None
        members = set(allowed)
        neighbours = self.neighbours()
        for seed in allowed:
            group = grow_group([seed], size, members, neighbours, key=natural_key)
            if group is not None:
                return tuple(sorted(group, key=natural_key))
        return None

    def take(self, booth_ids: Iterable[str]) -> None:
        """Take booths out of the pool."""
        self.used.update(booth_ids)


def propose(state: EventState, waiting_since: Mapping[str, datetime | None] | None = None, *,
            booth_ids: Iterable[str] | None = None,
            refused: Iterable[tuple[str, str]] = ()) -> list[Proposal]:
    """Proposals for the free booths (or only ``booth_ids``), best candidate first.

    ``waiting_since`` is when each applicant joined the waitlist; ``refused`` holds
    (applicant_id, booth_id) pairs of offers that were declined or let expire.
    """
    waiting_since = waiting_since or {}
    pool = _Pool(state, booth_ids)
    holding = {a.applicant_id for a in state.assignments}
    by_id = {a.applicant_id: a for a in state.applicants}
    represented = {by_id[a].region_code for a in holding if a in by_id}
    refusals: dict[str, set[str]] = {}
    for applicant_id, booth_id in refused:
        refusals.setdefault(applicant_id, set()).add(booth_id)
    heap = []
    for position, applicant in enumerate(state.applicants):
        if effective(applicant.status) != WAITLISTED or applicant.applicant_id in holding:
            continue
        since = waiting_since.get(applicant.applicant_id)
        since = (since if since is None or since.tzinfo else since.replace(tzinfo=UTC))
        heap.append((applicant.region_code in represented, -applicant.priority,
                     since or _NEVER, position, applicant.applicant_id))
    heapq.heapify(heap)
    proposals: list[Proposal] = []
    while heap and len(pool):
        was_represented, minus_priority, since, position, applicant_id = heapq.heappop(heap)
        applicant = by_id[applicant_id]
        if not was_represented and applicant.region_code in represented:
            # An earlier proposal brought its region in: it queues with the represented ones.
            heapq.heappush(heap, (True, minus_priority, since, position, applicant_id))
            continue
        booths = pool.find(applicant, refusals.get(applicant_id, set()))
        if booths is None:
            continue
        pool.take(booths)
        represented.add(applicant.region_code)
        proposals.append(Proposal(applicant_id, booths, applicant.region_code,
                                  not was_represented, applicant.priority,
                                  None if since == _NEVER else since))
    return proposals
