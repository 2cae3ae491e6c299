"""Realistic made-up events for demos, tests and benchmarks; the same seed gives the same event.

Halls hold back-to-back rows of 3x3 m booths with aisles between the double rows; about 15% of
booths form a `kuliner` zone at the back of each hall and 2% are blocked (columns, fire exits).
Applicants come from every kabupaten/kota of the chosen provinces, skewed the way real calls
are: big cities send many, small kabupaten one. Each province also sends a Dekranasda pavilion
asking for 2-4 adjacent booths. Exhibitor names are fictitious.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from booth_planner.core.model import Applicant, Booth
from booth_planner.core.regions import kabupaten_kota, provinces

BOOTH_SIZE_M = 3.0
AISLE_M = 3.0
ROW_LENGTH = 12
BOOTHS_PER_HALL = 300
KULINER = "kuliner"
KULINER_SHARE = 0.15
BLOCKED_SHARE = 0.02
KULINER_APPLICANTS = 0.35
TWO_BOOTH_SHARE = 0.02
CRAFTS = {
    "tenun": ("Ulos", "Songket", "Tenun ikat", "Kain tapis"),
    "batik": ("Batik tulis", "Batik cap", "Batik besurek"),
    "anyaman": ("Tikar anyaman pandan", "Tas rotan", "Bakul bambu"),
    "kriya kayu": ("Ukiran kayu", "Topeng kayu", "Miniatur rumah adat"),
    "perhiasan": ("Perak filigri", "Mutiara", "Gelang akar bahar"),
    "fesyen": ("Busana muslim", "Kebaya bordir", "Sepatu kulit"),
    "keramik": ("Gerabah", "Keramik hias"),
}
CRAFT_WEIGHTS = (30, 22, 16, 12, 8, 8, 4)
FOODS = ("Kopi gayo", "Keripik pisang", "Dodol", "Bika ambon", "Rendang kemasan", "Sambal andaliman",
         "Kerupuk ikan", "Kue bangkit")
NAME_PREFIXES = ("UMKM", "IKM", "Sanggar", "Koperasi", "Rumah", "Galeri", "CV", "Kelompok Usaha")


@dataclass(frozen=True)
class SyntheticEvent:
    """Booths and applicants of one made-up event."""

    booths: tuple[Booth, ...]
    applicants: tuple[Applicant, ...]


def hall_names(count: int) -> list[str]:
    """Hall A, Hall B, ... (AA, AB after Z)."""
    names = []
    for index in range(count):
        letters = ""
        index += 1
        while index:
            index, rest = divmod(index - 1, 26)
            letters = chr(65 + rest) + letters
        names.append(f"Hall {letters}")
    return names


def make_hall(hall: str, prefix: str, count: int, rng: random.Random) -> list[Booth]:
    """``count`` booths in double rows of ``ROW_LENGTH``; the last ones zoned kuliner."""
    kuliner_from = count - round(count * KULINER_SHARE)
    booths: list[Booth] = []
    for index in range(count):
        double_row, place = divmod(index, 2 * ROW_LENGTH)
        back, column = divmod(place, ROW_LENGTH)
        y = double_row * (2 * BOOTH_SIZE_M + AISLE_M) + back * BOOTH_SIZE_M
        blocked = rng.random() < BLOCKED_SHARE
        booths.append(Booth(
            booth_id=f"{prefix}-{index + 1:03d}",
            hall=hall,
            x=column * BOOTH_SIZE_M,
            y=y,
            zone=KULINER if index >= kuliner_from else None,
            booth_type="corner" if column in (0, ROW_LENGTH - 1) else "standard",
            status="blocked" if blocked else "available",
            price_idr=rng.choice((2_500_000, 3_000_000, 3_500_000)),
        ))
    return booths


def make_booths(total: int, rng: random.Random, per_hall: int = BOOTHS_PER_HALL) -> list[Booth]:
    """``total`` booths spread evenly over as many halls as ``per_hall`` asks."""
    halls = max(1, math.ceil(total / per_hall))
    booths: list[Booth] = []
    for number, hall in enumerate(hall_names(halls)):
        count = total // halls + (1 if number < total % halls else 0)
        booths.extend(make_hall(hall, hall.split()[-1], count, rng))
    return booths


def _region_weights(codes: Sequence[str], rng: random.Random) -> list[float]:
    """How many applicants each region tends to send: kota and a few big ones many, most few."""
    weights = []
    for code in codes:
        weight = rng.lognormvariate(0.0, 1.1)
        if int(code.split(".")[1]) >= 71:
            weight *= 3.0
        weights.append(weight)
    return weights


def _priority(rng: random.Random) -> int:
    """Mostly 0, a few 1-3 (sponsors, national award winners)."""
    draw = rng.random()
    return 0 if draw < 0.90 else 1 if draw < 0.96 else 2 if draw < 0.99 else 3


def make_applicants(
    total: int, rng: random.Random, province_codes: Sequence[str] | None = None,
) -> list[Applicant]:
    """``total`` applicants (one pavilion per province included), in submission order."""
    chosen = {p.code: p for p in provinces()
              if province_codes is None or p.code in province_codes}
    cities = [r for r in kabupaten_kota() if r.province_code in chosen]
    codes = [r.code for r in cities]
    capital = {r.code: r.capital for r in cities}
    regular = max(total - len(chosen), 0)
    # Every region applies at least once when there are enough applicants; the rest by weight.
    drawn = codes[:regular] + rng.choices(codes, _region_weights(codes, rng),
                                          k=max(regular - len(codes), 0))
    applicants: list[Applicant] = []
    for code in drawn:
        if rng.random() < KULINER_APPLICANTS:
            category, product = KULINER, rng.choice(FOODS)
        else:
            category = rng.choices(list(CRAFTS), CRAFT_WEIGHTS)[0]
            product = rng.choice(CRAFTS[category])
        name = f"{rng.choice(NAME_PREFIXES)} {product} {capital[code]}"
        applicants.append(Applicant(
            applicant_id="", name=name, region_code=code, category=category, product=product,
            booths_requested=2 if rng.random() < TWO_BOOTH_SHARE else 1, priority=_priority(rng),
        ))
    for code, province in sorted(chosen.items()):
        if len(applicants) >= total:
            break
        applicants.append(Applicant(
            applicant_id="", name=f"Paviliun Dekranasda {province.name}", region_code=code,
            category=rng.choices(list(CRAFTS), CRAFT_WEIGHTS)[0], product="Produk unggulan daerah",
            booths_requested=rng.randint(2, 4), priority=2,
        ))
    rng.shuffle(applicants)
    return [Applicant(f"P{index + 1:05d}", a.name, a.region_code, a.category, a.product,
                      a.booths_requested, a.priority) for index, a in enumerate(applicants)]


def make_event(
    booths: int, applicants: int, seed: int = 0, province_codes: Sequence[str] | None = None,
    per_hall: int = BOOTHS_PER_HALL,
) -> SyntheticEvent:
    """A whole made-up event; the same arguments always give the same event."""
    rng = random.Random(seed)
    return SyntheticEvent(tuple(make_booths(booths, rng, per_hall)),
                          tuple(make_applicants(applicants, rng, province_codes)))


def aceh_sumut_expo(seed: int = 0) -> SyntheticEvent:
    """A provincial expo: 120 booths in one hall, 260 applicants from Aceh and Sumatera Utara."""
    return make_event(120, 260, seed, province_codes=("11", "12"))


def inacraft(seed: int = 0) -> SyntheticEvent:
    """INACRAFT scale: 1,222 booths in four halls, 2,500 applicants from all of Indonesia."""
    return make_event(1222, 2500, seed, per_hall=320)


def national(seed: int = 0) -> SyntheticEvent:
    """A national fair: 10,000 booths, 25,000 applicants."""
    return make_event(10_000, 25_000, seed)


BOOTH_COLUMNS = ("booth_id", "hall", "x", "y", "width_m", "depth_m", "zone", "booth_type", "status",
                 "price_idr")
APPLICANT_COLUMNS = ("applicant_id", "name", "region", "category", "product", "booths_requested",
                     "priority", "locked_booth_id")


def write_csv(event: SyntheticEvent, booths_path: Path, applicants_path: Path) -> None:
    """The event as booths.csv and applicants.csv in the SPEC section 2 format."""
    with booths_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(BOOTH_COLUMNS)
        for b in event.booths:
            writer.writerow((b.booth_id, b.hall, f"{b.x:g}", f"{b.y:g}", f"{b.width_m:g}",
                             f"{b.depth_m:g}", b.zone or "", b.booth_type, b.status,
                             "" if b.price_idr is None else b.price_idr))
    with applicants_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(APPLICANT_COLUMNS)
        for a in event.applicants:
            writer.writerow((a.applicant_id, a.name, a.region_code, a.category, a.product or "",
                             a.booths_requested, a.priority, "|".join(a.locked_booth_ids)))
