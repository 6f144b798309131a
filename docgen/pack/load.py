"""Reading a pack description (.toml) into a PackSpec: every key checked, every problem an
InputError naming the key and the fix, paths resolved from the repository root."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from pathlib import Path
from typing import Any

from docgen.errors import InputError
from docgen.pack.spec import (
    DEFAULT_RESPOND_TIME,
    DEPARTMENTS,
    QUESTION_KINDS,
    ConsequentialAmendment,
    Direction,
    DocumentChange,
    DraftingChange,
    MatrixChange,
    PackSpec,
    Question,
    Topic,
    department_for,
)
from docgen.publisher import CLASSIFICATION, ORGANISATION
from docgen.refs import RefError, parse_refs

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_APPENDIX = re.compile(r"^[A-Z]{1,3}$")
_PACK_KEYS = ("title", "reference", "published", "respond_by", "documents", "questions", "drafting", "topics")


# ---------------------------------------------------------------------------------------
# Loading


def load_pack(path: str | Path) -> PackSpec:
    """Read and check a pack description; every problem is an InputError naming key and fix."""
    path = Path(path)
    return _Loader(path).pack(read_description(path))


def read_description(path: Path) -> dict[str, Any]:
    """The TOML of a pack description; an InputError when the file is not one at all."""
    if not path.exists():
        raise InputError(path, "no such pack description", "check the path, or list sources/packs/")
    if path.is_dir():
        raise InputError(path, "is a directory", "give a pack description .toml file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text", "save the pack description as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"is not valid TOML: {exc}", "fix the syntax at that line (strings need double quotes)") from None
    if not any(key in data for key in _PACK_KEYS):
        raise InputError(path, "is TOML but not a pack description (it has none of title, reference, published, documents, questions)", "give a pack description, e.g. sources/packs/*.toml (see docs/packs.md)")
    return data


def load_for_lint(path: Path) -> tuple[PackSpec | None, list[PackProblem]]:
    """As much of a pack as can be read, and every problem met on the way.

    `docgen lint PACK.toml` reports the problems as findings with the others: a pack entry
    that cannot be read is left out and the rest is still checked. The pack is None only
    when its dates cannot be read, which the other rules need. A file that is not a pack
    description at all is still an InputError."""
    data = read_description(path)
    problems: list[PackProblem] = []
    loader = _Loader(path, problems)
    try:
        return loader.pack(data), problems
    except PackProblem as exc:
        problems.append(exc)
        return None, problems


class PackProblem(InputError):
    """A problem at one key of a pack description: fatal for a build, a finding for the lint."""

    def __init__(self, path: Path, key: str, problem: str, fix: str):
        super().__init__(path, f"key `{key}`: {problem}", f"fix: {fix}")
        self.key = key
        self.what = problem
        self.fix = fix


class _Loader:
    """Holds the file being read so every check can name it in its message."""

    def __init__(self, path: Path, problems: list[PackProblem] | None = None):
        self.path = path
        # Collecting (the lint): problems are kept and loading goes on; else the first raises.
        self.problems = problems

    # -- helpers ---------------------------------------------------------------------

    def fail(self, key: str, problem: str, fix: str) -> PackProblem:
        return PackProblem(self.path, key, problem, fix)

    def note(self, problem: PackProblem) -> None:
        """A problem the loader can carry on after: raised for a build, kept for the lint."""
        if self.problems is None:
            raise problem
        self.problems.append(problem)

    def keep(self, fallback: Any, read: Any, *args: Any, **kwargs: Any) -> Any:
        """`read(...)`, or when collecting and it fails, `fallback` with the problem kept."""
        try:
            return read(*args, **kwargs)
        except PackProblem as exc:
            self.note(exc)
            return fallback

    def entries(self, read: Any, tables: list[dict[str, Any]], *args: Any) -> tuple[Any, ...]:
        """Each [[...]] entry read; one that cannot be read is left out (and kept as a problem)."""
        out = []
        for i, t in enumerate(tables):
            value = self.keep(None, read, t, i, *args)
            if value is not None:
                out.append(value)
        return tuple(out)

    def known(self, table: dict[str, Any], where: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                fix = f"did you mean `{close[0]}`?" if close else f"allowed keys here: {', '.join(allowed)}"
                self.note(self.fail(f"{where}{key}", "unknown key", fix))

    def text(self, table: dict[str, Any], key: str, where: str, *, required: bool = True, example: str = "...") -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}{key}", "is missing", f'add {key} = "{example}"')
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}{key}", "must be a non-empty string", f'write it in double quotes, e.g. {key} = "{example}"')
        return " ".join(value.split())

    def date(self, table: dict[str, Any], key: str, where: str, *, required: bool, example: str) -> dt.date | None:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}{key}", "is missing", f"add {key} = {example} (a TOML date, no quotes)")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(f"{where}{key}", f"{value!r} is not a date", f"write {key} = {example} (YYYY-MM-DD, no quotes)")

    def boolean(self, table: dict[str, Any], key: str, where: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}{key}", f"{value!r} is not true or false", f"write {key} = true or {key} = false")
        return value

    def file(self, table: dict[str, Any], key: str, where: str, *, required: bool, suffixes: tuple[str, ...]) -> Path | None:
        raw = self.text(table, key, where, required=required, example=f"sources/documents/NAME{suffixes[0]}")
        if raw is None:
            return None
        found = resolve_path(raw, self.path)
        if found is None:
            raise self.fail(
                f"{where}{key}",
                f"file {raw!r} not found (looked beside the pack description and in the repository)",
                "give a path relative to the pack description or to the repository root",
            )
        if found.suffix.lower() not in suffixes:
            raise self.fail(f"{where}{key}", f"{raw!r} is not a {' or '.join(suffixes)} file", f"point it at the {suffixes[0]} file")
        return found

    def tables(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, "must be a list of tables", f"write each entry under its own [[{key}]] header")
        return value

    # -- the pack ----------------------------------------------------------------------

    def pack(self, data: dict[str, Any]) -> PackSpec:
        self.known(
            data,
            "",
            (
                "title",
                "subtitle",
                "reference",
                "published",
                "respond_by",
                "report_by",
                "redesignation",
                "contact",
                "author",
                "classification",
                "organisation",
                "department",
                "allow_lint_errors",
                "introduction",
                "documents",
                "questions",
                "drafting",
                "topics",
                "direction",
            ),
        )
        reference = self.keep(self.path.stem, self.text, data, "reference", "", example="s1sr-2025-correction")
        if not _REFERENCE.match(reference):
            self.note(self.fail("reference", f"{reference!r} cannot name a folder", "use letters, digits, '.', '-' and '_' only, e.g. s1sr-2025-correction"))
        title = self.keep("", self.text, data, "title", "", example="SMETS1 Supporting Requirements: correction of clause 18.5")
        published = self.date(data, "published", "", required=True, example="2025-02-05")
        assert published is not None
        respond_by = self.respond_by(data, published)
        contact = self.keep("", self.text, data, "contact", "", example="consultations@smartdcc.co.uk")
        department, given = self.keep((department_for(published), False), self.department, data, published)
        documents = self.entries(self.document, self.keep([], self.tables, data, "documents"))
        if not documents:
            self.note(self.fail("documents", "the pack re-designates no document", "add a [[documents]] table for each document changed"))
        self.keep(None, self.unique, [d.short_name.lower() for d in documents], "documents", "short_name")
        questions = self.entries(self.question, self.keep([], self.tables, data, "questions"))
        if not questions:
            self.note(self.fail("questions", "the pack asks no question", "add a [[questions]] table with id, text and kind"))
        if self.problems is None:  # the lint says which ids repeat, with the other id rules
            self.unique([q.id.lower() for q in questions], "questions", "id")
        drafting = self.entries(self.drafting, self.keep([], self.tables, data, "drafting"), documents)
        direction = self.keep(Direction(), self.direction, data.get("direction", {}), documents)
        topics = self.entries(self.topic, self.keep([], self.tables, data, "topics"), documents)
        return PackSpec(
            path=self.path,
            reference=reference,
            title=title,
            published=published,
            respond_by=respond_by,
            contact=contact,
            department=department,
            department_given=given,
            documents=documents,
            questions=questions,
            drafting=drafting,
            direction=direction,
            allow_lint_errors=self.keep(False, self.boolean, data, "allow_lint_errors", "", False),
            subtitle=self.keep(None, self.text, data, "subtitle", "", required=False),
            author=self.keep(None, self.text, data, "author", "", required=False),
            classification=self.keep(None, self.text, data, "classification", "", required=False) or CLASSIFICATION,
            organisation=self.keep(None, self.text, data, "organisation", "", required=False) or ORGANISATION,
            report_by=self.keep(None, self.date, data, "report_by", "", required=False, example="2025-03-20"),
            redesignation=self.keep(None, self.date, data, "redesignation", "", required=False, example="2025-04-30"),
            introduction=self.keep(None, self.file, data, "introduction", "", required=False, suffixes=(".md",)),
            topics=topics,
        )

    def topic(self, table: dict[str, Any], i: int, documents: tuple[DocumentChange, ...]) -> Topic:
        where = f"topics[{i}]."
        self.known(table, where, ("title", "text", "questions", "drafting", "redesignation", "documents"))
        title = self.text(table, "title", where, example="Correction of the clause 18.5 references")
        assert title is not None
        lists = {}
        for key, example in (("questions", '["S1SR Q1"]'), ("drafting", '["18.5(p)", "Annex A"]'), ("documents", '["S1SR"]')):
            raw = table.get(key, [])
            if isinstance(raw, str):
                raw = [raw]
            if not isinstance(raw, list) or not all(isinstance(r, str) and r.strip() for r in raw):
                raise self.fail(f"{where}{key}", "must be a list of strings", f"write {key} = {example}")
            lists[key] = tuple(" ".join(r.split()) for r in raw)
        for name in lists["documents"]:
            if not any(d.short_name.lower() == name.lower() for d in documents):
                choices = ", ".join(repr(d.short_name) for d in documents)
                raise self.fail(f"{where}documents", f"{name!r} is not one of the pack's documents", f"use short names from [[documents]]: {choices}")
        return Topic(
            title=title,
            text=self.file(table, "text", where, required=False, suffixes=(".md",)),
            questions=lists["questions"],
            drafting=lists["drafting"],
            redesignation=self.date(table, "redesignation", where, required=False, example="2021-10-12"),
            documents=tuple(next(d.short_name for d in documents if d.short_name.lower() == n.lower()) for n in lists["documents"]),
        )

    def unique(self, values: list[str], table: str, key: str) -> None:
        seen: set[str] = set()
        for i, v in enumerate(values):
            if v in seen:
                raise self.fail(f"{table}[{i}].{key}", f"{v!r} is used twice", f"give each [[{table}]] its own {key}")
            seen.add(v)

    def respond_by(self, data: dict[str, Any], published: dt.date) -> dt.datetime:
        value = data.get("respond_by")
        example = "2025-03-05T16:00:00"
        if value is None:
            raise self.fail("respond_by", "is missing", f"add respond_by = {example} (date and time, no quotes)")
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                raise self.fail("respond_by", f"{value!r} is not a date and time", f"write respond_by = {example}") from None
        if isinstance(value, dt.datetime):
            moment = value.replace(tzinfo=None)
        elif isinstance(value, dt.date):
            moment = dt.datetime.combine(value, DEFAULT_RESPOND_TIME)
        else:
            raise self.fail("respond_by", f"{value!r} is not a date and time", f"write respond_by = {example}")
        if moment.date() < published and self.problems is None:  # the lint's pack/dates says it
            raise self.fail("respond_by", "is before the publication date", "the closing date must be on or after `published`")
        return moment

    def department(self, data: dict[str, Any], published: dt.date) -> tuple[str, bool]:
        raw = data.get("department")
        if raw is None:
            return department_for(published), False
        if isinstance(raw, str):
            wanted = raw.strip()
            for short, full in DEPARTMENTS.items():
                if wanted.upper() == short or wanted.lower() == full.lower():
                    return short, True
        raise self.fail("department", f"{raw!r} is not a department docgen knows", 'write "BEIS" or "DESNZ", or leave it out to derive it from `published`')

    def document(self, table: dict[str, Any], i: int) -> DocumentChange:
        where = f"documents[{i}]."
        self.known(table, where, ("short_name", "name", "appendix", "version_from", "version_to", "old", "new", "baseline", "matrix", "final", "version_final"))
        short = self.text(table, "short_name", where, example="S1SR")
        name = self.text(table, "name", where, example="SMETS1 Supporting Requirements")
        appendix = self.text(table, "appendix", where, example="AM")
        assert short is not None and name is not None and appendix is not None
        appendix = appendix.removeprefix("Appendix ").strip()
        if not _APPENDIX.match(appendix):
            raise self.fail(f"{where}appendix", f"{appendix!r} is not an appendix letter", 'give the letters only, e.g. appendix = "AM"')
        old = self.file(table, "old", where, required=False, suffixes=(".docx",))
        new = self.file(table, "new", where, required=False, suffixes=(".docx",))
        if (old is None) != (new is None):
            missing = "old" if old is None else "new"
            raise self.fail(f"{where}{missing}", "is missing while its partner is given", "give both old and new for a redline, or neither for a document the direction re-designates without one")
        baseline = self.file(table, "baseline", where, required=False, suffixes=(".docx", ".pdf"))
        if baseline is not None and new is None:
            raise self.fail(f"{where}baseline", "a lint baseline needs the document's new file", "add old and new to this [[documents]] table, or remove baseline")
        v_from = self.version(table, "version_from", where)
        v_to = self.version(table, "version_to", where)
        if new is not None and v_to is None:
            raise self.fail(f"{where}version_to", "is missing", 'add version_to = "12.2" (the version the new file is)')
        if old is not None and v_from is None:
            raise self.fail(f"{where}version_from", "is missing", 'add version_from = "12" (the version the old file is)')
        matrix = None
        if "matrix" in table:
            if new is None:
                raise self.fail(f"{where}matrix", "a matrix needs the document's old and new files", "add old and new to this [[documents]] table")
            matrix = self.matrix(table["matrix"], f"{where}matrix.")
        final = self.file(table, "final", where, required=False, suffixes=(".docx",))
        if final is not None and new is None:
            raise self.fail(f"{where}final", "a final version needs the consulted one (new) to compare with", "add old and new to this [[documents]] table, or remove final")
        v_final = self.version(table, "version_final", where)
        if final is not None and v_final is None:
            raise self.fail(f"{where}version_final", "is missing", 'add version_final = "12.3" (the version the final file is)')
        return DocumentChange(short, name, appendix, v_from, v_to, old, new, matrix, baseline, final, v_final)

    def version(self, table: dict[str, Any], key: str, where: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise self.fail(f"{where}{key}", f"{value!r} is a number, and numbers lose trailing zeros", f'quote it: {key} = "{value}"')
        text = self.text(table, key, where)
        assert text is not None
        return text.removeprefix("v").removeprefix("V")

    def matrix(self, table: Any, where: str) -> MatrixChange:
        if not isinstance(table, dict):
            raise self.fail(where.rstrip("."), "must be a table", "write it as [documents.matrix] with old and new")
        self.known(table, where, ("old", "new", "name", "annex"))
        old = self.file(table, "old", where, required=True, suffixes=(".xlsx",))
        new = self.file(table, "new", where, required=True, suffixes=(".xlsx",))
        assert old is not None and new is not None
        name = self.text(table, "name", where, required=False) or MatrixChange.name
        annex = self.text(table, "annex", where, required=False) or MatrixChange.annex
        return MatrixChange(old, new, name, annex)

    def question(self, table: dict[str, Any], i: int) -> Question:
        where = f"questions[{i}]."
        self.known(table, where, ("id", "text", "kind"))
        qid = self.text(table, "id", where, example="S1SR Q1")
        text = self.text(table, "text", where, example="Do you agree with the proposed amendments?")
        kind = (self.text(table, "kind", where, required=False) or "agree").lower()
        kind = {"agree/disagree": "agree", "agree-disagree": "agree", "choice": "agree", "comment": "open"}.get(kind, kind)
        if kind not in QUESTION_KINDS:
            raise self.fail(f"{where}kind", f"{kind!r} is not a question kind", 'write kind = "agree" (Agree / Disagree / No opinion and a rationale) or kind = "open" (comments only)')
        assert qid is not None and text is not None
        if "|" in qid:
            raise self.fail(f"{where}id", "contains '|'", 'use letters, digits and spaces, e.g. id = "S1SR Q1"')
        return Question(qid, text, kind)

    def drafting(self, table: dict[str, Any], i: int, documents: tuple[DocumentChange, ...]) -> DraftingChange:
        where = f"drafting[{i}]."
        self.known(table, where, ("ref", "refs", "description", "rationale", "document", "subclauses", "text"))
        ref = self.text(table, "ref", where, example="18.5(p)")
        # An empty description is the pack lint's business (pack/drafting-description), so
        # that `docgen lint PACK.toml` reports it with every other finding of the pack.
        raw_description = table.get("description", "")
        if not isinstance(raw_description, str):
            raise self.fail(f"{where}description", "must be a string", 'write description = "What changed and why"')
        description = " ".join(raw_description.split())
        assert ref is not None
        refs_raw = table.get("refs")
        if refs_raw is None:
            refs: tuple[str, ...] = (ref,)
        elif isinstance(refs_raw, list) and refs_raw and all(isinstance(r, str) and r.strip() for r in refs_raw):
            refs = tuple(r.strip() for r in refs_raw)
        else:
            raise self.fail(f"{where}refs", "must be a list of clause references", 'write refs = ["18.63(d)", "18.65(e)"]')
        for raw in refs:
            try:
                parse_refs(raw)
            except RefError as exc:
                key = "refs" if refs_raw is not None else "ref"
                raise self.fail(f"{where}{key}", str(exc), 'give clause references docgen can read, e.g. refs = ["18.5(p)", "Table A3 Step 4", "Annex A"] (ref stays the text shown in the table)') from None
        redlined = [d for d in documents if d.has_redline]
        doc_name = self.text(table, "document", where, required=False)
        if doc_name is not None:
            if not any(d.short_name.lower() == doc_name.lower() for d in documents):
                names = ", ".join(repr(d.short_name) for d in documents)
                raise self.fail(f"{where}document", f"{doc_name!r} is not one of the pack's documents", f"use a short_name from [[documents]]: {names}")
            doc_name = next(d.short_name for d in documents if d.short_name.lower() == doc_name.lower())
        elif len(documents) == 1:
            doc_name = documents[0].short_name
        elif len(redlined) == 1:
            doc_name = redlined[0].short_name
        else:
            candidates = redlined or list(documents)
            names = ", ".join(repr(d.short_name) for d in candidates)
            raise self.fail(f"{where}document", "is missing and the pack has several documents it could belong to", f"say which: document = one of {names}")
        return DraftingChange(
            ref=ref,
            description=description,
            refs=refs,
            document=doc_name,
            rationale=self.text(table, "rationale", where, required=False),
            subclauses=self.boolean(table, "subclauses", where, False),
            text=self.text(table, "text", where, required=False),
        )

    def direction(self, table: Any, documents: tuple[DocumentChange, ...]) -> Direction:
        if not isinstance(table, dict):
            raise self.fail("direction", "must be a table", "write it under a [direction] header")
        self.known(table, "direction.", ("effective", "annex", "consequential"))
        effective = None
        if isinstance(table.get("effective"), str) and table["effective"].strip().lower() in ("draft", "[dd mm yyyy]", ""):
            effective = None
        else:
            effective = self.date(table, "effective", "direction.", required=False, example="2025-04-30")
        annex = self.annex(table, "annex", "direction.")
        amendments = []
        for i, t in enumerate(self.keep([], self.tables, table, "consequential")):
            amendment = self.keep(None, self.consequential, t, f"direction.consequential[{i}].", documents)
            if amendment is not None:
                amendments.append(amendment)
        return Direction(effective, annex, tuple(amendments))

    def annex(self, table: dict[str, Any], key: str, where: str) -> str | None:
        raw = self.text(table, key, where, required=False)
        if raw is None:
            return None
        raw = raw.removeprefix("Annex ").strip()
        if raw.startswith("[") or raw.lower() == "draft":
            return None  # the user wrote the placeholder itself
        return raw

    def consequential(self, table: dict[str, Any], where: str, documents: tuple[DocumentChange, ...]) -> ConsequentialAmendment:
        self.known(table, where, ("target", "change", "in_consequence_of", "annex"))
        target = self.text(table, "target", where, example="Section A (Definitions and Interpretation)")
        change = self.text(table, "change", where, example="to change the definition of SMETS1 PPMID")
        assert target is not None and change is not None
        raw = table.get("in_consequence_of", [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(r, str) for r in raw):
            raise self.fail(f"{where}in_consequence_of", "must be a list of document short names", 'write in_consequence_of = ["TMAD"]')
        names = []
        for r in raw:
            doc = next((d for d in documents if d.short_name.lower() == r.strip().lower()), None)
            if doc is None:
                choices = ", ".join(repr(d.short_name) for d in documents)
                raise self.fail(f"{where}in_consequence_of", f"{r!r} is not one of the pack's documents", f"use short names from [[documents]]: {choices}")
            names.append(doc.short_name)
        return ConsequentialAmendment(target, change, tuple(names), self.annex(table, "annex", where))


def resolve_path(raw: str, pack_path: Path) -> Path | None:
    """A path as written in a pack: relative to the description, else to the repository root."""
    candidate = Path(raw).expanduser()
    if candidate.is_absolute():
        return candidate if candidate.is_file() else None
    bases = [pack_path.parent]
    root = repository_root(pack_path)
    if root is not None:
        bases.append(root)
    bases.append(Path.cwd())
    for base in bases:
        found = base / candidate
        if found.is_file():
            return found
    return None


def repository_root(start: Path) -> Path | None:
    """The nearest folder above `start` holding pyproject.toml or .git (the docgen checkout)."""
    for folder in [start.resolve().parent, *start.resolve().parents]:
        if (folder / "pyproject.toml").exists() or (folder / ".git").exists():
            return folder
    return None
