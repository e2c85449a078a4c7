"""Faults around a batch (issue 11, points 1, 2, 4, 5, 6, 9, 11): odd file names, a worker killed,
SIGTERM, two runs into one OUT, FIFOs and devices, huge inputs, a full disk, OUT equal to the
input folder, crafted names for a terminal or a spreadsheet."""

from __future__ import annotations

import csv
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from lxml import etree

from convert import archive
from convert.archive import batch, output, pool
from convert.archive.manifest import CONVERTED, FAILED, Entry
from tests.conftest import ROOT, SEEDS

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _referat(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "convert", *args], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=timeout
    )


def _manifest(out: Path) -> dict[str, dict]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {e["path"]: e for e in data["inputs"]}


def _archive(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        shutil.copy(SEEDS[i % len(SEEDS)], root / f"m{i:02}.txt")
    return root


# ------------------------------------------------------------------ 1: names that are not UTF-8


def test_name_not_utf8_kept_everywhere(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    bad = os.fsdecode(b"m\xf8de\xff.txt")  # Latin-1 "møde" and a stray byte: not UTF-8
    shutil.copy(SEEDS[0], src / bad)
    out = tmp_path / "out"
    proc = _referat("convert", str(src), "--to", "xml,json", "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "m\\xf8de\\xff.txt" in proc.stderr  # shown escaped, never raw bytes
    entries = _manifest(out)  # valid UTF-8 JSON, the name as surrogate escapes
    assert list(entries) == [str(src / bad)]
    assert os.fsencode(next(iter(entries))) == os.fsencode(src / bad)
    assert (out / os.fsdecode(b"m\xf8de\xff.xml")).is_file()
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8", newline="")))
    assert rows[0]["path"] == str(src) + "/m\\xf8de\\xff.txt"
    again = _referat("convert", str(src), "--to", "xml,json", "--out", str(out), cwd=tmp_path)
    assert again.returncode == 0 and "0 converted, 1 skipped as unchanged" in again.stderr


# ------------------------------------------------------------------ 11: terminal and spreadsheet


def test_escape_sequences_and_formulas_neutralised(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    evil = "=HYPERLINK(1)\x1b]0;pwned\x07\x1b[2J.txt"
    (src / evil).write_bytes(b"")  # fails: the error line names it
    shutil.copy(SEEDS[0], src / "@SUM(A1).txt")
    proc = _referat("convert", evil, "@SUM(A1).txt", "--out", "o", cwd=src)  # names as typed: cells begin with them
    assert proc.returncode == 1
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert "error: =HYPERLINK(1)\\x1b]0;pwned\\x07\\x1b[2J.txt: file is empty" in proc.stderr.splitlines()
    with (src / "o" / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert all(not c.startswith(("=", "+", "-", "@")) for c in cells), cells
    assert "'@SUM(A1).txt" in cells and "'@SUM(A1).xml" in cells
    assert any(c.startswith("'=HYPERLINK(1)") for c in cells)


# ------------------------------------------------------------------ 2: a worker killed, SIGTERM


def _dies_on(name: str, job: batch.Job, **kwargs) -> Entry:
    if job.path.name == name:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    return batch.convert_one(job, **kwargs)


def test_killed_worker_fails_one_input_only(tmp_path: Path):
    src = _archive(tmp_path / "in", 6)
    out = tmp_path / "out"
    plan = batch.discover([str(src)], out)
    call = functools.partial(_dies_on, "m02.txt", out=out, formats=["xml"], settings={}, key="k")
    entries = {Path(e.path).name: e for e in pool.run_local(plan.jobs, call, 2)}
    assert sorted(entries) == [f"m{i:02}.txt" for i in range(6)]
    assert entries["m02.txt"].status == FAILED
    assert entries["m02.txt"].error == f"{src / 'm02.txt'}: worker died (killed by SIGKILL: out of memory?)"
    assert all(e.status == CONVERTED for n, e in entries.items() if n != "m02.txt")
    # The sibling worker stopped with the broken pool may leave a temporary file (it is killed, it
    # cannot remove it); the run sweeps them when it ends. No output is half-written.
    for name in entries:
        if name != "m02.txt":
            assert etree.parse(str(out / name.replace(".txt", ".xml"))).getroot() is not None
    assert not (out / "m02.xml").exists()


def test_a_run_sweeps_what_a_stopped_worker_left(tmp_path: Path):
    from convert.archive.progress import Reporter

    class Leaves(Reporter):  # a temporary file appears mid-run, as a stopped sibling worker leaves one
        def advance(self, entry):
            (out / f".{Path(entry.path).stem}.xml.abc123.part").write_text("cut short", encoding="utf-8")
            super().advance(entry)

    src = _archive(tmp_path / "in", 3)
    out = tmp_path / "out"
    archive.run([str(src)], ["xml"], out, jobs=1, report=Leaves(quiet=True))
    assert sorted(p.name for p in out.glob("*.xml")) == ["m00.xml", "m01.xml", "m02.xml"]
    assert not list(out.rglob("*.part"))


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            with_children = (task / "children").read_text().split() if (task / "children").exists() else []
            for child in map(int, with_children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_sigterm_cleans_up_like_ctrl_c(tmp_path: Path):
    src = _archive(tmp_path / "in", 60)
    out = tmp_path / "o"
    proc = subprocess.Popen(
        [sys.executable, "-m", "convert", "convert", str(src), "--out", str(out), "--jobs", "2", "--to", "xml,docx"],
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=tmp_path,
    )
    assert proc.stderr is not None
    workers: set[int] = set()
    for line in proc.stderr:
        if " -> " in line:
            workers = _descendants(proc.pid)
            proc.send_signal(signal.SIGTERM)
            break
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 143, rest
    assert workers, "the batch ran in worker processes"
    assert "manifest saved" in rest and "Traceback" not in rest
    assert 1 <= len(_manifest(out)) < 60
    assert not list(out.rglob("*.part"))
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in workers if _alive(p)], "no worker outlives the run"


# ------------------------------------------------------------------ 4: two runs, one OUT


def test_run_into_a_locked_out_changes_nothing(tmp_path: Path):
    from filelock import FileLock

    out = tmp_path / "o"
    out.mkdir()
    (out / "keep.xml").write_text("another run's output", encoding="utf-8")
    with FileLock(out / ".referat.lock"):  # as another run holds it
        proc = _referat("convert", str(SEEDS[0]), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: {out}: another referat run is writing into this folder; wait until it ends"
    assert sorted(p.name for p in out.iterdir()) == [".referat.lock", "keep.xml"]


def test_second_run_into_busy_out_stops(tmp_path: Path):
    src = _archive(tmp_path / "in", 120)
    out = tmp_path / "o"
    first = subprocess.Popen(
        [sys.executable, "-m", "convert", "convert", str(src), "--out", str(out), "--jobs", "1", "--to", "xml,docx"],
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=tmp_path,
    )
    assert first.stderr is not None
    for line in first.stderr:
        if " -> " in line:
            break
    second = _referat("convert", str(SEEDS[0]), "--out", str(out), cwd=tmp_path)
    rest = first.stderr.read()
    assert first.wait(timeout=300) == 0, rest
    assert second.returncode == 2, second.stderr
    assert second.stderr.strip() == f"error: {out}: another referat run is writing into this folder; wait until it ends"
    assert len(_manifest(out)) == 120 and all(e["status"] == CONVERTED for e in _manifest(out).values())
    third = _referat("convert", str(SEEDS[0]), "--out", str(out), cwd=tmp_path)  # the lock went with its run
    assert third.returncode == 0, third.stderr


# ------------------------------------------------------------------ 5: FIFOs, devices, huge files


def test_fifo_and_device_skipped_with_notice(tmp_path: Path):
    src = _archive(tmp_path / "in", 2)
    os.mkfifo(src / "rør.txt")
    os.symlink("/dev/zero", src / "nul.txt")
    proc = _referat("convert", str(src), "--out", str(tmp_path / "o"), cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"notice: {src / 'rør.txt'}: skipped: a FIFO, not a file" in proc.stderr
    assert f"notice: {src / 'nul.txt'}: skipped: a device, not a file" in proc.stderr
    assert proc.stderr.rstrip().endswith("2 converted, 0 failed")


def test_input_size_cap(tmp_path: Path):
    big = tmp_path / "stor.txt"
    with big.open("wb") as fh:
        for _ in range(3):
            fh.write(SEEDS[0].read_bytes() * (2**20 // SEEDS[0].stat().st_size + 1))
    proc = _referat("convert", str(big), str(SEEDS[0]), "--max-size", "1", "--out", str(tmp_path / "o"), cwd=tmp_path)
    assert proc.returncode == 1
    assert f"error: {big}: larger than the input size limit of 1 MB (see --max-size)" in proc.stderr.splitlines()
    # a device named on the command line is read only up to the cap
    proc = _referat("convert", "/dev/zero", "--max-size", "0.5", "--out", str(tmp_path / "o2"), cwd=tmp_path)
    assert proc.returncode == 1 and "error: /dev/zero: larger than the input size limit of 0.5 MB" in proc.stderr


# ------------------------------------------------------------------ 6: disk full


def _full_disk(real_mkstemp):
    """mkstemp whose file is /dev/full: every write to it fails with ENOSPC, as on a full disk."""

    def mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        os.close(fd)
        os.unlink(name)
        os.symlink("/dev/full", name)
        return os.open(os.devnull, os.O_RDONLY), name

    return mkstemp


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_disk_full_is_named(tmp_path: Path, monkeypatch):
    out = tmp_path / "o"
    out.mkdir()
    monkeypatch.setattr(output.tempfile, "mkstemp", _full_disk(tempfile.mkstemp))
    with pytest.raises(archive.OutputError) as err:
        archive.run([str(SEEDS[0])], ["xml", "docx"], out, jobs=1)
    assert str(err.value) == f"{out / 'manifest.json'}: cannot write output: No space left on device"
    monkeypatch.undo()
    # the input's own line, as the manifest keeps it once the disk has room again
    entry = batch.convert_one(batch.discover([str(SEEDS[0])], out).jobs[0], out, ["xml"], {}, "k")
    assert entry.status == CONVERTED
    monkeypatch.setattr(output.tempfile, "mkstemp", _full_disk(tempfile.mkstemp))
    entry = batch.convert_one(batch.discover([str(SEEDS[1])], out).jobs[0], out, ["docx"], {}, "k")
    assert entry.error.startswith(f"{SEEDS[1]}: cannot write {out / (SEEDS[1].stem + '.docx')}: ")
    assert entry.error.endswith(": No space left on device")


# ------------------------------------------------------------------ 9: OUT is the input folder


def test_out_equal_to_input_folder(tmp_path: Path):
    src = _archive(tmp_path / "in", 2)
    first = _referat("convert", str(src), "--to", "xml,json,oparl", "--combine", "--out", str(src), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = _referat("convert", str(src), "--to", "xml,json,oparl", "--combine", "--out", str(src), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    summary = "0 converted, 2 skipped as unchanged since the last run (use --force to redo), 0 failed"
    assert again.stderr.rstrip().endswith(summary)
    assert sorted(_manifest(src)) == [str(src / "m00.txt"), str(src / "m01.txt")]
    assert not list(src.glob("*.xml.xml")) and not list(src.glob("*.json.*"))
