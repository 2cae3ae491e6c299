"""Exhibitor profile fields as people type them: WhatsApp numbers and shop links.

WhatsApp numbers come in every spelling (``0812-3456-7890``, ``+62 812 3456 7890``,
``62812...``, ``812...``); they are kept as ``62...`` digits, what ``wa.me`` links need.
Links are ``https://`` only: a visitor's phone opens them, so ``javascript:``, ``data:``,
``http://`` and anything without a host are refused, each with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

LINK_SEPARATOR = "|"
MAX_LINKS = 10
MAX_LINK_LENGTH = 500
MAX_DESCRIPTION_LENGTH = 500
WHATSAPP_MAX_TEXT = 40
COUNTRY_CODE = "62"
# Indonesian numbers after the country code: 8 to 12 digits, never starting with 0.
_NATIONAL = re.compile(r"[1-9]\d{7,11}")
_SPELLING = re.compile(r"[\s\-.()/]+")
_HOST = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?",
                   re.IGNORECASE)
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")


@dataclass(frozen=True)
class ProfileError(ValueError):
    """A profile value that cannot be kept; ``code`` names the reason, ``params`` fill its text."""

    code: str
    value: str
    suggestion: str = ""

    def __str__(self) -> str:
        return f"{self.code}: {self.value}"


def normalise_whatsapp(text: str) -> str | None:
    """``0812-3456-7890`` as ``6281234567890``; None for an empty cell; ProfileError if not one."""
    value = (text or "").strip()
    if not value:
        return None
    digits = _SPELLING.sub("", value)
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith(COUNTRY_CODE):
            raise ProfileError("whatsapp_foreign", value)
    if not digits.isdigit():
        raise ProfileError("whatsapp_invalid", value)
    if digits.startswith(COUNTRY_CODE):
        national = digits[len(COUNTRY_CODE):].removeprefix("0")
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    if not _NATIONAL.fullmatch(national):
        raise ProfileError("whatsapp_invalid", value)
    return COUNTRY_CODE + national


def check_link(text: str) -> str:
    """One shop link, trimmed, when it is a safe ``https://`` URL; ProfileError otherwise."""
    value = text.strip()
    if len(value) > MAX_LINK_LENGTH:
        raise ProfileError("link_too_long", value[:60] + "…")
    if _UNSAFE.search(value):
        raise ProfileError("link_unsafe_character", value)
    parts = urlsplit(value)
    scheme = parts.scheme.casefold()
    if scheme != "https":
        if scheme in ("", "http") or "." in scheme:
            bare = value.split("://", 1)[-1] if "://" in value else value
            suggestion = "https://" + bare.lstrip("/")
            if _HOST.fullmatch(urlsplit(suggestion).hostname or ""):
                raise ProfileError("link_not_https", value, suggestion)
        raise ProfileError("link_bad_scheme", value)
    if parts.username or parts.password:
        raise ProfileError("link_credentials", value)
    if not _HOST.fullmatch(parts.hostname or ""):
        raise ProfileError("link_no_host", value)
    return value


def parse_links(text: str) -> tuple[str, ...]:
    """``https://a|https://b`` as a tuple, repeats dropped; the first bad link raises."""
    pieces = [p.strip() for p in (text or "").split(LINK_SEPARATOR)]
    links = tuple(dict.fromkeys(check_link(p) for p in pieces if p))
    if len(links) > MAX_LINKS:
        raise ProfileError("too_many_links", str(len(links)))
    return links


def normalise_base_url(text: str) -> str | None:
    """The directory's published address (``https://...``), without a trailing ``?`` or ``/``.

    Plain ``http://`` is accepted here (a fair's own network may have no certificate), unlike
    exhibitors' links; None for an empty value.
    """
    value = (text or "").strip()
    if not value:
        return None
    if value.casefold().startswith("http://"):
        check_link("https://" + value[len("http://"):])
    else:
        check_link(value)
    if "?" in value or "#" in value:
        raise ProfileError("base_url_query", value)
    return value.rstrip("/")


def whatsapp_link(number: str) -> str:
    """The ``wa.me`` address that opens a chat with a normalised number."""
    return f"https://wa.me/{number}"


def booth_url(base_url: str, booth_id: str) -> str:
    """The directory entry of a booth: ``BASE?booth=ID`` (SPEC 6)."""
    from urllib.parse import quote

    return f"{base_url}?booth={quote(booth_id, safe='-_.~')}"


def exhibitor_url(base_url: str, applicant_id: str) -> str:
    """The directory entry of an exhibitor: ``BASE?exhibitor=ID``."""
    from urllib.parse import quote

    return f"{base_url}?exhibitor={quote(applicant_id, safe='-_.~')}"


def qr_target(links: tuple[str, ...], base_url: str | None, booth_id: str) -> str | None:
    """What a booth card's QR code holds: the first link, else the booth's entry, else None."""
    if links:
        return links[0]
    return booth_url(base_url, booth_id) if base_url else None
