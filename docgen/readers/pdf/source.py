"""Characters and strokes of each PDF page, straight from pdfminer.

pdfplumber builds a dictionary of some twenty attributes for every character before
`extract_words` can run, which costs more than interpreting the page itself; a 40-page
appendix spent most of its parse time there. This module asks pdfminer (pdfplumber's own
engine) for the page layout and keeps only what the reader uses: each character's box,
baseline, font, size and colour, and every straight stroke or box (rules, underlines,
strike-throughs, table borders). pdfplumber's table finder still turns the strokes into
tables (see `tables`). Pages are handed on one at a time, so a long document never
holds all its characters at once. Every pdfminer failure becomes one InputError here.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTCurve, LTFigure, LTLine, LTPage, LTRect
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.utils import decode_text

from docgen.errors import InputError
from docgen.limits import Limits

# What a damaged file can make pdfminer raise besides its own exceptions.
BROKEN = (PSException, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError,
          RecursionError, OverflowError, ZeroDivisionError, EOFError, NotImplementedError)
T = TypeVar("T")
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(slots=True)
class RawChar:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float  # top-down, like top and bottom
    size: float
    fontname: str
    colour: Any  # the fill colour text is painted with (pdfminer's ncolor)


@dataclass(slots=True)
class RawShape:
    """A straight line or a rectangle, in top-down coordinates."""

    kind: str  # "line" | "rect"
    x0: float
    top: float
    x1: float
    bottom: float
    stroke: bool
    fill: bool
    stroke_colour: Any
    fill_colour: Any


@dataclass
class RawPage:
    number: int
    width: float
    height: float
    chars: list[RawChar] = field(default_factory=list)
    shapes: list[RawShape] = field(default_factory=list)


def load(path: Path, limits: Limits, each: Callable[[RawPage], T]) -> tuple[list[T], dict[str, str]]:
    """Interpret the pages one by one, handing each to `each` and keeping only its result, so
    a long document's characters are never all in memory at once; return the results and
    the document information (Title, Subject, Author). Encrypted, damaged and over-long
    files are refused with one clear line; errors raised by `each` itself pass through."""
    results: list[T] = []
    with open(path, "rb") as fh, _quiet_pdfminer():
        with _as_input_error(path):
            document = PDFDocument(PDFParser(fh), password="")
            declared = _declared_pages(document)
            info = _info(document)
        if declared is not None and declared > limits.max_pdf_pages:
            raise _too_many(path, declared, limits)
        with _as_input_error(path):
            resources = PDFResourceManager(caching=True)
            device = PDFPageAggregator(resources, laparams=None)
            interpreter = PDFPageInterpreter(resources, device)
            pages = PDFPage.create_pages(document)
        number = 0
        while True:
            with _as_input_error(path):
                page = next(pages, None)
                if page is None:
                    break
                number += 1
                if number > limits.max_pdf_pages:
                    raise _too_many(path, number, limits)
                interpreter.process_page(page)
                raw = _raw_page(device.get_result(), number)
            results.append(each(raw))
    return results, info


@contextmanager
def _as_input_error(path: Path) -> Iterator[None]:
    """Whatever pdfminer raises on a damaged or protected file becomes one InputError."""
    try:
        yield
    except InputError:
        raise
    except PDFPasswordIncorrect:
        raise InputError(path, "is encrypted and needs a password", "save an unprotected copy of the PDF, or use the .docx") from None
    except PDFEncryptionError as exc:
        raise InputError(path, f"is encrypted in a way docgen cannot read ({_one_line(exc)})", "save an unprotected copy, or use the .docx") from None
    except BROKEN as exc:
        raise InputError(path, f"is not a readable PDF ({_one_line(exc)})", "check that it opens in a PDF viewer, or use the .docx") from None


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning per damaged operator; the user gets our one line instead."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _declared_pages(document: PDFDocument) -> int | None:
    """The page count the page tree claims, checked before any page is interpreted."""
    try:
        root = resolve1(document.catalog.get("Pages"))
        count = resolve1(root.get("Count")) if isinstance(root, dict) else None
    except BROKEN:
        return None
    return count if isinstance(count, int) else None


def _too_many(path: Path, count: int, limits: Limits) -> InputError:
    return InputError(path, f"has {count} pages or more, over the limit of {limits.max_pdf_pages}", "raise DOCGEN_MAX_PDF_PAGES if this is intended")


def _info(document: PDFDocument) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in document.info:
        for key, value in entry.items():
            try:
                value = resolve1(value)
                text = decode_text(value) if isinstance(value, bytes) else value
            except BROKEN:
                continue
            if isinstance(text, str):
                out[str(key)] = text
    return out


def _walk(container: Any) -> Iterator[Any]:
    for obj in container:
        if isinstance(obj, LTFigure):
            yield from _walk(obj)
        else:
            yield obj


def _raw_page(layout: LTPage, number: int) -> RawPage:
    top_edge = layout.y1
    page = RawPage(number=number, width=float(layout.width), height=float(layout.height))
    for obj in _walk(layout):
        if isinstance(obj, LTChar):
            if not obj.upright:
                continue  # rotated text: watermarks and margin notes, never clause text
            text = obj.get_text()
            text = _LIGATURES.get(text, text)
            page.chars.append(
                RawChar(
                    text=text,
                    x0=obj.x0,
                    x1=obj.x1,
                    top=top_edge - obj.y1,
                    bottom=top_edge - obj.y0,
                    baseline=top_edge - obj.matrix[5],
                    size=obj.size,
                    fontname=obj.fontname,
                    colour=obj.graphicstate.ncolor,
                )
            )
        elif isinstance(obj, (LTLine, LTRect)) or (isinstance(obj, LTCurve) and _is_straight(obj)):
            page.shapes.append(
                RawShape(
                    kind="rect" if isinstance(obj, LTRect) else "line",
                    x0=obj.x0,
                    top=top_edge - obj.y1,
                    x1=obj.x1,
                    bottom=top_edge - obj.y0,
                    stroke=bool(obj.stroke),
                    fill=bool(obj.fill),
                    stroke_colour=obj.stroking_color,
                    fill_colour=obj.non_stroking_color,
                )
            )
    return page


def _is_straight(curve: LTCurve) -> bool:
    """A path drawn as a thin horizontal or vertical bar (how some writers draw rules)."""
    return min(curve.width, curve.height) <= 1.6 and max(curve.width, curve.height) > 0.5
