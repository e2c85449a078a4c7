"""Characters that XML 1.0 cannot carry, replaced the same way for every writer.

XML 1.0 allows tab, line feed, carriage return and U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and
above (the Char production, https://www.w3.org/TR/xml/#charsets). A reader never lets the other
C0 controls through, but a title may still hold U+FFFE or U+FFFF, and a model built in Python
may hold anything. ``convert.write`` hands every writer a model in which each such character is
U+FFFD (the replacement character), so the loss stays visible and every format shows the same
text; XLSX (whose cells are XML too), DOCX, PDF and JSON agree with the canonical XML.
"""

from __future__ import annotations

import copy
import dataclasses
import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def text(value: str) -> str:
    return _NOT_XML.sub(REPLACEMENT, value)


def model(obj):
    """``obj`` (a model object, list, tuple or dict of them) with every string cleaned; the same
    object when nothing needed cleaning, else a copy (the caller's model is never changed)."""
    if isinstance(obj, str):
        return text(obj) if _NOT_XML.search(obj) else obj
    if isinstance(obj, list):
        cleaned = [model(v) for v in obj]
        return obj if all(a is b for a, b in zip(cleaned, obj, strict=True)) else cleaned
    if isinstance(obj, tuple):
        cleaned = tuple(model(v) for v in obj)
        return obj if all(a is b for a, b in zip(cleaned, obj, strict=True)) else cleaned
    if isinstance(obj, dict):
        cleaned = {k: model(v) for k, v in obj.items()}
        return obj if all(cleaned[k] is v for k, v in obj.items()) else cleaned
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changed = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            new = model(value)
            if new is not value:
                changed[f.name] = new
        if not changed:
            return obj
        dup = copy.copy(obj)
        for name, value in changed.items():
            object.__setattr__(dup, name, value)  # frozen dataclasses too
        return dup
    return obj
