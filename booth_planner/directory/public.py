"""What a visitor may see: frozen copies of the published events' directories.

The visitor page receives a :class:`PublicDirectories` and nothing else: plain values, no store,
no session, no connection, so it cannot write by construction. ``published_snapshot`` reads
through any object with ``published_events()`` and ``state(event_id)`` and keeps only the events
an organizer has published, whatever that object returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from booth_planner.core.model import EventInfo, EventState
from booth_planner.directory.entries import Directory, from_state


class PublishedReader(Protocol):
    """The two reads a snapshot needs."""

    def published_events(self) -> Sequence[EventInfo]: ...

    def state(self, event_id: int) -> EventState: ...


@dataclass(frozen=True, slots=True)
class PublicEvent:
    """A published event as visitors see it."""

    slug: str
    name: str
    start_date: date | None
    end_date: date | None
    venue: str
    base_url: str | None
    directory: Directory


@dataclass(frozen=True, slots=True)
class PublicDirectories:
    """Every published event's directory, newest event first."""

    events: tuple[PublicEvent, ...] = ()

    def by_slug(self, slug: str | None) -> PublicEvent | None:
        """The event with ``slug``; the newest one for None; None when there is no such event."""
        if slug is None:
            return self.events[0] if self.events else None
        return next((e for e in self.events if e.slug == slug), None)


def published_snapshot(reader: PublishedReader) -> PublicDirectories:
    """The directories of the published events, read now."""
    events = []
    for info in reader.published_events():
        if not info.directory_published:  # never trust the reader with the rule itself
            continue
        state = reader.state(info.id)
        if not state.event.directory_published:  # unpublished between the two reads
            continue
        directory = from_state(state)
        events.append(PublicEvent(
            slug=info.slug, name=info.name, start_date=info.start_date, end_date=info.end_date,
            venue=directory.venue, base_url=info.directory_base_url, directory=directory))
    return PublicDirectories(tuple(events))
