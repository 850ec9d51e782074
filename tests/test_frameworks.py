"""Framework names (jax.nn.gelu, onnx.HardSigmoid, keras.layers.LeakyReLU...): lookups, aliases,
the command line's list and info, and the values and derivatives against the frameworks.

tests/data/framework_reference.npz was written by scripts/make_framework_reference.py with JAX,
Keras (TensorFlow backend), TensorFlow and ONNX; these tests read it without them. PyTorch's names
are the canonical entries, checked against PyTorch by test_torch_reference.py.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import actplot
from actplot import cli, describe, request
from actplot.catalog import frameworks
from actplot.catalog.frameworks import SPELLINGS
from actplot.core.errors import UnknownActivation
from actplot.specs import spec_curves
from tests.conftest import load_script

REFERENCE = Path(__file__).parent / "data" / "framework_reference.npz"
DATA = np.load(REFERENCE, allow_pickle=False)
META = json.loads(str(DATA["meta"]))
ORDERS = {"y": 0, "d1": 1, "d2": 2}
RTOL, ATOL = 1e-10, 1e-12


def tolerance(name: str) -> tuple[float, float]:
    """(rtol, atol) for a framework name: the frameworks' own precision limits, each stated. A
    parameter a framework keeps in float32 (ONNX's attributes, TensorFlow's leaky slope) is no
    longer one: the names compute with it rounded as the framework does."""
    if name in ("onnx.Gelu", "onnx.HardSwish"):  # onnx's reference evaluator computes these in float32
        return 1e-6, 1e-7
    if name.endswith("gelu"):  # TensorFlow's 1 + erf(x) and 1 + tanh(u) cancel for negative x
        return 1e-7, 1e-8
    return RTOL, ATOL


def beside_a_kink(entry, params: dict, x: np.ndarray) -> np.ndarray:
    """Points one to four floats from a breakpoint (not on it). A framework computing x + 3 or
    alpha x + beta rounds such a point onto the kink, and its convention there applies."""
    near = np.zeros(x.shape, bool)
    for point in entry.breakpoints(**params):
        near |= (x != point.x) & (np.abs(x - point.x) <= 4 * np.spacing(max(abs(point.x), 1e-300)))
    return near


def case_label(index: int) -> str:
    case = META["cases"][index]
    return case["name"] + "".join(f"-{k}={v}" for k, v in case["params"].items())


def params_of(index: int) -> dict:
    return {k: (math.inf if v is None else tuple(v) if isinstance(v, list) else v)
            for k, v in META["cases"][index]["params"].items()}


@pytest.mark.parametrize("index", range(len(META["cases"])), ids=case_label)
def test_matches_the_framework(index):
    name = META["cases"][index]["name"]
    entry = actplot.get(name)
    x = DATA[f"{index}_x"]
    params = params_of(index)
    rtol, atol = tolerance(name)
    for key, order in ORDERS.items():
        expected = DATA[f"{index}_{key}"]
        # NaN: no reference (ONNX's derivatives); inf: ONNX's reference evaluator's naive log-softmax
        known = np.isfinite(expected) & ~beside_a_kink(entry, params, x)
        got = entry.evaluate(x[known], order, **params)
        np.testing.assert_allclose(got, expected[known], rtol=rtol, atol=atol, err_msg=f"{case_label(index)} {key}")


def test_reference_covers_every_framework_name_but_pytorchs():
    recorded = {case["name"] for case in META["cases"]}
    assert recorded == {s.qualified for s in SPELLINGS if s.framework != "torch"}, (
        "tests/data/framework_reference.npz is stale: run scripts/make_framework_reference.py")
    assert load_script("make_framework_reference").OUTPUT == REFERENCE
    for index, case in enumerate(META["cases"]):
        entry = actplot.get(case["name"])
        # a float32 parameter moves a kink by its rounding (ONNX's HardSigmoid: -0.5 / float32(0.2))
        shift = 2.0**-23 if frameworks.spelling(case["name"]).float32 else 0.0
        for point in entry.breakpoints(**params_of(index)):
            assert np.abs(DATA[f"{index}_x"] - point.x).min() <= shift * abs(point.x), (case_label(index), point)


def test_only_onnx_and_tensorflows_softsign_lack_derivatives():
    for index, case in enumerate(META["cases"]):
        for key in ("d1", "d2"):
            gaps = np.isnan(DATA[f"{index}_{key}"])
            if case["name"].startswith("onnx."):
                assert gaps.all()
            elif key == "d2" and case["name"].rsplit(".", 1)[1] == "softsign" and not case["name"].startswith("jax"):
                assert gaps.all()  # TensorFlow has no gradient for SoftsignGrad
            elif key == "d2" and case["name"] == "jax.nn.log1mexp":
                assert set(DATA[f"{index}_x"][gaps]) <= {1e3}  # exp(1000) overflows in JAX's gradient
            else:
                assert not gaps.any(), (case_label(index), key)


def test_torch_names_are_the_canonical_entries():
    x = np.linspace(-7, 7, 141)
    for spelling in frameworks.spellings("torch"):
        entry, canonical = actplot.get(spelling.qualified), actplot.get(spelling.entry)
        assert dict(entry.params) == dict(canonical.params), spelling.qualified
        assert entry.torch == canonical.torch
        for order in (0, 1, 2):
            np.testing.assert_array_equal(entry.evaluate(x, order), canonical.evaluate(x, order))


@pytest.mark.parametrize(("name", "defaults"), [
    ("torch.nn.LeakyReLU", {"negative_slope": 0.01}),
    ("jax.nn.leaky_relu", {"negative_slope": 0.01}),
    ("onnx.LeakyRelu", {"negative_slope": 0.01}),
    ("keras.activations.leaky_relu", {"negative_slope": 0.2}),
    ("keras.ops.leaky_relu", {"negative_slope": 0.2}),
    ("keras.layers.LeakyReLU", {"negative_slope": 0.3}),
    ("tf.nn.leaky_relu", {"negative_slope": 0.2}),
    ("jax.nn.gelu", {"approximate": "tanh"}),
    ("keras.ops.gelu", {"approximate": "tanh"}),
    ("keras.activations.gelu", {"approximate": "none"}),
    ("tf.nn.gelu", {"approximate": "none"}),
    ("onnx.Gelu", {"approximate": "none"}),
    ("torch.nn.functional.gelu", {"approximate": "none"}),
    ("onnx.HardSigmoid", {"alpha": 0.2, "beta": 0.5}),
    ("onnx.Shrink", {"lambd": 0.5, "bias": 0.0}),
    ("onnx.ThresholdedRelu", {"threshold": 1.0}),
    ("keras.activations.relu", {"negative_slope": 0.0, "max_value": math.inf, "threshold": 0.0}),
    ("keras.layers.PReLU", {"init": 0.0}),
    ("jax.nn.hard_tanh", {}),
])
def test_framework_defaults(name, defaults):
    assert dict(actplot.get(name).params) == defaults


def test_qualified_names_round_trip_and_title_as_the_framework():
    for spelling in SPELLINGS:
        entry = actplot.get(spelling.qualified)
        assert entry.name == entry.display_name == entry.reference == spelling.qualified
        assert actplot.get(entry.reference) is entry  # cached
    assert actplot.get("JAX.nn.Leaky-ReLU") is actplot.get("jax.nn.leaky_relu")


def test_framework_parameter_names_and_words_are_accepted():
    assert actplot.get("keras.activations.leaky_relu").resolve(negative_slope=0.1) == {"negative_slope": 0.1}
    assert actplot.get("onnx.LeakyRelu").resolve(alpha=0.1) == {"negative_slope": 0.1}
    assert actplot.get("tf.nn.leaky_relu").resolve(alpha=0.1) == {"negative_slope": 0.1}
    assert actplot.get("keras.layers.PReLU").resolve(alpha=0.5) == {"init": 0.5}
    assert actplot.get("onnx.Swish").resolve(alpha=2.0) == {"beta": 2.0}
    assert actplot.get("keras.activations.hard_shrink").resolve(threshold=1.0) == {"lambd": 1.0}
    gelu = actplot.get("jax.nn.gelu")
    assert gelu.resolve(approximate=True) == {"approximate": "tanh"}
    assert gelu.resolve(approximate="False") == {"approximate": "none"}
    assert gelu.resolve(approximate="tanh") == {"approximate": "tanh"}
    assert actplot.get("keras.activations.relu").resolve(max_value="None")["max_value"] == math.inf
    with pytest.raises(ValueError, match="takes no parameters"):
        actplot.get("jax.nn.hard_tanh").resolve(min_val=-2)
    with pytest.raises(ValueError, match="no parameter 'value'"):
        actplot.get("onnx.ThresholdedRelu").resolve(value=1.0)


def test_fixed_parameters_are_the_frameworks():
    x = np.array([-2.0, -1.0, 0.5, 1.0, 2.0])
    np.testing.assert_array_equal(actplot.get("jax.nn.hard_tanh").value(x), np.clip(x, -1, 1))
    np.testing.assert_array_equal(actplot.get("jax.nn.hard_tanh").derivative(x), [0, 1, 1, 1, 0])
    np.testing.assert_array_equal(actplot.get("onnx.ThresholdedRelu").value(x, alpha=0.5), [0, 0, 0, 1, 2])


def test_unknown_qualified_names_suggest_framework_names():
    with pytest.raises(UnknownActivation, match=r"did you mean 'jax\.nn\.gelu'"):
        actplot.get("jax.nn.geul")
    with pytest.raises(UnknownActivation):
        actplot.get("relu.x")


def test_specs_the_api_and_the_gallery_take_framework_names():
    (curve,) = spec_curves("keras.activations.leaky_relu:negative_slope=0.1")
    assert curve.entry.reference == "keras.activations.leaky_relu" and curve.params == {"negative_slope": 0.1}
    (curve,) = spec_curves("jax.nn.gelu")
    assert curve.params == {"approximate": "tanh"} and curve.label == "jax.nn.gelu"
    curves = actplot.curves_for("onnx.LeakyRelu", alpha=[0.1, 0.2])
    assert [c.params["negative_slope"] for c in curves] == [0.1, 0.2]
    data = actplot.sample("jax.nn.gelu", points=11)
    assert data.activation == "jax.nn.gelu"


def test_the_variant_conventions():
    assert actplot.get("jax.nn.leaky_relu").derivative(0.0) == 1.0
    assert actplot.get("torch.nn.LeakyReLU").derivative(0.0) == 0.01
    assert actplot.get("jax.nn.sparse_sigmoid").derivative(np.array([-1.0, 1.0])).tolist() == [0.25, 0.25]
    assert actplot.get("keras.activations.sparse_sigmoid").derivative(1.0) == 0.0
    assert actplot.get("hardtanh").derivative(1.0) == 0.0
    assert actplot.get("jax.nn.hard_tanh").derivative(1.0) == 1.0
    # 0.2 x + 0.5 with ONNX's float32 alpha: 0.7000000029802322 at 1
    assert actplot.get("onnx.HardSigmoid").value(np.array([-3.0, 0.0, 1.0, 3.0])).tolist() == [
        0.0, 0.5, float(np.float32(0.2)) + 0.5, 1.0]
    shrink = actplot.get("onnx.Shrink")
    x = np.linspace(-3, 3, 61)
    np.testing.assert_array_equal(shrink.value(x), actplot.get("hardshrink").value(x))
    np.testing.assert_array_equal(shrink.value(x, bias=0.5), actplot.get("softshrink").value(x))
    log1mexp = actplot.get("jax.nn.log1mexp")
    assert log1mexp.value(math.log(2.0)) == pytest.approx(-math.log(2.0), rel=1e-15)


runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(cli.app, list(args), prog_name="actplot")


@pytest.mark.parametrize("framework", list(frameworks.FRAMEWORKS))
def test_list_framework(framework):
    result = invoke("list", "--framework", framework)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 + len(frameworks.spellings(framework))
    for spelling in frameworks.spellings(framework):
        assert any(line.split()[:2] == [spelling.qualified, spelling.entry] for line in lines), spelling.qualified


@pytest.mark.parametrize(("spelling", "framework"), [("pytorch", "torch"), ("PyTorch", "torch"),
                                                     ("tensorflow", "tf"), ("TensorFlow", "tf")])
def test_list_framework_takes_the_frameworks_full_names(spelling, framework):
    assert invoke("list", "--framework", spelling).output == invoke("list", "--framework", framework).output
    assert invoke("list", "--framework", spelling).output.splitlines()[1].startswith(f"{framework}.")


def test_list_framework_shows_the_defaults():
    out = invoke("list", "--framework", "keras").output
    assert any(line.startswith("keras.layers.LeakyReLU") and "negative_slope=0.3" in line for line in out.splitlines())
    assert any(line.startswith("keras.activations.relu ") and "max_value=none" in line for line in out.splitlines())
    out = invoke("list", "--framework", "jax").output
    assert any(line.startswith("jax.nn.gelu ") and "approximate=True" in line for line in out.splitlines())
    result = invoke("list", "--framework", "caffe")
    assert result.exit_code != 0


def test_info_of_a_canonical_entry_shows_each_framework():
    out = invoke("info", "leaky-relu").output
    assert "frameworks:" in out
    for name in ("torch.nn.LeakyReLU", "keras.activations.leaky_relu", "keras.layers.LeakyReLU", "tf.nn.leaky_relu",
                 "onnx.LeakyRelu"):
        assert name in out
    assert "negative_slope=0.3" in out and "alpha=0.2" in out
    assert "jax.nn.leaky_relu" in out and "inclusive-leaky-relu" in out  # computed by another entry


def test_info_of_a_qualified_name_names_its_entry():
    out = invoke("info", "jax.nn.gelu").output
    assert out.startswith("jax.nn.gelu") and "canonical entry: gelu" in out and "approximate" in out
    out = invoke("info", "onnx.HardSigmoid").output
    assert "canonical entry: affine-hard-sigmoid" in out and "= 0.2: slope of the line" in out


def test_info_cite(capsys):
    for name in ("gelu", "relu-squared", "jax.nn.gelu"):
        paper = actplot.get(name).paper or actplot.get(name.replace("jax.nn.", "")).paper
        status = cli.run(["info", name, "--cite"])
        captured = capsys.readouterr()
        if paper is None:
            assert status == 2 and "no paper" in captured.err and captured.err.count("\n") == 1
        else:
            assert status == 0 and captured.out.startswith("@")


def test_cite_key():
    from actplot.core.schema import Paper

    paper = Paper("Hendrycks, Dan and Gimpel, Kevin", "Gaussian Error Linear Units (GELUs)", 2016, arxiv="1606.08415")
    assert describe.cite_key("gelu", paper) == "hendrycks2016gelu"
    assert describe.cite_key("leaky-relu", paper) == "hendrycks2016leakyrelu"


def test_command_line_plots_framework_names():
    curves = request.parse(["jax.nn.gelu"]).curves
    assert curves[0].params == {"approximate": "tanh"} and curves[0].label == "jax.nn.gelu"
    curves = request.parse(["keras.activations.leaky_relu", "--negative-slope", "0.1"]).curves
    assert curves[0].params == {"negative_slope": 0.1}
    curves = request.parse(["onnx.LeakyRelu", "--alpha", "0.1"]).curves
    assert curves[0].params == {"negative_slope": 0.1}
    curves = request.parse(["compare", "jax.nn.gelu", "torch.nn.GELU"]).curves
    assert [c.params["approximate"] for c in curves] == ["tanh", "none"]


#: Framework names computing with a parameter rounded to float32, as the framework keeps it.
FLOAT32 = {
    "tf.nn.leaky_relu": {"negative_slope"}, "keras.activations.leaky_relu": {"negative_slope"},
    "keras.ops.leaky_relu": {"negative_slope"}, "keras.layers.LeakyReLU": {"negative_slope"},
    "keras.layers.PReLU": {"init"}, "onnx.LeakyRelu": {"negative_slope"}, "onnx.Elu": {"alpha"},
    "onnx.Celu": {"alpha"}, "onnx.Selu": {"alpha", "gamma"}, "onnx.HardSigmoid": {"alpha", "beta"},
    "onnx.ThresholdedRelu": {"threshold"}, "onnx.Shrink": {"lambd", "bias"}, "onnx.Swish": {"beta"},
    "onnx.SwiGLU": {"beta"},
}


def f32(value: float) -> float:
    return float(np.float32(value))


def test_float32_parameters_are_the_spellings_data():
    assert {s.qualified: set(s.float32) for s in SPELLINGS if s.float32} == FLOAT32
    assert all(not s.float32 for s in frameworks.spellings("torch")) and all(
        not s.float32 for s in frameworks.spellings("jax"))


def test_float32_parameters_compute_rounded_as_the_framework():
    assert actplot.get("onnx.LeakyRelu").value(-1.0) == -f32(0.01)  # -0.009999999776482582
    assert actplot.get("onnx.LeakyRelu").value(-1.0, alpha=0.1) == -f32(0.1)  # a given value too
    assert actplot.get("onnx.LeakyRelu").derivative(-1.0) == f32(0.01)
    assert actplot.get("onnx.LeakyRelu").params == {"negative_slope": 0.01}  # the parameter keeps its value
    assert actplot.get("tf.nn.leaky_relu").value(-1.0) == -f32(0.2)
    assert actplot.get("keras.layers.LeakyReLU").value(-2.0) == -2.0 * f32(0.3)
    assert actplot.get("keras.activations.relu").value(-1.0, negative_slope=0.1) == -f32(0.1)  # via leaky_relu
    assert actplot.get("keras.activations.relu").value(-1.0, negative_slope=0.1, threshold=0.5) == -1.5 * 0.1
    assert actplot.get("onnx.Elu").value(-1.0, alpha=0.1) == f32(0.1) * math.expm1(-1.0)
    assert actplot.get("onnx.Shrink").value(2.0, bias=0.1) == 2.0 - f32(0.1)
    assert actplot.get("onnx.ThresholdedRelu").value(np.array([0.1, 0.1000000001]), alpha=0.1).tolist() == [
        0.0, 0.0]  # below float32(0.1) = 0.10000000149...
    corner = -0.5 / f32(0.2)
    assert [b.x for b in actplot.get("onnx.HardSigmoid").breakpoints()] == [corner, (1 - 0.5) / f32(0.2)]
    # PyTorch's and JAX's names keep float64 parameters
    assert actplot.get("torch.nn.LeakyReLU").value(-1.0) == -0.01
    assert actplot.get("torch.nn.functional.leaky_relu").value(-1.0, negative_slope=0.1) == -0.1
    assert actplot.get("jax.nn.leaky_relu").value(-1.0) == -0.01
    assert actplot.get("leaky-relu").value(-1.0) == -0.01


def test_float32_parameters_must_stay_inside_the_domain_once_rounded():
    with pytest.raises(ValueError, match="once rounded to float32"):
        actplot.get("onnx.HardSigmoid").resolve(alpha=1e300)  # float32: inf
    with pytest.raises(ValueError, match="once rounded to float32"):
        actplot.get("onnx.HardSigmoid").resolve(alpha=1e-50)  # float32: 0, and alpha must be positive
    assert actplot.get("onnx.HardSigmoid").resolve(alpha=1e-40)["alpha"] == 1e-40  # a float32 subnormal


def test_info_says_which_parameters_are_float32():
    out = invoke("info", "onnx.LeakyRelu").output
    assert "ONNX keeps alpha in float32" in out and "0.009999999776482582" in out
    assert "computed in float32, as ONNX keeps it" in out
    assert "TensorFlow keeps alpha in float32" in invoke("info", "tf.nn.leaky_relu").output
    assert "float32" not in invoke("info", "torch.nn.LeakyReLU").output


# --- versions -------------------------------------------------------------------------------------

def test_the_verified_versions_are_the_reference_data_versions():
    torch_meta = json.loads(str(np.load(Path(__file__).parent / "data" / "torch_reference.npz")["meta"]))
    assert torch_meta["torch_version"].split("+")[0] == frameworks.VERIFIED_AT["torch"]
    for key, framework in (("jax", "jax"), ("keras", "keras"), ("tensorflow", "tf"), ("onnx", "onnx")):
        assert META["versions"][key] == frameworks.VERIFIED_AT[framework]


def test_hardswish_before_pytorch_2_8_takes_the_middle_branch_at_its_corners():
    x = np.array([-3.0, 3.0, 0.0, 4.0])
    np.testing.assert_array_equal(actplot.get("torch.nn.Hardswish@2.7").evaluate(x, 1), [-0.5, 1.5, 0.5, 1.0])
    np.testing.assert_array_equal(actplot.get("torch.nn.functional.hardswish@2.6.0").evaluate(x, 1),
                                  [-0.5, 1.5, 0.5, 1.0])
    for name in ("torch.nn.Hardswish", "torch.nn.Hardswish@2.8", "torch.nn.Hardswish@3"):
        np.testing.assert_array_equal(actplot.get(name).evaluate(x, 1), [0.0, 1.0, 0.5, 1.0])
    np.testing.assert_array_equal(actplot.get("torch.nn.Hardswish@2.7").value(x), actplot.get("hardswish").value(x))


def test_keras_2_hard_sigmoid_is_the_affine_one_with_inclusive_corners():
    old = actplot.get("keras.activations.hard_sigmoid@2")
    x = np.array([-3.0, -2.5, 0.0, 1.0, 2.5, 3.0])
    np.testing.assert_allclose(old.value(x), [0.0, 0.0, 0.5, 0.7, 1.0, 1.0], rtol=1e-15, atol=1e-16)
    np.testing.assert_array_equal(old.evaluate(x, 1), [0.0, 0.2, 0.2, 0.2, 0.2, 0.0])
    assert old.parameters == ()  # Keras 2's hard_sigmoid took no parameters
    new = actplot.get("keras.activations.hard_sigmoid@3.15")
    assert new.value(np.array([1.0]))[0] == pytest.approx(0.5 + 1.0 / 6.0, rel=1e-15)


def test_keras_2_leaky_relu_layer_named_its_slope_alpha():
    old = actplot.get("keras.layers.LeakyReLU@2.15")
    assert old.params == {"negative_slope": 0.3} and old.param("alpha").name == "negative_slope"
    assert frameworks.spelling("keras.layers.LeakyReLU@2.15").framework_name("negative_slope") == "alpha"
    assert frameworks.spelling("keras.layers.LeakyReLU").framework_name("negative_slope") == "negative_slope"


def test_onnx_clip_before_opset_11_rounds_its_bounds_to_float32():
    old, new = actplot.get("onnx.Clip@6"), actplot.get("onnx.Clip")
    x = np.array([0.05, 0.2])
    assert old.value(x, min=0.1, max=1.0)[0] == float(np.float32(0.1))
    assert new.value(x, min=0.1, max=1.0)[0] == 0.1


@pytest.mark.parametrize(("name", "message"), [
    ("keras.layers.LeakyReLU@two", "a version is numbers like 2 or 2.6, got 'two'"),
    ("keras.ops.relu@2", "keras.ops.relu came in Keras 3.0"),
    ("onnx.SwiGLU@27", "onnx.SwiGLU came in ONNX opset 28"),
    ("relu@2", "only a framework's name takes a version"),
])
def test_a_version_mistake_is_one_line_and_exit_2(name, message, capsys):
    assert cli.run([name, "-o", "never.png"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not Path("never.png").exists()
    with pytest.raises(UnknownActivation, match=message.split(" (")[0].replace(".", r"\.")):
        actplot.get(name)


def test_info_says_where_a_name_was_verified_and_what_changed_when():
    out = invoke("info", "torch.nn.Hardswish").output
    assert "verified at PyTorch 2.13.0" in out
    assert "before PyTorch 2.8:" in out and "(torch.nn.Hardswish@2.7 draws it)" in out
    out = invoke("info", "keras.activations.hard_sigmoid").output
    assert "before Keras 3.0: Keras 2 computed clip(0.2 x + 0.5, 0, 1)" in out
    assert "(keras.activations.hard_sigmoid@2 draws it)" in out
    assert "the name came in ONNX opset 28" in invoke("info", "onnx.SwiGLU").output
    assert "the name came in Keras 3.0" in invoke("info", "keras.ops.glu").output
    out = invoke("info", "keras.layers.LeakyReLU@2").output
    assert out.startswith("keras.layers.LeakyReLU@2:") and "Before Keras 3.0: Keras 2 called the slope alpha" in out
    assert "versions:" not in out


# --- the sparse maps of the softmax family ----------------------------------------------------------

def outputs(name: str, logits: list[float]) -> list[float]:
    """Every output of the map on the vector ``logits``, each as output 0 with the rest held."""
    entry = actplot.get(name)
    return [float(entry.value(np.array([v]), others=tuple(logits[:i] + logits[i + 1:]))[0])
            for i, v in enumerate(logits)]


def test_sparsemax_is_the_projection_onto_the_simplex():
    assert outputs("sparsemax", [0.5, 0.0]) == [0.75, 0.25]
    assert outputs("sparsemax", [3.0, 0.0]) == [1.0, 0.0]
    assert sum(outputs("sparsemax", [0.3, 0.1, -0.2, 0.05])) == pytest.approx(1.0, rel=1e-15)
    x = np.linspace(-3, 3, 601)
    np.testing.assert_array_equal(actplot.get("sparsemax").value(x), actplot.get("sparse-sigmoid").value(x))
    assert [(b.x, b.order) for b in actplot.get("sparsemax").breakpoints(others=(0.3, 0.3, -2.0))] == [(-0.2, 1),
                                                                                                      (1.3, 1)]


def test_keras_sparsemax_is_not_sparsemax():
    """Keras 3.15's threshold sums the cumulative sums: [0.5, 0] gives [0.5, 0], [0.2, 0.1] gives
    [0.45, 0.35] (the values Keras printed), and the curve jumps where the support shrinks."""
    assert outputs("keras.activations.sparsemax", [0.5, 0.0]) == [0.5, 0.0]
    assert outputs("keras.ops.sparsemax", [0.2, 0.1]) == pytest.approx([0.45, 0.35], rel=1e-15)
    entry = actplot.get("sparsemax-keras")
    assert [(b.x, b.order) for b in entry.breakpoints()] == [(-1.0, 1), (0.0, 1), (1.0, 0)]
    np.testing.assert_array_equal(entry.value(np.array([0.0, 0.5, 0.999, 1.0])), [0.5, 0.5, 0.5, 1.0])


def test_hardmax_marks_the_first_largest_logit():
    hardmax = actplot.get("onnx.Hardmax")
    assert hardmax.value(np.array([1.0, 0.999]), others=(1.0, 0.0)).tolist() == [1.0, 0.0]  # a tie goes to x, first
    hardmax = actplot.get("hardmax")
    assert [(b.x, b.order) for b in hardmax.breakpoints(others=(-1.0, 2.0))] == [(2.0, 0)]
    np.testing.assert_array_equal(hardmax.evaluate(np.array([1.0, 2.0, 3.0]), 1, others=(2.0,)), [0.0, 0.0, 0.0])
