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


@pytest.mark.parametrize(
    "address, cause",
    [
        ("tpc://127.0.0.1:8786", "not a Dask scheduler address (tcp://HOST:PORT): unknown address scheme 'tpc'"),
        ("tcp://127.0.0.1:1", "cannot connect to the Dask scheduler: Connection refused"),
    ],
)
def test_mistyped_scheduler_is_one_line_at_once(address: str, cause: str, tmp_path: Path):
    from click.testing import CliRunner

    from convert.cli import main

    result = CliRunner().invoke(main, [str(SEEDS[0]), "--out", str(tmp_path / "o"), "--scheduler", address])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {address}: {cause}") and "Traceback" not in result.output


def _slow(job, **kwargs):
    import time

    time.sleep(60)  # long enough for the test to take every worker away


def test_losing_every_worker_stops_the_run(tmp_path: Path, monkeypatch):
    import functools
    import threading

    from convert.archive import distributed as dist
    from convert.archive.batch import discover

    monkeypatch.setattr(dist, "GRACE", 2.0)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        jobs = discover([str(s) for s in SEEDS], tmp_path).jobs
        outcome: list = []

        def consume():
            try:
                outcome.extend(run_dask(jobs, functools.partial(_slow), local.scheduler_address))
            except SchedulerError as exc:
                outcome.append(exc)

        runner = threading.Thread(target=consume, daemon=True)
        runner.start()
        while not local.scheduler.tasks:  # the inputs have reached the cluster
            runner.join(0.1)
        local.scale(0)
        runner.join(120)
        assert not runner.is_alive(), "the run hangs without workers"
    assert len(outcome) == 1 and isinstance(outcome[0], SchedulerError)
    assert "the Dask cluster has had no workers for 2 s; stopped" in str(outcome[0])
