"""What a pack publishes, seen as its readers see it: respondents read the consultation's
title (never the pack's slug)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx

from docgen.pack.response_template import response_template_docx
from docgen.pack.spec import load_pack

REPO = Path(__file__).resolve().parents[1]
S1SR_PACK = REPO / "sources" / "packs" / "s1sr-2025-correction.toml"


def _visible_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    texts += [cell.text for table in d.tables for row in table.rows for cell in row.cells]
    for section in d.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(texts)


def test_respondents_see_the_consultation_title_not_the_pack_slug():
    pack = load_pack(S1SR_PACK)
    text = _visible_text(response_template_docx(pack, dt.datetime(2025, 2, 5)))
    assert pack.title in text
    assert pack.reference not in text
