"""Regenerate the Word templates the pack build fills in with docxtpl.

    .venv/bin/python templates/make_templates.py

The .docx files beside this script are committed; this script is how they were made, so
they can be rebuilt from scratch. After that they belong to their users: restyle them in
Word (fonts, colours, logos, headers) and keep the {{ ... }} and {%p ... %} / {%tr ... %}
tags, and the build will use the restyled file. Re-running this script overwrites them.

Templates written:
- response_template.docx: the form respondents fill in (details, confidentiality, one
  table per question with an Agree / Disagree / No opinion choice and a rationale box).
- direction.docx: the heading and paragraphs of the rendered direction.md.j2.
- drafting_table.docx: the `Drafting Reference | Description` table of each document.
- changed_clauses.docx: for a document a pack re-designates without a redline, the text of
  each clause the pack changes, as it will read.
- conclusion.docx: the skeleton of the conclusion document that collation fills in.
- consultation.docx: the consultation document itself (cover, contents, sections, drafting
  tables with inline redlines, questions, next steps, how to respond, attachments and the
  draft direction as Attachment 1).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from docgen.ooxml.parts import normalise_zip  # noqa: E402

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LABEL_WIDTH = Cm(4.5)
ANSWER_WIDTH = Cm(11.5)
SHADE = "DCE6F1"


def new_document():
    """A4, Arial 11: a plain base a user restyles in Word."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    props = doc.core_properties
    props.author = "docgen"
    props.last_modified_by = "docgen"
    props.comments = "docgen template: keep the docxtpl tags when restyling"
    return doc


def shade(cell, fill: str = SHADE) -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd xmlns:w="{WNS}" w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def label_cell(cell, text: str, bold: bool = True) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    shade(cell)


def set_widths(table, widths) -> None:
    """Fix the grid and every cell, so Word and LibreOffice lay each copy of a table out alike."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(f"{{{WNS}}}gridCol"), widths):
        col.set(f"{{{WNS}}}w", str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def keep_together(table) -> None:
    """Rows never split across pages, and a question's table stays on one page when it can."""
    rows = list(table.rows)
    for i, row in enumerate(rows):
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit xmlns:w="{WNS}"/>'))
        if i < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def min_height(row, height) -> None:
    """An answer box that looks like a box before anyone types in it."""
    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def tag_row(table, tag: str) -> None:
    """A row that holds only a docxtpl {%tr ... %} tag; docxtpl replaces the whole row."""
    row = table.add_row()
    row.cells[0].text = tag


def loop_table(doc, headers: tuple[str, ...], loop: str, cells: tuple[str, ...], widths):
    """A table with a bold header row and one row repeated by docxtpl: `loop` is the
    `for` clause ("r in d.rows") and `cells` the jinja2 text of each cell."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):
        label_cell(cell, text)
    tag_row(table, "{%tr for " + loop + " %}")
    row = table.add_row()
    for cell, text in zip(row.cells, cells):
        cell.text = text
    tag_row(table, "{%tr endfor %}")
    set_widths(table, widths)
    return table


def add_checkbox(paragraph, label: str) -> None:
    """A Word check box content control (click to tick) followed by its label.

    Word draws it as the glyph in the run (U+2610 empty, U+2612 ticked) and records the state
    in w14:checked; collation reads either, so a typed X works as well as a click.
    """
    sdt = parse_xml(
        f'<w:sdt xmlns:w="{WNS}" xmlns:w14="{W14}">'
        '<w:sdtPr><w:alias w:val="Tick one"/>'
        '<w14:checkbox><w14:checked w14:val="0"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr>'
        "<w:t>\u2610</w:t></w:r></w:sdtContent></w:sdt>"
    )
    paragraph._p.append(sdt)
    paragraph.add_run(f" {label}    ")


def choice_cell(cell, labels: list[str]) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    for label in labels:
        add_checkbox(paragraph, label)


def save(doc, name: str) -> None:
    buf = io.BytesIO()
    doc.save(buf)
    (HERE / name).write_bytes(normalise_zip(buf.getvalue()))
    print(f"wrote templates/{name}")


# ---------------------------------------------------------------------------------------


def response_template() -> None:
    doc = new_document()
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("Response template", style="Subtitle")
    doc.add_paragraph("Consultation published by DCC on {{ published }}; please respond by {{ respond_by }}.")

    doc.add_paragraph("How to respond", style="Heading 1")
    doc.add_paragraph("Please complete this template and send it to DCC at {{ contact }} by {{ respond_by }}.")
    doc.add_paragraph(
        "Type your answers in the boxes; they grow as you type. Where a question asks for your view, "
        "tick one box (click it in Word, or replace \u2610 with X) and give your reasons in the Rationale box. "
        "Please keep the layout of the tables so that responses can be collated."
    )

    doc.add_paragraph("Respondent details", style="Heading 1")
    details = doc.add_table(rows=0, cols=2)
    details.style = "Table Grid"
    for label in ("Respondent name", "Organisation", "Contact details (email or telephone)"):
        row = details.add_row()
        label_cell(row.cells[0], label)
        min_height(row, Cm(0.9))
    set_widths(details, (LABEL_WIDTH, ANSWER_WIDTH))

    doc.add_paragraph("Confidentiality", style="Heading 1")
    doc.add_paragraph(
        "DCC may publish the responses it receives on its website. If you want all or part of your response "
        "to be kept confidential, say so below and tell us why, so that we can take your reasons into account."
    )
    doc.add_paragraph(
        "Every response, including any part marked confidential, may be shared with the {{ department_name }} "
        "({{ department }}) and with the Gas and Electricity Markets Authority. Information they hold, personal "
        "information included, may have to be published or disclosed under the access to information laws, chiefly "
        "the Freedom of Information Act 2000, the Data Protection Act 2018 and the Environmental Information "
        "Regulations 2004. Any request for disclosure will be considered in the light of your reasons, but "
        "confidentiality cannot be guaranteed in every case. A confidentiality notice added automatically by your "
        "e-mail system does not count as a request for confidentiality."
    )
    conf = doc.add_table(rows=0, cols=2)
    conf.style = "Table Grid"
    row = conf.add_row()
    label_cell(row.cells[0], "Do you want your response to be treated as confidential?")
    choice_cell(row.cells[1], ["Yes", "No"])
    row = conf.add_row()
    label_cell(row.cells[0], "If only part of it is confidential, which part, and why")
    min_height(row, Cm(1.5))
    set_widths(conf, (LABEL_WIDTH, ANSWER_WIDTH))

    doc.add_paragraph("Questions", style="Heading 1")
    doc.add_paragraph("{%p for q in questions %}")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    row = table.add_row()
    label_cell(row.cells[0], "{{ q.id }}")
    row.cells[1].text = "{{ q.text }}"
    tag_row(table, "{%tr if q.choice %}")
    row = table.add_row()
    label_cell(row.cells[0], "Your view")
    choice_cell(row.cells[1], ["Agree", "Disagree", "No opinion"])
    tag_row(table, "{%tr endif %}")
    row = table.add_row()
    label_cell(row.cells[0], "Rationale")
    min_height(row, Cm(3))
    set_widths(table, (LABEL_WIDTH, ANSWER_WIDTH))
    keep_together(table)
    doc.add_paragraph("")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("Thank you for your response.")
    save(doc, "response_template.docx")


def direction_template() -> None:
    doc = new_document()
    doc.add_paragraph("{{ heading }}", style="Heading 1")
    doc.add_paragraph("{%p for paragraph in paragraphs %}")
    body = doc.add_paragraph("{{ paragraph }}")
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_after = Pt(10)
    doc.add_paragraph("{%p endfor %}")
    save(doc, "direction.docx")


def drafting_template() -> None:
    doc = new_document()
    doc.add_paragraph("{{ heading }}", style="Heading 1")
    doc.add_paragraph("{{ title }}")
    doc.add_paragraph("{%p for d in documents %}")
    doc.add_paragraph("{{ d.title }}", style="Heading 2")
    loop_table(doc, ("Drafting Reference", "Description"), "r in d.rows", ("{{ r.ref }}", "{{ r.description }}"), (Cm(4), Cm(12)))
    doc.add_paragraph("")
    doc.add_paragraph("{%p endfor %}")
    save(doc, "drafting_table.docx")


def changed_clauses_template() -> None:
    """The text of each clause a pack changes in a document it publishes no redline of."""
    doc = new_document()
    footer_with_page(doc, "{{ classification }}")
    doc.add_paragraph("{{ heading }}", style="Heading 1")
    doc.add_paragraph("{{ note }}")
    doc.add_paragraph("{%p for c in clauses %}")
    doc.add_paragraph("{{ c.ref }}", style="Heading 2")
    doc.add_paragraph("{{ c.text }}")
    change = doc.add_paragraph()
    change.add_run("Change: ").bold = True
    change.add_run("{{ c.description }}").italic = True
    doc.add_paragraph("{%p endfor %}")
    save(doc, "changed_clauses.docx")


def conclusion_template() -> None:
    """The conclusion in seed 001's shape, filled by `docgen responses collate`."""
    doc = new_document()
    toc_styles(doc)
    footer_with_page(doc, "{{ classification }}")
    doc.add_paragraph("Conclusion on {{ title }}", style="Title")
    doc.add_paragraph("DCC's conclusion on proposed changes to the {{ documents }}", style="Subtitle")
    cover_fields(doc, (("Date", "{{ date }}"), ("Author", "{{ contact }}"), ("Classification", "{{ classification }}")))
    contents_page(doc)

    # The conclusion is written after the consultation closed: it says in the past tense what
    # DCC consulted on (the pack's introduction keeps only its background, see conclusion_intro).
    doc.add_paragraph("1. Introduction and Context", style="Heading 1")
    doc.add_paragraph("{{ introduction }}")
    doc.add_paragraph("{%p if topics %}")
    doc.add_paragraph("On {{ published }}, DCC consulted on proposed changes to the {{ documents }}:")
    doc.add_paragraph("{%p for t in topics %}")
    doc.add_paragraph("{{ t }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("On {{ published }}, DCC consulted on proposed changes to the {{ documents }}.")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("This document provides DCC's responses to the points raised, and concludes this consultation.")

    doc.add_paragraph("2. Consultation", style="Heading 1")
    doc.add_paragraph(
        "On {{ published }}, DCC published the consultation on {{ title }} on the DCC Website. "
        "Stakeholders were invited to respond by {{ respond_by }}."
    )
    doc.add_paragraph("DCC sought comments on the following questions:")
    loop_table(doc, ("Number", "Question"), "q in questions", ("{{ q.id }}", "{{ q.text }}"), (Cm(3.5), Cm(12.5)))
    doc.add_paragraph("Table 1", style="Caption")

    doc.add_paragraph("2.1. Respondents", style="Heading 2")
    doc.add_paragraph("{{ respondents_sentence }}")
    loop_table(
        doc,
        ("Respondent", "Organisation", "Confidentiality"),
        "r in respondents",
        ("{{ r.name }}", "{{ r.organisation }}", "{{ r.confidentiality }}"),
        (Cm(5.5), Cm(5.5), Cm(5)),
    )
    doc.add_paragraph("{{ confidential_note }}")

    doc.add_paragraph("3. Analysis of Responses", style="Heading 1")
    doc.add_paragraph("DCC has undertaken an analysis of the feedback provided by each respondent, which is presented within this section.")
    doc.add_paragraph("{%p for q in questions %}")
    doc.add_paragraph("3.{{ loop.index }}. Comments relating to question {{ q.id }}", style="Heading 2")
    doc.add_paragraph("{{ q.counts }}")
    doc.add_paragraph("{%p if q.comments %}")
    comments = doc.add_table(rows=1, cols=2)
    comments.style = "Table Grid"
    label_cell(comments.rows[0].cells[0], "Comment")
    label_cell(comments.rows[0].cells[1], "DCC Response")
    tag_row(comments, "{%tr for c in q.comments %}")
    row = comments.add_row()
    row.cells[0].text = "{{ c.text }}"  # never attributed: conclusions say "A respondent ..."
    tag_row(comments, "{%tr endfor %}")
    set_widths(comments, (Cm(8), Cm(8)))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("4. Summary of Changes made after consultation", style="Heading 1")
    doc.add_paragraph("{%p if changes %}")
    doc.add_paragraph(
        "In light of the consultation responses received, DCC has made the changes to the {{ short_names }} set out in the "
        "table below, shown in the redline from the Consultation version. Changes on which DCC consulted and which it has "
        "kept as proposed are not repeated here."
    )
    loop_table(
        doc,
        ("Drafting Reference", "Description", "Rationale for Change"),
        "c in changes",
        ("{{ c.ref }}", "{{r c.text }}", "{{ c.rationale }}"),
        (Cm(3.5), Cm(8), Cm(4.5)),
    )
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ no_changes }}")
    doc.add_paragraph("{%p endif %}")

    doc.add_paragraph("5. Conclusions", style="Heading 1")
    doc.add_paragraph("{%p if changes %}")
    doc.add_paragraph("DCC has made the changes identified above to the {{ documents }}, which are provided alongside this document.")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("The {{ documents }} as consulted on {{ 'is' if documents_count == 1 else 'are' }} provided alongside this document.")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph(
        "DCC considers that it has dealt with all other issues that arise out of this consultation and will be requesting "
        "the Secretary of State to designate {{ 'these versions' if documents_count > 1 else 'this version' }} of the {{ documents }}."
    )
    doc.add_paragraph("{%p if report_by %}")
    doc.add_paragraph("DCC will submit the updated {{ documents }} to the Secretary of State on {{ report_by }}.")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("6. Next Steps", style="Heading 1")
    doc.add_paragraph("{%p for d in dates %}")
    doc.add_paragraph("DCC proposes that the {{ d.documents }} be re-designated on {{ d.date }} (or, if necessary, as soon as reasonably practicable within one month thereafter).")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("[Describe any further work.]")
    doc.add_paragraph("7. Attachments", style="Heading 1")
    doc.add_paragraph("{%p for a in attachments %}")
    doc.add_paragraph("Attachment {{ a.number }}: {{ a.title }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if not attachments %}")
    doc.add_paragraph("[List the attachments.]")
    doc.add_paragraph("{%p endif %}")
    save(doc, "conclusion.docx")


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def cover_fields(doc, fields: tuple[tuple[str, str], ...]) -> None:
    """The cover's "Label: value" lines, the label bold, as the seeds set them out."""
    for label, value in fields:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def contents_page(doc) -> None:
    """A page of its own for the contents; the build puts the TOC field at the marker."""
    page_break(doc)
    doc.add_paragraph("Table of Contents", style="TOC Heading")
    doc.add_paragraph("{{ toc_marker }}")
    page_break(doc)


def toc_styles(doc) -> None:
    """'toc 1' and 'toc 2', Word's names for contents entries: dot leader to a right tab."""
    for level, indent in ((1, Cm(0)), (2, Cm(0.6))):
        style = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.left_indent = indent
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if level == 1:
            style.font.bold = True


def footer_with_page(doc, text: str) -> None:
    """'DCC Public' and the page number in every footer."""
    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text + "    Page ")
    for xml in (
        f'<w:r xmlns:w="{WNS}"><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r xmlns:w="{WNS}"><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r xmlns:w="{WNS}"><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r xmlns:w="{WNS}"><w:t>1</w:t></w:r>',
        f'<w:r xmlns:w="{WNS}"><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def question_table(doc, loop: str) -> None:
    """Question id (bold, shaded) beside its text, one row per question."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    tag_row(table, "{%tr for q in " + loop + " %}")
    row = table.add_row()
    label_cell(row.cells[0], "{{ q.id }}")
    row.cells[1].text = "{{ q.text }}"
    tag_row(table, "{%tr endfor %}")
    set_widths(table, (Cm(3.5), Cm(12.5)))


def impact_section(doc) -> None:
    """What the changes touch (docgen impact): the Device Models whose DMVES rows cite a
    changed clause, and the references elsewhere that must follow; only when there are any."""
    doc.add_paragraph("{%p if impact %}")
    doc.add_paragraph("{%p if grouped %}")
    doc.add_paragraph("{{ impact.number }}. Impact of the Changes", style="Heading 2")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ impact.number }}. Impact of the Changes", style="Heading 1")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if impact.models %}")
    doc.add_paragraph(
        "Table {{ impact.models_table }} lists, by manufacturer, the Device Models named in the DMVES rows that cite a clause "
        "these changes amend, move, renumber or delete."
    )
    loop_table(doc, ("Manufacturer", "Device Models affected"), "m in impact.models", ("{{ m.manufacturer }}", "{{ m.models }}"), (Cm(5.5), Cm(10.5)))
    doc.add_paragraph("Table {{ impact.models_table }} \u2013 Device Models affected", style="Caption")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if impact.references %}")
    doc.add_paragraph(
        "Table {{ impact.references_table }} lists the references elsewhere that follow: the places whose reference has to "
        "change because these changes renumber, move or delete the clause they cite, and what each should now say."
    )
    loop_table(doc, ("Reference", "Cites", "What follows"), "r in impact.references", ("{{ r.where }}", "{{ r.cites }}", "{{ r.follows }}"), (Cm(3.5), Cm(2.5), Cm(10)))
    doc.add_paragraph("Table {{ impact.references_table }} \u2013 References elsewhere that follow", style="Caption")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endif %}")


def consultation_template() -> None:
    doc = new_document()
    toc_styles(doc)
    footer_with_page(doc, "{{ classification }}")
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{%p if subtitle %}")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    doc.add_paragraph("{%p endif %}")
    cover_fields(doc, (("Date", "{{ date }}"), ("Respond by", "{{ respond_by }}"), ("Author", "{{ author }}"), ("Classification", "{{ classification }}")))
    contents_page(doc)

    doc.add_paragraph("{{ n.introduction }}. Introduction and Context", style="Heading 1")
    doc.add_paragraph("{{ introduction }}")

    doc.add_paragraph("{%p if grouped %}")
    doc.add_paragraph("{{ n.changes }}. Proposed Changes", style="Heading 1")
    doc.add_paragraph("This section sets out each change on which DCC is consulting, with the drafting that gives effect to it and the questions on it.")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p for t in topics %}")
    doc.add_paragraph("{%p if grouped %}")
    doc.add_paragraph("{{ t.number }}. {{ t.title }}", style="Heading 2")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ t.number }}. {{ t.title }}", style="Heading 1")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ t.body }}")
    doc.add_paragraph("{%p if t.rows %}")
    doc.add_paragraph("This consultation is seeking views on the changes to the {{ t.documents }} set out in Table {{ t.table }} below.")
    loop_table(doc, ("Drafting Reference", "Description"), "r in t.rows", ("{{ r.ref }}", "{{r r.text }}"), (Cm(3.5), Cm(12.5)))
    doc.add_paragraph("Table {{ t.table }} \u2013 Overview of Drafting Changes", style="Caption")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if t.questions %}")
    doc.add_paragraph("DCC invites views on the proposals above, in particular on the following {{ t.question_word }}:")
    question_table(doc, "t.questions")
    doc.add_paragraph("")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    impact_section(doc)

    doc.add_paragraph("{{ n.next_steps }}. Next Steps", style="Heading 1")
    doc.add_paragraph(
        "Following the closure of this consultation, DCC will take into account respondents' views. DCC will amend the "
        "{{ short_names }} as appropriate and will submit to {{ department }} the version{{ plural_s }} of the {{ short_names }} "
        "that it considers suitable for re-designation into the SEC by the Secretary of State."
    )
    doc.add_paragraph("{%p if report_by %}")
    doc.add_paragraph(
        "DCC is aiming to provide a report to {{ department }} by no later than {{ report_by }}. This report will contain "
        "DCC's consideration of the consultation and its responses as well as the version{{ plural_s }} of the {{ short_names }} "
        "that DCC considers appropriate to designate into the SEC."
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p for d in dates %}")
    doc.add_paragraph(
        "{{ d.lead }}DCC has discussed the re-designation of the {{ d.documents }} with {{ department }} and it is proposed that, "
        "subject to timely receipt of DCC's report and copies of relevant stakeholder responses to this consultation, "
        "{{ department }} will re-designate the {{ d.documents }} on {{ d.date }} (or as soon as reasonably practicable within one "
        "month thereafter)."
    )
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph(
        "In order to expedite the re-designation, DCC is also seeking views on behalf of {{ department }} on the proposed "
        "{{ date_word }} for re-designation as well as the draft direction which is presented in Attachment 1 of this "
        "consultation document for stakeholder consideration."
    )
    doc.add_paragraph("{%p if next_questions %}")
    question_table(doc, "next_questions")
    doc.add_paragraph("")
    doc.add_paragraph("{%p endif %}")

    doc.add_paragraph("{{ n.how_to_respond }}. How to Respond", style="Heading 1")
    doc.add_paragraph(
        "Please provide responses in the attached response template by {{ respond_by }} to DCC at {{ contact }}. "
        "The template may be returned in PDF or a similar format rather than Microsoft Word format if preferred."
    )
    doc.add_paragraph(
        "Consultation responses may be published on our website www.smartdcc.co.uk. Please state clearly in writing whether "
        "you want all or any part of your response to be treated as confidential. It would be helpful if you could explain "
        "to us why you regard the information you have provided as confidential. Please note that responses in their entirety "
        "(including any text marked confidential) may be made available to the {{ department_name }} ({{ department }}) and the "
        "Gas and Electricity Markets Authority (the Authority). Information provided to {{ department }} or the Authority, "
        "including personal information, may be subject to publication or disclosure in accordance with the access to "
        "information legislation (primarily the Freedom of Information Act 2000, the Data Protection Act 2018 and the "
        "Environmental Information Regulations 2004). If {{ department }} or the Authority receive a request for disclosure "
        "of the information we/they will take full account of your explanation (to the extent provided to them), but we/they "
        "cannot give an assurance that confidentiality can be maintained in all circumstances. An automatic confidentiality "
        "disclaimer generated by your IT system will not, of itself, be regarded by us as a confidentiality request."
    )
    doc.add_paragraph("If you have any questions about the consultation documents, please contact DCC via {{ contact }}.")

    doc.add_paragraph("{{ n.attachments }}. Attachments", style="Heading 1")
    doc.add_paragraph("{%p for a in attachments %}")
    doc.add_paragraph("Attachment {{ a.number }}: {{ a.title }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    page_break(doc)
    doc.add_paragraph("Attachment 1", style="Heading 1")
    doc.add_paragraph("This attachment contains the text that {{ department }} plans to use for direction of changes to the {{ short_names }}.")
    doc.add_paragraph("{{ direction_heading }}", style="Heading 2")
    doc.add_paragraph("{%p for paragraph in direction %}")
    body = doc.add_paragraph()
    body.add_run("{{ paragraph }}").italic = True
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph("{%p endfor %}")
    save(doc, "consultation.docx")


def recommendation_template() -> None:
    """The letter to the department (seed 002): how many responses and when DCC published its
    conclusions, per topic the responses and the recommendation, the objections to the
    proposed re-designation dates, next steps and the documents provided; an appendix per
    topic with the detail. The sentences with counts come from the collation's one tally."""
    doc = new_document()
    footer_with_page(doc, "DCC Public")
    for line in ("[Name]", "[Title]", "{{ department_name }}"):
        doc.add_paragraph(line).paragraph_format.space_after = Pt(0)
    doc.add_paragraph("")
    doc.add_paragraph("By email only").runs[0].italic = True
    doc.add_paragraph("{{ date }}")
    doc.add_paragraph("Dear [Name],")
    doc.add_paragraph("").add_run("{{ subject }}").bold = True
    doc.add_paragraph("DCC recently consulted on the below proposed amendments to the {{ documents }}:")
    doc.add_paragraph("{%p for t in topics %}")
    doc.add_paragraph("{{ t.title }}", style="List Number")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph(
        "{{ responses }} and on {{ conclusions_date }}, DCC published its conclusions. "
        "This letter sets out our recommendations on the above stated proposals:"
    )
    doc.add_paragraph("{%p for t in topics %}")
    item = doc.add_paragraph(style="List Bullet")
    item.add_run("{{ t.title }}").bold = True
    item.add_run(" \u2013 {{ t.positions }} " + RECOMMENDATION + " Further details are provided in Appendix {{ t.letter }}.")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p for d in dates %}")
    item = doc.add_paragraph(style="List Bullet")
    item.add_run("Proposed re-designation date").bold = True
    item.add_run(
        " \u2013 {% if d.date %}DCC proposed that the {{ d.documents }} be re-designated on {{ d.date }} ({{ d.question }})."
        "{% else %}DCC asked respondents about the proposed re-designation date ({{ d.question }}).{% endif %} {{ d.counts }} "
        "{% if d.objected %}{{ d.objected_words }} respondent{{ 's' if d.objected != 1 else '' }} objected to the proposed date. "
        "[State the objection{{ 's' if d.objected != 1 else '' }} and DCC's response.]"
        "{% elif d.partly %}{{ d.partly_words }} respondent{{ 's' if d.partly != 1 else '' }} agreed with the proposed date only in part. "
        "[State the reservations and DCC's response.]"
        "{% elif d.review %}Whether any respondent objected to the proposed date is to be reviewed."
        "{% else %}No respondent objected to the proposed date.{% endif %}"
    )
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if device_models %}")
    doc.add_paragraph("").add_run("Device Models affected").bold = True
    doc.add_paragraph("The proposed changes to the {{ models_documents }} affect the DMVES rows of the following Device Models:")
    loop_table(doc, ("Manufacturer", "Device Models"), "m in device_models", ("{{ m.manufacturer }}", "{{ m.models }}"), (Cm(5), Cm(11)))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("").add_run("Next steps").bold = True
    doc.add_paragraph("{%p for t in topics %}")
    step = doc.add_paragraph()
    step.add_run("{{ t.title }}").bold = True
    step.add_run(
        ": {% if not t.to_review %}we recommend that the Secretary of State designate these proposed changes into the "
        "{{ t.documents }}{% if t.date %} on {{ t.date }} (or, if necessary, as soon as reasonably practicable within one "
        "month thereafter){% endif %}.{% else %}DCC will make its recommendation once the answers to be reviewed are settled.{% endif %}"
    )
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph(
        "We have separately provided copies of the consultation responses received and have also provided "
        "{{ 'updated versions' if several_documents else 'an updated version' }} of the {{ documents }} that we consider "
        "appropriate for the Department to designate:"
    )
    doc.add_paragraph("{%p for a in provided %}")
    doc.add_paragraph("{{ a }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("Yours sincerely,")
    doc.add_paragraph("")
    doc.add_paragraph("[Name]").paragraph_format.space_after = Pt(0)
    doc.add_paragraph("[Title], DCC")
    doc.add_paragraph("{%p for t in topics %}")
    page_break(doc)
    doc.add_paragraph("Appendix {{ t.letter }}", style="Heading 1")
    doc.add_paragraph("{{ t.heading }}", style="Heading 2")
    doc.add_paragraph("{{ t.body }}")
    doc.add_paragraph("{%p if t.rows %}")
    doc.add_paragraph("The proposed drafting changes:")
    loop_table(doc, ("Drafting Reference", "Description"), "r in t.rows", ("{{ r.ref }}", "{{ r.description }}"), (Cm(3.5), Cm(12.5)))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if t.devices %}")
    doc.add_paragraph("The changes relate to the following Device Models and SRVs (from the DMVES rows of the changed clauses):")
    doc.add_paragraph("{%p for d in t.devices %}")
    doc.add_paragraph("{{ d }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("Recommendation", style="Heading 2")
    doc.add_paragraph("{{ t.positions }} " + RECOMMENDATION)
    doc.add_paragraph("{%p endfor %}")
    save(doc, "recommendation.docx")


# A topic's recommendation, in the letter and its appendix: held back while answers are to be
# reviewed; after a concern, a prompt to state it and DCC's response comes first.
RECOMMENDATION = (
    "{% if t.to_review %}[DCC to settle the answers to be reviewed before making a recommendation.]{% else %}"
    "{% if t.concerns %}[State the {{ 'concern' if t.concerns == 1 else 'concerns' }} raised and DCC's response.] {% endif %}"
    "On this basis DCC recommends to the Secretary of State that DCC's proposed amendments should be implemented, "
    "including through their designation into the {{ t.documents }}.{% endif %}"
)


if __name__ == "__main__":
    recommendation_template()
    consultation_template()
    response_template()
    direction_template()
    drafting_template()
    changed_clauses_template()
    conclusion_template()
