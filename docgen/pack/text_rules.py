"""The pack lint's rules over the words a pack publishes.

The seed consultations were each published with a slip a reader notices at once and no
check caught: "TBC" left in a drafting description, a question proposing a re-designation
date the rest of the document contradicts, "version 12.1" in a version 12.2 consultation,
BEIS named two years after DESNZ took over, "Business, Energy & Industrial Strategy",
`www.smartdccc.co.uk` for `www.smartdcc.co.uk`, a consequential change that does not read
on from "... in order". Each text the pack publishes (questions, drafting descriptions and
rationales, the direction's consequential changes, the introduction and topic Markdown) is
a `PackText` naming its key and line, and each rule yields findings against it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from docgen.checks import ERROR, WARNING
from docgen.pack.dates import long_date
from docgen.pack.spec import DEPARTMENTS, PackSpec

RULE_PLACEHOLDER = "pack/placeholder"
RULE_TEXT_DATES = "pack/dates"
RULE_REDESIGNATION = "pack/redesignation"
RULE_VERSIONS = "pack/versions"
RULE_DEPARTMENT = "pack/department"
RULE_CONTACT = "pack/contact"
RULE_CONSEQUENTIAL = "pack/consequential"

_PLACEHOLDER = re.compile(
    r"\bTB[CDA]\b|\[\s*(?:\.\.\.|…)\s*\]|\bX{2,}\b|\[\s*(?:date|DD MM YYYY|insert[^\]]*|name|ref|tbc|tbd)\s*\]|\?{3,}",
    re.IGNORECASE,
)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTH_NAMES) + r")\s+(\d{4})\b", re.IGNORECASE)
_VERSION = re.compile(r"(?<![\w.])(?:(SEC)\s+)?(?:versions?\s+|v\.?\s?)(\d+(?:\.\d+)*)\b(?!\.\d)", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\]]+", re.IGNORECASE)
_EMAIL_LIKE = re.compile(r"[^\s<>()\[\]\"',;:]*@[^\s<>()\[\]\"',;:]*")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_HOST = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_DESIGNATION = re.compile(r"designat", re.IGNORECASE)
# The departments as people write them: with or without the comma, "and" or "&".
_DEPARTMENT_SPELLINGS = {
    "BEIS": re.compile(r"Department\s+(?:for|of)\s+Business,?\s+Energy,?\s+(?:and|&)\s+Industrial\s+Strateg(?:y|ies)", re.IGNORECASE),
    "DESNZ": re.compile(r"Department\s+(?:for|of)\s+Energy\s+Security,?\s+(?:and|&)\s+Net\s*[- ]?Zero", re.IGNORECASE),
}


@dataclass(frozen=True)
class PackText:
    """One published text: the key it comes from, its file and the line there."""

    key: str
    text: str
    file: Path | None = None  # None: the pack description itself
    line: int | None = None  # a line of `file` (Markdown); for the description, from the key


@dataclass(frozen=True)
class TextFinding:
    rule: str
    severity: str
    key: str
    problem: str
    fix: str
    file: Path | None = None
    line: int | None = None
    value: str | None = None


def pack_texts(pack: PackSpec) -> list[PackText]:
    """Every text of the pack a reader sees, in the order of the pack description."""
    out = [PackText("title", pack.title)]
    if pack.subtitle:
        out.append(PackText("subtitle", pack.subtitle))
    for i, q in enumerate(pack.questions):
        out.append(PackText(f"questions[{i}].text", q.text))
    for i, d in enumerate(pack.drafting):
        out.append(PackText(f"drafting[{i}].description", d.description))
        if d.rationale:
            out.append(PackText(f"drafting[{i}].rationale", d.rationale))
        if d.text:
            out.append(PackText(f"drafting[{i}].text", d.text))
    for i, c in enumerate(pack.direction.consequential):
        out.append(PackText(f"direction.consequential[{i}].target", c.target))
        out.append(PackText(f"direction.consequential[{i}].change", c.change))
    files = [("introduction", pack.introduction)] + [(f"topics[{i}].text", t.text) for i, t in enumerate(pack.topics)]
    for key, path in files:
        if path is None:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                out.append(PackText(key, line, path, n))
    return out


def _where(t: PackText) -> str:
    return f"{t.file.name} line {t.line}" if t.file is not None else "the text"


def _finding(t: PackText, rule: str, severity: str, problem: str, fix: str, value: str | None = None) -> TextFinding:
    return TextFinding(rule, severity, t.key, problem, fix, t.file, t.line, value)


def check_placeholders(texts: list[PackText]) -> Iterator[TextFinding]:
    for t in texts:
        for m in _PLACEHOLDER.finditer(_URL.sub(" ", t.text)):
            yield _finding(t, RULE_PLACEHOLDER, ERROR, f"{_where(t)} still holds the placeholder {m.group(0)!r}", "write the final text before publishing (or remove it)")


# ---------------------------------------------------------------------------------------
# Dates


def _dates_in(text: str) -> Iterator[tuple[str, dt.date | None]]:
    for m in _DATE.finditer(text):
        month = next(i for i, name in enumerate(_MONTH_NAMES, start=1) if name.lower() == m.group(2).lower())
        try:
            yield m.group(0), dt.date(int(m.group(3)), month, int(m.group(1)))
        except ValueError:
            yield m.group(0), None


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


def check_dates_in_text(pack: PackSpec, texts: list[PackText]) -> Iterator[TextFinding]:
    """A date a text proposes for re-designation is one the pack proposes; the closing and
    report dates in prose are the pack's; a date that does not exist is an error."""
    proposed = pack.topic_dates()
    if pack.direction.effective is not None:
        proposed = sorted(set(proposed) | {pack.direction.effective})
    known = {pack.published, pack.respond_by.date(), *proposed}
    if pack.report_by is not None:
        known.add(pack.report_by)
    for t in texts:
        for sentence in _sentences(t.text):
            for written, day in _dates_in(sentence):
                if day is None:
                    yield _finding(t, RULE_TEXT_DATES, ERROR, f"{_where(t)} gives {written!r}, which is not a date", "correct the day or the month")
                    continue
                if _DESIGNATION.search(sentence) and day not in proposed:
                    if proposed:
                        wanted = " or ".join(long_date(d) for d in proposed)
                        yield _finding(t, RULE_REDESIGNATION, ERROR, f"{_where(t)} proposes re-designation on {written} but the pack proposes {wanted}", f"write {wanted}, or correct `redesignation`", value=wanted)
                    else:
                        yield _finding(t, RULE_REDESIGNATION, ERROR, f"{_where(t)} proposes re-designation on {written} but the pack gives no `redesignation` date", f"add redesignation = {day.isoformat()} to the pack description, or remove the date from the text")
                elif day > pack.published and day not in known and not _DESIGNATION.search(sentence):
                    listed = ", ".join(long_date(d) for d in sorted(known))
                    yield _finding(t, RULE_TEXT_DATES, WARNING, f"{_where(t)} gives {written}, which is none of the pack's dates ({listed})", "check the date against `respond_by`, `report_by` and `redesignation`")


def asks_about_redesignation(text: str) -> bool:
    """Whether a question asks about the proposed re-designation date (the letter states
    the objections to it)."""
    return bool(re.search(r"\bdates?\b", text, re.IGNORECASE) and re.search(r"designat|propos", text, re.IGNORECASE))


def check_redesignation_question(pack: PackSpec) -> Iterator[TextFinding]:
    """Every seed asks respondents about the proposed re-designation date."""
    asks = [q for q in pack.questions if asks_about_redesignation(q.text)]
    if asks or not pack.questions:
        return
    dates = pack.topic_dates()
    when = f" of {' and '.join(long_date(d) for d in dates)}" if dates else ""
    yield TextFinding(
        RULE_REDESIGNATION,
        ERROR,
        "questions",
        "no question asks respondents about the proposed re-designation date",
        f'add [[questions]] text = "Do you agree with the proposed re-designation date{when} ...?"',
    )


# ---------------------------------------------------------------------------------------
# Versions


def version_key(version: str) -> tuple[int, ...] | None:
    """"12.2" -> (12, 2); "4.10" -> (4, 10) (after 4.9); None for anything else."""
    if not re.fullmatch(r"\d+(?:\.\d+)*", version):
        return None
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def check_version_order(pack: PackSpec) -> Iterator[TextFinding]:
    for i, doc in enumerate(pack.documents):
        if doc.version_from is None or doc.version_to is None:
            continue
        a, b = version_key(doc.version_from), version_key(doc.version_to)
        if a is not None and b is not None and a >= b:
            yield TextFinding(
                RULE_VERSIONS,
                ERROR,
                f"documents[{i}].version_to",
                f"{doc.short_name} goes from version {doc.version_from} to version {doc.version_to}, which is not later",
                "swap version_from and version_to, or correct the one that is wrong",
            )


def check_versions_in_text(pack: PackSpec, texts: list[PackText]) -> Iterator[TextFinding]:
    """A version named in the text is the pack's (from, to, final) or an earlier one: a
    version between them or after them is another consultation's ("version 12.1" in 12.2)."""
    docs = [d for d in pack.documents if d.version_from and d.version_to]
    if not docs:
        return
    for t in texts:
        text = _URL.sub(" ", t.text)
        for m in _VERSION.finditer(text):
            if m.group(1):  # "SEC version 35": the code's own version
                continue
            seen = version_key(m.group(2))
            if seen is None:
                continue
            # The document a mention is about is the one named just before (or after) it;
            # a document of the pack without versions (re-designated only) is not checked.
            window = text[max(0, m.start() - 80) : m.end() + 40]
            near = [d for d in pack.documents if re.search(rf"\b{re.escape(d.short_name)}\b|{re.escape(d.name)}", window, re.IGNORECASE)]
            candidates = [d for d in near if d in docs] if near else docs
            if not candidates or any(_version_fits(d, seen) for d in candidates):
                continue
            d = candidates[0]
            yield _finding(
                t,
                RULE_VERSIONS,
                ERROR,
                f"{_where(t)} names {m.group(0).strip()!r} but the pack changes {d.short_name} from version {d.version_from} to {d.version_to}",
                f"write version {d.version_to} (or {d.version_from})",
                value=d.version_to,
            )


def _version_fits(doc, seen: tuple[int, ...]) -> bool:
    allowed = {version_key(v) for v in (doc.version_from, doc.version_to, doc.version_final) if v}
    low = version_key(doc.version_from or "")
    return seen in allowed or (low is not None and seen < low)


# ---------------------------------------------------------------------------------------
# Department, contact, consequential changes


def check_department_names(pack: PackSpec, texts: list[PackText]) -> Iterator[TextFinding]:
    """The department of the pack's date, and each department's name in its one spelling."""
    wrong = "BEIS" if pack.department == "DESNZ" else "DESNZ"
    other = re.compile(rf"\b{wrong}\b|{_DEPARTMENT_SPELLINGS[wrong].pattern}", re.IGNORECASE)
    for t in texts:
        m = other.search(t.text)
        if m is not None:
            yield _finding(t, RULE_DEPARTMENT, ERROR, f"{_where(t)} names {m.group(0)!r} but the pack's department is {pack.department}", f"write {pack.department} ({pack.department_name}), or correct `department`")
        for short, pattern in _DEPARTMENT_SPELLINGS.items():
            for found in pattern.finditer(t.text):
                written = " ".join(found.group(0).split())
                if written != DEPARTMENTS[short]:
                    yield _finding(t, RULE_DEPARTMENT, ERROR, f"{_where(t)} spells the department {written!r}", f"write {DEPARTMENTS[short]!r}", value=DEPARTMENTS[short])


def _domain(address: str) -> str:
    host = address.split("@", 1)[-1] if "@" in address else re.sub(r"^(?:https?://)?", "", address, flags=re.IGNORECASE).split("/", 1)[0]
    host = host.lower().rstrip(".")
    return host.removeprefix("www.")


def check_contact(pack: PackSpec, texts: list[PackText]) -> Iterator[TextFinding]:
    """Addresses well formed, the contact's domain spelt one way, one contact address."""
    contact = pack.contact.strip()
    if not _EMAIL.match(contact):
        yield TextFinding(RULE_CONTACT, ERROR, "contact", f"{contact!r} is not an e-mail address", 'write contact = "consultations@smartdcc.co.uk" (name@domain)')
        return
    home = _domain(contact)
    if pack.author and "@" in pack.author and pack.author.strip().lower() != contact.lower():
        yield TextFinding(RULE_CONTACT, ERROR, "author", f"the author {pack.author!r} is not the contact {contact!r}", f'write author = "{contact}", or leave it out')
    for t in texts:
        text = t.text.replace("mailto:", " ")
        for m in _URL.finditer(text):
            url = m.group(0).rstrip(".,;:")
            host = _domain(url)
            if not _HOST.match(host):
                yield _finding(t, RULE_CONTACT, ERROR, f"{_where(t)} gives the web address {url!r}, which is not well formed", "correct the address")
            elif host != home and _similar(host, home):
                yield _finding(t, RULE_CONTACT, ERROR, f"{_where(t)} gives {host!r}, a misspelling of {home!r}", f"write {home}", value=home)
        for m in _EMAIL_LIKE.finditer(_URL.sub(" ", text)):
            address = m.group(0).rstrip(".")
            if not _EMAIL.match(address):
                yield _finding(t, RULE_CONTACT, ERROR, f"{_where(t)} gives the e-mail address {address!r}, which is not well formed", f"write {contact}", value=contact)
                continue
            host = _domain(address)
            if host != home and _similar(host, home):
                yield _finding(t, RULE_CONTACT, ERROR, f"{_where(t)} gives {address!r}, a misspelling of the contact {contact!r}", f"write {contact}", value=contact)
            elif host == home and address.lower() != contact.lower():
                yield _finding(t, RULE_CONTACT, ERROR, f"{_where(t)} gives {address!r} but the pack's contact is {contact!r}", f"write {contact} everywhere, or correct `contact`", value=contact)


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def check_consequential(pack: PackSpec) -> Iterator[TextFinding]:
    """The direction reads "... the following changes ... in order: <change>"."""
    for i, c in enumerate(pack.direction.consequential):
        if not re.match(r"to\s", c.change.strip()):
            first = c.change.strip()
            wanted = "to " + first[:1].lower() + first[1:]
            yield TextFinding(
                RULE_CONSEQUENTIAL,
                ERROR,
                f"direction.consequential[{i}].change",
                f"{c.change!r} does not start with 'to', so the direction does not read on",
                f'change = "{wanted}"',
                value=wanted,
            )


def text_findings(pack: PackSpec) -> list[TextFinding]:
    texts = pack_texts(pack)
    out: list[TextFinding] = []
    out += check_placeholders(texts)
    out += check_dates_in_text(pack, texts)
    out += check_redesignation_question(pack)
    out += check_version_order(pack)
    out += check_versions_in_text(pack, texts)
    out += check_department_names(pack, texts)
    out += check_contact(pack, texts)
    out += check_consequential(pack)
    return out
