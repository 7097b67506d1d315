"""The tables converted from the PETRARCH2 dictionaries (tools/petrarch_convert.py), the CAMEO code
mapping behind them, their loaders, and sentences their cues read."""

from __future__ import annotations

import pytest

from diplograph.agents import agent, longest_agent
from diplograph.data import read_table
from diplograph.lexicon import lexicon, parse_require
from diplograph.officials import official
from diplograph.schema import RELATIONS
from support import ROOT, SHARED, triples

PETRARCH = SHARED / "reference" / "petrarch2"
DATA = ROOT / "src" / "diplograph" / "data"


def test_converter_reproduces_the_committed_tables():
    if not PETRARCH.is_dir():
        pytest.skip(f"{PETRARCH} not found (the converter reads the PETRARCH2 dictionaries there)")
    import petrarch_convert

    for name, text in petrarch_convert.build().items():
        assert (DATA / name).read_text(encoding="utf-8") == text, f"{name} differs from a fresh conversion: run `make dictionaries`"


def test_every_cameo_code_is_mapped_once():
    codes = [row["code"] for row in read_table("cameo_goldstein.tsv")]
    mapped = [row["code"] for row in read_table("cameo_relations.tsv")]
    assert sorted(mapped) == sorted(codes) and len(set(mapped)) == len(mapped)
    for row in read_table("cameo_relations.tsv"):
        assert row["reason"], row["code"]
        assert not row["relation"] or (row["relation"] in RELATIONS and not RELATIONS[row["relation"]].abstract), row


def test_cameo_mapping_as_an_analyst_reads_it():
    relation = {row["code"]: row["relation"] for row in read_table("cameo_relations.tsv")}
    assert relation["173"] == relation["174"] == "represses"  # arrests and deportations
    assert (relation["161"], relation["163"], relation["139"], relation["192"]) == ("opposes", "sanctions", "threatens", "invades")
    assert relation["100"] == "urges" and relation["043"] == "visits"
    assert not relation["010"] and not relation["150"] and not relation["090"]  # statements, posture, investigations


def test_cameo_cues_are_well_formed_and_only_for_mapped_codes():
    relation = {row["code"]: row["relation"] for row in read_table("cameo_relations.tsv")}
    rows = read_table("cameo_cues.tsv")
    assert len(rows) > 1000
    for row in rows:
        assert relation[row["cameo"]] == row["relation"], row
        assert row["lemma"] == row["lemma"].lower() and " " not in row["lemma"], row
        parse_require(row["require"])


def test_hand_written_cues_take_precedence():
    lex = lexicon()
    assert {c.source for c in lex.cues("verb", "warn")} == {"cues.tsv"}  # CAMEO has WARN too: not loaded
    assert {c.source for c in lex.cues("verb", "extradite")} == {"cameo_cues.tsv"}
    expel = lex.cues("verb", "expel")
    assert any(c.relation == "opposes" and ("dobj", ("ambassador", "attache", "consul", "diplomat", "emissary", "envoy")) in c.require
               for c in expel)


@pytest.mark.parametrize("text,expected", [
    ("Ankara expelled the Dutch ambassador.", ("turkey", "opposes", "netherlands")),
    ("Turkey expelled two German diplomats.", ("turkey", "opposes", "germany")),
    ("France recalled its ambassador to the United States.", ("france", "opposes", "united_states")),
    ("Athens expelled the Libyan ambassador to Greece.", ("greece", "opposes", "libya")),
    ("Egypt extradited the suspect to Libya.", ("egypt", "aids", "libya")),
    ("China sentenced Australian writer Yang Hengjun to death.", ("china", "represses", "yang_hengjun")),
    ("Egypt put Mohamed Morsi on trial.", ("egypt", "represses", "mohamed_morsi")),
    ("Belarus deported opposition activist Maria Kolesnikova.", ("belarus", "represses", "maria_kolesnikova")),
    ("Hamas declared a ceasefire with Israel.", ("hamas", "agrees_with", "israel")),
])
def test_cameo_cues_read_these_sentences(text, expected):
    assert expected in triples(text)


def test_more_specific_pattern_wins():
    # "expel" alone is a deportation (174, represses); expelling a diplomat is 161 (opposes), not both
    found = triples("Ankara expelled the Dutch ambassador.")
    assert not any(rel == "represses" for _, rel, _ in found)


def test_repression_is_of_people_not_states():
    assert not any(rel == "represses" for _, rel, _ in triples("Saudi Arabia sued Qatar."))


def test_agents_loader():
    assert agent("rebels").type == "group" and agent("rebels").sector == "REB"
    assert agent("rebel").type == "person" and agent("rebel").label == "rebels"
    assert agent("Police").type == "organisation" and agent("police").official
    assert agent("court").type == "organisation" and agent("courts").type == "group"
    assert agent("protesters").type == "group" and not agent("protesters").official
    assert agent("lawmakers").official and agent("militias").label == "militias"
    assert agent("security forces").type == "organisation" and agent("security forces").label == "security forces"
    assert agent("naval ship") is None  # things are no actors
    assert longest_agent(["Libyan", "riot", "police"]).noun == "riot police"
    assert longest_agent(["the", "weather"]) is None


def test_officials_by_date():
    assert official("Vladimir Putin", "2005-06-01")[:3] == ("russia", "leader_of", "GOV")
    assert official("Putin", "1995-01-01")[:3] == ("russia", None, "ELI")  # out of office: no relation
    assert official("Sergei Lavrov", "2010-01-01")[:3] == ("russia", "represents", "GOV")  # an alias
    assert official("Recep Tayyip Erdoğan", "2012-01-01").country == "turkey"  # accents folded
    assert official("Kofi Annan", "2001-09-11").organisation == "united_nations"
    ban = official("Ban Ki-moon", "2005-05-05"), official("Ban Ki-moon", "2010-05-05")
    assert (ban[0].country, ban[1].organisation) == ("south_korea", "united_nations")  # minister, then UN chief
    assert official("Clinton", "2010-01-01") is None  # two people of that surname in office
    assert official("Nobody Known", "2010-01-01") is None


def test_officials_table_has_no_qids_and_valid_ids():
    countries = {row["id"] for row in read_table("countries.tsv")}
    orgs = {row["id"] for row in read_table("organisations.tsv")}
    rows = read_table("officials.tsv")
    assert "qid" not in rows[0]
    for row in rows:
        assert row["country"] in countries or (not row["country"] and row["organisation"] in orgs), row
        assert row["relation"] in ("", "leader_of", "represents"), row
        assert not row["start"] or not row["end"] or row["start"] <= row["end"], row
