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

import os
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from actplot import sampling
from actplot.curves import Curve
from actplot.errors import SettingsError
from actplot.files import atomic_write
from actplot.settings import PlotSettings

#: Axis labels, in plain italic text (mathtext is kept for the formulas: parsing it costs more
#: than drawing a panel), and the same names in mathtext for the panel titles.
PANEL_LABELS = ("f(x)", "f′(x)", "f″(x)")
TITLE_LABELS = ("$f(x)$", "$f'(x)$", "$f''(x)$")
#: Metadata that would make output differ from run to run (or machine to machine), removed.
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "svgz": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
#: matplotlib's built-in backends that cannot open a window.
NON_INTERACTIVE = frozenset({"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"})
RC = {"svg.hashsalt": "actplot", "figure.max_open_warning": 0}
BAND_POINTS = 801
#: Inches left, right, below, above the panels, and between two panels.
MARGINS = (0.75, 0.3, 0.55, 0.7, 0.8)


#: Figures kept for reuse, by (panels, size, dpi, style): see :func:`figure`.
_REUSABLE: dict[tuple[object, ...], tuple[Figure, list[Axes]]] = {}


def figure(curves: Sequence[Curve], settings: PlotSettings, reuse: bool = False) -> Figure:
    """A figure with the curves drawn, not attached to pyplot.

    With ``reuse``, a figure of the same layout drawn before in this process is emptied and drawn
    again instead of built anew: its axes and their tick objects survive, which saves a fifth
    of the time a gallery image takes. The figure returned is then only valid until the next call.
    """
    key = (settings.panels, settings.figure_size, settings.dpi, settings.style)
    with matplotlib.style.context(settings.style), matplotlib.rc_context(RC):
        if reuse and key in _REUSABLE:
            fig, axes = _REUSABLE[key]
            _empty(axes)
            draw(fig, curves, settings, axes)
        else:
            fig = Figure(figsize=settings.figure_size, dpi=settings.dpi)
            axes = draw(fig, curves, settings)
            if reuse:
                _REUSABLE[key] = (fig, axes)
    return fig


def save(curves: Sequence[Curve], settings: PlotSettings, path: Path, reuse: bool = False) -> None:
    """Draw the curves and write the picture to ``path`` atomically (``reuse``: see :func:`figure`)."""
    settings.check_picture_format()
    settings.check_style()
    fig = figure(curves, settings, reuse)
    fmt = settings.output_format
    with matplotlib.style.context(settings.style), matplotlib.rc_context(RC), atomic_write(path) as handle:
        fig.savefig(handle, format=fmt, dpi=settings.dpi, metadata=METADATA.get(fmt))


def show(curves: Sequence[Curve], settings: PlotSettings) -> None:
    """Draw the curves in a window and wait until it is closed."""
    if os.name == "posix" and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and matplotlib.get_backend().lower() != "macosx":
        raise SettingsError("no display to open a window on; use -o FILE to write the figure to a file")
    settings.check_style()
    import matplotlib.pyplot as plt

    backend = matplotlib.get_backend()
    if backend.lower() in NON_INTERACTIVE:
        raise SettingsError(f"matplotlib has no interactive backend here ({backend}); use -o FILE to write a file")
    with matplotlib.style.context(settings.style), matplotlib.rc_context(RC):
        fig = plt.figure(figsize=settings.figure_size)
        draw(fig, curves, settings)
    manager = fig.canvas.manager
    if manager is not None:
        manager.set_window_title(f"actplot: {fig.get_suptitle()}")
    plt.show()


def draw(fig: Figure, curves: Sequence[Curve], settings: PlotSettings, axes: list[Axes] | None = None) -> list[Axes]:
    """Draw every curve in ``settings.panels`` panels of ``fig`` (new ones, or the empty
    ``axes`` given); return the panels."""
    lo, hi = settings.range_for(curves)
    if axes is None:
        grid = margins(settings.figure_size, settings.panels)
        axes = list(fig.subplots(1, settings.panels, sharex=True, squeeze=False, gridspec_kw=grid)[0])
    colors = matplotlib.rcParams["axes.prop_cycle"].by_key().get("color", ["C0"])
    columns = int(settings.figure_size[0] * settings.dpi)
    for order, ax in enumerate(axes):
        for index, curve in enumerate(curves):
            color = colors[index % len(colors)]
            _draw_band(ax, curve, order, lo, hi, color, labelled=len(curves) == 1)
            _draw_trace(ax, curve, order, lo, hi, settings.points, columns, color)
        _decorate(ax, curves, order, lo, hi)
    fig.suptitle(settings.title if settings.title is not None else default_title(curves))
    return axes


def _empty(axes: list[Axes]) -> None:
    """Remove what :func:`draw` added, keeping the axes, their ticks and their settings."""
    for ax in axes:
        for artist in [*ax.lines, *ax.collections]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.relim()
        ax.set_autoscaley_on(True)


def margins(size: tuple[float, float], panels: int) -> dict[str, float]:
    """Subplot margins for fixed space in inches around and between the panels.

    A fixed layout costs nothing at draw time (a layout engine measures every text first, which
    takes longer than drawing); the space suits one-line titles and tick labels of up to seven
    characters, which is what the axes' formatter produces for any range actplot accepts.
    """
    width, height = size
    left, right, bottom, top, gap = MARGINS
    panel = (width - left - right - gap * (panels - 1)) / panels
    return {"left": left / width, "right": 1 - right / width, "bottom": bottom / height,
            "top": 1 - top / height, "wspace": gap / panel}


def default_title(curves: Sequence[Curve]) -> str:
    """The entry's name and parameter values, or the names compared."""
    entries = list(dict.fromkeys(curve.entry.display_name for curve in curves))
    if len(entries) > 1:
        return " vs ".join(entries)
    curve = curves[0]
    if len(curves) > 1 or not curve.params:
        return curve.entry.display_name
    return f"{curve.entry.display_name}   {curve.params_text}"


def _draw_trace(ax: Axes, curve: Curve, order: int, lo: float, hi: float, points: int,
                columns: int, color: str) -> None:
    breakpoints = curve.breakpoints(lo, hi)
    trace = sampling.trace(
        lambda x: curve.evaluate(x, order), lo, hi, points,
        jumps=[b.x for b in breakpoints if b.order <= order],
        kinks=[b.x for b in breakpoints if b.order > order],
        columns=columns,
    )
    for number, (x, y) in enumerate(trace.segments):
        ax.plot(x, y, color=color, linewidth=1.9, label=curve.label if number == 0 else "_nolegend_", gid="curve")
    face = ax.get_facecolor()
    for jump in (j for j in trace.jumps if j.limits):  # where nothing jumps, no marker is needed
        ax.plot([jump.x], [jump.value], "o", color=color, markersize=5, zorder=3, gid="jump")
        ax.plot([jump.x] * len(jump.limits), list(jump.limits), "o", markerfacecolor=face,
                markeredgecolor=color, markeredgewidth=1.3, markersize=5, zorder=3, gid="limit")


def _draw_band(ax: Axes, curve: Curve, order: int, lo: float, hi: float, color: str, labelled: bool) -> None:
    x = sampling.sample(lo, hi, BAND_POINTS, [b.x for b in curve.breakpoints(lo, hi)])
    edges = curve.band(x, order)
    if edges is not None:
        ax.fill_between(x, *edges, color=color, alpha=0.18, linewidth=0, gid="band",
                        label="training range" if labelled else "_nolegend_")


def _decorate(ax: Axes, curves: Sequence[Curve], order: int, lo: float, hi: float) -> None:
    ax.set_xlim(lo, hi)
    ax.margins(x=0)
    ax.set_xlabel("x", fontstyle="italic")
    ax.set_ylabel(PANEL_LABELS[order], fontstyle="italic")
    entries = {curve.entry.reference for curve in curves}
    title = TITLE_LABELS[order]
    if len(entries) == 1 and order < 2:
        title += " = " + curves[0].formula(order)
    numerical = sorted({c.entry.derivative_method for c in curves if c.entry.derivative_method != "exact"})
    if order > 0 and numerical:
        title += f"  (numerical: {', '.join(numerical)})"
    # A fixed y keeps matplotlib from measuring every tick label to place the title, which
    # costs as much as drawing the panel; nothing is drawn above the axes to avoid.
    ax.set_title(title, fontsize="medium", y=1.0)
    ax.grid(True, alpha=0.3, linewidth=0.6)
    ax.autoscale_view()
    low, high = ax.dataLim.intervaly
    if high - low <= 1e-12 * (1.0 + abs(high)):  # a constant: show it against zero, not magnified
        pad = 0.1 * max(abs(high), 1.0) if high != 0.0 else 1.0
        ax.set_ylim(min(0.0, low) - pad, max(0.0, high) + pad)
    if lo <= 0.0 <= hi:
        ax.axvline(0.0, color="0.45", linewidth=0.8, zorder=1.5, gid="axis")
    y_low, y_high = ax.get_ylim()
    if y_low <= 0.0 <= y_high:
        ax.axhline(0.0, color="0.45", linewidth=0.8, zorder=1.5, gid="axis")
    ax.set_ylim(y_low, y_high)
    if len(curves) > 1 or any(curve.entry.band_fn is not None for curve in curves):
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize="small", loc="best")

