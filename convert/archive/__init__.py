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
from convert.archive import batch
from convert.archive.manifest import CONVERTED, FAILED, UNCHANGED, Manifest, run_key
from convert.archive.progress import Reporter
from convert.errors import OutputError

_NAMED = 10  # ignored files named in the summary line; the rest are counted


class Interrupted(Exception):
    """Ctrl-C: workers stopped, manifest saved."""


@dataclass
class Summary:
    converted: int = 0
    unchanged: int = 0
    failed: int = 0
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
        raise OutputError(str(out), f"cannot write to the output folder: {exc.strerror or exc}") from None


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
) -> Summary:
    settings = {k: v for k, v in (settings or {}).items() if v is not None}
    report = report or Reporter(quiet=True)
    if combine:
        # The bundle is built from each input's canonical XML.
        formats = ["xml", *(f for f in formats if f != "xml")]
    check_out(out)
    sweep(out)  # left by an earlier run that was killed
    manifest = Manifest.load(out, convert.__version__)
    plan = batch.discover(inputs, out)
    if scheduler:
        # Workers on other machines share the file system, not our current folder.
        plan.jobs = [replace(j, path=j.path.absolute()) for j in plan.jobs]
        out = out.absolute()
    plan.jobs = [replace(j, previous=manifest.previous(str(j.path))) for j in plan.jobs]
    key = run_key(convert.__version__, formats, settings)
    call = functools.partial(batch.convert_one, out=out, formats=formats, settings=settings, key=key, force=force)

    summary = Summary(ignored=len(plan.ignored), ignored_names=[str(p) for p in plan.ignored])
    report.start(len(plan.jobs) + len(plan.missing))
    for entry in plan.missing:
        manifest.record(entry)
        report.advance(entry)
        summary.failed += 1
    if scheduler:
        from convert.archive.distributed import run_dask

        results = run_dask(plan.jobs, call, scheduler)
    else:
        results = batch.run_local(plan.jobs, call, jobs or batch.default_jobs())
    try:
        for entry in results:
            manifest.record(entry)
            report.advance(entry)
            if entry.status == CONVERTED:
                summary.converted += 1
            elif entry.status == UNCHANGED:
                summary.unchanged += 1
            else:
                summary.failed += 1
    except KeyboardInterrupt:
        results.close()
        sweep(out)
        manifest.save()
        raise Interrupted(f"interrupted: {summary.converted} converted so far; manifest saved in {out}") from None
    finally:
        report.close()
    manifest.save()
    if combine:
        from convert.archive.bundle import build

        done = [
            (Path(e.path), out / xml)
            for e in manifest.entries.values()
            if e.status != FAILED
            for xml in [o for o in e.outputs if o.endswith(".xml") and not o.endswith(".akn.xml")][:1]
            if (out / xml).is_file()
        ]
        summary.bundle, summary.bundle_errors = build(done, out, settings)
    return summary
