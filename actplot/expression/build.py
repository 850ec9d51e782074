"""Building trees that stay small: constructors that leave out zeros and ones and fold constants.

The derivatives are built with these (and the parser's unary minus), so ``d/dx (2*x)`` is ``2``,
not ``0*x + 2*1``.
"""

from __future__ import annotations

from actplot.expression.nodes import Call, Negate, Node, Num, Power, Product, Sum

ZERO, ONE, TWO = Num(0.0), Num(1.0), Num(2.0)


def add(a: Node, b: Node) -> Node:
    return sum_terms([("+", a), ("+", b)])


def sub(a: Node, b: Node) -> Node:
    return sum_terms([("+", a), ("-", b)])


def sum_terms(terms: list[tuple[str, Node]]) -> Node:
    """The sum of the signed terms, zeros left out and constants added up."""
    kept = [(op, node) for op, node in terms if node != ZERO]
    if all(isinstance(node, Num) for _, node in kept):
        return Num(float(sum(node.value if op == "+" else -node.value for op, node in kept if isinstance(node, Num))))
    if kept[0][0] == "-":
        kept[0] = ("+", neg(kept[0][1]))
    return kept[0][1] if len(kept) == 1 else Sum(tuple(kept))


def mul(a: Node, b: Node) -> Node:
    if a == ZERO or b == ZERO:
        return ZERO
    if a == ONE:
        return b
    if b == ONE:
        return a
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value * b.value)
    return Product((("*", a), ("*", b)))


def div(a: Node, b: Node) -> Node:
    if a == ZERO:
        return ZERO
    if b == ONE:
        return a
    if isinstance(a, Num) and isinstance(b, Num) and b.value != 0:
        return Num(a.value / b.value)
    return Product((("*", a), ("/", b)))


def power(a: Node, b: Node) -> Node:
    if b == ONE:
        return a
    if b == ZERO:
        return ONE
    return Power(a, b)


def neg(a: Node) -> Node:
    if isinstance(a, Num):
        return Num(-a.value)
    if isinstance(a, Negate):
        return a.arg
    return Negate(a)


def call(function: str, *args: Node) -> Node:
    if function == "where" and isinstance(args[1], Num) and args[1] == args[2]:
        return args[1]  # both branches the same constant
    return Call(function, args)
