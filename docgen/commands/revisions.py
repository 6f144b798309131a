"""`docgen accept` and `docgen reject`: every tracked change of a .docx, at once."""

from __future__ import annotations

from pathlib import Path

from docgen.errors import InputError
from docgen.ooxml.revision_marks import describe, remaining_revisions
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
    # The output is checked before it is written: a document that still holds tracked changes
    # after "accept all" is worse than no output, because it looks finished.
    left = remaining_revisions(result)
    if left:
        verb = "accepting" if accept else "rejecting"
        raise InputError(
            file,
            f"{verb} every tracked change left revisions behind ({describe(left)}); nothing was written",
            "docgen does not handle this markup yet: please report it with the file, and use Word's Accept/Reject All meanwhile",
        )
    atomic_write(output, package_bytes(result))
    return 0
