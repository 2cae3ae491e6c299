"""A small event for floor plan tests: two halls, a zone, a blocked booth, a few holders."""

from __future__ import annotations

from dataclasses import replace

from booth_planner.core.model import Applicant, Assignment, EventInfo, EventState
from booth_planner.setup.halls import HallSpec, grid_hall

EVENT = EventInfo(id=1, slug="uji", name="Pameran uji")


def sample_state(price: int | None = 2_500_000) -> EventState:
    """Hall A: 2x4 booths (A-04 blocked, row B zoned kuliner); Hall B: 1x2 booths."""
    hall_a = grid_hall(HallSpec("Hall A", rows=2, columns=4, zone_rows=(2,), zone="kuliner"))
    hall_b = grid_hall(HallSpec("Hall B", rows=1, columns=2, prefix="B", origin_x=0))
    booths = [replace(b, status="blocked") if b.booth_id == "A-04" else b for b in hall_a]
    booths = [replace(b, price_idr=price) for b in booths + hall_b]
    applicants = (
        Applicant("P-1", "Sanggar Ulos Toba", "12.12", "tenun", "Ulos Harungguan"),
        Applicant("P-2", "UMKM Kopi Gayo", "11.17", "kuliner", "Kopi arabika"),
        Applicant("P-3", "Galeri Tapis Lampung", "18.71", "tenun", "Kain tapis"),
        Applicant("P-4", "Dekranasda Sumatera Utara", "12", "kriya", "Paviliun",
                  booths_requested=2, priority=2),
        Applicant("P-5", "IKM Rendang Padang", "13.71", "kuliner", "Rendang"),
    )
    assignments = (
        Assignment("A-01", "P-1", locked=True),
        Assignment("B-01", "P-2"),
        Assignment("A-02", "P-4"),
        Assignment("BA-01", "P-3"),
    )
    return EventState(event=EVENT, booths=tuple(booths), applicants=applicants,
                      assignments=assignments, halls=("Hall A", "Hall B"))
