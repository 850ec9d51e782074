"""Formulas as plain text for the terminal."""

from __future__ import annotations

import pytest

import actplot
from actplot.formula import plain
from tests.conftest import case_id, parameter_cases


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"$\frac{x}{1 + e^{-x}}$", "x/(1 + e^(-x))"),
        (r"$x\,\sigma(\beta x)$", "x σ(β x)"),
        (r"$\frac{1}{\beta}\ln(1 + e^{\beta x})$", "1/β ln(1 + e^(β x))"),
        (r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha x$", "x if x > 0 else α x"),
        (r"$\frac{(x + 1)^2}{4}$", "((x + 1)^2)/4"),
        (r"$2\max(0,\ x)$", "2 max(0, x)"),
        (r"$(1 + \alpha x^2)^{-3/2}$", "(1 + α x^2)^(-3/2)"),
        (r"$\frac{x}{2}\,(1 + \tanh(\sqrt{2/\pi}\,(x + 0.044715\,x^3)))$",
         "x/2 (1 + tanh(sqrt(2/π) (x + 0.044715 x^3)))"),
        (r"$\sigma(\beta x)\ \mathrm{if}\ \beta x \leq t\ \mathrm{else}\ 1$", "σ(β x) if β x ≤ t else 1"),
    ],
)
def test_plain_text_of_mathtext(tex, text):
    assert plain(tex) == text


@pytest.mark.parametrize("case", parameter_cases(), ids=case_id)
def test_every_catalog_formula_reads_as_plain_text(case):
    name, params = case
    entry = actplot.get(name)
    for order in (0, 1):
        text = plain(entry.formula_at(order, **params))
        assert text and not any(c in text for c in "\\${}"), text
        assert text.count("(") == text.count(")"), text
