# referat: `make demo` and `make test` each set everything up on a fresh machine first.
#
#   make demo    set up, then convert examples/input into every format (examples/output)
#   make test    set up, then lint and run the whole test suite
#   make bench   set up (with the peers: pandoc, LibreOffice), then run benchmarks/
#   make goldens rewrite the golden files (review the diff before committing)
#   make accuracy fields right per corpus document and per generated house style (README table),
#                 then OCR word accuracy and field agreement on the scanned test set (slow: minutes)

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.referat-installed
# Debian packages: pdftotext/pdfinfo/pdftoppm for tests and checks, HarfBuzz's subsetter makes
# WeasyPrint about 3x faster, LibreOffice proves that DOCX/XLSX open without repair, chromium runs the
# web archive's browser tests (Playwright drives it; its own browser download cannot be used); Tesseract
# with its Danish data reads scanned pages (--ocr).
DEBS       := poppler-utils libharfbuzz-subset0 fonts-dejavu-core libreoffice-writer-nogui libreoffice-calc-nogui chromium \
              tesseract-ocr tesseract-ocr-dan
BENCH_DEBS := pandoc
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup debs demo test lint bench goldens accuracy clean

setup: debs $(STAMP)

# Installs only what is missing, and only when run as root with apt-get at hand.
debs:
	@missing=""; for p in $(DEBS) $(EXTRA_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "note: missing Debian packages:$$missing (run 'make setup' as root, or install them yourself)"; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dask]'
	touch $(STAMP)

demo: setup
	$(BIN)/referat convert examples/input --to all --combine --force --out examples/output --jobs $(JOBS)
	$(BIN)/referat site examples/output --out examples/site --municipality "Eksempler"
	@echo "examples/output now holds every format of every input in examples/input; examples/site/index.html is their web archive"

lint: setup
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/python -m pytest -n $(JOBS) -p no:cacheprovider

bench:
	$(MAKE) setup EXTRA_DEBS="$(BENCH_DEBS)"
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

accuracy: setup
	$(BIN)/python benchmarks/accuracy.py --examples 8
	$(BIN)/python benchmarks/accuracy_ocr.py --pages 3 --fields

goldens: setup
	REFERAT_REWRITE_GOLDENS=1 $(BIN)/python -m pytest tests -p no:cacheprovider -q || true
	@echo "goldens rewritten: review 'git diff tests/golden' before committing"

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .benchmarks build dist *.egg-info
