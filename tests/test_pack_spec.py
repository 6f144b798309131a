"""The pack description: what it accepts, what it derives, and how it says what is wrong.

Every error must name the file, the key and the fix, because the people writing these
files are consultation authors, not programmers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.pack.load import load_pack
from pack_helpers import REPO, pack_text, write_pack

S1SR_FILES = """\
version_from = "12"
version_to = "12.2"
old = "sources/documents/S1SR-v12.docx"
new = "sources/documents/S1SR-v12.2.docx"
"""


def _error(tmp_path: Path, text: str) -> str:
    path = write_pack(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_pack(path)
    message = str(info.value)
    assert message.startswith(str(path)), "the message names the file"
    assert "fix:" in message, "the message says how to fix it"
    return message


def test_a_minimal_pack_loads_with_defaults(tmp_path):
    pack = load_pack(write_pack(tmp_path, pack_text()))
    assert pack.reference == "test-pack"
    assert pack.published == dt.date(2025, 2, 5)
    assert pack.respond_by == dt.datetime(2025, 3, 5, 16, 0)
    assert [q.id for q in pack.questions] == ["T Q1", "T Q2", "T Q3"]
    assert [q.asks_for_choice for q in pack.questions] == [True, True, False]
    assert pack.allow_lint_errors is False
    assert pack.direction.is_draft
    assert not pack.documents[0].has_redline  # a document the direction re-designates without a redline


@pytest.mark.parametrize(
    "published, department",
    [("2021-06-24", "BEIS"), ("2023-01-31", "BEIS"), ("2023-02-01", "DESNZ"), ("2025-02-05", "DESNZ")],
)
def test_department_follows_the_publication_date(tmp_path, published, department):
    pack = load_pack(write_pack(tmp_path, pack_text(published=published, respond_by=f"{published}T16:00:00")))
    assert pack.department == department
    assert not pack.department_given


def test_department_can_be_given(tmp_path):
    pack = load_pack(write_pack(tmp_path, pack_text(published="2023-02-03", respond_by="2023-03-01T12:00:00", extra='department = "Department for Business, Energy and Industrial Strategy"')))
    assert pack.department == "BEIS" and pack.department_given


def test_respond_by_without_a_time_closes_at_1600(tmp_path):
    pack = load_pack(write_pack(tmp_path, pack_text(respond_by="2025-03-05")))
    assert pack.respond_by == dt.datetime(2025, 3, 5, 16, 0)


def test_paths_resolve_against_the_repository_when_not_beside_the_pack(tmp_path):
    pack = load_pack(write_pack(tmp_path, pack_text(files={"S1SR": S1SR_FILES})))
    doc = pack.documents[0]
    assert doc.has_redline
    assert doc.old == REPO / "sources/documents/S1SR-v12.docx"
    assert doc.version_to == "12.2"
    assert pack.source_files()[0] == tmp_path / "pack.toml"


def test_the_bundled_packs_load():
    paths = sorted((REPO / "sources" / "packs").glob("*.toml"))
    assert len(paths) >= 2, "the bundled pack descriptions are missing"
    for path in paths:
        pack = load_pack(path)
        assert pack.documents and pack.questions and pack.drafting


@pytest.mark.parametrize(
    "text, key, words",
    [
        (pack_text().replace('title = "Test consultation"\n', ""), "`title`", "is missing"),
        (pack_text(extra='titel = "x"'), "`titel`", "did you mean `title`"),
        (pack_text(reference="my pack!"), "`reference`", "letters, digits"),
        (pack_text(published='"5 Feb 2025"'), "`published`", "YYYY-MM-DD"),
        (pack_text(respond_by="2025-01-01T16:00:00"), "`respond_by`", "before the publication date"),
        (pack_text(extra='department = "Ofgem"'), "`department`", '"BEIS" or "DESNZ"'),
        (pack_text(extra="allow_lint_errors = 1"), "`allow_lint_errors`", "true or false"),
        (pack_text(files={"S1SR": 'old = "nowhere/S1SR-v1.docx"\nnew = "nowhere/S1SR-v2.docx"'}), "`documents[0].old`", "not found"),
        (pack_text(files={"S1SR": 'new = "sources/documents/S1SR-v12.docx"\nversion_to = "12"'}), "`documents[0].old`", "give both old and new"),
        (pack_text(files={"S1SR": S1SR_FILES.replace('"12.2"', "12.2")}), "`documents[0].version_to`", "quote it"),
        (pack_text(files={"S1SR": S1SR_FILES.replace("S1SR-v12.2.docx", "DMVES-v12.2.xlsx")}), "`documents[0].new`", "not a .docx"),
        (pack_text(questions='[[questions]]\nid = "Q1"\ntext = "Why?"\nkind = "essay"'), "`questions[0].kind`", 'kind = "open"'),
        (pack_text(questions='[[questions]]\nid = "Q1"\ntext = "A?"\n[[questions]]\nid = "q1"\ntext = "B?"'), "`questions[1].id`", "used twice"),
        (pack_text(questions=""), "`questions`", "add a [[questions]]"),
        (pack_text(tail='[[drafting]]\nref = "18.5(p)"\ndocument = "TMAD"\ndescription = "x"'), "`drafting[0].document`", "short_name"),
        (pack_text(tail='[[drafting]]\nref = "somewhere"\ndescription = "x"'), "`drafting[0].ref`", "refs ="),
        (pack_text(files={"S1SR": S1SR_FILES + '\nfinal = "sources/documents/S1SR-v12.2.docx"'}), "`documents[0].version_final`", 'version_final = "12.3"'),
        (pack_text(tail='[[topics]]\ntitle = "T"\nquestions = "T Q1"\ndrafting = [1]'), "`topics[0].drafting`", "list of strings"),
        (pack_text(tail='[[topics]]\ntitle = "T"\ndocuments = ["CPL"]'), "`topics[0].documents`", "short names"),
        (pack_text(extra='introduction = "nowhere.md"'), "`introduction`", "not found"),
        (pack_text(tail="[direction]\neffective = 2025-13-01"), "", "not valid TOML"),
        (pack_text(tail='[direction]\neffective = "soon"'), "`direction.effective`", "YYYY-MM-DD"),
        (
            pack_text(tail='[direction]\n[[direction.consequential]]\ntarget = "Section A"\nchange = "to add X"\nin_consequence_of = ["CPL"]'),
            "`direction.consequential[0].in_consequence_of`",
            "short names",
        ),
    ],
)
def test_mistakes_name_the_key_and_the_fix(tmp_path, text, key, words):
    if "not valid TOML" in words:
        path = write_pack(tmp_path, text)
        with pytest.raises(InputError, match="not valid TOML"):
            load_pack(path)
        return
    message = _error(tmp_path, text)
    assert key in message
    assert words in message


def test_several_redlined_documents_need_each_drafting_row_to_say_which(tmp_path):
    files = {
        "S1SR": S1SR_FILES,
        "TMAD": 'version_from = "4.0"\nversion_to = "4.1"\nold = "sources/documents/TMAD-v4.0.docx"\nnew = "sources/documents/TMAD-v4.1.docx"\n',
    }
    docs = [("S1SR", "SMETS1 Supporting Requirements", "AM"), ("TMAD", "SMETS1 Transition and Migration Approach Document", "AL")]
    message = _error(tmp_path, pack_text(documents=docs, files=files, tail='[[drafting]]\nref = "1.10"\ndescription = "x"'))
    assert "`drafting[0].document`" in message and "'S1SR'" in message and "'TMAD'" in message


def test_a_missing_or_unreadable_description_is_one_line(tmp_path):
    with pytest.raises(InputError, match="no such pack description"):
        load_pack(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe title")
    with pytest.raises(InputError, match="UTF-8"):
        load_pack(bad)
