"""A small hand-built event shared by the coverage, chart and export tests.

Sumatera Utara (12, 33 kabupaten/kota) and Kepulauan Bangka Belitung (19, 7 kabupaten/kota):
- P1 Kabupaten Nias (12.04), tenun, holds A-1.
- P2 Kabupaten Nias (12.04), kuliner, no booth.
- P3 Kota Medan (12.71), batik, holds A-2 (locked) and A-3.
- P4 Kabupaten Pakpak Bharat (12.15), anyaman, no booth.
- P5 the province Kepulauan Bangka Belitung itself (19), tenun, holds B-1.
- P6 Kabupaten Bangka (19.01), kuliner, no booth.
Booths: Hall A has A-1, A-2, A-3 and A-4 (blocked); Hall B has B-1 and B-2 (free).
"""

from datetime import date

from booth_planner.core.model import Applicant, Assignment, Booth, EventInfo, EventState


def sample_state(scope: str = "regional") -> EventState:
    """The event described in the module docstring."""
    event = EventInfo(id=1, slug="pon-xxi-2024", name="Pameran Kriya PON XXI", venue="Lapangan Merdeka",
                      city="Medan", start_date=date(2026, 11, 22), end_date=date(2026, 11, 24),
                      scope=scope)
    booths = (
        Booth("A-1", "Hall A", 0, 0), Booth("A-2", "Hall A", 3, 0, zone="batik"),
        Booth("A-3", "Hall A", 6, 0, booth_type="corner", price_idr=2_500_000),
        Booth("A-4", "Hall A", 9, 0, status="blocked"),
        Booth("B-1", "Hall B", 0, 0, width_m=4.5, depth_m=3),
        Booth("B-2", "Hall B", 4.5, 0),
    )
    applicants = (
        Applicant("P1", "Tenun Nias Sejahtera", "12.04", "tenun", "Ulos Nias"),
        Applicant("P2", "Kopi Nias", "12.04", "kuliner"),
        Applicant("P3", "Batik Medan", "12.71", "batik", "Batik motif Melayu", booths_requested=2),
        Applicant("P4", "Anyaman Pakpak", "12.15", "anyaman", "Tikar anyaman pandan"),
        Applicant("P5", "Dekranasda Kepulauan Bangka Belitung", "19", "tenun", "Tenun cual"),
        Applicant("P6", "Kuliner Bangka", "19.01", "kuliner", "Kemplang"),
    )
    assignments = (
        Assignment("A-1", "P1"), Assignment("A-2", "P3", locked=True), Assignment("A-3", "P3"),
        Assignment("B-1", "P5"),
    )
    return EventState(event=event, booths=booths, applicants=applicants,
                      assignments=assignments, halls=("Hall A", "Hall B"))
