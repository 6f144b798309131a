"""Notes parts as Word spells them: separators are not notes, ids of new notes never clash,
and a new notes part never overwrites a part already in the package."""

from __future__ import annotations

from docgen.ooxml.element import fragment
from docgen.ooxml.notes import find_note, next_note_id, notes_content_type, notes_part_name, notes_rel_type, separators_only

W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTES = fragment(
    f'<w:footnotes xmlns:w="{W_URI}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>First</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="7"><w:p><w:r><w:t>Seventh</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def test_an_emptied_notes_part_keeps_only_the_separators_and_leaves_the_original_alone():
    empty = separators_only(NOTES)
    assert [n.get(f"{{{W_URI}}}id") for n in empty] == ["-1", "0"]
    assert len(NOTES) == 4


def test_a_new_note_takes_an_id_above_every_note_in_the_part():
    assert next_note_id(NOTES, "footnote") == "8"
    assert next_note_id(separators_only(NOTES), "footnote") == "1"


def test_notes_are_found_by_kind_and_id():
    assert find_note(NOTES, "footnote", "7").xpath("string(.)", namespaces={"w": W_URI}) == "Seventh"
    assert find_note(NOTES, "endnote", "7") is None


def test_a_new_notes_part_sits_beside_the_main_part_under_a_free_name_with_word_s_types():
    assert notes_part_name("word/document.xml", "endnote", {}) == "word/endnotes.xml"
    assert notes_part_name("word/document.xml", "footnote", {"word/footnotes.xml": b""}) == "word/footnotes-old.xml"
    assert notes_rel_type("footnote").endswith("/relationships/footnotes")
    assert notes_content_type("endnote") == "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
