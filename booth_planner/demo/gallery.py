"""The demo gallery: Galeri Dekranasda Kota Bekasi — Sentra UMKM, planned for 2027.

Members are invented and marked ``[contoh]`` (sample); the kecamatan are Kota Bekasi's twelve.
"""

from __future__ import annotations

from datetime import date

from booth_planner.core.model import EventInfo
from booth_planner.rotation.planner import plan_rotation
from booth_planner.rotation.sample import sample_gallery
from booth_planner.storage import Store
from booth_planner.storage.gallery import GalleryStore

GALLERY_NAME = "Galeri Dekranasda Kota Bekasi — Sentra UMKM"
GALLERY_HOME = "32.75"
DEMO_USER = "demo"


def create_gallery_demo(store: Store) -> EventInfo:
    """The demo gallery: 24 spaces on two floors with kuliner corners, 90 members, 12 months."""
    gallery = sample_gallery(spaces=24, members=90, periods=12, length="1m", home=GALLERY_HOME,
                             start=date(2027, 1, 1), seed=2027)
    event = store.create_event(GALLERY_NAME, venue="Gedung Pemerintah Kota Bekasi (contoh)",
                               city="Kota Bekasi", start_date=gallery.periods[0].start,
                               end_date=gallery.periods[-1].end, user=DEMO_USER)
    galleries = GalleryStore(store)
    galleries.make_gallery(event.id, home_region=GALLERY_HOME)
    store.save_booths(event.id, list(gallery.spaces), user=DEMO_USER)
    galleries.save_members(event.id, gallery.members, user=DEMO_USER)
    galleries.save_periods(event.id, gallery.periods, user=DEMO_USER)
    result = plan_rotation(gallery.spaces, gallery.members, gallery.periods)
    galleries.apply_plan(event.id, result.turns, user=DEMO_USER, summary="demo")
    return event
