"""The ``referat`` command: a thin layer over the Python API (convert.read / write / validate)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import convert
from convert import batch, writers
from convert.errors import ReferatError

FORMAT_HELP = "; ".join(f"{f.name} ({f.description})" for f in writers.FORMATS.values())


def _formats(value: str) -> list[str]:
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if "all" in names:
        return list(writers.FORMATS)
    unknown = [n for n in names if n not in writers.FORMATS]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(writers.FORMATS)} or all"
        )
    return list(dict.fromkeys(names))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(convert.__version__, prog_name="referat")
def main() -> None:
    """Convert Danish municipal meeting minutes into open, accessible formats.

    Minutes are read from PDF, from text extractions, or from referat's own canonical
    XML/JSON, and written as canonical XML/JSON, DOCX, XLSX, accessible PDF (PDF/UA-1),
    OParl 1.1 JSON and Akoma Ntoso 3.0 XML.
    """


@main.command("convert")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--to", "to", default="xml", show_default=True, metavar="FORMATS",
              help=f"Comma-separated output formats, or 'all'. {FORMAT_HELP}.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the outputs; created if missing.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for many inputs (default: the number of cores).")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
def convert_cmd(inputs: tuple[str, ...], to: str, out: Path, jobs: int | None, quiet: bool) -> None:
    """Convert INPUT files, folders (searched recursively) or globs.

    For an input a/b/x.pdf the outputs are OUT/x.xml, OUT/x.json, OUT/x.docx, OUT/x.xlsx,
    OUT/x.pdf, OUT/x.oparl.json and OUT/x.akn.xml; inputs found inside a folder keep their
    sub-folders under OUT.

    Exit status: 0 all converted; 1 some inputs failed (the rest were still converted, each
    failure reported on one line with its file and reason); 2 usage error.
    """
    try:
        formats = _formats(to)
    except click.BadParameter as exc:
        exc.param_hint = "'--to'"
        raise
    jobs, failed = batch.discover(list(inputs), out)
    for result in failed:
        click.echo(f"error: {result.error}", err=True)
    done = 0
    for job in jobs:
        result = batch.convert_one(job, formats)
        if result.ok:
            done += 1
            if not quiet:
                click.echo(f"{job.path} -> {', '.join(str(p) for p in result.outputs)}")
        else:
            failed.append(result)
            click.echo(f"error: {result.error}", err=True)
    click.echo(f"{done} converted, {len(failed)} failed", err=quiet)
    sys.exit(1 if failed else 0)


@main.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE.xml...")
def validate_cmd(files: tuple[Path, ...]) -> None:
    """Check canonical XML files against schemas/minutes.xsd.

    Exit status: 0 all valid; 1 some file invalid or unreadable (one line each)."""
    bad = 0
    for path in files:
        try:
            convert.validate(path)
        except ReferatError as exc:
            bad += 1
            click.echo(f"invalid: {exc}", err=True)
        else:
            click.echo(f"valid: {path}")
    sys.exit(1 if bad else 0)


@main.command("formats")
def formats_cmd() -> None:
    """List the output formats and their file extensions."""
    for f in writers.FORMATS.values():
        click.echo(f"{f.name:6} {f.extension:12} {f.description}")
