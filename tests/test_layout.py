"""The source layout stays walkable: modules say what they own, resolve/ and extract/ stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "diplograph"
MODULES = sorted(SRC.rglob("*.py"))
STAGES = [p for p in MODULES if p.parent.name in ("resolve", "extract", "frames") or p.name == "syntax.py"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_every_module_opens_with_a_docstring(path: Path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc and len(doc) > 40, f"{path.name}: say what the module owns, with an example"


@pytest.mark.parametrize("path", STAGES, ids=lambda p: str(p.relative_to(SRC)))
def test_resolve_and_extract_modules_and_classes_stay_small(path: Path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 400, f"{path.name} has grown past 400 lines: split it by responsibility"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno <= 300, f"class {node.name} in {path.name} is over 300 lines"


def test_extraction_reaches_resolution_only_through_its_surface():
    """Frames and argument finders use the context's public names, never its private ones."""
    for path in (SRC / "extract").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "ctx":
                assert not node.attr.startswith("_"), f"{path.name} reaches into ctx.{node.attr}"
