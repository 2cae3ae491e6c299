"""Registry entries proposed from what applicants brought."""

from datetime import date

from booth_planner.core.model import Applicant
from booth_planner.registry.entries import Entry, Source
from booth_planner.registry.proposals import Brought, accepted, merged_into, proposals


def brought(event, region, product, category="tenun", n=[0]):  # noqa: B006 - a counter
    n[0] += 1
    return Brought(event, Applicant(f"P{n[0]}", f"UMKM {n[0]}", region, category, product))


def test_products_of_past_and_current_events_are_grouped_per_region():
    items = [brought("PON 2024", "12.12", "ulos"), brought("HUT 2025", "12.12", "Ulos Batak Toba"),
             brought("HUT 2025", "12.12", "kain ulos"), brought("HUT 2025", "12.12", "kain ulos"),
             brought("PON 2024", "12.16", "ulos"), brought("PON 2024", "12", "Paviliun"),
             brought("PON 2024", "12.12", None)]
    found = proposals(items, [])
    assert [(p.region_code, p.name, p.applicants) for p in found] == \
        [("12.12", "kain ulos", 4), ("12.16", "ulos", 1)]
    assert found[0].variants == (("kain ulos", 2), ("Ulos Batak Toba", 1), ("ulos", 1))
    assert found[0].events == ("PON 2024", "HUT 2025")


def test_a_product_already_registered_is_not_proposed_and_a_near_one_is_named():
    entries = [Entry("12.04", "Tikar pandan", entry_id=7)]
    items = [brought("PON 2024", "12.04", "Tikar anyaman pandan", "anyaman"),
             brought("PON 2024", "12.04", "Tas pandan", "anyaman")]
    found = proposals(items, entries)
    assert [p.name for p in found] == ["Tas pandan"]
    assert found[0].closest.entry_id == 7 and found[0].closest_score >= 60


def test_accepting_and_merging_a_proposal_record_the_applicants_as_source():
    proposal = proposals([brought("PON 2024", "12.12", "ulos")], [])[0]
    entry = accepted(proposal, date(2024, 9, 20))
    assert entry.region_code == "12.12" and entry.name == "ulos" and entry.category == "tenun"
    assert entry.sources == (Source("Peserta: PON 2024 (1)", date(2024, 9, 20)),)
    kept = merged_into(Entry("12.12", "Ulos Batak Toba", sources=(Source("SK", None),)),
                       proposal, None)
    assert [s.name for s in kept.sources] == ["SK", "Peserta: PON 2024 (1)"]
