"""The style a figure is drawn in: the one drawing lock, the style's rcParams for a block, the
curves' colours and dashes, line widths and the grid's colour."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.axes import Axes

RC: dict[Any, Any] = {"svg.hashsalt": "actplot", "figure.max_open_warning": 0}


#: Line properties a style's cycle may set per curve (markers and the like are left to the style).
CYCLED = frozenset({"color", "linestyle", "linewidth", "dashes", "alpha"})


MORE_COLORS = ("#000000", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2",
               "#dbdb8d", "#9edae5", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")


#: rcParams a style does not set (matplotlib's own list, matplotlib.style.core.STYLE_BLACKLIST).
NOT_STYLE = frozenset({
    "interactive", "backend", "webagg.port", "webagg.address", "webagg.port_retries", "webagg.open_in_browser",
    "backend_fallback", "toolbar", "timezone", "figure.max_open_warning", "figure.raise_window",
    "savefig.directory", "tk.window_focus", "docstring.hardcopy", "date.epoch"})


#: Held while actplot makes, draws or writes a figure. matplotlib reads its process-wide
#: ``rcParams`` when artists are made and drawn, and is not safe to use from several threads at
#: once (its own documentation asks users to serialise access), so every drawing step of actplot
#: holds this lock: two threads never interleave their steps, and a style set for one figure is
#: never seen by another. A re-entrant lock, so nested steps (a savefig that draws) go through.
DRAWING = threading.RLock()


@contextmanager
def drawing() -> Iterator[None]:
    """Hold :data:`DRAWING` for the block, changing no setting (for drawing into a user's axes)."""
    with DRAWING:
        yield


#: rcParams in points that shrink with the fonts of a small figure (see :func:`styled`).
SCALED = ("font.size", "xtick.major.size", "ytick.major.size", "xtick.minor.size", "ytick.minor.size",
          "xtick.major.pad", "ytick.major.pad", "axes.titlepad", "axes.labelpad", "lines.markersize")


@contextmanager
def styled(style: str, scale: float = 1.0) -> Iterator[None]:
    """The style's rcParams (and actplot's :data:`RC`) for the block, holding :data:`DRAWING`.

    Every rcParam is put back as it was when the block ends, so nothing of the style outlives the
    block, and no other thread drawing with actplot sees it (they wait for the lock). The default
    style is set from matplotlib's defaults directly: importing matplotlib.style, which reads
    every style file it ships, costs a twentieth of a plot.
    """
    with DRAWING, matplotlib.rc_context():
        if style == "default":
            defaults = matplotlib.rcParamsDefault
            matplotlib.rcParams.update({key: defaults[key] for key in defaults if key not in NOT_STYLE})
        else:
            from matplotlib import style as styles

            styles.use(style)
        matplotlib.rcParams.update(RC)
        if scale != 1.0:  # a small figure: fonts, ticks and pads in proportion, short tick labels
            rc: Any = matplotlib.rcParams
            rc.update({key: float(rc[key]) * scale for key in SCALED})
            matplotlib.rcParams["axes.formatter.limits"] = [-3, 4]
        yield


def curve_styles(count: int) -> list[dict[str, Any]]:
    """One line style per curve: the style's property cycle, each curve with a colour of its own.

    The cycle's colours come first; when there are more curves than colours (or the cycle has
    none), further colours are added that differ from all before, so a legend is never ambiguous.
    Every piece of a curve is drawn with its one style.
    """
    from matplotlib.colors import to_hex

    cycle: list[dict[str, Any]] = list(matplotlib.rcParams["axes.prop_cycle"]) or [{}]
    palette = list(dict.fromkeys(to_hex(entry["color"]) for entry in cycle if "color" in entry))
    extra: list[Any] = [*TAB10, *MORE_COLORS, *_hues(count)]
    for color in extra:
        if len(palette) >= count:
            break
        if to_hex(color) not in palette:
            palette.append(to_hex(color))
    styles = []
    for index in range(count):
        style = {key: value for key, value in cycle[index % len(cycle)].items() if key in CYCLED}
        style["color"] = palette[index % len(palette)]
        styles.append(style)
    return styles


def _hues(count: int) -> list[tuple[float, float, float]]:
    """``count`` colours spread around the hue circle (golden-ratio steps), for very many curves."""
    import colorsys

    return [colorsys.hsv_to_rgb((0.13 + 0.618034 * i) % 1.0, 0.75, 0.85 if i % 2 else 0.6) for i in range(count)]


#: The curves' line width where the style leaves matplotlib's default (1.5): a little heavier.
LINE_WIDTH = 1.9


def line_width() -> float:
    """The curves' line width: the style's ``lines.linewidth`` where it sets one, else :data:`LINE_WIDTH`."""
    width = float(matplotlib.rcParams["lines.linewidth"])
    return LINE_WIDTH if width == float(matplotlib.rcParamsDefault["lines.linewidth"]) else width


#: The grid's opacity over the panel's face: a light grid.
GRID_ALPHA = 0.3


def grid_color(ax: Axes) -> tuple[float, float, float]:
    """The style's grid colour blended over the panel's face at :data:`GRID_ALPHA`: the light
    grid as an opaque colour, so that PostScript (which has no transparency) draws it as it is
    and says nothing."""
    from matplotlib.colors import to_rgb

    grid, face = to_rgb(matplotlib.rcParams["grid.color"]), to_rgb(ax.get_facecolor())
    return (GRID_ALPHA * grid[0] + (1 - GRID_ALPHA) * face[0], GRID_ALPHA * grid[1] + (1 - GRID_ALPHA) * face[1],
            GRID_ALPHA * grid[2] + (1 - GRID_ALPHA) * face[2])


#: matplotlib's default colours, for styles whose cycle has none, and more after them.
TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
         "#bcbd22", "#17becf")
