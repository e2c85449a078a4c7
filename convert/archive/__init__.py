"""Converting an archive: plan the inputs, skip what an earlier run already made, run the rest on
local processes or a Dask cluster, keep the manifest up to date, and build the open-data bundle.

This is what ``referat convert`` does; the command only parses options and prints the summary.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import convert
from convert.archive import batch, pool
from convert.archive.lock import out_lock
from convert.archive.manifest import CONVERTED, FAILED, UNCHANGED, Entry, Manifest, run_key
from convert.archive.progress import Reporter
from convert.errors import OutputError, UsageError

_NAMED = 10  # ignored files named in the summary line; the rest are counted


class Interrupted(Exception):
    """Ctrl-C: workers stopped, manifest saved."""


class OutFolderError(UsageError, OutputError):
    """OUT cannot be created or written: nothing can start."""


class MissingInputs(UsageError):
    """An input named on the command line does not exist."""


@dataclass
class Summary:
    converted: int = 0
    unchanged: int = 0
    failed: int = 0
    warned: int = 0
    ignored: int = 0
    ignored_names: list[str] = field(default_factory=list)  # the files passed over, as found
    bundle: list[Path] = field(default_factory=list)
    bundle_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.bundle_errors

    def line(self) -> str:
        parts = [f"{self.converted} converted"]
        if self.unchanged:
            parts.append(f"{self.unchanged} skipped as unchanged since the last run (use --force to redo)")
        parts.append(f"{self.failed} failed")
        if self.warned:
            parts.append(f"{self.warned} with warnings (see the manifest)")
        if self.ignored:
            files = "file" if self.ignored == 1 else "files"
            names = ", ".join(self.ignored_names[:_NAMED])
            more = f" and {self.ignored - _NAMED} more" if self.ignored > _NAMED else ""
            named = f": {names}{more}" if names else ""
            parts.append(f"{self.ignored} {files} in the folders ignored, not minutes{named}")
        return ", ".join(parts)


def check_out(out: Path) -> None:
    """Fail early, with one line, when OUT cannot be created or written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".referat-probe.", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutFolderError(str(out), f"cannot write to the output folder: {exc.strerror or exc}") from None


def sweep(out: Path) -> None:
    """Remove the temporary files of writes that a stopped worker never finished.

    ``convert.archive.output.atomic_write`` names them ``.<name>.<random>.part``; a worker stopped by
    Ctrl-C (or killed) cannot remove its own."""
    for tmp in out.rglob(".*.part"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def run(
    inputs: list[str],
    formats: list[str],
    out: Path,
    *,
    jobs: int | None = None,
    settings: dict | None = None,
    force: bool = False,
    combine: bool = False,
    scheduler: str | None = None,
    report: Reporter | None = None,
    reader: str | None = None,
    limit: int = batch.MAX_SIZE,
) -> Summary:
    """Convert ``inputs`` into ``formats`` in ``out``. Inputs that do not exist are a usage error
    (``MissingInputs``), raised before anything is created; OUT is locked while the run lasts."""
    settings = {k: v for k, v in (settings or {}).items() if v is not None}
    report = report or Reporter(quiet=True)
    asked = list(formats)
    if combine:
        # The bundle is built from each input's canonical XML.
        formats = ["xml", *(f for f in formats if f != "xml")]
    plan = batch.discover(inputs, out, _outputs(Manifest.load(out, convert.__version__), out))
    if plan.missing:
        raise MissingInputs(plan.missing[0].path, plan.missing[0].error.rsplit(": ", 1)[-1])
    check_out(out)
    with out_lock(out):
        return _run(plan, formats, asked, out, jobs, settings, force, combine, scheduler, report, reader, limit)


def _outputs(manifest: Manifest, out: Path) -> list[Path]:
    return [out / rel for e in manifest.entries.values() for rel in e.outputs]


def _run(plan, formats, asked, out, jobs, settings, force, combine, scheduler, report, reader, limit) -> Summary:
    sweep(out)  # left by an earlier run that was killed
    manifest = Manifest.load(out, convert.__version__)
    if scheduler:
        # Workers on other machines share the file system, not our current folder.
        plan.jobs = [replace(j, path=j.path.absolute()) for j in plan.jobs]
        out = out.absolute()
    plan.jobs = [replace(j, previous=manifest.previous(str(j.path))) for j in plan.jobs]
    key = run_key(convert.__version__, formats, {**settings, "from": reader})
    call = functools.partial(
        batch.convert_one, out=out, formats=formats, settings=settings, key=key, force=force, reader=reader, limit=limit
    )

    summary = Summary(ignored=len(plan.ignored), ignored_names=[str(p) for p in plan.ignored])
    for notice in plan.skipped:
        report.notice(notice)
    report.start(len(plan.jobs))
    if scheduler:
        from convert.archive.distributed import run_dask

        results = run_dask(plan.jobs, call, scheduler)
    else:
        results = pool.run_local(plan.jobs, call, jobs or pool.default_jobs())
    this_run: list[Entry] = []
    try:
        for entry in results:
            manifest.record(entry)
            this_run.append(entry)
            report.advance(entry)
            if entry.status == CONVERTED:
                summary.converted += 1
            elif entry.status == UNCHANGED:
                summary.unchanged += 1
            else:
                summary.failed += 1
            summary.warned += bool(entry.warnings)
    except KeyboardInterrupt:
        results.close()
        sweep(out)
        manifest.save()
        raise Interrupted(f"interrupted: {summary.converted} converted so far; manifest saved in {out}") from None
    except BaseException:
        results.close()
        sweep(out)
        raise
    finally:
        report.close()
    sweep(out)  # a worker stopped with its broken pool (issue 11, point 2) cannot remove its own
    manifest.save()
    if combine:
        from convert.archive.bundle import build

        summary.bundle, summary.bundle_errors = build(_bundled(manifest, this_run, out), out, settings, asked)
    return summary


def _bundled(manifest: Manifest, this_run: list[Entry], out: Path) -> list[tuple[Path, Path]]:
    """(input, its canonical XML in OUT) for the bundle: the inputs of this run, and those of
    earlier runs into OUT whose input still exists (a deleted input leaves the bundle); never a
    file outside OUT, whatever OUT/manifest.json says."""
    root = out.resolve()
    current = {e.path for e in this_run}
    chosen = []
    for entry in manifest.entries.values():
        if entry.status == FAILED or (entry.path not in current and not os.path.lexists(entry.path)):
            continue
        for rel in entry.outputs:
            xml = out / rel
            if rel.endswith(".xml") and not rel.endswith(".akn.xml") and xml.is_file():
                if xml.resolve().is_relative_to(root):
                    chosen.append((Path(entry.path), xml))
                break
    return chosen
