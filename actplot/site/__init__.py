"""The website: a static site with a page per activation, built incrementally and in parallel.

``actplot site DIR`` writes, with no server and nothing fetched at view time:

- ``index.html``: every entry as a card, with search over names, aliases, framework names and
  families, and filters by family and property;
- ``NAME.html`` per catalog entry: the formula as MathML, interactive f, f' and f'' panels whose
  parameters move on a grid actplot sampled (:mod:`~actplot.site.grid`; the sliders' state is in
  the page's URL), the picture in light and dark at 1x and 2x, parameters, properties,
  breakpoints and their convention, each framework's spelling and differences, the paper with
  its BibTeX, related entries and downloads (``csv/NAME.csv``, the command);
- ``fw/QUALIFIED.html`` per framework name: its defaults and differences, and where its curve
  differs from the canonical entry's, a picture of the difference;
- ``compare/FILE.html`` per comparison (GELU exact against tanh, the frameworks' leaky ReLU
  slopes, hard sigmoid conventions, and a config's own), with difference panels;
- ``img/`` (the pictures and their manifest), ``data/`` (the interactive curves), ``assets/``
  (one stylesheet, one script) and ``site.json``, what the last build wrote.

The pictures are drawn by the gallery's machinery (:func:`actplot.gallery.update`): only those
that changed, in worker processes, each checked against the bytes recorded. The pages are
written only where their text changed; when actplot's code, the config and every file are as
``site.json`` records them, no page is even composed, so a rebuild with nothing changed writes
nothing and takes about a second. ``--check`` writes nothing and lists what is out of date.
Every byte is reproducible: no dates, sorted keys, pictures as the gallery draws them.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actplot import gallery, pictures
from actplot.api import __version__
from actplot.gallery import manifest
from actplot.pictures import Image
from actplot.site.config import SiteConfig, SiteError, load

__all__ = ["RECORD", "Options", "Report", "SiteError", "run", "summary"]

#: What the last build wrote: the key of its inputs and each file's sha256.
RECORD = "site.json"
ASSETS = Path(__file__).resolve().parent / "assets"
#: The folders of generated text files (besides the root's .html files).
FOLDERS = ("fw", "compare", "data", "csv", "assets")


@dataclass(frozen=True)
class Options:
    """What ``actplot site`` was asked to do."""

    directory: Path
    config: Path | None = None
    jobs: int | None = None
    force: bool = False
    check: bool = False
    clean: bool = False
    progress: bool = False


@dataclass
class Report:
    """What a build found and did."""

    written: list[str] = field(default_factory=list)  # text files written (or out of date with --check)
    unchanged: int = 0
    orphans: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    images: gallery.Report = field(default_factory=gallery.Report)
    composed: bool = False  # whether the pages were composed (not taken as recorded)
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        """``--check``'s findings, one line each."""
        return ([f"out of date: {f}" for f in self.written] + [f"img/{p}" for p in self.images.problems]
                + [f"orphan: {f}" for f in self.orphans])


def run(options: Options) -> Report:
    """Bring the website in ``options.directory`` up to date (or only check it); raise SiteError."""
    started = time.perf_counter()
    directory = options.directory
    config = load(options.config)  # a bad config is refused before anything is made
    gallery.check_directory(directory, writing=not options.check, error=SiteError)
    key = _key(config)
    recorded = _read_record(directory)
    report = Report()
    current = (not options.force and recorded.get("key") == key
               and all(pictures.file_hash(directory / f) == h for f, h in recorded.get("files", {}).items()))
    if current:
        texts: dict[str, str] | None = None
        images = [Image(f, spec) for f, spec in recorded.get("images", {}).items()]
    else:
        texts, images = compose(config)
        report.composed = True
    if not options.check:
        (directory / "img").mkdir(exist_ok=True)
    report.images = gallery.update(images, gallery.Options(
        directory=directory / "img", jobs=options.jobs, force=options.force, check=options.check,
        clean=options.clean, progress=options.progress), {})
    files = recorded.get("files", {}) if texts is None else texts
    report.orphans = sorted(set(_generated(directory)) - set(files) - {RECORD})
    if texts is not None:
        for name, content in texts.items():
            path = directory / name
            if manifest.read_text(path) == content:
                report.unchanged += 1
                continue
            report.written.append(name)
            if not options.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                manifest.write_if_changed(path, content)
    else:
        report.unchanged = len(files)
    if not options.check:
        if options.clean:
            for name in report.orphans:
                (directory / name).unlink(missing_ok=True)
                report.removed.append(name)
        if texts is not None:
            record = {"actplot": __version__, "key": key,
                      "files": {n: hashlib.sha256(t.encode("utf-8")).hexdigest() for n, t in sorted(texts.items())},
                      "images": {image.file: image.spec for image in sorted(images, key=lambda i: i.file)}}
            manifest.write_if_changed(directory / RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n")
    report.seconds = time.perf_counter() - started
    return report


def compose(config: SiteConfig) -> tuple[dict[str, str], list[Image]]:
    """Every text file of the site (path: text) and every picture, from the config."""
    from actplot.site.pages import Pages

    pages = Pages(config)
    pages.build()
    texts = dict(pages.files)
    for asset in sorted(ASSETS.iterdir()):
        texts[f"assets/{asset.name}"] = asset.read_text(encoding="utf-8")
    return dict(sorted(texts.items())), pages.images


def _key(config: SiteConfig) -> str:
    """A digest of everything the pages are made of: actplot's code (its assets included), the
    numerical libraries' versions and the config."""
    digest = hashlib.sha256(pictures.code_digest().encode())
    for asset in sorted(ASSETS.iterdir()):
        digest.update(asset.name.encode() + b"\0" + asset.read_bytes() + b"\0")
    digest.update(repr(config).encode())
    return digest.hexdigest()


def _read_record(directory: Path) -> dict[str, Any]:
    try:
        data = json.loads((directory / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _generated(directory: Path) -> list[str]:
    """The text files in ``directory`` that a build may have written: the root's .html files and
    everything in :data:`FOLDERS`."""
    if not directory.is_dir():
        return []
    found = [p.name for p in directory.glob("*.html") if p.is_file()]
    for folder in FOLDERS:
        found += [p.relative_to(directory).as_posix() for p in (directory / folder).glob("*") if p.is_file()]
    return found


def summary(report: Report) -> str:
    """The line printed at the end of a build."""
    images = report.images
    return (f"site: {len(report.written)} pages and files written, {report.unchanged} unchanged; "
            f"{len(images.rendered)} pictures drawn, {len(images.unchanged)} unchanged"
            + (f", {len(report.removed)} removed" if report.removed else "")
            + f" in {report.seconds:.1f} s" + (f" ({images.jobs} jobs)" if images.jobs > 1 else "")
            + (f"; {len(report.orphans) - len(report.removed)} orphans kept (--clean removes them)"
               if len(report.orphans) > len(report.removed) else ""))
