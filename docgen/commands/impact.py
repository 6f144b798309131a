"""`docgen impact`: every place that cites a clause the change from OLD to NEW touches.

OLD and NEW are two versions of one document (.docx or .pdf); the DMVES matrices (`--dmves`)
and other documents (`--also`) are read as they stand with OLD in force.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.errors import UsageError

FORMATS = ("text", "json", "csv")


def run(old: Path, new: Path, dmves: list[Path], also: list[Path], fmt: str, output: Path | None = None) -> int:
    from docgen.outputs import atomic_write, refuse_overwriting_inputs
    from docgen.readers import read_document, read_matrix
    from docgen.transforms.chain import order_versions
    from docgen.transforms.impact import build_impact
    from docgen.writers.impact_report import impact_csv, impact_json, impact_text

    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    if old.resolve() == new.resolve():
        raise UsageError(f"OLD and NEW are the same file ({old}): give two versions")
    refuse_overwriting_inputs([output], [old, new, *dmves, *also])
    old_doc, new_doc = read_document(old), read_document(new)
    ordered = order_versions([old_doc, new_doc])
    if ordered[0] is not old_doc:
        raise UsageError(f"{old} states version {old_doc.version}, later than {new} ({new_doc.version}): give the older version first")
    matrices = [read_matrix(p) for p in dmves]
    others = [read_document(p) for p in also]
    impact = build_impact(old_doc, new_doc, matrices, others)
    if fmt == "json":
        text = impact_json(impact)
    elif fmt == "csv":
        text = impact_csv(impact)
    else:
        text = impact_text(impact, also_given=bool(also), matrices_given=bool(dmves))
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text)
    return 0
