"""Full-text search for the static site with Pagefind (https://pagefind.app/, MIT): an index of
the pages' ``data-pagefind-body`` content, searched in the browser. The PyPI package ``pagefind``
with its ``bin`` extra brings the binary; Danish stemming follows the pages' ``lang="da"``."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from convert.errors import ReferatError


def index(site: Path) -> str:
    if importlib.util.find_spec("pagefind") is None:
        return "search left out: install referat[site] (Pagefind) for full-text search"
    run = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if run.returncode != 0:
        tail = (run.stderr or run.stdout).strip().splitlines()[-3:]
        raise ReferatError(f"{site}: Pagefind could not index the site: {' '.join(tail)}")
    return "search index built (Pagefind)"
