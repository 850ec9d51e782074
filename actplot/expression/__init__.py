"""Activations written as expressions: ``x * sigmoid(beta * x)``, parsed safely, derived exactly.

The language, and nothing else (there is no ``eval``: text becomes a tree of nodes, and a name
outside these tables is a parameter or an error):

- ``x``; numbers (``2``, ``1.702``, ``1e-3``; one too large for float64, ``1e400``, is an
  error); the constants ``pi`` and ``e``;
- ``+ - * /``, ``**`` (or ``^``) for powers, unary minus, parentheses;
- comparisons ``< <= > >=``, only as the first argument of ``where``;
- functions: exp, log, log1p, expm1, sqrt, abs, sign, sin, cos, tanh, erf, sigmoid, softplus,
  ``where(condition, a, b)``, ``max(a, b)``, ``min(a, b)``;
- every catalog activation by name or alias (``gelu(x)``, ``leaky_relu(x, negative_slope=0.2)``;
  names with a hyphen are written with ``_``), at its defaults unless keyword arguments say.
  A keyword's value is a constant, computed once: numbers, parameters, ``pi``, ``e`` and
  functions of them; a value that depends on x is an error. A parameter whose values are words
  (gelu's ``approximate``) takes the word bare or quoted, in any case: ``approximate=tanh``,
  ``approximate='tanh'``, ``approximate="TANH"``. Quotes are accepted there and nowhere else,
  and a bare name there is the word, not a parameter;
- any other name is a parameter, bound with ``--param NAME=VALUE``. ``x``, ``pi``, ``e`` and
  the function names above are reserved: none of them can be a parameter.

Size: sums and products are flat nodes (``a - b + c`` is one ``Sum`` of three terms), so
thousands of terms add no depth; nesting is limited to :data:`NESTING_LIMIT` (200) levels.
Nothing recurses in Python once per level: the parser keeps explicit stacks, and evaluating,
differentiating and printing walk the nodes in an explicit order.

The modules, each importing only modules listed before it (no cycles):

- :mod:`~actplot.expression.errors`: :class:`ExpressionError`, and messages pointing at a column;
- :mod:`~actplot.expression.nodes`: the node classes, the language's functions and constants,
  walking a tree and evaluating it (imports nothing of the package);
- :mod:`~actplot.expression.lexer`: text to tokens (errors);
- :mod:`~actplot.expression.build`: constructors that keep trees small (nodes);
- :mod:`~actplot.expression.printing`: :func:`text` and :func:`mathtext` (nodes);
- :mod:`~actplot.expression.derivatives`: symbolic derivatives, exact up to float64 rounding and
  linear in size (errors, nodes, build);
- :mod:`~actplot.expression.kinks`: breakpoints and poles, solved exactly for an argument linear
  in x (:func:`breakpoints`), else located on a grid and bisected to adjacent floats
  (:func:`locate`, :data:`LOCATE_POINTS`) (nodes);
- :mod:`~actplot.expression.parser`: text to tree, :func:`parse` (errors, lexer, nodes, build,
  printing);
- :mod:`~actplot.expression.entry`: :func:`activation`, the expression as a catalog entry (all
  of the above).

This package re-exports the names used outside it. The limits (:data:`NESTING_LIMIT`,
:data:`LOCATE_POINTS`, :data:`FORMULA_LIMIT`) are read where they are defined: to change one,
patch it in its module (``actplot.expression.kinks.LOCATE_POINTS``), not here.
"""

from __future__ import annotations

from actplot.expression.build import add, call, div, mul, neg, power, sub
from actplot.expression.derivatives import derivative
from actplot.expression.entry import activation
from actplot.expression.errors import ExpressionError
from actplot.expression.kinks import LOCATE_POINTS, affine, breakpoints, locate
from actplot.expression.nodes import (
    Activate,
    Call,
    Compare,
    Name,
    Negate,
    Node,
    Num,
    Power,
    Product,
    Sum,
    Word,
    X,
    evaluate,
    parameter_names,
    walk,
)
from actplot.expression.parser import NESTING_LIMIT, parse
from actplot.expression.printing import FORMULA_LIMIT, FORMULA_NESTING, mathtext, text

__all__ = [
    "FORMULA_LIMIT",
    "FORMULA_NESTING",
    "LOCATE_POINTS",
    "NESTING_LIMIT",
    "Activate",
    "Call",
    "Compare",
    "ExpressionError",
    "Name",
    "Negate",
    "Node",
    "Num",
    "Power",
    "Product",
    "Sum",
    "Word",
    "X",
    "activation",
    "add",
    "affine",
    "breakpoints",
    "call",
    "derivative",
    "div",
    "evaluate",
    "locate",
    "mathtext",
    "mul",
    "neg",
    "parameter_names",
    "parse",
    "power",
    "sub",
    "text",
    "walk",
]
