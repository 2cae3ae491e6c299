"""Registry entries proposed from what applicants of past and current events brought.

Per region, applicants' products are grouped by similar names; a group that is no registry
entry yet is proposed, for the organizer to accept as a new entry or merge into one that is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from booth_planner.core.model import Applicant
from booth_planner.registry.entries import Entry, Source, for_region, merged_sources
from booth_planner.registry.matching import (
    best_match,
    groups,
    match_text,
    name_score,
    place_words,
)

# A proposal names the closest entry of its region when the names are at least this alike.
CLOSE_SCORE = 60.0


@dataclass(frozen=True, slots=True)
class Brought:
    """A product an applicant brought to an event."""

    event_name: str
    applicant: Applicant


@dataclass(frozen=True, slots=True)
class Proposal:
    """A product that applicants of one region brought and the registry does not hold yet."""

    region_code: str
    name: str  # the spelling suggested for the entry
    variants: tuple[tuple[str, int], ...]  # each spelling and how many applicants wrote it
    category: str
    applicants: int
    events: tuple[str, ...]
    closest: Entry | None = None  # an entry it may be the same product as
    closest_score: float = 0.0


def _region_of(applicant: Applicant) -> str | None:
    """The region an applicant's product counts for; None for a province's own pavilion."""
    return applicant.region_code if "." in applicant.region_code else None


def proposals(brought: Iterable[Brought], entries: Sequence[Entry]) -> list[Proposal]:
    """Every group of products of one region that matches no entry, by region then name."""
    by_region: dict[str, list[Brought]] = defaultdict(list)
    for item in brought:
        region = _region_of(item.applicant)
        if region and item.applicant.product and match_text(item.applicant.product):
            by_region[region].append(item)
    found = []
    for region, items in sorted(by_region.items()):
        candidates = for_region(entries, region)
        try:
            place = place_words(region)
        except KeyError:
            continue
        for names in groups((i.applicant.product for i in items), place):
            if any(best_match(n, candidates, place) for n in names):
                continue
            members = [i for i in items if i.applicant.product in names]
            found.append(_proposal(region, members, candidates, place))
    return sorted(found, key=lambda p: (p.region_code, p.name.casefold()))


def _proposal(region: str, members: list[Brought], candidates: Sequence[Entry],
              place: frozenset[str]) -> Proposal:
    """One group's proposal: the most written spelling (the longest of equals) as its name."""
    counts = Counter(" ".join(m.applicant.product.split()) for m in members)
    variants = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    name = variants[0][0]
    category = Counter(m.applicant.category.strip().casefold() for m in members).most_common(1)
    scored = sorted(((max(name_score(v, e.name, place) for v, _ in variants), e) for e in candidates),
                    key=lambda se: -se[0])
    closest, score = (scored[0][1], scored[0][0]) if scored and scored[0][0] >= CLOSE_SCORE \
        else (None, 0.0)
    return Proposal(region, name, tuple(variants), category[0][0] if category else "",
                    len(members), tuple(dict.fromkeys(m.event_name for m in members)),
                    closest, score)


def proposal_source(proposal: Proposal, day: date | None) -> Source:
    """The source an accepted proposal records: the applicants and their events."""
    return Source(f"Peserta: {', '.join(proposal.events)} ({proposal.applicants})", day)


def accepted(proposal: Proposal, day: date | None) -> Entry:
    """The new entry a proposal becomes when the organizer accepts it."""
    return Entry(proposal.region_code, proposal.name, category=proposal.category,
                 sources=(proposal_source(proposal, day),))


def merged_into(entry: Entry, proposal: Proposal, day: date | None) -> Entry:
    """``entry`` once the organizer says the proposal is the same product: one more source."""
    return replace(entry, sources=merged_sources(entry.sources,
                                                 (proposal_source(proposal, day),)))
