"""A page reads the event from the database once per version of it, and never shows stale data."""

from __future__ import annotations

from booth_planner.storage import Store
from tests.pages.helpers import PON, open_page, store_and_event


def test_reruns_reuse_the_events_reading_until_it_changes(app, app_database, monkeypatch):
    import app_support

    app_support._state_at.clear()
    app_support._derived_at.clear()
    reads = []
    snapshot = Store.snapshot
    monkeypatch.setattr(Store, "snapshot", lambda self, event_id: (
        reads.append(event_id), snapshot(self, event_id))[1])
    at = open_page(app, "cakupan", lang="en", event_slug=PON)
    assert not at.exception
    first = {m.label: m.value for m in at.metric}
    assert len(reads) == 1
    at.run()
    at.run()
    assert len(reads) == 1, "a rerun of an unchanged event read it again"

    store, event = store_and_event(app_database, PON)
    free = next(b.booth_id for b in store.state(event.id).booths if not b.is_blocked)
    applicant = store.state(event.id).applicants[5].applicant_id
    store.assign(event.id, free, applicant, user="someone else")
    at.run()
    after = {m.label: m.value for m in at.metric}
    assert len(reads) >= 3  # the cached read was dropped; the test's own reads count too
    assert after["Booths assigned"] == "1" and first["Booths assigned"] == "0"


def test_the_floor_plan_figure_is_made_once_per_version_for_every_session(app, app_database,
                                                                         monkeypatch):
    import app_support
    from booth_planner.charts import floor_plan as plan_chart

    app_support._shared_at.clear()
    builds = []
    build = plan_chart.plan_figure
    monkeypatch.setattr(plan_chart, "plan_figure", lambda *args: (
        builds.append(args[1:]), build(*args))[1])
    at = open_page(app, "denah", lang="en", event_slug=PON)
    assert not at.exception
    assert len(builds) == 1
    at.run()
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import APP

    other = open_page(AppTest.from_file(APP, default_timeout=60), "denah", lang="en",
                      event_slug=PON)  # another organizer's session
    assert not other.exception
    assert len(builds) == 1, "an unchanged plan was built again"
    store, event = store_and_event(app_database, PON)
    free = next(b.booth_id for b in store.state(event.id).booths if not b.is_blocked)
    store.assign(event.id, free, store.state(event.id).applicants[5].applicant_id, user="x")
    at.run()
    assert len(builds) == 2, "the plan of a changed event was not made afresh"
