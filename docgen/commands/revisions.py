"""`docgen accept` and `docgen reject`: every tracked change of a .docx, at once."""

from __future__ import annotations

from pathlib import Path

from docgen.outputs import atomic_write, refuse_overwriting_inputs
from docgen.transforms.revisions import accept_all, package_bytes, read_parts, reject_all


def run(file: Path, output: Path | None, accept: bool) -> int:
    if output is None:
        # In the current folder, not beside the input: inputs often live in sources/, which
        # docgen never writes to unless asked.
        output = Path(f"{file.stem}.{'accepted' if accept else 'rejected'}.docx")
    refuse_overwriting_inputs([output], [file])
    parts = read_parts(file)
    result = accept_all(parts) if accept else reject_all(parts)
    atomic_write(output, package_bytes(result))
    return 0
