"""Reading a respondent's position on a question from what they actually wrote.

A returned form says where its respondent stands in many ways: a ticked box (☒, X, "x"), the
template's other options deleted, or words typed in any case ("Agree", "Yes.", "We support
this", "I do not agree", "Disagree in part", "N/A"). A letter answers in prose. A misread
position is published to the industry and sent to the Secretary of State, so this reader
never guesses: when the text does not settle the position (a box ticked and a sentence
saying the opposite, "Agree ... however we cannot support ..."), the answer needs review and
a person decides.

The reader works clause by clause: a clause is a stretch of text between sentence ends and
contrast words ("however", "but", "although"). Each clause is read for assent or dissent,
with negation in front of the verb ("not", "do not", "cannot") turning one into the other;
qualifiers ("partially", "in part", "subject to") make the position partial; and clauses
that pull in opposite directions without a qualifier make it a question for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.ooxml.content import TICKED_GLYPHS

AGREE = "Agree"
DISAGREE = "Disagree"
PARTLY = "Partly agree"
NO_VIEW = "No view"
NOT_ANSWERED = "Not answered"
POSITIONS = (AGREE, DISAGREE, PARTLY, NO_VIEW, NOT_ANSWERED)

# The template's options and the position each stands for.
TEMPLATE_OPTIONS = {"agree": AGREE, "disagree": DISAGREE, "no opinion": NO_VIEW}
EMPTY_GLYPHS = "\u2610\u25a1"


UNSTATED = "the words do not say whether the respondent agrees"


@dataclass(frozen=True)
class Reading:
    """A position, or (position None) why a person must decide."""

    position: str | None
    why: str = ""

    @property
    def needs_review(self) -> bool:
        return self.position is None


# ---------------------------------------------------------------------------------------
# Words

_QUALIFIER = re.compile(
    r"\b(partially|partly|in part|in principle|with (some )?reservations?|subject to|conditionally|"
    r"with (some )?(caveats?|conditions?|concerns?)|to (some|an) extent|not (entirely|fully|wholly|completely)|"
    r"not in full|in some respects|on (the )?condition)\b"
)
_NO_VIEW = re.compile(
    r"^(n ?/ ?a|na|not applicable|none|neutral|no (view|views|opinion|opinions|comment|comments|position|strong (view|views|opinion))"
    r"( (at this time|on this( question)?|to (make|offer|add)))?|(we |i )?(have|hold|express) no (view|opinion|position|comment)s?( on this( question)?)?|"
    r"(we are |i am )?(unsure|not sure)|(we |i )?(do not|don't) (have|hold) (a|any) (view|opinion|position)( on this( question)?)?|"
    r"nothing to add|no further comments?|don't know|do not know|neither agree nor disagree|abstain|no response|"
    r"not applicable (to us|to our organisation|to our business)|(we are |i am )?(not in a position|unable) to comment( on this( question)?)?)$"
)
_NEGATION = r"(not|never|cannot|can not|unable to|n't|no longer)"
# Assent and dissent words; a negation up to three words before one reverses it.
_ASSENT = r"(agree|agreed|agrees|agreement|support|supports|supported|supportive|endorse|endorses|accept|accepts|concur|concurs|in favour|welcome|welcomes|happy|yes)"
_DISSENT = r"(disagree|disagreed|disagrees|disagreement|oppose|opposes|opposed|object|objects|reject|rejects|against|no)"
_WORD = re.compile(rf"\b({_ASSENT}|{_DISSENT})\b")
_NEGATED_BEFORE = re.compile(rf"\b{_NEGATION}\b(\s+\w+){{0,3}}\s*$|n't(\s+\w+){{0,3}}\s*$")
_ASSENT_RE = re.compile(rf"^{_ASSENT}$")
# Phrases whose negation is assent, read before single words.
_DOUBLE = re.compile(
    r"\b(no objections?|not object|n't object|not opposed?|no concerns?|no issues?|no problem|no reason to disagree|not disagree|n't disagree)\b"
    r"|\b(are|am|is|remain|remains) content\b|^content\b"  # "We are content with the proposal": British assent
)
_CONTRAST = re.compile(r"[.;!?:]+\s+|\s*,?\s*\b(however|but|although|though|whereas|except that|except)\b\s*")


def _normal(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    # Contractions spelt out, so that one negation pattern serves "don't", "doesn't", "won't".
    text = re.sub(r"\bcan't\b", "cannot", text)
    text = re.sub(r"\bwon't\b", "will not", text)
    text = re.sub(r"\b(\w+)n't\b", r"\1 not", text)
    text = re.sub(r"\bcan ?not\b", "cannot", text)
    text = re.sub(r"\b(do|does|did|are|is|would|could|should|will|can) not\b", r"\1 not", text)
    return " ".join(text.split())


def _clauses(text: str) -> list[str]:
    parts = [p for p in _CONTRAST.split(text) if p]
    words = {"however", "but", "although", "though", "whereas", "except that", "except"}
    return [p.strip(" ,-\u2013\u2014()") for p in parts if p.strip().lower() not in words and p.strip(" ,-\u2013\u2014().;:!?")]


def _clause_polarity(clause: str) -> set[str]:
    """Of 'A' (assent), 'D' (dissent) and '?' (a double negative nobody should guess at)."""
    found: set[str] = set()
    rest = _DOUBLE.sub(" __assent__ ", clause)
    if "__assent__" in rest:
        found.add("A")
    for m in _WORD.finditer(rest):
        word = m.group(1)
        before = rest[: m.start()]
        negated = _NEGATED_BEFORE.search(before) is not None
        if word == "no":
            # "No." or "No, we ..." is dissent; "no" inside a phrase ("no changes") is not a position.
            after = rest[m.end():].lstrip()
            if (not before.strip() or before.rstrip().endswith(" and")) and (not after or after.startswith((",", "-", "\u2013", "\u2014", "("))):
                found.add("D")
            continue
        if word == "yes":
            if before.strip(" ,"):
                continue
            found.add("A")
            continue
        assent = _ASSENT_RE.match(word) is not None
        if negated and not assent:
            found.add("?")
        elif negated:
            found.add("D")
        else:
            found.add("A" if assent else "D")
    return found


def read_words(text: str) -> Reading:
    """The position typed or written as words; Reading(NOT_ANSWERED) when nothing is written."""
    norm = _normal(text).strip(" .!")
    if not norm:
        return Reading(NOT_ANSWERED)
    if _NO_VIEW.match(norm):
        return Reading(NO_VIEW)
    qualified = _QUALIFIER.search(norm) is not None
    clauses = _clauses(norm)
    kinds = set().union(*(_clause_polarity(c) for c in clauses))
    if kinds and any(_NO_VIEW.match(c.strip(" .!")) for c in clauses):
        return Reading(None, "the answer says it has no view and also states one")
    if "?" in kinds:
        return Reading(None, "the wording mixes a negation with agreement or disagreement in a way that does not settle the position")
    if not kinds:
        return Reading(None, UNSTATED)
    # "We agree with the principle but not the date": a later clause that only excepts something
    qualified = qualified or any(c.startswith(("not ", "no ")) and not _clause_polarity(c) for c in clauses[1:])
    if kinds == {"A", "D"}:
        if qualified:
            return Reading(PARTLY)
        return Reading(None, "the answer both agrees and disagrees")
    if qualified:
        return Reading(PARTLY)
    return Reading(AGREE if kinds == {"A"} else DISAGREE)


# ---------------------------------------------------------------------------------------
# The template's tick boxes

_OPTION = re.compile(r"\b(no opinion|disagree|agree)\b", re.IGNORECASE)
_TICK_X = re.compile(r"(^|\s|\[|\()[xX](\]|\)|\s|$)")


def _box_state(mark: str) -> str:
    if any(g in mark for g in TICKED_GLYPHS) or _TICK_X.search(mark):
        return "ticked"
    if any(g in mark for g in EMPTY_GLYPHS) or re.search(r"\[\s*\]|\(\s*\)", mark):
        return "empty"
    return "bare"


@dataclass(frozen=True)
class _Boxes:
    ticked: list[str]  # positions whose box is ticked
    boxed: list[str]  # positions still shown with a box (ticked or not)
    free: str  # the cell's text without its boxed options
    ambiguous: bool = False  # boxes on both sides of the options: which box is whose is unclear


_BOX_MARKS = re.compile(rf"[{TICKED_GLYPHS}{EMPTY_GLYPHS}]|\[\s*[xX]?\s*\]|\(\s*[xX]?\s*\)|(^|\s)[xX](?=\s|$)")


def _boxes(text: str) -> _Boxes:
    """The options of the template's view cell and the box beside each.

    The template puts each box before its option ("☐ Agree"), but a form typed up again or
    converted by another tool may put it after ("Agree ☐"). The side is read from the cell:
    boxes before the first option mean boxes before; otherwise a box after the last option
    means boxes after. A box on both ends ("☐ Agree ☐ Disagree ☒") cannot be assigned.
    """
    matches = list(_OPTION.finditer(text))
    if not matches:
        return _Boxes([], [], " ".join(text.split()))
    lead = _box_state(text[: matches[0].start()][-6:])
    trail = _box_state(text[matches[-1].end():][:6])
    after = lead == "bare" and trail != "bare"
    ambiguous = lead != "bare" and trail == "ticked"
    ticked: list[str] = []
    boxed: list[str] = []
    free: list[str] = []
    previous = 0
    for i, m in enumerate(matches):
        position = TEMPLATE_OPTIONS[m.group(1).lower()]
        if after:
            following = text[m.end() : matches[i + 1].start() if i + 1 < len(matches) else len(text)]
            state = _box_state(following[:6])
            free.append(text[previous : m.start()])
            previous = m.end()
            if state == "bare":
                free.append(m.group(0))
                continue
            head = following[:6]
            free.append(" " + _BOX_MARKS.sub(" ", head, count=1))
            previous = m.end() + len(head)
        else:
            gap = text[previous : m.start()]
            state = _box_state(gap[-6:])
            previous = m.end()
            if state == "bare":
                free.append(gap + m.group(0))
                continue
            free.append(_BOX_MARKS.sub(" ", gap))
        boxed.append(position)
        if state == "ticked":
            ticked.append(position)
    free.append(text[previous:])
    return _Boxes(_unique(ticked), _unique(boxed), " ".join("".join(free).split()), ambiguous)


def _unique(items: list[str]) -> list[str]:
    return [x for i, x in enumerate(items) if x not in items[:i]]


def marked_options(emphasised: tuple[str, ...]) -> list[str]:
    """The template options a respondent emphasised instead of ticking (a stretch that is
    just "Agree", bold or highlighted); a bold sentence is not a mark."""
    out = []
    for stretch in emphasised:
        m = _OPTION.fullmatch(stretch.strip(f" .:;-\u2013{EMPTY_GLYPHS}{TICKED_GLYPHS}"))
        if m:
            out.append(TEMPLATE_OPTIONS[m.group(1).lower()])
    return _unique(out)


def read_view(view: str, comment: str = "", emphasised: tuple[str, ...] = ()) -> Reading:
    """The position of a template answer: its "Your view" cell and the comment beside it.

    A ticked box is the position unless the cell or the comment's opening sentence says the
    opposite; an option made bold or highlighted (with no box ticked) counts as its box
    ticked; with no box ticked, the words typed into the cell decide, then (for a form
    whose cell was left empty) the comment's opening sentence when it states a view plainly.
    `emphasised` holds the cell's emphasised stretches (docgen.ooxml.forms.CellText).
    """
    boxes = _boxes(view)
    if boxes.ambiguous:
        return Reading(None, "the cell has boxes both before and after its options, so which box is ticked is unclear")
    if len(boxes.ticked) > 1:
        return Reading(None, f"more than one box is ticked ({', '.join(boxes.ticked)})")
    marked = marked_options(emphasised)
    if len(marked) > 1:
        return Reading(None, f"more than one option is marked in bold or highlight ({', '.join(marked)})")
    if boxes.ticked and marked and marked[0] != boxes.ticked[0]:
        return Reading(None, f"the {boxes.ticked[0]} box is ticked but {marked[0]} is marked in bold or highlight")
    typed = read_words(boxes.free) if boxes.free else Reading(NOT_ANSWERED)
    opening = read_comment(comment)
    if boxes.ticked or marked:
        box = boxes.ticked[0] if boxes.ticked else marked[0]
        for source, reading in (("the view cell", typed), ("the comment", opening)):
            if reading.position in (AGREE, DISAGREE) and box in (AGREE, DISAGREE) and reading.position != box:
                return Reading(None, f"the {box} box is ticked but {source} says {reading.position.lower()}")
            if reading.position in (AGREE, DISAGREE, PARTLY) and box == NO_VIEW:
                return Reading(None, f"the No opinion box is ticked but {source} states a view ({reading.position.lower()})")
        if box in (AGREE, DISAGREE) and (typed.position == PARTLY or _QUALIFIER.search(_normal(boxes.free))):
            return Reading(PARTLY)  # "☒ Agree ... in part"
        return Reading(box)
    if boxes.free:
        if typed.needs_review or typed.position != NOT_ANSWERED:
            return typed
    if len(boxes.boxed) == 1:
        return Reading(boxes.boxed[0])  # the other options deleted
    if len(boxes.boxed) == 2:
        return Reading(None, f"two options are left ({' / '.join(boxes.boxed)}) and neither is ticked")
    if opening.position in (AGREE, DISAGREE, PARTLY, NO_VIEW) or (opening.needs_review and opening.why != UNSTATED):
        return opening
    return Reading(NOT_ANSWERED)


_NOT_A_VIEW = re.compile(r"^(no (further )?comments?|none|nothing (further )?to add)\b")
_STATES_VIEW = re.compile(r"^(yes|no|agreed?|disagreed?|support(ed)?|n ?/ ?a|not|(partially|partly|broadly|strongly|fully|not) \w+|(we|i)\b)")


def read_comment(comment: str) -> Reading:
    """The view a comment opens with ("We do not agree. ..."), or NOT_ANSWERED when its first
    sentence does not open with one: a comment is read for a view only where it states one."""
    first = _normal(_opening(comment))
    if not first or not _STATES_VIEW.match(first):
        return Reading(NOT_ANSWERED)
    reading = read_words(first)
    if reading.why == UNSTATED or (reading.position == NO_VIEW and _NOT_A_VIEW.match(first)):
        return Reading(NOT_ANSWERED)
    return reading


def _opening(comment: str) -> str:
    """The comment's first sentence, where respondents state their view if anywhere."""
    text = " ".join(comment.split())
    m = re.search(r"[.!?](\s|$)", text)
    return text[: m.start() + 1] if m else text
