"""The gallery: one picture per entry, rendered incrementally and in parallel, checkable in CI.

``actplot gallery DIR`` draws every catalog activation at its defaults (function | derivative,
the same figure the single command draws), plus or instead of the entries of a config, and
writes an index (``README.md`` and ``index.html``) and a manifest (``manifest.json``).

This module holds the run (:func:`run`); its parts are modules of their own:

- :mod:`~actplot.gallery.config`: the images, from the catalog and the TOML config;
- :mod:`~actplot.gallery.manifest`: the hashes and the manifest that records them;
- :mod:`~actplot.gallery.workers`: drawing in worker processes, with a progress bar;
- :mod:`~actplot.gallery.index`: the markdown and HTML indexes.

The manifest records, for each image, a hash of everything that determines it (the entry's
spec, a digest of the sampled data, the render settings and actplot's version) and the sha256
of the bytes actplot wrote. Each image is then

- *missing*: its file is not there;
- *stale*: its hash changed, or the manifest records no bytes for it (one written by an older
  actplot);
- *damaged*: its hash is current but the file's bytes are not the ones actplot wrote (a
  truncated, corrupted or replaced file);
- *unchanged*: otherwise.

A run draws the missing, stale and damaged images (all of them with ``--force``) and nothing
else; a run that changes nothing evaluates nothing (the data digests are remembered, see
:mod:`~actplot.gallery.manifest`), imports no matplotlib and rewrites no file. ``--check``
writes nothing and reports each missing, stale or damaged image, each orphan (an image file no
entry makes) and each stale index, one line each. It never draws, so another matplotlib or
FreeType does not make a current gallery look stale. Orphans are kept unless ``--clean``.

The images are drawn by worker processes (``--jobs``, at most one per CPU the process may use
and one per image to draw), each written atomically: into the run's own staging directory in
the gallery, then renamed into place. A run removes only its own temporary files, so two runs
on one gallery at once both finish with complete images. The manifest is written at the end of
every run, also an interrupted or failed one, and lists only images whose file is there as
recorded: an image being redrawn when the run stopped is left out, so the next run draws it
again.

Nothing depends on the working directory but the default config (``./pyproject.toml``, read if
it is there) and relative paths given: ``--check`` works from a read-only one.

Config (``[tool.actplot.gallery]`` in pyproject.toml, or the top level of a TOML file given
with ``--config``)::

    replace = false            # true: only the entries below; false: the catalog plus them
    [[entries]]                # in pyproject.toml: [[tool.actplot.gallery.entries]]
    name = "leaky-relu"        # one activation, or
    compare = ["relu", "gelu"] # several, each NAME[:param=value,...]
    params = { negative_slope = [0.01, 0.1] }   # a list of values sweeps
    range = [-10, 10]
    order = 2
    title = "Leaky ReLU slopes"
    file = "leaky-relu-sweep"  # the image's name without extension
    points = 2001
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actplot import pictures
from actplot.core.errors import UserError
from actplot.core.settings import PlotSettings
from actplot.gallery import manifest
from actplot.gallery.config import FORMATS, GalleryError, default_images, load_config
from actplot.gallery.index import INDEX_HTML, INDEX_MARKDOWN, html_index, indexes, markdown_index
from actplot.gallery.manifest import MANIFEST
from actplot.gallery.workers import Workers, remove_abandoned, wants_progress
from actplot.pictures import Image

__all__ = [
    "FORMATS", "INDEX_HTML", "INDEX_MARKDOWN", "MANIFEST", "GalleryError", "Image", "Options", "Report", "Workers",
    "check_directory", "default_images", "html_index", "load_config", "markdown_index", "run", "summary", "update",
    "wants_progress",
]

DEFAULT_DPI = 100.0
DAMAGED = "its bytes are not the ones actplot wrote"


@dataclass(frozen=True)
class Options:
    """What ``actplot gallery`` was asked to do."""

    directory: Path
    config: Path | None = None
    fmt: str = "png"
    dpi: float = DEFAULT_DPI
    jobs: int | None = None  # the most worker processes; None: one per CPU the process may use
    force: bool = False
    check: bool = False
    clean: bool = False
    progress: bool = False  # show a progress bar


@dataclass
class Report:
    """What a run found and did."""

    rendered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)  # index files written, or stale with --check
    seconds: float = 0.0
    jobs: int = 0  # processes that drew (1: the run's own; 0: nothing was drawn)

    @property
    def problems(self) -> list[str]:
        """``--check``'s findings, one line each."""
        return ([f"missing: {f}" for f in self.missing] + [f"stale: {f}" for f in self.stale]
                + [f"damaged: {f} ({DAMAGED})" for f in self.damaged]
                + [f"orphan: {f}" for f in self.orphans] + [f"stale: {f}" for f in self.indexes])


def run(options: Options) -> Report:
    """Bring the gallery in ``options.directory`` up to date (or only check it)."""
    started = time.perf_counter()
    directory = options.directory
    check_directory(directory, writing=not options.check)
    if options.fmt not in FORMATS:
        raise GalleryError(f"--format must be one of {', '.join(FORMATS)}, got '{options.fmt}'")
    PlotSettings(dpi=options.dpi)  # validates the dpi with the usual message
    images = load_config(options.config, options.fmt)
    return update(images, options, indexes(images), started)


def update(images: Sequence[Image], options: Options, texts: Mapping[str, str], started: float | None = None) -> Report:
    """Bring ``images`` and the text files ``texts`` (file name: text) in ``options.directory`` up
    to date, or only check them: the run of :func:`run`, for any images (the website's too)."""
    workers = Workers(options.jobs)  # started when the images to draw are known, as many as they need
    try:
        return _update(images, options, texts, workers, time.perf_counter() if started is None else started)
    finally:
        workers.close()


def _update(images: Sequence[Image], options: Options, texts: Mapping[str, str], workers: Workers,
            started: float) -> Report:
    """Classify the images, then (unless checking) draw what is not current and write the manifest
    and the text files."""
    directory = options.directory
    recorded = manifest.read(directory)
    code = pictures.code_digest()
    old: dict[str, Any] = recorded.get("images", {})
    reuse_data = recorded.get("code") == code
    entries: dict[str, dict[str, Any]] = {}
    report = Report()
    for image in images:
        previous = old.get(image.file, {})
        same_spec = (reuse_data and previous.get("spec") == image.spec and "data" in previous
                     and pictures.reproducible(image))
        data = previous["data"] if same_spec else pictures.data_digest(image)
        entries[image.file] = {"hash": pictures.image_hash(image, data, options.fmt, image.dpi(options.dpi)),
                               "data": data,
                               "spec": image.spec}
        state = _state(directory / image.file, previous, entries[image.file])
        {"missing": report.missing, "stale": report.stale, "damaged": report.damaged,
         "unchanged": report.unchanged}[state].append(image.file)
    expected = {image.file for image in images}
    report.orphans = sorted(p.name for p in _images_in(directory) if p.name not in expected)
    stale_indexes = [name for name, text in texts.items() if manifest.read_text(directory / name) != text]
    if options.check:
        report.indexes = stale_indexes
        report.seconds = time.perf_counter() - started
        return report

    remove_abandoned(directory)  # the staging directories of runs killed outright
    redraw = {*report.missing, *report.stale, *report.damaged}
    todo = [image for image in images if options.force or image.file in redraw]
    kept = {name: entry for name, entry in old.items() if name in report.orphans}
    done = {name: {**entries[name], "bytes": old[name]["bytes"]} for name in report.unchanged}
    try:
        for file, written in workers.render(todo, options.fmt, options.dpi, directory, options.progress):
            done[file] = {**entries[file], "bytes": written}
            report.rendered.append(file)
    finally:
        report.jobs = workers.used
        if options.clean:
            for name in report.orphans:
                (directory / name).unlink(missing_ok=True)
                kept.pop(name, None)
                report.removed.append(name)
        manifest.write(directory, code, {**kept, **done})
    report.unchanged = [f for f in report.unchanged if f not in report.rendered]
    for name, text in texts.items():
        if manifest.write_if_changed(directory / name, text):
            report.indexes.append(name)
    report.seconds = time.perf_counter() - started
    return report


def _state(path: Path, previous: Mapping[str, Any], entry: Mapping[str, Any]) -> str:
    """``missing``, ``stale``, ``damaged`` or ``unchanged``: an image's file against its manifest
    entry (``previous``) and the entry it has now."""
    if not path.is_file():
        return "missing"
    if previous.get("hash") != entry["hash"] or not isinstance(previous.get("bytes"), str):
        return "stale"
    if pictures.file_hash(path) != previous["bytes"]:
        return "damaged"
    return "unchanged"


def check_directory(directory: Path, writing: bool, error: type[UserError] = GalleryError) -> None:
    """Raise ``error`` if a gallery (or the website) cannot be in ``directory``; create it when writing."""
    if directory.exists() and not directory.is_dir():
        raise error(f"'{directory}' is a file, not a directory")
    if not writing:
        return
    if not directory.exists():
        try:
            directory.mkdir(parents=True, exist_ok=True)  # another run may make it at the same time
        except OSError as problem:
            raise error(f"cannot create directory '{directory}': {problem.strerror or problem}") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise error(f"cannot write to directory '{directory}'")


def _images_in(directory: Path) -> list[Path]:
    """The image files in ``directory`` (of any gallery format)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lstrip(".") in FORMATS and p.is_file())


def summary(report: Report) -> str:
    """The line printed at the end of a run (with the number of processes that drew, if any drew)."""
    damaged = f" ({len(report.damaged)} damaged)" if report.damaged else ""
    jobs = f" ({report.jobs} job{'s' if report.jobs != 1 else ''})" if report.jobs else ""
    return (f"gallery: {len(report.rendered)} rendered{damaged}, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed in {report.seconds:.1f} s{jobs}"
            + (f"; {len(report.orphans) - len(report.removed)} orphans kept (--clean removes them)"
               if len(report.orphans) > len(report.removed) else ""))
