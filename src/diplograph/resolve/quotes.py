"""Quotes and their speakers: who says what is inside quotation marks, and who spoke last.

A quotation's speaker is the subject of the speech verb nearest to it in its sentence (or the
sentence it ends in); "we" and "I" inside the quote are that speaker; "it said" refers to the
last organisation or state that spoke.

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of('"We will never accept this," Iran said.')
    >>> [(start, end, [m.actor.id for m in speakers]) for start, end, speakers in ctx.quotes]
    [(0, 28, ['iran'])]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Actor, Mention
from ..syntax import SUBJECT_DEPS
from . import arguments

if TYPE_CHECKING:
    from .context import DocContext

QUOTE_RE = re.compile(r"“[^”\n]{3,2000}”|\"[^\"\n]{3,2000}\"")
# a paragraph that opens a quote it does not close: the quote runs on to the paragraph's end, and
# (as news writes long quotes) goes on in the next paragraph, which opens with a quote mark again
LINE_RE = re.compile(r"(?m)^[^\n]+$")


def read_quotes(ctx: DocContext) -> None:
    """Find quotations and the speaker of each."""
    speech = ctx.lex.words("speech")
    for start, end in quote_spans(ctx.text):
        inside = ctx.doc.char_span(start, end, alignment_mode="expand")
        if inside is None or len(inside) < 5 or not any(t.pos_ in ("VERB", "AUX") for t in inside):
            continue
        first_sent, last_sent = inside[0].sent, inside[-1].sent
        window = list(first_sent) + ([t for t in last_sent if t.i > first_sent.end] if last_sent != first_sent else [])
        speakers: list[Mention] = []
        said = None
        verbs = [t for t in window if t.lemma_ in speech and not (start <= t.idx < end)]
        verbs.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
        for verb in verbs:
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            for subject in subjects:
                speakers = arguments.arg(ctx, subject)
            if speakers:
                said = verb
                break
        if not speakers and not verbs and ctx.quotes and continued(ctx, ctx.quotes[-1][1], start):
            speakers = ctx.quotes[-1][2]  # a quote running on into the next paragraph keeps its speaker
            said = ctx.quote_verbs.get(ctx.quotes[-1][:2])
        ctx.quotes.append((start, end, speakers))
        ctx.quote_verbs[(start, end)] = said


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations of a text: closed on their line, or opened at the start of
    a paragraph and running to its end ("... every paragraph of a long quote opens with a mark")."""
    spans = [m.span() for m in QUOTE_RE.finditer(text)]
    for m in LINE_RE.finditer(text):
        line = m.group(0)
        if line.count('"') % 2 == 1:  # a mark opened and never closed on this line
            start = m.start() + line.rindex('"')
        elif line.count("“") > line.count("”"):
            start = m.start() + line.rindex("“")
        else:
            continue
        if m.end() - start > 3 and not any(s <= start < e for s, e in spans):
            spans.append((start, m.end()))
    return sorted(spans)


def continued(ctx: DocContext, previous_end: int, start: int) -> bool:
    """Whether a quote opens right after the last one closed, with no words between (a new paragraph)
    but the last one's own attribution ('... very low", Graham continued.')."""
    between = ctx.doc.char_span(previous_end, start, alignment_mode="expand")
    if between is None:
        return False
    closing = ctx.doc[between.start - 1].sent if between.start > 0 else None
    return all(t.is_space or t.is_punct or (closing is not None and closing.start <= t.i < closing.end) for t in between)


def speaker_at(ctx: DocContext, token: Token) -> list[Mention]:
    """The speakers of the quotation a token is in (none outside quotes)."""
    for start, end, speakers in ctx.quotes:
        if start <= token.idx < end:
            return speakers
    return []


def reporting_speaker(ctx: DocContext, t: Token) -> list[Mention]:
    """'We will not accept it, Iran said': the subject of the speech verb above the clause."""
    current = t
    while current.head != current:
        head = current.head
        if current.dep_ in ("ccomp", "parataxis") and ctx.lex.is_a(head.lemma_, "speech"):
            for subject in (c for c in head.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON"):
                return arguments.arg(ctx, subject)
            return []
        current = head
    return []


def last_speaker(ctx: DocContext, t: Token) -> Actor | None:
    """The last organisation, state or group that said something before a token."""
    speech = ctx.lex.words("speech")
    for sent_start in range(t.i - 1, max(t.i - 200, -1), -1):
        token = ctx.doc[sent_start]
        if token.lemma_ in speech:
            for subject in (c for c in token.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON"):
                found = arguments.arg1(ctx, subject, False)
                if found and found[0].actor.type in ("organisation", "country", "group"):
                    return found[0].actor
    return None
