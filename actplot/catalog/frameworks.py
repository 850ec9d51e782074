"""How each framework spells the catalog's activations: ``jax.nn.gelu``, ``onnx.HardSigmoid``...

Users come with a name from their own code, and the same name means different curves across
frameworks: LeakyReLU's slope is 0.01 in PyTorch and JAX but 0.2 in ``keras.activations`` and
0.3 in ``keras.layers``; ``jax.nn.gelu`` defaults to the tanh approximation. This module is a
table, one :class:`Spelling` per qualified name: the canonical entry it computes, the
framework's defaults, the framework's parameter names and words (JAX's ``approximate=True``
means ``'tanh'``), and the parameters the framework does not have (held fixed). Where a
framework's curve differs from every canonical entry, at its kinks included, the entry it
names is one of :mod:`actplot.catalog.framework_variants`. PyTorch's rows are not written out:
the canonical entries are PyTorch's, and each names its torch module (``Activation.torch``), from
which its rows are derived (so this module reads the registry, and the registry imports it only
when a framework's name is asked for).

:func:`resolve` turns a qualified name into an :class:`~actplot.core.schema.Activation` whose
defaults, parameter names and title are the framework's (``dataclasses.replace`` on the
canonical entry), cached. Names are matched in any case, with ``_`` and ``-`` ignored, as
catalog names are (``JAX.nn.Leaky-ReLU`` is ``jax.nn.leaky_relu``).

Keras names are Keras 3 with its default TensorFlow backend (its derivatives at kinks are
TensorFlow's); ONNX names are the operators of the default domain, which define no derivative:
they take the canonical entry's convention.

Where a framework keeps a parameter in float32 whatever the input's type (every float attribute
of an ONNX operator; the slope of TensorFlow's leaky_relu, which Keras's leaky ReLU layers and
functions call), the name computes as the framework does: with the value rounded to float32
(``np.float32(v)`` as a float64), its default and any value given alike (``Spelling.float32``).
The parameters themselves keep the value given; ``actplot info`` says which are rounded.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from actplot.catalog.builtins import BUILTINS
from actplot.catalog.framework_variants import FrameworkParam, to_float32
from actplot.core.errors import UnknownActivation, lookup_key
from actplot.core.schema import Activation, Choice, Constraint, Param, ParamValue

#: The frameworks, in the order ``actplot info`` shows them, with the prefixes of their names.
FRAMEWORKS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "torch": ("torch.nn.", "torch.nn.functional."),
    "jax": ("jax.nn.",),
    "keras": ("keras.activations.", "keras.ops.", "keras.layers."),
    "tf": ("tf.nn.", "tf.math."),
    "onnx": ("onnx.",),
})

#: How ``info`` names a framework that rounds parameters to float32.
FRAMEWORK_TITLES: Mapping[str, str] = MappingProxyType({
    "torch": "PyTorch", "jax": "JAX", "keras": "Keras (TensorFlow)", "tf": "TensorFlow", "onnx": "ONNX"})

#: The version each framework's names were verified at: the committed reference values came from
#: these (tests/data/torch_reference.npz and framework_reference.npz; ONNX's from onnx's reference
#: evaluator at each operator's latest opset).
VERIFIED_AT: Mapping[str, str] = MappingProxyType({
    "torch": "2.13.0", "jax": "0.10.2", "keras": "3.15.1", "tf": "2.21.0", "onnx": "1.23.2"})

#: What a version after ``@`` counts: the framework's release, or for ONNX the operator set.
VERSION_OF: Mapping[str, str] = MappingProxyType({
    "torch": "PyTorch", "jax": "JAX", "keras": "Keras", "tf": "TensorFlow", "onnx": "ONNX opset"})

REFERENCE_VERSIONS = ", ".join(f"{key} {VERIFIED_AT[key]}" for key in ("jax", "keras", "tf", "onnx")).replace(
    "keras 3.15.1", "keras 3.15.1 (TensorFlow backend)").replace("tf ", "tensorflow ")


@dataclass(frozen=True)
class Era:
    """How a framework name computed before version ``until`` (from ``until`` on it computes as its
    row says). Fields left None are the row's. ``note`` says what changed at ``until``."""

    until: str
    note: str
    entry: str | None = None
    defaults: Mapping[str, ParamValue] | None = None
    renames: Mapping[str, str] | None = None
    fixed: Mapping[str, ParamValue] | None = None
    float32: frozenset[str] | None = None


#: The fields of an :class:`Era` that replace the row's where given.
ERA_FIELDS = ("entry", "defaults", "renames", "fixed", "float32")


@dataclass(frozen=True)
class Spelling:
    """One framework's name for a catalog entry.

    ``defaults``: canonical parameter -> the framework's default, where it differs.
    ``renames``: the framework's parameter name -> the canonical parameter it is.
    ``words``: canonical parameter -> {the framework's value (lower case): the canonical value}.
    ``fixed``: canonical parameters the framework does not have -> the value it computes with.
    ``float32``: canonical parameters the framework keeps in float32: the name computes with them
    rounded to float32 (np.float32(v) as a float64), the default and a given value alike.
    ``note``: how the framework's curve differs from the canonical entry's, or anything to know.
    ``since``: the first version that has the name (ONNX: the operator set), where known.
    ``history``: how the name computed in earlier versions (:class:`Era`, oldest first), where that
    differs from now; ``NAME@VERSION`` draws it.
    """

    qualified: str
    entry: str
    defaults: Mapping[str, ParamValue] = field(default_factory=dict)
    renames: Mapping[str, str] = field(default_factory=dict)
    words: Mapping[str, Mapping[str, ParamValue]] = field(default_factory=dict)
    fixed: Mapping[str, ParamValue] = field(default_factory=dict)
    float32: frozenset[str] = frozenset()
    note: str = ""
    since: str = ""
    history: tuple[Era, ...] = ()

    @property
    def framework(self) -> str:
        """``torch``, ``jax``, ``keras``, ``tf`` or ``onnx``."""
        return self.qualified.split(".", 1)[0]

    def framework_name(self, canonical: str) -> str:
        """What the framework calls the canonical parameter ``canonical``."""
        return next((name for name, target in self.renames.items() if target == canonical), canonical)


def _same(prefix: str, names: Mapping[str, str], note: str = "") -> tuple[Spelling, ...]:
    """Names under ``prefix`` that are the canonical entries exactly, defaults and conventions alike."""
    return tuple(Spelling(prefix + name, entry, note=note) for name, entry in names.items())


#: JAX's and Keras's ``approximate`` is a bool: True is the tanh form.
APPROXIMATE_BOOL = {"approximate": {"true": "tanh", "false": "none"}}
#: Keras's ``max_value=None``: no cap.
NO_CAP = {"max_value": {"none": float("inf")}}
#: TensorFlow's leaky_relu keeps its slope in float32 (Keras's leaky ReLU calls it).
SLOPE32 = frozenset({"negative_slope"})
#: PyTorch's Hardswish gradient at its corners before 2.8 (checked with PyTorch 2.6.0, 2.7.0 and 2.8.0).
HARDSWISH_BEFORE = Era("2.8", "the gradient took the middle branch x/3 + 1/2 on the closed [-3, 3], so "
                              "f'(-3) = -1/2 and f'(3) = 3/2; 2.8 gives the outer branches' 0 and 1.",
                       entry="hardswish-closed")
#: Keras's sparsemax is not Martins and Astudillo's.
SPARSEMAX_NOTE = "Not sparsemax: its threshold sums the support's cumulative sums (see sparsemax-keras)."
#: The softmax family on a vector: the other logits, as in the canonical entries.
ONE_LOGIT_NOTE = "drawn as the first component of softmax([x, *others]), as the canonical entry"

#: Where torch.nn.functional does not call an entry with a torch module by its snake_case name: its
#: own name, or None where it has no function (the Identity module's).
TORCH_FUNCTIONAL_NAMES: Mapping[str, str | None] = MappingProxyType({"log-sigmoid": "logsigmoid", "identity": None})


def _torch(explicit: tuple[Spelling, ...]) -> tuple[Spelling, ...]:
    """PyTorch's names, in catalog order: torch.nn.<its torch module> and torch.nn.functional.<its
    function> for every entry that names a torch module (these entries are PyTorch's, defaults and
    conventions alike), and the ``explicit`` rows, which replace a derived row of the same name."""
    replaced = {spelling.qualified for spelling in explicit}
    entries = [entry for entry in BUILTINS.values() if entry.torch]
    modules = [Spelling(f"torch.nn.{entry.torch}", entry.name) for entry in entries]
    functions = [Spelling(f"torch.nn.functional.{function}", entry.name) for entry in entries
                 if (function := TORCH_FUNCTIONAL_NAMES.get(entry.name, entry.snake_name)) is not None]
    return (*(s for s in (*modules, *functions) if s.qualified not in replaced), *explicit)


#: Every qualified name, framework by framework.
SPELLINGS: tuple[Spelling, ...] = (
    # PyTorch: the canonical entries are PyTorch's, so its names are the entries' own (their torch fields).
    *_torch((
        Spelling("torch.nn.functional.prelu", "prelu", renames={"weight": "init"},
                 note="F.prelu takes the slope as a weight tensor with no default; actplot draws PReLU's 0.25."),
        *(Spelling(name, "hardswish", history=(HARDSWISH_BEFORE,))
          for name in ("torch.nn.Hardswish", "torch.nn.functional.hardswish")),
        Spelling("torch.nn.Softmax2d", "softmax",
                 note="Softmax over the channels of each pixel: one channel's logit against the others'."),
    )),

    # JAX (jax.nn).
    *_same("jax.nn.", {
        "relu": "relu", "relu6": "relu6", "sigmoid": "sigmoid", "log_sigmoid": "log-sigmoid", "silu": "silu",
        "swish": "silu", "mish": "mish", "hard_sigmoid": "hardsigmoid", "hard_silu": "hardswish",
        "hard_swish": "hardswish", "squareplus": "squareplus",
        "sparse_sigmoid": "sparse-sigmoid", "tanh": "tanh", "identity": "identity",
        "softmax": "softmax", "log_softmax": "log-softmax", "glu": "glu",
    }),
    Spelling("jax.nn.sparse_plus", "sparse-plus", fixed={"beta": 1.0}, note="SmeLU with beta = 1; no beta."),
    Spelling("jax.nn.leaky_relu", "inclusive-leaky-relu", note="f'(0) = 1 (the x >= 0 branch), not the slope."),
    Spelling("jax.nn.hard_tanh", "inclusive-hardtanh", fixed={"min_val": -1.0, "max_val": 1.0},
             note="f'(-1) = f'(1) = 1 (the linear branch); no min_val or max_val."),
    Spelling("jax.nn.gelu", "gelu", defaults={"approximate": "tanh"}, words=APPROXIMATE_BOOL,
             note="approximate is a bool and defaults to True, the tanh form."),
    Spelling("jax.nn.softplus", "softplus-exact", note="log(1 + exp(x)) everywhere: no linear switch at 20."),
    Spelling("jax.nn.soft_sign", "softsign-jax", note="f''(0) = -2, not 0."),
    Spelling("jax.nn.elu", "elu-jax", note="f''(0) = alpha (the exponential branch), not 0."),
    Spelling("jax.nn.celu", "celu-jax", note="f''(0) = 1 / (4 alpha): max and min split the gradient at 0."),
    Spelling("jax.nn.selu", "selu-jax", note="f''(0) = scale * alpha (the exponential branch), not 0."),
    Spelling("jax.nn.log1mexp", "log1mexp", note="Defined for x > 0 only; no PyTorch counterpart."),

    # Keras 3: keras.activations, keras.ops and keras.layers (TensorFlow backend).
    *_same("keras.activations.", {
        "relu6": "relu6", "sigmoid": "sigmoid", "tanh": "tanh", "silu": "silu", "swish": "silu",
        "mish": "mish", "log_sigmoid": "log-sigmoid", "hard_silu": "hardswish",
        "hard_swish": "hardswish", "softsign": "softsign", "squareplus": "squareplus",
        "tanh_shrink": "tanhshrink", "exponential": "exponential",
        "linear": "identity", "softmax": "softmax", "log_softmax": "log-softmax", "glu": "glu",
    }),
    Spelling("keras.activations.sparsemax", "sparsemax-keras", note=SPARSEMAX_NOTE),
    Spelling("keras.activations.hard_sigmoid", "hardsigmoid",
             history=(Era("3.0", "Keras 2 computed clip(0.2 x + 0.5, 0, 1), with its corners at -2.5 and 2.5 and "
                                 "f' = 0.2 there (TensorFlow's clip_by_value); Keras 3.0 made it relu6(x + 3)/6, "
                                 "PyTorch's Hardsigmoid.",
                          entry="inclusive-hard-sigmoid", fixed={"alpha": 0.2, "beta": 0.5}),)),
    Spelling("keras.activations.relu", "keras-relu", words=NO_CAP,
             note="One function for ReLU, leaky ReLU, capped ReLU and thresholded ReLU."),
    Spelling("keras.activations.leaky_relu", "leaky-relu", defaults={"negative_slope": 0.2}, float32=SLOPE32,
             note="0.2, where keras.layers.LeakyReLU's default is 0.3."),
    Spelling("keras.activations.elu", "elu"),
    Spelling("keras.activations.celu", "celu-keras", note="f'(0) = 2: TensorFlow adds both branches' slopes."),
    Spelling("keras.activations.selu", "selu-tf", note="f'(0) = scale, the linear branch."),
    Spelling("keras.activations.gelu", "gelu", words=APPROXIMATE_BOOL, note="approximate is a bool (False: erf)."),
    Spelling("keras.activations.softplus", "softplus-exact", note="log(1 + exp(x)) everywhere: no linear switch."),
    Spelling("keras.activations.hard_tanh", "inclusive-hardtanh", fixed={"min_val": -1.0, "max_val": 1.0},
             note="f'(-1) = f'(1) = 1 (the linear branch)."),
    Spelling("keras.activations.sparse_plus", "sparse-plus", fixed={"beta": 1.0}, note="SmeLU with beta = 1; no beta."),
    Spelling("keras.activations.sparse_sigmoid", "sparse-sigmoid-keras", note="f'(-1) = f'(1) = 0, not JAX's 1/4."),
    Spelling("keras.activations.hard_shrink", "hardshrink", renames={"threshold": "lambd"}),
    Spelling("keras.activations.soft_shrink", "softshrink", renames={"threshold": "lambd"}),
    Spelling("keras.activations.threshold", "threshold", renames={"default_value": "value"},
             note="threshold and default_value have no defaults in Keras; actplot draws 1 and 0."),
    *_same("keras.ops.", {
        "relu": "relu", "relu6": "relu6", "sigmoid": "sigmoid", "tanh": "tanh", "silu": "silu", "swish": "silu",
        "log_sigmoid": "log-sigmoid", "hard_sigmoid": "hardsigmoid", "hard_silu": "hardswish",
        "hard_swish": "hardswish", "softsign": "softsign", "squareplus": "squareplus",
        "tanh_shrink": "tanhshrink", "elu": "elu", "softmax": "softmax",
        "log_softmax": "log-softmax", "glu": "glu",
    }),
    Spelling("keras.ops.sparsemax", "sparsemax-keras", note=SPARSEMAX_NOTE),
    Spelling("keras.ops.celu", "celu-keras", note="f'(0) = 2: TensorFlow adds both branches' slopes."),
    Spelling("keras.ops.selu", "selu-tf", note="f'(0) = scale, the linear branch."),
    Spelling("keras.ops.hard_tanh", "inclusive-hardtanh", fixed={"min_val": -1.0, "max_val": 1.0},
             note="f'(-1) = f'(1) = 1 (the linear branch)."),
    Spelling("keras.ops.sparse_plus", "sparse-plus", fixed={"beta": 1.0}, note="SmeLU with beta = 1; no beta."),
    Spelling("keras.ops.sparse_sigmoid", "sparse-sigmoid-keras", note="f'(-1) = f'(1) = 0, not JAX's 1/4."),
    Spelling("keras.ops.leaky_relu", "leaky-relu", defaults={"negative_slope": 0.2}, float32=SLOPE32),
    Spelling("keras.ops.gelu", "gelu", defaults={"approximate": "tanh"}, words=APPROXIMATE_BOOL,
             note="approximate is a bool and defaults to True, the tanh form (keras.activations.gelu: False)."),
    Spelling("keras.ops.softplus", "softplus-exact", note="log(1 + exp(x)) everywhere: no linear switch."),
    Spelling("keras.ops.hard_shrink", "hardshrink", renames={"threshold": "lambd"}),
    Spelling("keras.ops.soft_shrink", "softshrink", renames={"threshold": "lambd"}),
    Spelling("keras.ops.threshold", "threshold", renames={"default_value": "value"},
             note="threshold and default_value have no defaults in Keras; actplot draws 1 and 0."),
    Spelling("keras.layers.ReLU", "keras-relu", words=NO_CAP),
    Spelling("keras.layers.LeakyReLU", "leaky-relu", defaults={"negative_slope": 0.3}, float32=SLOPE32,
             history=(Era("3.0", "Keras 2 called the slope alpha (default 0.3, as now, and the layer called "
                                 "tf.nn.leaky_relu then too); Keras 3.0 renamed it negative_slope.",
                          renames={"alpha": "negative_slope"}),)),
    Spelling("keras.layers.PReLU", "prelu-keras", defaults={"init": 0.0}, renames={"alpha": "init"},
             float32=frozenset({"init"}),
             note="alpha_initializer='zeros': the learned slope starts at 0 (ReLU), not 0.25; f'(0) = 0."),
    Spelling("keras.layers.ELU", "elu"),
    Spelling("keras.layers.Softmax", "softmax"),

    # TensorFlow (tf.nn).
    *_same("tf.nn.", {
        "relu": "relu", "relu6": "relu6", "sigmoid": "sigmoid", "tanh": "tanh",
        "softsign": "softsign", "softmax": "softmax", "log_softmax": "log-softmax",
    }),
    Spelling("tf.nn.elu", "elu", fixed={"alpha": 1.0}),
    Spelling("tf.nn.selu", "selu-tf", note="f'(0) = scale, the linear branch."),
    Spelling("tf.nn.leaky_relu", "leaky-relu", defaults={"negative_slope": 0.2}, renames={"alpha": "negative_slope"},
             float32=SLOPE32),
    Spelling("tf.nn.gelu", "gelu", words=APPROXIMATE_BOOL, note="approximate is a bool (False: erf)."),
    Spelling("tf.nn.silu", "swish-beta", note="tf.nn.silu takes a beta: x sigmoid(beta x)."),
    Spelling("tf.nn.swish", "swish-beta"),
    Spelling("tf.nn.softplus", "softplus-exact", note="log(1 + exp(x)) everywhere: no linear switch."),
    Spelling("tf.math.log_sigmoid", "log-sigmoid"),

    # ONNX operators (default domain). ONNX defines no derivatives: the canonical conventions hold.
    # Every float attribute is a float32.
    *_same("onnx.", {
        "Relu": "relu", "Sigmoid": "sigmoid", "Tanh": "tanh", "Softsign": "softsign", "Mish": "mish",
        "HardSwish": "hardswish", "Identity": "identity", "Gelu": "gelu",
        "Softmax": "softmax", "LogSoftmax": "log-softmax", "Hardmax": "hardmax",
    }),
    Spelling("onnx.Clip", "hardtanh", renames={"min": "min_val", "max": "max_val"},
             history=(Era("11", "Before opset 11, min and max were float attributes, so float32, defaulting to "
                                "float32's lowest and highest values; opset 11 made them inputs of the input's type.",
                          float32=frozenset({"min_val", "max_val"})),),
             note="min and max are optional inputs (opset 11 on) that default to the type's lowest and highest "
                  "values, no clipping at all; actplot draws -1 and 1, as torch.nn.Hardtanh exports. ReLU6 "
                  "exports as Clip with min 0 and max 6 (onnx.Clip --min 0 --max 6)."),
    Spelling("onnx.SwiGLU", "swiglu", renames={"alpha": "beta"}, float32=frozenset({"beta"}),
             note="Y = Swish_alpha(A) * B: the gate's input A comes first, the value B second (opset 28)."),
    Spelling("onnx.Elu", "elu", float32=frozenset({"alpha"})),
    Spelling("onnx.Celu", "celu", float32=frozenset({"alpha"})),
    Spelling("onnx.LeakyRelu", "leaky-relu", renames={"alpha": "negative_slope"}, float32=SLOPE32),
    Spelling("onnx.PRelu", "prelu", renames={"slope": "init"},
             note="The slope is an input tensor with no default; actplot draws PReLU's 0.25."),
    Spelling("onnx.ThresholdedRelu", "threshold", renames={"alpha": "threshold"}, fixed={"value": 0.0},
             float32=frozenset({"threshold"}), note="x if x > alpha else 0: PyTorch's Threshold with value 0."),
    Spelling("onnx.HardSigmoid", "affine-hard-sigmoid", float32=frozenset({"alpha", "beta"}),
             note="max(0, min(1, alpha x + beta)) with alpha 0.2 and beta 0.5, not PyTorch's 1/6."),
    Spelling("onnx.Shrink", "shrink", float32=frozenset({"lambd", "bias"}),
             note="bias 0 is hardshrink, bias = lambd is softshrink."),
    Spelling("onnx.Swish", "swish-beta", renames={"alpha": "beta"}, float32=frozenset({"beta"})),
    Spelling("onnx.Softplus", "softplus-exact", note="log(1 + exp(x)) everywhere: no linear switch."),
    Spelling("onnx.Selu", "selu-parametric", defaults={"alpha": 1.67326319217681884765625,
                                                       "gamma": 1.05070102214813232421875},
             float32=frozenset({"alpha", "gamma"}),
             note="alpha and gamma default to the SELU constants rounded to float32."),
)


#: Keras 2's names (tf.keras up to 2.15): every other Keras name came with Keras 3.0 (keras.ops is 3.0's).
KERAS2_NAMES = frozenset({
    *(f"keras.activations.{n}" for n in ("softmax", "elu", "selu", "softplus", "softsign", "swish", "relu", "gelu",
                                         "tanh", "sigmoid", "exponential", "hard_sigmoid", "linear", "mish")),
    *(f"keras.layers.{n}" for n in ("LeakyReLU", "ReLU", "PReLU", "ELU", "Softmax")),
})
#: The operator set each ONNX operator came in, where it is not the first (onnx.defs).
ONNX_SINCE: Mapping[str, str] = MappingProxyType({
    "Mish": "18", "HardSwish": "14", "Gelu": "20", "Celu": "12", "ThresholdedRelu": "10", "Shrink": "9",
    "Swish": "24", "SwiGLU": "28"})


def _dated(row: Spelling) -> Spelling:
    """``row`` with the version its name came in, where the tables above know it."""
    if row.since:
        return row
    if row.framework == "keras" and row.qualified not in KERAS2_NAMES:
        return dataclasses.replace(row, since="3.0")
    if row.framework == "onnx":
        return dataclasses.replace(row, since=ONNX_SINCE.get(row.qualified.split(".", 1)[1], "1"))
    return row


SPELLINGS = tuple(_dated(row) for row in SPELLINGS)


def _key(name: str) -> str:
    return lookup_key(name)


def version_key(text: str, name: str) -> tuple[int, int, int]:
    """A version as numbers to compare, ``2`` as 2.0.0 (an UnknownActivation naming ``name`` for
    anything but dot-separated numbers)."""
    pieces = text.strip().split(".")
    if not all(piece.isdigit() for piece in pieces) or len(pieces) > 3:
        raise UnknownActivation(f"'{name}': a version is numbers like 2 or 2.6, got '{text.strip()}'")
    numbers = [int(piece) for piece in pieces] + [0, 0]
    return numbers[0], numbers[1], numbers[2]


def version_lines(row: Spelling) -> list[str]:
    """What ``info`` says of a name's versions: where it was verified, when it came, and each
    earlier convention with the name that draws it."""
    title = VERSION_OF[row.framework]
    verified = VERIFIED_AT[row.framework] + (" (its reference evaluator)" if row.framework == "onnx" else "")
    lines = [f"verified at {FRAMEWORK_TITLES[row.framework].split(' (')[0]} {verified}"
             + (f"; the name came in {title} {row.since}" if row.since else "")]
    for era in row.history:
        lines.append(f"before {title} {era.until}: {era.note} ({row.qualified}@{_before(era.until)} draws it)")
    return lines


def _before(version: str) -> str:
    """A version just before ``version``, as a user would write it: 3.0 -> 2, 2.7 -> 2.6, 11 -> 10."""
    major, minor, _ = version_key(version, version)
    return str(major - 1) if minor == 0 else f"{major}.{minor - 1}"


def at_version(row: Spelling, text: str) -> Spelling:
    """``row`` as the framework's version ``text`` computes it, named ``NAME@text``: the first
    :class:`Era` that ends after that version, or the row itself (an UnknownActivation if the
    name did not exist yet)."""
    name = f"{row.qualified}@{text.strip()}"
    version, title = version_key(text, name), VERSION_OF[row.framework]
    if row.since and version < version_key(row.since, name):
        raise UnknownActivation(f"'{name}': {row.qualified} came in {title} {row.since}")
    for era in row.history:
        if version < version_key(era.until, name):
            then = {key: getattr(era, key) for key in ERA_FIELDS if getattr(era, key) is not None}
            return dataclasses.replace(row, **then, qualified=name, history=(),
                                       note=f"Before {title} {era.until}: {era.note}")
    return dataclasses.replace(row, qualified=name, history=())


@functools.cache
def _by_key() -> Mapping[str, Spelling]:
    table = {_key(spelling.qualified): spelling for spelling in SPELLINGS}
    if len(table) != len(SPELLINGS):
        raise ValueError("two spellings share a name")
    return MappingProxyType(table)


def spelling(name: str) -> Spelling | None:
    """The table's row for a qualified name (any case, ``_``/``-`` ignored), or None; with
    ``@VERSION``, the row as that version computes it (:func:`at_version`)."""
    base, at, version = name.partition("@")
    row = _by_key().get(_key(base))
    return at_version(row, version) if row is not None and at else row


def spellings(framework: str | None = None) -> tuple[Spelling, ...]:
    """The rows of one framework (``torch``, ``jax``, ``keras``, ``tf``, ``onnx``), or all."""
    if framework is None:
        return SPELLINGS
    return tuple(s for s in SPELLINGS if s.framework == framework)


def spellings_of(entry: str) -> tuple[Spelling, ...]:
    """Every framework name that computes the canonical entry ``entry``."""
    return tuple(s for s in SPELLINGS if s.entry == entry)


def framework_param(param: Param, spelling: Spelling) -> Param:
    """``param`` with the framework's default, its name first among the aliases, its words, and
    whether the framework keeps it in float32 (said in its help)."""
    own = spelling.framework_name(param.name)
    aliases = tuple(dict.fromkeys(a for a in (own, *param.aliases) if a != param.name))
    words = tuple(spelling.words.get(param.name, {}).items())
    fields = {f.name: getattr(param, f.name) for f in dataclasses.fields(Param)}
    fields.update(default=spelling.defaults.get(param.name, param.default), aliases=aliases)
    if isinstance(param, FrameworkParam):
        words = (*param.words, *words)
    if isinstance(param.domain, Choice) and words:  # the command line offers the framework's words too
        fields["domain"] = Choice(tuple(dict.fromkeys((*param.domain.options, *(w for w, _ in words)))))
    rounded = param.name in spelling.float32
    if rounded:
        fields["help"] = f"{param.help} (computed in float32, as {FRAMEWORK_TITLES[spelling.framework]} keeps it)"
    return FrameworkParam(**fields, words=words, float32=rounded)


def _rounded(function: Callable[..., Any], names: frozenset[str]) -> Callable[..., Any]:
    """``function`` given the parameters in ``names`` rounded to float32."""
    def rounded(*args: Any, **params: Any) -> Any:
        return function(*args, **{k: to_float32(v) if k in names and isinstance(v, float) else v
                                  for k, v in params.items()})
    return rounded


def _round(entry: Activation, names: frozenset[str]) -> dict[str, Any]:
    """The fields of ``entry`` that compute from the parameters, computing with ``names`` in float32."""
    changes: dict[str, Any] = {
        "value_fn": _rounded(entry.value_fn, names),
        "derivative_fns": tuple(_rounded(fn, names) for fn in entry.derivative_fns),
        "breakpoints_fn": _rounded(entry.breakpoints_fn, names),
    }
    for name in ("properties", "band_fn", "locate_fn", "overflow_above"):
        value = getattr(entry, name)
        if callable(value):
            changes[name] = _rounded(value, names)
    return changes


def float32_note(spelling: Spelling, entry: Activation) -> str:
    """What ``info`` says of the parameters a framework keeps in float32 (empty if none)."""
    names = [p.name for p in entry.parameters if p.name in spelling.float32]
    if not names:
        return ""
    shown = " and ".join(spelling.framework_name(n) for n in names)
    example = next(((spelling.framework_name(p.name), p.default) for p in entry.parameters
                    if p.name in spelling.float32 and isinstance(p.default, float)
                    and to_float32(p.default) != p.default), None)
    text = f"{FRAMEWORK_TITLES[spelling.framework]} keeps {shown} in float32, and the curve computes with "
    text += "it" if len(names) == 1 else "them"
    return text + (f" so: {example[0]} {example[1]!r} as {to_float32(example[1])!r}." if example else " so.")


def _bound(function: Callable[..., Any], fixed: Mapping[str, ParamValue]) -> Callable[..., Any]:
    """``function`` with the fixed parameters passed by name."""
    return lambda *args, **kwargs: function(*args, **kwargs, **fixed)


def _fixed_constraint(constraint: Constraint, fixed: Mapping[str, ParamValue]) -> Constraint:
    """``constraint`` checked with the fixed parameters filled in."""
    def holds(params: Mapping[str, Any]) -> bool:
        return constraint.holds({**params, **fixed})
    return Constraint(holds, constraint.message)


def _fix(entry: Activation, fixed: Mapping[str, ParamValue]) -> dict[str, Any]:
    """The fields of ``entry`` with the ``fixed`` parameters removed and bound to their values."""
    changes: dict[str, Any] = {
        "parameters": tuple(p for p in entry.parameters if p.name not in fixed),
        "value_fn": _bound(entry.value_fn, fixed),
        "derivative_fns": tuple(_bound(fn, fixed) for fn in entry.derivative_fns),
        "breakpoints_fn": _bound(entry.breakpoints_fn, fixed),
        "constraints": tuple(_fixed_constraint(c, fixed) for c in entry.constraints),
    }
    for name in ("formula", "derivative_formula", "properties"):
        value = getattr(entry, name)
        if callable(value):
            changes[name] = _bound(value, fixed)
    for name in ("band_fn", "locate_fn"):
        if getattr(entry, name) is not None:
            changes[name] = _bound(getattr(entry, name), fixed)
    return changes


def build(spelling: Spelling, canonical: Activation) -> Activation:
    """The framework's version of ``canonical``: its defaults, parameter names, words and title, and
    its float32 parameters rounded wherever the curve is computed."""
    changes = _fix(canonical, spelling.fixed) if spelling.fixed else {"parameters": canonical.parameters}
    changes["parameters"] = tuple(framework_param(p, spelling) for p in changes["parameters"])
    shown = ", ".join(f"{spelling.framework_name(k)}={v}" for k, v in spelling.fixed.items())
    entry = dataclasses.replace(canonical, **changes)
    rounding = float32_note(spelling, entry)
    note = " ".join(part for part in (spelling.note, rounding, f"Fixed: {shown}." if shown else "", canonical.note)
                    if part)
    return dataclasses.replace(
        entry, **(_round(entry, spelling.float32) if spelling.float32 else {}), name=spelling.qualified,
        torch=canonical.torch if spelling.framework == "torch" else None,
        aliases=(), display_name=spelling.qualified, reference=spelling.qualified, note=note,
    )


@functools.cache
def _resolved(key: str, version: str, get: Callable[[str], Activation]) -> Activation | None:
    row = _by_key().get(key)
    if row is None:
        return None
    if version:
        row = at_version(row, version)
    return build(row, get(row.entry))


def resolve(name: str, get: Callable[[str], Activation]) -> Activation | None:
    """The framework's version of the entry a qualified name spells, built once; None if the
    table has no such name. ``NAME@VERSION`` gives that version's (:func:`at_version`). ``get``
    finds a canonical entry by name."""
    base, _, version = name.partition("@")
    return _resolved(_key(base), version.strip(), get)
