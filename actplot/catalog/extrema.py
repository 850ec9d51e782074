"""Properties of an entry whose extrema move with its parameters, found numerically.

For an entry such as ACON-C or ErfAct the minimum has no closed form: its properties are found
from the exact derivative. f' is sampled at 0 and on logarithmic grids reaching from 1e-8 to
1e6 on both sides (so that features at any scale a parameter gives are seen); each sign change
is narrowed by bisection to adjacent floats, and f there, f at +-1e6 and f at 0 give the range.
The entry is monotonic when f' keeps one sign on the grid. Everything the catalog's tests
sample lies within +-1e6, where the range holds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from actplot.schema import Array, Monotonic, Properties

#: |x| from 1e-8 to 1e6 on a log grid, on each side of 0, and 0 itself.
_SIDE = np.logspace(-8, 6, 2801)
GRID = np.concatenate([-_SIDE[::-1], [0.0], _SIDE])
#: A slope beyond this at +-1e6 means the curve goes on rising (or falling) without bound.
MOVING = 1e-6
#: Bisection steps: enough to reach adjacent floats from any grid interval.
STEPS = 80


def roots_of(slope: Callable[[Array], Array], grid: Array = GRID) -> list[float]:
    """Where ``slope`` changes sign between grid points, each narrowed by bisection."""
    values = slope(grid)
    found = [float(x) for x in grid[values == 0.0]]  # a grid point may be a root itself
    for index in np.nonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0)[0]:
        low, high = float(grid[index]), float(grid[index + 1])
        low_sign = math.copysign(1.0, float(values[index]))
        for _ in range(STEPS):
            middle = 0.5 * (low + high)
            if middle in (low, high):
                break
            if math.copysign(1.0, float(slope(np.array([middle]))[0])) == low_sign:
                low = middle
            else:
                high = middle
        found.append(low)
    return found


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
