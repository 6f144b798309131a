"""Best monotone pairing inside a gap: shared by the paragraph and the workbook-row alignments.

Both alignments first anchor on identical content, then pair what is left between anchors
by similarity. That second step is a weighted longest-common-subsequence: a small dynamic
programme over the gap only (callers bound the gap size), so it never goes quadratic over
a whole document.
"""

from __future__ import annotations


def best_monotone_pairs(score: list[list[float]], old_idx: list[int], new_idx: list[int]) -> list[tuple[int, int]]:
    """Pairs (old_idx[x], new_idx[y]) in order, maximising the summed score; 0 means 'may not pair'."""
    n, m = len(old_idx), len(new_idx)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            take = best[x + 1][y + 1] + score[x][y] if score[x][y] else -1.0
            best[x][y] = max(take, best[x + 1][y], best[x][y + 1])
    out: list[tuple[int, int]] = []
    x = y = 0
    while x < n and y < m:
        if score[x][y] and best[x][y] == best[x + 1][y + 1] + score[x][y]:
            out.append((old_idx[x], new_idx[y]))
            x += 1
            y += 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return out
