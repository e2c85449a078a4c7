"""The same minutes give the same bytes: an Office Open XML package (ECMA-376 Part 2, Open
Packaging Conventions: a ZIP archive) with no clock in it.

python-docx and openpyxl stamp every ZIP member with the time of saving, and openpyxl also writes
the time into ``docProps/core.xml``'s ``dcterms:modified``. An archive that publishes the same
minutes again would then publish a different file, and a checksum would say it changed. Here the
package is rewritten with every member dated ``when`` (the meeting's date, within the years a ZIP
time can hold; the ZIP epoch, 1980-01-01, when there is none) and the core properties' dates set
to it.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

ZIP_EPOCH = dt.datetime(1980, 1, 1)
ZIP_END = dt.datetime(2107, 12, 31)  # a ZIP time counts years from 1980 in seven bits
_CORE = "docProps/core.xml"
_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def settle(path: Path, when: dt.date | None) -> None:
    """Rewrite the package at ``path`` in place with no time of saving left in it."""
    moment = dt.datetime(when.year, when.month, when.day) if when else ZIP_EPOCH
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in members:
            if info.filename == _CORE:
                data = _DATES.sub(lambda m: m[1] + stamp + m[2], data)
            zip_time = min(max(moment, ZIP_EPOCH), ZIP_END)
            fixed = zipfile.ZipInfo(info.filename, date_time=zip_time.timetuple()[:6])
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)
