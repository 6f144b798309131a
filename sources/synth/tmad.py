"""The synthetic SMETS1 Transition and Migration Approach Document (SEC Appendix AL), v4.0 and v4.1.

Wording is ours. v4.1 carries the 2021 "unblocking" changes: the SMETS1 PPMID definition in
3.1(g) gains an exception, the GT01 check (Table A3 step 4) allows 72 hours instead of 24,
Table 5.10 step 5.10.17 gains the iGT exception, and a new clause 1.10 is added.

Like a real appendix, both versions have a table of contents field, REF cross-references (1.6
to 1.4 and 1.5), a footnote on 3.1(g) that v4.1 edits with the definition, a picture and a
merged-cell table in Appendix A, and a footer naming the version.

Numbering tricks used, all real Word practice:
- clauses and items are auto-numbered from one abstractNum whose level 0 is linked to the
  Heading1 style, as in the S1SR;
- 20.5A is a literal-numbered paragraph (typed "20.5A", a tab, the text; no numPr) because
  Word cannot number an inserted "A" clause; 20.6 after it is auto-numbered as usual;
- step columns of tables are auto-numbered: Tables A1-A3 share one single-level abstractNum
  ("%1") through three w:num, the second and third restarting with a startOverride;
  Table 5.10 uses a level whose text is composite with literal digits ("5.10.%1").
"""

from __future__ import annotations

from dataclasses import dataclass

from synth.docx import MERGE_UP, SPAN_LEFT, DocxBuilder, Level, appendix_cover, png_image, ref_runs
from synth.s1sr import LEVEL_INDENTS, P, Para

VERSIONS = ("4.0", "4.1")
BODY_NUM_ID = 1
TABLE_A1_NUM_ID, TABLE_A2_NUM_ID, TABLE_A3_NUM_ID, TABLE_5_10_NUM_ID = 3, 4, 5, 6
LITERAL_STYLE = "LiteralClause"
# REF cross-references: "[[ref:KEY]]" in a clause's text -> (bookmark on KEY's paragraph, number shown).
REF_TARGETS = {"1.4": ("_Ref73051104", "1.4"), "1.5": ("_Ref73051105", "1.5")}
_BOOKMARKS = {key: bookmark for key, (bookmark, _) in REF_TARGETS.items()}

_DATES = {"4.0": ("29 July 2021", "2021-07-29T00:00:00Z"), "4.1": ("12 October 2021", "2021-10-12T00:00:00Z")}


@dataclass(frozen=True)
class Literal:
    """A paragraph whose clause number is typed text rather than Word numbering."""

    num: str
    text: str


@dataclass(frozen=True)
class StepTable:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # cells after the (auto-numbered, empty) step cell
    num_id: int


Block = Para | Literal | StepTable


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


def _check(version: str) -> None:
    if version not in VERSIONS:
        raise ValueError(f"unknown TMAD version {version!r}; known: {', '.join(VERSIONS)}")


def _table_5_10(version: str) -> StepTable:
    step_17 = (
        "For the GPF, unless the CriticalNetworkOperatorCertificateID is the Null Certificate ID, "
        "check against Registration Data that the Gas Network Party is the Gas Transporter for "
        "the MPRN given in the GSME element"
    )
    if version == "4.1":
        step_17 += (
            ", except where the Gas Supplier is supplied via an independent Gas Transporter (iGT) "
            "network, in which case the check is not carried out"
        )
    steps = (
        "Check that the Migration file is in the format set out in the Migration file specification.",
        "Check that the Migration file has been signed by the SMETS1 SMSO using its current certificate.",
        "Check that the Installation named in the Migration file is scheduled for Migration on the current date.",
        "Check that each Device named in the Migration file is recorded in the Smart Metering Inventory against that Installation.",
        "Check that the Device Model Combination is on the SMETS1 Eligible Product Combinations List.",
        "Check that the Responsible Supplier named in the Migration file is the Responsible Supplier in Registration Data.",
        "Check that the MPAN given in the ESME element is that recorded for the Installation in Registration Data.",
        "Check that the MPRN given in the GSME element is that recorded for the Installation in Registration Data.",
        "Check that the CHF named in the Migration file has connected to the SM WAN in the last 24 hours.",
        "Check that no Device named in the Migration file is already registered to another Installation.",
        "Check that the firmware version of each Device is listed on the Central Products List for its Device Model.",
        "Check that the Supplier certificates given for the ESME are valid and have not been revoked.",
        "Check that the Supplier certificates given for the GSME are valid and have not been revoked.",
        "Check that the Network Operator certificate given for the ESME is that of the Electricity Distributor in Registration Data.",
        "Check that the access control broker certificate given for each Device is that of the DCC.",
        "For the GPF, check that the CHF Device Log lists the GSME.",
        step_17 + ".",
        "Check that the payment mode given for each meter matches that reported by the SMETS1 SMSO.",
        "Check that no Service Request for the Installation is outstanding with the SMETS1 SMSO.",
        "Record the outcome of each check and, where every check has passed, start the transfer of data to the S1SP.",
    )
    return StepTable("Table 5.10 – Migration Steps", ("Step", "Check"), tuple((s,) for s in steps), TABLE_5_10_NUM_ID)


def _appendix_a(version: str) -> tuple[StepTable, ...]:
    hours = "72" if version == "4.1" else "24"
    a1 = StepTable(
        "Table A1 – Pre-Migration checks",
        ("Step", "Check", "Response Code"),
        (
            ("Check that the Installation is in the Cohort for which Migration has been scheduled.", "PM01"),
            ("Check that the Responsible Supplier has consented to the Migration.", "PM02"),
            ("Check that the SMETS1 SMSO has provided the Migration file.", "PM03"),
        ),
        TABLE_A1_NUM_ID,
    )
    a2 = StepTable(
        "Table A2 – Communications Hub checks",
        ("Step", "Check", "Response Code"),
        (
            ("Check that the CHF is of a Device Model listed for the GroupID.", "CH01"),
            ("Check that the CHF responds to a status request from the DCC.", "CH02"),
            ("Check that the firmware of the CHF is the version listed on the Central Products List.", "CH03"),
            ("Check that the CHF reports the ESME as joined.", "CH04"),
        ),
        TABLE_A2_NUM_ID,
    )
    a3 = StepTable(
        "Table A3 – GT01 checks",
        ("Step", "Check", "Response Code"),
        (
            ("Check that the CHF named in the Migration file is the CHF recorded for the Installation.", "GT02"),
            ("Check that the CHF has connected to the SM WAN in the last 24 hours.", "GT03"),
            ("Check that the GSME is of a Device Model listed for the GroupID.", "GT04"),
            (f"Check that the Device ID of the GSME appears on the CHF whitelist and that the GSME has communicated with the CHF within the last {hours} hours.", "GT01"),
            ("Check that the GSME reports a valve state.", "GT05"),
            ("Check that the clock of the GSME is within ten seconds of that of the CHF.", "GT06"),
        ),
        TABLE_A3_NUM_ID,
    )
    return a1, a2, a3


def _ppmid_note(version: str) -> str:
    """The footnote of 3.1(g), edited with the definition in v4.1."""
    if version == "4.1":
        return "SMETS1 PPMIDs are listed on the SMETS1 Eligible Product Combinations List; a Device Model excluded under this definition is listed as a SMETS1 IHD."
    return "SMETS1 PPMIDs are listed on the SMETS1 Eligible Product Combinations List."


def _sections(version: str) -> tuple[Section, ...]:
    ppmid = "\"SMETS1 PPMID\" means a SMETS1 IHD whose Firmware can be updated by an Instruction sent over the SMETS1 SM WAN"
    if version == "4.1":
        ppmid += (
            " (but not a Device whose Device Model the DCC could not list as a SMETS1 PPMID on the SMETS1 "
            "Eligible Product Combinations List because neither the Supplier Party nor the SMETS1 SMSO could "
            "provide the data needed when the Device Model was assessed under the DMCT Process)"
        )
    intro = [
        P("This document is the SMETS1 Transition and Migration Approach Document and forms Appendix AL of the Code."),
        P("It sets out how SMETS1 Installations are transferred to the DCC, including the Migration of each Installation from its SMETS1 SMSO to the DCC Systems."),
        P("The DCC shall Migrate every SMETS1 Installation that is eligible for Migration in accordance with this document."),
        P("Where the DCC finds a category of SMETS1 Installations that cannot become eligible for Migration, or cannot complete Migration, under the arrangements in this document, it shall consider whether changes to the Code would allow those Installations to be Migrated and, where it considers that they would, shall propose those changes.", key="1.4"),
        P("Where the DCC considers that no change to the Code would allow a category of blocked SMETS1 Installations to be Migrated, whether because of technical or operational barriers or because the cost of the changes would outweigh their benefit, it shall set out its reasons in a report.", key="1.5"),
        P("Before it proposes changes under Clause [[ref:1.4]] or makes a report under Clause [[ref:1.5]], the DCC shall consult the Parties and any other persons it considers appropriate."),
        P("After a consultation under Clause 1.6, the DCC shall send the Secretary of State a report of the responses received and of its conclusions."),
        P("Where, within 20 Working Days of receiving a report under Clause 1.7, the Secretary of State does not object to a conclusion that a category of blocked SMETS1 Installations should not be Migrated, the DCC shall notify the Parties of that category."),
        P("A SMETS1 Installation in a category notified under Clause 1.8 ceases to be eligible for Migration, and the DCC is not required to Migrate it."),
    ]
    if version == "4.1":
        intro.append(P("The DCC shall publish, at least every three months, the number of SMETS1 Installations it considers blocked in each category and the progress made under Clauses 1.4 to 1.9."))
    return (
        Section("Introduction", tuple(intro)),
        Section("Scope", (
            P("This document applies to the DCC, to each Supplier Party that is the Responsible Supplier for a SMETS1 Installation, and to each SMETS1 SMSO."),
            P("It applies to SMETS1 Installations in the FOC, IOC and MOC Cohorts."),
            P("It does not apply to SMETS2+ Installations."),
        )),
        Section("Definitions", (
            P(
                "In this document:",
                P("\"Active Meter\" means a SMETS1 meter for which a Supplier Party is the Responsible Supplier and which its SMETS1 SMSO reports as communicating;"),
                P("\"Dormant Meter\" means a SMETS1 meter that is not operating in smart mode;"),
                P("\"DMCT Process\" means the process for testing Device Model Combinations described in Section 20;"),
                P("\"Migration\" means the transfer of a SMETS1 Installation from its SMETS1 SMSO to the DCC Systems, and \"Migrate\" and \"Migrated\" are to be read accordingly;"),
                P("\"Migration Checks\" means the checks set out in Table 5.10 and in Appendix A;"),
                P("\"SMETS1 IHD\" has the meaning given to \"IHD\" in SMETS1;"),
                P(ppmid + ";", key="3.1g", note=_ppmid_note(version)),
                P("\"SMETS1 SMSO\" means the person that operated the smart metering system of a SMETS1 Installation before its Migration."),
            ),
            P("Other capitalised terms have the meanings given to them in Section A of the Code."),
        )),
        Section("Roles and Responsibilities", (
            P("The DCC is responsible for planning and carrying out Migration."),
            P("Each Supplier Party shall provide the DCC with the information it reasonably asks for to plan the Migration of that Supplier Party's SMETS1 Installations."),
            P("Each SMETS1 SMSO shall provide a Migration file for each SMETS1 Installation it operates when the DCC asks for one."),
        )),
        Section("Migration Process", (
            P("The DCC shall Migrate SMETS1 Installations in batches, in the order set out in the relevant Cohort plan."),
            P("The DCC shall tell the Responsible Supplier of the date planned for the Migration of each of its SMETS1 Installations at least 10 Working Days in advance."),
            P("The SMETS1 SMSO shall send the Migration file for an Installation on the day before its planned Migration."),
            P("The DCC shall not start the Migration of an Installation while a Service Request for it is outstanding with the SMETS1 SMSO."),
            P("The DCC shall carry out the Migration Checks for each Installation."),
            P("Where any Migration Check fails, the Migration of that Installation stops and the Installation remains with the SMETS1 SMSO."),
            P("The DCC shall tell the Responsible Supplier of the outcome of each Migration within one Working Day."),
            P("A failed Migration may be attempted again once the reason for its failure has been removed."),
            P("The DCC shall keep a record of each Migration Check carried out for at least two years."),
            P("The DCC shall carry out the steps in Table 5.10 for each SMETS1 Installation in the order given."),
            _table_5_10(version),
        )),
        Section("Migration Scheduling", (
            P("The DCC shall publish a schedule of Migrations for each Cohort at least three months ahead."),
            P("A Supplier Party may ask the DCC to move the Migration of an Installation to a later date, giving its reasons."),
        )),
        Section("Dormant Meters", (
            P("Dormant Meters are Migrated in the same way as Active Meters, except that the Responsible Supplier's consent is not needed."),
            P("Once Migrated, a Dormant Meter may be returned to smart mode by its Responsible Supplier."),
        )),
        Section("Active Meters", (
            P("The Responsible Supplier of an Active Meter shall confirm its consent to Migration before the Migration file is sent."),
            P("The Responsible Supplier shall stop sending instructions to the SMETS1 SMSO for an Active Meter from the start of its Migration."),
        )),
        Section("Migration Failures and Rollback", (
            P("Where a Migration fails after data has been transferred to the S1SP, the DCC shall return the Installation to the SMETS1 SMSO."),
            P(
                "On a return under Clause 9.1, the DCC shall:",
                P("delete any data about the Installation held by the S1SP;"),
                P("tell the SMETS1 SMSO that it is again responsible for the Installation; and"),
                P("tell the Responsible Supplier of the reason for the failure."),
            ),
        )),
        Section("Data Transfer", (
            P("The SMETS1 SMSO shall transfer to the DCC the data listed in the Migration file specification for each Installation."),
            P("The DCC shall hold the data received under this Section in accordance with its obligations under the Code."),
        )),
        Section("Security Credentials on Migration", (
            P("On Migration, the DCC shall replace the credentials held by the SMETS1 SMSO for each Device with credentials held by the S1SP."),
            P("The DCC shall tell the Responsible Supplier once the credentials for its Devices have been replaced."),
        )),
        Section("Communications Hubs", (
            P("A SMETS1 CHF remains in place on Migration and continues to use the SM WAN of its Cohort."),
            P("The DCC shall record each SMETS1 CHF in the Smart Metering Inventory on Migration."),
        )),
        Section("Post-Migration Obligations", (
            P("After Migration, the Responsible Supplier shall send Service Requests for the Installation to the DCC only."),
            P("The DCC shall tell the SMETS1 SMSO once it has no further role for a Migrated Installation."),
        )),
        Section("Reporting", (
            P("The DCC shall report each month to the Secretary of State and to the Panel the number of Installations Migrated, failed and awaiting Migration in each Cohort."),
            P("The report under Clause 14.1 shall be published, with any commercially sensitive information removed."),
        )),
        Section("Testing", (
            P("Changes to the DCC Systems needed for Migration shall be tested in accordance with the SMETS1 SVTAD before they are used."),
        )),
        Section("Service Levels during Transition", (
            P("The Service Levels in Section H of the Code apply to a Migrated Installation from the day after its Migration."),
        )),
        Section("Cohort Plans", (
            P("The DCC shall prepare a plan for the Migration of each Cohort and keep it up to date."),
            P("Each Cohort plan shall set out the Device Model Combinations in the Cohort and the order in which they are to be Migrated."),
        )),
        Section("Disputes", (
            P("A Supplier Party that disagrees with a decision of the DCC under this document may refer the matter to the Panel."),
        )),
        Section("Costs", (
            P("Each Party shall bear its own costs of complying with this document, save where the Code says otherwise."),
        )),
        Section("Device Model Combination Testing", (
            P("The DCC shall test each Device Model Combination proposed for Migration through the DMCT Process before adding it to the SMETS1 Eligible Product Combinations List."),
            P("A Supplier Party may submit for the DMCT Process a Device Model Combination installed at any of its Active Meters."),
            P("The DCC shall publish the Device Model Combinations it intends to test and the order in which it intends to test them."),
            P("In assessing a Device Model Combination, the DCC shall obtain from the Supplier Party or the SMETS1 SMSO the data needed to list each Device Model on the SMETS1 Eligible Product Combinations List."),
            P("Where the DCC cannot obtain the data referred to in Clause 20.4, it shall tell the Supplier Party and may stop assessing the Device Model Combination, subject to Clause 20.5A."),
            Literal("20.5A", "Where the DCC decides that a Device Model submitted as a SMETS1 PPMID is to be treated as a SMETS1 IHD, because the data needed to list it as a SMETS1 PPMID cannot be obtained, the DCC shall continue the DMCT Process on that basis and shall tell the Supplier Party that submitted it of the decision and the reasons for it. The Supplier Party may refer the decision to the Secretary of State within 10 Working Days of being told of it, and the Secretary of State's decision shall be final."),
            P("The DCC shall add a Device Model Combination to the SMETS1 Eligible Product Combinations List once it has passed the DMCT Process, including where Clause 20.5A applies."),
        )),
    )


def _numbering(b: DocxBuilder) -> None:
    b.abstract_num(
        1,
        [
            Level(0, "decimal", "%1", pstyle="Heading1"),
            Level(1, "decimal", "%1.%2", indent_left=LEVEL_INDENTS[1]),
            Level(2, "lowerLetter", "(%3)", indent_left=LEVEL_INDENTS[2]),
            Level(3, "lowerRoman", "(%4)", indent_left=LEVEL_INDENTS[3]),
        ],
    )
    b.abstract_num(2, [Level(0, "decimal", "%1", suff="nothing", indent_left=0)], multi_level_type="singleLevel")
    b.abstract_num(3, [Level(0, "decimal", "5.10.%1", start=1, suff="nothing", indent_left=0)], multi_level_type="singleLevel")
    b.num(BODY_NUM_ID, 1)
    b.num(TABLE_A1_NUM_ID, 2)
    b.num(TABLE_A2_NUM_ID, 2, {0: 1})
    b.num(TABLE_A3_NUM_ID, 2, {0: 1})
    b.num(TABLE_5_10_NUM_ID, 3)
    b.style("Heading1", "heading 1", based_on="Normal", num_id=BODY_NUM_ID, bold=True, size_half_points=28)
    b.style(LITERAL_STYLE, "Literal Clause", based_on="Normal", indent_left=LEVEL_INDENTS[1])


def _block(b: DocxBuilder, block: Block, ilvl: int = 1) -> None:
    if isinstance(block, StepTable):
        b.paragraph(block.caption, style="Caption")
        rows = [list(block.header)] + [[""] + list(cells) for cells in block.rows]
        b.table(rows, num_id=block.num_id, ilvl=0, numbered_column=0)
    elif isinstance(block, Literal):
        b.paragraph(f"{block.num}\t{block.text}", style=LITERAL_STYLE)
    else:
        runs = ref_runs(block.text, REF_TARGETS)
        if block.note:
            runs.append(("", {"footnote": block.note}))
        b.paragraph(num_id=BODY_NUM_ID, ilvl=ilvl, runs=runs, bookmark=_BOOKMARKS.get(block.key or ""))
        for child in block.children:
            _block(b, child, ilvl + 1)


def _toc_entries(version: str) -> list[tuple[str, str, int]]:
    """(number, heading, page) per section and the appendix; pages estimated from text length
    (about 85 characters a line, 46 lines a page, the cover and contents on pages 1-2)."""

    def count(block: Block) -> int:
        if isinstance(block, StepTable):
            return 3 + sum(1 + sum(len(c) for c in row) // 60 for row in block.rows)
        lines = 1 + len(block.text) // 85
        return lines + sum(count(child) for child in getattr(block, "children", ()))

    entries, lines = [], 0
    for number, section in enumerate(_sections(version), 1):
        entries.append((str(number), section.heading, 3 + lines // 46))
        lines += 3 + sum(count(block) for block in section.blocks)
    entries.append(("", "Appendix A – Device Installation Checks", 4 + lines // 46))
    return entries


def _check_sequence_picture() -> bytes:
    """Figure A1: three checks in sequence, drawn in pixels (boxes joined by arrows)."""

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        for i in range(3):
            if 10 + 80 * i <= x <= 60 + 80 * i and 20 <= y <= 50:
                return (0, 51, 102)
            if 60 + 80 * i < x < 90 + 80 * i and i < 2 and abs(y - 35) <= 1:
                return (90, 90, 90)
        return (255, 255, 255)

    return png_image(240, 70, pixel)


# Which Appendix A tables apply to which EPCL GroupIDs: a header cell spanning two columns and a
# GroupID cell merged down two rows, as such summary tables are drawn in Word.
_TABLE_A4 = [
    ["EPCL GroupID", "Tables that apply", SPAN_LEFT],
    [MERGE_UP, "Table 5.10", "Appendix A"],
    ["AA", "Yes", "Tables A1 and A3"],
    ["BA", "Yes", "Tables A2 and A3"],
    ["CA", "Yes", "Table A3"],
    [MERGE_UP, "Yes", "Table A3"],
]


def render_tmad(version: str) -> DocxBuilder:
    _check(version)
    date, core_date = _DATES[version]
    b = appendix_cover("SMETS1 Transition and Migration Approach Document", "AL", version, date, core_date)
    _numbering(b)
    b.toc(_toc_entries(version))
    for s, section in enumerate(_sections(version)):
        b.paragraph(section.heading, style="Heading1", page_break_before=s == 0)
        for block in section.blocks:
            _block(b, block)
    b.paragraph("Appendix A – Device Installation Checks", style="Heading1", num_id=0, page_break_before=True)
    b.paragraph("The checks in this Appendix apply to Installations with EPCL GroupIDs AA, BA, CA and CB, in addition to those in Table 5.10.")
    for table in _appendix_a(version):
        _block(b, table)
    b.paragraph("Table A4 – Checks that apply by EPCL GroupID", style="Caption")
    b.table(_TABLE_A4)
    b.picture(_check_sequence_picture(), name="Figure A1", width_cm=8, height_cm=2.3, descr="The installation checks in sequence")
    b.paragraph("Figure A1 – The order in which the checks are made", style="Caption")
    return b


def build_tmad(version: str) -> bytes:
    return render_tmad(version).to_bytes()
