"""Consultation packs: from a TOML pack description to every attachment, and back from responses.

One module per output (direction, drafting table, response template, conclusion skeleton,
manifest) so each can be tested alone; `build` only orchestrates them.
"""
