"""Curation: an applicant's documents and certificates, and which ones its category needs.

A requirement is a set of alternatives ("P-IRT or BPOM"); a category may have several, all of
which must be met. A certificate that expires before the event's last day counts as missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

DEFAULT_KINDS = ("NIB", "P-IRT", "BPOM", "halal")
# category (casefolded) -> requirements, each a tuple of alternatives.
DEFAULT_RULES: dict[str, tuple[tuple[str, ...], ...]] = {"kuliner": (("P-IRT", "BPOM"),)}
MAX_KIND_LENGTH = 30
MAX_NUMBER_LENGTH = 100


class CurationError(ValueError):
    """A certificate or rule that cannot be recorded; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Certificate:
    """One document of an applicant: its kind (NIB, P-IRT...), number and expiry date."""

    kind: str
    number: str = ""
    expires_on: date | None = None


def normalise_kind(text: str) -> str:
    """A certificate kind as recorded: the known spelling of a default kind, else trimmed text."""
    value = " ".join((text or "").split())
    if not value:
        raise CurationError("a certificate needs a kind (NIB, P-IRT, BPOM, halal, ...)")
    if len(value) > MAX_KIND_LENGTH:
        raise CurationError(f"certificate kind {value[:40]!r} is longer than "
                            f"{MAX_KIND_LENGTH} characters")
    known = {k.casefold().replace("-", ""): k for k in DEFAULT_KINDS}
    return known.get(value.casefold().replace("-", "").replace(" ", ""), value)


def check_certificate(certificate: Certificate) -> Certificate:
    """The certificate with its kind normalised; CurationError when a field is unusable."""
    number = " ".join((certificate.number or "").split())
    if len(number) > MAX_NUMBER_LENGTH:
        raise CurationError(f"certificate number is longer than {MAX_NUMBER_LENGTH} characters")
    return Certificate(normalise_kind(certificate.kind), number, certificate.expires_on)


def valid_on(certificate: Certificate, day: date | None) -> bool:
    """True when the certificate is still valid on ``day`` (no expiry date: always)."""
    return certificate.expires_on is None or day is None or certificate.expires_on >= day


def event_last_day(start: date | None, end: date | None, today: date) -> date:
    """The day a certificate must still be valid on: the event's last day, else today."""
    return end or start or today


def requirements_for(category: str,
                     rules: Mapping[str, Sequence[Sequence[str]]] | None = None
                     ) -> tuple[tuple[str, ...], ...]:
    """The requirements of ``category`` under ``rules`` (the defaults when None)."""
    table = DEFAULT_RULES if rules is None else rules
    wanted = (category or "").strip().casefold()
    for name, requirements in table.items():
        if name.strip().casefold() == wanted:
            return tuple(tuple(normalise_kind(k) for k in alternatives)
                         for alternatives in requirements if alternatives)
    return ()


def missing(category: str, certificates: Iterable[Certificate], day: date | None,
            rules: Mapping[str, Sequence[Sequence[str]]] | None = None
            ) -> list[tuple[str, ...]]:
    """The requirements of ``category`` that no certificate valid on ``day`` meets."""
    held = {normalise_kind(c.kind).casefold() for c in certificates if valid_on(c, day)}
    return [alternatives for alternatives in requirements_for(category, rules)
            if not any(k.casefold() in held for k in alternatives)]


def expired(certificates: Iterable[Certificate], day: date | None) -> list[Certificate]:
    """The certificates no longer valid on ``day``."""
    return [c for c in certificates if not valid_on(c, day)]


def parse_rules(text: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Rules from lines like ``kuliner: P-IRT | BPOM; halal``: ``|`` is "or", ``;`` is "and"."""
    rules: dict[str, tuple[tuple[str, ...], ...]] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        category, colon, rest = line.partition(":")
        if not colon or not category.strip():
            raise CurationError(f"line {number}: write the category, a colon and the "
                                "certificates, e.g. 'kuliner: P-IRT | BPOM'")
        requirements = tuple(
            tuple(normalise_kind(k) for k in part.split("|") if k.strip())
            for part in rest.split(";") if part.strip())
        rules[category.strip()] = requirements
    return rules


def format_rules(rules: Mapping[str, Sequence[Sequence[str]]]) -> str:
    """Rules written back the way ``parse_rules`` reads them."""
    return "\n".join(f"{category}: " + "; ".join(" | ".join(alt) for alt in requirements)
                     for category, requirements in rules.items())
