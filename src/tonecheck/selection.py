"""Selective processing: the cheap layer everywhere, the tagger and parser where a rule could match.

Every chunk of a letter goes through the tokenizer and the sentence component
(``Pipeline.cheap``).  Each sentence is then, as a Doc of its own, run through
the heavy components (``Pipeline.heavy``: tagger, attribute ruler, lemmatizer,
parser, NER) when some active rule's trigger (``kinds.trigger``) hits it, and
its annotations are copied back into the chunk's Doc.  ``--thorough`` runs the
heavy components on every sentence, in exactly the same way, so a rule whose
trigger is right finds the same things in both modes (tests/test_selective.py).
Sentence boundaries always come from the cheap layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from .kinds.trigger import Atom, Trigger
from .nlp import Pipeline

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

BATCH = 64  # chunks per round of the cheap layer (memory stays bounded for any input size)
_SUFFIXES = ("s", "es", "ed", "d", "ing", "n", "en", "er", "est")


def stem(lemma: str) -> str:
    """The prefix every regular form of ``lemma`` starts with ("make" -> "mak", "try" -> "tr")."""
    if lemma.endswith("man") and len(lemma) > 4:  # woman -> women
        return lemma[:-2]
    if lemma.endswith(("e", "y", "f")):
        return lemma[:-1]
    return lemma


@dataclass(frozen=True)
class SentenceHits:
    """One sentence of a chunk (letter offsets) and the indexes of the checks it triggers."""

    start: int
    end: int
    hits: frozenset[int]


class TriggerIndex:
    """The triggers of a linter's checks, matched against the words of a sentence."""

    def __init__(self, triggers: Sequence[Trigger], inflections: Mapping[str, frozenset[str]]) -> None:
        self.always = frozenset(i for i, t in enumerate(triggers) if t.always)
        atoms: dict[Atom, int] = {}
        self._alternatives: list[tuple[int, frozenset[int]]] = []
        for i, trigger in enumerate(triggers):
            for alternative in trigger.alternatives:
                ids = frozenset(atoms.setdefault(a, len(atoms)) for a in alternative)
                self._alternatives.append((i, ids))
        self._forms: dict[str, set[int]] = {}
        self._stems: dict[str, set[int]] = {}
        self._regexes: list[tuple[re.Pattern[str], int]] = []
        for atom, n in atoms.items():
            for form in atom.forms:
                self._forms.setdefault(form, set()).add(n)
            for lemma in atom.lemmas:
                for form in {lemma, *inflections.get(lemma, ())}:
                    self._forms.setdefault(form, set()).add(n)
                base = stem(lemma)
                if len(base) >= 3:
                    self._stems.setdefault(base, set()).add(n)
                else:  # a short lemma: its regular forms one by one ("go", "be", "use" -> "using")
                    for root in {lemma, base}:
                        for suffix in _SUFFIXES + tuple(root[-1:] + s for s in ("ed", "ing")):
                            self._forms.setdefault(root + suffix, set()).add(n)
            for pattern in atom.regexes:
                self._regexes.append((re.compile(pattern), n))
        self._cache: dict[str, frozenset[int]] = {}
        self._hash_cache: dict[int, frozenset[int]] = {}

    def atoms_of(self, word: str) -> frozenset[int]:
        """The atoms a token (its lowercase form) meets."""
        found = self._cache.get(word)
        if found is None:
            hit = set(self._forms.get(word, ()))
            for k in range(3, len(word) + 1):
                hit.update(self._stems.get(word[:k], ()))
            hit.update(n for pattern, n in self._regexes if pattern.search(word))
            found = self._cache[word] = frozenset(hit)
        return found

    def hits_of(self, hashes: Iterable[int], strings: Any) -> frozenset[int]:
        """``hits`` for the lowercase forms given as spaCy string hashes."""
        met: set[int] = set()
        cache = self._hash_cache
        for h in hashes:
            found = cache.get(h)
            if found is None:
                found = cache[h] = self.atoms_of(strings[h])
            met.update(found)
        return self.always | frozenset(i for i, ids in self._alternatives if ids <= met)

    def hits(self, words: Iterable[str]) -> frozenset[int]:
        """The checks triggered by a sentence of these lowercase words."""
        met: set[int] = set()
        for word in words:
            met.update(self.atoms_of(word))
        return self.always | frozenset(i for i, ids in self._alternatives if ids <= met)


# Decides, for one chunk (its index in the batch) and the hits of one of its sentences,
# what that sentence needs: 0 nothing more, 1 the tagger and lemmatizer, 2 also the parser and NER.
Wanted = Callable[[int, frozenset[int]], int]
# The components the second tier adds; they read the tok2vec output the first tier leaves on the Doc.
DEEP: frozenset[str] = frozenset({"parser", "ner"})
SENTENCE_BATCH = 256
GROUP = 2048  # sentences processed (and held) at once


def annotate(pipeline: Pipeline, texts: Sequence[str], index: TriggerIndex | None,
             wanted: Wanted | None) -> list[tuple["Doc", list[tuple[int, int, frozenset[int]]]]]:
    """Each text as a Doc with cheap annotations everywhere and heavy ones on the
    sentences ``wanted`` asks for (every sentence, fully, when ``wanted`` is None), and
    its sentences as (start, end, hits) in the text's offsets."""
    from spacy.attrs import LOWER

    nlp = pipeline.nlp
    docs = list(_run(nlp, pipeline.cheap, (nlp.make_doc(t) for t in texts), BATCH))
    out: list[tuple["Doc", list[tuple[int, int, frozenset[int]]]]] = []
    jobs: list[tuple[int, int, int, int]] = []  # (doc, first token, end token, tier) of each sentence to process
    for d, doc in enumerate(docs):
        sentences = []
        has_sents = doc.has_annotation("SENT_START") or len(doc) == 0
        lowers = doc.to_array(LOWER).tolist() if index is not None else []
        for sent in (doc.sents if has_sents else [doc[:]]):
            hits = index.hits_of(lowers[sent.start:sent.end], nlp.vocab.strings) if index is not None else frozenset()
            sentences.append((sent.start_char, sent.end_char, hits))
            tier = 2 if wanted is None else wanted(d, hits)
            if pipeline.heavy and tier:
                jobs.append((d, sent.start, sent.end, tier))
        out.append((doc, sentences))
    if jobs:
        _annotate_sentences(pipeline, docs, jobs)
    return out


def _run(nlp, names: Sequence[str], docs: Iterable["Doc"], batch: int) -> Iterator["Doc"]:  # type: ignore[no-untyped-def]
    stream: Iterable[Doc] = docs
    for name in names:
        proc = nlp.get_pipe(name)
        stream = proc.pipe(stream, batch_size=batch) if hasattr(proc, "pipe") else map(proc, stream)
    return iter(stream)


# Components that set token attributes from the token alone (and, for the attribute
# ruler, two-token patterns): they run once over all chosen sentences of a batch, joined
# with a line break between them (no pattern matches across it), which is far cheaper
# than once per sentence; they see no parse in either mode.
PER_TOKEN: frozenset[str] = frozenset({"attribute_ruler", "lemmatizer"})


def _annotate_sentences(pipeline: Pipeline, docs: Sequence["Doc"], jobs: Sequence[tuple[int, int, int, int]]) -> None:
    """Run the heavy components on each chosen sentence alone and copy what they set
    back into its chunk's Doc; the cheap layer's sentence boundaries are kept."""
    import numpy
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

    token_attrs: list[Any] = [TAG, POS, MORPH, LEMMA]
    parse_attrs: list[Any] = [DEP, HEAD] + ([ENT_IOB, ENT_TYPE] if "ner" in pipeline.heavy else [])
    arrays: dict[int, Any] = {d: docs[d].to_array(token_attrs + parse_attrs) for d in {job[0] for job in jobs}}
    # a group of sentences at a time: their copies and tok2vec output never pile up (a 4 MB letter)
    for at in range(0, len(jobs), GROUP):
        _annotate_group(pipeline, docs, jobs[at:at + GROUP], arrays, token_attrs, parse_attrs)
    for d, array in arrays.items():
        doc = docs[d]
        starts: Any = doc.to_array([SENT_START])
        doc.from_array(token_attrs + parse_attrs, array)
        doc.from_array([SENT_START], starts)
        doc.tensor = numpy.zeros((0,), dtype="float32")


def _annotate_group(pipeline: Pipeline, docs: Sequence["Doc"], jobs: Sequence[tuple[int, int, int, int]],
                    arrays: dict[int, Any], token_attrs: list[Any], parse_attrs: list[Any]) -> None:
    from spacy.attrs import LEMMA, MORPH, POS, SPACY, TAG
    from spacy.tokens import Doc

    nlp = pipeline.nlp
    tagged = [p for p in pipeline.heavy if p not in DEEP and p not in PER_TOKEN]
    deep = [p for p in pipeline.heavy if p in DEEP]
    per_token = [p for p in pipeline.heavy if p in PER_TOKEN]
    sentences = list(_run(nlp, tagged, (docs[d][start:end].as_doc() for d, start, end, _ in jobs), SENTENCE_BATCH))
    for _ in _run(nlp, deep, [s for s, job in zip(sentences, jobs) if job[3] >= 2], SENTENCE_BATCH):
        pass
    if per_token:
        gap = Doc(nlp.vocab, words=["\n"], spaces=[False])
        joined = Doc.from_docs([d for s in sentences for d in (s, gap)], ensure_whitespace=False,  # type: ignore[call-arg]
                               attrs=[TAG, POS, MORPH, LEMMA, SPACY], exclude=["user_data", "spans", "tensor"])
        joined = next(_run(nlp, per_token, [joined], 1))
        token_rows = joined.to_array(token_attrs)
    else:
        token_rows = None
    row = 0
    for (d, start, end, _), sentence in zip(jobs, sentences):
        width = end - start
        if token_rows is not None:
            arrays[d][start:end, :len(token_attrs)] = token_rows[row:row + width]
            arrays[d][start:end, len(token_attrs):] = sentence.to_array(parse_attrs)
        else:
            arrays[d][start:end] = sentence.to_array(token_attrs + parse_attrs)
        row += width + 1  # the gap token
