"""What the tone classifier costs: prints figures, asserts nothing.

    python benchmarks/classifier_cost.py [--letters 200] [--repeat 3]

- model size on disk and the time to load it (once per linter, lazily);
- scoring cost per 1,000 words: the tone model alone over the prose
  sentences of N copies of the example letters;
- the whole pack over the same letters with and without the classifier blocks
  (same rules otherwise), and the classifier's share of that time;
- one cold ``tonecheck`` run on a 300-word letter (a new process: both models load).
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.rules import load_rules
from tonecheck.source import SourceText
from tonecheck.tone import SHIPPED_TONE_MODEL, ToneModels, resolve_tone_model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


def best_of(repeat: int, func) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    letters = [read_letter(SourceText(f"letter{i}.txt", texts[i % len(texts)])) for i in range(args.letters)]
    words = sum(len(letter.text.split()) for letter in letters)

    size = sum(p.stat().st_size for p in SHIPPED_TONE_MODEL.rglob("*") if p.is_file())
    model = resolve_tone_model()
    tone = ToneModels()
    load = best_of(1, lambda: tone.load(model))
    print(f"tone model   {size / 1e6:.1f} MB on disk, {len(model.labels)} labels, loaded in {load * 1000:.0f} ms")

    rules = load_rules()
    with_tone = Linter(rules)
    without = Linter([dataclasses.replace(r, classifier=None) for r in rules], pipeline=with_tone.pipeline)
    with_tone.lint_letters(letters[:2])  # load both pipelines before timing
    sentences = [s[3] for letter in letters for s in _prose(with_tone, letter)]
    prose_words = sum(len(s.split()) for s in sentences)
    scoring = best_of(args.repeat, lambda: tone.score(model, sentences))
    print(f"scoring      {len(sentences)} sentences, {prose_words} words of prose: {scoring:.3f} s "
          f"= {scoring / prose_words * 1000 * 1000:.1f} ms per 1,000 words")
    full = best_of(args.repeat, lambda: with_tone.lint_letters(letters))
    plain = best_of(args.repeat, lambda: without.lint_letters(letters))
    print(f"whole pack   {args.letters} letters, {words} words: with classifier {full:.2f} s, "
          f"without {plain:.2f} s; the classifier's share {(full - plain) / full:.1%} "
          f"({(full - plain) / words * 1000 * 1000:.1f} ms per 1,000 words)")

    exe = shutil.which("tonecheck")
    if exe:
        tmp = Path(tempfile.mkdtemp(prefix="tonecheck-cost-"))
        try:
            draft = tmp / "draft.txt"
            body = " ".join(" ".join(t.split("\n\n", 1)[-1].split()) for t in texts).split()[:290]
            draft.write_text("Dear Ms Patel,\n\n" + " ".join(body) + "\n\nBest regards,\nJo Bell\n", encoding="utf-8")
            cold = best_of(args.repeat, lambda: subprocess.run([exe, "--no-cache", str(draft)], stdout=subprocess.DEVNULL))
            cold_plain = best_of(args.repeat, lambda: subprocess.run(
                [exe, "--no-cache", "--ignore", ",".join(f"Business.{label}" for label in model.labels), str(draft)],
                stdout=subprocess.DEVNULL))
            print(f"cold run     tonecheck draft.txt (300 words): {cold:.2f} s "
                  f"(without the {len(model.labels)} classified rules {cold_plain:.2f} s)")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _prose(linter: Linter, letter):  # type: ignore[no-untyped-def]
    """The prose sentences the engine scores for one letter."""
    rules = list(linter.rules)
    needs = frozenset().union(*(r.needs for r in rules)) if rules else frozenset()
    view = next(linter._views([letter], [[(r, r.level) for r in rules]], needs))
    return view.prose_sentences()


if __name__ == "__main__":
    sys.exit(main())
