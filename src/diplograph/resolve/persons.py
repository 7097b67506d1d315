"""Person names: full names, surnames joined to them, names the NER left unmarked.

Within a document "Lukashenko" and "Mr Lukashenko" join "Alexander Lukashenko"; a surname alone
joins the one person of the gazetteer who bears it; East Asian names join by family name first.

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("Alexander Lukashenko flew to Beijing. Mr Lukashenko met Xi Jinping.")
    >>> sorted({em.actor.id for em in ctx.entity_mentions if em.actor.type == "person"})
    ['alexander_lukashenko', 'xi_jinping']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..gazetteer import normalize, slugify
from ..model import Actor, Mention

if TYPE_CHECKING:
    from .context import DocContext


def person_name(ctx: DocContext, span: Span) -> str:
    """The name without titles and honorifics, as written ("People's", not "People 's")."""
    tokens = [t for t in span if not ctx.lex.is_a(t.lower_, "title") and not ctx.lex.is_a(t.lower_.rstrip("."), "honorific")]
    if not tokens:
        return normalize(span.text)
    return normalize(ctx.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])


def person(ctx: DocContext, name: str) -> Actor:
    """The person a name refers to in this document."""
    key = normalize(name)
    if key in ctx.persons:
        return ctx.persons[key]
    parts = key.split()
    if len(parts) == 1:
        # a surname (or an East Asian family name first) joins a full name seen in the document
        for full, actor in ctx.persons.items():
            full_parts = full.split()
            if len(full_parts) > 1 and key in (full_parts[-1], full_parts[0]):
                return actor
        ids = ctx.gaz.persons_by_token().get(key, [])
        if len(ids) == 1:
            return ctx.gaz_actor(ids[0])
    entry = ctx.gaz.lookup(key, kinds=("person",))
    if entry:
        actor = ctx.gaz_actor(entry.actor_id)
    else:
        actor = ctx.actor(Actor(slugify(key), key, "person"))
    actor.aliases.add(key)
    ctx.persons[key] = actor
    return actor


def known_surname(ctx: DocContext, span: Span) -> bool:
    """A one-word name that is the surname of a person named in full in this document ("Soleimani",
    "al-Muhandis" after "Abu Mahdi al-Muhandis") or, capitalised, of one person of the gazetteer."""
    key = normalize(span.text)
    if " " not in key and any(len(full.split()) > 1 and key == full.split()[-1] for full in ctx.persons):
        return True
    if len(span) != 1 or not key[:1].isupper():
        return False
    return len(ctx.gaz.persons_by_token().get(key, [])) == 1 and ctx.lookup(key) is None


def unmarked_name(ctx: DocContext, t: Token) -> Mention | None:
    """A proper name the NER left unmarked ("Modi sat down with ..."): a gazetteer name or a
    known person's surname."""
    words = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == t.i - 1] + [t]
    text = ctx.text[words[0].idx : t.idx + len(t.text)]
    entry = ctx.lookup(text, ("name", "alias", "org", "person"))
    if entry is not None:
        actor = ctx.gaz_actor(entry.actor_id) if entry.kind != "person" else person(ctx, text)
    elif len(words) == 1 and (text in {p.split()[-1] for p in ctx.persons if " " in p}
                              or len(ctx.gaz.persons_by_token().get(text, [])) == 1):
        actor = person(ctx, text)
    else:
        return None
    return Mention(actor, text, words[0].idx, t.idx + len(t.text), "surname" if actor.type == "person" else "name")
