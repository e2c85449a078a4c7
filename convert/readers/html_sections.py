"""HTML fragments split at their headings into the model's sections, each heading's kind named
by the minutes vocabulary (``convert.readers.grammar.vocabulary``): the item text of FirstAgenda
(``Felter[].Html``, web pages) and the text fields of eDoc and SBSYS exports. The blocks come from
``convert.readers.html``.
"""

from __future__ import annotations

from lxml import etree

from convert.model import Section
from convert.readers.grammar.dates import parse_date
from convert.readers.grammar.vocabulary import HEADING_MAX, Vocabulary
from convert.readers.html import BoldParagraph, Heading, bulleted, parse, public, top_blocks


def _known(text: str, vocabulary: Vocabulary) -> bool:
    text = text.rstrip(" :.")
    return bool(vocabulary.section_kind(text) or vocabulary.decision(text) or vocabulary.attachments.match(text))


def section_of(heading: str, vocabulary: Vocabulary) -> Section:
    """An empty section for a heading as printed: its kind, and for a decision its body and date."""
    text = heading.rstrip(" :.")
    decision = vocabulary.decision(text)
    if decision:
        groups = decision.groupdict()
        date = parse_date(groups["date"]) if groups.get("date") else None
        return Section("decision", heading, body=groups.get("body"), date=date)
    return Section(vocabulary.section_kind(text) or "other", heading)


def sections(fragment: str, vocabulary: Vocabulary) -> list[Section]:
    """The fragment split at its section headings.

    A heading is a section heading when the vocabulary knows it, or when it stands at the level
    of a heading the vocabulary knows in the same fragment (a system's own headings sit beside
    the common ones); other headings stay subheadings inside their section. A paragraph all in
    bold is a section heading when the vocabulary knows its words, else a paragraph. Text before the first
    section heading is a section of kind "other" with an empty heading."""
    root = parse(fragment)
    return [] if root is None else element_sections(root, vocabulary)


def element_sections(root: etree._Element, vocabulary: Vocabulary) -> list[Section]:
    """:func:`sections` of the content of an element of a parsed page."""
    raw = top_blocks(root)
    heads = [b for b in raw if isinstance(b, Heading)]
    levels = {h.level for h in heads if _known(h.text, vocabulary)}
    out: list[Section] = []
    for b in raw:
        if isinstance(b, BoldParagraph) and _known(b.text, vocabulary):
            out.append(section_of(b.text, vocabulary))
            continue
        if (
            isinstance(b, Heading)
            and len(b.text) <= HEADING_MAX
            and (b.level in levels or (b.text and _known(b.text, vocabulary)))
        ):
            out.append(section_of(b.text, vocabulary))
            continue
        if not out:
            out.append(Section("other", ""))
        out[-1].blocks.extend(public([b]))
    # An empty heading with nothing under it said nothing.
    for section in out:
        section.blocks = bulleted(section.blocks)
    return [s for s in out if s.heading or s.blocks]
