"""Draw curves with matplotlib: the function and its derivatives in panels side by side.

This is the only module that imports matplotlib. Files are drawn on a plain
``matplotlib.figure.Figure`` (no pyplot, no global state); only a window goes through pyplot.

What is drawn, so tests and users can rely on it:
- panel k (0, 1, 2) shows the k-th derivative of every curve, the panels share the x axis;
- each curve is drawn as line segments (gid ``curve``) broken at every breakpoint of order <= k;
  where the drawn function really jumps, the value taken is a filled dot (gid ``jump``) and the
  one-sided limits that differ from it are open circles (gid ``limit``);
- an entry with a band (RReLU's training range) is shaded (gid ``band``) in panels 0 and 1;
- thin lines mark x = 0 and y = 0 when they are in view (gid ``axis``);
- with a ``dtype``, each curve is followed by its twin as computed in that format (labelled
  ``LABEL in FORMAT``) in panels 0 to k, and a last panel draws the value's error in ulps of the
  format as dots (gid ``ulps``; a difference's exact A − B in ulps is a line, gid
  ``exact-ulps``), shades where the value rounds to 0 (gid ``underflow``), is subnormal (gid
  ``subnormal``) or overflows (gid ``overflow``), or where A and B are more than an ulp apart
  (gid ``beyond``), and marks each kink (gid ``kink``, dotted where it is not a value of the format).
Pictures are byte-for-byte reproducible: no dates, no software tag, a fixed SVG hash salt.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from actplot.core.errors import DrawWarning, SettingsError

# matplotlib first, here: the drawing modules below import it too
try:
    import matplotlib
except ValueError as error:  # matplotlib checks the MPLBACKEND environment variable as it is imported
    if "backend" not in str(error):
        raise
    raise SettingsError(f"the environment variable MPLBACKEND={os.environ.get('MPLBACKEND', '')!r} names no "
                        "matplotlib backend; unset it, or set it to one such as agg or tkagg") from None
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from actplot.core import notices, precision, sampling
from actplot.core.curves import Curve, default_title
from actplot.core.difference import shows_difference
from actplot.core.files import output
from actplot.core.settings import PlotSettings
from actplot.draw import legends
from actplot.draw.layout import _FULL_TITLES, _SHORT_TITLES, EDGE, HIDDEN_ZORDER, TITLE_PAD, margins, place_legends
from actplot.draw.style import curve_styles, grid_color, line_width, styled

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
BAND_POINTS = 801


#: The largest magnitude drawn: matplotlib's axes overflow computing ticks and margins near
#: float64's limit (1.8e308), so larger values are left out as if not finite, with a warning.
MAX_DRAWN = 1e300












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
    exact = curves
    fmt = precision.format_of(settings)
    curves = precision.drawn_curves(curves, fmt)
    width = {"linewidth": line_width() * settings.text_scale}  # thinner lines in a small figure
    styles = [{**width, **style} for style in curve_styles(len(curves))]
    columns = int(settings.figure_size[0] * settings.dpi)
    partial: list[tuple[Curve, int, sampling.Trace]] = []
    if fmt is not None:
        draw_errors(axes[-1], exact, fmt, lo, hi, settings.points,
                    styles if len(curves) > len(exact) else [styles[0], *styles],
                    settings.ylim[-1] if len(settings.ylim) == settings.panels else None,
                    y_label=settings.text_scale == 1.0 or not layout)
    for order, ax in enumerate(axes[: settings.order + 1]):
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
        fig.suptitle(settings.title if settings.title is not None else precision.titled(default_title(exact), fmt),
                     y=1.0 - EDGE / settings.figure_size[1], va="top")
    place_legends(fig, axes, curves, settings.legend, layout, labelled=settings.dtype is not None)
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


def panel_labels(curves: Sequence[Curve]) -> tuple[str, str, str]:
    """The panels' y labels: f(x), f′(x), f″(x), or A(x) − B(x)... for a difference."""
    return DIFFERENCE_LABELS if shows_difference(curves) else PANEL_LABELS








def _warn_missing(curve: Curve, order: int, trace: sampling.Trace, named: bool) -> None:
    assert trace.missing_span is not None
    low, high = trace.missing_span
    where = f"at x = {low:g}" if low == high else f"for x from {low:g} to {high:g}"
    who = f" of {curve.label}" if named else ""
    warnings.warn(DrawWarning(
        f"{PANEL_LABELS[order]}{who} is not finite or beyond +-{MAX_DRAWN:g} at {trace.missing} of "
        f"{trace.sampled} points, {where}; those points are not drawn"), stacklevel=3)
































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






#: How the error panel shades where the value rounds to 0, is subnormal or overflows, and where
#: a difference's A and B are more than an ulp apart: (gid, legend label, colour, opacity).
ERROR_SPANS = (("underflow", "rounds to 0", "0.35", 0.25), ("subnormal", "subnormal", "0.6", 0.15),
               ("overflow", "overflows", "tab:red", 0.15), ("beyond", "|A − B| > 1 ulp", "tab:orange", 0.18))
#: Beyond this many ulps the error panel's y axis is logarithmic (linear within ±1 ulp).
SYMLOG_BEYOND = 8.0
#: Colours of a kink's line in the error panel: a value of the format, or not.
KINK_COLORS = {True: "tab:green", False: "tab:red"}


def error_label(fmt: precision.Format, difference: bool) -> str:
    """The error panel's y label."""
    return f"A − B (ulps of {fmt.name})" if difference else f"error (ulps of {fmt.name})"


def draw_errors(ax: Axes, curves: Sequence[Curve], fmt: precision.Format, lo: float, hi: float, points: int,
                styles: Sequence[dict[str, Any]], ylim: tuple[float, float] | None = None,
                y_label: bool = True) -> list[precision.Errors]:
    """The error panel: each curve's value error in ulps of ``fmt`` as dots in its twin's colour
    (a difference: its exact A − B in ulps as a line too), the spans of :data:`ERROR_SPANS`, the
    kinks, the bounds of correct rounding (±0.5 ulp; ±1 ulp for a difference) and a title
    saying what :func:`actplot.core.precision.error_note` finds. Returns what was drawn."""
    difference = shows_difference(curves)
    found = [precision.errors(curve, fmt, lo, hi, points) for curve in curves]
    size = float(matplotlib.rcParams["lines.markersize"]) * 0.45
    shaded: set[str] = set()
    for curve, errors, style in zip(curves, found, styles[1::2], strict=True):
        named = len(curves) > 1
        if errors.exact_ulps is not None:
            ax.plot(errors.x, errors.exact_ulps, color=style["color"], linewidth=style.get("linewidth", 1.5),
                    alpha=0.55, gid="exact-ulps", label="exact A − B")
        ax.plot(errors.x, errors.ulps, ".", color=style["color"], markersize=size, gid="ulps",
                label=(curve.label if named else f"in {fmt.name}") if difference or named else "_nolegend_")
        if errors.exact_ulps is not None:  # a difference: where A and B are apart, not where values vanish
            masks = {"beyond": np.abs(errors.exact_ulps) > 1.0}
        else:
            masks = {"underflow": errors.underflow, "subnormal": errors.subnormal, "overflow": errors.overflow}
        for gid, label, color, alpha in (span for span in ERROR_SPANS if span[0] in masks):
            for first, last in precision.spans(errors.x, masks[gid]):
                ax.axvspan(first, last, color=color, alpha=alpha, linewidth=0, zorder=0.5, gid=gid,
                           label="_nolegend_" if gid in shaded else label)
                shaded.add(gid)
    kinks = {x: exact for curve in curves for x, exact in precision.kinks(curve, fmt, lo, hi)}
    for x, exact in kinks.items():
        ax.axvline(x, color=KINK_COLORS[exact], linewidth=0.9, linestyle="-" if exact else ":", zorder=1.8,
                   gid="kink")
    bound = 1.0 if difference else 0.5
    for side in (-bound, bound):
        ax.axhline(side, color="0.5", linewidth=0.8, linestyle=(0, (4, 3)), zorder=1.7, gid="bound")
    ax.set_xlim(lo, hi)
    ax.margins(x=0)
    ax.set_xlabel("x", fontstyle="italic")
    label = error_label(fmt, difference)
    if y_label:
        ax.set_ylabel(label, fontstyle="italic")
    note = "\n".join(filter(None, (precision.error_note(e, lo, hi, list(kinks.items()) if i == 0 else ())
                                    for i, e in enumerate(found[:1]))))
    _SHORT_TITLES[ax.title] = (label + ("\n" + note.replace("; ", "\n") if note else ""), label)
    title = label + ("\n" + note if note else "")
    _FULL_TITLES[ax.title] = title
    ax.set_title(title, fontsize="medium", y=1.0, va="bottom", pad=TITLE_PAD)
    ax.grid(True, color=grid_color(ax), linewidth=0.6)
    if ylim is not None:
        ax.set_ylim(*ylim)
    else:
        shown = [(e.x, e.ulps) for e in found] + [(e.x, e.exact_ulps) for e in found if e.exact_ulps is not None]
        low, high = sampling.fitted_limits(shown, [], lo, hi)
        reach = 1.25 * bound
        low, high = min(low, -reach), max(high, reach)
        if max(-low, high) > SYMLOG_BEYOND:  # errors of thousands of ulps beside the bounds: a log scale out there
            ax.set_yscale("symlog", linthresh=1.0, linscale=0.6)
            low, high = (-(10.0 ** np.ceil(np.log10(-low))) if low < -reach else low,
                         10.0 ** np.ceil(np.log10(high)) if high > reach else high)
        ax.set_ylim(low, high)
    mark_axes(ax, lo, hi)
    return found


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
    notes = [curve.note for curve in curves if curve.note is not None]  # a format's twin has none of its own
    largest = notes[0](order, lo, hi) if len(notes) == 1 and shows_difference(curves) else ""
    if largest:  # a difference curve: its largest |A - B| on the range, on a line of its own
        note += "\n" + largest
    difference = shows_difference(curves)
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


