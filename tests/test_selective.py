"""Selective processing finds exactly what ``--thorough`` finds.

The default runs the tagger, lemmatizer and parser only on the sentences some
rule's trigger hits; ``--thorough`` runs them on every sentence, the same way.
If a trigger missed a word its rule needs, a finding would appear only in the
thorough run.  Checked on every example of every shipped rule (all packs, each
letter linted with all rules at once), on tests/corpus, and on a sample of the
benchmark corpus (120 of its 1,000 letters; ``benchmarks/bench.py`` compares
both modes on all of them in every run).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tonecheck.engine import Linter
from tonecheck.examples import cases, example_path
from tonecheck.formats import read_letter
from tonecheck.kinds.trigger import ALWAYS, Atom, Trigger, of_dependency_patterns, of_token_patterns
from tonecheck.letter import Letter
from tonecheck.profiles import attach
from tonecheck.rules import Rule
from tonecheck.selection import TriggerIndex
from tonecheck.source import SourceText

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as bench_corpus  # noqa: E402


def _example_letters(rules: list[Rule]) -> list[Letter]:
    letters = []
    for case in cases(rules):
        text = case.example.text
        letter = read_letter(SourceText(example_path(text), text), genre="letter")
        if case.example.profile is not None:
            letter = attach(letter, (case.example.profile,))
        letters.append(letter)
    return letters


def _corpus_letters() -> list[Letter]:
    return [read_letter(SourceText(str(p), p.read_text(encoding="utf-8")))
            for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]


def _bench_letters(tmp: Path) -> list[Letter]:
    files, _ = bench_corpus.build(tmp, 1000)
    return [read_letter(SourceText(str(p), p.read_text(encoding="utf-8"))) for p in files[::25] + files[1:200:2]]


def _findings(linter: Linter, letters: list[Letter]) -> list[tuple[object, ...]]:
    return [(r.path, f.rule, f.start, f.end, f.message, f.level) for r in linter.lint_letters(letters) for f in r.findings]


@pytest.fixture(scope="module")
def both(all_rules: list[Rule], full_pipeline):  # type: ignore[no-untyped-def]
    return (Linter(all_rules, pipeline=full_pipeline), Linter(all_rules, pipeline=full_pipeline, thorough=True))


@pytest.mark.parametrize("source", ["examples", "corpus", "benchmark"])
def test_default_finds_what_thorough_finds(source: str, both, all_rules: list[Rule], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    selective, thorough = both
    letters = {"examples": lambda: _example_letters(all_rules), "corpus": _corpus_letters,
               "benchmark": lambda: _bench_letters(tmp_path)}[source]()
    expected = _findings(thorough, letters)
    assert expected, "the thorough run found nothing: the comparison would prove nothing"
    assert _findings(selective, letters) == expected


def test_selection_skips_sentences(both, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The default really leaves most sentences of ordinary letters untagged."""
    from tonecheck import selection

    selective, thorough = both
    counted: dict[bool, int] = {}
    real = selection._annotate_sentences

    def count(pipeline, docs, jobs):  # type: ignore[no-untyped-def]
        counted[linter is thorough] = counted.get(linter is thorough, 0) + len(jobs)
        real(pipeline, docs, jobs)

    monkeypatch.setattr(selection, "_annotate_sentences", count)
    for linter in (selective, thorough):
        linter.lint_letters(_corpus_letters())
    assert 0 < counted[False] < counted[True] / 2


def test_triggers_of_patterns() -> None:
    trigger = of_token_patterns([[{"LOWER": "per"}, {"LOWER": {"IN": ["my", "our"]}, "OP": "?"},
                                  {"LEMMA": "email"}, {"POS": "NOUN"}]])
    assert trigger == Trigger(((Atom(forms=frozenset({"per"})), Atom(lemmas=frozenset({"email"}))),))
    assert of_token_patterns([[{"POS": "VERB"}, {"LOWER": "x", "OP": "*"}]]) == ALWAYS
    dep = of_dependency_patterns([[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "fail"}},
                                   {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}}]])
    assert dep == Trigger(((Atom(lemmas=frozenset({"fail"})),),))


def test_trigger_index_matches_inflections() -> None:
    index = TriggerIndex([Trigger(((Atom(lemmas=frozenset({"apologize"})), Atom(forms=frozenset({"we"}))),)),
                          Trigger(((Atom(lemmas=frozenset({"be"})),),)), ALWAYS],
                         {"be": frozenset({"was", "'m"})})
    assert index.hits(["we", "apologized"]) == {0, 2}
    assert index.hits(["apologizing"]) == {2}
    assert index.hits(["i", "'m", "late"]) == {1, 2}
    assert index.hits(["hello"]) == {2}


def test_lemma_triggers_accept_every_form_the_lemmatizer_gives(full_pipeline) -> None:  # type: ignore[no-untyped-def]
    """For each token of the corpus, a trigger on its lemma accepts its form: the
    prefix rule and the inflection tables cover what the pipeline really does."""
    from tonecheck.nlp import lemma_inflections

    nlp = full_pipeline.nlp
    inflections = lemma_inflections(nlp)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    missed = set()
    pairs = {(t.lower_, t.lemma_.lower()) for doc in nlp.pipe(texts) for t in doc if not t.is_space and t.lemma_}
    lemmas = sorted({lemma for _, lemma in pairs})
    index = TriggerIndex([Trigger(((Atom(lemmas=frozenset({lemma})),),)) for lemma in lemmas], inflections)
    position = {lemma: i for i, lemma in enumerate(lemmas)}
    for form, lemma in pairs:
        if position[lemma] not in index.hits([form]):
            missed.add((form, lemma))
    assert not missed, sorted(missed)[:20]
