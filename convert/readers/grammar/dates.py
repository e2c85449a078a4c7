"""Danish dates as minutes print them: 01-06-2021, 04.12.2012, 4/12 2012, "20. juni 2013",
"Torsdag den 20. juni 2013", "d. 3. juni 2021" (month names per Retskrivningsordbogen)."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = "mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag"

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[-./](\d{1,2})[-./ ](\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WORDS = re.compile(
    rf"(?:(?:{WEEKDAYS}),? )?(?:den |d\. ?)?(\d{{1,2}})\.? ?({_MONTH_NAMES})\.?,? (\d{{4}})",
    re.IGNORECASE,
)
_TIME = re.compile(r"(?:kl\.?|klokken|tidspunkt:?|mødetid:?|tid: (?:fra )?) ?(\d{1,2})[.:](\d{2})", re.IGNORECASE)


def _make(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> tuple[dt.date, re.Match] | None:
    """The first date in ``text`` in any of the spellings above, with the match."""
    found = []
    for pattern, order in ((_ISO, "ymd"), (_NUMERIC, "dmy"), (_WORDS, "dMy")):
        m = pattern.search(text)
        if not m:
            continue
        if order == "ymd":
            d = _make(int(m[1]), int(m[2]), int(m[3]))
        elif order == "dmy":
            d = _make(int(m[3]), int(m[2]), int(m[1]))
        else:
            d = _make(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
        if d:
            found.append((m.start(), d, m))
    if not found:
        return None
    _, d, m = min(found, key=lambda f: f[0])
    return d, m


def parse_date(text: str) -> dt.date | None:
    hit = find_date(text)
    return hit[0] if hit else None


def find_time(text: str) -> str | None:
    """'kl. 13:00', 'Tidspunkt: 13:00', 'Tid: fra 13:00' -> '13:00'."""
    m = _TIME.search(text)
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return None
    return f"{int(m[1]):02d}:{m[2]}"


_EXPORT_WHEN = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})(?: (\d{1,2}):(\d{2}))?")


def export_when(text: str) -> tuple[dt.date | None, str | None]:
    """Date and "HH:MM" of an export's "dd-mm-yyyy hh:mm[:ss]" field (eDoc, SBSYS)."""
    m = _EXPORT_WHEN.search(text)
    if not m:
        return None, None
    day, month, year, hour, minute = m.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None, None
    return date, (f"{int(hour):02d}:{minute}" if hour and int(hour) < 24 and int(minute) < 60 else None)
