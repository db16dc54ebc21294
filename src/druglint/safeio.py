"""Reading input files safely: only regular files, never blocking on a FIFO or a device.

``open(path).read()`` on a FIFO blocks until a writer comes (forever, in a scanned
folder); on /dev/zero it reads until memory runs out. Here a path is opened without
blocking (O_NONBLOCK: a FIFO opens at once, a regular file reads as usual), checked with
fstat on the descriptor that is read (no window between the check and the read), and
anything but a regular file is refused with what it is.
"""
from __future__ import annotations

import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: not read."""


def describe(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def not_regular(path: str) -> str | None:
    """What ``path`` is when it is not a regular file (following symlinks), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # the read reports it
    return None if stat.S_ISREG(mode) else describe(mode)


def read_regular(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file (at most ``limit``); NotRegularFile for anything else."""
    fd = os.open(path, _FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{describe(mode)}, not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read() if limit is None else fh.read(limit)
    finally:
        os.close(fd)
