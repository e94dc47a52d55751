"""Automatic fixes: plan edits from findings, show them as a diff, write them safely.

A rule opts in with ``fix: safe`` (applied by ``--fix``) or ``fix: unsafe``
(applied only with ``--unsafe-fixes``); the edit replaces the finding's span
with its first suggestion.  A safe rule whose finding offers several
suggestions is treated as unsafe: there is no single right answer.

Edits are planned on source offsets and only where the letter text maps
character for character to the source (never inside a template placeholder,
an HTML entity or encoded e-mail text) and never in quoted history.  Two edits
that overlap are never applied in one pass.

Writing never loses data and keeps the file (``safewrite``): the new bytes go
to a temporary file beside the real file (through a symlink), which is then
renamed over it with the original's mode, owner and group; a file with other
hard links, a read-only file and a file that changed since it was read are
refused.  The encoding, the byte-order mark and the line endings are kept, and
nothing is written when nothing changed.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from .finding import FileResult, Finding
from .letter import Letter
from .printable import printable
from .safewrite import WriteError, replace_file
from .source import SourceText

_TEMPLATE_MARKS = ("{{", "}}", "{%", "%}", "{#", "#}", "<", ">", "&")


class FixError(Exception):
    """A file that cannot be fixed safely; ``str()`` is ``path: problem``."""


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str


@dataclass(frozen=True)
class FilePlan:
    """The edits for one file and the text they produce."""

    path: str
    source: SourceText
    edits: tuple[Edit, ...]

    @property
    def new_text(self) -> str:
        return apply_edits(self.source.text, self.edits)

    @property
    def changed(self) -> bool:
        return bool(self.edits) and self.new_text != self.source.text


def source_to_text(letter: Letter, start: int, end: int) -> int | None:
    """The letter-text offset of source span ``[start, end)`` when the span maps exactly."""
    for seg in letter.offsets.segments:
        if seg.exact and seg.src_start <= start and end <= seg.src_end and end - seg.src_start <= seg.text_len:
            return seg.text_start + (start - seg.src_start)
    return None


def fixable(letter: Letter, finding: Finding) -> bool:
    """May the finding's span be rewritten without touching markup, placeholders or history?"""
    if finding.end <= finding.start:
        return False
    text_at = source_to_text(letter, finding.start, finding.end)
    if text_at is None:
        return False
    if letter.text[text_at:text_at + (finding.end - finding.start)] != letter.source.text[finding.start:finding.end]:
        return False
    if letter.part_at(text_at) == "quoted":
        return False
    return not any(mark in finding.match for mark in _TEMPLATE_MARKS)


def fix_mode(rule_fix: str, finding: Finding) -> str:
    """``safe``, ``unsafe`` or ``""`` for one finding of a rule with ``fix: rule_fix``."""
    if not rule_fix or not finding.suggestions:
        return ""
    if rule_fix == "safe" and len(finding.suggestions) == 1:
        return "safe"
    return "unsafe"


def plan_file(result: FileResult, fixes: Mapping[str, str], *, unsafe: bool = False) -> FilePlan | None:
    """Plan the edits for one result; ``fixes`` maps rule id to its ``fix`` key.
    The letter the engine linted gives the offset map: nothing is parsed again."""
    letter = result.letter
    if letter is None or not result.findings:
        return None
    source = letter.source
    edits: list[Edit] = []
    for finding in sorted(result.findings):
        mode = fix_mode(fixes.get(finding.rule, ""), finding)
        if not mode or (mode == "unsafe" and not unsafe) or not fixable(letter, finding):
            continue
        if edits and finding.start < edits[-1].end:
            continue  # overlaps the previous edit: leave it for another pass
        edits.append(Edit(finding.start, finding.end, finding.suggestions[0], finding.rule))
    return FilePlan(result.path, source, tuple(edits)) if edits else None


def fixable_count(results: Iterable[FileResult], fixes: Mapping[str, str]) -> tuple[int, int]:
    """How many findings ``--fix`` would fix, and how many more ``--unsafe-fixes`` would."""
    safe = unsafe = 0
    for result in results:
        if result.letter is None:
            continue
        for finding in result.findings:
            mode = fix_mode(fixes.get(finding.rule, ""), finding)
            if mode and fixable(result.letter, finding):
                safe += mode == "safe"
                unsafe += mode == "unsafe"
    return safe, unsafe


def plan(results: Iterable[FileResult], fixes: Mapping[str, str], *, unsafe: bool = False) -> list[FilePlan]:
    plans = [plan_file(r, fixes, unsafe=unsafe) for r in results]
    return [p for p in plans if p is not None and p.changed]


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    out: list[str] = []
    pos = 0
    for edit in sorted(edits):
        if edit.start < pos:
            continue
        out.append(text[pos:edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def unified_diff(fplan: FilePlan) -> str:
    old = fplan.source.text.splitlines(keepends=True)
    new = fplan.new_text.splitlines(keepends=True)
    name = printable(fplan.path.replace(os.sep, "/").lstrip("/"))
    return "".join(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"))


def encode(source: SourceText, text: str) -> bytes:
    return source.bom + text.encode(source.encoding)


def write_atomic(path: str, data: bytes, expect: os.stat_result | None = None) -> None:
    """Write ``data`` over ``path`` safely (``safewrite.replace_file``); raises FixError."""
    try:
        replace_file(path, data, expect=expect)
    except WriteError as exc:
        raise FixError(f"{path}: not fixed: {exc}") from None


def write_plan(fplan: FilePlan) -> None:
    """Apply a plan to its file.  Refuses when the file changed since it was read or
    when its bytes would not survive a round trip through the decoded text."""
    source = fplan.source
    try:
        with open(fplan.path, "rb") as handle:
            before = os.fstat(handle.fileno())
            original = handle.read()
    except OSError as exc:
        raise FixError(f"{fplan.path}: cannot read: {exc.strerror or exc}") from None
    try:
        same = encode(source, source.text) == original
        data = encode(source, fplan.new_text)
    except UnicodeEncodeError:
        same, data = False, b""
    if not same:
        raise FixError(f"{fplan.path}: not fixed: the file changed since it was read, or its bytes "
                       f"cannot be written back exactly ({source.encoding})")
    if data == original:
        return
    write_atomic(fplan.path, data, before)
