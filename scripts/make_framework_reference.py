"""Write tests/data/framework_reference.npz: what JAX, Keras, TensorFlow and ONNX compute.

Development tool, not a runtime or test dependency. Run it in a scratch environment that has
the frameworks (never actplot's own)::

    python -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install "jax[cpu]" keras tensorflow-cpu onnx numpy scipy typer matplotlib
    /tmp/refvenv/bin/python scripts/make_framework_reference.py

For every framework name of actplot.catalog.frameworks (PyTorch's are the canonical entries,
checked by tests/data/torch_reference.npz) it evaluates the framework's own function in float64
at the framework's defaults and at one example value of each parameter, on a grid holding the
kinks and their float neighbours. The first and second derivatives are the framework's autograd:
jax.grad of jax.grad (x64 enabled), or a tf.GradientTape inside another (Keras on its default
TensorFlow backend). ONNX defines no derivatives: its values come from onnx's reference
evaluator and its derivatives are stored as NaN (no reference). Where a framework cannot
differentiate its own gradient (TensorFlow's SoftsignGrad) the second derivative is NaN too.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_reference import parameter_sets as reference_parameter_sets  # noqa: E402  (this folder)

import actplot  # noqa: E402
from actplot.catalog.frameworks import SPELLINGS, Spelling  # noqa: E402

OUTPUT = ROOT / "tests" / "data" / "framework_reference.npz"
EXTREMES = (-1e3, -40.0, -25.0, 25.0, 40.0, 1e3)
FRAMEWORKS = ("jax", "keras", "tf", "onnx")


def parameter_sets(spelling: Spelling) -> list[dict[str, Any]]:
    """The framework's defaults, then the first example of each of its parameters (canonical names)."""
    return reference_parameter_sets(actplot.get(spelling.qualified), per_parameter=1)


def grid(spelling: Spelling, params: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    """Regular points, a few far ones, random ones, and every breakpoint with its neighbours."""
    entry = actplot.get(spelling.qualified)
    points = [np.linspace(-6.0, 6.0, 97), np.array(EXTREMES), rng.normal(0.0, 3.0, 16)]
    for point in entry.breakpoints(**params):
        b = point.x
        points.append(np.array([b, np.nextafter(b, -np.inf), np.nextafter(b, np.inf), b - 1e-6, b + 1e-6]))
    x = np.unique(np.concatenate(points))
    # XLA and TensorFlow flush subnormal inputs to zero on CPU: 5e-324 would be 0 to them
    x = x[(x == 0) | (np.abs(x) >= np.finfo(np.float64).tiny)]
    return x[x > 0] if entry.name == "jax.nn.log1mexp" else x  # defined for x > 0 only


def framework_arguments(spelling: Spelling, params: dict[str, Any]) -> dict[str, Any]:
    """The resolved parameters as the framework takes them: its names and its words."""
    entry = actplot.get(spelling.qualified)
    arguments: dict[str, Any] = {}
    for name, value in entry.resolve(**params).items():
        for word, meaning in spelling.words.get(name, {}).items():
            if meaning == value:
                value = {"true": True, "false": False, "none": None}.get(word, word)
                break
        arguments[spelling.framework_name(name)] = value
    return arguments


def short_name(spelling: Spelling) -> str:
    return spelling.qualified.rsplit(".", 1)[1]


def gated_pair(arguments: dict[str, Any], stack):
    """For a gated unit: a function making each row [a, b] from x and the held input, in the
    order the framework takes them (the value first, as torch, JAX and Keras split a vector)."""
    vary, held = arguments.pop("vary"), arguments.pop("held")
    return lambda x: stack(x, held, vary == "value")


def jax_function(spelling: Spelling, arguments: dict[str, Any]):
    import jax.numpy as jnp
    from jax import nn

    function = getattr(nn, short_name(spelling))
    if "vary" in arguments:
        pair = gated_pair(arguments, lambda x, held, first: jnp.stack(
            (x, jnp.full_like(x, held)) if first else (jnp.full_like(x, held), x), axis=1))
        return lambda x: function(pair(x), axis=1)[:, 0]
    if "others" in arguments:
        others = jnp.asarray(arguments.pop("others"), dtype=jnp.float64)
        return lambda x: function(jnp.concatenate([x[:, None], jnp.broadcast_to(others, (x.shape[0], others.size))],
                                                  axis=1), axis=1)[:, 0]
    return lambda x: function(x, **arguments)


def keras_function(spelling: Spelling, arguments: dict[str, Any]):
    import keras
    import tensorflow as tf

    module, name = spelling.qualified.split(".")[1:]
    others = arguments.pop("others", None)
    if "vary" in arguments:
        pair = gated_pair(arguments, lambda x, held, first: tf.stack(
            (x, tf.fill(tf.shape(x), tf.constant(held, x.dtype))) if first
            else (tf.fill(tf.shape(x), tf.constant(held, x.dtype)), x), axis=1))
        return lambda x: getattr(getattr(keras, module), name)(pair(x), axis=1)[:, 0]
    if module == "layers":
        if name == "PReLU":
            layer = keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(arguments["alpha"]))
        else:
            layer = getattr(keras.layers, name)(**arguments)
        function = lambda x: tf.reshape(layer(tf.reshape(x, (-1, 1))), (-1,))  # noqa: E731
        if others is not None:
            function = layer
    else:
        function = lambda x: getattr(getattr(keras, module), name)(x, **arguments)  # noqa: E731
    if others is not None:
        row = tf.constant(others, dtype=tf.float64)
        return lambda x: function(tf.concat([x[:, None], tf.broadcast_to(row, (tf.shape(x)[0], len(others)))],
                                            axis=1))[:, 0]
    return function


def tf_function(spelling: Spelling, arguments: dict[str, Any]):
    import tensorflow as tf

    module = spelling.qualified.split(".")[1]  # nn or math
    function = getattr(getattr(tf, module), short_name(spelling))
    if "others" in arguments:
        row = tf.constant(arguments.pop("others"), dtype=tf.float64)
        return lambda x: function(tf.concat([x[:, None], tf.broadcast_to(row, (tf.shape(x)[0], row.shape[0]))],
                                            axis=1), axis=1)[:, 0]
    return lambda x: function(x, **arguments)


def jax_evaluate(function, x: np.ndarray) -> tuple[np.ndarray, ...]:
    import jax
    import jax.numpy as jnp

    xs = jnp.asarray(x, dtype=jnp.float64)
    first = jax.grad(lambda t: function(t).sum())
    second = jax.grad(lambda t: first(t).sum())
    return tuple(np.asarray(v, dtype=np.float64) for v in (function(xs), first(xs), second(xs)))


def tf_evaluate(function, x: np.ndarray) -> tuple[np.ndarray, ...]:
    import tensorflow as tf

    xs = tf.constant(x, dtype=tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(xs)
        with tf.GradientTape() as inner:
            inner.watch(xs)
            y = function(xs)
        d1 = inner.gradient(y, xs, unconnected_gradients="zero")
    try:
        d2 = np.asarray(outer.gradient(d1, xs, unconnected_gradients="zero"))
    except LookupError:  # no gradient registered for the gradient (SoftsignGrad): no reference
        d2 = np.full(x.shape, np.nan)
    return tuple(np.asarray(v, dtype=np.float64) for v in (y, d1, d2))


ONNX_OPSET = {"Gelu": 20, "Mish": 18, "Swish": 24, "SwiGLU": 28}


def onnx_evaluate(spelling: Spelling, arguments: dict[str, Any], x: np.ndarray) -> tuple[np.ndarray, ...]:
    import onnx
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    op = short_name(spelling)
    others = arguments.pop("others", None)
    inputs, feeds = ["x"], {"x": x if others is None else np.column_stack([x, np.tile(others, (x.size, 1))])}
    if op == "PRelu":
        inputs.append("slope")
        feeds["slope"] = np.array([arguments.pop("slope")], dtype=np.float64)
    if op == "Clip":  # min and max are inputs of the input's type
        inputs += ["min", "max"]
        feeds["min"], feeds["max"] = (np.array(arguments.pop(k), dtype=np.float64) for k in ("min", "max"))
    if op == "SwiGLU":  # Y = Swish_alpha(A) * B: the gate's input A first
        vary, held = arguments.pop("vary"), arguments.pop("held")
        inputs = ["A", "B"]
        constant = np.full_like(x, held)
        feeds = {"A": x, "B": constant} if vary == "gate" else {"A": constant, "B": x}
    if others is not None:
        arguments["axis"] = 1
    node = helper.make_node(op, inputs, ["y"], **{k: float(v) if isinstance(v, float) else v
                                                   for k, v in arguments.items()})
    declared = [helper.make_tensor_value_info(n, TensorProto.DOUBLE, None) for n in inputs]
    graph = helper.make_graph([node], "g", declared, [helper.make_tensor_value_info("y", TensorProto.DOUBLE, None)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", ONNX_OPSET.get(op, 22))])
    y = np.asarray(ReferenceEvaluator(model).run(None, feeds)[0], dtype=np.float64)
    y = y if others is None else y[:, 0]
    assert onnx is not None
    return y, np.full(x.shape, np.nan), np.full(x.shape, np.nan)


def evaluate(spelling: Spelling, params: dict[str, Any], x: np.ndarray) -> tuple[np.ndarray, ...]:
    """Value, first and second derivative as the framework computes them."""
    arguments = framework_arguments(spelling, params)
    framework = spelling.framework
    if framework == "jax":
        return jax_evaluate(jax_function(spelling, arguments), x)
    if framework == "keras":
        return tf_evaluate(keras_function(spelling, arguments), x)
    if framework == "tf":
        return tf_evaluate(tf_function(spelling, arguments), x)
    return onnx_evaluate(spelling, arguments, x)


def versions() -> dict[str, str]:
    import jax
    import keras
    import onnx
    import tensorflow as tf

    return {"jax": jax.__version__, "keras": keras.__version__, "keras_backend": keras.backend.backend(),
            "tensorflow": tf.__version__, "onnx": onnx.__version__}


def main() -> None:
    import jax
    import keras

    jax.config.update("jax_enable_x64", True)
    keras.config.set_floatx("float64")
    rng = np.random.default_rng(20261123)
    cases: list[dict[str, Any]] = []
    arrays: dict[str, np.ndarray] = {}
    for spelling in SPELLINGS:
        if spelling.framework not in FRAMEWORKS:
            continue
        for params in parameter_sets(spelling):
            x = grid(spelling, params, rng)
            y, d1, d2 = evaluate(spelling, params, x)
            index = len(cases)
            cases.append({"name": spelling.qualified,
                          "params": {k: (None if isinstance(v, float) and math.isinf(v) else v)
                                     for k, v in params.items()}})
            for key, values in (("x", x), ("y", y), ("d1", d1), ("d2", d2)):
                arrays[f"{index}_{key}"] = values
    meta = {"versions": versions(), "cases": cases}
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUTPUT, meta=np.array(json.dumps(meta)), **arrays)
    print(f"wrote {len(cases)} cases to {OUTPUT.relative_to(ROOT)} ({meta['versions']})")


if __name__ == "__main__":
    main()
