"""Synthetic SEC documents: a tiny .docx builder and generators for the bundled S1SR, TMAD and DMVES sources."""
