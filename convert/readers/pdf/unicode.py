"""Text layers that lie: fonts whose glyphs map to no characters, and letters got back from them.

A PDF gives each glyph's character through the font's ToUnicode CMap, or else through its
encoding and glyph names (ISO 32000-1:2008, 9.10.2 "Mapping character codes to Unicode values").
A composite font with the Identity-H/V encoding and no ToUnicode has neither: its codes are glyph
numbers, and a reader shows other letters or none ("7HNQLVN" for "Teknisk"). When the font program
is embedded, its own ``cmap`` table (Unicode to glyph; the OpenType spec, "cmap — Character to
Glyph Index Mapping Table") or its glyph names (the Adobe Glyph List, via fontTools' ``agl``) say
which character each glyph draws: we write that down as the missing ToUnicode CMap (Adobe
Technical Note #5099 and #5411, the ``bfchar`` form) with pikepdf, and the PDF is read again.
What cannot be recovered is reported, never dropped silently (``convert.errors.TextWarning``).
"""

from __future__ import annotations

import io

import pikepdf

_IDENTITY = {"/Identity-H", "/Identity-V"}


def _glyph_characters(descendant: pikepdf.Dictionary) -> dict[int, str]:
    """Glyph number -> character, from the embedded TrueType/OpenType program of a CID font."""
    from fontTools import agl
    from fontTools.ttLib import TTFont

    descriptor = descendant.get("/FontDescriptor")
    program = None
    for key in ("/FontFile2", "/FontFile3"):
        if descriptor is not None and key in descriptor:
            program = descriptor[key]
            break
    if program is None:
        return {}
    try:
        font = TTFont(io.BytesIO(program.read_bytes()), lazy=True)
        order = font.getGlyphOrder()
        found: dict[int, str] = {}
        cmap = font["cmap"].getBestCmap() if "cmap" in font else None
        for code, name in (cmap or {}).items():
            gid = font.getGlyphID(name)
            if gid and (gid not in found or code < ord(found[gid][0])):
                found[gid] = chr(code)
        for gid, name in enumerate(order):
            if gid and gid not in found and name and not name.startswith(("glyph", "gid", ".")):
                text = agl.toUnicode(name)
                if text:
                    found[gid] = text
        return found
    except Exception:  # a damaged font program: nothing to recover from it
        return {}


def _cid_to_gid(descendant: pikepdf.Dictionary) -> dict[int, int] | None:
    """The CIDToGIDMap of a CIDFontType2 (9.7.4.2); None when it is the identity."""
    mapping = descendant.get("/CIDToGIDMap")
    if mapping is None or not isinstance(mapping, pikepdf.Stream):
        return None
    raw = mapping.read_bytes()
    return {cid: (raw[2 * cid] << 8) | raw[2 * cid + 1] for cid in range(len(raw) // 2)}


def _to_unicode(pairs: dict[int, str]) -> bytes:
    """A ToUnicode CMap of two-byte codes (bfchar entries, at most 100 per block as 5411 asks)."""
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    codes = sorted(pairs)
    for start in range(0, len(codes), 100):
        chunk = codes[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for code in chunk:
            utf16 = pairs[code].encode("utf-16-be").hex().upper()
            lines.append(f"<{code:04X}> <{utf16}>")
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return "\n".join(lines).encode("ascii")


def _fonts(resources, seen: set) -> list[pikepdf.Dictionary]:
    """Every font of a resource dictionary and of the forms it holds, once each."""
    out = []
    if resources is None:
        return out
    for font in (resources.get("/Font") or {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            out.append(font)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            out.extend(_fonts(xobject.get("/Resources"), seen))
    return out


def recover(data: bytes) -> tuple[bytes | None, list[str]]:
    """The PDF with ToUnicode maps written for the fonts that lack one and whose embedded program
    names its glyphs' characters (None when no font was mended), and the names of the fonts that
    lack a map and could not be mended."""
    mended, lost = 0, []
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:
        return None, []
    with pdf:
        seen: set = set()
        for page in pdf.pages:
            for font in _fonts(page.obj.get("/Resources"), seen):
                if "/ToUnicode" in font:
                    continue
                name = str(font.get("/BaseFont", "/(unnamed)"))[1:].split("+")[-1]
                if font.get("/Subtype") != "/Type0" or str(font.get("/Encoding")) not in _IDENTITY:
                    continue  # simple fonts: PDFium already reads their encoding and glyph names
                descendant = font.DescendantFonts[0]
                characters = _glyph_characters(descendant)
                to_gid = _cid_to_gid(descendant)
                if to_gid is not None:
                    characters = {cid: characters[g] for cid, g in to_gid.items() if g in characters}
                if not characters:
                    lost.append(name)
                    continue
                font.ToUnicode = pdf.make_stream(_to_unicode(characters))
                mended += 1
        if not mended:
            return None, lost
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue(), lost


def remap(data: bytes, lying: set[str]) -> bytes | None:
    """The PDF with the fonts named in ``lying`` (their ToUnicode maps give wrong letters) read
    from their own programs instead: a composite font gets a map written from its embedded
    program's characters, a simple font loses its map, so that its encoding and glyph names
    speak (9.10.2). None when no such font could be mended."""
    mended = 0
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:
        return None
    with pdf:
        seen: set = set()
        for page in pdf.pages:
            for font in _fonts(page.obj.get("/Resources"), seen):
                name = str(font.get("/BaseFont", "/(unnamed)"))[1:].split("+")[-1]
                if name not in lying or "/ToUnicode" not in font:
                    continue
                if font.get("/Subtype") != "/Type0":
                    del font["/ToUnicode"]
                    mended += 1
                    continue
                descendant = font.DescendantFonts[0]
                characters = _glyph_characters(descendant)
                to_gid = _cid_to_gid(descendant)
                if to_gid is not None:
                    characters = {cid: characters[g] for cid, g in to_gid.items() if g in characters}
                if characters and str(font.get("/Encoding")) in _IDENTITY:
                    font.ToUnicode = pdf.make_stream(_to_unicode(characters))
                    mended += 1
        if not mended:
            return None
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
