"""`docgen responses collate`: returned response forms into responses.csv and a conclusion skeleton.

Files that are not filled response templates of the pack are listed with the reason and
skipped; the rest are collated. Exit codes: 0 when at least one form was collated, 2 when
none was (or the pack description is wrong).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docgen.outputs import atomic_write, refuse_overwriting_inputs
from docgen.pack.conclusion import conclusion_docx, responses_csv
from docgen.pack.dates import build_moment
from docgen.pack.drafting import rows_from_pack
from docgen.pack.responses import collate
from docgen.pack.spec import load_pack

CSV_NAME = "responses.csv"
CONCLUSION_NAME = "conclusion-skeleton.docx"
# Without a pack nor a publication date in the forms, outputs still need a fixed stamp.
_FALLBACK_DATE = dt.date(2020, 1, 1)


def run(files: list[Path], output: Path, pack: Path | None) -> int:
    spec = load_pack(pack) if pack is not None else None
    csv_path = output / CSV_NAME
    docx_path = output / CONCLUSION_NAME
    refuse_overwriting_inputs([csv_path, docx_path], [*files, pack])
    result = collate(files, spec)
    for problem in result.problems:
        label = "skipped" if problem.rejected else "note"
        print(f"docgen: {label}: {problem.path}: {problem.message}", file=sys.stderr)
    if not result.responses:
        print(f"docgen: error: no response form could be collated from {len(files)} file(s)", file=sys.stderr)
        return 2
    published = result.published or _FALLBACK_DATE
    moment = build_moment(published)
    changes = rows_from_pack(spec) if spec is not None else None
    atomic_write(csv_path, responses_csv(result))
    atomic_write(docx_path, conclusion_docx(result, changes, moment))
    skipped = sum(1 for p in result.problems if p.rejected)
    print(
        f"docgen: collated {len(result.responses)} response(s)"
        + (f", skipped {skipped} file(s)" if skipped else "")
        + f": {csv_path}, {docx_path}",
        file=sys.stderr,
    )
    return 0
