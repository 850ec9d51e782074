"""The manifest (``manifest.json``): what each image was drawn from, and the bytes it was written as.

For each image the manifest holds an entry of four fields:

- ``spec``: the image's spec (see :class:`~actplot.gallery.config.Image`);
- ``data``: :func:`data_digest`, a digest of the sampled values the image draws;
- ``hash``: :func:`image_hash`, a hash of everything that determines the picture (the spec, the
  data digest, the render settings and actplot's version), not of matplotlib's version;
- ``bytes``: :func:`file_hash`, the sha256 of the file's bytes as actplot wrote them.

An image is current when its ``hash`` is the one the spec gives now and its file's bytes are
still ``bytes``; no picture is ever drawn again to compare, so another matplotlib or FreeType
does not make a current gallery look stale, while a damaged or replaced file is noticed.

The manifest is strict JSON: a spec's parameter that is not a finite number (Keras's
``max_value`` without a cap) is its text, ``"inf"``, which the parameter reads back
(:func:`actplot.draw.data.jsonable`), never ``Infinity``.

Computing the data digest evaluates every entry, so the manifest also records ``code``
(:func:`code_digest`: actplot's own source files and the numpy and scipy versions); while that
and an entry's spec are unchanged its data is too, and is taken from the manifest
(:func:`reproducible` says for which entries).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from actplot import __version__
from actplot.catalog import BUILTINS
from actplot.core.files import atomic_write
from actplot.draw.data import jsonable
from actplot.gallery.config import Image

MANIFEST = "manifest.json"
PACKAGE = Path(__file__).resolve().parent.parent  # actplot/, whose sources the code digest covers


def source_files() -> list[Path]:
    """actplot's own source files (every ``.py`` under the package, the gallery's included), sorted."""
    return sorted(PACKAGE.rglob("*.py"))


def code_digest() -> str:
    """A digest of actplot's source files and of the numerical libraries' versions."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for path in source_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
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


    digest = hashlib.sha256()
    lo, hi = image.spec["range"]
    for curve in image.curves():
        x = curve.sample(lo, hi, image.spec["points"])
        digest.update(x.tobytes())
        for order in range(image.spec["order"] + 1):
            mantissa, exponent = np.frexp(curve.evaluate(x, order))
            digest.update(np.round(mantissa * 2.0**20).tobytes() + exponent.tobytes())
    return digest.hexdigest()


def reproducible(image: Image) -> bool:
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


def file_hash(path: Path) -> str | None:
    """The sha256 of the file's bytes, or None if it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def read(directory: Path) -> dict[str, Any]:
    """The manifest in ``directory``; an empty one if there is none or it cannot be read."""
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("images", {}), dict):
        return {}
    return data


def write(directory: Path, code: str, images: Mapping[str, Mapping[str, Any]]) -> bool:
    """Write the manifest of these image entries (by file name) unless it is unchanged; return
    whether it wrote."""
    manifest = {"actplot": __version__, "code": code, "images": dict(sorted(images.items()))}
    text = json.dumps(jsonable(manifest), indent=1, sort_keys=True, allow_nan=False)
    return write_if_changed(directory / MANIFEST, text + "\n")


def read_text(path: Path) -> str | None:
    """The text of a file the gallery writes (the manifest, an index), or None if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds it; return whether it wrote."""
    if read_text(path) == text:
        return False
    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8"))
    return True
