"""Activations written as expressions: ``x * sigmoid(beta * x)``, parsed safely, derived exactly.

The language, and nothing else (there is no ``eval``: text becomes a tree of the nodes below,
and a name outside these tables is a parameter or an error):

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

Size: sums and products are flat nodes (``a - b + c`` is one :class:`Sum` of three terms), so
thousands of terms add no depth. Nesting is limited to :data:`NESTING_LIMIT` (200) levels:
each open parenthesis, function call, unary minus and power whose exponent is being read is
a level, and an expression nested deeper is an :class:`ExpressionError` naming the limit.
Nothing recurses in Python once per level: the parser keeps explicit stacks, and evaluating,
differentiating and printing walk the nodes in an explicit order.

Derivatives are symbolic: each node knows its derivative as another tree, so the first and
second derivatives are exact (up to float64 rounding) and agree with the catalog where an
expression restates an entry. Each node's derivative is built once (remembered by node
identity) and reuses the node's own subtrees, so a derivative is a graph whose shared parts are
stored once and whose size grows linearly with the expression; evaluation computes each shared
part once per call. At a tie of ``max``/``min`` the first argument's derivative is taken; at
``where``'s switch, the branch the condition picks.

Breakpoints are the kinks of ``abs``, ``sign``, ``max``, ``min``, ``where`` and catalog
activations: where their argument (for max/min ``a - b``, for where the comparison's left side
minus its right, for an activation its argument minus each of its breakpoints) crosses zero.
An argument linear in x is solved exactly (:func:`breakpoints`). Any other is located inside
the range drawn (:func:`locate`): sampled on :data:`LOCATE_POINTS` uniform points, each sign
change and each isolated exact zero is a breakpoint, a sign change refined by bisection down to
adjacent float64 numbers. A zero where the argument touches zero without changing sign
(``abs(x*x)`` at 0) is found only if it falls on a grid point, and two zeros closer together
than the grid spacing may cancel and be missed.

Printing: :func:`text` is plain text that parses back to the same tree; :func:`mathtext` falls
back to ``$f(x)$`` for a formula longer than :data:`FORMULA_LIMIT` characters or nested deeper
than matplotlib draws (:data:`FORMULA_NESTING` powers and fractions).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from actplot.core.errors import UserError, Words, did_you_mean
from actplot.core.schema import Activation, Array, Breakpoint, Choice, Param, ParamValue

Params = Mapping[str, Any]
Derive = Callable[["Node"], "Node"]

#: The deepest nesting of parentheses, calls, unary minus and powers an expression may have.
NESTING_LIMIT = 200
#: Uniform points on which :func:`locate` looks for sign changes.
LOCATE_POINTS = 4097
#: The longest mathtext formula shown, and the most powers and fractions nested in it (matplotlib's
#: mathtext parser recurses on them); a formula beyond either is ``$f(x)$``.
FORMULA_LIMIT = 1000
FORMULA_NESTING = 12


class ExpressionError(UserError, ValueError):
    """An expression that cannot be parsed or evaluated, with the column where it went wrong."""


# --- the tree --------------------------------------------------------------------------------


class Node:
    """An expression tree node: evaluated on an array of x, differentiated into another tree.

    Nodes never call each other: :func:`evaluate`, :func:`derivative` and the printers visit them
    in an explicit order and hand each node what it needs from its children.
    """

    folds = False  # Sum and Product take their inputs' values one at a time (see fold)

    def children(self) -> tuple[Node, ...]:
        return ()

    def inputs(self) -> tuple[Node, ...]:
        """The children whose values :meth:`compute` takes."""
        return self.children()

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        raise NotImplementedError

    def fold(self, index: int, total: Array, value: Array) -> Array:
        raise NotImplementedError

    def differentiated(self) -> tuple[Node, ...]:
        """The children whose derivatives :meth:`rule` asks for."""
        return self.children()

    def rule(self, d: Derive) -> Node:
        """The derivative, given ``d``, the derivative of a child."""
        raise NotImplementedError

    def evaluate(self, x: Array, params: Params) -> Array:
        return evaluate(self, x, params)

    def derivative(self) -> Node:
        return derivative(self)


@dataclass(frozen=True)
class Num(Node):
    value: float

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return np.full_like(x, self.value)

    def rule(self, d: Derive) -> Node:
        return ZERO


@dataclass(frozen=True)
class X(Node):
    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return x

    def rule(self, d: Derive) -> Node:
        return ONE


@dataclass(frozen=True)
class Name(Node):
    """A parameter, bound when the expression is evaluated."""

    name: str

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return np.full_like(x, params[self.name])

    def rule(self, d: Derive) -> Node:
        return ZERO


@dataclass(frozen=True)
class Word(Node):
    """A word given to a catalog activation's parameter (``approximate='tanh'``)."""

    text: str

    def rule(self, d: Derive) -> Node:
        return ZERO


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

    def rule(self, d: Derive) -> Node:
        return _sum([(op, d(node)) for op, node in self.terms])


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

    def rule(self, d: Derive) -> Node:
        # Forward along the factors: the product so far and its derivative, one factor at a time,
        # so n factors give O(n) nodes (not the n * n of the product rule written out).
        (_, first), *rest = self.factors
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


@dataclass(frozen=True)
class Power(Node):
    base: Node
    exponent: Node

    def children(self) -> tuple[Node, ...]:
        return (self.base, self.exponent)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return np.power(values[0], values[1])

    def rule(self, d: Derive) -> Node:
        a, b = self.base, self.exponent
        da, db = d(a), d(b)
        if db == ZERO:  # a ** constant
            return mul(mul(b, power(a, sub(b, ONE))), da)
        return mul(self, add(mul(db, call("log", a)), div(mul(b, da), a)))


@dataclass(frozen=True)
class Negate(Node):
    arg: Node

    def children(self) -> tuple[Node, ...]:
        return (self.arg,)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return np.negative(values[0])

    def rule(self, d: Derive) -> Node:
        return neg(d(self.arg))


@dataclass(frozen=True)
class Compare(Node):
    op: str  # < <= > >=
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}[self.op](*values)

    def differentiated(self) -> tuple[Node, ...]:
        return ()

    def rule(self, d: Derive) -> Node:
        raise ExpressionError(f"a comparison ({self.op}) has no derivative; use it only inside where(...)")


@dataclass(frozen=True)
class Call(Node):
    """A function of the language applied to its arguments."""

    function: str
    args: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.args

    def compute(self, values: list[Array], x: Array, params: Params) -> Array:
        return FUNCTIONS[self.function].evaluate(*values)

    def differentiated(self) -> tuple[Node, ...]:
        return {"where": self.args[1:], "sign": ()}.get(self.function, self.args)

    def rule(self, d: Derive) -> Node:
        return FUNCTIONS[self.function].derive(self, d)


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

    def differentiated(self) -> tuple[Node, ...]:
        return (self.arg,)

    def rule(self, d: Derive) -> Node:
        if self.order == 2:
            raise ExpressionError(f"{self.entry}: actplot knows derivatives up to the second")
        return mul(Activate(self.entry, self.order + 1, self.arg, self.keywords), d(self.arg))


ZERO, ONE, TWO = Num(0.0), Num(1.0), Num(2.0)


def keyword_values(node: Activate, params: Params) -> dict[str, ParamValue]:
    """The values of a catalog activation's keyword arguments (constants: computed at one point)."""
    return {key: value.text if isinstance(value, Word) else float(evaluate(value, np.zeros(1), params)[0])
            for key, value in node.keywords}


# --- walking the graph without recursion -----------------------------------------------------


def _postorder(root: Node, inputs: bool = False) -> Iterator[Node]:
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
    return list(_postorder(node))


def _uses(root: Node) -> dict[int, int]:
    """How many times each node's value is read while evaluating ``root``."""
    uses: dict[int, int] = {}
    for node in _postorder(root, inputs=True):
        uses.setdefault(id(node), 0)
        for child in node.inputs():
            uses[id(child)] = uses.get(id(child), 0) + 1
    return uses


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
    until its last reader has it; ``uses`` (from :func:`_uses`) saves counting them on each call.
    """
    left = dict(_uses(root) if uses is None else uses)
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
        missing = [child for child in node.differentiated() if id(child) not in memo]
        if missing:
            stack.extend(missing)
            continue
        memo[id(node)] = (node, node.rule(d))
        stack.pop()
    return memo[id(root)][1]


# --- building trees that stay small ----------------------------------------------------------


def add(a: Node, b: Node) -> Node:
    return _sum([("+", a), ("+", b)])


def sub(a: Node, b: Node) -> Node:
    return _sum([("+", a), ("-", b)])


def _sum(terms: list[tuple[str, Node]]) -> Node:
    """The sum of the terms, zeros left out and constants added up."""
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


# --- the functions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Function:
    """A function of the language: how to evaluate it and the tree of its derivative.

    ``derive(node, d)`` builds the derivative of the call ``node``, ``d`` giving its arguments'.
    """

    arity: int
    evaluate: Callable[..., Array]
    derive: Callable[[Call, Derive], Node]


def _chain(outer: Callable[[Node, Node], Node]) -> Callable[[Call, Derive], Node]:
    """d f(u) = f'(u) du for a function of one argument; ``outer(f(u), u)`` is f'(u) (and may
    reuse the node f(u) itself)."""
    return lambda node, d: mul(outer(node, node.args[0]), d(node.args[0]))


def _erf(values: Array) -> Array:
    from scipy.special import erf

    return erf(values)


def _sigmoid(values: Array) -> Array:
    from actplot.catalog.special import sigmoid

    return sigmoid(values)


FUNCTIONS: dict[str, Function] = {
    "exp": Function(1, np.exp, _chain(lambda f, u: f)),
    "log": Function(1, np.log, _chain(lambda f, u: div(ONE, u))),
    "log1p": Function(1, np.log1p, _chain(lambda f, u: div(ONE, add(ONE, u)))),
    "expm1": Function(1, np.expm1, _chain(lambda f, u: call("exp", u))),
    "sqrt": Function(1, np.sqrt, _chain(lambda f, u: div(Num(0.5), f))),
    "abs": Function(1, np.abs, _chain(lambda f, u: call("sign", u))),
    "sign": Function(1, np.sign, lambda node, d: ZERO),
    "sin": Function(1, np.sin, _chain(lambda f, u: call("cos", u))),
    "cos": Function(1, np.cos, _chain(lambda f, u: neg(call("sin", u)))),
    "tanh": Function(1, np.tanh, _chain(lambda f, u: sub(ONE, power(f, TWO)))),
    "erf": Function(1, _erf, _chain(lambda f, u: mul(Num(2.0 / math.sqrt(math.pi)), call("exp", neg(power(u, TWO)))))),
    "sigmoid": Function(1, _sigmoid, _chain(lambda f, u: mul(f, sub(ONE, f)))),
    "softplus": Function(1, lambda v: np.logaddexp(0.0, v), _chain(lambda f, u: call("sigmoid", u))),
    "where": Function(3, np.where, lambda node, d: call("where", node.args[0], d(node.args[1]), d(node.args[2]))),
    "max": Function(2, np.maximum, lambda node, d: call("where", Compare(">=", *node.args), *map(d, node.args))),
    "min": Function(2, np.minimum, lambda node, d: call("where", Compare("<=", *node.args), *map(d, node.args))),
}
CONSTANTS = {"pi": math.pi, "e": math.e}


# --- parsing ---------------------------------------------------------------------------------

TOKEN = re.compile(r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
                   r"|(?P<op>\*\*|<=|>=|[-+*/^(),<>=])|(?P<string>'[^']*'|\"[^\"]*\"))")
#: Binary operators: precedence, and whether they group to the right. Unary minus is 3.
BINARY = {"<": 0, "<=": 0, ">": 0, ">=": 0, "+": 1, "-": 1, "*": 2, "/": 2, "**": 4}
UNARY = 3


@dataclass(frozen=True)
class Token:
    kind: str  # number, name, op, string, end (and neg: a unary minus waiting for its operand)
    text: str  # a string's text is without its quotes
    column: int  # 1-based


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``; anything else is an error at its column.

    A quoted string is a token only as a keyword's value (after ``name=``).
    """
    tokens: list[Token] = []
    position, end = 0, len(text.rstrip())
    while position < end:
        keyword = len(tokens) >= 2 and tokens[-1] == Token("op", "=", tokens[-1].column) and tokens[-2].kind == "name"
        match = TOKEN.match(text, position)
        if match is None or (match.lastgroup == "string" and not keyword):
            column = len(text) - len(text[position:].lstrip()) + 1
            what = "a quote that is not closed" if keyword and text[column - 1] in "'\"" else \
                f"unexpected character '{text[column - 1]}'"
            raise _error(text, column, what)
        kind = match.lastgroup or "op"
        value = match.group(kind)
        if kind == "string":
            value = value[1:-1]
        tokens.append(Token(kind, "**" if value == "^" and kind == "op" else value, match.start(kind) + 1))
        position = match.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


@dataclass
class _Group:
    """An open parenthesis (or the whole text) while parsing: the operands and the operators
    waiting for them; for a function call, also the arguments read so far."""

    opener: Token | None = None  # the '(' or the function's name; None for the whole text
    call: bool = False
    operands: list[Node] = field(default_factory=list)
    operators: list[Token] = field(default_factory=list)
    args: list[Node] = field(default_factory=list)
    keywords: list[tuple[Token, Node, Token]] = field(default_factory=list)  # key, value, value's token
    key: Token | None = None  # the keyword whose value is being read
    value_at: Token | None = None

    def fresh(self) -> bool:
        """Whether nothing of the current argument has been read."""
        return not self.operands and not self.operators and self.key is None


class _Parser:
    """Operator precedence with explicit stacks (no recursion per level of nesting):
    comparisons < sums < products < unary minus < powers (to the right) < atoms."""

    def __init__(self, text: str) -> None:
        self.text, self.tokens, self.index, self.depth = text, tokenize(text), 0, 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def following(self, *texts: str) -> bool:
        after = self.tokens[self.index + 1]
        return after.kind == "op" and after.text in texts

    def error(self, message: str) -> ExpressionError:
        found = f"'{self.token.text}'" if self.token.kind != "end" else "the end"
        return _error(self.text, self.token.column, f"{message}, found {found}")

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise _error(self.text, 1, "the expression is empty")
        groups = [_Group()]
        operand = True  # whether an operand comes next
        while True:
            if operand:
                operand = self.operand(groups)
            elif self.token.kind == "end" and len(groups) == 1:
                return self.finish(groups[0])
            else:
                operand = self.operator(groups)

    def nest(self, token: Token) -> None:
        self.depth += 1
        if self.depth > NESTING_LIMIT:
            raise _error(self.text, token.column, f"nested more than {NESTING_LIMIT} levels deep (each parenthesis, "
                                                  "function call, unary minus and power is a level); "
                                                  f"{NESTING_LIMIT} is the limit")

    def operand(self, groups: list[_Group]) -> bool:
        """Read where an operand is expected; return whether one is still expected."""
        token, group = self.token, groups[-1]
        if group.call and group.fresh():  # the start of an argument
            if token.kind == "name" and self.following("="):
                group.key, group.value_at = token, self.tokens[self.index + 2]
                self.index += 2
                return True
            if group.keywords and token.text != ")":
                raise self.error("a positional argument after a keyword argument")
        if group.key is not None and not group.operands and not group.operators and (token.kind == "string" or (
                token.kind == "name" and not token.text.startswith("_") and self.following(",", ")"))):
            self.index += 1  # a word, or a bare name: which of the two the parameter decides
            group.operands.append(Word(token.text))
            return False
        self.index += 1
        if token.kind == "op" and token.text == "-":
            self.nest(token)
            group.operators.append(Token("neg", "-", token.column))
            return True
        if token.kind == "op" and token.text == "+":
            return True
        if token.kind == "op" and token.text == "(":
            self.nest(token)
            groups.append(_Group(token))
            return True
        if token.kind == "op" and token.text == ")" and group.call and not (group.args or group.keywords) \
                and group.fresh():
            self.close(groups)  # a call without arguments
            return False
        if token.kind == "name":
            if token.text.startswith("_"):
                raise _error(self.text, token.column, f"names may not start with '_': '{token.text}'")
            if self.token.kind == "op" and self.token.text == "(":
                self.index += 1
                self.nest(token)
                groups.append(_Group(token, call=True))
                return True
            group.operands.append(self.name(token))
            return False
        if token.kind == "number":
            value = float(token.text)
            if not math.isfinite(value):
                raise _error(self.text, token.column, f"number {token.text} is not finite in float64 "
                                                      "(the largest is about 1.8e308)")
            group.operands.append(Num(value))
            return False
        self.index -= 1
        raise self.error("expected a number, x, a name or '('")

    def operator(self, groups: list[_Group]) -> bool:
        """Read where an operator is expected; return whether an operand comes next."""
        token, group = self.token, groups[-1]
        if token.kind == "op" and token.text in BINARY:
            self.index += 1
            self.reduce(group, BINARY[token.text], to_the_right=token.text == "**")
            if token.text == "**":
                self.nest(token)
            group.operators.append(token)
            return True
        if token.kind == "op" and token.text == "," and group.call:
            self.index += 1
            self.argument(group)
            return True
        if token.kind == "op" and token.text == ")" and group.opener is not None:
            self.index += 1
            self.close(groups)
            return False
        raise self.error("expected ')'" if len(groups) > 1 and (token.kind == "end" or token.text == ",")
                         else "expected an operator")

    def reduce(self, group: _Group, precedence: int, to_the_right: bool = False) -> None:
        """Apply the waiting operators that bind tighter than one of ``precedence``."""
        while group.operators:
            top = group.operators[-1]
            mine = UNARY if top.kind == "neg" else BINARY[top.text]
            if mine < precedence or (mine == precedence and to_the_right):
                return
            group.operators.pop()
            self.apply(group, top)

    def apply(self, group: _Group, op: Token) -> None:
        right = group.operands.pop()
        left = group.operands.pop() if op.kind != "neg" else None
        for side in (left, right):
            if isinstance(side, Compare):
                raise _error(self.text, op.column, "comparisons cannot be chained" if op.text in BINARY and
                             BINARY[op.text] == 0 else "a comparison can only be the first argument of where()")
            if isinstance(side, Word):
                raise _error(self.text, op.column, f"the word '{side.text}' can only be a keyword's whole value")
        if left is None:
            self.depth -= 1
            group.operands.append(neg(right))
        elif op.text in ("+", "-"):
            group.operands.append(Sum((*(left.terms if isinstance(left, Sum) else (("+", left),)), (op.text, right))))
        elif op.text in ("*", "/"):
            factors = left.factors if isinstance(left, Product) else (("*", left),)
            group.operands.append(Product((*factors, (op.text, right))))
        elif op.text == "**":
            self.depth -= 1
            group.operands.append(Power(left, right))
        else:
            group.operands.append(Compare(op.text, left, right))

    def finish(self, group: _Group) -> Node:
        """The current expression of the group, every waiting operator applied."""
        self.reduce(group, -1)
        node = group.operands.pop()
        assert not group.operands
        return node

    def argument(self, group: _Group) -> None:
        value = self.finish(group)
        if group.key is None:
            group.args.append(value)
        else:
            assert group.value_at is not None
            group.keywords.append((group.key, value, group.value_at))
            group.key = None

    def close(self, groups: list[_Group]) -> None:
        group = groups.pop()
        self.depth -= 1
        if not group.call:
            groups[-1].operands.append(self.finish(group))
            return
        if group.operands:
            self.argument(group)
        assert group.opener is not None
        groups[-1].operands.append(self.function(group.opener, group.args, group.keywords))

    def name(self, token: Token) -> Node:
        """A name that is not called: x, a constant or a parameter."""
        if token.text == "x":
            return X()
        if token.text in CONSTANTS:
            return Num(CONSTANTS[token.text])
        if token.text in FUNCTIONS:
            raise _error(self.text, token.column, f"'{token.text}' is a function: write {token.text}(...)")
        return Name(token.text)

    def function(self, name: Token, args: list[Node], keywords: list[tuple[Token, Node, Token]]) -> Node:
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
        from actplot.core.errors import UnknownActivation

        try:
            entry = get(name.text)
        except UnknownActivation:
            known = [*FUNCTIONS, *(n.replace("-", "_") for n in registry())]
            raise _error(self.text, at, f"unknown function '{name.text}'{did_you_mean(name.text, known)}") from None
        if len(args) != 1 or any(isinstance(a, Compare) for a in args):
            raise _error(self.text, at, f"{name.text}() takes one argument and parameters by keyword")
        resolved: dict[str, Node] = {}
        for key, value, value_at in keywords:
            try:
                param = entry.param(key.text)
            except UserError as error:
                raise _error(self.text, at, str(error)) from None
            if param.name in resolved:
                raise _error(self.text, key.column, f"{param.name} of {name.text} is given twice")
            resolved[param.name] = self.keyword(f"{key.text} of {name.text}", param, value, value_at)
        return Activate(entry.name, 0, args[0], tuple(resolved.items()))

    def keyword(self, what: str, param: Param, value: Node, at: Token) -> Node:
        """A keyword's value checked against its parameter: a word of a Choice, else a constant."""
        if isinstance(param.domain, Choice):
            word = value.text if isinstance(value, Word) else text(value)
            try:
                return Word(str(param.coerce(word)))
            except UserError:
                raise _error(self.text, at.column, f"{what} must be {param.domain}, got '{word}'") from None
        if isinstance(value, Word):
            if at.kind == "string":
                raise _error(self.text, at.column, f"{what} must be a number, not the word '{value.text}'")
            value = self.name(at)
        if any(isinstance(node, X) for node in walk(value)):
            raise _error(self.text, at.column, f"{what} must not depend on x; it is a constant "
                                               "(numbers, parameters, pi, e)")
        return value


def _error(text: str, column: int, message: str) -> ExpressionError:
    return ExpressionError(f"column {column} of '{text}': {message}")


def parse(text: str) -> Node:
    """The tree of an expression; raise :class:`ExpressionError` pointing at the column."""
    return _Parser(text).parse()


def parameter_names(node: Node) -> list[str]:
    """The parameters an expression uses, in order of appearance."""
    return list(dict.fromkeys(n.name for n in walk(node) if isinstance(n, Name)))


# --- breakpoints -----------------------------------------------------------------------------

Line = tuple[float, float] | None  # (a, b) for a * x + b


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
    (a, b), *rest = lines
    for (op, _), (c, e) in zip(node.factors[1:], rest, strict=True):
        if op == "*" and (a == 0 or c == 0):
            a, b = a * e + c * b, b * e
        elif op == "/" and c == 0 and e != 0:
            a, b = a / e, b / e
        else:
            return None
    return a, b


def _lines(root: Node, params: Params) -> dict[int, Line]:
    """:func:`affine` of every node below ``root``, by identity."""
    lines: dict[int, Line] = {}
    for node in walk(root):
        lines[id(node)] = _line(node, [lines[id(child)] for child in node.children()], params)
    return lines


def affine(node: Node, params: Params) -> Line:
    """(a, b) when the node is a * x + b, else None."""
    return _lines(node, params)[id(node)]


#: Functions defined on part of the real line only (and powers, x**0.5): where the value does not
#: exist, neither do its derivatives, though their formulas may give numbers there.
PARTIAL_FUNCTIONS = frozenset({"log", "log1p", "sqrt"})
#: Functions that go to infinity where their argument is 0 (log(x) at 0: a vertical asymptote).
POLE_FUNCTIONS = frozenset({"log"})


def _kinks(tree: Node, params: Params) -> Iterator[tuple[Node, Node | None, float, int, bool]]:
    """(a, b, at, order, pole): the ``order``-th derivative may jump where a - b (or a, b None)
    is ``at``; with ``pole``, the value goes to infinity there (a division by a, a negative power
    of a, the logarithm of a)."""
    from actplot.catalog import get

    for node in walk(tree):
        if isinstance(node, Call) and node.function in ("abs", "sign"):
            yield node.args[0], None, 0.0, 1 if node.function == "abs" else 0, False
        elif isinstance(node, Call) and node.function in ("max", "min"):
            yield node.args[0], node.args[1], 0.0, 1, False
        elif isinstance(node, Call) and node.function == "where":
            condition = node.args[0]
            assert isinstance(condition, Compare)
            yield condition.left, condition.right, 0.0, 0, False
        elif isinstance(node, Call) and node.function in POLE_FUNCTIONS:
            yield node.args[0], None, 0.0, 0, True
        elif isinstance(node, Product):
            for op, factor in node.factors[1:]:
                if op == "/":
                    yield _root_of(factor), None, 0.0, 0, True
        elif isinstance(node, Power) and (_constant(node.exponent) or 0.0) < 0:
            yield _root_of(node.base), None, 0.0, 0, True
        elif isinstance(node, Activate):
            for point in get(node.entry).breakpoints(**keyword_values(node, params)):
                yield node.arg, None, point.x, max(0, point.order - node.order), point.pole


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


def _difference(lines: Mapping[int, Line], a: Node, b: Node | None) -> Line:
    first, second = lines[id(a)], (0.0, 0.0) if b is None else lines[id(b)]
    return None if first is None or second is None else (first[0] - second[0], first[1] - second[1])


def breakpoints(node: Node, params: Params) -> tuple[Breakpoint, ...]:
    """The kinks and jumps whose argument is linear in x, solved exactly."""
    lines = _lines(node, params)
    found = []
    for a, b, at, order, pole in _kinks(node, params):
        line = _difference(lines, a, b)
        if line is not None and line[0] != 0:
            found.append(Breakpoint((at - line[1]) / line[0], order, pole))
    return tuple(found)


def locate(tree: Node, lo: float, hi: float, params: Params) -> tuple[Breakpoint, ...]:
    """The kinks and jumps inside [lo, hi] whose argument is not linear in x, found by sign changes
    of the argument on :data:`LOCATE_POINTS` uniform points and bisection to adjacent floats."""
    lines = _lines(tree, params)
    moving: set[int] = set()  # the nodes that depend on x
    for node in walk(tree):
        if isinstance(node, X) or any(id(child) in moving for child in node.inputs()):
            moving.add(id(node))
    grid = np.linspace(lo, hi, LOCATE_POINTS)
    found: list[Breakpoint] = []
    for a, b, at, order, pole in _kinks(tree, params):
        if _difference(lines, a, b) is None and (id(a) in moving or (b is not None and id(b) in moving)):
            found += [Breakpoint(float(x), order, pole) for x in _roots(_gap(a, b, at, params), grid)]
    return tuple(found)


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
    bisected over the float64 numbers in between (at most 64 steps), then the end where |g| is
    smaller."""
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


# --- printing --------------------------------------------------------------------------------

PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "**": 4}


def text(node: Node) -> str:
    """The expression as plain text, with only the parentheses it needs."""
    shown = _render(node, plain=True)
    assert shown is not None
    return shown


def mathtext(node: Node) -> str:
    """The expression as a mathtext formula (``$...$``); ``$f(x)$`` when longer than
    :data:`FORMULA_LIMIT` characters or with more than :data:`FORMULA_NESTING` nested powers and
    fractions."""
    shown = _render(node, plain=False, limit=FORMULA_LIMIT)
    if shown is None:
        return "$f(x)$"
    groups: dict[int, int] = {}
    for n in walk(node):
        braces = isinstance(n, Power) or (isinstance(n, Product) and any(op == "/" for op, _ in n.factors))
        groups[id(n)] = max((groups[id(c)] for c in n.children()), default=0) + braces
    return "$f(x)$" if groups[id(node)] > FORMULA_NESTING else f"${shown}$"


def _render(root: Node, plain: bool, limit: int | None = None) -> str | None:
    """The text of ``root`` (each node's built once, from its children's), or None if longer than
    ``limit``. A shared subtree is written out at each use: the length is bounded first, so a
    derivative graph that would print enormous is never built as text."""
    nodes = list(itertools.islice(_postorder(root), limit + 1)) if limit is not None else walk(root)
    if limit is not None:
        if len(nodes) > limit:  # each node shows at least one character
            return None
        size: dict[int, int] = {}
        for node in nodes:
            size[id(node)] = 64 + len(str(getattr(node, "name", ""))) + sum(size[id(c)] for c in node.children())
        if size[id(root)] > 64 * limit:
            return None
    shown: dict[int, str] = {}
    for node in nodes:
        shown[id(node)] = _show(node, [shown[id(child)] for child in node.children()], plain)
    result = shown[id(root)]
    return result if limit is None or len(result) <= limit else None


def _show(node: Node, kids: list[str], plain: bool) -> str:
    """One node's text, given its children's."""
    children = node.children()

    def wrap(index: int, level: int, strict: bool = False) -> str:
        mine = _level(children[index])
        return f"({kids[index]})" if mine < level or (strict and mine == level) else kids[index]

    if isinstance(node, Num):
        return _number(node.value) if plain else f"{node.value:.6g}"
    if isinstance(node, X):
        return "x"
    if isinstance(node, Name):
        return node.name if plain else _escape(node.name)
    if isinstance(node, Word):
        return repr(node.text) if plain else rf"\mathrm{{{_escape(node.text)}}}"
    if isinstance(node, Negate):
        return "-" + wrap(0, PRECEDENCE["neg"])
    if isinstance(node, Compare):
        op = node.op if plain else {"<=": r"\leq", ">=": r"\geq"}.get(node.op, node.op)
        return f"{kids[0]} {op} {kids[1]}"
    if isinstance(node, Sum):
        return wrap(0, 1) + "".join(f" {op} {wrap(i, 1, strict=True)}" for i, (op, _) in enumerate(node.terms) if i)
    if isinstance(node, Product):
        shown = wrap(0, 2)
        for i, (op, _) in enumerate(node.factors[1:], start=1):
            if plain:
                shown += f" {op} {wrap(i, 2, strict=True)}"
            elif op == "*":
                shown += rf" \cdot {wrap(i, 2, strict=True)}"
            else:
                shown = rf"\frac{{{shown}}}{{{kids[i]}}}"
        return shown
    if isinstance(node, Power):
        base = wrap(0, PRECEDENCE["**"], strict=True)
        return f"{base}**{wrap(1, PRECEDENCE['**'])}" if plain else f"{base}^{{{kids[1]}}}"
    if isinstance(node, Call | Activate):
        name = node.function if isinstance(node, Call) else node.entry.replace("-", "_") + "'" * node.order
        args = kids if isinstance(node, Call) else kids[:1]
        if isinstance(node, Activate):
            keys = [key if plain else rf"\mathrm{{{_escape(key)}}}" for key, _ in node.keywords]
            args += [f"{key}={value}" for key, value in zip(keys, kids[1:], strict=True)]
        head = name if plain else rf"\mathrm{{{_escape(name)}}}"
        return f"{head}({', '.join(args)})"
    raise TypeError(node)


def _number(value: float) -> str:
    """The shortest text that reads back as the same float (``2`` rather than ``2.0``)."""
    shown = repr(value)
    return shown[:-2] if shown.endswith(".0") else shown


def _level(node: Node) -> int:
    if isinstance(node, Sum):
        return PRECEDENCE["+"]
    if isinstance(node, Product):
        return PRECEDENCE["*"]
    if isinstance(node, Negate) or (isinstance(node, Num) and math.copysign(1.0, node.value) < 0):
        return PRECEDENCE["neg"]
    if isinstance(node, Power):
        return PRECEDENCE["**"]
    if isinstance(node, Compare):
        return 0
    return 9


def _escape(name: str) -> str:
    return name.replace("_", r"\_")


# --- as a catalog entry ----------------------------------------------------------------------


def _reserved(name: str) -> str | None:
    """Why ``name`` cannot be a parameter, or None if it can."""
    if name == "x":
        return "x is the variable"
    if name in CONSTANTS:
        return f"{name} is the constant {CONSTANTS[name]!r}"
    if name in FUNCTIONS:
        return f"{name} is a function"
    return None


def activation(source: str, params: Mapping[str, Any] | None = None) -> Activation:
    """An :class:`Activation` computing the expression ``source``.

    Every parameter the expression uses must be given a value in ``params`` (the defaults of the
    entry); a value for a name the expression does not use, or for a reserved name (x, pi, e, a
    function), is an error too.
    """
    tree = parse(source)
    names = parameter_names(tree)
    given = dict(params or {})
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
    memo: dict[int, tuple[Node, Node]] = {}
    first = derivative(tree, memo)
    second = derivative(first, memo)

    def evaluator(node: Node) -> Callable[..., Array]:
        uses: list[dict[int, int]] = []  # counted at the first call

        def evaluate_at(x: Array, **values: Any) -> Array:
            uses[:] = uses or [_uses(node)]
            with np.errstate(all="ignore"):  # log(-1) is NaN, drawn as a gap, not a warning
                result = evaluate(node, x, values, uses[0])
            return np.broadcast_to(np.asarray(result, dtype=np.float64), x.shape)
        return evaluate_at

    value = evaluator(tree)
    limited = any(isinstance(node, Power) or (isinstance(node, Call) and node.function in PARTIAL_FUNCTIONS)
                  for node in walk(tree))

    def where_defined(derivative: Callable[..., Array]) -> Callable[..., Array]:
        """A derivative, NaN where the value itself is NaN: log(x)'s 1/x is not drawn left of 0,
        where log(x) does not exist (its symbolic derivative would be finite there). Only an
        expression with a function defined on part of the line pays for the value's evaluation."""
        if not limited:
            return derivative

        def defined_at(x: Array, **values: Any) -> Array:
            slope = derivative(x, **values)
            undefined = np.isnan(value(x, **values))
            return np.where(undefined, np.nan, slope) if undefined.any() else slope
        return defined_at

    short = _render(first, plain=True, limit=60)
    shown = text(tree)
    return Activation(
        name="expr",
        summary=f"The expression {shown}.",
        value_fn=value,
        derivative_fns=(where_defined(evaluator(first)), where_defined(evaluator(second))),
        formula=mathtext(tree),
        derivative_formula=mathtext(first) if short is not None else r"$\frac{d}{dx}f(x)$",
        properties=None,
        parameters=tuple(Param(n, float(given[n]), "a parameter of the expression", symbol=_escape(n)) for n in names),
        breakpoints_fn=lambda **values: breakpoints(tree, values),
        locate_fn=lambda lo, hi, **values: locate(tree, lo, hi, values),
        kink_convention=("Derivatives are symbolic; at a tie of max/min the first argument's derivative, "
                         "at where's switch the branch the condition picks."),
        source="expression",
        display_name=shown,
        reference=f"expr:{source}",
    )
