"""Consultation packs: from a TOML pack description to every attachment, and back from responses.

One module per output (consultation document, direction, drafting table, response template,
conclusion, recommendation letter, manifest) and one for the pack lint, so each can be
tested alone; `build` only orchestrates them.
"""
