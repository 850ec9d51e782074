"""Writing output files safely: checked before any work, written atomically.

A file is written to a temporary file beside its destination and renamed over it only when
complete, so a failed or interrupted run never leaves a partial file nor damages an existing one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from actplot.errors import SettingsError


def check_writable(path: Path) -> None:
    """Raise :class:`SettingsError` unless a file could be created at ``path``."""
    parent = path.parent
    if path.is_dir():
        raise SettingsError(f"output '{path}' is a directory; give a file name")
    if not parent.exists():
        raise SettingsError(f"directory '{parent}' does not exist")
    if not parent.is_dir():
        raise SettingsError(f"'{parent}' is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise SettingsError(f"cannot write to directory '{parent}'")


@contextmanager
def output(path: Path, to_stdout: bool = False) -> Iterator[IO[bytes]]:
    """Standard output's byte stream, or :func:`atomic_write` to ``path``."""
    if not to_stdout:
        with atomic_write(path) as handle:
            yield handle
        return
    import sys

    stream = sys.stdout.buffer
    yield stream
    stream.flush()


@contextmanager
def atomic_write(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; on success rename it to ``path``, else delete it.

    The finished file gets the permissions of the file it replaces, or the usual ones for a new
    file (0666 less the umask), not the private ones of a temporary file.
    """
    try:
        handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    except OSError as error:
        raise SettingsError(f"cannot write '{path}': {error.strerror or error}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            yield handle
        os.chmod(temporary, _final_mode(path))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _final_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
