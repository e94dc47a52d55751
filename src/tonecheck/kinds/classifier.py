"""classifier: a sentence whose tone model score for a label reaches a threshold.

Two ways in:

- a rule of its own, ``extends: classifier`` with ``label``, ``threshold`` and
  optionally ``model`` (a folder, relative to the rule file, or an installed
  package: a team's own spaCy textcat pipeline; default the shipped tone model);
- a ``classifier:`` block ``{label, threshold}`` on a rule of any other kind, a
  second signal scored by the shipped model: the rule keeps its id, its pattern
  findings give exact spans and fixes, its classifier findings the sentence
  (the engine drops a classifier finding that a pattern finding of the same
  rule overlaps).

The engine scores the prose sentences of a letter once per tone model and hands
them over in ``Scope.scored``; a check only compares scores with its threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..tone import ToneModel, ToneModelError, resolve_tone_model
from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, RuleErrors, Scope, check_keys, type_name, v_str


def v_threshold(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuleError(key, f"expected a number from 0 to 1, got {type_name(value)}")
    if not 0.0 <= float(value) <= 1.0:
        raise RuleError(key, f"expected a number from 0 to 1, got {value}")
    return float(value)


@dataclass(frozen=True)
class ClassifierSpec:
    label: str
    threshold: float
    model: ToneModel


class ClassifierCheck(Check):
    """Sentences of the rule's parts whose score for ``label`` is at least ``threshold``."""

    needs = frozenset({"tokens", "sentences"})

    def __init__(self, spec: ClassifierSpec) -> None:
        self.spec = spec

    def run(self, scope: Scope) -> Iterator[Match]:
        if self.spec.threshold >= 1.0:  # 1 turns the classifier off (a label training could not make precise)
            return
        for sentence in scope.scored.get(self.spec.model.path, ()):
            if sentence.part not in scope.parts:
                continue
            score = sentence.scores.get(self.spec.label, 0.0)
            if score >= self.spec.threshold:
                yield Match(sentence.start, sentence.end, args=(sentence.text,), signal="classifier",
                            score=round(score, 3))


def resolve(label: str, threshold: float, model: str | None, rule_path: str, prefix: str = "") -> ClassifierCheck:
    """A check for ``label`` of the named model; RuleError on an unknown model or label."""
    base = Path(rule_path).parent if rule_path else None
    try:
        tone = resolve_tone_model(model, base)
    except ToneModelError as exc:
        raise RuleError(f"{prefix}model", str(exc)) from None
    if label not in tone.labels:
        hint = get_close_matches(label, tone.labels, n=1)
        raise RuleError(f"{prefix}label", f"unknown label {label!r} of {tone.name}"
                        + (f" (did you mean '{hint[0]}'?)" if hint else "") + f"; its labels: {', '.join(tone.labels)}")
    return ClassifierCheck(ClassifierSpec(label, threshold, tone))


BLOCK_KEYS: dict[str, Key] = {
    "label": Key(v_str, required=True, doc="a label of the shipped tone model"),
    "threshold": Key(v_threshold, required=True, doc="score from 0 to 1 at which a sentence is reported (1: off)"),
}


def block_from(value: Any, rule_path: str) -> ClassifierCheck | None:
    """The ``classifier:`` block of a rule of another kind, scored by the shipped model;
    ``off`` (None) where a genre turns the second signal off."""
    if value is False or value == "off":
        return None
    if not isinstance(value, dict):
        raise RuleError("classifier", f"expected a mapping with label and threshold, or off, got {type_name(value)}")
    try:
        options = check_keys(value, BLOCK_KEYS, set())
    except RuleErrors as exc:
        raise RuleErrors([RuleError(f"classifier.{e.key}", e.problem) for e in exc.errors]) from None
    return resolve(options["label"], options["threshold"], None, rule_path, "classifier.")


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    return resolve(options["label"], options["threshold"], options["model"], ctx.path)


def v_model(value: Any, key: str) -> str:
    text = v_str(value, key)
    if not text.strip():
        raise RuleError(key, "expected a model folder or an installed package name")
    return text


KIND = KindSpec(
    name="classifier",
    summary="sentences a trained tone model (spaCy textcat) scores at or above a threshold for a label",
    keys={
        "label": Key(v_str, required=True, doc="the model's label to report"),
        "threshold": Key(v_threshold, required=True, doc="score from 0 to 1 at which a sentence is reported (1: off)"),
        "model": Key(v_model, default=None, doc="a spaCy textcat model folder (relative to the rule file) or "
                                                "installed package; default the shipped tone model"),
    },
    build=build,
)


def describe(check: Check) -> Mapping[str, Any] | None:
    """What ``explain`` shows of a classifier check (None for other checks)."""
    if not isinstance(check, ClassifierCheck):
        return None
    spec = check.spec
    return {"label": spec.label, "threshold": spec.threshold, "model": spec.model.name}
