"""Many documents: discovery of inputs, one conversion per input, and the local process pool.

Inputs are files, folders (walked recursively, symlinks to folders not followed, so a symlink
loop cannot trap the walk) and globs. Inside folders a file is taken when a reader claims its
content (PDF, canonical XML/JSON, text) or when its extension names a minutes format, so a
broken ``x.pdf`` is reported while photos and spreadsheets lying beside the minutes are passed
over, and so are notes and data beside them (README.md, a .csv): the summary names them. Each
input is converted by ``convert_one``, which never raises: any failure, even a bug,
becomes a failed manifest entry, so one bad file never stops the batch.

Inputs are read only when they are regular files no larger than a limit (``--max-size``), so a
FIFO, a device or a huge file cannot hang the batch or fill memory. The workers that run
``convert_one`` are in ``convert.archive.pool``.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import convert
from convert import writers
from convert.archive.escape import printable
from convert.archive.manifest import CONVERTED, DONE, FAILED, UNCHANGED, Entry
from convert.errors import InputError, InputWarning, OutputError, ReferatError
from convert.limits import MAX_SIZE
from convert.readers import read_bytes, sniff

MINUTES_SUFFIXES = {".txt", ".text", ".pdf", ".xml", ".json", ".docx", ".doc"}
# Text files that lie beside an archive and are never minutes: notes, data, code, settings.
NOT_DOCUMENT_SUFFIXES = {
    ".md", ".markdown", ".rst", ".csv", ".tsv", ".log", ".ini", ".cfg", ".conf", ".yml", ".yaml", ".toml",
    ".py", ".sh", ".bat", ".ps1", ".js", ".css", ".sql", ".sha256", ".md5",
}  # fmt: skip
NOT_DOCUMENT_NAMES = {"readme", "license", "licence", "copying", "changelog", "notice", "authors", "makefile"}
# What a batch writes into OUT besides the per-input outputs (manifest.py, bundle.py).
OWN_NAMES = {"manifest.json", "manifest.csv", "datapackage.json", "combined.xlsx", "combined.oparl.json"}
OWN_FOLDERS = {"opendata"}
# Magic numbers of files that are certainly not minutes (images, archives, office files).
_NOT_MINUTES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"II*\x00", b"MM\x00*")


@dataclass(frozen=True)
class Job:
    path: Path
    out_dir: Path  # where this input's outputs go (the input's folder structure kept under OUT)
    stem: str  # the outputs' name before the format's extension
    previous: Entry | None = None  # this input's record from an earlier run (resume)


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    missing: list[Entry] = field(default_factory=list)  # inputs named but not found
    ignored: list[Path] = field(default_factory=list)  # files in folders that no reader claims
    skipped: list[str] = field(default_factory=list)  # notices: not regular files, referat's own outputs


def claims(path: Path) -> bool:
    """Whether a file found in a folder looks like something a reader could take."""
    if path.suffix.lower() in MINUTES_SUFFIXES:
        return True
    if path.suffix.lower() in NOT_DOCUMENT_SUFFIXES or path.stem.lower() in NOT_DOCUMENT_NAMES:
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if not head or head.startswith(_NOT_MINUTES):
        return False
    if sniff(head) != "text":
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f")
    return controls <= len(head) // 100


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    for test, name in kinds:
        if test(mode):
            return name
    return "not a regular file"


def discover(inputs: Iterable[str], out: Path, own: Iterable[Path] = ()) -> Plan:
    """Expand files, folders (recursively) and globs into jobs; unmatched inputs are failures.

    ``own`` are referat's outputs in OUT (from its manifest): never taken as inputs, even when
    OUT is the input folder itself."""
    plan = Plan()
    out_abs = out.resolve()
    own_abs = {p.resolve() for p in own}
    found: list[tuple[Path, Path]] = []  # (input, folder under OUT relative to OUT)
    for spec in inputs:
        matches = [Path(p) for p in sorted(glob.glob(spec, recursive=True))] if glob.has_magic(spec) else []
        if not matches:  # no glob, or a file whose name only looks like one ("møde [udkast].txt")
            matches = [Path(spec)]
        matches = [p for p in matches if p.exists() or p.is_symlink()]
        if not matches:
            plan.missing.append(Entry(spec, FAILED, error=f"{spec}: no such file or folder"))
            continue
        for match in matches:
            if match.is_dir():
                found.extend(_walk(match, out_abs, own_abs, plan))
            elif match.resolve() in own_abs:
                plan.skipped.append(f"{printable(str(match))}: skipped: an output of referat in {printable(str(out))}")
            else:
                found.append((match, Path()))
    # Two inputs that would make the same output name (x.txt and x.pdf side by side) keep
    # their suffix in the name: x.txt.xml and x.pdf.xml; two x.txt from different folders given
    # on the command line are told apart by a number: x.txt.xml, x.txt-2.xml.
    first: dict[Path, Path] = {}  # an input found twice (folder and glob) is converted once
    for path, rel in found:
        first.setdefault(path, rel)
    stems: dict[tuple[Path, str], int] = {}
    for path, rel in first.items():
        stems[(rel, path.stem)] = stems.get((rel, path.stem), 0) + 1
    used: set[tuple[Path, str]] = set()
    for path, rel in first.items():
        stem = path.stem if stems[(rel, path.stem)] == 1 else path.name
        candidate, n = stem, 1
        while (rel, candidate) in used:
            n += 1
            candidate = f"{stem}-{n}"
        used.add((rel, candidate))
        plan.jobs.append(Job(path, rel, candidate))
    return plan


def _walk(top: Path, out_abs: Path, own_abs: set[Path], plan: Plan) -> Iterator[tuple[Path, Path]]:
    for root, dirs, files in os.walk(top):
        root_path = Path(root)
        # Never read our own outputs back in when OUT lies inside an input folder.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (root_path / d).resolve() != out_abs)
        if root_path.resolve() == out_abs:
            dirs[:] = [d for d in dirs if d not in OWN_FOLDERS]
        rel = root_path.relative_to(top)
        for name in sorted(files):
            path = root_path / name
            if name.startswith(".") or name.endswith(".part"):
                continue
            try:
                mode = path.stat().st_mode
            except OSError:  # a dangling or looping link: reported when converted
                yield path, rel
                continue
            if not stat.S_ISREG(mode):
                # a FIFO would hang the scan, /dev/zero would fill memory
                plan.skipped.append(f"{printable(str(path))}: skipped: {_kind(mode)}, not a file")
            elif path.resolve() in own_abs or (root_path.resolve() == out_abs and name in OWN_NAMES):
                continue  # our own output, from an earlier run into this folder
            elif claims(path):
                yield path, rel
            else:
                plan.ignored.append(path)


def output_path(out: Path, job: Job, fmt: str) -> Path:
    return out / job.out_dir / (job.stem + writers.FORMATS[fmt].extension)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_input(path: Path, limit: int = MAX_SIZE) -> bytes:
    """The bytes of an input, refusing one larger than ``limit`` before it fills memory."""
    try:
        with path.open("rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise InputError(str(path), "is a folder, not a file")
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(str(path), f"larger than the input size limit of {limit / 2**20:g} MB (see --max-size)")
    return data


def convert_one(
    job: Job,
    out: Path,
    formats: list[str],
    settings: dict,
    key: str,
    force: bool = False,
    reader: str | None = None,
    limit: int = MAX_SIZE,
) -> Entry:
    """Convert one input into every format; never raises (a failure is an Entry with its error).

    ``reader`` forces a reader (``--from``) instead of sniffing the content."""
    start = time.perf_counter()
    entry = Entry(str(job.path), FAILED, key=key)
    try:
        with warnings.catch_warnings(record=True) as heard:
            warnings.simplefilter("always", InputWarning)
            try:
                _convert(job, out, formats, settings, key, force, reader, limit, entry)
            finally:  # what a reader warned of is kept, even when the input then failed
                _note(entry, job, heard)
    except ReferatError as exc:
        entry.error = f"{job.path}: {exc.reason}"
    except OSError as exc:  # the reader's own files (spooling) or a writer outside atomic_write
        entry.error = f"{job.path}: {exc.strerror or exc}"
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("convert.readers."):
            entry.error = f"{job.path}: internal error: {exc}"
        else:  # a reader this installation does not have (yet)
            entry.error = f"{job.path}: no reader for {entry.reader.upper()} in this installation of referat"
    except MemoryError:
        entry.error = f"{job.path}: internal error: out of memory"
    except Exception as exc:  # a bug in referat: report it against this input, keep going
        entry.error = f"{job.path}: internal error: {type(exc).__name__}: {exc}".splitlines()[0][:500]
    entry.error = " ".join(entry.error.split())  # one line per failure, whatever a reader said
    entry.seconds = round(time.perf_counter() - start, 3)
    return entry


def reason(warning) -> str:
    """The cause an InputWarning gives, on one line (the batch names the input itself)."""
    return " ".join(getattr(warning, "reason", str(warning)).split())


def _note(entry: Entry, job: Job, heard: list) -> None:
    """A reader's warnings about the input, into the manifest entry: a line and a mark each."""
    for w in heard:
        if isinstance(w.message, InputWarning):
            if w.message.mark:
                entry.marks = sorted({*entry.marks, w.message.mark})
            entry.warnings.append(f"{job.path}: {reason(w.message)}")


def _convert(job, out, formats, settings, key, force, reader, limit, entry: Entry) -> None:
    data = read_input(job.path, limit)
    entry.sha256, entry.size = _sha256(data), len(data)
    prev = job.previous
    targets = [output_path(out, job, fmt) for fmt in formats]
    if (
        not force
        and prev is not None
        and prev.status in DONE
        and (prev.sha256, prev.key) == (entry.sha256, key)
        and all(t.exists() for t in targets)
    ):
        # the earlier record is the answer: same outputs, same warnings
        for name in ("status", "reader", "items", "pages", "outputs", "marks", "warnings"):
            setattr(entry, name, getattr(prev, name))
        entry.status = UNCHANGED
        return
    if not data:
        raise ReferatError(str(job.path), "file is empty")
    entry.reader = reader or sniff(data)
    # A name that is not UTF-8 is kept in the manifest; the documents carry a readable form.
    minutes = read_bytes(data, printable(job.path.name), entry.reader, ocr=settings.get("ocr"))
    del data
    # a text extraction does not say its page count; its last page with furniture is a floor
    entry.items = len(minutes.items)
    entry.pages = minutes.source.pages or max((r.page for r in minutes.furniture), default=0)
    for fmt, target in zip(formats, targets, strict=True):
        try:
            convert.write(minutes, fmt, target, **settings)
        except OutputError as exc:
            raise OutputError(str(job.path), f"cannot write {exc.file}: {exc.reason}") from None
        entry.outputs.append(str(target.relative_to(out)))
    entry.status = CONVERTED
