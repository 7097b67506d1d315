"""GraphML and JSON (node-link) files of the graph.

GraphML attributes must be scalars: lists and the evidence are stored as JSON strings.

    >>> import networkx as nx, json
    >>> G = nx.MultiDiGraph(); G.add_node("a", label="A", aliases=["Ay"]); _ = G.add_edge("a", "a", key="x", evidence=[{"s": 1}])
    >>> flat = flatten(G)
    >>> json.loads(flat.nodes["a"]["aliases"]), flat.edges["a", "a", "x"]["evidence"]
    (['Ay'], '[{"s": 1}]')
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from . import atomic_write


def _scalar(value):
    if value is None:
        return ""
    if isinstance(value, (list, dict, tuple, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False)
    return value


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose node, edge and graph attributes are GraphML-safe scalars."""
    H = nx.MultiDiGraph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items()})
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for s, o, key, data in G.edges(keys=True, data=True):
        H.add_edge(s, o, key=key, **{k: _scalar(v) for k, v in data.items()})
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(flatten(G), fh, encoding="utf-8", prettyprint=True)
    return path


def write_json(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """networkx node-link JSON (``nodes``, ``edges``, ``graph``)."""
    path = Path(path)
    data = nx.node_link_data(G, edges="edges")
    with atomic_write(path) as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    return path


def read_json(path: str | Path) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as fh:
        return nx.node_link_graph(json.load(fh), directed=True, multigraph=True, edges="edges")
