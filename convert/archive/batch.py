"""Many documents: discovery of inputs, one conversion per input, and the local process pool.

Inputs are files, folders (walked recursively, symlinks to folders not followed, so a symlink
loop cannot trap the walk) and globs. Inside folders a file is taken when a reader claims its
content (PDF, canonical XML/JSON, text) or when its extension names a minutes format, so a
broken ``x.pdf`` is reported while photos and spreadsheets lying beside the minutes are passed
over, and so are notes and data beside them (README.md, a .csv): the summary names them. Each
input is converted by ``convert_one``, which never raises: any failure, even a bug,
becomes a failed manifest entry, so one bad file never stops the batch.

Workers are separate processes (``concurrent.futures.ProcessPoolExecutor`` with a forkserver or
spawn context, https://docs.python.org/3/library/concurrent.futures.html); each worker is
replaced after ``TASKS_PER_CHILD`` inputs and at most two inputs per worker are queued, so
memory does not grow with the size of the archive.
"""

from __future__ import annotations

import glob
import hashlib
import multiprocessing
import os
import signal
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import convert
from convert import writers
from convert.archive.manifest import CONVERTED, DONE, FAILED, UNCHANGED, Entry
from convert.errors import ReferatError, TextWarning
from convert.readers import read_bytes, sniff

MINUTES_SUFFIXES = {".txt", ".text", ".pdf", ".xml", ".json", ".docx", ".doc"}
# Text files that lie beside an archive and are never minutes: notes, data, code, settings.
NOT_DOCUMENT_SUFFIXES = {
    ".md", ".markdown", ".rst", ".csv", ".tsv", ".log", ".ini", ".cfg", ".conf", ".yml", ".yaml", ".toml",
    ".py", ".sh", ".bat", ".ps1", ".js", ".css", ".sql", ".sha256", ".md5",
}  # fmt: skip
NOT_DOCUMENT_NAMES = {"readme", "license", "licence", "copying", "changelog", "notice", "authors", "makefile"}
TASKS_PER_CHILD = 50
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


def discover(inputs: Iterable[str], out: Path) -> Plan:
    """Expand files, folders (recursively) and globs into jobs; unmatched inputs are failures."""
    plan = Plan()
    out_abs = out.resolve()
    found: list[tuple[Path, Path]] = []  # (input, folder under OUT relative to OUT)
    for spec in inputs:
        matches = [Path(p) for p in sorted(glob.glob(spec, recursive=True))] if glob.has_magic(spec) else [Path(spec)]
        matches = [p for p in matches if p.exists() or p.is_symlink()]
        if not matches:
            plan.missing.append(Entry(spec, FAILED, error=f"{spec}: no such file or folder"))
            continue
        for match in matches:
            if match.is_dir():
                found.extend(_walk(match, out_abs, plan))
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


def _walk(top: Path, out_abs: Path, plan: Plan) -> Iterator[tuple[Path, Path]]:
    for root, dirs, files in os.walk(top):
        root_path = Path(root)
        # Never read our own outputs back in when OUT lies inside an input folder.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (root_path / d).resolve() != out_abs)
        rel = root_path.relative_to(top)
        for name in sorted(files):
            path = root_path / name
            if name.startswith(".") or name.endswith(".part"):
                continue
            if claims(path) or (path.is_symlink() and not path.exists()):
                yield path, rel
            else:
                plan.ignored.append(path)


def output_path(out: Path, job: Job, fmt: str) -> Path:
    return out / job.out_dir / (job.stem + writers.FORMATS[fmt].extension)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def convert_one(job: Job, out: Path, formats: list[str], settings: dict, key: str, force: bool = False) -> Entry:
    """Convert one input into every format; never raises (a failure is an Entry with its error)."""
    start = time.perf_counter()
    entry = Entry(str(job.path), FAILED, key=key)
    try:
        data = job.path.read_bytes()
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
            prev.status = UNCHANGED
            return prev
        if not data:
            raise ReferatError(str(job.path), "file is empty")
        entry.reader = sniff(data)
        with warnings.catch_warnings(record=True) as heard:
            warnings.simplefilter("always", TextWarning)
            try:
                minutes = read_bytes(data, job.path.name, entry.reader)
            finally:
                _note(entry, job, heard)
        del data
        # a text extraction does not say its page count; its last page with furniture is a floor
        entry.items = len(minutes.items)
        entry.pages = minutes.source.pages or max((r.page for r in minutes.furniture), default=0)
        for fmt, target in zip(formats, targets, strict=True):
            convert.write(minutes, fmt, target, **settings)
            entry.outputs.append(str(target.relative_to(out)))
        entry.status = CONVERTED
    except ReferatError as exc:
        entry.error = f"{job.path}: {exc.reason}"
    except OSError as exc:
        entry.error = f"{job.path}: cannot read file: {exc.strerror or exc}"
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


def _note(entry: Entry, job: Job, heard: list) -> None:
    """A reader's warnings about text it could not read right, into the manifest entry."""
    for w in heard:
        if isinstance(w.message, TextWarning):
            entry.marks = sorted({*entry.marks, w.message.mark})
            entry.warnings.append(f"{job.path}: {str(w.message).split(': ', 1)[-1]}")


def _ignore_sigint() -> None:
    # Ctrl-C is the main process's business: it stops the pool and saves the manifest.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_local(jobs: list[Job], call: Callable[[Job], Entry], workers: int) -> Iterator[Entry]:
    """Yield one Entry per job as they finish, in ``workers`` processes (in this one for 1)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield call(job)
        return
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_ignore_sigint,
        max_tasks_per_child=TASKS_PER_CHILD,
    )
    pending: dict[Future, Job] = {}
    queue = iter(jobs)
    try:
        for job in queue:
            pending[pool.submit(call, job)] = job
            if len(pending) >= 2 * workers:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield _result(future, pending.pop(future))
                job = next(queue, None)
                if job is not None:
                    pending[pool.submit(call, job)] = job
    except BaseException:
        procs = list((pool._processes or {}).values())  # shutdown() forgets them
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            proc.terminate()  # Ctrl-C: do not wait for the inputs in progress
        for proc in procs:
            proc.join(5)
        # Join the pool's manager thread now; left to the interpreter's exit hook it would
        # write to a closed pipe and print a traceback.
        pool.shutdown(wait=True)
        raise
    pool.shutdown(wait=True)


def _result(future: Future, job: Job) -> Entry:
    try:
        return future.result()
    except Exception as exc:  # the worker process died (killed, out of memory)
        return Entry(str(job.path), FAILED, error=f"{job.path}: internal error: worker failed: {type(exc).__name__}")
