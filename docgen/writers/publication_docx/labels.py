"""List numbers as typed text: the old number struck and the new inserted wherever a label changed."""

from __future__ import annotations

from docgen.ooxml.lists.list_labels import Counted, ListLabels, insert_label, label_runs, label_text, suffix_runs
from docgen.ooxml.redline_package import Para, RevisionMarker, mark_was_moved


class LabelWriter:
    """Replaces Word list numbering with typed labels: kept, or struck and inserted where changed."""

    def __init__(self, labels: ListLabels, marks: RevisionMarker):
        self.labels = labels
        self.marks = marks

    def write(self, paragraphs: list[Para]) -> None:
        # Counting is done over the untouched XML first, then every paragraph is rewritten.
        for counted in self.labels.count(paragraphs):
            if counted.numbered or counted.new is not None or counted.old is not None:
                self._literal(counted)

    def _literal(self, counted: Counted) -> None:
        para = counted.para
        fmt = self.labels.unlist(counted)
        new_label, old_label = label_text(counted.new), label_text(counted.old)
        runs = []
        if para.in_new and para.in_old and new_label == old_label:
            if new_label:
                runs = label_runs(new_label, fmt)
        elif para.in_new and para.in_old:
            if old_label:
                runs.append(self.marks.wrap("del", label_runs(old_label, fmt, deleted=True, with_suffix=False)))
            if new_label:
                runs.append(self.marks.wrap("ins", label_runs(new_label, fmt, with_suffix=False)))
            runs.extend(suffix_runs(fmt))
        elif para.in_new and new_label:
            # A moved paragraph's number moves with it, and is drawn as moved text.
            kind = "moveTo" if mark_was_moved(para.el, "moveTo") else "ins"
            runs = [self.marks.wrap(kind, label_runs(new_label, fmt))]
        elif para.in_old and old_label:
            kind = "moveFrom" if mark_was_moved(para.el, "moveFrom") else "del"
            runs = [self.marks.wrap(kind, label_runs(old_label, fmt, deleted=True))]
        insert_label(para.el, runs)
