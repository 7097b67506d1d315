"""The interactive HTML explorer: one self-contained, offline page per graph.

Nodes and edges are laid out through pyvis; the page is the project's own
Jinja2 template with vis-network inlined from the copy pyvis ships (nothing is
loaded from the network). All article text travels as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
and the page inserts it with ``textContent``, so an article cannot inject markup.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("a", label="<b>A</b>", type="country", mentions=1)
    >>> html = render_html(G, title="t")
    >>> "<b>A</b>" in html, "\\\\u003cb\\\\u003eA" in html
    (False, True)
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
from pyvis.network import Network

from ..schema import QUAD_LABELS, RELATIONS, goldstein
from . import atomic_write

NODE_STYLE = {
    "country": {"color": "#4e79a7", "shape": "hexagon"},
    "person": {"color": "#f28e2b", "shape": "dot"},
    "organisation": {"color": "#59a14f", "shape": "diamond"},
    "group": {"color": "#b07aa1", "shape": "triangle"},
    "location": {"color": "#9c755f", "shape": "square"},
}
QUAD_COLORS = {
    "verbal_cooperation": "#2ca02c",
    "material_cooperation": "#1f77b4",
    "verbal_conflict": "#ff7f0e",
    "material_conflict": "#d62728",
    "affiliation": "#8c8c8c",
}
LAYOUT_THRESHOLD = 300  # above this many nodes, positions are computed in Python and physics starts off
URL_RE = re.compile(r"https?://")


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the copy pyvis ships, with the URLs in its licence banner and
    the SVG namespace string rewritten so the page holds no literal remote address."""
    lib = resources.files("pyvis").joinpath("lib")
    folder = sorted((p for p in lib.iterdir() if p.name.startswith("vis-")), key=lambda p: p.name)[-1]
    js = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    js = js.replace('"http://www.w3.org/2000/svg"', '["http:","","www.w3.org","2000","svg"].join("/")')
    js = URL_RE.sub("", js)  # licence banner and an error message: keep the names, drop the scheme
    css = URL_RE.sub("", css)
    return js, css


@cache
def chart_js() -> str:
    """The dyad chart (mentions per month by quad class), shared with serve's actor pages."""
    return resources.files("diplograph").joinpath("static", "dyadchart.js").read_text(encoding="utf-8")


def script_json(data) -> str:
    """JSON to sit inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped, so no text can close it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _node_tooltip(node: str, data: dict) -> str:
    lines = [f"{data.get('label', node)} ({data.get('type', '?')})", f"{data.get('mentions', 0)} mentions"]
    if data.get("qid"):
        lines.append(f"Wikidata {data['qid']}")
    return "\n".join(lines)


def _edge_tooltip(s_label: str, o_label: str, data: dict) -> str:
    lines = [f"{s_label} {data['label']} {o_label}: {data['count']} mention(s)"]
    for ev in data.get("evidence", [])[:3]:
        sentence = ev["sentence"] if len(ev["sentence"]) < 220 else ev["sentence"][:217] + "..."
        lines.append(f"- {sentence}")
    if data["count"] > 3:
        lines.append(f"... and {data['count'] - 3} more (click the edge)")
    return "\n".join(lines)


def large_layout(G: nx.MultiDiGraph, core_size: int = 400, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for a large graph, computed in Python so the browser can start with physics off.

    News graphs are hubs with many leaves: a force layout (networkx spring layout) of the
    ``core_size`` best-connected actors, then every other actor next to its placed neighbours
    (their weighted centre plus a small, deterministic offset), in order of connectedness.
    Linear in the rest of the graph; no SciPy needed.
    """
    import hashlib
    import math

    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    for s, o, data in G.edges(data=True):
        if s != o:
            w = H.get_edge_data(s, o, {"weight": 0})["weight"] + data.get("count", 1)
            H.add_edge(s, o, weight=w)
    order = sorted(H.nodes, key=lambda n: (-H.degree(n, weight="weight"), n))
    core = order[:core_size]
    # the core as a graph of its own, nodes in this order: a subgraph view of a much larger graph
    # iterates its node set, whose order changes with Python's string hashing (each process its own)
    kept = set(core)
    core_graph = nx.Graph()
    core_graph.add_nodes_from(core)
    core_graph.add_edges_from((s, o, data) for s, o, data in H.edges(core, data=True) if o in kept)
    pos = {n: tuple(p) for n, p in nx.spring_layout(core_graph, seed=seed, iterations=60, weight="weight").items()}
    spread = 2.0 / math.sqrt(len(core) or 1)
    for n in order[core_size:]:
        placed = [(m, H[n][m]["weight"]) for m in H.neighbors(n) if m in pos]
        digest = hashlib.sha1(n.encode("utf-8")).hexdigest()  # deterministic, unlike hash()
        angle = int(digest[:8], 16) / 0xFFFFFFFF * 2 * math.pi
        if placed:
            total = sum(w for _, w in placed)
            cx = sum(pos[m][0] * w for m, w in placed) / total
            cy = sum(pos[m][1] * w for m, w in placed) / total
            radius = spread * (0.6 + 0.8 * int(digest[8:12], 16) / 0xFFFF)
        else:
            cx, cy, radius = 0.0, 0.0, 1.3
        pos[n] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return pos


def to_network(G: nx.MultiDiGraph) -> Network:
    """A pyvis Network with the project's styling (colour and shape by actor type, edge colour
    by quad class, width by mentions, dashes when planned/alleged/hypothetical)."""
    net = Network(directed=True, height="100%", width="100%", cdn_resources="remote")
    positions = large_layout(G) if G.number_of_nodes() > LAYOUT_THRESHOLD else None
    for node, data in G.nodes(data=True):
        style = NODE_STYLE.get(data.get("type"), NODE_STYLE["location"])
        extra = {}
        if positions is not None:
            x, y = positions[node]
            extra = {"x": float(x) * 2500, "y": float(y) * 2500, "physics": False}
        net.add_node(
            node,
            label=data.get("label", node),
            title=_node_tooltip(node, data),
            color=style["color"],
            shape=style["shape"],
            size=10 + 4 * min(data.get("mentions", 1), 20) ** 0.75,
            dg_type=data.get("type"),
            dg_qid=data.get("qid"),
            dg_aliases=data.get("aliases", []),
            dg_mentions=data.get("mentions", 0),
            dg_documents=data.get("documents", []),
            **({"dg_document_count": data["document_count"]}
               if data.get("document_count", 0) > len(data.get("documents", [])) else {}),
            **extra,
        )
    for index, (s, o, key, data) in enumerate(G.edges(keys=True, data=True)):
        s_label, o_label = G.nodes[s].get("label", s), G.nodes[o].get("label", o)
        net.add_edge(
            s,
            o,
            id=f"e{index}",
            title=_edge_tooltip(s_label, o_label, data),
            color=QUAD_COLORS.get(data["quad_class"], "#999999"),
            width=1 + min(data["count"], 12) ** 0.8,
            arrows="" if data.get("symmetric") else "to",
            dashes=data.get("asserted", 0) == 0,
            dg_relation=key,
            dg_label=data["label"],
            dg_quad=data["quad_class"],
            dg_count=data["count"],
            dg_confidence=data["confidence"],
            dg_first=data.get("first_date"),
            dg_last=data.get("last_date"),
            dg_evidence=data.get("evidence", []),
            **({"dg_timeline": data["timeline"]} if data.get("timeline") else {}),
        )
    for index, item in enumerate(G.graph.get("negated", [])):
        if item["subject"] in G and item["object"] in G:
            rel = RELATIONS[item["relation"]]
            net.add_edge(
                item["subject"],
                item["object"],
                id=f"n{index}",
                title=f"NOT {rel.label}: {item['sentence'][:200]}",
                color="#bbbbbb",
                width=1,
                arrows="to",
                dashes=[2, 6],
                hidden=True,
                dg_relation=item["relation"],
                dg_label="not " + rel.label,
                dg_quad=rel.quad,
                dg_count=1,
                dg_negated=True,
                dg_confidence=item["confidence"],
                dg_first=item.get("date"),
                dg_last=item.get("date"),
                dg_evidence=[item],
            )
    physics = positions is None
    net.set_options(json.dumps({
        "physics": {"enabled": physics, "solver": "forceAtlas2Based", "stabilization": {"iterations": 150},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "edges": {"smooth": {"type": "dynamic"} if physics else False, "font": {"size": 10}},
        "nodes": {"font": {"size": 14}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics},
    }))
    return net


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    text = resources.files("diplograph").joinpath("templates", "explorer.html.j2").read_text(encoding="utf-8")
    return env.from_string(text)


def cited_documents(documents: dict[str, dict], edges: list[dict]) -> dict[str, dict]:
    """The metadata of the documents the page's evidence cites: a page of a big corpus carries
    each edge's sample of evidence, so it needs only these, not every document of the corpus.

        >>> cited_documents({"a": {"title": "A"}, "b": {"title": "B"}}, [{"dg_evidence": [{"doc_id": "b"}]}])
        {'b': {'title': 'B'}}
    """
    cited = {ev["doc_id"] for e in edges for ev in e.get("dg_evidence", [])}
    return {doc_id: meta for doc_id, meta in documents.items() if doc_id in cited}


def render_html(G: nx.MultiDiGraph, title: str = "diplograph") -> str:
    net = to_network(G)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    js, css = vis_assets()
    relations = sorted({e["dg_relation"] for e in edges})
    dates = sorted(d for e in edges for d in (e.get("dg_first"), e.get("dg_last")) if d)
    documents = G.graph.get("documents", {})
    cameos = ({ev.get("cameo") for e in edges for ev in e.get("dg_evidence", [])} | {RELATIONS[r].cameo for r in relations}
              | {row[1] for e in edges for row in e.get("dg_timeline", [])})
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options) if isinstance(options, str) else options,
        "documents": cited_documents(documents, edges),
        "document_count": len(documents),
        "relations": [{"id": r, "label": RELATIONS[r].label, "quad": RELATIONS[r].quad, "cameo": RELATIONS[r].cameo} for r in relations],
        "goldstein": {c: goldstein(c) for c in sorted(c for c in cameos if c) if goldstein(c) is not None},
        "quads": [{"id": q, "label": label, "color": QUAD_COLORS[q]} for q, label in QUAD_LABELS.items()],
        "types": [{"id": t, **style} for t, style in NODE_STYLE.items()],
        "dates": [dates[0][:10], dates[-1][:10]] if dates else None,
    }
    return _template().render(
        title=title,
        vis_js=jinja2.utils.markupsafe.Markup(js.replace("</script", "<\\/script")),
        vis_css=jinja2.utils.markupsafe.Markup(css.replace("</style", "<\\/style")),
        chart_js=jinja2.utils.markupsafe.Markup(chart_js().replace("</script", "<\\/script")),
        data_json=jinja2.utils.markupsafe.Markup(script_json(data)),
        n_nodes=G.number_of_nodes(),
        n_edges=G.number_of_edges(),
        n_docs=len(documents),
    )


def write_html(G: nx.MultiDiGraph, path: str | Path, title: str | None = None) -> Path:
    path = Path(path)
    html = render_html(G, title=title or path.stem)
    with atomic_write(path) as fh:
        fh.write(html)
    return path
