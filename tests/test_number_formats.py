"""Every list number format Word offers is drawn as Word draws it (ECMA-376 Part 1, 17.18.59).

The labels are read from a small .docx built here, one list per format, so the whole path
(numbering.xml, the counters, the format) is what is checked, against a table written by
hand from the specification and Word's rendering. LibreOffice's renderer is compared with
the same document in test_libreoffice_numbers.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.ooxml.lists.number_formats import format_number
from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder, Level
from number_format_cases import EXPECTED, ST_NUMBER_FORMAT, every_format_document

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def read_labels(builder: DocxBuilder, tmp_path: Path) -> list[str]:
    path = tmp_path / "case.docx"
    builder.save(path)
    return [p.num for p in read_docx(path).paragraphs if p.text]


def test_the_table_covers_every_format_of_the_schema():
    assert len(ST_NUMBER_FORMAT) == 63
    assert set(EXPECTED) == set(ST_NUMBER_FORMAT)


def test_every_format_is_drawn_as_word_draws_it(tmp_path):
    builder, cases = every_format_document()
    got = read_labels(builder, tmp_path)
    wrong = [(fmt, value, want, have) for (fmt, value, want), have in zip(cases, got) if want != have]
    assert len(got) == len(cases)
    assert not wrong, wrong


@pytest.mark.parametrize(("lang", "expected"), [
    ("en-US", ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st"]),
    ("de-DE", ["1.", "2.", "3.", "4.", "11.", "12.", "13.", "21."]),
    ("fr-FR", ["1ᵉʳ", "2ᵉ", "3ᵉ", "4ᵉ", "11ᵉ", "12ᵉ", "13ᵉ", "21ᵉ"]),
    ("es-ES", ["1.º", "2.º", "3.º", "4.º", "11.º", "12.º", "13.º", "21.º"]),
    ("it-IT", ["1º", "2º", "3º", "4º", "11º", "12º", "13º", "21º"]),
    ("pt-BR", ["1.º", "2.º", "3.º", "4.º", "11.º", "12.º", "13.º", "21.º"]),
    ("ru-RU", ["1-й", "2-й", "3-й", "4-й", "11-й", "12-й", "13-й", "21-й"]),
    ("sv-SE", ["1:a", "2:a", "3:e", "4:e", "11:e", "12:e", "13:e", "21:a"]),
    ("ja-JP", ["1", "2", "3", "4", "11", "12", "13", "21"]),
])
def test_ordinal_follows_the_language_of_the_number(tmp_path, lang, expected):
    b = DocxBuilder()
    b.raw_numbering_xml(
        '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
        '<w:start w:val="1"/><w:numFmt w:val="ordinal"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/>'
        f'<w:rPr><w:lang w:val="{lang}"/></w:rPr></w:lvl></w:abstractNum>'
    )
    for n_id, start in enumerate([1, 2, 3, 4, 11, 12, 13, 21], start=1):
        b.num(n_id, 1, {0: start})
        b.paragraph("item", num_id=n_id, ilvl=0)
    assert read_labels(b, tmp_path) == expected


def test_words_take_the_and_of_british_english_only():
    assert format_number(101, "cardinalText", "en-GB") == "One hundred and one"
    assert format_number(101, "cardinalText", "en-US") == "One hundred one"
    assert format_number(121, "ordinalText", "en-US") == "One hundred twenty-first"
    assert format_number(1001, "cardinalText", "en-GB") == "One thousand and one"


def test_charter_style_ordinal_text_is_drawn_in_capitals_when_the_level_says_caps(tmp_path):
    """The US charter style: "FIRST:", "SECOND:" (lvlText "%1:", ordinalText, caps)."""
    b = DocxBuilder()
    b.raw_numbering_xml(
        '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
        '<w:start w:val="1"/><w:numFmt w:val="ordinalText"/><w:lvlText w:val="%1:"/><w:lvlJc w:val="left"/>'
        '<w:rPr><w:caps/></w:rPr></w:lvl></w:abstractNum>'
    )
    b.num(1, 1)
    b.abstract_num(2, [Level(0, "cardinalText", "Article %1.")])
    b.num(2, 2)
    for _ in range(3):
        b.paragraph("The name of the corporation is ...", num_id=1, ilvl=0)
    b.paragraph("Purpose", num_id=2, ilvl=0)
    b.paragraph("Powers", num_id=2, ilvl=0)
    assert read_labels(b, tmp_path) == ["FIRST:", "SECOND:", "THIRD:", "Article One.", "Article Two."]


def custom_format_level(abstract_id: int, spec: str, *, requires: str = "w14") -> str:
    """A level as Word 2010+ writes a custom format: w14 in mc:Choice, decimal as the fallback."""
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
        f'<w:start w:val="1"/><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:w14="{W14}" Requires="{requires}">'
        f'<w:numFmt w:val="custom" w:format="{spec}"/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback>'
        f'</mc:AlternateContent><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    )


def test_custom_formats_written_through_markup_compatibility(tmp_path):
    b = DocxBuilder()
    b.raw_numbering_xml(custom_format_level(1, "001, 002, 003, ..."))
    b.raw_numbering_xml(custom_format_level(2, "0001, 0002, 0003, ..."))
    # A choice needing a namespace we do not read: the fallback applies.
    b.raw_numbering_xml(custom_format_level(3, "001, 002, 003, ...", requires="w99"))
    for n_id in (1, 2, 3):
        b.num(n_id, n_id)
    for n_id in (1, 2, 3):
        for _ in range(2):
            b.paragraph("item", num_id=n_id, ilvl=0)
    for _ in range(9):
        b.paragraph("more", num_id=1, ilvl=0)
    assert read_labels(b, tmp_path) == ["001.", "002.", "0001.", "0002.", "1.", "2."] + [f"{n:03d}." for n in range(3, 12)]


def test_bullets_show_their_text(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "bullet", "•"), Level(1, "bullet", "o")])
    b.num(1, 1)
    b.paragraph("one", num_id=1, ilvl=0)
    b.paragraph("two", num_id=1, ilvl=1)
    b.paragraph("three", num_id=1, ilvl=0)
    assert read_labels(b, tmp_path) == ["•", "o", "•"]


def test_values_out_of_a_formats_range_fall_back_to_digits():
    assert format_number(0, "lowerLetter") == "0"
    assert format_number(0, "ordinalText") == "0"
    assert format_number(10 ** 9, "upperRoman") == str(10 ** 9)
    assert format_number(10 ** 9, "ideographDigital") == str(10 ** 9)
    assert format_number(5, "someFutureFormat") == "5"
    assert len(format_number(10 ** 9, "chicago")) <= 64
    assert len(format_number(10 ** 9, "russianLower")) <= 8
