"""Every rule of every shipped pack is tested from the examples in its own file,
with the library's one example runner (``tonecheck.examples``, also behind
``tonecheck test-rules``): bad examples must fire the rule (at ``match`` and
fixed into ``fix`` when they say so), good ones must not.  Examples are judged
as client letters (genre ``letter``, where every rule of the pack applies); how
genres change that is tested in tests/test_genres.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck import examples
from tonecheck.engine import Linter
from tonecheck.rules import Example, Examples, Rule, RuleLoadError, load_rule, load_rules

RULES = load_rules()
CASES = examples.cases(RULES)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_rule_example(linter: Linter, case: examples.Case) -> None:
    problem = examples.check(linter, case)
    assert not problem, f"{case.rule.id}: {case.verdict} example {problem}:\n{case.example.text}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.description.strip(), f"{rule.id} has no description"
    assert len(rule.examples.bad) >= 3, f"{rule.id} needs at least three bad examples"
    assert len(rule.examples.good) >= 3, f"{rule.id} needs at least three good examples"


def _pack(tmp_path: Path, examples_yaml: str) -> Path:
    pack = tmp_path / "T"
    pack.mkdir()
    (pack / "Utilize.yml").write_text("extends: substitution\nmessage: \"Use '%s'.\"\nfix: safe\n"
                                      "swap: {utilize: use}\n" + examples_yaml)
    return pack


def test_examples_may_carry_the_span_and_the_fix(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "examples:\n  bad:\n    - {text: \"We utilize it.\\n\", match: utilize, fix: \"We use it.\\n\"}\n"
                           "    - {text: \"We utilize it.\\n\", match: We}\n"
                           "    - {text: \"We utilize it.\\n\", fix: \"We employ it.\\n\"}\n"
                           "  good: [\"We use it.\\n\"]\n")
    rules = load_rules([pack], shipped=False)
    assert rules[0].examples.bad[0] == Example("We utilize it.\n", "utilize", "We use it.\n")
    outcomes = examples.run_examples(rules)
    assert [o.problem for o in outcomes] == [
        "", "was reported at 'utilize', not at 'We'", "was fixed into 'We use it.\\n', not 'We employ it.\\n'", ""]


def test_example_mappings_are_validated(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "examples:\n  bad: [{txt: x}]\n")
    with pytest.raises(RuleLoadError, match=r"examples.bad\[0\].txt: unknown key \(expected text, match, fix, profile\)"):
        load_rule(pack / "Utilize.yml", "T")


def test_headers_make_an_example_an_email() -> None:
    assert examples.example_path("From: a@b.c\nSubject: Hi\n\nBody\n") == "<example>.eml"
    assert examples.example_path("Dear Jo,\n\nSubject: this is prose\n") == "<example>"
    assert Examples().bad == ()
