"""Collectives and owners: unnamed groups ("Western countries", "the opposition", "the
morality police") as group actors, and the actors that own or qualify a noun ("China's role",
"the Biden administration", "the Saudi-led coalition", "the junta in Niamey").

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("Western countries criticised the junta in Niamey.")
    >>> [m.actor.id for t in ctx.doc if t.dep_ == "nsubj" for m in ctx.arg(t)]
    ['western_countries']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..agents import agent
from ..gazetteer import slugify
from ..model import Actor, Mention
from . import arguments, persons, references, titles

if TYPE_CHECKING:
    from .context import DocContext
    from .entities import EntityMention

# Phoenix sectors whose plural nouns name collectives that act in the news by themselves (journalists,
# protesters, rebels, lawmakers, refugees, workers, students); the state's agents (diplomats, police,
# troops) are read as their state, and civilians, victims or children are not actors on their own
COLLECTIVE_SECTORS = {"MED", "OPP", "REB", "LEG", "REF", "LAB", "EDU", "NGO", "HRI"}
QUANTIFIERS = {"some", "several", "many", "all", "both", "most", "other", "various", "certain", "few", "numerous"}


def owners(ctx: DocContext, t: Token, of: bool = True) -> list[Mention]:
    """Actors that own or qualify a noun: a 'by' phrase first, else possessor, compound,
    demonym or 'of' phrase (places are not owners: "the proclamation of Golan Heights")."""
    agents = [m for p in t.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"
              for o in p.children if o.dep_ == "pobj" for m in arguments.arg(ctx, o)]
    if agents:
        return agents
    found: list[Mention] = []
    seated: list[Mention] = []  # a ruling body's seat, when nothing else says whose it is
    for child in t.children:
        if child.dep_ in ("poss", "compound", "nmod") or (child.dep_ == "amod" and ctx.entity_at(child)):
            em = ctx.entity_at(child)
            if em is not None and (em.actor.type != "group" or em.span.label_ != "NORP"):
                found.append(em.mention())  # named groups own things ("Houthi targets"), "Kurdish" does not
            elif em is None and child.pos_ == "PROPN" and child.dep_ == "compound":
                named = persons.unmarked_name(ctx, child)  # "the Biden administration"
                if named is not None:
                    found.append(named)
            elif child.dep_ == "poss" and child.pos_ == "PRON":
                found += references.pronoun(ctx, child)
            elif child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
                found += arguments.arg1(ctx, child, True)
        elif child.dep_ == "prep" and child.lower_ == "of" and of:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if ctx.entity_at(pobj) or pobj.pos_ == "PRON":
                    found += arguments.arg(ctx, pobj)
        elif child.dep_ == "acl" and ctx.lex.value(child.lemma_, "ownership_verb"):
            preps = ctx.lex.value(child.lemma_, "ownership_verb").split("|")  # "facilities belonging to Saudi Aramco",
            found += [m for p in child.children if p.dep_ in ("prep", "agent") and p.lower_ in preps  # "a plant run by X"
                      for o in p.children if o.dep_ == "pobj" for m in arguments.arg(ctx, o, allow_modifier=True)]
        elif child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_ in ("lead", "command"):
            for sub in child.children:  # "US-led forces", "the Saudi-led coalition": led by whom
                em = ctx.entity_at(sub)
                if em is not None and sub.i < child.i:
                    found.append(em.mention())
        elif child.dep_ == "prep" and child.lower_ == "in" and (
                ctx.lex.is_a(t.lemma_, "ruling_body") or ctx.lex.is_a(t.lower_, "ruling_body")):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                em = ctx.entity_at(pobj)  # "the junta in Niamey", "the government in Kabul"
                if em is not None and em.via in ("metonym", "name", "alias") and em.actor.type == "country":
                    seated.append(em.mention())
    return [m for m in found or seated if m.actor.type != "location"]


def group(ctx: DocContext, t: Token, compounds: bool = False) -> Mention | None:
    """An unnamed collective as a group actor: 'Western countries', 'the opposition',
    'world powers'; with ``compounds``, a unit named by its noun compounds ('morality police')."""
    words = []
    state = None
    collective = compounds or (ctx.lex.is_a(t.lemma_, "group") and t.tag_ in ("NNS", "NNPS"))
    for child in t.lefts:
        if child.tag_ == "VBN" and ctx.lex.cues("verb", child.lemma_):
            continue  # "Tehran-backed militias": the backing is a relation, not part of the name
        noun_compound = collective and child.dep_ == "compound" and child.pos_ == "NOUN"
        if child.dep_ in ("amod", "compound", "nmod") and child.lower_ not in QUANTIFIERS and (
                identifying(ctx, child) or noun_compound):
            for sub in child.subtree:
                if sub.dep_ in ("punct",) and sub.text != "-":
                    continue
                words.append(sub)
            em = ctx.entity_at(child)
            if em is not None and em.actor.type == "country":
                state = em.actor.id
    if not state and t.dep_ == "conj" and t.head.pos_ == "NOUN":
        for child in t.head.lefts:  # "Russian banks and lawmakers": the lawmakers are Russian too
            em = ctx.entity_at(child)
            if child.dep_ == "amod" and em is not None and em.actor.type == "country":
                words.append(child)
                state = em.actor.id
    words.append(t)
    words.sort(key=lambda x: x.i)
    text = ""
    for w in words:
        piece = w.text if (proper(ctx, w) or w.is_upper) else w.lower_
        text += piece + (w.whitespace_ if w.text != "-" and w != words[-1] else "")
    text = re.sub(r"\s*-\s*", "-", text).strip()
    bare = ctx.lex.value(t.lemma_, "group") == "bare" or ctx.lex.value(t.lower_, "group") == "bare" or collective_agent(ctx, t)
    if compounds and len(words) > 1:
        pass  # a named unit of a state ("the morality police")
    elif not bare and (len(words) == 1 or (t.tag_ not in ("NNS", "NNPS") and t.lemma_ != "media")):
        return None  # "countries", "officials" alone name nobody; "a firm ally" is not a collective
    if text.lower() == "west":
        text = "West"
    actor = ctx.actor(Actor(slugify(text), text, "group", state=state))
    start, end = words[0].idx, t.idx + len(t.text)
    return Mention(actor, ctx.text[start:end], start, end, via="group")


def led_by(ctx: DocContext, t: Token,
           verbs: tuple[str, ...] = ("lead", "command")) -> tuple[Token, list[EntityMention]] | None:
    """Who a participle before the noun says leads it ("the Saudi-led coalition", "US-led forces"):
    the participle and the names in front of it; ``verbs``: the participles that count."""
    for child in t.children:
        if child.dep_ == "amod" and child.lemma_ in verbs and child.i < t.i:
            named = [em for sub in child.subtree if sub.i < child.i and (em := ctx.entity_at(sub)) is not None]
            if named:
                return child, named
    return None


def led_group(ctx: DocContext, t: Token) -> Mention | None:
    """'the Saudi-led coalition', 'US-led forces': a group named by who leads it, whose state that is."""
    found = led_by(ctx, t)
    if found is None:
        return None
    child, named = found
    start = min(x.idx for x in child.subtree)
    text = re.sub(r"\s*-\s*", "-", ctx.text[start : t.idx + len(t.text)])
    state = named[0].actor.id if named[0].actor.type == "country" else None
    actor = ctx.actor(Actor(slugify(text), text, "group", state=state))
    return Mention(actor, ctx.text[start : t.idx + len(t.text)], start, t.idx + len(t.text), via="group")


def collective_agent(ctx: DocContext, t: Token) -> bool:
    """A plural noun of people that names a collective actor by itself (the Phoenix agent
    dictionary: "journalists", "protesters", "students"), not a plural of bodies, nor a title's
    plural ("Russian lawmakers" are Russia's, as "US officials" are)."""
    if titles.title_relation(ctx, t):
        return False
    found = agent(t.lower_)
    return found is not None and found.number == "plural" and found.type == "group" and found.sector[:3] in COLLECTIVE_SECTORS \
        and agent(t.lemma_) is not None and agent(t.lemma_).type == "person" and t.tag_ in ("NNS", "NNPS")


def identifying(ctx: DocContext, token: Token) -> bool:
    """Modifiers that say which collective it is: proper adjectives, stances and hyphenated
    qualifiers ("Western", "Iraqi", "armed", "anti-government"), not "top" or "several"."""
    return (proper(ctx, token) or ctx.lex.is_a(token.lower_, "collective_adjective")
            or any(t.text == "-" for t in token.subtree))


def proper(ctx: DocContext, token: Token) -> bool:
    """A capitalised word that is a name, not just the first word of a sentence."""
    if not token.text[:1].isupper():
        return False
    if token.ent_type_ or token.pos_ == "PROPN" or ctx.lex.is_a(token.lower_, "proper_adjective"):
        return True
    return not token.is_sent_start and not (token.i > 0 and token.nbor(-1).text in ("“", '"', "(", "-"))
