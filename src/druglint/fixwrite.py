"""Writing a fixed file for ``--fix``: atomic, and keeping everything it does not own.

A fix replaces the file through a temp file in the same folder (``atomic.atomic_write``:
fsync, then ``os.replace``, then a folder fsync), so a kill at any moment leaves the old or the new file, never half.
Replacing a file makes a new inode, so before writing, each property the new inode could
lose is checked or carried over, and a file whose property cannot be kept is refused
(FixRefused, reported as DL155) rather than changed:

* not writable by the user (a 0444 file, a read-only folder): refused, never forced;
* hard links (a second name would keep the old content): refused;
* owner and group: carried over with chown (refused if that fails), *then* the mode, so
  setuid/setgid bits (which chown clears) survive;
* extended attributes: copied (refused if one cannot be set);
* the content: a last SHA-256 check just before the rename (FileChanged if it moved).

Temp files are ``.<name>.<pid>.<random>.druglint-tmp``: dot-files, which discovery never
reads; ``sweep_stale`` (run by --fix on each folder it writes to) deletes those whose
process is gone.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import time

from druglint.atomic import atomic_write

PAUSE_ENV = "DRUGLINT_TEST_PAUSE_BEFORE_RENAME"  # tests: seconds to sleep before the rename
TMP_SUFFIX = ".druglint-tmp"
_TMP_NAME = re.compile(r"^\..+\.(\d+)\.[^.]+" + re.escape(TMP_SUFFIX) + "$")
STALE_AFTER_S = 24 * 3600  # a temp file this old is stale whatever its pid says (pid reuse, other machines)


class FileChanged(Exception):
    """The file's content changed between reading it and writing the fix."""


class FixRefused(Exception):
    """The fix would change what druglint does not own (mode, owner, links, attributes) or
    write a file the user cannot write."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _writable(path: str, mode: int) -> bool:
    # the mode bits too: root may write a 0444 file, but the owner said read-only
    return os.access(path, os.W_OK) and bool(mode & 0o222)


def refusal(real: str, st: os.stat_result) -> str | None:
    """Why ``real`` must not be replaced, or None."""
    if not _writable(real, st.st_mode):
        return "the file is read-only"
    folder = os.path.dirname(real) or "."
    if not _writable(folder, os.stat(folder).st_mode):
        return "its folder is read-only"
    if st.st_nlink > 1:
        return f"the file has {st.st_nlink} hard links, which a rewrite would split"
    return None


def _xattrs(path: str) -> dict[str, bytes]:
    if not hasattr(os, "listxattr"):
        return {}
    try:
        return {n: os.getxattr(path, n) for n in os.listxattr(path)}
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)):
            return {}
        raise


def _carry_over(tmp: str, st: os.stat_result, attrs: dict[str, bytes]) -> str | None:
    """Give ``tmp`` the owner, mode and attributes of the original; why not, or None."""
    if (st.st_uid, st.st_gid) != (os.stat(tmp).st_uid, os.stat(tmp).st_gid):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            return "its owner or group could not be kept"
    os.chmod(tmp, stat.S_IMODE(st.st_mode))  # after chown, which clears setuid/setgid
    for name, value in attrs.items():
        try:
            os.setxattr(tmp, name, value)
        except OSError:
            return f"its extended attribute {name} could not be kept"
    now = os.stat(tmp)
    if stat.S_IMODE(now.st_mode) != stat.S_IMODE(st.st_mode) or (now.st_uid, now.st_gid) != (st.st_uid, st.st_gid):
        return "its mode or owner could not be kept"
    return None


def write_atomic(path: str, data: bytes, expected_sha256: str) -> None:
    """Replace ``path`` with ``data`` atomically; FixRefused when a property of the file
    cannot be kept or the user may not write it, FileChanged when the file no longer holds
    the content whose hash is ``expected_sha256``."""
    real = os.path.realpath(path)  # write through a symlink, do not replace the link
    folder, name = os.path.split(real)
    st = os.stat(real)
    why = refusal(real, st)
    if why:
        raise FixRefused(f"{path}: {why}; not fixed")
    attrs = _xattrs(real)

    def last_checks(tmp: str) -> None:
        why = _carry_over(tmp, st, attrs)
        if why:
            raise FixRefused(f"{path}: {why}; not fixed")
        pause = os.environ.get(PAUSE_ENV)
        if pause:  # tests kill the process here, or change the file under it
            print(f"druglint: pausing before rename of {tmp}", flush=True)
            time.sleep(float(pause))
        with open(real, "rb") as fh:
            if digest(fh.read()) != expected_sha256:
                raise FileChanged(f"{path}: changed since it was read; not writing the fix (run again)")

    atomic_write(real, data, prefix=f".{name}.{os.getpid()}.", suffix=TMP_SUFFIX, before_replace=last_checks,
                 folder_error=lambda: FixRefused(f"{path}: its folder is not writable; not fixed"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def sweep_stale(folder: str) -> int:
    """Delete temp files left in ``folder`` by killed --fix runs; how many."""
    removed = 0
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return 0
    now = time.time()
    for n in names:
        m = _TMP_NAME.match(n)
        if not m:
            continue
        full = os.path.join(folder, n)
        try:
            old = now - os.lstat(full).st_mtime > STALE_AFTER_S
            if (old or not _alive(int(m.group(1)))) and int(m.group(1)) != os.getpid():
                os.unlink(full)
                removed += 1
        except OSError:
            pass
    return removed
