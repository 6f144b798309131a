"""The comparison model every redline writer (docx, PDF, HTML) renders.

Paragraphs are aligned by what they say, never by their number: a clause that moved from
18.5(q) to 18.5(p)(i), or from 18.7 to 18.8 because a clause was inserted before it, is the
same clause. Only an alignment by content can tell "renumbered" apart from "changed", and
that is what keeps a clause-aware redline free of the cascade of spurious revisions that
number-matching tools produce.

The alignment is patience-style: paragraphs whose text is unique on both sides anchor the
alignment (longest increasing subsequence), the gaps between anchors are aligned
recursively, and only small gaps fall back to difflib. Nothing is quadratic over the whole
document, so 30,000 paragraphs align in seconds. Unmatched paragraphs next to each other are
paired as modifications when their words are similar enough; identical (or nearly identical)
leftovers far apart become moves."""

from docgen.transforms.compare.comparison import Comparison, OPS, ParaChange, compare, count_line, story_line, summary_lines
from docgen.transforms.compare.stories import STORY_KEYS, STORY_NAMES, StoryChange, StoryParaChange
from docgen.transforms.compare.words import similarity, tokens, word_diff
from docgen.transforms.compare.facts import ParaFacts, canonical, collapsed_formats, paragraph_facts, ppr_signature, raw_segments, rpr_signature
from docgen.transforms.compare.align import align, aligned_pairs, pair_gap

__all__ = ["Comparison", "OPS", "ParaChange", "ParaFacts", "align", "aligned_pairs", "canonical", "collapsed_formats", "compare", "count_line", "pair_gap", "paragraph_facts", "ppr_signature", "raw_segments", "rpr_signature", "similarity", "STORY_KEYS", "STORY_NAMES", "StoryChange", "StoryParaChange", "story_line", "summary_lines", "tokens", "word_diff"]
