"""Turn the paths of a run into sources: walk folders, read files, read stdin.

Every failure becomes a one-line error for that path; nothing here raises for
bad input, so the rest of a run is still linted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterable, Iterator

from .formats import format_for, sniff_format
from .globs import glob_match
from .source import MAX_BYTES, SourceError, SourceText, decode, read_path, too_big

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", "venv", ".venv", "env", ".tox", "site-packages"})


@dataclass(frozen=True)
class Input:
    """One input of a run: a decoded source, the reason it could not be read, or
    a ``note`` that it holds nothing to lint (an empty file or folder: not an error)."""

    path: str
    source: SourceText | None = None
    error: str | None = None
    format: str | None = None
    sniff: bool = True  # False when the configuration names the format: no template guess
    genre: str | None = None  # from the configuration; None: the letter's text decides
    note: str | None = None


def relative_posix(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes (its absolute path when
    it is not below ``root``)."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        rel = path
    if rel == ".." or rel.startswith(".." + os.sep):
        rel = os.path.abspath(path)
    return PurePosixPath(*Path(rel).parts).as_posix()


def excluded(path: str, patterns: Iterable[str], *, is_dir: bool = False, root: str | None = None) -> bool:
    """Does an ``--exclude`` glob (``tonecheck.globs``, relative to ``root``,
    default the current folder) match ``path``?"""
    rel = relative_posix(path, root if root is not None else os.getcwd())
    return any(glob_match(rel, pattern, is_dir=is_dir) for pattern in patterns)


def _walkable(name: str) -> bool:
    """Files a folder walk picks up: every known format, by suffix.  A file with
    no suffix (``LICENSE``, ``Makefile``) is read as plain text only when named
    on the command line."""
    return "." in name.lstrip(".") and format_for(name) is not None


def walk(root: str, exclude: Iterable[str] = (), unreadable: list[tuple[str, str]] | None = None, *,
         wanted: Callable[[str], bool] | None = None, skip: Callable[[str], bool] | None = None,
         exclude_root: str | None = None) -> Iterator[str]:
    """Files under ``root`` in sorted order; safe against symlink loops.  The one
    folder walker (``check`` and ``tonecheck vale`` both use it).

    Hidden files and folders, ``.git``, ``node_modules`` and virtualenvs
    (any folder holding a ``pyvenv.cfg``) are skipped, and folders ``skip``
    refuses; ``exclude`` globs (``tonecheck.globs``) are relative to
    ``exclude_root`` (default: the current folder).  ``wanted`` picks files by
    name (default: every format tonecheck reads).  A folder that cannot be
    listed is skipped and, when ``unreadable`` is given, added to it with the reason."""
    exclude = tuple(exclude)
    wanted = wanted or _walkable
    if exclude_root is None:
        cwd = os.getcwd()
        exclude_root = cwd if not relative_posix(root, cwd).startswith("/") else root
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
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if exclude and excluded(path, exclude, is_dir=is_dir, root=exclude_root):
                continue
            if is_dir:
                if entry.name in SKIP_DIRS or os.path.exists(os.path.join(path, "pyvenv.cfg")):
                    continue
                if skip is not None and skip(path):
                    continue
                yield from visit(path)
            elif wanted(entry.name):
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
                inputs.append(Input(raw, note="no lintable files in this folder; nothing to lint"))
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
        return Input(path, note="empty file; nothing to lint")
    return Input(path, source=source, format=fmt)
