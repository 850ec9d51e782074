"""Drawing the gallery's images in worker processes, with a progress bar on a terminal.

:class:`Workers` is a pool of processes (forked where there is fork, so they inherit what is
imported), started on demand, or early by the run when it already knows some image must be
drawn, so the workers import matplotlib while the hashes are computed. Each worker draws with
:func:`render_task`, which writes its file atomically (a killed worker leaves at most a
``.NAME.XXXX.tmp`` file, which the run removes) and returns the file's name and the sha256 of the
bytes it wrote, for the manifest. :meth:`Workers.render` yields each image as it is done, so the
run records exactly the images that were written, even when it is interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from actplot.gallery.config import Image
from actplot.gallery.manifest import file_hash

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from rich.progress import Progress

Task = tuple[str, dict[str, Any], str, float, str]  # file, spec, format, dpi, directory
Done = tuple[str, str]  # file, sha256 of its bytes


class Workers:
    """Worker processes that draw images, started on demand or early (see :func:`actplot.gallery.run`)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the processes (with fork where there is one: they inherit what is imported)."""
        if self.jobs == 1 or self.pool is not None:
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context(method),
                                        initializer=_warm_up)

    def submit(self, task: Task) -> Future[Done]:
        """Have a worker draw one image (starting the workers if need be)."""
        self.start()
        if self.pool is None:
            raise RuntimeError("one job draws in this process; there is no worker to submit to")
        return self.pool.submit(render_task, task)

    def close(self) -> None:
        """Wait for the workers to finish what they draw, cancel the rest, and end them."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def render(self, images: Sequence[Image], fmt: str, dpi: float, directory: Path,
               progress: bool = False) -> Iterator[Done]:
        """Draw the images, in the workers when there are several; yield each one's file and byte
        hash when it is written."""
        if not images:
            return
        tasks: list[Task] = [(image.file, dict(image.spec), fmt, dpi, str(directory)) for image in images]
        with _Progress(len(tasks), progress) as advance:
            if self.jobs == 1 or len(tasks) == 1:
                for task in tasks:
                    yield render_task(task)
                    advance()
                return
            from concurrent.futures import as_completed

            # Larger images first, so no worker is left alone with a slow one at the end.
            tasks.sort(key=lambda t: -(t[1]["order"] + 1) * len(t[1]["curves"]))
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

    from actplot import render  # noqa: F401

    parsed = getattr(matplotlib.mathtext.MathTextParser, "_parse_cached", None)
    if parsed is not None and hasattr(parsed, "cache_clear"):
        parsed.cache_clear()


def render_task(task: Task) -> Done:
    """Draw one image into its file (in a worker); return the file's name and the sha256 of its bytes."""
    from actplot import render

    file, spec, fmt, dpi, directory = task
    image = Image(file, spec)
    path = Path(directory) / file
    render.save(image.curves(), image.settings(fmt, dpi, Path(directory)), path, reuse=True)
    written = file_hash(path)
    if written is None:
        raise OSError(f"cannot read '{path}' back after writing it")
    return file, written


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
