"""Section 18 in miniature, shared by the comparison and redline tests.

18.5(p)-style: the second item is a lead-in whose sub-items are (i), (ii); the numbering
uses the S1SR's four levels with real indents so the docx reader builds the same tree.
"""

from __future__ import annotations

from synth.docx import Level

LEVELS = [
    Level(0, "decimal", "%1.", indent_left=720),
    Level(1, "decimal", "%1.%2", indent_left=1440),
    Level(2, "lowerLetter", "(%3)", indent_left=2160),
    Level(3, "lowerRoman", "(%4)", indent_left=2880),
]

SECTION_18 = [
    (0, "Device behaviours"),
    (1, "Where a Device Model deviates from GBCS:"),
    (2, "the Secure Liberty 100 ESME returns profile data for SRV 4.8.1;"),
    (2, "the L+G E470 ESME, on receipt of SRV 4.8.2, applies the following:"),
    (3, "no more than 48 half-hour periods are returned in one response;"),
    (3, "periods before the last change of supplier are not returned;"),
    (2, "the Elster Polaris GSME, on receipt of SRV 11.1, rejects the command;"),
    (2, "the Geo Solo PPMID, on receipt of SRV 8.7.1, drops the join request."),
]
