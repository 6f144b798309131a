"""Reading a respondent's position: what people actually write, and what it means.

Each row is a phrasing seen in returned consultation forms or letters. A wrong reading is
published to the industry; where the words do not settle the position, the reader must say
"needs review" (None here) rather than guess.
"""

from __future__ import annotations

import pytest

from docgen.pack.positions import AGREE, DISAGREE, NO_VIEW, NOT_ANSWERED, PARTLY, read_comment, read_view, read_words

REVIEW = None
BOXES = "\u2610 Agree \u2610 Disagree \u2610 No opinion"
TICK = "\u2612"

WORDS = [
    # typed agreement, any case, terse or in a sentence
    ("Agree", AGREE),
    ("agree", AGREE),
    ("AGREE", AGREE),
    ("Agreed", AGREE),
    ("Agreed.", AGREE),
    ("Yes", AGREE),
    ("Yes.", AGREE),
    ("yes", AGREE),
    ("Yes, we agree", AGREE),
    ("Support", AGREE),
    ("We support this", AGREE),
    ("We support this proposal.", AGREE),
    ("We are supportive of the change", AGREE),
    ("No objection", AGREE),
    ("No objections.", AGREE),
    ("We have no objection to the proposal", AGREE),
    ("We do not object", AGREE),
    ("We don't object", AGREE),
    ("We don\u2019t object to the change", AGREE),
    ("I agree with the proposed change", AGREE),
    ("We agree that the change should not be delayed", AGREE),
    ("We welcome the correction", AGREE),
    ("In favour", AGREE),
    ("We are happy with the proposed approach", AGREE),
    ("We accept the proposal", AGREE),
    ("Concur", AGREE),
    ("Strongly agree", AGREE),
    ("We broadly agree", AGREE),
    ("Yes - we support the proposal", AGREE),
    # disagreement, including the negations that were once read as agreement
    ("Disagree", DISAGREE),
    ("disagree", DISAGREE),
    ("DISAGREE.", DISAGREE),
    ("No", DISAGREE),
    ("No.", DISAGREE),
    ("No, we do not agree", DISAGREE),
    ("I do not agree", DISAGREE),
    ("I don't agree", DISAGREE),
    ("I don\u2019t agree", DISAGREE),
    ("We won't support this", DISAGREE),
    ("We can't agree", DISAGREE),
    ("The proposal doesn't have our support", DISAGREE),
    ("Not agree", DISAGREE),
    ("Do not agree", DISAGREE),
    ("We do not support this proposal", DISAGREE),
    ("We cannot support the change", DISAGREE),
    ("We can not agree", DISAGREE),
    ("We are unable to support the proposal", DISAGREE),
    ("We oppose the change", DISAGREE),
    ("We object to the proposal", DISAGREE),
    ("We reject the proposed date", DISAGREE),
    ("We do not accept the proposal", DISAGREE),
    ("We are not in favour", DISAGREE),
    ("We are against this change", DISAGREE),
    ("Strongly disagree", DISAGREE),
    # partial positions
    ("Partially agree", PARTLY),
    ("Partly agree", PARTLY),
    ("Disagree in part", PARTLY),
    ("Agree in part", PARTLY),
    ("Partially disagree", PARTLY),
    ("Agree in principle", PARTLY),
    ("We agree in principle but have concerns about the timing", PARTLY),
    ("Agree with reservations", PARTLY),
    ("We support this subject to further testing", PARTLY),
    ("We agree, subject to the DMVES being updated", PARTLY),
    ("Agree in part, disagree in part", PARTLY),
    ("We do not fully agree", PARTLY),
    ("We agree to some extent", PARTLY),
    ("We agree with the principle but not the date", PARTLY),
    # no view
    ("N/A", NO_VIEW),
    ("n/a", NO_VIEW),
    ("NA", NO_VIEW),
    ("No view", NO_VIEW),
    ("No comment", NO_VIEW),
    ("No opinion", NO_VIEW),
    ("Not applicable", NO_VIEW),
    ("Neutral", NO_VIEW),
    ("We have no view on this question", NO_VIEW),
    ("We do not have a view", NO_VIEW),
    ("Not sure", NO_VIEW),
    ("Neither agree nor disagree", NO_VIEW),
    ("Not applicable to us", NO_VIEW),
    ("We are not in a position to comment", NO_VIEW),
    ("Unable to comment", NO_VIEW),
    ("Abstain", NO_VIEW),
    ("We are content with the proposal", AGREE),
    ("Content", AGREE),
    ("We are not content with the proposal", REVIEW),  # not read as assent; a person decides
    ("No - see below", DISAGREE),
    ("No (see our letter)", DISAGREE),
    # nothing written
    ("", NOT_ANSWERED),
    ("   ", NOT_ANSWERED),
    # contradictions and riddles: a person decides
    ("Agree, however we cannot support the proposed date", REVIEW),
    ("We agree. However, we do not support the re-designation date", REVIEW),
    ("Agree but we oppose the timing", REVIEW),
    ("Yes and no", REVIEW),
    ("We would not disagree", AGREE),
    ("We are not against it", REVIEW),
    ("See our covering letter", REVIEW),
    ("Please refer to the comments below", REVIEW),
    ("No view, but we support the intent", REVIEW),
]


@pytest.mark.parametrize("text, expected", WORDS)
def test_typed_words_are_read_as_a_position_or_sent_for_review(text, expected):
    assert read_words(text).position == expected


def test_the_table_covers_at_least_sixty_phrasings():
    assert len(WORDS) >= 60


def test_a_review_says_why():
    reading = read_words("Agree, however we cannot support the proposed date")
    assert reading.needs_review and "both agrees and disagrees" in reading.why


VIEWS = [
    # (view cell, comment, position)
    (f"{TICK} Agree \u2610 Disagree \u2610 No opinion", "", AGREE),
    (f"\u2610 Agree {TICK} Disagree \u2610 No opinion", "", DISAGREE),
    (f"\u2610 Agree \u2610 Disagree {TICK} No opinion", "", NO_VIEW),
    ("\u2610 Agree \u2611 Disagree \u2610 No opinion", "", DISAGREE),
    ("\u2610 Agree \u2610 Disagree X No opinion", "", NO_VIEW),
    ("x Agree \u2610 Disagree \u2610 No opinion", "", AGREE),
    ("[x] Agree [ ] Disagree [ ] No opinion", "", AGREE),
    ("\u2610 Disagree", "", DISAGREE),  # the other options deleted
    ("Agree", "", AGREE),  # the boxes deleted and the word kept
    (f"{BOXES} Disagree", "", DISAGREE),  # typed after the boxes
    (f"{BOXES} Not agree", "", DISAGREE),
    (f"{BOXES} Partially agree", "", PARTLY),
    (f"{TICK} Agree \u2610 Disagree \u2610 No opinion (in part)", "", PARTLY),
    (BOXES, "", NOT_ANSWERED),
    ("", "", NOT_ANSWERED),
    (BOXES, "We do not agree. The date is too early.", DISAGREE),  # the comment opens with the view
    (BOXES, "We support the correction.", AGREE),
    (BOXES, "The change comes too late.", NOT_ANSWERED),  # a comment, not a position
    (BOXES, "No further comments.", NOT_ANSWERED),
    (f"{TICK} Agree \u2610 Disagree \u2610 No opinion", "We support the correction.", AGREE),
    (f"{TICK} Agree \u2610 Disagree \u2610 No opinion", "Agree, subject to testing.", AGREE),
    (f"{TICK} Agree \u2610 Disagree \u2610 No opinion", "We do not agree with the proposed date.", REVIEW),
    (f"\u2610 Agree {TICK} Disagree \u2610 No opinion", "We support the proposal.", REVIEW),
    (f"{TICK} Agree {TICK} Disagree \u2610 No opinion", "", REVIEW),
    (f"\u2610 Agree \u2610 Disagree {TICK} No opinion", "We agree.", REVIEW),
    ("\u2610 Agree \u2610 Disagree", "", REVIEW),  # "No opinion" deleted, nothing ticked
    # boxes after their options, as a form typed up again or converted puts them
    (f"Agree \u2610 Disagree {TICK} No opinion \u2610", "", DISAGREE),
    (f"Agree {TICK} Disagree \u2610 No opinion \u2610", "", AGREE),
    ("Agree [ ] Disagree [x] No opinion [ ]", "", DISAGREE),
    (f"Agree \u2610 Disagree {TICK}", "", DISAGREE),
    ("Agree \u2610 Disagree \u2610 No opinion \u2610", "", NOT_ANSWERED),
    (f"\u2610 Agree \u2610 Disagree \u2610 No opinion {TICK}", "", REVIEW),  # a box on both ends
    ("Agree X Disagree No opinion", "", REVIEW),  # whose X is it?
]


@pytest.mark.parametrize("view, comment, expected", VIEWS)
def test_the_view_cell_and_the_comment_beside_it_are_read_together(view, comment, expected):
    assert read_view(view, comment).position == expected


def test_a_tick_contradicted_by_the_comment_names_both():
    reading = read_view(f"{TICK} Agree \u2610 Disagree \u2610 No opinion", "We do not agree with the proposed date.")
    assert reading.why == "the Agree box is ticked but the comment says disagree"


def test_a_comment_is_read_for_a_view_only_where_it_opens_with_one():
    assert read_comment("Support for SRV 11.1 is needed.").position == AGREE
    assert read_comment("The DMVES rows are unclear; we agree with DCC elsewhere.").position == NOT_ANSWERED
