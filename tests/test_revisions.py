"""Accepting and rejecting tracked changes written by Word (or anyone), one rule at a time."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from corpus.wml import Doc, Part, package, story
from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder, Level
from docgen.ooxml.parts import package_bytes, read_parts
from docgen.ooxml.revisions import accept_all, accept_tree, reject_all, reject_tree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REV = 'w:author="A" w:date="2024-01-01T00:00:00Z"'


def body(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W}">{xml}</w:body>')


def texts(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]


def test_run_insertions_and_deletions():
    xml = f'<w:p><w:r><w:t>keep </w:t></w:r><w:del w:id="1" {REV}><w:r><w:delText>old</w:delText></w:r></w:del><w:ins w:id="2" {REV}><w:r><w:t>new</w:t></w:r></w:ins></w:p>'
    accepted, rejected = body(xml), body(xml)
    assert accept_tree(accepted) and reject_tree(rejected)
    assert texts(accepted) == ["keep new"] and texts(rejected) == ["keep old"]
    assert not list(rejected.iter(f"{{{W}}}delText"))


def test_moves_accept_at_the_destination_and_reject_at_the_source():
    xml = (
        f'<w:p><w:moveFromRangeStart w:id="5" {REV} w:name="move1"/><w:moveFrom w:id="6" {REV}><w:r><w:t>moved</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="5"/></w:p>'
        f'<w:p><w:r><w:t>middle</w:t></w:r></w:p>'
        f'<w:p><w:moveToRangeStart w:id="7" {REV} w:name="move1"/><w:moveTo w:id="8" {REV}><w:r><w:t>moved</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="7"/></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["", "middle", "moved"] and texts(rejected) == ["moved", "middle", ""]
    assert not [e for e in accepted.iter() if "Range" in str(e.tag)]


def test_a_removed_paragraph_mark_joins_the_paragraph_to_the_next_which_keeps_its_properties():
    xml = (
        f'<w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:del w:id="1" {REV}/></w:rPr></w:pPr><w:r><w:t>first half </w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>second half</w:t></w:r></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["first half second half"]
    assert accepted.find(f"{{{W}}}p/{{{W}}}pPr/{{{W}}}jc").get(f"{{{W}}}val") == "right"
    assert texts(rejected) == ["first half ", "second half"]


def test_an_inserted_paragraph_is_gone_when_rejected():
    xml = (
        f'<w:p><w:r><w:t>one</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:rPr><w:ins w:id="1" {REV}/></w:rPr></w:pPr><w:ins w:id="2" {REV}><w:r><w:t>added</w:t></w:r></w:ins></w:p>'
        f'<w:p><w:r><w:t>two</w:t></w:r></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["one", "added", "two"] and texts(rejected) == ["one", "two"]


def test_property_changes_are_dropped_on_accept_and_restored_on_reject():
    xml = (
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="3"/><w:numId w:val="1"/></w:numPr>'
        f'<w:pPrChange w:id="1" {REV}><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>'
        f'<w:r><w:rPr><w:b/><w:rPrChange w:id="2" {REV}><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>x</w:t></w:r></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    q = lambda root, path: root.find(path.replace("w:", f"{{{W}}}"))  # noqa: E731
    assert q(accepted, "w:p/w:pPr/w:numPr/w:ilvl").get(f"{{{W}}}val") == "3" and q(accepted, "w:p/w:pPr/w:pStyle") is not None
    assert q(accepted, "w:p/w:r/w:rPr/w:b") is not None and q(accepted, ".//w:rPrChange") is None
    assert q(rejected, "w:p/w:pPr/w:numPr/w:ilvl").get(f"{{{W}}}val") == "2" and q(rejected, "w:p/w:pPr/w:pStyle") is None
    assert q(rejected, "w:p/w:r/w:rPr/w:i") is not None and q(rejected, "w:p/w:r/w:rPr/w:b") is None


def _table(rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>{rows}</w:tbl>"


def _row(text: str, mark: str = "") -> str:
    trpr = f"<w:trPr>{mark}</w:trPr>" if mark else ""
    return f"<w:tr>{trpr}<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr>"


def test_table_rows_come_and_go_whole_and_an_emptied_table_goes_too():
    xml = _table(_row("kept") + _row("added", f'<w:ins w:id="1" {REV}/>') + _row("removed", f'<w:del w:id="2" {REV}/>'))
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["kept", "added"] and texts(rejected) == ["kept", "removed"]
    assert accepted.find(f".//{{{W}}}trPr") is None
    only_new = body(_table(_row("added", f'<w:ins w:id="1" {REV}/>')))
    reject_tree(only_new)
    assert only_new.find(f"{{{W}}}tbl") is None


def test_a_tree_without_revisions_is_reported_unchanged():
    assert not accept_tree(body("<w:p><w:r><w:t>plain</w:t></w:r></w:p>"))


@pytest.fixture()
def tracked_docx(tmp_path: Path) -> Path:
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1.")])
    b.num(1, 1)
    b.paragraph("first", num_id=1, ilvl=0)
    b.paragraph("withdrawn clause", num_id=1, ilvl=0, deleted=True)
    b.paragraph("new clause", num_id=1, ilvl=0, inserted=True)
    b.paragraph("last", num_id=1, ilvl=0)
    b.header_footer("Header", None)
    path = tmp_path / "tracked.docx"
    b.save(path)
    return path


def test_whole_packages_accept_and_reject_with_numbers_recounted(tracked_docx: Path, tmp_path: Path):
    parts = read_parts(tracked_docx)
    for fn, expected in ((accept_all, [("1.", "first"), ("2.", "new clause"), ("3.", "last")]), (reject_all, [("1.", "first"), ("2.", "withdrawn clause"), ("3.", "last")])):
        out = tmp_path / f"{fn.__name__}.docx"
        out.write_bytes(package_bytes(fn(parts)))
        assert [(p.num, p.text) for p in read_docx(out).paragraphs] == expected
    untouched = accept_all(parts)
    assert untouched["word/header1.xml"] == parts["word/header1.xml"] and untouched["word/styles.xml"] == parts["word/styles.xml"]


def test_package_bytes_are_deterministic_with_content_types_first(tracked_docx: Path):
    parts = read_parts(tracked_docx)
    first = package_bytes(accept_all(parts))
    assert first == package_bytes(accept_all(parts))
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ----- packages declared the other ways OPC allows --------------------------------------------

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
# Every revision element of ECMA-376 §17.13, written out here independently of docgen's lists.
REVISION_TAGS = {
    f"{{{W}}}{n}"
    for n in (
        "ins del moveFrom moveTo moveFromRangeStart moveFromRangeEnd moveToRangeStart moveToRangeEnd "
        "customXmlInsRangeStart customXmlInsRangeEnd customXmlDelRangeStart customXmlDelRangeEnd "
        "customXmlMoveFromRangeStart customXmlMoveFromRangeEnd customXmlMoveToRangeStart customXmlMoveToRangeEnd "
        "pPrChange rPrChange sectPrChange tblPrChange trPrChange tcPrChange tblGridChange tblPrExChange "
        "numberingChange cellIns cellDel cellMerge delText delInstrText"
    ).split()
}


def left_revisions(path: Path) -> list[tuple[str, str]]:
    """(part, element) of every revision element in any XML part: the test's own checker."""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                for el in etree.fromstring(z.read(name)).iter():
                    if el.tag in REVISION_TAGS:
                        found.append((name, etree.QName(el).localname))
    return found


def part_texts(path: Path, part: str) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return texts(etree.fromstring(z.read(part)))


def docgen_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


TRACKED_BODY = (
    f'<w:p><w:r><w:t xml:space="preserve">keep </w:t></w:r><w:del w:id="1" {REV}><w:r><w:delText>old</w:delText></w:r></w:del>'
    f'<w:ins w:id="2" {REV}><w:r><w:t>new</w:t></w:r></w:ins></w:p>'
)


@pytest.mark.parametrize("main", ["word/document.xml", "content/body.xml"])
def test_a_main_part_typed_by_a_default_rule_is_accepted_and_rejected_not_skipped(tmp_path: Path, main: str):
    src = Doc([TRACKED_BODY], main=main, content_types="default", bare=True).save(tmp_path / "dotnet.docx")
    for verb, expected in (("accept", ["keep new"]), ("reject", ["keep old"])):
        out = tmp_path / f"{verb}.docx"
        run = docgen_cli(verb, str(src), "-o", str(out))
        assert run.returncode == 0, run.stderr
        assert part_texts(out, main) == expected
        assert left_revisions(out) == []


def test_every_story_part_is_processed_whichever_way_it_is_declared(tmp_path: Path):
    def tracked(text: str) -> str:
        return f'<w:p><w:ins w:id="7" {REV}><w:r><w:t>{text} added</w:t></w:r></w:ins><w:del w:id="8" {REV}><w:r><w:delText>{text} removed</w:delText></w:r></w:del></w:p>'

    stories = [  # each part written whole and related from the main part; no sectPr references the header or footer
        Part("header1.xml", f"{WML_CT}.header+xml", story("hdr", tracked("header")), "rId10", "header"),
        Part("footer1.xml", f"{WML_CT}.footer+xml", story("ftr", tracked("footer")), "rId11", "footer"),
        Part("footnotes.xml", f"{WML_CT}.footnotes+xml", story("footnotes", f'<w:footnote w:id="1">{tracked("footnote")}</w:footnote>'), "rId12", "footnotes"),
        Part("endnotes.xml", f"{WML_CT}.endnotes+xml", story("endnotes", f'<w:endnote w:id="1">{tracked("endnote")}</w:endnote>'), "rId13", "endnotes"),
        Part("comments.xml", f"{WML_CT}.comments+xml", story("comments", f'<w:comment w:id="1" w:author="A">{tracked("comment")}</w:comment>'), "rId14", "comments"),
    ]
    for declare in ("default", "override"):
        src = Doc([TRACKED_BODY], content_types=declare, related=stories).save(tmp_path / f"{declare}.docx")
        accepted, rejected = tmp_path / f"{declare}-a.docx", tmp_path / f"{declare}-r.docx"
        assert docgen_cli("accept", str(src), "-o", str(accepted)).returncode == 0
        assert docgen_cli("reject", str(src), "-o", str(rejected)).returncode == 0
        for part in (f"word/{item.name}" for item in stories):
            what = part.split("/")[1].removesuffix(".xml").rstrip("1s")
            assert part_texts(accepted, part) == [f"{what} added"], part
            assert part_texts(rejected, part) == [f"{what} removed"], part
        assert left_revisions(accepted) == [] and left_revisions(rejected) == []


def test_accept_refuses_to_write_an_output_that_still_holds_revisions(tmp_path: Path):
    # A WordprocessingML part no relationship or content type names as a story: docgen cannot
    # know to process it, and must say so rather than write a "clean" copy that is not.
    src = Doc([TRACKED_BODY]).save(tmp_path / "odd.docx")
    with zipfile.ZipFile(src, "a") as z:
        z.writestr("word/stash.xml", story("document", f'<w:body><w:p><w:ins w:id="9" {REV}><w:r><w:t>x</w:t></w:r></w:ins></w:p></w:body>'))
    out = tmp_path / "out.docx"
    run = docgen_cli("accept", str(src), "-o", str(out))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "word/stash.xml" in run.stderr and "w:ins" in run.stderr and "nothing was written" in run.stderr
    assert not out.exists()


def test_a_transform_that_silently_does_nothing_cannot_exit_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from docgen.commands import revisions as command
    from docgen.errors import InputError

    src = Doc([TRACKED_BODY]).save(tmp_path / "plain.docx")
    monkeypatch.setattr(command, "reject_all", lambda parts: dict(parts))
    with pytest.raises(InputError, match=r"rejecting every tracked change left revisions behind \(word/document.xml: 1 w:del; word/document.xml: 1 w:delText"):
        command.run(src, tmp_path / "out.docx", accept=False)
    assert not (tmp_path / "out.docx").exists()


def _not_a_word_document(kind: str, path: Path) -> Path:
    if kind == "workbook":
        shutil.copy(Path(__file__).resolve().parents[1] / "sources" / "documents" / "DMVES-v12.xlsx", path)
    elif kind == "strict":  # ISO 29500 Strict: Word's markup under other namespace names
        parts = Doc([TRACKED_BODY]).parts()
        strict = {k: v.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", b"http://purl.oclc.org/ooxml/wordprocessingml/main") for k, v in parts.items()}
        path.write_bytes(package(strict))
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("notes.txt", "not a document")
    else:  # a Word package whose body is cut short
        parts = Doc([TRACKED_BODY], content_types="default", bare=True).parts()
        parts["word/document.xml"] = parts["word/document.xml"][: len(parts["word/document.xml"]) // 2]
        path.write_bytes(package(parts))
    return path


@pytest.mark.parametrize("verb", ["accept", "reject"])
@pytest.mark.parametrize("kind, said", [("workbook", "is an Excel workbook"), ("zip", "has no word/document.xml"), ("corrupt", "is not well-formed XML"), ("strict", "is saved as Strict Open XML")])
def test_what_is_not_a_word_document_is_refused_not_copied_as_having_no_changes(tmp_path: Path, verb: str, kind: str, said: str):
    src = _not_a_word_document(kind, tmp_path / "in.docx")
    out = tmp_path / "out.docx"
    run = docgen_cli(verb, str(src), "-o", str(out))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and said in run.stderr and "no tracked changes" not in run.stderr
    assert not out.exists()


# ----- tables: tracked vertical merges, deleted and inserted cells, nested tables ----------------


def grid_table(rows: list[str], cols: int = 2, grid_change: str = "") -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}{grid_change}</w:tblGrid>{''.join(rows)}</w:tbl>"


def cell(text: str, tcpr: str = "", width: int = 2000) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{tcpr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>'


def merged_regions(root: etree._Element) -> list[tuple[int, int, int]]:
    """(grid column, first row, row count) of every vertical merge of the first table, read
    straight from w:vMerge as a renderer would: a restart opens a region, a bare vMerge
    (val absent or "continue") extends the region above it."""
    regions: dict[int, list[int]] = {}
    out = []
    for r, tr in enumerate(root.find(f".//{{{W}}}tbl").findall(f"{{{W}}}tr")):
        col = 0
        for tc in tr.findall(f"{{{W}}}tc"):
            span = tc.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
            vm = tc.find(f"{{{W}}}tcPr/{{{W}}}vMerge")
            val = None if vm is None else vm.get(f"{{{W}}}val", "continue")
            if val == "continue" and col in regions:
                regions[col][1] += 1
            else:
                if col in regions and regions[col][1] > 1:
                    out.append((col, *regions[col]))
                regions.pop(col, None)
                if val == "restart":
                    regions[col] = [r, 1]
            col += int(span.get(f"{{{W}}}val")) if span is not None else 1
    out.extend((col, first, n) for col, (first, n) in regions.items() if n > 1)
    return sorted(out)


def test_a_tracked_vertical_merge_becomes_a_real_merge_on_accept_and_is_undone_on_reject():
    # Word's form: the cells merged into the one above carry only the revision mark.
    merge = f'<w:cellMerge w:id="3" {REV} w:vMerge="cont"/>'
    xml = grid_table([f"<w:tr>{cell(f'a{r}')}{cell(f'b{r}', merge if r else '')}</w:tr>" for r in range(3)])
    accepted, rejected = body(xml), body(xml)
    assert accept_tree(accepted) and reject_tree(rejected)
    assert merged_regions(accepted) == [(1, 0, 3)]
    assert merged_regions(rejected) == []
    assert accepted.find(f".//{{{W}}}cellMerge") is None and rejected.find(f".//{{{W}}}cellMerge") is None


def test_vmerge_and_vmergeorig_say_what_the_cell_became_and_what_it_was():
    # Rows 0-2 of column 1 were merged; the revision split row 2 off (vMerge="rest", was "cont"),
    # and merged column 0's rows 1-2 that were separate (vMerge="cont", vMergeOrig="rest").
    split = f'<w:vMerge/><w:cellMerge w:id="4" {REV} w:vMerge="rest" w:vMergeOrig="cont"/>'
    joined = f'<w:vMerge/><w:cellMerge w:id="5" {REV} w:vMerge="cont" w:vMergeOrig="rest"/>'
    restart = '<w:vMerge w:val="restart"/>'
    rows = [
        f"<w:tr>{cell('a0')}{cell('b0', restart)}</w:tr>",
        f"<w:tr>{cell('a1', restart)}{cell('b1', '<w:vMerge/>')}</w:tr>",
        f"<w:tr>{cell('a2', joined)}{cell('b2', split)}</w:tr>",
    ]
    accepted, rejected = body(grid_table(rows)), body(grid_table(rows))
    accept_tree(accepted)
    reject_tree(rejected)
    assert merged_regions(accepted) == [(0, 1, 2), (1, 0, 2)]
    assert merged_regions(rejected) == [(1, 0, 3)]


def row_spans(root: etree._Element) -> list[list[tuple[str, int, int]]]:
    """Per row: (text, grid span, width) of each cell."""
    out = []
    for tr in root.iter(f"{{{W}}}tr"):
        row = []
        for tc in tr.findall(f"{{{W}}}tc"):
            span = tc.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
            width = tc.find(f"{{{W}}}tcPr/{{{W}}}tcW")
            row.append(("".join(t.text for t in tc.iter(f"{{{W}}}t")), int(span.get(f"{{{W}}}val")) if span is not None else 1, int(width.get(f"{{{W}}}w"))))
        out.append(row)
    return out


def test_a_deleted_cell_widens_its_neighbour_so_the_row_still_fills_the_grid():
    gone = f'<w:cellDel w:id="6" {REV}/>'
    rows = [
        f"<w:tr>{cell('a0')}{cell('b0')}{cell('c0')}</w:tr>",
        f"<w:tr>{cell('a1')}{cell('b1', gone)}{cell('c1')}</w:tr>",
        f"<w:tr>{cell('a2', gone)}{cell('b2')}{cell('c2')}</w:tr>",
    ]
    accepted, rejected = body(grid_table(rows, cols=3)), body(grid_table(rows, cols=3))
    accept_tree(accepted)
    reject_tree(rejected)
    assert row_spans(accepted) == [
        [("a0", 1, 2000), ("b0", 1, 2000), ("c0", 1, 2000)],
        [("a1", 2, 4000), ("c1", 1, 2000)],
        [("b2", 2, 4000), ("c2", 1, 2000)],
    ]
    assert [[c[0] for c in r] for r in row_spans(rejected)] == [["a0", "b0", "c0"], ["a1", "b1", "c1"], ["a2", "b2", "c2"]]
    assert rejected.find(f".//{{{W}}}cellDel") is None


def test_a_rejected_cell_insertion_widens_only_when_the_grid_did_not_shrink_back():
    added = f'<w:cellIns w:id="6" {REV}/>'
    rows = [f"<w:tr>{cell('a0')}{cell('b0')}</w:tr>", f"<w:tr>{cell('a1')}{cell('new', added)}</w:tr>"]
    same_grid = body(grid_table(rows))
    reject_tree(same_grid)
    assert row_spans(same_grid)[1] == [("a1", 2, 4000)]
    old_grid = '<w:tblGridChange w:id="8"><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid></w:tblGridChange>'
    rows = [f"<w:tr>{cell('a0', width=4000)}</w:tr>", f"<w:tr>{cell('a1', width=4000)}{cell('new', added)}</w:tr>"]
    grown = body(grid_table(rows, cols=2, grid_change=old_grid))
    reject_tree(grown)
    assert row_spans(grown) == [[("a0", 1, 4000)], [("a1", 1, 4000)]]
    assert len(grown.findall(f".//{{{W}}}gridCol")) == 1


def test_a_widened_cell_takes_the_width_of_the_grid_columns_it_covers_as_word_recomputes_it():
    # Real documents' cell widths drift from the grid; Word measures the widened cell on the grid.
    gone = f'<w:cellDel w:id="6" {REV}/>'
    grid = '<w:tblGrid><w:gridCol w:w="1500"/><w:gridCol w:w="2500"/><w:gridCol w:w="2000"/></w:tblGrid>'
    rows = [
        f"<w:tr>{cell('a0', width=1490)}{cell('b0', width=2510)}{cell('c0', width=2000)}</w:tr>",
        f"<w:tr>{cell('a1', width=1450)}{cell('b1', gone, width=2450)}{cell('c1', width=2100)}</w:tr>",
    ]
    accepted = body(f"<w:tbl><w:tblPr/>{grid}{''.join(rows)}</w:tbl>")
    accept_tree(accepted)
    assert row_spans(accepted)[1] == [("a1", 2, 4000), ("c1", 1, 2100)]


def test_a_rejected_cell_insertion_gives_back_the_columns_the_restored_grid_no_longer_has():
    # NEW split OLD's second column to insert a cell; Word did not record the spanning cell above
    # it, so on reject the restored two-column grid is what its span and width come from.
    added = f'<w:cellIns w:id="6" {REV}/>'
    old_grid = '<w:tblGridChange w:id="8"><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid></w:tblGridChange>'
    grid = f'<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/>{old_grid}</w:tblGrid>'
    rows = [
        "<w:tr>" + cell("a0") + cell("b0", '<w:gridSpan w:val="2"/>') + "</w:tr>",
        f"<w:tr>{cell('a1')}{cell('b1', width=1000)}{cell('new', added, width=1000)}</w:tr>",
    ]
    rejected = body(f"<w:tbl><w:tblPr/>{grid}{''.join(rows)}</w:tbl>")
    reject_tree(rejected)
    assert row_spans(rejected) == [[("a0", 1, 2000), ("b0", 1, 2000)], [("a1", 1, 2000), ("b1", 1, 2000)]]
    assert len(rejected.findall(f".//{{{W}}}gridCol")) == 2


def test_a_nested_table_whose_rows_were_all_inserted_goes_and_its_cell_keeps_a_paragraph():
    inner = grid_table([_row("inner", f'<w:ins w:id="1" {REV}/>')], cols=1)
    xml = grid_table([f'<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{inner}<w:p/></w:tc>{cell("x")}</w:tr>'])
    rejected, accepted = body(xml), body(xml)
    reject_tree(rejected)
    accept_tree(accepted)
    outer_cell = rejected.find(f"{{{W}}}tbl/{{{W}}}tr/{{{W}}}tc")
    assert outer_cell.find(f"{{{W}}}tbl") is None and outer_cell[-1].tag == f"{{{W}}}p"
    assert texts(accepted) == ["inner", "", "x"]
    only_table = grid_table([f'<w:tr><w:tc><w:tcPr/>{inner}</w:tc></w:tr>'])
    nested = body(only_table.replace("<w:p/>", ""))
    reject_tree(nested)
    assert [c.tag for c in nested.find(f"{{{W}}}tbl/{{{W}}}tr/{{{W}}}tc")] == [f"{{{W}}}tcPr", f"{{{W}}}p"]


# ----- fields and content controls ----------------------------------------------------------------


def field_runs(root: etree._Element) -> list[str]:
    """Every run's field-related content, in order: 'begin', 'code: ...', 'separate', 'end'."""
    out = []
    for el in root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText", f"{{{W}}}delInstrText"):
        if el.tag.endswith("fldChar"):
            out.append(el.get(f"{{{W}}}fldCharType"))
        else:
            out.append(f"code:{el.text}")
    return out


def test_a_deleted_field_leaves_no_stray_field_code_run_behind():
    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    deleted = lambda inner: f'<w:del w:id="11" {REV}>{run(inner)}</w:del>'  # noqa: E731
    xml = (
        "<w:p>" + run("<w:t xml:space=\"preserve\">See </w:t>")
        + deleted('<w:fldChar w:fldCharType="begin"/>')
        + deleted('<w:delInstrText xml:space="preserve"> REF _Ref1 \\h </w:delInstrText>')
        + run('<w:instrText xml:space="preserve"> \\* MERGEFORMAT </w:instrText>')
        + deleted('<w:fldChar w:fldCharType="separate"/>')
        + deleted("<w:delText>clause 3</w:delText>")
        + deleted('<w:fldChar w:fldCharType="end"/>')
        + f'<w:ins w:id="12" {REV}>{run("<w:t>clause 4</w:t>")}</w:ins>'
        + "</w:p>"
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["See clause 4"] and field_runs(accepted) == []
    assert not list(accepted.iter(f"{{{W}}}instrText"))
    assert texts(rejected) == ["See clause 3"]
    assert field_runs(rejected) == ["begin", "code: REF _Ref1 \\h ", "code: \\* MERGEFORMAT ", "separate", "end"]


def test_a_rejected_inserted_field_takes_its_loose_code_run_with_it():
    xml = (
        f'<w:p><w:r><w:t>Total: </w:t></w:r><w:ins w:id="1" {REV}><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r></w:ins>'
        f'<w:r><w:instrText xml:space="preserve"> \\# "0" </w:instrText></w:r>'
        f'<w:ins w:id="2" {REV}><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>42</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:ins></w:p>'
    )
    rejected, accepted = body(xml), body(xml)
    reject_tree(rejected)
    accept_tree(accepted)
    assert texts(rejected) == ["Total: "] and field_runs(rejected) == []
    assert field_runs(accepted) == ["begin", "code: =SUM(ABOVE) ", 'code: \\# "0" ', "separate", "end"]


def test_a_block_content_control_whose_insertion_is_rejected_goes_entirely():
    sdt = (
        '<w:sdt><w:sdtPr><w:alias w:val="Respondent"/><w:id w:val="7"/></w:sdtPr><w:sdtContent>'
        f'<w:p><w:pPr><w:rPr><w:ins w:id="1" {REV}/></w:rPr></w:pPr><w:ins w:id="2" {REV}><w:r><w:t>Name of respondent</w:t></w:r></w:ins></w:p>'
        "</w:sdtContent></w:sdt>"
    )
    xml = f"<w:p><w:r><w:t>before</w:t></w:r></w:p>{sdt}<w:p><w:r><w:t>after</w:t></w:r></w:p>"
    rejected, accepted = body(xml), body(xml)
    reject_tree(rejected)
    accept_tree(accepted)
    assert rejected.find(f".//{{{W}}}sdt") is None and texts(rejected) == ["before", "after"]
    assert accepted.find(f".//{{{W}}}sdt") is not None and texts(accepted) == ["before", "Name of respondent", "after"]


def test_an_inline_content_control_whose_deletion_is_accepted_goes_entirely():
    xml = (
        '<w:p><w:r><w:t xml:space="preserve">Date: </w:t></w:r><w:sdt><w:sdtPr><w:date/></w:sdtPr><w:sdtContent>'
        f'<w:del w:id="3" {REV}><w:r><w:delText>1 May 2024</w:delText></w:r></w:del><w:bookmarkStart w:id="0" w:name="d"/><w:bookmarkEnd w:id="0"/>'
        "</w:sdtContent></w:sdt></w:p>"
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert accepted.find(f".//{{{W}}}sdt") is None and texts(accepted) == ["Date: "]
    assert rejected.find(f".//{{{W}}}sdt") is not None and texts(rejected) == ["Date: 1 May 2024"]


def test_a_content_control_filling_a_cell_goes_and_the_cell_keeps_a_paragraph():
    sdt = f'<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:pPr><w:rPr><w:ins w:id="1" {REV}/></w:rPr></w:pPr><w:ins w:id="2" {REV}><w:r><w:t>filled in</w:t></w:r></w:ins></w:p></w:sdtContent></w:sdt>'
    rejected = body(grid_table([f'<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{sdt}</w:tc>{cell("x")}</w:tr>']))
    reject_tree(rejected)
    tc = rejected.find(f"{{{W}}}tbl/{{{W}}}tr/{{{W}}}tc")
    assert [c.tag for c in tc] == [f"{{{W}}}tcPr", f"{{{W}}}p"] and texts(rejected) == ["", "x"]


# ----- marks on paragraph marks and on numbers -----------------------------------------------------


def test_a_rejected_numbering_change_keeps_the_number_it_annotates():
    xml = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/>'
        f'<w:numberingChange w:id="1" {REV} w:original="%1:3:0:."/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    )
    for fn in (accept_tree, reject_tree):
        root = body(xml)
        fn(root)
        numpr = root.find(f".//{{{W}}}numPr")
        assert [etree.QName(c).localname for c in numpr] == ["ilvl", "numId"], fn.__name__


def test_formatting_changed_on_a_paragraph_mark_is_restored_on_reject():
    xml = (
        f'<w:p><w:pPr><w:rPr><w:ins w:id="1" {REV}/><w:b/><w:rPrChange w:id="2" {REV}><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr></w:pPr>'
        "<w:r><w:t>one</w:t></w:r></w:p><w:p><w:r><w:t>two</w:t></w:r></w:p>"
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    mark = accepted.find(f"{{{W}}}p/{{{W}}}pPr/{{{W}}}rPr")
    assert [etree.QName(c).localname for c in mark] == ["b"] and texts(accepted) == ["one", "two"]
    assert texts(rejected) == ["onetwo"]
    assert not [e for e in rejected.iter() if e.tag in REVISION_TAGS] and not [e for e in accepted.iter() if e.tag in REVISION_TAGS]


def test_rows_held_in_a_repeating_section_control_are_rows_of_their_table():
    rows = _row("kept") + _row("removed", f'<w:del w:id="2" {REV}/>')
    xml = f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:sdt><w:sdtPr/><w:sdtContent>{rows}</w:sdtContent></w:sdt></w:tbl>"
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["kept"] and texts(rejected) == ["kept", "removed"]
    inserted = _row("gone", f'<w:ins w:id="1" {REV}/>')
    only = body(f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:sdt><w:sdtPr/><w:sdtContent>{inserted}</w:sdtContent></w:sdt></w:tbl><w:p/>")
    reject_tree(only)
    assert only.find(f"{{{W}}}tbl") is None


# ----- a document whose tracked changes LibreOffice wrote ------------------------------------------

ODT_CHANGE = '<text:changed-region text:id="{id}"><text:{kind}><office:change-info><dc:creator>Reviewer</dc:creator><dc:date>2024-01-01T00:00:00</dc:date></office:change-info>{held}</text:{kind}></text:changed-region>'
TRACKED_FODT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
    ' office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text><text:tracked-changes>'
    + ODT_CHANGE.format(id="c1", kind="insertion", held="")
    + ODT_CHANGE.format(id="c2", kind="deletion", held="<text:p>24 hours</text:p>")
    + ODT_CHANGE.format(id="c3", kind="deletion", held="<text:p>A withdrawn clause.</text:p><text:p/>")
    + ODT_CHANGE.format(id="c4", kind="insertion", held="")
    + "</text:tracked-changes>"
    '<text:p>An alert within <text:change-start text:change-id="c1"/>72 hours<text:change-end text:change-id="c1"/><text:change text:change-id="c2"/>.</text:p>'
    '<text:change text:change-id="c3"/><text:p>Last clause.</text:p>'
    '<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/><table:table-row>'
    '<table:table-cell><text:p>ESME</text:p></table:table-cell>'
    '<table:table-cell><text:p><text:change-start text:change-id="c4"/>SRV 4.8.1<text:change-end text:change-id="c4"/></text:p></table:table-cell>'
    "</table:table-row></table:table></office:text></office:body></office:document>"
)


def as_dotnet_package(src: Path, dst: Path) -> Path:
    """The same package with the main part typed by the `.xml` Default rule instead of its
    Override, as .NET packaging writes it; the other parts keep their Overrides."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                types = etree.fromstring(data)
                for el in list(types):
                    if el.get("PartName") == "/word/document.xml" or el.get("Extension", "").lower() == "xml":
                        types.remove(el)
                etree.SubElement(types, f"{{{CT_NS}}}Default", Extension="xml", ContentType=f"{WML_CT}.document.main+xml")
                data = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
            zout.writestr(info.filename, data)
    return dst


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
def test_changes_libreoffice_tracked_are_accepted_and_rejected_and_libreoffice_reads_the_results(tmp_path: Path):
    from docgen.soffice import convert

    (tmp_path / "tracked.fodt").write_text(TRACKED_FODT, encoding="utf-8")
    (lo_docx,) = convert([tmp_path / "tracked.fodt"], "docx", tmp_path)
    assert left_revisions(lo_docx), "LibreOffice wrote no tracked changes to test with"
    dotnet = as_dotnet_package(lo_docx, tmp_path / "dotnet.docx")
    outputs = []
    for src in (lo_docx, dotnet):
        for verb in ("accept", "reject"):
            out = tmp_path / f"{src.stem}-{verb}.docx"
            run = docgen_cli(verb, str(src), "-o", str(out))
            assert run.returncode == 0, run.stderr
            assert left_revisions(out) == []
            outputs.append(out)
    expected = {
        "accept": ["An alert within 72 hours.", "Last clause.", "ESME", "SRV 4.8.1"],
        "reject": ["An alert within 24 hours.", "A withdrawn clause.", "Last clause.", "ESME"],  # the emptied cell ends the text
    }
    # LibreOffice, which shares no code with docgen, reads each output back as plain text.
    for txt in convert(outputs, "txt:Text (encoded):UTF8", tmp_path / "txt"):
        lines = [line.strip() for line in txt.read_text(encoding="utf-8-sig").splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        assert lines == expected[txt.stem.rsplit("-", 1)[1]], txt.name


def test_a_whole_paragraph_moved_as_word_marks_it_lands_once():
    xml = (
        f'<w:moveFromRangeStart w:id="1" {REV} w:name="move1"/>'
        f'<w:p><w:pPr><w:rPr><w:moveFrom w:id="2" {REV}/></w:rPr></w:pPr><w:moveFrom w:id="3" {REV}><w:r><w:t>moved</w:t></w:r></w:moveFrom></w:p>'
        '<w:moveFromRangeEnd w:id="1"/><w:p><w:r><w:t>middle</w:t></w:r></w:p>'
        f'<w:moveToRangeStart w:id="4" {REV} w:name="move1"/>'
        f'<w:p><w:pPr><w:rPr><w:moveTo w:id="5" {REV}/></w:rPr></w:pPr><w:moveTo w:id="6" {REV}><w:r><w:t>moved</w:t></w:r></w:moveTo></w:p>'
        '<w:moveToRangeEnd w:id="4"/><w:p><w:r><w:t>end</w:t></w:r></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["middle", "moved", "end"] and texts(rejected) == ["moved", "middle", "end"]
    assert not [e for e in accepted.iter() if e.tag in REVISION_TAGS] and not [e for e in rejected.iter() if e.tag in REVISION_TAGS]


def test_a_merged_run_whose_first_row_is_removed_starts_in_the_next_row():
    restart = '<w:vMerge w:val="restart"/>'
    rows = [
        f"<w:tr>{cell('a0')}{cell('b0')}</w:tr>",
        f'<w:tr><w:trPr><w:ins w:id="1" {REV}/></w:trPr>{cell("a1", restart)}{cell("b1")}</w:tr>',
        f"<w:tr>{cell('a2', '<w:vMerge/>')}{cell('b2')}</w:tr>",
        f"<w:tr>{cell('a3', '<w:vMerge/>')}{cell('b3')}</w:tr>",
    ]
    rejected = body(grid_table(rows))
    reject_tree(rejected)
    # Without the fix a2 would continue a0's cell, which was never part of the merge.
    assert merged_regions(rejected) == [(0, 1, 2)]
    assert texts(rejected) == ["a0", "b0", "a2", "b2", "a3", "b3"]


def test_accept_and_reject_say_what_they_did_and_a_file_without_changes_says_so(tmp_path: Path):
    src = Doc([TRACKED_BODY]).save(tmp_path / "tracked.docx")
    run = docgen_cli("accept", str(src), "-o", str(tmp_path / "a.docx"))
    assert run.returncode == 0 and run.stdout == ""
    assert run.stderr.strip() == f"accepted 2 tracked changes in word/document.xml; wrote {tmp_path / 'a.docx'}"
    plain = Doc(["<w:p><w:r><w:t>nothing tracked</w:t></w:r></w:p>"]).save(tmp_path / "plain.docx")
    run = docgen_cli("reject", str(plain), "-o", str(tmp_path / "r.docx"))
    assert run.returncode == 0 and "has no tracked changes; wrote an unchanged copy" in run.stderr
    assert part_texts(tmp_path / "r.docx", "word/document.xml") == ["nothing tracked"]
    quiet = docgen_cli("reject", str(src), "-o", str(tmp_path / "q.docx"), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_tracked_style_changes_are_resolved_in_styles_and_styles_with_effects(tmp_path: Path):
    style = (
        '<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/>'
        f'<w:rPr><w:b/><w:rPrChange w:id="3" {REV}><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr></w:style>'
    )
    # Word 2010 types stylesWithEffects as application/vnd.ms-word.stylesWithEffects+xml.
    styles = [
        Part("styles.xml", f"{WML_CT}.styles+xml", story("styles", style), "rId10", "styles"),
        Part("stylesWithEffects.xml", "application/vnd.ms-word.stylesWithEffects+xml", story("styles", style), "rId11", "stylesWithEffects"),
    ]
    src = Doc([TRACKED_BODY], related=styles).save(tmp_path / "styled.docx")
    stories = [f"word/{part.name}" for part in styles]
    out = tmp_path / "rejected.docx"
    assert docgen_cli("reject", str(src), "-o", str(out)).returncode == 0
    assert left_revisions(out) == []
    with zipfile.ZipFile(out) as z:
        for part in stories:
            rpr = etree.fromstring(z.read(part)).find(f".//{{{W}}}style/{{{W}}}rPr")
            assert [etree.QName(c).localname for c in rpr] == ["i"], part


def test_a_column_deleted_in_every_row_leaves_the_grid_instead_of_widening_cells():
    gone = f'<w:cellDel w:id="6" {REV}/>'
    rows = [f"<w:tr>{cell(f'a{r}')}{cell(f'b{r}', gone)}{cell(f'c{r}', gone if r else '')}</w:tr>" for r in range(2)]
    xml = grid_table(rows, cols=3).replace("<w:tblPr/>", '<w:tblPr><w:tblW w:w="6000" w:type="dxa"/></w:tblPr>')
    accepted = body(xml)
    accept_tree(accepted)
    assert len(accepted.findall(f".//{{{W}}}gridCol")) == 2
    assert accepted.find(f".//{{{W}}}tblW").get(f"{{{W}}}w") == "4000"
    # Column b went as a whole; in the second row c went too, and a1 widens over it.
    assert row_spans(accepted) == [[("a0", 1, 2000), ("c0", 1, 2000)], [("a1", 2, 4000)]]


def test_a_hyperlink_whose_text_was_all_deleted_goes_on_accept():
    xml = (
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:hyperlink w:anchor="clause_3">'
        f'<w:del w:id="1" {REV}><w:r><w:delText>clause 3</w:delText></w:r></w:del></w:hyperlink>'
        f'<w:ins w:id="2" {REV}><w:r><w:t>below</w:t></w:r></w:ins></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert accepted.find(f".//{{{W}}}hyperlink") is None and texts(accepted) == ["See below"]
    assert rejected.find(f".//{{{W}}}hyperlink") is not None and texts(rejected) == ["See clause 3"]


_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OPEN = f'<w:document xmlns:w="{W}"><w:body>'.encode()
_CLOSE = b"</w:body></w:document>"


@pytest.mark.parametrize(
    "inner, head, holds",
    [
        (b"<w:p><w:r><w:t>Cabins del insert</w:t></w:r></w:p>", _DECL, False),
        (b"<w:p><w:r><w:t>plain</w:t></w:r></w:p>", b"\xef\xbb\xbf" + _DECL, False),
        (b"<w:p><w:r><w:t>plain</w:t></w:r></w:p>", b"", False),
        (b'<w:p><w:insert/><w:delta/><w:r><w:t>names that only start like one</w:t></w:r></w:p>', _DECL, False),
        (f'<w:p><w:ins w:id="1" {REV}><w:r><w:t>x</w:t></w:r></w:ins></w:p>'.encode(), _DECL, True),
        (b"<w:p><w:r><w:del/></w:r></w:p>", _DECL, True),
        (b'<w:p><ins xmlns="urn:other"/></w:p>', _DECL, True),
        (f'<w:p><w:pPr><w:pPrChange w:id="1" {REV}/></w:pPr></w:p>'.encode(), _DECL, True),
        (b'<w:p><o:shadePrChange xmlns:o="urn:other"/></w:p>', _DECL, True),
        (b'<w:p><w:moveToRangeStart w:id="1" w:name="m"/></w:p>', _DECL, True),
        (b'<w:p><w:r><w:t>Range and Change in text only</w:t></w:r></w:p>', _DECL, False),
        (b'<w:p><w:r><w:t>Change</w:t></w:r><w:r><w:t xml:space="preserve">Changes to Range </w:t></w:r></w:p>', _DECL, False),
        (b'<w:p xmlns:o="urn:other" o:note="PrChange Range"><o:fooChange/><o:ranges/></w:p>', _DECL, False),
        (b'<w:p><w:r><w:t>Change</w:t></w:r><w:tblGridChange w:id="4"/></w:p>', _DECL, True),
        (b'<!-- <w:ins w:id="1"> --><w:p/>', _DECL, True),
        (b"<w:p><w:r><w:t>What? Why! &lt;?not an instruction&lt;!</w:t></w:r></w:p>", _DECL, False),
        (b"<w:p/>", _DECL + b'<?mso-application progid="Word.Document"?>', False),
        (b"<w:p/>", _DECL + b"<?mso-note <w:ins w:id='5'> ?>", True),
        (b'<w:p><?note <w:del w:id="2"> ?></w:p>', _DECL, True),
        (b"<w:p><w:r><w:t><![CDATA[<w:ins w:id='3'>]]></w:t></w:r></w:p>", _DECL, True),
        ('<w:p><é:ins xmlns:é="urn:other"/></w:p>'.encode(), _DECL, False),
    ],
)
def test_asking_the_tree_whether_a_part_may_hold_revisions_answers_as_the_bytes_do(inner: bytes, head: bytes, holds: bool):
    """The writer asks the reader's tree instead of scanning every tag of the main part; the
    answer is the one a scan of the bytes gives (comments, instructions, CDATA, names with a
    suffix and prefixes the scan does not take included)."""
    from docgen.ooxml.package import xml_parser
    from docgen.ooxml.revisions import may_hold_revisions, tree_may_hold_revisions

    data = head + _OPEN + inner + _CLOSE
    root = etree.fromstring(data, xml_parser())
    assert may_hold_revisions(data) is holds
    assert tree_may_hold_revisions(root, data) is holds
