"""Our rendered clause numbers agree with an independent renderer: LibreOffice's text export.

LibreOffice draws list numbers itself when it exports plain text, so for every numbered
paragraph of every bundled source, and of documents built here with every number format,
the label docgen computes must be the one LibreOffice prints in front of the same text.
All documents go through one soffice process.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder, Level
from number_format_cases import LIBREOFFICE_DRAWS, every_format_document
from test_number_formats import custom_format_level

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "sources" / "documents").glob("*.docx"))
ORDINAL_LANGUAGES = ("en-US", "en-AU", "de-DE", "fr-FR", "es-ES", "it-IT", "pt-BR", "ru-RU", "sv-SE", "ja-JP")

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")


def built_documents() -> dict[str, DocxBuilder]:
    """Small documents for the cases the bundled sources do not have."""
    formats, _ = every_format_document()
    odd = DocxBuilder()
    # A list whose first item is at level 2: level 1 counts as used, so "Article 2" follows.
    odd.abstract_num(1, [Level(0, "decimal", "Article %1"), Level(1, "decimal", "%1.%2")])
    odd.num(1, 1)
    odd.paragraph("deeper first item", num_id=1, ilvl=1)
    odd.paragraph("first top-level item", num_id=1, ilvl=0)
    odd.paragraph("second top-level item", num_id=1, ilvl=0)
    odd.raw_numbering_xml(custom_format_level(2, "001, 002, 003, ..."))
    odd.num(2, 2)
    for n in range(1, 13):
        odd.paragraph(f"custom format item {n}", num_id=2, ilvl=0)
    odd.raw_numbering_xml(
        '<w:abstractNum w:abstractNumId="4"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
        '<w:start w:val="1"/><w:numFmt w:val="ordinalText"/><w:lvlText w:val="%1:"/><w:lvlJc w:val="left"/>'
        '<w:rPr><w:caps/></w:rPr></w:lvl></w:abstractNum>'
    )
    odd.num(4, 4)
    for n in range(1, 4):
        odd.paragraph(f"charter article {n}", num_id=4, ilvl=0)
    ordinals = DocxBuilder()
    ordinals.abstract_num(1, [Level(0, "ordinal", "%1")])
    ordinals.num(1, 1)
    for n in (1, 2, 3, 4, 11, 12, 21, 22, 101):
        ordinals.num(n + 1, 1, {0: n})
        ordinals.paragraph(f"ordinal {n}", num_id=n + 1, ilvl=0)
    return {"built-formats": formats, "built-odd-lists": odd, "built-ordinals": ordinals}


def in_language(builder: DocxBuilder, lang: str) -> bytes:
    """The builder's package with the document's default language (docDefaults) set to `lang`."""
    source = zipfile.ZipFile(io.BytesIO(builder.to_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/styles.xml":
                data = data.replace(b'<w:lang w:val="en-GB"/>', f'<w:lang w:val="{lang}"/>'.encode())
            target.writestr(info, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("lo-txt")
    profile = tmp_path_factory.mktemp("lo-profile")
    built = tmp_path_factory.mktemp("lo-built")
    paths = list(SOURCES)
    for name, builder in built_documents().items():
        builder.save(built / f"{name}.docx")
        paths.append(built / f"{name}.docx")
        if name == "built-ordinals":
            for lang in ORDINAL_LANGUAGES:
                (built / f"{name}-{lang}.docx").write_bytes(in_language(builder, lang))
                paths.append(built / f"{name}-{lang}.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
         "--outdir", str(out), *map(str, paths)],
        check=True, capture_output=True, timeout=600,
    )
    texts = {p.stem: (out / f"{p.stem}.txt").read_text(encoding="utf-8-sig").splitlines() for p in paths}
    texts["_built_dir"] = [str(built)]
    return texts


def _norm(s: str) -> str:
    return " ".join(s.split())


def test_there_are_bundled_sources_to_check():
    assert len(SOURCES) >= 5


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_numbered_paragraph_matches_libreoffice(source: Path, exported):
    lines = [_norm(line) for line in exported[source.stem]]
    doc = read_docx(source)
    checked = 0
    cursor = 0
    mismatches = []
    next_note = 1  # LibreOffice prints a footnote's citation number where its reference is
    for para in doc.paragraphs:
        if not para.num or not para.text:
            continue
        # find the paragraph's line: the next line ending with its text (and, where the
        # paragraph ends with a footnote reference, with that note's number)
        text = _norm(para.text)
        for j in range(cursor, len(lines)):
            line = lines[j]
            if line.endswith(text + str(next_note)):
                line = line[: -len(str(next_note))]
                next_note += 1
            if line.endswith(text) and len(line) > len(text):
                label = line[: len(line) - len(text)].strip()
                if label != para.num:
                    mismatches.append((para.index, para.num, label, text[:50]))
                cursor = j + 1
                checked += 1
                break
        else:
            mismatches.append((para.index, para.num, "<not found>", text[:50]))
    assert checked > 0
    assert not mismatches, f"{len(mismatches)} labels differ from LibreOffice (paragraph, ours, LibreOffice's, text): {mismatches[:10]}"


def test_every_format_libreoffice_draws_matches(exported):
    doc = read_docx(Path(exported["_built_dir"][0]) / "built-formats.docx")
    lines = [_norm(line) for line in exported["built-formats"] if line.strip()]
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert len(lines) == len(paragraphs)
    compared, wrong = 0, []
    for para, line in zip(paragraphs, lines):
        fmt = para.text.split()[0]
        assert line.endswith(para.text)
        if fmt not in LIBREOFFICE_DRAWS:
            continue
        theirs = line[: len(line) - len(para.text)].strip()
        compared += 1
        if theirs != _norm(para.num):
            wrong.append((para.text, para.num, theirs))
    assert compared >= 150
    assert not wrong, wrong


def test_skipped_levels_custom_formats_ordinals_and_caps_match(exported):
    doc = read_docx(Path(exported["_built_dir"][0]) / "built-odd-lists.docx")
    lines = [_norm(line) for line in exported["built-odd-lists"] if line.strip()]
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert len(lines) == len(paragraphs) == 18
    pairs = [(para.num, line[: len(line) - len(para.text)].strip()) for para, line in zip(paragraphs, lines)]
    assert pairs[:3] == [("1.1", "1.1"), ("Article 2", "Article 2"), ("Article 3", "Article 3")]
    assert pairs[3:15] == [(f"{n:03d}.", f"{n:03d}.") for n in range(1, 13)]
    # Word draws the caps level in capitals; LibreOffice's text export keeps the letters' case.
    assert pairs[15:] == [("FIRST:", "First:"), ("SECOND:", "Second:"), ("THIRD:", "Third:")]


@pytest.mark.parametrize("lang", ORDINAL_LANGUAGES)
def test_ordinals_follow_the_document_language_as_libreoffice_draws_them(exported, lang):
    doc = read_docx(Path(exported["_built_dir"][0]) / f"built-ordinals-{lang}.docx")
    lines = [_norm(line) for line in exported[f"built-ordinals-{lang}"] if line.strip()]
    theirs = [line[: len(line) - len(para.text)].strip() for para, line in zip(doc.paragraphs, lines)]
    assert [para.num for para in doc.paragraphs] == theirs
    assert len(theirs) == 9
