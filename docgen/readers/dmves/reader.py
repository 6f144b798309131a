"""Reading the DMVES matrix (Annex A of the S1SR) from .xlsx/.xlsm, .csv or a .docx table.

The matrix ties S1SR clause references to device models, SRVs and EPCL GroupIDs. The lint
compares it against the clause text, so every reference comes out canonical ('18.5(p)') and
one MatrixRow stands for one (reference, row) pair: '18.5q–18.5z' in a cell is ten rows,
all pointing back at the same cell. Problems that do not stop the reading (a reference
that cannot be read, a formula without a saved value) go to `metadata["warnings"]` for the
lint to report, each naming the cell as Excel does ('Matrix!C12').
"""

from __future__ import annotations

from pathlib import Path

from docgen.errors import InputError
from docgen.limits import Limits
from docgen.model import Matrix, MatrixRow
from docgen.ooxml.package import Package, check_input_file, sniff
from docgen.ooxml.parts import find_main_part
from docgen.readers.dmves.grid import Grid, GridCell
from docgen.readers.dmves.header import ROLES, ColumnSpec, Layout, classify, locate
from docgen.readers.dmves.values import cohort_value, collapse, split_devices, split_groups, split_srvs
from docgen.refs import Ref, RefError, parse_refs
from docgen.refs.labels import column_letter, where

__all__ = ["read_dmves", "read_grids"]

_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_WORKBOOK = "Excel workbook (.xlsx)"
_UNCACHED = (
    "formula has no saved value (the workbook was saved without calculating; "
    "open it in Excel and save it again)"
)


def read_dmves(
    path: Path, *, columns: dict[str, str] | None = None, limits: Limits | None = None
) -> Matrix:
    """The matrix in `path`. `columns` maps a role ('ref', 'srv', 'device', 'group', 'cohort')
    to a header text or a column letter, overriding the header guess for that role."""
    path = Path(path)
    limits = limits or Limits.from_env()
    specs = _specs(columns)
    fmt, grids = read_grids(path, limits)
    matrix = Matrix(source=str(path), format=fmt)
    warnings: list[str] = []
    layouts = _choose_sheets(path, grids, specs)
    for grid, layout in layouts:
        matrix.rows.extend(_read_rows(grid, layout, warnings))
    _refuse_non_matrix(path, fmt, matrix, warnings)
    matrix.metadata["warnings"] = warnings
    matrix.metadata["sheets"] = [{"sheet": g.title, **lay.describe()} for g, lay in layouts]
    used = {g.title for g, _ in layouts}
    matrix.metadata["sheets_skipped"] = [g.title for g in grids if g.title not in used]
    return matrix


def _refuse_non_matrix(path: Path, fmt: str, matrix: Matrix, warnings: list[str]) -> None:
    """A file whose 'reference' column holds no reference at all is not a DMVES: a Word
    document's table of 'Yes'/'No' answers would otherwise pass as a matrix of skipped rows
    and bury the lint under one error per cell."""
    unreadable = [w for w in warnings if "is not a clause reference" in w]
    if matrix.rows or not unreadable:
        return
    where_, _, problem = unreadable[0].partition(": ")
    kind = {"docx": "Word document", "csv": "CSV file"}.get(fmt, "workbook")
    raise InputError(
        path,
        f"is not a DMVES matrix: this {kind} has no row citing a clause (the column taken for references, at {where_}, holds {problem.split(' is not', 1)[0]} and the like)",
        "give the DMVES (.xlsx, .csv, or a .docx whose table cites S1SR clauses) with a header row naming its clause-reference column",
    )


def read_grids(path: Path, limits: Limits) -> tuple[str, list[Grid]]:
    """('xlsx' | 'csv' | 'docx', grids): the format decided by the file's bytes, not its name."""
    check_input_file(path, limits)
    kind = sniff(path)
    suffix = path.suffix.lower()
    if kind == "other" and suffix in _CSV_SUFFIXES:
        from docgen.readers.dmves.csv import load_csv_grid

        return "csv", [load_csv_grid(path)]
    word = suffix in (".docx", ".docm")
    with Package(path, limits, kind="Word document (.docx)" if word else _WORKBOOK) as pkg:
        if pkg.has("xl/workbook.xml"):
            from docgen.readers.dmves.xlsx import load_xlsx_grids

            return "xlsx", load_xlsx_grids(pkg)
        if word or find_main_part(pkg.parts(), pkg.limits, file=str(pkg.path)) is not None:
            from docgen.readers.dmves.docx import load_docx_grids

            return "docx", load_docx_grids(pkg)
    raise InputError(path, "is a zip package but neither an Excel workbook nor a Word document", "give the DMVES as .xlsx, .csv or .docx")


def _specs(columns: dict[str, str] | None) -> list[ColumnSpec]:
    specs = []
    for role, value in sorted((columns or {}).items()):
        if role not in ROLES:
            raise ValueError(f"unknown matrix column role {role!r}; expected one of {', '.join(ROLES)}")
        if value is not None and value.strip():
            specs.append(ColumnSpec(role, value.strip()))
    return specs


def _parses(text: str) -> bool:
    try:
        return bool(parse_refs(collapse(text)))
    except RefError:
        return False


def _choose_sheets(path: Path, grids: list[Grid], specs: list[ColumnSpec]) -> list[tuple[Grid, Layout]]:
    """Sheets whose header names the reference and another matrix column; failing that, sheets
    whose only recognised column is the reference but which hold references under it. Hidden
    sheets (old versions are often kept hidden) count only when no visible sheet qualifies."""
    found = [(g, layout) for g in grids if (layout := locate(g, specs, _parses)) is not None]
    for visible_only in (True, False):
        pool = [(g, lay) for g, lay in found if not (visible_only and g.hidden)]
        full = [(g, lay) for g, lay in pool if lay.full]
        chosen = full or pool
        if chosen:
            for grid, layout in chosen:
                _check_named(path, grid, layout)
            return chosen
    looked = ", ".join(repr(g.title) for g in grids) or "none"
    ref_spec = next((s for s in specs if s.role == "ref"), None)
    if ref_spec is not None and ref_spec.letter is not None:
        raise InputError(
            path,
            f"column {ref_spec.value.upper()} holds no clause references on any sheet (looked at: {looked})",
            "check the --ref-column letter, or give the column's header text",
        )
    if ref_spec is not None:
        raise InputError(
            path,
            f"no column headed {ref_spec.value!r} found on any sheet (looked at: {looked})",
            "check the --ref-column spelling, or give its column letter like C",
        )
    raise InputError(
        path,
        f"no header row with a clause-reference column found on any sheet (looked at: {looked})",
        "add a header row that names the clause-reference column (e.g. 'S1SR Clause'); "
        "`docgen parse` can also be told the column with --ref-column (`docgen lint` and `fix` read headers only)",
    )


def _check_named(path: Path, grid: Grid, layout: Layout) -> None:
    if layout.missing:
        spec = layout.missing[0]
        row = f"row {layout.header_row}" if layout.header_row else "any header row"
        raise InputError(
            path,
            f"sheet {grid.title!r} has no column headed {spec.value!r} in its header ({row})",
            f"check the --{spec.role}-column spelling, or give its column letter like C",
        )


def _text(cell: GridCell, removed: bool) -> str:
    return cell.full if removed else cell.kept


def _read_rows(grid: Grid, layout: Layout, warnings: list[str]) -> list[MatrixRow]:
    ref_col = layout.columns["ref"]
    header_ref = collapse(grid.text(layout.header_row, ref_col)) if layout.header_row else ""
    started = layout.header_row > 0  # without a header, rows before the first reference are titles
    rows: list[MatrixRow] = []
    for row in grid.filled_rows(after=layout.header_row):
        ref_cell = grid.cell(row, ref_col)
        here = where(grid.title, row, ref_col)
        if _is_banner(ref_cell, layout, ref_col):
            continue
        if ref_cell.uncached_formula:
            warnings.append(f"{here}: {_UNCACHED}; row skipped")
            continue
        removed = ref_cell.struck
        written = collapse(_text(ref_cell, removed))
        if not written:
            if started and any(grid.text(row, layout.columns[r]).strip() for r in ("srv", "device") if r in layout.columns):
                warnings.append(f"{here}: row has device or SRV entries but no clause reference; row skipped")
            continue
        try:
            refs = parse_refs(written)
        except RefError:
            repeated_header = written.casefold() == header_ref.casefold() or _names_ref_column(written)
            if started and not repeated_header:
                warnings.append(f"{here}: {written!r} is not a clause reference; row skipped")
            continue
        started = True
        if ref_cell.number:
            warnings.append(
                f"{here}: the reference {written} is stored as a number, so a trailing zero may "
                "have been lost (18.10 reads as 18.1); store references as text"
            )
        _warn_uncached(grid, row, layout, warnings)
        rows.extend(_matrix_rows(grid, layout, row, refs, written, removed))
    return rows


def _names_ref_column(text: str) -> bool:
    """The header repeated further down (a printed page, a second block) is not a bad reference."""
    hit = classify(text)
    return hit is not None and hit[0] == "ref"


def _is_banner(ref_cell: GridCell, layout: Layout, ref_col: int) -> bool:
    """A section heading merged across the matrix ('Section 18 – ESME'), not a data row."""
    m = ref_cell.merge
    if m is None or m.min_col == m.max_col:
        return False
    return any(m.min_col <= col <= m.max_col and col != ref_col for col in layout.columns.values())


def _warn_uncached(grid: Grid, row: int, layout: Layout, warnings: list[str]) -> None:
    for role in ROLES:
        col = layout.columns.get(role)
        if col is not None and grid.cell(row, col).uncached_formula:
            warnings.append(f"{where(grid.title, row, col)}: {_UNCACHED}; value read as empty")


def _matrix_rows(
    grid: Grid, layout: Layout, row: int, refs: list[Ref], written: str, removed: bool
) -> list[MatrixRow]:
    def value(role: str) -> str:
        col = layout.columns.get(role)
        return _text(grid.cell(row, col), removed) if col is not None else ""

    srvs = split_srvs(value("srv"))
    devices = split_devices(value("device"))
    groups = split_groups(value("group"))
    cohort = cohort_value(value("cohort"))
    cell = f"{column_letter(layout.columns['ref'])}{row}"
    return [
        MatrixRow(
            ref=ref.canonical(),
            ref_as_written=written,
            srv=list(srvs),
            device_models=list(devices),
            group_ids=list(groups),
            cohort=cohort,
            sheet=grid.title,
            cell=cell,
            row=row,
            removed=removed,
        )
        for ref in refs
    ]
