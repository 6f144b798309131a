"""Write every corpus pair to a folder: `generate(folder)` -> {name: Pair}.

Hand-written pairs need nothing but Python; pandoc pairs need pandoc, LibreOffice pairs soffice
(all converted in one process). A writer that is missing leaves its pairs out, and `missing`
says which, so tests can skip them with a reason rather than pass without them.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import writers
from .constructs import CONSTRUCTS


@dataclass(frozen=True)
class Pair:
    name: str
    writer: str  # "hand-written WordprocessingML", "pandoc", "LibreOffice", "python-docx"
    old: Path
    new: Path


@dataclass
class Corpus:
    pairs: dict[str, Pair] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # pair name -> why it was not made


HAND_WRITTEN = tuple(CONSTRUCTS)
PANDOC = ("pandoc_notes_math_picture_table",)
LIBREOFFICE = {
    "libreoffice_textbox_and_footer": writers.lo_textbox_and_footer,
    "libreoffice_notes_and_header": writers.lo_notes,
    "libreoffice_frame_added": writers.lo_frame_added,
}
PYTHON_DOCX = ("python_docx_annex",)
ALL = HAND_WRITTEN + PANDOC + tuple(LIBREOFFICE) + PYTHON_DOCX


def generate(folder: Path) -> Corpus:
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus()

    def add(name: str, writer: str) -> None:
        corpus.pairs[name] = Pair(name, writer, folder / f"{name}.old.docx", folder / f"{name}.new.docx")

    for name, build in CONSTRUCTS.items():
        old, new = build()
        (folder / f"{name}.old.docx").write_bytes(old.to_bytes())
        (folder / f"{name}.new.docx").write_bytes(new.to_bytes())
        add(name, "hand-written WordprocessingML")

    for name in PYTHON_DOCX:
        for side in ("old", "new"):
            (folder / f"{name}.{side}.docx").write_bytes(writers.python_docx(side))
        add(name, "python-docx")

    if shutil.which("pandoc"):
        for name in PANDOC:
            for side in ("old", "new"):
                text, images = writers.pandoc_markdown(side)
                writers.run_pandoc(text, images, folder / f"{name}.{side}.docx")
            add(name, "pandoc")
    else:
        corpus.missing.update({n: "pandoc is not installed" for n in PANDOC})

    if shutil.which("soffice") or shutil.which("libreoffice"):
        sources = folder / "fodt"
        sources.mkdir(exist_ok=True)
        made = []
        for name, build in LIBREOFFICE.items():
            for side in ("old", "new"):
                path = sources / f"{name}.{side}.fodt"
                path.write_bytes(build(side).to_bytes())
                made.append(path)
        writers.soffice_to_docx(made, folder)
        for name in LIBREOFFICE:
            add(name, "LibreOffice")
    else:
        corpus.missing.update({n: "LibreOffice is not installed" for n in LIBREOFFICE})
    return corpus
