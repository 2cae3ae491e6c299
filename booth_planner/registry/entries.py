"""Produk unggulan registry entries: one flagship product of one kabupaten/kota (or kecamatan).

The registry outlives events. Its one rule: a region holds one entry per product (the product's
*key*, its name with case, spacing and punctuation ignored), and when two entries turn out to be
the same product they are merged, keeping the sources of both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from booth_planner.core import districts, regions

MIN_OVOP_STARS = 1
MAX_OVOP_STARS = 5
MAX_NAME_LENGTH = 200
# Indikasi Geografis registrations of DJKI are written IDG followed by nine digits
# (``IDG000000012``); people type them with spaces, dots or hyphens in between.
_IG_NUMBER = re.compile(r"ID\s*[-.]?\s*G\s*[-.]?\s*(\d{1,9})", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


class RegistryError(ValueError):
    """An entry the registry cannot take; ``code`` names the rule, ``params`` fill its message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"{code}: " + ", ".join(f"{k}={v}" for k, v in params.items()))
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entry's facts come from (a decree, a Dekranasda letter, applicants) and when."""

    name: str
    date: date | None = None


@dataclass(frozen=True, slots=True)
class Marks:
    """The marks a product can carry."""

    ig_number: str | None = None  # Indikasi Geografis registration (IDG000000012)
    ovop_stars: int | None = None  # One Village One Product rating, 1-5
    halal: bool = False
    permit: str | None = None  # P-IRT or BPOM (MD/ML) number

    @property
    def has_ig(self) -> bool:
        """True when the product is a registered Indikasi Geografis."""
        return bool(self.ig_number)


@dataclass(frozen=True, slots=True)
class Entry:
    """One produk unggulan of a kabupaten/kota (``PP.RR``) or, for a kota gallery, a kecamatan."""

    region_code: str
    name: str
    category: str = ""
    description: str = ""
    raw_material: str = ""
    producers: str = ""  # producers or the sentra where it is made
    marks: Marks = field(default_factory=Marks)
    sources: tuple[Source, ...] = ()
    entry_id: int | None = None  # the database's id, None before it is stored
    version: int = 0

    @property
    def key(self) -> tuple[str, str]:
        """(region, product key): the registry holds at most one entry per key."""
        return (self.region_code, product_key(self.name))

    @property
    def kabkota_code(self) -> str:
        """The entry's kabupaten/kota, a kecamatan entry's too."""
        return self.region_code[:5]


def product_key(name: str) -> str:
    """``Ulos  Batak-Toba`` -> ``ulos batak toba``: the name as the one-per-region rule sees it."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def normalise_ig_number(text: str) -> str | None:
    """``ID G 000000012`` -> ``IDG000000012``; None for an empty text; RegistryError otherwise."""
    stripped = text.strip()
    if not stripped:
        return None
    match = _IG_NUMBER.fullmatch(stripped)
    if match is None:
        raise RegistryError("registry_bad_ig_number", value=stripped)
    return f"IDG{int(match[1]):09d}"


def check_region(code: str) -> str:
    """``code`` when an entry may belong to it (a kabupaten/kota or kecamatan), else RegistryError."""
    if districts.is_district_code(code):
        districts.district(code)
        return code
    try:
        region = regions.region(code)
    except KeyError:
        raise RegistryError("registry_unknown_region", value=code) from None
    if region.is_province:
        raise RegistryError("registry_province_region", value=region.name)
    return code


def checked(entry: Entry) -> Entry:
    """``entry`` with its texts trimmed, when it keeps the registry's rules; RegistryError if not."""
    name = " ".join(entry.name.split())
    if not product_key(name):
        raise RegistryError("registry_name_required")
    if len(name) > MAX_NAME_LENGTH:
        raise RegistryError("registry_name_too_long", length=len(name), limit=MAX_NAME_LENGTH)
    check_region(entry.region_code)
    stars = entry.marks.ovop_stars
    if stars is not None and not MIN_OVOP_STARS <= stars <= MAX_OVOP_STARS:
        raise RegistryError("registry_bad_ovop", value=stars)
    ig = normalise_ig_number(entry.marks.ig_number or "")
    marks = replace(entry.marks, ig_number=ig, permit=(entry.marks.permit or "").strip() or None)
    return replace(entry, name=name, category=entry.category.strip().casefold(),
                   description=entry.description.strip(), raw_material=entry.raw_material.strip(),
                   producers=entry.producers.strip(), marks=marks,
                   sources=merged_sources(entry.sources))


def merged_sources(*groups: Iterable[Source]) -> tuple[Source, ...]:
    """Sources of all groups in order, each (name, date) once, empty names dropped."""
    seen: dict[tuple[str, date | None], Source] = {}
    for group in groups:
        for source in group:
            name = " ".join(source.name.split())
            if name and (name.casefold(), source.date) not in seen:
                seen[(name.casefold(), source.date)] = Source(name, source.date)
    return tuple(seen.values())


def merge(keep: Entry, other: Entry) -> Entry:
    """``other`` folded into ``keep``: keep's texts, other's where keep has none, both's sources.

    Marks add up: an IG number or permit either has, the higher OVOP rating, halal if either is.
    Two regions' entries never merge.
    """
    if keep.region_code != other.region_code:
        raise RegistryError("registry_merge_regions", first=keep.region_code,
                            second=other.region_code)
    a, b = keep.marks, other.marks
    stars = [s for s in (a.ovop_stars, b.ovop_stars) if s is not None]
    marks = Marks(ig_number=a.ig_number or b.ig_number, ovop_stars=max(stars) if stars else None,
                  halal=a.halal or b.halal, permit=a.permit or b.permit)
    return replace(
        keep, category=keep.category or other.category,
        description=keep.description or other.description,
        raw_material=keep.raw_material or other.raw_material,
        producers=_joined(keep.producers, other.producers), marks=marks,
        sources=merged_sources(keep.sources, other.sources))


def merge_into_registered(entry: Entry, registered: Entry) -> Entry:
    """What ``registered`` becomes when a file brings ``entry`` for it: the file's texts first,
    the registered entry's name, id and version kept."""
    return replace(merge(entry, registered), name=registered.name,
                   entry_id=registered.entry_id, version=registered.version)


def _joined(first: str, second: str) -> str:
    """Two producer lists as one, a name both carry written once."""
    parts = [p.strip() for text in (first, second) for p in text.split(";") if p.strip()]
    return "; ".join(dict.fromkeys(parts))


def add(entries: Sequence[Entry], new: Entry) -> list[Entry]:
    """``entries`` with ``new`` added, or merged into the entry of the same region and product."""
    new = checked(new)
    found = [e for e in entries if e.key == new.key]
    if not found:
        return [*entries, new]
    return [merge(e, new) if e.key == new.key else e for e in entries]


def duplicates(entries: Iterable[Entry]) -> list[tuple[Entry, Entry]]:
    """Pairs of entries that break the one-per-region-and-product rule (first, second)."""
    first: dict[tuple[str, str], Entry] = {}
    found = []
    for entry in entries:
        if entry.key in first:
            found.append((first[entry.key], entry))
        else:
            first[entry.key] = entry
    return found


def for_region(entries: Iterable[Entry], code: str) -> list[Entry]:
    """The entries of kabupaten/kota ``code`` (its kecamatan's too) or of kecamatan ``code``."""
    if districts.is_district_code(code):
        return [e for e in entries if e.region_code in (code, code[:5])]
    return [e for e in entries if e.kabkota_code == code]
