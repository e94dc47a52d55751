"""Baselines: record today's findings, then report only new ones.

A finding is keyed by its path (as given on the command line, with forward
slashes), its rule and a hash of the matched text together with the sentence
around it, never by line number, so edits elsewhere in a file keep the
baseline valid.  Each key carries a count: a baseline that holds two "minor
hiccup" findings in one sentence lets two through, and reports a third.

File format (JSON)::

    {"version": 1, "tool": "tonecheck", "findings": [
        {"path": "drafts/a.txt", "rule": "Business.Sugarcoating", "hash": "…", "count": 1,
         "match": "a minor hiccup"}]}
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import PurePath
from typing import Sequence

from .safewrite import WriteError, replace_file
from .finding import FileResult, Finding

BASELINE_VERSION = 1
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t\r]*\n")


class BaselineError(Exception):
    """A baseline file that cannot be read; ``str()`` is ``path: problem``."""


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or paragraph line block) around ``[start, end)``, whitespace-normalised."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.end() if after else len(text)
    return " ".join(text[begin:stop].split())


def norm_path(path: str) -> str:
    return PurePath(os.path.normpath(path)).as_posix() if not path.startswith("<") else path


def key_of(finding: Finding, text: str) -> tuple[str, str, str]:
    """(path, rule, hash of match and sentence); a letter-level finding (an empty
    span, such as "the letter never says why it is written") is about the whole
    letter, so its key does not depend on the text around it."""
    sentence = sentence_of(text, finding.start, finding.end) if finding.end > finding.start else ""
    digest = hashlib.sha256(f"{' '.join(finding.match.split())}\x00{sentence}".encode("utf-8")).hexdigest()[:16]
    return norm_path(finding.path), finding.rule, digest


def build(results: Sequence[FileResult]) -> dict[str, object]:
    counts: Counter[tuple[str, str, str]] = Counter()
    matches: dict[tuple[str, str, str], str] = {}
    for result in results:
        if result.source is None:
            continue
        for f in result.findings:
            key = key_of(f, result.source.text)
            counts[key] += 1
            matches.setdefault(key, f.match)
    entries = [{"path": p, "rule": r, "hash": h, "count": n, "match": matches[(p, r, h)]}
               for (p, r, h), n in sorted(counts.items())]
    return {"version": BASELINE_VERSION, "tool": "tonecheck", "findings": entries}


def counts_of(data: dict[str, object]) -> list[int]:
    entries = data.get("findings")
    return [int(e["count"]) for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def write(path: str, results: Sequence[FileResult]) -> int:
    """Write the baseline of ``results`` to ``path``; return how many findings it holds."""
    data = build(results)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        replace_file(path, text.encode("utf-8", errors="backslashreplace"), new=True)
    except WriteError as exc:  # the temporary file is gone on every path (a full disk too)
        raise OSError(str(exc)) from None
    return sum(counts_of(data))


def load_counts(data: object, where: str = "baseline") -> Counter[tuple[str, str, str]]:
    """The counts of a parsed baseline mapping."""
    version = data.get("version") if isinstance(data, dict) else None
    if (not isinstance(data, dict) or type(version) is not int or version != BASELINE_VERSION  # true == 1
            or not isinstance(data.get("findings"), list)):
        raise BaselineError(f"{where}: not a tonecheck baseline (version {BASELINE_VERSION} expected)")
    counts: Counter[tuple[str, str, str]] = Counter()
    for i, entry in enumerate(data["findings"]):
        try:
            count = entry.get("count", 1)
            if type(count) is not int or not 0 < count <= 10 ** 9:
                raise ValueError("count")
            counts[(str(entry["path"]), str(entry["rule"]), str(entry["hash"]))] += count
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(f"{where}: findings[{i}]: expected path, rule, hash and a whole positive count") from None
    return counts


def load(path: str) -> Counter[tuple[str, str, str]]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline {path})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a tonecheck baseline (invalid JSON at line {exc.lineno})") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a tonecheck baseline (nested too deeply)") from None
    return load_counts(data, path)


def filter_results(results: Sequence[FileResult], known: Counter[tuple[str, str, str]]) -> list[FileResult]:
    """Drop findings the baseline already holds (each key up to its count)."""
    left = Counter(known)
    out = []
    for result in results:
        if result.source is None or not result.findings:
            out.append(result)
            continue
        kept = []
        for f in result.findings:
            key = key_of(f, result.source.text)
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(f)
        out.append(replace(result, findings=tuple(kept)) if len(kept) != len(result.findings) else result)
    return out
