"""What determines a picture, and its hash: shared by the gallery and the docs directive.

An :class:`Image` is a picture's spec (its curves' references, parameters and labels, range,
order, title and points). Its hash covers the spec, the data digest of what the curves are
made of (the catalog's code, an expression's text, a custom module's source), the formulas its
panels are titled with, the drawing code (:func:`drawing_digest`), the format, the resolution
and actplot's version, so a picture is drawn again exactly when it would change.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from actplot.catalog import BUILTINS
from actplot.core.curves import Curve
from actplot.core.settings import PlotSettings
from actplot.core.version import __version__
from actplot.draw.data import jsonable
from actplot.specs import curves_for


@dataclass(frozen=True)
class Image:
    """One picture of the gallery: its file name and the spec of what it shows.

    ``spec`` is plain JSON data: ``curves`` (each ``ref``, ``params``, ``label``), ``range``,
    ``order``, ``title`` and ``points``; it is what the hash and the workers are given. A spec may
    also fix the figure's ``size`` (inches), ``style``, ``dpi`` (over the run's) and ``colors``
    (a palette of at most that many colours, see :func:`to_palette`), ask for the ``diff`` of
    its two curves (``actplot diff``), or draw the curves in a number format too (``dtype``, as
    ``--dtype``); images that give none of them hash as they did before these keys existed.
    """

    file: str
    spec: Mapping[str, Any]

    def curves(self) -> list[Curve]:
        """The curves the spec describes (built again from their references); with ``diff`` in the
        spec, the one difference A - B of its two curves."""
        curves = [replace(curve, label=c["label"])
                  for c in self.spec["curves"] for curve in curves_for(c["ref"], **c["params"])]
        if self.spec.get("diff"):
            from actplot.core.difference import difference_of

            return [difference_of(curves)]
        return curves

    def settings(self, fmt: str, dpi: float, directory: Path) -> PlotSettings:
        """The plot settings that draw this image into ``directory``."""
        size = self.spec.get("size")
        return PlotSettings(x_range=tuple(self.spec["range"]), points=self.spec["points"], order=self.spec["order"],
                            dpi=self.dpi(dpi), title=self.spec["title"], output=directory / self.file,
                            size=None if size is None else (float(size[0]), float(size[1])),
                            style=self.spec.get("style", "default"), dtype=self.spec.get("dtype"))

    def dpi(self, run: float) -> float:
        """The image's resolution: its spec's ``dpi``, else the run's."""
        return float(self.spec.get("dpi", run))


def image_of(file: str, curves: Sequence[Curve], x_range: Sequence[float], order: int, title: str | None,
           points: int, **fixed: Any) -> Image:
    """An image whose spec is the curves' references, parameters and labels and the plot's settings,
    and what ``fixed`` sets of ``size``, ``style``, ``dpi``, ``colors``, ``diff`` and ``dtype``."""
    spec = {
        "curves": [{"ref": c.entry.reference, "params": _jsonable(c.params), "label": c.label} for c in curves],
        "range": [float(x_range[0]), float(x_range[1])],
        "order": order,
        "title": title,
        "points": points,
        **{key: value for key, value in fixed.items() if value is not None},
    }
    return Image(file, spec)


def to_palette(path: Path, colors: int) -> None:
    """Rewrite the PNG at ``path`` with a palette of at most ``colors`` colours (median cut, no
    dithering): a third of the bytes for a plot's few colours and their antialiased edges."""
    from PIL import Image as Picture

    with Picture.open(path) as picture:
        reduced = picture.convert("RGB").quantize(colors, method=Picture.Quantize.MEDIANCUT,
                                                  dither=Picture.Dither.NONE)
    reduced.save(path, "PNG", optimize=True)



def _jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as strict JSON data (a vector's tuple as a list, Keras's uncapped max_value as "inf")."""
    return {k: jsonable(v) for k, v in params.items()}


PACKAGE = Path(__file__).resolve().parent  # actplot/, whose sources the code digest covers


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


#: The code that turns curves into a picture: the back ends, and the core that samples, breaks,
#: differences and rounds the curves they draw.
DRAWING_CODE = ("draw", "core")


def drawing_digest() -> str:
    """A digest of the drawing code's sources (:data:`DRAWING_CODE`): a change there may change
    every picture, even where the values drawn are the same."""
    digest = hashlib.sha256()
    for folder in DRAWING_CODE:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def formulas(image: Image) -> list[str]:
    """The formulas the picture's panels are titled with: each curve's f and f′ at its parameters."""
    return [curve.formula(order) for curve in image.curves() for order in (0, 1)]


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
               "style": settings.style, "actplot": __version__, "formulas": formulas(image),
               "drawing": _drawing()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@functools.cache
def _drawing() -> str:
    """:func:`drawing_digest`, once a process (the sources do not change while it runs)."""
    return drawing_digest()


def file_hash(path: Path) -> str | None:
    """The sha256 of the file's bytes, or None if it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
