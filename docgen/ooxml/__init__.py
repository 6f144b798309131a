"""Thin typed access to Office Open XML packages: namespaces, safe package reading, numbering."""
