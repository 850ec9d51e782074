"""What the gallery holds: its images, from the catalog's defaults and a TOML config.

An :class:`Image` is a file name and a spec in plain JSON data; the spec is what the hashes
cover and what the worker processes are given. :func:`load_config` reads the config
(``[tool.actplot.gallery]`` in ``./pyproject.toml``, or the top level of a file given with
``--config``), checks every key and value, and raises :class:`GalleryError` naming the file, the
entry and the key at fault, before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from actplot.api import curves_for, registry
from actplot.core.curves import file_stem, single
from actplot.core.errors import UserError
from actplot.core.settings import DEFAULT_POINTS, PlotSettings
from actplot.pictures import Image, image_of

FORMATS = ("png", "svg")
CONFIG_KEYS = {"replace", "entries"}
ENTRY_KEYS = {"name", "expr", "custom", "compare", "params", "range", "order", "title", "file", "points", "dtype",
              "diff"}
KINDS = ("name", "expr", "custom", "compare")


class GalleryError(UserError, ValueError):
    """A gallery directory or config that cannot be used."""




def default_images(fmt: str) -> list[Image]:
    """Every catalog activation at its defaults over its default range."""
    return [image_of(f"{name}.{fmt}", [single(entry)], entry.default_range, 1, None, DEFAULT_POINTS)
            for name, entry in registry().items()]


def load_config(path: Path | None, fmt: str) -> list[Image]:
    """The images a config asks for (with or instead of the defaults); raise GalleryError."""
    table: Mapping[str, Any] = {}
    where = "the default gallery"
    if path is None and _is_file(Path("pyproject.toml")):
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
    seen: set[str] = set()
    for image in images:
        if image.file in seen:
            raise GalleryError(f"{where}: two entries write '{image.file}'; give one a 'file' name")
        seen.add(image.file)
    return images


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; GalleryError if that cannot be known (a directory one may not search)."""
    try:
        return path.is_file()
    except OSError as error:
        raise GalleryError(f"cannot read config '{path}': {error.strerror or error}") from None


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
    """The image of one ``[[entries]]`` table; ``where`` names it in errors."""
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
            curves = curves_for(reference, **params)
        else:
            specs = entry["compare"]
            if not isinstance(specs, list) or not specs or not all(isinstance(s, str) for s in specs):
                raise GalleryError(f"{where}: 'compare' must be a list of names")
            curves = curves_for(*specs)
        x_range = entry.get("range")
        if x_range is not None and not (isinstance(x_range, list) and len(x_range) == 2):
            raise GalleryError(f"{where}: 'range' must be two numbers")
        settings = PlotSettings(
            x_range=None if x_range is None else (float(x_range[0]), float(x_range[1])),
            order=entry.get("order", 1), points=entry.get("points", DEFAULT_POINTS), title=entry.get("title"),
            dtype=entry.get("dtype"))
        diff = entry.get("diff", False)
        if not isinstance(diff, bool) or (diff and len(curves) != 2):
            raise GalleryError(f"{where}: 'diff' is true or false, and true takes a 'compare' of two names")
    except GalleryError:
        raise
    except (UserError, TypeError, ValueError) as error:
        raise GalleryError(f"{where}: {_message(error)}") from None
    title = settings.title
    if title is not None and not isinstance(title, str):
        raise GalleryError(f"{where}: 'title' must be text")
    stem = entry.get("file", file_stem(curves))
    if not isinstance(stem, str) or not stem or "/" in stem or stem.startswith("."):
        raise GalleryError(f"{where}: 'file' must be a plain file name")
    return image_of(f"{stem}.{fmt}", curves, settings.range_for(curves), settings.order, title, settings.points,
                    dtype=settings.dtype, diff=diff or None)


def _message(error: Exception) -> str:
    """An error's message, a setting named as the command line names it (``--range 3 1 is reversed``)."""
    command_line = getattr(error, "command_line", None)
    return str(command_line()) if callable(command_line) else str(error)




