"""Benchmark tonecheck: prints figures, asserts nothing.

    python benchmarks/bench.py [--letters 200] [--big-mb 1]

Every figure is measured in this one run, so compare ratios rather than
absolute times (machines are shared and noisy):

- start-up: ``tonecheck --version`` (must not import spaCy) against a bare
  ``python -c pass``;
- lint throughput over N copies of the example letters with all rules, and
  with the regex-only rules (no spaCy at all);
- one big letter of ``--big-mb`` megabytes (chunked through spaCy);
- peak resident memory of each run (``ru_maxrss`` of the child process).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


def timed(cmd: list[str], repeat: int = 1) -> tuple[float, float, int]:
    """(best seconds, peak RSS MB of the children, exit code) of running ``cmd``."""
    best = float("inf")
    code = 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        best = min(best, time.perf_counter() - start)
        code = proc.returncode
        if code not in (0, 1):
            sys.exit(f"command failed ({code}): {' '.join(cmd)}\n{proc.stderr}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return best, peak_mb, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=200, help="letters in the throughput corpus")
    parser.add_argument("--big-mb", type=float, default=1.0, help="size of the big letter in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is reported)")
    args = parser.parse_args()
    exe = shutil.which("tonecheck") or sys.exit("tonecheck is not installed (pip install .)")
    tmp = Path(tempfile.mkdtemp(prefix="tonecheck-bench-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
        for i in range(args.letters):
            (corpus / f"letter{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
        words = sum(len(texts[i % len(texts)].split()) for i in range(args.letters))
        paragraph = "\n\n".join(t.split("\n\n", 2)[-1] for t in texts) + "\n\n"
        big = tmp / "big.txt"
        big.write_text(paragraph * max(1, int(args.big_mb * 1024 * 1024 / len(paragraph.encode()))), encoding="utf-8")

        bare, _, _ = timed([sys.executable, "-c", "pass"], args.repeat)
        version, _, _ = timed([exe, "--version"], args.repeat)
        print(f"start-up     python -c pass {bare * 1000:7.0f} ms | tonecheck --version {version * 1000:7.0f} ms "
              f"(ratio {version / bare:.1f}x)")

        one, _, _ = timed([exe, "--format", "json", str(EXAMPLES[0])], args.repeat)
        print(f"one letter   {one:7.2f} s  (model load included)")

        full, rss_full, _ = timed([exe, "--format", "json", str(corpus)], args.repeat)
        print(f"corpus       {args.letters} letters, {words} words, all rules: {full:7.2f} s "
              f"= {args.letters / full:6.1f} letters/s, {words / full:8.0f} words/s, peak {rss_full:6.0f} MB")
        from tonecheck.rules import load_rules

        plain = [r.id for r in load_rules() if not r.needs]
        fast, _, _ = timed([exe, "--format", "json", "--select", ",".join(plain), str(corpus)], args.repeat)
        print(f"corpus       the {len(plain)} rules that need no spaCy (not loaded): {fast:7.2f} s "
              f"(all rules / these = {full / fast:.1f}x)")

        size_mb = big.stat().st_size / 1024 / 1024
        big_time, rss_big, _ = timed([exe, "--format", "json", str(big)], 1)
        print(f"big letter   {size_mb:.1f} MB: {big_time:7.2f} s = {size_mb / big_time:.2f} MB/s, peak {rss_big:6.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"(python {sys.version.split()[0]}, {os.cpu_count()} cpus)")


if __name__ == "__main__":
    main()
