"""Reading where a layout put each contents heading (docgen.pack.toc).

The build tests check the pages against LibreOffice's PDFs; these pin the matching rules:
a heading is found by the PDF's outline in document order, and without an outline only as
whole lines of its own, never as the first words of a sentence (issue 23: "Attachment 1 of
this consultation document ..." made the contents say page 6 for a heading on page 8).
"""

from __future__ import annotations

from docgen.pack.toc import PdfHeading, outline_pages, text_pages

HEADINGS = [("_Toc1", "3. Next Steps"), ("_Toc2", "Attachment 1"), ("_Toc3", "Draft Direction Text")]


def test_the_outline_gives_each_heading_its_page_in_order():
    outline = [
        PdfHeading(1, "Table of Contents", 2),
        PdfHeading(1, "3. Next  Steps", 5),
        PdfHeading(1, "Attachment 1", 8),
        PdfHeading(2, "Draft Direction Text", 8),
    ]
    assert outline_pages(outline, HEADINGS) == {"_Toc1": 5, "_Toc2": 8, "_Toc3": 8}


def test_a_bookmark_may_carry_the_number_a_list_gives_its_heading():
    outline = [PdfHeading(1, "3. Next Steps", 5), PdfHeading(1, "4 Attachment 1", 8), PdfHeading(2, "4.1 Draft Direction Text", 9)]
    headings = [("_Toc1", "Next Steps"), ("_Toc2", "Attachment 1"), ("_Toc3", "Draft Direction Text")]
    assert outline_pages(outline, headings) == {"_Toc1": 5, "_Toc2": 8, "_Toc3": 9}


def test_two_headings_with_one_text_are_told_apart_by_order():
    outline = [PdfHeading(2, "Questions", 3), PdfHeading(2, "Questions", 6)]
    assert outline_pages(outline, [("_Toc1", "Questions"), ("_Toc2", "Questions")]) == {"_Toc1": 3, "_Toc2": 6}


def test_without_an_outline_a_sentence_starting_with_the_heading_is_not_the_heading():
    pages = [
        "Title page",
        "Table of Contents\n3. Next Steps....5\nAttachment 1....8",
        "",
        "",
        "3. Next Steps\nthe draft direction which is presented in\nAttachment 1 of this consultation document for stakeholder consideration.",
        "",
        "",
        "Attachment 1\nThis attachment contains the text\nDraft Direction\nText",
    ]
    assert text_pages(pages, HEADINGS) == {"_Toc1": 5, "_Toc2": 8, "_Toc3": 8}


def test_numbers_are_laid_out_again_until_they_hold(monkeypatch):
    """Writing the numbers can move the text after the contents: the layout is made again
    until the PDF agrees with them, and a layout that never settles is said so."""
    import datetime as dt

    from docgen.pack import toc

    def run(moves: int):
        state = {"left": moves}
        layouts: list[bytes] = []

        def numbers(docx, pdf, moment):
            if state["left"] == 0:
                return None
            state["left"] -= 1
            return docx + b"+"

        def convert(docx):
            layouts.append(docx)
            return b"pdf of " + docx

        monkeypatch.setattr(toc, "with_page_numbers", numbers)
        return toc.settle_pages(b"d", b"pdf of d", dt.datetime(2025, 2, 5), convert), layouts

    assert run(0) == ((b"d", b"pdf of d", True), [])
    assert run(1) == ((b"d+", b"pdf of d+", True), [b"d+"])
    assert run(2) == ((b"d++", b"pdf of d++", True), [b"d+", b"d++"])
    (docx, pdf, settled), layouts = run(5)
    assert not settled and len(layouts) == toc.MAX_LAYOUTS
