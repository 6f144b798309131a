"""How Word spells a tracked change: the markup the .docx redline writes.

ECMA-376 Part 1 §17.13.5 gives every revision an id, an author and a date, and a shape per
kind of change: runs wrapped in `w:ins`/`w:del` (deleted text as `w:delText`), paragraph
marks inserted or deleted through `w:pPr/w:rPr`, rows through `w:trPr`, old properties kept
in `w:pPrChange`/`w:rPrChange`, moved blocks between move range markers. The redline writer
decides where each change goes, given a comparison; these modules only spell it, so no other
package needs to know the element names or their order.

`marks` makes the revision elements, `wrap` puts paragraphs, runs and rows under them,
`runs` rewrites one paragraph's runs from its compared content items, `pending` counts the
revisions a version already holds. Accepting and rejecting them is `docgen.ooxml.revisions`.
"""
