from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from convert import archive
from convert import site as website
from tests.conftest import CORPUS, SEEDS

# The seeds, two corpus PDFs and a Greve council meeting whose votes are data: five meetings of four
# committees, quick to convert.
GREVE_VOTES = CORPUS / "greve" / "greve_byraad-2022-2025_2022-04-04_d628e40c.json"
INPUTS = [*SEEDS, CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
          CORPUS / "aarhus_byraad_referat_2025-08-27.pdf", GREVE_VOTES]
BASE_URL = "https://referater.example.org/arkiv"


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("converted")
    summary = archive.run([str(p) for p in INPUTS], ["xml", "json", "docx", "oparl"], out, jobs=1)
    assert summary.ok, summary.line()
    return out


@pytest.fixture(scope="session")
def built(converted, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = website.build(converted, site, "Eksempel Kommune", BASE_URL)
    assert not result.errors and "built" in result.search
    return site


def _serve(folder: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def served(built):
    server, url = _serve(built)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def served_below(built, tmp_path_factory):
    """The site served in a folder of a larger web site (``/arkiv/``), as a municipality would."""
    root = tmp_path_factory.mktemp("www")
    (root / "arkiv").symlink_to(built, target_is_directory=True)
    server, url = _serve(root)
    yield url + "arkiv/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("Debian's chromium is needed for the browser tests: run 'make setup' as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()
