"""The pack's impact tables: one `build_impact` per redlined document, the others as `--also`.

Chains are built here (chain_builders, lint_builders); the statuses themselves are tested in
test_impact.py, so these tests check what the pack layer adds: the grouping per changed
document, references found in the pack's OTHER documents, and settled places left out.
"""

from __future__ import annotations

from pathlib import Path

from chain_builders import correct, promoted, write
from docgen.pack.impact_tables import ChangedDocument, ModelRow, pack_impact
from docgen.readers import read_document
from docgen.transforms.impact import UNKNOWN_MANUFACTURER
from lint_builders import build_docx, matrix

ROWS = [
    ("18.1(a)", "Alpha ESME", "SRV 1.1"),
    ("18.1(c)", "Gamma GSME", "SRV 4.14"),
    ("18.1(d)", "Delta PPMID", "SRV 8.8.1"),
]


def _tmad(tmp_path: Path, name: str, version: str, text: str) -> Path:
    paras = [("h", "Migration"), ("c", text), ("c", "Clause 1.1 applies to every migration.")]
    return build_docx(paras, tmp_path / name, title=f"SMETS1 Transition and Migration Approach Document v{version}")


def _pack(tmp_path: Path) -> list[ChangedDocument]:
    s1sr = ChangedDocument(
        "S1SR",
        read_document(write(tmp_path, "old.docx", "1", correct())),
        read_document(write(tmp_path, "new.docx", "2", promoted())),
        matrix(*ROWS),
    )
    # The TMAD changes too (its own clause text), and cites the S1SR clause the pack renumbers.
    tmad = ChangedDocument(
        "TMAD",
        read_document(_tmad(tmp_path, "tmad-old.docx", "4", "See 18.1(c) of the S1SR for the Gamma GSME.")),
        read_document(_tmad(tmp_path, "tmad-new.docx", "5", "See 18.1(c) of the S1SR for the Gamma GSME meters.")),
    )
    return [s1sr, tmad]


def test_models_affected_per_document_and_manufacturer(tmp_path: Path):
    result = pack_impact(_pack(tmp_path))
    # Gamma (18.1(c) -> (e)) and Delta (18.1(d) -> (f)) follow the shift; Alpha is untouched.
    assert result.models == (ModelRow("S1SR", UNKNOWN_MANUFACTURER, ("Delta PPMID", "Gamma GSME")),)


def test_references_elsewhere_in_the_pack_follow(tmp_path: Path):
    result = pack_impact(_pack(tmp_path))
    also = [(r.document, r.kind, r.where, r.cites, r.status, r.should_say) for r in result.references if r.kind == "also"]
    assert also == [("S1SR", "also", "TMAD 1.1", "18.1(c)", "update", "18.1(e)")]
    # The S1SR's own cross-reference in 18.2 is already corrected in NEW (it says 18.1(f)),
    # and the TMAD's 1.2 cites 1.1, whose text changed but whose number stays: neither has to
    # change, so no cross-reference is listed.
    assert [r for r in result.references if r.kind == "xref"] == []


def test_only_references_that_must_change_are_listed(tmp_path: Path):
    from docgen.transforms.impact import build_impact

    s1sr, tmad = _pack(tmp_path)
    everything = build_impact(tmad.old, tmad.new, [], [s1sr.new])
    assert [(p.location, p.status) for p in everything.places if p.kind == "xref"] == [("1.2", "review")]
    assert [r for r in pack_impact([s1sr, tmad]).references if r.document == "TMAD"] == []


def test_a_pack_that_changes_nothing_cited_is_empty(tmp_path: Path):
    same = read_document(write(tmp_path, "same.docx", "1", correct()))
    again = read_document(write(tmp_path, "again.docx", "2", correct()))
    assert pack_impact([ChangedDocument("S1SR", same, again, matrix(*ROWS))]).empty
