"""spaCy matchers belong to a linter, not to the frozen rules: two linters with
two pipelines alternate without rebuilding each other's matchers, and a rule
holds no state after a run."""

from __future__ import annotations

from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.nlp import Pipeline
from tonecheck.rules import Rule
from tonecheck.source import SourceText

TEXT = "Dear Ms Lee,\n\nMistakes were made and your order was delayed.\n\nBest regards,\nSam\n"


def _spacy_rules(rules: list[Rule]) -> list[Rule]:
    return [r for r in rules if r.kind in ("pattern", "dependency", "require") and r.check.needs]


def test_rules_hold_no_matchers_and_linters_keep_their_own(all_rules: list[Rule], linter: Linter,
                                                           full_pipeline: Pipeline) -> None:
    rules = _spacy_rules(all_rules)
    assert rules, "the shipped pack has spaCy-matcher rules"
    letter = read_letter(SourceText("a.txt", TEXT))
    other = Linter(rules, pipeline=full_pipeline)
    first = linter.lint_letter(letter).findings
    built = dict(linter.matchers._built)
    other.lint_letter(letter)
    again = linter.lint_letter(letter).findings
    assert first == again
    assert linter.matchers._built == built  # nothing rebuilt after the other pipeline ran
    assert linter.matchers.vocab is not other.matchers.vocab
    for rule in rules:
        state = vars(rule.check)
        assert not any(type(v).__name__ in ("Matcher", "DependencyMatcher", "_Matchers") for v in state.values()), rule.id


def test_a_dependency_rule_runs_only_the_patterns_its_words_allow(full_pipeline: Pipeline) -> None:
    from tonecheck.kinds.dependency import _Matchers

    lost = [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "lose"}},
            {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubjpass"}}]
    late = [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": "late"}},
            {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj", "LOWER": "it"}}]
    matchers = _Matchers.build(full_pipeline.nlp.vocab, (lost, late), [])
    doc = full_pipeline.nlp("Your files were lost on Monday.")
    assert matchers.candidates(doc) == [0]
    assert [toks for _, toks in matchers.positive(0)(doc)] == [[3, 1]]
    assert list(matchers._built) == [("pos", 0)]  # the other pattern's matcher was never built
    assert matchers.candidates(full_pipeline.nlp("It was late, and the files were lost.")) == [0, 1]
