"""The direction text: one document or several in one sentence, consequential amendments,
draft placeholders or real values, and the department of the day."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from docgen.pack import direction
from docgen.pack.load import load_pack
from pack_helpers import pack_text, write_pack

S1SR = ("S1SR", "SMETS1 Supporting Requirements", "AM")
CPL = ("CPL", "CPL Requirements Document", "Z")
TMAD = ("TMAD", "SMETS1 Transition and Migration Approach Document", "AL")
SVTAD = ("SMETS1 SVTAD", "SEC Variation Testing Approach Document for SMETS1 Services", "AK")
SECTION_A = """
[[direction.consequential]]
target = "Section A (Definitions and Interpretation)"
change = "to add a definition of Relevant Technical Specification"
in_consequence_of = ["CPL"]
"""


def _render(tmp_path, documents, *, direction_toml: str = "[direction]\n", published: str = "2025-02-05"):
    text = pack_text(documents=documents, published=published, respond_by=f"{published}T16:00:00", tail=direction_toml)
    pack = load_pack(write_pack(tmp_path, text))
    return pack, direction.render(pack)


def _main_sentence(text: direction.DirectionText) -> str:
    return next(p for p in text.paragraphs if p.startswith("Pursuant to Condition 22 of"))


def test_one_document_draft(tmp_path):
    pack, text = _render(tmp_path, [S1SR])
    assert text.heading == "S1SR Draft Direction Text"
    assert _main_sentence(text) == (
        "Pursuant to Condition 22 of the DCC Licence and Section X5 (Incorporation of Certain Documents into this Code) "
        "of the SEC, the Secretary of State directs that, with effect from [DD MM YYYY], the SMETS1 Supporting "
        "Requirements previously designated and incorporated into the SEC as Appendix AM is hereby re-designated and "
        "incorporated in the form set out in Annex [XX] to this direction."
    )
    assert not any("Condition 22.30(a)" in p for p in text.paragraphs)
    assert "such re-designation of the SMETS1 Supporting Requirements shall be without prejudice" in text.markdown
    assert "on or after this document first being designated" in text.markdown
    assert text.paragraphs[-1] == "This direction is also being notified to the SEC Administrator."
    assert text.markdown.startswith("# S1SR Draft Direction Text\n\n")


def test_two_documents_share_one_sentence_and_agree_in_number(tmp_path):
    _, text = _render(tmp_path, [TMAD, SVTAD])
    sentence = _main_sentence(text)
    assert (
        "the SMETS1 Transition and Migration Approach Document previously designated and incorporated into the SEC as "
        "Appendix AL and the SEC Variation Testing Approach Document for SMETS1 Services previously designated and "
        "incorporated into the SEC as Appendix AK, are hereby re-designated" in sentence
    )
    assert " is hereby" not in sentence
    assert sum(p.startswith("Pursuant to Condition 22 of") for p in text.paragraphs) == 1
    assert "these documents first being designated" in text.markdown
    assert "prior to their re-designation" in text.markdown
    assert text.heading == "TMAD and SMETS1 SVTAD Draft Direction Text"


def test_three_documents_are_listed_with_commas_and_a_final_and(tmp_path):
    _, text = _render(tmp_path, [S1SR, CPL, TMAD])
    sentence = _main_sentence(text)
    assert "as Appendix AM, the CPL Requirements Document previously designated and incorporated into the SEC as Appendix Z and the SMETS1" in sentence
    assert "as Appendix AL, are hereby re-designated" in sentence


def test_consequential_amendment_paragraph(tmp_path):
    _, text = _render(tmp_path, [S1SR, CPL], direction_toml="[direction]\n" + SECTION_A)
    consequential = [p for p in text.paragraphs if p.startswith("Pursuant to Condition 22.30(a)")]
    assert consequential == [
        "Pursuant to Condition 22.30(a) of the DCC Licence and Paragraph X5.6 of the SEC, the Secretary of State directs "
        "that in consequence of the re-designation of the CPL Requirements Document, with effect from [DD MM YYYY], "
        "Section A (Definitions and Interpretation) of the SEC is amended to add a definition of Relevant Technical "
        "Specification as further set out in Annex [YY] to this direction."
    ]
    assert "and the amendment of Section A (Definitions and Interpretation) of the SEC, shall be without prejudice" in text.markdown
    # the consequential paragraph follows the re-designation it depends on
    order = [i for i, p in enumerate(text.paragraphs) if p.startswith("Pursuant to")]
    assert text.paragraphs[order[0]].startswith("Pursuant to Condition 22 of")


def test_final_direction_uses_the_real_date_and_annexes(tmp_path):
    toml = '[direction]\neffective = 2025-04-30\nannex = "A"\n' + SECTION_A.replace('in_consequence_of = ["CPL"]', 'in_consequence_of = ["CPL"]\nannex = "B"')
    pack, text = _render(tmp_path, [S1SR, CPL], direction_toml=toml)
    assert not pack.direction.is_draft
    assert text.heading == "S1SR and CPL Direction Text"
    assert "[" not in text.markdown, "no placeholder is left in a final direction"
    assert "with effect from 30 April 2025, the SMETS1" in text.markdown
    assert "in the form set out in Annex A to this direction" in text.markdown
    assert "as further set out in Annex B to this direction" in text.markdown
    assert not any(p.startswith("Draft:") for p in text.paragraphs)
    assert text.paragraphs[-1] == "Signed on behalf of the Secretary of State for Energy Security and Net Zero."


def test_a_date_without_an_annex_is_still_a_draft(tmp_path):
    pack, text = _render(tmp_path, [S1SR], direction_toml="[direction]\neffective = 2025-04-30\n")
    assert pack.direction.is_draft
    assert "with effect from 30 April 2025" in text.markdown and "Annex [XX]" in text.markdown


@pytest.mark.parametrize("published, short, secretary", [("2021-06-24", "BEIS", "Business, Energy and Industrial Strategy"), ("2024-01-10", "DESNZ", "Energy Security and Net Zero")])
def test_the_department_is_named_for_the_date(tmp_path, published, short, secretary):
    _, draft = _render(tmp_path, [S1SR], published=published)
    assert draft.paragraphs[0] == f"Draft: the direction below is the one {short} intends to make to bring the changes to the S1SR into effect."
    _, final = _render(tmp_path, [S1SR], published=published, direction_toml='[direction]\neffective = 2025-04-30\nannex = "A"\n')
    assert final.paragraphs[-1] == f"Signed on behalf of the Secretary of State for {secretary}."


def test_the_word_file_carries_the_same_paragraphs(tmp_path):
    pack, text = _render(tmp_path, [TMAD, SVTAD], direction_toml="[direction]\n" + SECTION_A.replace('["CPL"]', '["TMAD"]'))
    data = direction.direction_docx(pack, text, dt.datetime(2025, 2, 5))
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs == [text.heading, *text.paragraphs]
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.core_properties.created.replace(tzinfo=None) == dt.datetime(2025, 2, 5)
    assert direction.direction_docx(pack, text, dt.datetime(2025, 2, 5)) == data


def test_a_draft_with_several_proposed_dates_leaves_each_date_to_the_secretary_of_state(tmp_path):
    """Seed 004 proposes 29 July 2021 and 12 October 2021; its draft direction still reads
    "with effect from [DD MM YYYY]": the dates are in Next Steps, the annexes tell them apart."""
    topics = (
        '[direction]\n\n[[drafting]]\nref = "1.1"\ndescription = "A."\ndocument = "TMAD"\n\n[[drafting]]\nref = "2.1"\ndescription = "B."\ndocument = "SMETS1 SVTAD"\n\n'
        '[[topics]]\ntitle = "One"\ndrafting = ["1.1"]\nredesignation = 2025-04-30\n\n[[topics]]\ntitle = "Two"\ndrafting = ["2.1"]\nredesignation = 2025-06-30\n'
    )
    pack, text = _render(tmp_path, [TMAD, SVTAD], direction_toml=topics)
    sentences = [p for p in text.paragraphs if p.startswith("Pursuant to Condition 22 of")]
    assert len(sentences) == 2
    assert all("with effect from [DD MM YYYY]," in s for s in sentences)
    assert "Annex [XX]" in sentences[0] and "Annex [YY]" in sentences[1]
    assert "30 April 2025" not in text.markdown and "30 June 2025" not in text.markdown
