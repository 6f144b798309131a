"""Finding the DMVES header row by what its cells mean, not by where it sits.

Every published version names its columns differently ('S1SR Clause', 'Clause Reference',
'Supporting Requirement Ref'; 'SRV', 'Service Reference Variant'; 'Device Model(s)'...) and
puts a varying number of title rows above them. So each of the first rows of a sheet is
scored by how many matrix roles its cells name; the best row holding a clause-reference
column wins. Users can name columns themselves (`--ref-column` etc.) by header text or by
column letter when the guess is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from docgen.readers.dmves.grid import SCAN_ROWS, Grid
from docgen.refs.labels import column_index, column_letter

ROLES = ("ref", "srv", "device", "group", "cohort")
# Headers that are not matrix roles but show a row is a header (they break ties with notes rows).
_OTHER_HEADERS = frozenset(
    "manufacturer device type description notes comments firmware version equivalent step steps "
    "variation behaviour fuel type commodity".split()
)
# A clause column described, not referenced: 'Clause Description', 'Clause Text'.
_NOT_REF_WORDS = frozenset(
    "description text title heading summary comment comments notes change changes rationale "
    "version type".split()
)
# Two letters reach column ZZ, far past any matrix; "SRV" or "GID" are header texts.
_LETTERS = re.compile(r"[A-Za-z]{1,2}")
_MAX_HEADER_WORDS = 8


def header_words(text: str) -> list[str]:
    """'Device Model(s)' -> ['device', 'model', 's']: punctuation never decides a match."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def classify(text: str) -> tuple[str, int] | None:
    """The role a header cell names and how sure that is (3 specific .. 1 vague), or None.

    The order matters: 'Service Reference Variant' holds 'reference' but is the SRV, 'Device
    Manufacturer' holds 'device' but is not the model, 'EPCL GroupID' is not a clause.
    """
    words = header_words(text)
    if not words or len(words) > _MAX_HEADER_WORDS:
        return None
    joined = " ".join(words)
    wordset = set(words)
    if wordset & {"srv", "srvs"} or re.search(r"service (reference|request) variants?", joined):
        return "srv", 3
    if "service request" in joined:
        return "srv", 2
    if "groupid" in wordset or "groupids" in wordset or re.search(r"group ids?\b", joined):
        return "group", 3
    if "group" in wordset:
        return "group", 1
    if "cohort" in wordset or "cohorts" in wordset:
        return "cohort", 3
    if wordset & {"model", "models"}:
        return "device", 3 if "device" in wordset else 2
    if wordset in ({"device"}, {"devices"}):
        return "device", 1
    if wordset & _NOT_REF_WORDS:
        return None
    if wordset & {"clause", "clauses"}:
        return "ref", 3 if len(words) > 1 else 2
    if "supporting requirement" in joined or re.search(r"\bs1sr (ref|reference|references|no|number)\b", joined):
        return "ref", 3
    if re.search(r"\brequirements? (ref|reference)\b", joined):
        return "ref", 2
    if wordset <= {"s1sr", "ref", "reference", "references", "section", "paragraph", "para", "no"}:
        return "ref", 1
    return None


def is_other_header(text: str) -> bool:
    words = header_words(text)
    return 0 < len(words) <= _MAX_HEADER_WORDS and bool(set(words) & _OTHER_HEADERS)


@dataclass
class ColumnSpec:
    """A user's --ref-column etc.: header text (case-insensitive) or a column letter."""

    role: str
    value: str

    @property
    def letter(self) -> int | None:
        """The column index when the value can only be a letter; header text is tried first."""
        value = self.value.strip()
        return column_index(value) if _LETTERS.fullmatch(value) else None

    def matches(self, text: str) -> bool:
        return bool(text.strip()) and " ".join(text.split()).casefold() == " ".join(self.value.split()).casefold()


@dataclass
class Layout:
    """Where a sheet's matrix is: its header row (0 when none was found) and role -> column."""

    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    full: bool = True  # names a matrix role besides the reference
    score: float = 0.0
    missing: list[ColumnSpec] = field(default_factory=list)  # user-named headers not in the row

    def describe(self) -> dict[str, object]:
        return {
            "header_row": self.header_row,
            "columns": {role: column_letter(col) for role, col in sorted(self.columns.items(), key=lambda kv: kv[1])},
        }


def _auto_roles(grid: Grid, row: int) -> tuple[dict[str, tuple[int, int]], int]:
    """role -> (column, strength) for one row (the strongest, then leftmost, per role), and
    how many other header-like cells the row has."""
    found: dict[str, tuple[int, int]] = {}
    others = 0
    for col in range(1, grid.max_col + 1):
        text = grid.text(row, col)
        if not text.strip():
            continue
        hit = classify(text)
        if hit is None:
            others += is_other_header(text)
            continue
        role, strength = hit
        if role not in found or strength > found[role][1]:
            found[role] = (col, strength)
    return found, others


def _find_text(grid: Grid, row: int, spec: ColumnSpec) -> int | None:
    for col in range(1, grid.max_col + 1):
        if spec.matches(grid.text(row, col)):
            return col
    return None


def locate(grid: Grid, specs: list[ColumnSpec], parses: Callable[[str], bool]) -> Layout | None:
    """The best header row of a sheet, or None when the sheet holds no matrix.

    `parses` says whether a cell text reads as clause references; it rescues a sheet whose
    header names only the reference column, and places the data when the user gave the
    reference column as a letter on a sheet with no recognisable header.
    """
    by_role = {s.role: s for s in specs}
    ref_spec = by_role.get("ref")
    best: Layout | None = None
    ref_letter = ref_spec.letter if ref_spec is not None else None
    for row in range(1, min(grid.max_row, SCAN_ROWS) + 1):
        if ref_letter is not None and parses(grid.text(row, ref_letter)):
            continue  # a row whose reference cell holds a reference is data, never the header
        layout = _score_row(grid, row, by_role)
        if layout is not None and (best is None or layout.score > best.score):
            best = layout
    if best is not None:
        if best.full or _data_parses(grid, best.header_row, best.columns["ref"], parses):
            return best
        return None
    if ref_spec is not None and ref_spec.letter is not None:
        col = ref_spec.letter
        if any(parses(grid.text(r, col)) for r in grid.filled_rows() if grid.text(r, col).strip()):
            columns = {s.role: s.letter for s in specs if s.letter is not None}
            named = [s for s in specs if s.letter is None]
            return Layout(0, columns, full=False, missing=named)
    return None


def _score_row(grid: Grid, row: int, by_role: dict[str, ColumnSpec]) -> Layout | None:
    auto, others = _auto_roles(grid, row)
    columns = {role: col for role, (col, _) in auto.items()}
    named: set[str] = set()
    missing: list[ColumnSpec] = []
    for role, spec in by_role.items():
        col = _find_text(grid, row, spec)
        if col is not None:
            columns[role] = col
            named.add(role)
        elif spec.letter is not None:
            columns[role] = spec.letter
        else:
            missing.append(spec)
    # A column the user gave to one role is not also guessed for another.
    claimed = {columns[role] for role in by_role if role in columns}
    for role in [r for r in columns if r not in by_role and columns[r] in claimed]:
        del columns[role]
    ref_spec = by_role.get("ref")
    if ref_spec is None:
        if "ref" not in columns:
            return None
    elif "ref" not in named:
        # A letter says which column holds references but not which row heads them: the
        # row must look like a header by itself.
        if ref_spec.letter is None:
            return None
        if not (auto.get("ref", (0, 0))[0] == ref_spec.letter or set(auto) - {"ref"}):
            return None
    full = bool((set(auto) | named) - {"ref"})
    score = (
        10.0 * len(named)
        + len(auto)
        + 0.25 * others
        + 0.01 * sum(s for _, s in auto.values())
        - 5.0 * len(missing)
    )
    return Layout(row, columns, full, score, missing)


def _data_parses(grid: Grid, header_row: int, col: int, parses: Callable[[str], bool]) -> bool:
    """A reference-only header counts when the first filled cells below it are references."""
    seen = 0
    for row in grid.filled_rows(after=header_row):
        text = grid.text(row, col)
        if not text.strip():
            continue
        if parses(text):
            return True
        seen += 1
        if seen >= 5:
            return False
    return False
