"""Formulas as plain text for the terminal: the catalog's mathtext made readable.

``$\\frac{x}{1 + e^{-x}}$`` becomes ``x/(1 + e^(-x))``; Greek letters become their Unicode
letters. The mathtext is parsed (groups, fractions, roots, scripts, parentheses, absolute
values, named functions, words) and written back with the parentheses plain text needs:

- a fraction's numerator is bracketed unless it is one tight factor (``2x``, ``e^(-x)``), its
  denominator unless it is a single factor (``sqrt(π)``, ``(1 + |x|)^2``, not ``2β``);
- a fraction multiplied by a factor after it is bracketed: ``(1/β) ln(1 + e^(β x))``, and so
  is an inline ``/``'s divisor of more than one factor: ``/ 2\\sigma^2`` is ``/ (2σ^2)``;
- a named function takes its argument in parentheses: ``\\ln\\frac{A}{B}`` is ``ln(A/B)``,
  ``\\tanh^2 u`` is ``tanh^2(u)``;
- a script longer than one letter or number is bracketed: ``e^(z_j)``, ``x^(p - 1)``;
- a word (a function's name, ``if``) never runs into a neighbouring letter.

:func:`ascii_text` spells the Greek letters and symbols out for a terminal without UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Greek letters by mathtext command (the ``var`` forms are the same letter in plain text).
GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "π", "rho": "ρ", "varrho": "ρ",
    "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
#: Symbols that stand for a quantity, as a letter does.
ATOMS = {"infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ"}
#: Big operators: a factor, with their limits as scripts.
BIG = {"sum": "Σ", "prod": "Π", "int": "∫"}
#: Relations and operators.
OPERATORS = {
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "equiv": "≡",
    "sim": "~", "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "mapsto": "↦", "in": "∈", "ll": "≪", "gg": "≫", "circ": "∘", "ldots": "…",
    "cdots": "⋯", "dots": "…", "propto": "∝", "lt": "<", "gt": ">",
}
DOTS = {"ldots", "cdots", "dots"}
#: Delimiters written as commands.
DELIMITERS = {"vert": "|", "lvert": "|", "rvert": "|", "mid": "|"}
#: mathtext's named functions: upright words applied to an argument.
FUNCTIONS = {
    "arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "det", "dim", "exp",
    "gcd", "hom", "inf", "ker", "lg", "lim", "liminf", "limsup", "ln", "log", "max", "min", "Pr", "sec",
    "sin", "sinh", "sup", "tan", "tanh", "erf", "sgn",
}
#: Commands whose argument is shown as an upright word (``\mathrm{if}``, ``\operatorname{erf}``).
WORDS = {"mathrm", "text", "textrm", "textit", "operatorname", "mathit", "mathbf", "mathsf", "mathtt",
         "mathcal", "mathbb", "boldsymbol", "mathnormal", "textbf"}
#: Commands that only size or space: dropped (their delimiter stays), or a space.
SIZES = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
         "displaystyle", "textstyle", "limits", "nolimits"}
SPACES = {",", ";", ":", " ", "quad", "qquad", "enspace", "thinspace", "medspace", "thickspace"}
#: Escaped characters shown as themselves.
ESCAPED = {"_": "_", "%": "%", "$": "$", "#": "#", "&": "&", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}",
           "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
           "Vert": "‖", "|": "‖"}
#: Plain text's non-ASCII characters as ASCII (Greek letters by name).
ASCII = {
    **{letter: name for name, letter in GREEK.items() if not name.startswith("var") or letter == "ς"},
    "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~", "≡": "==", "·": "*", "×": "x", "÷": "/", "±": "+-",
    "∓": "-+", "→": "->", "←": "<-", "↦": "|->", "∞": "inf", "∂": "d", "∇": "nabla", "ℓ": "l", "Σ": "sum",
    "Π": "prod", "∫": "int", "…": "...", "⋯": "...", "′": "'", "″": "''", "‖": "||", "⟨": "<", "⟩": ">",
    "∘": "o", "∈": "in", "≪": "<<", "≫": ">>", "∝": "~", "⌊": "floor(", "⌋": ")", "⌈": "ceil(", "⌉": ")",
}


def plain(tex: str) -> str:
    """The formula as plain Unicode text: no dollars, backslashes or braces."""
    return _tidy(_render(_parse(_tokens(tex.replace("$", "")))))


def ascii_text(text: str) -> str:
    """Plain text for a terminal without UTF-8: Greek letters and symbols spelled out (a spelled
    letter kept apart from a neighbouring letter or digit: ``λα`` is ``lambda alpha``), any other
    non-ASCII character as ``?``."""
    out = ""
    for index, char in enumerate(text):
        if ord(char) < 128:
            out += char
            continue
        spelled = ASCII.get(char, "?")
        if spelled[:1].isalpha():
            if out[-1:].isalnum():
                out += " "
            after = text[index + 1:index + 2]
            if after.isalnum() or ASCII.get(after, "")[:1].isalpha():
                spelled += " "
        out += spelled
    return out


# --- reading mathtext ------------------------------------------------------------------------

@dataclass
class _Char:
    """One character. ``kind``: letter (ASCII), digit (or the decimal point), greek (any other
    letter, or a symbol for a quantity), big (Σ), prime, or op (operators, relations, punctuation)."""

    text: str
    kind: str


@dataclass
class _Space:
    pass


@dataclass
class _Word:
    """An upright word: a named function (``\\ln``, applied to what follows) or text (``if``, ``erf``)."""

    text: str
    function: bool


@dataclass
class _Script:
    mark: str  # ^ or _
    body: list[_Node]


@dataclass
class _Frac:
    numerator: list[_Node]
    denominator: list[_Node]


@dataclass
class _Sqrt:
    body: list[_Node]
    index: list[_Node]


@dataclass
class _Paren:
    """Brackets and what they hold: ``(`` ``)``, ``[`` ``]``, or ``|`` ``|`` around an absolute value."""

    open: str
    body: list[_Node]
    close: str


_Node = _Char | _Space | _Word | _Script | _Frac | _Sqrt | _Paren
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|(.)", re.DOTALL)
_CLOSING = {"(": ")", "[": "]", "|": "|"}


def _tokens(tex: str) -> list[str]:
    """Commands (``\\frac``, ``\\,``) and single characters; ``\\vert`` as ``|``, ``\\\\`` as ``;``."""
    out: list[str] = []
    for match in _TOKEN.finditer(tex):
        command, char = match.groups()
        if command is None:
            out.append(char)
        elif command in DELIMITERS:
            out.append(DELIMITERS[command])
        elif command == "\\":
            out.append(";")
        else:
            out.append("\\" + command)
    return out


def _parse(tokens: list[str]) -> list[_Node]:
    return _Reader(tokens).sequence(None)


class _Reader:
    """A recursive-descent reader of the tokens into nodes."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.at = 0
        self.bars: list[bool] = []  # per open bracket: is it an absolute value's bar?

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        self.at += 1
        return self.tokens[self.at - 1]

    def skip_spaces(self) -> None:
        while self.peek() == " ":
            self.at += 1

    def argument(self) -> list[_Node]:
        """A command's argument: a braced group or the next single item."""
        self.skip_spaces()
        token = self.peek()
        if token is None or token == "}":
            return []
        if token == "{":
            self.take()
            return self.sequence("}")
        nodes: list[_Node] = []
        while not nodes and self.peek() not in (None, "}"):
            self.item(self.take(), nodes)
        return nodes

    def sequence(self, stop: str | None) -> list[_Node]:
        """The items up to ``stop`` (taken) or the end. A bracket left open ends with its group."""
        nodes: list[_Node] = []
        while (token := self.peek()) is not None:
            if token == stop:
                self.take()
                break
            if token == "}":
                if stop in _CLOSING.values():
                    break
                self.take()  # a stray closing brace
                continue
            self.item(self.take(), nodes)
        return nodes

    def item(self, token: str, nodes: list[_Node]) -> None:
        if token == "{":
            nodes.extend(self.sequence("}"))
        elif token in ("^", "_"):
            nodes.append(_Script(token, self.argument()))
        elif token in ("(", "[") or (token == "|" and not (self.bars and self.bars[-1])):
            self.bars.append(token == "|")
            body = self.sequence(_CLOSING[token])
            self.bars.pop()
            nodes.append(_Paren(token, body, _CLOSING[token]))
        elif token == " ":
            nodes.append(_Space())
        elif token.startswith("\\"):
            self.command(token[1:], nodes)
        else:
            nodes.append(_Char(token, _kind(token)))

    def command(self, name: str, nodes: list[_Node]) -> None:
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            numerator = self.argument()
            nodes.append(_Frac(numerator, self.argument()))
        elif name == "sqrt":
            index: list[_Node] = []
            self.skip_spaces()
            if self.peek() == "[":
                self.take()
                index = self.sequence("]")
            nodes.append(_Sqrt(self.argument(), index))
        elif name in WORDS:
            nodes.append(_Word(_tidy(_render(self.argument())), function=False))
        elif name in FUNCTIONS:
            nodes.append(_Word(name, function=True))
        elif name in GREEK or name in ATOMS:
            nodes.append(_Char(GREEK.get(name) or ATOMS[name], "greek"))
        elif name in BIG:
            nodes.append(_Char(BIG[name], "big"))
        elif name in OPERATORS:  # spaced as mathtext spaces them: x \cdot y is x · y
            nodes.extend([_Space(), _Char(OPERATORS[name], "op"), _Space()] if name not in DOTS else
                         [_Char(OPERATORS[name], "op")])
        elif name == "prime":
            nodes.append(_Char("'", "prime"))
        elif name in ESCAPED:
            nodes.append(_Char(ESCAPED[name], "letter" if name == "_" else "op"))
        elif name in SPACES:
            nodes.append(_Space())
        elif name in SIZES:
            if self.peek() == ".":  # \left. : no delimiter
                self.take()
        elif name.isalpha():  # any other command: its name as a word, never run into a neighbour
            nodes.append(_Word(name, function=False))
        elif name != "!":
            nodes.append(_Char(name, _kind(name)))


def _kind(char: str) -> str:
    if char.isascii() and char.isalpha():
        return "letter"
    if char.isdigit() or char == ".":
        return "digit"
    if char == "'":
        return "prime"
    return "greek" if char.isalpha() else "op"


# --- writing plain text ----------------------------------------------------------------------

_SHORT = re.compile(r"[^\W_]+|[^\W_]+\.[^\W_]+")  # a script written without brackets: x, 2, β, 0.5


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"([(\[]) | ([)\]])", r"\1\2", text)


def _text(nodes: Sequence[_Node]) -> str:
    return _tidy(_render(nodes))


def _render(nodes: Sequence[_Node]) -> str:
    """The nodes as text, each piece joined to the one before with a space where the two would
    run together."""
    out = ""
    previous: _Node | None = None
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if isinstance(node, _Word) and node.function:
            piece, index = _application(nodes, index)
        elif isinstance(node, _Frac):
            piece = _fraction(node)
            if _factor_after(nodes, index) or (_factor_before(nodes, index) and piece[:1].isdigit()):
                piece = f"({piece})"
            index += 1
        elif isinstance(node, _Char) and node.text == "/":
            piece, index = _divisor(nodes, index)
        else:
            piece = _piece(node)
            index += 1
        out = _join(out, piece, previous, node)
        previous = node
    return out


def _divisor(nodes: Sequence[_Node], index: int) -> tuple[str, int]:
    r"""An inline ``/`` and what it divides by, bracketed when that is more than one factor
    (``/ 2\sigma^2`` is ``/ (2σ^2)``); and the index after it."""
    start = _skip_spaces(nodes, index + 1, 1)
    end = start
    while end < len(nodes) and _in_operand(nodes[end], end == start):
        end += 1
    if end == start or _single(nodes[start:end]):
        return "/", index + 1
    return "/" + " " * (start > index + 1) + f"({_text(nodes[start:end])})", end


def _piece(node: _Node) -> str:
    """One node's text (a fraction as it is, a named function without its argument)."""
    if isinstance(node, _Char):
        return node.text
    if isinstance(node, _Space):
        return " "
    if isinstance(node, _Word):
        return node.text
    if isinstance(node, _Script):
        body = _text(node.body)
        if body == "'":  # f^{\prime}
            return body
        return node.mark + (body if _SHORT.fullmatch(body) else f"({body})")
    if isinstance(node, _Frac):
        return _fraction(node)
    if isinstance(node, _Sqrt):
        body, index = _text(node.body), _text(node.index)
        if index:
            base = body if _single(node.body) else f"({body})"
            return f"{base}^(1/{index if _SHORT.fullmatch(index) else f'({index})'})"
        return f"sqrt({body})"
    return f"{node.open}{_text(node.body)}{node.close}"


def _fraction(node: _Frac) -> str:
    """``a/b``, the numerator bracketed unless it is one tight factor, the denominator unless it
    is a single factor."""
    numerator, denominator = _text(node.numerator), _text(node.denominator)
    if not _tight(node.numerator):
        numerator = f"({numerator})"
    if not _single(node.denominator):
        denominator = f"({denominator})"
    return f"{numerator}/{denominator}"


def _application(nodes: Sequence[_Node], index: int) -> tuple[str, int]:
    """A named function with its scripts (``\\tanh^2``) and its argument in parentheses: the
    bracket that follows, or else a fraction, or a factor written without spaces (``\\tanh x``,
    ``\\ln\\,\\sigma(x)``); and the index after it."""
    name = _piece(nodes[index])
    index += 1
    while index < len(nodes) and isinstance(nodes[index], _Script):
        name += _piece(nodes[index])
        index += 1
    start = _skip_spaces(nodes, index, 1)
    first = nodes[start] if start < len(nodes) else None
    if isinstance(first, _Paren) and first.open == "(":
        return name + _piece(first), start + 1
    if isinstance(first, _Frac):
        return f"{name}({_fraction(first)})", start + 1
    if isinstance(first, _Word) and first.function:
        inner, end = _application(nodes, start)
        return f"{name}({inner})", end
    end = start
    while end < len(nodes) and _in_operand(nodes[end], end == start):
        end += 1
    if end == start:
        return name, index
    return f"{name}({_text(nodes[start:end])})", end


def _in_operand(node: _Node, first: bool) -> bool:
    """Whether ``node`` belongs to a function's unbracketed argument (``x``, ``σ(x)``, ``2x``, ``e^x``)."""
    if isinstance(node, _Char):
        return node.kind in ("letter", "digit", "greek", "prime") or (first and node.kind == "big")
    return isinstance(node, _Script | _Sqrt | _Paren)


def _skip_spaces(nodes: Sequence[_Node], index: int, step: int) -> int:
    while 0 <= index < len(nodes) and isinstance(nodes[index], _Space):
        index += step
    return index


def _factor_after(nodes: Sequence[_Node], index: int) -> bool:
    """Whether what follows ``nodes[index]`` multiplies it or raises it to a power."""
    at = _skip_spaces(nodes, index + 1, 1)
    after = nodes[at] if at < len(nodes) else None
    if isinstance(after, _Char):
        return after.kind in ("letter", "digit", "greek", "big")
    if isinstance(after, _Word):
        return not _is_text(nodes, at)
    if isinstance(after, _Paren):  # a remark in brackets, ``(1 at 0)``, is not a factor
        return not any(_is_text(after.body, i) for i in range(len(after.body)))
    return isinstance(after, _Script | _Sqrt | _Frac)


def _is_text(nodes: Sequence[_Node], index: int) -> bool:
    """Whether ``nodes[index]`` is a word of text (``if``, ``else``), not a function or a call (``erf(x)``)."""
    node, after = nodes[index], nodes[index + 1] if index + 1 < len(nodes) else None
    call = isinstance(after, _Paren) and after.open == "("
    return isinstance(node, _Word) and not node.function and not call


def _factor_before(nodes: Sequence[_Node], index: int) -> bool:
    at = _skip_spaces(nodes, index - 1, -1)
    before = nodes[at] if at >= 0 else None
    if isinstance(before, _Char):
        return before.kind in ("letter", "digit", "greek", "prime")
    return isinstance(before, _Script | _Sqrt | _Paren | _Frac)


def _strip(nodes: Sequence[_Node]) -> list[_Node]:
    items = list(nodes)
    while items and isinstance(items[0], _Space):
        items.pop(0)
    while items and isinstance(items[-1], _Space):
        items.pop()
    return items


def _kind_of(node: _Node) -> str:
    return node.kind if isinstance(node, _Char) else ""


def _single(nodes: Sequence[_Node]) -> bool:
    """One factor: a name, a number, a bracket, a root or a function's call, with its scripts and
    primes (``x``, ``σ'(x)``, ``e^(-x)``, ``(1 + |x|)^2``, ``sqrt(π)``), not ``2β`` or ``σ sqrt(2)``."""
    items = _strip(nodes)
    if not items:
        return True
    first, index = items[0], 1
    callable_ = False  # may a bracket right after it be its argument?
    if isinstance(first, _Char):
        if first.kind in ("letter", "digit"):  # a name (letters, then letters or digits) or a number
            allowed = ("letter", "digit") if first.kind == "letter" else ("digit",)
            while index < len(items) and _kind_of(items[index]) in allowed:
                index += 1
            callable_ = first.kind == "letter"
        elif first.kind == "greek":
            callable_ = True
        else:
            return False
    elif isinstance(first, _Word):
        if first.function:
            return _application(items, 0)[1] == len(items)
        callable_ = True
    elif not isinstance(first, _Paren | _Sqrt):
        return False
    for node in items[index:]:
        if isinstance(node, _Script) or (isinstance(node, _Char) and node.kind == "prime"):
            continue
        if isinstance(node, _Paren) and node.open == "(" and callable_:
            callable_ = False
            continue
        return False
    return True


def _tight(nodes: Sequence[_Node]) -> bool:
    """One factor, or a product written without spaces or operators (``2x``, ``λα``), or minus one."""
    items = _strip(nodes)
    if items and isinstance(items[0], _Char) and items[0].text == "-":
        items = items[1:]
    if _single(items):
        return True
    for position, node in enumerate(items):
        if isinstance(node, _Space | _Frac) or (isinstance(node, _Char) and node.kind in ("op", "big")):
            return False
        if isinstance(node, _Word) and (node.function or _is_text(items, position)):
            return False
    return True


def _join(out: str, piece: str, previous: _Node | None, node: _Node) -> str:
    """``out + piece``, with a space where a word would touch a letter, digit or bracket
    (``2 max(0, x)``, ``σ sqrt(2)``) or a script would run into the factor after it
    (``e^x σ(x)``, not ``e^xσ(x)``; ``h_k(x)`` stays a call)."""
    if not out or not piece or out[-1] == " " or piece[0] == " ":
        return out + piece
    last, first = out[-1], piece[0]
    if isinstance(node, _Word | _Sqrt) and (last.isalnum() or last in ")]'|"):
        return f"{out} {piece}"
    if isinstance(previous, _Word | _Sqrt) and first.isalnum():
        return f"{out} {piece}"
    if isinstance(previous, _Script) and not isinstance(node, _Script) and (
            first.isalnum() or (previous.mark == "^" and first in "(|")):
        return f"{out} {piece}"
    return out + piece
