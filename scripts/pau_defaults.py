"""The default coefficients of actplot's ``pau`` entry: a safe Padé unit fitted to leaky ReLU.

Run ``python scripts/pau_defaults.py`` to reproduce them. The fit follows the Padé activation
unit paper's recipe of starting from a known activation: numerator degree 5 and denominator
degree 4, F(x) = P(x) / (1 + sum |b_k| |x|^k), fitted to leaky ReLU (slope 0.01) on [-3, 3].
The linearised least-squares problem P(x) - f(x) Q(x) ~ f(x) is linear in a_j and in
c_k = |b_k| >= 0 (scipy's bounded linear least squares); the result is rounded to 4 decimals (which sets the
tiny odd denominator terms to 0, so the default curve is smooth at 0).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import lsq_linear

NUMERATOR, DENOMINATOR = 5, 4


def fit(slope: float = 0.01, window: float = 3.0, points: int = 2001) -> tuple[list[float], list[float]]:
    x = np.linspace(-window, window, points)
    target = np.where(x >= 0, x, slope * x)
    columns = [x**j for j in range(NUMERATOR + 1)]
    columns += [-target * np.abs(x) ** k for k in range(1, DENOMINATOR + 1)]
    lower = [-np.inf] * (NUMERATOR + 1) + [0.0] * DENOMINATOR
    solution = lsq_linear(np.stack(columns, axis=1), target, bounds=(lower, np.inf)).x
    rounded = [round(float(value), 4) + 0.0 for value in solution]
    return rounded[: NUMERATOR + 1], rounded[NUMERATOR + 1:]


if __name__ == "__main__":
    a, b = fit()
    print("a =", a)
    print("b =", b)
