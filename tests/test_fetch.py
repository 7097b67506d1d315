"""URLs and RSS/Atom feeds as inputs (issue 13), against a news site served on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys

import pytest

from diplograph.api import FetchOptions, add, build, extract
from diplograph.fetch import Fetcher, url_id
from diplograph.ingest import IngestReport, read_documents
from diplograph.store import GraphStore
from newsite import article, atom, rss, serve_site

ONE = article("Egypt condemns Turkey over Libya", "2024-03-01",
              "Egypt condemned Turkey on Friday over its military deployment in Libya.",
              "Officials in Cairo said the deployment threatened the security of the whole region.")
TWO = article("Kenya praises Tanzania", "2024-03-02",
              "Kenya praised Tanzania on Saturday for its part in the regional peace talks.",
              "The two neighbours have worked together on trade and security for many years.")
THREE = article("Greece criticises Turkey", "2024-03-03",
                "Greece criticised Turkey on Sunday after a naval exercise near its islands.",
                "Athens said the exercise broke an agreement reached by the two countries last year.")
FAST = FetchOptions(delay=0.0, timeout=1.0)


def _news_site(site):
    site.page("/articles/one.html", ONE)
    site.page("/go/two", b"", status=301, location="/articles/two.html")  # a redirect, as feed trackers do
    site.page("/articles/two.html", TWO)
    site.page("/articles/three.html", THREE)
    site.page("/articles/slow.html", ONE.replace(b"Egypt", b"Libya"), sleep=2.5)
    site.page("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.page("/private/secret.html", THREE)
    site.page("/feeds/world.xml", rss("World news", [
        ("Egypt condemns Turkey", "../articles/one.html", "Fri, 01 Mar 2024 09:00:00 GMT"),  # relative to the feed
        ("Kenya praises Tanzania", "/go/two", "Sat, 02 Mar 2024 09:00:00 GMT"),
        ("Gone", "/articles/missing.html", "Sat, 02 Mar 2024 10:00:00 GMT"),
        ("Slow", "/articles/slow.html", "Sat, 02 Mar 2024 11:00:00 GMT"),
        ("Old news", "/articles/old.html", "Mon, 01 Jan 2001 09:00:00 GMT"),
    ]), content_type="application/rss+xml")


def test_url_ids_are_stable_and_readable():
    assert url_id("https://example.com/a/b.html") == url_id("http://example.com/a/b.html#comments") == "example.com/a/b.html"
    assert url_id("https://example.com/a/?utm_medium=rss&utm_source=x") == "example.com/a"
    assert url_id("https://Example.com/story?id=7&page=2") == "example.com/story?id=7&page=2"


def test_feed_twice_grows_the_store_with_new_articles_only(tmp_path):
    store = tmp_path / "news.store"
    with serve_site() as site:
        _news_site(site)
        feed = site.url + "/feeds/world.xml"
        options = FetchOptions(delay=0.0, timeout=1.0, since="2024-01-01")
        first = add([feed], store, fetch=options)
        host = site.url.removeprefix("http://")
        assert sorted(first.added) == [f"{host}/articles/one.html", f"{host}/articles/two.html"]
        failures = {e.path: e.message for e in first.report.errors}
        assert failures[f"{site.url}/articles/missing.html"] == "HTTP 404 Not Found"
        assert "timed out after 1 s" in failures[f"{site.url}/articles/slow.html"]
        assert f"{site.url}/articles/old.html" not in site.paths()  # older than --since: never fetched
        hashes = GraphStore(store).document_hashes()
        # the second run: one item repeated, one new; the slow page is now quick
        site.page("/articles/slow.html", ONE.replace(b"Egypt", b"Libya"))
        site.page("/feeds/world.xml", rss("World news", [
            ("Greece criticises Turkey", "/articles/three.html", "Sun, 03 Mar 2024 09:00:00 GMT"),
            ("Egypt condemns Turkey", "../articles/one.html", "Fri, 01 Mar 2024 09:00:00 GMT"),
        ]), content_type="application/rss+xml")
        second = add([feed], store, fetch=options)
    assert second.added == [f"{host}/articles/three.html"]
    assert second.unchanged == [f"{host}/articles/one.html"] and second.replaced == []
    assert second.report.errors == []
    after = GraphStore(store)
    assert {k: v for k, v in after.document_hashes().items() if k in hashes} == hashes
    rows = after.query("SELECT ?url ?date WHERE { ?d dct:identifier ?id ; schema:url ?url ; dct:date ?date }")
    urls = {r["url"].value: r["date"].value for r in rows}
    assert urls[f"{site.url}/articles/two.html"] == "2024-03-02"  # the address read after the redirect, the feed's date
    pairs = {(r["a"].value, r["b"].value) for r in after.query(
        "SELECT ?a ?b WHERE { ?x dg:criticizes ?y . ?x dg:actorId ?a . ?y dg:actorId ?b }")}
    assert {("egypt", "turkey"), ("greece", "turkey")} <= pairs


def test_polite_user_agent_delay_and_robots():
    report = IngestReport()
    with serve_site() as site:
        _news_site(site)
        site.page("/feeds/mixed.xml", rss("Mixed", [
            ("Secret", "/private/secret.html", "Sun, 03 Mar 2024 09:00:00 GMT"),
            ("Three", "/articles/three.html", "Sun, 03 Mar 2024 08:00:00 GMT"),
            ("One", "/articles/one.html", "Fri, 01 Mar 2024 09:00:00 GMT"),
        ]), content_type="application/rss+xml")
        docs = list(read_documents([site.url + "/feeds/mixed.xml"], report, FetchOptions(delay=0.3, timeout=2)))
    assert [d.title for d in docs] == ["Greece criticises Turkey", "Egypt condemns Turkey over Libya"]
    assert [e.message for e in report.errors] == ["refused by the site's robots.txt for diplograph"]
    assert "/private/secret.html" not in site.paths()
    assert site.paths()[:2] == ["/robots.txt", "/feeds/mixed.xml"]
    times = [t for t, _, _ in site.requests]
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:])), times
    assert all(agent.startswith("diplograph/") for _, _, agent in site.requests)


def test_max_items_takes_the_newest_and_atom_relative_links():
    with serve_site() as site:
        _news_site(site)
        site.page("/atom/one.html", ONE)
        site.page("/atom/three.html", THREE)
        site.page("/feeds/atom.xml", atom("Atom news", [
            ("One", "one.html", "2024-03-01T09:00:00Z"),  # relative to the feed's xml:base /atom/
            ("Three", "three.html", "2024-03-03T09:00:00Z"),
        ]), content_type="application/atom+xml")
        report = IngestReport()
        docs = list(read_documents([site.url + "/feeds/atom.xml"], report, FetchOptions(delay=0, timeout=2, max_items=1)))
        assert [d.id for d in docs] == [url_id(site.url + "/atom/three.html")] and report.errors == []
        assert "/atom/one.html" not in site.paths()
        docs = list(read_documents([site.url + "/feeds/atom.xml"], IngestReport(), FetchOptions(delay=0, timeout=2)))
        assert [d.date for d in docs] == ["2024-03-03", "2024-03-01"]


def test_an_article_url_is_read_like_an_html_file(tmp_path):
    with serve_site() as site:
        _news_site(site)
        (tmp_path / "one.html").write_bytes(ONE)
        from_url = list(read_documents([site.url + "/go/two", site.url + "/articles/one.html"], IngestReport(), FAST))
        from_file = next(read_documents([str(tmp_path / "one.html")]))
        assert from_url[1].text == from_file.text and from_url[1].title == from_file.title
        assert from_url[0].url == site.url + "/articles/two.html"
        rels = list(extract([site.url + "/articles/one.html"], fetch=FAST))
        assert ("egypt", "criticizes", "turkey") in {r.key for r in rels}
        result = build([site.url + "/articles/three.html"], tmp_path / "three", formats=("json",), progress=False, fetch=FAST)
        assert result.summary["documents"] == 1


def test_failures_are_reported_and_the_rest_goes_on():
    report = IngestReport()
    with serve_site() as site:
        _news_site(site)
        site.page("/menu.html", b"<html><body><nav>Home World</nav></body></html>")
        site.page("/loop", b"", status=302, location="/loop")
        site.page("/file.pdf", b"%PDF-1.4", content_type="application/pdf")
        inputs = [site.url + p for p in ("/menu.html", "/loop", "/file.pdf", "/nowhere", "/articles/three.html")]
        docs = list(read_documents(inputs, report, FAST))
    assert [d.title for d in docs] == ["Greece criticises Turkey"]
    messages = [e.message for e in report.errors]
    assert messages[0].startswith("no article text found")
    assert messages[1:] == ["more than 5 redirects", "not an article or a feed (application/pdf)", "HTTP 404 Not Found"]
    unreachable = IngestReport()
    assert list(Fetcher(FAST).read("http://127.0.0.1:9/feed.xml", unreachable)) == []
    assert "cannot connect" in unreachable.errors[0].message


def test_cli_add_feed_reports_skips(tmp_path):
    with serve_site() as site:
        _news_site(site)
        proc = subprocess.run([sys.executable, "-m", "diplograph.cli", "add", site.url + "/feeds/world.xml", "--store",
                               str(tmp_path / "news.store"), "--delay", "0", "--timeout", "1", "--since", "2024-01-01"],
                              capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3, proc.stderr
    assert "added 2, replaced 0, unchanged 0" in proc.stdout
    assert "HTTP 404 Not Found" in proc.stderr and "timed out" in proc.stderr
    assert "5 item(s), 1 older than 2024-01-01; reading 4" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "diplograph.cli", "add", "--since", "March", "http://x", "--store", "s"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr or "%Y-%m-%d" in proc.stderr


@pytest.mark.parametrize("bad", [{"delay": -1}, {"timeout": 0}, {"max_items": 0}])
def test_fetch_options_are_checked(bad):
    with pytest.raises(ValueError):
        FetchOptions(**bad)
