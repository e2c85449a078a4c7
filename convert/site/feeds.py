"""The archive's feeds: Atom 1.0 of the newest minutes (RFC 4287) and an iCalendar file of the
meetings (RFC 5545), both with stable ids from the meetings' addresses, so a feed reader or a
calendar sees a rebuilt archive as the same entries."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from convert.site.collect import Archive, Meeting
from convert.writers._opendata import danish_date

FEED_SIZE = 50


def _when(m: Meeting) -> dt.date:
    return m.summary.date or dt.date(1970, 1, 1)


def atom(archive: Archive, base_url: str, site_name: str) -> str:
    base = base_url.rstrip("/")
    dated = [m for m in archive.meetings if m.summary.date][:FEED_SIZE]
    updated = f"{_when(dated[0]).isoformat()}T00:00:00Z" if dated else "1970-01-01T00:00:00Z"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">',
        f"<title>{escape(site_name)}: nye referater</title>",
        f'<link rel="alternate" href="{escape(base)}/index.html"/>',
        f'<link rel="self" href="{escape(base)}/feed.xml"/>',
        f"<id>{escape(base)}/feed.xml</id>",
        f"<updated>{updated}</updated>",
        f"<author><name>{escape(site_name)}</name></author>",
    ]
    for m in dated:
        url = f"{base}/moeder/{m.key}/index.html"
        items = "; ".join(f"{number}. {title}" if number else title for number, title in m.summary.items)
        out += [
            "<entry>",
            f"<title>{escape(m.title)}, {escape(danish_date(_when(m)))}</title>",
            f'<link rel="alternate" href="{escape(url)}"/>',
            f"<id>{escape(url)}</id>",
            f"<updated>{_when(m).isoformat()}T00:00:00Z</updated>",
            f"<summary>{escape(items)}</summary>",
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 section 3.1: lines of at most 75 octets, continued with a leading space."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0]] + [" " + x for x in out[1:]]


def ical(archive: Archive, base_url: str, site_name: str) -> str:
    host = base_url.split("//", 1)[-1].split("/", 1)[0] or "referat"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//referat//web archive//DA", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text(site_name)}"]
    for m in archive.meetings:
        meeting = m.summary
        if not meeting.date:
            continue
        day = meeting.date.strftime("%Y%m%d")
        lines += ["BEGIN:VEVENT", f"UID:{m.key.replace('/', '-')}@{host}", f"DTSTAMP:{day}T000000Z"]
        start = (meeting.start or "").replace(":", "").replace(".", "")
        if len(start) == 4 and start.isdigit():
            lines.append(f"DTSTART;TZID=Europe/Copenhagen:{day}T{start}00")
            end = (meeting.end or "").replace(":", "").replace(".", "")
            if len(end) == 4 and end.isdigit() and end > start:
                lines.append(f"DTEND;TZID=Europe/Copenhagen:{day}T{end}00")
        else:
            lines.append(f"DTSTART;VALUE=DATE:{day}")
        lines.append(f"SUMMARY:{_ics_text(m.title)}")
        if meeting.location:
            lines.append(f"LOCATION:{_ics_text(meeting.location)}")
        lines += [f"URL:{base_url.rstrip('/')}/moeder/{m.key}/index.html", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(f for line in lines for f in _fold(line)) + "\r\n"
