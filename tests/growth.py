"""Measure how a function's time grows with its input, for the hostile-input tests.

A linear reader or regex takes four times as long on four times the input; a
quadratic one sixteen times.  ``growth`` times ``run(make(n))`` at growing
sizes and gives the growth exponent between the last two, so a test fails on
the *shape* of the growth, not on a wall-clock limit that depends on the machine.
"""

from __future__ import annotations

import gc
import math
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

# The growth exponent between the last two sizes: log(t2/t1) / log(n2/n1) is
# about 1 for a linear reader and 2 for a quadratic one.  Sizes four times
# apart keep timing noise (x1.5) to +-0.3 of the exponent.
MAX_EXPONENT = 1.5
# Below this the timings are noise (a machine shared with other work shifts a
# few-millisecond timing by several times); no super-linear reader of the sizes
# used here is that fast (a quadratic on 8,000 characters is about 10^7-10^8 steps).
FLOOR_SECONDS = 0.02
# A timing above this stops the series early: the last ratio already decides.
STOP_SECONDS = 2.0


@dataclass(frozen=True)
class Growth:
    sizes: tuple[int, ...]
    seconds: tuple[float, ...]

    @property
    def exponent(self) -> float:
        if len(self.seconds) < 2:
            return math.inf if self.seconds and self.seconds[0] > STOP_SECONDS else 1.0
        if self.seconds[-1] < FLOOR_SECONDS:
            return 1.0
        ratio = self.seconds[-1] / max(self.seconds[-2], FLOOR_SECONDS / 10)
        return math.log(ratio) / math.log(self.sizes[-1] / self.sizes[-2])

    @property
    def linear(self) -> bool:
        return self.exponent <= MAX_EXPONENT

    def __str__(self) -> str:
        pairs = ", ".join(f"{n}: {t * 1000:.1f} ms" for n, t in zip(self.sizes, self.seconds))
        return f"growth exponent {self.exponent:.2f} ({pairs})"


def _best(run: Callable[[Any], object], value: Any, repeat: int) -> float:
    """Best of ``repeat`` timings, with the garbage collector off: a collection
    costs time in proportion to everything alive in the test process, not to
    the input, and would show as growth that is not there."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            run(value)
            best = min(best, time.perf_counter() - start)
            if best > STOP_SECONDS:
                break
    finally:
        if enabled:
            gc.enable()
    return best


def growth(run: Callable[[Any], object], make: Callable[[int], Any], sizes: Sequence[int],
           repeat: int = 3) -> Growth:
    """Time ``run(make(n))`` for each size (best of ``repeat``).  The series stops
    early once it is decided: a step already super-linear above the floor, or a
    timing past ``STOP_SECONDS`` (a first timing that slow counts as a failed
    series: on the small sizes used here no linear reader is that slow)."""
    done: list[int] = []
    seconds: list[float] = []
    for n in sizes:
        value = make(n)
        seconds.append(_best(run, value, repeat))
        done.append(n)
        so_far = Growth(tuple(done), tuple(seconds))
        if len(done) >= 2 and not so_far.linear:
            break
        if seconds[-1] > STOP_SECONDS:
            break
    return Growth(tuple(done), tuple(seconds))


def assert_linear(run: Callable[[Any], object], make: Callable[[int], Any], sizes: Sequence[int],
                  what: str = "", repeat: int = 3, attempts: int = 4) -> Growth:
    """Fail when ``run`` grows faster than linearly.  A series that looks
    super-linear is measured again, keeping each size's best time: a machine
    busy with other work slows single timings, never the best of several."""
    result = growth(run, make, sizes, repeat)
    for _ in range(attempts - 1):
        if result.linear:
            break
        again = growth(run, make, result.sizes, repeat)
        result = Growth(again.sizes, tuple(min(a, b) for a, b in zip(result.seconds, again.seconds)))
    assert result.linear, f"{what}: super-linear growth, {result}"
    return result
