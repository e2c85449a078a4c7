"""The words the PDF and Word writers print around the document's own text, one source for both:
the document title and each item's heading, so that the same minutes read the same in every format.

The title is the meeting body and its date in the long Danish form ("Direktionen 1. juni 2021");
an item heading is the item's number as the minutes printed it (``Item.label``: "Punkt 3:",
"715.") and its title, or the number with a full stop where the source left no label, or the
title alone where the source printed no number: none is invented ("Punkt uden titel" where
there is neither).
"""

from __future__ import annotations

from convert.model import Item, Minutes
from convert.writers._opendata import danish_date


def document_title(minutes: Minutes) -> str:
    meeting = minutes.meeting
    body = meeting.body or "Referat"
    return f"{body} {danish_date(meeting.date)}" if meeting.date else body


def item_label(item: Item) -> str:
    if item.label:
        return item.label
    number = (item.number or "").strip()
    return number if number.endswith((".", ":")) or not number else f"{number}."


UNTITLED = "Punkt uden titel"


def item_heading(item: Item) -> str:
    # An item with neither number nor title still needs words in its heading: PDF/UA-1 forbids an
    # empty one, and leaving it out would make the item's section headings skip a level.
    return f"{item_label(item)} {item.title}".strip() or UNTITLED
