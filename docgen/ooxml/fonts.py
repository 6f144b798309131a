"""The fonts a Word document asks for, read from its styles, stories and theme.

LibreOffice lays out pages with whatever the system substitutes for a missing font, so
`docgen doctor` needs the document's fonts to say whether a PDF will paginate as Word does.
A run names its font directly (w:rFonts w:ascii/w:hAnsi) or through the theme
(w:asciiTheme="minorHAnsi" and the like), which theme1.xml resolves to a typeface.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

from docgen.limits import Limits
from docgen.ooxml.ns import W, qn
from docgen.ooxml.package import Package

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_DIRECT = (W.ascii, W.hAnsi)
_THEMED = (qn("w:asciiTheme"), qn("w:hAnsiTheme"))
_STORY_PREFIXES = ("word/document", "word/header", "word/footer", "word/footnotes", "word/endnotes")


def document_fonts(path: Path, limits: Limits | None = None) -> list[str]:
    """Every Latin font the document's text can be set in, sorted, without duplicates."""
    fonts: set[str] = set()
    with Package(path, limits, kind="Word document (.docx)") as pkg:
        theme = _theme_fonts(pkg)
        names = sorted(n for n in pkg.names if n.endswith(".xml") and (n == "word/styles.xml" or n.startswith(_STORY_PREFIXES)))
        for name in names:
            root = pkg.xml(name)
            for rfonts in root.iter(W.rFonts):
                for attr in _DIRECT:
                    value = (rfonts.get(attr) or "").strip()
                    if value:
                        fonts.add(value)
                for attr in _THEMED:
                    value = rfonts.get(attr) or ""
                    key = "major" if value.startswith("major") else "minor" if value.startswith("minor") else None
                    if key and theme.get(key):
                        fonts.add(theme[key])
    return sorted(fonts)


def _theme_fonts(pkg: Package) -> dict[str, str]:
    """The theme's major (headings) and minor (body) Latin typefaces."""
    name = next((n for n in sorted(pkg.names) if posixpath.dirname(n) == "word/theme" and n.endswith(".xml")), None)
    if name is None:
        return {}
    root: etree._Element = pkg.xml(name)
    out = {}
    for key in ("major", "minor"):
        latin = root.find(f".//{{{_A}}}{key}Font/{{{_A}}}latin")
        if latin is not None and latin.get("typeface"):
            out[key] = latin.get("typeface")
    return out
