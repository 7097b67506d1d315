"""serve's pages in a real browser, offline (issue 13): YASGUI runs an example and shows rows,
sorts them and downloads CSV and JSON; the actor page draws its dyads over time; the explorer's
panels chart a dyad. Debian's Chromium through Playwright; every request but those to the test's
own server on 127.0.0.1 is refused and recorded."""

from __future__ import annotations

import json
import socket
import threading
from collections import defaultdict

import pytest

from diplograph.api import build, query
from support import EXAMPLES

pytestmark = [pytest.mark.slow, pytest.mark.browser]

chromium = pytest.importorskip("chromium")
if chromium.chromium_path() is None:
    pytest.skip("Chromium not installed (run .ci/install-chromium)", allow_module_level=True)
pytest.importorskip("playwright")

UP = ("verbal_cooperation", "material_cooperation")


def expected_bars(items, mode="goldstein"):
    """What the chart must draw: (month, quad, sign) -> value, computed here independently."""
    bars = defaultdict(float)
    for it in items:
        if it["quad"] not in (*UP, "verbal_conflict", "material_conflict") or not (it["date"] or "")[5:7]:
            continue
        weight = it["goldstein"] or 0
        if mode == "count":
            bars[(it["date"][:7], it["quad"], 1 if it["quad"] in UP else -1)] += 1
        elif weight:
            bars[(it["date"][:7], it["quad"], 1 if weight > 0 else -1)] += abs(weight)
    return {k: round(v, 3) for k, v in bars.items()}


def drawn_bars(page, selector):
    rects = page.evaluate(f"""Array.from(document.querySelectorAll({json.dumps(selector)} + ' rect.dg-bar')).map(r =>
        [r.dataset.bucket, r.dataset.quad, Number(r.dataset.sign), Number(r.dataset.value)])""")
    return {(b, q, s): round(v, 3) for b, q, s, v in rects}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from diplograph.serve import close_server, make_server

    store = tmp_path_factory.mktemp("serve") / "demo.store"
    build([str(EXAMPLES)], store=store, progress=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = make_server(store, port=port, timeout=20)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}", store
    srv.shutdown()
    close_server(srv)


def _page(url):
    return chromium.offline_page(1300, 900, allow=(url + "/",))


def test_yasgui_runs_an_example_and_shows_rows(server):
    url, store = server
    expected = json.loads(query(store, None, "json", example="accusations"))["results"]["bindings"]
    assert len(expected) >= 3
    with _page(url) as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        page.wait_for_function("window.diplograph && window.diplograph.yasgui")
        assert page.locator(".yasqe .CodeMirror").count() >= 1
        page.select_option("#examples", "accusations")
        assert page.inner_text(".tabPanel.active .CodeMirror-code").count("PREFIX") == 2
        assert page.locator(".tabPanel.active .cm-keyword").count() > 0  # syntax highlighting
        page.click(".tabPanel.active .yasqe_queryButton")
        page.wait_for_selector(".tabPanel.active .yasr tbody tr")
        rows = page.locator(".tabPanel.active .yasr tbody tr")
        assert rows.count() == len(expected)
        shown = [[c.strip() for c in r.split("\t")[1:]] for r in rows.all_inner_texts()]
        assert shown == [[b["accuser"]["value"], b["accused"]["value"]] for b in expected]
        accused = sorted(b["accused"]["value"] for b in expected)
        for order in ("ascending", "descending"):  # sort by the accused, then the other way round
            page.click(".tabPanel.active .yasr thead th:nth-child(3) .dt-column-title")
            page.wait_for_selector(f".tabPanel.active .yasr thead th:nth-child(3)[aria-sort={order}]")
            shown = [r.split("\t")[2].strip() for r in rows.all_inner_texts()]
            assert shown == (accused if order == "ascending" else accused[::-1])
        with page.expect_download() as csv_download:
            page.click(".tabPanel.active .yasr_downloadIcon")
        csv = open(csv_download.value.path(), encoding="utf-8").read().splitlines()
        assert csv[0] == '"accuser","accused"' and len(csv) == len(expected) + 1
        page.click(".tabPanel.active .yasr .select_response")
        with page.expect_download() as json_download:
            page.click(".tabPanel.active .yasr_downloadIcon")
        answer = json.load(open(json_download.value.path(), encoding="utf-8"))
        assert answer["results"]["bindings"] == expected
        assert page.blocked == [] and errors == []


def test_yasgui_opens_the_graphs_iris_on_this_server(server):
    url, _ = server
    with _page(url) as page:
        page.goto(url + "/")
        page.wait_for_function("window.diplograph && window.diplograph.yasgui")
        page.evaluate("""() => { window.diplograph.yasgui.getTab().setQuery(
            'SELECT ?actor WHERE { ?actor <https://w3id.org/diplograph/ns#actorId> "turkey" }'); }""")
        page.click(".tabPanel.active .yasqe_queryButton")
        link = page.locator(".tabPanel.active .yasr tbody a.iri").first
        assert link.get_attribute("href") == "https://w3id.org/diplograph/id/actor/turkey"
        with page.expect_popup() as popup:
            link.click()
        actor = popup.value
        actor.wait_for_load_state()
        assert actor.url == url + "/id/actor/turkey" and actor.locator("h1").inner_text().startswith("Turkey")
        assert page.blocked == []


def test_yasgui_completes_prefixes_and_the_vocabulary(server):
    url, _ = server
    with _page(url) as page:
        page.goto(url + "/")
        page.wait_for_function("window.diplograph && window.diplograph.yasgui")
        page.evaluate("() => { const y = window.diplograph.yasgui.getTab().getYasqe(); y.setValue(''); y.focus(); }")
        page.keyboard.type("SELECT * WHERE { ?a dg:")
        page.wait_for_function("window.diplograph.yasgui.getTab().getYasqe().getValue().startsWith('PREFIX dg: <https://w3id.org/diplograph/ns#>')")
        page.keyboard.type("acc")
        page.keyboard.press("Control+Space")
        page.wait_for_selector(".CodeMirror-hints li")
        assert "dg:accuses" in page.locator(".CodeMirror-hints li").all_inner_texts()
        assert page.blocked == []


def test_actor_page_charts_its_dyads(server):
    url, _ = server
    with _page(url) as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/id/actor/turkey")
        chart = json.loads(page.inner_text("#dg-chart"))
        page.wait_for_selector("[data-chart=overall] svg")
        assert drawn_bars(page, "[data-chart=overall]") == expected_bars(chart["overall"]) != {}
        charted = page.locator("[data-chart=dyad]").count()
        assert page.locator("tr.dyad").count() >= charted >= 4 and page.locator("[data-chart=dyad] svg").count() == charted
        syria = [tr.get_attribute("data-partner") for tr in page.locator("tr.dyad").all()].index("syria")
        assert drawn_bars(page, f"[data-index='{syria}']") == expected_bars(chart["dyads"][syria]) == {("2019-10", "material_conflict", -1): 10.0}
        page.click("[data-chart=overall] button.dg-chart-mode")  # one toggle switches the actor's chart and its dyads
        assert drawn_bars(page, "[data-chart=overall]") == expected_bars(chart["overall"], "count")
        assert drawn_bars(page, f"[data-index='{syria}']") == expected_bars(chart["dyads"][syria], "count")
        page.click("#explorer-link")
        page.wait_for_url(url + "/graph#actor=turkey")
        page.wait_for_selector("#panel strong:text-is('Turkey')")  # (wait_for_function would need eval, which the CSP refuses)
        assert page.evaluate("window.diplograph.network.getSelectedNodes()") == ["turkey"]
        page.click("#panel a.actor-page")  # and back from the served explorer to the actor's page
        page.wait_for_url(url + "/id/actor/turkey")
        assert page.blocked == [] and errors == []


def test_explorer_panels_chart_the_dyad(tmp_path):
    result = build([str(EXAMPLES)], tmp_path / "demo", progress=False, formats=("html", "json"))
    graph = json.loads(result.paths["json"].read_text(encoding="utf-8"))
    from diplograph.schema import RELATIONS, goldstein

    documents = graph["graph"]["documents"]

    def items(edges):
        return [{"date": ev["date"] or documents[ev["doc_id"]].get("date"), "quad": e["quad_class"],
                 "goldstein": goldstein(ev["cameo"] or RELATIONS[e["relation"]].cameo)} for e in edges for ev in e["evidence"]]

    with chromium.offline_page() as page:
        page.goto(result.paths["html"].as_uri() + "#actor=united_states")
        page.wait_for_function("window.diplograph && window.diplograph.network")
        page.wait_for_selector("#panel .dg-chart svg")
        us = [e for e in graph["edges"] if "united_states" in (e["source"], e["target"])]
        assert drawn_bars(page, "#panel") == expected_bars(items(us)) != {}
        edge_id = page.evaluate("window.diplograph.edges.get({filter: x => x.from === 'iran' && x.to === 'saudi_arabia'})[0].id")
        page.evaluate(f"window.diplograph.showEdge({json.dumps(edge_id)})")
        dyad = [e for e in graph["edges"] if {e["source"], e["target"]} == {"iran", "saudi_arabia"}]
        assert drawn_bars(page, "#panel") == expected_bars(items(dyad)) != {}
        assert page.locator("#panel figcaption").inner_text().startswith("Goldstein-weighted mentions per month")
        assert page.blocked == []
