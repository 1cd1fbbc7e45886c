"""Files pdscan writes that may hold personal data: owner-only (0600), written whole.

A file is written to a temporary name beside its target and renamed over it, so a
reader never sees half a file and a failure leaves the previous one intact. Only a
regular file is ever replaced: renaming over a device or a FIFO would swap the node
itself for a file of personal data (``--out /dev/full``).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from pdscan.errors import UsageError

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"),
          (stat.S_ISSOCK, "a socket"))


def _not_regular(path: Path) -> str | None:
    """What ``path`` is when it exists and is not a regular file (links followed)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def check_output(path: str | Path, option: str = "--out") -> Path:
    """Refuse, before any work, a file pdscan could not write whole: anything but a
    regular file or a new name in an existing folder the user may write to.

    >>> check_output("/dev/full")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    pdscan.errors.UsageError: --out /dev/full: a character device, not a file: ...
    """
    p = Path(path)
    what = _not_regular(p)
    if what is not None:
        raise UsageError(f"{option} {p}: {what}, not a file: give the name of a file to "
                         "write")
    folder = p.parent
    if not folder.is_dir():
        raise UsageError(f"{option} {p}: no folder {folder}: create it first")
    # The file is made beside its target and renamed: the folder must be writable even
    # when the file already is.
    if not os.access(folder, os.W_OK | os.X_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise UsageError(f"{option} {p}: not writable (permission denied)")
    return p


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by the owner only (0600)."""
    what = _not_regular(path)
    if what is not None:
        raise UsageError(f"{path}: {what}, not a file: nothing written")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk: the previous file is still whole
            raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise
