"""The PON demo's sample registry: every kabupaten/kota of Aceh and Sumatera Utara, marked."""

from booth_planner.core import regions
from booth_planner.demo.events import SAMPLE_MARK, create_pon_demo, pon_applicants
from booth_planner.demo.registry import demo_registry_entries, ensure_demo_registry
from booth_planner.registry.entries import checked, duplicates
from booth_planner.registry.matching import match_in_region
from booth_planner.storage import open_store
from booth_planner.storage.registry import RegistryStore


def test_the_sample_registry_covers_all_56_regions_and_is_marked():
    entries = demo_registry_entries()
    wanted = {r.code for p in ("11", "12") for r in regions.kabupaten_kota(p)}
    assert len(wanted) == 56 and {e.region_code for e in entries} == wanted
    assert all(SAMPLE_MARK in e.description and SAMPLE_MARK in e.sources[0].name
               for e in entries)
    assert duplicates(entries) == [] and [checked(e) for e in entries]


def test_every_region_has_an_applicant_with_its_product_and_one_with_another():
    entries = demo_registry_entries()
    flagship, other = set(), set()
    for applicant in pon_applicants():
        if "." not in applicant.region_code:
            continue
        found = match_in_region(applicant.product, applicant.region_code, entries)
        (flagship if found else other).add(applicant.region_code)
    assert len(flagship) == 56 and len(other) == 56


def test_the_pon_demo_brings_its_registry_once(sqlite_url):
    store = open_store(sqlite_url)
    create_pon_demo(store, allocated=False)
    registry = RegistryStore(store)
    assert len(registry.entries()) == 56
    assert ensure_demo_registry(store) == 0  # a registry that exists is left alone
    store.engine.dispose()
