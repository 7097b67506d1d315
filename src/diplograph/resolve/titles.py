"""Titles: which word before or beside a name is an office, and whose office it is.

Reads a title through the parse ("Belarusian President Alexander Lukashenko", "X, a US peace
envoy", "X is the president of Y"), or, where the small model's parse of a long title phrase is
wrong, along the words themselves ("Conservative Party leader and Prime Minister Boris Johnson",
"The Labour Party's leader, Jeremy Corbyn"). Roles are made of these by :mod:`.roles`.

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("US Ambassador to Germany Richard Grenell said so.")
    >>> [(t.text, m, [p.actor.id for p in partners]) for em in ctx.entity_mentions if em.actor.type == "person"
    ...  for t, m, partners in linear_titles(ctx, em)]
    [('Ambassador', 'title', ['united_states'])]
"""

from __future__ import annotations

from dataclasses import replace

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..model import Mention
from ..syntax import MODIFIER_DEPS
from . import arguments

if TYPE_CHECKING:
    from .context import DocContext
    from .entities import EntityMention


def title_relation(ctx: DocContext, token: Token) -> str | None:
    """The affiliation a title noun expresses, reading multi-word titles ("prime minister")."""
    found = title_phrase(ctx, token)
    return ctx.lex.value(found, "title") if found else None


def title_phrase(ctx: DocContext, token: Token) -> str | None:
    """The title a noun is part of, as the lexicon writes it ("prime minister" for "Minister" in
    "Prime Minister Modi"; "minister" for "the minister")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    if not ctx.lex.in_titles(token.lower_) and not ctx.lex.in_titles(token.lemma_.lower()):
        return None  # every window below holds the token (or, last, its lemma) as written
    if ctx.entity_at(token) is not None:
        return None
    doc = ctx.doc
    for n in range(ctx.lex.longest_title, 0, -1):
        # windows ending at the token ("prime minister") and starting at it ("secretary of state")
        for window in (doc[max(token.i - n + 1, 0) : token.i + 1], doc[token.i : token.i + n]):
            if len(window) != n:
                continue
            words = [t.lower_ for t in window]
            text = window.text.lower()  # "secretary-general" as written
            for variant in (text, " ".join(words), " ".join(words[:-1] + [window[-1].lemma_.lower()])):
                if ctx.lex.value(variant, "title"):
                    return variant
    return None

def former(ctx: DocContext, title: Token) -> bool:
    """A title marked as past: "former president", "ex-president", "the ousted leader"."""
    words = [c for c in title.children if c.dep_ in ("amod", "compound", "advmod", "nmod")]
    words += [t for t in ctx.doc[max(title.i - 3, 0) : title.i]]
    i = title.i - 1  # back along the title phrase: "former US Vice-President"
    while i >= max(title.i - 6, 0) and (ctx.doc[i].pos_ in ("PROPN", "NOUN", "ADJ") or ctx.doc[i].text in ("-", "–")):
        words.append(ctx.doc[i])
        i -= 1
    return any(ctx.lex.is_a(w.lower_, "former_title") for w in words)

def title_partners(ctx: DocContext, title: Token, exclude: Span | None) -> list[Mention]:
    """The state or organisation a title noun ties its holder to."""
    found: list[Mention] = []
    posted = ctx.lex.is_a(title.lower_, "posting_title") or ctx.lex.is_a(title.lemma_, "posting_title")
    for child in title.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "to") and not (posted and child.lower_ == "to"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found += [m for m in arguments.arg(ctx, pobj) if m.actor.type in ("country", "organisation", "group")]
    if not found:  # "the head of policy at Amnesty International": the body the office is held at
        heads = [title] + [o for p in title.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        found = [m for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "at"
                 for o in p.children if o.dep_ == "pobj" for m in arguments.arg(ctx, o) if m.actor.type in ("organisation", "group")]
        found = [replace(m, via="post") for m in found]  # an office held at a body, not the body's own head
    if not found and exclude is not None:
        found = holder_of_phrase(ctx, exclude.root)  # "Presidents Hage Geingob of Namibia and ..."
    if found:
        return found
    for token in title.subtree:
        if token.i >= title.i or (exclude is not None and exclude.start <= token.i < exclude.end):
            continue
        em = ctx.entity_at(token)
        if em is not None and can_have_officers(em):
            if token.dep_ in MODIFIER_DEPS or token.head.i != token.i:
                found.append(em.mention())
        elif token.dep_ == "poss" and token.head == title and token.pos_ in ("PRON", "NOUN"):
            # "his country's president", "the group's leader" (a back-reference)
            found += [m for m in arguments.arg(ctx, token) if m.actor.type in ("country", "organisation", "group")]
    if not found and title.dep_ in ("compound", "nmod") and title.head.i > title.i:
        # "UN Secretary-General Antonio Guterres": the body modifies the name beside the title
        for sibling in title.head.children:
            if sibling.i < title.i and sibling.dep_ in MODIFIER_DEPS:
                em = ctx.entity_at(sibling)
                if em is not None and can_have_officers(em) and em is not ctx.entity_at(title.head):
                    found.append(em.mention())
    unique = {m.actor.id: m for m in found}
    return list(unique.values())

def holder_of_phrase(ctx: DocContext, name: Token) -> list[Mention]:
    """The states and bodies an 'of' phrase on a person's name ties them to ("Sheldon Yett of UNICEF")."""
    return [m for prep in name.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children if pobj.dep_ == "pobj"
            for m in arguments.arg(ctx, pobj) if m.actor.type in ("country", "organisation", "group")]

def can_have_officers(em: EntityMention) -> bool:
    """States, organisations and named groups ("Hezbollah leader"), not demonym collectives."""
    return em.actor.type in ("country", "organisation") or (em.actor.type == "group" and em.span.label_ != "NORP")

def title_tokens(ctx: DocContext, em: EntityMention) -> list[tuple[Token, str]]:
    """Title nouns attached to an entity mention, with the construction found."""
    span, root = em.span, em.span.root
    found: list[tuple[Token, str]] = []
    for child in root.children:
        if child.i < span.start and child.dep_ in ("compound", "nmod", "amod", "appos") and title_relation(ctx, child) \
                and not other_person_between(ctx, child.i, span):
            found.append((child, "title"))
        if child.i >= span.end and child.dep_ == "appos" and title_relation(ctx, child):
            found.append((child, "apposition"))
    misplaced = misparsed_apposition(ctx, root, span.start)
    if misplaced is not None:
        found.append((misplaced, "apposition"))
    if root.dep_ in ("appos", "compound") and title_relation(ctx, root.head) and not span.start <= root.head.i < span.end:
        found.append((root.head, "apposition" if root.dep_ == "appos" else "title"))  # also "the Global Times newspaper"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and title_relation(ctx, root.head.head):
        found.append((root.head.head, "title"))  # "US Secretary of State John Kerry" parsed as "of ... Kerry"
    if root.dep_ == "nsubj" and root.head.lemma_ in ("be", "become", "remain"):  # "X became leader of Y"
        for attr in (c for c in root.head.children if c.dep_ == "attr"):
            if title_relation(ctx, attr):
                found.append((attr, "copula"))
    if not found and span.end < len(ctx.doc) and ctx.doc[span.end].text == ",":
        # "X, a spokesman for Y": the apposition is often attached to the wrong noun
        for token in ctx.doc[span.end + 1 : span.end + 8]:
            if token.dep_ == "appos" and title_relation(ctx, token):
                found.append((token, "apposition"))
                break
            if token.text in (",", ";", ".") or token.pos_ == "VERB":
                break
    before = span.start - 1
    if not found and root.dep_ == "conj" and (other := ctx.entity_at(root.head)) is not None and other.actor.type == "person":
        # "Presidents Hage Geingob of Namibia and Hakainde Hichilema of Zambia": a plural title is both's
        found = [(t, m) for t, m in title_tokens(ctx, other) if t.tag_ in ("NNS", "NNPS")]
    if not found and before >= 0 and title_relation(ctx, ctx.doc[before]):
        found.append((ctx.doc[before], "title"))  # "China's state news agency Xinhua", even when misparsed
    for title, method in list(found):  # "Belarus president and firm Russia ally Lukashenko"
        for conj in title.conjuncts:
            if title_relation(ctx, conj) and all(conj != t for t, _ in found):
                found.append((conj, method))
    return found

def misparsed_apposition(ctx: DocContext, name: Token, start: int) -> Token | None:
    """'Santos and the leader of the FARC, Rodrigo Londoño': the parse hangs the name on the first
    person as an apposition; the title coordinated between them is the name's own."""
    if name.dep_ != "appos" or (head := ctx.entity_at(name.head)) is None or head.actor.type != "person":
        return None
    return next((c for c in name.head.children if c.dep_ == "conj" and name.head.i < c.i < start and c.tag_ == "NN"
                 and title_relation(ctx, c) and ctx.entity_at(c) is None), None)  # a plural ("counterparts") is several names


def bare_title(ctx: DocContext, title: Token) -> bool:
    """A title that says nothing of whose office it is: no modifier ("Council spokesperson", "his
    counterpart") and no 'of'/'for' phrase beyond a portfolio ("Minister of Information" is bare,
    "spokesperson for the provincial governor" is not)."""
    if title.lemma_ == "counterpart" or any(c.dep_ in ("compound", "nmod", "poss", "amod") and c.i < title.i
                                            and not (ctx.lex.is_a(c.lower_, "title") or ctx.lex.is_a(c.lower_, "former_title"))
                                            for c in title.children):
        return False
    for prep in title.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
            if any(not ctx.lex.is_a(o.lower_, "generic_org_word") and not (
                    (em := ctx.entity_at(o)) is not None and em.actor.type == "person")  # "Minister of [Information X]"
                   for o in prep.children if o.dep_ == "pobj"):
                return False
    return True

def other_person_between(ctx: DocContext, i: int, span: Span) -> bool:
    """'US President Donald Trump and Turkish President Erdogan' misparsed with the first title on
    Erdogan: a title with another person's name between it and this one is that person's."""
    return any((em := ctx.entity_at(t)) is not None and em.actor.type == "person" and em.span != span
               for t in ctx.doc[i + 1 : span.start])


def party(ctx: DocContext, actor) -> bool:
    """A political party ("the Labour Party", "Sinn Féin" where the gazetteer says so)."""
    return actor.type == "organisation" and (ctx.gaz.extra.get(actor.id, {}).get("kind") == "party"
                                             or actor.label.split()[-1].lower() in ("party", "parties"))


def office(ctx: DocContext, title: Token) -> bool:
    """'UN human rights chief', 'opposition leader', 'army chief': a title heading an office or a
    movement, named by a common noun on it, rather than a state."""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and not title_relation(ctx, c) and ctx.entity_at(c) is None
               for c in title.children)


PHRASE_STOPS = {",", ";", ":", ".", "(", ")", '"', "“", "”", "—", "–", "'"}


def linear_titles(ctx: DocContext, em: EntityMention) -> list[tuple[Token, str, list[Mention]]]:
    """Titles read along the words right before a name, for long title phrases the parse gets
    wrong: "Conservative Party leader and Prime Minister Boris Johnson" (two titles, each with its
    own modifiers), "The Labour Party's leader, Jeremy Corbyn", "US Ambassador to Germany Richard
    Grenell" (a posting names where, not whose). Returns (title, method, partners named with it)."""
    doc, start = ctx.doc, em.span.start
    end, method = start, "title"
    listed = start  # "... counterparts, Nikos Dendias, Nikos Christodoulides and Jean-Yves Le Drian"
    while listed >= 2 and doc[listed - 1].text in (",", "and") and (other := ctx.entity_at(doc[listed - 2])) is not None \
            and other.actor.type == "person":
        listed = other.span.start
    # "Warren earned 8 delegates, Joe Biden earned 6": the name starts a clause of its own after the object
    own_clause = em.span.root.dep_ in ("nsubj", "nsubjpass") and em.span.root.head.i > em.span.end - 1 \
        and listed >= 2 and doc[listed - 2].dep_ == "dobj"
    if listed >= 2 and doc[listed - 1].text == "," and title_relation(ctx, doc[listed - 2]) and not own_clause and (
            listed == start or doc[listed - 2].tag_ in ("NNS", "NNPS")):
        end, method = listed - 1, "apposition"
    elif listed == start and start >= 2 and doc[start - 1].text == "," and (body := doc[start - 2]).dep_ == "pobj" \
            and body.head.lower_ in ("of", "for", "at") and title_relation(ctx, body.head.head) and ctx.entity_at(body) is not None:
        end, method = start - 1, "apposition"  # "the director of Mahan Air, John Smith": the name is the director's
    words: list[Token] = []
    for i in range(end - 1, -1, -1):
        t = doc[i]
        other = ctx.entity_at(t)
        if t.text == "," and words and i > 0 and demonym(ctx, words[0]) and demonym(ctx, doc[i - 1]):
            words.insert(0, t)  # "his Greek, Cypriot and French counterparts"
            continue
        if (other is not None and other.actor.type == "person") or t.text in PHRASE_STOPS or t.is_space or t.sent != em.span.sent or t.pos_ in (
                "VERB", "AUX", "PRON", "NUM", "DET", "SCONJ") or (t.pos_ == "ADP" and t.lower_ not in ("of", "for", "to")):
            break
        words.insert(0, t)
    last = max((i for i, w in enumerate(words) if title_relation(ctx, w)), default=None)
    if last is None or not all(w.pos_ in ("ADP", "PROPN", "NOUN", "ADJ") for w in words[last + 1 :]) or (
            last + 1 < len(words) and words[last + 1].pos_ != "ADP"):
        return []  # the phrase ends in a title, or a title and its 'of/to' phrase ("Ambassador to Germany")
    found: list[tuple[Token, str, list[Mention]]] = []
    segment: list[Token] = []
    k = 0
    while k < len(words):
        t = words[k]
        if not title_relation(ctx, t):
            if t.lower_ in ("and", "&") and (not segment or (ctx.entity_at(segment[-1]) is not None and not demonym(ctx, segment[-1]))):
                segment = []  # "leader and Prime Minister", "by Ankara and UN Secretary-General X": another title
            else:
                segment.append(t)
            k += 1
            continue
        j = k  # the whole title: "Prime Minister", "Secretary of State" (not "chairperson President")
        while j + 1 < len(words) and any(ctx.lex.value(" ".join(w.lower_ for w in words[k : j + n]), "title")
                                         for n in (2, 3) if j + n <= len(words)):
            j += 1
        head, tail, m = words[j], [], j + 1
        posted = ctx.lex.is_a(head.lower_, "posting_title") or ctx.lex.is_a(head.lemma_, "posting_title")
        while m < len(words) and words[m].pos_ == "ADP":  # "Minister of Information", "Ambassador to Germany"
            prep, m = words[m], m + 1
            while m < len(words) and words[m].pos_ != "ADP" and words[m].lower_ not in ("and", "&") and not title_relation(ctx, words[m]):
                if not (posted and prep.lower_ == "to"):
                    tail.append(words[m])
                m += 1
        partners = named_bodies(ctx, segment + tail)
        if method == "apposition" and head.tag_ in ("NNS", "NNPS") and len(partners) > 1:
            partners = respective(ctx, em, end, partners)
        found.append((head, method, partners))
        segment, k = [], m
    return found


def respective(ctx: DocContext, em: EntityMention, comma: int, partners: list[Mention]) -> list[Mention]:
    """'his Greek, Cypriot and French counterparts, Nikos Dendias, Nikos Christodoulides and Jean-Yves
    Le Drian, respectively': the n-th name after the title goes with its n-th state, when the counts match."""
    names: list[EntityMention] = []
    for t in ctx.doc[comma + 1 : em.span.sent.end]:
        other = ctx.entity_at(t)
        if other is not None and other.actor.type == "person":
            if not names or names[-1] is not other:
                names.append(other)
        elif t.text not in (",", "and") and other is None and not t.is_space:
            break
    ordered = sorted(partners, key=lambda m: m.start)
    if len(names) != len(ordered) or em not in names:
        return []
    return [ordered[names.index(em)]]


def demonym(ctx: DocContext, token: Token) -> bool:
    """A nationality adjective naming a state ("Greek", "Cypriot")."""
    em = ctx.entity_at(token)
    return em is not None and em.actor.type == "country" and em.span.label_ == "NORP"


def named_bodies(ctx: DocContext, tokens: list[Token]) -> list[Mention]:
    """The states, organisations and named groups among some words (once each)."""
    found = {}
    for t in tokens:
        em = ctx.entity_at(t)
        if em is not None and can_have_officers(em) and em.actor.id not in found:
            found[em.actor.id] = em.mention()
    return list(found.values())
