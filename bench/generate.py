"""Realistic SEC-like documents for the benchmarks, at any size, with edits for redline pairs.

A benchmark on a toy file measures start-up, not work, and one on random text measures
nothing a user will see: so the content here is shaped like the SEC appendices (sections of
clauses, lead-ins ending in ":" over items and sub-items, Device Models and SRVs named in
the text, a captioned table every hundred clauses or so) and every number is Word
auto-numbering (an abstractNum per appendix, numPr on each paragraph). The content is a
list of blocks, built from a seeded generator, so the same size always gives the same
bytes, and an edit script can change the blocks before they are rendered: that is how the
redline pairs get their known numbers of insertions, deletions, modifications, moves,
formatting changes and table edits.

Run `python bench/generate.py [OUT_DIR]` to write the parse sizes and one redline pair.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing
sys.path.insert(0, str(HERE.parent / "sources"))  # the document generators (synth) live beside the sources

from synth.devices import DEVICES  # noqa: E402
from synth.docx import DocxBuilder, Level  # noqa: E402

# One appendix is about the size of the real S1SR; the whole SEC is twenty of them.
APPENDIX_PARAGRAPHS = 1500
SIZES = {"s1sr": 1, "five": 5, "sec": 20}  # name -> appendices of APPENDIX_PARAGRAPHS numbered paragraphs
SIZE_LABELS = {"s1sr": "one S1SR", "five": "five appendices", "sec": "whole SEC"}
INDENTS = (0, 0, 720, 1440)  # twips by ilvl: the hierarchy a reader sees when it looks at indents
CLAUSES_PER_TABLE = 100

_APPENDICES = (
    ("AM", "SMETS1 Supporting Requirements"),
    ("AL", "SMETS1 Transition and Migration Approach Document"),
    ("AK", "SMETS1 Service Provider Variation Testing Approach Document"),
    ("Z", "CPL Requirements Document"),
    ("AB", "Service Request Processing Document"),
    ("H", "Registration Data Interface Specification"),
    ("AD", "DCC User Interface Specification"),
    ("E", "Enrolment and Adoption"),
    ("AH", "Threshold Anomaly Detection Procedures"),
    ("AI", "Self Service Interface Code of Connection"),
)
_SECTION_TOPICS = (
    "Introduction", "Definitions and Interpretation", "Scope", "Service Requests", "Responses and Alerts",
    "Security Credentials", "Prepayment", "Tariffs and Billing", "Time and Clock Synchronisation",
    "Profile Data", "Communications Hubs", "Migration", "Testing", "Firmware", "Incident Management",
    "Device Specific Behaviours", "Reporting", "Changes to this Document", "Transitional Arrangements",
    "Data Retention", "Anomaly Detection", "Interfaces", "Performance Measures", "Business Continuity",
)
_SUBJECTS = (
    "the S1SP", "the DCC", "each User", "the Supplier Party", "the Network Party", "the SEC Panel",
    "the Service Provider", "the Communications Service Provider", "the Registration Data Provider",
    "the Installing Supplier", "the Responsible Supplier", "the Code Administrator",
)
_ACTIONS = (
    "shall process the Service Request", "shall record the outcome", "shall notify the User",
    "shall reject the request", "shall keep a copy of the configuration", "shall return the values read",
    "shall raise a DCC Alert", "shall update the Smart Metering Inventory", "may suspend the service",
    "shall retain the data", "shall apply the change", "shall publish a report",
    "shall send the Command", "shall check the Security Credentials", "shall hold the schedule",
    "shall convert the timestamps to UTC", "shall confirm the installation", "shall remove the entry",
)
_OBJECTS = (
    "for each Device in the Installation", "within {n} hours of receipt", "before any Command is sent",
    "in the format set out in Annex {annex}", "using the Equivalent Steps in Clause {ref}",
    "where the Device Model supports it", "for no more than {n} days", "at the next daily synchronisation",
    "in accordance with Section {section} of the Code", "unless the SEC Panel decides otherwise",
    "once the CHF has confirmed the change", "for the {device}", "on receipt of SRV {srv}",
    "as soon as reasonably practicable", "and at least once in every {n} months",
)
_TAILS = (
    "and shall say so in the Service Response", "so that no data is returned twice",
    "and the User is told of the reason", "whatever the time given in the request",
    "where the Device holds no valid reading", "and no Command is sent to the Device",
    "after consulting the affected Users", "except where the Device is in Prepayment Mode",
    "for the period set out in the relevant Schedule", "", "", "",
)
_ITEM_STEMS = (
    "the {device} is on the CHF whitelist", "no more than {n} entries are returned in one response",
    "periods before the last change of supplier are not returned", "the response to SRV {srv} is sent within {n} hours",
    "the values are held to {n} decimal places", "the request is rejected where the Device is not commissioned",
    "a copy of the log is kept for {n} months", "the User is notified of any entry removed",
    "the Security Credentials are those of the Responsible Supplier", "the schedule is held by the S1SP",
    "any Alert raised is passed to the User within {n} minutes", "the timestamps are given in UTC",
)
_SRVS = (
    "1.1.1", "1.2.1", "1.5", "1.6", "2.1", "2.2", "2.3", "2.5", "3.1", "4.1.1", "4.2", "4.4.2", "4.6.1",
    "4.8.1", "4.8.2", "4.8.3", "4.10", "4.11", "4.13", "4.14", "5.1", "6.8", "6.11", "6.15.1", "7.1",
    "7.2", "8.2", "8.3", "8.7.1", "8.8.1", "8.11", "11.1", "11.3",
)
_CELL_WORDS = ("Yes", "No", "FOC", "IOC", "MOC", "Not applicable", "See Clause", "Supported", "Optional")


@dataclass
class Para:
    """A numbered paragraph at `ilvl` (1 clause, 2 item, 3 sub-item); `runs` when formatted."""

    text: str
    ilvl: int
    runs: list[tuple[str, dict]] | None = None


@dataclass
class Heading:
    """A numbered section heading (ilvl 0)."""

    text: str


@dataclass
class Table:
    caption: str
    rows: list[list[str]]


Block = Para | Heading | Table


@dataclass
class Appendix:
    letter: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Corpus:
    appendices: list[Appendix]

    def counts(self) -> dict[str, int]:
        """What a size means: numbered paragraphs (headings included), tables, and every w:p."""
        numbered = tables = cells = 0
        for a in self.appendices:
            for b in a.blocks:
                if isinstance(b, Table):
                    tables += 1
                    cells += sum(len(r) for r in b.rows) + 1  # + the caption
                else:
                    numbered += 1
        plain = 4 * len(self.appendices)  # cover lines
        return {"numbered": numbered, "tables": tables, "paragraphs": numbered + cells + plain}


class _Text:
    """Clause wording from a seeded generator; numbers in the text keep most paragraphs unique."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            n=r.randint(2, 96),
            annex=r.choice("DEFG"),
            ref=f"{r.randint(1, 24)}.{r.randint(1, 40)}",
            section=r.choice("ABCDEFGHIJ"),
            device=r.choice(DEVICES).name,
            srv=r.choice(_SRVS),
        )

    def clause(self) -> str:
        r = self.rng
        parts = [r.choice(_SUBJECTS), r.choice(_ACTIONS), self._fill(r.choice(_OBJECTS))]
        if r.random() < 0.5:
            parts.append(self._fill(r.choice(_OBJECTS)))
        tail = r.choice(_TAILS)
        if tail:
            parts.append(tail)
        text = " ".join(parts)
        if r.random() < 0.3:
            text = f"Where the {r.choice(DEVICES).name} receives SRV {r.choice(_SRVS)}, {text}"
        return text[0].upper() + text[1:] + "."

    def lead_in(self) -> str:
        r = self.rng
        subject = r.choice(_SUBJECTS)
        return f"{subject[0].upper()}{subject[1:]} {r.choice(_ACTIONS)} {self._fill(r.choice(_OBJECTS))} where the following apply:"

    def item(self, last: bool, penultimate: bool) -> str:
        text = self._fill(self.rng.choice(_ITEM_STEMS))
        return text + ("." if last else "; and" if penultimate else ";")

    def table(self, label: str) -> Table:
        r = self.rng
        ncols = r.randint(3, 4)
        header = ["Device Model", "SRV", "Cohort", "Notes"][:ncols]
        rows = [header]
        for _ in range(r.randint(5, 8)):
            d = r.choice(DEVICES)
            row = [d.name, f"SRV {r.choice(_SRVS)}", d.cohort, f"{r.choice(_CELL_WORDS)} {r.randint(1, 99)}"]
            rows.append(row[:ncols])
        return Table(f"Table {label} – {r.choice(_SECTION_TOPICS)} by Device Model", rows)


def appendix(index: int, numbered: int, seed: int = 0) -> Appendix:
    """One appendix with about `numbered` numbered paragraphs, deterministic for (index, seed)."""
    rng = random.Random(f"bench-appendix-{index}-{seed}")
    text = _Text(rng)
    letter, title = _APPENDICES[index % len(_APPENDICES)]
    blocks: list[Block] = []
    count = 0
    section = 0
    clauses_since_table = 0
    while count < numbered:
        section += 1
        blocks.append(Heading(_SECTION_TOPICS[(section - 1) % len(_SECTION_TOPICS)]))
        count += 1
        for _ in range(rng.randint(8, 30)):
            if count >= numbered:
                break
            if rng.random() < 0.3:
                blocks.append(Para(text.lead_in(), 1))
                n_items = rng.randint(2, 6)
                for i in range(n_items):
                    blocks.append(Para(text.item(i == n_items - 1, i == n_items - 2), 2))
                    count += 1
                    if rng.random() < 0.15:
                        n_sub = rng.randint(2, 4)
                        for j in range(n_sub):
                            blocks.append(Para(text.item(j == n_sub - 1, j == n_sub - 2), 3))
                            count += 1
            else:
                blocks.append(Para(text.clause() if rng.random() > 0.02 else "Not used.", 1))
            count += 1
            clauses_since_table += 1
            if clauses_since_table >= CLAUSES_PER_TABLE // 2 and rng.random() < 0.1:
                blocks.append(text.table(f"{section}.{sum(isinstance(b, Table) for b in blocks) + 1}"))
                clauses_since_table = 0
    return Appendix(letter, title, blocks)


def corpus(appendices: int, numbered_each: int = APPENDIX_PARAGRAPHS, seed: int = 0) -> Corpus:
    return Corpus([appendix(i, numbered_each, seed) for i in range(appendices)])


def corpus_with_tables(numbered: int, tables: int, seed: int = 0) -> Corpus:
    """One appendix of `numbered` paragraphs holding exactly `tables` tables, spread evenly."""
    base = appendix(0, numbered, seed)
    rng = random.Random(f"bench-tables-{seed}")
    text = _Text(rng)
    blocks = [b for b in base.blocks if not isinstance(b, Table)]
    clause_starts = [i for i, b in enumerate(blocks) if isinstance(b, Para) and b.ilvl == 1]
    step = max(1, len(clause_starts) // (tables + 1))
    positions = set(clause_starts[step::step][:tables])
    out: list[Block] = []
    n = 0
    for i, b in enumerate(blocks):
        if i in positions:
            n += 1
            out.append(text.table(f"X{n}"))
        out.append(b)
    return Corpus([Appendix(base.letter, base.title, out)])


# ---------------------------------------------------------------------------- rendering


def _numbering(b: DocxBuilder, abstract_id: int) -> None:
    b.abstract_num(
        abstract_id,
        [
            Level(0, "decimal", "%1", indent_left=INDENTS[0]),
            Level(1, "decimal", "%1.%2", indent_left=INDENTS[1]),
            Level(2, "lowerLetter", "(%3)", indent_left=INDENTS[2]),
            Level(3, "lowerRoman", "(%4)", indent_left=INDENTS[3]),
        ],
    )
    b.num(abstract_id, abstract_id)


def render_blocks(b: DocxBuilder, blocks: list[Block], num_id: int, *, heading_style_numbered: bool = False) -> None:
    """Add blocks to a builder; headings take numbering from their style when it has it."""
    for block in blocks:
        if isinstance(block, Heading):
            if heading_style_numbered:
                b.paragraph(block.text, style="Heading1")
            else:
                b.paragraph(block.text, style="Heading1", num_id=num_id, ilvl=0)
        elif isinstance(block, Para):
            b.paragraph(block.text, num_id=num_id, ilvl=block.ilvl, runs=block.runs)
        else:
            b.paragraph(block.caption, style="Caption")
            b.table(block.rows)


def render(c: Corpus) -> bytes:
    b = DocxBuilder(title=f"Smart Energy Code – {len(c.appendices)} appendices", subject="benchmark corpus")
    b.header_footer("DCC Public", "Smart Energy Code\tPage {PAGE}")
    for k, a in enumerate(c.appendices, 1):
        _numbering(b, k)
        b.paragraph(f"SEC Appendix {a.letter}", style="Title", page_break_before=k > 1)
        b.paragraph(a.title)
        b.paragraph("Version 1.0")
        b.paragraph("Date: 1 April 2025")
        render_blocks(b, a.blocks, k)
    return b.to_bytes()


def s1sr_scale(version: str, numbered: int = APPENDIX_PARAGRAPHS) -> bytes:
    """The synthetic S1SR of `version` (with its 18.5p story and DMVES facts) grown to about
    `numbered` numbered paragraphs by further generated sections after its annexes, numbered
    from the same Word list, so the lint sees a document of the real S1SR's size."""
    import tempfile

    from docgen.readers.docx import read_docx
    from synth.s1sr import BODY_NUM_ID, build_s1sr, render_s1sr

    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "s1sr.docx"
        plain.write_bytes(build_s1sr(version))
        have = len(read_docx(plain).clauses)
    b = render_s1sr(version)
    extra = appendix(0, max(0, numbered - have), seed=18)
    render_blocks(b, [blk for blk in extra.blocks if not isinstance(blk, Table)], BODY_NUM_ID, heading_style_numbered=True)
    return b.to_bytes()


# ---------------------------------------------------------------------------- edits

EDIT_KINDS = ("insert", "delete", "modify", "move", "format", "table")


@dataclass
class EditScript:
    """How many of each kind were made, so a redline's revision counts can be judged."""

    counts: dict[str, int] = field(default_factory=dict)


def edit(c: Corpus, per_kind: int, seed: int = 1) -> tuple[Corpus, EditScript]:
    """A new version of a one-appendix corpus with `per_kind` edits of every kind.

    Each edit touches its own paragraph (no two edits overlap), so the expected revisions
    are known: an insertion or a deletion is one paragraph; a modification changes a few
    words; a move takes a whole clause to another section; a format change makes some
    words bold; a table edit changes a cell, adds a row or deletes one.
    """
    rng = random.Random(f"bench-edit-{seed}")
    text = _Text(rng)
    (app,) = c.appendices
    blocks: list[Block] = [replace(b) if isinstance(b, Para) else b for b in app.blocks]
    leaves = [i for i, b in enumerate(blocks) if isinstance(b, Para) and b.ilvl == 1 and not _has_children(blocks, i)]
    items = [i for i, b in enumerate(blocks) if isinstance(b, Para) and b.ilvl >= 2]
    tables = [i for i, b in enumerate(blocks) if isinstance(b, Table)]
    rng.shuffle(leaves)
    rng.shuffle(items)
    need = 4 * per_kind  # delete, modify, move, format each need their own clause
    if len(leaves) < need + per_kind:
        raise ValueError(f"the corpus has {len(leaves)} plain clauses; {need + per_kind} are needed for {per_kind} edits of each kind")
    deleted = set(leaves[:per_kind])
    modified = leaves[per_kind: 2 * per_kind]
    moved = leaves[2 * per_kind: 3 * per_kind]
    formatted = leaves[3 * per_kind: 4 * per_kind]
    insert_after = set(leaves[4 * per_kind: 5 * per_kind])
    for i in modified:
        blocks[i] = Para(_modify(blocks[i].text, rng), 1)  # type: ignore[union-attr]
    for i in formatted:
        blocks[i] = Para(blocks[i].text, 1, runs=_bold_span(blocks[i].text, rng))  # type: ignore[union-attr]
    table_edits = _edit_tables(blocks, tables, per_kind, rng, text)
    moving = {i: blocks[i] for i in moved}
    targets = [i for i in leaves[5 * per_kind:]]  # land each move after a clause nobody else touches
    rng.shuffle(targets)
    land = {}
    for src, dst in zip(moved, targets):
        if abs(src - dst) > 40:  # far enough to be a move, not a neighbour swap
            land[dst] = src
    for src, dst in zip(moved, targets[len(moved):]):
        if src not in land.values():
            land[dst] = src
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if i in deleted or i in moving:
            continue
        out.append(b)
        if i in insert_after:
            out.append(Para(text.clause(), 1))
        if i in land:
            out.append(moving[land[i]])
    script = EditScript({
        "insert": len(insert_after), "delete": len(deleted), "modify": len(modified),
        "move": len(land), "format": len(formatted), "table": table_edits,
    })
    return Corpus([Appendix(app.letter, app.title, out)]), script


def _has_children(blocks: list[Block], i: int) -> bool:
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return isinstance(nxt, Para) and nxt.ilvl > 1


def _modify(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    k = rng.randrange(1, max(2, len(words) - 1))
    choice = rng.random()
    if choice < 0.4:
        words[k] = rng.choice(("promptly", "each", "every", "the relevant", "any"))
    elif choice < 0.7:
        words.insert(k, rng.choice(("where practicable,", "in writing", "without delay", "(as amended)")))
    else:
        del words[k]
    return " ".join(words)


def _bold_span(text: str, rng: random.Random) -> list[tuple[str, dict]]:
    words = text.split(" ")
    a = rng.randrange(0, max(1, len(words) - 3))
    b = min(len(words), a + rng.randint(1, 3))
    before, span, after = " ".join(words[:a]), " ".join(words[a:b]), " ".join(words[b:])
    runs = []
    if before:
        runs.append((before + " ", {}))
    runs.append((span, {"bold": True}))
    if after:
        runs.append((" " + after, {}))
    return runs


def _edit_tables(blocks: list[Block], tables: list[int], n: int, rng: random.Random, text: _Text) -> int:
    """`n` table edits spread over the tables: a changed cell, an added row or a deleted row."""
    if not tables:
        return 0
    done = 0
    for k in range(n):
        i = tables[k % len(tables)]
        t = blocks[i]
        assert isinstance(t, Table)
        rows = [list(r) for r in t.rows]
        kind = k % 3
        if kind == 0:
            r = rng.randrange(1, len(rows))
            rows[r][-1] = f"{rows[r][-1]} (amended)"
        elif kind == 1:
            extra = text.table("x").rows[1][: len(rows[0])]
            rows.insert(rng.randrange(1, len(rows) + 1), extra)
        elif len(rows) > 3:
            del rows[rng.randrange(1, len(rows))]
        else:
            rows[1][0] = rows[1][0] + " (revised)"
        blocks[i] = Table(t.caption, rows)
        done += 1
    return done


# ---------------------------------------------------------------------------- files


def write_sizes(out: Path, names: list[str] | None = None) -> dict[str, Path]:
    """The parse corpus: one .docx per size name, written only when missing."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in names or list(SIZES):
        path = out / f"{name}.docx"
        if not path.exists():
            path.write_bytes(render(corpus(SIZES[name])))
        paths[name] = path
    return paths


def write_pair(out: Path, numbered: int, tables: int, per_kind: int, name: str, seed: int = 0) -> tuple[Path, Path, EditScript]:
    """An old/new pair for the redline benchmark; another `seed` gives other text and
    other edits of the same kinds and numbers (a pair docgen was not tuned on)."""
    out.mkdir(parents=True, exist_ok=True)
    old = corpus_with_tables(numbered, tables, seed)
    new, script = edit(old, per_kind, seed + 1)
    a, b = out / f"{name}-old.docx", out / f"{name}-new.docx"
    a.write_bytes(render(old))
    b.write_bytes(render(new))
    return a, b, script


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else HERE.parent / "out" / "bench"
    for name, path in write_sizes(out).items():
        print(f"{path}  {corpus(SIZES[name]).counts()}")
    a, b, script = write_pair(out, 3000, 30, 50, "pair-3k")
    print(f"{a} {b} {script.counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
