"""A demo event with exhibitor profiles, allocated, as state and as the CLI's input files.

Every third exhibitor gets a shop link (so cards carry both kinds of QR code), every second a
WhatsApp number; one exhibitor's texts try to inject markup, which must stay text everywhere.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from booth_planner.allocation import allocate
from booth_planner.core.model import Applicant, EventInfo, EventState
from booth_planner.demo.events import (
    national_applicants,
    national_booths,
    pon_applicants,
    pon_booths,
)
from booth_planner.exports.booth_lists import assignments_table, csv_bytes

HOSTILE_NAME = '<img src=x onerror="alert(1)"> UMKM </script><script>alert(2)</script>'
HOSTILE_DESCRIPTION = "Tenun & songket <b>halus</b> {{7*7}} ${7*7} </script>"


def with_profiles(applicants: list[Applicant]) -> list[Applicant]:
    """The applicants with sample WhatsApp numbers, shop links and descriptions."""
    out = []
    for index, a in enumerate(applicants):
        links = (f"https://toko.example/{a.applicant_id.lower()}",
                 f"https://www.instagram.com/contoh.{index}") if index % 3 == 0 else ()
        whatsapp = f"62812{index:08d}" if index % 2 == 0 else None
        name, description = a.name, f"Produk unggulan: {a.product}" if a.product else None
        if index == 5:
            name, description = HOSTILE_NAME, HOSTILE_DESCRIPTION
        out.append(replace(a, name=name, links=links, whatsapp=whatsapp,
                           description=description))
    return out


@lru_cache(maxsize=2)
def sample_state(kind: str = "pon") -> EventState:
    """The demo event (``pon`` or ``national``), with profiles, after one allocation."""
    if kind == "pon":
        booths, applicants, name = pon_booths(), pon_applicants(), "PON XXI 2024 – Aceh–Sumut"
    else:
        booths, applicants, name = national_booths(), national_applicants(), "Kriya Nusantara"
    applicants = with_profiles(applicants)
    result = allocate(booths, applicants)
    halls = tuple(dict.fromkeys(b.hall for b in booths))
    return EventState(event=EventInfo(id=1, slug=kind, name=name), booths=tuple(booths),
                      applicants=tuple(applicants), assignments=result.assignments, halls=halls)


def applicants_csv(applicants: list[Applicant] | tuple[Applicant, ...]) -> bytes:
    """applicants.csv (SPEC 2) with the profile columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["applicant_id", "name", "region", "category", "product",
                     "booths_requested", "priority", "whatsapp", "links", "description"])
    for a in applicants:
        writer.writerow([a.applicant_id, a.name, a.region_code, a.category, a.product or "",
                         a.booths_requested, a.priority, a.whatsapp or "", "|".join(a.links),
                         a.description or ""])
    return out.getvalue().encode("utf-8-sig")


def write_files(state: EventState, folder: Path, geometry: bool = True) -> tuple[Path, Path]:
    """assignments.csv (with x, y and sizes when ``geometry``) and applicants.csv in ``folder``."""
    assignments = folder / "assignments.csv"
    applicants = folder / "applicants.csv"
    assignments.write_bytes(csv_bytes(assignments_table(state, geometry=geometry)))
    applicants.write_bytes(applicants_csv(state.applicants))
    return assignments, applicants
