r"""Formulas as MathML Core for the browser: the catalog's mathtext typeset by Chromium itself.

``$\frac{x}{1 + e^{-x}}$`` becomes ``<math display="block" alttext="x/(1 + e^(-x))">`` holding
an ``mfrac`` of ``<mi>x</mi>`` over ``1 + e^(-x)``, the ``e^(-x)`` an ``msup``. The mathtext is
read by :mod:`actplot.core.formula`'s parser (the one the plain text is written from) and each
of its nodes written as MathML Core elements:

- consecutive digits (and a decimal point) are one ``<mn>``, a letter or Greek letter one
  ``<mi>`` (capital Greek upright, as TeX sets it), an operator an ``<mo>`` (``-`` as ``−``; a
  sign with nothing to its left, ``-x`` or ``\leq -3``, as a prefix ``<mo form="prefix">``);
- ``\frac``, ``\sqrt`` and ``\sqrt[n]`` are ``mfrac``, ``msqrt`` and ``mroot``; a script is an
  ``msup``/``msub`` (both, ``x_a^b``, one ``msubsup``) of the element before it, a whole bracket
  or fraction included (``\sum``'s and ``\prod``'s as mathtext sets them: ``munder``/``mover``,
  which a browser sets beside a small Σ in a fraction); a prime is an ``<mo>′</mo>`` after what
  it marks (the font draws it raised), ``/`` an ``<mo>`` without spacing (TeX's ordinary symbol);
- brackets and absolute values are an ``mrow`` of fences around an ``mrow``, stretchy when it
  holds a fraction or a Σ (a stretchy bracket would also grow around a superscript: ``(1 + αx²)``);
- a named function (``\ln``, ``\tanh^2``) or a word called on a bracket (``\mathrm{erf}(x)``)
  is an ``<mi>`` and its scripts, then the function application ``<mo>&#x2061;</mo>``, set off
  by a thin space from a factor before it and from an argument not in brackets (``\tanh x``);
  so is a fraction from an operand beside it (``\frac{a}{b} x``), as TeX sets them;
- a word of text (``\mathrm{if}``, ``\mathrm{else}``) is an ``<mtext>`` with a space each side;
- ``\,``, ``\ ``, ``\;``, ``\quad`` are ``<mspace>`` of their TeX widths; plain spaces are
  dropped, as mathtext drops them (each ``<mo>`` brings its own spacing).

The ``alttext`` is the formula's plain text (:func:`actplot.core.formula.plain`).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from actplot.core.formula import (
    _Char,
    _Frac,
    _is_text,
    _kind_of,
    _Node,
    _Paren,
    _parse,
    _Script,
    _Space,
    _Sqrt,
    _tokens,
    _Word,
    plain,
)

#: The explicit spaces' widths (TeX's), by the command's name.
SPACE_WIDTHS = {
    ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", "medspace": "0.2222em",
    ";": "0.2778em", "thickspace": "0.2778em", " ": "0.3333em", "enspace": "0.5em", "quad": "1em",
    "qquad": "2em",
}
#: The parser reads any space as a :class:`_Space`; an explicit one is handed to it as a
#: private-use character instead (read as a :class:`_Char`), so that its width survives.
_MARKS = {chr(0xE000 + index): width for index, width in enumerate(SPACE_WIDTHS.values())}
_MARK_OF = {f"\\{name}": f"\\{chr(0xE000 + index)}" for index, name in enumerate(SPACE_WIDTHS)}
#: Characters the operator is written with in MathML.
_OPERATORS = {"-": "−", "·": "⋅", "*": "∗", "Σ": "∑", "Π": "∏"}
_SIGNS = {"-", "+", "±", "∓"}
_PRIMES = {1: "′", 2: "″", 3: "‴", 4: "⁗"}
#: The big operators whose scripts are limits (``movablelimits`` by MathML Core's dictionary).
_LIMITS = {"<mo>∑</mo>", "<mo>∏</mo>"}
_PRIME_ITEMS = {f"<mo>{prime}</mo>" for prime in _PRIMES.values()}
_APPLY = "<mo>&#x2061;</mo>"
_THIN = '<mspace width="0.1667em"/>'
_WORD_SPACE = '<mspace width="0.3333em"/>'
_EMPTY = "<mrow></mrow>"


def mathml(tex: str, display: bool = True) -> str:
    """The mathtext formula ``tex`` (``$`` signs optional) as a MathML Core ``<math>`` element:
    a block of its own when ``display``, else inline with the text around it."""
    tokens = [_MARK_OF.get(token, token) for token in _tokens(tex.replace("$", ""))]
    alttext = escape(plain(tex), quote=False).replace('"', "&quot;")
    body = "".join(_items(_parse(tokens)))
    return f'<math display="{"block" if display else "inline"}" alttext="{alttext}">{body}</math>'


def _items(nodes: Sequence[_Node]) -> list[str]:
    """The nodes as a row of MathML elements (what an ``mrow`` holds)."""
    items: list[str] = []
    applying = False  # a function's name is written; its application mark goes before what follows
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if isinstance(node, _Space):
            index += 1
            continue
        if isinstance(node, _Script):
            index = _scripts(nodes, index, items)
            continue
        if applying:
            applying = False
            items.extend(_application(node))
        if isinstance(node, _Word) and (node.function or not _is_text(nodes, index)):
            if _is_factor(items):
                items.append(_THIN)
            items.append(_mi(node.text))
            applying = True
        elif isinstance(node, _Word):
            items.extend(_text(node.text, items, nodes[index + 1:]))
        elif _kind_of(node) in ("digit", "prime"):  # a number, or primes, as one element
            end = _run_end(nodes, index)
            digits = "".join(part.text for part in nodes[index:end] if isinstance(part, _Char))
            items.append(f"<mn>{digits}</mn>" if _kind_of(node) == "digit" else _prime(end - index))
            index = end
            continue
        else:
            items.append(_element(node, items))
        index += 1
    return _space_fractions(items)


def _run_end(nodes: Sequence[_Node], index: int) -> int:
    """The index after the characters of ``nodes[index]``'s kind that start there."""
    end = index
    while end < len(nodes) and _kind_of(nodes[end]) == _kind_of(nodes[index]):
        end += 1
    return end


def _application(argument: _Node) -> list[str]:
    """The function application mark before a function's ``argument``, and a thin space after
    it unless the argument is in brackets or a space is written."""
    if (isinstance(argument, _Paren) and argument.open != "|") or _is_mark(argument):
        return [_APPLY]
    return [_APPLY, _THIN]


def _space_fractions(items: list[str]) -> list[str]:
    """The row with a thin space between a fraction and an operand beside it (TeX's space
    around an inner atom: ``\\frac{a}{b} x``), where no space is written."""
    out = items[:1]
    for item in items[1:]:
        if (out[-1].startswith("<mfrac") and _has_operand([item])) or (
                item.startswith("<mfrac") and _has_operand(out[-1:])):
            out.append(_THIN)
        out.append(item)
    return out


def _element(node: _Node, before: Sequence[str]) -> str:
    """One node (a character, fraction, root or bracket) as one element; ``before``: the row's
    elements so far (a sign is a prefix when no operand is among them)."""
    if isinstance(node, _Frac):
        return f"<mfrac>{_group(node.numerator)}{_group(node.denominator)}</mfrac>"
    if isinstance(node, _Sqrt):
        if node.index:
            return f"<mroot>{_group(node.body)}{_group(node.index)}</mroot>"
        return f"<msqrt>{''.join(_items(node.body))}</msqrt>"
    if isinstance(node, _Paren):
        stretchy = str(_tall(node.body)).lower()
        return (f'<mrow><mo fence="true" form="prefix" stretchy="{stretchy}">{escape(node.open)}</mo>'
                f'{_group(node.body)}<mo fence="true" form="postfix" stretchy="{stretchy}">{escape(node.close)}</mo>'
                "</mrow>")
    assert isinstance(node, _Char), node
    if node.text in _MARKS:
        return f'<mspace width="{_MARKS[node.text]}"/>'
    text = escape(node.text, quote=False)
    if node.kind == "letter" or (node.kind == "greek" and not node.text.isupper()):
        return f"<mi>{text}</mi>"
    if node.kind == "greek":  # capital Greek is upright
        return f'<mi mathvariant="normal">{text}</mi>'
    text = escape(_OPERATORS.get(node.text, node.text), quote=False)
    if node.text in _SIGNS and not _has_operand(before):
        return f'<mo form="prefix">{text}</mo>'
    if node.text == "/":  # an ordinary symbol in TeX: no space either side
        return f'<mo lspace="0em" rspace="0em">{text}</mo>'
    return f"<mo>{text}</mo>"


def _scripts(nodes: Sequence[_Node], index: int, items: list[str]) -> int:
    """Replace the last of ``items`` (the base) with it and the script ``nodes[index]`` (and
    the other script, right after it: ``x_a^b``); return the index after them."""
    script = nodes[index]
    assert isinstance(script, _Script)
    if script.body and all(_kind_of(part) == "prime" for part in script.body):  # f^{\prime}: as f'
        items.append(_prime(len(script.body)))
        return index + 1
    base = items.pop() if items else _EMPTY
    limits = base in _LIMITS  # Σ's scripts: under and over it in a display, beside it in a fraction
    after = nodes[index + 1] if index + 1 < len(nodes) else None
    if isinstance(after, _Script) and after.mark != script.mark:
        sub, sup = (script, after) if script.mark == "_" else (after, script)
        tag = "munderover" if limits else "msubsup"
        items.append(f"<{tag}>{base}{_group(sub.body)}{_group(sup.body)}</{tag}>")
        return index + 2
    tag = ("mover" if limits else "msup") if script.mark == "^" else ("munder" if limits else "msub")
    items.append(f"<{tag}>{base}{_group(script.body)}</{tag}>")
    return index + 1


def _text(word: str, before: Sequence[str], after: Sequence[_Node]) -> list[str]:
    """A word of text as ``<mtext>``, with a space each side unless one is there already or it
    is at the row's end."""
    word = "".join(" " if char in _MARKS else char for char in word)  # \mathrm{a\ b}
    out = [f"<mtext>{escape(word, quote=False)}</mtext>"]
    if before and not before[-1].startswith("<mspace"):
        out.insert(0, _WORD_SPACE)
    following = [node for node in after if not isinstance(node, _Space)]
    if following and not _is_mark(following[0]):
        out.append(_WORD_SPACE)
    return out


def _group(nodes: Sequence[_Node]) -> str:
    """The nodes as one element: itself if a single one, else an ``mrow`` of them."""
    items = _items(nodes)
    return items[0] if len(items) == 1 else f"<mrow>{''.join(items)}</mrow>"


def _mi(name: str) -> str:
    """A function's name: upright (a single letter explicitly so)."""
    variant = ' mathvariant="normal"' if len(name) == 1 else ""
    return f"<mi{variant}>{escape(name, quote=False)}</mi>"


def _is_mark(node: _Node) -> bool:
    """Whether the node is an explicit space."""
    return isinstance(node, _Char) and node.text in _MARKS


def _last(items: Sequence[str]) -> str:
    """The row's last element other than a space ("" if none)."""
    return next((item for item in reversed(items) if not item.startswith("<mspace")), "")


def _has_operand(items: Sequence[str]) -> bool:
    """Whether an operand ends the row so far (a sign after it is a binary operator)."""
    last = _last(items)
    return last in _PRIME_ITEMS or last.startswith(
        ("<mi", "<mn", "<msup", "<msub", "<mfrac", "<msqrt", "<mroot", "<mrow"))


def _prime(count: int) -> str:
    """``count`` primes as one operator after what they mark: a superscript already in the
    font's glyph (an ``msup`` would shrink and raise it again)."""
    return f"<mo>{_PRIMES.get(count, '′' * count)}</mo>"


def _tall(nodes: Sequence[_Node]) -> bool:
    """Whether the nodes hold a fraction or a big operator (Σ), not in a script: brackets around
    them stretch to it. Others keep the font's own size, which a superscript inside would
    otherwise enlarge."""
    return any(isinstance(node, _Frac) or _kind_of(node) == "big"
               or (isinstance(node, _Paren | _Sqrt) and _tall(node.body)) for node in nodes)


def _is_factor(items: Sequence[str]) -> bool:
    """Whether the row so far ends in an operand with no space after it (a function's name
    after it is set off by a thin space: ``2 max(0, x)``)."""
    return bool(items) and not items[-1].startswith("<mspace") and _has_operand(items)
