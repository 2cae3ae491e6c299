"""Why an applicant got no booth, in the organizer's words (SPEC 2, unplaced.csv)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from booth_planner.allocation.placement import Floor, accepts, largest_groups, normalize
from booth_planner.core.i18n import t
from booth_planner.core.model import Applicant, Unplaced
from booth_planner.core.regions import code_label


class ReasonFinder:
    """Explains unplaced applicants against the finished allocation; caches per category."""

    def __init__(self, floor: Floor, usable: set[str], free: set[str],
                 holder_of_region: Mapping[str, str], names: Mapping[str, str], lang: str) -> None:
        self.floor, self.usable, self.free = floor, usable, free
        self.holder_of_region, self.names, self.lang = holder_of_region, names, lang
        self._cache: dict[str, tuple[int, int, int, int]] = {}
        self._zones = {zone for zone in floor.zone.values() if zone}
        self._worded: dict[tuple[str, int, str], tuple[str, str]] = {}

    def _supply(self, category: str) -> tuple[int, int, int, int]:
        """(booths it could ever use, largest such group, booths still free, largest free group)."""
        # Categories no zone names see the same booths: one computation serves them all.
        if category not in self._zones:
            category = ""
        if category not in self._cache:
            ever = [b for b in self.usable if accepts(self.floor, b, category)]
            free = [b for b in ever if b in self.free]
            self._cache[category] = (
                len(ever), max(largest_groups(self.floor, set(ever), category).values(), default=0),
                len(free), max(largest_groups(self.floor, set(free), category).values(), default=0),
            )
        return self._cache[category]

    def explain(self, applicant: Applicant) -> Unplaced:
        """The reason code and sentence for one applicant left without booths."""
        # Thousands left out at national scale share a few sentences: each is worded once.
        key = (applicant.category, applicant.booths_requested, applicant.region_code)
        if key not in self._worded:
            self._worded[key] = self._reason(applicant)
        code, sentence = self._worded[key]
        return Unplaced(applicant.applicant_id, code, sentence)

    def _reason(self, applicant: Applicant) -> tuple[str, str]:
        """The reason code and sentence for an applicant of this category, size and region."""
        category = normalize(applicant.category) or ""
        size = applicant.booths_requested
        ever, ever_group, free, free_group = self._supply(category)
        values = {"category": applicant.category, "size": size, "count": ever, "free": free,
                  "region": code_label(applicant.region_code)}
        if ever == 0:
            code, key = "NO_COMPATIBLE_BOOTH", "allocation.reason.no_compatible_booth"
        elif size > 1 and ever_group < size:
            code, key = "NO_ADJACENT_GROUP", "allocation.reason.no_adjacent_group_never"
        elif size > 1 and free >= size and free_group < size:
            code, key = "NO_ADJACENT_GROUP", "allocation.reason.no_adjacent_group_free"
        else:
            # "All N booths went to others" is only true when none of them is still free.
            few = "_few_free" if free > 0 else ""
            code, key = "CAPACITY", f"allocation.reason.capacity{few}"
            if applicant.region_code in self.holder_of_region:
                key = f"allocation.reason.capacity{few}_represented"
                other = self.holder_of_region[applicant.region_code]
                values["other"] = self.names.get(other, other)
        return code, t(key, self.lang, **values)


def explain_all(finder: ReasonFinder, applicants: Sequence[Applicant]) -> tuple[Unplaced, ...]:
    """Reasons for ``applicants``, in their order."""
    return tuple(finder.explain(applicant) for applicant in applicants)
