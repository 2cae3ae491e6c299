"""Lifecycle page: renders in both languages; a bulk status change; a refused acceptance says
what is missing; a lapsed hold is gone on the next run."""

from datetime import UTC, datetime, timedelta

import pytest

from booth_planner.core.model import Applicant
from tests.pages.helpers import NATIONAL, PON, open_page, store_and_event


@pytest.mark.parametrize("lang, title", [("id", "Seleksi peserta"), ("en", "Applicant selection")])
@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_renders_on_both_demos_in_both_languages(app, lang, title, slug):
    at = open_page(app, "seleksi", lang=lang, event_slug=slug)
    assert not at.exception
    assert at.title[0].value.startswith(title)
    assert not at.error


def _submitted_kuliner(store, event) -> str:
    state = store.state(event.id)
    pick = next(a for a in state.applicants if a.category == "kuliner")
    store.save_applicants(event.id, [Applicant(**{**{f: getattr(pick, f) for f in (
        "applicant_id", "name", "region_code", "category", "product", "booths_requested",
        "priority")}, "status": "diajukan"})], user="setup")
    return pick.applicant_id


def test_verify_then_acceptance_refused_for_a_missing_p_irt(app, app_database):
    store, event = store_and_event(app_database)
    code = _submitted_kuliner(store, event)
    at = open_page(app, "seleksi", lang="en", event_slug=PON)
    at.multiselect(key="lifecycle.chosen.0").set_value([code])
    at.selectbox(key="lifecycle.new_status").set_value("diverifikasi")
    at = at.run()
    at = at.button(key="lifecycle.apply_status").click().run()
    assert not at.exception and not at.error
    assert store.lifecycle(event.id).statuses[code] == "diverifikasi"
    at.multiselect(key="lifecycle.chosen.0").set_value([code])
    at.selectbox(key="lifecycle.new_status").set_value("diterima")
    at = at.run()
    at = at.button(key="lifecycle.apply_status").click().run()
    assert any("P-IRT or BPOM" in e.value for e in at.error)
    assert store.lifecycle(event.id).statuses[code] == "diverifikasi"
    store.engine.dispose()


def test_a_lapsed_hold_is_released_when_the_page_reads_the_event(app, app_database):
    store, event = store_and_event(app_database)
    state = store.state(event.id)
    booth = state.booths[0].booth_id
    applicant = next(a for a in state.applicants if a.category != "kuliner")
    store.hold(event.id, [booth], applicant.applicant_id,
               datetime.now(UTC) - timedelta(minutes=5), user="setup")
    at = open_page(app, "seleksi", lang="en", event_slug=PON)
    assert not at.exception
    assert booth not in store.state(event.id).assignment_by_booth()
    assert store.history(event.id, limit=1)[0].action == "hold.expired"
    store.engine.dispose()
