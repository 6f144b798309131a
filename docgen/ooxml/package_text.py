"""All the words a Word package holds, in every story, as one searchable string.

For guards that must not miss a word anywhere (a confidential name in a footnote, a text box
or a header) rather than for reading: the text of every XML part under `word/`, with paragraph
ends, cell ends, tabs and breaks as spaces, and run boundaries joined ("Ann" + "ex" is
"Annex"). Markup is stripped by pattern rather than parsed: the guard must also see text in
parts a parser would refuse, and it only ever searches, never edits.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

_SEPARATORS = re.compile(r"</w:p>|</w:tc>|<w:tab/>|<w:br/>")
_TAG = re.compile(r"<[^>]+>")


def package_text(data: bytes, *, properties: bool = False) -> str:
    """With `properties`, the document's properties too (docProps/: title, subject, author,
    keywords, company, custom properties), which Word shows in File > Info and fields print."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = [part for part in zf.namelist() if part.endswith(".xml")]
        xml = " ".join(zf.read(part).decode("utf-8") for part in names if part.startswith("word/"))
        # each property is a field of its own: its tags part words, as a paragraph end does
        props = " ".join(zf.read(part).decode("utf-8") for part in names if part.startswith("docProps/")) if properties else ""
    text = html.unescape(_TAG.sub("", _SEPARATORS.sub(" ", xml)))
    return text + (" " + html.unescape(_TAG.sub(" ", props)) if props else "")
