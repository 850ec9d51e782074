"""What the website holds: which entries, and its compare pages, from the defaults and a TOML config.

The config is ``[tool.actplot.site]`` in ``./pyproject.toml`` or the top level of a file given
with ``--config``::

    entries = ["relu", "gelu"]     # only these catalog entries (default: all of them)
    framework_pages = true         # a page per framework name of the entries (default: true)
    replace = false                # true: only the compare pages below; false: the built-in ones too
    [[compare]]                    # in pyproject.toml: [[tool.actplot.site.compare]]
    file = "gelu-exact-vs-tanh"    # the page's name (compare/FILE.html)
    title = "GELU: exact or tanh"
    curves = ["gelu", "gelu:approximate=tanh"]   # two or more specs; the first two give the diff panels
    range = [-4, 4]
    text = "What the page says above the pictures."

Every key and value is checked, and a :class:`SiteError` names the file, the page and the key at
fault before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actplot.api import curves_for, registry
from actplot.core.errors import UserError

CONFIG_KEYS = {"entries", "framework_pages", "replace", "compare"}
COMPARE_KEYS = {"file", "title", "curves", "range", "text"}


class SiteError(UserError, ValueError):
    """A website directory or config that cannot be used."""


@dataclass(frozen=True)
class ComparePage:
    """A page that overlays several curves and draws the first two's difference."""

    file: str
    title: str
    curves: tuple[str, ...]
    range: tuple[float, float] | None
    text: str


#: The differences users trip on, each a page of its own unless a config replaces them.
COMPARE_PAGES = (
    ComparePage("gelu-exact-vs-tanh", "GELU: the exact form against the tanh approximation",
                ("gelu", "gelu:approximate=tanh"), (-5.0, 5.0),
                "PyTorch's GELU is the exact x Φ(x) unless asked for approximate='tanh'; jax.nn.gelu and "
                "keras.ops.gelu default to the tanh form, keras.activations.gelu and tf.nn.gelu to the exact one. "
                "The two are close everywhere but equal nowhere except 0: the difference panels show where and by "
                "how much."),
    ComparePage("leaky-relu-slopes", "Leaky ReLU: each framework's default slope",
                ("torch.nn.LeakyReLU", "keras.layers.LeakyReLU", "tf.nn.leaky_relu", "jax.nn.leaky_relu"),
                (-5.0, 5.0),
                "One name, three default negative slopes: 0.01 in PyTorch, JAX and ONNX, 0.2 in tf.nn.leaky_relu "
                "and keras.activations.leaky_relu, 0.3 in keras.layers.LeakyReLU. A model ported without its "
                "slope computes another function, and JAX's takes the slope 1 at 0. The difference panels are "
                "PyTorch's minus Keras's layer."),
    ComparePage("hard-sigmoid-conventions", "Hard sigmoid: slopes and kinks by framework",
                ("torch.nn.Hardsigmoid", "onnx.HardSigmoid", "keras.activations.hard_sigmoid"), (-5.0, 5.0),
                "PyTorch's Hardsigmoid is relu6(x + 3)/6, a slope of 1/6 between -3 and 3, and so are JAX's and "
                "Keras 3's; ONNX's HardSigmoid defaults to alpha = 0.2 and beta = 0.5, a steeper line between "
                "-2.5 and 2.5. The difference panels are PyTorch's minus ONNX's."),
)


@dataclass(frozen=True)
class SiteConfig:
    """The entries the website shows, whether framework names get pages, and the compare pages."""

    entries: tuple[str, ...]
    framework_pages: bool
    compare: tuple[ComparePage, ...]


def load(path: Path | None) -> SiteConfig:
    """The site's config: ``path``, else ``[tool.actplot.site]`` of ``./pyproject.toml`` if there
    is one, else the defaults; raise :class:`SiteError`."""
    import tomllib

    table: Mapping[str, Any] = {}
    where = "the default site"
    try:
        if path is None and Path("pyproject.toml").is_file():
            path = Path("pyproject.toml")
        if path is not None:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            table = data.get("tool", {}).get("actplot", {}).get("site", {}) if path.name == "pyproject.toml" else data
            where = f"{path} [tool.actplot.site]" if path.name == "pyproject.toml" else str(path)
    except FileNotFoundError:
        raise SiteError(f"config '{path}' does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SiteError(f"cannot read config '{path}': {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SiteError(f"{path}: not valid TOML: {error}") from None
    return parse(table, where)


def parse(table: Mapping[str, Any], where: str) -> SiteConfig:
    """A config from its TOML table; ``where`` names it in errors."""
    unknown = set(table) - CONFIG_KEYS
    if unknown:
        raise SiteError(f"{where}: unknown key '{sorted(unknown)[0]}' (known: {', '.join(sorted(CONFIG_KEYS))})")
    names = list(registry())
    chosen = table.get("entries", names)
    if not isinstance(chosen, list) or not all(isinstance(name, str) for name in chosen):
        raise SiteError(f"{where}: 'entries' must be a list of names")
    entries = []
    for name in chosen:
        try:
            entry = registry().get(name) or curves_for(name)[0].entry
        except UserError as error:
            raise SiteError(f"{where}: entries: {error}") from None
        if entry.name not in registry():
            raise SiteError(f"{where}: entries: '{name}' is not a catalog entry")
        if entry.name not in entries:
            entries.append(entry.name)
    flags = {key: table.get(key, key == "framework_pages") for key in ("framework_pages", "replace")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise SiteError(f"{where}: '{key}' must be true or false")
    pages = [] if flags["replace"] else list(COMPARE_PAGES)
    given = table.get("compare", [])
    if not isinstance(given, list):
        raise SiteError(f"{where}: 'compare' must be an array of tables ([[compare]])")
    pages += [_compare_page(page, f"{where}: compare page {number}") for number, page in enumerate(given, 1)]
    files = [page.file for page in pages]
    if len(set(files)) != len(files):
        raise SiteError(f"{where}: two compare pages are called '{_repeated(files)}'")
    return SiteConfig(tuple(entries), flags["framework_pages"], tuple(pages))


def _repeated(items: Sequence[str]) -> str:
    return next(item for item in items if items.count(item) > 1)


def _compare_page(page: Any, where: str) -> ComparePage:
    if not isinstance(page, dict):
        raise SiteError(f"{where}: must be a table")
    unknown = set(page) - COMPARE_KEYS
    if unknown:
        raise SiteError(f"{where}: unknown key '{sorted(unknown)[0]}' (known: {', '.join(sorted(COMPARE_KEYS))})")
    file = page.get("file")
    if not isinstance(file, str) or not file or not all(c.isalnum() or c in "-_." for c in file) \
            or file.startswith("."):
        raise SiteError(f"{where}: 'file' must be a plain name (letters, digits, - _ .)")
    curves = page.get("curves")
    if not isinstance(curves, list) or len(curves) < 2 or not all(isinstance(c, str) for c in curves):
        raise SiteError(f"{where} ({file}): 'curves' must be a list of two or more specs")
    try:
        curves_for(*curves)
    except UserError as error:
        raise SiteError(f"{where} ({file}): {error}") from None
    x_range = page.get("range")
    if x_range is not None and not (isinstance(x_range, list) and len(x_range) == 2
                                    and all(isinstance(v, int | float) for v in x_range) and x_range[0] < x_range[1]):
        raise SiteError(f"{where} ({file}): 'range' must be two increasing numbers")
    for key in ("title", "text"):
        if not isinstance(page.get(key, ""), str):
            raise SiteError(f"{where} ({file}): '{key}' must be text")
    return ComparePage(file, page.get("title") or " vs ".join(curves), tuple(curves),
                       None if x_range is None else (float(x_range[0]), float(x_range[1])), page.get("text", ""))
