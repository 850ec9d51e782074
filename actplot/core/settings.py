"""Plot settings: one object carries range, points, order, output, size, dpi, style and title.

It is validated once, when it is made, and every message about a bad setting comes from here.
Making it does no I/O: the checks that look at the file system (:meth:`PlotSettings.check_output`,
whether the output can be written, called by the command line and :func:`actplot.save` before
any sampling) and those that need matplotlib (the picture format, the style name) are separate
methods, called only when a file is written or a picture drawn, so exporting data never imports
matplotlib and settings can be made in any working directory.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from actplot.core.errors import SettingsError, did_you_mean
from actplot.core.files import check_writable

if TYPE_CHECKING:
    from actplot.core.curves import Curve

#: Uniform samples by default; breakpoints are always added exactly on top.
DEFAULT_POINTS = 2001
#: The most samples a curve may have (about 80 MB per column if exported in full).
MAX_POINTS = 10_000_000
#: How far the range may reach: every catalog entry is tested finite and warning-free up to here.
MAX_ABS_X = 1e6
#: Output extensions that export the sampled data instead of a picture.
DATA_FORMATS = ("csv", "json", "npz")
#: Size of one panel, in inches: the figure is as wide as its panels.
PANEL_SIZE = (4.6, 3.9)
#: The smallest figure, in inches: this wide a panel, this high (a journal column, 3.5 inches
#: wide, holds three panels). Below it the labels, ticks and titles leave no room for the curve.
MIN_PANEL_SIZE = (1.1, 1.4)
#: Below this size of a panel (inches), the fonts, ticks and pads shrink in proportion, down to
#: :data:`MIN_TEXT_SCALE` of the style's.
FULL_TEXT_PANEL = (2.6, 2.4)
MIN_TEXT_SCALE = 0.55
#: The narrowest range drawn: wider than this, and than this fraction of its largest end (finer
#: ranges are below what float64 and matplotlib's axes resolve).
MIN_WIDTH = 1e-100
MIN_RELATIVE_WIDTH = 1e-12
#: Where legends go: ``auto`` puts each in its panel where it covers no curve, else one below
#: the panels; ``outside`` always below; ``inside`` in each panel's emptiest corner (it may
#: cover a curve where none is empty); ``none`` draws no legend.
LEGENDS = ("auto", "outside", "inside", "none")
#: The largest picture drawn, in pixels (figure size times dpi, squared): 1 GiB as RGBA, which
#: every size takes at the default dpi. matplotlib's Agg renders (and measures the layout of)
#: every picture at its full size in memory, so a larger one would fail for lack of memory.
MAX_PIXELS = 1 << 28
#: The number formats ``dtype`` draws an activation in (see :mod:`actplot.core.precision`), and
#: the other names they go by (PyTorch's, JAX's, common shorthand).
DTYPES = ("float32", "float16", "bfloat16")
DTYPE_ALIASES = {"fp32": "float32", "f32": "float32", "single": "float32", "fp16": "float16", "f16": "float16",
                 "half": "float16", "bf16": "bfloat16"}
#: Formats matplotlib lists that actplot does not write, and why.
UNWRITTEN_FORMATS = {
    "pgf": "matplotlib's PGF backend measures text by running LaTeX; write .pdf or .svg and include that",
}


@dataclass(frozen=True)
class PlotSettings:
    """How curves are sampled and drawn or exported."""

    x_range: tuple[float, float] | None = None  # None: the union of the curves' default ranges
    points: int = DEFAULT_POINTS  # uniform samples over the range; breakpoints are added exactly
    order: int = 1  # 0: f only; 1: f | f'; 2: f | f' | f''
    output: Path | None = None  # a picture or data file; None opens a window
    dpi: float = 150.0  # dots per inch of raster pictures
    size: tuple[float, float] | None = None  # figure (width, height) in inches; None: PANEL_SIZE a panel
    style: str = "default"  # any matplotlib style name or .mplstyle file
    title: str | None = None  # the figure's title; None: the names and parameter values
    ylim: tuple[tuple[float, float] | None, ...] = ()  # y limits of the panels in order; None: fitted
    legend: str = "auto"  # auto: in a panel where it covers no data, else below; outside; inside; none
    dtype: str | None = None  # draw the curves as computed in this format too, and their error: DTYPES

    def __post_init__(self) -> None:
        if self.x_range is not None:
            _check_range(self.x_range)
        if isinstance(self.points, bool) or not isinstance(self.points, int) or not 2 <= self.points <= MAX_POINTS:
            raise SettingsError(f"{{name}} must be a whole number from 2 to {MAX_POINTS:,}, got {{value}}",
                                "points", self.points)
        if self.order not in (0, 1, 2):
            raise SettingsError("{name} must be 0, 1 or 2, got {value}", "order", self.order)
        if self.dtype is not None:
            object.__setattr__(self, "dtype", dtype_name(self.dtype))  # frozen: the canonical name, once
        if not (math.isfinite(self.dpi) and 10 <= self.dpi <= 2400):
            raise SettingsError("{name} must be from 10 to 2400, got {value}", "dpi", self.dpi)
        if self.size is not None:
            _check_size(self.size, self.panels)
        _check_ylim(self.ylim, self.panels)
        if self.legend not in LEGENDS:
            raise SettingsError(f"{{name}} must be one of {', '.join(LEGENDS)}, got {{value}}", "legend", self.legend)
        if self.output is not None and not self.to_stdout:
            if self.output.name in ("", ".", ".."):  # said so by the path alone
                raise SettingsError(f"output '{self.output}' is a directory; give a file name")
            if not self.output_format:
                raise SettingsError(f"output '{self.output}' has no extension; use .png, .svg, .pdf, .csv or .json")

    def check_output(self) -> None:
        """Raise :class:`SettingsError` unless the output file could be created (looks at the file
        system, so it is not done when the settings are made; writing reports the same problems)."""
        if self.output is not None and not self.to_stdout:
            check_writable(self.output)

    @property
    def panels(self) -> int:
        """How many panels side by side: the function and each derivative drawn, and with a
        ``dtype`` the error panel after them."""
        return self.order + 1 + (self.dtype is not None)

    @property
    def figure_size(self) -> tuple[float, float]:
        """The figure's (width, height) in inches."""
        return self.size or (PANEL_SIZE[0] * self.panels, PANEL_SIZE[1])

    @property
    def text_scale(self) -> float:
        """How much the style's fonts, ticks and pads shrink to fit a small figure: 1 at the usual
        sizes, less where a panel is smaller than :data:`FULL_TEXT_PANEL`."""
        width, height = self.figure_size
        fit = min(width / self.panels / FULL_TEXT_PANEL[0], height / FULL_TEXT_PANEL[1], 1.0)
        return max(MIN_TEXT_SCALE, round(fit, 3))

    @property
    def to_stdout(self) -> bool:
        """Whether the output is standard output: ``-`` (CSV) or ``-.EXT`` (any format)."""
        return self.output is not None and self.output.stem == "-" and self.output.parent == Path(".")

    @property
    def output_format(self) -> str:
        """The output file's extension, lower case, without the dot ("" for a window; "csv" for
        a bare ``-``)."""
        if self.output is None:
            return ""
        return self.output.suffix.lower().lstrip(".") or ("csv" if self.to_stdout else "")

    @property
    def is_data(self) -> bool:
        """Whether the output is sampled data (CSV or JSON) rather than a picture."""
        return self.output_format in DATA_FORMATS

    def range_for(self, curves: Sequence[Curve]) -> tuple[float, float]:
        """The x range: as given, or the union of the curves' default ranges."""
        if self.x_range is not None:
            return self.x_range
        return (min(c.entry.default_range[0] for c in curves), max(c.entry.default_range[1] for c in curves))

    def check_picture_format(self) -> None:
        """Raise unless matplotlib can write the output's format (imports matplotlib)."""
        from matplotlib.backend_bases import FigureCanvasBase

        if self.output_format in UNWRITTEN_FORMATS:
            raise SettingsError(f"cannot write '.{self.output_format}' files: {UNWRITTEN_FORMATS[self.output_format]}")
        supported = sorted(set(FigureCanvasBase.get_supported_filetypes()) - set(UNWRITTEN_FORMATS))
        if self.output_format not in supported:
            known = ", ".join([*supported, *DATA_FORMATS])
            raise SettingsError(f"cannot write '.{self.output_format}' files; use one of: {known}")

    def check_pixels(self) -> None:
        """Raise unless the picture fits in memory: at most :data:`MAX_PIXELS` pixels."""
        width, height = (round(side * self.dpi) for side in self.figure_size)
        if width * height > MAX_PIXELS:
            raise SettingsError(
                f"{{given}} at {self.dpi:g} dots per inch makes a picture of {width:,} x {height:,} pixels "
                f"({width * height * 4 / 2**30:,.1f} GiB in memory); the most actplot draws is "
                f"{MAX_PIXELS:,} pixels: lower the dpi or the size", "size", self.figure_size)

    def check_style(self) -> None:
        """Raise unless the style is a matplotlib style name or a readable, valid style file
        (imports matplotlib)."""
        if self.style == "default":
            return
        import matplotlib
        import matplotlib.style

        from actplot.core import notices

        available = {"default", *matplotlib.style.available}
        if self.style in available or "://" in self.style:
            return
        path = Path(self.style)
        if path.is_file():
            with notices.caught() as problems:
                try:
                    matplotlib.rc_params_from_file(str(path), use_default_template=False)
                except (OSError, UnicodeDecodeError, ValueError) as error:
                    problems.append(str(error))
            if problems:
                raise SettingsError(f"style file '{path}' is not valid: {problems[0]}")
            return
        if path.suffix == ".mplstyle" or "/" in self.style or "\\" in self.style:
            raise SettingsError(f"style file '{path}' does not exist")
        hint = did_you_mean(self.style, available) or f"; the styles are: {', '.join(sorted(available))}"
        raise SettingsError(f"unknown style '{self.style}'{hint}")


def dtype_name(name: object) -> str:
    """The canonical name of a number format (any case, an alias such as ``fp16``, ``half`` or
    ``bf16``, a ``torch.`` prefix); a :class:`SettingsError` naming ``dtype`` otherwise."""
    if not isinstance(name, str):
        raise SettingsError(f"{{name}} must be one of {', '.join(DTYPES)} (text), got {{value}}", "dtype", name)
    key = name.strip().lower()
    for prefix in ("torch.", "jnp.", "np.", "numpy.", "tf."):
        key = key.removeprefix(prefix)
    key = DTYPE_ALIASES.get(key, key)
    if key not in DTYPES:
        hint = did_you_mean(name, [*DTYPES, *DTYPE_ALIASES], cutoff=0.8)
        raise SettingsError(f"{{given}} is not a format actplot computes in; use {', '.join(DTYPES[:-1])} or "
                            f"{DTYPES[-1]}{hint}", "dtype", name)
    return key


def _check_range(x_range: tuple[float, float]) -> None:
    lo, hi = x_range
    given = (float(lo), float(hi))
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise SettingsError("{name} must be two finite numbers, got {value}", "x_range", given)
    if lo == hi:
        raise SettingsError("{given} is empty; give two different numbers", "x_range", given)
    if lo > hi:
        raise SettingsError("{given} is reversed; did you mean {fix}?", "x_range", given, (given[1], given[0]))
    if max(abs(lo), abs(hi)) > MAX_ABS_X:
        raise SettingsError(f"{{name}} must stay within -{MAX_ABS_X:.0f} to {MAX_ABS_X:.0f}, got {{value}}",
                            "x_range", given)
    narrowest = max(MIN_WIDTH, MIN_RELATIVE_WIDTH * max(abs(lo), abs(hi)))
    if hi - lo < narrowest:
        raise SettingsError(f"{{given}} is too narrow to draw; the narrowest range there is {narrowest:.3g} "
                            f"wide (at least {MIN_WIDTH:g}, and {MIN_RELATIVE_WIDTH:g} of its largest end)",
                            "x_range", given)


def _check_ylim(ylim: tuple[tuple[float, float] | None, ...], panels: int) -> None:
    if len(ylim) > panels:
        raise SettingsError(f"{{name}} gives limits for {len(ylim)} panels, but {panels} "
                            f"panel{'s are' if panels > 1 else ' is'} drawn (one pair a panel, in order)",
                            "ylim", ylim)
    for pair in ylim:
        if pair is None:
            continue
        low, high = pair
        if not (math.isfinite(low) and math.isfinite(high)) or abs(low) > 1e300 or abs(high) > 1e300:
            raise SettingsError("{name} must be finite numbers within +-1e300, got {value}", "ylim", pair)
        if not low < high:
            raise SettingsError("{given} must go from low to high" + ("; did you mean {fix}?" if low > high else ""),
                                "ylim", pair, (high, low))


def _check_size(size: tuple[float, float], panels: int) -> None:
    width, height = size
    least = (round(MIN_PANEL_SIZE[0] * panels, 6), MIN_PANEL_SIZE[1])
    if not all(math.isfinite(v) and v <= 100 for v in size) or width < least[0] or height < least[1]:
        raise SettingsError(
            f"{{name}} must be inches, at most 100 and at least {{fix_value}} for {panels} "
            f"panel{'s' if panels > 1 else ''} ({MIN_PANEL_SIZE[0]:g} x {MIN_PANEL_SIZE[1]:g} a panel), "
            f"got {{value}}", "size", (float(width), float(height)), least)



