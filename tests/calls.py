"""Work counted, not timed: the Python and C function calls one call makes (``sys.setprofile``),
for the tests that hold reading linear in the input's size."""

from __future__ import annotations

import sys
from collections.abc import Callable


def calls(fn: Callable, *args) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return count
