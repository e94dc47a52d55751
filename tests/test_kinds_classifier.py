"""The classifier kind, the classifier: block, and the shipped tone model."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tonecheck.cli import main
from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.nlp import Pipeline
from tonecheck.reporters.json import finding_dict
from tonecheck.rules import RuleLoadError, load_rule, load_rules
from tonecheck.source import SourceText
from tonecheck.tone import SHIPPED_TONE_MODEL, resolve_tone_model

from .conftest import ROOT

LETTER = """Dear Sam,

My assistant forgot to send you the invoice. The courier did not turn up on Thursday, which was out of our hands.

> The courier did not turn up on Thursday, which was out of our hands.

Best regards,
Jo Bell
The courier never turns up on time, sorry
"""
RECORD = json.loads((SHIPPED_TONE_MODEL / "training.json").read_text(encoding="utf-8"))
LABELS = ("Excuse", "Sugarcoating", "CasualConcession", "SympathySeeking", "EmotionalLament", "Hedging",
          "PushyFollowUp", "Ultimatum", "NonApology", "UnilateralChange", "Hostile", "VagueCommitment",
          "SalesPressure", "PassiveEvasion")


def write_rule(folder: Path, name: str, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def load_problems(path: Path) -> list[str]:
    with pytest.raises(RuleLoadError) as info:
        load_rule(path, path.parent.name)
    return info.value.problems


def findings(linter: Linter, text: str = LETTER):  # type: ignore[no-untyped-def]
    return linter.lint_letter(read_letter(SourceText("letter.txt", text))).findings


# ---------------------------------------------------------------- schema
@pytest.mark.parametrize("extra, problem", [
    ({"threshold": 1.5}, "threshold: expected a number from 0 to 1, got 1.5"),
    ({"threshold": "high"}, "threshold: expected a number from 0 to 1, got a string"),
    ({"label": "Excus"}, "label: unknown label 'Excus' of the shipped tone model (did you mean 'Excuse'?)"),
    ({"colour": "red"}, "colour: unknown key"),
    ({"model": "no_such_tone_model"}, "model: no spaCy model folder or installed package named 'no_such_tone_model'"),
    ({"classifier": {"label": "Excuse", "threshold": 0.5}}, "classifier: a classifier rule has its own label"),
])
def test_classifier_rule_schema_errors_name_the_file_and_key(tmp_path: Path, extra: dict, problem: str) -> None:
    path = write_rule(tmp_path / "Team", "Blame", {"extends": "classifier", "message": "m", "label": "Excuse",
                                                    "threshold": 0.5, **extra})
    problems = load_problems(path)
    assert any(p.startswith(f"{path}: {problem}") for p in problems), problems


@pytest.mark.parametrize("block, problem", [
    ({"label": "Excuse", "threshold": -0.1}, "classifier.threshold: expected a number from 0 to 1, got -0.1"),
    ({"label": "Blame", "threshold": 0.5}, "classifier.label: unknown label 'Blame'"),
    ({"label": "Excuse", "threshold": 0.5, "model": "x"}, "classifier.model: unknown key"),
    ({"threshold": 0.5}, "classifier.label: required key is missing"),
    ("Excuse", "classifier: expected a mapping with label and threshold, or off, got a string"),
])
def test_classifier_block_schema_errors(tmp_path: Path, block: object, problem: str) -> None:
    path = write_rule(tmp_path / "Team", "Forgot", {"extends": "existence", "message": "m", "tokens": ["forgot"],
                                                     "classifier": block})
    problems = load_problems(path)
    assert any(p.startswith(f"{path}: {problem}") for p in problems), problems


# ---------------------------------------------------------------- engine
def test_classifier_rule_reports_prose_sentences_with_score(tmp_path: Path, full_pipeline: Pipeline) -> None:
    path = write_rule(tmp_path / "Team", "Any", {"extends": "classifier", "message": "tone: %s",
                                                  "label": "Excuse", "threshold": 0.0})
    linter = Linter([load_rule(path, "Team")], pipeline=full_pipeline)
    found = findings(linter)
    # threshold 0: every prose sentence of three words or more, never the quote, the greeting or the signature
    assert [f.match for f in found] == ["My assistant forgot to send you the invoice.",
                                        "The courier did not turn up on Thursday, which was out of our hands."]
    assert {f.part for f in found} == {"body"}
    assert all(f.signal == "classifier" and f.score is not None and 0 <= f.score <= 1 for f in found)
    assert found[0].message == "tone: My assistant forgot to send you the invoice."
    entry = finding_dict(found[0])
    assert entry["signal"] == "classifier" and entry["score"] == found[0].score


def test_threshold_filters_by_score(tmp_path: Path, full_pipeline: Pipeline) -> None:
    path = write_rule(tmp_path / "Team", "Any", {"extends": "classifier", "message": "m", "label": "Excuse",
                                                  "threshold": 0.0})
    scores = sorted(f.score for f in findings(Linter([load_rule(path, "Team")], pipeline=full_pipeline)))
    middle = (scores[0] + scores[1]) / 2
    assert scores[0] < scores[1], "the two sentences should score differently"
    path = write_rule(tmp_path / "Team", "Any", {"extends": "classifier", "message": "m", "label": "Excuse",
                                                  "threshold": round(middle, 6)})
    kept = findings(Linter([load_rule(path, "Team")], pipeline=full_pipeline))
    assert [f.score for f in kept] == [scores[1]]


def test_threshold_one_turns_the_classifier_off(tmp_path: Path, full_pipeline: Pipeline) -> None:
    path = write_rule(tmp_path / "Team", "Any", {"extends": "classifier", "message": "m", "label": "Excuse",
                                                  "threshold": 1})
    assert findings(Linter([load_rule(path, "Team")], pipeline=full_pipeline)) == ()


def test_block_reports_a_sentence_once(tmp_path: Path, full_pipeline: Pipeline) -> None:
    path = write_rule(tmp_path / "Team", "Forgot", {"extends": "existence", "message": "'%s'", "tokens": ["forgot"],
                                                     "classifier": {"label": "Excuse", "threshold": 0.0}})
    rule = load_rule(path, "Team")
    assert rule.id == "Team.Forgot" and rule.classifier is not None
    found = findings(Linter([rule], pipeline=full_pipeline))
    # the first sentence holds the pattern hit: reported once, by the pattern, with its exact span
    assert [(f.rule, f.signal, f.match) for f in found] == [
        ("Team.Forgot", "pattern", "forgot"),
        ("Team.Forgot", "classifier", "The courier did not turn up on Thursday, which was out of our hands.")]
    assert found[0].score is None and "score" not in finding_dict(found[0])


def test_a_genre_turns_the_block_off(tmp_path: Path, full_pipeline: Pipeline) -> None:
    path = write_rule(tmp_path / "Team", "Forgot", {"extends": "existence", "message": "'%s'", "tokens": ["forgot"],
                                                     "classifier": {"label": "Excuse", "threshold": 0.0},
                                                     "genres": {"note": {"classifier": "off"}}})
    rule = load_rule(path, "Team")
    note = rule.for_genre("note")
    assert rule.classifier is not None and note is not None and note.classifier is None
    linter = Linter([rule], pipeline=full_pipeline)
    for genre, signals in (("note", ["pattern"]), ("letter", ["pattern", "classifier"])):
        letter = read_letter(SourceText("letter.txt", LETTER), genre=genre)
        assert [f.signal for f in linter.lint_letter(letter).findings] == signals, genre


def test_tone_model_loads_lazily_and_once(tmp_path: Path, full_pipeline: Pipeline) -> None:
    plain = write_rule(tmp_path / "Team", "Forgot", {"extends": "existence", "message": "m", "tokens": ["forgot"]})
    linter = Linter([load_rule(plain, "Team")], pipeline=full_pipeline)
    findings(linter)
    assert linter._tone._loaded == {}
    tone = write_rule(tmp_path / "Team", "Any", {"extends": "classifier", "message": "m", "label": "Hedging",
                                                  "threshold": 0.99})
    linter = Linter([load_rule(tone, "Team")], pipeline=full_pipeline)
    assert linter._tone._loaded == {}
    findings(linter)
    first = dict(linter._tone._loaded)
    findings(linter)
    assert list(first) == [str(SHIPPED_TONE_MODEL)] and linter._tone._loaded[str(SHIPPED_TONE_MODEL)] is first[str(SHIPPED_TONE_MODEL)]


def _team_model(folder: Path) -> Path:
    """A tiny textcat_multilabel model of a team's own labels (initialised, not trained)."""
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel")
    for label in ("Jargon", "Legalese"):
        textcat.add_label(label)
    doc = nlp.make_doc("per the aforementioned clause")
    nlp.initialize(lambda: [Example.from_dict(doc, {"cats": {"Jargon": 0.0, "Legalese": 1.0}})])
    folder.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder)
    return folder


def test_a_team_model_by_relative_path(tmp_path: Path, full_pipeline: Pipeline) -> None:
    _team_model(tmp_path / "Team" / "tone-model")
    good = write_rule(tmp_path / "Team", "Legal", {"extends": "classifier", "message": "m", "label": "Legalese",
                                                    "threshold": 0.0, "model": "tone-model"})
    rule = load_rule(good, "Team")
    assert rule.classifiers[0].spec.model.labels == ("Jargon", "Legalese")
    assert len(findings(Linter([rule], pipeline=full_pipeline))) == 2
    bad = write_rule(tmp_path / "Team", "Bad", {"extends": "classifier", "message": "m", "label": "Excuse",
                                                 "threshold": 0.5, "model": "tone-model"})
    (problem,) = load_problems(bad)
    assert problem.startswith(f"{bad}: label: unknown label 'Excuse' of ") and problem.endswith("Jargon, Legalese")


def test_explain_shows_the_classifier() -> None:
    result = CliRunner().invoke(main, ["explain", "Business.Excuse"])
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if line.startswith("Classifier:"))
    rule = next(r for r in load_rules() if r.id == "Business.Excuse")
    assert rule.classifier is not None
    assert f"label Excuse, threshold {rule.classifier.spec.threshold:g}" in line


# ---------------------------------------------------------------- the shipped model
def test_shipped_model_is_small_and_has_the_fourteen_labels() -> None:
    size = sum(p.stat().st_size for p in SHIPPED_TONE_MODEL.rglob("*") if p.is_file())
    assert size <= 10 * 1024 * 1024
    assert resolve_tone_model().labels == LABELS
    assert set(RECORD["thresholds"]) == set(LABELS)


def test_business_rules_use_the_recorded_thresholds() -> None:
    rules = {r.name: r for r in load_rules() if r.pack == "Business"}
    for label in LABELS:
        block = rules[label].classifier
        assert block is not None, f"Business.{label} has no classifier: block"
        assert block.spec.label == label
        assert block.spec.threshold == RECORD["thresholds"][label]["threshold"], label
        assert RECORD["thresholds"][label]["precision"] is None or RECORD["thresholds"][label]["precision"] >= 0.95


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("tone_training_build", ROOT / "training" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_model_matches_its_training_inputs() -> None:
    build = _build_module()
    if not build.ENRON.is_dir():
        pytest.skip(f"{build.ENRON} is not here (the training negatives come from shared/realmail)")
    assert build.current_hash(RECORD["seed"]) == RECORD["sha256"], (
        "training/ inputs changed since the shipped model was trained: run python scripts/train_classifier.py "
        "--update-rules")


def test_training_keeps_the_heldout_enron_files_out() -> None:
    build = _build_module()
    assert max(build.ENRON_TRAINING_FILES) < 200


def test_labelled_letters_give_positive_and_negative_sentences(tmp_path: Path) -> None:
    build = _build_module()
    (tmp_path / "a-late.txt").write_text(
        "Dear Ms Okafor,\n\nThe courier never turned up, which was totally beyond our control. "
        "Your order leaves on Monday 3 May.\n\nKind regards,\nTunde\n", encoding="utf-8")
    (tmp_path / "b.eml").write_text(
        "From: a@example.com\nSubject: Your order\n\nHi Sam,\n\nWe'll sort it out at some point, no worries.\n"
        "> An old quoted line that is not the writer's own.\n\nThanks,\nJo\n", encoding="utf-8")
    (tmp_path / "labels.yml").write_text(
        "a-late.txt:\n  expect:\n    - Excuse:3  # 'which was totally beyond our control'\n"
        "b.eml:\n  expect:\n    - VagueCommitment:6  # 'We'll sort it out ... at some point'\n"
        "    - Overfamiliar:6  # 'no worries'\n", encoding="utf-8")
    found = {e.text: e for e in build.letter_examples(tmp_path, "letters/test")}
    assert found["The courier never turned up, which was totally beyond our control."].labels == {"Excuse"}
    assert found["Your order leaves on Monday 3 May."].labels == frozenset()  # a negative of every label
    assert found["We'll sort it out at some point, no worries."].labels == {"VagueCommitment"}
    assert not any("quoted line" in text or "Subject" in text for text in found)
    assert {e.group for e in found.values()} == {"letters/test/a-late.txt", "letters/test/b.eml"}


def test_training_never_reads_the_newest_heldout_round() -> None:
    """The newest round is the evaluation round: its first run is the honest figure."""
    build = _build_module()
    rounds = [int(p.name[5:]) for p in build.HELDOUT.glob("round*") if p.name[5:].isdigit()]
    assert max(build.TRAINING_ROUNDS) < max(rounds)
