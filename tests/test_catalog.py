"""The registry: its content, lookup, numerics, formulas, properties and breakpoints."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from matplotlib.mathtext import MathTextParser

import actplot
from actplot.catalog import BUILTINS, lookup_key
from actplot.core.formula import plain
from actplot.core.schema import Choice, Vector
from tests.conftest import case_id, parameter_cases

CASES = parameter_cases()

#: The 23 elementwise activations of torch.nn, and the softmax family (from the issue).
TORCH_ELEMENTWISE = {
    "ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "CELU", "SELU", "GELU", "SiLU", "Mish",
    "Sigmoid", "Tanh", "Hardtanh", "Hardsigmoid", "Hardswish", "Hardshrink", "Softshrink",
    "Tanhshrink", "Softsign", "Softplus", "LogSigmoid", "Threshold",
}
TORCH_SOFTMAX = {"Softmax", "Softmin", "LogSoftmax"}

#: PyTorch's documented defaults (torch.nn docs); Threshold has none.
TORCH_DEFAULTS = {
    "LeakyReLU": {"negative_slope": 0.01},
    "PReLU": {"init": 0.25},
    "RReLU": {"lower": 1.0 / 8.0, "upper": 1.0 / 3.0},
    "ELU": {"alpha": 1.0},
    "CELU": {"alpha": 1.0},
    "GELU": {"approximate": "none"},
    "Softplus": {"beta": 1.0, "threshold": 20.0},
    "Hardtanh": {"min_val": -1.0, "max_val": 1.0},
    "Hardshrink": {"lambd": 0.5},
    "Softshrink": {"lambd": 0.5},
}


def test_catalog_holds_every_pytorch_activation_and_more():
    torch_names = {entry.torch for entry in BUILTINS.values()}
    assert TORCH_ELEMENTWISE <= torch_names
    assert TORCH_SOFTMAX <= torch_names
    assert len(actplot.names()) >= 35
    for required in ("identity", "binary-step", "squareplus", "sparse-plus", "swish-beta",
                     "exponential", "gaussian", "sinusoid"):
        assert required in BUILTINS
    assert actplot.get("squareplus").params["b"] == 4.0


def test_names_are_canonical_kebab_case_in_catalog_order():
    names = actplot.names()
    assert names == list(actplot.registry()) and names[: len(BUILTINS)] == list(BUILTINS)
    assert names[0] == "relu"
    for name in names:
        assert name == name.lower() and "_" not in name and " " not in name


@pytest.mark.parametrize(("torch_name", "defaults"), sorted(TORCH_DEFAULTS.items()))
def test_defaults_are_pytorchs(torch_name, defaults):
    entry = actplot.get(torch_name)
    assert dict(entry.params) == defaults


@pytest.mark.parametrize(
    ("alias", "name"),
    [("LeakyReLU", "leaky-relu"), ("leaky_relu", "leaky-relu"), ("LEAKY-RELU", "leaky-relu"),
     ("swish", "silu"), ("logistic", "sigmoid"), ("hard_silu", "hardswish"), ("LogSoftmax", "log-softmax"),
     ("Hardswish", "hardswish"), ("GELU", "gelu"), ("linear", "identity"), ("relu6", "relu6")],
)
def test_lookup_by_any_alias_in_any_case(alias, name):
    assert actplot.get(alias).name == name


def test_unknown_name_suggests_close_names():
    with pytest.raises(LookupError, match=r"unknown activation 'leaky-rleu'; did you mean 'leaky-relu'"):
        actplot.get("leaky-rleu")
    with pytest.raises(LookupError, match="'actplot list' shows them all"):
        actplot.get("qqqqqqq")


def test_aliases_are_unambiguous():
    seen: dict[str, str] = {}
    for entry in BUILTINS.values():
        for alias in entry.all_names:
            assert seen.setdefault(lookup_key(alias), entry.name) == entry.name


def test_every_entry_is_documented():
    for entry in BUILTINS.values():
        assert entry.summary.endswith(".") and "\n" not in entry.summary, entry.name
        assert entry.kink_convention, entry.name
        if entry.breakpoints():
            assert entry.kink_convention != "smooth everywhere: no convention needed.", entry.name
        for param in entry.parameters:
            assert (param.help and param.symbol) or isinstance(param.domain, Choice), (entry.name, param.name)


def symbols(tex: str) -> list[str]:
    """The formula's symbols: commands (\\beta) and single letters, so 't' is not found in '\\beta'."""
    return re.findall(r"\\[A-Za-z]+|[A-Za-z]", tex)


def contains(tokens: list[str], part: list[str]) -> bool:
    return any(tokens[i:i + len(part)] == part for i in range(len(tokens)))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_formulas_follow_the_parameters_and_render_with_mathtext(case):
    name, params = case
    entry = actplot.get(name)
    parser = MathTextParser("path")
    formulas = [entry.formula_at(order, **params) for order in (0, 1)]
    for formula in formulas:
        assert formula.startswith("$") and formula.endswith("$"), formula
        parser.parse(formula)
    for param in entry.parameters:
        if not isinstance(param.domain, Choice):
            assert contains(symbols(formulas[0]), symbols(param.symbol)), (name, param.name, formulas[0])


def test_gelu_formulas_are_the_selected_form():
    gelu = actplot.get("gelu")
    exact, tanh = ([gelu.formula_at(order, approximate=form) for order in (0, 1)] for form in ("none", "tanh"))
    assert all("erf" in f or r"\Phi" in f for f in exact) and not any("tanh" in f for f in exact)
    assert not any("erf" in f or r"\Phi" in f for f in tanh) and all("tanh" in f for f in tanh)
    assert plain(tanh[0]) == "(x/2) (1 + tanh(sqrt(2/π) (x + 0.044715 x^3)))"
    assert "0.134145 x^2" in plain(tanh[1])  # 3 * 0.044715, the derivative of the cubic
    assert gelu.formula_at(0) == exact[0] and gelu.formula_at(1, approximate="TANH") == tanh[1]


def test_gelu_tanh_derivative_formula_matches_the_derivative():
    """The printed tanh-form derivative, evaluated as written, is the entry's f' (to the absolute
    accuracy of 1 + tanh(u), which cancels for negative x)."""
    x = np.linspace(-6, 6, 241)
    k = math.sqrt(2 / math.pi)
    u = k * (x + 0.044715 * x**3)
    printed = 0.5 * (1 + np.tanh(u)) + x / 2 * (1 - np.tanh(u) ** 2) * k * (1 + 0.134145 * x**2)
    np.testing.assert_allclose(actplot.get("gelu").derivative(x, approximate="tanh"), printed, rtol=1e-12, atol=1e-14)


def test_special_values():
    assert actplot.get("softplus").value(0.0) == pytest.approx(math.log(2.0), rel=1e-15)
    assert actplot.get("softplus").value(1e4) == 1e4
    assert actplot.get("sigmoid").value(0.0) == 0.5
    assert actplot.get("gelu").value(0.0) == 0.0
    assert actplot.get("gelu").derivative(0.0) == 0.5
    assert actplot.get("silu").derivative(0.0) == 0.5
    assert actplot.get("mish").derivative(0.0) == pytest.approx(math.tanh(math.log(2.0)), rel=1e-15)
    assert actplot.get("log-sigmoid").value(0.0) == pytest.approx(-math.log(2.0), rel=1e-15)
    assert actplot.get("log-sigmoid").value(-1e4) == -1e4
    assert actplot.get("elu").value(-1e6) == -1.0
    assert actplot.get("selu").value(-1e6) == pytest.approx(-1.7580993408473766, rel=1e-15)
    assert actplot.get("squareplus").value(0.0) == 1.0
    assert actplot.get("squareplus").value(-1e6) == pytest.approx(1e-6, rel=1e-9)
    assert actplot.get("tanh").derivative(0.0) == 1.0
    assert actplot.get("hardswish").value(-1.5) == -0.375
    assert actplot.get("threshold").value(1.0) == 0.0
    assert actplot.get("binary-step").value(0.0) == 1.0


def test_softmax_family_with_one_zero_logit_is_the_sigmoid_family():
    x = np.linspace(-30, 30, 601)
    pairs = [("softmax", lambda o: actplot.get("sigmoid").evaluate(x, o)),
             ("softmin", lambda o: (-1) ** o * actplot.get("sigmoid").evaluate(-x, o)),
             ("log-softmax", lambda o: actplot.get("log-sigmoid").evaluate(x, o))]
    for name, expected in pairs:
        for order in (0, 1, 2):
            np.testing.assert_allclose(actplot.get(name).evaluate(x, order), expected(order), rtol=1e-14, atol=1e-300)


def test_softmax_with_several_other_logits_matches_the_vector_formula():
    others = (1.0, -2.0, 0.5)
    x = np.linspace(-5, 5, 11)
    logits = np.column_stack([x, np.tile(others, (x.size, 1))])
    exp = np.exp(logits)
    expected = exp[:, 0] / exp.sum(axis=1)
    np.testing.assert_allclose(actplot.get("softmax").value(x, others=others), expected, rtol=1e-14)
    np.testing.assert_allclose(actplot.get("softmax").value(x, others="1,-2,0.5"), expected, rtol=1e-14)
    np.testing.assert_allclose(actplot.get("log-softmax").value(x, others=others), np.log(expected), rtol=1e-13)


def test_swish_beta_one_is_silu_and_large_beta_approaches_relu():
    x = np.linspace(-6, 6, 121)
    for order in (0, 1, 2):
        np.testing.assert_array_equal(actplot.get("swish-beta").evaluate(x, order, beta=1.0),
                                      actplot.get("silu").evaluate(x, order))
    np.testing.assert_allclose(actplot.get("swish-beta").value(x, beta=0.0), x / 2)
    far = x[np.abs(x) > 0.5]
    np.testing.assert_allclose(actplot.get("swish-beta").value(far, beta=200.0), np.maximum(far, 0), atol=1e-40)


def test_rrelu_band_surrounds_the_evaluation_curve():
    entry = actplot.get("rrelu")
    x = np.linspace(-5, 5, 101)
    low, high = entry.band(x, 0)
    np.testing.assert_allclose(low[x < 0], x[x < 0] / 3.0, rtol=1e-15)
    np.testing.assert_allclose(high[x < 0], x[x < 0] / 8.0, rtol=1e-15)
    np.testing.assert_array_equal(low[x > 0], x[x > 0])
    y = entry.value(x)
    assert np.all(low <= y) and np.all(y <= high)
    d_low, d_high = entry.band(x, 1, lower=0.1, upper=0.4)
    assert set(d_low[x < 0]) == {0.1} and set(d_high[x < 0]) == {0.4}
    assert entry.band(x, 2) is None
    assert actplot.get("relu").band(x) is None


WIDE = np.concatenate([np.linspace(-1e6, 1e6, 4001), np.linspace(-50, 50, 2001), [-1e-300, 0.0, 1e-300]])


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_finite_and_warning_free_over_a_million_either_side(case):
    name, params = case
    entry = actplot.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow to 0 is fine
            for order in (0, 1, 2):
                values = entry.evaluate(WIDE, order, **params)
                representable = WIDE <= entry.overflow_at(**params)
                assert np.all(np.isfinite(values[representable])), (name, order)
                assert np.all(values[~representable] == np.inf), (name, order)


def sample_grid(entry, params) -> np.ndarray:
    """A dense grid over a wide window, plus each breakpoint and its float neighbours."""
    points = [np.linspace(-60, 60, 24001), np.linspace(-1e4, 1e4, 2001)]
    for point in entry.breakpoints(**params):
        points.append([point.x, np.nextafter(point.x, -np.inf), np.nextafter(point.x, np.inf)])
    return np.unique(np.concatenate(points))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_declared_properties_hold_on_the_sampled_function(case):
    name, params = case
    entry = actplot.get(name)
    props = entry.properties_at(**params)
    x = sample_grid(entry, params)
    x = x[x <= min(entry.overflow_at(**params), 700)]
    y, dy = entry.value(x, **params), entry.derivative(x, **params)
    low, high = props.output_range
    scale = 1e-9 * (1 + np.abs(y))
    assert np.all(y >= low - scale) and np.all(y <= high + scale), name
    # the bounds are tight: the sampled curve comes close to each finite bound, and far toward an infinite one
    # (a logarithm, NLReLU's, reaches only 9 at 1e4: it must then still be rising by 1e6)
    ends = entry.value(np.array([-1e6, 1e6]), **params)
    assert y.min() <= (low + 1e-3 * (1 + abs(low)) if math.isfinite(low) else -50) or ends[0] < y.min() - 1, name
    assert y.max() >= (high - 1e-3 * (1 + abs(high)) if math.isfinite(high) else 50) or ends[1] > y.max() + 1, name
    assert props.bounded_below == math.isfinite(low) and props.bounded_above == math.isfinite(high)
    # rounding only: softplus's 2e-9 drop at x = 20 must count as a fall
    steps, tolerance = np.diff(y), 1e-14 * (1 + np.abs(y[1:]))
    rises, falls = np.all(steps >= -tolerance), np.all(steps <= tolerance)
    assert {"increasing": rises and np.all(dy >= 0),
            "decreasing": falls and np.all(dy <= 0),
            "no": not rises and not falls}[props.monotonic], name
    assert (entry.value(0.0, **params) == 0.0) == props.zero_at_zero, name


def jump(entry, params, x0: float, order: int) -> tuple[float, float]:
    """How far the order-th derivative moves across x0, and the size of its values there.

    The spread is taken over x0 and the two floats on either side: a continuous function moves
    by rounding only over so short a step, while a jump shows however small it is (softplus's
    2e-9) and so does a value that differs at x0 alone (hardshrink's f'(0) with lambd = 0)."""
    below, above = np.nextafter(x0, -np.inf), np.nextafter(x0, np.inf)
    xs = np.array([np.nextafter(below, -np.inf), below, x0, above, np.nextafter(above, np.inf)])
    values = entry.evaluate(xs, order, **params)
    return float(np.ptp(values)), 1.0 + float(np.max(np.abs(values)))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_smoothness_is_one_below_the_worst_breakpoint(case):
    """C-inf without breakpoints; otherwise C(k - 1) for the lowest breakpoint order k."""
    name, params = case
    entry = actplot.get(name)
    points = entry.breakpoints(**params)
    expected = min(p.order for p in points) - 1 if points else math.inf
    assert entry.properties_at(**params).smoothness == expected, (name, params, points)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_breakpoints_are_real_jumps_of_their_order(case):
    """At a breakpoint of order k the lower derivatives are continuous and the k-th jumps."""
    name, params = case
    entry = actplot.get(name)
    for point in entry.breakpoints(**params):
        for order in range(min(point.order, 2) + 1):  # f''' and beyond are not evaluated
            moved, size = jump(entry, params, point.x, order)
            if order < point.order:
                assert moved <= 1e-13 * size, (name, point, order, moved)
            else:
                assert moved > 1e-11 * size, (name, point, order, moved)


def test_softplus_switch_is_a_downward_jump():
    """PyTorch's switch to x at beta*x > threshold drops by log(1 + exp(-threshold)) / beta."""
    entry = actplot.get("softplus")
    for beta, threshold in ((1.0, 20.0), (2.0, 5.0), (0.5, 1.0)):
        x0 = threshold / beta
        left, right = entry.value(np.array([x0, np.nextafter(x0, np.inf)]), beta=beta, threshold=threshold)
        assert left - right == pytest.approx(math.log1p(math.exp(-threshold)) / beta, rel=1e-5)
        props = entry.properties_at(beta=beta, threshold=threshold)
        assert props.monotonic == "no" and props.smoothness == -1
        assert props.describe()["smoothness"] == "discontinuous"


def parameter_strategy(entry):
    """Each parameter drawn from its default and example values, kept valid as a whole."""
    def draw(values):
        try:
            return entry.resolve(**values)
        except ValueError:
            return None
    return st.fixed_dictionaries(
        {p.name: st.sampled_from((p.default, *p.examples)) for p in entry.parameters}
    ).map(draw).filter(lambda resolved: resolved is not None)


@st.composite
def entry_point_params(draw):
    entry = actplot.get(draw(st.sampled_from(actplot.names())))
    params = draw(parameter_strategy(entry))
    x = draw(st.floats(-20, 20))
    return entry, params, x


@given(entry_point_params())
def test_derivatives_match_central_differences_away_from_breakpoints(sample):
    entry, params, x = sample
    h = 1e-5
    assume(all(abs(x - p.x) > 10 * h for p in entry.breakpoints(**params)))
    for order in (1, 2):
        around = entry.evaluate(np.array([x - h, x + h]), order - 1, **params)
        numeric = (around[1] - around[0]) / (2 * h)
        exact = float(entry.evaluate(x, order, **params))
        size = max(1.0, abs(exact), float(np.max(np.abs(around))))
        assert abs(numeric - exact) <= 1e-5 * size, (entry.name, params, x, order, numeric, exact)


@given(entry_point_params())
def test_monotonic_entries_have_a_signed_derivative(sample):
    entry, params, x = sample
    monotonic = entry.properties_at(**params).monotonic
    slope = float(entry.derivative(x, **params))
    if monotonic == "increasing":
        assert slope >= 0
    elif monotonic == "decreasing":
        assert slope <= 0


@given(st.data())
def test_parameters_round_trip_through_the_api(data):
    entry = actplot.get(data.draw(st.sampled_from([n for n in actplot.names() if actplot.get(n).parameters])))
    params = data.draw(parameter_strategy(entry))
    assert entry.resolve(**params) == params
    by_alias = {(p.aliases[0] if p.aliases else p.name): params[p.name] for p in entry.parameters}
    assert entry.resolve(**by_alias) == params
    for param in entry.parameters:
        if isinstance(param.domain, Vector):
            text = ",".join(repr(v) for v in params[param.name])
            assert entry.resolve(**{**params, param.name: text})[param.name] == params[param.name]
        elif not isinstance(param.domain, Choice):
            assert entry.resolve(**{**params, param.name: repr(params[param.name])})[param.name] == params[param.name]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_breakpoints_are_sorted_unique_and_ordered(case):
    name, params = case
    points = actplot.get(name).breakpoints(**params)
    xs = [p.x for p in points]
    assert xs == sorted(set(xs))
    assert all(isinstance(p.order, int) and p.order >= 0 for p in points)  # 3: only f''' jumps (ISRLU at 0)


def test_every_entry_finds_itself_again_by_its_reference():
    """An entry made from another (dataclasses.replace) must not keep the other's name in titles
    or its reference, or the gallery would draw the other one."""
    for name, entry in actplot.registry().items():
        assert entry.reference == name and entry.display_name == name
        assert actplot.get(entry.reference) is entry


LITERATURE = ("pelu", "srelu", "apl", "isrlu", "soft-exponential", "snake", "siren", "gcu", "tanhexp", "serf",
              "logish", "smish", "phish", "lisht", "elish", "hard-elish", "e-swish", "quick-gelu", "fts", "acon-c",
              "smu", "sau", "erfact", "pserf", "tanhsoft", "smelu", "star-relu", "xielu", "golu", "pau",
              "soft-root-sign", "arelu", "frelu", "shifted-softplus", "dsilu", "soft-clipping", "lecun-tanh", "sqnl",
              "sinc", "repu", "gumbel", "cloglog", "mexican-hat")


def test_the_catalog_holds_the_literature_with_its_papers():
    assert len(BUILTINS) >= 100
    for name in LITERATURE:
        actplot.get(name)  # by name or alias (smelu is sparse-plus with its beta)
    uncited = sorted(name for name in LITERATURE if actplot.get(name).paper is None)
    assert uncited == ["cloglog", "mexican-hat", "sinc"]  # no identifier verified for these
    for name in LITERATURE:
        paper = actplot.get(name).paper
        if paper is not None:
            assert paper.arxiv or paper.doi
            assert paper.bibtex("key").count("{") == paper.bibtex("key").count("}")


def test_every_family_has_a_title_and_every_entry_a_family():
    from actplot.catalog import FAMILIES, FAMILY_TITLES

    assert list(FAMILY_TITLES) == [family.__name__.rpartition(".")[2] for family in FAMILIES]
    assert {entry.family for entry in actplot.registry().values() if not entry.source.startswith("plugin")} == set(
        FAMILY_TITLES
    )
