"""The tone classifier: find a textcat pipeline, read its labels, score sentences.

A tone model is a small spaCy pipeline of its own (a blank English tokenizer and
a ``textcat_multilabel`` component), separate from the parsing pipeline of
``tonecheck.nlp``.  The shipped one lives in ``tonecheck/models/tone`` (trained
by ``scripts/train_classifier.py``); a team may point a rule at a model of its
own, by folder or installed package name.

Resolving a model reads only its ``config.cfg`` and ``meta.json`` (so rules can
be validated without loading weights); ``ToneModels`` loads each model once,
when a linter first scores with it.  Nothing here imports spaCy at module level.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .nlp import installed_package_dir

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

SHIPPED_TONE_MODEL = Path(__file__).resolve().parent / "models" / "tone"
TEXTCAT_FACTORIES = frozenset({"textcat", "textcat_multilabel"})


class ToneModelError(Exception):
    """A tone model that cannot be found or used; ``str()`` is one line."""


@dataclass(frozen=True)
class ToneModel:
    """A resolved tone model: where it is, what it is called, the labels it scores."""

    path: str
    name: str
    labels: tuple[str, ...]
    thresholds: tuple[tuple[str, float], ...] = field(default=(), compare=False)

    @property
    def shipped(self) -> bool:
        return Path(self.path) == SHIPPED_TONE_MODEL


def _package_dir(name: str) -> Path | None:
    """The model folder of an installed package: its own folder, or the first
    sub-folder holding a config.cfg (as spaCy packages lay their data out)."""
    root = installed_package_dir(name)
    if root is None:
        return None
    if (root / "config.cfg").is_file():
        return root
    return next((d for d in sorted(root.iterdir()) if d.is_dir() and (d / "config.cfg").is_file()), None)


def resolve_tone_model(name: str | None = None, base: Path | None = None) -> ToneModel:
    """The shipped model (``name`` None), a model folder (absolute, or relative to
    ``base``, the folder of the rule that names it) or an installed package."""
    if name is None:
        folder, label = SHIPPED_TONE_MODEL, "the shipped tone model"
    else:
        candidate = Path(name).expanduser()
        if not candidate.is_absolute() and base is not None:
            candidate = base / candidate
        if candidate.is_dir():
            folder, label = candidate.resolve(), str(candidate)
        else:
            found = _package_dir(name) if name.replace("_", "").replace(".", "").isalnum() else None
            if found is None:
                raise ToneModelError(f"no spaCy model folder or installed package named {name!r}")
            folder, label = found, name
    if not (folder / "config.cfg").is_file():
        raise ToneModelError(f"{label} is not a spaCy model folder (no config.cfg in {folder})")
    return ToneModel(str(folder), label, _labels(folder), _recorded_thresholds(folder))


def _labels(folder: Path) -> tuple[str, ...]:
    """The labels of the model's textcat components, from its config and meta only."""
    from confection import Config  # spaCy's own config reader, without importing spaCy

    try:
        config = Config().from_disk(folder / "config.cfg", interpolate=False)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ToneModelError(f"cannot read the model in {folder}: {str(exc).splitlines()[0]}") from None
    components = [name for name, block in (config.get("components") or {}).items()
                  if isinstance(block, dict) and block.get("factory") in TEXTCAT_FACTORIES]
    if not components:
        raise ToneModelError(f"the model in {folder} has no textcat or textcat_multilabel component")
    labels: list[str] = []
    for component in components:
        labels.extend(meta.get("labels", {}).get(component, []))
    if not labels:
        raise ToneModelError(f"the model in {folder} records no labels in meta.json (was it trained?)")
    return tuple(dict.fromkeys(labels))


def _recorded_thresholds(folder: Path) -> tuple[tuple[str, float], ...]:
    """The per-label thresholds that training.json records, when it is there."""
    path = folder / "training.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    chosen = record.get("thresholds") or {}
    return tuple((label, float(v["threshold"])) for label, v in chosen.items() if isinstance(v, dict) and "threshold" in v)


class ToneModels:
    """Loaded tone pipelines of one linter, each loaded on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, "Language"] = {}

    def load(self, model: ToneModel) -> "Language":
        nlp = self._loaded.get(model.path)
        if nlp is None:
            import spacy

            try:
                nlp = spacy.load(model.path)
            except (OSError, ValueError, ImportError) as exc:
                raise ToneModelError(f"cannot load tone model {model.name}: {str(exc).splitlines()[0]}") from None
            self._loaded[model.path] = nlp
        return nlp

    def score(self, model: ToneModel, texts: Sequence[str]) -> list[dict[str, float]]:
        """Every label's score for each text, in order."""
        if not texts:
            return []
        nlp = self.load(model)
        return [dict(doc.cats) for doc in nlp.pipe(texts, batch_size=256)]
