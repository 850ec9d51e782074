"""Activations written as expressions: ``x * sigmoid(beta * x)``, parsed safely, derived exactly.

The language, and nothing else (there is no ``eval``: text becomes a tree of the nodes below,
and a name outside these tables is a parameter or an error):

- ``x``; numbers (``2``, ``1.702``, ``1e-3``); the constants ``pi`` and ``e``;
- ``+ - * /``, ``**`` (or ``^``) for powers, unary minus, parentheses;
- comparisons ``< <= > >=``, only as the first argument of ``where``;
- functions: exp, log, log1p, expm1, sqrt, abs, sign, sin, cos, tanh, erf, sigmoid, softplus,
  ``where(condition, a, b)``, ``max(a, b)``, ``min(a, b)``;
- every catalog activation by name or alias (``gelu(x)``, ``leaky_relu(x, negative_slope=0.2)``;
  names with a hyphen are written with ``_``), at its defaults unless keyword arguments say;
- any other name is a parameter, bound with ``--param NAME=VALUE``.

Derivatives are symbolic: each node knows its derivative as another tree, so the first and
second derivatives are exact (up to float64 rounding) and agree with the catalog where an
expression restates an entry. At a tie of ``max``/``min`` the first argument's derivative is
taken; at ``where``'s switch, the branch the condition picks. Breakpoints are found where they
can be: the kinks of ``abs``, ``max``, ``min``, ``where`` and catalog activations whose argument
is a linear function of x are sampled exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from actplot.errors import UserError, did_you_mean
from actplot.schema import Activation, Array, Breakpoint, Param

Params = Mapping[str, float]


class ExpressionError(UserError, ValueError):
    """An expression that cannot be parsed or evaluated, with the column where it went wrong."""


# --- the tree --------------------------------------------------------------------------------


class Node:
    """An expression tree node: evaluated on an array of x, differentiated into another tree."""

    def evaluate(self, x: Array, params: Params) -> Array:
        raise NotImplementedError

    def derivative(self) -> Node:
        raise NotImplementedError

    def children(self) -> tuple[Node, ...]:
        return ()


@dataclass(frozen=True)
class Num(Node):
    value: float

    def evaluate(self, x: Array, params: Params) -> Array:
        return np.full_like(x, self.value)

    def derivative(self) -> Node:
        return ZERO


@dataclass(frozen=True)
class X(Node):
    def evaluate(self, x: Array, params: Params) -> Array:
        return x

    def derivative(self) -> Node:
        return ONE


@dataclass(frozen=True)
class Name(Node):
    """A parameter, bound when the expression is evaluated."""

    name: str

    def evaluate(self, x: Array, params: Params) -> Array:
        return np.full_like(x, params[self.name])

    def derivative(self) -> Node:
        return ZERO


@dataclass(frozen=True)
class Binary(Node):
    op: str  # + - * / **
    left: Node
    right: Node

    def evaluate(self, x: Array, params: Params) -> Array:
        a, b = self.left.evaluate(x, params), self.right.evaluate(x, params)
        return {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power}[self.op](a, b)

    def derivative(self) -> Node:
        a, b = self.left, self.right
        da, db = a.derivative(), b.derivative()
        if self.op == "+":
            return add(da, db)
        if self.op == "-":
            return sub(da, db)
        if self.op == "*":
            return add(mul(da, b), mul(a, db))
        if self.op == "/":
            return sub(div(da, b), div(mul(a, db), power(b, Num(2.0))))
        if db == ZERO:  # a ** constant
            return mul(mul(b, power(a, sub(b, ONE))), da)
        return mul(self, add(mul(db, call("log", a)), div(mul(b, da), a)))

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True)
class Negate(Node):
    arg: Node

    def evaluate(self, x: Array, params: Params) -> Array:
        return -self.arg.evaluate(x, params)

    def derivative(self) -> Node:
        return neg(self.arg.derivative())

    def children(self) -> tuple[Node, ...]:
        return (self.arg,)


@dataclass(frozen=True)
class Compare(Node):
    op: str  # < <= > >=
    left: Node
    right: Node

    def evaluate(self, x: Array, params: Params) -> Array:
        a, b = self.left.evaluate(x, params), self.right.evaluate(x, params)
        return {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}[self.op](a, b)

    def derivative(self) -> Node:
        raise ExpressionError(f"a comparison ({self.op}) has no derivative; use it only inside where(...)")

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True)
class Call(Node):
    """A function of the language applied to its arguments."""

    function: str
    args: tuple[Node, ...]

    def evaluate(self, x: Array, params: Params) -> Array:
        values = [arg.evaluate(x, params) for arg in self.args]
        return FUNCTIONS[self.function].evaluate(*values)

    def derivative(self) -> Node:
        return FUNCTIONS[self.function].derivative(*self.args)

    def children(self) -> tuple[Node, ...]:
        return self.args


@dataclass(frozen=True)
class Activate(Node):
    """A catalog activation (or its first or second derivative) of an argument."""

    entry: str
    order: int
    arg: Node
    keywords: tuple[tuple[str, Node], ...] = ()

    def evaluate(self, x: Array, params: Params) -> Array:
        from actplot.catalog import get

        values = {key: float(node.evaluate(np.zeros(1), params)[0]) for key, node in self.keywords}
        return get(self.entry).evaluate(self.arg.evaluate(x, params), self.order, **values)

    def derivative(self) -> Node:
        if self.order == 2:
            raise ExpressionError(f"{self.entry}: actplot knows derivatives up to the second")
        return mul(Activate(self.entry, self.order + 1, self.arg, self.keywords), self.arg.derivative())

    def children(self) -> tuple[Node, ...]:
        return (self.arg, *(node for _, node in self.keywords))


ZERO, ONE = Num(0.0), Num(1.0)


# --- building trees that stay small ----------------------------------------------------------


def add(a: Node, b: Node) -> Node:
    if a == ZERO:
        return b
    if b == ZERO:
        return a
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value + b.value)
    return Binary("+", a, b)


def sub(a: Node, b: Node) -> Node:
    if b == ZERO:
        return a
    if a == ZERO:
        return neg(b)
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value - b.value)
    return Binary("-", a, b)


def mul(a: Node, b: Node) -> Node:
    if a == ZERO or b == ZERO:
        return ZERO
    if a == ONE:
        return b
    if b == ONE:
        return a
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value * b.value)
    return Binary("*", a, b)


def div(a: Node, b: Node) -> Node:
    if a == ZERO:
        return ZERO
    if b == ONE:
        return a
    return Binary("/", a, b)


def power(a: Node, b: Node) -> Node:
    if b == ONE:
        return a
    if b == ZERO:
        return ONE
    return Binary("**", a, b)


def neg(a: Node) -> Node:
    if isinstance(a, Num):
        return Num(-a.value)
    if isinstance(a, Negate):
        return a.arg
    return Negate(a)


def call(function: str, *args: Node) -> Node:
    return Call(function, args)


# --- the functions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Function:
    """A function of the language: how to evaluate it and the tree of its derivative."""

    arity: int
    evaluate: Callable[..., Array]
    derivative: Callable[..., Node]


def _chain(outer: Callable[[Node], Node]) -> Callable[[Node], Node]:
    """d f(u) = f'(u) du, for a function of one argument."""
    return lambda u: mul(outer(u), u.derivative())


def _erf(values: Array) -> Array:
    from scipy.special import erf

    return erf(values)


def _sigmoid(values: Array) -> Array:
    from actplot.catalog.special import sigmoid

    return sigmoid(values)


FUNCTIONS: dict[str, Function] = {
    "exp": Function(1, np.exp, _chain(lambda u: call("exp", u))),
    "log": Function(1, np.log, _chain(lambda u: div(ONE, u))),
    "log1p": Function(1, np.log1p, _chain(lambda u: div(ONE, add(ONE, u)))),
    "expm1": Function(1, np.expm1, _chain(lambda u: call("exp", u))),
    "sqrt": Function(1, np.sqrt, _chain(lambda u: div(Num(0.5), call("sqrt", u)))),
    "abs": Function(1, np.abs, _chain(lambda u: call("sign", u))),
    "sign": Function(1, np.sign, lambda u: ZERO),
    "sin": Function(1, np.sin, _chain(lambda u: call("cos", u))),
    "cos": Function(1, np.cos, _chain(lambda u: neg(call("sin", u)))),
    "tanh": Function(1, np.tanh, _chain(lambda u: sub(ONE, power(call("tanh", u), Num(2.0))))),
    "erf": Function(1, _erf, _chain(lambda u: mul(Num(2.0 / math.sqrt(math.pi)),
                                                  call("exp", neg(power(u, Num(2.0))))))),
    "sigmoid": Function(1, _sigmoid, _chain(lambda u: mul(call("sigmoid", u), sub(ONE, call("sigmoid", u))))),
    "softplus": Function(1, lambda v: np.logaddexp(0.0, v), _chain(lambda u: call("sigmoid", u))),
    "where": Function(3, np.where, lambda c, a, b: call("where", c, a.derivative(), b.derivative())),
    "max": Function(2, np.maximum, lambda a, b: call("where", Compare(">=", a, b), a.derivative(), b.derivative())),
    "min": Function(2, np.minimum, lambda a, b: call("where", Compare("<=", a, b), a.derivative(), b.derivative())),
}
CONSTANTS = {"pi": math.pi, "e": math.e}


# --- parsing ---------------------------------------------------------------------------------

TOKEN = re.compile(r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
                   r"|(?P<op>\*\*|<=|>=|[-+*/^(),<>=]))")


@dataclass(frozen=True)
class Token:
    kind: str  # number, name, op, end
    text: str
    column: int  # 1-based


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``; anything else is an error at its column."""
    tokens, position = [], 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            column = position + len(text[position:]) - len(text[position:].lstrip()) + 1
            raise _error(text, column, f"unexpected character '{text[column - 1]}'")
        kind = match.lastgroup or "op"
        value = match.group(kind)
        tokens.append(Token(kind, "**" if value == "^" else value, match.start(kind) + 1))
        position = match.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    """Recursive descent over the grammar: compare > sum > product > unary > power > atom."""

    def __init__(self, text: str) -> None:
        self.text, self.tokens, self.index = text, tokenize(text), 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def take(self, *texts: str) -> Token | None:
        if self.token.kind == "op" and self.token.text in texts:
            self.index += 1
            return self.tokens[self.index - 1]
        return None

    def expect(self, text: str) -> None:
        if self.take(text) is None:
            raise self.error(f"expected '{text}'")

    def error(self, message: str) -> ExpressionError:
        found = f"'{self.token.text}'" if self.token.kind != "end" else "the end"
        return _error(self.text, self.token.column, f"{message}, found {found}")

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise _error(self.text, 1, "the expression is empty")
        node = self.compare()
        if self.token.kind != "end":
            raise self.error("expected an operator")
        return node

    def compare(self) -> Node:
        node = self.sum()
        op = self.take("<", "<=", ">", ">=")
        return Compare(op.text, node, self.sum()) if op else node

    def sum(self) -> Node:
        node = self.product()
        while op := self.take("+", "-"):
            node = Binary(op.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while op := self.take("*", "/"):
            node = Binary(op.text, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.take("-"):
            return neg(self.unary())
        if self.take("+"):
            return self.unary()
        return self.power()

    def power(self) -> Node:
        node = self.atom()
        if self.take("**"):
            return Binary("**", node, self.unary())
        return node

    def atom(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.index += 1
            return Num(float(token.text))
        if token.kind == "name":
            self.index += 1
            if token.text.startswith("_"):
                raise _error(self.text, token.column, f"names may not start with '_': '{token.text}'")
            if self.take("("):
                return self.call(token)
            if token.text == "x":
                return X()
            if token.text in CONSTANTS:
                return Num(CONSTANTS[token.text])
            return Name(token.text)
        if self.take("("):
            node = self.compare()
            self.expect(")")
            return node
        raise self.error("expected a number, x, a name or '('")

    def call(self, name: Token) -> Node:
        args: list[Node] = []
        keywords: list[tuple[str, Node]] = []
        if not self.take(")"):
            while True:
                if self.token.kind == "name" and self.tokens[self.index + 1].text == "=":
                    key = self.token.text
                    self.index += 2
                    keywords.append((key, self.sum()))
                else:
                    if keywords:
                        raise self.error("a positional argument after a keyword argument")
                    args.append(self.compare())
                if not self.take(","):
                    break
            self.expect(")")
        return self.function(name, args, keywords)

    def function(self, name: Token, args: list[Node], keywords: list[tuple[str, Node]]) -> Node:
        at = name.column
        if name.text in FUNCTIONS:
            function = FUNCTIONS[name.text]
            if keywords:
                raise _error(self.text, at, f"{name.text}() takes no keyword arguments")
            if len(args) != function.arity:
                raise _error(self.text, at, f"{name.text}() takes {function.arity} argument"
                                            f"{'s' if function.arity > 1 else ''}, got {len(args)}")
            for index, arg in enumerate(args):
                if isinstance(arg, Compare) and not (name.text == "where" and index == 0):
                    raise _error(self.text, at, "a comparison can only be the first argument of where()")
            if name.text == "where" and not isinstance(args[0], Compare):
                raise _error(self.text, at, "where()'s first argument must be a comparison, like x > 0")
            return Call(name.text, tuple(args))
        from actplot.catalog import get, registry
        from actplot.errors import UnknownActivation

        try:
            entry = get(name.text)
        except UnknownActivation:
            known = [*FUNCTIONS, *(n.replace("-", "_") for n in registry())]
            raise _error(self.text, at, f"unknown function '{name.text}'{did_you_mean(name.text, known)}") from None
        if len(args) != 1 or any(isinstance(a, Compare) for a in args):
            raise _error(self.text, at, f"{name.text}() takes one argument and parameters by keyword")
        try:
            resolved = [(entry.param(key).name, node) for key, node in keywords]
        except UserError as error:
            raise _error(self.text, at, str(error)) from None
        return Activate(entry.name, 0, args[0], tuple(resolved))


def _error(text: str, column: int, message: str) -> ExpressionError:
    return ExpressionError(f"column {column} of '{text}': {message}")


def parse(text: str) -> Node:
    """The tree of an expression; raise :class:`ExpressionError` pointing at the column."""
    return _Parser(text).parse()


def walk(node: Node) -> list[Node]:
    """The node and all nodes below it."""
    nodes = [node]
    for child in node.children():
        nodes.extend(walk(child))
    return nodes


def parameter_names(node: Node) -> list[str]:
    """The parameters an expression uses, in order of appearance."""
    return list(dict.fromkeys(n.name for n in walk(node) if isinstance(n, Name)))


# --- breakpoints -----------------------------------------------------------------------------


def affine(node: Node, params: Params) -> tuple[float, float] | None:
    """(a, b) when the node is a * x + b, else None."""
    if isinstance(node, Num):
        return 0.0, node.value
    if isinstance(node, Name):
        return 0.0, float(params[node.name])
    if isinstance(node, X):
        return 1.0, 0.0
    if isinstance(node, Negate):
        inner = affine(node.arg, params)
        return None if inner is None else (-inner[0], -inner[1])
    if isinstance(node, Binary):
        left, right = affine(node.left, params), affine(node.right, params)
        if left is None or right is None:
            return None
        if node.op in "+-":
            sign = 1.0 if node.op == "+" else -1.0
            return left[0] + sign * right[0], left[1] + sign * right[1]
        if node.op == "*" and (left[0] == 0 or right[0] == 0):
            return (left[0] * right[1] + right[0] * left[1], left[1] * right[1])
        if node.op == "/" and right[0] == 0 and right[1] != 0:
            return left[0] / right[1], left[1] / right[1]
    return None


def breakpoints(node: Node, params: Params) -> tuple[Breakpoint, ...]:
    """The kinks and jumps that can be located: where a linear argument crosses a breakpoint."""
    found: list[Breakpoint] = []

    def root(expression: Node, at: float, order: int) -> None:
        line = affine(expression, params)
        if line is not None and line[0] != 0:
            found.append(Breakpoint((at - line[1]) / line[0], order))

    for n in walk(node):
        if isinstance(n, Call) and n.function in ("abs", "sign"):
            root(n.args[0], 0.0, 1 if n.function == "abs" else 0)
        elif isinstance(n, Call) and n.function in ("max", "min"):
            root(sub(n.args[0], n.args[1]), 0.0, 1)
        elif isinstance(n, Call) and n.function == "where":
            condition = n.args[0]
            assert isinstance(condition, Compare)
            root(sub(condition.left, condition.right), 0.0, 0)
        elif isinstance(n, Activate):
            from actplot.catalog import get

            values = {key: float(v.evaluate(np.zeros(1), params)[0]) for key, v in n.keywords}
            for point in get(n.entry).breakpoints(**values):
                root(n.arg, point.x, max(0, point.order - n.order))
    return tuple(found)


# --- printing --------------------------------------------------------------------------------

PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "**": 4}


def text(node: Node) -> str:
    """The expression as plain text, with only the parentheses it needs."""
    return _print(node, plain=True)


def mathtext(node: Node) -> str:
    """The expression as a mathtext formula (``$...$``)."""
    return "$" + _print(node, plain=False) + "$"


def _print(node: Node, plain: bool) -> str:
    def wrap(child: Node, level: int, strict: bool = False) -> str:
        inner = _print(child, plain)
        mine = _level(child)
        return f"({inner})" if mine < level or (strict and mine == level) else inner

    if isinstance(node, Num):
        return _number(node.value) if plain else f"{node.value:.6g}"
    if isinstance(node, X):
        return "x"
    if isinstance(node, Name):
        return node.name if plain else _escape(node.name)
    if isinstance(node, Negate):
        return "-" + wrap(node.arg, PRECEDENCE["neg"])
    if isinstance(node, Compare):
        op = node.op if plain else {"<=": r"\leq", ">=": r"\geq"}.get(node.op, node.op)
        return f"{_print(node.left, plain)} {op} {_print(node.right, plain)}"
    if isinstance(node, Binary):
        level = PRECEDENCE[node.op]
        if node.op == "**":
            base = wrap(node.left, level, strict=True)
            if plain:
                return f"{base}**{wrap(node.right, level)}"
            return f"{base}^{{{_print(node.right, plain)}}}"
        if node.op == "/" and not plain:
            return rf"\frac{{{_print(node.left, plain)}}}{{{_print(node.right, plain)}}}"
        op = {"*": r"\cdot"}.get(node.op, node.op) if not plain else node.op
        return f"{wrap(node.left, level)} {op} {wrap(node.right, level, strict=node.op in '-/')}"
    if isinstance(node, Call | Activate):
        name = node.function if isinstance(node, Call) else node.entry.replace("-", "_") + "'" * node.order
        args = [_print(a, plain) for a in node.children()[: len(node.args) if isinstance(node, Call) else 1]]
        if isinstance(node, Activate):
            args += [f"{key}={_print(value, plain)}" for key, value in node.keywords]
        head = name if plain else rf"\mathrm{{{_escape(name)}}}"
        return f"{head}({', '.join(args)})"
    raise TypeError(node)


def _number(value: float) -> str:
    """The shortest text that reads back as the same float (``2`` rather than ``2.0``)."""
    shown = repr(value)
    return shown[:-2] if shown.endswith(".0") else shown


def _level(node: Node) -> int:
    if isinstance(node, Binary):
        return PRECEDENCE[node.op]
    if isinstance(node, Negate):
        return PRECEDENCE["neg"]
    if isinstance(node, Compare):
        return 0
    return 9


def _escape(name: str) -> str:
    return name.replace("_", r"\_")


# --- as a catalog entry ----------------------------------------------------------------------


def activation(source: str, params: Mapping[str, Any] | None = None) -> Activation:
    """An :class:`Activation` computing the expression ``source``.

    Every parameter the expression uses must be given a value in ``params`` (the defaults of the
    entry); a value for a name the expression does not use is an error too.
    """
    tree = parse(source)
    names = parameter_names(tree)
    given = dict(params or {})
    missing = [n for n in names if n not in given]
    if missing:
        hint = did_you_mean(missing[0], list(FUNCTIONS))
        raise ExpressionError(f"parameter '{missing[0]}' has no value: add --param {missing[0]}=VALUE"
                              + (f" (or, if it is a function{hint[2:-1]}: it needs parentheses)" if hint else ""))
    unused = [n for n in given if n not in names]
    if unused:
        raise ExpressionError(f"parameter '{unused[0]}' is not used in '{source}'")
    first = tree.derivative()
    second = first.derivative()

    def evaluator(node: Node) -> Callable[..., Array]:
        def evaluate(x: Array, **values: float) -> Array:
            with np.errstate(all="ignore"):  # log(-1) is NaN, drawn as a gap, not a warning
                result = node.evaluate(x, values)
            return np.broadcast_to(np.asarray(result, dtype=np.float64), x.shape)
        return evaluate

    short = len(text(first)) <= 60
    return Activation(
        name="expr",
        summary=f"The expression {text(tree)}.",
        value_fn=evaluator(tree),
        derivative_fns=(evaluator(first), evaluator(second)),
        formula=mathtext(tree),
        derivative_formula=mathtext(first) if short else r"$\frac{d}{dx}f(x)$",
        properties=None,
        parameters=tuple(Param(n, float(given[n]), "a parameter of the expression", symbol=_escape(n)) for n in names),
        breakpoints_fn=lambda **values: breakpoints(tree, values),
        kink_convention=("Derivatives are symbolic; at a tie of max/min the first argument's derivative, "
                         "at where's switch the branch the condition picks."),
        source="expression",
        display_name=text(tree),
        reference=f"expr:{source}",
    )
