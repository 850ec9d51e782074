"""Drawing the gallery's images in worker processes, with a progress bar on a terminal.

:class:`Workers` is a pool of processes (forked where there is fork, so they inherit what is
imported), started when there are images to draw: as many as asked for (``--jobs``), but never
more than the CPUs the process may use (:func:`available_cpus`) nor than the images to draw, and
none when that is one (the run draws in its own process). Each worker draws with
:func:`render_task`, which writes the image into the run's own :class:`Staging` directory inside
the gallery and renames it into place when it is complete, and returns the file's name and the
sha256 of the bytes it wrote, for the manifest. :meth:`Workers.render` yields each image as it is
done, so the run records exactly the images that were written, even when it is interrupted.

A run's temporary files are all in its staging directory, which the run removes when its workers
have ended (also after a failure), so a run never removes another's files: two runs on one
gallery at once both finish, with complete images. A run that was killed outright leaves its
staging directory; the next run removes it, knowing it abandoned because nothing holds its lock.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from actplot import api
from actplot.gallery.config import GalleryError
from actplot.pictures import Image, file_hash, to_palette

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from rich.progress import Progress

Task = tuple[str, dict[str, Any], str, float, str, str]  # file, spec, format, dpi, directory, staging directory
Done = tuple[str, str]  # file, sha256 of its bytes
#: The start of a staging directory's name (in the gallery directory; see :class:`Staging`).
STAGING = ".actplot-run-"


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, where the system tells it), at least 1."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return int(counted() or 1)
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(jobs: int | None, images: int) -> int:
    """How many processes draw ``images`` images when ``jobs`` are asked for (None: one per CPU):
    never more than the CPUs the process may use, nor than the images; at least 1."""
    cpus = available_cpus()
    return max(1, min(jobs or cpus, cpus, images))


class Workers:
    """Worker processes that draw images, started when there are some to draw (see :meth:`render`)."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs  # as asked for; None: one per CPU
        self.used = 0  # processes that drew (1: this one), once render() started
        self.pool: ProcessPoolExecutor | None = None
        self.staging: Staging | None = None

    def start(self, workers: int) -> None:
        """Start ``workers`` processes (with fork where there is one: they inherit what is imported)."""
        if self.pool is not None:
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                                        initializer=_warm_up)

    def submit(self, task: Task) -> Future[Done]:
        """Have a worker draw one image (the workers must be started)."""
        if self.pool is None:
            raise RuntimeError("the workers are not started")
        return self.pool.submit(render_task, task)

    def close(self) -> None:
        """Wait for the workers to finish what they draw, cancel the rest, and end them; then
        remove the run's staging directory."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.staging is not None:
            self.staging.remove()
            self.staging = None

    def render(self, images: Sequence[Image], fmt: str, dpi: float, directory: Path,
               progress: bool = False) -> Iterator[Done]:
        """Draw the images, in the workers when there are several; yield each one's file and byte
        hash when it is written."""
        if not images:
            return
        if self.staging is None:
            self.staging = Staging(directory)
        staging = str(self.staging.path)
        tasks: list[Task] = [(image.file, dict(image.spec), fmt, dpi, str(directory), staging) for image in images]
        self.used = worker_count(self.jobs, len(tasks))
        with _Progress(len(tasks), progress) as advance:
            if self.used == 1:
                for task in tasks:
                    yield render_task(task)
                    advance()
                return
            from concurrent.futures import as_completed

            # Larger images first, so no worker is left alone with a slow one at the end.
            tasks.sort(key=lambda t: -(t[1]["order"] + 1) * len(t[1]["curves"]))
            self.start(self.used)
            futures = [self.submit(task) for task in tasks]
            try:
                for future in as_completed(futures):
                    yield future.result()
                    advance()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise


def _warm_up() -> None:
    """Import matplotlib in each worker as it starts, not with its first image.

    A parent that drew before forking (a second run in one process, the tests) left parsed
    mathtext holding its open font files, whose file offsets every worker would share, so that
    two workers reading glyphs at once read garbage ("FT_Load_Glyph ... invalid outline").
    matplotlib forgets its own font cache at a fork; this forgets the parsed mathtext too.
    """
    import matplotlib.mathtext

    api.load_drawing()

    parsed = getattr(matplotlib.mathtext.MathTextParser, "_parse_cached", None)
    if parsed is not None and hasattr(parsed, "cache_clear"):
        parsed.cache_clear()


def render_task(task: Task) -> Done:
    """Draw one image (in a worker): write it in the staging directory, then rename it into the
    gallery, with the permissions of the file it replaces; return its name and the sha256 of its bytes."""
    file, spec, fmt, dpi, directory, staging = task
    image = Image(file, spec)
    staged, path = Path(staging) / file, Path(directory) / file
    api.save_picture(image.curves(), image.settings(fmt, dpi, Path(directory)), staged)
    if image.spec.get("colors"):
        to_palette(staged, int(image.spec["colors"]))
    written = file_hash(staged)
    if written is None:
        raise OSError(f"cannot read '{staged}' back after writing it")
    try:
        os.chmod(staged, path.stat().st_mode & 0o7777)
    except FileNotFoundError:
        pass
    os.replace(staged, path)
    return file, written


class Staging:
    """A run's own directory for the images being written (``DIR/.actplot-run-XXXX``), inside the
    gallery so that a finished image is renamed into place atomically.

    Made when a run has images to draw, it is locked (``flock``, where there is one) while the
    run or any of its workers lives, and removed by :meth:`remove`. The staging directories of
    runs that were killed outright are removed by the next run (:func:`remove_abandoned`).
    """

    def __init__(self, directory: Path) -> None:
        while True:
            try:
                path = Path(tempfile.mkdtemp(prefix=STAGING, dir=directory))
            except OSError as error:
                raise GalleryError(f"cannot write to directory '{directory}': {error.strerror or error}") from None
            lock = _lock(path, wait=True)
            if (lock is None and path.is_dir()) or (lock is not None and _is(path, lock)):
                break
            if lock is not None:  # another run took it for abandoned before it was locked: make another
                os.close(lock)
        self.path, self._lock = path, lock

    def remove(self) -> None:
        """Remove the directory and what is left in it, then release its lock."""
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def remove_abandoned(directory: Path) -> list[Path]:
    """Remove the staging directories in ``directory`` whose run is gone (nothing holds their lock);
    return them. A live run's, and any where there is no ``flock`` (Windows, some network file
    systems), are left alone."""
    removed = []
    for path in sorted(directory.glob(STAGING + "*")):
        lock = _lock(path, wait=False)
        if lock is None:
            continue
        try:
            if _is(path, lock):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
        finally:
            os.close(lock)
    return removed


def _lock(path: Path, wait: bool) -> int | None:
    """A descriptor of the directory ``path`` holding its exclusive lock, or None: no lock to be had
    (``wait=False`` and another holds it, or no ``flock`` here, or ``path`` is not a directory)."""
    try:
        import fcntl
    except ImportError:  # Windows: no run's staging directory is ever taken for abandoned
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def _is(path: Path, descriptor: int) -> bool:
    """Whether ``path`` is still the directory open as ``descriptor`` (not removed, not replaced)."""
    try:
        return os.path.samestat(os.stat(path, follow_symlinks=False), os.fstat(descriptor))
    except OSError:
        return False


class _Progress:
    """A rich progress bar on a terminal, nothing otherwise; ``advance()`` moves it one step."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.bar: Progress | None = None

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.progress import Progress

        bar = self.bar = Progress(transient=True)
        bar.start()
        task = bar.add_task("rendering", total=self.total)
        return lambda: bar.advance(task)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def wants_progress() -> bool:
    """A progress bar only on a terminal, and never in CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")
