"""The batch manifest: one record per input, kept in OUT as ``manifest.json`` and ``manifest.csv``.

Both files are rewritten atomically (temporary name, then rename: ``convert.archive.output``), so an
interrupted batch always leaves a complete manifest from its last save. The JSON form is the
one referat reads back to resume a batch; the CSV (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180)
is the same table for a spreadsheet or an open-data portal.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path, PurePosixPath

from convert.archive.escape import csv_cell, json_text
from convert.archive.output import atomic_write

JSON_NAME = "manifest.json"
CSV_NAME = "manifest.csv"

# status of an input in the manifest
CONVERTED = "converted"  # converted in this or an earlier run
UNCHANGED = "unchanged"  # skipped by resume: same content, same referat, same formats and settings
FAILED = "failed"
DONE = (CONVERTED, UNCHANGED)


@dataclass
class Entry:
    path: str  # the input as found (relative to the current folder when it was given so)
    status: str
    sha256: str = ""
    size: int = 0
    reader: str = ""
    items: int = 0
    pages: int = 0
    outputs: list[str] = field(default_factory=list)  # relative to OUT
    error: str = ""
    seconds: float = 0.0
    key: str = ""  # what the outputs were made with: referat version, formats, settings
    marks: list[str] = field(default_factory=list)  # e.g. "damaged-text": read, but not all of it is right
    warnings: list[str] = field(default_factory=list)  # one line each, naming the file and the problem

    @classmethod
    def from_dict(cls, data: dict) -> Entry:
        names = {f.name for f in fields(cls)}
        entry = cls(**{k: v for k, v in data.items() if k in names})
        if not isinstance(entry.path, str) or not isinstance(entry.outputs, list):
            raise TypeError("not a manifest entry")
        # A manifest can be edited or crafted: an output outside OUT is never taken from it.
        entry.outputs = [o for o in entry.outputs if isinstance(o, str) and _inside(o)]
        return entry


def _inside(rel: str) -> bool:
    path = PurePosixPath(rel.replace("\\", "/"))
    return bool(rel) and not path.is_absolute() and ".." not in path.parts


def run_key(version: str, formats: list[str], settings: dict) -> str:
    """A short fingerprint of everything besides the input's bytes that shapes the outputs."""
    text = json.dumps([version, sorted(formats), settings], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Manifest:
    """The manifest of one OUT folder, saved at most every ``interval`` seconds while a batch runs."""

    def __init__(self, out: Path, version: str, interval: float = 1.0):
        self.out = out
        self.version = version
        self.interval = interval
        self.entries: dict[str, Entry] = {}
        self._saved = 0.0
        self._dirty = False

    @classmethod
    def load(cls, out: Path, version: str) -> Manifest:
        """The manifest left by an earlier run, or an empty one; a damaged file counts as none."""
        manifest = cls(out, version)
        try:
            data = json.loads((out / JSON_NAME).read_text(encoding="utf-8"))
            for record in data.get("inputs", []):
                entry = Entry.from_dict(record)
                manifest.entries[entry.path] = entry
        except (OSError, ValueError, TypeError, AttributeError):
            manifest.entries.clear()
        return manifest

    def previous(self, path: str) -> Entry | None:
        return self.entries.get(path)

    def record(self, entry: Entry) -> None:
        self.entries[entry.path] = entry
        self._dirty = True
        if time.monotonic() - self._saved >= self.interval:
            self.save()

    def counts(self) -> dict[str, int]:
        counts = {CONVERTED: 0, UNCHANGED: 0, FAILED: 0}
        for entry in self.entries.values():
            counts[entry.status] = counts.get(entry.status, 0) + 1
        return counts

    def save(self) -> None:
        entries = [self.entries[k] for k in sorted(self.entries)]
        doc = {
            "generator": f"referat {self.version}",
            "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "counts": self.counts(),
            "inputs": [asdict(e) for e in entries],
        }
        body = json_text(json.dumps(doc, ensure_ascii=False, indent=1)) + "\n"
        atomic_write(self.out / JSON_NAME, lambda tmp: tmp.write_text(body, encoding="utf-8"))
        atomic_write(self.out / CSV_NAME, lambda tmp: tmp.write_text(_csv(entries), encoding="utf-8"))
        self._saved = time.monotonic()
        self._dirty = False


CSV_COLUMNS = ["path", "status", "sha256", "size", "reader", "items", "pages", "outputs", "error", "seconds", "marks"]
CSV_COLUMNS += ["warnings"]


def _csv(entries: list[Entry]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        row = asdict(e)
        row["outputs"] = " ".join(e.outputs)
        row["marks"] = " ".join(e.marks)
        row["warnings"] = "; ".join(e.warnings)
        row["seconds"] = f"{e.seconds:.3f}"
        writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
    return buf.getvalue()
