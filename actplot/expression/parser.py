"""Text to tree: :func:`parse`, operator precedence with explicit stacks (no recursion per level).

Precedence, loosest first: comparisons < sums < products < unary minus < powers (grouping to the
right) < atoms (numbers, names, calls, parentheses). Nesting is limited to :data:`NESTING_LIMIT`
levels: each open parenthesis, function call, unary minus and power whose exponent is being read
is a level. Every mistake is an :class:`~actplot.expression.errors.ExpressionError` naming its column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from actplot.core.errors import UserError, did_you_mean
from actplot.core.schema import Choice, Param
from actplot.expression.build import neg
from actplot.expression.errors import ExpressionError, error_at
from actplot.expression.lexer import Token, tokenize
from actplot.expression.nodes import (
    CONSTANTS,
    FUNCTIONS,
    Activate,
    Call,
    Compare,
    Name,
    Node,
    Num,
    Power,
    Product,
    Sum,
    Word,
    X,
    walk,
)
from actplot.expression.printing import text as plain_text

#: The deepest nesting of parentheses, calls, unary minus and powers an expression may have.
NESTING_LIMIT = 200
#: Binary operators: precedence (``**`` groups to the right). Unary minus is :data:`UNARY`.
BINARY = {"<": 0, "<=": 0, ">": 0, ">=": 0, "+": 1, "-": 1, "*": 2, "/": 2, "**": 4}
UNARY = 3


def parse(text: str) -> Node:
    """The tree of an expression; raise :class:`ExpressionError` pointing at the column."""
    return _Parser(text).parse()


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
    """The state of one parse: the tokens, the next one's index and the depth of nesting."""

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
        return error_at(self.text, self.token.column, f"{message}, found {found}")

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise error_at(self.text, 1, "the expression is empty")
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
            raise error_at(self.text, token.column, f"nested more than {NESTING_LIMIT} levels deep (each parenthesis, "
                                                    "function call, unary minus and power is a level); "
                                                    f"{NESTING_LIMIT} is the limit")

    # --- where an operand is expected ----------------------------------------------------------

    def operand(self, groups: list[_Group]) -> bool:
        """Read where an operand is expected; return whether one is still expected."""
        group = groups[-1]
        if group.call and group.fresh() and self.keyword_name(group):
            return True
        if self.word(group):
            return False
        token = self.token
        self.index += 1
        if token.kind == "op":
            return self.prefix(groups, token)
        if token.kind == "name":
            return self.named(groups, token)
        if token.kind == "number":
            group.operands.append(self.number(token))
            return False
        self.index -= 1
        raise self.error("expected a number, x, a name or '('")

    def keyword_name(self, group: _Group) -> bool:
        """At the start of a call's argument: read ``name=`` and return True if it is there."""
        token = self.token
        if token.kind == "name" and self.following("="):
            group.key, group.value_at = token, self.tokens[self.index + 2]
            self.index += 2
            return True
        if group.keywords and token.text != ")":
            raise self.error("a positional argument after a keyword argument")
        return False

    def word(self, group: _Group) -> bool:
        """Read a keyword's whole value if it is a word (quoted, or a bare name: which of the two,
        the parameter decides) and return whether it was."""
        token = self.token
        if group.key is None or group.operands or group.operators:
            return False
        if token.kind == "string" or (token.kind == "name" and not token.text.startswith("_")
                                      and self.following(",", ")")):
            self.index += 1
            group.operands.append(Word(token.text))
            return True
        return False

    def prefix(self, groups: list[_Group], token: Token) -> bool:
        """An operator where an operand is expected: unary minus or plus, ``(``, or the ``)`` of
        a call without arguments."""
        group = groups[-1]
        if token.text == "-":
            self.nest(token)
            group.operators.append(Token("neg", "-", token.column))
            return True
        if token.text == "+":
            return True
        if token.text == "(":
            self.nest(token)
            groups.append(_Group(token))
            return True
        if token.text == ")" and group.call and not (group.args or group.keywords) and group.fresh():
            self.close(groups)
            return False
        self.index -= 1
        raise self.error("expected a number, x, a name or '('")

    def named(self, groups: list[_Group], token: Token) -> bool:
        """A name: a call if ``(`` follows, else x, a constant or a parameter."""
        if token.text.startswith("_"):
            raise error_at(self.text, token.column, f"names may not start with '_': '{token.text}'")
        if self.token.kind == "op" and self.token.text == "(":
            self.index += 1
            self.nest(token)
            groups.append(_Group(token, call=True))
            return True
        groups[-1].operands.append(self.name(token))
        return False

    def number(self, token: Token) -> Num:
        value = float(token.text)
        if not math.isfinite(value):
            raise error_at(self.text, token.column, f"number {token.text} is not finite in float64 "
                                                    "(the largest is about 1.8e308)")
        return Num(value)

    def name(self, token: Token) -> Node:
        """A name that is not called: x, a constant or a parameter."""
        if token.text == "x":
            return X()
        if token.text in CONSTANTS:
            return Num(CONSTANTS[token.text])
        if token.text in FUNCTIONS:
            raise error_at(self.text, token.column, f"'{token.text}' is a function: write {token.text}(...)")
        return Name(token.text)

    # --- where an operator is expected ---------------------------------------------------------

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
        """Apply ``op`` to the operands on top of the group's stack."""
        right = group.operands.pop()
        left = group.operands.pop() if op.kind != "neg" else None
        for side in (left, right):
            self.check_operand(op, side)
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

    def check_operand(self, op: Token, side: Node | None) -> None:
        """Refuse a comparison or a word as an operand of ``op``."""
        if isinstance(side, Compare):
            raise error_at(self.text, op.column, "comparisons cannot be chained" if op.text in BINARY and
                           BINARY[op.text] == 0 else "a comparison can only be the first argument of where()")
        if isinstance(side, Word):
            raise error_at(self.text, op.column, f"the word '{side.text}' can only be a keyword's whole value")

    def finish(self, group: _Group) -> Node:
        """The current expression of the group, every waiting operator applied."""
        self.reduce(group, -1)
        node = group.operands.pop()
        assert not group.operands
        return node

    def argument(self, group: _Group) -> None:
        """The end of a call's argument: keep it as positional or keyword argument."""
        value = self.finish(group)
        if group.key is None:
            group.args.append(value)
        else:
            assert group.value_at is not None
            group.keywords.append((group.key, value, group.value_at))
            group.key = None

    def close(self, groups: list[_Group]) -> None:
        """A ``)``: the group's expression, or its call, becomes an operand of the group outside."""
        group = groups.pop()
        self.depth -= 1
        if not group.call:
            groups[-1].operands.append(self.finish(group))
            return
        if group.operands:
            self.argument(group)
        assert group.opener is not None
        groups[-1].operands.append(self.function(group.opener, group.args, group.keywords))

    # --- calls ---------------------------------------------------------------------------------

    def function(self, name: Token, args: list[Node], keywords: list[tuple[Token, Node, Token]]) -> Node:
        """A call: of a function of the language, or of a catalog activation."""
        if name.text in FUNCTIONS:
            return self.builtin(name, args, keywords)
        return self.activation(name, args, keywords)

    def builtin(self, name: Token, args: list[Node], keywords: list[tuple[Token, Node, Token]]) -> Node:
        at, function = name.column, FUNCTIONS[name.text]
        if keywords:
            raise error_at(self.text, at, f"{name.text}() takes no keyword arguments")
        if len(args) != function.arity:
            raise error_at(self.text, at, f"{name.text}() takes {function.arity} argument"
                                          f"{'s' if function.arity > 1 else ''}, got {len(args)}")
        for index, arg in enumerate(args):
            if isinstance(arg, Compare) and not (name.text == "where" and index == 0):
                raise error_at(self.text, at, "a comparison can only be the first argument of where()")
        if name.text == "where" and not isinstance(args[0], Compare):
            raise error_at(self.text, at, "where()'s first argument must be a comparison, like x > 0")
        return Call(name.text, tuple(args))

    def activation(self, name: Token, args: list[Node], keywords: list[tuple[Token, Node, Token]]) -> Node:
        """A catalog activation of one argument, its parameters by keyword."""
        from actplot.catalog import get, registry
        from actplot.core.errors import UnknownActivation

        at = name.column
        try:
            entry = get(name.text)
        except UnknownActivation:
            known = [*FUNCTIONS, *(n.replace("-", "_") for n in registry())]
            raise error_at(self.text, at, f"unknown function '{name.text}'{did_you_mean(name.text, known)}") from None
        if len(args) != 1 or any(isinstance(a, Compare) for a in args):
            raise error_at(self.text, at, f"{name.text}() takes one argument and parameters by keyword")
        resolved: dict[str, Node] = {}
        for key, value, value_at in keywords:
            try:
                param = entry.param(key.text)
            except UserError as error:
                raise error_at(self.text, at, str(error)) from None
            if param.name in resolved:
                raise error_at(self.text, key.column, f"{param.name} of {name.text} is given twice")
            resolved[param.name] = self.keyword(f"{key.text} of {name.text}", param, value, value_at)
        return Activate(entry.name, 0, args[0], tuple(resolved.items()))

    def keyword(self, what: str, param: Param, value: Node, at: Token) -> Node:
        """A keyword's value checked against its parameter: a word of a Choice, else a constant."""
        if isinstance(param.domain, Choice):
            word = value.text if isinstance(value, Word) else plain_text(value)
            try:
                return Word(str(param.coerce(word)))
            except UserError:
                raise error_at(self.text, at.column, f"{what} must be {param.domain}, got '{word}'") from None
        if isinstance(value, Word):
            if at.kind == "string":
                raise error_at(self.text, at.column, f"{what} must be a number, not the word '{value.text}'")
            value = self.name(at)
        if any(isinstance(node, X) for node in walk(value)):
            raise error_at(self.text, at.column, f"{what} must not depend on x; it is a constant "
                                                 "(numbers, parameters, pi, e)")
        return value
