"""The word diff inside a changed paragraph, on tokens a lawyer edits (a clause reference is one)."""

from __future__ import annotations

import difflib
import re

from docgen.refs.patterns import REF_TOKEN


# A clause reference such as 18.5(z) is one token, so a changed reference reads as
# "18.5(z)" struck and "18.5(t)" inserted rather than a letter swapped inside brackets.
_TOKEN = re.compile(REF_TOKEN + r"|\w+|\s+|[^\w\s]", re.UNICODE)


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


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """Share of words two paragraphs have in common, in order (0..1). A pair below
    `at_least`, which callers drop anyway, may come back as 0.0.

    Words in common regardless of order bound the share from above (difflib's quick_ratio),
    so a pair that fails even that bound is settled without the full matching: most move
    candidates share their opening words and little else."""
    if a == b:
        return 1.0
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return 0.0
    if at_least > 0.0 and 2.0 * _words_in_common(wa, wb) / (len(wa) + len(wb)) < at_least:
        return 0.0
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    if sm.real_quick_ratio() < 0.1:  # an upper bound: too different whatever the order
        return 0.0
    return sm.ratio()


def _words_in_common(wa: list[str], wb: list[str]) -> int:
    """How many words of `wa` can be matched with words of `wb`, each used once."""
    left: dict[str, int] = {}
    for w in wb:
        left[w] = left.get(w, 0) + 1
    n = 0
    for w in wa:
        k = left.get(w, 0)
        if k:
            left[w] = k - 1
            n += 1
    return n
