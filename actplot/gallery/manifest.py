"""The manifest (``manifest.json``): what each image was drawn from, and the bytes it was written as.

For each image the manifest holds an entry of four fields:

- ``spec``: the image's spec (see :class:`~actplot.gallery.config.Image`);
- ``data``: :func:`data_digest`, a digest of the sampled values the image draws;
- ``hash``: :func:`image_hash`, a hash of everything that determines the picture (the spec, the
  data digest, the formulas in its titles, the drawing code, the render settings and actplot's
  version), not of matplotlib's version;
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

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from actplot.api import __version__, jsonable
from actplot.core.files import atomic_write

MANIFEST = "manifest.json"














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
