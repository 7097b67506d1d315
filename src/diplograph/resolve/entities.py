"""Named entities -> actors: NER spans and gazetteer hits, places vs states, acronyms.

Owns the first reading of a document: every NER span (and every gazetteer name the entity ruler
marked) becomes an :class:`EntityMention` of one actor. Capitals and seats of power are metonyms
for their state and keep their place reading for where they are plain places ("an airbase
outside Minsk"); model designations ("MiG-21") are equipment, not actors; "the Syrian Democratic
Forces (SDF)" defines SDF for the rest of the document.

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("Beijing hosted the Syrian Democratic Forces (SDF). The SDF thanked Beijing.")
    >>> [(em.span.text, em.actor.id, em.via) for em in ctx.entity_mentions][:3]
    [('Beijing', 'china', 'metonym'), ('Syrian Democratic Forces', 'syrian_democratic_forces', 'org'), ('SDF', 'syrian_democratic_forces', 'alias')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..gazetteer import normalize, slugify
from ..model import Actor, Mention
from . import persons, roles

if TYPE_CHECKING:
    from .context import DocContext

EQUIPMENT_RE = re.compile(r"[A-Z][A-Za-z]{0,5}-?\d{1,4}[A-Z]?s?")  # model designations, not organisations
LOCATIVE_PREPS = {"in", "near", "outside", "at", "around", "inside", "across", "from", "into", "within"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass
class EntityMention:
    """A named entity span and the actor it resolves to."""

    span: Span
    actor: Actor
    via: str  # name, alias, metonym, demonym, surname, person, org
    place: Actor | None = None  # the location reading of a capital or seat

    def mention(self, place: bool = False) -> Mention:
        """The mention as an argument (``place``: the location reading of a capital)."""
        actor = self.place if place and self.place else self.actor
        text = self.span.text
        return Mention(actor, text, self.span.start_char, self.span.end_char, "name" if place else self.via)


def clean_span(ctx: DocContext, span: Span) -> Span:
    """Drop a leading 'the', honorifics and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    person = span.label_ == "PERSON"
    while start < end - 1 and (
        ctx.doc[start].lower_ == "the"
        or (person and not ctx.doc[start].is_upper and ctx.lex.is_a(ctx.doc[start].lower_.rstrip("."), "honorific"))
    ):
        start += 1
    while end > start + 1 and ctx.doc[end - 1].tag_ == "POS":
        end -= 1
    return Span(ctx.doc, start, end, label=span.label_, span_id=span.id_) if (start, end) != (span.start, span.end) else span


def resolve_entities(ctx: DocContext) -> None:
    """Read every entity span of the document into ``ctx.ents`` (full person names first)."""
    spans = [s for s in ctx.doc.ents if s.label_ in ENTITY_LABELS]
    spans = [s for s in spans if not ctx.document.in_skip(s.start_char, s.end_char)]
    # full person names first, so that surnames can join them
    full_names = [clean_span(ctx, s) for s in spans if s.label_ == "PERSON"]
    for span in full_names:
        name = persons.person_name(ctx, span)
        if len(name.split()) > 1:
            persons.person(ctx, name)
    read_acronyms(ctx, spans)
    for span in spans:
        em = entity(ctx, clean_span(ctx, span))
        if em is None:
            continue
        ctx.entity_mentions.append(em)
        for token in span:
            ctx.ents[token.i] = em
    ctx.entity_mentions.sort(key=lambda em: em.span.start)


def read_acronyms(ctx: DocContext, spans: list[Span]) -> None:
    """'the Syrian Democratic Forces (SDF)': SDF names the same actor in this document."""
    for span in spans:
        after = ctx.doc[span.end : span.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].text.isupper():
            em = entity(ctx, clean_span(ctx, span))
            if em is not None and em.actor.type in ("organisation", "group"):
                ctx.acronyms[after[1].text] = em.actor
                em.actor.aliases.add(after[1].text)


def entity(ctx: DocContext, span: Span) -> EntityMention | None:
    """The actor an entity span names, or None when it names none (equipment, title pieces)."""
    text, label = span.text, span.label_
    if EQUIPMENT_RE.fullmatch(normalize(text)) and ctx.lookup(text) is None:
        return None  # "MiG-21", "F-16", "S-400": equipment (whose owner acts or suffers), not "G7"
    if label == "PERSON" and any(ctx.lex.is_a(t.lower_, "org_word") for t in span[1:]):
        label = "ORG"  # "the Tigray People's Liberation Front" is no person
    if label == "PERSON":
        name = persons.person_name(ctx, span)
        entry = ctx.lookup(name, ("name", "alias", "org"))
        if entry and " " not in name and entry.kind in ("name", "alias", "org"):
            # NER calls some states and organisations persons ("Kyiv"); the gazetteer knows better
            return EntityMention(span, ctx.gaz_actor(entry.actor_id), entry.kind)
        if titled(ctx, span) == "media":  # "the newspaper Dawn"
            return EntityMention(span, ctx.actor(Actor(slugify(name), name, "organisation")), "name")
        via = "name" if len(name.split()) > 1 else "surname"
        return EntityMention(span, persons.person(ctx, name), via)
    if normalize(text) in ctx.acronyms:
        return EntityMention(span, ctx.acronyms[normalize(text)], "alias")
    entry = ctx.lookup(text)
    if entry is None and label == "NORP" and text.endswith("s"):
        entry = ctx.lookup(text[:-1], ("demonym",))  # "Belarusians", "Americans"
    if entry is not None:
        actor = ctx.gaz_actor(entry.actor_id)
        if entry.kind in ("capital", "seat"):
            return EntityMention(span, actor, "metonym", ctx.location(text))
        if entry.kind == "person":
            return EntityMention(span, actor, "name")
        return EntityMention(span, actor, entry.kind)
    clean = normalize(text)
    if not clean or not any(c.isalpha() for c in clean):
        return None
    if label == "ORG" and all(ctx.lex.is_a(t.lower_, "generic_org_word") for t in span if t.is_alpha):
        return None  # "foreign ministry": a body of the state that owns it, resolved from the parse
    following = ctx.doc[span.end].lower_ if span.end < len(ctx.doc) else ""
    if ctx.lex.value(clean.lower(), "title") or ctx.lex.value(f"{clean.lower()} {following}", "title"):
        return None  # NER pieces of a title: "Supreme" in "Supreme Leader", "Premier"
    if label in ("ORG", "GPE", "NORP") and persons.known_surname(ctx, span):
        return EntityMention(span, persons.person(ctx, normalize(text)), "surname")  # NER calls "Trump" an ORG
    if label == "ORG" and titled(ctx, span) == "person":
        return EntityMention(span, persons.person(ctx, persons.person_name(ctx, span)), "name")  # "President Kassym-Jomart Tokayev"
    if label == "ORG":
        return EntityMention(span, ctx.actor(Actor(slugify(clean), clean, "organisation")), "name")
    if label == "NORP":
        return EntityMention(span, ctx.actor(Actor(slugify(clean), clean, "group")), "name")
    return EntityMention(span, ctx.location(clean), "name")


def titled(ctx: DocContext, span: Span) -> str | None:
    """'person' or 'media' when a title noun stands right before the name (NER often mislabels these)."""
    before = span.start - 1
    if before < 0 or ctx.doc[before].pos_ not in ("NOUN", "PROPN"):
        return None
    word = ctx.doc[before]
    if ctx.lex.is_a(word.lower_, "media_title") or ctx.lex.is_a(word.lemma_.lower(), "media_title"):
        return "media"
    if roles.title_relation(ctx, word):
        return "person"
    return None


def is_place_use(ctx: DocContext, em: EntityMention) -> bool:
    """A capital used as a plain location ("an airbase outside Minsk", "the capital, Minsk")."""
    root = em.span.root
    if root.dep_ == "appos" and root.head.lemma_ in ("capital", "city"):
        return True
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        governor = root.head.head
        return not (ctx.lex.cues("noun", governor.lemma_) or ctx.lex.cues("verb", governor.lemma_))
    return False
