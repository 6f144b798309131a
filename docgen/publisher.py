"""Who publishes what docgen writes, when nothing more specific says so.

Revisions need an author and every generated document carries a security classification.
Both default to the organisation that publishes SEC consultations; a pack names its own
(`organisation`, `classification`) and `docgen redline --author` overrides the author, so
the CLI and `docgen build` give the same answer from one place.
"""

ORGANISATION = "DCC"
CLASSIFICATION = "DCC Public"
