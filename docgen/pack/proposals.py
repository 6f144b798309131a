"""The pack descriptions of a folder as `Proposals`: which pack made which version step.

`docgen history --packs DIR` names the pack that proposed each change. The index itself
(`docgen.transforms.proposals`) knows version steps and drafting rows only; reading them
from pack descriptions is the pack layer's job.
"""

from __future__ import annotations

from pathlib import Path

from docgen.errors import InputError
from docgen.pack.load import load_pack
from docgen.transforms.chain import version_key
from docgen.transforms.proposals import DraftingRow, PackStep, Proposals


def proposals_from_folder(folder: Path | None) -> Proposals:
    """Every pack description (`*.toml`) of `folder`, in name order; none without a folder."""
    if folder is None:
        return Proposals([])
    if not folder.is_dir():
        raise InputError(folder, "is not a folder of pack descriptions", "give --packs the folder holding the packs' .toml files, e.g. sources/packs")
    steps: list[PackStep] = []
    for path in sorted(folder.glob("*.toml")):
        pack = load_pack(path)
        for document in pack.documents:
            old, new = version_key(document.version_from), version_key(document.version_to)
            if old is None or new is None:
                continue
            rows = tuple(
                DraftingRow.of(d.ref, d.description, d.refs, d.subclauses)
                for d in pack.drafting
                if d.document in (None, document.short_name)
            )
            steps.append(PackStep(pack.reference, pack.title, document.appendix, document.short_name, old, new, rows))
    return Proposals(steps)
