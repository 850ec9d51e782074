"""The catalog's builder (actplot.catalog.builder) and what the catalog builds with it, checked against
values worked out by hand or with mpmath, never against the code under test."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import mpmath
import numpy as np
import pytest

import actplot
from actplot.catalog import FAMILIES, FAMILY_TITLES, builder, extrema, frameworks, learned_gates
from actplot.catalog.self_gates import tanh_exp_gate
from actplot.core.schema import Breakpoint

CATALOG = Path(actplot.__file__).parent / "catalog"
POINTS = (-7.5, -2.0, -0.3, 0.0, 0.7, 1.5, 6.0)


def cubic(x, a, order=0):
    """a x^3 and its derivatives, dispatched on the order as the catalog's functions are."""
    return [a * x**3, 3.0 * a * x**2, 6.0 * a * x][order]


def test_derivatives_call_the_function_with_each_order_and_the_parameters_by_name():
    first, second = builder.derivatives(cubic)
    assert first(2.0, a=0.5) == 6.0  # 3 a x^2
    assert second(2.0, a=0.5) == 6.0  # 6 a x
    assert first(np.array([1.0, -1.0]), a=2.0).tolist() == [6.0, 6.0]
    assert builder.derivative(cubic, 2)(-1.0, a=1.0) == -6.0


def exact_derivative(function, x: float, order: int) -> float:
    with mpmath.workdps(40):
        return float(mpmath.diff(function, mpmath.mpf(x), order))


@pytest.mark.parametrize("x", POINTS)
def test_product_rule_gives_the_derivatives_of_x_sin_x(x):
    g, dg, d2g = math.sin(x), math.cos(x), -math.sin(x)
    for order in (0, 1, 2):
        expected = exact_derivative(lambda t: t * mpmath.sin(t), x, order)
        assert builder.product_rule(x, g, dg, d2g, order) == pytest.approx(expected, rel=1e-14, abs=1e-15)


@pytest.mark.parametrize("x", POINTS)
def test_times_x_differentiates_a_catalog_gate(x):
    function = builder.times_x(tanh_exp_gate)
    for order in (0, 1, 2):
        expected = exact_derivative(lambda t: t * mpmath.tanh(mpmath.exp(t)), x, order)
        got = float(function(np.array([x]), order)[0])
        assert got == pytest.approx(expected, rel=1e-13, abs=1e-15), order


@pytest.mark.parametrize(("name", "params"), [
    ("pelu", {"a": 2.0, "b": 0.5}), ("xielu", {}), ("soft-root-sign", {}), ("penalized-tanh", {"a": 0.5}),
    ("sinc", {}), ("erfact", {}), ("sinlu", {"a": 0.5, "b": 3.0}), ("e-swish", {}), ("golu", {}),
])
def test_built_derivatives_match_finite_differences(name, params):
    """f' and f'' from derivatives() against central differences of f and f' (h = 1e-5: error ~1e-9)."""
    entry = actplot.get(name)
    x = np.array([-2.5, -0.8, 0.6, 1.9])  # away from every kink of these entries
    h = 1e-5
    for order in (1, 2):
        slope = (entry.evaluate(x + h, order - 1, **params) - entry.evaluate(x - h, order - 1, **params)) / (2 * h)
        np.testing.assert_allclose(entry.evaluate(x, order, **params), slope, rtol=1e-7, atol=1e-7)


def test_breaks_at_ignores_the_parameters():
    breakpoints = builder.breaks_at(-2.0, 0.0, 2.0, order=2)
    expected = (Breakpoint(-2.0, 2), Breakpoint(0.0, 2), Breakpoint(2.0, 2))
    assert breakpoints() == expected
    assert breakpoints(alpha=3.0, beta=-1.0) == expected
    assert builder.breaks_at(0.0)() == (Breakpoint(0.0, 1),)
    assert actplot.get("relu").breakpoints() == (Breakpoint(0.0, 1),)
    assert actplot.get("pelu").breakpoints(a=3.0, b=0.25) == (Breakpoint(0.0, 2),)
    assert actplot.get("binary-step").breakpoints() == (Breakpoint(0.0, 0),)


def test_closed_includes_both_ends():
    interval = builder.closed(-1.0, 2.0)
    assert interval.contains(-1.0) and interval.contains(2.0) and interval.contains(0.5)
    assert not interval.contains(math.nextafter(2.0, 3.0)) and not interval.contains(math.nextafter(-1.0, -2.0))
    assert str(interval) == "[-1, 2]"


def test_narrow_reaches_the_root_to_the_float():
    roots = extrema.narrow(lambda x: x**3 - 27.0, np.array([0.0, -1.0]), np.array([10.0, 3.5]))
    assert roots.tolist() == [3.0, 3.0]  # a root that is a float is found exactly
    roots = extrema.narrow(np.cos, np.array([1.0, 4.0]), np.array([2.0, 5.0]))
    for root, exact in zip(roots, (mpmath.pi / 2, 3 * mpmath.pi / 2), strict=True):
        assert abs(mpmath.mpf(float(root)) - exact) <= math.ulp(float(root))
    coarse = extrema.narrow(np.cos, np.array([1.0]), np.array([2.0]), xatol=1e-6)
    assert abs(float(coarse[0]) - math.pi / 2) < 1e-6


@pytest.mark.parametrize("r", [0.0, 0.25, -0.5, 0.9, 1.0, 1e-10])
def test_acon_minimum_matches_mpmath(r):
    with mpmath.workdps(40):
        t = mpmath.findroot(lambda t: abs(r) + mpmath.tanh(t) + t / mpmath.cosh(t) ** 2, -0.5 * abs(r))
        minimum = float(min(t * (abs(r) + mpmath.tanh(t)), 0))
    assert learned_gates._acon_min(r) == pytest.approx(minimum, rel=1e-15, abs=1e-300)


def test_each_family_declares_its_title():
    assert FAMILY_TITLES == {
        "rectifiers": "Rectifiers",
        "piecewise_units": "Piecewise linear and polynomial units",
        "rectifier_variants": "Rectifier variants",
        "exponential": "Exponential linear units",
        "elu_variants": "Exponential units from the literature",
        "gated": "Gated by a distribution or sigmoid",
        "self_gates": "Self-gated: x times a gate",
        "gate_variants": "More self-gated and trainable units",
        "learned_gates": "Gates with a trainable shape",
        "smooth_rectifiers": "Smooth rectifiers",
        "soft_rectifiers": "Soft rectifiers",
        "squashing": "Squashing",
        "sigmoids": "Sigmoid-shaped curves",
        "rational": "Rational",
        "shrink": "Shrinkage",
        "softmax": "The softmax family",
        "gated_units": "Gated linear units",
        "periodic": "Periodic and oscillating",
        "oscillating": "Non-monotonic and polynomial units",
        "wave_units": "Wave and bump units",
        "elementary": "Elementary functions",
        "framework_variants": "As the frameworks compute them",
    }
    assert [family.TITLE for family in FAMILIES] == list(FAMILY_TITLES.values())


def test_pytorch_names_come_from_the_entries():
    modules = {s.qualified.removeprefix("torch.nn."): s.entry for s in frameworks.spellings("torch")
               if s.qualified.count(".") == 2}
    assert modules.pop("Softmax2d") == "softmax"  # the one module no entry is named after: softmax over channels
    assert modules == {entry.torch: entry.name for entry in actplot.registry().values() if entry.torch}
    functions = {s.qualified.removeprefix("torch.nn.functional.") for s in frameworks.spellings("torch")
                 if s.qualified.startswith("torch.nn.functional.")}
    assert functions == {  # torch.nn.functional's own names (PyTorch 2.x)
        "relu", "relu6", "leaky_relu", "prelu", "rrelu", "elu", "celu", "selu", "gelu", "silu", "mish", "sigmoid",
        "tanh", "hardtanh", "hardsigmoid", "hardswish", "hardshrink", "softshrink", "tanhshrink", "softsign",
        "softplus", "logsigmoid", "threshold", "softmax", "softmin", "log_softmax", "glu",
    }
    assert frameworks.spelling("torch.nn.functional.prelu").renames == {"weight": "init"}


def test_each_author_list_is_written_once():
    """No two Paper(...) calls of the catalog's source spell out the same authors."""
    seen: dict[str, str] = {}
    for path in sorted(CATALOG.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Paper" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant | ast.JoinedStr | ast.BinOp):
                    authors = ast.unparse(first)
                    assert authors not in seen, f"{authors} in {path.name} and {seen[authors]}"
                    seen[authors] = path.name
    assert len(seen) >= 40  # the parse found them
