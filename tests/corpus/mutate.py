"""Seeded edits of a .docx, the way people edit documents, in any story: a mutation corpus.

`mutate(data, story, edit, seed)` returns a NEW package made from `data` by one edit of kind
`edit` (see EDITS) in `story` (see STORIES), or None when the story has nowhere to make it. The
choice of paragraph, word and replacement comes from `random.Random` seeded with the document,
story, edit and seed, so a pair is made the same on every machine and every run.

Like the rest of this package it reads the package with zipfile and lxml only (no docgen), so the
corpus cannot inherit docgen's idea of where a story's paragraphs are. `bold_lines` is the
formatting reading the checker does not do: each paragraph with its bold stretches marked.
"""

from __future__ import annotations

import copy
import random
import re

from lxml import etree

from .checker import MC, W, Package, local, ns, w

STORIES = ("body", "tables", "headers and footers", "notes", "text boxes")
EDITS = ("word replaced", "paragraph deleted", "paragraph copied with a change", "paragraphs swapped", "cell text replaced", "bold toggled")
_WORDS = ("amended", "revised", "Licensee", "withdrawn", "quarterly", "Panel", "notified", "Supplier", "promptly", "each")
_WORD = re.compile(r"[A-Za-z]{3,}|\d+")  # words, and numbers (a page number's cached result)
_STORY_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
# Run properties that come before w:b in CT_RPr's sequence.
_BEFORE_BOLD = ("rStyle", "rFonts")


def mutate(data: bytes, story: str, edit: str, seed: int, name: str = "") -> bytes | None:
    pkg = Package.read(data)
    roots = {part: pkg.xml(part) for part in sorted(pkg.parts) if _STORY_PART.match(part)}
    rng = random.Random(f"{name}|{story}|{edit}|{seed}")
    paras = _story_paragraphs(roots, story)
    done = _EDITORS[edit](paras, rng)
    if not done:
        return None
    for root in roots.values():
        _sync_fallbacks(root)
    for part, root in roots.items():
        pkg.parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return pkg.to_bytes()


# --------------------------------------------------------------------------- where a story's paragraphs are
def _story_paragraphs(roots: dict[str, etree._Element], story: str) -> list[etree._Element]:
    out = []
    for part, root in roots.items():
        kind = part.removeprefix("word/").removesuffix(".xml").rstrip("0123456789")
        for p in root.iter(w("p")):
            if _in_fallback(p) or _pending(p):
                continue
            box, cell = _inside(p, "txbxContent"), _inside(p, "tc")
            if story == "text boxes":
                ok = box
            elif box:
                ok = False
            elif story == "body":
                ok = kind == "document" and not cell
            elif story == "tables":
                ok = kind == "document" and cell
            elif story == "headers and footers":
                ok = kind in ("header", "footer")
            else:
                ok = kind in ("footnotes", "endnotes") and _real_note(p)
            if ok:
                out.append(p)
    return out


def _inside(el: etree._Element, tag: str) -> bool:
    return any(local(a) == tag for a in el.iterancestors())


def _in_fallback(el: etree._Element) -> bool:
    return any(ns(a) == MC and local(a) == "Fallback" for a in el.iterancestors())


def _pending(p: etree._Element) -> bool:
    """A paragraph already holding tracked changes is not a place to edit (the corpus edits versions)."""
    return any(local(x) in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange") for x in p.iter() if isinstance(x.tag, str))


def _real_note(p: etree._Element) -> bool:
    for a in p.iterancestors():
        if local(a) in ("footnote", "endnote"):
            return a.get(w("type")) in (None, "normal") and a.get(w("id")) not in ("-1", "0")
    return False


def _texts(p: etree._Element) -> list[etree._Element]:
    """The w:t of a paragraph's own runs (not of a text box or nested table inside it)."""
    return [t for t in p.iter(w("t")) if _owner(t) is p and t.text]


def _owner(el: etree._Element) -> etree._Element | None:
    for a in el.iterancestors():
        if local(a) == "p" and ns(a) == W:
            return a
    return None


def _breaks_section(p: etree._Element) -> bool:
    return p.find(f"{w('pPr')}/{w('sectPr')}") is not None


def _movable(p: etree._Element) -> bool:
    """Deleted, copied or swapped whole: not a section break, nothing that must stay unique."""
    if _breaks_section(p):
        return False
    unique = ("footnoteReference", "endnoteReference", "drawing", "pict", "object", "bookmarkStart", "footnoteRef", "endnoteRef")
    return not any(local(x) in unique for x in p.iter() if isinstance(x.tag, str))


# --------------------------------------------------------------------------- the edits
def _replace_word(p: etree._Element, rng: random.Random) -> bool:
    spots = [(t, m) for t in _texts(p) for m in _WORD.finditer(t.text)]
    if not spots:
        return False
    t, m = rng.choice(spots)
    word = str(int(m.group()) + 1 + rng.randrange(9)) if m.group().isdigit() else rng.choice([x for x in _WORDS if x != m.group()])
    t.text = t.text[: m.start()] + word + t.text[m.end() :]
    return True


def word_replaced(paras: list[etree._Element], rng: random.Random) -> bool:
    options = [p for p in paras if any(_WORD.search(t.text) for t in _texts(p))]
    return bool(options) and _replace_word(rng.choice(options), rng)


def paragraph_deleted(paras: list[etree._Element], rng: random.Random) -> bool:
    options = [p for p in paras if _movable(p) and sum(1 for s in p.getparent() if local(s) == "p") > 1]
    if not options:
        return False
    p = rng.choice(options)
    p.getparent().remove(p)
    return True


def paragraph_copied(paras: list[etree._Element], rng: random.Random) -> bool:
    options = [p for p in paras if _movable(p) and any(_WORD.search(t.text) for t in _texts(p))]
    if not options:
        return False
    p = rng.choice(options)
    twin = copy.deepcopy(p)
    for mark in [x for x in twin.iter() if local(x) in ("bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference")]:
        mark.getparent().remove(mark)
    _replace_word(twin, rng)
    p.addnext(twin)
    return True


def paragraphs_swapped(paras: list[etree._Element], rng: random.Random) -> bool:
    chosen = {id(p) for p in paras}
    options = [p for p in paras if _movable(p) and (n := p.getnext()) is not None and id(n) in chosen and _movable(n) and _texts(p) and _texts(n)]
    options = [p for p in options if _plain(p) != _plain(p.getnext())]
    if not options:
        return False
    p = rng.choice(options)
    nxt = p.getnext()
    nxt.addnext(p)
    return True


def _plain(p: etree._Element) -> str:
    return "".join(t.text for t in _texts(p))


def cell_text_replaced(paras: list[etree._Element], rng: random.Random) -> bool:
    cells = []
    for p in paras:
        tc = next((a for a in p.iterancestors() if local(a) == "tc"), None)
        if tc is not None and all(c is not tc for c in cells) and any(_texts(q) for q in tc if local(q) == "p"):
            cells.append(tc)
    if not cells:
        return False
    tc = rng.choice(cells)
    texts = [t for q in tc if local(q) == "p" for t in _texts(q)]
    texts[0].text = f"{rng.choice(_WORDS)} {rng.choice(_WORDS)}".capitalize()
    for t in texts[1:]:
        t.text = ""
    return True


def bold_toggled(paras: list[etree._Element], rng: random.Random) -> bool:
    runs = [t.getparent() for p in paras for t in _texts(p) if local(t.getparent()) == "r" and t.text.strip()]
    if not runs:
        return False
    r = rng.choice(runs)
    rpr = r.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        r.insert(0, rpr)
    bold = rpr.find(w("b"))
    if bold is not None and _on(bold):
        rpr.remove(bold)
        return True
    if bold is None:
        bold = etree.Element(w("b"))
        at = sum(1 for c in rpr if local(c) in _BEFORE_BOLD)
        rpr.insert(at, bold)
    bold.attrib.pop(w("val"), None)
    return True


_EDITORS = {
    "word replaced": word_replaced,
    "paragraph deleted": paragraph_deleted,
    "paragraph copied with a change": paragraph_copied,
    "paragraphs swapped": paragraphs_swapped,
    "cell text replaced": cell_text_replaced,
    "bold toggled": bold_toggled,
}


def _sync_fallbacks(root: etree._Element) -> None:
    """A text box edited in mc:Choice is edited in its VML fallback too, as Word saves both."""
    for alt in root.iter(f"{{{MC}}}AlternateContent"):
        choice = next((c for c in alt if local(c) == "Choice"), None)
        fallback = next((c for c in alt if local(c) == "Fallback"), None)
        if choice is None or fallback is None:
            continue
        boxes = [b for b in choice.iter(w("txbxContent")) if not _inside_box(b, choice)]
        backs = [b for b in fallback.iter(w("txbxContent")) if not _inside_box(b, fallback)]
        for box, back in zip(boxes, backs):
            back.getparent().replace(back, copy.deepcopy(box))


def _inside_box(box: etree._Element, stop: etree._Element) -> bool:
    for a in box.iterancestors():
        if a is stop:
            return False
        if local(a) == "txbxContent":
            return True
    return False


def _on(el: etree._Element) -> bool:
    return el.get(w("val"), "true").lower() not in ("0", "false", "off")


# --------------------------------------------------------------------------- formatting, read back
def bold_lines(pkg: Package) -> dict[str, list[str]]:
    """Per story part, each paragraph's text with its directly bold stretches in [b]...[/b]."""
    out: dict[str, list[str]] = {}
    for part in sorted(pkg.parts):
        if not _STORY_PART.match(part):
            continue
        lines = []
        for p in pkg.xml(part).iter(w("p")):
            if _in_fallback(p):
                continue
            pieces, bold = [], False
            for t in _texts(p):
                rpr = t.getparent().find(w("rPr"))
                b = rpr is not None and (el := rpr.find(w("b"))) is not None and _on(el)
                if b != bold:
                    pieces.append("[b]" if b else "[/b]")
                    bold = b
                pieces.append(t.text)
            if pieces:
                lines.append("".join(pieces) + ("[/b]" if bold else ""))
        out[part] = lines
    return out


def body_paragraphs(pkg: Package) -> list[str]:
    """Every paragraph of the main document, empty ones included (the checker's reading skips
    them), each with "|break" where its mark ends a section: where the section breaks stand."""
    root = pkg.xml(pkg.main_part())
    out = []
    for p in root.iter(w("p")):
        if _in_fallback(p) or _inside(p, "txbxContent"):
            continue
        text = "".join(t.text or "" for t in p.iter(w("t")) if _owner(t) is p)
        out.append(text + ("|break" if _breaks_section(p) else ""))
    return out
