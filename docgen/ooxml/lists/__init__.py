"""How Word numbers lists: numbering definitions and state, number formats, LISTNUM fields, level edits, typed labels, carrying a list definition between documents."""
