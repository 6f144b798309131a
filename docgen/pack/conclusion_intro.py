"""The conclusion's introduction: the pack's background, without its present-tense account of the consultation.

The pack's introduction was written for the consultation: "DCC ... is consulting on them in
this document", "This consultation proposes ...", "Once it has considered the responses,
DCC will submit ...". The conclusion is written after the consultation closed, and a real
conclusion says in the past tense what DCC consulted on. So the background is kept and the
sentences about the consultation itself are left out; the conclusion's template then says
"On DATE, DCC consulted on ..." with the topics.
"""

from __future__ import annotations

import re

# A sentence that speaks of the consultation (or the document) as happening now or to come.
_ABOUT_THE_CONSULTATION = re.compile(
    r"\b(this|the present) (consultation|document)\b|\bis consulting\b|\bare consulting\b|\bconsults on\b|"
    r"\bthe following sections\b|\bonce (it|dcc) has considered\b|\bwill (submit|consider)\b|\bseeks? (views|comments)\b|\binvites? (views|comments|responses)\b",
    re.IGNORECASE,
)
_NOT_PROSE = re.compile(r"^([-*+]\s|#|\||\d+[.)]\s)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'*_(\[]?[A-Z0-9])")


def background(markdown: str) -> str:
    """The introduction's paragraphs with every sentence about the consultation left out;
    paragraphs left empty are dropped. Markdown emphasis is kept as written."""
    kept: list[str] = []
    for paragraph in re.split(r"\n\s*\n", markdown.strip()):
        text = " ".join(paragraph.split())
        if not text:
            continue
        if _NOT_PROSE.match(text):
            kept.append(paragraph.strip())  # lists, headings and tables as they are
            continue
        sentences = [s for s in _SENTENCE.split(text) if s and not _ABOUT_THE_CONSULTATION.search(s)]
        if sentences:
            kept.append(" ".join(sentences))
    return "\n\n".join(kept)
