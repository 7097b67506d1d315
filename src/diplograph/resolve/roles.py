"""Titles and offices: which state or body a person leads or represents, and who holds an office.

Reads titles before a name ("Belarusian President Alexander Lukashenko"), appositions ("Zalmay
Khalilzad, a US peace envoy"), copulas ("X is the president of Y"), national bodies ("the US
State Department" represents the US), state media (from the gazetteer), counterparts ("his
Kenyan counterpart William Ruto") and definite titles that refer back to a person ("the US
president" after "Donald Trump"). Past offices ("former president") give no role.

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("Belarusian President Alexander Lukashenko arrived in Beijing.")
    >>> [(r.holder.actor.id, r.relation, r.partner.actor.id, r.method) for r in ctx.roles]
    [('alexander_lukashenko', 'leader_of', 'belarus', 'title')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Actor, Mention
from ..officials import official
from ..syntax import SUBJECT_DEPS
from . import arguments, quotes, titles

if TYPE_CHECKING:
    from .context import DocContext
    from .entities import EntityMention


STATE_ORGAN_KINDS = {"armed_forces", "ministry", "intelligence", "agency", "court"}  # gazetteer kinds


@dataclass
class Role:
    """An affiliation read from a title or apposition: holder -relation-> partner."""

    holder: Mention
    relation: str
    partner: Mention
    token: Token  # the title noun
    method: str


def context_state(ctx: DocContext, title: Token) -> Actor | None:
    """The state a government title that names none belongs to: the one state its sentence names
    before it, else the document's state (see :func:`document_state`). A state named only after
    the title is more often whom the holder acts on ("Senator X met Egyptian officials") than
    whose office it is: it is not taken, nor is the document's state when it is that one."""
    sentence = title.sent
    holder = title.head if title.dep_ == "compound" else title
    while holder.dep_ == "conj" and holder.head != holder:
        holder = holder.head
    own_phrase = {t.i for t in holder.subtree}  # "Congressman A and US Senator B": B's state is not what A acts on
    quoted = quotes.quote_spans(sentence.text)
    before, after = {}, {}
    for em in ctx.entity_mentions:
        if sentence.start <= em.span.start < sentence.end and em.actor.type == "country" and not ctx.is_place_use(em):
            if em.span.start < title.i:
                before[em.actor.id] = em.actor
            elif em.span.root.i not in own_phrase and not any(
                    s <= em.span.start_char - sentence.start_char < e for s, e in quoted):  # nor a quote's
                after[em.actor.id] = em.actor
    if before:
        return next(iter(before.values())) if len(before) == 1 and set(after) <= set(before) else None
    state = document_state(ctx)
    return state if state is not None and state.id not in after else None


def document_state(ctx: DocContext) -> Actor | None:
    """The state a document is about: the only one it names, or the one named most often (the
    headline counting twice), at least twice and half as often again as any other."""
    if ctx.doc_state is None:
        counts: dict[str, int] = {}
        first = ctx.sents[0].end
        for em in ctx.entity_mentions:
            if em.actor.type == "country":  # places count too: "a bomb killed a photographer in Yemen"
                counts[em.actor.id] = counts.get(em.actor.id, 0) + (2 if em.span.start < first else 1)
        for role in ctx.roles:  # and the states of the persons the text gives offices ("President Donald Trump")
            if role.partner.actor.type == "country" and role.holder.actor.type == "person":
                counts[role.partner.actor.id] = counts.get(role.partner.actor.id, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        best = ranked[0] if ranked and (len(ranked) == 1 or (ranked[0][1] >= 2 and ranked[0][1] >= 1.5 * ranked[1][1])) else None
        found = ctx.gaz_actor(best[0]) if best else None
        if ctx.roles_read:
            ctx.doc_state = found or False  # final once every role is known
        return found
    return ctx.doc_state or None


def state_in_sight(ctx: DocContext, state_id: str) -> bool:
    """Whether the document names a state (or a person of it) anywhere: "CCTV captured their arrival"
    in a story about Paris is a camera, not China's broadcaster."""
    return any(em.actor.id == state_id or (em.actor.type == "person" and em.actor.state == state_id) for em in ctx.entity_mentions)


def state_of_org(ctx: DocContext, em: EntityMention) -> Mention | None:
    """'the US State Department', "Russia's defence ministry": a national body names its state."""
    if em.actor.type != "organisation" or ctx.gaz.extra.get(em.actor.id, {}).get("kind") == "igo":
        return None
    if em.actor.id not in ctx.gaz.actors and len(em.span) < 2:
        return None  # "the US House": a bare common word is no body of its own
    root = em.span.root
    holders = [root] + ([root.head] if root.dep_ == "compound" and (  # "Russia's FSB security service"
        ctx.lex.is_a(root.head.lemma_, "back_ref") or ctx.lex.is_a(root.head.lemma_, "generic_org_word")) else [])
    kind = ctx.gaz.extra.get(em.actor.id, {}).get("kind")
    if kind not in STATE_ORGAN_KINDS and not any(ctx.lex.is_a(t.lower_, "state_organ") for t in [*em.span, *holders]):
        return None  # "the UK's Conservative Party", "Georgia Institute of Technology": no organ of the state
    return state_named_with(ctx, em, holders)


def state_named_with(ctx: DocContext, em: EntityMention, holders: list[Token] | None = None) -> Mention | None:
    """The state named in or on an organisation's name ("US House", "Iran's Quds Force")."""
    root = em.span.root
    holders = holders or [root]
    candidates = [em.span[i:j] for i in range(len(em.span)) for j in range(len(em.span), i, -1)  # "United States Embassy"
                  if em.span.start + i != root.i and not em.span.start + i <= root.i < em.span.start + j]
    candidates += [ctx.doc[c.i : c.i + 1] for h in holders for c in h.children
                   if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < em.span.start]
    for words in candidates:
        found = ctx.lookup(words.text, ("name", "alias", "demonym"))
        if found and ctx.gaz.kind_of.get(found.actor_id) == "countries":
            inner = ctx.entity_at(words[0])
            if inner is not None and inner is not em:
                return inner.mention()
            return Mention(ctx.gaz_actor(found.actor_id), words.text, words.start_char, words.end_char, "demonym")
    return None


def read_roles(ctx: DocContext) -> None:
    """Read every role of the document (state media, national bodies, titles, then descriptions)."""
    known: set[str] = set()
    # "his Kenyan counterpart William Ruto, ... Ethiopian Prime Minister Abiy": counterparts last,
    # once the office they mirror is known
    mirrored = [em for em in ctx.entity_mentions if any(t.lemma_ == "counterpart" for t, _ in titles.title_tokens(ctx, em))]
    for em in [em for em in ctx.entity_mentions if em not in mirrored] + mirrored:
        if em.actor.type not in ("person", "organisation"):
            continue
        home = em.actor.state if ctx.gaz.extra.get(em.actor.id, {}).get("kind") == "state_media" else None
        if home and em.actor.id not in known and ctx.gaz.actor(home) is not None and state_in_sight(ctx, home):
            # state media: the gazetteer records whose voice they are (once a document)
            known.add(em.actor.id)
            state_actor = ctx.gaz_actor(home)
            ctx.roles.append(Role(em.mention(), "represents", Mention(state_actor, em.span.text, em.span.start_char,
                                                                         em.span.end_char, "gazetteer"), em.span.root, "gazetteer"))
            ctx.affiliation.setdefault(em.actor.id, state_actor)
        state = state_of_org(ctx, em)
        if state is not None and state.actor.id != em.actor.id:
            ctx.roles.append(Role(em.mention(), "represents", state, em.span.root, "title"))
            ctx.affiliation.setdefault(em.actor.id, state.actor)
        if em.span.root.i != em.span[-1].i and em.span.root.dep_ == "compound":
            continue
        linear = titles.linear_titles(ctx, em) if em.actor.type == "person" else []
        along = {title.i: partners for title, _, partners in linear}  # partners the words name, where the parse names none
        found = [(title, method, None, along.get(title.i)) for title, method in titles.title_tokens(ctx, em)]
        found += [(title, method, partners, None) for title, method, partners in linear if all(title != f[0] for f in found)]
        if not found and em.actor.type == "person":
            for body in titles.holder_of_phrase(ctx, em.span.root):  # "Sheldon Yett of UNICEF observed ..."
                if body.actor.type == "organisation":
                    ctx.roles.append(Role(em.mention(), "member_of", body, em.span.root, "apposition"))
                    ctx.affiliation.setdefault(em.actor.id, body.actor)
        for title, method, partners, fallback in found:
            add_title_roles(ctx, em, title, method, partners, fallback)
    read_described_holders(ctx)
    read_offices_of_states(ctx)
    ctx.roles_read = True


def read_offices_of_states(ctx: DocContext) -> None:
    """Who heads or speaks for a state's body speaks for the state: "Qasem Soleimani, head of Iran's
    Quds Force", "US House Speaker Nancy Pelosi" (not a party's leader, nor an international body's)."""
    for role in list(ctx.roles):
        partner = role.partner.actor
        if role.holder.actor.type != "person" or role.relation not in ("leader_of", "represents") or partner.type != "organisation" \
                or titles.party(ctx, partner) or ctx.gaz.extra.get(partner.id, {}).get("kind") == "igo":
            continue
        span = ctx.doc.char_span(role.partner.start, role.partner.end, alignment_mode="expand")
        em = ctx.entity_at(span.root) if span is not None else None
        state = state_named_with(ctx, em) if em is not None and em.actor.id == partner.id else None
        if state is None or any(r.holder.actor.id == role.holder.actor.id and r.partner.actor.id == state.actor.id for r in ctx.roles):
            continue
        ctx.roles.append(Role(role.holder, "represents", state, role.token, role.method))
        ctx.affiliation.setdefault(role.holder.actor.id, state.actor)


def add_title_roles(ctx: DocContext, em: EntityMention, title: Token, method: str, partners: list[Mention] | None,
                    fallback: list[Mention] | None = None) -> None:
    """The roles one title gives its holder: with the partners the title phrase names (found
    here from the parse unless given, then ``fallback``), else the state the gazetteer or the context says."""
    if titles.former(ctx, title):
        return  # "former Nigerian president Olusegun Obasanjo" holds no office now
    if em.actor.type == "organisation" and not (ctx.lex.is_a(title.lower_, "media_title") or ctx.lex.is_a(title.lemma_, "media_title")):
        return  # "the Global Times newspaper" is the holder; in "the Indo-Pacific coordinator" the name is a partner
    relation = titles.title_relation(ctx, title)
    if title.lemma_ == "counterpart":  # "his Indian counterpart": the same office as "his"
        owners = [m for c in title.children if c.dep_ == "poss" for m in arguments.arg(ctx, c)]
        relation = next((ctx.role_of[m.actor.id] for m in owners if m.actor.id in ctx.role_of), relation)
    if any(c.dep_ in ("compound", "amod") and ctx.lex.is_a(c.lower_, "non_state_office") for c in title.children):
        return  # "Russian opposition leader Alexei Navalny" speaks for no state
    office = titles.office(ctx, title)
    if relation == "leader_of" and office:
        relation = "represents"  # heads an office or a movement, not the state
    partners = (titles.title_partners(ctx, title, em.span) or fallback or []) if partners is None else partners
    if ctx.lex.is_a(title.lower_, "local_title") or ctx.lex.is_a(title.lemma_, "local_title"):
        partners = [m for m in partners if m.via != "metonym"]  # "the mayor of London" heads a city, not the UK
    home = ctx.gaz.actor(em.actor.state) if em.actor.type == "person" and em.actor.state and not office else None
    if not partners and home is not None and title.lemma_ != "counterpart" and not ctx.lex.is_a(title.lower_, "rank"):
        # "President Joe Biden": the title names no state; the gazetteer knows his
        partners = [Mention(ctx.gaz_actor(home.id), title.text, title.idx, title.idx + len(title.text), "gazetteer")]
    if not partners and em.actor.type == "person" and not office and title.lemma_ != "counterpart":
        held = official(em.actor.label, ctx.date) if ctx.date else None  # "Prime Minister X" in an article of X's time
        if held is not None and held.country and held.relation:
            partners = [Mention(ctx.gaz_actor(held.country), title.text, title.idx, title.idx + len(title.text), "gazetteer")]
    own_state = ctx.lex.value(title.lower_, "state_title") if not partners and em.actor.type == "person" else None
    if own_state:  # "Taoiseach Leo Varadkar": an office only one state has
        partners = [Mention(ctx.gaz_actor(own_state), title.text, title.idx, title.idx + len(title.text), "gazetteer")]
    if not partners and em.actor.type == "person" and titles.bare_title(ctx, title) and (
            ctx.lex.is_a(title.lower_, "government_title") or ctx.lex.is_a(title.lemma_, "government_title")):
        state = context_state(ctx, title)  # "Minister of Information Moammar al-Eryani" in a story on Yemen
        if state is not None:
            partners = [Mention(state, title.text, title.idx, title.idx + len(title.text), "description")]
    for partner in partners:
        if partner.actor.id == em.actor.id or (em.actor.type == "organisation" and relation != "represents"):
            continue
        if relation == "leader_of" and partner.via == "post":
            relation = "represents"  # "the head of policy at Amnesty International" serves it, does not lead it
        if relation == "represents" and titles.party(ctx, partner.actor):
            relation = "member_of"  # "MP Jane Roe of the Labour Party", "the party's nominee"
        if relation == "member_of" and partner.actor.type == "country":
            continue  # "US presidential nominee Joe Biden" is no member of the United States
        ctx.roles.append(Role(em.mention(), relation, partner, title, method))
        ctx.role_of.setdefault(em.actor.id, relation)
        if relation == "leader_of" and partner.actor.type == "country":
            ctx.leaders.setdefault(partner.actor.id, em.actor)
        ctx.affiliation.setdefault(em.actor.id, partner.actor)


def read_described_holders(ctx: DocContext) -> None:
    """'the US president', 'the Libyan leader' after a name: the definite title refers back to
    the person last named who can hold it (one the gazetteer ties to that state, else one with no
    known office), and says which office they hold."""
    for title in ctx.doc:
        relation = titles.title_relation(ctx, title)
        if relation not in ("leader_of", "represents") or title.tag_ not in ("NN", "NNP") or titles.former(ctx, title):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in title.children):
            continue
        if title.dep_ in ("compound", "appos") or any(
                c.dep_ in ("appos", "compound") and ctx.entity_at(c) and ctx.entity_at(c).actor.type in ("person", "organisation")
                for c in title.children):
            continue  # the name is right there: read as a title or apposition
        if any(c.dep_ == "compound" and c.pos_ == "NOUN" and not titles.title_relation(ctx, c) for c in title.children):
            continue  # "the army chief", "the opposition leader": an office, not the state's
        partners = [m for m in titles.title_partners(ctx, title, None) if m.actor.type == "country"]
        if not partners and not titles.title_partners(ctx, title, None):
            same = last_holder_of(ctx, title)  # "President Donald Trump ... the president": the last holder of that title
            if same is not None:
                ctx.described[title.i] = same
            continue
        if len(partners) != 1:
            continue
        holder = described_holder(ctx, title, partners[0].actor)
        if holder is None:
            continue
        start, end = arguments.np_offsets(ctx, title)
        mention = Mention(holder, ctx.text[start:end], start, end, "description")
        ctx.described[title.i] = holder
        ctx.roles.append(Role(mention, relation, partners[0], title, "description"))
        ctx.role_of.setdefault(holder.id, relation)
        if relation == "leader_of":
            ctx.leaders.setdefault(partners[0].actor.id, holder)
        ctx.affiliation.setdefault(holder.id, partners[0].actor)


def last_holder_of(ctx: DocContext, title: Token) -> Actor | None:
    """The person a bare definite title means ("President Donald Trump" ... "the president"): of
    those who held this very title before it, the one the document names most often so far."""
    phrase = titles.title_phrase(ctx, title)
    holders = {role.holder.actor.id: role.holder.actor for role in ctx.roles  # "prime minister" is not "the minister"
               if role.token.i < title.i and titles.title_phrase(ctx, role.token) == phrase and role.holder.actor.type == "person"}
    if not holders:
        return None
    named = [em.actor.id for em in ctx.entity_mentions if em.span.start < title.i and em.actor.id in holders]
    state = document_state(ctx)  # on a tie, the holder from the state the story is about, then the one named first
    return holders[max(holders, key=lambda h: (named.count(h), bool(state) and any(
        role.holder.actor.id == h and role.partner.actor.id == state.id for role in ctx.roles),
        -named.index(h) if h in named else -len(named)))]


def described_holder(ctx: DocContext, title: Token, state: Actor) -> Actor | None:
    """The person a definite title refers back to, in its sentence or the one before."""
    sentence = title.sent
    first = ctx.doc[max(sentence.start - 1, 0)].sent.start  # this sentence and the one before
    before = [em for em in ctx.entity_mentions
              if em.actor.type == "person" and first <= em.span.start and em.span.end <= title.i]
    for em in reversed(before):
        if em.actor.state == state.id or (em.actor.id in ctx.affiliation and ctx.affiliation[em.actor.id].id == state.id):
            return em.actor
    for em in reversed(before):  # someone of no known office: in this sentence, or the one who acted in the last
        if not em.actor.state and em.actor.id not in ctx.affiliation and (  # ("Donald Trump said ... The US president"),
                em.span.start >= sentence.start or em.span.root.dep_ in SUBJECT_DEPS):
            return em.actor  # not a name in passing ("pledged converting Hagia Sophia. ... the Greek foreign minister")
    return None


def home(ctx: DocContext, actor: Actor) -> Actor:
    """The state a person's office belongs to (as the text or the gazetteer says); others unchanged."""
    if actor.type != "person":
        return actor
    if actor.id in ctx.affiliation and ctx.affiliation[actor.id].type == "country":
        return ctx.affiliation[actor.id]
    if actor.state and ctx.gaz.kind_of.get(actor.state) == "countries":
        return ctx.gaz_actor(actor.state)
    return actor
