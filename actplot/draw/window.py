"""A figure in a window: whether one can open, pyplot (used only here), and the window's loop.

Importing this module imports no matplotlib (the command line asks :func:`window_possible`
before it draws anything); the window's view is re-sampled by :mod:`actplot.draw.resample`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from actplot.core.curves import Curve
from actplot.core.errors import NoWindow
from actplot.core.settings import PlotSettings

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: matplotlib's built-in backends that cannot open a window.
NON_INTERACTIVE = frozenset({"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"})


def show(curves: Sequence[Curve], settings: PlotSettings) -> None:
    """Draw the curves in a window and wait until it is closed.

    Zooming or panning samples the curves again over the view (see
    :class:`actplot.draw.resample.Resampler`); ``s`` saves the view as a PNG in the working directory.
    """
    from actplot.draw.figure import draw
    from actplot.draw.resample import Resampler
    from actplot.draw.style import styled

    settings.check_pixels()
    plt = window_pyplot(settings)
    with styled(settings.style, settings.text_scale):
        fig = plt.figure(figsize=settings.figure_size)
        axes = draw(fig, curves, settings)
    view = Resampler(fig, axes, curves, settings)
    run_window(fig, view.key)


def window_pyplot(settings: PlotSettings) -> Any:
    """pyplot, once it is sure a window can open (else :class:`NoWindow`, saying why)."""
    import matplotlib

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
    import matplotlib
    import matplotlib.pyplot as plt

    manager = fig.canvas.manager
    if manager is not None:
        manager.set_window_title(f"actplot: {fig.get_suptitle()}")
    fig.canvas.mpl_connect("key_press_event", on_key)
    keys = [key for key in matplotlib.rcParams["keymap.save"] if key != "s"]
    with matplotlib.rc_context({"keymap.save": keys}):
        plt.show()


def window_possible(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether a window can open, as far as the environment tells (without importing matplotlib)."""
    backend = environ.get("MPLBACKEND", "").lower()
    if backend in NON_INTERACTIVE or backend.startswith("module://matplotlib_inline"):
        return False
    if platform in ("darwin", "win32"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
