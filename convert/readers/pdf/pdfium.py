"""The PDFium functions the reader calls for every page object and structure element, taking and
giving handles as plain addresses (ints).

pypdfium2's bindings wrap every handle in a ctypes pointer object, made anew for each handle a
function returns and checked for each one it is given. A page has hundreds of objects, each asked
several things, and a tagged page's structure elements list every kid of the whole tree (kids on
other pages come back empty): the wrapping cost more than PDFium's answers. These are the same C
functions of the same library, declared again from pypdfium2's own function addresses with
``c_void_p`` for handles and pointers (buffers may be passed as ctypes arrays or addresses).

Every argument is declared, although ctypes would pass undeclared ones with less work: where it
is not told which arguments are fixed, it calls the function as variadic, which is the same on
x86-64 Linux but not on every platform (Apple's arm64 passes variadic arguments on the stack). The
buffers asked of every object are passed as ``byref()`` objects made once, which the ``c_void_p``
declaration takes as they are.

The GIL stays held during the calls (``PYFUNCTYPE``): they are short, and PDFium is not thread-safe
anyway. Names and argument orders are PDFium's (public/fpdf_edit.h, fpdf_text.h, fpdf_structtree.h).
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

_P, _INT, _ULONG = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong


def _plain(fn, restype, *argtypes):
    return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


def address(handle) -> int:
    """The address a pypdfium2 handle (a ctypes pointer) holds; 0 for NULL. Read from the
    pointer's own bytes: ``ctypes.cast`` ties its argument and its result in a reference cycle,
    which would keep every page's handles until the cycle collector runs."""
    return ctypes.c_void_p.from_buffer(handle).value or 0


# Page objects (fpdf_edit.h)
FPDFPage_CountObjects = _plain(pdfium_c.FPDFPage_CountObjects, _INT, _P)
FPDFPage_GetObject = _plain(pdfium_c.FPDFPage_GetObject, _P, _P, _INT)
FPDFPageObj_GetType = _plain(pdfium_c.FPDFPageObj_GetType, _INT, _P)
FPDFFormObj_CountObjects = _plain(pdfium_c.FPDFFormObj_CountObjects, _INT, _P)
FPDFFormObj_GetObject = _plain(pdfium_c.FPDFFormObj_GetObject, _P, _P, _ULONG)
FPDFPageObj_GetMatrix = _plain(pdfium_c.FPDFPageObj_GetMatrix, _INT, _P, _P)
FPDFPageObj_GetBounds = _plain(pdfium_c.FPDFPageObj_GetBounds, _INT, _P, _P, _P, _P, _P)
FPDFTextObj_GetText = _plain(pdfium_c.FPDFTextObj_GetText, _ULONG, _P, _P, _P, _ULONG)
FPDFTextObj_GetFontSize = _plain(pdfium_c.FPDFTextObj_GetFontSize, _INT, _P, _P)
FPDFTextObj_GetFont = _plain(pdfium_c.FPDFTextObj_GetFont, _P, _P)
FPDFPageObj_CountMarks = _plain(pdfium_c.FPDFPageObj_CountMarks, _INT, _P)
FPDFPageObj_GetMark = _plain(pdfium_c.FPDFPageObj_GetMark, _P, _P, _ULONG)
FPDFPageObjMark_GetName = _plain(pdfium_c.FPDFPageObjMark_GetName, _INT, _P, _P, _ULONG, _P)
FPDFPageObj_GetMarkedContentID = _plain(pdfium_c.FPDFPageObj_GetMarkedContentID, _INT, _P)
FPDF_PAGEOBJ_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
FPDF_PAGEOBJ_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
FPDF_PAGEOBJ_FORM = pdfium_c.FPDF_PAGEOBJ_FORM

# Text pages (fpdf_text.h)
FPDFText_CountChars = _plain(pdfium_c.FPDFText_CountChars, _INT, _P)

# Structure trees (fpdf_structtree.h)
FPDF_StructTree_GetForPage = _plain(pdfium_c.FPDF_StructTree_GetForPage, _P, _P)
FPDF_StructTree_Close = _plain(pdfium_c.FPDF_StructTree_Close, None, _P)
FPDF_StructTree_CountChildren = _plain(pdfium_c.FPDF_StructTree_CountChildren, _INT, _P)
FPDF_StructTree_GetChildAtIndex = _plain(pdfium_c.FPDF_StructTree_GetChildAtIndex, _P, _P, _INT)
FPDF_StructElement_GetType = _plain(pdfium_c.FPDF_StructElement_GetType, _ULONG, _P, _P, _ULONG)
FPDF_StructElement_CountChildren = _plain(pdfium_c.FPDF_StructElement_CountChildren, _INT, _P)
FPDF_StructElement_GetChildAtIndex = _plain(pdfium_c.FPDF_StructElement_GetChildAtIndex, _P, _P, _INT)
FPDF_StructElement_GetMarkedContentIdCount = _plain(pdfium_c.FPDF_StructElement_GetMarkedContentIdCount, _INT, _P)
FPDF_StructElement_GetMarkedContentIdAtIndex = _plain(
    pdfium_c.FPDF_StructElement_GetMarkedContentIdAtIndex, _INT, _P, _INT
)
