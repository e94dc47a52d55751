"""The engine: rules x scoped units of each letter -> findings.

It owns iteration: it cuts each letter's linted parts into chunks, runs spaCy
over the chunks of a few letters at a time (the cheap layer everywhere, the
tagger and parser on the sentences a rule's trigger selects: ``selection``), hands every rule the
units its ``scope`` selects, and stamps rule id, level and source coordinates on
what the rule's check reports.  Rules never see files and never print.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from .finding import FileResult, Finding, Level
from .kinds.base import Match, Matchers, Scope, ScoredSentence, Unit
from .kinds.regexes import RuleRegexError, RuleTimeout
from .letter import LINTED_PARTS, PARAGRAPH_BREAK, Letter
from .kinds.trigger import Trigger
from .nlp import Pipeline, lemma_inflections, load_pipeline, resolve_model
from .profiles import level_for
from .rules import UNITS, Rule
from .selection import BATCH, TriggerIndex, annotate
from .tone import ToneModel, ToneModels

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

# Parts longer than this are cut at paragraph (else line, else word) breaks; spaCy's
# time and memory grow faster than linearly with a Doc's length, and typical
# letters fit in one chunk.  Measured on 0.5 MB: 50k-char chunks 12.5 s / 1.8 GB,
# 3k-char chunks in batches of 16 about 8 s / 0.4 GB (benchmarks/bench.py).
CHUNK_CHARS = 3_000
_PARAGRAPH = PARAGRAPH_BREAK
# The part whose sentences a tone model scores: the letter's prose, the body (not the
# subject, greeting, complimentary close or signature, which are formulas, and never
# quoted replies); sentences of fewer words are not scored.
CLASSIFIED_PARTS: tuple[str, ...] = ("body",)
MIN_CLASSIFIED_WORDS = 4
# A single line break inside a paragraph, unless the next line starts a list item.
_WRAP = re.compile(r"(?<=[^\s])[ \t]*\r?\n(?=[ \t]*(?![-*•·–>]|\d+[.)]\s)\S)")


def soft_wrap(text: str) -> str:
    """The text spaCy parses: hard line wraps inside a paragraph become spaces.

    Every replaced character is replaced by exactly one space, so offsets into
    the parsed text are offsets into the letter.  Blank lines (paragraphs) and
    lines that start list items keep their breaks.
    """
    def join(m: re.Match[str]) -> str:
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        after_end = text.find("\n", m.end())
        after = text[m.end():after_end if after_end != -1 else len(text)]
        if before.rstrip().endswith(":") or "\t" in before or "\t" in after:
            return m.group(0)  # a table row or a list after a colon: a real break
        return " " * len(m.group(0))

    return _WRAP.sub(join, text)


@dataclass(frozen=True)
class Chunk:
    """A piece of one linted part, small enough for one spaCy Doc."""

    part: str
    start: int
    end: int


def chunk_letter(letter: Letter, limit: int = CHUNK_CHARS) -> list[Chunk]:
    """Cut the linted parts of a letter into chunks at paragraph, line or word breaks."""
    chunks: list[Chunk] = []
    for part in letter.parts:
        if part.kind not in LINTED_PARTS or part.end <= part.start:
            continue
        start = part.start
        while part.end - start > limit:
            window = letter.text[start:start + limit]
            cut = max((m.end() for m in _PARAGRAPH.finditer(window)), default=-1)
            if cut <= 0:
                cut = window.rfind("\n") + 1
            if cut <= 0:
                cut = window.rfind(" ") + 1
            if cut <= 0:
                cut = limit
            chunks.append(Chunk(part.kind, start, start + cut))
            start += cut
        chunks.append(Chunk(part.kind, start, part.end))
    return chunks


def selected_parts(rule: Rule) -> tuple[str, ...]:
    """The letter parts a rule's ``scope`` selects."""
    parts = [s for s in rule.scope if s not in UNITS and s != "text"]
    return tuple(LINTED_PARTS) if "text" in rule.scope or not parts else tuple(parts)


@dataclass
class _LetterView:
    """A letter with its chunks and their spaCy Docs (None when spaCy is not needed);
    ``sentences`` are (start, end, triggered check indexes) in letter offsets, in order."""

    letter: Letter
    chunks: list[Chunk]
    docs: list["Doc | None"]
    sentences: list[tuple[int, int, frozenset[int]]] = field(default_factory=list)
    _starts: list[int] | None = None

    def gate(self, unit: Unit, check: int) -> Unit:
        """The unit as a check with a trigger sees it: its Doc narrowed to the stretch
        from the first to the last of its sentences that trigger the check, no Doc
        when none does (a match needs its trigger's words in one sentence)."""
        if unit.doc is None:
            return unit
        if self._starts is None:
            self._starts = [s for s, _, _ in self.sentences]
        i = max(bisect_left(self._starts, unit.start) - 1, 0)
        focus: list[tuple[int, int]] = []
        while i < len(self.sentences) and self.sentences[i][0] < unit.end:
            start, end, hits = self.sentences[i]
            if end > unit.start and check in hits:
                focus.append((max(start, unit.start), min(end, unit.end)))
            i += 1
        if not focus:
            return replace(unit, doc=None)
        first, last = focus[0][0], focus[-1][1]
        if (first, last) == (unit.start, unit.end):
            return replace(unit, focus=tuple(focus))
        doc = unit.doc.doc
        span = doc.char_span(first - unit.base, last - unit.base, alignment_mode="expand")
        return replace(unit, doc=span if span is not None else unit.doc, focus=tuple(focus))

    def units(self, rule: Rule) -> tuple[tuple[Unit, ...], tuple[str, ...]]:
        selected = selected_parts(rule)
        unit_kind = next((s for s in rule.scope if s in UNITS), None)
        units: list[Unit] = []
        text = self.letter.text
        for chunk, doc in zip(self.chunks, self.docs):
            if chunk.part not in selected:
                continue
            if unit_kind == "sentence" and doc is not None:
                for sent in doc.sents:
                    units.extend(_sentence_units(chunk, doc, sent, text))
            elif unit_kind == "paragraph":
                pos = chunk.start
                for piece in _PARAGRAPH.split(text[chunk.start:chunk.end]):
                    begin = text.find(piece, pos) if piece else pos
                    if piece.strip():
                        span = doc.char_span(begin - chunk.start, begin - chunk.start + len(piece), alignment_mode="expand") if doc is not None else None
                        units.append(Unit(chunk.part, begin, begin + len(piece), piece, span, chunk.start))
                    pos = begin + len(piece)
            else:
                units.append(Unit(chunk.part, chunk.start, chunk.end, text[chunk.start:chunk.end], doc, chunk.start))
        return tuple(units), selected

    def prose_sentences(self) -> list[tuple[str, int, int, str]]:
        """(part, start, end, text) of each sentence of the prose parts: the parsed
        Docs' sentences, cut at the line breaks soft wrapping kept (list items, table
        rows), not at the guesses of ``_sentence_units`` (a wrapped line that starts
        with a digit would leave a fragment, and fragments score badly)."""
        found: list[tuple[str, int, int, str]] = []
        for chunk, doc in zip(self.chunks, self.docs):
            if chunk.part not in CLASSIFIED_PARTS or doc is None:
                continue
            for sent in doc.sents:
                offset = chunk.start + sent.start_char
                for raw in sent.text.split("\n"):
                    text = " ".join(raw.split())
                    if len(text.split()) >= MIN_CLASSIFIED_WORDS:
                        start = offset + (len(raw) - len(raw.lstrip()))
                        found.append((chunk.part, start, start + len(raw.strip()), text))
                    offset += len(raw) + 1
        return found

    def anchor(self, selected: Sequence[str]) -> int:
        """Where a letter-level finding goes: the first selected part, else the body."""
        for kinds in (selected, ("body",), LINTED_PARTS):
            for part in self.letter.parts:
                if part.kind in kinds:
                    return part.start
        text = self.letter.text
        return len(text) - len(text.lstrip())


class Linter:
    """Lints letters with a fixed set of rules; loads the spaCy pipeline once, lazily."""

    def __init__(self, rules: Iterable[Rule], *, model: str | None = None,
                 min_level: Level = Level.SUGGESTION,
                 pipeline: Pipeline | None = None, thorough: bool = False) -> None:
        self.rules = list(rules)
        self.thorough = thorough  # run the tagger and parser on every sentence (no selection)
        if model is not None and pipeline is None:
            resolve_model(model)  # a wrong name is an error even when no rule needs spaCy
        self.model = model
        self.min_level = min_level
        variants = [v for r in self.rules for v in r.by_genre.values() if v is not None]
        self.needs = frozenset().union(*(r.needs for r in [*self.rules, *variants])) if self.rules else frozenset()
        self._pipeline: Pipeline | None = pipeline  # a loaded pipeline may be shared between linters
        self._matchers: Matchers | None = None
        self._tone = ToneModels()  # each tone model loads on first use, once per linter
        # the checks that need the tagger or parser, by identity -> index in the trigger index
        checks = [r.check for r in [*self.rules, *variants] if r.check.trigger is not None]
        self._check_ids: dict[int, int] = {}
        self._triggers: list[Trigger] = []
        for check in checks:
            if id(check) not in self._check_ids:
                self._check_ids[id(check)] = len(self._triggers)
                self._triggers.append(check.trigger)  # type: ignore[arg-type]
        self._index: TriggerIndex | None = None
        # the checks that read the parse or entities (the rest need only tags and lemmas)
        self._deep = frozenset(i for c in checks if (i := self._check_ids[id(c)]) is not None
                               and c.needs & {"deps", "entities"})

    @property
    def matchers(self) -> Matchers:
        """This linter's spaCy matchers, built for its pipeline's vocabulary."""
        if self._matchers is None or self._matchers.vocab is not self.pipeline.nlp.vocab:
            self._matchers = Matchers(self.pipeline.nlp.vocab)
        return self._matchers

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = load_pipeline(self.model, self.needs)
        return self._pipeline

    @property
    def trigger_index(self) -> TriggerIndex:
        if self._index is None:
            self._index = TriggerIndex(self._triggers, lemma_inflections(self.pipeline.nlp))
        return self._index

    def _views(self, letters: Sequence[Letter], actives: Sequence[list[tuple[Rule, Level]]],
               needs: frozenset[str]) -> Iterator[_LetterView]:
        chunked = [(letter, chunk_letter(letter)) for letter in letters]
        if not needs:
            for letter, chunks in chunked:
                yield _LetterView(letter, chunks, [None] * len(chunks))
            return
        pipeline = self.pipeline
        index = self.trigger_index if self._triggers else None
        batch: list[int] = []
        size = 0
        for n, (_, chunks) in enumerate(chunked):
            batch.append(n)
            size += len(chunks)
            if size >= BATCH or n == len(chunked) - 1:
                yield from self._annotated([chunked[i] for i in batch], [actives[i] for i in batch], index)
                batch, size = [], 0

    def _annotated(self, chunked: Sequence[tuple[Letter, list[Chunk]]], actives: Sequence[list[tuple[Rule, Level]]],
                   index: TriggerIndex | None) -> Iterator[_LetterView]:
        """Views of a few letters: one cheap pass over all their chunks, then the heavy
        components on the sentences their active rules' triggers select."""
        owners: list[tuple[int, str]] = []  # (letter in batch, part) of each chunk
        texts: list[str] = []
        allowed: list[dict[str, frozenset[int]]] = []
        for n, ((letter, chunks), active) in enumerate(zip(chunked, actives)):
            for c in chunks:
                owners.append((n, c.part))
                texts.append(soft_wrap(letter.text[c.start:c.end]))
            allowed.append(self._allowed(letter, chunks, active))

        def wanted(d: int, hits: frozenset[int]) -> int:
            n, part = owners[d]
            chosen = hits & allowed[n].get(part, frozenset())
            return 0 if not chosen else 2 if chosen & self._deep else 1

        annotated = iter(annotate(self.pipeline, texts, index, None if self.thorough else wanted))
        for letter, chunks in chunked:
            docs: list[Doc | None] = []
            sentences: list[tuple[int, int, frozenset[int]]] = []
            for chunk in chunks:
                doc, sents = next(annotated)
                docs.append(doc)
                sentences.extend((chunk.start + a, chunk.start + b, hits) for a, b, hits in sents)
            yield _LetterView(letter, chunks, docs, sentences)

    def _allowed(self, letter: Letter, chunks: Sequence[Chunk], active: Sequence[tuple[Rule, Level]]) -> dict[str, frozenset[int]]:
        """Part -> the checks (trigger indexes) whose trigger may ask for the heavy
        components there: active rules that look at that part and whose result is
        not settled without them (``Check.settled``)."""
        allowed: dict[str, set[int]] = {}
        for rule, _ in active:
            check = self._check_ids.get(id(rule.check))
            if check is None:
                continue
            parts = selected_parts(rule)
            if not any(s in UNITS for s in rule.scope):
                texts = [letter.text[c.start:c.end] for c in chunks if c.part in parts]
                if rule.check.settled(letter, texts):
                    continue
            for part in parts:
                allowed.setdefault(part, set()).add(check)
        return {part: frozenset(ids) for part, ids in allowed.items()}

    def lint_letters(self, letters: Sequence[Letter], *, only: Iterable[str] | None = None) -> list[FileResult]:
        """Lint letters; ``only`` restricts the run to the given rule ids."""
        wanted = set(only) if only is not None else None
        rules = [r for r in self.rules if wanted is None or r.id in wanted]
        variants = [v for r in rules for v in r.by_genre.values() if v is not None]
        needs = frozenset().union(*(r.needs for r in [*rules, *variants])) if rules else frozenset()
        if not letters:
            return []  # nothing to lint (every letter came from the cache): no spaCy
        matchers = self.matchers if needs else None
        models = {c.spec.model.path: c.spec.model for r in rules for c in r.classifiers}
        actives: list[list[tuple[Rule, Level]]] = []
        for letter in letters:
            active = []
            for written in rules:
                rule = written.for_genre(letter.genre)
                if rule is None:
                    continue
                level = level_for(letter, rule.id, rule.level)  # a reader's profile may change it
                if level is None or level < self.min_level:
                    continue
                active.append((rule, level))
            actives.append(active)
        results = []
        for view, active in zip(self._views(letters, actives, needs), actives):
            findings: dict[tuple[str, int, int, str], Finding] = {}
            scored = self._score(view, models.values()) if models else {}
            notices = [view.letter.source.notice] if view.letter.source.notice else []
            for rule, level in active:
                units, selected = view.units(rule)
                scope = Scope(view.letter, units, selected, view.anchor(selected), matchers, scored)
                check = self._check_ids.get(id(rule.check))
                # a unit no sentence of which triggers the check keeps its text, not its Doc
                gated = scope if check is None or self.thorough else replace(
                    scope, units=tuple(view.gate(u, check) for u in units))
                try:
                    for match in _rule_matches(rule, gated, scope):
                        found_level = match.level if match.level is not None and match.level < level else level
                        if found_level < self.min_level:
                            continue
                        finding = self._finding(view.letter, rule, found_level, match)
                        # one finding per rule and span; a check that words its own message (one per
                        # reader of a letter to several) keeps one per message
                        findings.setdefault((finding.rule, finding.start, finding.end, match.message or ""), finding)
                except RuleRegexError as exc:  # a shipped rule under edit whose regex does not compile
                    notices.append(f"rule {rule.id} ({rule.path}): {exc}; the other rules ran")
                except RuleTimeout as exc:  # a backtracking user pattern: skip the rule here, go on
                    notices.append(f"rule {rule.id} gave up on {view.letter.path} ({exc}); the other rules ran")
            ordered = tuple(sorted(findings.values()))
            results.append(FileResult(view.letter.path, ordered, view.letter, notices=tuple(notices)))
        return results

    def lint_letter(self, letter: Letter, *, only: Iterable[str] | None = None) -> FileResult:
        return self.lint_letters([letter], only=only)[0]

    def _score(self, view: _LetterView, models: Iterable[ToneModel]) -> dict[str, tuple[ScoredSentence, ...]]:
        """The letter's prose sentences scored by each tone model (one ``nlp.pipe`` each)."""
        sentences = view.prose_sentences()
        texts = [text for _, _, _, text in sentences]
        scored: dict[str, tuple[ScoredSentence, ...]] = {}
        for model in models:
            scores = self._tone.score(model, texts)
            scored[model.path] = tuple(ScoredSentence(part, start, end, text, score)
                                       for (part, start, end, text), score in zip(sentences, scores))
        return scored

    @staticmethod
    def _finding(letter: Letter, rule: Rule, level: Level, match: Match) -> Finding:
        source = letter.source
        start, end = letter.offsets.span_to_source(match.start, match.end)
        line, column = source.position(start)
        end_line, end_column = source.position(end)
        matched = source.text[start:end]
        args = match.args or (letter.text[match.start:match.end],)
        return Finding(
            path=letter.path, start=start, end=end, rule=rule.id, level=level,
            message=match.message if match.message is not None else format_message(rule.message, args), line=line, column=column,
            end_line=end_line, end_column=end_column, match=matched, suggestions=match.suggestions,
            part=letter.part_at(match.start), context=_line_of(letter.text, match.start),
            signal=match.signal, score=match.score,
        )


# A line break inside a sentence that starts a new item rather than wrapping
# prose: the line before ends without a comma, joining word or hyphen, and the
# next line is indented or opens with a capital or a digit (not "I").
# A match starts only where the blanks before the break start (a run of blanks
# is scanned once, not once per blank).
_ITEM_BREAK = re.compile(r"(?<![,;&/ \t-])[ \t]*\r?\n(?=[ \t]+\S|(?!I\b)[A-Z0-9])")
_JOINING = frozenset("""a an the and or nor but of to in on at from for by with about than that since until into per via as
our your their its his her my this these those is are was were be been will would can could shall should may might must
has have had not no which who whom whose when where while if so such very more most less mr mrs ms dr st""".split())


# A full stop and two spaces before a capital: a sentence boundary the parser
# can miss after a URL ("... at http://mail.example.com/.  You will be ...").
_SENTENCE_GAP = re.compile(r"(?<=[.!?])[ ](?= [A-Z])")


def _ends_item(before: str) -> bool:
    words = before.rsplit(None, 1)
    return bool(words) and words[-1].lower().strip(".'\"()") not in _JOINING


def _sentence_units(chunk: Chunk, doc: "Doc", sent: "Span", text: str) -> Iterator[Unit]:
    """A sentence as units: cut at the line breaks that soft wrapping kept (list
    items, table rows, lines after a colon), and at breaks in the letter that
    start a new item (a list without bullets), which no reader runs together."""
    original = text[chunk.start + sent.start_char:chunk.start + sent.end_char]
    cuts = sorted({i for i, c in enumerate(sent.text) if c == "\n"}
                  | {m.end() - 1 for m in _ITEM_BREAK.finditer(original) if _ends_item(original[:m.start()])}
                  | {m.start() for m in _SENTENCE_GAP.finditer(original)})
    begin = sent.start_char
    pieces = []
    last = 0
    for cut in cuts:
        pieces.append(sent.text[last:cut])
        last = cut + 1
    pieces.append(sent.text[last:])
    for piece in pieces:
        start, end = begin, begin + len(piece)
        begin = end + 1
        if not piece.strip():
            continue
        span = sent if (start, end) == (sent.start_char, sent.end_char) else \
            doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            yield Unit(chunk.part, chunk.start + start, chunk.start + end, piece, span, chunk.start)


def _rule_matches(rule: Rule, gated: Scope, scope: Scope) -> list[Match]:
    """A rule's matches: its kind's (on the ``gated`` scope: only units its trigger hit
    carry Docs), then its classifier block's on sentences that none of the former
    overlaps (a sentence caught by both is reported once)."""
    matches = list(rule.check.run(gated))
    if rule.classifier is not None:
        own = [(m.start, m.end) for m in matches]
        matches.extend(m for m in rule.classifier.run(scope)
                       if not any(start < m.end and m.start < end for start, end in own))
    return matches


def format_message(template: str, args: Sequence[str]) -> str:
    """Fill ``%s`` placeholders in order (Vale's convention); ``%%`` is a percent sign."""
    out: list[str] = []
    index = 0
    i = 0
    while i < len(template):
        if template.startswith("%%", i):
            out.append("%")
            i += 2
        elif template.startswith("%s", i):
            out.append(args[min(index, len(args) - 1)] if args else "")
            index += 1
            i += 2
        else:
            out.append(template[i])
            i += 1
    return " ".join("".join(out).split())


def _line_of(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end != -1 else len(text)].strip()
