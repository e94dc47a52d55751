"""A reproducible benchmark corpus: letters recombined from the repository's own letters.

    python benchmarks/corpus.py OUT_DIR [--letters 1000] [--seed 16]

The sentences come from ``examples/*.txt`` and ``tests/corpus/*.txt`` (letters
written for this project), cut into greetings, body sentences and closings and
recombined at random from ``--seed``: the same seed always gives the same
files.  No real e-mail text is used.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "examples", ROOT / "tests" / "corpus")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
_GREETING = re.compile(r"^(?:dear|hi|hello|hey|good morning|good afternoon|morning|team|all)\b.{0,40}[,:!]?$", re.I)
_CLOSING = re.compile(r"^(?:best|kind|warm|many|regards|thanks|thank you|sincerely|yours|cheers|all the best|speak soon)\b.{0,25}[,!]?$", re.I)


@dataclass(frozen=True)
class Pieces:
    subjects: list[str]
    greetings: list[str]
    sentences: list[str]
    closings: list[str]
    names: list[str]


def pieces(sources: tuple[Path, ...] = SOURCES) -> Pieces:
    """Cut every source letter into its subject, greeting, body sentences and close."""
    subjects: list[str] = []
    greetings: list[str] = []
    sentences: list[str] = []
    closings: list[str] = []
    names: list[str] = []
    files = sorted(p for folder in sources for p in folder.glob("*.txt"))
    for path in files:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        for i, para in enumerate(paragraphs):
            lines = para.splitlines()
            if lines[0].lower().startswith("subject:"):
                subjects.append(lines[0][len("subject:"):].strip())
                lines = lines[1:]
                if not lines:
                    continue
            if len(lines) == 1 and _GREETING.match(lines[0]) and i <= 2:
                greetings.append(lines[0])
            elif _CLOSING.match(lines[0]) and len(lines) <= 4:
                closings.append(lines[0])
                names.extend(line for line in lines[1:] if len(line) < 40)
            elif len(para.split()) >= 6:
                flat = " ".join(para.split())
                sentences.extend(s for s in _SENTENCE.split(flat) if len(s.split()) >= 3)
    return Pieces(subjects or ["Update"], greetings or ["Hello,"], sentences, closings or ["Regards,"], names or ["Sam"])


def wrap(text: str, width: int = 76) -> str:
    """Hard-wrap a paragraph as a mail client would."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def letter(rng: random.Random, p: Pieces) -> str:
    """One letter: subject, greeting, two to five paragraphs of one to five sentences, close."""
    paragraphs = [" ".join(rng.choice(p.sentences) for _ in range(rng.randint(1, 5)))
                  for _ in range(rng.randint(2, 5))]
    parts = [f"Subject: {rng.choice(p.subjects)}", rng.choice(p.greetings)]
    parts += [wrap(para) for para in paragraphs]
    parts.append(f"{rng.choice(p.closings)}\n{rng.choice(p.names)}")
    return "\n\n".join(parts) + "\n"


def build(out: Path, count: int = 1000, seed: int = 16) -> tuple[list[Path], int]:
    """Write ``count`` letters into ``out``; returns the files and their word count."""
    rng = random.Random(seed)
    p = pieces()
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    words = 0
    for i in range(count):
        text = letter(rng, p)
        words += len(text.split())
        path = out / f"letter{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    files, words = build(args.out, args.letters, args.seed)
    print(f"{len(files)} letters, {words} words in {args.out}")


if __name__ == "__main__":
    main()
