"""The import layers of STYLE.md, enforced by walking each module's AST.

Only runtime imports count (imports under ``if TYPE_CHECKING:`` are skipped).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tonecheck"

# module (or package prefix) -> tonecheck modules it may import at run time
ALLOWED: dict[str, set[str]] = {
    "source": set(),
    "errors": set(),
    "printable": set(),  # escapes untrusted text for output: a leaf every printer may use
    "scan": set(),
    "safewrite": set(),
    "finding": {"source"},
    "letter": {"source"},
}
# modules nobody but the CLI may import at module level
CLI_ONLY = {"click"}


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
            assert {m.split(".")[0] for m in internal} <= {"finding", "source", "reporters", "printable"}, f"{name}: {internal}"


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
