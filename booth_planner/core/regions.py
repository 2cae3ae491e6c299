"""Indonesia's official regions and the resolution of a written region to one of them (SPEC 1).

The reference is ``data/regions.csv`` (38 provinces, 514 kabupaten/kota); ``data/region_aliases.csv``
adds everyday abbreviations, former names and spelling variants. Resolution never guesses: a text
that fits no region or several raises a :class:`RegionError` naming the candidates, closest first.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from booth_planner.core.i18n import t
from booth_planner.core.model import Region

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
REGIONS_CSV = DATA_DIR / "regions.csv"
ALIASES_CSV = DATA_DIR / "region_aliases.csv"
ALIAS_KINDS = ("abbreviation", "former", "spelling")
MAX_CANDIDATES = 5
# Below this rapidfuzz WRatio a region is too unlike the text to be worth suggesting.
MIN_CANDIDATE_SCORE = 60.0
# Shorter keys (NAD, DIY, OKU) would "partly match" nearly anything under rapidfuzz's WRatio, so
# they are compared whole (plain ratio).
MIN_PARTIAL_KEY = 4

# Short forms people write for a whole word; applied to every word before matching.
_WORD_FORMS = {
    "kab": "kabupaten", "kabupatan": "kabupaten",
    "kot": "kota", "kodya": "kota", "kotamadya": "kota", "kotamadia": "kota",
    "pemkab": "kabupaten", "pemkot": "kota", "pemprov": "provinsi", "pemprop": "provinsi",
    "prov": "provinsi", "propinsi": "provinsi", "province": "provinsi",
    "adm": "administrasi", "admin": "administrasi",
    "kep": "kepulauan", "kepl": "kepulauan",
    "tg": "tanjung", "tj": "tanjung", "tjg": "tanjung",
    "sumatra": "sumatera",
}
# Words before the region proper that say who writes, not where ("Pemerintah Kabupaten Toba").
_LEAD_WORDS = frozenset({"pemerintah", "pemda", "dekranasda", "dekranas"})
_PREFIX_TYPES = {"kabupaten": "kabupaten", "kota": "kota", "provinsi": "provinsi"}
_CODE = re.compile(r"(\d{2})(?:[.\-\s]?(\d{1,2}))?")
_DIGIT = re.compile(r"\d")
_CODE_TEXT = r"\d{2}(?:[.\-]?\d{1,2})?"
# "12.04 Kabupaten Nias", "12.04 - Nias", "Kabupaten Nias (12.04)": a code and a name together.
_CODE_THEN_NAME = re.compile(rf"({_CODE_TEXT})\s*[-–:,]?\s*(\D+)")
_NAME_THEN_CODE = re.compile(rf"(\D+?)\s*[-–:,]?\s*[(\[]?\s*({_CODE_TEXT})\s*[)\]]?")
_NON_WORD = re.compile(r"[\W_]+")


class RegionError(ValueError):
    """A written region that resolves to no region or to more than one."""

    message_key = "regions.error.unknown"

    def __init__(self, text: str, candidates: Iterable[Region] = ()) -> None:
        self.text = text
        self.candidates: tuple[Region, ...] = tuple(candidates)
        super().__init__(self.message("en"))

    def __reduce__(self):
        """Pickle with text and candidates, not the rendered message."""
        return type(self), (self.text, self.candidates)

    def message(self, lang: str = "id") -> str:
        """The error in words, in ``lang``."""
        key = self.message_key if self.candidates else f"{self.message_key}_alone"
        if not self.text.strip():
            key = "regions.error.empty"
        return t(key, lang, text=self.text.strip(),
                 candidates=", ".join(label(r) for r in self.candidates))


class UnknownRegionError(RegionError):
    """No region fits the text; ``candidates`` are the closest ones."""

    message_key = "regions.error.unknown"


class AmbiguousRegionError(RegionError):
    """Several regions fit the text equally; ``candidates`` are all of them."""

    message_key = "regions.error.ambiguous"


class ConflictingRegionError(AmbiguousRegionError):
    """A code and a name written together that name different regions."""

    message_key = "regions.error.conflict"


def label(region: Region) -> str:
    """``Kabupaten Toba (12.12)``: a region as messages name it."""
    return f"{region.name} ({region.code})"


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """All 552 regions in code order."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(sorted(
        (Region(code=r["code"], name=r["name"], type=r["type"],
                province_code=r["province_code"], capital=r["capital"],
                latitude=float(r["latitude"]), longitude=float(r["longitude"]))
         for r in rows),
        key=lambda region: region.code,
    ))


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Region]:
    """Regions keyed by code."""
    return {r.code: r for r in regions()}


def region(code: str) -> Region:
    """The region with this exact code (``12`` or ``12.04``); KeyError if there is none."""
    try:
        return _by_code()[code]
    except KeyError:
        raise KeyError(f"no region has the code {code!r}") from None


def provinces() -> tuple[Region, ...]:
    """The 38 provinces in code order."""
    return tuple(r for r in regions() if r.is_province)


def kabupaten_kota(province_code: str | None = None) -> tuple[Region, ...]:
    """The kabupaten/kota, all or of one province, in code order."""
    if province_code is None:
        return tuple(r for r in regions() if not r.is_province)
    if not region(province_code).is_province:
        raise KeyError(f"{province_code!r} is not a province code")
    return tuple(r for r in regions() if not r.is_province and r.province_code == province_code)


def province_of(code: str) -> Region:
    """The province a region lies in; a province is its own."""
    return region(region(code).province_code)


def province_code(code: str) -> str:
    """The province part of a region code (``12.04`` -> ``12``; a province is its own)."""
    return code.split(".", 1)[0]


def code_label(code: str) -> str:
    """``Kabupaten Toba (12.12)`` for a region code; the bare code when the list does not know it."""
    try:
        return label(region(code))
    except (LookupError, ValueError):
        return code


def place_label(code: str) -> str:
    """``Kabupaten Toba, Sumatera Utara``: a region with its province; a province alone."""
    try:
        found = region(code)
    except (LookupError, ValueError):
        return code
    if found.is_province:
        return found.name
    return f"{found.name}, {province_of(code).name}"


@dataclass(frozen=True, slots=True)
class RegionAlias:
    """One row of ``region_aliases.csv``."""

    alias: str
    code: str
    kind: str
    note: str


@lru_cache(maxsize=1)
def region_aliases() -> tuple[RegionAlias, ...]:
    """The shipped abbreviations, former names and spelling variants."""
    with ALIASES_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(RegionAlias(r["alias"], r["code"], r["kind"], r["note"])
                     for r in csv.DictReader(handle))


def _words(text: str) -> list[str]:
    """The text's words, case-folded, without punctuation, short forms written out."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [_WORD_FORMS.get(w, w) for w in _NON_WORD.sub(" ", folded).split()]


def _parse(text: str) -> tuple[str | None, list[str]]:
    """The region type a prefix names (or None) and the words of the name proper."""
    words = _words(text)
    while len(words) > 1 and words[0] in _LEAD_WORDS:
        words = words[1:]
    kind = _PREFIX_TYPES.get(words[0]) if len(words) > 1 else None
    if kind is None:
        return None, words
    rest = words[1:]
    if kind != "provinsi" and len(rest) > 1 and rest[0] == "administrasi":
        rest = rest[1:]
    return kind, rest


def normalize(text: str) -> str:
    """The matching form of a region text: case-folded, no punctuation or prefix, single spaces."""
    return " ".join(_parse(text)[1])


def _key(words: Iterable[str]) -> str:
    """Words joined without spaces, so ``Pematang Siantar`` meets ``Pematangsiantar``."""
    return "".join(words)


@dataclass(frozen=True)
class _Index:
    """Everything resolution looks up, built once."""

    exact: dict[str, tuple[Region, ...]]
    long_keys: tuple[str, ...]
    long_regions: tuple[Region, ...]
    short_keys: tuple[str, ...]
    short_regions: tuple[Region, ...]


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Names and aliases keyed by their compact matching form."""
    exact: dict[str, list[Region]] = {}
    fuzzy: dict[tuple[str, str], Region] = {}
    entries = [(r.name, r) for r in regions()]
    entries += [(a.alias, region(a.code)) for a in region_aliases()]
    for text, target in entries:
        key = _key(_parse(text)[1])
        if target not in exact.setdefault(key, []):
            exact[key].append(target)
        fuzzy[(key, target.code)] = target
    long = [(key, r) for (key, _), r in fuzzy.items() if len(key) >= MIN_PARTIAL_KEY]
    short = [(key, r) for (key, _), r in fuzzy.items() if len(key) < MIN_PARTIAL_KEY]
    return _Index(
        exact={key: tuple(found) for key, found in exact.items()},
        long_keys=tuple(key for key, _ in long), long_regions=tuple(r for _, r in long),
        short_keys=tuple(key for key, _ in short), short_regions=tuple(r for _, r in short),
    )


def _resolve_code(text: str, match: re.Match[str]) -> Region:
    """A region written as its code: ``12``, ``12.04``, ``1204``; ``12.4`` when only one fits."""
    province, number = match.group(1), match.group(2)
    if number is None:
        codes = [province]
    elif len(number) == 2:
        codes = [f"{province}.{number}"]
    else:
        # Spreadsheets turn 12.40 into 12.4; a person may mean 12.04: take it only if one exists.
        codes = [f"{province}.0{number}", f"{province}.{number}0"]
    found = [_by_code()[c] for c in codes if c in _by_code()]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AmbiguousRegionError(text, sorted(found, key=lambda r: r.code))
    raise UnknownRegionError(text, _nearest_codes(province, number))


def _nearest_codes(province: str, number: str | None) -> list[Region]:
    """For an unknown code: the province's own regions with the nearest numbers, else provinces."""
    if number is not None and province in _by_code():
        pool = kabupaten_kota(province)
        target = int(number) * (10 if len(number) == 1 else 1)
        ranked = sorted(pool, key=lambda r: (abs(int(r.code[3:]) - target), r.code))
    else:
        ranked = sorted(provinces(), key=lambda r: (abs(int(r.code) - int(province)), r.code))
    return ranked[:MAX_CANDIDATES]


def _closest(key: str, kind: str | None, first: Iterable[Region] = ()) -> list[Region]:
    """Up to five regions nearest to ``key``, closest first, ``first`` ahead of all."""
    index = _index()
    limit = 8 * MAX_CANDIDATES
    hits = [(score, choice, index.long_regions[i]) for choice, score, i in process.extract(
        key, index.long_keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=MIN_CANDIDATE_SCORE)]
    hits += [(score, choice, index.short_regions[i]) for choice, score, i in process.extract(
        key, index.short_keys, scorer=fuzz.ratio, limit=limit, score_cutoff=MIN_CANDIDATE_SCORE)]
    # WRatio lets "Tapanuli" find the three Tapanuli; plain ratio breaks its ties by likeness.
    hits.sort(key=lambda hit: (-hit[0], -fuzz.ratio(key, hit[1]),
                               kind is not None and hit[2].type != kind, hit[2].code))
    return _unique([*first, *(r for _, _, r in hits)])


def _event_alias(text: str, kind: str | None, words: list[str],
                 event_aliases: Mapping[str, str]) -> Region | None:
    """The region an event's remembered alias gives the text, unless its prefix contradicts it."""
    for key in (" ".join(words), _key(words), text.strip()):
        code = event_aliases.get(key)
        if code is not None:
            target = region(code)
            if kind is None or target.type == kind:
                return target
    return None


def resolve(text: str, aliases: Mapping[str, str] | None = None) -> Region:
    """The one region ``text`` names (SPEC 1); RegionError when it names none or several.

    ``aliases`` maps :func:`normalize`-d texts to codes an event has learnt from its organizer;
    they win over the shipped names, unless the text's prefix says another type of region.
    """
    # NFKC turns non-breaking spaces into spaces; spreadsheets leave byte-order marks in cells.
    stripped = unicodedata.normalize("NFKC", text).replace("\ufeff", "").strip()
    if not stripped:
        raise UnknownRegionError(text)
    code_match = _CODE.fullmatch(stripped)
    if code_match:
        return _resolve_code(text, code_match)
    if _DIGIT.search(stripped):
        both = _CODE_THEN_NAME.fullmatch(stripped)
        if both:
            return _resolve_code_and_name(text, both.group(1), both.group(2), aliases)
        both = _NAME_THEN_CODE.fullmatch(stripped)
        if both:
            return _resolve_code_and_name(text, both.group(2), both.group(1), aliases)
    kind, words = _parse(stripped)
    if aliases:
        remembered = _event_alias(stripped, kind, words, aliases)
        if remembered is not None:
            return remembered
    found, error_type = _match_name(kind, tuple(words))
    if error_type is None:
        return found[0]
    raise error_type(text, found)


def _fits(text: str, aliases: Mapping[str, str] | None) -> tuple[list[Region], list[Region]]:
    """The regions a text fits (one, several or none) and, when none, the closest ones."""
    try:
        return [resolve(text, aliases)], []
    except AmbiguousRegionError as error:
        return list(error.candidates), []
    except UnknownRegionError as error:
        return [], list(error.candidates)


def _resolve_code_and_name(text: str, code: str, name: str,
                           aliases: Mapping[str, str] | None) -> Region:
    """A code written with a name: they must agree; either may settle the other's ambiguity."""
    by_code, near_code = _fits(code, None)
    by_name, near_name = _fits(name, aliases)
    common = [r for r in by_code if r in by_name]
    if len(common) == 1:
        return common[0]
    if len(common) > 1:
        raise AmbiguousRegionError(text, common)
    if by_code and by_name:
        raise ConflictingRegionError(text, _unique([*by_code, *by_name]))
    raise UnknownRegionError(text, _unique([*by_code, *by_name, *near_name, *near_code]))


def _unique(found: Iterable[Region]) -> list[Region]:
    """The regions without repeats, in their first order, at most five."""
    return list(dict.fromkeys(found))[:MAX_CANDIDATES]


@lru_cache(maxsize=16384)
def _match_name(kind: str | None, words: tuple[str, ...],
                ) -> tuple[tuple[Region, ...], type[RegionError] | None]:
    """The region a parsed name gives, or the error's type and candidates.

    Cached on the parsed words, since applicant lists repeat the same names in many spellings.
    """
    exact = _index().exact
    key = _key(words)
    found = exact.get(key, ())
    fitting = [r for r in found if kind is None or r.type == kind]
    if len(fitting) == 1:
        return (fitting[0],), None
    if len(fitting) > 1:
        return tuple(sorted(fitting, key=lambda r: r.code)), AmbiguousRegionError
    if kind is not None and not found:
        # "Kota Baru" may be Kabupaten Kotabaru: the prefix word can be part of the name.
        glued = exact.get(kind + key, ())
        if len(glued) == 1:
            return glued, None
    return tuple(_closest(key, kind, first=found)), UnknownRegionError
