"""The PDFium functions the reader calls for every page object and structure element, taking and
giving handles as plain addresses (ints).

pypdfium2's bindings wrap every handle in a ctypes pointer object, made anew for each handle a
function returns and checked for each one it is given. A page has hundreds of objects, each asked
several things, and a tagged page's structure elements list every kid of the whole tree (kids on
other pages come back empty): the wrapping cost more than PDFium's answers. These are the same C
functions of the same library, declared again from pypdfium2's own function addresses with
``c_void_p`` for handles and pointers (buffers may be passed as ctypes arrays or addresses).

Some declare only their leading handles, as their comments say: ctypes passes any further argument
without a conversion call, a Python int as a C int, so a buffer there must be a ``byref()`` and an
unsigned long a ``c_ulong``, never a plain int address (it would be cut to 32 bits).

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
    """The address a pypdfium2 handle (a ctypes pointer) holds; 0 for NULL."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


# Page objects (fpdf_edit.h)
FPDFPage_CountObjects = _plain(pdfium_c.FPDFPage_CountObjects, _INT, _P)
# (page, int index): the index left undeclared, as ctypes passes a Python int as a C int anyway,
# without a c_int.from_param call (0.18 us, as long as PDFium's answer).
FPDFPage_GetObject = _plain(pdfium_c.FPDFPage_GetObject, _P, _P)
FPDFPageObj_GetType = _plain(pdfium_c.FPDFPageObj_GetType, _INT, _P)
FPDFFormObj_CountObjects = _plain(pdfium_c.FPDFFormObj_CountObjects, _INT, _P)
FPDFFormObj_GetObject = _plain(pdfium_c.FPDFFormObj_GetObject, _P, _P, _ULONG)
# These four are asked of every text object, always with the same buffers: only their handles are
# declared, and the buffers and lengths that follow must be given as ctypes objects made once
# (byref(), c_ulong), which ctypes passes on as they are. A declared argument costs a from_param
# call and a new object on each call (GetBounds with all five declared: 0.36 us, so: 0.23 us).
FPDFPageObj_GetMatrix = _plain(pdfium_c.FPDFPageObj_GetMatrix, _INT, _P)  # (object, FS_MATRIX*)
FPDFPageObj_GetBounds = _plain(pdfium_c.FPDFPageObj_GetBounds, _INT, _P)  # (object, float* left, bottom, right, top)
FPDFTextObj_GetText = _plain(pdfium_c.FPDFTextObj_GetText, _ULONG, _P, _P)  # (object, text page, buffer, c_ulong)
FPDFTextObj_GetFontSize = _plain(pdfium_c.FPDFTextObj_GetFontSize, _INT, _P)  # (object, float*)
FPDFTextObj_GetFont = _plain(pdfium_c.FPDFTextObj_GetFont, _P, _P)
FPDFPageObj_CountMarks = _plain(pdfium_c.FPDFPageObj_CountMarks, _INT, _P)
# A tagged page marks each of its objects: these two as the four above, with only the handle declared.
FPDFPageObj_GetMark = _plain(pdfium_c.FPDFPageObj_GetMark, _P, _P)  # (object, c_ulong index)
FPDFPageObjMark_GetName = _plain(pdfium_c.FPDFPageObjMark_GetName, _INT, _P)  # (mark, buffer, c_ulong, c_ulong*)
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
# (element, buffer, c_ulong length): the buffer and its length made once, as for GetBounds above.
FPDF_StructElement_GetType = _plain(pdfium_c.FPDF_StructElement_GetType, _ULONG, _P)
FPDF_StructElement_CountChildren = _plain(pdfium_c.FPDF_StructElement_CountChildren, _INT, _P)
# (element, int index): the index undeclared as FPDFPage_GetObject's; a page's tree lists every kid
# of the document, most of them NULL.
FPDF_StructElement_GetChildAtIndex = _plain(pdfium_c.FPDF_StructElement_GetChildAtIndex, _P, _P)
FPDF_StructElement_GetMarkedContentIdCount = _plain(pdfium_c.FPDF_StructElement_GetMarkedContentIdCount, _INT, _P)
# (element, int index), the index undeclared as FPDFPage_GetObject's.
FPDF_StructElement_GetMarkedContentIdAtIndex = _plain(pdfium_c.FPDF_StructElement_GetMarkedContentIdAtIndex, _INT, _P)
