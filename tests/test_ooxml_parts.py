"""The package layer: content types (Override, else Default by extension), relationships,
parts carried from one package to another with everything they reach, reproducible zips."""

from __future__ import annotations

import io
import zipfile

import pytest

from lxml import etree

from docgen.ooxml.parts import CONTENT_TYPES, ContentTypes, PartImporter, Relationships, main_part, package_bytes, related_part, resolve
from docgen.ooxml.revisions import revision_parts

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def _types(defaults: dict[str, str], overrides: dict[str, str]) -> bytes:
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in defaults.items())
        + "".join(f'<Override PartName="/{n}" ContentType="{c}"/>' for n, c in overrides.items())
        + "</Types>"
    ).encode()


def _rels(*rels: tuple[str, str, str]) -> bytes:
    return (f'<Relationships xmlns="{PKG}">' + "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{g}"/>' for i, t, g in rels) + "</Relationships>").encode()


def test_a_part_reads_as_its_override_else_its_extensions_default():
    parts = {CONTENT_TYPES: _types({"xml": "application/xml", "PNG": "image/png", "hdr": HEADER_CT}, {"word/document.xml": "main+xml"})}
    types = ContentTypes.of(parts)
    assert types.of_part("word/document.xml") == "main+xml"
    assert types.of_part("word/media/image1.png") == "image/png"
    assert types.of_part("word/other.xml") == "application/xml"
    assert types.of_part("word/x.bin") is None


def test_story_parts_declared_only_by_a_default_rule_are_found():
    parts = {
        CONTENT_TYPES: _types({"hdr": HEADER_CT}, {"word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"}),
        "word/document.xml": b"<x/>",
        "word/header1.hdr": b"<x/>",
    }
    assert revision_parts(parts) == ["word/document.xml", "word/header1.hdr"]


def test_declaring_a_part_adds_a_default_for_a_new_binary_extension_and_an_override_for_xml():
    types = ContentTypes.of({CONTENT_TYPES: _types({"xml": "application/xml"}, {})})
    types.declare("word/media/a.emf", "image/x-emf")
    types.declare("word/charts/chart1.xml", "chart+xml")
    types.declare("word/media/b.emf", "image/x-emf")
    assert types.defaults()["emf"] == "image/x-emf"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.root if o.tag.endswith("}Override")}
    assert overrides == {"/word/charts/chart1.xml": "chart+xml"}


def test_relationship_targets_resolve_against_their_source_part():
    assert resolve("word/document.xml", "media/image1.png") == "word/media/image1.png"
    assert resolve("word/charts/chart1.xml", "../embeddings/a.xlsx") == "word/embeddings/a.xlsx"
    assert resolve("word/document.xml", "/word/x.xml") == "word/x.xml"
    parts = {"_rels/.rels": _rels(("rId1", "officeDocument", "word/main.xml")), "word/main.xml": b"<x/>", "word/_rels/main.xml.rels": _rels(("r9", "numbering", "numbering.xml")), "word/numbering.xml": b"<n/>"}
    assert main_part(parts) == "word/main.xml"
    assert related_part(parts, "word/main.xml", "numbering") == "word/numbering.xml"


def test_an_imported_part_brings_its_own_relationships_and_types_and_clashing_names_are_renamed():
    source = {
        CONTENT_TYPES: _types({"xlsx": "sheet"}, {"word/charts/chart1.xml": "chart+xml"}),
        "word/_rels/document.xml.rels": _rels(("rIdC", "chart", "charts/chart1.xml"), ("rIdI", "image", "media/image1.png")),
        "word/charts/chart1.xml": b"<old-chart/>",
        "word/charts/_rels/chart1.xml.rels": _rels(("rId1", "package", "../embeddings/Workbook1.xlsx")),
        "word/embeddings/Workbook1.xlsx": b"old workbook",
        "word/media/image1.png": b"same image",
    }
    target = {
        CONTENT_TYPES: _types({"png": "image/png"}, {"word/charts/chart1.xml": "chart+xml"}),
        "word/_rels/document.xml.rels": _rels(("rId7", "image", "media/image1.png"), ("rId8", "chart", "charts/chart1.xml")),
        "word/media/image1.png": b"same image",
        "word/charts/chart1.xml": b"<new-chart/>",
    }
    importer = PartImporter(source, target)
    assert importer.rel_id("word/document.xml", "rIdI", "word/document.xml") == "rId7"  # same bytes: shared
    chart_id = importer.rel_id("word/document.xml", "rIdC", "word/document.xml")
    importer.write()
    rels = Relationships.of(target, "word/document.xml").by_id()
    assert rels[chart_id].part == "word/charts/chart1-old1.xml"
    assert target["word/charts/chart1-old1.xml"] == b"<old-chart/>"
    assert Relationships.of(target, "word/charts/chart1-old1.xml").by_id()["rId1"].part == "word/embeddings/Workbook1.xlsx"
    assert target["word/embeddings/Workbook1.xlsx"] == b"old workbook"
    types = ContentTypes.of(target)
    assert types.of_part("word/charts/chart1-old1.xml") == "chart+xml"
    assert types.of_part("word/embeddings/Workbook1.xlsx") == "sheet"


def test_package_bytes_are_reproducible_with_content_types_first():
    parts = {"word/document.xml": b"<d/>", "_rels/.rels": b"<r/>", CONTENT_TYPES: b"<t/>"}
    data = package_bytes(parts)
    assert data == package_bytes(dict(reversed(list(parts.items()))))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == [CONTENT_TYPES, "_rels/.rels", "word/document.xml"]
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert etree.fromstring(parts["word/document.xml"]).tag == "d"


def test_a_misspelt_element_name_is_an_error_not_a_new_element():
    from docgen.ooxml.ns import W, qn

    assert W.pPr == qn("w:pPr")
    with pytest.raises(AttributeError):
        W.pPR  # noqa: B018 - the typo must not become "{...main}pPR"


def test_a_renamed_main_part_is_found_from_a_parts_map_and_from_an_open_zip(tmp_path):
    from docgen.limits import Limits
    from docgen.ooxml.package import Package
    from docgen.ooxml.parts import find_main_part
    from docgen.ooxml.table_grid import body_table_grids
    from docgen.ooxml.word_package import open_word_package
    from corpus.wml import Doc

    table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    path = Doc([table, "<w:p><w:r><w:t>body</w:t></w:r></w:p>"], main="content/body.xml", content_types="default", bare=True).save(tmp_path / "renamed.docx")
    with Package(path, Limits.from_env()) as pkg:
        assert find_main_part(pkg.parts()) == "content/body.xml"
        assert [[c.kept for c in grid] for grid in body_table_grids(pkg)] == [["cell"]]
    word = open_word_package(path)
    assert word.main == "content/body.xml" and "content/body.xml" in word.parts
    assert find_main_part({"xl/workbook.xml": b"<workbook/>"}) is None  # not a Word document
    assert main_part({}) == "word/document.xml"


@pytest.mark.parametrize("xml, on", [("<w:vanish/>", True), ('<w:vanish w:val="1"/>', True), ('<w:vanish w:val="on"/>', True), ('<w:vanish w:val="false"/>', False), ('<w:vanish w:val="0"/>', False), ('<w:vanish w:val="Off"/>', False)])
def test_a_toggle_is_on_unless_its_value_switches_it_off(xml, on):
    from docgen.ooxml.element import fragment, is_on

    el = fragment(f'<w:rPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{xml}</w:rPr>')[0]
    assert is_on(el) is on
    assert is_on(None) is False


def test_a_malformed_package_relationship_part_is_named_with_its_file(tmp_path):
    from docgen.errors import InputError
    from docgen.ooxml.word_package import open_word_package
    from corpus.wml import Doc, package

    parts = Doc(["<w:p/>"]).parts()
    parts["_rels/.rels"] = b"<Relationships"
    path = tmp_path / "broken.docx"
    path.write_bytes(package(parts))
    with pytest.raises(InputError) as caught:
        open_word_package(path)
    assert "broken.docx [_rels/.rels]" in str(caught.value) and "not well-formed" in str(caught.value)


MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def test_a_part_typed_by_a_default_of_other_case_gets_an_override_and_other_packages_stay_as_they_are():
    from docgen.ooxml.parts import exact_types

    dotnet = {CONTENT_TYPES: _types({"rels": "application/vnd.openxmlformats-package.relationships+xml", "XML": MAIN_CT}, {}), "word/document.xml": b"<d/>", "_rels/.rels": b"<r/>"}
    fixed = exact_types(dotnet)
    types = ContentTypes.of(fixed)
    assert [(o.get("PartName"), o.get("ContentType")) for o in types.root.iter("{*}Override")] == [("/word/document.xml", MAIN_CT)]
    assert fixed["word/document.xml"] == dotnet["word/document.xml"] and dotnet[CONTENT_TYPES] != fixed[CONTENT_TYPES]
    word = {CONTENT_TYPES: _types({"xml": "application/xml"}, {"word/document.xml": MAIN_CT}), "word/document.xml": b"<d/>"}
    assert exact_types(word) is word  # extensions all in lower case: nothing to do, nothing parsed
    upper_part = {CONTENT_TYPES: _types({"xml": "application/xml"}, {"word/document.xml": MAIN_CT}), "word/document.xml": b"<d/>", "customXml/ITEM1.XML": b"<i/>"}
    assert [o.get("PartName") for o in ContentTypes.of(exact_types(upper_part)).root.iter("{*}Override")] == ["/word/document.xml", "/customXml/ITEM1.XML"]


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_a_redline_of_dotnet_packages_opens_in_libreoffice_and_prints(tmp_path):
    """LibreOffice cannot open the inputs (it matches `Default Extension="XML"` by case); the
    redline docgen writes of them, and its PDF, it can."""
    import subprocess
    import sys

    from corpus.wml import Doc

    def side(text: str, name: str):
        return Doc([f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"], footnotes={1: "A note."}, content_types="default", bare=True).save(tmp_path / name)

    old, new = side("One two three.", "old.docx"), side("One four three.", "new.docx")
    out, pdf = tmp_path / "red.docx", tmp_path / "red.pdf"
    run = subprocess.run([sys.executable, "-m", "docgen", "redline", str(old), str(new), "-o", str(out), "--pdf", str(pdf)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    again = tmp_path / "again"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(again), str(out)], capture_output=True, timeout=180)
    assert (again / "red.pdf").exists(), "LibreOffice could not open the redline .docx"


@pytest.mark.parametrize("main_type", ["application/vnd.ms-word.document.macroEnabled.main+xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"])
def test_a_docm_or_dotx_redlined_comes_out_as_a_plain_docx_without_its_macros(tmp_path, main_type):
    """Word refuses a .docx whose main part is typed as a macro-enabled document or a
    template; docgen's outputs are .docx, so they are typed as documents, macros dropped."""
    import subprocess
    import sys

    from corpus.wml import Doc, Part, package

    vba = Part("vbaProject.bin", "application/vnd.ms-office.vbaProject", b"\xd0\xcf\x11\xe0 not really OLE", "rId20",
               "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
               rels=[("rId1", "http://schemas.microsoft.com/office/2006/relationships/wordVbaData", "vbaData.xml")])
    data = Part("vbaData.xml", "application/vnd.ms-word.vbaData+xml", b'<wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>', None)

    def side(text: str, name: str) -> Path:
        parts = Doc([f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"], related=[vba, data]).parts()
        parts[CONTENT_TYPES] = parts[CONTENT_TYPES].replace(MAIN_CT.encode(), main_type.encode())
        (tmp_path / name).write_bytes(package(parts))
        return tmp_path / name

    old, new = side("One two three.", "old.docx"), side("One four three.", "new.docm")
    out = tmp_path / "red.docx"
    run = subprocess.run([sys.executable, "-m", "docgen", "redline", str(old), str(new), "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        types = ContentTypes.of({CONTENT_TYPES: z.read(CONTENT_TYPES)})
        rels = z.read("word/_rels/document.xml.rels")
    assert types.of_part("word/document.xml") == MAIN_CT
    assert not {"word/vbaProject.bin", "word/vbaData.xml", "word/_rels/vbaProject.bin.rels"} & names and b"vbaProject" not in rels
    assert [o.get("PartName") for o in types.root.iter("{*}Override") if "vba" in (o.get("PartName") or "")] == []
    plain = Doc(["<w:p/>"]).parts()
    from docgen.ooxml.parts import plain_document

    assert plain_document(plain) is plain
