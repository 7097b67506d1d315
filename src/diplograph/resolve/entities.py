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

from spacy.tokens import Span, Token

from ..gazetteer import normalize, slugify
from ..model import Actor, Mention
from . import persons, titles

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


def office_words(ctx: DocContext, token: Token, end: int) -> int:
    """How many words of a title ("Taoiseach", "Crown Prince") start at ``token``, written before
    a name that ends before ``end`` (0 if none)."""
    for size in (3, 2, 1):
        last = token.i + size
        words = ctx.doc[token.i : last]
        if last < end and all(w.pos_ == "PROPN" for w in words) and ctx.doc[last].pos_ == "PROPN" \
                and ctx.lex.value(" ".join(w.lower_ for w in words), "title"):
            return size
    return 0


def clean_span(ctx: DocContext, span: Span) -> Span:
    """Drop a leading 'the', honorifics, and a trailing possessive or function word from an entity span."""
    start, end = span.start, span.end
    person = span.label_ == "PERSON"
    while start < end - 1:
        if ctx.doc[start].lower_ == "the" or (person and ctx.doc[start].tag_ == "RB") or (  # "Afterwards Trump"
                person and not ctx.doc[start].is_upper and ctx.lex.is_a(ctx.doc[start].lower_.rstrip("."), "honorific")):
            start += 1
        elif person and office_words(ctx, ctx.doc[start], end):  # "Taoiseach Leo Varadkar": the NER took the title along
            start += office_words(ctx, ctx.doc[start], end)
        else:
            break
    if person:  # "Crown Prince Mohammad bin Salman of Saudi Arabia": the NER took the state along
        end = next((t.i for t in ctx.doc[start + 2 : end] if t.lower_ == "of"), end)
    while end > start + 1 and (ctx.doc[end - 1].tag_ == "POS" or ctx.doc[end - 1].pos_ in ("ADP", "CCONJ", "PUNCT", "DET")):
        end -= 1  # "Patrice Talon of [Benin]": the NER took the preposition along
    return Span(ctx.doc, start, end, label=span.label_, span_id=span.id_) if (start, end) != (span.start, span.end) else span


def resolve_entities(ctx: DocContext) -> None:
    """Read every entity span of the document into ``ctx.ents`` (full person names first)."""
    spans = org_names(ctx, joined_names(ctx, [s for s in ctx.doc.ents if s.label_ in ENTITY_LABELS]))
    spans = sorted(spans + titled_names(ctx, spans), key=lambda s: s.start)
    spans = [s for s in spans if not ctx.document.in_skip(s.start_char, s.end_char)]
    # full person names first, so that surnames can join them
    full_names = [clean_span(ctx, s) for s in spans if s.label_ == "PERSON"]
    for span in (s for s in full_names if not_a_person(ctx, s) is None):
        name = persons.person_name(ctx, span)
        if len(name.split()) > 1:
            persons.person(ctx, name)
    read_acronyms(ctx, spans)
    for span in spans:
        em = entity(ctx, clean_span(ctx, span))
        if em is None:
            continue
        ctx.entity_mentions.append(em)
        title = {i for t in ctx.doc[span.start : em.span.start] for i in range(t.i, t.i + office_words(ctx, t, em.span.end))}
        for token in ctx.doc[span.start : em.span.end]:
            if token.i not in title:  # the title stays a word of its own
                ctx.ents[token.i] = em
    ctx.entity_mentions.sort(key=lambda em: em.span.start)


def joined_names(ctx: DocContext, spans: list[Span]) -> list[Span]:
    """Two person spans with nothing between them are one name ("Prince Abdulaziz" + "bin Salman"), and
    a capitalised word the NER left before a person's name is part of it ("Sadiq" in "Sadiq Khan")."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for span in spans:
        if span.label_ == "PERSON":
            start = span.start
            while start > 0 and start - 1 not in taken and ctx.doc[start - 1].pos_ == "PROPN" and ctx.doc[start - 1].is_alpha \
                    and ctx.doc[start - 1].text[:1].isupper() and not titles.title_relation(ctx, ctx.doc[start - 1]) \
                    and not ctx.lex.is_a(ctx.doc[start - 1].lower_, "generic_org_word") \
                    and not (start > 1 and ctx.doc[start - 2].pos_ == "ADP"):  # not "Minister of Information [X]"
                start -= 1
            span = Span(span.doc, start, span.end, label="PERSON") if start != span.start else span
        if out and span.label_ == out[-1].label_ == "PERSON" and out[-1].end == span.start:
            out[-1] = Span(span.doc, out[-1].start, span.end, label="PERSON")
        else:
            out.append(span)
    return out


def org_names(ctx: DocContext, spans: list[Span]) -> list[Span]:
    """Named bodies stay whole: "the Bank of Japan", "the United States Commission on International
    Religious Freedom", "the Libyan House of Representatives" are one organisation each, not
    Japan, the United States or Libya (the gazetteer's ruler marks those names inside them first).
    A chain of capitalised words around an organisation word, joined by of/for/on/and, replaces the
    entities inside it; a gazetteer organisation keeps its own name ("the IRGC of Iran")."""
    doc, out, used = ctx.doc, [], set()
    at = {i: s for s in spans for i in range(s.start, s.end)}
    for anchor in doc:
        if anchor.i in used or not org_anchor(ctx, anchor):
            continue
        known = at.get(anchor.i)
        if known is not None and (known.label_ == "PERSON" or (known.label_ == "ORG" and ctx.lookup(known.text) is not None)):
            continue
        start, end = anchor.i, anchor.i + 1
        while start > 0 and name_word(ctx, doc[start - 1], at):
            start -= 1
        while end < len(doc):
            if name_word(ctx, doc[end], at) and not (end > anchor.i + 1 and doc[end - 1].lower_ == "and" and org_anchor(ctx, doc[end])):
                end += 1
            elif doc[end].lower_ in ("of", "for", "on", "and", "&") and end + 1 < len(doc) and not (
                    doc[end].lower_ in ("and", "&") and (doc[end + 1].lower_ == "the" or org_anchor(ctx, doc[end + 1]))) and (
                    # "the Center for X and Center for Y", "the Ministry of Defence and the Bank of Japan": two bodies
                    name_word(ctx, doc[end + 1], at) or (doc[end + 1].lower_ == "the" and end + 2 < len(doc) and name_word(ctx, doc[end + 2], at))):
                end += 2 if doc[end + 1].lower_ != "the" else 3
            else:
                break
        while end - 1 > anchor.i and doc[end - 1].lower_ in ("and", "&", "of", "for", "on", "the"):
            end -= 1
        if end - start < 2 or not any(t.i != anchor.i and t.text[:1].isupper() for t in doc[start:end]):
            continue
        if all(t.lower_ in ("of", "for", "on", "and", "&", "the") or ctx.lex.is_a(t.lower_, "generic_org_word")
               or ctx.lookup(t.text, ("name", "alias", "demonym")) is not None for t in doc[start:end]):
            continue  # "the British Foreign Office", "the Ministry of Foreign Affairs of Turkey": the state's own, read from the parse
        inside = [s for s in spans if start <= s.start and s.end <= end]
        if any(s.label_ == "PERSON" for s in inside) or sum(s.label_ == "ORG" for s in inside) > 1 or any(s.start < start < s.end or s.start < end < s.end for s in spans):
            continue
        used.update(range(start, end))
        out.append(Span(doc, start, end, label="ORG"))
    kept = [s for s in spans if not any(o.start <= s.start and s.end <= o.end for o in out)]
    return sorted(kept + out, key=lambda s: s.start)


def ruled_state(ctx: DocContext, span: Span) -> Actor | None:
    """The state an organisation name made of a state's name and a word for its government stands
    for ("Hungarian Government", "the Syrian regime"), else None."""
    if not ctx.lex.is_a(span.root.lemma_, "ruling_body"):
        return None
    states = set()
    for token in span:
        if token == span.root or token.lower_ == "the":
            continue
        entry = ctx.lookup(token.text, ("name", "alias", "demonym"))
        if entry is None or ctx.gaz.kind_of.get(entry.actor_id) != "countries":
            return None
        states.add(entry.actor_id)
    return ctx.gaz_actor(states.pop()) if len(states) == 1 else None


def org_anchor(ctx: DocContext, token: Token) -> bool:
    """A capitalised word that makes a name an organisation's ("Bank", "Commission", "House")."""
    return token.text[:1].isupper() and (ctx.lex.is_a(token.lower_, "org_word") or ctx.lex.is_a(token.lower_, "state_organ"))


def name_word(ctx: DocContext, token: Token, at: dict[int, Span]) -> bool:
    """A word that can be part of an organisation's name: capitalised, not a person's, not a title."""
    span = at.get(token.i)
    if span is not None and span.label_ == "PERSON":
        return False
    return (token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN") and token.tag_ != "POS"
            and not titles.title_relation(ctx, token) and (token.pos_ == "PROPN" or not token.is_sent_start)
            ) or (span is not None and span.label_ in ("GPE", "NORP", "ORG"))


def titled_names(ctx: DocContext, spans: list[Span]) -> list[Span]:
    """Names the NER missed right after a person's title ("Presidents Hage Geingob of Namibia",
    "Minister of Information Moammar al-Eryani"), or coordinated with a person's name ("... and
    Hakainde Hichilema of Zambia"): two to four capitalised proper nouns."""
    taken = {i for s in ctx.doc.ents for i in range(s.start, s.end)}
    persons_at = {i for s in ctx.doc.ents if s.label_ == "PERSON" for i in range(s.start, s.end)}
    found = []
    doc, i = ctx.doc, 1
    while i < len(doc):
        if i in taken or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper() or titles.title_relation(ctx, doc[i]):
            i += 1
            continue
        end = i
        while end < len(doc) and end not in taken and doc[end].pos_ == "PROPN" and (
                doc[end].text[:1].isupper() or doc[end].text.startswith(("al-", "el-", "bin", "de", "van", "von"))):
            end += 1
        title, head = doc[i - 1], doc[end - 1]
        titled = title.i not in taken and titles.title_relation(ctx, title) and not ctx.lex.is_a(title.lower_, "media_title")
        if 2 <= end - i <= 4 and (titled or (head.dep_ == "conj" and head.head.i in persons_at)):
            found.append(Span(doc, i, end, label="PERSON"))
            persons_at.update(range(i, end))
        i = max(end, i + 1)
    return found


def coordinated_person(ctx: DocContext, span: Span) -> bool:
    """A two- or three-word capitalised name, with no organisation word, coordinated with a person."""
    root = span.root
    if root.dep_ != "conj" or not 2 <= len(span) <= 3 or any(ctx.lex.is_a(t.lower_, "org_word") for t in span):
        return False
    other = ctx.ents.get(root.head.i)
    return other is not None and other.actor.type == "person" and all(t.text[:1].isupper() for t in span)


def read_acronyms(ctx: DocContext, spans: list[Span]) -> None:
    """'the Syrian Democratic Forces (SDF)': SDF names the same actor in this document."""
    for span in spans:
        after = ctx.doc[span.end : span.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].text.isupper():
            em = entity(ctx, clean_span(ctx, span))
            if em is not None and em.actor.type in ("organisation", "group"):
                ctx.acronyms[after[1].text] = em.actor
                em.actor.aliases.add(after[1].text)


def not_a_person(ctx: DocContext, span: Span) -> str | None:
    """What a span the NER calls a person is instead: "ORG", "NONE" (no name at all), or None (a person)."""
    if ctx.lex.is_a(normalize(span.text), "not_actor") or span[0].tag_ == "VB" or any(
            ctx.lex.is_a(t.lower_, "not_actor") for t in span):
        return "NONE"  # "Make Melbourne a digital city": an imperative (a verb), no name
    if len(span) == 1 and span.text.isupper() and len(span.text) > 1:
        return "ORG"  # "UTC", "DRM": an acronym is no person's name
    if any(ctx.lex.is_a(t.lower_, "org_word") for t in span[1:]):
        return "ORG"  # "the Tigray People's Liberation Front", "Rocky Linux" are no persons
    return None


def entity(ctx: DocContext, span: Span) -> EntityMention | None:
    """The actor an entity span names, or None when it names none (equipment, title pieces)."""
    text, label = span.text, span.label_
    if not any("a" <= c.lower() <= "z" for c in text):
        return None  # a name in another script (a quoted Hindi or Russian passage) is not read as English
    if ctx.lex.is_a(normalize(text), "not_actor") or ctx.lex.is_a(span.root.lemma_, "not_actor"):
        return None  # "Brexit", "Islam", "COVID-19": events, faiths and diseases act on no one
    if label == "PERSON":
        label = not_a_person(ctx, span) or label
        if label == "NONE":
            return None
    if EQUIPMENT_RE.fullmatch(normalize(text)) and ctx.lookup(text) is None:
        return None  # "MiG-21", "F-16", "S-400": equipment (whose owner acts or suffers), not "G7"
    if label == "ORG" and coordinated_person(ctx, span):
        label = "PERSON"  # "Presidents Buhari of Nigeria and Patrice Talon of Benin"
    if label == "PERSON" and short_name(ctx, span) is not None:
        return EntityMention(span, short_name(ctx, span), "alias")  # "Mahan Air ... Mahan said": the airline
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
    if label == "NORP" and span.root.dep_ in ("pobj", "conj") and (span.root.head.lower_ == "in" or span.root.head.head.lower_ == "in") \
            and all(c.dep_ in ("cc", "conj") for c in span.root.children):
        return None  # "told a guard, in French and English, ...": a language, not a state
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
    if ctx.lex.is_a(clean.lower(), "world_region"):
        return EntityMention(span, ctx.location(clean), "name")  # "Indo-Pacific", tagged ORG: a place, no body
    ruled = ruled_state(ctx, span) if label == "ORG" else None
    if ruled is not None:
        return EntityMention(span, ruled, "role")  # "the Hungarian Government" is Hungary's, as "the Cuban government" is
    if label == "ORG" and all(ctx.lex.is_a(t.lower_, "generic_org_word") for t in span if t.is_alpha):
        return None  # "foreign ministry": a body of the state that owns it, resolved from the parse
    following = ctx.doc[span.end].lower_ if span.end < len(ctx.doc) else ""
    if ctx.lex.value(clean.lower(), "title") or ctx.lex.value(f"{clean.lower()} {following}", "title"):
        return None  # NER pieces of a title: "Supreme" in "Supreme Leader", "Premier"
    if label in ("ORG", "GPE", "NORP", "LOC") and persons.known_surname(ctx, span):
        return EntityMention(span, persons.person(ctx, normalize(text)), "surname")  # NER calls "Trump" an ORG
    short = short_name(ctx, span) if label in ("ORG", "GPE", "LOC") else None
    if short is not None:
        return EntityMention(span, short, "alias")  # "Mahan Air ... Mahan has been under sanctions": not the town of Mahan
    if label == "ORG" and titled(ctx, span) == "person":
        return EntityMention(span, persons.person(ctx, persons.person_name(ctx, span)), "name")  # "President Kassym-Jomart Tokayev"
    if label == "ORG":
        return EntityMention(span, ctx.actor(Actor(slugify(clean), clean, "organisation")), "name")
    if label == "NORP":
        return EntityMention(span, ctx.actor(Actor(slugify(clean), clean, "group")), "name")
    return EntityMention(span, ctx.location(clean), "name")


def short_name(ctx: DocContext, span: Span) -> Actor | None:
    """The body named before whose name starts with this one word and that the gazetteer does not
    know otherwise ("Mahan" after "Mahan Air")."""
    if len(span) != 1 or ctx.lookup(span.text) is not None:
        return None
    for em in reversed(ctx.entity_mentions):
        words = em.actor.label.split()
        if em.actor.type == "organisation" and len(words) > 1 and words[0] == span.text:
            return em.actor
    return None


def titled(ctx: DocContext, span: Span) -> str | None:
    """'person' or 'media' when a title noun stands right before the name, or in apposition after
    it ("Gáspár Maróth, the Hungarian Government commissioner"): NER often mislabels these."""
    before = span.start - 1
    words = [ctx.doc[before]] if before >= 0 and ctx.doc[before].pos_ in ("NOUN", "PROPN") else []
    words += [c for c in span.root.children if c.dep_ == "appos" and c.i >= span.end and c.pos_ == "NOUN"]
    if span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN":
        words.append(span.root.head)  # "Russia's ambassador to the UN, Vassily Nebenzia"
    for word in words:
        if ctx.lex.is_a(word.lower_, "media_title") or ctx.lex.is_a(word.lemma_.lower(), "media_title"):
            return "media"
        if titles.title_relation(ctx, word):
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
