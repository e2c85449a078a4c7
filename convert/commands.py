"""The ``referat`` commands beside ``convert``: ``validate``, ``formats``, ``site`` and ``compare``.
Each is a thin layer over the Python API; exit status and one-line errors as in ``convert.cli``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import convert
from convert import writers
from convert.errors import ReferatError


def _echo(text: str, err: bool = False) -> None:
    # escape is imported here, not on top: importing it loads the archive package, which
    # `referat --help` (which imports this module to list the commands) does not use.
    from convert.archive.escape import printable

    click.echo(printable(text), err=err)


def _echo_error(text: str) -> None:
    _echo(text, err=True)


@click.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
def validate_cmd(files: tuple[Path, ...]) -> None:
    """Check canonical XML or JSON files against schemas/minutes.xsd or minutes.schema.json
    (the form is told by the content).

    Exit status: 0 all valid; 1 some file invalid or unreadable (one line each)."""
    bad = 0
    for path in files:
        try:
            convert.validate(path)
        except ReferatError as exc:
            bad += 1
            _echo_error(f"invalid: {exc}")
        else:
            _echo(f"valid: {path}")
    sys.exit(1 if bad else 0)


@click.command("formats")
def formats_cmd() -> None:
    """List the output formats and their file extensions."""
    for f in writers.FORMATS.values():
        click.echo(f"{f.name:6} {f.extension:12} {f.description}")


@click.command("site")
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

@click.command("compare")
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


ALL = [validate_cmd, formats_cmd, site_cmd, compare_cmd]
