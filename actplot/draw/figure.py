"""Draw curves with matplotlib: the function and its derivatives in panels side by side.

This is the only module that imports matplotlib. Files are drawn on a plain
``matplotlib.figure.Figure`` (no pyplot, no global state); only a window goes through pyplot.

What is drawn, so tests and users can rely on it:
- panel k (0, 1, 2) shows the k-th derivative of every curve, the panels share the x axis;
- each curve is drawn as line segments (gid ``curve``) broken at every breakpoint of order <= k;
  where the drawn function really jumps, the value taken is a filled dot (gid ``jump``) and the
  one-sided limits that differ from it are open circles (gid ``limit``);
- an entry with a band (RReLU's training range) is shaded (gid ``band``) in panels 0 and 1;
- thin lines mark x = 0 and y = 0 when they are in view (gid ``axis``).
Pictures are byte-for-byte reproducible: no dates, no software tag, a fixed SVG hash salt.
"""

from __future__ import annotations

import gzip
import io
import math
import os
import re
import sys
import threading
import warnings
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from actplot.core.errors import DrawWarning, NoWindow, SettingsError

try:
    import matplotlib
except ValueError as error:  # matplotlib checks the MPLBACKEND environment variable as it is imported
    if "backend" not in str(error):
        raise
    raise SettingsError(f"the environment variable MPLBACKEND={os.environ.get('MPLBACKEND', '')!r} names no "
                        "matplotlib backend; unset it, or set it to one such as agg or tkagg") from None
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec

from actplot.core import notices, sampling
from actplot.core.curves import Curve, default_title
from actplot.core.difference import panel_note
from actplot.core.files import output
from actplot.core.settings import PlotSettings
from actplot.draw import legends

#: Axis labels, in plain italic text (mathtext is kept for the formulas: parsing it costs more
#: than drawing a panel), and the same names in mathtext for the panel titles.
PANEL_LABELS = ("f(x)", "f′(x)", "f″(x)")
TITLE_LABELS = ("$f(x)$", "$f'(x)$", "$f''(x)$")
#: The same for a difference A − B: its panels show A's value and derivatives minus B's.
DIFFERENCE_LABELS = ("A(x) − B(x)", "A′(x) − B′(x)", "A″(x) − B″(x)")
DIFFERENCE_TITLES = ("$A(x) - B(x)$", "$A'(x) - B'(x)$", "$A''(x) - B''(x)$")
#: Metadata that would make output differ from run to run (or machine to machine), removed.
METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "ps": {"Creator": "actplot"},
    "eps": {"Creator": "actplot"},
    "svg": {"Date": None, "Creator": None},
    "svgz": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
#: matplotlib's built-in backends that cannot open a window.
NON_INTERACTIVE = frozenset({"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"})
RC: dict[Any, Any] = {"svg.hashsalt": "actplot", "figure.max_open_warning": 0}
BAND_POINTS = 801
#: Inches left, right, below, above the panels, and between two panels: the first guess.
MARGINS = (0.75, 0.3, 0.55, 0.7, 0.8)
#: Inches kept free at the figure's edges, between two panels' texts, and below the figure title.
EDGE, GAP, TITLE_GAP = 0.06, 0.25, 0.08
#: Inches kept right of the last panel even when no tick label reaches beyond it.
MIN_RIGHT = 0.12
#: Points between a panel's frame (or its y offset text) and its title.
TITLE_PAD = 5.0
#: Font sizes a panel title may shrink to, in turn, before its formula is dropped.
TITLE_SIZES = ("medium", "small", "x-small")
MAX_TITLE_LINES = 3
#: Up to this many curves, each panel has a legend; with more, one legend below the panels.
LEGEND_INSIDE_MAX = 6
#: Line properties a style's cycle may set per curve (markers and the like are left to the style).
CYCLED = frozenset({"color", "linestyle", "linewidth", "dashes", "alpha"})
#: matplotlib's default colours, for styles whose cycle has none, and more after them.
TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
         "#bcbd22", "#17becf")
MORE_COLORS = ("#000000", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2",
               "#dbdb8d", "#9edae5", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")


#: The largest magnitude drawn: matplotlib's axes overflow computing ticks and margins near
#: float64's limit (1.8e308), so larger values are left out as if not finite, with a warning.
MAX_DRAWN = 1e300
#: Each panel title's form without its formula, for a panel too narrow for the formula.
_SHORT_TITLES: weakref.WeakKeyDictionary[Any, tuple[str, ...]] = weakref.WeakKeyDictionary()
_FULL_TITLES: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


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


class ActplotFigure(Figure):
    """A matplotlib ``Figure`` that draws under the style it was made with and shows itself in
    Jupyter.

    Not being registered with pyplot, a plain ``Figure`` returned as a cell's value shows as
    text unless an inline backend registered a formatter for it (and a pyplot figure would show
    twice: as the value and again when the cell ends). This one carries its own
    ``_repr_mimebundle_``: one PNG, or an SVG when the notebook was set to SVG
    (``matplotlib_inline.backend_inline.set_matplotlib_formats("svg")`` or
    ``%config InlineBackend.figure_formats = ["svg"]``). :func:`actplot.plot`'s figures also show
    when the cell ends, once (see :mod:`actplot.draw.notebook`).
    """

    def __init__(self, *args: Any, style: str = "default", scale: float = 1.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actplot_style = style
        self.actplot_scale = scale

    def draw(self, renderer: Any) -> None:
        with styled(self.actplot_style, self.actplot_scale):
            super().draw(renderer)

    def savefig(self, fname: Any, *args: Any, **kwargs: Any) -> None:
        """``Figure.savefig`` under the figure's own style (its ``savefig.*`` settings too: a dark
        style's facecolor), holding :data:`DRAWING`."""
        with styled(self.actplot_style, self.actplot_scale):
            super().savefig(fname, *args, **kwargs)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        import io

        from actplot.draw import notebook

        notebook.displaying(self)  # shown now: not again when the cell ends (see actplot.draw.notebook)
        fmt = notebook_format()
        buffer = io.BytesIO()
        with notices.caught():
            self.savefig(buffer, format=fmt, metadata=METADATA.get(fmt))
        if fmt == "svg":
            return {"image/svg+xml": buffer.getvalue().decode("utf-8")}
        return {"image/png": buffer.getvalue()}


def notebook_format() -> str:
    """"svg" when the running IPython shows figures as SVG and not as PNG, else "png"."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return "png"
    formatters = shell.display_formatter.formatters

    def registered(mime: str) -> bool:
        formatter = formatters.get(mime)
        return formatter is not None and any(
            issubclass(Figure, kind) for kind in formatter.type_printers if isinstance(kind, type))

    return "svg" if registered("image/svg+xml") and not registered("image/png") else "png"


def figure(curves: Sequence[Curve], settings: PlotSettings) -> Figure:
    """A new figure with the curves drawn, not attached to pyplot.

    Every figure is made afresh: what it looks like depends on its curves and settings only,
    never on what was drawn before it in the process.
    """
    settings.check_pixels()
    with styled(settings.style, settings.text_scale):
        fig = ActplotFigure(figsize=settings.figure_size, dpi=settings.dpi, style=settings.style,
                            scale=settings.text_scale)
        draw(fig, curves, settings)
    return fig


def save(curves: Sequence[Curve], settings: PlotSettings, path: Path) -> None:
    """Draw the curves and write the picture to ``path`` atomically (or to standard output)."""
    settings.check_picture_format()
    settings.check_style()
    if settings.to_stdout and sys.stdout.isatty():
        raise SettingsError(f"will not write a .{settings.output_format} picture to a terminal; "
                            "redirect the output to a file, or give -o FILE")
    fig = figure(curves, settings)
    data, notes = picture_bytes(fig, settings.output_format, settings.dpi)
    with output(path, settings.to_stdout) as handle:
        handle.write(data)
    for note in notes:  # such as PostScript's lack of transparency
        warnings.warn(DrawWarning(f"matplotlib: {note}"), stacklevel=2)


def picture_bytes(fig: Figure, fmt: str, dpi: float) -> tuple[bytes, list[str]]:
    """The picture of ``fig`` in format ``fmt``, as bytes that depend on the figure alone (no
    date, no file name, no software version), and matplotlib's notices while writing it.

    PostScript's creation date is left out (matplotlib writes the clock's time unless the
    process's SOURCE_DATE_EPOCH says otherwise, and actplot changes no environment); ``.svgz`` is
    the SVG compressed with a fixed header (gzip would record the time and the file's name).
    """
    from matplotlib.backend_bases import get_registered_canvas_class

    written = "svg" if fmt == "svgz" else fmt
    get_registered_canvas_class(written)  # import the backend, so its notices are caught below
    buffer = io.BytesIO()
    style, scale = getattr(fig, "actplot_style", "default"), getattr(fig, "actplot_scale", 1.0)
    with styled(style, scale), notices.caught() as notes:
        fig.savefig(buffer, format=written, dpi=dpi, metadata=METADATA.get(written))
    data = buffer.getvalue()
    if written in ("ps", "eps"):
        data = re.sub(rb"^%%CreationDate:[^\n]*\n", b"", data, count=1, flags=re.MULTILINE)
    if fmt == "svgz":
        data = gzip.compress(data, compresslevel=9, mtime=0)
    return data, notes


def show(curves: Sequence[Curve], settings: PlotSettings) -> None:
    """Draw the curves in a window and wait until it is closed.

    Zooming or panning samples the curves again over the view (see
    :class:`actplot.draw.explorer.Resampler`); ``s`` saves the view as a PNG in the working directory.
    """
    from actplot.draw.explorer import Resampler

    settings.check_pixels()
    plt = window_pyplot(settings)
    with styled(settings.style, settings.text_scale):
        fig = plt.figure(figsize=settings.figure_size)
        axes = draw(fig, curves, settings)
    view = Resampler(fig, axes, curves, settings)
    run_window(fig, view.key)


def window_pyplot(settings: PlotSettings) -> Any:
    """pyplot, once it is sure a window can open (else :class:`NoWindow`, saying why)."""
    if os.name == "posix" and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and matplotlib.get_backend().lower() != "macosx":
        raise NoWindow("no display to open a window on; use -o FILE to write the figure to a file")
    settings.check_style()
    import matplotlib.pyplot as plt

    backend = matplotlib.get_backend()
    if backend.lower() in NON_INTERACTIVE:
        display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        if display and not os.environ.get("MPLBACKEND"):  # matplotlib fell back: the display is not there
            raise NoWindow(f"cannot open a window: no display server answers at '{display}'; "
                                "use -o FILE to write the figure to a file")
        raise NoWindow(f"matplotlib has no interactive backend here ({backend}); use -o FILE to write a file")
    return plt


def run_window(fig: Figure, on_key: Any) -> None:
    """Show a pyplot figure, with ``on_key`` called for each key pressed (``s`` is taken from
    matplotlib's save dialog for it), and wait until the window is closed."""
    import matplotlib.pyplot as plt

    manager = fig.canvas.manager
    if manager is not None:
        manager.set_window_title(f"actplot: {fig.get_suptitle()}")
    fig.canvas.mpl_connect("key_press_event", on_key)
    keys = [key for key in matplotlib.rcParams["keymap.save"] if key != "s"]
    with matplotlib.rc_context({"keymap.save": keys}):
        plt.show()


def draw(fig: Figure, curves: Sequence[Curve], settings: PlotSettings, axes: list[Axes] | None = None,
         layout: bool = True, below: float = 0.0) -> list[Axes]:
    """Draw every curve in ``settings.panels`` panels of ``fig`` (new ones, or the empty
    ``axes`` given); return the panels.

    With ``layout``, the figure's title is set and the margins are fitted to the texts drawn
    (see :func:`fit_layout`), leaving ``below`` inches free under everything (for controls).
    Values that are not finite are left out, with a :class:`~actplot.core.errors.DrawWarning` saying
    where; a panel with no finite value at all is a
    :class:`~actplot.core.errors.SettingsError`.
    """
    lo, hi = settings.range_for(curves)
    fig.actplot_below = below  # type: ignore[attr-defined]
    if axes is None:
        grid = margins(tuple(fig.get_size_inches()), settings.panels)
        axes = list(fig.subplots(1, settings.panels, sharex=True, squeeze=False, gridspec_kw=grid)[0])
    width = {"linewidth": line_width() * settings.text_scale}  # thinner lines in a small figure
    styles = [{**width, **style} for style in curve_styles(len(curves))]
    columns = int(settings.figure_size[0] * settings.dpi)
    partial: list[tuple[Curve, int, sampling.Trace]] = []
    for order, ax in enumerate(axes):
        drawn = 0
        for curve, style, label in zip(curves, *panel_styles(curves, order, lo, hi, styles), strict=True):
            draw_band(ax, curve, order, lo, hi, style["color"], labelled=len(curves) == 1)
            trace = draw_trace(ax, curve, order, lo, hi, settings.points, columns, style, label)
            drawn += trace.sampled - trace.missing
            if trace.missing:
                partial.append((curve, order, trace))
        if not drawn:
            raise SettingsError(f"nothing to draw: {PANEL_LABELS[order]} is not finite (or beyond "
                                f"+-{MAX_DRAWN:g}) anywhere on "
                                f"[{lo:g}, {hi:g}]")
        _decorate(ax, curves, order, lo, hi, settings.ylim[order] if order < len(settings.ylim) else None,
                  y_label=settings.text_scale == 1.0 or not layout)
    for curve, order, trace in partial:
        _warn_missing(curve, order, trace, len(curves) > 1)
    if layout:
        fig.suptitle(settings.title if settings.title is not None else default_title(curves),
                     y=1.0 - EDGE / settings.figure_size[1], va="top")
    place_legends(fig, axes, curves, settings.legend, layout)
    return axes


def panel_styles(curves: Sequence[Curve], order: int, lo: float, hi: float,
                 styles: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Each curve's line style and legend label in one panel: a curve that looks the same as an
    earlier one there (closer than a line's width everywhere) is dashed so both show, and where
    it is the same curve its label says which it repeats."""
    if len(curves) < 2:
        return list(styles), [curve.label for curve in curves]
    probe = legends.Probe.of(curves, order, lo, hi)  # every curve evaluated once, for all three questions
    same, close = probe.groups(legends.SAME), probe.groups(legends.LOOKS_SAME)
    dashes = legends.shared_dashes(close)
    leaders = {first for first in close if first is not None}  # their followers' dashes show them already
    covered = [under and index not in leaders for index, under in enumerate(probe.covered(legends.LOOKS_SAME))]
    drawn, labels = [], []
    for curve, style, first, dash, under in zip(curves, styles, same, dashes, covered, strict=True):
        if under and dash is None:  # covered by the later curves together: drawn over them, dashed
            drawn.append({**style, "linestyle": (0.0, (legends.DASH, legends.DASH)), "zorder": HIDDEN_ZORDER})
        else:
            drawn.append(style if dash is None else {**style, "linestyle": dash})
        labels.append(curve.label if first is None else f"{curve.label} (same as {curves[first].label})")
    return drawn, labels


def is_difference_plot(curves: Sequence[Curve]) -> bool:
    """Whether the panels show one difference A − B (``actplot diff``)."""
    return len(curves) == 1 and curves[0].entry.source == "difference"


def panel_labels(curves: Sequence[Curve]) -> tuple[str, str, str]:
    """The panels' y labels: f(x), f′(x), f″(x), or A(x) − B(x)... for a difference."""
    return DIFFERENCE_LABELS if is_difference_plot(curves) else PANEL_LABELS


#: Lines are drawn at matplotlib's zorder 2 and markers at 3; a curve the others hide goes above both.
HIDDEN_ZORDER = 3.5


def wants_legend(curves: Sequence[Curve]) -> bool:
    """Whether the panels need a legend: several curves, or a curve with a band."""
    return len(curves) > 1 or any(curve.entry.band_fn is not None for curve in curves)


def place_legends(fig: Figure, axes: Sequence[Axes], curves: Sequence[Curve], where: str, layout: bool) -> None:
    """The legends, where ``where`` says (see :data:`actplot.core.settings.LEGENDS`), then the layout.

    ``auto`` puts one in each panel, in a corner where it covers no data; where some panel has
    no such corner (or there are more than :data:`LEGEND_INSIDE_MAX` curves), one legend goes
    below the panels instead. Into a user's axes (no ``layout``) legends can only go inside.
    """
    wanted = where != "none" and wants_legend(curves)
    below = wanted and layout and (where == "outside" or (where == "auto" and len(curves) > LEGEND_INSIDE_MAX))
    if wanted and not below:
        renderer = _renderer(fig)
        if layout:
            fit_layout(fig, axes)  # the corners are judged where the panels finally are
        inside = [ax.legend(fontsize="small", loc="upper left", framealpha=1.0) for ax in axes
                  if ax.get_legend_handles_labels()[0]]
        free = [legends.free_corner(ax, legend, renderer, least=where == "inside" or not layout)
                for ax, legend in zip(axes, inside, strict=True)]
        if None not in free:
            return
        for legend in inside:
            legend.remove()
        below = True
    if below:
        _figure_legend(fig, *axes[0].get_legend_handles_labels())
    if layout:
        fit_layout(fig, axes)


def _warn_missing(curve: Curve, order: int, trace: sampling.Trace, named: bool) -> None:
    assert trace.missing_span is not None
    low, high = trace.missing_span
    where = f"at x = {low:g}" if low == high else f"for x from {low:g} to {high:g}"
    who = f" of {curve.label}" if named else ""
    warnings.warn(DrawWarning(
        f"{PANEL_LABELS[order]}{who} is not finite or beyond +-{MAX_DRAWN:g} at {trace.missing} of "
        f"{trace.sampled} points, {where}; those points are not drawn"), stacklevel=3)


def margins(size: tuple[float, float], panels: int) -> dict[str, float]:
    """Subplot margins for the usual space in inches around and between the panels: the first
    guess, which :func:`fit_layout` then corrects by measuring what was drawn."""
    return _subplot_params(size, panels, *MARGINS)


def _subplot_params(size: tuple[float, float], panels: int, left: float, right: float, bottom: float,
                    top: float, gap: float) -> dict[str, float]:
    width, height = size
    panel = (width - left - right - gap * (panels - 1)) / panels
    return {"left": left / width, "right": 1 - right / width, "bottom": bottom / height,
            "top": 1 - top / height, "wspace": gap / panel}


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


def fit_layout(fig: Figure, axes: Sequence[Axes]) -> None:
    """Place the panels so no text leaves the figure or touches a frame or another text.

    The panels start with :data:`MARGINS`; the texts drawn (tick labels, axis labels, offset
    texts, panel titles, the figure's title and legend) are measured once with the renderer and
    the margins set to what they need. A panel title too wide for its panel is set smaller, and
    failing that drops its formula; a figure title too wide is wrapped onto more lines. The
    texts are measured again only when moving the panels changed their ticks or titles (which
    is what measuring costs: matplotlib lays out every tick label).
    """
    renderer = _renderer(fig)
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    _fit_figure_title(fig, renderer, width * dpi - 2 * EDGE * dpi)
    for _ in range(3):
        panel_px = axes[0].get_window_extent(renderer).width
        titles = [_fit_panel_title(ax, renderer, panel_px) for ax in axes]
        ticks = tick_positions(axes)
        needs = [_decorations(ax, renderer) for ax in axes]
        left = needs[0][0] + EDGE
        right = max(needs[-1][1], MIN_RIGHT) + EDGE
        gap = max((needs[k - 1][1] + needs[k][0] for k in range(1, len(axes))), default=0.0) + \
            GAP * float(getattr(fig, "actplot_scale", 1.0))  # a small figure's text is smaller, and so its gaps
        bottom = max(n[2] for n in needs) + EDGE + _legend_height(fig, renderer) + _below(fig)
        title_height = _extent_in(getattr(fig, "_suptitle", None), renderer, "height")
        top = max(n[3] for n in needs) + EDGE + title_height + (TITLE_GAP if title_height else 0.0)
        params = _subplot_params((width, height), len(axes), left, right, bottom, top, gap)
        spec = axes[0].get_subplotspec()
        grid = spec.get_gridspec() if spec is not None else None
        if not isinstance(grid, GridSpec):
            return
        current = grid.get_subplot_params(fig)
        if all(abs(getattr(current, key) - value) < 1e-3 for key, value in params.items()):
            break
        grid.update(**params)
        for ax in axes:
            subplot = ax.get_subplotspec()
            if subplot is not None:
                ax.set_position(subplot.get_position(fig))
        panel_px = axes[0].get_window_extent(renderer).width
        if tick_positions(axes) == ticks and [_fit_panel_title(ax, renderer, panel_px) for ax in axes] == titles:
            break  # the same texts as measured: they need the same room


def tick_positions(axes: Sequence[Axes]) -> list[tuple[float, ...]]:
    """Where the ticks of every axis are: the tick labels (and so their extents) follow from them."""
    return [tuple(axis.get_majorticklocs()) for ax in axes for axis in (ax.xaxis, ax.yaxis)]


def full_title(ax: Axes) -> str:
    """A panel's title as set, before it was fitted into the panel."""
    return _FULL_TITLES.get(ax.title, ax.get_title())


def _renderer(fig: Figure) -> Any:
    """A renderer to measure texts with: the canvas's own, or an Agg canvas attached to the figure."""
    get = getattr(fig.canvas, "get_renderer", None)
    if get is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        get = FigureCanvasAgg(fig).get_renderer
    return get()


def _extent_in(text: Any, renderer: Any, what: str) -> float:
    """A text's width or height in inches (0 for none or an empty one)."""
    if text is None or not text.get_visible() or not text.get_text():
        return 0.0
    return float(getattr(text.get_window_extent(renderer), what)) / text.figure.dpi


def _decorations(ax: Axes, renderer: Any) -> tuple[float, float, float, float]:
    """Inches the texts of ``ax`` reach beyond its frame: left, right, below and above."""
    frame = ax.get_window_extent(renderer)
    boxes = [box for box in (ax.yaxis.get_tightbbox(renderer), ax.xaxis.get_tightbbox(renderer)) if box is not None]
    offset = ax.yaxis.get_offset_text()
    if offset.get_visible() and offset.get_text():  # above the frame, left: the title goes above it
        reach = offset.get_window_extent(renderer).y1 - frame.y1
        ax.set_title(ax.get_title(), pad=reach * 72 / ax.figure.dpi + TITLE_PAD, y=1.0, va="bottom",
                     fontsize=ax.title.get_fontsize())
    # The title counts above the panel only: it is fitted into the panel's width (smaller, shorter
    # or on more lines: _fit_panel_title), so it must not push the panels apart.
    tall = [*boxes, ax.title.get_window_extent(renderer)] if ax.title.get_text() else boxes
    dpi = ax.figure.dpi
    return (max(0.0, frame.x0 - min(b.x0 for b in boxes)) / dpi, max(0.0, max(b.x1 for b in boxes) - frame.x1) / dpi,
            max(0.0, frame.y0 - min(b.y0 for b in tall)) / dpi, max(0.0, max(b.y1 for b in tall) - frame.y1) / dpi)


def _figure_legend(fig: Figure, handles: list[Any], labels: list[str], columns: int | None = None) -> Any:
    """One legend for all panels, below them (for more curves than a panel's legend holds)."""
    return fig.legend(handles, labels, loc="lower center", fontsize="small", frameon=False,
                      ncols=columns or len(labels), bbox_to_anchor=(0.5, (EDGE + _below(fig)) / fig.get_figheight()))


def _below(fig: Figure) -> float:
    """Inches kept free below the panels and their legend (an explorer's controls go there)."""
    return float(getattr(fig, "actplot_below", 0.0))


def _legend_height(fig: Figure, renderer: Any) -> float:
    """Inches the figure's own legend takes below the panels, with a gap; its columns are as
    many as fit the figure's width."""
    if not fig.legends:
        return 0.0
    legend = fig.legends[0]
    available = fig.get_figwidth() * fig.dpi - 2 * EDGE * fig.dpi
    handles, labels = legend.legend_handles, [text.get_text() for text in legend.get_texts()]
    columns = len(labels)
    while columns > 1 and legend.get_window_extent(renderer).width > available:
        columns -= 1
        legend.remove()
        legend = _figure_legend(fig, handles, labels, columns)
    balanced = math.ceil(len(labels) / math.ceil(len(labels) / columns))  # rows as even as they can be
    if balanced != columns:
        legend.remove()
        legend = _figure_legend(fig, handles, labels, balanced)
    return float(legend.get_window_extent(renderer).height) / fig.dpi + GAP / 2


def _fit_panel_title(ax: Axes, renderer: Any, panel_px: float) -> tuple[str, float]:
    """Fit the panel's title into its width (smaller, then without its formula); return its text
    and size."""
    title = ax.title
    if not title.get_text():
        return "", 0.0
    full = _FULL_TITLES.setdefault(title, title.get_text())
    for text in (full, *_SHORT_TITLES.get(title, ())):  # the formula, then without it, then on more lines
        if text is None:
            continue
        title.set_text(text)
        for size in TITLE_SIZES:
            title.set_fontsize(size)
            if title.get_window_extent(renderer).width <= panel_px:
                return text, float(title.get_fontsize())
    return title.get_text(), float(title.get_fontsize())


def _fit_figure_title(fig: Figure, renderer: Any, available_px: float) -> None:
    import textwrap

    title = getattr(fig, "_suptitle", None)
    if title is None or not title.get_text():
        return
    text = " ".join(title.get_text().split())
    width = title.get_window_extent(renderer).width
    if width <= available_px:
        return
    characters = max(8, int(len(text) * available_px / width * 0.95))
    lines = textwrap.wrap(text, characters, break_long_words=True, break_on_hyphens=False)
    if len(lines) > MAX_TITLE_LINES:
        lines = [*lines[: MAX_TITLE_LINES - 1], textwrap.shorten(" ".join(lines[MAX_TITLE_LINES - 1:]), characters,
                                                                 placeholder=" ...")]
    title.set_text("\n".join(lines))
    while title.get_window_extent(renderer).width > available_px and title.get_fontsize() > 6:
        title.set_fontsize(title.get_fontsize() * 0.9)


def draw_trace(ax: Axes, curve: Curve, order: int, lo: float, hi: float, points: int,
               columns: int, style: dict[str, Any], label: str | None = None) -> sampling.Trace:
    trace = curve.trace(order, lo, hi, points, columns, MAX_DRAWN)
    line = {"linewidth": line_width(), **style}
    for number, (x, y) in enumerate(trace.segments):
        ax.plot(x, y, **line, label=(label or curve.label) if number == 0 else "_nolegend_", gid="curve")
    face = ax.get_facecolor()
    color = style["color"]
    size = float(matplotlib.rcParams["lines.markersize"]) * 5 / 6  # 5 points at the default style and size
    above = float(style.get("zorder", 2.0)) + 1.0  # markers over their own line
    for jump in (j for j in trace.jumps if j.limits):  # where nothing jumps, no marker is needed
        ax.plot([jump.x], [jump.value], "o", color=color, markersize=size, zorder=above, gid="jump")
        ax.plot([jump.x] * len(jump.limits), list(jump.limits), "o", markerfacecolor=face,
                markeredgecolor=color, markeredgewidth=1.3 * size / 5, markersize=size, zorder=above, gid="limit")
    for pole in trace.poles:  # a vertical asymptote, never a line across it
        ax.axvline(pole, color=color, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1.7, gid="asymptote")
        step = (hi - lo) / max(points - 1, 1)
        for side in (-1.0, 1.0):
            near = pole + side * step * np.exp2(-np.arange(0.0, 40.0))  # on towards the pole, off the panel
            near = near[(near >= lo) & (near <= hi) & (near != pole)]
            with np.errstate(all="ignore"):
                y = curve.evaluate(near, order) if near.size else near
            keep = np.isfinite(y) & (np.abs(y) <= MAX_DRAWN)
            if keep.sum() > 1:
                ax.plot(near[keep], y[keep], **line, label="_nolegend_", gid="approach")
    return trace


#: The curves' line width where the style leaves matplotlib's default (1.5): a little heavier.
LINE_WIDTH = 1.9


def line_width() -> float:
    """The curves' line width: the style's ``lines.linewidth`` where it sets one, else :data:`LINE_WIDTH`."""
    width = float(matplotlib.rcParams["lines.linewidth"])
    return LINE_WIDTH if width == float(matplotlib.rcParamsDefault["lines.linewidth"]) else width


def draw_band(ax: Axes, curve: Curve, order: int, lo: float, hi: float, color: str, labelled: bool) -> None:
    x = curve.sample(lo, hi, BAND_POINTS)
    edges = curve.band(x, order)
    if edges is not None:
        ax.fill_between(x, *edges, color=color, alpha=0.18, linewidth=0, gid="band",
                        label="training range" if labelled else "_nolegend_")


def _decorate(ax: Axes, curves: Sequence[Curve], order: int, lo: float, hi: float,
              ylim: tuple[float, float] | None = None, y_label: bool = True) -> None:
    """Limits, labels, title, grid and axis lines of one panel. In a small figure (shrunken
    text) the y label is left out: the panel's title names it, and the room goes to the curve."""
    ax.set_xlim(lo, hi)
    ax.margins(x=0)
    ax.set_xlabel("x", fontstyle="italic")
    if y_label:
        ax.set_ylabel(panel_labels(curves)[order], fontstyle="italic")
    panel_title(ax, curves, order, lo, hi)
    ax.grid(True, color=grid_color(ax), linewidth=0.6)
    fit_ylim(ax, ylim)
    mark_axes(ax, lo, hi)


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


def panel_title(ax: Axes, curves: Sequence[Curve], order: int, lo: float, hi: float) -> None:
    """The panel's title: which derivative, its formula where one entry is drawn, and for a
    difference its largest |A - B| on [lo, hi]."""
    # One formula where every curve has the same one (a sweep of a slope); GELU's two forms, or
    # two entries, have none: the legend tells them apart.
    one = len({curve.entry.reference for curve in curves}) == 1 and all(
        len({curve.formula(k) for curve in curves}) == 1 for k in (0, 1))
    # Plain text where every panel's formula reads as well in it; else mathtext in every panel.
    plain_formulas = [simple_text(curves[0].formula(k)) for k in (0, 1)] if one else []
    mathtext = None in plain_formulas
    tex = curves[0].formula(order) if one and order < 2 else ""
    formula = " = " + (tex if mathtext else str(plain_formulas[order])) if tex else ""
    numerical = sorted({c.entry.derivative_method for c in curves if c.entry.derivative_method != "exact"})
    note = f"  (numerical: {', '.join(numerical)})" if order > 0 and numerical else ""
    largest = panel_note(curves, order, lo, hi)
    if largest:  # a difference curve: its largest |A - B| on the range, on a line of its own
        note += "\n" + largest
    difference = is_difference_plot(curves)
    if difference and "f_A" in formula:  # the generic f_A - f_B says no more than the heading
        formula = ""
    plain_heading = (DIFFERENCE_LABELS if difference else PANEL_LABELS)[order]
    heading = (DIFFERENCE_TITLES if difference else TITLE_LABELS)[order] if mathtext else plain_heading
    title = heading + formula + note
    _SHORT_TITLES[ax.title] = (plain_heading + note, plain_heading + note.replace(" at x = ", "\nat x = ")
                               .replace(" for x from ", "\nfor x from ").replace(" for every x", "\nfor every x"))
    _FULL_TITLES[ax.title] = title
    # A fixed y keeps matplotlib from measuring every tick label to place the title, which
    # costs as much as drawing the panel; the title's bottom edge (not its baseline) sits on
    # that line, so a formula's fraction or subscript never reaches down into the frame.
    ax.set_title(title, fontsize="medium", y=1.0, va="bottom", pad=TITLE_PAD)


#: mathtext that plain text shows as well: no fraction, root, sum, sub- or superscript. Parsing
#: mathtext costs a tenth of a plot the first time in a process, so titles that need none use none.
NEEDS_MATHTEXT = re.compile(r"\\(frac|dfrac|tfrac|sqrt|sum|prod|int|left|right|over|binom|mathbb|mathcal)|[_^{}]")


def simple_text(tex: str) -> str | None:
    """A formula's plain text (Greek letters as letters), where plain text shows it as well as
    mathtext does; None where it needs mathtext (a fraction, a root, a superscript...)."""
    from actplot.core.formula import plain

    body = re.sub(r"\\(mathrm|text|operatorname)\{([^{}]*)\}", r"\2", tex)
    if not tex or NEEDS_MATHTEXT.search(body):
        return None
    return plain(tex).replace("-", "\u2212")  # a minus sign, as mathtext draws it


def fit_ylim(ax: Axes, chosen: tuple[float, float] | None = None) -> None:
    """y limits around the data drawn, with 5% margins (a constant is shown against zero), or the
    ``chosen`` ones.

    The limits are robust (see :func:`actplot.core.sampling.fitted_limits`): a pole's neighbourhood
    and a few samples far beyond all the others (one huge value) leave the panel rather than
    flatten everything else into a line.
    """
    if chosen is not None:
        ax.set_ylim(*chosen)
        return
    lo, hi = ax.get_xlim()
    poles = [float(np.asarray(line.get_xdata(), dtype=np.float64)[0]) for line in ax.lines
             if line.get_gid() == "asymptote"]  # the panel's poles: where it drew their asymptotes
    ax.set_ylim(*sampling.fitted_limits(drawn_points(ax), poles, lo, hi))


#: What a panel's y limits are fitted to: the curves, their markers and bands.
DATA_GIDS = frozenset({"curve", "jump", "limit"})


def drawn_points(ax: Axes) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (x, y) points of the curves, markers and bands drawn in ``ax``."""
    points = [(np.asarray(line.get_xdata(), dtype=np.float64), np.asarray(line.get_ydata(), dtype=np.float64))
              for line in ax.lines if line.get_gid() in DATA_GIDS]
    for band in (c for c in ax.collections if c.get_gid() == "band"):
        for path in band.get_paths():
            vertices = np.asarray(path.vertices, dtype=np.float64)
            points.append((vertices[:, 0], vertices[:, 1]))
    return points


def mark_axes(ax: Axes, lo: float, hi: float) -> None:
    """Thin lines along x = 0 and y = 0 where they are in view (gid ``axis``)."""
    y_low, y_high = ax.get_ylim()
    if lo <= 0.0 <= hi:
        ax.axvline(0.0, color="0.45", linewidth=0.8, zorder=1.6, gid="axis")
    if y_low <= 0.0 <= y_high:
        ax.axhline(0.0, color="0.45", linewidth=0.8, zorder=1.6, gid="axis")
    ax.set_ylim(y_low, y_high)


def panel_legend(ax: Axes, curves: Sequence[Curve]) -> None:
    """A legend in the panel for several curves, or for a curve with a band, in its emptiest corner."""
    if wants_legend(curves) and ax.get_legend_handles_labels()[0]:
        legend = ax.legend(fontsize="small", loc="upper left", framealpha=1.0)
        figure = ax.get_figure(root=True)
        assert isinstance(figure, Figure)
        legends.free_corner(ax, legend, _renderer(figure), least=True)
