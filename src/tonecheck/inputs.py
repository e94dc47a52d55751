"""Turn the paths of a run into sources: walk folders, read files, read stdin.

Every failure becomes a one-line error for that path; nothing here raises for
bad input, so the rest of a run is still linted.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .formats import format_for, sniff_format
from .source import MAX_BYTES, SourceError, SourceText, decode, read_path, too_big

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", "venv", ".venv", "env", ".tox", "site-packages"})


@dataclass(frozen=True)
class Input:
    """One input of a run: a decoded source, or the reason it could not be read."""

    path: str
    source: SourceText | None = None
    error: str | None = None
    format: str | None = None
    sniff: bool = True  # False when the configuration names the format: no template guess
    genre: str | None = None  # from the configuration; None: the letter's text decides


def _excluded(path: str, patterns: Iterable[str]) -> bool:
    parts = Path(path).parts
    return any(
        fnmatch.fnmatch(path, pat) or fnmatch.fnmatch(Path(path).name, pat)
        or any(fnmatch.fnmatch(part, pat) for part in parts)
        for pat in patterns
    )


def _walkable(name: str) -> bool:
    """Files a folder walk picks up: every known format, by suffix.  A file with
    no suffix (``LICENSE``, ``Makefile``) is read as plain text only when named
    on the command line."""
    return "." in name.lstrip(".") and format_for(name) is not None


def walk(root: str, exclude: Iterable[str] = (), unreadable: list[tuple[str, str]] | None = None) -> Iterator[str]:
    """Lintable files under ``root`` in sorted order; safe against symlink loops.

    Hidden files and folders, ``.git``, ``node_modules`` and virtualenvs
    (any folder holding a ``pyvenv.cfg``) are skipped; ``exclude`` globs match
    a path, a file name or any folder name on the way.  A folder that cannot be
    listed is skipped and, when ``unreadable`` is given, added to it with the reason."""
    exclude = tuple(exclude)
    seen: set[tuple[int, int]] = set()

    def visit(folder: str) -> Iterator[str]:
        try:
            st = os.stat(folder)
        except OSError:
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            if unreadable is not None:
                unreadable.append((folder, f"cannot read this folder ({exc.strerror or exc}); skipped"))
            return
        for entry in entries:
            path = os.path.join(folder, entry.name) if folder != "." else entry.name
            if entry.name.startswith(".") or _excluded(path, exclude):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                if entry.name in SKIP_DIRS or os.path.exists(os.path.join(path, "pyvenv.cfg")):
                    continue
                yield from visit(path)
            elif _walkable(entry.name):
                try:
                    if entry.is_file():
                        yield path
                except OSError:
                    continue

    yield from visit(root)


def collect(paths: Iterable[str], *, exclude: Iterable[str] = (), stdin: BinaryIO | None = None,
            stdin_filename: str | None = None, max_bytes: int = MAX_BYTES) -> list[Input]:
    """Read every path of a run; folders are walked recursively.  A file over
    ``max_bytes`` is refused before it is read."""
    exclude = tuple(exclude)
    inputs: list[Input] = []
    for raw in paths:
        if raw == "-":
            name = stdin_filename or "<stdin>"
            try:
                data = stdin.read(max_bytes + 1) if stdin is not None else b""
                if len(data) > max_bytes:
                    raise too_big(None, max_bytes)
                source = decode(data, name, max_bytes=max_bytes)
                fmt = format_for(name) if stdin_filename else sniff_format(source.text)
                inputs.append(_checked(source, name, fmt))
            except SourceError as exc:
                inputs.append(Input(name, error=str(exc)))
            continue
        if os.path.isdir(raw):
            unreadable: list[tuple[str, str]] = []
            found = list(walk(raw, exclude, unreadable))
            inputs.extend(Input(folder, error=reason) for folder, reason in unreadable)
            if not found and not unreadable:
                inputs.append(Input(raw, error="no lintable files in this folder"))
            inputs.extend(_read(path, max_bytes) for path in found)
        elif not os.path.lexists(raw):
            inputs.append(Input(raw, error="no such file or directory"))
        else:
            inputs.append(_read(raw, max_bytes))
    return inputs


def _read(path: str, max_bytes: int = MAX_BYTES) -> Input:
    try:
        return _checked(read_path(path, max_bytes=max_bytes), path, format_for(path))
    except SourceError as exc:
        return Input(path, error=str(exc))


def _checked(source: SourceText, path: str, fmt: str | None) -> Input:
    if not source.text.strip():
        return Input(path, error="empty letter: nothing to lint")
    return Input(path, source=source, format=fmt)
