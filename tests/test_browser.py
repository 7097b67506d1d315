"""The HTML explorer in a real browser (Debian's Chromium through Playwright), offline (issue 6)."""

import json
import shutil

import pytest

from diplograph.api import build
from support import SEED, need_shared

pytestmark = [pytest.mark.slow, pytest.mark.browser]

chromium = pytest.importorskip("chromium")
if chromium.chromium_path() is None:
    pytest.skip("Chromium not installed (run .ci/install-chromium)", allow_module_level=True)
pytest.importorskip("playwright")

XSS = ("Egypt condemned Turkey on Monday in a statement titled <script>window.__pwned = 1; alert('x')</script> "
       "<img src=x onerror=\"window.__pwned = 2\">.\n\n"
       "In a note headed \"<b onmouseover='window.__pwned=3'>bold</b>\", Greece criticised Turkey.")


@pytest.fixture(scope="module")
def seed_page_path(tmp_path_factory):
    need_shared()
    out = tmp_path_factory.mktemp("html") / "seed"
    result = build([str(SEED)], out, progress=False, formats=("html", "json"))
    return result.paths["html"], json.loads(result.paths["json"].read_text(encoding="utf-8"))


def _open(page, path):
    page.goto(path.as_uri())
    page.wait_for_function("window.diplograph && window.diplograph.network")
    page.evaluate("window.diplograph.network.stopSimulation(); window.diplograph.network.setOptions({physics: false})")


def test_offline_counts_and_filters(seed_page_path):
    path, graph = seed_page_path
    with chromium.offline_page() as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        _open(page, path)
        assert page.blocked == [], page.blocked
        assert errors == []
        assert page.evaluate("window.diplograph.nodes.length") == len(graph["nodes"])
        assert page.evaluate("window.diplograph.visibleEdges()") == len(graph["edges"])  # negated hidden
        assert page.inner_text("#counts").endswith(f" {len(graph['graph']['documents'])} documents")
        accuses = sum(1 for e in graph["edges"] if e["relation"] == "accuses")
        assert accuses > 0
        page.uncheck("input[data-relation=accuses]")
        assert page.evaluate("window.diplograph.visibleEdges()") == len(graph["edges"]) - accuses
        page.check("input[data-relation=accuses]")
        page.uncheck("input[data-quad=verbal_conflict]")
        conflict = sum(1 for e in graph["edges"] if e["quad_class"] == "verbal_conflict")
        assert page.evaluate("window.diplograph.visibleEdges()") == len(graph["edges"]) - conflict
        page.check("input[data-quad=verbal_conflict]")
        page.check("#show-negated")
        assert page.evaluate("window.diplograph.visibleEdges()") == len(graph["edges"]) + len(graph["graph"]["negated"])
        page.fill("#min-count", "2")
        page.dispatch_event("#min-count", "input")
        strong = sum(1 for e in graph["edges"] if e["count"] >= 2)
        assert page.evaluate("window.diplograph.visibleEdges()") == strong + len(graph["graph"]["negated"])


def _click_edge(page, edge_filter: str):
    """Click the middle of an edge on the canvas (a real mouse click)."""
    point = page.evaluate(f"""() => {{
        const d = window.diplograph, e = d.edges.get({{ filter: {edge_filter} }})[0];
        const mid = d.network.body.edges[e.id].edgeType.getPoint(0.5);  // on the drawn curve
        d.network.moveTo({{ position: mid, scale: 1.5 }});
        const dom = d.network.canvasToDOM(mid), box = document.getElementById("network").getBoundingClientRect();
        return {{ x: box.left + dom.x, y: box.top + dom.y, id: e.id }};
    }}""")
    page.wait_for_timeout(200)
    # only this edge should be under the mouse: hide the others while clicking
    page.evaluate(f"() => window.diplograph.edges.update(window.diplograph.edges.get().filter(x => x.id !== {json.dumps(point['id'])}).map(x => ({{id: x.id, hidden: true}})))")
    page.wait_for_timeout(200)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_timeout(100)
    return point["id"]


def test_clicking_an_edge_shows_its_evidence(seed_page_path):
    path, graph = seed_page_path
    with chromium.offline_page() as page:
        _open(page, path)
        _click_edge(page, "x => x.dg_relation === 'invades'")
        panel = page.inner_text("#panel")
        assert "Russia" in panel and "invades" in panel and "Ukraine" in panel
        assert "invasion of Ukraine" in panel
        assert page.locator("#panel mark.subj").count() >= 1 and page.locator("#panel mark.obj").count() >= 1
        assert "confidence" in panel


def test_clicking_a_node_and_searching(seed_page_path):
    path, _ = seed_page_path
    with chromium.offline_page() as page:
        _open(page, path)
        page.fill("#search", "Belarus")
        page.dispatch_event("#search", "change")
        panel = page.inner_text("#panel")
        assert "Belarus" in panel and "Wikidata Q184" in panel
        assert page.evaluate("window.diplograph.network.getSelectedNodes()") == ["belarus"]
        assert page.get_attribute("#panel a[href*=wikidata]", "href") == "https://www.wikidata.org/wiki/Q184"


def test_article_text_cannot_run_script(tmp_path):
    (tmp_path / "xss.txt").write_text("A <script>window.__pwned=4</script> title\n\n" + XSS, encoding="utf-8")
    result = build([str(tmp_path / "xss.txt")], tmp_path / "xss", progress=False, formats=("html",))
    with chromium.offline_page() as page:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        _open(page, result.paths["html"])
        _click_edge(page, "x => x.dg_relation === 'criticizes'")
        page.check("#show-isolated")
        page.hover("#panel")
        page.wait_for_timeout(300)
        panel = page.inner_text("#panel")
        assert "<script>" in panel and "onmouseover" in panel  # the hostile title and sentence are shown as text
        assert page.locator("#panel script, #panel img, #panel b").count() == 0
        assert page.evaluate("window.__pwned") is None
        assert dialogs == [] and page.blocked == []


def test_date_range_and_search_on_the_demo_corpus(tmp_path):
    from support import EXAMPLES

    result = build([str(EXAMPLES)], tmp_path / "demo", progress=False, formats=("html", "json"))
    graph = json.loads(result.paths["json"].read_text(encoding="utf-8"))
    with chromium.offline_page() as page:
        _open(page, result.paths["html"])
        assert page.is_visible("#date-controls")
        total = page.evaluate("window.diplograph.visibleEdges()")
        assert total == len(graph["edges"])
        page.fill("#date-from", "2020-01-01")
        page.dispatch_event("#date-from", "change")
        recent = sum(1 for e in graph["edges"] if (e["last_date"] or "9999") >= "2020-01-01")
        assert page.evaluate("window.diplograph.visibleEdges()") == recent < total
        page.fill("#search", "Kosovo")
        page.dispatch_event("#search", "change")
        assert "Kosovo" in page.inner_text("#panel") and "agrees with" in page.inner_text("#panel")
        assert page.blocked == []
