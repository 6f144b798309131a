"""Accepting or rejecting every tracked change of a .docx package, without Word.

Users want it on its own (`docgen accept`, `docgen reject`), and the redline's tests need it
as an oracle: accepting a redline must give the new version and rejecting it the old one.
The rules follow ECMA-376 Part 1 §17.13 (annotations):

* run content: `w:ins`/`w:moveTo` wrap added runs, `w:del`/`w:moveFrom` wrap removed ones;
* paragraph marks: a mark that was inserted (rejected) or deleted (accepted) disappears, so
  the paragraph's remaining content runs on into the next paragraph, which keeps its own
  properties, as Word does;
* table rows (`w:trPr/w:ins|w:del`) and cells (`w:cellIns`/`w:cellDel`) come and go whole; a
  removed cell's neighbour widens so the row still fills the grid, as in Word, unless the
  cell's whole column goes, which then leaves the grid;
* tracked vertical merges (`w:cellMerge`) become real `w:vMerge` merges, or are undone;
* property changes (`w:pPrChange`, `w:rPrChange`, `w:tblPrChange`, ...) hold the old
  properties: accepting drops them, rejecting puts them back.
Move range markers simply go. A content control's (or custom XML element's) own markup
inserted, deleted or moved is marked by `w:customXml*RangeStart`/`End` around its tags: the
control goes where its deletion is accepted or its insertion rejected, its content stays. Afterwards, what Word tidies
goes too: field codes stranded outside their field, content controls left empty.

Which parts: every story (found by content type, whether declared by Override or by a
Default extension rule, and the main part through the package relationships). Callers that
write a file check it with `docgen.ooxml.revisions.remaining` first."""

from docgen.ooxml.revisions.tree import (
    accept_all,
    accept_tree,
    may_hold_revisions,
    reject_all,
    reject_tree,
    revision_parts,
    tree_may_hold_revisions,
)

__all__ = ["accept_all", "accept_tree", "may_hold_revisions", "reject_all", "reject_tree", "revision_parts", "tree_may_hold_revisions"]
