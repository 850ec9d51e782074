"""Formulas as MathML Core (:mod:`actplot.core.mathml`).

A few formulas are compared with their MathML written out by hand; every formula of the
catalog (f and f' of every entry and of every framework's name) must come out as well-formed
XML, a ``<math>`` of MathML Core elements with no mathtext left in its text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from actplot.catalog import frameworks, get, registry
from actplot.core.formula import SPACES
from actplot.core.mathml import SPACE_WIDTHS, mathml

#: Brackets: fences that keep their size, and those that stretch (around a fraction).
OPEN = '<mo fence="true" form="prefix" stretchy="false">(</mo>'
CLOSE = '<mo fence="true" form="postfix" stretchy="false">)</mo>'
BAR_OPEN = '<mo fence="true" form="prefix" stretchy="false">|</mo>'
BAR_CLOSE = '<mo fence="true" form="postfix" stretchy="false">|</mo>'
TALL_OPEN = '<mo fence="true" form="prefix" stretchy="true">(</mo>'
TALL_CLOSE = '<mo fence="true" form="postfix" stretchy="true">)</mo>'
THIN = '<mspace width="0.1667em"/>'  # \,
SPACE = '<mspace width="0.3333em"/>'  # \  and around a word of text
APPLY = "<mo>&#x2061;</mo>"
MINUS = '<mo form="prefix">−</mo>'  # a sign, not a binary operator

#: Mathtext, its plain text (the alttext) and the MathML inside <math>, written by hand.
EXPECTED = [
    (  # a fraction, a superscript, a leading minus
        r"$\frac{x}{1 + e^{-x}}$", "x/(1 + e^(-x))",
        f"<mfrac><mi>x</mi><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow>{MINUS}<mi>x</mi></mrow></msup>"
        "</mrow></mfrac>",
    ),
    (  # a script on a bracket: the whole bracket is its base
        r"$(1 + \alpha x^2)^{-3/2}$", "(1 + α x^2)^(-3/2)",
        f"<msup><mrow>{OPEN}<mrow><mn>1</mn><mo>+</mo><mi>α</mi><msup><mi>x</mi><mn>2</mn></msup></mrow>{CLOSE}"
        f'</mrow><mrow>{MINUS}<mn>3</mn><mo lspace="0em" rspace="0em">/</mo><mn>2</mn></mrow></msup>',
    ),
    (  # subscript and superscript: one element, on a letter and on a sum (limits)
        r"$\sum_{k=1}^{n} x_k^2$", "Σ_(k=1)^n x_k^2",
        "<munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>"
        "<msubsup><mi>x</mi><mi>k</mi><mn>2</mn></msubsup>",
    ),
    (  # a square root
        r"$\frac{x}{\sqrt{1 + \alpha x^2}}$", "x/sqrt(1 + α x^2)",
        "<mfrac><mi>x</mi><msqrt><mn>1</mn><mo>+</mo><mi>α</mi><msup><mi>x</mi><mn>2</mn></msup></msqrt></mfrac>",
    ),
    (  # a function with a script, applied to an argument without brackets
        r"$1 - \tanh^2 x$", "1 - tanh^2(x)",
        f"<mn>1</mn><mo>−</mo><msup><mi>tanh</mi><mn>2</mn></msup>{APPLY}{THIN}<mi>x</mi>",
    ),
    (  # a function applied to a fraction, after a fraction
        r"$\frac{1}{p}\ln\frac{a}{b}$", "(1/p) ln(a/b)",
        f"<mfrac><mn>1</mn><mi>p</mi></mfrac>{THIN}<mi>ln</mi>{APPLY}{THIN}<mfrac><mi>a</mi><mi>b</mi></mfrac>",
    ),
    (  # a function applied to a bracket; explicit spaces
        r"$\max(0,\ x)$", "max(0, x)",
        f"<mi>max</mi>{APPLY}<mrow>{OPEN}<mrow><mn>0</mn><mo>,</mo>{SPACE}<mi>x</mi></mrow>{CLOSE}</mrow>",
    ),
    (  # a piecewise form: words of text, an escaped >
        r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha\,(e^{x} - 1)$", "x if x &gt; 0 else α (e^x - 1)",
        f"<mi>x</mi>{SPACE}<mtext>if</mtext>{SPACE}<mi>x</mi><mo>&gt;</mo><mn>0</mn>{SPACE}<mtext>else</mtext>"
        f"{SPACE}<mi>α</mi>{THIN}<mrow>{OPEN}<mrow><msup><mi>e</mi><mi>x</mi></msup><mo>−</mo><mn>1</mn></mrow>"
        f"{CLOSE}</mrow>",
    ),
    (  # Greek letters: a capital upright
        r"$\Phi(x) + x\,\phi(x)$", "Φ(x) + x φ(x)",
        f'<mi mathvariant="normal">Φ</mi><mrow>{OPEN}<mi>x</mi>{CLOSE}</mrow><mo>+</mo><mi>x</mi>{THIN}'
        f"<mi>φ</mi><mrow>{OPEN}<mi>x</mi>{CLOSE}</mrow>",
    ),
    (  # an absolute value in a bracket with a script
        r"$\frac{1}{(1 + |x|)^2}$", "1/(1 + |x|)^2",
        f"<mfrac><mn>1</mn><msup><mrow>{OPEN}<mrow><mn>1</mn><mo>+</mo><mrow>{BAR_OPEN}<mi>x</mi>{BAR_CLOSE}</mrow>"
        f"</mrow>{CLOSE}</mrow><mn>2</mn></msup></mfrac>",
    ),
    (  # a word called on a bracket is a function; a decimal number; a prime; a binary minus after it
        r"$\mathrm{erf}(x) + 1.702\,\sigma'(x) - 1$", "erf(x) + 1.702 σ'(x) - 1",
        f"<mi>erf</mi>{APPLY}<mrow>{OPEN}<mi>x</mi>{CLOSE}</mrow><mo>+</mo><mn>1.702</mn>{THIN}<mi>σ</mi>"
        f"<mo>′</mo><mrow>{OPEN}<mi>x</mi>{CLOSE}</mrow><mo>−</mo><mn>1</mn>",
    ),
    (  # brackets around a fraction stretch
        r"$\frac{1}{2}\,(1 + \frac{x}{2})$", "(1/2) (1 + x/2)",
        f"<mfrac><mn>1</mn><mn>2</mn></mfrac>{THIN}<mrow>{TALL_OPEN}<mrow><mn>1</mn><mo>+</mo>"
        f"<mfrac><mi>x</mi><mn>2</mn></mfrac></mrow>{TALL_CLOSE}</mrow>",
    ),
    (  # a fraction set off from a factor after it; an inline division without spacing
        r"$\frac{a}{b} e^{x/b}$", "(a/b) e^(x/b)",
        f"<mfrac><mi>a</mi><mi>b</mi></mfrac>{THIN}<msup><mi>e</mi><mrow><mi>x</mi>"
        '<mo lspace="0em" rspace="0em">/</mo><mi>b</mi></mrow></msup>',
    ),
    (  # a sign after a relation
        r"$0\ \mathrm{if}\ x \leq -3$", "0 if x ≤ -3",
        f"<mn>0</mn>{SPACE}<mtext>if</mtext>{SPACE}<mi>x</mi><mo>≤</mo>{MINUS}<mn>3</mn>",
    ),
]


@pytest.mark.parametrize(("tex", "alttext", "body"), EXPECTED, ids=[tex for tex, _, _ in EXPECTED])
def test_expected_mathml(tex: str, alttext: str, body: str) -> None:
    assert mathml(tex) == f'<math display="block" alttext="{alttext}">{body}</math>'


def test_inline() -> None:
    assert mathml("$x$", display=False) == '<math display="inline" alttext="x"><mi>x</mi></math>'


def test_every_explicit_space_has_a_width() -> None:
    assert set(SPACE_WIDTHS) == SPACES


def _catalog_formulas() -> list[str]:
    """Every formula of the catalog, each once: f, f' (and what order 2 gives) of every entry
    and of every framework's name."""
    formulas: dict[str, None] = {}
    for entry in registry().values():
        for order in (0, 1, 2):
            formulas[entry.formula_at(order)] = None
    for spelling in frameworks.SPELLINGS:
        for order in (0, 1, 2):
            formulas[get(spelling.qualified).formula_at(order)] = None
    return list(formulas)


#: MathML Core's elements, those this module writes.
ELEMENTS = {"math", "mrow", "mi", "mn", "mo", "mtext", "mspace", "mfrac", "msqrt", "mroot", "msup", "msub",
            "msubsup", "munder", "mover", "munderover"}


@pytest.mark.parametrize("tex", _catalog_formulas())
def test_catalog_formula(tex: str) -> None:
    root = ET.fromstring(mathml(tex))
    assert root.tag == "math"
    assert root.get("display") == "block"
    assert {element.tag for element in root.iter()} <= ELEMENTS
    text = "".join(root.itertext())
    assert text.strip()
    assert not set(text) & set("\\${}"), text
    assert not any(0xE000 <= ord(char) <= 0xF8FF for char in text), text  # no space's placeholder left


@pytest.mark.parametrize(
    "symbol", sorted({p.symbol for entry in registry().values() for p in entry.parameters if p.symbol}))
def test_parameter_symbol(symbol: str) -> None:
    """The parameters' symbols, inline (as the site's parameter tables show them)."""
    root = ET.fromstring(mathml(f"${symbol}$", display=False))
    assert root.tag == "math" and root.get("display") == "inline"
    text = "".join(root.itertext())
    assert text and not set(text) & set("\\${}"), text
