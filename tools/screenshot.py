"""Screenshots in Debian's Chromium, offline (the README's pictures are made this way).

A graph page (the explorer), optionally with a relation's evidence or an actor's panel open:

    .venv/bin/python tools/screenshot.py graphs/seed.html docs/seed-graph.png --click-edge invades

A page of `diplograph serve` over a store, served on 127.0.0.1 for the shot; on the query page
(YASGUI) a named example can be run first:

    .venv/bin/python tools/screenshot.py --serve graphs/demo.store / docs/yasgui.png --run-example between
    .venv/bin/python tools/screenshot.py --serve graphs/demo.store /id/actor/united_states docs/actor-page.png
"""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

from chromium import offline_page


def _save(page, png: Path) -> Path:
    if page.blocked:
        raise RuntimeError(f"the page tried to load {page.blocked}")
    png.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(png))
    return png


def screenshot(html: Path, png: Path, relation: str | None = None, width: int = 1400, height: int = 820,
               actor: str | None = None) -> Path:
    """The explorer file ``html``, settled, with the evidence of a ``relation`` edge or an ``actor``'s panel open."""
    with offline_page(width, height) as page:
        page.goto(html.resolve().as_uri())
        page.wait_for_function("window.diplograph && window.diplograph.network")
        page.evaluate("""() => new Promise((done) => {
            const n = window.diplograph.network;
            n.once("stabilizationIterationsDone", () => { n.setOptions({ physics: false }); n.fit(); done(); });
            setTimeout(() => { n.stopSimulation(); n.setOptions({ physics: false }); n.fit(); done(); }, 4000);
        })""")
        if relation:
            page.evaluate(f"""() => {{ const d = window.diplograph;
                const e = d.edges.get({{ filter: (x) => x.dg_relation === {relation!r} && !x.hidden }})[0];
                if (e) {{ d.network.selectEdges([e.id]); d.showEdge(e.id); }} }}""")
        if actor:
            page.evaluate(f"() => {{ window.diplograph.network.selectNodes([{json.dumps(actor)}]); window.diplograph.showNode({json.dumps(actor)}); }}")
        page.wait_for_timeout(300)
        return _save(page, png)


def serve_screenshot(store: Path, path: str, png: Path, example: str | None = None, width: int = 1400, height: int = 900) -> Path:
    """A page of ``diplograph serve`` over ``store`` at ``path``; on the query page, ``example`` run first."""
    from diplograph.serve import close_server, make_server

    server = make_server(store, port=0, timeout=30)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with offline_page(width, height, allow=(url + "/",)) as page:
            page.goto(url + path)
            if example:
                page.wait_for_selector(".yasqe .CodeMirror")
                page.select_option("#examples", example)
                page.click(".tabPanel.active .yasqe_queryButton")
                page.wait_for_selector(".tabPanel.active .yasr tbody tr")
            page.wait_for_timeout(500)
            return _save(page, png)
    finally:
        server.shutdown()
        close_server(server)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", help="an explorer .html file, or with --serve the path of a served page (/ or /id/actor/ID)")
    parser.add_argument("png", type=Path)
    parser.add_argument("--click-edge", metavar="RELATION", help="explorer: open the evidence of the first edge of RELATION")
    parser.add_argument("--actor", metavar="ID", help="explorer: open the panel of actor ID")
    parser.add_argument("--serve", metavar="STORE", type=Path, help="serve STORE (or a graph file) and shoot one of its pages")
    parser.add_argument("--run-example", metavar="NAME", help="query page: run the named example first")
    args = parser.parse_args()
    if args.serve:
        print(serve_screenshot(args.serve, args.page, args.png, args.run_example))
    else:
        print(screenshot(Path(args.page), args.png, args.click_edge, actor=args.actor))
