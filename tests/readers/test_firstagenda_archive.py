"""A municipality's archive from its FirstAgenda export, combined (--combine): one meeting of each
Greve committee and the council, one XLSX row per agenda item, one OParl System and Body and one
Organization per committee, a Frictionless datapackage that validates. The whole archive (288
meetings) is converted the same way by ``make bench`` (benchmarks/bench_exports.py)."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from convert import archive
from tests.conftest import CORPUS

GREVE = sorted((CORPUS / "greve").glob("*.json"))


def _one_per_committee() -> list[Path]:
    first: dict[str, Path] = {}
    for path in GREVE:
        first.setdefault(re.sub(r"_\d{4}-\d{2}-\d{2}_.*", "", path.stem), path)
    return list(first.values())


@pytest.fixture(scope="module")
def combined(tmp_path_factory) -> tuple[Path, list[dict]]:
    src = tmp_path_factory.mktemp("greve")
    meetings = _one_per_committee()
    for path in meetings:
        shutil.copy(path, src / path.name)
    out = tmp_path_factory.mktemp("out")
    summary = archive.run([str(src)], ["xml", "xlsx", "oparl"], out, jobs=1, combine=True)
    assert summary.ok and summary.converted == len(meetings)
    return out, [json.loads(p.read_text(encoding="utf-8")) for p in meetings]


def test_one_xlsx_row_per_item(combined):
    out, docs = combined
    sheet = openpyxl.load_workbook(out / "combined.xlsx", read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert len(rows) == sum(len(d["Dagsordenpunkter"]) for d in docs)
    bodies = {" ".join(d["Udvalg"]["Navn"].split()) for d in docs}
    assert {r[1] for r in rows} == bodies


def test_oparl_one_system_one_body_one_organization_per_committee(combined):
    out, docs = combined
    types: Counter = Counter()

    def walk(x):
        if isinstance(x, dict):
            if isinstance(x.get("type"), str):
                # Parties are Organizations too (organizationType "Partei"): counted apart.
                party = x.get("organizationType") == "Partei"
                types[x["type"].rsplit("/", 1)[-1] + (" party" if party else "")] += 1
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(json.loads((out / "combined.oparl.json").read_text(encoding="utf-8")))
    assert types["System"] == 1 and types["Body"] == 1
    assert types["Organization"] == len({d["Udvalg"]["Navn"] for d in docs})
    assert types["AgendaItem"] == sum(len(d["Dagsordenpunkter"]) for d in docs)


def test_datapackage_validates(combined):
    frictionless = pytest.importorskip("frictionless")
    out, _ = combined
    assert frictionless.validate(str(out / "datapackage.json")).valid
