"""Issue 12, items 1-2: the query guard decides from the parsed query (never from the text), and
deep nesting is refused before the engine sees it. The oracle is the engine itself: a query the
guard lets through must never make Oxigraph open a connection."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.guard import MAX_DEPTH, QueryError, ReadOnlyError, check_query
from diplograph.query import Target
from support import Listener, reported_bypass


@pytest.fixture(scope="module")
def listener():
    return Listener()


def engine_calls_out(sparql: str, listener: Listener) -> bool:
    before = listener.hits
    try:
        result = ox.Store().query(sparql)
        if not isinstance(result, ox.QueryBoolean):
            list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    return listener.hits > before


def test_reported_bypasses_are_refused_and_the_engine_would_have_called_out(listener):
    for sparql in reported_bypass(listener.port):
        with pytest.raises(ReadOnlyError):
            check_query(sparql)
        assert engine_calls_out(sparql.replace("\r", "\n"), listener)  # the danger was real


def test_query_command_refuses_service_without_calling_out(listener, tmp_path):
    graph = tmp_path / "g.nt"
    graph.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    before = listener.hits
    for sparql in reported_bypass(listener.port):
        with pytest.raises(ReadOnlyError):
            Target(graph).run(sparql)
    assert listener.hits == before


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { ?s ?p 'SERVICE <http://x> { }' }",
    'SELECT * WHERE { ?s ?p """ a "" \' SERVICE <http://x> { } """ }',
    "SELECT * WHERE { ?s <http://x/#SERVICE> ?o } # SERVICE <http://x> { }",
    "SELECT ?service WHERE { ?service ?p ?o }",
    "PREFIX service: <http://x#> SELECT * WHERE { ?s service:p ?o }",
])
def test_service_as_text_is_fine(sparql):
    assert check_query(sparql) == sparql


@pytest.mark.parametrize("sparql", [
    "\\u0053ELECT * WHERE { ?s ?p ?o }",
    'SELECT * WHERE { BIND("\\u0022" AS ?x) }',
])
def test_codepoint_escapes_are_refused(sparql):
    with pytest.raises(QueryError, match="escapes"):
        check_query(sparql)


def test_updates_and_load_are_refused():
    for sparql in ("LOAD <http://127.0.0.1:9/x.ttl>", "CLEAR ALL", "INSERT DATA { <a:a> <a:b> <a:c> }",
                   "# a comment\nDROP GRAPH <a:g>", "load <http://127.0.0.1:9/x.ttl> into graph <a:g>"):
        with pytest.raises(ReadOnlyError, match="updates"):
            check_query(sparql)


def test_syntax_errors_are_errors_not_refusals():
    with pytest.raises(QueryError, match="syntax") as info:
        check_query("SELEC ?x WHERE { }")
    assert not isinstance(info.value, ReadOnlyError)


# -- nesting -------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [MAX_DEPTH // 2, MAX_DEPTH * 3, 3000, 60_000])
def test_nesting_is_bounded(depth):
    for sparql in ("ASK " + "{" * depth + "}" * depth, "ASK { FILTER(" + "(" * depth + "1" + ")" * depth + ") }"):
        if depth <= MAX_DEPTH // 2:
            assert check_query(sparql)
        else:
            with pytest.raises(QueryError, match="nested too deeply|characters long"):
                check_query(sparql)


def test_the_query_command_survives_deep_nesting(tmp_path):
    """The report: ``diplograph query`` died of SIGSEGV on a few thousand levels."""
    graph = tmp_path / "g.nt"
    graph.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "diplograph.cli", "query", str(graph), "ASK " + "{" * 3000 + "}" * 3000],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "nested too deeply" in proc.stderr, proc.stderr


# -- property-based: the guard's verdict against the engine and against the construction -------
KEYWORD = st.sampled_from(["SERVICE", "service", "Service", "sErViCe"])
SEPARATOR = st.sampled_from([" ", "\n", "\t", "\r\n", " # a comment\n", "\n#'''\n", '\n#"""\n', " #'\n"])
# noise with a '#' inside a string literal, on which rdflib's parser slips (see rdflib_slip)
LONG_STRING_HASH = '?s ?p """ # SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} "" """ .'
SHORT_STRING_HASH = '?s ?p "a \\" # " .'
HASH_IN_STRING = (LONG_STRING_HASH, SHORT_STRING_HASH)
NOISE = st.sampled_from([
    "# SERVICE <http://127.0.0.1:{port}/> {{ }}\n",
    "# \"\"\" '''\n",
    "# '\n",
    "# \"\n",
    "?s ?p 'SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }}' .",
    LONG_STRING_HASH,
    "?s ?p '''it''s \\' SERVICE''' .",
    SHORT_STRING_HASH,
    "?s <http://x/#SERVICE> ?o .",
    "?service ?p ?o .",
    "FILTER(?o != \"}}\")",
])


@st.composite
def queries(draw, port: int):
    """(query, has_service, noise with a '#' in a string): a SELECT whose pattern holds noise (SERVICE only in comments,
    strings, IRIs, variables) and, when drawn, one real SERVICE call nested in groups."""
    templates = [draw(NOISE) for _ in range(draw(st.integers(0, 4)))]
    parts = [template.format(port=port) for template in templates]
    noise = [part for template, part in zip(templates, parts) if template in HASH_IN_STRING]
    has_service = draw(st.booleans())
    if has_service:
        call = f"{draw(KEYWORD)}{draw(SEPARATOR)}<http://127.0.0.1:{port}/sparql>{draw(SEPARATOR)}{{ ?x ?y ?z }}"
        if draw(st.booleans()):
            call = f"{draw(KEYWORD)}{draw(SEPARATOR)}SILENT{draw(SEPARATOR)}<http://127.0.0.1:{port}/sparql> {{ ?x ?y ?z }}"
        for _ in range(draw(st.integers(0, 3))):
            call = draw(st.sampled_from(["{{ {} }}", "OPTIONAL {{ {} }}", "{{ ?a ?b ?c }} UNION {{ {} }}"])).format(call)
        parts.insert(draw(st.integers(0, len(parts))), call)
    body = draw(SEPARATOR).join(parts)
    return f"SELECT * WHERE {{{draw(SEPARATOR)}{body}{draw(SEPARATOR)}}}", has_service, noise


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_guard_verdict_matches_the_parse_and_the_engine(data, listener):
    sparql, has_service, noise = data.draw(queries(listener.port))
    try:
        checked = check_query(sparql)
    except ReadOnlyError:
        assert has_service, sparql
        return
    except QueryError:  # refused as unreadable: only what the engine cannot read either, or rdflib's known slip
        assert not engine_parses(sparql) or rdflib_slip(sparql, noise), sparql
        return
    assert not has_service, sparql
    assert not engine_calls_out(checked, listener), sparql


def engine_parses(sparql: str) -> bool:
    try:
        ox.Store().query(sparql.replace("SERVICE", "SERVICE SILENT").replace("SILENT SILENT", "SILENT"),
                         base_iri="http://127.0.0.1:9/")
    except SyntaxError:
        return False
    except (OSError, RuntimeError, ValueError):
        pass
    return True


def rdflib_slip(sparql: str, noise: list[str]) -> bool:
    """rdflib 7's parser fails on a '#' inside a string literal (short or long) when the word
    SERVICE follows it anywhere (a refusal, never a pass):
    'SELECT * WHERE { ?s ?p "a # " . SERVICE <x:y> { } }'. True when the drawn noise holds such
    a string and SERVICE comes after its '#'."""
    for piece in noise:
        hash_at = sparql.index(piece) + piece.index("#")
        if "SERVICE" in sparql[hash_at:].upper():
            return True
    return False


PIECES = [*"{}<>#\"'\n\r\\?./:1u ", "SERVICE", "service", "SILENT", "'''", '"""', "?a ?b ?c",
          "SERVICE <http://127.0.0.1:{port}/s> { ?a ?b ?c }"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=25))
def test_no_text_makes_the_engine_call_out_past_the_guard(pieces, listener):
    """Arbitrary texts around a SERVICE call: whatever the guard accepts never calls out."""
    sparql = "SELECT * WHERE { " + "".join(pieces).replace("{port}", str(listener.port)) + " }"
    try:
        checked = check_query(sparql)
    except QueryError:
        return
    assert not engine_calls_out(checked, listener), sparql
