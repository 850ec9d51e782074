"""How close the default coefficients of actplot's ``pau`` entry are to leaky ReLU.

The defaults are the Padé activation unit authors' initial coefficients for leaky ReLU (slope
0.01): "pade_optimized_leakyrelu" in github.com/ml-research/pau, numerator degree 5 and
denominator degree 4, F(x) = P(x) / (1 + sum |b_k| |x|^k). Run ``python scripts/pau_defaults.py``
to print their largest distance from leaky ReLU on [-3, 3] (the window the authors fitted on),
where it lies, and the step of f' at 0 that the table's odd denominator terms make.
"""

from __future__ import annotations

import numpy as np

from actplot.catalog.rational import DEFAULT_A, DEFAULT_B, pau

SLOPE, WINDOW = 0.01, 3.0


def distance_from_leaky_relu(points: int = 6001) -> tuple[float, float]:
    """max |F(x) - leaky_relu(x)| over [-WINDOW, WINDOW], and an x where it is reached."""
    x = np.linspace(-WINDOW, WINDOW, points)
    gap = np.abs(pau(x, DEFAULT_A, DEFAULT_B) - np.where(x >= 0, x, SLOPE * x))
    worst = int(np.argmax(gap))
    return float(gap[worst]), float(x[worst])


def slope_step_at_zero() -> float:
    """f'(0-) - f'(0+), which is 2 a_0 |b_1| (Q's slope is |b_1| sign(x) at 0)."""
    left, right = pau(np.array([-1e-300, 1e-300]), DEFAULT_A, DEFAULT_B, 1)
    return float(left - right)


if __name__ == "__main__":
    gap, where = distance_from_leaky_relu()
    print(f"max |F - leaky ReLU| on [-{WINDOW}, {WINDOW}]: {gap:.6g} at x = {where:.6g}")
    print(f"f'(0-) - f'(0+) = {slope_step_at_zero():.6g} (2 a_0 |b_1| = {2 * DEFAULT_A[0] * abs(DEFAULT_B[0]):.6g})")
