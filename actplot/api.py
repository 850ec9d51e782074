"""The Python API: the layer the command line, the gallery and notebooks all stand on.

Four functions make the product; everything else is a shell over them:

- :func:`plot` draws activations and their derivatives and returns a matplotlib ``Figure``
  (never registered with pyplot), or draws into the ``axes=`` a user gives;
- :func:`sample` and :func:`sample_all` return the sampled data as numpy arrays;
- :func:`save` writes a picture (by the file's extension) or the data (``.csv``, ``.json``,
  ``.npz``);
- :func:`show` opens a window.

What to draw is given the same way to all of them: one or more *specs*, each a catalog name or
alias (``"leaky-relu"``), a spec string as the command line takes it (``"elu:alpha=0.5"``,
``"expr:x*sigmoid(1.702*x)"``, ``"custom:mypkg.acts:snake"``), an entry object
(``actplot.get("gelu")``), a curve (:class:`~actplot.core.curves.Curve`), or any numpy-vectorised
Python function. With one spec, keyword arguments are its parameters (by name or alias), and a
list of values sweeps that parameter as repeated options do on the command line; with several
specs, parameters go into the spec strings. :func:`curves_for` is the one function that turns
specs and parameter values into curves.

Mistakes raise actplot's exceptions, which are ``ValueError`` or ``LookupError`` subclasses whose
message names the Python argument: ``x_range=(5, -5) is reversed; did you mean x_range=(-5, 5)?``.

Example::

    >>> import actplot
    >>> fig = actplot.plot("leaky-relu", negative_slope=0.01, x_range=(-10, 10))
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['f(x)', 'f′(x)']
    >>> s = actplot.sample("elu", x_range=(-1, 1), points=5, order=2)
    >>> s.x.tolist(), s.dy.tolist()[-1]
    ([-1.0, -0.5, 0.0, 0.5, 1.0], 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from actplot.catalog import BUILTINS, FAMILY_TITLES, get, registry
from actplot.core.curves import Curve
from actplot.core.errors import ParameterError, SettingsError
from actplot.core.precision import format_of, samples_in
from actplot.core.samples import Samples, samples_of
from actplot.core.settings import DEFAULT_POINTS, PlotSettings
from actplot.core.version import __version__
from actplot.describe import catalog_rows, citation, describe, framework_rows
from actplot.draw.data import jsonable
from actplot.draw.window import window_possible
from actplot.specs import Spec, curves_for, drawn_curves

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from actplot.draw.explorer import Explorer



# --- specs to curves -------------------------------------------------------------------------














# --- settings ----------------------------------------------------------------------------------


def settings_for(order: int = 1, x_range: Sequence[float] | None = None, points: int = DEFAULT_POINTS,
                 title: str | None = None, style: str = "default", size: Sequence[float] | None = None,
                 dpi: float = 150.0, output: str | Path | None = None, ylim: Any = None,
                 legend: str = "auto", dtype: str | None = None) -> PlotSettings:
    """Validated :class:`~actplot.core.settings.PlotSettings` from Python values (a ``SettingsError``
    names the argument: ``x_range=(5, -5) is reversed``)."""
    return PlotSettings(
        x_range=_pair("x_range", x_range), points=_count("points", points), order=_count("order", order),
        output=Path(output) if output is not None else None, dpi=_real("dpi", dpi), size=_pair("size", size),
        style=_text("style", style), title=None if title is None else _text("title", title),
        ylim=_limits(ylim), legend=_text("legend", legend).lower(), dtype=dtype)


def _limits(value: Any) -> tuple[tuple[float, float] | None, ...]:
    """``ylim``: one (low, high) pair for the f(x) panel, or a list with a pair (or None, fitted)
    for each panel in order."""
    if value is None:
        return ()
    items = list(value) if isinstance(value, list | tuple) else [value]
    if len(items) == 2 and all(isinstance(v, int | float | np.integer | np.floating) for v in items):
        items = [tuple(items)]
    return tuple(None if item is None else _pair("ylim", item) for item in items)


def _pair(name: str, value: Sequence[float] | None) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        raise SettingsError("{name} must be two numbers, got {value}", name, value) from None
    return low, high


def _count(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating) \
            or not np.isfinite(value) or value != int(value):
        raise SettingsError("{name} must be a whole number, got {value}", name, value)
    return int(value)


def _real(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise SettingsError("{name} must be a number, got {value}", name, value)
    return float(value)


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise SettingsError("{name} must be text, got {value}", name, value)
    return value


# --- drawing -----------------------------------------------------------------------------------


@overload
def plot(*specs: Spec, order: int = 1, x_range: Sequence[float] | None = None, points: int = DEFAULT_POINTS,
         title: str | None = None, style: str = "default", size: Sequence[float] | None = None,
         dpi: float = 150.0, ylim: Any = None, legend: str = "auto", axes: None = None, diff: bool = False,
         show: bool = True, dtype: str | None = None, **params: Any) -> Figure: ...


@overload
def plot(*specs: Spec, order: int = 1, x_range: Sequence[float] | None = None, points: int = DEFAULT_POINTS,
         title: str | None = None, style: str = "default", size: Sequence[float] | None = None,
         dpi: float = 150.0, ylim: Any = None, legend: str = "auto", axes: Axes | Iterable[Axes], diff: bool = False,
         show: bool = True, dtype: str | None = None, **params: Any) -> list[Axes]: ...


def plot(*specs: Spec, order: int = 1, x_range: Sequence[float] | None = None, points: int = DEFAULT_POINTS,
         title: str | None = None, style: str = "default", size: Sequence[float] | None = None,
         dpi: float = 150.0, ylim: Any = None, legend: str = "auto", axes: Axes | Iterable[Axes] | None = None,
         diff: bool = False, show: bool = True, dtype: str | None = None,
         **params: Any) -> Figure | list[Axes]:
    """Draw activations and their derivatives side by side; return the matplotlib ``Figure``.

    Args:
        *specs: what to draw: names, spec strings, entries, curves or Python functions; several
            are compared in the same panels.
        order: 0 draws f only; 1 draws f and f'; 2 draws f, f' and f''.
        x_range: ``(low, high)``; by default the activations' own window (-5 to 5 for most).
        points: uniform samples; every breakpoint is added exactly.
        title: the figure's title; by default the names and parameter values.
        style: a matplotlib style name or ``.mplstyle`` file.
        size: the figure's ``(width, height)`` in inches; by default 4.6 x 3.9 a panel.
        dpi: the figure's resolution.
        ylim: the y limits of the f(x) panel, ``(low, high)``, or a list with a pair (or None:
            fitted) for each panel in order. By default each panel is fitted to its curves,
            robustly: a pole's neighbourhood or a few huge values leave the panel.
        legend: where legends go: "auto" (in each panel where it covers no curve, else one below
            the panels), "outside" (below), "inside" (each panel's emptiest corner) or "none".
        axes: draw into these instead: ``order + 1`` Axes (one Axes for order 0). actplot then
            draws only into them (lines, markers, band, labels, legends) and leaves the figure's
            title, its other axes and its layout alone; ``style``, ``size``, ``dpi`` and
            ``title`` do not apply, and ``plot`` returns those Axes, as seaborn's functions do
            (the figure is the user's: pyplot shows it, and returning it would show it twice).
        diff: draw the difference A − B of exactly two curves (two specs, or one spec whose
            parameter takes two values) instead of the curves: each panel shows A's value or
            derivative minus B's (see :mod:`actplot.core.difference`).
        show: in a Jupyter notebook, show the figure when the cell ends (as pyplot's inline
            backend does), unless it was displayed before; ``show=False`` leaves that to you
            (``display(fig)``). Elsewhere it does nothing; with ``axes=`` the figure is yours.
        dtype: "float32", "float16" or "bfloat16" (or "fp16", "half", "bf16"): draw each curve
            also as computed in that format (beside the exact one), and after the panels one
            more, the value's error in ulps of the format, marking where it rounds to 0, is
            subnormal or overflows and whether each kink is a value of the format; with
            ``diff``, A − B in ulps of the format (see :mod:`actplot.core.precision`). With
            ``axes=``, give one Axes more for it.
        **params: the parameters of a single activation; a list of values sweeps.

    The figure is not registered with pyplot (so nothing leaks, however many are made). In
    Jupyter every figure a cell makes shows once, in the order they were made, as a PNG (SVG when
    ``InlineBackend.figure_formats`` asks for it): a loop of plots shows every one, and a figure
    that is also the cell's value shows once (see :mod:`actplot.draw.notebook`).

    Example::

        >>> fig = plot("relu", "gelu", "silu", order=2)
        >>> len(fig.axes), fig.get_suptitle()
        (3, 'relu vs gelu vs silu')
    """
    from actplot.draw import figure as render
    from actplot.draw.style import drawing

    curves = drawn_curves(specs, params, diff)
    if axes is not None:
        panels = _panels(axes, order, dtype is not None)
        settings = settings_for(order=order, x_range=x_range, points=points, ylim=ylim, legend=legend, dtype=dtype)
        figure = panels[0].get_figure(root=True)
        assert figure is not None
        with drawing():
            render.draw(figure, curves, settings, axes=panels, layout=False)
        return panels
    settings = settings_for(order=order, x_range=x_range, points=points, title=title, style=style, size=size,
                            dpi=dpi, ylim=ylim, legend=legend, dtype=dtype)
    settings.check_style()
    fig = render.figure(curves, settings)
    if show:
        from actplot.draw import notebook

        notebook.show_at_cell_end(fig)
    return fig


def _panels(axes: Any, order: int, error_panel: bool = False) -> list[Axes]:
    from matplotlib.axes import Axes

    panels = [axes] if isinstance(axes, Axes) else list(np.ravel(np.asarray(axes, dtype=object)))
    needed = order + 1 + error_panel
    if len(panels) != needed or not all(isinstance(ax, Axes) for ax in panels):
        what = "one Axes" if needed == 1 else f"{needed} Axes"
        names = ["f", "f′", "f″"][: order + 1] + (["the error in ulps"] if error_panel else [])
        raise SettingsError(f"order={order}{' with dtype' if error_panel else ''} needs {what} "
                            f"({', '.join(names)}), got {len(panels)}")
    return panels


def show(*specs: Spec, order: int = 1, x_range: Sequence[float] | None = None, points: int = DEFAULT_POINTS,
         title: str | None = None, style: str = "default", size: Sequence[float] | None = None,
         ylim: Any = None, legend: str = "auto", diff: bool = False, dtype: str | None = None,
         **params: Any) -> None:
    """Open a window with the plot (through pyplot) and wait until it is closed.

    Takes the arguments of :func:`plot`. Raises ``SettingsError`` where no window can open.
    """
    curves = drawn_curves(specs, params, diff)
    show_window(curves, settings_for(order=order, x_range=x_range, points=points, title=title, style=style,
                                     size=size, ylim=ylim, legend=legend, dtype=dtype))


def save(path: str | Path, *specs: Spec, order: int = 1, x_range: Sequence[float] | None = None,
         points: int = DEFAULT_POINTS, title: str | None = None, style: str = "default",
         size: Sequence[float] | None = None, dpi: float = 150.0, ylim: Any = None, legend: str = "auto",
         diff: bool = False, dtype: str | None = None, **params: Any) -> Path:
    """Draw the plot into a picture file, or write the sampled data; return the path.

    The file's extension decides: ``.png``, ``.svg``, ``.pdf`` (any format matplotlib writes)
    for a picture; ``.csv``, ``.json`` or ``.npz`` for the data (every point, breakpoints
    included; with ``dtype``, the columns of the values in that format too; see
    :mod:`actplot.draw.data`). ``-`` writes CSV to standard output and ``-.EXT`` that
    format. The file is written atomically: a failure leaves no file and keeps an old one.
    Takes the other arguments of :func:`plot`.

    Example::

        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> save(folder / "leaky.svg", "leaky-relu", negative_slope=0.01).stat().st_size > 10_000
        True
    """
    curves = drawn_curves(specs, params, diff)
    settings = settings_for(order=order, x_range=x_range, points=points, title=title, style=style, size=size,
                            dpi=dpi, output=path, ylim=ylim, legend=legend, dtype=dtype)
    write(curves, settings)
    assert settings.output is not None
    return settings.output


def write(curves: Sequence[Curve], settings: PlotSettings) -> None:
    """Write the curves to ``settings.output``: the data for a data format, else the picture."""
    assert settings.output is not None
    settings.check_output()  # before any sampling: a file that cannot be written is one line, at once
    if settings.is_data:
        from actplot.draw.data import write_data

        write_data(curves, settings, settings.output)
        return
    from actplot.draw import figure as render

    render.save(curves, settings, settings.output)


def data_text(curves: Sequence[Curve], settings: PlotSettings, fmt: str = "csv") -> str:
    """The data file ``fmt`` (csv or json) of the curves as text: what ``-o FILE.csv`` writes."""
    from actplot.draw.data import data_bytes

    return data_bytes(curves, settings, fmt).decode("utf-8")


def explore(*specs: Spec, order: int = 1, x_range: Sequence[float] | None = None, points: int = DEFAULT_POINTS,
            title: str | None = None, style: str = "default", size: Sequence[float] | None = None,
            dpi: float = 100.0, ylim: Any = None, **params: Any) -> Explorer:
    """An explorer: the panels of :func:`plot` with a control per parameter (see
    :mod:`actplot.draw.explorer`).

    Takes the arguments of :func:`plot` (one value per parameter: a sweep is an error). In a
    Jupyter notebook the controls are ipywidgets (``pip install 'actplot[notebook]'``) and the
    explorer displays as the picture with its controls; elsewhere they are matplotlib widgets
    under the panels of ``explorer.figure``, and ``explorer.show()`` opens them in a window.
    ``explorer.set(name=value)`` moves a parameter, ``explorer.controls`` holds the controls.

    Example::

        >>> explorer = explore("celu", alpha=0.5)
        >>> explorer.scales, explorer.params
        ({'alpha': 'log'}, {'alpha': 0.5})
        >>> explorer.set(alpha=2.0)
        >>> explorer.controls["alpha"].val  # a log slider: log10(2)
        0.3010299956639812
    """
    from actplot.draw.explorer import Explorer
    from actplot.draw.notebook import in_notebook

    curves = drawn_curves(specs, params)
    swept = [curve.label for curve in curves if len({c.entry.reference for c in curves}) == 1 and len(curves) > 1]
    if swept:
        raise ParameterError(f"explore takes one value per parameter; got {len(curves)} curves of "
                             f"{curves[0].entry.display_name} ({', '.join(swept)})")
    settings = settings_for(order=order, x_range=x_range, points=points, title=title, style=style, size=size,
                            dpi=dpi, ylim=ylim)
    settings.check_style()
    return Explorer(curves, settings, widgets="ipywidgets" if in_notebook() else "matplotlib")


# --- data --------------------------------------------------------------------------------------


def sample(spec: Spec, *, x_range: Sequence[float] | None = None, points: int = DEFAULT_POINTS, order: int = 1,
           dtype: str | None = None, **params: Any) -> Samples:
    """The sampled data of one curve, the same points the plot and the data export use.

    Args:
        spec: the activation (see :func:`curves_for`).
        x_range, points, order: as for :func:`plot`.
        dtype: "float32", "float16" or "bfloat16": return a
            :class:`~actplot.core.precision.PrecisionSamples`, the exact samples with the curve as
            computed in that format: ``x_p`` (x rounded to it), ``y_p``, ``dy_p``, ``d2y_p`` and
            ``ulps``, the value's error in its ulps (see :mod:`actplot.core.precision`).
        **params: its parameters; a list of values would be several curves: use :func:`sample_all`.

    Example::

        >>> s = sample("relu", x_range=(-1, 1), points=3)
        >>> s.x.tolist(), s.y.tolist(), s.dy.tolist(), s.d2y
        ([-1.0, 0.0, 1.0], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0], None)
        >>> h = sample("sigmoid", x_range=(-20, 0), points=3, dtype="float16")
        >>> h.y_p.tolist(), h.ulps.tolist()[0] < 0  # sigmoid(-20) rounds to 0 in float16
        ([0.0, 4.5418739318847656e-05, 0.5], True)
    """
    found = sample_all(spec, x_range=x_range, points=points, order=order, dtype=dtype, **params)
    if len(found) != 1:
        raise ParameterError(f"these parameters give {len(found)} curves; sample() returns one: "
                             "use actplot.sample_all() for a sweep")
    return found[0]


def sample_all(*specs: Spec, x_range: Sequence[float] | None = None, points: int = DEFAULT_POINTS, order: int = 1,
               diff: bool = False, dtype: str | None = None, **params: Any) -> list[Samples]:
    """The sampled data of every curve the specs and parameters describe (sweeps and comparisons);
    with ``diff=True``, the one difference A − B of exactly two curves; with ``dtype``, each as
    :func:`sample` gives it.

    Example::

        >>> [s.label for s in sample_all("elu", alpha=[0.5, 1.0], points=3)]
        ['alpha=0.5', 'alpha=1']
    """
    curves = drawn_curves(specs, params, diff)
    settings = settings_for(order=order, x_range=x_range, points=points, dtype=dtype)
    fmt = format_of(settings)
    if fmt is not None:
        return [samples_in(curve, settings, fmt) for curve in curves]
    return [samples_of(curve, settings) for curve in curves]


# --- for the front ends -----------------------------------------------------------------------
# The command line, the gallery and the Sphinx directive reach the catalog and the back ends
# through these names only (tests/test_layers.py checks it).


def show_window(curves: Sequence[Curve], settings: PlotSettings) -> None:
    """Draw the curves in a window and wait until it is closed (:class:`NoWindow` where none can
    open); zooming samples the curves again over the view."""
    from actplot.draw.window import show as in_window

    in_window(curves, settings)


def explore_window(curves: Sequence[Curve], settings: PlotSettings) -> Explorer:
    """An explorer of the curves in a window, shown until it is closed; returns it (its
    ``command_line()`` draws the last view again)."""
    from actplot.draw.explorer import explore_window as in_window

    return in_window(curves, settings)


def show_in_terminal(curves: Sequence[Curve], settings: PlotSettings, kind: str | None = None,
                     color: str = "auto") -> None:
    """Draw the curves in the terminal: as text, or as a picture where the terminal shows images
    (``kind`` "text" or "image" decides; by default the terminal's own abilities do)."""
    from actplot.draw.terminal_image import in_terminal

    in_terminal(curves, settings, kind, color=color)


def load_drawing() -> None:
    """Import the drawing back end (matplotlib with it) now: before worker processes fork, so
    they share it instead of each importing it."""
    import actplot.draw.figure  # noqa: F401


def save_picture(curves: Sequence[Curve], settings: PlotSettings, path: Path) -> None:
    """Draw the curves and write the picture to ``path`` atomically, its bytes depending on the
    curves and settings alone (the gallery and the docs directive write theirs so)."""
    from actplot.draw import figure as render

    render.save(curves, settings, path)


__all__ = [
    "BUILTINS",
    "DEFAULT_POINTS",
    "FAMILY_TITLES",
    "Curve",
    "PlotSettings",
    "Samples",
    "Spec",
    "__version__",
    "catalog_rows",
    "citation",
    "curves_for",
    "describe",
    "drawn_curves",
    "explore",
    "explore_window",
    "framework_rows",
    "get",
    "jsonable",
    "load_drawing",
    "plot",
    "registry",
    "sample",
    "sample_all",
    "samples_of",
    "save",
    "save_picture",
    "show",
    "show_in_terminal",
    "show_window",
    "window_possible",
    "write",
]
