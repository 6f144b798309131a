"""A tiny PDF writer for the PDF reader's tests: text exactly where a test wants it.

LibreOffice-made fixtures are realistic but slow and never show the awkward cases on
demand (a continuation line that starts with "(a)", a strike through half a word, an
encrypted file). These PDFs use Courier, whose every glyph is 0.6 of the font size wide,
so a test can compute where each word ends; pdfminer knows the standard fonts' metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

A4 = (595.0, 842.0)
CHAR = 0.6  # Courier advance, in font sizes


def width(text: str, size: float = 11.0) -> float:
    return CHAR * size * len(text)


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


@dataclass
class Page:
    width: float = A4[0]
    height: float = A4[1]
    ops: list[str] = field(default_factory=list)

    def text(self, x: float, top: float, text: str, *, size: float = 11.0, bold: bool = False,
             colour: tuple[float, float, float] = (0, 0, 0)) -> float:
        """Write `text` with its baseline `top` points below the page top; return where it ends."""
        font = "F2" if bold else "F1"
        r, g, b = colour
        self.ops.append(
            f"BT {r} {g} {b} rg /{font} {size} Tf 1 0 0 1 {x:.2f} {self.height - top:.2f} Tm {_pdf_string(text)} Tj ET"
        )
        return x + width(text, size)

    def words(self, x: float, top: float, *parts: str, size: float = 11.0, bold: bool = False) -> float:
        """Several runs on one line, one space apart (a tab-like gap is a run of spaces)."""
        for part in parts:
            x = self.text(x, top, part, size=size, bold=bold) + width(" ", size)
        return x

    def hline(self, x0: float, x1: float, top: float, *, thickness: float = 0.6,
              colour: tuple[float, float, float] = (0, 0, 0)) -> None:
        r, g, b = colour
        y = self.height - top
        self.ops.append(f"{r} {g} {b} RG {thickness} w {x0:.2f} {y:.2f} m {x1:.2f} {y:.2f} l S")

    def vline(self, x: float, top: float, bottom: float) -> None:
        self.ops.append(f"0 0 0 RG 0.5 w {x:.2f} {self.height - top:.2f} m {x:.2f} {self.height - bottom:.2f} l S")

    def box(self, x0: float, top: float, x1: float, bottom: float, grey: float = 0.5) -> None:
        self.ops.append(f"{grey} g {x0:.2f} {self.height - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re f")

    def grid(self, xs: list[float], tops: list[float]) -> None:
        """A ruled table: vertical borders at `xs`, horizontal ones at `tops`."""
        for top in tops:
            self.hline(xs[0], xs[-1], top, thickness=0.5)
        for x in xs:
            self.vline(x, tops[0], tops[-1])


@dataclass
class Pdf:
    pages: list[Page] = field(default_factory=list)
    title: str | None = None
    encrypted: bool = False

    def page(self) -> Page:
        page = Page()
        self.pages.append(page)
        return page

    def to_bytes(self) -> bytes:
        objects: list[str] = []

        def add(body: str) -> int:
            objects.append(body)
            return len(objects)

        catalog = add("")  # filled in once the page tree's number is known
        fonts = add("")
        regular = add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
        bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>")
        objects[fonts - 1] = f"<< /F1 {regular} 0 R /F2 {bold} 0 R >>"
        tree = add("")
        kids = []
        for page in self.pages:
            stream = "\n".join(page.ops)
            content = add(f"<< /Length {len(stream.encode('cp1252'))} >>\nstream\n{stream}\nendstream")
            kids.append(add(
                f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {page.width} {page.height}] "
                f"/Resources << /Font {fonts} 0 R >> /Contents {content} 0 R >>"
            ))
        objects[tree - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
        objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>"
        trailer_extra = ""
        if self.title is not None:
            info = add(f"<< /Title {_pdf_string(self.title)} >>")
            trailer_extra += f" /Info {info} 0 R"
        if self.encrypted:
            # A standard security handler whose user password is not empty: readers must ask for it.
            secret = "<" + "AB" * 32 + ">"
            enc = add(f"<< /Filter /Standard /V 1 /R 2 /O {secret} /U {secret} /P -44 >>")
            trailer_extra += f" /Encrypt {enc} 0 R /ID [<{'01' * 16}> <{'01' * 16}>]"
        out = bytearray(b"%PDF-1.4\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n{body}\nendobj\n".encode("cp1252")
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        for offset in offsets:
            out += f"{offset:010d} 00000 n \n".encode()
        out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


@dataclass
class Flow:
    """Lays paragraphs and tables down pages the way a word processor would, in Courier.

    Text wraps greedily at `right`; a paragraph's wrapped lines start at `cont_x` (its text
    column unless told otherwise); paragraphs are `gap` points further apart than lines.
    Every page gets `header` at the top and "Page n of N" at the bottom when `footer` is set.
    """

    pdf: Pdf
    right: float = 523.0
    pitch: float = 13.0
    gap: float = 7.0
    top_margin: float = 80.0
    bottom_margin: float = 770.0
    header: str | None = None
    footer: bool = False
    top: float = 0.0
    current: Page | None = None

    def new_page(self) -> Page:
        self.current = self.pdf.page()
        if self.header:
            self.current.text(72, 40, self.header)
        self.top = self.top_margin
        return self.current

    @property
    def page(self) -> Page:
        return self.current if self.current is not None else self.new_page()

    def _line_room(self, needed: float) -> Page:
        page = self.page
        if self.top + needed > self.bottom_margin:
            page = self.new_page()
        return page

    def para(self, text: str, *, label: str | None = None, label_x: float = 72.0, text_x: float | None = None,
             cont_x: float | None = None, size: float = 11.0, bold: bool = False) -> None:
        text_x = text_x if text_x is not None else (label_x + 36.0 if label else label_x)
        cont_x = cont_x if cont_x is not None else text_x
        lines = wrap(text, self.right - text_x, self.right - cont_x, size)
        for i, line in enumerate(lines):
            page = self._line_room(size * 1.2)
            if i == 0 and label:
                page.text(label_x, self.top, label, size=size, bold=bold)
            page.text(text_x if i == 0 else cont_x, self.top, line, size=size, bold=bold)
            self.top += self.pitch * size / 11.0
        self.top += self.gap

    def table(self, rows: list[list[str]], xs: list[float], *, repeat_header: bool = True) -> None:
        """A ruled table; rows move whole to the next page, where the header row is repeated."""
        page = self._line_room(self.pitch * 2)
        tops = [self.top - 11.0]
        header = rows[0]

        def draw(row: list[str], page: Page) -> None:
            cells = [wrap(cell, xs[c + 1] - xs[c] - 6, xs[c + 1] - xs[c] - 6, 11.0) if cell else [] for c, cell in enumerate(row)]
            for c, lines in enumerate(cells):
                for j, line in enumerate(lines):
                    page.text(xs[c] + 3, self.top + j * self.pitch, line)
            self.top += self.pitch * max(1, max(len(x) for x in cells)) + 4.0
            tops.append(self.top - 11.0)

        for r, row in enumerate(rows):
            height = self.pitch * max(1, max(len(wrap(c, xs[i + 1] - xs[i] - 6, xs[i + 1] - xs[i] - 6, 11.0)) for i, c in enumerate(row) if c) if any(row) else 1)
            if self.top + height > self.bottom_margin:
                page.grid(xs, tops)
                page = self.new_page()
                self.top += 11.0
                tops[:] = [self.top - 11.0]
                if repeat_header and r > 0:
                    draw(header, page)
            draw(row, page)
        page.grid(xs, tops)
        self.top += self.gap + 11.0

    def finish(self) -> bytes:
        if self.footer:
            total = len(self.pdf.pages)
            for n, page in enumerate(self.pdf.pages, start=1):
                page.text(250, 800, f"Page {n} of {total}")
        return self.pdf.to_bytes()


def wrap(text: str, first_width: float, other_width: float, size: float = 11.0) -> list[str]:
    """Greedy word wrap in Courier: a word goes to the next line only when it does not fit."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        room = first_width if not lines else other_width
        candidate = f"{current} {word}" if current else word
        if current and width(candidate, size) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines
