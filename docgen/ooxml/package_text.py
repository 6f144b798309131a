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


def package_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = " ".join(zf.read(part).decode("utf-8") for part in zf.namelist() if part.startswith("word/") and part.endswith(".xml"))
    return html.unescape(_TAG.sub("", _SEPARATORS.sub(" ", xml)))
