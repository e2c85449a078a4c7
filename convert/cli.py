"""The ``referat`` command: a thin layer over the Python API (convert.read / write / validate),
over ``convert.pipe`` for one input to one output (pandoc style) and over ``convert.archive``
for many inputs. Exit status as in DESIGN.md: 0 all converted, 1 some inputs failed, 2 usage
error; 130 after Ctrl-C, 143 after SIGTERM. A user's mistake is one line, never a traceback."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

import convert
from convert import readers, writers
from convert.errors import ReferatError, UsageError
from convert.limits import MAX_SIZE

# The batch machinery (convert.archive, convert.pipe) is imported by the command that runs it, not
# here: `referat --help` needs only the registries of readers and writers.

FORMAT_HELP = "; ".join(f"{f.name} ({f.description})" for f in writers.FORMATS.values())


def _formats(value: str) -> list[str]:
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if "all" in names:
        return writers.installed()
    unknown = [n for n in names if n not in writers.FORMATS]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(writers.FORMATS)} or all"
        )
    missing = [n for n in names if not writers.installed(n)]
    if missing:
        raise click.BadParameter(f"the writer for {', '.join(missing)} is not installed in this referat")
    return list(dict.fromkeys(names))


def _echo_error(text: str) -> None:
    from convert.archive.escape import printable

    click.echo(printable(text), err=True)


class _DefaultConvert(click.Group):
    """``referat in.pdf -o out.docx`` means ``referat convert in.pdf -o out.docx``, as in pandoc."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version", "-v"):
            args = ["convert", *args]
        return super().parse_args(ctx, args)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: workers stopped, temporary files removed, manifest saved."""


def _on_sigterm(signum, frame) -> None:
    raise _Terminated


@click.group(cls=_DefaultConvert, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(convert.__version__, "--version", "-v", prog_name="referat")
def main() -> None:
    """Convert Danish municipal meeting minutes into open, accessible formats.

    Minutes are read from PDF, from text extractions, or from referat's own canonical
    XML/JSON, and written as canonical XML/JSON, DOCX, XLSX, accessible PDF (PDF/UA-1),
    OParl 1.1 JSON and Akoma Ntoso 3.0 XML. Without a command, 'convert' is meant:
    referat minutes.pdf -o minutes.docx
    """


@main.command("convert")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--to",
    "-t",
    "to",
    default=None,
    metavar="FORMATS",
    help=f"Comma-separated output formats, or 'all' [default: xml, or the extension of -o]. {FORMAT_HELP}.",
)
@click.option(
    "--from",
    "-f",
    "reader",
    type=click.Choice(sorted(readers.READERS), case_sensitive=False),
    default=None,
    help="Read every input with this reader instead of recognising it by its content.",
)
@click.option(
    "--output",
    "-o",
    "output",
    metavar="FILE",
    default=None,
    help="Convert the one INPUT into FILE, the format from its extension unless --to says; '-' is "
    "standard output. No manifest. An INPUT of '-' is standard input (then -o defaults to '-').",
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the outputs, the manifest and the bundle; created if missing.  [default: out]",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of cores)."
)
@click.option(
    "--max-size",
    "max_size",
    type=click.FloatRange(min=0, min_open=True),
    default=MAX_SIZE / 2**20,
    show_default=True,
    metavar="MB",
    help="Refuse an input larger than this many megabytes (it would fill memory), with one line.",
)
@click.option(
    "--combine",
    is_flag=True,
    help="Also write the open-data bundle of all inputs: datapackage.json with meetings, items and "
    "attachments as CSV and JSON; with --to xlsx combined.xlsx, with --to oparl an OParl System/Body "
    "(combined.oparl.json).",
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
    "--municipality",
    metavar="NAME",
    default=None,
    help="The municipality whose minutes these are, for minutes that do not print it: it names the OParl "
    "Body and goes into every id and Akoma Ntoso name, so archives of two municipalities never collide.",
)
@click.option(
    "--kommunekode",
    metavar="CODE",
    default=None,
    help="The municipality's three-digit code (Danmarks Statistik, e.g. 253): Akoma Ntoso names become "
    "/akn/dk-CODE/... . Name, code and base URL may also stand in a referat.toml beside the archive.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Run the conversions on a Dask distributed cluster (needs: pip install 'referat[dask]'). "
    "Inputs and OUT must be on a file system all workers share.",
)
@click.option(
    "--pdf-engine",
    "pdf_engine",
    type=click.Choice(["typst", "weasyprint"]),
    default="typst",
    show_default=True,
    help="What sets the accessible PDF (PDF/UA-1, the same page design and content): Typst, several times "
    "faster, or WeasyPrint (HTML and CSS).",
)
@click.option(
    "--ocr",
    type=click.Choice(["auto", "never", "always"]),
    default="auto",
    show_default=True,
    help="Read scanned pages with OCR (Tesseract, Danish): 'auto' the pages without a usable text layer, "
    "'always' every page, 'never' none.",
)
@click.option("--force", is_flag=True, help="Convert every input again, even those unchanged since the last run.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures, warnings and the summary.")
def convert_cmd(
    inputs: tuple[str, ...],
    to: str | None,
    reader: str | None,
    output: str | None,
    out: Path | None,
    jobs: int | None,
    max_size: float,
    combine: bool,
    base_url: str | None,
    municipality: str | None,
    kommunekode: str | None,
    scheduler: str | None,
    pdf_engine: str,
    ocr: str,
    force: bool,
    quiet: bool,
) -> None:
    """Convert INPUT files, folders (searched recursively) or globs.

    \b
    One file, as pandoc does it:
      referat minutes.pdf -o minutes.docx
      cat minutes.txt | referat - -t json > minutes.json

    \b
    Many files: for an input a/b/x.pdf the outputs are OUT/x.xml, OUT/x.json,
    OUT/x.docx, OUT/x.xlsx, OUT/x.pdf, OUT/x.oparl.json and OUT/x.akn.xml;
    inputs found inside a folder keep their sub-folders under OUT.

    Two inputs with the same stem in one folder of OUT (x.txt and x.pdf side by
    side) keep their extension in the outputs' names: x.txt.xml and x.pdf.xml.
    The same name from different folders given on the command line is told apart
    by a number: x.txt.xml, x.txt-2.xml.

    Inputs are recognised by their content (or --from). Inside folders, files no
    reader claims (images, spreadsheets, ...), referat's own outputs and anything
    that is not a regular file (FIFOs, devices) are passed over; a broken minutes
    file is reported on one line with its name and the cause, and the rest go on.
    A damaged input that still converts (a PDF cut short) is converted with a
    warning, marked in the manifest.

    OUT/manifest.json and OUT/manifest.csv record every input: path, SHA-256,
    size, reader, items, outputs, status, error, warnings and seconds. Running the
    same command again converts only inputs that are new or changed (content,
    referat version, formats or settings) and says how many it skipped. One run at
    a time may write into an OUT folder; a second one stops with exit status 2.

    \b
    Exit status: 0 all converted; 1 some inputs failed (the rest were still
    converted); 2 usage error (bad option, an input that does not exist,
    unwritable or busy OUT, no scheduler), before anything is written;
    130 interrupted with Ctrl-C, 143 with SIGTERM (the manifest is saved).

    \b
    Examples:
      referat convert minutes.pdf --to docx,pdf
      referat convert archive/ --to all --out published/ --jobs 4 --combine
      referat convert 'archive/**/*.txt' --to xml --scheduler tcp://10.0.0.5:8786
    """
    from convert import archive, pipe
    from convert.archive import settings as archive_settings
    from convert.archive.progress import reporter

    limit = int(max_size * 2**20)
    try:
        # --ocr's default stays out of the settings, so runs from before --ocr existed resume as unchanged
        given = {
            "base_url": base_url,
            "municipality": municipality,
            "kommunekode": archive_settings.check_code(kommunekode),
            "ocr": None if ocr == "auto" else ocr,
        }
        settings = {**archive_settings.find(list(inputs)), **{k: v for k, v in given.items() if v is not None}}
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if output is not None or inputs == (pipe.STDIO,):
        if out is not None or combine or scheduler or jobs:
            raise click.UsageError("-o/--output writes one file: --out, --combine, --jobs and --scheduler are for many")
        _single(inputs, output or pipe.STDIO, to, reader, limit, {**settings, "pdf_engine": pdf_engine})
    if pipe.STDIO in inputs:
        raise click.UsageError("'-' (standard input) must be the only INPUT")
    try:
        formats = _formats("xml" if to is None else to)
    except click.BadParameter as exc:
        exc.param_hint = "'--to'"
        raise
    out = out or Path("out")
    signal.signal(signal.SIGTERM, _on_sigterm)
    if "pdf" in formats:  # the engine is a setting of PDF runs only: others keep their resume key
        settings["pdf_engine"] = pdf_engine
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
                reader=reader,
                limit=limit,
            )
    except archive.Interrupted as exc:
        _echo_error(str(exc))
        sys.exit(_interrupted_status(exc))
    except KeyboardInterrupt as exc:  # after the conversions, while saving or bundling
        _echo_error(f"interrupted; run the same command again to finish {out}")
        sys.exit(_interrupted_status(exc))
    except UsageError as exc:
        _echo_error(f"error: {exc}")
        sys.exit(2)
    except ReferatError as exc:  # the manifest or the bundle could not be written
        _echo_error(f"error: {exc}")
        sys.exit(1)
    for line in summary.bundle_errors:
        _echo_error(f"error: {line}")
    if summary.bundle and not quiet:
        _echo_error(f"bundle: {', '.join(str(p) for p in summary.bundle)}")
    _echo_error(summary.line())
    sys.exit(0 if summary.ok else 1)


def _interrupted_status(exc: BaseException) -> int:
    terminated = isinstance(exc, _Terminated) or isinstance(exc.__context__, _Terminated)
    return 128 + signal.SIGTERM if terminated else 130


def _single(inputs: tuple[str, ...], output: str, to: str | None, reader: str | None, limit: int, settings) -> None:
    """``referat INPUT -o FILE``: one conversion, no manifest; exits."""
    from convert import pipe

    if len(inputs) != 1:
        raise click.UsageError("-o/--output takes one INPUT; for many, use --out FOLDER")
    try:
        if to is not None:
            formats = _formats(to)
            if len(formats) != 1:
                raise click.BadParameter("-o/--output writes one format", param_hint="'--to'")
            fmt = formats[0]
        else:
            fmt = pipe.format_for(output) if output != pipe.STDIO else "xml"
            _formats(fmt)  # is its writer installed?
        if output == pipe.STDIO and writers.FORMATS[fmt].binary and sys.stdout.isatty():
            raise UsageError("-", f"{fmt.upper()} is binary: not written to a terminal; use -o FILE or a pipe")
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        found = pipe.convert_one(inputs[0], output, fmt, reader=reader, limit=limit, settings=settings)
    except UsageError as exc:
        _echo_error(f"error: {exc}")
        sys.exit(2)
    except ReferatError as exc:
        where = "standard input" if inputs[0] == pipe.STDIO else inputs[0]
        _echo_error(
            f"error: {where}: {exc.reason}"
            if exc.file in (inputs[0], Path(inputs[0]).name, "stdin")
            else f"error: {exc}"
        )
        sys.exit(1)
    for warning in found:
        _echo_error(f"warning: {warning}")
    sys.exit(0)


# The other commands live in convert/commands.py; registered here so that `referat --help` lists them.
from convert import commands  # noqa: E402

for _command in commands.ALL:
    main.add_command(_command)
