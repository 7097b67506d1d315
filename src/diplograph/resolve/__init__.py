"""Resolve: from spaCy entities, noun phrases and pronouns to canonical actors.

One :class:`DocContext` per document (``context``) holds what extraction needs; the readers that
fill it and answer its questions each have a module:

- ``entities``: NER spans and gazetteer hits -> actors; places vs states; acronyms;
- ``persons``: person names, surnames joined to full names, names the NER missed;
- ``titles``: which word is a title, and whose office it names;
- ``roles``: the roles titles and national bodies give, their holders and the states or bodies they stand for;
- ``quotes``: quotations and their speakers;
- ``references``: pronouns, descriptions ("the kingdom", "the bloc"), sets ("both sides");
- ``groups``: unnamed collectives and the owners of a noun ("China's role");
- ``arguments``: ``ctx.arg(token)``, which of the above an argument needs;
- ``names``: names read outside a parse (gold files).

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("Lukashenko, Belarus's president, said he admired Beijing.")
    >>> [(m.actor.id, m.via) for t in ctx.doc if t.lower_ in ("lukashenko", "he", "beijing") for m in ctx.arg(t)]
    [('alexander_lukashenko', 'surname'), ('alexander_lukashenko', 'pronoun'), ('china', 'metonym')]
"""

from __future__ import annotations

from ..syntax import MODIFIER_DEPS, SUBJECT_DEPS
from .context import DocContext
from .entities import EntityMention
from .names import resolve_name
from .roles import Role

__all__ = ["DocContext", "EntityMention", "Role", "resolve_name", "SUBJECT_DEPS", "MODIFIER_DEPS"]
