"""The dependency direction of DESIGN §3 holds: app → catalogue → search interface; review alone."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = {"app", "catalogue", "search", "review", "migrations"}

# package → the project modules it may import (prefix match)
ALLOWED = {
    "review": ("review",),
    "search": ("search",),
    "catalogue": ("catalogue", "search.interface"),
    "migrations": ("catalogue.models",),
    "app": ("app", "catalogue", "search", "review"),
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.relative_to(ROOT).parts[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative imports stay inside the package
                found.append((node.lineno, package))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def violations(package: str) -> list[str]:
    bad = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, module in imports_of(path):
            top = module.split(".")[0]
            if top not in PROJECT:
                continue
            if not any(module == a or module.startswith(a + ".") for a in ALLOWED[package]):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return bad


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_dependency_direction(package):
    assert violations(package) == []


def test_the_rule_catches_a_forbidden_import(tmp_path, monkeypatch):
    fake_root = tmp_path
    (fake_root / "review").mkdir()
    (fake_root / "review" / "bad.py").write_text("from catalogue.models import Edition\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", fake_root)
    assert violations("review") == ["review/bad.py:1 imports catalogue.models"]
