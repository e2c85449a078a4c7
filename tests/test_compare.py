"""``referat compare``: field-by-field agreement (convert/compare.py) on the corpus goldens, the
seeds' canonical goldens, generated minutes and deliberate damage; the command's exit status."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

import convert
from convert.cli import main
from convert.compare import compare, load, parse_native
from tests import strategies
from tests.conftest import CORPUS, SEEDS
from tests.golden import GOLDEN

CHECKED = [
    (
        "pdf_ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.txt",
        "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
    ),
    (
        "pdf_ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.txt",
        "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.pdf",
    ),
    ("pdf_aarhus_byraad_referat_2025-08-27.txt", "aarhus_byraad_referat_2025-08-27.pdf"),
]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("golden, pdf", CHECKED, ids=[c[1] for c in CHECKED])
def test_corpus_pdfs_agree_with_their_checked_goldens(golden, pdf):
    expected = load(GOLDEN / "native" / golden)
    report = compare(expected, convert.read(CORPUS / pdf))
    assert report.total > 15 and expected.items
    assert report.equal, report.differences[:10]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seeds_agree_with_their_canonical_and_native_goldens(seed):
    actual = convert.read(seed)
    for golden in (GOLDEN / "canonical" / f"text_{seed.stem}.xml", GOLDEN / "native" / f"text_{seed.stem}.txt"):
        report = compare(load(golden), actual)
        assert report.equal and report.total > 20, report.differences[:10]


@settings(max_examples=40, deadline=None)
@given(strategies.minutes)
def test_a_native_dump_reads_back_to_the_same_fields(minutes):
    report = compare(minutes, parse_native(minutes.pformat(), "dump.txt"))
    assert report.equal, report.differences[:5]


@settings(max_examples=40, deadline=None)
@given(strategies.minutes)
def test_each_damage_costs_its_fields(minutes):
    whole = compare(minutes, minutes)
    assert whole.equal and not whole.differences
    if not minutes.items:
        return
    damaged = copy.deepcopy(minutes)
    damaged.items[0].title += " X"
    damaged.items[0].case_number = "99/1" if damaged.items[0].case_number != "99/1" else None
    report = compare(minutes, damaged)
    assert report.total == whole.total and report.right == whole.right - 2
    # An invented item is counted against the reader: more fields, none of them right.
    invented = copy.deepcopy(minutes)
    invented.items.append(copy.deepcopy(minutes.items[0]))
    invented.items[-1].number = "invented-99"
    invented.items[-1].title = "nothing like it"
    report = compare(minutes, invented)
    assert report.total > whole.total and report.right == whole.right
    # A lost item costs all of its fields.
    lost = copy.deepcopy(minutes)
    del lost.items[0]
    report = compare(minutes, lost)
    assert report.right < whole.right and not report.equal


def test_the_punkt2_pdf_against_the_whole_meeting_finds_the_missing_items():
    whole = GOLDEN / "native" / CHECKED[0][0]
    result = run("compare", str(whole), str(CORPUS / CHECKED[1][1]))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "item 1 'Meddelelser' missing" in result.output
    assert lines[-1].endswith("%)") and "fields right" in lines[-1]


def test_command_exit_status(tmp_path: Path):
    golden = GOLDEN / "native" / CHECKED[1][0]
    same = run("compare", str(golden), str(CORPUS / CHECKED[1][1]))
    assert same.exit_code == 0 and "(100.0 %)" in same.output
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing")
    bad = run("compare", str(golden), str(broken))
    assert bad.exit_code == 2 and bad.output.startswith("error: broken.pdf") and "Traceback" not in bad.output
    assert run("compare", str(golden)).exit_code == 2


EXPORT = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml"
# Where the printed PDFs themselves title an attachment otherwise than the export's register does
# (checked on the pages): the reader is right to give what is printed.
PRINTED_OTHERWISE = {
    "item 3 attachment 1 title",
    "item 4 attachment 1 title",
    "item 6 attachment 1 title",
}


def test_ballerup_meeting_and_its_item_pdfs_against_the_edoc_export():
    expected = load(EXPORT)
    assert len(expected.items) == 8
    whole = compare(expected, convert.read(CORPUS / CHECKED[0][1]))
    assert whole.percent >= 98.0 and whole.total > 100, whole.differences
    right = total = 0
    seen = set()
    for pdf in sorted((CORPUS / "ballerup").glob("*_item_*.pdf")):
        actual = convert.read(pdf)
        assert len(actual.items) == 1
        seen.add(actual.items[0].number)
        report = compare(expected, actual, part=True)
        right, total = right + report.right, total + report.total
        assert {d.split(":")[0] for d in report.differences} <= PRINTED_OTHERWISE, (pdf.name, report.differences)
    assert seen == {str(n) for n in range(1, 9)}
    assert right / total >= 0.98 and total > 100
    assert {d.split(":")[0] for d in whole.differences} <= PRINTED_OTHERWISE
