"""Batch conversion: discovery, worker processes, manifest, resume, interruption."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

import convert
from convert import archive
from convert.archive import batch
from convert.archive.manifest import CONVERTED, FAILED, UNCHANGED
from convert.archive.progress import Reporter
from tests.conftest import SEEDS


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """An archive with the seeds in nested folders, one picture and one broken minutes file."""
    root = tmp_path / "archive"
    (root / "2021" / "juni").mkdir(parents=True)
    (root / "2022").mkdir()
    shutil.copy(SEEDS[0], root / "2021" / "juni" / SEEDS[0].name)
    shutil.copy(SEEDS[1], root / "2022" / SEEDS[1].name)
    (root / "2022" / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (root / "2022" / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    return root


def _manifest(out: Path) -> dict[str, dict]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {Path(e["path"]).name: e for e in data["inputs"]}


def test_discover_by_content_and_structure(tree: Path, tmp_path: Path):
    # A text file without extension is claimed by its content; a photo is not.
    shutil.copy(SEEDS[0], tree / "2022" / "referat_uden_endelse")
    plan = batch.discover([str(tree)], tmp_path / "out")
    found = {j.path.name: j.out_dir for j in plan.jobs}
    assert found == {
        SEEDS[0].name: Path("2021/juni"),
        SEEDS[1].name: Path("2022"),
        "broken.pdf": Path("2022"),
        "referat_uden_endelse": Path("2022"),
    }
    assert [p.name for p in plan.ignored] == ["foto.jpg"]


def test_discover_globs_missing_and_out_inside_input(tree: Path):
    out = tree / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / "old.xml").write_text("<minutes/>")
    plan = batch.discover([str(tree), str(tree / "nope.pdf"), str(tree / "2022" / "*.txt")], out)
    assert all(out not in j.path.parents for j in plan.jobs), "outputs must never be read back as inputs"
    assert [m.error for m in plan.missing] == [f"{tree / 'nope.pdf'}: no such file or folder"]
    # ** in a glob reaches into sub-folders
    deep = batch.discover([str(tree / "**" / "*.txt")], out)
    assert sorted(j.path.name for j in deep.jobs) == sorted(s.name for s in SEEDS)
    # the glob's match is the same file as one found in the folder: converted once
    assert sum(j.path.name == SEEDS[1].name for j in plan.jobs) == 1


def test_same_stem_twice_keeps_both(tmp_path: Path):
    shutil.copy(SEEDS[0], tmp_path / "x.txt")
    (tmp_path / "x.xml").write_bytes(convert.canonical.to_bytes(convert.read(SEEDS[1])))
    plan = batch.discover([str(tmp_path / "x.txt"), str(tmp_path / "x.xml")], tmp_path / "out")
    assert sorted(j.stem for j in plan.jobs) == ["x.txt", "x.xml"]
    # the same name from two folders on the command line
    (tmp_path / "b").mkdir()
    shutil.copy(SEEDS[1], tmp_path / "b" / "x.txt")
    plan = batch.discover([str(tmp_path / "x.txt"), str(tmp_path / "b" / "x.txt")], tmp_path / "out")
    assert [j.stem for j in plan.jobs] == ["x.txt", "x.txt-2"]
    summary = archive.run([str(tmp_path / "x.txt"), str(tmp_path / "b" / "x.txt")], ["xml"], tmp_path / "out")
    assert summary.converted == 2 and len(list((tmp_path / "out").glob("x.txt*.xml"))) == 2


def test_batch_two_workers_manifest_and_resume(tree: Path, tmp_path: Path):
    out = tmp_path / "out"
    summary = archive.run([str(tree)], ["xml", "json"], out, jobs=2)
    assert (summary.converted, summary.failed, summary.ignored) == (2, 1, 1)
    for rel in (f"2021/juni/{SEEDS[0].stem}", f"2022/{SEEDS[1].stem}"):
        convert.validate(out / f"{rel}.xml")
        assert json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))["meeting"]["body"] == "Direktionen"

    entries = _manifest(out)
    seed = entries[SEEDS[0].name]
    assert seed["status"] == CONVERTED
    assert seed["sha256"] == hashlib.sha256(SEEDS[0].read_bytes()).hexdigest()
    assert seed["size"] == SEEDS[0].stat().st_size
    assert (seed["reader"], seed["items"]) == ("text", 1)
    assert seed["outputs"] == [f"2021/juni/{SEEDS[0].stem}.xml", f"2021/juni/{SEEDS[0].stem}.json"]
    broken = entries["broken.pdf"]
    assert broken["status"] == FAILED and broken["error"].startswith(str(tree / "2022" / "broken.pdf") + ": ")
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8", newline="")))
    assert {r["path"] for r in rows} == {e["path"] for e in entries.values()}

    # Second run: the two good inputs are skipped, the broken one is tried again.
    before = (out / f"2022/{SEEDS[1].stem}.xml").stat().st_mtime_ns
    again = archive.run([str(tree)], ["json", "xml"], out, jobs=2)
    assert (again.converted, again.unchanged, again.failed) == (0, 2, 1)
    assert (out / f"2022/{SEEDS[1].stem}.xml").stat().st_mtime_ns == before
    assert _manifest(out)[SEEDS[0].name]["status"] == UNCHANGED

    # A changed input, new settings, or --force: converted again.
    (tree / "2022" / SEEDS[1].name).write_bytes(SEEDS[1].read_bytes() + b"Ekstra linje \n\n")
    changed = archive.run([str(tree)], ["xml", "json"], out, jobs=1)
    assert (changed.converted, changed.unchanged) == (1, 1)
    assert archive.run([str(tree)], ["xml"], out, jobs=1).converted == 2  # other formats
    assert archive.run([str(tree)], ["xml"], out, jobs=1, force=True).converted == 2
    assert archive.run([str(tree)], ["xml"], out, jobs=1, settings={"base_url": "https://x.dk/"}).converted == 2


def test_deleted_output_is_remade(tree: Path, tmp_path: Path):
    out = tmp_path / "out"
    archive.run([str(tree / "2022")], ["xml"], out, jobs=1)
    (out / f"{SEEDS[1].stem}.xml").unlink()
    assert archive.run([str(tree / "2022")], ["xml"], out, jobs=1).converted == 1


def test_internal_error_becomes_failed_input(tmp_path: Path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("writer exploded")

    monkeypatch.setattr(convert, "write", boom)
    job = batch.Job(SEEDS[0], Path(), SEEDS[0].stem)
    entry = batch.convert_one(job, tmp_path, ["xml"], {}, "k")
    assert entry.status == FAILED
    assert entry.error == f"{SEEDS[0]}: internal error: RuntimeError: writer exploded"


class _InterruptAfter(Reporter):
    def __init__(self, n: int):
        super().__init__(quiet=True)
        self.n = n

    def advance(self, entry):
        super().advance(entry)
        if self.done == self.n:
            raise KeyboardInterrupt


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_saves_manifest(tmp_path: Path, jobs: int):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        shutil.copy(SEEDS[i % 2], src / f"m{i}.txt")
    out = tmp_path / "out"
    with pytest.raises(archive.Interrupted, match="manifest saved"):
        archive.run([str(src)], ["xml"], out, jobs=jobs, report=_InterruptAfter(2))
    entries = _manifest(out)
    assert len(entries) >= 2 and all(e["status"] == CONVERTED for e in entries.values())
    assert not list(out.rglob("*.part")), "no half-written file may stay behind"
    # and the next run finishes the rest, skipping what was done
    summary = archive.run([str(src)], ["xml"], out, jobs=jobs)
    assert summary.unchanged == len(entries) and summary.converted == 6 - len(entries)


def test_unwritable_out_is_one_error(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(convert.OutputError, match=r"file/out: cannot write to the output folder"):
        archive.run([str(SEEDS[0])], ["xml"], tmp_path / "file" / "out")
