"""The difference of two curves, A − B, as one curve: how far one activation is from another.

``actplot diff A B`` and ``plot(A, B, diff=True)`` draw :func:`difference` in every panel: the
value and each derivative are A's minus B's, so the panels show how far the tanh GELU is from
the exact one, QuickGELU from GELU, or one framework's hard sigmoid from another's. The
difference is a synthetic :class:`~actplot.core.schema.Activation` (``source="difference"``) that
takes no parameters of its own: A's and B's values are fixed in it. Its breakpoints are the
union of both sides' (located ones included), so every kink of either side is sampled exactly.

:func:`largest` finds the largest ``|A − B|`` of a panel on a range, and :func:`panel_note`
says it in words for the panel's title ("max |A − B| = 1.23e-03 at x = -2.1").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from actplot.core.curves import Curve, spec_text
from actplot.core.errors import ParameterError
from actplot.core.schema import Activation, Array, Breakpoint

SOURCE = "difference"
#: The minus sign between the two labels (U+2212, as the panel titles use).
MINUS = "\u2212"
#: A formula made of both sides' formulas is used up to this many characters.
COMBINED_FORMULA_LIMIT = 90
#: Uniform samples :func:`largest` starts from (the breakpoints are added), before refining.
SEARCH_POINTS = 4001
#: Two values of |A − B| closer than this (relative) are the same size.
TIE = 1e-9


def difference(a: Curve, b: Curve) -> Curve:
    """The curve ``a − b``: value, first and second derivative are a's minus b's.

    Its entry is synthetic (``source="difference"``, no parameters, no properties); its
    breakpoints are both sides' (a point where both have one keeps the lower order); its
    default range covers both sides' default ranges; ``display_name`` and the label are
    "A − B" from the two labels.

    Example::

        >>> from actplot.specs import spec_curves
        >>> (leaky,), (relu,) = spec_curves("leaky-relu"), spec_curves("relu")
        >>> d = difference(leaky, relu)
        >>> d.label, d.evaluate(np.array([-2.0, 3.0]), 0).tolist()
        ('leaky-relu − relu', [-0.02, 0.0])
    """
    label = f"{a.label} {MINUS} {b.label}"

    def value(x: Array) -> Array:
        return _minus(a.evaluate(x, 0), b.evaluate(x, 0))

    def first(x: Array) -> Array:
        return _minus(a.evaluate(x, 1), b.evaluate(x, 1))

    def second(x: Array) -> Array:
        return _minus(a.evaluate(x, 2), b.evaluate(x, 2))

    def declared() -> tuple[Breakpoint, ...]:
        return (*a.entry.breakpoints(**a.params), *b.entry.breakpoints(**b.params))

    def located(lo: float, hi: float) -> tuple[Breakpoint, ...]:
        return (*a.breakpoints(lo, hi), *b.breakpoints(lo, hi))

    conventions = f"A: {a.entry.kink_convention} B: {b.entry.kink_convention}"
    methods = {a.entry.derivative_method, b.entry.derivative_method} - {"exact"}
    entry = Activation(
        name=f"{a.entry.name}-minus-{b.entry.name}",
        summary=f"The difference {label}: A's value and derivatives minus B's.",
        value_fn=value,
        derivative_fns=(first, second),
        formula=_formula(a, b, 0),
        derivative_formula=_formula(a, b, 1),
        properties=None,
        breakpoints_fn=declared,
        locate_fn=located,
        kink_convention=conventions,
        default_range=(min(a.entry.default_range[0], b.entry.default_range[0]),
                       max(a.entry.default_range[1], b.entry.default_range[1])),
        note=f"A = {a.label}, B = {b.label}.",
        overflow_above=min(a.entry.overflow_at(**a.params), b.entry.overflow_at(**b.params)),
        source=SOURCE,
        derivative_method=", ".join(sorted(methods)) if methods else "exact",
        display_name=label,
        reference=f"difference({spec_text(a, exact=False, changed_only=True)}, "
                  f"{spec_text(b, exact=False, changed_only=True)})",
    )
    curve = Curve(entry, {}, label)
    return Curve(entry, {}, label, note=lambda order, lo, hi: panel_note([curve], order, lo, hi), sides=(a, b))


def shows_difference(curves: Sequence[Curve]) -> bool:
    """Whether the curves are one difference A − B (``actplot diff``), with its twin in a number
    format where one is drawn."""
    return len({curve.entry.reference for curve in curves}) == 1 and curves[0].entry.source == "difference"


def difference_of(curves: Sequence[Curve]) -> Curve:
    """The difference of exactly two curves, first minus second; a ``ParameterError`` otherwise."""
    if len(curves) != 2:
        shown = ", ".join(c.label for c in curves[:5]) + (", ..." if len(curves) > 5 else "")
        raise ParameterError(
            f"a difference needs exactly two activations, A and B (it draws A {MINUS} B); got {len(curves)}"
            + (f": {shown}" if curves else "")
            + (" (a parameter with several values makes several curves)" if len(curves) > 2 else ""))
    return difference(curves[0], curves[1])


def is_difference(curve: Curve) -> bool:
    """Whether the curve was made by :func:`difference`."""
    return curve.entry.source == SOURCE


def largest(curve: Curve, order: int, lo: float, hi: float,
            points: int = SEARCH_POINTS) -> tuple[float, float] | None:
    """``(x, |value|)`` where the ``order``-th panel's ``|curve|`` is largest on [lo, hi]
    (finite values only), or ``None`` where no value is finite.

    The curve is sampled uniformly with its breakpoints added, and the best samples are refined
    by a bounded search between their neighbours, so a maximum between samples is found too.
    """

    x = curve.sample(lo, hi, max(points, 3))
    with np.errstate(all="ignore"):
        y = np.abs(curve.evaluate(x, order))
    finite = np.isfinite(y)
    if not finite.any():
        return None
    y = np.where(finite, y, -1.0)
    best = int(np.argmax(y))
    found = (float(x[best]), float(y[best]))
    for index in np.argsort(y)[::-1][:3]:  # the three best samples, each between its neighbours
        left, right = x[max(index - 1, 0)], x[min(index + 1, len(x) - 1)]
        candidate = _refine(curve, order, float(left), float(right))
        # A tie within rounding keeps the first: A − B cancels, so its noise is eps |A| / |A − B|, not eps.
        if candidate is not None and candidate[1] > found[1] * (1.0 + TIE):
            found = candidate
    return found


def _refine(curve: Curve, order: int, left: float, right: float) -> tuple[float, float] | None:
    """The largest ``|curve|`` on [left, right], by scipy's bounded scalar search (Brent's method
    with golden sections) down to float64 resolution."""
    from scipy.optimize import minimize_scalar

    if not right > left:
        return None

    def size(at: float) -> float:
        with np.errstate(all="ignore"):
            value = float(np.abs(curve.evaluate(np.array([at]), order))[0])
        return value if math.isfinite(value) else -1.0

    found = minimize_scalar(lambda at: -size(at), bounds=(left, right), method="bounded",
                            options={"xatol": 4e-16 * max(abs(left), abs(right), 1e-300), "maxiter": 200})
    at = float(found.x)
    return at, size(at)


def panel_note(curves: Sequence[Curve], order: int, lo: float, hi: float) -> str:
    """What a panel's title says of a difference: ``max |A − B| = 1.23e-03 at x = -2.1`` (with
    ``A′ − B′`` and ``A″ − B″`` for the derivatives); empty unless ``curves`` is one difference.
    """
    if len(curves) != 1 or not is_difference(curves[0]):
        return ""
    found = largest(curves[0], order, lo, hi)
    if found is None:
        return ""
    x, size = found
    prime = ("", "\u2032", "\u2033")[order]
    if not size:
        return f"A{prime} {MINUS} B{prime} = 0 on [{lo:g}, {hi:g}]"
    start, end = plateau(curves[0], order, lo, hi, x, size)
    if start == end:
        return f"max |A{prime} {MINUS} B{prime}| = {size:.2e} at x = {x:.4g}"
    if start <= lo and end >= hi:
        return f"|A{prime} {MINUS} B{prime}| = {size:.2e} for every x on [{lo:g}, {hi:g}]"
    return f"max |A{prime} {MINUS} B{prime}| = {size:.2e} for x from {start:.4g} to {end:.4g}"


#: Samples within this fraction of the largest |A − B| belong to its plateau.
PLATEAU = 1e-9


def plateau(curve: Curve, order: int, lo: float, hi: float, x: float, size: float,
            points: int = SEARCH_POINTS) -> tuple[float, float]:
    """The stretch of [lo, hi] around ``x`` where ``|curve|`` stays at its largest value ``size``
    (to :data:`PLATEAU` of it): where the difference is a constant (two leaky ReLUs left of 0),
    the largest value is taken over a whole interval, not at one point. ``(x, x)`` for a peak.

    Example::

        >>> from actplot.specs import spec_curves
        >>> d = difference(*spec_curves("leaky-relu:alpha=0.1,alpha=0.2"))
        >>> plateau(d, 1, -5.0, 5.0, -3.0, 0.1)
        (-5.0, 0.0)
    """
    grid = curve.sample(lo, hi, max(points, 3))
    with np.errstate(all="ignore"):
        at_top = np.abs(curve.evaluate(grid, order)) >= size * (1.0 - PLATEAU)
    index = int(np.searchsorted(grid, x))
    index = min(max(index, 0), len(grid) - 1)
    if not at_top[index]:
        near = np.flatnonzero(at_top)
        if not near.size:
            return x, x
        index = int(near[np.argmin(np.abs(grid[near] - x))])
    first, last = index, index
    while first > 0 and at_top[first - 1]:
        first -= 1
    while last < len(grid) - 1 and at_top[last + 1]:
        last += 1
    if first == last:
        return x, x
    return float(grid[first]), float(grid[last])


def _minus(first: Array, second: Array) -> Array:
    """first - second; inf - inf (both overflow alike) is NaN, not drawn, without a warning."""
    with np.errstate(invalid="ignore", over="ignore"):
        return np.asarray(first, dtype=np.float64) - np.asarray(second, dtype=np.float64)


def _formula(a: Curve, b: Curve, order: int) -> str:
    """Both sides' formulas, ``$(f_A) - (f_B)$``, when they differ, are short and are plain
    expressions, else
    ``$f_A - f_B$`` (``$f_A' - f_B'$`` for the derivative)."""
    prime = "'" if order else ""
    generic = f"$f_A{prime} - f_B{prime}$"
    if a.entry.formula_at(order, **a.params) == b.entry.formula_at(order, **b.params):
        return generic  # the same entry at other parameter values: its formula says nothing
    first, second = (_inner(c.formula(order)) for c in (a, b))
    if first is None or second is None:
        return generic
    combined = f"$({first}) - ({second})$"
    return combined if len(combined) <= COMBINED_FORMULA_LIMIT else generic


def _inner(formula: str) -> str | None:
    """The text of a formula that is one ``$...$`` block and one expression (no ``=``, as in
    ``sigma(x) = ...`` or ``..., u = ...``), else None."""
    if len(formula) < 2 or not (formula.startswith("$") and formula.endswith("$")) or "$" in formula[1:-1] \
            or "=" in formula:
        return None
    return formula[1:-1]
