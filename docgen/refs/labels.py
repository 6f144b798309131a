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


# --------------------------------------------------------------------------------------------
# Letter or roman? The one rule every reader and check uses.

DECIMAL = "decimal"
LOWER_LETTER, UPPER_LETTER = "lowerLetter", "upperLetter"
LOWER_ROMAN, UPPER_ROMAN = "lowerRoman", "upperRoman"
_LETTERS = (LOWER_LETTER, UPPER_LETTER)

Reading = tuple[str, int]  # (num_format as Word names it, ordinal value)


def point_candidates(label: str) -> tuple[Reading, ...]:
    """Every (num_format, value) a drawn label can mean: "i" is lowerLetter 9 or lowerRoman 1,
    "C" upperLetter 3 or upperRoman 100, "12" decimal 12; mixed case means nothing."""
    if label.isascii() and label.isdigit():
        return ((DECIMAL, int(label)),)
    if not (label.islower() or label.isupper()):
        return ()
    low, upper = label.lower(), label.isupper()
    out: list[Reading] = []
    if is_letter_label(low):
        out.append((UPPER_LETTER if upper else LOWER_LETTER, letter_value(low)))
    if is_roman_label(low):
        out.append((UPPER_ROMAN if upper else LOWER_ROMAN, roman_value(low)))
    return tuple(out)


def follows(reading: Reading, candidates: tuple[Reading, ...]) -> bool:
    """Whether a label with `candidates` can be the item right after `reading`."""
    return any(f == reading[0] and v == reading[1] + 1 for f, v in candidates)


def read_point(
    candidates: tuple[Reading, ...],
    *,
    previous: Reading | None = None,
    seen: dict[str, int] | None = None,
    following: tuple[Reading, ...] | None = None,
    depth: int | None = None,
) -> Reading | None:
    """Which of a label's readings it has, from what surrounds it, in this order:

    1. it continues the previous sibling's list ("(i)" after "(h)" is a letter);
    2. it continues a list seen earlier among the same siblings ("(b)", "(i)", "(ii)", "(c)":
       back to the letters), `seen` being the last value per format;
    3. the next sibling continues it ("(i)" before "(ii)" is roman);
    4. it starts a list in another format than the previous sibling's ("(i)" between "(b)"
       and "(c)" is a roman sub-item typed or drawn at the wrong level, not a gap to "(i)");
    5. it is in the previous sibling's format, whatever the value;
    6. the level decides when known: S1SR alternates letters (even depths) and romans (odd);
    7. the smaller value, letters winning ties, since lists start at their beginning
       ("(i)" alone is roman, "(c)" a letter).
    """
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if previous is not None:
        for option in candidates:
            if option[0] == previous[0] and option[1] == previous[1] + 1:
                return option
    if seen:
        for option in candidates:
            if option[0] in seen and option[1] == seen[option[0]] + 1:
                return option
    if following is not None:
        for option in candidates:
            if follows(option, following):
                return option
    if previous is not None:
        for option in candidates:
            if option[1] == 1 and option[0] != previous[0]:
                return option
        for option in candidates:
            if option[0] == previous[0]:
                return option
    if depth is not None:
        wanted = depth % 2 == 0
        for option in candidates:
            if (option[0] in _LETTERS) == wanted:
                return option
    return min(candidates, key=lambda option: (option[1], option[0] not in _LETTERS))


# --------------------------------------------------------------------------------------------
# Spreadsheet column names. Unlike Word's letters above (z, aa, bb), Excel counts columns
# in bijective base 26 (Z, AA, AB): both rules live here so neither is re-invented elsewhere.


def column_letter(col: int) -> str:
    """1 -> 'A', 27 -> 'AA': the spelling users see in Excel, for messages and `cell`."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def column_index(letters: str) -> int:
    value = 0
    for ch in letters.upper():
        value = value * 26 + ord(ch) - ord("A") + 1
    return value


def where(title: str, row: int, col: int) -> str:
    """'Matrix!C12', or "'Read Me'!C12" when the title needs Excel's quotes."""
    name = title if title.replace("_", "").isalnum() else "'" + title.replace("'", "''") + "'"
    return f"{name}!{column_letter(col)}{row}"
