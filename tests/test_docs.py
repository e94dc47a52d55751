"""docs/rules.md is generated from the rules and must be kept up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tonecheck.rules import Rule

ROOT = Path(__file__).resolve().parents[1]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_reference_is_up_to_date(all_rules: list[Rule]) -> None:
    expected = _generator().render(all_rules)
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is out of date: run python scripts/gen_rules_doc.py"


def test_reference_lists_every_rule_with_its_examples(all_rules: list[Rule]) -> None:
    text = _generator().render(all_rules)
    for rule in all_rules:
        assert f"\n## {rule.id}\n" in text
        assert f"[{rule.id}](#{rule.id.lower().replace('.', '')})" in text
    # multi-line examples are shown as text blocks, one-line examples inline
    assert "```text\nDear Customer,\n\nYour order has shipped.\n\nBest regards,\nSam\n```" in text
    assert "- `Hey buddy, the parts went out this morning.`" in text
    # the table gives the first full sentence of each description
    assert "| Euphemisms that make a real failure sound smaller than it is (\"a minor hiccup\", " in text


def test_rule_format_reference_and_readme_kinds_table_are_up_to_date() -> None:
    gen = _generator()
    assert (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8") == gen.render_format(), \
        "docs/rule-format.md is out of date: run python scripts/gen_rules_doc.py"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == gen.readme_with_kinds(readme), "README's kinds table is out of date: run python scripts/gen_rules_doc.py"


def test_every_kind_and_key_doc_is_shown() -> None:
    from tonecheck.kinds import KINDS

    gen = _generator()
    table, reference = gen.render_kinds_table(), gen.render_format()
    for name, spec in KINDS.items():
        assert f"| `{name}` | {spec.summary}" in table
        for key, key_spec in spec.keys.items():
            assert key_spec.doc, f"{name}.{key} has no doc"
            assert f"| `{key}` |" in reference
