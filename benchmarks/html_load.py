"""Load time of the HTML explorer in headless Chromium (Debian's), for graphs of about 500 and
5,000 edges (synthetic, as in rdf_scale.py). Measures the Python side (layout and page
writing) and the browser side: navigation start to the first drawn frame, and with physics
on (small graphs) to the end of stabilisation.

Run:  .venv/bin/python benchmarks/html_load.py
Writes benchmarks/results/html_load.json.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from chromium import offline_page  # noqa: E402
from rdf_scale import synthetic_graph  # noqa: E402

from diplograph.export.html import LAYOUT_THRESHOLD, write_html  # noqa: E402


def measure(mentions: int, actors: int, out: Path) -> dict:
    G = synthetic_graph(mentions, actors=actors)
    path = out / f"g{mentions}.html"
    start = time.perf_counter()
    write_html(G, path)
    python_seconds = time.perf_counter() - start
    with offline_page(1400, 900) as page:
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("window.diplograph && window.diplograph.network")
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        first_draw = time.perf_counter() - start
        page.wait_for_function("() => { const p = window.diplograph.network.physics; return !p.options.enabled || p.stabilized; }",
                               timeout=120000)
        stable = time.perf_counter() - start
        redraw = page.evaluate("() => { const t = performance.now(); window.diplograph.network.redraw(); return performance.now() - t; }")
        assert not page.blocked
    return {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "html_mb": round(path.stat().st_size / 1e6, 2),
        "python_layout_and_write_seconds": round(python_seconds, 2),
        "physics": G.number_of_nodes() <= LAYOUT_THRESHOLD,
        "browser_first_draw_seconds": round(first_draw, 2),
        "browser_settled_seconds": round(stable, 2),
        "redraw_ms": round(redraw, 1),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = {"500_edges": measure(560, 220, Path(tmp)), "5000_edges": measure(6200, 2500, Path(tmp))}
    out = ROOT / "benchmarks" / "results" / "html_load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
