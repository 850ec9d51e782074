"""Symbolic derivatives: each node's derivative in x as another tree.

:func:`derivative` visits the nodes in an explicit order (children first, no recursion per level)
and builds each node's derivative once, remembered by node identity, from its children's
derivatives and its own subtrees. So a derivative is a graph whose shared parts are stored once
and whose size grows linearly with the expression. At a tie of ``max``/``min`` the first
argument's derivative is taken; at ``where``'s switch, the branch the condition picks.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from actplot.expression.build import ONE, TWO, ZERO, add, call, div, mul, neg, power, sub, sum_terms
from actplot.expression.errors import ExpressionError
from actplot.expression.nodes import (
    FUNCTIONS,
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
)

#: The derivative of a child, as the rules receive it.
Derive = Callable[[Node], Node]


def derivative(root: Node, memo: dict[int, tuple[Node, Node]] | None = None) -> Node:
    """The derivative of ``root`` in x.

    ``memo`` maps a node's identity to the node (kept alive, so the identity stays its own) and
    its derivative; share it between the first and second derivative so the second reuses the
    first's parts.
    """
    memo = {} if memo is None else memo

    def d(node: Node) -> Node:
        return memo[id(node)][1] if id(node) in memo else derivative(node, memo)

    stack = [root]
    while stack:
        node = stack[-1]
        if id(node) in memo:
            stack.pop()
            continue
        missing = [child for child in needed(node) if id(child) not in memo]
        if missing:
            stack.extend(missing)
            continue
        memo[id(node)] = (node, rule(node, d))
        stack.pop()
    return memo[id(root)][1]


def needed(node: Node) -> tuple[Node, ...]:
    """The children whose derivatives :func:`rule` asks for."""
    if isinstance(node, Compare):
        return ()
    if isinstance(node, Call):
        return {"where": node.args[1:], "sign": ()}.get(node.function, node.args)
    if isinstance(node, Activate):
        return (node.arg,)
    return node.children()


def rule(node: Node, d: Derive) -> Node:
    """The derivative of ``node``, given ``d``, the derivative of each child :func:`needed` names."""
    if isinstance(node, X):
        return ONE
    if isinstance(node, Num | Name | Word):
        return ZERO
    if isinstance(node, Sum):
        return sum_terms([(op, d(term)) for op, term in node.terms])
    if isinstance(node, Negate):
        return neg(d(node.arg))
    if isinstance(node, Product):
        return _product(node, d)
    if isinstance(node, Power):
        return _power(node, d)
    if isinstance(node, Call):
        return FUNCTION_RULES[node.function](node, d)
    if isinstance(node, Activate):
        return _activate(node, d)
    if isinstance(node, Compare):
        raise ExpressionError(f"a comparison ({node.op}) has no derivative; use it only inside where(...)")
    raise NotImplementedError(type(node).__name__)


def _product(node: Product, d: Derive) -> Node:
    """Forward along the factors: the product so far and its derivative, one factor at a time, so
    n factors give O(n) nodes (not the n * n of the product rule written out)."""
    (_, first), *rest = node.factors
    value, slope = first, d(first)
    for op, factor in rest:
        change = d(factor)
        if op == "*":
            slope = add(mul(slope, factor), mul(value, change))
            value = mul(value, factor)
        else:
            slope = sub(div(slope, factor), div(mul(value, change), power(factor, TWO)))
            value = div(value, factor)
    return slope


def _power(node: Power, d: Derive) -> Node:
    a, b = node.base, node.exponent
    da, db = d(a), d(b)
    if db == ZERO:  # a ** constant
        return mul(mul(b, power(a, sub(b, ONE))), da)
    return mul(node, add(mul(db, call("log", a)), div(mul(b, da), a)))


def _activate(node: Activate, d: Derive) -> Node:
    """The catalog's next derivative of the entry, times the argument's derivative."""
    if node.order == 2:
        raise ExpressionError(f"{node.entry}: actplot knows derivatives up to the second")
    return mul(Activate(node.entry, node.order + 1, node.arg, node.keywords), d(node.arg))


def _chain(outer: Callable[[Node, Node], Node]) -> Callable[[Call, Derive], Node]:
    """d f(u) = f'(u) du for a function of one argument; ``outer(f(u), u)`` is f'(u) (and may
    reuse the node f(u) itself)."""
    return lambda node, d: mul(outer(node, node.args[0]), d(node.args[0]))


#: The derivative of each function of :data:`~actplot.expression.nodes.FUNCTIONS`: ``rule(node, d)``
#: builds the derivative of the call ``node``, ``d`` giving its arguments'.
FUNCTION_RULES: dict[str, Callable[[Call, Derive], Node]] = {
    "exp": _chain(lambda f, u: f),
    "log": _chain(lambda f, u: div(ONE, u)),
    "log1p": _chain(lambda f, u: div(ONE, add(ONE, u))),
    "expm1": _chain(lambda f, u: call("exp", u)),
    "sqrt": _chain(lambda f, u: div(Num(0.5), f)),
    "abs": _chain(lambda f, u: call("sign", u)),
    "sign": lambda node, d: ZERO,
    "sin": _chain(lambda f, u: call("cos", u)),
    "cos": _chain(lambda f, u: neg(call("sin", u))),
    "tanh": _chain(lambda f, u: sub(ONE, power(f, TWO))),
    "erf": _chain(lambda f, u: mul(Num(2.0 / math.sqrt(math.pi)), call("exp", neg(power(u, TWO))))),
    "sigmoid": _chain(lambda f, u: mul(f, sub(ONE, f))),
    "softplus": _chain(lambda f, u: call("sigmoid", u)),
    "where": lambda node, d: call("where", node.args[0], d(node.args[1]), d(node.args[2])),
    "max": lambda node, d: call("where", Compare(">=", *node.args), *map(d, node.args)),
    "min": lambda node, d: call("where", Compare("<=", *node.args), *map(d, node.args)),
}
assert FUNCTION_RULES.keys() == FUNCTIONS.keys(), "every function of the language needs its derivative here"
