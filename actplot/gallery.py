"""The gallery: one picture per entry, rendered incrementally and in parallel, checkable in CI.

``actplot gallery DIR`` draws every catalog activation at its defaults (function | derivative,
the same figure the single command draws), plus or instead of the entries of a config, and
writes an index (``README.md`` and ``index.html``) and a manifest (``manifest.json``).

The manifest records, for each image, a hash of everything that determines it: the entry's
spec (curves with their parameters, range, order, title, points), a digest of the sampled
data (values and derivatives on the grid the plot samples), the render settings (format, dpi,
size, style) and actplot's version. A run renders only the images whose hash changed or whose
file is missing; ``--check`` compares hashes, never pixels, so another matplotlib or FreeType
does not make a current gallery look stale.

Computing the data digest evaluates every entry, so it is remembered in the manifest with a
digest of actplot's own source files and the numpy and scipy versions; while those and the
spec are unchanged the data is too, and a run that changes nothing evaluates nothing.

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

import hashlib
import html
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actplot import __version__
from actplot.catalog import BUILTINS, get, registry
from actplot.curves import Curve, entry_for, parse_spec, single, sweep
from actplot.errors import UserError
from actplot.files import atomic_write
from actplot.formula import plain
from actplot.settings import DEFAULT_POINTS, PlotSettings

MANIFEST = "manifest.json"
INDEX_MARKDOWN = "README.md"
INDEX_HTML = "index.html"
FORMATS = ("png", "svg")
DEFAULT_DPI = 100.0
ENTRY_KEYS = {"name", "expr", "custom", "compare", "params", "range", "order", "title", "file", "points"}
KINDS = ("name", "expr", "custom", "compare")

CONFIG_KEYS = {"replace", "entries"}


class GalleryError(UserError, ValueError):
    """A gallery directory or config that cannot be used."""


@dataclass(frozen=True)
class Image:
    """One picture of the gallery: its file name and the spec of what it shows.

    ``spec`` is plain JSON data: ``curves`` (each ``name``, ``params``, ``label``), ``range``,
    ``order``, ``title`` and ``points``; it is what the hash and the workers are given.
    """

    file: str
    spec: Mapping[str, Any]

    def curves(self) -> list[Curve]:
        curves = []
        for c in self.spec["curves"]:
            entry = entry_for(c["ref"], c["params"]) if c["ref"].startswith(("expr:", "custom:")) else get(c["ref"])
            curves.append(Curve(entry, entry.resolve(**c["params"]), c["label"]))
        return curves

    def settings(self, fmt: str, dpi: float, directory: Path) -> PlotSettings:
        return PlotSettings(x_range=tuple(self.spec["range"]), points=self.spec["points"], order=self.spec["order"],
                            dpi=dpi, title=self.spec["title"], output=directory / self.file)


@dataclass
class Report:
    """What a run found and did."""

    rendered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)  # index files written, or stale with --check
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        """``--check``'s findings, one line each."""
        return ([f"missing: {f}" for f in self.missing] + [f"stale: {f}" for f in self.stale]
                + [f"orphan: {f}" for f in self.orphans] + [f"stale: {f}" for f in self.indexes])


# --- what the gallery holds ------------------------------------------------------------------


def default_images(fmt: str) -> list[Image]:
    """Every catalog activation at its defaults over its default range."""
    return [_image(f"{name}.{fmt}", [single(entry)], entry.default_range, 1, None, DEFAULT_POINTS)
            for name, entry in registry().items()]


def load_config(path: Path | None, fmt: str) -> list[Image]:
    """The images a config asks for (with or instead of the defaults); raise GalleryError."""
    table: Mapping[str, Any] = {}
    where = "the default gallery"
    if path is None and Path("pyproject.toml").is_file():
        path = Path("pyproject.toml")
        table = _read_toml(path).get("tool", {}).get("actplot", {}).get("gallery", {})
        where = f"{path} [tool.actplot.gallery]"
    elif path is not None:
        data = _read_toml(path)
        table = data.get("tool", {}).get("actplot", {}).get("gallery", {}) if path.name == "pyproject.toml" else data
        where = str(path)
    unknown = set(table) - CONFIG_KEYS
    if unknown:
        raise GalleryError(f"{where}: unknown key '{sorted(unknown)[0]}' (known: {', '.join(sorted(CONFIG_KEYS))})")
    replace = table.get("replace", False)
    if not isinstance(replace, bool):
        raise GalleryError(f"{where}: 'replace' must be true or false")
    entries = table.get("entries", [])
    if not isinstance(entries, list):
        raise GalleryError(f"{where}: 'entries' must be an array of tables ([[entries]])")
    images = [] if replace else default_images(fmt)
    for number, entry in enumerate(entries, start=1):
        images.append(_config_image(entry, fmt, f"{where}: entry {number}"))
    seen: dict[str, int] = {}
    for number, image in enumerate(images):
        if image.file in seen:
            raise GalleryError(f"{where}: two entries write '{image.file}'; give one a 'file' name")
        seen[image.file] = number
    return images


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GalleryError(f"config '{path}' does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise GalleryError(f"cannot read config '{path}': {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise GalleryError(f"{path}: not valid TOML: {error}") from None


def _config_image(entry: Any, fmt: str, where: str) -> Image:
    if not isinstance(entry, dict):
        raise GalleryError(f"{where}: must be a table")
    label = entry.get("name") or entry.get("expr") or entry.get("custom") or "-vs-".join(
        map(str, entry.get("compare", [])))
    where = f"{where} ({label})" if label else where
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise GalleryError(f"{where}: unknown key '{sorted(unknown)[0]}' (known: {', '.join(sorted(ENTRY_KEYS))})")
    kinds = [kind for kind in KINDS if kind in entry]
    if len(kinds) != 1:
        raise GalleryError(f"{where}: give one of {', '.join(repr(k) for k in KINDS)}")
    try:
        if kinds[0] != "compare":
            params = entry.get("params", {})
            if not isinstance(params, dict):
                raise GalleryError(f"{where}: 'params' must be a table")
            reference = str(entry[kinds[0]]) if kinds[0] == "name" else f"{kinds[0]}:{entry[kinds[0]]}"
            values = {k: v if isinstance(v, list) and not _is_vector(reference, k) else [v]
                      for k, v in params.items()}
            first = {k: v[0] for k, v in values.items()}
            activation = get(reference) if kinds[0] == "name" else entry_for(reference, first)
            curves = sweep(activation, values) if values else [single(activation)]
        else:
            specs = entry["compare"]
            if not isinstance(specs, list) or not specs or not all(isinstance(s, str) for s in specs):
                raise GalleryError(f"{where}: 'compare' must be a list of names")
            curves = [parse_spec(spec) for spec in specs]
        x_range = entry.get("range")
        if x_range is not None and not (isinstance(x_range, list) and len(x_range) == 2):
            raise GalleryError(f"{where}: 'range' must be two numbers")
        settings = PlotSettings(
            x_range=None if x_range is None else (float(x_range[0]), float(x_range[1])),
            order=entry.get("order", 1), points=entry.get("points", DEFAULT_POINTS), title=entry.get("title"))
    except GalleryError:
        raise
    except (UserError, TypeError, ValueError) as error:
        raise GalleryError(f"{where}: {error}") from None
    title = settings.title
    if title is not None and not isinstance(title, str):
        raise GalleryError(f"{where}: 'title' must be text")
    stem = entry.get("file", _file_stem(curves))
    if not isinstance(stem, str) or not stem or "/" in stem or stem.startswith("."):
        raise GalleryError(f"{where}: 'file' must be a plain file name")
    return _image(f"{stem}.{fmt}", curves, settings.range_for(curves), settings.order, title, settings.points)


def _is_vector(name: str, key: str) -> bool:
    """Whether a list in the config is one value (the softmax family's others) or a sweep."""
    from actplot.schema import Vector

    try:
        return isinstance(get(name).param(key).domain, Vector)
    except (UserError, LookupError):
        return False


def _file_stem(curves: Sequence[Curve]) -> str:
    """A file name from the curves' names (an expression's text made safe: ``x*sigmoid(x)`` ->
    ``x-sigmoid-x``)."""
    names = list(dict.fromkeys(curve.entry.display_name for curve in curves))
    stem = "-vs-".join(re.sub(r"[^A-Za-z0-9_.]+", "-", name).strip("-.") or "expr" for name in names)
    if len(curves) > len(names):
        stem += "-sweep"
    return stem


def _image(file: str, curves: Sequence[Curve], x_range: Sequence[float], order: int, title: str | None,
           points: int) -> Image:
    spec = {
        "curves": [{"ref": c.entry.reference, "params": _jsonable(c.params), "label": c.label} for c in curves],
        "range": [float(x_range[0]), float(x_range[1])],
        "order": order,
        "title": title,
        "points": points,
    }
    return Image(file, spec)


def _jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


# --- hashing ---------------------------------------------------------------------------------


def code_digest() -> str:
    """A digest of actplot's source files and of the numerical libraries' versions."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in ("numpy", "scipy"):
        digest.update(f"{library}={version(library)}\0".encode())
    return digest.hexdigest()


def data_digest(image: Image) -> str:
    """A digest of the sampled values the image draws: every curve, every order, on its grid.

    Values are rounded to 20 bits of mantissa (six significant digits, far finer than a plot
    shows) first, so that the last-bit differences between numpy builds or processors do not
    make a current gallery look stale.
    """
    import numpy as np

    from actplot.sampling import sample

    digest = hashlib.sha256()
    lo, hi = image.spec["range"]
    for curve in image.curves():
        x = sample(lo, hi, image.spec["points"], [b.x for b in curve.breakpoints(lo, hi)])
        digest.update(x.tobytes())
        for order in range(image.spec["order"] + 1):
            mantissa, exponent = np.frexp(curve.evaluate(x, order))
            digest.update(np.round(mantissa * 2.0**20).tobytes() + exponent.tobytes())
    return digest.hexdigest()


def _reproducible(image: Image) -> bool:
    """Whether the image's values depend only on actplot's code and the spec (built-in entries and
    expressions), so its data digest may be remembered; a custom function's or a plug-in's code is
    not in the code digest."""
    return all(c["ref"].startswith("expr:") or c["ref"] in BUILTINS for c in image.spec["curves"])


def image_hash(image: Image, data: str, fmt: str, dpi: float) -> str:
    """The hash of everything that determines the picture (not matplotlib's version)."""
    settings = image.settings(fmt, dpi, Path("."))
    payload = {"spec": image.spec, "data": data, "format": fmt, "dpi": dpi, "size": list(settings.figure_size),
               "style": settings.style, "actplot": __version__}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# --- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What ``actplot gallery`` was asked to do."""

    directory: Path
    config: Path | None = None
    fmt: str = "png"
    dpi: float = DEFAULT_DPI
    jobs: int | None = None  # None: the CPU count
    force: bool = False
    check: bool = False
    clean: bool = False
    progress: bool = False  # show a progress bar


def run(options: Options) -> Report:
    """Bring the gallery in ``options.directory`` up to date (or only check it)."""
    started = time.perf_counter()
    directory = options.directory
    _check_directory(directory, writing=not options.check)
    if options.fmt not in FORMATS:
        raise GalleryError(f"--format must be one of {', '.join(FORMATS)}, got '{options.fmt}'")
    PlotSettings(dpi=options.dpi)  # validates the dpi with the usual message
    images = load_config(options.config, options.fmt)
    workers = Workers(options.jobs or os.cpu_count() or 1)
    if not options.check and (options.force or any(not (directory / i.file).is_file() for i in images)):
        workers.start()  # some image must be drawn: the workers import matplotlib while hashes are computed
    try:
        return _update(images, options, workers, started)
    finally:
        workers.close()


def _update(images: Sequence[Image], options: Options, workers: Workers, started: float) -> Report:
    directory = options.directory
    manifest = _read_manifest(directory / MANIFEST)
    code = code_digest()
    old = manifest.get("images", {})
    reuse_data = manifest.get("code") == code
    entries: dict[str, dict[str, Any]] = {}
    report = Report()
    for image in images:
        previous = old.get(image.file, {})
        same_spec = (reuse_data and previous.get("spec") == image.spec and "data" in previous
                     and _reproducible(image))
        data = previous["data"] if same_spec else data_digest(image)
        entries[image.file] = {"hash": image_hash(image, data, options.fmt, options.dpi), "data": data,
                               "spec": image.spec}
        exists = (directory / image.file).is_file()
        if not exists:
            report.missing.append(image.file)
        elif previous.get("hash") != entries[image.file]["hash"]:
            report.stale.append(image.file)
        else:
            report.unchanged.append(image.file)
    expected = {image.file for image in images}
    report.orphans = sorted(p.name for p in _images_in(directory) if p.name not in expected)
    indexes = {INDEX_MARKDOWN: markdown_index(images), INDEX_HTML: html_index(images)}
    stale_indexes = [name for name, text in indexes.items() if _read_text(directory / name) != text]
    if options.check:
        report.indexes = stale_indexes
        report.seconds = time.perf_counter() - started
        return report

    todo = [image for image in images if options.force or image.file in report.missing or image.file in report.stale]
    kept = {name: entry for name, entry in old.items() if name in report.orphans}
    done: dict[str, dict[str, Any]] = {name: entries[name] for name in report.unchanged if name in old}
    try:
        for file in _render_all(todo, options, workers):
            done[file] = entries[file]
            report.rendered.append(file)
    finally:
        _remove_leftovers(directory)
        if options.clean:
            for name in report.orphans:
                (directory / name).unlink(missing_ok=True)
                kept.pop(name, None)
                report.removed.append(name)
        new_manifest = {"actplot": __version__, "code": code, "images": dict(sorted({**kept, **done}.items()))}
        _write_if_changed(directory / MANIFEST, json.dumps(new_manifest, indent=1, sort_keys=True) + "\n")
    report.unchanged = [f for f in report.unchanged if f not in report.rendered]
    for name, text in indexes.items():
        if _write_if_changed(directory / name, text):
            report.indexes.append(name)
    report.seconds = time.perf_counter() - started
    return report


def _check_directory(directory: Path, writing: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise GalleryError(f"'{directory}' is a file, not a directory")
    if not writing:
        return
    if not directory.exists():
        try:
            directory.mkdir(parents=True)
        except OSError as error:
            raise GalleryError(f"cannot create directory '{directory}': {error.strerror or error}") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise GalleryError(f"cannot write to directory '{directory}'")


def _images_in(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lstrip(".") in FORMATS and p.is_file())


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("images", {}), dict) else {}


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds it; return whether it wrote."""
    if _read_text(path) == text:
        return False
    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8"))
    return True


def _remove_leftovers(directory: Path) -> None:
    """Temporary files of a worker that was killed mid-write (``.NAME.XXXX.tmp``)."""
    for path in directory.glob(".*.tmp"):
        path.unlink(missing_ok=True)


# --- rendering in worker processes -----------------------------------------------------------


class Workers:
    """Worker processes that draw images, started on demand or early (see :func:`run`)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.pool: Any = None

    def start(self) -> None:
        """Start the processes (with fork where there is one: they inherit what is imported)."""
        if self.jobs == 1 or self.pool is not None:
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context(method),
                                        initializer=_warm_up)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _render_all(images: Sequence[Image], options: Options, workers: Workers) -> Iterable[str]:
    """Render the images, in the workers when there are several; yield each file when done."""
    if not images:
        return
    tasks = [(image.file, dict(image.spec), options.fmt, options.dpi, str(options.directory)) for image in images]
    with _progress(len(tasks), options.progress) as advance:
        if workers.jobs == 1 or len(tasks) == 1:
            for task in tasks:
                yield render_task(task)
                advance()
            return
        from concurrent.futures import as_completed

        workers.start()
        # Larger images first, so no worker is left alone with a slow one at the end.
        tasks.sort(key=lambda t: -(t[1]["order"] + 1) * len(t[1]["curves"]))
        futures = [workers.pool.submit(render_task, task) for task in tasks]
        try:
            for future in as_completed(futures):
                yield future.result()
                advance()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _warm_up() -> None:
    """Import matplotlib in each worker as it starts, not with its first image."""
    from actplot import render  # noqa: F401


def render_task(task: tuple[str, dict[str, Any], str, float, str]) -> str:
    """Draw one image into its file (in a worker); return the file's name."""
    from actplot import render

    file, spec, fmt, dpi, directory = task
    image = Image(file, spec)
    settings = image.settings(fmt, dpi, Path(directory))
    render.save(image.curves(), settings, Path(directory) / file, reuse=True)
    return file


class _progress:
    """A rich progress bar on a terminal, nothing otherwise; ``advance()`` moves it one step."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.bar = total, enabled, None

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.start()
        task = self.bar.add_task("rendering", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def wants_progress() -> bool:
    """A progress bar only on a terminal, and never in CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


# --- the index -------------------------------------------------------------------------------


def _describe(image: Image) -> dict[str, str]:
    """Name, formula, parameters and PyTorch class of an image, as text for the index."""
    curves = image.curves()
    entries = {c.entry.reference: c.entry for c in curves}
    first = curves[0].entry
    single_entry = len(entries) == 1
    params = "; ".join(c.params_text for c in curves if c.params) if single_entry else ", ".join(
        c.label for c in curves)
    return {
        "name": image.spec["title"] or " vs ".join(e.display_name for e in entries.values()),
        "formula": plain(curves[0].formula(0)) if single_entry else "",
        "params": params,
        "torch": ", ".join(f"nn.{e.torch}" for e in entries.values() if e.torch),
    }


def markdown_index(images: Sequence[Image]) -> str:
    """``README.md``: a table that renders on a code-hosting site, a picture per row."""
    lines = ["# Activation gallery", "",
             "Generated by `actplot gallery`; do not edit. Each picture shows the function and its "
             "derivative; `actplot info NAME` tells more.", "",
             "| picture | name | formula | parameters | PyTorch |", "| --- | --- | --- | --- | --- |"]
    for image in images:
        d = _describe(image)
        cells = [f'<img src="{image.file}" alt="{d["name"]}" width="420">', f"**{d['name']}**",
                 f"`{d['formula']}`" if d["formula"] else "", d["params"], d["torch"]]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def html_index(images: Sequence[Image]) -> str:
    """``index.html``: a standalone page with every picture and its caption."""
    figures = []
    for image in images:
        d = {k: html.escape(v) for k, v in _describe(image).items()}
        caption = f"<b>{d['name']}</b>"
        for key in ("formula", "params", "torch"):
            if d[key]:
                caption += f"<br><code>{d[key]}</code>" if key == "formula" else f"<br>{d[key]}"
        figures.append(f'<figure><img src="{html.escape(image.file)}" alt="{d["name"]}" loading="lazy">'
                       f"<figcaption>{caption}</figcaption></figure>")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Activation gallery</title><style>"
            "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
            "main{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:1.5rem}"
            "figure{margin:0}img{width:100%;height:auto}figcaption{font-size:.9rem;line-height:1.4}"
            "</style></head><body><h1>Activation gallery</h1><p>Generated by <code>actplot gallery</code>.</p>"
            "<main>\n" + "\n".join(figures) + "\n</main></body></html>\n")


def summary(report: Report, jobs: int | None) -> str:
    """The line printed at the end of a run."""
    workers = jobs or os.cpu_count() or 1
    return (f"gallery: {len(report.rendered)} rendered, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed in {report.seconds:.1f} s ({workers} jobs)"
            + (f"; {len(report.orphans) - len(report.removed)} orphans kept (--clean removes them)"
               if len(report.orphans) > len(report.removed) else ""))

