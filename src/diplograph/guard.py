"""The query guard: decide from the parsed query whether it only reads the local graph.

A query is parsed with rdflib's SPARQL 1.1 grammar and refused when the parse holds a
``SERVICE`` pattern (a federated call, which would make the engine send requests elsewhere),
when the text is an update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ...), or when it nests
deeper than :data:`MAX_DEPTH` (the engine's recursive parser would run out of stack). The
text that was checked is the text that runs: :func:`check_query` returns it.

Two readings could differ between the guard's parser and the engine's, so the guard removes
them first: a carriage return ends a comment for the engine but not for rdflib (every line
end becomes ``\\n``), and rdflib expands ``\\uXXXX`` escapes over the whole text while the
engine reads them only inside strings and IRIs (queries holding such escapes are refused:
write the character itself).

    >>> check_query("SELECT ?a WHERE { ?a ?p ?o }  # SERVICE <http://example.org/> in a comment")
    'SELECT ?a WHERE { ?a ?p ?o }  # SERVICE <http://example.org/> in a comment'
    >>> check_query("SELECT * WHERE { # '''\\nSERVICE <http://127.0.0.1:9/sparql> { ?x ?p ?o } }")
    Traceback (most recent call last):
    ...
    diplograph.guard.ReadOnlyError: SERVICE calls are refused: queries run on the local graph only
"""

from __future__ import annotations

from .deep import deep_call

MAX_DEPTH = 100  # levels of nested groups { } and brackets ( ) a query may have
MAX_QUERY_CHARS = 200_000  # rdflib's parser takes about a second per 40,000 characters
_TREE_LEVELS = 5  # parse-tree levels one level of brackets costs at most (measured on rdflib 7)
_RECURSION = 12_000  # Python frames the parse may use (about 35 a level of brackets)


class QueryError(ValueError):
    """A graph that cannot be read, or a query that cannot or may not run."""


class ReadOnlyError(QueryError):
    """An update, LOAD or SERVICE in a read-only query."""


def _shape(tree) -> tuple[int, set[str]]:
    """Depth of the parse tree and the names of its grammar productions (iteratively)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    deepest, names, stack = 0, set(), [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, CompValue):
            names.add(node.name)
            children = node.values()
        elif isinstance(node, (ParseResults, list, tuple)):
            children = node
        elif isinstance(node, dict):
            children = node.values()
        else:
            continue
        stack.extend((child, depth + 1) for child in children)
    return deepest, names


def _syntax_message(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return text[:300]


def check_query(sparql: str) -> str:
    """The query as it will run, once its parse shows it only reads: raises
    :class:`ReadOnlyError` for updates and SERVICE, :class:`QueryError` for syntax errors,
    excessive nesting or size, and codepoint escapes.

        >>> check_query("ASK { ?s ?p 'SERVICE' }")
        "ASK { ?s ?p 'SERVICE' }"
        >>> check_query("LOAD <http://example.org/data.ttl>")
        Traceback (most recent call last):
        ...
        diplograph.guard.ReadOnlyError: updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused: the graph is read-only
    """
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate

    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(sparql):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    text = sparql.replace("\r\n", "\n").replace("\r", "\n")
    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError:
        expanded = None
    if expanded != text:
        raise QueryError("\\u and \\U escapes are not accepted; write the characters themselves (queries are UTF-8)")
    try:
        tree = deep_call(parseQuery, text, recursion=_RECURSION)
    except RecursionError:
        raise QueryError(f"the query is nested too deeply (the limit is about {MAX_DEPTH} levels of {{ }} and ( ))") from None
    except Exception as exc:  # pyparsing's ParseException and friends
        try:
            deep_call(parseUpdate, text, recursion=_RECURSION)
        except Exception:
            raise QueryError(f"SPARQL syntax error: {_syntax_message(exc)}") from None
        raise ReadOnlyError("updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused: the graph is read-only") from None
    depth, names = _shape(tree)
    if depth > MAX_DEPTH * _TREE_LEVELS + 20:
        raise QueryError(f"the query is nested too deeply (the limit is about {MAX_DEPTH} levels of {{ }} and ( ))")
    if "ServiceGraphPattern" in names:
        raise ReadOnlyError("SERVICE calls are refused: queries run on the local graph only")
    return text
