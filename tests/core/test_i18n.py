"""The translation helper and the locale files: same keys and placeholders in both languages."""

import json
import string
from datetime import date

import pytest

from booth_planner.core.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    catalogue,
    format_date,
    format_date_range,
    format_number,
    format_rupiah,
    t,
)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("path", sorted(LOCALES_DIR.glob("*.json")), ids=lambda p: p.name)
def test_every_text_exists_in_both_languages_with_the_same_placeholders(path):
    for key, texts in json.loads(path.read_text(encoding="utf-8")).items():
        assert set(texts) == set(LANGUAGES), f"{path.name}: {key} has {sorted(texts)}"
        assert all(texts[lang].strip() for lang in LANGUAGES), f"{path.name}: {key} is empty"
        assert placeholders(texts["id"]) == placeholders(texts["en"]), f"{path.name}: {key}"


def test_no_key_is_defined_twice_across_locale_files():
    seen: dict[str, str] = {}
    for path in sorted(LOCALES_DIR.glob("*.json")):
        for key in json.loads(path.read_text(encoding="utf-8")):
            assert key not in seen, f"{key} in {path.name} and {seen[key]}"
            seen[key] = path.name
    assert set(seen) == set(catalogue())


def test_t_fills_placeholders_and_defaults_to_indonesian():
    assert t("sidebar.signed_in_as", user="Rina") == "Masuk sebagai Rina"
    assert t("sidebar.signed_in_as", "en", user="Rina") == "Signed in as Rina"
    with pytest.raises(KeyError, match="no.such.key"):
        t("no.such.key")


def test_rupiah_numbers_and_dates_as_indonesians_write_them():
    assert format_rupiah(2_500_000) == "Rp 2.500.000"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(None) == ""
    assert format_number(1222, "id") == "1.222"
    assert format_number(1222, "en") == "1,222"
    assert format_date(date(2024, 9, 9), "id") == "9 September 2024"
    assert format_date(date(2026, 8, 17), "id") == "17 Agustus 2026"
    assert format_date(date(2026, 8, 17), "en") == "17 August 2026"
    assert format_date_range(date(2024, 9, 9), date(2024, 9, 20), "id") == \
        "9 September 2024 – 20 September 2024"
    assert format_date_range(date(2024, 9, 9), date(2024, 9, 9)) == "9 September 2024"


def test_decimals_and_percentages_follow_the_language():
    from booth_planner.core.i18n import format_decimal, format_percent

    assert format_decimal(0.820, "id") == "0,82" and format_decimal(0.820, "en") == "0.82"
    assert format_decimal(1234.5, "id") == "1.234,5" and format_decimal(1234.5, "en") == "1,234.5"
    assert format_decimal(3.0, "id") == "3" and format_decimal(-0.001, "id") == "0"
    assert format_percent(0.82, "id") == "82%" and format_percent(0.825, "id", 1) == "82,5%"


def test_one_takes_the_singular_in_english():
    assert t("export.print.booth_count", "en", count=1) == "1 booth"
    assert t("export.print.booth_count", "en", count=2) == "2 booths"
    assert t("export.print.booth_count", "en", count="1,001") == "1,001 booths"
    assert t("export.print.booth_count", "id", count=1) == "1 stand"


def test_a_share_out_of_one_keeps_the_plural():
    from booth_planner.core.i18n import singular_after_one

    assert singular_after_one("0/1 booths") == "0/1 booths"
