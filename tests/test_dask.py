"""The same batch on a Dask distributed cluster: a LocalCluster of two worker processes on loopback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from convert import archive
from convert.archive.distributed import SchedulerError, run_dask
from tests.conftest import SEEDS

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local.scheduler_address


def test_batch_on_cluster_manifest_and_resume(cluster: str, tmp_path: Path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i in range(3):
        shutil.copy(SEEDS[i % 2], src / "sub" / f"m{i}.txt")
    (src / "tom.txt").write_bytes(b"")
    out = tmp_path / "out"
    summary = archive.run([str(src)], ["xml", "json"], out, scheduler=cluster, combine=True)
    assert (summary.converted, summary.failed) == (3, 1)
    for i in range(3):
        assert (out / "sub" / f"m{i}.xml").is_file() and (out / "sub" / f"m{i}.json").is_file()
    entries = {Path(e["path"]).name: e for e in json.loads((out / "manifest.json").read_text())["inputs"]}
    assert entries["tom.txt"]["error"] == f"{(src / 'tom.txt').absolute()}: file is empty"
    assert entries["m0.txt"]["reader"] == "text" and entries["m0.txt"]["items"] == 1
    assert (out / "datapackage.json").is_file()

    again = archive.run([str(src)], ["xml", "json"], out, scheduler=cluster, combine=True)
    assert (again.converted, again.unchanged, again.failed) == (0, 3, 1)


def test_unreachable_scheduler_is_one_line():
    with pytest.raises(SchedulerError, match=r"tcp://127.0.0.1:9: cannot connect to the Dask scheduler"):
        run_dask([], print, "tcp://127.0.0.1:9", timeout=2)


def test_command_with_scheduler(cluster: str, tmp_path: Path):
    from click.testing import CliRunner

    from convert.cli import main

    args = ["convert", *map(str, SEEDS), "--to", "xml", "--out", str(tmp_path), "--scheduler", cluster]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "2 converted, 0 failed" in result.output
    assert sorted(p.name for p in tmp_path.glob("*.xml")) == sorted(s.stem + ".xml" for s in SEEDS)
