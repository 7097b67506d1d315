"""Screenshot of a graph page in Debian's Chromium (the README's picture is made this way).

Usage: .venv/bin/python tools/screenshot.py graphs/seed.html docs/seed-graph.png [--click-edge RELATION]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from chromium import offline_page


def screenshot(html: Path, png: Path, relation: str | None = None, width: int = 1400, height: int = 820) -> Path:
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
        page.wait_for_timeout(300)
        if page.blocked:
            raise RuntimeError(f"the page tried to load {page.blocked}")
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
    return png


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--click-edge", metavar="RELATION")
    args = parser.parse_args()
    print(screenshot(args.html, args.png, args.click_edge))
