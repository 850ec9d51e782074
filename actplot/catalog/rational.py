"""Rational units: a ratio of polynomials.

The Padé activation unit (PAU) in its "safe" form, whose denominator is at least 1 so the
curve has no poles. Its properties (range, direction, kinks) follow from the coefficients:
the critical points are the real roots of P'Q - PQ' on each side of 0, and the kink at 0 has
the order of the lowest power in P times the lowest odd power in the denominator.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from actplot.catalog.builder import closed, derivatives
from actplot.core.schema import Activation, Array, Breakpoint, Constraint, Paper, Param, Properties, Vector

TITLE = "Rational"

#: The coefficients' magnitude and the polynomials' degrees are limited so that every term of the
#: value and its derivatives stays within float64 for |x| <= 1e6.
COEFFICIENTS = Vector(closed(-1e6, 1e6))
MAX_NUMERATOR, MAX_DENOMINATOR = 9, 8

#: The authors' initial coefficients, a fit to leaky ReLU (slope 0.01) on [-3, 3]: "pade_optimized_leakyrelu"
#: in github.com/ml-research/pau (pau/cuda/python_imp/Pade.py), with which its PAU() starts. The table of
#: their later package, rational_activations ("PAU_version_B5/4", "leaky_relu"), agrees to 1e-4.
DEFAULT_A = (3.35583603e-02, 5.05000375e-01, 1.65343934e+00, 2.01001052e+00, 9.31901999e-01, 1.52424124e-01)
DEFAULT_B = (3.30847488e-06, 3.98021568e+00, 5.12471206e-07, 3.01830109e-01)


def _sides(a: tuple[float, ...], b: tuple[float, ...]) -> list[tuple[Any, Any]]:
    """(P, Q) for x > 0 and for x < 0: on each side |x|^k = (+-x)^k, so Q is a polynomial there."""
    p = np.polynomial.Polynomial(a)
    return [(p, np.polynomial.Polynomial((1.0, *(abs(v) * side ** (k + 1) for k, v in enumerate(b)))))
            for side in (1.0, -1.0)]


def _one_side(x: Array, p: Any, q: Any, order: int) -> Array:
    """P / Q, (P'Q - PQ') / Q^2 or ((P'Q - PQ')' Q - 2 (P'Q - PQ') Q') / Q^3 on one side.

    The numerators are formed as polynomials first, so their leading terms cancel in the
    coefficients, not in the values (the values of f' and f'' decay like 1 / x^2 and 1 / x^3
    while P'Q and PQ' grow); the powers of Q are divided one at a time."""
    q_x = q(x)
    if order == 0:
        return p(x) / q_x
    slope = p.deriv() * q - p * q.deriv()
    if order == 1:
        return slope(x) / q_x / q_x
    return (slope.deriv() * q - 2.0 * slope * q.deriv())(x) / q_x / q_x / q_x


def pau(x: Array, a: tuple[float, ...], b: tuple[float, ...], order: int = 0) -> Array:
    """The safe PAU and its derivatives; at 0 the mean of the two sides' values."""
    x = np.asarray(x, dtype=np.float64)
    (p_right, q_right), (p_left, q_left) = _sides(a, b)
    right = _one_side(np.maximum(x, 0.0), p_right, q_right, order)
    left = _one_side(np.minimum(x, 0.0), p_left, q_left, order)
    return np.where(x > 0, right, np.where(x < 0, left, 0.5 * (right + left)))


def _lowest(coefficients: tuple[float, ...], odd: bool = False) -> int | None:
    """The index of the first non-zero coefficient (of an odd power of x, for b: index + 1)."""
    for index, value in enumerate(coefficients):
        power = index + 1 if odd else index
        if value != 0.0 and (power % 2 == 1 or not odd):
            return power
    return None


def pau_breakpoints(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[Breakpoint, ...]:
    """The kink at 0: the two sides differ by P(x) (Q-(x) - Q+(x)) / (Q+ Q-), whose first non-zero
    Taylor term has the order of P's lowest power plus the lowest odd power in Q."""
    numerator, odd = _lowest(a), _lowest(b, odd=True)
    if numerator is None or odd is None:
        return ()
    return (Breakpoint(0.0, numerator + odd),)


def _limit(a: tuple[float, ...], b: tuple[float, ...], side: float) -> float:
    """lim F(x) for x -> side * infinity."""
    m = max((j for j, v in enumerate(a) if v != 0.0), default=None)
    if m is None:
        return 0.0
    n = max((k + 1 for k, v in enumerate(b) if v != 0.0), default=0)
    lead = a[m] * side**m
    if m > n:
        return math.copysign(math.inf, lead)
    if m == n:
        return lead / abs(b[n - 1])
    return 0.0


def _critical_points(a: tuple[float, ...], b: tuple[float, ...]) -> list[float]:
    """Real roots of P'Q - PQ' on each side of 0 (Q taken with |x| = side * x there)."""
    points = []
    for (p, q), side in zip(_sides(a, b), (1.0, -1.0), strict=True):
        roots = (p.deriv() * q - p * q.deriv()).roots() if len(a) > 1 or len(b) > 0 else np.array([])
        points += [float(r.real) for r in np.atleast_1d(roots)
                   if abs(r.imag) <= 1e-9 * (1.0 + abs(r)) and r.real * side > 0.0]
    return points


def pau_properties(a: tuple[float, ...], b: tuple[float, ...]) -> Properties:
    """Range and direction from the critical points, 0 and the limits at both infinities."""
    points = sorted({0.0, *_critical_points(a, b)})
    values = [float(v) for v in pau(np.array(points), a, b)]
    values += [_limit(a, b, 1.0), _limit(a, b, -1.0)]
    # the sign of f' between the critical points (and beyond them) decides the direction
    edges = [points[0] - 1.0, *points, points[-1] + 1.0]
    middles = np.array([(left + right) / 2.0 for left, right in itertools.pairwise(edges)])
    slopes = pau(middles, a, b, 1)
    monotonic: Any = "increasing" if np.all(slopes >= 0) else "decreasing" if np.all(slopes <= 0) else "no"
    breaks = pau_breakpoints(a, b)
    smoothness = breaks[0].order - 1 if breaks else math.inf
    return Properties((min(values), max(values)), monotonic, smoothness, a[0] == 0.0)


PAU = Activation(
    name="pau",
    aliases=("pade", "pade-activation-unit"),
    summary="Padé activation unit (safe): P(x) / (1 + sum |b_k| |x|^k), a rational with given coefficients.",
    parameters=(
        Param("a", DEFAULT_A, "numerator coefficients a_0, a_1, ... (comma-separated)", symbol="a_j",
              domain=COEFFICIENTS, aliases=("numerator",), examples=((0.0, 1.0), (0.5, 0.5, 0.25))),
        Param("b", DEFAULT_B, "denominator coefficients b_1, b_2, ... (comma-separated)", symbol="b_k",
              domain=COEFFICIENTS, aliases=("denominator",), examples=((1.0,), (0.0, 1.0))),
    ),
    constraints=(Constraint(lambda p: len(p["a"]) <= MAX_NUMERATOR and len(p["b"]) <= MAX_DENOMINATOR,
                            f"pau takes at most {MAX_NUMERATOR} numerator coefficients a and "
                            f"{MAX_DENOMINATOR} denominator coefficients b"),),
    formula=r"$\frac{\sum_j a_j x^j}{1 + \sum_k |b_k|\,|x|^k}$",
    derivative_formula=r"$\frac{P'(x)\,Q(x) - P(x)\,Q'(x)}{Q(x)^2}$",
    value_fn=pau,
    derivative_fns=derivatives(pau),
    breakpoints_fn=pau_breakpoints,
    kink_convention="At a kink at 0, f' and f'' are the means of their two one-sided values (f'(0) = a_1).",
    properties=pau_properties,
    paper=Paper("Molina, Alejandro and Schramowski, Patrick and Kersting, Kristian",
                "Padé Activation Units: End-to-end Learning of Flexible Activation Functions in Deep Networks",
                2020, arxiv="1907.06732", venue="International Conference on Learning Representations"),
    note=("The defaults are the authors' initial coefficients for leaky ReLU (slope 0.01), numerator degree 5 "
          "and denominator 4: 'pade_optimized_leakyrelu' in github.com/ml-research/pau "
          "(pau/cuda/python_imp/Pade.py), with which its PAU() starts. They stay within 0.034 of leaky ReLU on "
          "[-3, 3], the most at 0, where F(0) = a_0 (python scripts/pau_defaults.py measures it). An odd power "
          "in the denominator puts a kink at 0: the table's tiny b_1 = 3.3e-6 makes f' step down by "
          "2 a_0 |b_1| = 2.2e-7 there. Coefficients are limited to |c| <= 1e6 and degrees to 8 so that nothing "
          "overflows at |x| = 1e6."),
)

ENTRIES = (PAU,)
