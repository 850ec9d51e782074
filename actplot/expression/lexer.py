"""Text to tokens: numbers, names, operators and (as a keyword's value only) quoted words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from actplot.expression.errors import ExpressionError, error_at

TOKEN = re.compile(r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
                   r"|(?P<op>\*\*|<=|>=|[-+*/^(),<>=])|(?P<string>'[^']*'|\"[^\"]*\"))")


@dataclass(frozen=True)
class Token:
    kind: str  # number, name, op, string, end (and neg: a unary minus waiting for its operand)
    text: str  # a string's text is without its quotes
    column: int  # 1-based


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``end`` token; anything else is an error at its column.

    A quoted string is a token only as a keyword's value (after ``name=``). ``^`` is read as ``**``.
    """
    tokens: list[Token] = []
    position, end = 0, len(text.rstrip())
    while position < end:
        keyword = _after_keyword(tokens)
        match = TOKEN.match(text, position)
        if match is None or (match.lastgroup == "string" and not keyword):
            raise _unexpected(text, position, keyword)
        kind = match.lastgroup or "op"
        value = match.group(kind)
        if kind == "string":
            value = value[1:-1]
        tokens.append(Token(kind, "**" if value == "^" and kind == "op" else value, match.start(kind) + 1))
        position = match.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def _after_keyword(tokens: list[Token]) -> bool:
    """Whether the tokens so far end with ``name =``, so a keyword's value comes next."""
    return len(tokens) >= 2 and tokens[-1] == Token("op", "=", tokens[-1].column) and tokens[-2].kind == "name"


def _unexpected(text: str, position: int, keyword: bool) -> ExpressionError:
    """The error for the text at ``position`` that is no token."""
    column = len(text) - len(text[position:].lstrip()) + 1
    what = "a quote that is not closed" if keyword and text[column - 1] in "'\"" else \
        f"unexpected character '{text[column - 1]}'"
    return error_at(text, column, what)
