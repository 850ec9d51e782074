"""Breakpoints: where an expression's value or a derivative jumps, or the value has a pole.

The kinks are those of ``abs``, ``sign``, ``max``, ``min``, ``where`` and catalog activations: where
their argument (for max/min ``a - b``, for where the comparison's left side minus its right, for
an activation its argument minus each of its breakpoints) crosses zero. The poles are where a
divisor, the base of a negative power or the argument of ``log`` is zero.

An argument linear in x is solved exactly (:func:`breakpoints`). Any other is located inside the
range drawn (:func:`locate`): sampled on :data:`LOCATE_POINTS` uniform points, each sign change
and each isolated exact zero is a breakpoint, a sign change refined by bisection down to adjacent
float64 numbers. A zero where the argument touches zero without changing sign (``abs(x*x)`` at 0)
is found only if it falls on a grid point, and two zeros closer together than the grid spacing
may cancel and be missed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

import numpy as np

from actplot.core.schema import Array, Breakpoint
from actplot.expression.nodes import (
    Activate,
    Call,
    Compare,
    Name,
    Negate,
    Node,
    Num,
    Params,
    Power,
    Product,
    Sum,
    X,
    evaluate,
    keyword_values,
    walk,
)

#: Uniform points on which :func:`locate` looks for sign changes.
LOCATE_POINTS = 4097
#: Functions that go to infinity where their argument is 0 (log(x) at 0: a vertical asymptote).
POLE_FUNCTIONS = frozenset({"log"})

Line = tuple[float, float] | None  # (a, b) for a * x + b


class Kink(NamedTuple):
    """The ``order``-th derivative may jump where ``a - b`` (``a`` if ``b`` is None) is ``at``;
    with ``pole``, the value goes to infinity there."""

    a: Node
    b: Node | None
    at: float
    order: int
    pole: bool


# --- arguments linear in x ---------------------------------------------------------------------


def breakpoints(node: Node, params: Params) -> tuple[Breakpoint, ...]:
    """The kinks and jumps whose argument is linear in x, solved exactly."""
    lines = _lines(node, params)
    found = []
    for kink in _kinks(node, params):
        line = _difference(lines, kink.a, kink.b)
        if line is not None and line[0] != 0:
            found.append(Breakpoint((kink.at - line[1]) / line[0], kink.order, kink.pole))
    return tuple(found)


def affine(node: Node, params: Params) -> Line:
    """(a, b) when the node is a * x + b, else None."""
    return _lines(node, params)[id(node)]


def _lines(root: Node, params: Params) -> dict[int, Line]:
    """:func:`affine` of every node below ``root``, by identity."""
    lines: dict[int, Line] = {}
    for node in walk(root):
        lines[id(node)] = _line(node, [lines[id(child)] for child in node.children()], params)
    return lines


def _line(node: Node, kids: list[Line], params: Params) -> Line:
    """(a, b) when the node is a * x + b, given the same for its children, else None."""
    if isinstance(node, Num):
        return 0.0, node.value
    if isinstance(node, Name):
        return 0.0, float(params[node.name])
    if isinstance(node, X):
        return 1.0, 0.0
    if None in kids or not isinstance(node, Negate | Sum | Product):
        return None
    lines = [line for line in kids if line is not None]
    if isinstance(node, Negate):
        return -lines[0][0], -lines[0][1]
    if isinstance(node, Sum):
        signed = [(1.0 if op == "+" else -1.0, line) for (op, _), line in zip(node.terms, lines, strict=True)]
        return sum(s * a for s, (a, _) in signed), sum(s * b for s, (_, b) in signed)
    return _product_line(node, lines)


def _product_line(node: Product, lines: list[tuple[float, float]]) -> Line:
    """A product of lines, if it is one: each factor after a line times or over a constant."""
    (a, b), *rest = lines
    for (op, _), (c, e) in zip(node.factors[1:], rest, strict=True):
        if op == "*" and (a == 0 or c == 0):
            a, b = a * e + c * b, b * e
        elif op == "/" and c == 0 and e != 0:
            a, b = a / e, b / e
        else:
            return None
    return a, b


def _difference(lines: Mapping[int, Line], a: Node, b: Node | None) -> Line:
    first, second = lines[id(a)], (0.0, 0.0) if b is None else lines[id(b)]
    return None if first is None or second is None else (first[0] - second[0], first[1] - second[1])


# --- where kinks and poles are -----------------------------------------------------------------


def _kinks(tree: Node, params: Params) -> Iterator[Kink]:
    """Every kink and pole of the tree, node by node."""
    for node in walk(tree):
        if isinstance(node, Call):
            yield from _call_kinks(node)
        elif isinstance(node, Product):
            for op, factor in node.factors[1:]:
                if op == "/":
                    yield Kink(_root_of(factor), None, 0.0, 0, True)
        elif isinstance(node, Power) and (_constant(node.exponent) or 0.0) < 0:
            yield Kink(_root_of(node.base), None, 0.0, 0, True)
        elif isinstance(node, Activate):
            yield from _activation_kinks(node, params)


def _call_kinks(node: Call) -> Iterator[Kink]:
    """abs, sign, max, min and where switch where their argument crosses 0; log has a pole there."""
    if node.function in ("abs", "sign"):
        yield Kink(node.args[0], None, 0.0, 1 if node.function == "abs" else 0, False)
    elif node.function in ("max", "min"):
        yield Kink(node.args[0], node.args[1], 0.0, 1, False)
    elif node.function == "where":
        condition = node.args[0]
        assert isinstance(condition, Compare)
        yield Kink(condition.left, condition.right, 0.0, 0, False)
    elif node.function in POLE_FUNCTIONS:
        yield Kink(node.args[0], None, 0.0, 0, True)


def _activation_kinks(node: Activate, params: Params) -> Iterator[Kink]:
    """A catalog activation's breakpoints, moved to where its argument reaches them."""
    from actplot.catalog import get

    for point in get(node.entry).breakpoints(**keyword_values(node, params)):
        yield Kink(node.arg, None, point.x, max(0, point.order - node.order), point.pole)


def _constant(node: Node) -> float | None:
    """The value of a constant number (``2``, ``-1``), else None."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Negate) and isinstance(node.arg, Num):
        return -node.arg.value
    return None


def _root_of(node: Node) -> Node:
    """What must be 0 for ``node`` to be 0, where that is simpler: ``u`` for ``u**2`` (whose sign
    never changes, so its zero could not be found by a change of sign)."""
    while isinstance(node, Power) and (_constant(node.exponent) or 0.0) > 0:
        node = node.base
    return node


# --- arguments not linear in x: located on a grid ----------------------------------------------


def locate(tree: Node, lo: float, hi: float, params: Params) -> tuple[Breakpoint, ...]:
    """The kinks and jumps inside [lo, hi] whose argument is not linear in x, found by sign changes
    of the argument on :data:`LOCATE_POINTS` uniform points and bisection to adjacent floats."""
    lines = _lines(tree, params)
    moving = _moving(tree)
    grid = np.linspace(lo, hi, LOCATE_POINTS)
    found: list[Breakpoint] = []
    for a, b, at, order, pole in _kinks(tree, params):
        if _difference(lines, a, b) is None and (id(a) in moving or (b is not None and id(b) in moving)):
            found += [Breakpoint(float(x), order, pole) for x in _roots(_gap(a, b, at, params), grid)]
    return tuple(found)


def _moving(tree: Node) -> set[int]:
    """The identities of the nodes that depend on x."""
    moving: set[int] = set()
    for node in walk(tree):
        if isinstance(node, X) or any(id(child) in moving for child in node.inputs()):
            moving.add(id(node))
    return moving


def _gap(a: Node, b: Node | None, at: float, params: Params) -> Callable[[Array], Array]:
    """x -> a(x) - b(x) - at."""
    def gap(x: Array) -> Array:
        with np.errstate(all="ignore"):
            value = evaluate(a, x, params) - (0.0 if b is None else evaluate(b, x, params)) - at
        return np.broadcast_to(np.asarray(value, dtype=np.float64), x.shape)
    return gap


def _roots(g: Callable[[Array], Array], grid: Array) -> Array:
    """The grid points where g is exactly zero (alone: a run of zeros locates nothing) and, for
    each sign change between neighbours, the point where it happens, to adjacent floats."""
    values = g(grid)
    zero = values == 0
    alone = zero & ~np.r_[False, zero[:-1]] & ~np.r_[zero[1:], False]
    change = np.sign(values[:-1]) * np.sign(values[1:]) < 0
    return np.concatenate([grid[alone], _bisect(g, grid[:-1][change], grid[1:][change])])


def _bisect(g: Callable[[Array], Array], lo: Array, hi: Array) -> Array:
    """For brackets [lo, hi] with g of opposite signs at the ends, the point where g changes sign:
    bisected over the float64 numbers in between (at most 64 steps, all brackets at once), then
    the end where |g| is smaller.

    Not scipy's root finders (``brentq``, ``elementwise.find_root``), even finished by this loop:
    measured, they end on another sign change where rounding makes g change sign several times
    between nearby floats (``tanh(20*x) - 0.999``), on another zero of a run of exact zeros
    (``exp(x) - 1`` near 0) and on another root where a bracket holds several, so the breakpoints
    drawn would move by ulps or more.
    """
    if not lo.size:
        return lo
    low, high, sign = _ordinal(lo), _ordinal(hi), np.sign(g(lo))
    while (open_ := high - low > 1).any():
        middle = np.where(open_, low // 2 + high // 2 + (low % 2 + high % 2) // 2, low)
        seen = np.sign(g(_from_ordinal(middle)))
        hit = open_ & (seen == 0)
        low = np.where(open_ & (seen == sign) | hit, middle, low)
        high = np.where(open_ & (seen != sign) | hit, middle, high)
    left, right = _from_ordinal(low), _from_ordinal(high)
    return np.where(np.abs(g(left)) <= np.abs(g(right)), left, right)


def _ordinal(x: Array) -> Array:
    """float64 -> int64 in the same order, consecutive floats consecutive integers (-0.0 is 0)."""
    bits = np.ascontiguousarray(x, dtype=np.float64).view(np.int64)
    return np.where(bits < 0, -(bits & np.int64(0x7FFFFFFFFFFFFFFF)), bits)


def _from_ordinal(i: Array) -> Array:
    return np.copysign(np.abs(i).view(np.float64), i)
