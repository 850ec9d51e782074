"""An expression as a catalog entry: :func:`activation` parses, checks the parameters, derives
twice and wraps it all in an :class:`~actplot.core.schema.Activation`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from actplot.core.errors import Words, did_you_mean
from actplot.core.schema import Activation, Array, Param
from actplot.expression.derivatives import derivative
from actplot.expression.errors import ExpressionError
from actplot.expression.kinks import breakpoints, locate
from actplot.expression.nodes import (
    CONSTANTS,
    FUNCTIONS,
    Call,
    Node,
    Power,
    count_reads,
    evaluate,
    parameter_names,
    walk,
)
from actplot.expression.parser import parse
from actplot.expression.printing import escape, mathtext, short_text, text

#: Functions defined on part of the real line only (and powers, x**0.5): where the value does not
#: exist, neither do its derivatives, though their formulas may give numbers there.
PARTIAL_FUNCTIONS = frozenset({"log", "log1p", "sqrt"})


def activation(source: str, params: Mapping[str, Any] | None = None) -> Activation:
    """An :class:`Activation` computing the expression ``source``.

    Every parameter the expression uses must be given a value in ``params`` (the defaults of the
    entry); a value for a name the expression does not use, or for a reserved name (x, pi, e, a
    function), is an error too.
    """
    tree = parse(source)
    names = parameter_names(tree)
    given = dict(params or {})
    _check_parameters(source, names, given)
    memo: dict[int, tuple[Node, Node]] = {}
    first = derivative(tree, memo)
    second = derivative(first, memo)
    value = _evaluator(tree)
    slopes = _evaluator(first), _evaluator(second)
    if _partial(tree):
        slopes = _where_defined(slopes[0], value), _where_defined(slopes[1], value)
    shown = text(tree)
    return Activation(
        name="expr",
        summary=f"The expression {shown}.",
        value_fn=value,
        derivative_fns=slopes,
        formula=mathtext(tree),
        derivative_formula=mathtext(first) if short_text(first, 60) is not None else r"$\frac{d}{dx}f(x)$",
        properties=None,
        parameters=tuple(Param(n, float(given[n]), "a parameter of the expression", symbol=escape(n)) for n in names),
        breakpoints_fn=lambda **values: breakpoints(tree, values),
        locate_fn=lambda lo, hi, **values: locate(tree, lo, hi, values),
        kink_convention=("Derivatives are symbolic; at a tie of max/min the first argument's derivative, "
                         "at where's switch the branch the condition picks."),
        source="expression",
        display_name=shown,
        reference=f"expr:{source}",
    )


def _reserved(name: str) -> str | None:
    """Why ``name`` cannot be a parameter, or None if it can."""
    if name == "x":
        return "x is the variable"
    if name in CONSTANTS:
        return f"{name} is the constant {CONSTANTS[name]!r}"
    if name in FUNCTIONS:
        return f"{name} is a function"
    return None


def _check_parameters(source: str, names: list[str], given: Mapping[str, Any]) -> None:
    """Refuse a reserved name among the ``given`` parameters, a parameter of the expression
    (``names``) without a value and a value for a parameter the expression does not use."""
    for name in given:
        why = _reserved(name)
        if why:
            raise ExpressionError(f"'{name}' is a reserved name: {why}, not a parameter")
    missing = [n for n in names if n not in given]
    if missing:
        from actplot.catalog import registry

        # Only a name very close to a function's is likely one written without its parentheses.
        hint = did_you_mean(missing[0], [*FUNCTIONS, *(n.replace("-", "_") for n in registry())], cutoff=0.8)
        raise ExpressionError("parameter '{name}' has no value: {fix}{hint}", name=missing[0],
                              fix=Words(f"pass {missing[0]}=VALUE", f"add --param {missing[0]}=VALUE"),
                              hint=f"{hint} (a function needs parentheses)" if hint else "")
    unused = [n for n in given if n not in names]
    if unused:
        raise ExpressionError(f"parameter '{unused[0]}' is not used in '{source}'")


def _evaluator(node: Node) -> Callable[..., Array]:
    """``f(x, **params)``: the tree's value at each x, a float64 array of x's shape."""
    uses: list[dict[int, int]] = []  # counted at the first call

    def evaluate_at(x: Array, **values: Any) -> Array:
        uses[:] = uses or [count_reads(node)]
        with np.errstate(all="ignore"):  # log(-1) is NaN, drawn as a gap, not a warning
            result = evaluate(node, x, values, uses[0])
        return np.broadcast_to(np.asarray(result, dtype=np.float64), x.shape)
    return evaluate_at


def _partial(tree: Node) -> bool:
    """Whether the expression may be undefined somewhere: a power, or a function of
    :data:`PARTIAL_FUNCTIONS`."""
    return any(isinstance(node, Power) or (isinstance(node, Call) and node.function in PARTIAL_FUNCTIONS)
               for node in walk(tree))


def _where_defined(slope: Callable[..., Array], value: Callable[..., Array]) -> Callable[..., Array]:
    """A derivative, NaN where the value itself is NaN: log(x)'s 1/x is not drawn left of 0,
    where log(x) does not exist (its symbolic derivative would be finite there). Only an
    expression with a function defined on part of the line (:func:`_partial`) pays for the
    value's evaluation."""
    def defined_at(x: Array, **values: Any) -> Array:
        result = slope(x, **values)
        undefined = np.isnan(value(x, **values))
        return np.where(undefined, np.nan, result) if undefined.any() else result
    return defined_at
