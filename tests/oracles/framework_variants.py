"""Oracles of the framework variants: each framework's definition restated in mpmath.

Away from the kinks a variant is its base curve (the conventions differ at single points,
which test_frameworks.py checks against the frameworks' own derivatives).
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_SCALE = mp.mpf("1.0507009873554804934193349852946")


def _elu(x, alpha):
    return x if x > 0 else alpha * (mp.exp(x) - 1)


def _keras_relu(x, negative_slope, max_value, threshold):
    if negative_slope != 0 and mp.isinf(max_value) and threshold == 0:  # tf.nn.leaky_relu: a float32 slope
        negative_slope = mp.mpf(float(np.float32(negative_slope)))
    above = min(x, max_value) if x > threshold else mp.mpf(0)
    return above + negative_slope * min(x - threshold, 0)


def _keras_sparsemax(x, others):
    """Keras 3's sparsemax as its source computes it: the support as sparsemax's, the threshold
    (C_1 + ... + C_k - 1)/k over the cumulative sums C_j of the sorted logits."""
    z = sorted([x, *others], reverse=True)
    sums = [sum(z[:j]) for j in range(1, len(z) + 1)]
    k = sum(1 for j in range(1, len(z) + 1) if 1 + j * z[j - 1] > sums[j - 1])
    return max(x - (sum(sums[:k]) - 1) / k, mp.mpf(0))


def _hard_sigmoid(x, alpha, beta):
    return min(max(alpha * x + beta, 0), 1)


def _hardswish(x):
    return x * min(max(x + 3, 0), 6) / 6


ORACLES = {
    "inclusive-hard-sigmoid": _hard_sigmoid,
    "hardswish-closed": _hardswish,
    "sparsemax-keras": _keras_sparsemax,
    "inclusive-leaky-relu": lambda x, negative_slope: x if x >= 0 else negative_slope * x,
    "inclusive-hardtanh": lambda x, min_val, max_val: min(max(x, min_val), max_val),
    "elu-jax": _elu,
    "celu-jax": lambda x, alpha: max(x, 0) + alpha * (mp.exp(min(x, 0) / alpha) - 1),
    "selu-jax": lambda x: SELU_SCALE * _elu(x, SELU_ALPHA),
    "softsign-jax": lambda x: x / (1 + abs(x)),
    "softplus-exact": lambda x: mp.log(1 + mp.exp(x)),
    "celu-keras": lambda x, alpha: max(x, 0) + alpha * (mp.exp(min(x, 0) / alpha) - 1),
    "selu-tf": lambda x: SELU_SCALE * _elu(x, SELU_ALPHA),
    "sparse-sigmoid-keras": lambda x: min(max((x + 1) / 2, 0), 1),
    "keras-relu": _keras_relu,
    "prelu-keras": lambda x, init: x if x > 0 else init * x,
    "affine-hard-sigmoid": lambda x, alpha, beta: max(0, min(1, alpha * x + beta)),
    "shrink": lambda x, lambd, bias: x - bias if x > lambd else (x + bias if x < -lambd else mp.mpf(0)),
    "selu-parametric": lambda x, alpha, gamma: gamma * _elu(x, alpha),
}
