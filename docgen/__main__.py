"""`python -m docgen` runs the command line."""

from docgen.cli import entry

entry()
