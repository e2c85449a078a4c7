"""Every snippet of README.md runs as printed (issue 11, point 17).

The ``sh`` lines that call ``referat`` run through bash, in README order, in one sandbox folder
holding the files the README names (minutes.pdf, minutes.txt, archive/, referater/2024/,
examples/input/); the ``python`` blocks run there too. Lines that set up a machine (make, pip,
dask, activating the venv) and the --scheduler line (tests/test_dask.py runs a cluster) are the
only ones passed over, and any other kind of line fails the test until it is handled here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS

README = ROOT / "README.md"
SETUP = ("make", "pip", "dask", ".")  # first words of lines that set up a machine


def snippets() -> list[tuple[str, str]]:
    """(language, code) of every fenced block, in order."""
    return re.findall(r"^```(\w*)\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.M | re.S)


def _sandbox(tmp: Path) -> dict[str, str]:
    shutil.copy(
        ROOT / "examples" / "input" / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
        tmp / "minutes.pdf",
    )
    shutil.copy(SEEDS[0], tmp / "minutes.txt")
    shutil.copytree(ROOT / "examples" / "input", tmp / "examples" / "input", ignore=shutil.ignore_patterns("*.pdf"))
    for folder in ("archive", "referater/2024"):
        (tmp / folder).mkdir(parents=True)
        for seed in SEEDS[:2]:
            shutil.copy(seed, tmp / folder / seed.name)
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "referat"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m convert "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}


def test_every_readme_snippet_runs(tmp_path: Path):
    env = _sandbox(tmp_path)
    ran = 0
    for lang, code in snippets():
        if lang == "python":
            proc = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
            )
            assert proc.returncode == 0, (code, proc.stderr)
            ran += 1
            continue
        assert lang in ("sh", ""), lang
        for line in code.splitlines():
            words = line.split()
            if lang == "" or not words or words[0] in SETUP or "--scheduler" in words:
                continue
            assert "referat" in words, f"a README line this test does not know how to run: {line}"
            proc = subprocess.run(
                ["bash", "-c", line], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
            )
            assert proc.returncode == 0, (line, proc.stderr[-2000:])
            assert "Traceback" not in proc.stderr, line
            ran += 1
    assert ran >= 12
    assert (tmp_path / "minutes.docx").read_bytes().startswith(b"PK")
    assert (tmp_path / "minutes.xml").read_bytes().lstrip().startswith(b"<?xml")
    assert (tmp_path / "aar2024" / "combined.xlsx").is_file()
