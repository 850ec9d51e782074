"""Python functions for the `actplot custom` tests."""

import numpy as np


def snake(x, alpha=1.0):
    """Snake: x + sin^2(alpha x) / alpha."""
    return x + np.sin(alpha * x) ** 2 / alpha


def soft_abs(x):
    """|x| smoothed near 0 with a square root of abs: real-valued code that defeats the complex step."""
    return np.sqrt(np.abs(x) ** 2 + 1.0)


class Cubic:
    """x^3 with its own derivatives."""

    name = "cubic"
    formula = r"$x^3$"
    breakpoints = (0.5,)

    def value(self, x):
        return x**3

    def derivative(self, x, order):
        return 3 * x**2 if order == 1 else 6 * x


cubic = Cubic()


def wrong_shape(x):
    return x[:1]


def raises(x):
    raise ValueError("no negative numbers here")


def text(x):
    return np.array(["a"] * x.size).reshape(x.shape)


def nowhere(x):
    """NaN everywhere: nothing to draw."""
    return np.full_like(x, np.nan)


def log_of(x):
    """Finite for x > 0 only."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log(x)


not_callable = 3
