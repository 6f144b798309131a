"""`docgen accept` and `docgen reject`: every tracked change of a .docx, at once.

The output is checked before it is written (no revision may remain in any part), and the
command then says in one line on stderr how many changes it applied in which parts and
where it wrote them; `--quiet` silences that line. A file with no tracked changes is said
to have none, so an unchanged copy is never mistaken for a finished job.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.errors import InputError
from docgen.ooxml.revisions.remaining import describe, remaining_revisions
from docgen.outputs import Output, atomic_write, check_outputs, is_stdout
from docgen.ooxml.parts import package_bytes
from docgen.ooxml.word_package import open_word_package
from docgen.ooxml.revisions import accept_all, reject_all

# Elements that only accompany a change (its deleted text, the ends of a moved range) are
# not counted as changes of their own. A custom XML markup range is one: the start of a
# content control's tracked deletion or insertion (its end marker is not counted again).
_NOT_A_CHANGE = ("w:delText", "w:delInstrText", "RangeStart", "RangeEnd")
_MARKUP_CHANGE = ("w:customXmlInsRangeStart", "w:customXmlDelRangeStart", "w:customXmlMoveFromRangeStart", "w:customXmlMoveToRangeStart")


def run(file: Path, output: Path | None, accept: bool, *, quiet: bool = False) -> int:
    if output is None:
        # In the current folder, not beside the input: inputs often live in sources/, which
        # docgen never writes to unless asked.
        output = Path(f"{file.stem}.{'accepted' if accept else 'rejected'}.docx")
    check_outputs([Output(output, binary=True)], [file])
    # Opened as a Word document (its main part parsed, its body found), not as any zip: a
    # workbook or a corrupt part is an error, not "no tracked changes" and an unchanged copy.
    parts = open_word_package(file).parts
    found = [r for r in remaining_revisions(parts) if r.element in _MARKUP_CHANGE or not r.element.endswith(_NOT_A_CHANGE)]
    result = accept_all(parts) if accept else reject_all(parts)
    # A document that still holds tracked changes after "accept all" is worse than no
    # output, because it looks finished: check before writing.
    left = remaining_revisions(result)
    verb = "accepting" if accept else "rejecting"
    if left:
        raise InputError(
            file,
            f"{verb} every tracked change left revisions behind ({describe(left)}); nothing was written",
            "docgen does not handle this markup yet: please report it with the file, and use Word's Accept/Reject All meanwhile",
        )
    atomic_write(output, package_bytes(result))
    if not quiet:
        print(_summary(file, output, accept, found), file=sys.stderr)
    return 0


def _summary(file: Path, output: Path, accept: bool, found: list) -> str:
    output = "standard output" if is_stdout(output) else output  # type: ignore[assignment]
    if not found:
        return f"{file}: has no tracked changes; wrote an unchanged copy to {output}"
    count = sum(r.count for r in found)
    parts = sorted({r.part for r in found})
    shown = ", ".join(parts[:4]) + (f" and {len(parts) - 4} more" if len(parts) > 4 else "")
    done = "accepted" if accept else "rejected"
    return f"{done} {count} tracked change{'s' if count != 1 else ''} in {shown}; wrote {output}"
