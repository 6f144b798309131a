"""Reading a .docx into the clause model, with clause numbers rendered as Word draws them.

The document is read in its accepted state: existing tracked deletions are gone, insertions
are in, and a paragraph whose mark was deleted joins the paragraph after it (whose
properties, including its numbering, the merged paragraph keeps, as in Word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docgen.hierarchy import TreeBuilder, step_clause
from docgen.limits import Limits
from docgen.model import Clause, Document, ListFacts, Paragraph, Provenance, Table
from docgen.ooxml.lists.numbering import NumberingDefs, NumberingState, StyleNumbering, paragraph_props
from docgen.ooxml.body import iter_paragraphs, paragraph_text
from docgen.ooxml.element import Element
from docgen.ooxml.word_package import open_word_package
from docgen.refs.patterns import DOTTED_LABEL, STEP_NUMBER, TABLE_CAPTION, TYPED_HEADING_NUMBER, TYPED_LABEL

APPENDIX_TITLES = {
    "smets1 supporting requirements": "AM",
    "transition and migration approach": "AL",
    "variation testing approach document for smets1": "AK",
    "cpl requirements": "Z",
}


def read_docx(path: str | Path, limits: Limits | None = None) -> Document:
    path = Path(path)
    word = open_word_package(path, limits)
    defs = NumberingDefs.from_xml(word.numbering, word.styles)
    doc = Document(source=str(path), format="docx", parts=word.parts)
    doc.metadata["main_part"] = word.main
    doc.metadata.update(word.properties)
    doc.title = doc.metadata.get("title")
    _read_body(doc, word.body, defs, word.main)
    _guess_identity(doc)
    return doc


def _read_body(doc: Document, body: Element, defs: NumberingDefs, part: str) -> None:
    state = NumberingState(defs)
    tree = TreeBuilder()
    style_facts: dict[str | None, _StyleFacts] = {}
    # ListFacts is frozen and a document has few distinct ones, so equal facts share one.
    list_facts: dict[tuple, ListFacts] = {}
    carry = ""
    tables: dict[int, list[list[list[str]]]] = {}
    step_cells: dict[tuple[int, int], tuple[str, str, int | None, str | None]] = {}
    last_text_before_table: dict[int, str] = {}
    previous_text = ""
    flushed = 0
    # LISTNUM fields are rare: only documents that mention one pay for looking (and for
    # importing the field reader).
    has_listnum = b"LISTNUM" in doc.parts.get(part, b"")
    if has_listnum:
        from docgen.ooxml.lists.listnum import apply_listnum, listnum_fields
    for para in iter_paragraphs(body):
        p = para.el
        text, props = paragraph_text(p), paragraph_props(p)
        num_id, ilvl, style, hidden_mark, deleted_mark, indent = props
        if deleted_mark:
            # Accepted state: this paragraph's surviving text runs on into the next one.
            carry = f"{carry} {text}".strip() if text else carry
            continue
        if carry:
            text = f"{carry} {text}".strip()
            carry = ""
        rendered = state.next(num_id, ilvl, style, hidden_mark)
        fields = listnum_fields(p) if has_listnum else None
        if fields:
            text, lead = apply_listnum(state, fields, text, rendered, style)
            rendered = rendered or lead
        label = rendered.label if rendered else ""
        if para.table is not None:
            if para.table not in last_text_before_table:
                last_text_before_table[para.table] = previous_text
            rows = tables.setdefault(para.table, [])
            while len(rows) <= para.row:
                rows.append([])
            cells = rows[para.row]
            while len(cells) <= para.cell:
                cells.append("")
            cell_text = f"{label} {text}".strip() if label and not (rendered and rendered.hidden) else text
            cells[para.cell] = f"{cells[para.cell]} {cell_text}".strip()
            if rendered and para.cell == 0 and (para.table, para.row) not in step_cells:
                step_cells[(para.table, para.row)] = (label, "auto", rendered.value, rendered.fmt)
            doc.paragraphs.append(Paragraph(index=para.index, text=text, num=label, style=style, element=p, cell=(para.table, para.row or 0, para.cell or 0)))
            continue
        if len(tables) > flushed:
            # The tables just passed are complete: their step rows go here, in document order.
            tree.clauses.extend(_read_tables(doc, {k: tables[k] for k in sorted(tables)[flushed:]}, step_cells, last_text_before_table, part))
            flushed = len(tables)
        previous_text = text or previous_text
        facts = style_facts.get(style)
        if facts is None:
            facts = style_facts[style] = _StyleFacts.of(defs, style)
        is_heading = facts.is_heading
        paragraph = Paragraph(index=para.index, text=text, num=label, style=style, element=p)
        doc.paragraphs.append(paragraph)
        if rendered is not None and (label or rendered.hidden):
            if indent is None:
                indent = rendered.indent_left
            if indent is None:
                indent = facts.indent_left
            level_key = float(indent) if indent is not None else rendered.ilvl * 720.0
            key = (rendered.num_id, rendered.ilvl, style, rendered.hidden, rendered.suff)
            word_list = list_facts.get(key)
            if word_list is None:
                word_list = list_facts[key] = ListFacts(*key)
            paragraph.clause = tree.add_numbered(
                label, text, level_key, Provenance(part, para.index),
                numbering="auto", num_value=rendered.value, num_format=rendered.fmt, heading=is_heading, word_list=word_list,
            )
            continue
        if facts.is_toc:
            continue
        literal = TYPED_LABEL.match(text) if text else None
        if literal is None and is_heading and text:
            heading_num = TYPED_HEADING_NUMBER.match(text)
            literal = heading_num
        if literal is not None:
            label = literal.group(1)
            rest = text[literal.end():]
            if indent is None:
                indent = facts.indent_left
            dotted = DOTTED_LABEL.match(label)
            level_key = float(indent) if indent is not None else (len(label.split(".")) - 1) * 720.0 if dotted else 1440.0
            paragraph.num = label
            paragraph.text = rest
            paragraph.clause = tree.add_numbered(label, rest, level_key, Provenance(part, para.index), numbering="literal", heading=is_heading)
            continue
        if is_heading and text:
            tree.open_scope(text)
    if len(tables) > flushed:
        tree.clauses.extend(_read_tables(doc, {k: tables[k] for k in sorted(tables)[flushed:]}, step_cells, last_text_before_table, part))
    doc.clauses = tree.clauses


@dataclass(frozen=True)
class _StyleFacts:
    """What a paragraph style says about headings and indentation, worked out once per style."""

    is_heading: bool
    indent_left: int | None
    is_toc: bool = False

    @classmethod
    def of(cls, defs: NumberingDefs, style: str | None) -> "_StyleFacts":
        chain: list[StyleNumbering] = defs.style_chain(style)
        return cls(
            is_heading=any((s.outline_level == 0) or (s.name or "").lower() == "heading 1" for s in chain[:3]),
            indent_left=next((s.indent_left for s in chain if s.indent_left is not None), None),
            # Table-of-contents entries repeat clause numbers as typed text; they are not clauses.
            is_toc=any(re.fullmatch(r"toc ?\d|toc heading|table of figures", (s.name or "").lower()) or re.fullmatch(r"TOC\d|TOCHeading", s.style_id) for s in chain[:3]),
        )


def _read_tables(doc: Document, tables: dict[int, list[list[list[str]]]], step_cells: dict, captions: dict[int, str], part: str) -> list[Clause]:
    """Record the tables and return the clauses of their numbered step rows."""
    steps: list[Clause] = []
    for index in sorted(tables):
        rows = [[c for c in row] for row in tables[index]]
        caption = captions.get(index) or ""
        m = TABLE_CAPTION.match(caption)
        label = m.group(1) if m else None
        table = Table(index=index, rows=rows, caption=caption if m else None, label=label, source=Provenance(part=part, table=index))
        doc.tables.append(table)
        if label is None:
            continue
        for r_i, row in enumerate(rows):
            if not row:
                continue
            auto = step_cells.get((index, r_i))
            if auto is not None and auto[0]:
                step, numbering, value, fmt = auto
                first = row[0][len(step):].strip() if row[0].startswith(step) else row[0]
                step = step.rstrip(".")  # a "%1." list numbers step 1, as typed "1." does
            else:
                lit = STEP_NUMBER.match(row[0])
                if lit is None:
                    continue
                step, numbering, value, fmt, first = lit.group(1), "literal", None, None, ""
            rest = [first] if first else []
            rest += row[1:]
            text = " | ".join(c for c in rest)
            clause = step_clause(label, step, text, Provenance(part=part, table=index, row=r_i), numbering=numbering, value=value, fmt=fmt)
            steps.append(clause)
    return steps


def _guess_identity(doc: Document) -> None:
    """Title, appendix letter and version from core properties, else from the cover paragraphs."""
    cover = " ".join(p.text for p in doc.paragraphs[:12])
    haystack = " ".join(filter(None, [doc.title or "", doc.metadata.get("subject", ""), cover]))
    if not doc.title:
        doc.title = next((p.text for p in doc.paragraphs if p.text and not p.num), None)
    m = re.search(r"\bAppendix\s+([A-Z]{1,2})\b", haystack)
    if m:
        doc.appendix = m.group(1)
    else:
        low = haystack.lower()
        doc.appendix = next((code for key, code in APPENDIX_TITLES.items() if key in low), None)
    v = re.search(r"\b(?:Version|v)\s*(\d+(?:\.\d+)*)\b", haystack)
    if v:
        doc.version = v.group(1)
