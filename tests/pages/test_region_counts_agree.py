"""Every page counts "regions represented" the same way (coverage.region_counts)."""

from __future__ import annotations

import pytest

from booth_planner.coverage import region_counts
from tests.pages.helpers import NATIONAL, PON, open_page, store_and_event


def _figures(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_home_coverage_and_allocate_pages_agree_on_regions(app, app_database, slug):
    store, event = store_and_event(app_database, slug)
    state = store.state(event.id)
    # Free every booth of one province pavilion and of three kabupaten/kota, so the figures
    # differ from "all of them" and a pavilion counted as a region would show.
    pavilion = next(a.applicant_id for a in state.applicants if "." not in a.region_code)
    by_region = {}
    for applicant in state.applicants:
        by_region.setdefault(applicant.region_code, []).append(applicant.applicant_id)
    freed = {pavilion} | {i for code in [c for c in by_region if "." in c][:3]
                          for i in by_region[code]}
    for assignment in state.assignments:
        if assignment.applicant_id in freed:
            store.unassign(event.id, assignment.booth_id, user="t")
    counts = region_counts(store.state(event.id))
    assert counts.represented == counts.applied - 3
    assert counts.province_level_represented == counts.province_level_applied - 1
    expected = f"{counts.represented} / {counts.applied}"

    home = _figures(open_page(app, "ringkasan", lang="en", event_slug=slug))
    coverage = _figures(open_page(app, "cakupan", lang="en", event_slug=slug))
    allocate = _figures(open_page(app, "alokasi", lang="en", event_slug=slug))
    assert home["Regions represented"] == expected
    assert coverage["of those that applied"] == expected
    assert allocate["Regions represented"] == expected
    assert home["Provinces represented"] == coverage["Provinces represented"]
