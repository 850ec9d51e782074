"""Printing a tree: :func:`text`, plain text that parses back to the same tree, and :func:`mathtext`,
a matplotlib formula.

Each node's text is built once from its children's, visiting the nodes in an explicit order (no
recursion per level). :func:`mathtext` falls back to ``$f(x)$`` for a formula longer than
:data:`FORMULA_LIMIT` characters or nested deeper than matplotlib draws (:data:`FORMULA_NESTING`
powers and fractions).
"""

from __future__ import annotations

import itertools
import math

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
    postorder,
    walk,
)

#: The longest mathtext formula shown, and the most powers and fractions nested in it (matplotlib's
#: mathtext parser recurses on them); a formula beyond either is ``$f(x)$``.
FORMULA_LIMIT = 1000
FORMULA_NESTING = 12

PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "**": 4}
ATOM = 9  # the precedence of a number, name or call: never wrapped in parentheses


def text(node: Node) -> str:
    """The expression as plain text, with only the parentheses it needs."""
    shown = _render(node, plain=True)
    assert shown is not None
    return shown


def short_text(node: Node, limit: int) -> str | None:
    """The plain text of the expression if at most ``limit`` characters long, else None (found
    without writing out a long text: a derivative graph may print enormous)."""
    return _render(node, plain=True, limit=limit)


def mathtext(node: Node) -> str:
    """The expression as a mathtext formula (``$...$``); ``$f(x)$`` when longer than
    :data:`FORMULA_LIMIT` characters or with more than :data:`FORMULA_NESTING` nested powers and
    fractions."""
    shown = _render(node, plain=False, limit=FORMULA_LIMIT)
    if shown is None or _nesting(node) > FORMULA_NESTING:
        return "$f(x)$"
    return f"${shown}$"


def escape(name: str) -> str:
    """A name as mathtext writes it (``_`` is a subscript there)."""
    return name.replace("_", r"\_")


def _nesting(root: Node) -> int:
    """The most powers and fractions nested in the formula of ``root``."""
    groups: dict[int, int] = {}
    for n in walk(root):
        braces = isinstance(n, Power) or (isinstance(n, Product) and any(op == "/" for op, _ in n.factors))
        groups[id(n)] = max((groups[id(c)] for c in n.children()), default=0) + braces
    return groups[id(root)]


def _render(root: Node, plain: bool, limit: int | None = None) -> str | None:
    """The text of ``root`` (each node's built once, from its children's), or None if longer than
    ``limit``. A shared subtree is written out at each use: the length is bounded first, so a
    derivative graph that would print enormous is never built as text."""
    nodes = list(itertools.islice(postorder(root), limit + 1)) if limit is not None else walk(root)
    if limit is not None and _too_long(root, nodes, limit):
        return None
    shown: dict[int, str] = {}
    for node in nodes:
        shown[id(node)] = _show(node, [shown[id(child)] for child in node.children()], plain)
    result = shown[id(root)]
    return result if limit is None or len(result) <= limit else None


def _too_long(root: Node, nodes: list[Node], limit: int) -> bool:
    """Whether the text of ``root`` (whose first ``limit + 1`` nodes are ``nodes``) is sure to
    be longer than ``limit``, or may be too long to build: an upper bound, counted per node."""
    if len(nodes) > limit:  # each node shows at least one character
        return True
    size: dict[int, int] = {}
    for node in nodes:
        size[id(node)] = 64 + len(str(getattr(node, "name", ""))) + sum(size[id(c)] for c in node.children())
    return size[id(root)] > 64 * limit


def _show(node: Node, kids: list[str], plain: bool) -> str:
    """One node's text, given its children's."""
    if isinstance(node, Num):
        return _number(node.value) if plain else f"{node.value:.6g}"
    if isinstance(node, X):
        return "x"
    if isinstance(node, Name):
        return node.name if plain else escape(node.name)
    if isinstance(node, Word):
        return repr(node.text) if plain else rf"\mathrm{{{escape(node.text)}}}"
    if isinstance(node, Negate):
        return "-" + _wrap(node.arg, kids[0], PRECEDENCE["neg"])
    if isinstance(node, Compare):
        op = node.op if plain else {"<=": r"\leq", ">=": r"\geq"}.get(node.op, node.op)
        return f"{kids[0]} {op} {kids[1]}"
    if isinstance(node, Sum):
        return _show_sum(node, kids)
    if isinstance(node, Product):
        return _show_product(node, kids, plain)
    if isinstance(node, Power):
        base = _wrap(node.base, kids[0], PRECEDENCE["**"], strict=True)
        return f"{base}**{_wrap(node.exponent, kids[1], PRECEDENCE['**'])}" if plain else f"{base}^{{{kids[1]}}}"
    if isinstance(node, Call | Activate):
        return _show_call(node, kids, plain)
    raise TypeError(node)


def _wrap(child: Node, shown: str, level: int, strict: bool = False) -> str:
    """A child's text ``shown`` inside an operator of precedence ``level``: in parentheses if it
    binds less tightly (or as tightly, with ``strict``: a term or factor after the first, a base)."""
    mine = _level(child)
    return f"({shown})" if mine < level or (strict and mine == level) else shown


def _show_sum(node: Sum, kids: list[str]) -> str:
    (_, first), *rest = node.terms
    return _wrap(first, kids[0], 1) + "".join(f" {op} {_wrap(term, kid, 1, strict=True)}"
                                              for (op, term), kid in zip(rest, kids[1:], strict=True))


def _show_product(node: Product, kids: list[str], plain: bool) -> str:
    """``a * b / c``; in mathtext ``a \\cdot b`` and a fraction for each division."""
    shown = _wrap(node.factors[0][1], kids[0], 2)
    for (op, factor), kid in zip(node.factors[1:], kids[1:], strict=True):
        if plain:
            shown += f" {op} {_wrap(factor, kid, 2, strict=True)}"
        elif op == "*":
            shown += rf" \cdot {_wrap(factor, kid, 2, strict=True)}"
        else:
            shown = rf"\frac{{{shown}}}{{{kid}}}"
    return shown


def _show_call(node: Call | Activate, kids: list[str], plain: bool) -> str:
    """``f(a, b)``, or an activation with its keywords: ``gelu'(x, approximate='tanh')``."""
    if isinstance(node, Call):
        name, args = node.function, kids
    else:
        name, args = node.entry.replace("-", "_") + "'" * node.order, kids[:1]
        keys = [key if plain else rf"\mathrm{{{escape(key)}}}" for key, _ in node.keywords]
        args += [f"{key}={value}" for key, value in zip(keys, kids[1:], strict=True)]
    head = name if plain else rf"\mathrm{{{escape(name)}}}"
    return f"{head}({', '.join(args)})"


def _number(value: float) -> str:
    """The shortest text that reads back as the same float (``2`` rather than ``2.0``)."""
    shown = repr(value)
    return shown[:-2] if shown.endswith(".0") else shown


def _level(node: Node) -> int:
    """How tightly the node's text binds, as :data:`PRECEDENCE` counts (a negative number is a
    unary minus)."""
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
    return ATOM
