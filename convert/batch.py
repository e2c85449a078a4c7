"""Many documents: discovery of inputs and converting each one into every requested format.

One failure never stops the others: each input's outcome is a ``Result`` with its error line."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

import convert
from convert import writers
from convert.errors import ReferatError


@dataclass(frozen=True)
class Job:
    path: Path
    out_dir: Path  # where this input's outputs go (the input's folder structure kept under OUT)


@dataclass
class Result:
    path: Path
    ok: bool
    outputs: list[Path] = field(default_factory=list)
    error: str | None = None
    items: int = 0


def discover(inputs: list[str], out: Path) -> tuple[list[Job], list[Result]]:
    """Expand files, folders (recursively) and globs into jobs; unmatched inputs are failures."""
    jobs: list[Job] = []
    missing: list[Result] = []
    for spec in inputs:
        path = Path(spec)
        matches = [Path(p) for p in sorted(glob.glob(spec))] if glob.has_magic(spec) else [path]
        if not matches or not all(p.exists() for p in matches):
            missing.append(Result(path, False, error=f"{spec}: no such file or folder"))
            continue
        for match in matches:
            if match.is_dir():
                for root, dirs, files in os.walk(match):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    rel = Path(root).relative_to(match)
                    for name in sorted(files):
                        if not name.startswith("."):
                            jobs.append(Job(Path(root) / name, out / rel))
            else:
                jobs.append(Job(match, out))
    return jobs, missing


def output_path(job: Job, fmt: str) -> Path:
    return job.out_dir / (job.path.stem + writers.FORMATS[fmt].extension)


def convert_one(job: Job, formats: list[str], settings: dict | None = None) -> Result:
    try:
        minutes = convert.read(job.path)
        outputs = [convert.write(minutes, fmt, output_path(job, fmt), **(settings or {})) for fmt in formats]
    except ReferatError as exc:
        return Result(job.path, False, error=str(exc) if str(job.path) in str(exc) else f"{job.path}: {exc.reason}")
    return Result(job.path, True, outputs=outputs, items=len(minutes.items))
