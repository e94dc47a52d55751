"""Replace a file's bytes and keep the file: its name, links, owner and mode.

``replace_file`` writes the new bytes to a temporary file beside the real file
(a symlink is followed: its target is what gets fixed), fsyncs it, gives it
the original's mode, owner and group, checks that the original did not change
meanwhile, and renames it over the original, so an interruption leaves either
the old or the new file, never half of one.  It refuses, with a one-line
``WriteError``, what the rename would silently break: a file with other hard
links, a file the user may not write (as the filesystem would refuse
``echo >> file``), an owner it cannot keep.  The temporary file is removed on
every failure, including Ctrl-C and SIGTERM; stale ones left by a killed run
are hidden files that no folder walk reads, and are removed by the next write
of the same file.  Imports nothing from tonecheck.
"""

from __future__ import annotations

import contextlib
import glob
import os
import signal
import stat
import tempfile
import time
from typing import Iterator

TMP_SUFFIX = ".tonecheck-tmp"
STALE_SECONDS = 600  # a temporary file this old belongs to no running write


class WriteError(Exception):
    """Why a file was not written, as one line (without the path)."""


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP unwind like Ctrl-C so the cleanup runs."""
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    saved: dict[int, object] = {}
    for signum in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
        if signum is None:
            continue
        try:
            saved[signum] = signal.signal(signum, handler)
        except (ValueError, OSError):  # not the main thread
            pass
    try:
        yield
    finally:
        for signum, old in saved.items():
            signal.signal(signum, old)  # type: ignore[arg-type]


def _remove_stale(folder: str, name: str) -> None:
    now = time.time()
    for stale in glob.glob(os.path.join(glob.escape(folder), f".{glob.escape(name)}.*{TMP_SUFFIX}")):
        try:
            if now - os.lstat(stale).st_mtime > STALE_SECONDS:
                os.unlink(stale)
        except OSError:
            pass


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns)


def replace_file(path: str, data: bytes, *, expect: os.stat_result | None = None, new: bool = False) -> None:
    """Write ``data`` as the content of ``path`` (see the module docstring).

    ``expect`` is the stat of the file when it was read: the write is refused
    if the file changed since.  ``new`` allows ``path`` not to exist yet (a
    baseline); it then gets the default mode of a new file."""
    real = os.path.realpath(path)
    folder, name = os.path.split(real)
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        if not new:
            raise WriteError("the file is gone") from None
        st = None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise WriteError("not a regular file")
        if st.st_nlink > 1:
            raise WriteError(f"the file has {st.st_nlink} hard links and replacing it would break them; "
                             "apply the fix shown by --diff by hand")
        if not os.access(real, os.W_OK):
            raise WriteError("permission denied: the file is read-only")
        if expect is not None and not _same_file(st, expect):
            raise WriteError("the file changed since it was read")
    if not os.access(folder or ".", os.W_OK):
        raise WriteError("permission denied: cannot create a file in its folder")
    _remove_stale(folder, name)
    tmp = ""
    try:
        with _terminate_as_interrupt():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=TMP_SUFFIX)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if st is not None:
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
                mine = os.stat(tmp)
                if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
                    try:
                        os.chown(tmp, st.st_uid, st.st_gid)
                    except OSError:
                        raise WriteError("cannot keep the file's owner and group") from None
                    os.chmod(tmp, stat.S_IMODE(st.st_mode))  # chown may clear setuid bits
                now = os.stat(real)
                if not _same_file(now, expect or st):
                    raise WriteError("the file changed while it was being fixed")
            os.replace(tmp, real)
            tmp = ""
            with contextlib.suppress(OSError):
                dir_fd = os.open(folder or ".", os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
    except OSError as exc:
        raise WriteError(exc.strerror or str(exc)) from None
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
