"""The one error of the expression language, and the form of a message that points at a column."""

from __future__ import annotations

from actplot.core.errors import UserError


class ExpressionError(UserError, ValueError):
    """An expression that cannot be parsed or evaluated, with the column where it went wrong."""


def error_at(text: str, column: int, message: str) -> ExpressionError:
    """``column N of 'TEXT': MESSAGE``: a mistake at the 1-based ``column`` of ``text``."""
    return ExpressionError(f"column {column} of '{text}': {message}")
