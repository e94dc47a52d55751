"""Build the tone classifier's train and dev sets, deterministically from a seed.

    python training/build.py [--seed 13] [--out training/corpus] [--enron DIR]

Inputs (nothing else is read):

- ``training/data/*.jsonl``: one sentence a line, ``{"text": ..., "label": "Excuse"}``
  for a positive, ``{"text": ..., "label": null, "near": "Excuse"}`` for a near miss
  (a sentence on the same topic that a careful editor leaves alone);
- the examples of the Business pack (``rules/Business/*.yml``): the bad examples of
  the fourteen classified rules are positives of their label, the good examples of
  every rule are negatives;
- labelled letters: the held-out rounds that have been used for tuning and so are
  no longer held out (``TRAINING_ROUNDS`` of ``tests/heldout``), and the training
  letter sets of ``training/letters/`` (written for training, never evaluated on):
  the sentence holding each labelled phrase of a classified rule is a positive of
  that rule; a sentence holding no labelled phrase at all is a negative.  The
  newest round, the one whose first run is the honest figure, is never in that
  list (an evaluation round: training must not see it);
- real ordinary sentences from the Enron mail of ``../shared/realmail/enron``, files
  0001-0199 only (0200-0400 stay held out for the real-mail noise measurement).
  The Enron text is read from there at build time; it is never copied into this
  repository or the wheel.

Every example carries all fourteen labels (1.0 for its own, 0.0 for the others).
An example goes to dev when a seeded hash of its text (for real mail: of its
file, so a mail is all train or all dev) falls in the dev share, so adding
sentences never moves old ones between train and dev.  The output folder
gets ``train.spacy``, ``dev.spacy`` and ``inputs.sha256``: the sha256 of the built
examples and of ``training/config.cfg``, which ``training.json`` of the shipped
model records and a test recomputes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import yaml

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training"
DATA = TRAINING / "data"
CONFIG = TRAINING / "config.cfg"
RULES = ROOT / "rules" / "Business"
ENRON = ROOT.parent / "shared" / "realmail" / "enron"
HELDOUT = ROOT / "tests" / "heldout"
# Rounds whose first run is reported and that were since used for tuning (tests/heldout/README.md).
TRAINING_ROUNDS = tuple(range(9, 20))
LETTERS = TRAINING / "letters"
# Enron files 0001-0199 are training negatives; 0200 and later are held out.
ENRON_TRAINING_FILES = range(1, 200)
DEFAULT_SEED = 13
DEV_SHARE = 0.2
LABELS: tuple[str, ...] = (
    "Excuse", "Sugarcoating", "CasualConcession", "SympathySeeking", "EmotionalLament", "Hedging",
    "PushyFollowUp", "Ultimatum", "NonApology", "UnilateralChange", "Hostile", "VagueCommitment",
    "SalesPressure", "PassiveEvasion",
)
MIN_WORDS, MAX_WORDS = 3, 60


@dataclass(frozen=True)
class Example:
    text: str
    labels: frozenset[str]  # the labels this sentence is a positive of (empty: a negative)
    source: str  # where it came from: data file, rule examples or enron
    group: str = ""  # what decides its split: its text, or for real mail its file (a mail is all train or all dev)

    def cats(self) -> dict[str, float]:
        return {label: float(label in self.labels) for label in LABELS}


def normalise(text: str) -> str:
    return " ".join(text.split())


def _sentencizer():  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(texts: Iterable[str]) -> Iterator[str]:
    """Sentences of prose texts, split by spaCy's rule-based sentencizer (deterministic)."""
    nlp = _sentencizer()
    for doc in nlp.pipe(normalise(t) for t in texts):
        for sent in doc.sents:
            text = sent.text.strip()
            if MIN_WORDS <= len(text.split()) <= MAX_WORDS and re.search(r"[A-Za-z]{2}", text):
                yield text


def data_examples(folder: Path = DATA) -> Iterator[Example]:
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{number}: not JSON: {exc}") from None
            label = item.get("label")
            if label is not None and label not in LABELS:
                raise SystemExit(f"{path}:{number}: unknown label {label!r}; expected one of {', '.join(LABELS)}")
            text = normalise(str(item.get("text", "")))
            if text:
                yield Example(text, frozenset({label}) if label else frozenset(), path.name)


def rule_examples(folder: Path = RULES) -> Iterator[Example]:
    """Bad examples of the classified rules (positives) and good examples of every rule (negatives)."""
    goods: list[str] = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        examples = data.get("examples") or {}
        if path.stem in LABELS:
            for text in examples.get("bad") or []:
                yield Example(normalise(text), frozenset({path.stem}), f"rules/Business/{path.name}")
        goods.extend(examples.get("good") or [])
    for text in sentences(goods):
        yield Example(text, frozenset(), "rules/Business good examples")


def enron_examples(folder: Path = ENRON) -> Iterator[Example]:
    for number in ENRON_TRAINING_FILES:
        path = folder / f"{number:04d}.txt"
        if not path.is_file():
            continue
        body = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
                if not line.startswith("Subject:")]
        paragraphs = [p for p in re.split(r"\n\s*\n", "\n".join(body)) if p.strip()]
        for text in sentences(paragraphs):
            yield Example(text, frozenset(), "enron", f"enron/{path.name}")


_QUOTED = re.compile(r"^\s+- ([A-Za-z|]+):\d+\s+#\s+'(.*)'\s*$")
_MARKUP = re.compile(r"\*\*|__|`|^#+\s+|^[-*+]\s+|^\d+[.)]\s+")


def _letter_paragraphs(text: str, eml: bool) -> list[str]:
    """The prose paragraphs of a letter: no mail headers, no quoted reply lines."""
    if eml:
        text = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    return [p for p in re.split(r"\n\s*\n", "\n".join(lines)) if p.strip()]


def _round_labels(path: Path) -> dict[str, list[tuple[frozenset[str], str]]]:
    """Per letter of a labels.yml: (rules, quoted phrase) of every labelled item."""
    found: dict[str, list[tuple[frozenset[str], str]]] = {}
    letter = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            letter = line.rstrip()[:-1]
            found.setdefault(letter, [])
        elif (match := _QUOTED.match(line)) and letter:
            rules = frozenset(match.group(1).split("|"))
            # A quote may join parts of a phrase: 'part one' / 'part two', or "part ... part".
            for part in re.split(r"'\s*/\s*'|\.\.\.|\u2026", match.group(2)):
                if len(part := normalise(part).strip(" '")) >= 8:
                    found[letter].append((rules, part))
    return found


def letter_examples(folder: Path, source: str) -> Iterator[Example]:
    """Sentences of a labelled letter set (a ``labels.yml`` beside its letters, the
    format of ``tests/heldout``): the sentence holding a labelled phrase of a classified
    rule is a positive of that rule; one holding no labelled phrase is a negative.
    A letter is all train or all dev (its group), as a mail is."""
    nlp = _sentencizer()
    for letter, items in _round_labels(folder / "labels.yml").items():
        path = folder / letter
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        for paragraph in _letter_paragraphs(text, path.suffix == ".eml"):
            for sent in nlp(normalise(paragraph)).sents:
                raw = sent.text.strip()
                hits = [rules for rules, quote in items if quote[:40] in raw or raw in quote]
                clean = normalise(" ".join(_MARKUP.sub("", part) for part in raw.split(" ")))
                if not (MIN_WORDS <= len(clean.split()) <= MAX_WORDS and re.search(r"[A-Za-z]{2}", clean)):
                    continue
                labels = frozenset(rule for rules in hits for rule in rules if rule in LABELS)
                if hits and not labels:
                    continue  # a labelled phrase of another rule (a long sentence, a shout): neither
                yield Example(clean, labels, source, f"{source}/{letter}")


def round_examples(heldout: Path = HELDOUT, rounds: Iterable[int] = TRAINING_ROUNDS,
                   letters: Path = LETTERS) -> Iterator[Example]:
    """The tuned held-out rounds and the training letter sets of ``training/letters``."""
    for number in rounds:
        yield from letter_examples(heldout / f"round{number}", f"heldout/round{number}")
    for folder in sorted(p.parent for p in letters.glob("*/labels.yml")):
        yield from letter_examples(folder, f"letters/{folder.name}")


def merge(examples: Iterable[Example]) -> list[Example]:
    """One example per sentence (by its text, case and spacing aside): the labels of
    every positive it is; a sentence that is a positive anywhere is no negative."""
    merged: dict[str, Example] = {}
    for example in examples:
        key = example.text.casefold()
        old = merged.get(key)
        if old is None:
            merged[key] = example
        elif example.labels - old.labels:
            merged[key] = Example(old.text, old.labels | example.labels, old.source, old.group)
    return sorted(merged.values(), key=lambda e: e.text)


def is_dev(example: Example, seed: int) -> bool:
    """Whether an example is in dev: a seeded hash of its group (its text, or its mail)."""
    key = example.group or example.text.casefold()
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < DEV_SHARE


def split(examples: list[Example], seed: int) -> tuple[list[Example], list[Example]]:
    """Train and dev.  Real mail is split by file, so dev's real sentences come from
    mails training never saw (sentences of one mail share its writer and topic)."""
    train = [e for e in examples if not is_dev(e, seed)]
    dev = [e for e in examples if is_dev(e, seed)]
    return train, dev


def collect(enron: Path = ENRON) -> list[Example]:
    if not enron.is_dir():
        raise SystemExit(f"{enron}: Enron folder not found (the training negatives come from shared/realmail/enron)")
    return merge([*data_examples(), *rule_examples(), *round_examples(), *enron_examples(enron)])


def inputs_hash(train: list[Example], dev: list[Example], seed: int, config: Path = CONFIG) -> str:
    """The sha256 of what training sees: the examples of each split, the seed and the config."""
    digest = hashlib.sha256()
    digest.update(f"seed={seed}\n".encode())
    for name, part in (("train", train), ("dev", dev)):
        for example in part:
            digest.update(json.dumps([name, example.text, sorted(example.labels)], ensure_ascii=False).encode())
            digest.update(b"\n")
    digest.update(config.read_bytes())
    return digest.hexdigest()


def current_hash(seed: int = DEFAULT_SEED, enron: Path = ENRON) -> str:
    train, dev = split(collect(enron), seed)
    return inputs_hash(train, dev, seed)


def write_docbin(examples: list[Example], path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docbin = DocBin()
    for example in examples:
        doc = nlp.make_doc(example.text)
        doc.cats = example.cats()
        docbin.add(doc)
    docbin.to_disk(path)


def stats(examples: list[Example]) -> dict[str, int]:
    counts = {label: sum(label in e.labels for e in examples) for label in LABELS}
    counts["negatives"] = sum(not e.labels for e in examples)
    counts["enron negatives"] = sum(e.source == "enron" for e in examples)
    counts["letter sentences"] = sum(e.source.startswith(("heldout/", "letters/")) for e in examples)
    return counts


def build(out: Path, seed: int = DEFAULT_SEED, enron: Path = ENRON) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    train, dev = split(collect(enron), seed)
    write_docbin(train, out / "train.spacy")
    write_docbin(dev, out / "dev.spacy")
    digest = inputs_hash(train, dev, seed)
    (out / "inputs.sha256").write_text(digest + "\n", encoding="utf-8")
    summary = {"seed": seed, "sha256": digest, "train": stats(train), "dev": stats(dev)}
    (out / "stats.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=TRAINING / "corpus")
    parser.add_argument("--enron", type=Path, default=ENRON)
    args = parser.parse_args()
    print(json.dumps(build(args.out, args.seed, args.enron), indent=2))


if __name__ == "__main__":
    main()
