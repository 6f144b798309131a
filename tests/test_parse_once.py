"""Parse once: every part a command reads is parsed once, and later stages (the comparison,
the redline writer, the publication copy) work from the reader's trees or copies of them.

Counted with `docgen.ooxml.package.logging_parses`, which sees every parse docgen makes of
package XML. The documents are the bundled sources and small packages written by hand
(tests/corpus/wml.py), so the reader is not the only thing that made them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.wml import Doc, p, r
from docgen import soffice
from docgen.commands import build as build_command
from docgen.commands import redline as redline_command
from docgen.ooxml.element import markup
from docgen.ooxml.package import logging_parses
from docgen.ooxml.package_parts import ParsedParts
from docgen.readers.docx import read_docx
from docgen.writers.redline import RedlineOptions, redline
from docgen.writers.redline_docx.body import _side

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "sources" / "documents"
PACKS = REPO / "sources" / "packs"
DATE = "2025-01-01T00:00:00Z"
KIB4 = 4096


def test_redline_of_the_s1sr_parses_no_part_of_4_kib_twice(tmp_path):
    pdf = tmp_path / "r.pdf" if soffice.available() else None  # with --pdf when LibreOffice is here
    with logging_parses() as log:
        redline_command.run(DOCS / "S1SR-v12.docx", DOCS / "S1SR-v12.2.docx", tmp_path / "r.docx", pdf, None, "DCC", DATE, None, quiet=True)
    assert (tmp_path / "r.docx").stat().st_size > 0
    assert log.repeated(KIB4) == {}
    mains = [where for where, _, _ in log.parses if where.endswith("[word/document.xml]")]
    assert sorted(mains) == sorted(f"{DOCS / name} [word/document.xml]" for name in ("S1SR-v12.docx", "S1SR-v12.2.docx"))
    # What is parsed beyond the two inputs' distinct content is small parts only (rels,
    # content types), never a body: the redline's own main part is not parsed back.
    assert log.total <= 1.15 * log.distinct


def test_build_parses_at_most_one_and_a_half_times_its_distinct_xml(tmp_path):
    with logging_parses() as log:
        assert build_command.run([PACKS / "s1sr-2025-correction.toml", PACKS / "tmad-unblocking-1.toml"], tmp_path) == 0
    assert log.distinct > 1_000_000  # both packs' documents were read
    assert log.total <= 1.5 * log.distinct, f"{log.total} bytes parsed for {log.distinct} distinct"
    # Each source document's body once, for the pack lint, the redline and the document lint.
    bodies = [where for where, _, _ in log.parses if where.endswith("[word/document.xml]") and "sources/documents" in where]
    assert len(bodies) == len(set(bodies)) >= 4


def test_the_writer_finds_paragraphs_by_the_readers_handles_and_leaves_the_readers_tree_alone(tmp_path):
    # A deleted paragraph mark: the reader runs "one" on into "two", as accepting does.
    deleted_mark = '<w:rPr><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
    old = Doc(body=[p(r("Zero.")), p(r("one"), ppr=deleted_mark), p(r("two.")), p(r("Three."))]).save(tmp_path / "old.docx")
    new = Doc(body=[p(r("Zero.")), p(r("one two.")), p(r("Three, changed."))]).save(tmp_path / "new.docx")
    doc = read_docx(old)
    assert [q.text for q in doc.paragraphs] == ["Zero.", "one two.", "Three."]
    before = markup(doc.parts.tree("word/document.xml"))
    side = _side(doc, doc.source, doc.parts.limits)
    # Accepting the copy folds "one" into the next paragraph, which the reader's handle names.
    assert ["".join(t.text or "" for t in el.iter("{*}t")) for el in side.paras] == ["Zero.", "onetwo.", "Three."]
    assert all(el is not q.element for el, q in zip(side.paras, doc.paragraphs))  # copies, not the reader's
    made = redline(doc, new, RedlineOptions(date=DATE))
    assert made.pending == [(str(old), 1)]
    assert markup(doc.parts.tree("word/document.xml")) == before  # the shared tree is untouched
    assert {ch.op for ch in made.comparison.changes} - {"equal"}  # "Three." changed


def test_package_parts_parse_each_part_once_and_forget_a_tree_when_its_bytes_change():
    data = {"a.xml": b"<a><b/></a>", "c.bin": b"\x00"}
    parts = ParsedParts(data, "file.docx")
    with logging_parses() as log:
        first = parts.tree("a.xml")
        assert parts.tree("a.xml") is first
        edited = parts.copy("a.xml")
        edited.append(edited.makeelement("c"))
        assert len(first) == 1 and len(edited) == 2  # the copy is the caller's
    assert log.parses == [("file.docx [a.xml]", len(data["a.xml"]), hash(data["a.xml"]))]
    other = parts.clone()
    other["a.xml"] = b"<z/>"
    assert other.tree("a.xml").tag == "z" and parts.tree("a.xml") is first  # the clone's edit stays there
    assert dict(parts) == data and set(other) == set(data)
    parts["a.xml"] = b"<y/>"
    assert parts.tree("a.xml").tag == "y"


@pytest.mark.parametrize("pair", [("S1SR-v12.docx", "S1SR-v12.2.docx"), ("TMAD-v4.0.docx", "TMAD-v4.1.docx")])
def test_the_redline_from_the_readers_trees_is_the_redline_from_the_bytes(pair):
    """The same redline, byte for byte, whether the writer starts from the kept trees or
    from the bytes alone (a model without handles, as a caller might build one)."""
    old, new = (read_docx(DOCS / name) for name in pair)
    kept = redline(old, new, RedlineOptions(date=DATE)).docx
    for doc in (old, new):
        doc.parts = dict(doc.parts)  # plain bytes: no trees to reuse
        for q in doc.paragraphs:
            q.element = None
    assert redline(old, new, RedlineOptions(date=DATE)).docx == kept
