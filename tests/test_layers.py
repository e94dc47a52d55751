"""The import layers of the data flow, enforced by walking each module's AST.

The flow is readers -> letter -> engine/kinds -> findings -> post-processing
-> reporters -> CLI (README, "Module map").  A module may import only modules
of its own layer or of a layer below it, and the import graph (lazy imports
inside functions included) has no circle.  Only imports under
``if TYPE_CHECKING:`` are skipped.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tonecheck"

# module (or package prefix) -> tonecheck modules it may import at run time
ALLOWED: dict[str, set[str]] = {
    "source": set(),
    "errors": set(),
    "globs": set(),
    "printable": set(),  # escapes untrusted text for output: a leaf every printer may use
    "scan": set(),
    "safewrite": set(),
    "letter": {"source"},
    "finding": {"source", "letter"},
}
# modules nobody but the CLI may import at module level
CLI_ONLY = {"click"}

# Layer of each module (longest dotted prefix wins); imports go to the same layer or down.
LAYERS: dict[str, int] = {
    # 0 the model: the file, the letter, findings, and the glob matcher
    "source": 0, "errors": 0, "globs": 0, "letter": 0, "finding": 0, "vale": 0,
    # leaves every layer may use: escaping for output, linear scanning, safe file writes
    "printable": 0, "scan": 0, "safewrite": 0,
    # 1 readers (source -> letter), rule kinds, the spaCy loader
    "formats": 1, "genres": 1, "profiles": 1, "kinds": 1, "nlp": 1, "tone": 1,
    # 2 inputs and rule/configuration loading (Vale translation is rule loading)
    "inputs": 2, "vale.translate": 2, "vale.ini": 2, "rules": 3, "config": 2, "cache": 2,
    # 4 the engine: rules x letters -> findings (selection: which sentences get the tagger and parser)
    "engine": 4, "selection": 4, "pool": 4, "api": 5,
    # 6 steps after the engine, on a FileResult and its Letter
    "suppress": 6, "baseline": 6, "fixes": 6, "examples": 6,
    # 7 one run: inputs -> engine -> post-processing; Vale's front end
    "runner": 7, "vale.run": 7,
    # 8 reporters: findings -> text
    "reporters": 8,
    # 9 the command line and the package's lazy API
    "cli": 9, "__main__": 9, "__init__": 9,
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    return ".".join(p for p in rel.parts if p != "__init__") or "__init__"


def _runtime_imports(tree: ast.AST, module: str) -> tuple[set[str], set[str]]:
    """(tonecheck modules, third-party top-level packages) imported outside TYPE_CHECKING blocks."""
    internal: set[str] = set()
    external: set[str] = set()
    base = module.split(".")

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parent = base[: len(base) - node.level + (1 if _is_package(module) else 0)]
                target = ".".join(parent + ([node.module] if node.module else []))
                names = [target] if node.module else [".".join(parent + [a.name]) for a in node.names]
                internal.update(n.strip(".") for n in names)
            elif node.module and node.module.split(".")[0] == "tonecheck":
                internal.add(node.module.partition(".")[2])
            elif node.module:
                external.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                (internal.add(alias.name.partition(".")[2]) if top == "tonecheck" else external.add(top))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return internal, external


def _is_package(module: str) -> bool:
    return (PACKAGE / module.replace(".", "/") / "__init__.py").exists()


def _modules() -> dict[str, ast.AST]:
    return {_module_name(p): ast.parse(p.read_text()) for p in PACKAGE.rglob("*.py")}


def _resolve(name: str, modules: dict[str, ast.AST]) -> str:
    """The module an import names (``formats.READERS`` is the ``formats`` package)."""
    parts = name.split(".")
    for n in range(len(parts), 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in modules:
            return candidate
    return "__init__"  # a name of the package itself (``from . import __version__``)


def _layer(module: str) -> int:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in LAYERS:
            return LAYERS[".".join(parts[:n])]
    raise AssertionError(f"{module} has no layer in LAYERS: add it")


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, tree in modules.items():
        internal, _ = _runtime_imports(tree, name)
        graph[name] = {_resolve(i, modules) for i in internal if i} - {name}
    return graph


def test_every_import_goes_down_the_flow() -> None:
    wrong = [f"{name} (layer {_layer(name)}) imports {target} (layer {_layer(target)})"
             for name, targets in _graph().items() for target in sorted(targets)
             if _layer(target) > _layer(name)]
    assert not wrong, "\n".join(wrong)


def test_no_import_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_the_circle_check_finds_a_circle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard: a planted circle is caught."""
    real = _graph()
    monkeypatch.setitem(globals(), "_graph", lambda: {**real, "letter": real["letter"] | {"engine"}})
    with pytest.raises(AssertionError, match="import circle"):
        test_no_import_circle()


def test_rule_loading_does_not_reach_the_engine() -> None:
    graph = _graph()
    seen: set[str] = set()
    todo = ["rules"]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    assert not seen & {"engine", "vale.run", "runner", "reporters", "cli"}, sorted(seen)


def test_low_layers_import_only_what_they_may() -> None:
    modules = _modules()
    for name, allowed in ALLOWED.items():
        internal, _ = _runtime_imports(modules[name], name)
        assert internal <= allowed, f"{name} imports {sorted(internal - allowed)}"


def test_only_cli_imports_click() -> None:
    for name, tree in _modules().items():
        _, external = _runtime_imports(tree, name)
        if name != "cli":
            assert not (external & CLI_ONLY), f"{name} imports click"


def test_reporters_see_only_findings_and_sources() -> None:
    for name, tree in _modules().items():
        if name.startswith("reporters"):
            internal, _ = _runtime_imports(tree, name)
            assert {m.split(".")[0] for m in internal} <= {"finding", "source", "letter", "reporters", "printable"}, f"{name}: {internal}"


def test_kinds_do_not_reach_the_engine_rules_or_reporters() -> None:
    for name, tree in _modules().items():
        if name.startswith("kinds"):
            internal, _ = _runtime_imports(tree, name)
            tops = {m.split(".")[0] for m in internal}
            assert not tops & {"engine", "rules", "reporters", "cli", "api", "config", "inputs"}, f"{name}: {tops}"


def test_nothing_imports_spacy_at_module_level() -> None:
    for name, tree in _modules().items():
        internal, external = _runtime_imports(tree, name)
        top_level = {n.names[0].name.split(".")[0] for n in tree.body if isinstance(n, ast.Import)} | {
            (n.module or "").split(".")[0] for n in tree.body if isinstance(n, ast.ImportFrom)}
        assert "spacy" not in top_level, f"{name} imports spacy at module level"


def test_the_checker_sees_imports() -> None:
    """Guard against a checker that silently finds nothing."""
    modules = _modules()
    internal, external = _runtime_imports(modules["cli"], "cli")
    assert "click" in external and "finding" in internal
    internal, _ = _runtime_imports(modules["engine"], "engine")
    assert {"finding", "letter", "rules", "nlp"} <= {m.split(".")[0] for m in internal}
