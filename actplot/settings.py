"""Plot settings: one object carries range, points, order, output, size, dpi, style and title.

It is validated once, when it is made, and every message about a bad setting comes from here.
The checks that need matplotlib (the picture format, the style name) are separate methods,
called only when a picture is drawn, so exporting data never imports matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from actplot.errors import SettingsError, did_you_mean
from actplot.files import check_writable

if TYPE_CHECKING:
    from actplot.curves import Curve

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
#: The smallest figure, in inches: this wide a panel, this high. Below it the labels, ticks and
#: titles leave no room for the curve.
MIN_PANEL_SIZE = (2.0, 2.0)
#: The narrowest range drawn: wider than this, and than this fraction of its largest end (finer
#: ranges are below what float64 and matplotlib's axes resolve).
MIN_WIDTH = 1e-100
MIN_RELATIVE_WIDTH = 1e-12


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

    def __post_init__(self) -> None:
        if self.x_range is not None:
            _check_range(self.x_range)
        if isinstance(self.points, bool) or not isinstance(self.points, int) or not 2 <= self.points <= MAX_POINTS:
            raise SettingsError(f"{{name}} must be a whole number from 2 to {MAX_POINTS:,}, got {{value}}",
                                "points", self.points)
        if self.order not in (0, 1, 2):
            raise SettingsError("{name} must be 0, 1 or 2, got {value}", "order", self.order)
        if not (math.isfinite(self.dpi) and 10 <= self.dpi <= 2400):
            raise SettingsError("{name} must be from 10 to 2400, got {value}", "dpi", self.dpi)
        if self.size is not None:
            _check_size(self.size, self.panels)
        if self.output is not None and not self.to_stdout:
            check_writable(self.output)
            if not self.output_format:
                raise SettingsError(f"output '{self.output}' has no extension; use .png, .svg, .pdf, .csv or .json")

    @property
    def panels(self) -> int:
        """How many panels side by side: the function and each derivative drawn."""
        return self.order + 1

    @property
    def figure_size(self) -> tuple[float, float]:
        """The figure's (width, height) in inches."""
        return self.size or (PANEL_SIZE[0] * self.panels, PANEL_SIZE[1])

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

        supported = sorted(FigureCanvasBase.get_supported_filetypes())
        if self.output_format not in supported:
            known = ", ".join([*supported, *DATA_FORMATS])
            raise SettingsError(f"cannot write '.{self.output_format}' files; use one of: {known}")

    def check_style(self) -> None:
        """Raise unless the style is a matplotlib style name or a readable, valid style file
        (imports matplotlib)."""
        if self.style == "default":
            return
        import matplotlib
        import matplotlib.style

        from actplot import notices

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


def _check_size(size: tuple[float, float], panels: int) -> None:
    width, height = size
    least = (MIN_PANEL_SIZE[0] * panels, MIN_PANEL_SIZE[1])
    if not all(math.isfinite(v) and v <= 100 for v in size) or width < least[0] or height < least[1]:
        raise SettingsError(
            f"{{name}} must be inches, at most 100 and at least {{fix_value}} for {panels} "
            f"panel{'s' if panels > 1 else ''} ({MIN_PANEL_SIZE[0]:g} x {MIN_PANEL_SIZE[1]:g} a panel), "
            f"got {{value}}", "size", (float(width), float(height)), least)



