"""The comparison model: clauses aligned by content, renumberings told apart from changes.

Documents are built with DocxBuilder and read back, so clause refs and numbers are the
reader's; the speed check uses bare paragraph lists (no package) to time alignment alone.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from docgen.model import Document, Paragraph
from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder
from docgen.transforms.compare import align, compare, summary_lines, word_diff
from section18_fixture import LEVELS, SECTION_18

# 18.5(p)-style lead-in whose sub-items should be (i), (ii), and a closing unnumbered paragraph.
V11 = SECTION_18 + [(None, "Text that closes the section and is not a clause.")]


def build(items: list[tuple[int | None, str]], path: Path, bold_words: set[str] = frozenset()) -> Document:
    b = DocxBuilder(title="SMETS1 Supporting Requirements")
    b.abstract_num(1, LEVELS)
    b.num(1, 1)
    for level, text in items:
        runs = [(w if i == 0 else " " + w, {"bold": True} if w in bold_words else {}) for i, w in enumerate(text.split(" "))]
        if level is None:
            b.paragraph(runs=runs)
        else:
            b.paragraph(runs=runs, num_id=1, ilvl=level)
    b.save(path)
    return read_docx(path)


def pair(tmp_path: Path, old: list, new: list, **kw) -> tuple[Document, Document]:
    return build(old, tmp_path / "old.docx"), build(new, tmp_path / "new.docx", **kw)


def by_text(comparison, text: str):
    return next(c for c in comparison.changes if (c.new or c.old).text == text)


# ----- word diff -------------------------------------------------------------------------------


def test_word_diff_changes_whole_words_and_rebuilds_both_texts():
    a = "The GT01 check runs within 24 hours of the request."
    b = "The GT01 check runs within 72 hours of each request."
    ops = word_diff(a, b)
    assert "".join(t for op, t in ops if op <= 0) == a
    assert "".join(t for op, t in ops if op >= 0) == b
    assert (-1, "24") in ops and (1, "72") in ops  # never "2" kept and "4" -> "7"


def test_word_diff_of_equal_texts_is_one_equality():
    assert word_diff("same words", "same words") == [(0, "same words")]


# ----- alignment ----------------------------------------------------------------------------------


def test_a_clause_inserted_early_leaves_the_later_clauses_equal_but_renumbered(tmp_path):
    new = V11[:2] + [(2, "the Sagemcom Novus ESME, on receipt of SRV 6.25, restarts;")] + V11[2:]
    comparison = compare(*pair(tmp_path, V11, new))
    inserted = by_text(comparison, "the Sagemcom Novus ESME, on receipt of SRV 6.25, restarts;")
    assert inserted.op == "insert" and inserted.new_ref == "1.1(a)"
    later = by_text(comparison, "the Elster Polaris GSME, on receipt of SRV 11.1, rejects the command;")
    assert later.op == "equal" and later.renumbered and not later.is_change
    assert (later.old_ref, later.new_ref) == ("1.1(c)", "1.1(d)")
    assert comparison.summary()["inserted"] == ["1.1(a)"]
    assert comparison.summary()["modified"] == []


def test_the_18_5p_error_is_a_level_change_without_text_revision(tmp_path):
    """v11 had (p)(i), (p)(ii); the v12 error gave them their own letters."""
    v12 = [(2 if lvl == 3 else lvl, text) for lvl, text in V11]
    comparison = compare(*pair(tmp_path, v12, V11))  # v12 -> v12.2 correction
    first = by_text(comparison, "no more than 48 half-hour periods are returned in one response;")
    assert first.op == "equal" and first.level_changed and first.renumbered and first.words == []
    assert (first.old_ref, first.new_ref) == ("1.1(c)", "1.1(b)(i)")
    after = by_text(comparison, "the Elster Polaris GSME, on receipt of SRV 11.1, rejects the command;")
    assert after.op == "equal" and not after.level_changed and not after.is_change
    s = comparison.summary()
    assert s["renumbered"] == {"1.1(c)": "1.1(b)(i)", "1.1(d)": "1.1(b)(ii)", "1.1(e)": "1.1(c)", "1.1(f)": "1.1(d)"}
    assert s["modified"] == s["inserted"] == s["deleted"] == s["moved"] == []
    assert "1.1(c) renumbered as 1.1(b)(i)" in summary_lines(comparison)


def test_an_edited_clause_is_modified_with_word_operations(tmp_path):
    new = list(V11)
    new[6] = (2, "the Elster Polaris GSME, on receipt of SRV 11.2, rejects the command;")
    comparison = compare(*pair(tmp_path, V11, new))
    change = by_text(comparison, new[6][1])
    assert change.op == "modify" and change.new_ref == "1.1(c)"
    assert (-1, "11.1") in change.words and (1, "11.2") in change.words  # a dotted number is one word
    assert comparison.summary()["modified"] == ["1.1(c)"]


def test_an_unrelated_replacement_is_a_deletion_and_an_insertion(tmp_path):
    new = list(V11)
    new[7] = (2, "a wholly different provision about CHF firmware upgrades")
    new.insert(7, (2, "and another about prepayment meters in general"))
    comparison = compare(*pair(tmp_path, V11, new))
    ops = {c.op for c in comparison.changes if c.is_change}
    assert ops == {"delete", "insert"}
    deleted = by_text(comparison, V11[7][1])
    assert deleted.op == "delete" and deleted.old_ref == "1.1(d)" and deleted.new is None


def test_a_clause_moved_far_is_a_move_pair_with_one_id(tmp_path):
    new = [V11[0], V11[1], V11[7]] + V11[2:7] + V11[8:]
    comparison = compare(*pair(tmp_path, V11, new))
    moved = [c for c in comparison.changes if c.op in ("move_from", "move_to")]
    assert [c.op for c in moved] == ["move_to", "move_from"] or [c.op for c in moved] == ["move_from", "move_to"]
    assert moved[0].move_id == moved[1].move_id is not None
    assert comparison.summary()["moved"] == ["1.1(a)"]


def test_deleted_paragraphs_stand_where_they_stood_in_reading_order(tmp_path):
    new = V11[:3] + V11[4:6] + V11[7:]  # (b)'s lead-in and the Elster clause are gone
    comparison = compare(*pair(tmp_path, V11, new))
    texts = [(c.op, (c.new or c.old).text) for c in comparison.changes]
    ops_in_order = [op for op, _ in texts]
    assert ops_in_order.count("delete") == 2
    assert [t for _, t in texts] == [t for _, t in V11]  # nothing inserted: old order throughout


def test_formatting_only_change_is_flagged_without_text_change(tmp_path):
    comparison = compare(*pair(tmp_path, V11, V11, bold_words={"GBCS:"}))
    change = by_text(comparison, V11[1][1])
    assert change.op == "equal" and change.format_changed and change.is_change
    assert comparison.counts()["format_changed"] == 1


def test_summary_json_contract(tmp_path):
    comparison = compare(*pair(tmp_path, V11, V11[:-2] + V11[-1:]))
    s = json.loads(json.dumps(comparison.summary()))
    # The clause fields as they always were, then the per-story fields added beside them.
    assert set(s) == {"inserted", "deleted", "modified", "moved", "renumbered", "stories", "story_changes"}
    assert s["deleted"] == ["1.1(d)"] and isinstance(s["renumbered"], dict)
    assert list(s["stories"]) == ["body", "tables", "footnotes", "endnotes", "headers", "footers", "text_boxes", "comments"]
    assert s["stories"]["body"]["deleted"] == 1 and s["story_changes"] == []
    assert comparison.counts()["deleted"] == 1


def test_anchors_are_unique_and_stable(tmp_path):
    old, new = pair(tmp_path, V11, V11[1:])
    first, second = compare(old, new), compare(old, new)
    anchors = [c.anchor for c in first.changes]
    assert len(set(anchors)) == len(anchors) and anchors == [c.anchor for c in second.changes]


# ----- tables ---------------------------------------------------------------------------------------


def _table_doc(path: Path, rows: list[list[str]]) -> Document:
    b = DocxBuilder()
    b.paragraph("Table A3 Steps")
    b.table(rows, header=False)
    b.paragraph("After the table.")
    b.save(path)
    return read_docx(path)


def test_table_cells_align_within_their_column_and_rows_stay_whole(tmp_path):
    old = _table_doc(tmp_path / "o.docx", [["1", "check GT01 within 24 hours"], ["2", "send the alert"]])
    new = _table_doc(tmp_path / "n.docx", [["0", "a new first step"], ["1", "check GT01 within 72 hours"], ["2", "send the alert"]])
    comparison = compare(old, new)
    cells = [(c.op, c.old_cell, c.new_cell) for c in comparison.changes if c.old_cell or c.new_cell]
    assert ("insert", None, (0, 0, 0)) in cells and ("insert", None, (0, 0, 1)) in cells
    assert ("modify", (0, 0, 1), (0, 1, 1)) in cells
    assert all(o is None or n is None or o[2] == n[2] for _, o, n in cells)


# ----- speed ------------------------------------------------------------------------------------------


def _bare(texts: list[str]) -> Document:
    return Document(source="mem", format="docx", paragraphs=[Paragraph(index=i, text=t) for i, t in enumerate(texts)])


def test_alignment_is_near_linear_on_a_long_document():
    """30,000 paragraphs with scattered edits align in seconds (no quadratic step)."""
    texts = [f"Clause text number {i} about device {i % 97} and SRV {i % 13}." for i in range(30_000)]
    new = list(texts)
    for k in range(0, 30_000, 600):
        new[k] = new[k] + " Amended."
        new.insert(k + 1, f"Inserted provision {k}.")
    start = time.perf_counter()
    comparison = compare(_bare(texts), _bare(new))
    elapsed = time.perf_counter() - start
    counts = {op: sum(1 for c in comparison.changes if c.op == op) for op in ("modify", "insert", "equal")}
    assert counts == {"modify": 50, "insert": 50, "equal": 29_950}
    assert elapsed < 20, f"alignment took {elapsed:.1f}s"


def test_align_pairs_are_increasing_and_equal():
    a = list("abcabba")
    b = list("cbabac")
    pairs = align(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(i1 < i2 and j1 < j2 for (i1, j1), (i2, j2) in zip(pairs, pairs[1:]))


@pytest.mark.parametrize("texts", [[], ["only"]])
def test_degenerate_documents(texts):
    comparison = compare(_bare(texts), _bare([]))
    assert [c.op for c in comparison.changes] == ["delete"] * len(texts)


SIMILAR_PAIRS = [
    ("The DCC shall send the alert to the User", "The DCC shall send the alert to the User within one day"),
    ("The DCC shall send the alert", "the alert shall send The DCC"),  # same words, other order
    ("a a a b", "a b b b"),  # repeated words count once each
    ("Not used.", "Intentionally blank."),
    ("one two three four five six seven eight nine ten", "one two three four five six seven eight nine eleven"),
    ("x", "x y z w v u t s r q p o n m l k j i h g f e d c b a"),
]


@pytest.mark.parametrize("a, b", SIMILAR_PAIRS)
@pytest.mark.parametrize("at_least", [0.0, 0.2, 0.5, 0.9])
def test_similarity_with_a_floor_keeps_every_share_that_reaches_it(a: str, b: str, at_least: float):
    import difflib

    from docgen.transforms.compare.words import _words_in_common, similarity

    full, floored = similarity(a, b), similarity(a, b, at_least)
    assert floored == full if full >= at_least else floored in (0.0, full)  # below the floor: dropped either way
    # The shortcut's bound is difflib's own quick_ratio, an upper bound of the share.
    wa, wb = a.split(), b.split()
    assert 2.0 * _words_in_common(wa, wb) / (len(wa) + len(wb)) == difflib.SequenceMatcher(None, wa, wb, autojunk=False).quick_ratio()
