"""The ``referat`` command: help, exit status, one line per failure, no tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from tests.conftest import ROOT, SEEDS


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_explains_the_batch():
    result = run("convert", "--help")
    assert result.exit_code == 0
    for words in ("--jobs", "--combine", "--scheduler", "--force", "--base-url", "manifest.json", "Exit status"):
        assert words in result.output


def test_convert_two_seeds_exit_0(tmp_path: Path):
    result = run("convert", *map(str, SEEDS), "--to", "xml,json", "--out", str(tmp_path), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.xml")) == sorted(s.stem + ".xml" for s in SEEDS)
    assert "2 converted, 0 failed" in result.output
    again = run("convert", *map(str, SEEDS), "--to", "xml,json", "--out", str(tmp_path))
    assert again.exit_code == 0 and "0 converted, 2 skipped as unchanged" in again.output


def test_failure_exit_1_one_line(tmp_path: Path):
    bad = tmp_path / "in" / "tom.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    result = run("convert", str(SEEDS[0]), str(bad), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {bad}: file is empty"]


def test_missing_input_exit_2_nothing_created(tmp_path: Path):
    result = run("convert", str(SEEDS[0]), str(tmp_path / "missing.pdf"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'missing.pdf'}: no such file or folder"
    assert not (tmp_path / "o").exists()
    for args in (["-o", str(tmp_path / "x.docx")], ["--to", "nonsense", "--out", str(tmp_path / "o")]):
        assert run(str(tmp_path / "missing.txt"), *args).exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args, words",
    [
        (["--to", "xml,nonsense"], "unknown format nonsense"),
        (["--jobs", "0"], "--jobs"),
        (["--to", ""], "unknown format"),
    ],
)
def test_usage_errors_exit_2(args, words, tmp_path: Path):
    result = run("convert", str(SEEDS[0]), "--out", str(tmp_path), *args)
    assert result.exit_code == 2 and words in result.output


def test_unwritable_out_exit_2(tmp_path: Path):
    (tmp_path / "f").write_text("x")
    result = run("convert", str(SEEDS[0]), "--out", str(tmp_path / "f" / "o"))
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"error: {tmp_path / 'f' / 'o'}: cannot write to the output folder")
    assert "Traceback" not in result.output


def test_real_process_plain_log(tmp_path: Path):
    """The command as users run it: a real process, stderr not a terminal, so plain lines."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        shutil.copy(SEEDS[i % 2], src / f"m{i}.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "convert", str(src), "--out", str(tmp_path / "o"), "--jobs", "2"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count(" -> ") == 3 and "\x1b[" not in proc.stderr  # no bar, no colour codes
    assert proc.stderr.rstrip().endswith("3 converted, 0 failed")


def test_ctrl_c_exit_130_manifest_saved(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(80):
        shutil.copy(SEEDS[i % 2], src / f"m{i:02}.txt")
    out = tmp_path / "o"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "convert", "convert", str(src), "--out", str(out), "--jobs", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if " -> " in line:  # the first input is done: interrupt as a user would
            proc.send_signal(signal.SIGINT)
            break
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 130, rest
    assert "interrupted:" in rest and "manifest saved" in rest and "Traceback" not in rest
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert 1 <= len(data["inputs"]) < 80
    assert not list(out.rglob("*.part"))
    for entry in data["inputs"]:
        assert entry["status"] == "converted"
        for rel in entry["outputs"]:
            assert (out / rel).stat().st_size > 0


def test_scheduler_without_dask_is_one_line(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if referat[dask] was not installed
    result = run("convert", str(SEEDS[0]), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: tcp://127.0.0.1:8786: Dask is not installed; install it with: pip install 'referat[dask]'"
    )


def test_pdf_engine_choice(tmp_path: Path):
    """Typst sets the PDF unless WeasyPrint is asked for (a single file too); changing the engine
    converts again."""
    import pikepdf

    result = run("convert", str(SEEDS[0]), "--to", "pdf", "--out", str(tmp_path), "--jobs", "1")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / (SEEDS[0].stem + ".pdf")
    with pikepdf.open(pdf) as doc:
        assert str(doc.docinfo["/Producer"]).startswith("Typst")
        assert str(doc.docinfo["/Creator"]) == "referat"
    result = run("convert", str(SEEDS[0]), "--to", "pdf", "--out", str(tmp_path), "--pdf-engine", "weasyprint")
    assert result.exit_code == 0 and "1 converted" in result.output, result.output
    with pikepdf.open(pdf) as doc:
        assert "WeasyPrint" in str(doc.docinfo["/Producer"])
    single = tmp_path / "one.pdf"
    assert run(str(SEEDS[0]), "-o", str(single)).exit_code == 0
    with pikepdf.open(single) as doc:
        assert str(doc.docinfo["/Producer"]).startswith("Typst")
    bad = run("convert", str(SEEDS[0]), "--to", "pdf", "--out", str(tmp_path), "--pdf-engine", "latex")
    assert bad.exit_code == 2 and "latex" in bad.output


# ------------------------------------------------------------------ the pandoc-like command line (issue 11, 16)


def test_output_file_format_from_extension(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, check in [
        ("m.docx", lambda p: p.read_bytes().startswith(b"PK")),
        ("m.akn.xml", lambda p: b"<akomaNtoso" in p.read_bytes()[:400]),
        ("m.oparl.json", lambda p: json.loads(p.read_text(encoding="utf-8"))["type"].endswith("/Meeting")),
        ("m.xml", lambda p: b"<minutes" in p.read_bytes()[:400]),
    ]:
        result = run(str(SEEDS[0]), "-o", name)
        assert result.exit_code == 0, result.output
        assert check(tmp_path / name), name
    result = run(str(SEEDS[0]), "-t", "json", "-o", "m.data")
    assert result.exit_code == 0 and json.loads((tmp_path / "m.data").read_text(encoding="utf-8"))["version"]
    assert not (tmp_path / "manifest.json").exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["-o", "m.unknown"], "cannot tell the output format from the extension"),
        (["-o", "m.docx", "-t", "xml,json"], "-o/--output writes one format"),
        (["-o", "m.docx", "--out", "o"], "--out, --combine, --jobs and --scheduler are for many"),
        (["-o", "m.docx", "EXTRA"], "-o/--output takes one INPUT"),
        (["-f", "word"], "'word' is not one of"),
    ],
)
def test_single_file_usage_errors_create_nothing(args, words, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(str(SEEDS[0]), *args)
    assert result.exit_code == 2 and words in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_stdin_and_stdout():
    seed = SEEDS[0].read_bytes()
    result = CliRunner().invoke(main, ["-", "-t", "json"], input=seed, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"]["file"] == "stdin"
    result = CliRunner().invoke(main, ["convert", "-", "-o", "-"], input=seed, catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout_bytes.lstrip().startswith(b"<?xml")
    result = CliRunner().invoke(main, [str(SEEDS[0]), "-o", "-", "-t", "docx"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK\x03\x04")  # to a pipe: fine
    result = CliRunner().invoke(main, ["-", "-o", "-"], input=b"", catch_exceptions=False)
    assert result.exit_code == 1 and result.stderr.strip() == "error: standard input: file is empty"


def test_from_forces_the_reader(tmp_path: Path):
    result = run(str(SEEDS[0]), "-f", "pdf", "-o", str(tmp_path / "m.xml"))
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {SEEDS[0]}: not a PDF file (no %PDF- header)"
    result = run("convert", str(SEEDS[0]), "--from", "pdf", "--out", str(tmp_path / "o"))
    assert result.exit_code == 1 and f"error: {SEEDS[0]}: not a PDF file (no %PDF- header)" in result.output


def test_version_and_default_command():
    for flag in ("--version", "-v"):
        result = run(flag)
        assert result.exit_code == 0 and result.output.strip() == f"referat, version {convert_version()}"
    assert "referat minutes.pdf -o minutes.docx" in run("--help").output


def convert_version() -> str:
    import convert

    return convert.__version__


def test_help_states_the_same_stem_rule():
    text = " ".join(run("convert", "--help").output.split())
    assert "x.txt and x.pdf side by side" in text and "x.txt.xml and x.pdf.xml" in text
    assert "x.txt-2.xml" in text and "-o, --output FILE" in run("convert", "--help").output
