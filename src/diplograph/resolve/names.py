"""Names read outside a parse: the actor id an ordinary English name refers to (gold files).

    >>> resolve_name("the Kremlin"), resolve_name("U.S."), resolve_name("Western countries")
    ('russia', 'united_states', 'western_countries')
"""

from __future__ import annotations

from ..gazetteer import gazetteer, normalize, slugify
from ..model import Document
from .context import DocContext


def resolve_name(name: str, ctx: DocContext | None = None) -> str:
    """The actor id an ordinary English name refers to, in a document's context when given.

    Used to read gold files: "Beijing" -> ``china``, "Lukashenko" -> ``alexander_lukashenko``
    in a document that names him in full, "Western countries" -> ``western_countries``.
    """
    from ..nlp import load_pipeline

    gaz = ctx.gaz if ctx else gazetteer()
    date = ctx.date if ctx else None
    entry = gaz.lookup(name, date, kinds=("name", "alias", "org", "person", "capital", "seat"), context=ctx.text if ctx else None)
    if entry is not None:
        if entry.kind == "person" and ctx is not None:
            return ctx.person(normalize(name)).id
        return entry.actor_id
    if ctx is not None:
        key = normalize(name)
        if key in ctx.persons:
            return ctx.persons[key].id
        if len(key.split()) == 1 and key[:1].isupper():
            for full, actor in ctx.persons.items():
                parts = full.split()
                if len(parts) > 1 and key in (parts[0], parts[-1]):
                    return actor.id
    mini = DocContext(Document("name", name, date=date), load_pipeline()(name))
    roots = [t for t in mini.doc if t.head == t]
    if roots:
        found = mini.arg(roots[0]) or mini.arg(roots[0], allow_modifier=True)
        if len(found) == 1:
            actor = found[0].actor
            if actor.type == "person" and ctx is not None:
                return ctx.person(actor.label).id
            return actor.id
    return slugify(normalize(name))
