"""Aligning two versions' paragraphs by what they say: unique texts anchor a patience-style
alignment, gaps are aligned recursively, leftovers paired as edits or moves."""

from __future__ import annotations

import bisect
import difflib
from typing import Sequence


from docgen.model import Document
from docgen.transforms.pairing import best_monotone_pairs
from docgen.transforms.compare.facts import ParaFacts
from docgen.transforms.compare.words import similarity


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

# ----- alignment --------------------------------------------------------------------------


# The kind of an empty paragraph whose mark ends a section.
_SECTION_BREAK = "\x01section\x02"


def paragraph_keys(doc: Document, facts: list[ParaFacts | None]) -> list[str]:
    """Alignment keys: the text, prefixed for table cells with the column, so body text never
    pairs with a cell and a cell only with a cell of the same column.

    An empty paragraph carrying a section break is a kind of its own: empty paragraphs all
    read alike, and pairing the break's paragraph with an empty one beside it would have the
    redline delete the wrong one, so rejecting it would move the break.
    """
    return [_prefix(p.text, f) + p.text for p, f in zip(doc.paragraphs, facts)]


def _prefix(text: str, f: ParaFacts | None) -> str:
    if f is None:
        return ""
    if f.cell is not None:
        return f"\x01{f.cell[2]}\x02"
    return _SECTION_BREAK if not text.strip() and f.section_break else ""  # (an empty text first: cheaper)


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


def aligned_pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Every (old, new) pair: the aligned ones, and between them the unmatched neighbours of
    each gap paired as modifications where they are alike enough."""
    pairs: list[tuple[int, int]] = []
    prev_i = prev_j = 0
    for i, j in align(a, b) + [(len(a), len(b))]:
        if i > prev_i and j > prev_j:  # most aligned pairs follow one another: no gap to pair
            pairs.extend(pair_gap(list(range(prev_i, i)), list(range(prev_j, j)), a, b))
        if i < len(a):
            pairs.append((i, j))
        prev_i, prev_j = i + 1, j + 1
    return pairs


def pair_gap(old_idx: list[int], new_idx: list[int], a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pair unmatched neighbours as modifications: monotone, similar enough, best total first."""
    n, m = len(old_idx), len(new_idx)
    if not n or not m:
        return []
    if n * m > _PAIRING_GAP_CELLS:
        out = []
        for i, j in zip(old_idx, new_idx):
            if _same_kind(a[i], b[j]) and similarity(_text_of(a[i]), _text_of(b[j]), _MODIFY_SIMILARITY) >= _MODIFY_SIMILARITY:
                out.append((i, j))
        return out
    # Gaps with as many paragraphs on each side are usually edited in place: pair more readily.
    threshold = _LONE_PAIR_SIMILARITY if n == m else _MODIFY_SIMILARITY
    score = [[0.0] * m for _ in range(n)]
    for x, i in enumerate(old_idx):
        for y, j in enumerate(new_idx):
            if _same_kind(a[i], b[j]):
                s = similarity(_text_of(a[i]), _text_of(b[j]), threshold)
                score[x][y] = s if s >= threshold else 0.0
    return best_monotone_pairs(score, old_idx, new_idx)


def _same_kind(ka: str, kb: str) -> bool:
    return _kind(ka) == _kind(kb)


def find_moves(del_idx: list[int], ins_idx: list[int], a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
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
                s = similarity(_text_of(a[i]), _text_of(b[j]), _MOVE_SIMILARITY)
                if s >= _MOVE_SIMILARITY and (best is None or s > best[0]):
                    best = (s, i)
        if best is not None:
            used_old.add(best[1])
            pairs.append((best[1], j))
    return pairs


def _move_buckets(key: str) -> list[tuple[str, str]]:
    words = key.split()
    return [("head", " ".join(words[:4])), ("tail", " ".join(words[-4:]))]
