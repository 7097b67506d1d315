"""The gazetteer: every state, metonyms, aliases, demonyms, organisations, with QIDs (issue 4)."""

import csv
import re
from pathlib import Path

import pytest

from diplograph.gazetteer import gazetteer
from diplograph.model import Document
from diplograph.resolve import DocContext

TABLE = Path(__file__).parent / "data" / "surface_forms.tsv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
SENTENCES = {
    "agent": "{} said on Monday that the talks would continue.",
    "place": "Troops gathered at an airbase outside {} on Monday.",
    "demonym": "The {} president said on Monday that the talks would continue.",
}


def test_table_is_large_enough():
    assert len(ROWS) >= 150
    assert {row["context"] for row in ROWS} == {"agent", "place", "demonym"}


def _resolved(nlp, row):
    text = SENTENCES[row["context"]].format(row["surface"])
    doc = nlp(text)
    ctx = DocContext(Document("t", text), doc)
    start = text.index(row["surface"])
    span = doc.char_span(start, start + len(row["surface"]), alignment_mode="expand")
    em = next((ctx.entity_at(t) for t in span if ctx.entity_at(t)), None)
    assert em is not None, f"{row['surface']!r} was not recognised as an entity in {text!r}"
    if row["context"] == "place":
        return em.mention(place=ctx.is_place_use(em)).actor
    if row["context"] == "agent":
        subject = next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass"))
        found = ctx.arg(subject)
        assert found, f"no actor for the subject of {text!r}"
        return found[0].actor
    return em.actor


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['context']}:{r['surface']}" for r in ROWS])
def test_surface_form(nlp, row):
    actor = _resolved(nlp, row)
    expected = row["expected_id"]
    if expected.startswith("location:"):
        assert (actor.type, actor.id) == ("location", expected.split(":", 1)[1])
    else:
        assert actor.id == expected
        assert (actor.qid or "") == row["expected_qid"]


def test_every_state_has_iso_codes_and_qids():
    gaz = gazetteer()
    states = [a for a in gaz.actors.values() if a.type == "country"]
    assert len(states) >= 200
    current = [a for a in states if gaz.extra[a.id]["historical"] == "0"]
    assert all(re.fullmatch(r"Q\d+", a.qid or "") for a in current), [a.id for a in current if not a.qid]
    un_members = [a for a in current if gaz.extra[a.id]["iso3"]]
    assert len(un_members) >= 193


@pytest.mark.parametrize("org", ["nato", "european_union", "united_nations"])
def test_core_organisations_have_qids(org):
    assert re.fullmatch(r"Q\d+", gazetteer().actor(org).qid or "")


def test_era_aware_metonym():
    gaz = gazetteer()
    assert gaz.lookup("Moscow", "1987-05-01").actor_id == "soviet_union"
    assert gaz.lookup("Moscow", "2023-02-28").actor_id == "russia"
    assert gaz.lookup("Moscow").actor_id == "russia"


def test_ambiguous_names_follow_the_document(nlp):
    """'Congo' is the DRC unless the text names the other Congo's capital or full name."""
    def actor_of(text):
        ctx = DocContext(Document("t", text), nlp(text))
        return next(em.actor.id for em in ctx.entity_mentions if em.span.text.startswith("Congo"))
    assert actor_of("Congo accused Rwanda of backing rebels near Goma.") == "democratic_republic_of_the_congo"
    assert actor_of("Congo's president flew home to Brazzaville.") == "republic_of_the_congo"
    assert actor_of("Congolese officials met in Brazzaville.") == "republic_of_the_congo"
