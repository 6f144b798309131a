"""Point labels as Word draws them: letters (z is followed by aa, bb, ...) and lowercase
romans, and the one rule that decides which of the two an ambiguous label like "(i)" is.

Every reader, check and writer asks here, so "(i)" after "(h)" is read as a letter in the
PDF reader, the numbering lint and the reference parser alike.
"""

from __future__ import annotations

from docgen.refs.errors import RefError

# lowercase. Points are stored as written; these give their ordinal value when one is needed.


def letter_label(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa': Word repeats the letter rather than counting in base 26."""
    if n < 1:
        raise RefError(f"letter labels start at 1, got {n}")
    repeat, index = divmod(n - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def letter_value(label: str) -> int:
    """Inverse of letter_label; 'ab' is no label Word can produce, so it is refused."""
    if not is_letter_label(label):
        raise RefError(f"{label!r} is not a letter label (a..z, aa, bb, ...)")
    return (len(label) - 1) * 26 + ord(label[0]) - ord("a") + 1


_ROMAN_PARTS = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_ROMAN_DIGITS = "ivxlcdm"


def roman_label(n: int) -> str:
    if not 1 <= n <= 3999:
        raise RefError(f"roman labels run from 1 to 3999, got {n}")
    out = []
    for value, text in _ROMAN_PARTS:
        count, n = divmod(n, value)
        out.append(text * count)
    return "".join(out)


def roman_value(label: str) -> int:
    """Strict: only the canonical spelling counts, so 'iiii' or 'vx' are refused, not guessed."""
    if not label or len(label) > 15 or any(c not in _ROMAN_DIGITS for c in label):
        raise RefError(f"{label!r} is not a lowercase roman numeral")
    weights = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for here, after in zip(label, label[1:] + " "):
        weight = weights[here]
        total += -weight if after != " " and weights[after] > weight else weight
    if total < 1 or total > 3999 or roman_label(total) != label:
        raise RefError(f"{label!r} is not a lowercase roman numeral")
    return total


def is_letter_label(label: str) -> bool:
    return bool(label) and "a" <= label[0] <= "z" and label == label[0] * len(label)


def is_roman_label(label: str) -> bool:
    try:
        roman_value(label)
    except RefError:
        return False
    return True


def is_point_label(label: str) -> bool:
    if label.isascii() and label.isdigit():
        return True
    return is_letter_label(label) or is_roman_label(label)
