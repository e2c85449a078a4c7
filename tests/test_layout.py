"""The package's shape as DESIGN.md draws it: readers in rooms (the PDF front end, the grammar, one
module per input format), the archive pipeline in its own package, no module over 400 lines, no
import circle between the model and its text dump, writers apart from readers and each other."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "convert"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_data" not in p.parts)


def test_rooms_hold_their_modules():
    flat = sorted(p.name for p in (PACKAGE / "readers").glob("*.py"))
    assert not [n for n in flat if n.startswith("pdf_")], flat
    for part in ("runs", "lines", "flow", "furniture", "toc", "tables", "structure"):
        assert (PACKAGE / "readers" / "pdf" / f"{part}.py").exists(), part
    grammar = ("recognizer", "starts", "blocks", "points", "attachments", "front", "furniture", "dates", "vocabulary")
    for part in grammar:
        assert (PACKAGE / "readers" / "grammar" / f"{part}.py").exists(), part
    assert list((PACKAGE / "readers" / "grammar" / "vocabulary").glob("*.toml"))
    for part in ("batch", "bundle", "distributed", "manifest", "progress", "output"):
        assert (PACKAGE / "archive" / f"{part}.py").exists(), part
        assert not (PACKAGE / f"{part}.py").exists(), part


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > 400}
    assert not long


def _runtime_imports(path: Path) -> set[str]:
    """Modules a file imports when it runs (``if TYPE_CHECKING:`` blocks left out)."""
    found = set()
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_model_and_native_import_no_circle():
    model = _runtime_imports(PACKAGE / "model.py")
    assert {m for m in model if m.startswith("convert")} <= {"convert.native"}, model
    assert not [m for m in _runtime_imports(PACKAGE / "native.py") if m.startswith("convert")]


def test_writers_import_no_reader_and_no_other_writer():
    for path in (PACKAGE / "writers").glob("*.py"):
        if path.name.startswith("_"):
            continue
        imports = _runtime_imports(path)
        assert not [m for m in imports if m.startswith("convert.readers")], path.name
        others = [m for m in imports if m.startswith("convert.writers.") and not m.split(".")[-1].startswith("_")]
        # A writer may use its own parts (pdf: pdf_tags, pdf_typst), never another writer.
        assert not [m for m in others if not m.startswith(f"convert.writers.{path.stem}_")], (path.name, others)


def test_importing_the_package_does_not_start_the_archive_machinery():
    code = "import sys, convert; print(any(m.startswith('convert.archive') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
