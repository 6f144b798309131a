"""xref/unresolved: references to nothing in the document, and the references it must leave alone."""

from __future__ import annotations

from pathlib import Path

from lint_builders import doc_from

from docgen.checks.lint import lint
from docgen.checks.config import LintConfig

BODY = [
    ("h", "Migration"),
    ("c", "The DCC shall Migrate each Installation."),
    ("c", "The DCC shall:"),
    ("i", "check the Installation;"),
    ("i", "tell the Supplier."),
]


def unresolved(report) -> list[tuple[str, str, str]]:
    return [(f.ref, f.paragraph, f.message.split('"')[1]) for f in report.findings if f.rule == "xref/unresolved"]


def test_reference_to_a_missing_clause(tmp_path: Path):
    doc = doc_from(BODY + [("c", "Where a check under Clause 1.2(c) fails, see Clause 1.9.")], tmp_path)
    report = lint(doc)
    assert unresolved(report) == [("1.3", 5, "1.2(c)"), ("1.3", 5, "1.9")]
    assert report.exit_code == 1
    assert "doc.docx" in report.findings[0].message


def test_references_that_resolve(tmp_path: Path):
    doc = doc_from(BODY + [("c", "Clause 1.2(b) applies after Clause 1.1, as Section 1.2 says; see also 1.2(a) and Clauses 1.1 to 1.2.")], tmp_path)
    assert lint(doc).findings == []


def test_references_to_other_documents_are_not_checked(tmp_path: Path):
    text = "As set out in Clause 4.12(b) of the TMAD, Section A2.13 of the SEC and Clause 9.9 of the SVTAD."
    assert lint(doc_from(BODY + [("c", text)], tmp_path)).findings == []


def test_qualified_with_this_document_is_checked(tmp_path: Path):
    doc = doc_from(BODY + [("c", "See Clause 1.7 of this document.")], tmp_path)
    assert [r[2] for r in unresolved(lint(doc))] == ["1.7"]


def test_annexes_resolve_when_their_heading_exists(tmp_path: Path):
    paras = BODY + [("c", "The limits are in Annex D; the firmware sizes in Annex E.")] + [("annex", "Annex D – Limits"), ("p", "Limits apply.")]
    assert [r[2] for r in unresolved(lint(doc_from(paras, tmp_path)))] == ["Annex E"]


def test_the_s1sr_annex_a_is_the_dmves_workbook(tmp_path: Path):
    paras = [("p", "SEC Appendix AM"), *BODY, ("c", "Device Models are listed in the DMVES in Annex A.")]
    assert lint(doc_from(paras, tmp_path, title="SMETS1 Supporting Requirements")).findings == []


def test_table_steps(tmp_path: Path):
    paras = BODY + [
        ("c", "The checks are in Table A3 Step 2 and Table A3 Step 9."),
        ("caption", "Table A3 – GSME checks"),
        ("table", "Step|Check\n1|Check the CHF.\n2|Check the GSME."),
    ]
    assert [r[2] for r in unresolved(lint(doc_from(paras, tmp_path)))] == ["Table A3 Step 9"]


def test_declared_external_refs_are_not_reported(tmp_path: Path):
    doc = doc_from(BODY + [("c", "See Clause 1.9 and Annex K.")], tmp_path)
    config = LintConfig(external=("1.9", "Annex K"))
    assert lint(doc, config=config).findings == []


def test_one_finding_per_paragraph_and_reference(tmp_path: Path):
    doc = doc_from(BODY + [("c", "Clause 1.9 and again Clause 1.9."), ("p", "Clause 1.9 continued.")], tmp_path)
    assert unresolved(lint(doc)) == [("1.3", 5, "1.9"), ("1.3", 6, "1.9")]


def test_a_reference_naming_the_document_itself_is_checked(tmp_path: Path):
    paras = [("p", "SEC Appendix AL"), *BODY, ("c", "See Clause 1.8 of the TMAD.")]
    doc = doc_from(paras, tmp_path)
    assert doc.appendix == "AL"
    assert [r[2] for r in unresolved(lint(doc))] == ["1.8"]
