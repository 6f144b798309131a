"""A corpus of OLD/NEW Word documents written by other tools, and a checker that shares no code with docgen.

docgen's bundled sources are written by docgen itself, so they cannot show what docgen does not
know. The builders here write pairs the way other writers do (pandoc, LibreOffice, python-docx,
and hand-written WordprocessingML for each construct of issue 12), and `checker` judges a redline
of a pair on its own reading of the package: accept-all must give NEW and reject-all OLD, story by
story. `wml` is the tests' one builder of hand-written packages; the story, revision and package
tests build with it too. Nothing in this package imports docgen.
"""
