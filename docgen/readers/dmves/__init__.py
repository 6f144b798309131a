"""Reading the DMVES matrix (Annex A of the S1SR) from .xlsx/.xlsm, .csv or a Word table.

Each format gives a grid of cells (`xlsx`, `csv`, `docx`, all to `grid`'s shape); `header`
finds the header row and what each column holds, `values` splits the cells (SRVs, device
models, GroupIDs, cohorts), and `reader` turns rows into canonical MatrixRows.
"""

from docgen.readers.dmves.reader import read_dmves, read_grids

__all__ = ["read_dmves", "read_grids"]
