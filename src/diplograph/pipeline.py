"""The pipeline: ingest -> nlp -> resolve -> extract, streamed document by document.

    >>> rels = extract_text("Egypt condemned Turkey on Wednesday.", date="2020-01-10")
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id, r.date) for r in rels]
    [('egypt', 'criticizes', 'turkey', '2020-01-08')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .extract import extract_relations
from .model import Document, Mention, Relation
from .nlp import load_pipeline
from .resolve import DocContext


@dataclass
class DocResult:
    """What the pipeline read from one document."""

    document: Document
    relations: list[Relation]
    mentions: list[Mention]
    context: DocContext | None = None


def process(documents: Iterable[Document], model: str | None = None, keep_context: bool = False,
            batch_size: int = 16, report=None) -> Iterator[DocResult]:
    """Parse, resolve and extract each document; yields results in input order.

    A document whose extraction fails (a bug, never bad input alone) is reported in
    ``report`` (an :class:`~diplograph.ingest.IngestReport`) with the error and skipped;
    without a report the error propagates.
    """
    nlp = load_pipeline(model)

    def fitting():
        for doc in documents:
            if len(doc.text) > nlp.max_length:
                message = (f"{len(doc.text):,} characters is more than the {nlp.max_length:,} the pipeline takes; "
                           "split it into articles (e.g. one JSONL line each)")
                if report is None:
                    raise ValueError(f"{doc.id}: {message}")
                report.skip(doc.path or doc.id, message)
                continue
            yield doc

    def unparsed(document: Document):
        doc = nlp.make_doc(document.text)
        doc.user_data["skip"] = list(document.skip)  # boilerplate ends a sentence (nlp.line_breaks)
        return doc

    stream = ((unparsed(doc), doc) for doc in fitting())
    for parsed, document in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        try:
            ctx = DocContext(document, parsed)
            relations = extract_relations(ctx)
            mentions = ctx.mentions()
        except Exception as exc:
            if report is None:
                raise
            report.skip(document.path or document.id, f"extraction failed ({exc.__class__.__name__}: {exc}); please report it")
            continue
        yield DocResult(document, relations, mentions, ctx if keep_context else None)


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
