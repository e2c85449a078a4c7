"""Reading stays linear in the input's size, checked by counting work, not by timing it: the
number of Python and C function calls made while reading (``sys.setprofile``) grows no faster
than the input. A quadratic step (comparing every decision paragraph with every agenda point,
rescanning all lines per item) shows up as calls growing with the square of the size.
Backtracking inside one regular expression is invisible to this count; the benchmark
(benchmarks/bench_text_reader.py) times the same shapes at n and 4n for that."""

from __future__ import annotations

import random

import pytest

from convert.readers import read_bytes
from tests.calls import calls as count_calls
from tests.render_text import make_minutes, render

SLACK = 1.25  # per byte, the large input may cost this much more than the small one


def calls(data: bytes) -> int:
    return count_calls(read_bytes, data, "linear.txt", "text")


def generated(items: int) -> bytes:
    minutes = make_minutes(random.Random(items), items=items)
    return render(minutes, 90, tuple(range(40, 10**6, 97)), True, False)[0].encode()


def many_points(n: int) -> bytes:
    """One item whose decision repeats n agenda points, each with its outcome."""
    points = [f"Punkt om emne nummer {k} her." for k in range(n)]
    text = "Titel \n\nÅben Sag \n\nSagsfremstilling \n\n" + "".join(f"\uf0b7 {p} \n\n" for p in points)
    text += "Beslutning i Direktionen den 01-06-2021 \n\n"
    text += "".join(f"{p} \n\nDrøftet. \n\n \n\n" for p in points)
    return text.encode()


def long_paragraph(n: int) -> bytes:
    return ("Titel \n\nÅben Sag \n\nSagsfremstilling \n\n" + "ord og flere ord i en lang linje \n\n" * n).encode()


def unclosed_attachments(n: int) -> bytes:
    return (
        "Titel \n\nÅben Sag \n\nBilag: \n\n" + "".join(f"{k} - 123 Åben titel uden slut \n\n" for k in range(n))
    ).encode()


@pytest.mark.parametrize(
    ("make", "n"),
    [(generated, 8), (many_points, 100), (long_paragraph, 500), (unclosed_attachments, 100)],
    ids=["generated-items", "many-points", "long-paragraph", "unclosed-attachments"],
)
def test_work_grows_linearly(make, n):
    small, large = make(n), make(4 * n)
    assert 3.5 < len(large) / len(small) < 4.6
    per_byte_small = calls(small) / len(small)
    per_byte_large = calls(large) / len(large)
    assert per_byte_large <= SLACK * per_byte_small, (per_byte_small, per_byte_large)
