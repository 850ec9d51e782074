"""Properties of an entry whose extrema move with its parameters, found numerically.

For an entry such as ErfAct the minimum has no closed form: its properties are found from the
exact derivative. f' is sampled at 0 and on logarithmic grids reaching from 1e-8 to 1e6 on both
sides (so that features at any scale a parameter gives are seen); each sign change is narrowed
to adjacent floats by scipy's bracketing root finder, and f there, f at +-1e6 and f at 0 give
the range. The entry is monotonic when f' keeps one sign on the grid. Everything the catalog's
tests sample lies within +-1e6, where the range holds.

An oscillating entry (SinLU's ripple) has a critical point every half period out to infinity,
which a logarithmic grid steps over: :func:`critical_points` samples f' and f'' on a grid whose
step is set by the known period, adds the turning points of f' (the sign changes of f'') so
that f' is monotonic between consecutive points, and narrows every sign change of f' left. Each
such entry adds what happens beyond its grid from its asymptotics (see SinLU's properties).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from actplot.catalog.builder import Ordered, derivative
from actplot.core.schema import Array, Monotonic, Properties

#: |x| from 1e-8 to 1e6 on a log grid, on each side of 0, and 0 itself.
_SIDE = np.logspace(-8, 6, 2801)
GRID = np.concatenate([-_SIDE[::-1], [0.0], _SIDE])
#: A slope beyond this at +-1e6 means the curve goes on rising (or falling) without bound.
MOVING = 1e-6
#: find_root stops once the bracket is narrower than ADJACENT_ATOL + |x| ADJACENT_RTOL: with a
#: relative tolerance of one epsilon that is when its ends are adjacent floats (or, by 0, within
#: 4 times the smallest normal float).
ADJACENT_ATOL = 4.0 * float(np.finfo(np.float64).smallest_normal)
ADJACENT_RTOL = float(np.finfo(np.float64).eps)
#: The turning points of f' (:func:`critical_points`) are narrowed to this fraction of the step.
TURNING = 2.0**-30


def narrow(function: Callable[[Array], Array], low: Array, high: Array, xatol: float = 0.0) -> Array:
    """Roots of ``function`` inside the brackets [low, high] (its signs at ``low`` and ``high``
    differ), all narrowed at once by scipy's find_root to adjacent floats, or to brackets narrower
    than ``xatol``: of each final bracket, the end where |function| is smaller."""
    from scipy.optimize.elementwise import find_root

    tolerances = {"xatol": xatol, "xrtol": 0.0} if xatol > 0.0 else {"xatol": ADJACENT_ATOL, "xrtol": ADJACENT_RTOL}
    found = find_root(function, (np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)),
                      tolerances={**tolerances, "fatol": 0.0})
    (left, right), (at_left, at_right) = found.bracket, found.f_bracket
    return np.where(np.abs(at_left) <= np.abs(at_right), left, right)


def roots_of(slope: Callable[[Array], Array], grid: Array = GRID, xatol: float = 0.0) -> list[float]:
    """Where ``slope`` changes sign between grid points, each narrowed by :func:`narrow`."""
    values = slope(grid)
    found = [float(x) for x in grid[values == 0.0]]  # a grid point may be a root itself
    index = np.nonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0)[0]
    if index.size:
        found += narrow(slope, grid[index], grid[index + 1], xatol).tolist()
    return found


def critical_points(slope: Callable[[Array], Array], curvature: Callable[[Array], Array], grid: Array) -> Array:
    """Every root of f' within the sorted ``grid``'s span, from the exact f' and f''.

    The sign changes of f'' are narrowed first: at these turning points f' has its local
    extremes, so between consecutive points of the grid with them added f' is monotonic and
    holds at most one root, which a sign change shows. A dip of f' through 0 and back between
    two grid points is found too (through its turning point), as long as the step is below the
    spacing of the sign changes of f'' itself: for an oscillation, a fraction of its period.
    The turning points are narrowed to a billionth of the step (f' there is then within
    h^2 / 1e18 times the third derivative of f' of its extreme); the roots of f' to adjacent floats.
    """
    step = (grid[-1] - grid[0]) / (grid.size - 1)
    turning = np.asarray(roots_of(curvature, grid, TURNING * float(step)))
    points = np.union1d(grid, turning) if turning.size else grid
    return np.asarray(roots_of(slope, points))


def scanned(value: Ordered, smoothness: float = math.inf,
            zero_at_zero: Callable[..., bool] | None = None) -> Callable[..., Properties]:
    """A ``properties`` function computing range and direction from f and f' at the parameters;
    ``value`` takes the derivative order as ``order`` (see :mod:`actplot.catalog.builder`)."""
    slope = derivative(value, 1)

    def properties(**params: Any) -> Properties:
        f = value(GRID, **params)
        df = slope(GRID, **params)
        points = roots_of(lambda x: slope(x, **params))
        candidates = [float(v) for v in value(np.array([*points, 0.0]), **params)]
        candidates += [float(f[0]), float(f[-1])]
        low, high = min(candidates), max(candidates)
        # a curve still rising or falling at +-1e6 goes on that way without bound (the gates here
        # either grow like a line there or have reached their limits to float64's precision)
        if df[-1] > MOVING or df[0] < -MOVING:
            high = math.inf
        if df[-1] < -MOVING or df[0] > MOVING:
            low = -math.inf
        monotonic: Monotonic = "increasing" if np.all(df >= 0) else "decreasing" if np.all(df <= 0) else "no"
        at_zero = zero_at_zero(**params) if zero_at_zero else float(value(np.array([0.0]), **params)[0]) == 0.0
        return Properties((low, high), monotonic, smoothness, at_zero)
    return properties
