"""The ``referat`` command: a thin layer over the Python API (convert.read / write / validate)
and over ``convert.archive`` for many inputs. Exit status as in DESIGN.md: 0 all converted,
1 some inputs failed, 2 usage error; 130 after Ctrl-C. A user's mistake is one line, never a
traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import convert
from convert import archive, writers
from convert.archive.progress import reporter
from convert.errors import ReferatError

FORMAT_HELP = "; ".join(f"{f.name} ({f.description})" for f in writers.FORMATS.values())


def _installed(fmt: str) -> bool:
    try:
        writers.module(fmt)
    except ImportError:
        return False
    return True


def _formats(value: str) -> list[str]:
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if "all" in names:
        return [f for f in writers.FORMATS if _installed(f)]
    unknown = [n for n in names if n not in writers.FORMATS]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(writers.FORMATS)} or all"
        )
    missing = [n for n in names if not _installed(n)]
    if missing:
        raise click.BadParameter(f"the writer for {', '.join(missing)} is not installed in this referat")
    return list(dict.fromkeys(names))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(convert.__version__, prog_name="referat")
def main() -> None:
    """Convert Danish municipal meeting minutes into open, accessible formats.

    Minutes are read from PDF, from text extractions, or from referat's own canonical
    XML/JSON, and written as canonical XML/JSON, DOCX, XLSX, accessible PDF (PDF/UA-1),
    OParl 1.1 JSON and Akoma Ntoso 3.0 XML.
    """


@main.command("convert")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--to",
    "to",
    default="xml",
    show_default=True,
    metavar="FORMATS",
    help=f"Comma-separated output formats, or 'all'. {FORMAT_HELP}.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the outputs, the manifest and the bundle; created if missing.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of cores)."
)
@click.option(
    "--combine",
    is_flag=True,
    help="Also write the open-data bundle of all inputs: datapackage.json with meetings, items and "
    "attachments as CSV and JSON, combined.xlsx and an OParl System/Body (combined.oparl.json).",
)
@click.option(
    "--base-url",
    "base_url",
    metavar="URL",
    default=None,
    help="Public address the OParl outputs will be published under; their ids are URLs below it "
    "(default https://example.invalid/oparl/v1, a placeholder that never resolves).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Run the conversions on a Dask distributed cluster (needs: pip install 'referat[dask]'). "
    "Inputs and OUT must be on a file system all workers share.",
)
@click.option("--force", is_flag=True, help="Convert every input again, even those unchanged since the last run.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
def convert_cmd(
    inputs: tuple[str, ...],
    to: str,
    out: Path,
    jobs: int | None,
    combine: bool,
    base_url: str | None,
    scheduler: str | None,
    force: bool,
    quiet: bool,
) -> None:
    """Convert INPUT files, folders (searched recursively) or globs.

    \b
    For an input a/b/x.pdf the outputs are OUT/x.xml, OUT/x.json, OUT/x.docx,
    OUT/x.xlsx, OUT/x.pdf, OUT/x.oparl.json and OUT/x.akn.xml; inputs found
    inside a folder keep their sub-folders under OUT.

    Inputs are recognised by their content. Inside folders, files no reader
    claims (images, spreadsheets, ...) are ignored; a broken minutes file is
    reported on one line with its name and the cause, and the rest go on.

    OUT/manifest.json and OUT/manifest.csv record every input: path, SHA-256,
    size, reader, items, outputs, status, error and seconds. Running the same
    command again converts only inputs that are new or changed (content,
    referat version, formats or settings) and says how many it skipped.

    \b
    Exit status: 0 all converted; 1 some inputs failed (the rest were still
    converted); 2 usage error (bad option, unwritable OUT, no scheduler);
    130 interrupted with Ctrl-C (the manifest is saved).

    \b
    Examples:
      referat convert minutes.pdf --to docx,pdf
      referat convert archive/ --to all --out published/ --jobs 4 --combine
      referat convert 'archive/**/*.txt' --to xml --scheduler tcp://10.0.0.5:8786
    """
    try:
        formats = _formats(to)
    except click.BadParameter as exc:
        exc.param_hint = "'--to'"
        raise
    settings = {"base_url": base_url}
    try:
        with reporter(quiet) as report:
            summary = archive.run(
                list(inputs),
                formats,
                out,
                jobs=jobs,
                settings=settings,
                force=force,
                combine=combine,
                scheduler=scheduler,
                report=report,
            )
    except archive.Interrupted as exc:
        click.echo(str(exc), err=True)
        sys.exit(130)
    except KeyboardInterrupt:  # after the conversions, while saving or bundling
        click.echo(f"interrupted; run the same command again to finish {out}", err=True)
        sys.exit(130)
    except ReferatError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for line in summary.bundle_errors:
        click.echo(f"error: {line}", err=True)
    if summary.bundle and not quiet:
        click.echo(f"bundle: {', '.join(str(p) for p in summary.bundle)}", err=True)
    click.echo(summary.line(), err=True)
    sys.exit(0 if summary.ok else 1)


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


@main.command("site")
@click.argument("out", type=click.Path(path_type=Path), metavar="OUT")
@click.option("--out", "site", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Folder for the website; only changed files are rewritten.")
@click.option("--municipality", metavar="NAME", default=None,
              help="The municipality publishing the archive: the site's name and the OParl Body.")
@click.option("--base-url", "base_url", metavar="URL", default=None,
              help="Public address the site will be served from; the feed, calendar and OParl ids use it "
              "(default https://example.invalid, a placeholder that never resolves).")
@click.option("--no-search", is_flag=True, help="Leave out the Pagefind full-text index.")
def site_cmd(out: Path, site: Path, municipality: str | None, base_url: str | None, no_search: bool) -> None:
    """Build a static, accessible web archive of OUT, the --out folder of 'referat convert'.

    \b
    Pages per committee, meeting, item and person, every format to download,
    full-text search (Pagefind), feed.xml (Atom), moeder.ics (iCalendar) and a
    static OParl 1.1 API under oparl/v1/ (start at oparl/v1/system.json).
    Convert with at least --to xml; the other formats become downloads.

    \b
    Example:
      referat convert archive/ --to all --out published/
      referat site published/ --out site/ --municipality "Greve Kommune" --base-url https://referater.greve.dk
    """
    from convert import site as website

    try:
        built = website.build(out, site, municipality, base_url or website.DEFAULT_BASE_URL, not no_search)
    except ReferatError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for line in built.errors:
        click.echo(f"skipped: {line}", err=True)
    click.echo(
        f"{site}: {built.meetings} meetings, {built.pages_written} files written, {built.pages_kept} unchanged, "
        f"{built.removed} removed, {built.api_objects} OParl objects; {built.search}",
        err=True,
    )
    sys.exit(1 if built.errors else 0)

@main.command("compare")
@click.argument("expected", type=click.Path(path_type=Path))
@click.argument("actual", type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print only the total, not each difference.")
@click.option("--part", is_flag=True, help="ACTUAL holds some items of EXPECTED (one item's PDF): compare those.")
def compare_cmd(expected: Path, actual: Path, quiet: bool, part: bool) -> None:
    """Field-by-field agreement of two minutes documents (any input referat reads, or a native dump).

    \b
    Fields: meeting body, date, place, participants; per item its number, title,
    access, case number, section kinds, decisions (body, date) and attachments
    (number, title, access, document number). Items are matched by number, then title.

    Exit status: 0 equal; 1 different; 2 usage error or an unreadable input."""
    from convert.compare import compare, load

    try:
        report = compare(load(expected), load(actual), part)
    except ReferatError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if not quiet:
        for line in report.differences:
            click.echo(line)
    click.echo(report.line())
    sys.exit(0 if report.equal else 1)
