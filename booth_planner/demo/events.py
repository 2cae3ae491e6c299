"""The demo events a new user lands on: the PON XXI 2024 showcase and a national fair.

Exhibitor names are invented and marked ``[contoh]`` (sample); regions, products and layouts
are realistic so that every page has something true-to-life to show.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from booth_planner.allocation import allocate, diff_allocations
from booth_planner.allocation.tables import history_details, history_summary
from booth_planner.core import regions
from booth_planner.core.model import Applicant, Booth, EventInfo
from booth_planner.demo.registry import ensure_demo_registry
from booth_planner.demo.samples import DATA_DIR, SAMPLE_MARK, demo_products  # noqa: F401 - DATA_DIR as before
from booth_planner.lifecycle.allocation import allocation_applicants, waitlist_reasons
from booth_planner.setup.halls import HallSpec, grid_hall
from booth_planner.storage import Store

PON_EVENT_NAME = "Pameran Produk Unggulan PON XXI 2024 Aceh–Sumatera Utara"
NATIONAL_EVENT_NAME = "Pameran Kriya Nusantara Dekranas (contoh skala nasional)"
DEMO_USER = "demo"
# The demos arrive laid out by the optimizer; a bound on its search keeps a first start quick.
DEMO_ALLOCATION_SECONDS = 5.0

_EXHIBITOR_KINDS = ("UMKM", "IKM", "Sanggar", "Koperasi", "Galeri")
# Big cities send many applications, small kabupaten one: extra applicants per city code.
_PON_EXTRA_APPLICANTS = {"12.71": 14, "11.71": 8, "12.72": 4, "12.07": 4, "11.73": 3, "12.75": 3}
_NATIONAL_CATEGORIES = (
    ("tenun", ("Tenun ikat", "Songket", "Kain tenun")),
    ("batik", ("Batik tulis", "Batik cap", "Batik pesisir")),
    ("anyaman", ("Anyaman rotan", "Anyaman pandan", "Anyaman bambu")),
    ("kriya kayu", ("Ukiran kayu", "Topeng kayu", "Mebel kecil")),
    ("kriya logam", ("Perak bakar", "Kerajinan kuningan", "Pandai besi")),
    ("fesyen", ("Busana muslim", "Tas kulit", "Aksesori manik")),
    ("kuliner", ("Kopi", "Keripik", "Sambal", "Dodol", "Teh", "Madu hutan")),
)


def _short(name: str) -> str:
    """A region's name without its Kabupaten/Kota prefix."""
    for prefix in ("Kabupaten ", "Kota Administrasi ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _exhibitor_name(rng: random.Random, product: str, region_name: str) -> str:
    words = " ".join(product.split()[:2])
    return f"{rng.choice(_EXHIBITOR_KINDS)} {words} {_short(region_name)} {SAMPLE_MARK}"


def with_sample_profiles(applicants: list[Applicant]) -> list[Applicant]:
    """Every exhibitor with a sample description, every third with a sample shop link.

    Links point at ``.example`` (RFC 2606: never a real shop), and no WhatsApp numbers are made
    up, since any Indonesian mobile number may be someone's.
    """
    out = []
    for index, a in enumerate(applicants):
        region_name = regions.region(a.region_code).name
        links = (f"https://toko.contoh.example/{a.applicant_id.lower()}",) \
            if index % 3 == 1 else ()
        out.append(replace(a, description=f"{a.product}, {region_name} {SAMPLE_MARK}",
                           links=links))
    return out


def pon_booths() -> list[Booth]:
    """Two halls of 3x3 m booths with aisles: 120 booths, a kuliner band, a few blocked."""
    hall_a = grid_hall(HallSpec("Hall A", rows=6, columns=12, prefix="A"))
    hall_b = grid_hall(HallSpec("Hall B", rows=4, columns=12, prefix="B", zone_rows=(3, 4),
                                zone="kuliner"))
    # Columns of the building and a fire exit: never assigned.
    blocked = {"AC-06", "AD-06", "AF-12", "BA-01"}
    return [
        Booth(**{**_fields(b), "status": "blocked"}) if b.booth_id in blocked else b
        for b in hall_a + hall_b
    ]


def _fields(booth: Booth) -> dict:
    return {name: getattr(booth, name) for name in booth.__slots__}


def pon_applicants(seed: int = 2024) -> list[Applicant]:
    """Applicants from every kabupaten/kota of Aceh and Sumatera Utara, plus two pavilions."""
    rng = random.Random(seed)
    applicants: list[Applicant] = []
    by_region: dict[str, list[dict[str, str]]] = {}
    for row in demo_products():
        by_region.setdefault(row["region_code"], []).append(row)
    for province_code in ("11", "12"):
        province = regions.region(province_code)
        applicants.append(Applicant(
            applicant_id=f"DK-{province_code}", name=f"Dekranasda {province.name} {SAMPLE_MARK}",
            region_code=province_code, category="kriya", product="Paviliun produk unggulan",
            booths_requested=3, priority=2,
        ))
    for code, products in by_region.items():
        region = regions.region(code)
        extra = _PON_EXTRA_APPLICANTS.get(code, 0)
        picks = products + [rng.choice(products) for _ in range(extra)]
        for product in picks:
            applicants.append(Applicant(
                applicant_id=f"P-{len(applicants) + 1:03d}",
                name=_exhibitor_name(rng, product["product"], region.name),
                region_code=code, category=product["category"], product=product["product"],
                priority=1 if rng.random() < 0.1 else 0,
            ))
    return with_sample_profiles(applicants)


def national_booths() -> list[Booth]:
    """Four halls, 1,120 booths: room for 38 province pavilions and their kabupaten/kota."""
    booths: list[Booth] = []
    for index, name in enumerate(("Hall A", "Hall B", "Hall C", "Hall D")):
        prefix = "ABCD"[index]
        zone_rows = (9, 10) if index in (2, 3) else ()
        booths += grid_hall(HallSpec(f"{name}", rows=10, columns=28, prefix=prefix,
                                     zone_rows=zone_rows, zone="kuliner" if zone_rows else None))
    rng = random.Random(38)
    blocked = set(rng.sample([b.booth_id for b in booths], k=22))
    return [Booth(**{**_fields(b), "status": "blocked"}) if b.booth_id in blocked else b
            for b in booths]


def national_applicants(seed: int = 38) -> list[Applicant]:
    """A pavilion per province and 1-4 exhibitors per kabupaten/kota, more for cities."""
    rng = random.Random(seed)
    applicants: list[Applicant] = []
    for province in regions.provinces():
        applicants.append(Applicant(
            applicant_id=f"DK-{province.code}", name=f"Dekranasda {province.name} {SAMPLE_MARK}",
            region_code=province.code, category="kriya", product="Paviliun produk unggulan",
            booths_requested=rng.choice((2, 3, 4)), priority=2,
        ))
    for region in regions.kabupaten_kota():
        count = rng.choice((1, 1, 1, 2, 2, 3)) + (2 if region.type == "kota" else 0)
        for _ in range(count):
            category, products = rng.choice(_NATIONAL_CATEGORIES)
            product = f"{rng.choice(products)} {_short(region.name)}"
            applicants.append(Applicant(
                applicant_id=f"N-{len(applicants) + 1:04d}",
                name=_exhibitor_name(rng, product, region.name), region_code=region.code,
                category=category, product=product,
                priority=rng.choice((0,) * 12 + (1, 2, 3)),
            ))
    return with_sample_profiles(applicants)


def create_pon_demo(store: Store, *, allocated: bool = True) -> EventInfo:
    """Create the PON XXI 2024 Aceh–Sumatera Utara showcase with its booths and applicants."""
    event = store.create_event(
        PON_EVENT_NAME, venue="Gedung pameran (contoh), Medan", city="Medan",
        start_date=date(2024, 9, 9), end_date=date(2024, 9, 20), scope="regional",
        slug="pon-xxi-2024", user=DEMO_USER,
    )
    store.save_booths(event.id, pon_booths(), user=DEMO_USER)
    store.save_applicants(event.id, pon_applicants(), user=DEMO_USER)
    # The registry outlives events: a database that has one keeps it as it is.
    ensure_demo_registry(store)
    if allocated:
        allocate_demo(store, event)
    return event


def create_national_demo(store: Store, *, allocated: bool = True) -> EventInfo:
    """Create the national-scale demo: 38 province pavilions and 1,120 booths."""
    event = store.create_event(
        NATIONAL_EVENT_NAME, venue="Balai sidang (contoh), Jakarta", city="Jakarta",
        start_date=date(2026, 10, 7), end_date=date(2026, 10, 11), scope="national",
        slug="kriya-nusantara-nasional", user=DEMO_USER,
    )
    store.save_booths(event.id, national_booths(), user=DEMO_USER)
    store.save_applicants(event.id, national_applicants(), user=DEMO_USER)
    if allocated:
        allocate_demo(store, event)
    return event


def allocate_demo(store: Store, event: EventInfo) -> None:
    """Lay the demo out with the optimizer, as an organizer would, in one history entry; those
    it cannot place go to the waitlist with their reason, as the allocation page does."""
    state = store.state(event.id)
    result = allocate(state.booths, allocation_applicants(state), mode="pavilion",
                      time_limit=DEMO_ALLOCATION_SECONDS)
    diff = diff_allocations(state.assignments, result.assignments, state.applicants)
    store.apply_allocation(event.id, result.assignments, user=DEMO_USER,
                           summary=history_summary(result, diff),
                           waitlist=waitlist_reasons(state, result.unplaced),
                           **history_details(result, diff))


DEMOS: dict[str, Callable[..., EventInfo]] = {
    "pon-xxi-2024": create_pon_demo,
    "kriya-nusantara-nasional": create_national_demo,
}


def reset_demo(store: Store, slug: str) -> EventInfo:
    """The demo ``slug`` as on a first start: any copy of it removed, then made and laid out."""
    for event in store.list_events():
        if event.slug == slug:
            store.delete_event(event.id)
    return DEMOS[slug](store)


def ensure_demo_events(store: Store, *, allocated: bool = True) -> list[EventInfo]:
    """Create the demo events in an empty database; leave a database with events alone.

    ``allocated=False`` leaves every booth free (tests that set up their own allocation).
    """
    if store.list_events():
        return []
    return [create(store, allocated=allocated) for create in DEMOS.values()]
