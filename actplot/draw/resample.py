"""A window's view sampled again as the user zooms or pans, so every view is drawn from the exact
curves at full resolution; ``s`` saves the view as a PNG."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from actplot.core.curves import Curve, default_title, file_stem
from actplot.core.errors import SettingsError
from actplot.core.settings import MAX_ABS_X, PlotSettings
from actplot.draw.figure import draw_band, draw_trace, fit_ylim, mark_axes, panel_title, save
from actplot.draw.layout import EDGE, fit_layout, full_title, panel_legend, tick_positions
from actplot.draw.style import curve_styles


class Resampler:
    """Draws the curves of a figure's panels again over the x range in view.

    Connected to the panels' x limits, it samples again whenever the user zooms or pans, with
    the full number of points and every breakpoint in view; it never moves the limits itself.
    """

    def __init__(self, fig: Figure, axes: Sequence[Axes], curves: Sequence[Curve], settings: PlotSettings) -> None:
        self.figure, self.axes, self.curves, self.settings = fig, list(axes), list(curves), settings
        self.user_limits = False  # whether the user zoomed or panned (then the limits are kept)
        self._busy = False
        self._laid_out: Any = None  # the ticks and titles the layout was last fitted to
        fig.actplot_view = self  # type: ignore[attr-defined]  # matplotlib's callbacks hold weak references
        for ax in self.axes:  # a deep zoom shows offsets or powers of ten, not long tick labels
            ax.ticklabel_format(style="sci", scilimits=(-3, 4), useOffset=True)
        self.y_chosen = False  # whether the user zoomed or panned a y axis (the command then says --ylim)
        self.axes[0].callbacks.connect("xlim_changed", self._moved)
        self.axes[0].callbacks.connect("ylim_changed", self._moved)
        for ax in self.axes:  # the x axis is shared, a y axis is each panel's own
            ax.callbacks.connect("ylim_changed", self._zoomed_y)

    @property
    def x_range(self) -> tuple[float, float]:
        low, high = self.axes[0].get_xlim()
        return float(low), float(high)

    def _moved(self, _: Any) -> None:
        if not self._busy:
            self.user_limits = True
            self.redraw(rescale=False)

    def _zoomed_y(self, _: Any) -> None:
        """A panel's y limits chosen by the user: kept from now on (nothing to sample again)."""
        if not self._busy:
            self.user_limits = self.y_chosen = True

    def save_view(self, directory: str | Path = ".") -> Path:
        """Write the current view (without any controls) as a PNG in ``directory`` under a name
        not yet taken (``leaky-relu.png``, ``leaky-relu-2.png`` ...); return its path."""

        low, high = self.x_range
        stem = file_stem(self.curves)[:80]
        folder = Path(directory)
        path = folder / f"{stem}.png"
        number = 1
        while path.exists():
            number += 1
            path = folder / f"{stem}-{number}.png"
        settings = replace(self.settings, x_range=(low, high), output=path)
        save(self.curves, settings, path)
        return path

    def key(self, event: Any) -> None:
        """A key pressed in the window: ``s`` saves the view and says where."""
        if event.key == "s":
            path = self.save_view()
            print(f"actplot: saved the view as {path.resolve()}", file=sys.stderr)

    def redraw(self, rescale: bool) -> None:
        """Sample and draw every curve again over the view; with ``rescale`` (and no limits chosen
        by the user) fit the y limits to what is drawn."""

        if self.settings.dtype is not None:  # a precision plot's panels are drawn once: zooming magnifies them
            return
        low, high = self.x_range
        lo, hi = max(low, -MAX_ABS_X), min(high, MAX_ABS_X)
        try:
            replace(self.settings, x_range=(lo, hi))  # too narrow (or out of reach): keep what is drawn
        except SettingsError:
            return
        self._busy = True
        try:
            styles = curve_styles(len(self.curves))
            columns = int(self.figure.get_figwidth() * self.figure.dpi)
            for order, ax in enumerate(self.axes):
                for artist in [*ax.lines, *ax.collections]:
                    if artist.get_gid() in DRAWN:
                        artist.remove()
                legend = ax.get_legend()
                if legend is not None:
                    legend.remove()
                for curve, style in zip(self.curves, styles, strict=True):
                    draw_band(ax, curve, order, lo, hi, style["color"], labelled=len(self.curves) == 1)
                    draw_trace(ax, curve, order, lo, hi, self.settings.points, columns, style)
                panel_title(ax, self.curves, order, lo, hi)
                if rescale and not self.user_limits:
                    ax.relim()
                    fit_ylim(ax, self.settings.ylim[order] if order < len(self.settings.ylim) else None)
                mark_axes(ax, low, high)
                if not self.figure.legends:
                    panel_legend(ax, self.curves)
            title = self.figure.get_suptitle()
            if self.settings.title is None and title != default_title(self.curves):
                self.figure.suptitle(default_title(self.curves), y=1.0 - EDGE / self.figure.get_figheight(),
                                     va="top")
            texts = (tick_positions(self.axes), [full_title(ax) for ax in self.axes],
                     self.figure.get_suptitle())
            if texts != self._laid_out:  # new tick labels or titles: give them their room
                fit_layout(self.figure, self.axes)
                self._laid_out = texts
            self.figure.canvas.draw_idle()
        finally:
            self._busy = False


#: What the drawing puts in a panel (see :mod:`actplot.draw.figure`): removed before drawing again.
DRAWN = frozenset({"curve", "jump", "limit", "band", "axis", "asymptote", "approach"})
