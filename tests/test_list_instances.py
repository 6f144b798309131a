"""The pieces `docgen fix` uses to reach proposed numbers on lists other tools wrote."""

from __future__ import annotations

import pytest

from docgen.transforms.renumber_pipeline import fitting_format, typed_label


@pytest.mark.parametrize(
    "points, fits",
    [
        (["i", "ii", "iii"], ("lowerRoman", 1)),
        (["i"], ("lowerRoman", 1)),
        (["c"], ("lowerLetter", 3)),  # not roman 100
        (["c", "d"], ("lowerLetter", 3)),
        (["v", "vi"], ("lowerRoman", 5)),
        (["3", "4"], ("decimal", 3)),
        (["A", "B"], ("upperLetter", 1)),
        (["aa"], ("lowerLetter", 27)),
        (["i", "k"], None),  # not consecutive in any format
        ([None], None),
    ],
)
def test_the_number_format_and_start_that_draw_the_proposed_labels(points, fits):
    assert fitting_format(points) == fits


@pytest.mark.parametrize(
    "old, new_ref, label",
    [("(q)", "18.5(p)(i)", "(i)"), ("(w)", "18.5(q)", "(q)"), ("18.6", "18.7", "18.7"), ("(q)", "18.7", None), ("18.6", "18.5(a)", None)],
)
def test_a_typed_label_is_rewritten_in_its_own_shape(old, new_ref, label):
    assert typed_label(old, new_ref) == label
