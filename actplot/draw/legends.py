"""What the eye reads in a panel: curves that coincide stay visible, legends never cover data.

Two curves of a sweep can be the same curve in a panel (every leaky ReLU has f″ = 0; a
parameter may change f but not f′). Drawn plainly, the last one hides the others and the legend
promises curves that are not there. :func:`coincident` finds them (on a probe grid with every
breakpoint, to 1e-9 of the panel's scale), and :func:`shared_dashes` gives the later ones dash
patterns that take turns along the line, so every colour of a group shows; their legend entries
say which curve they repeat.

A legend inside a panel goes in a corner where it covers no drawn data: :func:`free_corner`
tests the corners against an occupancy grid of the panel (the curves' polylines, densified, and
the markers), using the legend's measured size. Where no corner of some panel is free, the
legends go below the panels instead (``auto``); ``inside`` takes the least covered corner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actplot.core.curves import Curve

#: Probe points a panel's curves are compared on (their breakpoints are added).
PROBE_POINTS = 513
#: Relative to the panel's largest value: closer than this everywhere is the same curve ...
SAME = 1e-9
#: ... and closer than this looks the same: about a line's width in a panel of the usual size.
LOOKS_SAME = 1e-2
#: Length of one dash, in points (times the line width, as matplotlib scales dashes).
DASH = 3.0
#: Where a legend may go inside a panel, in the order tried.
CORNERS = ("upper left", "upper right", "lower right", "lower left", "center left", "center right",
           "upper center", "lower center")
#: Cells of the occupancy grid across a panel (each way).
CELLS = 120
#: What a legend must not cover: the curves, their markers, the pole approaches, bands.
COVERED_GIDS = frozenset({"curve", "jump", "limit", "approach"})


@dataclass(frozen=True)
class Probe:
    """The curves of one panel evaluated once on a probe grid (uniform, breakpoints included):
    what :func:`coincident` and :func:`hidden` compare."""

    values: list[np.ndarray]
    finite: list[np.ndarray]
    scale: float  # the panel's largest finite magnitude

    @classmethod
    def of(cls, curves: Sequence[Curve], order: int, lo: float, hi: float) -> Probe:
        extra = sorted({b.x for curve in curves for b in curve.breakpoints(lo, hi)})
        x = np.union1d(np.linspace(lo, hi, PROBE_POINTS), np.array(extra, dtype=np.float64))
        with np.errstate(all="ignore"):
            values = [np.asarray(curve.evaluate(x, order), dtype=np.float64) for curve in curves]
        finite = [np.isfinite(v) for v in values]
        scale = max((float(np.max(np.abs(v[f]))) for v, f in zip(values, finite, strict=True) if f.any()),
                    default=0.0)
        return cls(values, finite, scale)

    def groups(self, within: float) -> list[int | None]:
        """For each curve, the first earlier one it is closer than ``within`` (of :attr:`scale`)
        to everywhere, or None."""
        tolerance = within * max(self.scale, 1e-300)
        found: list[int | None] = []
        for i, (value, mask) in enumerate(zip(self.values, self.finite, strict=True)):
            found.append(next((j for j in range(i) if found[j] is None and np.array_equal(mask, self.finite[j])
                               and bool(np.all(np.abs(value[mask] - self.values[j][mask]) <= tolerance))), None))
        return found

    def covered(self, within: float) -> list[bool]:
        """For each curve, whether the later ones together are closer than ``within`` to it
        everywhere it is drawn."""
        tolerance = within * max(self.scale, 1e-300)
        found = []
        for i, (value, mask) in enumerate(zip(self.values, self.finite, strict=True)):
            near = np.zeros(value.shape, dtype=bool)
            for j in range(i + 1, len(self.values)):
                with np.errstate(invalid="ignore"):
                    near |= self.finite[j] & (np.abs(value - self.values[j]) <= tolerance)
            found.append(bool(i < len(self.values) - 1 and mask.any() and near[mask].all()))
        return found


def coincident(curves: Sequence[Curve], order: int, lo: float, hi: float,
               within: float = SAME) -> list[int | None]:
    """For each curve, the index of the first earlier curve it coincides with in the ``order``-th
    panel over [lo, hi] (None for a curve of its own): closer than ``within`` of the panel's
    largest value everywhere (:data:`SAME`: the same curve; :data:`LOOKS_SAME`: closer than a
    line's width, so one would hide the other).

    Example::

        >>> from actplot.specs import spec_curves
        >>> curves = spec_curves("leaky-relu:alpha=0.1,alpha=0.2")
        >>> coincident(curves, 0, -1, 1), coincident(curves, 2, -1, 1)
        ([None, None], [None, 0])
    """
    return Probe.of(curves, order, lo, hi).groups(within) if len(curves) > 1 else [None] * len(curves)


def hidden(curves: Sequence[Curve], order: int, lo: float, hi: float, within: float = 0.0) -> list[bool]:
    """For each curve, whether the curves drawn after it cover it everywhere together (at each
    point one of them is closer than ``within``, :data:`LOOKS_SAME` by default), though no single
    one does: hard tanh with (-1, 1) under (-2, 1) and (-1, 2). Such a curve is drawn last,
    dashed, so that it shows.

    Example::

        >>> from actplot.specs import spec_curves
        >>> hidden(spec_curves("hardtanh:min_val=-1,min_val=-2,max_val=1,max_val=2"), 0, -3, 3)
        [True, False, False, False]
    """
    return Probe.of(curves, order, lo, hi).covered(within or LOOKS_SAME)


def shared_dashes(groups: Sequence[int | None]) -> list[tuple[float, tuple[float, float]] | None]:
    """A dash pattern for each curve that repeats an earlier one (None for the others).

    The curves of a group of n take turns along the line: the first is drawn solid, the k-th
    later one in dashes one n-th of the period long, starting k dashes in, so each colour shows
    in its own stretch. matplotlib scales dash lengths by the line width; these are given in
    points already divided by it.

    Example::

        >>> shared_dashes([None, 0, 0])
        [None, (6.0, (3.0, 6.0)), (3.0, (3.0, 6.0))]
    """
    members: dict[int, list[int]] = {}
    for index, first in enumerate(groups):
        if first is not None:
            members.setdefault(first, []).append(index)
    dashes: list[tuple[float, tuple[float, float]] | None] = [None] * len(groups)
    for followers in members.values():
        count = len(followers) + 1
        period = count * DASH
        for k, index in enumerate(followers, start=1):
            dashes[index] = ((period - k * DASH) % period, (DASH, period - DASH))
    return dashes


def occupancy(ax: Any) -> np.ndarray:
    """A CELLS × CELLS grid over the panel (rows from the bottom): True where drawn data passes."""
    grid = np.zeros((CELLS, CELLS), dtype=bool)
    to_axes = ax.transData + ax.transAxes.inverted()
    for line in ax.lines:
        if line.get_gid() not in COVERED_GIDS:
            continue
        xy = np.column_stack([np.asarray(line.get_xdata(), dtype=np.float64),
                              np.asarray(line.get_ydata(), dtype=np.float64)])
        xy = xy[np.isfinite(xy).all(axis=1)]
        if not xy.size:
            continue
        points = _densified(to_axes.transform(xy)) if line.get_linestyle() not in ("None", "none", "") else \
            to_axes.transform(xy)
        _mark(grid, points, grow=line.get_linestyle() in ("None", "none", ""))
    return grid


def _densified(points: np.ndarray) -> np.ndarray:
    """The polyline's points with more between them, a cell apart at most (in axes fractions)."""
    if len(points) < 2:
        return points
    steps = np.abs(np.diff(points, axis=0)).max(axis=1) * CELLS * 2
    steps = np.clip(np.nan_to_num(np.ceil(steps), nan=1.0, posinf=4 * CELLS), 1, 4 * CELLS).astype(np.int64)
    starts, ends = points[:-1], points[1:]
    index = np.repeat(np.arange(len(steps)), steps)
    fraction = (np.arange(steps.sum()) - np.repeat(np.cumsum(steps) - steps, steps)) / np.repeat(steps, steps)
    between = starts[index] + (ends[index] - starts[index]) * fraction[:, None]
    return np.vstack([between, points[-1:]])


def _mark(grid: np.ndarray, points: np.ndarray, grow: bool) -> None:
    inside = (points >= 0).all(axis=1) & (points <= 1).all(axis=1)
    cells = np.clip((points[inside] * CELLS).astype(np.int64), 0, CELLS - 1)
    grid[cells[:, 1], cells[:, 0]] = True
    if grow:  # a marker covers a few cells around its centre
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                grid[np.clip(cells[:, 1] + dy, 0, CELLS - 1), np.clip(cells[:, 0] + dx, 0, CELLS - 1)] = True


def covered(grid: np.ndarray, box: Sequence[float]) -> int:
    """How many occupied cells lie under a box (x0, y0, x1, y1 in axes fractions)."""
    x0, y0, x1, y1 = (int(np.clip(np.floor(v * CELLS), 0, CELLS)) for v in box)
    return int(grid[y0:max(y1 + 1, y0), x0:max(x1 + 1, x0)].sum())


def free_corner(ax: Any, legend: Any, renderer: Any, least: bool = False) -> str | None:
    """Put ``legend`` in the first of :data:`CORNERS` where it covers no data and return that
    corner; None where every corner covers some (with ``least``, the least covered corner is
    taken and returned instead)."""
    grid = occupancy(ax)
    to_axes = ax.transAxes.inverted()
    scores = []
    for corner in CORNERS:
        legend.set_loc(corner)
        extent = legend.get_window_extent(renderer)
        (x0, y0), (x1, y1) = to_axes.transform([[extent.x0, extent.y0], [extent.x1, extent.y1]])
        count = covered(grid, (x0, y0, x1, y1))
        if count == 0:
            return corner
        scores.append(count)
    if least:
        corner = CORNERS[int(np.argmin(scores))]
        legend.set_loc(corner)
        return corner
    return None
