"""Generated galleries for the demo and the benchmark: invented members, real regions.

Names are invented and marked ``[contoh]`` (sample); regions are real kecamatan (a kota
gallery) or kabupaten/kota (a province gallery). The same seed gives the same gallery.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from booth_planner.core.districts import districts_of
from booth_planner.core.model import Applicant, Booth
from booth_planner.core.regions import kabupaten_kota
from booth_planner.rotation.model import Member, Period
from booth_planner.rotation.periods import generate_periods

SAMPLE_MARK = "[contoh]"
KULINER = "kuliner"
CRAFTS = (("batik", "Batik tulis"), ("anyaman", "Tas anyaman"), ("kriya kayu", "Ukiran kayu"),
          ("tenun", "Kain tenun"), ("fesyen", "Busana muslim"), ("aksesori", "Kalung manik"))
FOODS = ("Dodol", "Keripik tempe", "Kue kering", "Sambal botol", "Kopi bubuk", "Bandeng presto")
OWNERS = ("Sari", "Berkah", "Mekar", "Jaya", "Lestari", "Makmur", "Rahayu", "Sejahtera",
          "Putri", "Barokah", "Mandiri", "Indah")


@dataclass(frozen=True)
class Gallery:
    """Spaces, members and periods of one generated gallery."""

    spaces: tuple[Booth, ...]
    members: tuple[Member, ...]
    periods: tuple[Period, ...]


def sample_spaces(count: int, floors: int = 2, kuliner_share: float = 0.25) -> tuple[Booth, ...]:
    """``count`` spaces over ``floors`` floors, in rows of six; each floor ends in a kuliner
    corner holding about ``kuliner_share`` of its spaces."""
    spaces = []
    per_floor = -(-count // floors)
    for floor in range(floors):
        on_floor = min(per_floor, count - floor * per_floor)
        corner = round(on_floor * kuliner_share)
        for i in range(on_floor):
            zone = KULINER if i >= on_floor - corner else None
            spaces.append(Booth(f"L{floor + 1}-{i + 1:02d}", f"Lantai {floor + 1}",
                                x=3.0 * (i % 6), y=4.0 * (i // 6), width_m=3.0, depth_m=3.0,
                                zone=zone, booth_type="standard"))
    return tuple(spaces)


def sample_gallery(spaces: int, members: int, periods: int, length: str = "1m",
                   home: str = "32.75", start: date = date(2027, 1, 1), seed: int = 13,
                   tenant: bool = True) -> Gallery:
    """A gallery of ``home`` (a kabupaten/kota: its kecamatan; a province: its kabupaten/kota)."""
    rnd = random.Random(seed)
    regions = [d.code for d in districts_of(home)] if "." in home else \
        [r.code for r in kabupaten_kota(home)]
    booth_list = sample_spaces(spaces)
    period_list = generate_periods(start, length, periods)
    found = []
    if tenant:
        found.append(Member(Applicant("DEK-00", f"Etalase Dekranasda {SAMPLE_MARK}",
                                      home, "kriya dekranasda", "Produk unggulan pilihan",
                                      locked_booth_ids=(booth_list[0].booth_id,))))
    for index in range(members - len(found)):
        region = regions[index % len(regions)] if index < len(regions) else rnd.choice(regions)
        if rnd.random() < 0.3:
            category, product = KULINER, rnd.choice(FOODS)
        else:
            category, product = rnd.choice(CRAFTS)
        owner = rnd.choice(OWNERS)
        name = f"UMKM {owner} {product.split()[0]} {index + 1} {SAMPLE_MARK}"
        unavailable = frozenset(p.period_id for p in period_list if rnd.random() < 0.08)
        before = rnd.choice((0, 0, 0, 1, 1, 2))
        found.append(Member(Applicant(f"UM-{index + 1:03d}", name, region, category, product,
                                      priority=rnd.choice((0, 0, 0, 1))), unavailable, before))
    return Gallery(booth_list, tuple(found), period_list)
