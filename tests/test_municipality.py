"""--municipality: minutes that do not print their authority get it, and with it every id and name
built from the authority (OParl Body and ids, Akoma Ntoso FRBR), so two municipalities' archives
never collide; minutes that print their authority keep it."""

from __future__ import annotations

import json

from click.testing import CliRunner

import convert
from convert.cli import main
from tests.conftest import CORPUS

GREVE = CORPUS / "greve" / "greve_byraad-2022-2025_2022-04-04_d628e40c.json"


def _convert(tmp_path, name, *extra):
    out = tmp_path / name
    result = CliRunner().invoke(main, ["convert", str(GREVE), "--to", "oparl,akn,xml", "--out", str(out), "-q", *extra])
    assert result.exit_code == 0, result.output
    oparl = json.loads(next(out.glob("*.oparl.json")).read_text(encoding="utf-8"))
    akn = next(out.glob("*.akn.xml")).read_text(encoding="utf-8")
    return oparl, akn, convert.read(next(p for p in out.glob("*.xml") if not p.name.endswith(".akn.xml")))


def test_the_municipality_names_the_body_and_every_id(tmp_path):
    assert convert.read(GREVE).meeting.authority is None  # the export does not say
    greve, greve_akn, minutes = _convert(tmp_path, "greve", "--municipality", "Greve Kommune")
    other, other_akn, _ = _convert(tmp_path, "other", "--municipality", "Solrød Kommune")
    plain, _, _ = _convert(tmp_path, "plain")
    assert minutes.meeting.authority == "Greve Kommune"
    assert "/greve-kommune-" in greve["id"] and "/solroed-kommune-" in other["id"]
    assert greve["id"] != other["id"] != plain["id"]
    assert greve["referat:organization"]["name"] and "greve-kommune" in greve["organization"][0]
    assert "/greve-kommune-byraad" in greve_akn and "/solroed-kommune-byraad" in other_akn


def test_printed_authority_wins(tmp_path):
    minutes = convert.read(GREVE)
    minutes.meeting.authority = "Greve Kommune"
    assert convert.with_municipality(minutes, "Andet Sted").meeting.authority == "Greve Kommune"
    minutes.meeting.authority = None
    assert convert.with_municipality(minutes, "  ").meeting.authority is None
