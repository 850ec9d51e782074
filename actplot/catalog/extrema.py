"""Properties of an entry whose extrema move with its parameters, found numerically.

For an entry such as ACON-C or ErfAct the minimum has no closed form: its properties are found
from the exact derivative. f' is sampled at 0 and on logarithmic grids reaching from 1e-8 to
1e6 on both sides (so that features at any scale a parameter gives are seen); each sign change
is narrowed by bisection to adjacent floats, and f there, f at +-1e6 and f at 0 give the range.
The entry is monotonic when f' keeps one sign on the grid. Everything the catalog's tests
sample lies within +-1e6, where the range holds.

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

from actplot.core.schema import Array, Monotonic, Properties

#: |x| from 1e-8 to 1e6 on a log grid, on each side of 0, and 0 itself.
_SIDE = np.logspace(-8, 6, 2801)
GRID = np.concatenate([-_SIDE[::-1], [0.0], _SIDE])
#: A slope beyond this at +-1e6 means the curve goes on rising (or falling) without bound.
MOVING = 1e-6
#: Bisection steps: enough to reach adjacent floats from any grid interval.
STEPS = 80
#: Bisection steps for the turning points of f' (:func:`critical_points`): 30 halvings of the step.
TURNING_STEPS = 30


def narrow(function: Callable[[Array], Array], low: Array, high: Array, steps: int = STEPS) -> Array:
    """Roots of ``function`` inside the brackets [low, high] (its sign at ``low`` differs from its
    sign at ``high``, or is 0), all narrowed at once by bisection, to adjacent floats or for
    ``steps`` halvings: of each final bracket, the end where |function| is smaller."""
    low, high = np.array(low, dtype=np.float64), np.array(high, dtype=np.float64)
    low_sign = np.sign(function(low))
    for _ in range(steps):
        middle = 0.5 * (low + high)
        moving = (middle != low) & (middle != high) & (low_sign != 0.0)
        if not moving.any():
            break
        inside = middle[moving]
        same = np.sign(function(inside)) == low_sign[moving]
        low[moving] = np.where(same, inside, low[moving])
        high[moving] = np.where(same, high[moving], inside)
    return np.where(np.abs(function(low)) <= np.abs(function(high)), low, high)


def roots_of(slope: Callable[[Array], Array], grid: Array = GRID, steps: int = STEPS) -> list[float]:
    """Where ``slope`` changes sign between grid points, each narrowed by bisection."""
    values = slope(grid)
    found = [float(x) for x in grid[values == 0.0]]  # a grid point may be a root itself
    index = np.nonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0)[0]
    if index.size:
        found += narrow(slope, grid[index], grid[index + 1], steps).tolist()
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
    turning = np.asarray(roots_of(curvature, grid, TURNING_STEPS))
    points = np.union1d(grid, turning) if turning.size else grid
    return np.asarray(roots_of(slope, points))


def scanned(value: Callable[..., Array], slope: Callable[..., Array], smoothness: float = math.inf,
            zero_at_zero: Callable[..., bool] | None = None) -> Callable[..., Properties]:
    """A ``properties`` function computing range and direction from f and f' at the parameters."""
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
