"""Formulas as plain text for the terminal: the catalog's mathtext made readable.

``$\\frac{x}{1 + e^{-x}}$`` becomes ``x/(1 + e^(-x))``; Greek letters become their Unicode
letters. Only the mathtext the catalog uses needs to be understood.
"""

from __future__ import annotations

import re

SYMBOLS = {
    "alpha": "α", "beta": "β", "lambda": "λ", "sigma": "σ", "theta": "θ", "phi": "φ", "Phi": "Φ",
    "pi": "π", "sum": "Σ", "leq": "≤", "geq": "≥", "cdot": "·", "infty": "∞", "pm": "±",
}
FUNCTIONS = {"max", "min", "ln", "log", "exp", "tanh", "arctan", "sin", "cos", "erf"}
SIMPLE = re.compile(r"^[\w.^αβλσθφΦπ']+$")


def plain(tex: str) -> str:
    """The formula without dollars and backslashes."""
    text = _convert(tex.replace("$", ""))
    return re.sub(r"\s+", " ", text).strip()


def _group(text: str, start: int) -> tuple[str, int]:
    """The braced group starting at ``text[start] == '{'``, and the index after it."""
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start + 1:index], index + 1
    return text[start + 1:], len(text)


def _wrap(text: str) -> str:
    return text if SIMPLE.match(text) else f"({text})"


def _spaced(out: list[str], word: str) -> str:
    """``word`` with a space before it when it would otherwise stick to a preceding factor."""
    previous = "".join(out[-1:])[-1:]
    return f" {word}" if previous and (previous.isalnum() or previous in ")αβλσθφΦπ") else word


def _convert(tex: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            match = re.match(r"\\([A-Za-z]+|.)", tex[index:])
            assert match is not None
            command, index = match.group(1), index + match.end()
            if command in ("frac", "sqrt", "mathrm"):
                first, index = _group(tex, index)
                if command == "frac":
                    second, index = _group(tex, index)
                    out.append(f"{_wrap(_convert(first))}/{_wrap(_convert(second))}")
                elif command == "sqrt":
                    out.append(_spaced(out, f"sqrt({_convert(first)})"))
                else:
                    out.append(_convert(first))
            elif command in SYMBOLS:
                out.append(SYMBOLS[command])
            elif command in FUNCTIONS:
                out.append(_spaced(out, command))
            elif command in (" ", ";", ","):
                out.append(" ")
            elif command in ("!", "left", "right"):
                pass
            else:
                out.append(command)
        elif char in "^_" and index + 1 < len(tex) and tex[index + 1] == "{":
            inner, index = _group(tex, index + 1)
            out.append(char + _wrap(_convert(inner)))
        elif char in "{}":
            index += 1
        else:
            out.append(char)
            index += 1
    return "".join(out)
