"""The comparison model every redline writer (docx, PDF, HTML) renders.

Paragraphs are aligned by what they say, never by their number: a clause that moved from
18.5(q) to 18.5(p)(i), or from 18.7 to 18.8 because a clause was inserted before it, is the
same clause. Only an alignment by content can tell "renumbered" apart from "changed", and
that is what keeps a clause-aware redline free of the cascade of spurious revisions that
number-matching tools produce.

The alignment is patience-style: paragraphs whose text is unique on both sides anchor the
alignment (longest increasing subsequence), the gaps between anchors are aligned
recursively, and only small gaps fall back to difflib. Nothing is quadratic over the whole
document, so 30,000 paragraphs align in seconds. Unmatched paragraphs next to each other are
paired as modifications when their words are similar enough; identical (or nearly identical)
leftovers far apart become moves.
"""

from __future__ import annotations

import bisect
import difflib
import re
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from lxml import etree

from docgen.model import Document, Paragraph
from docgen.ooxml.body import iter_paragraphs
from docgen.ooxml.content import paragraph_items, reader_char
from docgen.ooxml.ns import W, qn
from docgen.transforms.pairing import best_monotone_pairs

OPS = ("equal", "insert", "delete", "modify", "move_from", "move_to")

# A gap with no unique anchors is aligned with difflib only when it is this small
# (old × new paragraphs); larger anchorless gaps are left as deletions and insertions.
_DIFFLIB_GAP_CELLS = 250_000
# Unmatched paragraphs in one gap are paired as modifications when the gap is this small
# (the pairing is a small quadratic dynamic programme); larger gaps pair position by position.
_PAIRING_GAP_CELLS = 2_500
_MODIFY_SIMILARITY = 0.5
# Where a gap has as many deleted as inserted paragraphs ("Date: 17 December 2021" facing
# "Date: 30 June 2022"), an edit in place reads better as soon as they share a word or two.
_LONE_PAIR_SIMILARITY = 0.2
_MOVE_SIMILARITY = 0.9
_MOVE_MIN_CHARS = 20  # "Not used." or an empty line is not worth calling a move

# A clause reference such as 18.5(z) is one token, so a changed reference reads as
# "18.5(z)" struck and "18.5(t)" inserted rather than a letter swapped inside brackets.
_TOKEN = re.compile(r"\d+(?:\.\d+)+[A-Z]?(?:\([a-z0-9]{1,5}\))*|\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass
class ParaChange:
    """One paragraph of the redline: what it was, what it is, and how it changed."""

    op: str  # one of OPS
    old: Paragraph | None
    new: Paragraph | None
    words: list[tuple[int, str]]  # word-level (-1 delete, 0 equal, 1 insert); only for "modify"
    old_ref: str | None  # clause refs when the paragraph is a clause (or a numbered table step)
    new_ref: str | None
    old_num: str  # displayed numbers
    new_num: str
    level_changed: bool  # the clause's level changed (18.5(q) -> 18.5(p)(i))
    renumbered: bool  # the number differs although the paragraphs are aligned
    format_changed: bool  # paragraph or run formatting differs on aligned text
    move_id: int | None  # shared by the move_from and move_to paragraphs of one moved block
    anchor: str  # stable HTML anchor id, "chg-12"
    # Position in a table (table, row, cell) on each side; None outside tables or unknown.
    old_cell: tuple[int, int, int] | None = None
    new_cell: tuple[int, int, int] | None = None
    # Positions in Document.paragraphs (list positions, not Paragraph.index).
    old_pos: int | None = None
    new_pos: int | None = None

    @property
    def ref(self) -> str | None:
        """The ref a reader of the new version would look for (old ref for deletions)."""
        return self.new_ref if self.new_ref is not None else self.old_ref

    @property
    def num(self) -> str:
        return self.new_num if self.new is not None else self.old_num

    @property
    def is_change(self) -> bool:
        """Whether this paragraph carries any revision (a cascade renumbering does not)."""
        return self.op != "equal" or self.level_changed or self.format_changed


@dataclass
class Comparison:
    old: Document
    new: Document
    changes: list[ParaChange]  # NEW's order, deleted and moved-from paragraphs where they stood

    def summary(self) -> dict:
        """The `--summary json` contract: changed clause refs by kind, and renumberings old -> new."""
        out: dict = {"inserted": [], "deleted": [], "modified": [], "moved": [], "renumbered": {}}
        seen: dict[str, set[str]] = {k: set() for k in ("inserted", "deleted", "modified", "moved")}

        def add(kind: str, ref: str | None) -> None:
            if ref and ref not in seen[kind]:
                seen[kind].add(ref)
                out[kind].append(ref)

        for ch in self.changes:
            if ch.op == "insert":
                add("inserted", ch.new_ref)
            elif ch.op == "delete":
                add("deleted", ch.old_ref)
            elif ch.op == "modify":
                add("modified", ch.new_ref)
            elif ch.op == "move_to":
                add("moved", ch.new_ref)
            if ch.op in ("equal", "modify") and ch.old_ref and ch.new_ref and ch.old_ref != ch.new_ref:
                out["renumbered"].setdefault(ch.old_ref, ch.new_ref)
        return out

    def counts(self) -> dict[str, int]:
        """Clause counts for the summary page, plus paragraph-level totals for change bars."""
        s = self.summary()
        counts = {k: len(s[k]) for k in ("inserted", "deleted", "modified", "moved", "renumbered")}
        counts["level_changed"] = sum(1 for c in self.changes if c.level_changed)
        counts["format_changed"] = sum(1 for c in self.changes if c.format_changed)
        counts["paragraphs_changed"] = sum(1 for c in self.changes if c.is_change)
        return counts

    def changed(self) -> list[ParaChange]:
        return [c for c in self.changes if c.is_change]


def summary_lines(comparison: Comparison) -> list[str]:
    """The change summary in words, shared by the CLI, the PDF first page and the HTML header."""
    s = comparison.summary()
    c = comparison.counts()
    lines = [
        f"{c['inserted']} inserted, {c['deleted']} deleted, {c['modified']} modified, "
        f"{c['moved']} moved, {c['renumbered']} renumbered"
    ]
    for key, label in (("inserted", "Inserted"), ("deleted", "Deleted"), ("modified", "Modified"), ("moved", "Moved")):
        if s[key]:
            lines.append(f"{label}: {', '.join(s[key])}")
    lines.extend(f"{old} renumbered as {new}" for old, new in s["renumbered"].items())
    return lines


# ----- word diff ------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """Words, runs of whitespace and single punctuation marks: the units a lawyer edits."""
    return _TOKEN.findall(text)


def word_diff(a: str, b: str) -> list[tuple[int, str]]:
    """diff-match-patch on words rather than characters, then semantically cleaned.

    Each distinct token is encoded as one character so diff-match-patch's character diff
    becomes a word diff; the timeout is off because a timeout makes output depend on load.
    """
    from diff_match_patch import diff_match_patch

    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in tokens(text):
            ch = table.get(tok)
            if ch is None:
                ch = _code_char(len(words))
                table[tok] = ch
                words.append(tok)
            out.append(ch)
        return "".join(out)

    ea, eb = encode(a), encode(b)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(diffs)
    decode = {ch: tok for tok, ch in table.items()}
    out: list[tuple[int, str]] = []
    for op, chunk in diffs:
        text = "".join(decode[ch] for ch in chunk)
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def _code_char(n: int) -> str:
    # Skip the surrogate block so the encoded string stays valid Unicode.
    n += 0x100
    if n >= 0xD800:
        n += 0x800
    return chr(n)


def similarity(a: str, b: str) -> float:
    """Share of words two paragraphs have in common, in order (0..1)."""
    if a == b:
        return 1.0
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return 0.0
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    if sm.real_quick_ratio() < 0.1:  # an upper bound: too different whatever the order
        return 0.0
    return sm.ratio()


# ----- formatting facts -------------------------------------------------------------------

# Run properties that do not change what a reader sees (proofing language, spell-check state).
_RPR_IGNORED = {qn("w:lang"), qn("w:noProof"), qn("w:rPrChange"), qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"), qn("w:webHidden")}
_PPR_IGNORED = {W.rPr, W.sectPr, qn("w:pPrChange"), W.numPr}
_T, _R, _P, _RPR, _PPR = W.t, W.r, W.p, W.rPr, W.pPr
_NUMPR, _NUMID, _ILVL = W.numPr, W.numId, W.ilvl


@dataclass
class ParaFacts:
    """What an aligned pair is compared on beyond its text: cell position and formatting."""

    cell: tuple[int, int, int] | None
    ppr: str  # canonical paragraph properties without numbering and mark formatting
    numpr: tuple[str | None, int | None]
    # Run formatting over the collapsed text: (length, signature) runs; None when unknown.
    fmt: list[tuple[int, str]] | None


def canonical(el: etree._Element | None, ignored: set[str]) -> str:
    """A stable string for a properties element: children sorted, ignored ones left out."""
    if el is None:
        return ""
    parts = []
    for child in el:
        if not isinstance(child.tag, str) or child.tag in ignored:
            continue
        attrs = ",".join(f"{k}={v}" for k, v in sorted(child.attrib.items()))
        inner = canonical(child, set()) if len(child) else ""
        parts.append(f"{etree.QName(child).localname}[{attrs}]{{{inner}}}")
    return ";".join(sorted(parts))


def rpr_signature(rpr: etree._Element | None) -> str:
    return sys.intern(canonical(rpr, _RPR_IGNORED))


def ppr_signature(ppr: etree._Element | None) -> str:
    return sys.intern(canonical(ppr, _PPR_IGNORED))


def raw_segments(p: etree._Element) -> list[tuple[str, str]]:
    """(text, run-format signature) pieces of a paragraph's visible text, uncollapsed.

    Read with the shared content walk (`docgen.ooxml.content`) as the reader reads a
    paragraph, so positions agree with the reader's text once whitespace is collapsed.
    """
    out: list[tuple[str, str]] = []
    sigs: dict[etree._Element, str] = {}
    for item in paragraph_items(p, fields_as_units=False, per_char=False, identify=False):
        text = reader_char(item)
        if not text:
            continue
        run = item.run
        sig = sigs.get(run) if run is not None else ""
        if sig is None:
            sig = sigs[run] = rpr_signature(run.find(_RPR))
        out.append((text, sig))
    return out


def collapsed_formats(segments: Sequence[tuple[str, str]]) -> list[tuple[int, str]]:
    """Run formats over the collapsed text (" ".join(text.split())), as (length, signature) runs.

    A run of whitespace becomes one space carrying the format of its first character, as
    the collapsed text keeps one space; leading and trailing whitespace is dropped.
    """
    out: list[tuple[int, str]] = []
    pending: str | None = None

    def put(n: int, sig: str) -> None:
        if out and out[-1][1] == sig:
            out[-1] = (out[-1][0] + n, sig)
        else:
            out.append((n, sig))

    for text, sig in segments:
        words = text.split()
        if not words:
            if out and pending is None:
                pending = sig
            continue
        if text[0].isspace() and out and pending is None:
            pending = sig
        if pending is not None:
            put(1, pending)
            pending = None
        put(sum(map(len, words)) + len(words) - 1, sig)
        if text[-1].isspace():
            pending = sig
    return out


def _expand(rle: list[tuple[int, str]]) -> list[str]:
    out: list[str] = []
    for n, s in rle:
        out.extend([s] * n)
    return out


def paragraph_facts(doc: Document) -> list[ParaFacts | None]:
    """Facts for each of `doc.paragraphs` (same positions); all None without package parts."""
    main = doc.metadata.get("main_part", "word/document.xml")
    data = doc.parts.get(main) if doc.parts else None
    if data is None:
        return [None] * len(doc.paragraphs)
    from docgen.limits import Limits
    from docgen.ooxml.package import parse_xml

    root = parse_xml(data, f"{doc.source} [{main}]", Limits.from_env())
    body = root.find(W.body)
    if body is None:
        return [None] * len(doc.paragraphs)
    by_index: dict[int, ParaFacts] = {}
    for bp in iter_paragraphs(body):
        p = bp.el
        ppr = p.find(_PPR)
        numpr = ppr.find(_NUMPR) if ppr is not None else None
        num_id = ilvl = None
        if numpr is not None:
            nid, lvl = numpr.find(_NUMID), numpr.find(_ILVL)
            num_id = nid.get(W.val) if nid is not None else None
            ilvl = int(lvl.get(W.val)) if lvl is not None and (lvl.get(W.val) or "").isdigit() else None
        cell = (bp.table, bp.row or 0, bp.cell or 0) if bp.table is not None else None
        by_index[bp.index] = ParaFacts(cell, ppr_signature(ppr), (num_id, ilvl), collapsed_formats(raw_segments(p)))
    out: list[ParaFacts | None] = []
    for para in doc.paragraphs:
        facts = by_index.get(para.index)
        if facts is not None and facts.fmt is not None and sum(n for n, _ in facts.fmt) != len(para.text):
            facts.fmt = None  # text merged from a deleted paragraph mark: formats do not line up
        out.append(facts)
    return out


# ----- alignment --------------------------------------------------------------------------


def _keys(doc: Document, facts: list[ParaFacts | None]) -> list[str]:
    """Alignment keys: the text, prefixed for table cells with the column, so body text never
    pairs with a cell and a cell only with a cell of the same column."""
    return [(f"\x01{f.cell[2]}\x02" if f is not None and f.cell is not None else "") + p.text for p, f in zip(doc.paragraphs, facts)]


def _kind(key: str) -> str:
    """The part of a key that says where a paragraph lives: "" for the body, the column for cells."""
    return key[: key.index("\x02") + 1] if key.startswith("\x01") else ""


def _text_of(key: str) -> str:
    return key[len(_kind(key)) :]


def align(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of equal keys, increasing in both, patience-anchored; near-linear in practice."""
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        a0, a1, b0, b1 = stack.pop()
        # Common prefix and suffix cost nothing and settle most of a real document.
        while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
            pairs.append((a0, b0))
            a0 += 1
            b0 += 1
        while a0 < a1 and b0 < b1 and a[a1 - 1] == b[b1 - 1]:
            a1 -= 1
            b1 -= 1
            pairs.append((a1, b1))
        if a0 >= a1 or b0 >= b1:
            continue
        anchors = _unique_anchors(a, a0, a1, b, b0, b1)
        if anchors:
            prev_i, prev_j = a0, b0
            for i, j in anchors:
                pairs.append((i, j))
                stack.append((prev_i, i, prev_j, j))
                prev_i, prev_j = i + 1, j + 1
            stack.append((prev_i, a1, prev_j, b1))
        elif (a1 - a0) * (b1 - b0) <= _DIFFLIB_GAP_CELLS:
            sm = difflib.SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
            for block in sm.get_matching_blocks():
                for k in range(block.size):
                    pairs.append((a0 + block.a + k, b0 + block.b + k))
    pairs.sort()
    return pairs


def _unique_anchors(a: Sequence[str], a0: int, a1: int, b: Sequence[str], b0: int, b1: int) -> list[tuple[int, int]]:
    """Keys occurring once on each side of the gap, reduced to their longest common order."""
    count_a: dict[str, int] = {}
    pos_a: dict[str, int] = {}
    for i in range(a0, a1):
        k = a[i]
        count_a[k] = count_a.get(k, 0) + 1
        pos_a[k] = i
    count_b: dict[str, int] = {}
    pos_b: dict[str, int] = {}
    for j in range(b0, b1):
        k = b[j]
        if k in count_a:
            count_b[k] = count_b.get(k, 0) + 1
            pos_b[k] = j
    candidates = sorted(
        (pos_a[k], pos_b[k]) for k, n in count_b.items() if n == 1 and count_a[k] == 1
    )
    return _lis_by_second(candidates)


def _lis_by_second(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence increasing in the second coordinate (pairs sorted by the first)."""
    if not pairs:
        return []
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_idx: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for idx, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_idx.append(idx)
        else:
            tails[k] = j
            tail_idx[k] = idx
        back[idx] = tail_idx[k - 1] if k else -1
    out = []
    idx = tail_idx[-1]
    while idx != -1:
        out.append(pairs[idx])
        idx = back[idx]
    out.reverse()
    return out


def pair_gap(old_idx: list[int], new_idx: list[int], a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pair unmatched neighbours as modifications: monotone, similar enough, best total first."""
    n, m = len(old_idx), len(new_idx)
    if not n or not m:
        return []
    if n * m > _PAIRING_GAP_CELLS:
        out = []
        for i, j in zip(old_idx, new_idx):
            if _same_kind(a[i], b[j]) and similarity(_text_of(a[i]), _text_of(b[j])) >= _MODIFY_SIMILARITY:
                out.append((i, j))
        return out
    # Gaps with as many paragraphs on each side are usually edited in place: pair more readily.
    threshold = _LONE_PAIR_SIMILARITY if n == m else _MODIFY_SIMILARITY
    score = [[0.0] * m for _ in range(n)]
    for x, i in enumerate(old_idx):
        for y, j in enumerate(new_idx):
            if _same_kind(a[i], b[j]):
                s = similarity(_text_of(a[i]), _text_of(b[j]))
                score[x][y] = s if s >= threshold else 0.0
    return best_monotone_pairs(score, old_idx, new_idx)


def _same_kind(ka: str, kb: str) -> bool:
    return _kind(ka) == _kind(kb)


def _find_moves(del_idx: list[int], ins_idx: list[int], a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Leftover deletions and insertions with the same (or nearly the same) text are moves."""
    by_text: dict[str, list[int]] = {}
    for i in del_idx:
        if len(_text_of(a[i])) >= _MOVE_MIN_CHARS:
            by_text.setdefault(a[i], []).append(i)
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    left_new: list[int] = []
    for j in ins_idx:
        olds = by_text.get(b[j])
        if olds:
            i = olds.pop(0)
            used_old.add(i)
            pairs.append((i, j))
        else:
            left_new.append(j)
    # Near-identical: only candidates sharing their opening or closing words are compared.
    buckets: dict[tuple[str, str], list[int]] = {}
    for i in del_idx:
        if i in used_old or len(_text_of(a[i])) < _MOVE_MIN_CHARS:
            continue
        for key in _move_buckets(a[i]):
            buckets.setdefault(key, []).append(i)
    for j in left_new:
        if len(_text_of(b[j])) < _MOVE_MIN_CHARS:
            continue
        best: tuple[float, int] | None = None
        for key in _move_buckets(b[j]):
            for i in buckets.get(key, ())[:32]:
                if i in used_old or not _same_kind(a[i], b[j]):
                    continue
                s = similarity(_text_of(a[i]), _text_of(b[j]))
                if s >= _MOVE_SIMILARITY and (best is None or s > best[0]):
                    best = (s, i)
        if best is not None:
            used_old.add(best[1])
            pairs.append((best[1], j))
    return pairs


def _move_buckets(key: str) -> list[tuple[str, str]]:
    words = key.split()
    return [("head", " ".join(words[:4])), ("tail", " ".join(words[-4:]))]


# ----- comparison ---------------------------------------------------------------------------


def compare(old: Document, new: Document) -> Comparison:
    old_facts = paragraph_facts(old)
    new_facts = paragraph_facts(new)
    a = _keys(old, old_facts)
    b = _keys(new, new_facts)
    matched = align(a, b)

    # Pair unmatched neighbours inside each gap between matched pairs as modifications.
    pairs: list[tuple[int, int]] = []
    prev_i = prev_j = 0
    for i, j in matched + [(len(a), len(b))]:
        pairs.extend(pair_gap(list(range(prev_i, i)), list(range(prev_j, j)), a, b))
        if i < len(a):
            pairs.append((i, j))
        prev_i, prev_j = i + 1, j + 1
    pairs = _consistent_rows(pairs, old_facts, new_facts)
    old_to_new = dict(pairs)
    new_to_old = {j: i for i, j in pairs}

    moves = _find_moves(
        [i for i in range(len(a)) if i not in old_to_new],
        [j for j in range(len(b)) if j not in new_to_old],
        a,
        b,
    )
    move_of_old, move_of_new = _number_moves(moves)

    old_refs = _refs(old, old_facts)
    new_refs = _refs(new, new_facts)

    def make(op: str, i: int | None, j: int | None, move_id: int | None = None) -> ParaChange:
        po = old.paragraphs[i] if i is not None else None
        pn = new.paragraphs[j] if j is not None else None
        fo = old_facts[i] if i is not None else None
        fn = new_facts[j] if j is not None else None
        words: list[tuple[int, str]] = []
        level_changed = renumbered = format_changed = False
        if po is not None and pn is not None:
            if op == "equal" and po.text != pn.text:
                op = "modify"  # same key can only differ by the table marker; kept for safety
            if op == "modify":
                words = word_diff(po.text, pn.text)
            level_changed = _level_changed(po, pn, fo, fn)
            renumbered = po.num != pn.num
            format_changed = _format_changed(words, po, pn, fo, fn)
        return ParaChange(
            op=op,
            old=po,
            new=pn,
            words=words,
            old_ref=old_refs[i] if i is not None else None,
            new_ref=new_refs[j] if j is not None else None,
            old_num=po.num if po is not None else "",
            new_num=pn.num if pn is not None else "",
            level_changed=level_changed,
            renumbered=renumbered,
            format_changed=format_changed,
            move_id=move_id,
            anchor="",
            old_cell=fo.cell if fo is not None else None,
            new_cell=fn.cell if fn is not None else None,
            old_pos=i,
            new_pos=j,
        )

    # Where each new paragraph's gap ends on the old side: old leftovers (deleted, moved away)
    # are emitted before the first new paragraph of their gap, i.e. where they stood.
    next_old = [len(a)] * (len(b) + 1)
    for j in range(len(b) - 1, -1, -1):
        next_old[j] = new_to_old.get(j, next_old[j + 1])
    changes: list[ParaChange] = []
    i = 0
    for j in range(len(b) + 1):
        while i < next_old[j]:
            if i not in old_to_new:
                if i in move_of_old:
                    changes.append(make("move_from", i, None, move_of_old[i]))
                else:
                    changes.append(make("delete", i, None))
            i += 1
        if j == len(b):
            break
        if j in new_to_old:
            oi = new_to_old[j]
            changes.append(make("equal" if a[oi] == b[j] else "modify", oi, j))
            i = max(i, oi + 1)
        elif j in move_of_new:
            changes.append(make("move_to", move_of_new[j][0], j, move_of_new[j][1]))
        else:
            changes.append(make("insert", None, j))
    for k, ch in enumerate(changes):
        ch.anchor = f"chg-{k}"
    return Comparison(old=old, new=new, changes=changes)


def _consistent_rows(pairs: list[tuple[int, int]], old_facts: list[ParaFacts | None], new_facts: list[ParaFacts | None]) -> list[tuple[int, int]]:
    """Keep only cell pairs that agree with a one-to-one, order-keeping mapping of table rows.

    A redline shows a table row as kept, inserted or deleted; if its cells were aligned with
    cells of two different rows, no tracked-change markup could express it. The mapping
    keeps the row pairs backed by the most aligned paragraphs; other cell pairs become
    deletions and insertions.
    """
    votes: Counter = Counter()
    for i, j in pairs:
        fo, fn = old_facts[i], new_facts[j]
        if fo is not None and fn is not None and fo.cell is not None and fn.cell is not None:
            votes[(fo.cell[:2], fn.cell[:2])] += 1
    if not votes:
        return pairs
    chosen: list[tuple[tuple[int, int], tuple[int, int]]] = []  # sorted by old row
    used_new: set[tuple[int, int]] = set()
    used_old: set[tuple[int, int]] = set()
    for (o, n), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if o in used_old or n in used_new:
            continue
        k = bisect.bisect_left(chosen, (o, n))
        if (k > 0 and chosen[k - 1][1] > n) or (k < len(chosen) and chosen[k][1] < n):
            continue  # would cross an already chosen row pair
        chosen.insert(k, (o, n))
        used_old.add(o)
        used_new.add(n)
    rows = dict(chosen)
    out = []
    for i, j in pairs:
        fo, fn = old_facts[i], new_facts[j]
        if fo is not None and fn is not None and fo.cell is not None and fn.cell is not None:
            if rows.get(fo.cell[:2]) != fn.cell[:2]:
                continue
        out.append((i, j))
    return out


def _number_moves(moves: list[tuple[int, int]]) -> tuple[dict[int, int], dict[int, tuple[int, int]]]:
    """Move ids in new-document order; paragraphs moved together (consecutive on both sides) share one."""
    move_of_old: dict[int, int] = {}
    move_of_new: dict[int, tuple[int, int]] = {}
    current = 0
    prev: tuple[int, int] | None = None
    for i, j in sorted(moves, key=lambda p: p[1]):
        if prev is None or not (i == prev[0] + 1 and j == prev[1] + 1):
            current += 1
        move_of_old[i] = current
        move_of_new[j] = (i, current)
        prev = (i, j)
    return move_of_old, move_of_new


def _refs(doc: Document, facts: list[ParaFacts | None]) -> list[str | None]:
    """Each paragraph's clause ref; table paragraphs get their row's step ref when numbered."""
    steps: dict[tuple[int, int], str] = {}
    for c in doc.clauses:
        if c.kind == "step" and c.source.table is not None and c.source.row is not None:
            steps.setdefault((c.source.table, c.source.row), c.ref)
    out: list[str | None] = []
    for p, f in zip(doc.paragraphs, facts):
        if p.clause is not None:
            out.append(p.clause.ref)
        elif f is not None and f.cell is not None:
            out.append(steps.get((f.cell[0], f.cell[1])))
        else:
            out.append(None)
    return out


def _level_changed(po: Paragraph, pn: Paragraph, fo: ParaFacts | None, fn: ParaFacts | None) -> bool:
    if po.clause is not None and pn.clause is not None and po.clause.level != pn.clause.level:
        return True
    if fo is not None and fn is not None and fo.numpr[1] != fn.numpr[1] and (po.num or pn.num):
        return (fo.numpr[1] or 0) != (fn.numpr[1] or 0)
    return False


def _format_changed(words: list[tuple[int, str]], po: Paragraph, pn: Paragraph, fo: ParaFacts | None, fn: ParaFacts | None) -> bool:
    if fo is None or fn is None:
        return False
    if fo.ppr != fn.ppr:
        return True
    if fo.fmt is None or fn.fmt is None:
        return False
    if not words:
        return fo.fmt != fn.fmt
    # Compare formats only over the text both versions share.
    old_f, new_f = _expand(fo.fmt), _expand(fn.fmt)
    x = y = 0
    for op, text in words:
        n = len(text)
        if op == 0:
            if old_f[x : x + n] != new_f[y : y + n]:
                return True
            x += n
            y += n
        elif op == -1:
            x += n
        else:
            y += n
    return False
