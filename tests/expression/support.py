"""Shared by the expression tests: sample points, an evaluation helper, nested and fuzz texts."""

from __future__ import annotations

import numpy as np

from actplot import expression

X = np.linspace(-6.0, 6.0, 241)


def evaluate(text: str, order: int = 0, x: np.ndarray = X, **params: float) -> np.ndarray:
    return expression.activation(text, params).evaluate(x, order)


def nested(depth: int) -> dict[str, str]:
    return {"parentheses": "(" * depth + "x" + ")" * depth,
            "calls": "sin(" * depth + "x" + ")" * depth,
            "unary minus": "-" * depth + "x",
            "powers": "x" + "**x" * depth}


TOKENS = ["x", "1", "2.5", "pi", "b", "+", "-", "*", "/", "**", "(", ")", ",", "exp(", "max(", "gelu(", "where(",
          "x > 0", "sigmoid(", "abs(", "tanh(", " "]
