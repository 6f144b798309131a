"""Markup docgen writes into Word documents: runs and paragraphs, fields, the TOC, bookmarks, section properties, style ids, schema order, the classification footer."""
