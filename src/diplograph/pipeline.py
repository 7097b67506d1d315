"""The pipeline: ingest -> nlp -> resolve -> extract, streamed document by document.

    >>> rels = extract_text("Egypt condemned Turkey on Wednesday.", date="2020-01-10")
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id, r.date) for r in rels]
    [('egypt', 'criticizes', 'turkey', '2020-01-08')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from .extract import extract_relations
from .ingest import batches
from .model import Document, DocResult, Mention, Relation
from .deep import deep_call
from .nlp import load_pipeline, pieces
from .resolve import DocContext


BATCH_CHARS = 200_000  # characters parsed in one batch (with at most batch_size documents)


def _shift_mention(m: Mention, offset: int) -> Mention:
    return replace(m, start=m.start + offset, end=m.end + offset)


def _shift(rel: Relation, offset: int) -> Relation:
    """A relation read in a piece of a document, with offsets into the whole document."""
    if not offset:
        return rel
    evidence = replace(rel.evidence, sentence_start=rel.evidence.sentence_start + offset,
                       sentence_end=rel.evidence.sentence_end + offset)
    return replace(rel, subject=_shift_mention(rel.subject, offset), object=_shift_mention(rel.object, offset), evidence=evidence)


def _piece(document: Document, start: int, end: int) -> Document:
    """The part ``start:end`` of a document as a document of its own (metadata kept, skip spans clipped)."""
    if (start, end) == (0, len(document.text)):
        return document
    skip = [(max(s, start) - start, min(e, end) - start) for s, e in document.skip if s < end and e > start]
    return replace(document, text=document.text[start:end], skip=skip)


RECURSION = 3_000  # frames resolution may use on one piece (chains of references; up to 70 KB each)
MIN_PIECE_CHARS = 2_000


def _resolve(document: Document, parsed):
    ctx = DocContext(document, parsed)
    return ctx, extract_relations(ctx), ctx.mentions()


def _read(nlp, document: Document, parsed, lost: list[tuple[int, int]]):
    """Resolve and extract one parsed piece: (context, relations, mentions). References can chain
    through a whole piece (an antecedent holding another reference ...), and some loop: past
    :data:`RECURSION` frames the piece is read again as two halves, down to
    :data:`MIN_PIECE_CHARS`; a span that still loops is left out and added to ``lost``."""
    try:
        return deep_call(_resolve, document, parsed, recursion=RECURSION)
    except RecursionError:
        if len(document.text) < 2 * MIN_PIECE_CHARS:
            lost.append((0, len(document.text)))
            return None, [], []
    context, relations, mentions = None, [], []
    for start, end in pieces(document.text, limit=len(document.text) // 2 + 1):
        half = _piece(document, start, end)
        doc = nlp.make_doc(half.text)
        doc.user_data["skip"] = list(half.skip)
        inner: list[tuple[int, int]] = []
        ctx, found, named = _read(nlp, half, nlp(doc), inner)
        context = context or ctx
        relations += [_shift(r, start) for r in found]
        mentions += [_shift_mention(m, start) for m in named]
        lost += [(a + start, b + start) for a, b in inner]
    return context, relations, mentions


def process(documents: Iterable[Document], model: str | None = None, keep_context: bool = False,
            batch_size: int = 16, report=None) -> Iterator[DocResult]:
    """Parse, resolve and extract each document; yields results in input order.

    A text longer than :data:`~diplograph.nlp.PIECE_CHARS` is read in pieces cut at paragraph
    ends (resolution costs more than linear time in a document's length; pieces keep the cost
    linear), with offsets into the whole text; pronouns and surnames do not reach across pieces,
    and ``keep_context`` keeps the first piece's context.

    A document whose extraction fails (a bug, never bad input alone) is reported in
    ``report`` (an :class:`~diplograph.ingest.IngestReport`) with the error and skipped;
    without a report the error propagates.
    """
    nlp = load_pipeline(model)

    def unparsed(document: Document):
        doc = nlp.make_doc(document.text)
        doc.user_data["skip"] = list(document.skip)  # boilerplate ends a sentence (nlp.line_breaks)
        return doc

    def split():
        for document in documents:
            spans = pieces(document.text)
            for index, (start, end) in enumerate(spans):
                yield document, _piece(document, start, end), start, index == len(spans) - 1

    current, failed, relations, mentions, context = None, False, [], [], None
    for batch in batches(split(), batch_size, BATCH_CHARS, length=lambda item: len(item[1].text)):
        stream = ((unparsed(part), (document, part, start, last)) for document, part, start, last in batch)
        for parsed, (document, part, start, last) in nlp.pipe(stream, as_tuples=True, batch_size=len(batch)):
            if document is not current:
                current, failed, relations, mentions, context = document, False, [], [], None
            if not failed:
                try:
                    lost: list[tuple[int, int]] = []
                    ctx, found, named = _read(nlp, part, parsed, lost)
                    for a, b in lost:
                        message = (f"characters {a + start:,}-{b + start:,} left out: their references loop "
                                   "(a resolver bug; please report it)")
                        if report is None:
                            raise RecursionError(f"{document.id}: {message}")
                        report.skip(document.path or document.id, message)
                    relations += [_shift(r, start) for r in found]
                    mentions += [_shift_mention(m, start) for m in named]
                    context = context or ctx
                except Exception as exc:
                    if report is None:
                        raise
                    report.skip(document.path or document.id, f"extraction failed ({exc.__class__.__name__}: {exc}); please report it")
                    failed = True
            if last and not failed:
                yield DocResult(document, relations, mentions, context if keep_context else None)


def _text_result(text: str, doc_id: str, date: str | None, model: str | None, keep_context: bool = False) -> DocResult:
    from .ingest import read_text_document

    document = next(read_text_document(text, doc_id))
    document.date = date or document.date
    return next(process([document], model, keep_context=keep_context))


def extract_text(text: str, doc_id: str = "text", date: str | None = None, model: str | None = None) -> list[Relation]:
    """Relations of one text (a convenience for notebooks and tests), read as a plain-text
    article is (title line, metadata lines, dateline)."""
    return _text_result(text, doc_id, date, model).relations


def context_of(text: str, doc_id: str = "text", date: str | None = None, model: str | None = None) -> DocContext:
    """The resolved :class:`~diplograph.resolve.DocContext` of one text, read as :func:`extract_text`
    reads it: what resolution made of its actors, roles, quotes and references.

        >>> ctx = context_of("Belarusian President Alexander Lukashenko met Xi Jinping.")
        >>> sorted(ctx.actors)
        ['alexander_lukashenko', 'belarus', 'china', 'xi_jinping']
    """
    return _text_result(text, doc_id, date, model, keep_context=True).context
