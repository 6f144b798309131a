"""One hand-written OLD/NEW pair per construct of issue 12's table, each changing just that construct.

Every function returns (OLD, NEW) as `wml.Doc`s. The text around each change stays the same so a
failure points at the construct, not at paragraph alignment.
"""

from __future__ import annotations

from collections.abc import Callable

from .wml import Doc, note_ref, p, picture, png, r, smartart, smartart_parts, sym, table, text_box

INTRO = p("Appendix AM sets out the SMETS1 Supporting Requirements.", style="Heading1")
CLOSING = p("The DCC shall keep this document under review.")

Pair = tuple[Doc, Doc]


def body_text_changed() -> Pair:
    """The baseline every redline handles: a phrase changed in a body paragraph."""
    old = Doc([INTRO, p("The S1SP shall respond within 30 seconds."), CLOSING])
    new = Doc([INTRO, p("The S1SP shall respond within 45 seconds."), CLOSING])
    return old, new


# ----- footnotes and endnotes
def _noted(note_text: str, *, with_ref: bool = True, kind: str = "footnote") -> Doc:
    ref = note_ref(kind, 1) if with_ref else ""
    body = [INTRO, p("Alerts are sent to the Import Supplier", ref, "."), CLOSING]
    notes = {1: note_text} if with_ref else {}
    return Doc(body, footnotes=notes) if kind == "footnote" else Doc(body, endnotes=notes)


def footnote_text_changed() -> Pair:
    return _noted("As defined in Section A of the Code."), _noted("As defined in Section A and Section H of the Code.")


def footnote_reference_added() -> Pair:
    return _noted("", with_ref=False), _noted("Including an Export Supplier where one is registered.")


def footnote_reference_removed() -> Pair:
    new, old = footnote_reference_added()
    return old, new


def endnote_text_changed() -> Pair:
    return (
        _noted("See the DMVES, version 12.", kind="endnote"),
        _noted("See the DMVES, version 12.2.", kind="endnote"),
    )


def endnote_reference_added() -> Pair:
    return _noted("", with_ref=False, kind="endnote"), _noted("Listed in Annex G.", kind="endnote")


# ----- text boxes
def _boxed(*box_text: str) -> Doc:
    box = text_box(*(p(x) for x in box_text), shape_id=10) if box_text else ""
    return Doc([INTRO, p("Cohorts are described below.", box), p("FOC, IOC and MOC are the three Cohorts."), CLOSING])


def textbox_edited() -> Pair:
    return _boxed("Note: FOC devices only."), _boxed("Note: FOC and MOC devices only.")


def textbox_added() -> Pair:
    return _boxed(), _boxed("Note: MOC devices are migrated last.")


def textbox_removed() -> Pair:
    new, old = textbox_added()
    return old, new


# ----- equations
def _math(base: str, power: str) -> str:
    return (
        f"<m:oMath><m:r><m:t>E=</m:t></m:r><m:sSup><m:e><m:r><m:t>{base}</m:t></m:r></m:e>"
        f"<m:sup><m:r><m:t>{power}</m:t></m:r></m:sup></m:sSup></m:oMath>"
    )


def equation_changed() -> Pair:
    old = Doc([INTRO, p("The tolerance is ", _math("t", "2"), " seconds."), CLOSING])
    new = Doc([INTRO, p("The tolerance is ", _math("t", "3"), " seconds."), CLOSING])
    return old, new


def equation_inserted() -> Pair:
    old = Doc([INTRO, p("The tolerance is fixed."), CLOSING])
    display = f"<w:p><m:oMathPara>{_math('k', '2')}</m:oMathPara></w:p>"
    new = Doc([INTRO, p("The tolerance is fixed."), display, CLOSING])
    return old, new


# ----- pictures and SmartArt
RED, BLUE = png((200, 30, 30)), png((30, 30, 200))


def picture_added() -> Pair:
    old = Doc([INTRO, p("The CHF is shown below."), CLOSING])
    new = Doc([INTRO, p("The CHF is shown below."), p(picture("rIdPic1", 20)), CLOSING], media={"rIdPic1": RED})
    return old, new


def picture_replaced() -> Pair:
    """Same relationship id and part name on both sides, different image bytes: a redline that
    copies only NEW's media shows NEW's picture even after reject."""
    old = Doc([INTRO, p("The CHF is shown below."), p(picture("rIdPic1", 20)), CLOSING], media={"rIdPic1": RED})
    new = Doc([INTRO, p("The CHF is shown below."), p(picture("rIdPic1", 20)), CLOSING], media={"rIdPic1": BLUE})
    return old, new


def smartart_deleted() -> Pair:
    """OLD has a SmartArt process diagram; NEW deleted it. Rejecting the deletion needs the
    diagram's four parts and their relationships in the redline."""
    graphic = p(smartart(30))
    old = Doc([INTRO, p("Migration has three steps."), graphic, CLOSING], related=smartart_parts())
    new = Doc([INTRO, p("Migration has three steps."), CLOSING])
    return old, new


# ----- tables
def _nested(inner_rows: list[list[str]] | None) -> Doc:
    """An outer table whose second cell holds a lead paragraph and, maybe, an inner table."""
    inner = table(inner_rows, widths=1200) if inner_rows else ""
    outer = table([["Device", "Settings"], ["ESME", p("Profile push:") + inner]])
    return Doc([INTRO, outer, CLOSING])


_WINDOWS = [["Cohort", "Window"], ["FOC", "00:30-05:30"]]


def nested_table_changed() -> Pair:
    return _nested(_WINDOWS), _nested([_WINDOWS[0], ["FOC", "01:00-05:00"]])


def nested_table_row_added() -> Pair:
    return _nested(_WINDOWS), _nested(_WINDOWS + [["MOC", "01:00-02:00"]])


def nested_table_inserted() -> Pair:
    return _nested(None), _nested(_WINDOWS)


def nested_table_removed() -> Pair:
    return _nested(_WINDOWS), _nested(None)


# ----- numbering definitions
def _legal_numbering(legal: bool) -> str:
    """One list: 'Article I' at level 0; level 1 is '(a)' in OLD and legal '1.1' in NEW."""
    lvl1 = (
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>'
        if legal
        else '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>'
    )
    return (
        '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Article %1"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
        f"{lvl1}</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


def numbering_legal_changed() -> Pair:
    def doc(legal: bool) -> Doc:
        body = [
            INTRO,
            p("Scope", num=(1, 0)),
            p("This Appendix applies to SMETS1 Devices.", num=(1, 1)),
            p("It does not apply to SMETS2+ Devices.", num=(1, 1)),
            p("Definitions", num=(1, 0)),
            p("Terms have the meaning given in Section A.", num=(1, 1)),
            CLOSING,
        ]
        return Doc(body, numbering=_legal_numbering(legal))

    return doc(False), doc(True)


# ----- spaces and symbols
def nbsp_to_space() -> Pair:
    old = Doc([INTRO, p("See Clause\u00a018.5(t) for the exception."), CLOSING])
    new = Doc([INTRO, p("See Clause 18.5(t) for the exception."), CLOSING])
    return old, new


def space_to_nbsp() -> Pair:
    new, old = nbsp_to_space()
    return old, new


def symbol_kept_in_changed_paragraph() -> Pair:
    """w:sym (a Wingdings tick) in a paragraph whose words change, and one added elsewhere."""
    tick = sym("Wingdings", "F0FC")
    old = Doc([INTRO, p(tick, " Supported for FOC."), p("Not supported for IOC."), CLOSING])
    new = Doc([INTRO, p(tick, " Supported for FOC and MOC."), p(tick, " Not supported for IOC."), CLOSING])
    return old, new


# ----- headers and footers
def footer_changed() -> Pair:
    old = Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Public", footer="SEC Appendix AM version 12.0")
    new = Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Public", footer="SEC Appendix AM version 12.2")
    return old, new


def header_changed() -> Pair:
    old = Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Public", footer="Page")
    new = Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Controlled", footer="Page")
    return old, new


def footer_removed() -> Pair:
    """NEW drops the footer: OLD's footer text must come back on reject."""
    old = Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Public", footer="SEC Appendix AM version 12.0")
    new = Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Public")
    return old, new


def first_page_header_removed() -> Pair:
    """NEW drops the title page's header, and with it w:titlePg: a layout and a story change."""
    old = Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Public", footer="Page", first_header="Draft for consultation")
    new = Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Public", footer="Page")
    return old, new


def page_turned_to_landscape() -> Pair:
    """Only the section's page size, orientation and margins change."""
    old = Doc([INTRO, p("Body text is unchanged."), CLOSING])
    new = Doc([INTRO, p("Body text is unchanged."), CLOSING], landscape=True)
    return old, new


# ----- the same constructs in harder places
def footnote_in_table_cell_changed() -> Pair:
    def doc(note: str) -> Doc:
        cells = table([["Cohort", "Window"], ["FOC", p("00:30-05:30", note_ref("footnote", 1))]])
        return Doc([INTRO, cells, CLOSING], footnotes={1: note})

    return doc("Local time."), doc("Local time, GMT or BST.")


def two_footnotes_one_removed_one_edited() -> Pair:
    """Note ids shift when the first note goes: the second must still be matched by its text."""
    old = Doc(
        [INTRO, p("Alerts go to the Import Supplier", note_ref("footnote", 1), "."), p("Top Ups are applied at the meter", note_ref("footnote", 2), "."), CLOSING],
        footnotes={1: "As defined in Section A.", 2: "Or at a PPMID."},
    )
    new = Doc(
        [INTRO, p("Alerts go to the Import Supplier."), p("Top Ups are applied at the meter", note_ref("footnote", 1), "."), CLOSING],
        footnotes={1: "Or at a PPMID where one is installed."},
    )
    return old, new


def nbsp_in_footnote() -> Pair:
    return _noted("See Clause\u00a018.5(t)."), _noted("See Clause 18.5(t).")


def first_page_header_changed() -> Pair:
    def doc(first: str) -> Doc:
        return Doc([INTRO, p("Body text is unchanged."), CLOSING], header="DCC Public", footer="Page", first_header=first)

    return doc("Draft for consultation"), doc("Designated version")


def header_picture_replaced() -> Pair:
    """A logo in the header, replaced: its image is related from the header part, not the body."""
    def doc(image: bytes) -> Doc:
        return Doc([INTRO, p("Body text is unchanged."), CLOSING], header=picture("rIdLogo", 40) + r("DCC Public"), header_media={"rIdLogo": image})

    return doc(RED), doc(BLUE)


def equation_in_table_changed() -> Pair:
    def doc(power: str) -> Doc:
        return Doc([INTRO, table([["Quantity", "Formula"], ["Tolerance", p(_math("t", power))]]), CLOSING])

    return doc("2"), doc("3")


def hyperlink_text_changed() -> Pair:
    def doc(words: str) -> Doc:
        link = f'<w:hyperlink r:id="rIdLink1" w:history="1">{r(words)}</w:hyperlink>'
        return Doc([INTRO, p("The DMVES is published on ", link, "."), CLOSING], links={"rIdLink1": "https://www.smartdcc.co.uk/"})

    return doc("the DCC website"), doc("the DCC's public website")


def content_control_text_changed() -> Pair:
    def doc(value: str) -> Doc:
        sdt = f'<w:sdt><w:sdtPr><w:alias w:val="Version"/><w:tag w:val="version"/></w:sdtPr><w:sdtContent>{p("Version " + value)}</w:sdtContent></w:sdt>'
        return Doc([INTRO, sdt, CLOSING])

    return doc("12.0"), doc("12.2")


def list_membership_changed() -> Pair:
    """The same words, moved from a lettered list to a roman one: only numPr changes."""
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%1)"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )

    def doc(second: int) -> Doc:
        items = [p("the first constraint;", num=(1, 0)), p("the second constraint;", num=(second, 0)), p("the third constraint.", num=(second, 0))]
        return Doc([INTRO, p("The S1SP applies:"), *items, CLOSING], numbering=numbering)

    return doc(1), doc(2)


def symbol_in_deleted_phrase() -> Pair:
    tick = sym("Wingdings", "F0FC")
    old = Doc([INTRO, p("Supported ", tick, " for FOC and for MOC."), CLOSING])
    new = Doc([INTRO, p("Supported for MOC."), CLOSING])
    return old, new


CONSTRUCTS: dict[str, Callable[[], Pair]] = {
    f.__name__: f
    for f in (
        body_text_changed,
        footnote_text_changed,
        footnote_reference_added,
        footnote_reference_removed,
        endnote_text_changed,
        endnote_reference_added,
        textbox_edited,
        textbox_added,
        textbox_removed,
        equation_changed,
        equation_inserted,
        picture_added,
        picture_replaced,
        smartart_deleted,
        nested_table_changed,
        nested_table_row_added,
        nested_table_inserted,
        nested_table_removed,
        numbering_legal_changed,
        nbsp_to_space,
        space_to_nbsp,
        symbol_kept_in_changed_paragraph,
        footer_changed,
        header_changed,
        footer_removed,
        first_page_header_removed,
        page_turned_to_landscape,
        footnote_in_table_cell_changed,
        two_footnotes_one_removed_one_edited,
        nbsp_in_footnote,
        first_page_header_changed,
        header_picture_replaced,
        equation_in_table_changed,
        hyperlink_text_changed,
        content_control_text_changed,
        list_membership_changed,
        symbol_in_deleted_phrase,
    )
}


