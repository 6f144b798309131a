"""Every way a published document could name a confidential respondent, and the check.

A respondent who asked for confidentiality (or did not say) is named in other people's
comments and in their own text by short forms as often as by the full name: "Hushwater" for
"Hushwater Energy Ltd", "Mr Jones" for "David Jones", "hushwater.co.uk" from an e-mail
address. The forms are made here once, used to blank them out of what is quoted, and used
again as the last check over the whole text of each published document before it is
written: a hit there stops the command, because what is published cannot be taken back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.pack.responses import Response

_SUFFIX = re.compile(r"[\s,]+(ltd\.?|limited|plc|group|llp|inc\.?|holdings|uk)$", re.IGNORECASE)
_TITLES = ("Mr", "Ms", "Mrs", "Miss", "Dr", "Mx")
# First words too common to stand for one organisation on their own.
_COMMON = {
    "the", "energy", "smart", "power", "electric", "electricity", "gas", "utility", "utilities", "green", "british",
    "national", "first", "new", "united", "meter", "meters", "metering", "supply", "supplier", "network", "networks",
    "data", "services", "service", "solutions", "group", "home", "north", "south", "east", "west", "uk", "global",
}
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
# Characters that show nothing: a soft hyphen, zero-width spaces and joiners, the word joiner
# and a stray byte-order mark. Text pasted from the web carries them; "Hush\u00adwater" shows
# (and prints to PDF) as "Hushwater", so names are looked for with them taken out.
_INVISIBLE = re.compile("[\u00ad\u200b\u200d\u2060\ufeff]")


def visible(text: str) -> str:
    """The text as it shows: the invisible characters taken out."""
    return _INVISIBLE.sub("", text)
WITHHELD_NAME = "[name withheld]"


def name_forms(response: Response) -> list[str]:
    """The forms of a respondent's names worth looking for, longest first."""
    forms: set[str] = set()
    org = " ".join(response.organisation.split())
    if org:
        forms.add(org)
        bare = org
        while _SUFFIX.search(bare):
            bare = _SUFFIX.sub("", bare).strip()
        if bare:
            forms.add(bare)
        first = re.split(r"[\s,&-]+", bare)[0] if bare else ""
        if len(first) >= 4 and first.lower() not in _COMMON:
            forms.add(first)
    for person in (response.name, response.contact):
        person = " ".join(person.split())
        emails = _EMAIL.findall(person)
        for m in _EMAIL.finditer(person):
            forms.add(m.group(0))
            forms.add(m.group(1))
        person = _EMAIL.sub("", person).strip(" ,;()<>")
        if not person or emails and not re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", person):
            continue
        forms.add(person)
        words = [w for w in person.split() if w.strip(".").lower() not in {t.lower() for t in _TITLES}]
        if len(words) >= 2:
            surname = words[-1]
            forms.update(f"{t} {surname}" for t in _TITLES)
            forms.update(f"{t}. {surname}" for t in _TITLES)
    return sorted((f for f in forms if len(f) > 2), key=lambda f: (-len(f), f))


def _pattern(form: str) -> re.Pattern[str]:
    spaced = r"\s+".join(re.escape(w) for w in form.split())
    return re.compile(rf"(?<![\w@.]){spaced}(?![\w@])", re.IGNORECASE)


def hidden_respondents(responses: list[Response]) -> list[Response]:
    """Respondents a published document must not name: all but those who said No."""
    return [r for r in responses if not r.named]


def redactor(responses: list[Response]):
    """A function that blanks every name form of every hidden respondent out of a text.
    Forms shared with a respondent who may be named are left alone only when the hidden one
    has a longer, distinctive form to catch."""
    forms = sorted({f for r in hidden_respondents(responses) for f in name_forms(r)}, key=lambda f: (-len(f), f))
    patterns = [_pattern(f) for f in forms]

    def redact(text: str) -> str:
        text = visible(text)
        for p in patterns:
            text = p.sub(WITHHELD_NAME, text)
        return text

    return redact


@dataclass(frozen=True)
class Leak:
    document: str
    form: str
    response: Response
    where: str  # the text around the hit
    question: str = ""  # the question whose published answers carry the name, when one does


def find_leak(document: str, text: str, responses: list[Response], question_ids: list[str] | tuple[str, ...] = ()) -> Leak | None:
    """The first name form of a hidden respondent found in a published document's text, with
    the question whose section it is in (from `question_ids`), when it is in one."""
    text = visible(text)
    for r in hidden_respondents(responses):
        for form in name_forms(r):
            m = _pattern(form).search(text)
            if m:
                where = " ".join(text[max(0, m.start() - 40) : m.end() + 40].split())
                return Leak(document, form, r, where, question_at(text, m.start(), question_ids))
    return None


def question_at(text: str, at: int, question_ids: list[str] | tuple[str, ...]) -> str:
    """The question whose section holds position `at`: the last "question ID" (a heading,
    "Comments relating to question S1SR Q2") or "(ID)" before it. Where a table of contents
    lists the headings first, a section has begun only once its heading comes a second time."""
    before = text[:at]
    needed = 2 if "table of contents" in before.lower() else 1
    best, best_at = "", -1
    for qid in question_ids:
        hits = list(re.finditer(rf"(?:question\s+|\(){re.escape(qid)}(?![\w])", before, re.IGNORECASE))
        if len(hits) >= needed and hits[-1].start() > best_at:
            best, best_at = qid, hits[-1].start()
    return best
