"""``--jobs``: lint many letters in a pool of processes, results in input order.

Each worker process builds one Linter from the run's rules (so loads spaCy
once) and lints the batches of letters it is handed; only findings and
notices travel back, and they are put together with the letters in the order
they were given, so the output is the same as with one process.
"""

from __future__ import annotations

import os
from typing import Sequence

from .engine import Linter
from .finding import FileResult, Finding, Level
from .kinds.regexes import compile_all
from .letter import Letter
from .rules import Rule

# Below this many letters to lint, a second process costs more (its own start-up and
# spaCy load, about a second) than it saves; above it, one more process per this many.
LETTERS_PER_JOB = 60
MAX_BATCH = 25  # letters per task: small enough to balance the load, large enough for nlp.pipe

# The linter of this worker process (set once by ``_start``, in the worker only).
_worker: Linter | None = None


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(letters: int) -> int:
    """As many processes as pay for themselves: 1 for a few letters, at most one per CPU."""
    return max(1, min(available_cpus(), letters // LETTERS_PER_JOB))


def _start(rules: list[Rule], model: str | None, min_level: Level, thorough: bool) -> None:
    global _worker
    _worker = Linter(rules, model=model, min_level=min_level, thorough=thorough)


def _lint(letters: list[Letter]) -> list[tuple[tuple[Finding, ...], tuple[str, ...]]]:
    assert _worker is not None, "the worker was not started"
    return [(r.findings, r.notices) for r in _worker.lint_letters(letters)]


def lint_letters(linter: Linter, letters: Sequence[Letter], jobs: int = 0) -> list[FileResult]:
    """``linter.lint_letters(letters)``, in ``jobs`` processes (0: ``default_jobs``).

    Where processes fork (Linux), the workers inherit this process's linter after it
    has loaded its pipeline and compiled its patterns on a short letter, so each
    starts at once; elsewhere each worker builds its own from the rules."""
    jobs = default_jobs(len(letters)) if jobs <= 0 else jobs
    jobs = min(jobs, len(letters))
    if jobs <= 1:
        return linter.lint_letters(letters)
    size = max(1, min(MAX_BATCH, -(-len(letters) // (jobs * 4))))
    batches = [list(letters[i:i + size]) for i in range(0, len(letters), size)]
    import multiprocessing  # here, not at the top: a run with nothing to lint in processes never pays for it
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    if "fork" in multiprocessing.get_all_start_methods():
        linter.lint_letters(letters[:1])  # load the pipeline and compile the patterns once, here
        compile_all(linter.rules)  # and the patterns that letter did not reach (they compile on first use)
        _worker = linter
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                done = list(pool.map(_lint, batches))
        finally:
            _worker = None
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start,
                                 initargs=(linter.rules, linter.model, linter.min_level, linter.thorough)) as pool:
            done = list(pool.map(_lint, batches))
    results = []
    for batch, found in zip(batches, done):
        for letter, (findings, notices) in zip(batch, found):
            results.append(FileResult(letter.path, findings, letter, notices=notices))
    return results
