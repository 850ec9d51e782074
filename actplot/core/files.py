"""Writing output files safely: checked before any work, written atomically.

A file is written to a temporary file beside its destination and renamed over it only when
complete, so a failed or interrupted run never leaves a partial file nor damages an existing one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO

from actplot.core.errors import SettingsError


def check_writable(path: Path) -> None:
    """Raise :class:`SettingsError` unless a file could be created at ``path`` (through a
    symbolic link: at the file it points to)."""
    path = destination(path)
    parent = path.parent
    if not parent.is_dir():
        raise SettingsError(f"directory '{parent}' does not exist" if not parent.exists()
                            else f"'{parent}' is not a directory")
    longest = _longest_name(parent)
    if len(path.name.encode()) > longest:
        raise SettingsError(f"output file name '{path.name[:24]}...' is {len(path.name.encode())} bytes long; "
                            f"the file system of '{parent}' takes names of at most {longest} bytes")
    if path.is_dir():
        raise SettingsError(f"output '{path}' is a directory; give a file name")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise SettingsError(f"cannot write to directory '{parent}'")


def _longest_name(directory: Path) -> int:
    """The longest file name the directory's file system takes (255 bytes where it cannot say)."""
    try:
        return int(os.pathconf(directory, "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):
        return 255


#: Where output for standard output goes instead of ``sys.stdout.buffer``, when set: the command
#: line sets it while it points ``sys.stdout`` at stderr, so that whatever else prints during the
#: command (a custom function's ``print``) cannot mix with the data (see ``actplot.cli``).
STDOUT: ContextVar[IO[bytes] | None] = ContextVar("actplot_stdout", default=None)


@contextmanager
def output(path: Path, to_stdout: bool = False) -> Iterator[IO[bytes]]:
    """Standard output's byte stream, or :func:`atomic_write` to ``path``.

    Standard output closed by its reader (``actplot ... -o - | head -1``) is a
    :class:`SettingsError` saying so.
    """
    if not to_stdout:
        with atomic_write(path) as handle:
            yield handle
        return
    import sys

    stream = STDOUT.get() or sys.stdout.buffer
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        raise SettingsError("standard output was closed before everything was written "
                            "(the program reading it ended)") from None
    except OSError as error:
        raise SettingsError(f"cannot write to standard output: {reason(error)}") from None


def destination(path: Path) -> Path:
    """The file writing to ``path`` changes: through a symbolic link (or a chain of them), the
    file it points to, as ``cp`` and editors write; otherwise ``path`` itself."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:  # a name too long to look at: writing will say so
        return path


@contextmanager
def atomic_write(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``'s :func:`destination`; on success rename it there,
    else delete it.

    The finished file keeps the permissions of the file it replaces, or gets the usual ones for
    a new file (0666 less the umask, which the system applies when the temporary file is
    created: actplot never reads or changes the process's umask). A failure of the file system
    (no space left, a name too long, a directory not writable) is a :class:`SettingsError`
    naming the file and the system's reason; the temporary file is removed and an existing file
    is left as it was.
    """
    target = destination(path)
    temporary, handle = _temporary_beside(target, path)
    try:
        with handle:
            yield handle
        mode = _mode(target)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise SettingsError(f"cannot write '{path}': {reason(error)}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


#: A temporary file's name: ``.NAME.RANDOM.tmp``, with NAME cut so the whole stays a valid name.
TEMPORARY_PREFIX, TEMPORARY_SUFFIX = ".", ".tmp"


def _temporary_beside(target: Path, given: Path) -> tuple[Path, IO[bytes]]:
    """A new file beside ``target``, created with mode 0666 (the umask applies), open for writing."""
    import secrets

    stem = target.name.encode()[:NAME_ROOM].decode(errors="ignore")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = target.parent / f"{TEMPORARY_PREFIX}{stem}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
        try:
            descriptor = os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise SettingsError(f"cannot write '{given}': {reason(error)}") from None
        return temporary, os.fdopen(descriptor, "wb")


#: Bytes of the destination's name kept in a temporary file's name (names are at most 255 bytes).
NAME_ROOM = 200


def _mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:  # no such file yet (or none that can be looked at: replacing it will say why)
        return None


def reason(error: OSError) -> str:
    """The system's words for a failure (``No space left on device``), lower-cased as a clause."""
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]
