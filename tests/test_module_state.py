"""No module-level mutable state in perfsite/ or the MkDocs adapter: a build's state lives on its
BuildSession, so two sessions (or a test and a build) never share any."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MEMOS = {("yamlload.py", "_PLAIN_VALUES"), ("record.py", "_GIVEN_RULES"), ("parts.py", "_PLANS")}
"""Bounded memos of pure functions (immutable values, the same for every caller): no build's state."""
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove",
            "discard"}


def _module_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _changes(path: Path) -> list[str]:
    """`global` statements, and functions that assign into or mutate a module-level name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = _module_names(tree)
    found = []
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        local = {a.arg for a in function.args.args + function.args.kwonlyargs}
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                found.append(f"{path.name}:{node.lineno} global {', '.join(node.names)}")
            target = None
            if isinstance(node, ast.Assign | ast.AugAssign):
                for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if isinstance(t, ast.Subscript | ast.Attribute) and isinstance(t.value, ast.Name):
                        target = t.value.id
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in MUTATORS and isinstance(node.func.value, ast.Name)):
                target = node.func.value.id
            if target in names and target not in local and (path.name, target) not in MEMOS:
                found.append(f"{path.name}:{node.lineno} changes module-level {target}")
    return found


def test_no_function_changes_module_state() -> None:
    files = [*sorted((REPO / "perfsite").rglob("*.py")), *sorted((REPO / "perfsite_mkdocs").rglob("*.py")),
             REPO / "hooks" / "perfsite_hook.py"]
    assert len(files) > 40
    assert [change for path in files for change in _changes(path)] == []


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    source = tmp_path / "state.py"
    source.write_text("_pool = {}\nSERVE = {'on': False}\n\ndef f():\n    _pool.setdefault('a', 1)\n"
                      "    SERVE['on'] = True\n\ndef g():\n    global X\n", encoding="utf-8")
    assert len(_changes(source)) == 3
