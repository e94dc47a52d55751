"""The one glob matcher: gitignore-like patterns over relative posix paths.

Used for ``--exclude``, configuration ``exclude`` and ``overrides[].files``, and
the sections of a ``.vale.ini``.  The rules, as in ``.gitignore``:

- ``*`` matches anything but ``/``; ``?`` one character but ``/``; ``[abc]`` a class;
  ``{md,txt}`` either alternative (as in Vale's section globs).
- ``**`` spans folders: ``**/x`` (x at any depth), ``x/**`` (everything in x),
  ``a/**/b`` (b anywhere below a).
- A pattern without a ``/`` (a trailing one aside) matches a file or folder
  *name* at any depth: ``*.txt``, ``archive``.
- A pattern with a ``/`` at its start or in the middle is anchored to the root it
  is relative to (the configuration's folder, the current folder for
  ``--exclude``): ``drafts/*.txt`` matches ``drafts/a.txt``, not
  ``drafts/old/a.txt`` nor ``x/drafts/a.txt``.  A leading ``./`` or ``/`` is
  dropped.
- A pattern that matches a folder matches everything inside it, so
  ``drafts/*`` also skips ``drafts/old/a.txt``.  A trailing ``/`` matches
  folders only.

Matching is case-sensitive.  This module imports no other tonecheck module.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["expand_braces", "glob_match", "glob_regex"]


def expand_braces(pattern: str) -> list[str]:
    """``a.{md,txt}`` -> ``["a.md", "a.txt"]`` (innermost first, nested braces expand fully)."""
    m = re.search(r"\{([^{}]*)\}", pattern)
    if not m:
        return [pattern]
    return [x for option in m.group(1).split(",") for x in expand_braces(pattern[:m.start()] + option + pattern[m.end():])]


def glob_regex(pattern: str) -> str:
    """The regex of one brace-free glob (``**`` spans folders, ``*`` does not)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("(?:/.*)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            out.append("[" + ("^/" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> tuple[tuple[re.Pattern[str], bool, bool], ...]:
    """(regex, anchored, folders only) for each brace alternative of a pattern."""
    compiled = []
    for alternative in expand_braces(pattern.strip()):
        if alternative.startswith("./"):
            alternative = alternative[2:]
        dir_only = alternative.endswith("/")
        alternative = alternative.strip("/") if alternative != "/" else ""
        anchored = "/" in alternative
        compiled.append((re.compile(glob_regex(alternative)), anchored, dir_only))
    return tuple(compiled)


def glob_match(path: str, pattern: str, *, is_dir: bool = False) -> bool:
    """Does the relative posix ``path`` (a file, or a folder with ``is_dir``) match ``pattern``?"""
    path = path.strip("/")
    if path.startswith("./"):
        path = path[2:]
    parts = path.split("/") if path else []
    for regex, anchored, dir_only in _compiled(pattern):
        # The path itself, then each folder above it: matching a folder matches its contents.
        for depth in range(len(parts), 0, -1):
            if dir_only and depth == len(parts) and not is_dir:
                continue
            if anchored:
                if regex.fullmatch("/".join(parts[:depth])):
                    return True
            elif regex.fullmatch(parts[depth - 1]):
                return True
    return False
