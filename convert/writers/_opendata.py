"""Helpers shared by the open-data writers (OParl 1.1 JSON, Akoma Ntoso 3.0 XML); not a writer.

Both formats name a meeting by a stable key derived from its content (authority, body, date),
so that the same minutes always get the same URLs/URIs, whichever reader produced the model.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from convert.model import Minutes

# Danish letters have conventional ASCII spellings (æ→ae, ø→oe, å→aa), which read better in a
# URL than NFKD's stripping (which would turn "Økonomiudvalget" into "konomiudvalget").
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str | None, fallback: str = "x", limit: int = 60) -> str:
    """Lower-case ASCII letters, digits and single hyphens: safe in URLs, URIs and XML ids."""
    ascii_text = unicodedata.normalize("NFKD", (text or "").translate(_DANISH))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    result = _NOT_SLUG.sub("-", ascii_text).strip("-")[:limit].strip("-")
    return result or fallback


def unique(base: str, taken) -> str:
    """``base``, or ``base-2``, ``base-3``, … : the first not in ``taken`` (ids must not collide)."""
    eid, n = base, 1
    while eid in taken:
        n += 1
        eid = f"{base}-{n}"
    return eid


def organization_key(minutes: Minutes) -> str:
    """The meeting body, prefixed by the authority when the document names one."""
    meeting = minutes.meeting
    body = slug(meeting.body, "ukendt-udvalg")
    return f"{slug(meeting.authority)}-{body}" if meeting.authority else body


def date_key(minutes: Minutes) -> str:
    date = minutes.meeting.date
    return date.isoformat() if date else "udateret"


MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


def danish_date(date: dt.date) -> str:
    """The long Danish form minutes print: "1. juni 2021"."""
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"
