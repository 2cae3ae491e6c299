"""Kecamatan (districts, ``PP.RR.DD``) and the resolution of a member's region (SPEC 1 and 5).

A gallery of one kabupaten/kota counts its regions by kecamatan. Codes resolve anywhere; a name
only inside the gallery's home kabupaten/kota (``home``) or the one written after it
(``Bekasi Utara, Kota Bekasi``), because kecamatan names repeat across Indonesia and are never
guessed across regions. Anything else (a kabupaten/kota, a province) resolves as in SPEC 1.

A kecamatan is a :class:`Region` of type ``kecamatan``; its position is its kabupaten/kota
capital's, the nearest point the reference data gives.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz import fuzz, process

from booth_planner.core.i18n import t
from booth_planner.core.model import Region
from booth_planner.core.regions import (
    DATA_DIR,
    MAX_CANDIDATES,
    MIN_CANDIDATE_SCORE,
    AmbiguousRegionError,
    RegionError,
    UnknownRegionError,
    normalize,
    region,
    resolve,
)

DISTRICTS_CSV = DATA_DIR / "districts.csv"
KECAMATAN = "kecamatan"
# "32.75.03", "32 75 03", "327503", "32-75-3": a kecamatan code as people and spreadsheets write it.
_DISTRICT_CODE = re.compile(r"(\d{2})[.\-\s]?(\d{2})[.\-\s]?(\d{1,2})")
_PREFIX = re.compile(r"^\s*(?:kecamatan|kec)\b\.?\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def districts() -> tuple[Region, ...]:
    """All 7,285 kecamatan in code order."""
    with DISTRICTS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for row in rows:
        parent = region(row["regency_code"])
        found.append(Region(code=row["code"], name=row["name"], type=KECAMATAN,
                            province_code=row["province_code"], capital=parent.capital,
                            latitude=parent.latitude, longitude=parent.longitude))
    return tuple(sorted(found, key=lambda r: r.code))


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Region]:
    """Kecamatan keyed by code."""
    return {d.code: d for d in districts()}


def is_district_code(code: str) -> bool:
    """True for a code of the ``PP.RR.DD`` form."""
    return code.count(".") == 2


def district(code: str) -> Region:
    """The kecamatan with this exact code; KeyError if there is none."""
    try:
        return _by_code()[code]
    except KeyError:
        raise KeyError(f"no kecamatan has the code {code!r}") from None


def regency_of(code: str) -> Region:
    """The kabupaten/kota a kecamatan lies in."""
    return region(code.rsplit(".", 1)[0])


def any_region(code: str) -> Region:
    """The province, kabupaten/kota or kecamatan with this code; KeyError if none."""
    return district(code) if is_district_code(code) else region(code)


def full_name(item: Region) -> str:
    """``Kecamatan Bekasi Utara, Kota Bekasi`` for a kecamatan, the name for any other region."""
    if item.type != KECAMATAN:
        return item.name
    return f"Kecamatan {item.name}, {regency_of(item.code).name}"


@lru_cache(maxsize=1)
def _by_regency() -> dict[str, tuple[Region, ...]]:
    """Kecamatan of each kabupaten/kota."""
    grouped: dict[str, list[Region]] = {}
    for item in districts():
        grouped.setdefault(item.code.rsplit(".", 1)[0], []).append(item)
    return {code: tuple(items) for code, items in grouped.items()}


def districts_of(regency_code: str) -> tuple[Region, ...]:
    """The kecamatan of one kabupaten/kota, in code order (none for an unknown code)."""
    return _by_regency().get(regency_code, ())


def _key(text: str) -> str:
    """A kecamatan name's matching form: SPEC 1's normalisation, no spaces, no 'Kecamatan'."""
    text = unicodedata.normalize("NFKC", text).replace("\ufeff", "")
    return normalize(_PREFIX.sub("", text)).replace(" ", "")


@lru_cache(maxsize=1)
def _name_index() -> dict[str, dict[str, tuple[Region, ...]]]:
    """Per kabupaten/kota: matching key -> its kecamatan of that name."""
    index: dict[str, dict[str, list[Region]]] = {}
    for item in districts():
        keys = index.setdefault(item.code.rsplit(".", 1)[0], {})
        keys.setdefault(_key(item.name), []).append(item)
    return {code: {k: tuple(v) for k, v in keys.items()} for code, keys in index.items()}


@lru_cache(maxsize=1)
def _national_index() -> dict[str, tuple[Region, ...]]:
    """Matching key -> every kecamatan of that name in Indonesia."""
    index: dict[str, list[Region]] = {}
    for item in districts():
        index.setdefault(_key(item.name), []).append(item)
    return {key: tuple(items) for key, items in index.items()}


class _DistrictMessages:
    """Messages that name kecamatan with their kabupaten/kota, so equal names tell apart."""

    def message(self, lang: str = "id") -> str:
        """The error in words, in ``lang``."""
        key = self.message_key if self.candidates else f"{self.message_key}_alone"
        return t(key, lang, text=self.text.strip(),
                 candidates=", ".join(f"{full_name(r)} ({r.code})" for r in self.candidates))


class AmbiguousDistrictError(_DistrictMessages, AmbiguousRegionError):
    """A kecamatan name found in several places (or also a kabupaten/kota name)."""

    message_key = "districts.error.ambiguous"


class UnknownDistrictError(_DistrictMessages, UnknownRegionError):
    """A kecamatan code or name that fits none; ``candidates`` are the closest ones."""

    message_key = "districts.error.unknown"


class DistrictOutsideHomeError(_DistrictMessages, UnknownRegionError):
    """A kecamatan name that exists only outside the gallery's home."""

    message_key = "districts.error.elsewhere"


class DistrictNeedsHomeError(_DistrictMessages, UnknownRegionError):
    """A kecamatan name written without a home kabupaten/kota to look it up in."""

    message_key = "districts.error.no_home"


def _resolve_code(text: str, match: re.Match[str]) -> Region:
    """A kecamatan written as its code; unknown codes name the nearest of that kabupaten/kota."""
    province, regency, number = match.groups()
    code = f"{province}.{regency}.{int(number):02d}"
    if code in _by_code():
        return _by_code()[code]
    pool = districts_of(f"{province}.{regency}")
    near = sorted(pool, key=lambda d: (abs(int(d.code[-2:]) - int(number)), d.code))
    raise UnknownDistrictError(text, near[:MAX_CANDIDATES])


def _in_regency(text: str, name: str, regency_code: str) -> Region | None:
    """The kecamatan ``name`` names in one kabupaten/kota, None when it names none there."""
    found = _name_index().get(regency_code, {}).get(_key(name), ())
    if len(found) > 1:
        raise AmbiguousDistrictError(text, found)
    return found[0] if found else None


def _closest_in(key: str, regency_code: str) -> list[Region]:
    """The kecamatan of one kabupaten/kota whose names are nearest to ``key``."""
    pool = districts_of(regency_code)
    keys = [_key(d.name) for d in pool]
    hits = process.extract(key, keys, scorer=fuzz.WRatio, limit=MAX_CANDIDATES,
                           score_cutoff=MIN_CANDIDATE_SCORE)
    hits = sorted(hits, key=lambda hit: (-hit[1], -fuzz.ratio(key, hit[0]), pool[hit[2]].code))
    return [pool[i] for _, _, i in hits]


def _regency(text: str) -> Region:
    """The kabupaten/kota written after a kecamatan's comma; a province there is an error."""
    found = resolve(text)
    if found.is_province:
        raise UnknownRegionError(text, ())
    return found


def _unique(items: Iterable[Region]) -> list[Region]:
    """The regions without repeats, in first order, at most five."""
    return list(dict.fromkeys(items))[:MAX_CANDIDATES]


def resolve_member_region(text: str, home: str | None = None,
                          aliases: Mapping[str, str] | None = None) -> Region:
    """The region a gallery member's ``region`` text names (SPEC 5); RegionError when none or several.

    ``home`` is the gallery's kabupaten/kota code (``32.75``): kecamatan names resolve inside it.
    """
    stripped = unicodedata.normalize("NFKC", text).replace("\ufeff", "").strip()
    code_match = _DISTRICT_CODE.fullmatch(stripped)
    if code_match:
        return _resolve_code(text, code_match)
    if "," in stripped:
        name, _, regency_text = stripped.rpartition(",")
        regency_found = _regency(regency_text)
        found = _in_regency(text, name, regency_found.code)
        if found is None:
            raise UnknownDistrictError(text, _closest_in(_key(name), regency_found.code))
        return found
    written_as_kecamatan = bool(_PREFIX.match(stripped))
    at_home = _in_regency(text, stripped, home) if home else None
    if written_as_kecamatan:
        if at_home is not None:
            return at_home
        raise _elsewhere(text, stripped, home)
    try:
        other = resolve(stripped, aliases)
    except AmbiguousRegionError as error:
        if at_home is not None:
            raise AmbiguousDistrictError(text, [at_home, *error.candidates]) from None
        raise
    except UnknownRegionError as error:
        if at_home is not None:
            return at_home
        if _national_index().get(_key(stripped)) or (home and _closest_in(_key(stripped), home)):
            raise _elsewhere(text, stripped, home) from None
        raise error from None
    if at_home is not None and other.code != at_home.code:
        raise AmbiguousDistrictError(text, [at_home, other])
    return other


def _elsewhere(text: str, name: str, home: str | None) -> RegionError:
    """The error for a kecamatan name not found at home: the home's nearest, then elsewhere's."""
    key = _key(name)
    near = _closest_in(key, home) if home else []
    elsewhere = [d for d in _national_index().get(key, ())
                 if not home or not d.code.startswith(home + ".")]
    if near and not elsewhere:
        return UnknownDistrictError(text, near)
    if not home:
        return DistrictNeedsHomeError(text, _unique(elsewhere))
    return DistrictOutsideHomeError(text, _unique([*near, *elsewhere]))
