"""A pack's topics as the documents present them: the rows and questions of each, the
documents each changes, and the re-designation dates with what takes effect on each.

The consultation, the direction and the letter all present these; they live apart from any
of them so that each reads them from here rather than from one another.
"""

from __future__ import annotations

import datetime as dt

from docgen.pack.spec import PackSpec, Topic


def effective_topics(pack: PackSpec) -> list[Topic]:
    """The pack's topics, or one topic holding every drafting row and question."""
    if pack.topics:
        return list(pack.topics)
    return [Topic(title=f"Changes to the {pack.short_names}", drafting=tuple(e.ref for e in pack.drafting), questions=tuple(q.id for q in pack.questions))]


def topic_documents(pack: PackSpec, topic: Topic) -> list[str]:
    if topic.documents:
        return list(topic.documents)
    names = []
    for e in pack.drafting:
        if e.ref in topic.drafting and e.document and e.document not in names:
            names.append(e.document)
    return names or [d.short_name for d in pack.documents]


def date_groups(pack: PackSpec) -> list[tuple[dt.date, list[str], list[Topic]]]:
    """Proposed re-designation dates with the documents and topics of each, earliest first."""
    groups: dict[dt.date, tuple[list[str], list[Topic]]] = {}
    for topic in effective_topics(pack):
        day = topic.redesignation or pack.redesignation
        if day is None:
            continue
        docs, topics = groups.setdefault(day, ([], []))
        for name in topic_documents(pack, topic):
            if name not in docs:
                docs.append(name)
        topics.append(topic)
    return [(day, docs, topics) for day, (docs, topics) in sorted(groups.items())]
