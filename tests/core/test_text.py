"""Text helpers: natural sort order and slugs."""

from booth_planner.core.text import natural_key, slug, slugify


def test_natural_key_orders_numbers_by_value():
    assert sorted(["A-10", "a-2", "A-1", "B-01"], key=natural_key) == ["A-1", "a-2", "A-10", "B-01"]


def test_slugify_makes_event_slugs_and_slug_file_name_words():
    assert slugify("Pameran PON XXI 2024") == "pameran-pon-xxi-2024"
    assert slugify("Dékor Nusantara") == "dekor-nusantara"
    assert slugify("!!!") == "event"
    assert slug("Hall A / Utama") == "hall-a-utama"
