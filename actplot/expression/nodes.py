"""The expression tree: its node classes, the language's functions and constants, and evaluation.

Nodes never call each other: :func:`evaluate` here, :func:`~actplot.expression.derivatives.derivative`
and the printers visit them in an explicit order (no Python recursion per level of nesting) and
hand each node what it needs from its children. A tree may share subtrees (a derivative does):
:func:`postorder` lists each shared node once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from actplot.core.schema import Array, ParamValue

Params = Mapping[str, Any]


class Node:
    """An expression tree node, evaluated on an array of x."""

    folds = False  # Sum and Product take their inputs' values one at a time (see fold)

    def children(self) -> tuple[Node, ...]:
        return ()

    def inputs(self) -> tuple[Node, ...]:
        """The children whose values :meth:`compute` takes."""
        return self.children()

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        """The node's value, given its inputs' ``values`` (a folding node's running total)."""
        raise NotImplementedError

    def fold(self, index: int, total: Array, value: Array) -> Array:
        """The running total with the value of input ``index`` taken in (Sum and Product)."""
        raise NotImplementedError

    def evaluate(self, x: Array, params: Params) -> Array:
        return evaluate(self, x, params)


@dataclass(frozen=True)
class Num(Node):
    value: float

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return np.full_like(x, self.value)


@dataclass(frozen=True)
class X(Node):
    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return x


@dataclass(frozen=True)
class Name(Node):
    """A parameter, bound when the expression is evaluated."""

    name: str

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return np.full_like(x, params[self.name])


@dataclass(frozen=True)
class Word(Node):
    """A word given to a catalog activation's parameter (``approximate='tanh'``)."""

    text: str


@dataclass(frozen=True)
class Sum(Node):
    """Terms added or subtracted in turn: ``a - b + c`` is ``(("+", a), ("-", b), ("+", c))``.

    The first term's sign is always ``+``.
    """

    terms: tuple[tuple[str, Node], ...]
    folds = True

    def children(self) -> tuple[Node, ...]:
        return tuple(node for _, node in self.terms)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return values[0]

    def fold(self, index: int, total: Array, value: Array) -> Array:
        return np.add(total, value) if self.terms[index][0] == "+" else np.subtract(total, value)


@dataclass(frozen=True)
class Product(Node):
    """Factors multiplied or divided in turn: ``a / b * c`` is ``(("*", a), ("/", b), ("*", c))``.

    The first factor's operator is always ``*``.
    """

    factors: tuple[tuple[str, Node], ...]
    folds = True

    def children(self) -> tuple[Node, ...]:
        return tuple(node for _, node in self.factors)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return values[0]

    def fold(self, index: int, total: Array, value: Array) -> Array:
        return np.multiply(total, value) if self.factors[index][0] == "*" else np.divide(total, value)


@dataclass(frozen=True)
class Power(Node):
    base: Node
    exponent: Node

    def children(self) -> tuple[Node, ...]:
        return (self.base, self.exponent)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return np.power(values[0], values[1])


@dataclass(frozen=True)
class Negate(Node):
    arg: Node

    def children(self) -> tuple[Node, ...]:
        return (self.arg,)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return np.negative(values[0])


@dataclass(frozen=True)
class Compare(Node):
    op: str  # < <= > >=
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}[self.op](*values)


@dataclass(frozen=True)
class Call(Node):
    """A function of the language (:data:`FUNCTIONS`) applied to its arguments."""

    function: str
    args: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.args

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return FUNCTIONS[self.function].evaluate(*values)


@dataclass(frozen=True)
class Activate(Node):
    """A catalog activation (or its first or second derivative) of an argument.

    ``keywords`` are its parameters by canonical name: constant trees, or a :class:`Word`.
    """

    entry: str
    order: int
    arg: Node
    keywords: tuple[tuple[str, Node], ...] = ()

    def children(self) -> tuple[Node, ...]:
        return (self.arg, *(node for _, node in self.keywords))

    def inputs(self) -> tuple[Node, ...]:
        return (self.arg,)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        from actplot.catalog import get

        return get(self.entry).evaluate(values[0], self.order, **keyword_values(self, params))


# --- the functions and constants of the language -----------------------------------------------


@dataclass(frozen=True)
class Function:
    """A function of the language: how many arguments it takes and how to evaluate it (its
    derivative is in :mod:`actplot.expression.derivatives`)."""

    arity: int
    evaluate: Callable[..., Array]


def _erf(values: Array) -> Array:
    from scipy.special import erf

    return erf(values)


def _sigmoid(values: Array) -> Array:
    from actplot.catalog.special import sigmoid

    return sigmoid(values)


def _softplus(values: Array) -> Array:
    return np.logaddexp(0.0, values)


FUNCTIONS: dict[str, Function] = {
    "exp": Function(1, np.exp),
    "log": Function(1, np.log),
    "log1p": Function(1, np.log1p),
    "expm1": Function(1, np.expm1),
    "sqrt": Function(1, np.sqrt),
    "abs": Function(1, np.abs),
    "sign": Function(1, np.sign),
    "sin": Function(1, np.sin),
    "cos": Function(1, np.cos),
    "tanh": Function(1, np.tanh),
    "erf": Function(1, _erf),
    "sigmoid": Function(1, _sigmoid),
    "softplus": Function(1, _softplus),
    "where": Function(3, np.where),
    "max": Function(2, np.maximum),
    "min": Function(2, np.minimum),
}
CONSTANTS = {"pi": math.pi, "e": math.e}


# --- walking the graph without recursion -------------------------------------------------------


def postorder(root: Node, inputs: bool = False) -> Iterator[Node]:
    """Every node reachable from ``root`` once, each after its children (or only its inputs),
    leaves left to right."""
    seen: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            yield node
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            edges = node.inputs() if inputs else node.children()
            stack.extend((child, False) for child in reversed(edges) if id(child) not in seen)


def walk(node: Node) -> list[Node]:
    """The node and all nodes below it, each once (a shared subtree is listed once)."""
    return list(postorder(node))


def parameter_names(node: Node) -> list[str]:
    """The parameters an expression uses, in order of appearance."""
    return list(dict.fromkeys(n.name for n in walk(node) if isinstance(n, Name)))


def count_reads(root: Node) -> dict[int, int]:
    """How many times each node's value is read while evaluating ``root``, by identity."""
    reads: dict[int, int] = {}
    for node in postorder(root, inputs=True):
        reads.setdefault(id(node), 0)
        for child in node.inputs():
            reads[id(child)] = reads.get(id(child), 0) + 1
    return reads


# --- evaluation --------------------------------------------------------------------------------


class _Frame:
    """A node being evaluated: the values of its inputs computed so far."""

    __slots__ = ("index", "inputs", "node", "values")

    def __init__(self, node: Node) -> None:
        self.node, self.inputs, self.index = node, node.inputs(), 0
        self.values: list[Array] = []

    def take(self, value: Array) -> None:
        if self.values and self.node.folds:  # a long sum keeps one running total, not every term
            self.values[0] = self.node.fold(self.index, self.values[0], value)
        else:
            self.values.append(value)
        self.index += 1


def evaluate(root: Node, x: Array, params: Params, uses: Mapping[int, int] | None = None) -> Array:
    """The value of ``root`` at each x.

    A node read by several parents (a derivative's shared subtree) is computed once and kept only
    until its last reader has it; ``uses`` (from :func:`count_reads`) saves counting them on each call.
    """
    left = dict(count_reads(root) if uses is None else uses)
    kept: dict[int, Array] = {}
    frames = [_Frame(root)]
    while True:
        frame = frames[-1]
        if frame.index < len(frame.inputs):
            child = frame.inputs[frame.index]
            value = kept.get(id(child))
            if value is None:
                frames.append(_Frame(child))
                continue
            left[id(child)] -= 1
            if not left[id(child)]:
                del kept[id(child)]
            frame.take(value)
            continue
        frames.pop()
        value = frame.node.compute(frame.values, x, params)
        if not frames:
            return value
        left[id(frame.node)] -= 1
        if left[id(frame.node)]:
            kept[id(frame.node)] = value
        frames[-1].take(value)


def keyword_values(node: Activate, params: Params) -> dict[str, ParamValue]:
    """The values of a catalog activation's keyword arguments (constants: computed at one point)."""
    return {key: value.text if isinstance(value, Word) else float(evaluate(value, np.zeros(1), params)[0])
            for key, value in node.keywords}
