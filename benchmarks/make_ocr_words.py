"""Writes the Danish word list that OCR mends doubtful words against
(``convert/readers/grammar/vocabulary/ocr/words.toml``): the words of the Greve minutes in
``../shared/corpus/greve/`` (item titles, committee names and item text) that occur in at least
``--meetings`` of its meetings. Greve is not in the scanned test set, so the list knows nothing of
the documents OCR is measured on. Common words only, so a typing error never enters (the names
of long-serving members do).

    .venv/bin/python benchmarks/make_ocr_words.py > convert/readers/grammar/vocabulary/ocr/words.toml
"""

from __future__ import annotations

import argparse
import html
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GREVE = ROOT.parent / "shared" / "corpus" / "greve"
_WORD = re.compile(r"[^\W\d_]+")


def _texts(meeting: dict) -> list[str]:
    texts = [(meeting.get("Udvalg") or {}).get("Navn") or ""]
    for item in meeting.get("Dagsordenpunkter") or []:
        texts += [item.get("Navn") or "", item.get("Caption") or ""]
        texts += [f.get("Html") or "" for f in item.get("Felter") or []]
    return [html.unescape(re.sub(r"<[^>]+>", " ", t)) for t in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=20)
    args = parser.parse_args()
    seen: Counter[str] = Counter()
    files = sorted(GREVE.glob("*.json"))
    for path in files:
        words = {w.casefold() for t in _texts(json.loads(path.read_text("utf-8"))) for w in _WORD.findall(t)}
        seen.update(w for w in words if len(w) >= 2)
    kept = sorted(w for w, n in seen.items() if n >= args.meetings)
    print(f"# Made by benchmarks/make_ocr_words.py: the {len(kept)} words in at least {args.meetings} of the")
    print(f"# {len(files)} Greve meetings of ../shared/corpus/greve/, lower case. Read by readers/pdf/confusions.py.")
    print('words = """')
    line: list[str] = []
    for word in kept:
        if sum(len(w) + 1 for w in line) + len(word) > 100:
            print(" ".join(line))
            line = []
        line.append(word)
    print(" ".join(line))
    print('"""')


if __name__ == "__main__":
    main()
