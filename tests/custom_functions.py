"""Python functions for the `actplot custom` tests."""

import os

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


def step(x):
    """A unit step, taking the right value at 0: a jump of f."""
    return np.where(x < 0, 0.0, 1.0)


step.breakpoints = (0.0,)


def kink(x):
    """|x| in real-only code (abs of a complex number is its modulus): a kink, f' jumps."""
    return np.abs(x)


kink.breakpoints = [0.0]


def left_closed(x):
    """x^2 up to and at 0, 1 + x after: a jump whose value at 0 is the left side's."""
    return np.where(x <= 0, x**2, 1.0 + x)


left_closed.breakpoints = [0.0]


class Shifted:
    """Snake from ``at`` on, 0 before it: breakpoints that move with a parameter, and analytic
    code (the complex step applies away from the breakpoint)."""

    def value(self, x, at=0.0):
        return np.where(np.real(x) < at, 0.0 * x, (x - at) + np.sin(x - at) ** 2)

    def breakpoints(self, at=0.0):
        return [at]


shifted = Shifted()


def smooth_with_breakpoints(x):
    """Snake, smooth everywhere, with breakpoints declared anyway (where nothing jumps)."""
    return x + np.sin(2 * x) ** 2 / 2


smooth_with_breakpoints.breakpoints = (-1.0, 0.5, 3.0)


def complex_root(x):
    """Complex for x < 0."""
    return np.sqrt(x + 0j)


def complex_power(x):
    return (x + 0j) ** 0.5


class ComplexSlope:
    """Real values, complex derivatives."""

    def value(self, x):
        return x

    def derivative(self, x, order):
        return np.ones_like(x) + 0j


complex_slope = ComplexSlope()


def bad_breakpoints(x):
    return x


bad_breakpoints.breakpoints = ["zero"]


def printing(x):
    """tanh, with debugging output left in: to Python's stdout and to file descriptor 1."""
    print(f"debug: called with {x.size} points")
    os.write(1, b"debug: raw write to descriptor 1\n")
    return np.tanh(x)


def tangent_join(x):
    """tanh(|x|) up to |x| = 1, then its tangent line: f and f' are continuous at +-1, f'' jumps.
    Real-only code (abs), so its derivatives are central differences."""
    t = np.abs(x)
    return np.where(t < 1, np.tanh(t), np.tanh(1.0) + (1 - np.tanh(1.0) ** 2) * (t - 1))


tangent_join.breakpoints = (-1.0, 1.0)
