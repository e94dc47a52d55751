"""The cache: validated rules and per-file findings, so an unchanged re-run costs almost nothing.

Entries live under ``.tonecheck_cache/`` in the current folder (``--cache-dir``
or ``TONECHECK_CACHE_DIR`` elsewhere; ``--no-cache`` turns it off), one file per
entry, named by a SHA-256 key over everything that decides the entry: for
findings the letter (its bytes, path, reader and readers' profiles), the rules
(their files), the effective configuration, the spaCy and tone model files and
the tonecheck, spaCy and Python versions.

An entry is a header line (format version and an HMAC-SHA256 of the kind, key
and payload) then the payload.  The HMAC's secret lives outside the project, in
the user's cache folder (``~/.cache/tonecheck/secret``, created on first use,
readable only by its owner), so an entry committed to a repository by someone
else (the validated rules are a pickle) is never believed: on a CI machine the
secret is new.  An entry is written to a temporary file and moved into place
with ``os.replace``, so a reader sees a whole entry or none; one that is
truncated, corrupt, forged or from another version fails its check and is
ignored (and rewritten by the run that missed it), never trusted and never a crash.  The folder is
bounded: when it holds more than ``MAX_ENTRIES`` entries or ``MAX_BYTES``
bytes, the oldest entries are removed.  Nothing here imports spaCy.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field, fields
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Sequence

from .finding import Finding, Level
from .letter import Letter
from .source import SourceText

DIR_NAME = ".tonecheck_cache"
ENV_DIR = "TONECHECK_CACHE_DIR"
FORMAT = b"tonecheck-cache-1"
MAX_ENTRIES = 20_000
MAX_BYTES = 200 * 1024 * 1024
SMALL_FILE = 1024 * 1024  # files up to this size are fingerprinted by content, larger ones by size and time
_README = "This folder is tonecheck's cache (safe to delete). See README, Performance.\n"


def default_folder(explicit: str | None = None) -> Path:
    """``--cache-dir``, else ``$TONECHECK_CACHE_DIR``, else ``.tonecheck_cache`` here."""
    return Path(explicit or os.environ.get(ENV_DIR) or DIR_NAME)


def digest(*parts: str | bytes) -> str:
    """A SHA-256 over the parts (each length-prefixed, so no two lists collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def code_fingerprint() -> str:
    """tonecheck's own modules by name, size and modification time: an edited
    checkout (an editable install, a patched site-packages) is a new version
    even when its version number is not, so no cached rules outlive their code."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def versions() -> str:
    """tonecheck (number and code), spaCy and Python versions, read from the installed
    packages' metadata (without importing spaCy, or the package's top level, which
    sits above this layer)."""
    return (f"tonecheck {_version('tonecheck')} ({code_fingerprint()}); spacy {_version('spacy')}; "
            f"python {sys.version.split()[0]}")


def tree_fingerprint(roots: Iterable[str | os.PathLike[str]]) -> str:
    """A fingerprint of files and folders: small files by content, big ones (model
    weights) by size and modification time; a missing path is part of it too."""
    parts: list[str | bytes] = []
    for root in roots:
        path = Path(root)
        parts.append(str(path))
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
        if not files:
            parts.append("missing" if not path.exists() else "empty")
        for file in files:
            try:
                stat = file.stat()
                parts.append(str(file.relative_to(path)) if path.is_dir() else file.name)
                if stat.st_size <= SMALL_FILE:
                    parts.append(file.read_bytes())
                else:
                    parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
            except OSError as exc:
                parts.append(f"unreadable: {exc.errno}")
    return digest(*parts)


def package_dir(name: str) -> Path | None:
    """The folder of a spaCy pipeline: an installed package's, or ``name`` itself
    when it is a folder."""
    from .nlp import installed_package_dir

    return installed_package_dir(name) or (Path(name) if Path(name).is_dir() else None)


def secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tonecheck" / "secret"


def _secret() -> bytes:
    """This user's key for the entries' HMAC; a fresh one per process when it cannot be
    kept (the cache then only serves the run that wrote it, which is safe)."""
    path = secret_path()
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    fresh = os.urandom(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(fresh)
        return fresh
    except FileExistsError:  # another run made it first
        try:
            data = path.read_bytes()
            return data if len(data) >= 32 else fresh
        except OSError:
            return fresh
    except OSError:
        return fresh


@dataclass(frozen=True)
class Cache:
    """One cache folder; ``get`` and ``put`` never raise for a bad or unwritable folder."""

    folder: Path
    max_entries: int = MAX_ENTRIES
    max_bytes: int = MAX_BYTES
    secret: bytes = field(default_factory=_secret, repr=False)

    def _header(self, kind: str, key: str, payload: bytes) -> bytes:
        mac = hmac.new(self.secret, f"{kind}/{key}\n".encode() + payload, hashlib.sha256).hexdigest()
        return FORMAT + b" " + mac.encode()

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored under ``key``, or None when absent or failing its check."""
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            return None
        header, sep, payload = data.partition(b"\n")
        if not sep or not hmac.compare_digest(header, self._header(kind, key, payload)):
            return None
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        """Store atomically (temporary file, then ``os.replace``); a failure is ignored."""
        target = self._path(kind, key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._mark()
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(self._header(kind, key, payload) + b"\n" + payload)
                os.replace(tmp, target)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            return

    def _mark(self) -> None:
        """A CACHEDIR.TAG and a .gitignore, so backups and git leave the folder alone."""
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# " + _README, encoding="utf-8")
            (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")

    def evict(self) -> int:
        """Remove the oldest entries while the folder is over its bounds; returns how many."""
        entries: list[tuple[float, int, Path]] = []
        try:
            for kind in self.folder.iterdir():
                if kind.is_dir():
                    for entry in kind.iterdir():
                        try:
                            stat = entry.stat()
                        except OSError:
                            continue
                        entries.append((stat.st_mtime, stat.st_size, entry))
        except OSError:
            return 0
        total = sum(size for _, size, _ in entries)
        if len(entries) <= self.max_entries and total <= self.max_bytes:
            return 0
        entries.sort()
        removed = 0
        # down to 80% of the bounds, so a full cache is not trimmed on every run
        while entries and (len(entries) > self.max_entries * 0.8 or total > self.max_bytes * 0.8):
            _, size, path = entries.pop(0)
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed += 1
        return removed


# ------------------------------------------------------------------ results entries
# A results entry holds the letter as read (everything but its source, which the
# run has just decoded again to key the entry) and the findings on it, so a cached
# file is neither re-read into parts nor re-linted.  Entries pass the HMAC check
# (``Cache.get``) before they are unpickled.
_LETTER_FIELDS = tuple(f.name for f in fields(Letter) if f.name not in ("source", "profiles"))
ENTRY_VERSION = 1


@dataclass(frozen=True)
class Entry:
    letter: Letter  # as read, before its readers' profiles are attached
    letter_key: str  # the key of the letter the findings were made on (with its profiles)
    findings: tuple[Finding, ...]
    notices: tuple[str, ...]


def encode_entry(letter: Letter, letter_key: str, findings: Sequence[Finding], notices: Sequence[str]) -> bytes:
    state = {name: getattr(letter, name) for name in _LETTER_FIELDS}
    return pickle.dumps((ENTRY_VERSION, state, letter_key, tuple(findings), tuple(notices)),
                        protocol=pickle.HIGHEST_PROTOCOL)


def decode_entry(payload: bytes | None, source: SourceText) -> Entry | None:
    """The entry with its letter on ``source``; None when absent or not of the entry's shape."""
    if payload is None:
        return None
    try:
        version, state, letter_key, findings, notices = pickle.loads(payload)
        if version != ENTRY_VERSION or not isinstance(letter_key, str):
            return None
        letter = Letter(source=source, **state)
        if not all(isinstance(f, Finding) for f in findings) or not all(isinstance(n, str) for n in notices):
            return None
        return Entry(letter, letter_key, tuple(findings), tuple(notices))
    except Exception:  # a stale or foreign entry is a miss, never a crash  # noqa: BLE001
        return None
