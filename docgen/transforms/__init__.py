"""Transformations between documents: comparison for redlines, accepting and rejecting revisions."""
