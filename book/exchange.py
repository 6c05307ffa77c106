"""Atomic exchange of two paths on one filesystem: after the call each name holds what the
other held, and no instant exists where either name is missing. Linux: renameat2 with
RENAME_EXCHANGE; macOS: renamex_np with RENAME_SWAP. Elsewhere (or on a filesystem without
support) `exchange` returns False and the caller falls back to two renames."""
from __future__ import annotations

import ctypes
import errno
import os
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h
RENAME_SWAP = 2  # macOS sys/stdio.h
UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
DISABLED = "BOOK_NO_ATOMIC_EXCHANGE"  # set (tests) to exercise the two-rename fallback


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


_LIBC = _libc()


def _call(a: Path, b: Path) -> int | None:
    """Run the platform's exchange call; its return value, or None where there is none."""
    fa, fb = os.fsencode(a), os.fsencode(b)
    if sys.platform.startswith("linux") and _LIBC is not None and hasattr(_LIBC, "renameat2"):
        return _LIBC.renameat2(AT_FDCWD, fa, AT_FDCWD, fb, RENAME_EXCHANGE)
    if sys.platform == "darwin" and _LIBC is not None and hasattr(_LIBC, "renamex_np"):
        return _LIBC.renamex_np(fa, fb, RENAME_SWAP)
    return None


def exchange(a: str | Path, b: str | Path) -> bool:
    """Exchange `a` and `b` atomically; False when the platform or filesystem cannot (nothing
    was changed then). Other failures raise OSError."""
    if os.environ.get(DISABLED):
        return False
    rc = _call(Path(a), Path(b))
    if rc is None:
        return False
    if rc != 0:
        err = ctypes.get_errno()
        if err in UNSUPPORTED:
            return False
        raise OSError(err, os.strerror(err), str(a), None, str(b))
    return True
