"""Issue 12, item 9: a long text is read in bounded pieces (resolution inside one document grows
faster than its length), with offsets into the whole text; shorter texts are read as before.
Timings are in benchmarks/long_documents.py."""

from __future__ import annotations

import json

import pytest

from diplograph import pipeline
from diplograph.model import Document
from diplograph.nlp import PIECE_CHARS, pieces
from support import EXAMPLES

ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


@pytest.mark.parametrize("limit", [50, 400, 5000])
def test_pieces_cover_the_text_within_the_limit(limit):
    text = "\n\n".join(ARTICLES) + "\nlast line without a break " * 40
    spans = pieces(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= limit for start, end in spans)


def test_no_corpus_article_is_cut():
    from support import SHARED

    corpus = SHARED / "corpus" / "wikinews_2019_2020.jsonl"
    if not corpus.exists():
        pytest.skip("corpus not found")
    longest = max(len(json.loads(line)["text"]) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())
    assert longest < PIECE_CHARS


def test_a_long_text_read_in_pieces_finds_what_its_articles_say(monkeypatch):
    """With a small piece size, a text made of several articles yields the relations of each
    article, at the right offsets in the whole text."""
    text = "\n\n".join(ARTICLES)
    whole = Document("long", text)
    monkeypatch.setattr(pipeline, "pieces", lambda t: pieces(t, limit=max(len(a) for a in ARTICLES) + 2))
    assert len(pipeline.pieces(text)) > 1
    result = next(pipeline.process([whole]))
    assert len(result.relations) > 20
    for rel in result.relations:
        ev = rel.evidence
        assert text[ev.sentence_start:ev.sentence_end] == ev.sentence
        for mention in (rel.subject, rel.object):
            assert text[mention.start:mention.end] == mention.text or mention.via in ("pronoun", "description", "gazetteer")
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
    one_by_one = {(r.subject.actor.id, r.relation, r.object.actor.id, r.evidence.sentence)
                  for doc in pipeline.process([Document(f"a{i}", a) for i, a in enumerate(ARTICLES)]) for r in doc.relations}
    pieced = {(r.subject.actor.id, r.relation, r.object.actor.id, r.evidence.sentence) for r in result.relations}
    assert len(pieced & one_by_one) >= 0.9 * len(one_by_one)


def test_texts_longer_than_the_model_limit_are_read(monkeypatch):
    """The old limit (spaCy's 1,000,000 characters) no longer skips a document: pieces are small."""
    monkeypatch.setattr(pipeline, "pieces", lambda t: pieces(t, limit=3000))
    nlp = pipeline.load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 5000)
    text = ("Kenya condemned Uganda on Monday. " * 60 + "\n\n") * 4
    result = next(pipeline.process([Document("big", text)]))
    assert len([r for r in result.relations if r.key == ("kenya", "criticizes", "uganda")]) == 240


LOOP = "The island nation's cabinet met the island nation."


def _looping_resolve(monkeypatch):
    """Resolution that loops on any piece holding :data:`LOOP`, as resolve.py's references once did
    on two Wikinews paragraphs ('the island nation' -> its antecedent -> salient mentions -> the
    owners of 'the island nation's cabinet' -> 'the island nation' again). The resolve/ package
    no longer loops on them, so the loop is made here: the pipeline's safety net stays tested."""
    resolve = pipeline._resolve

    def looping(document, parsed):
        def again(n):
            return again(n + 1)

        return again(0) if LOOP in document.text else resolve(document, parsed)

    monkeypatch.setattr(pipeline, "_resolve", looping)


def test_a_span_whose_references_loop_is_left_out_and_the_rest_read(monkeypatch):
    from diplograph.ingest import IngestReport

    _looping_resolve(monkeypatch)
    loop = "Fiji accused Tonga on Monday. " * 20 + LOOP
    filler = "Kenya condemned Uganda on Monday. " * 100
    text = loop + "\n\n" + filler + "\n\n" + filler
    report = IngestReport()
    result = next(pipeline.process([Document("looping", text)], report=report))
    assert len(report.errors) == 1 and "left out: their references loop" in report.errors[0].message
    a, b = (int(x.replace(",", "")) for x in report.errors[0].message.split()[1].split("-"))
    assert a <= text.index(LOOP) and text.index(LOOP) + len(LOOP) <= b
    assert result.relations and all(not (a <= r.evidence.sentence_start < b) for r in result.relations)
    outside = [i for i in range(len(text)) if text.startswith("Kenya condemned", i) and not a <= i < b]
    assert outside and sorted(r.evidence.sentence_start for r in result.relations if r.key[0] == "kenya") == outside
    with pytest.raises(RecursionError, match="left out"):
        next(pipeline.process([Document("looping", text)]))
