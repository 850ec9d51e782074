"""Oracles of the trainable gated family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _phi(z):
    return mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)


def _cdf(z):
    return (1 + mp.erf(z / mp.sqrt(2))) / 2


ORACLES = {
    "erfact": lambda x, alpha, beta: x * mp.erf(alpha * mp.exp(beta * x)),
    "pserf": lambda x, gamma, delta: x * mp.erf(gamma * mp.log(1 + mp.exp(delta * x))),
    "tanhsoft": lambda x, alpha, beta, gamma, delta: (mp.tanh(alpha * x + beta * mp.exp(gamma * x))
                                                      * mp.log(delta + mp.exp(x))),
    "smu": lambda x, alpha, mu: ((1 + alpha) * x + (1 - alpha) * x * mp.erf(mu * (1 - alpha) * x)) / 2,
    # the convolution of Leaky ReLU with a Gaussian, written as the integral it is
    "sau": lambda x, alpha, sigma: alpha * x + (1 - alpha) * (x * _cdf(x / sigma) + sigma * _phi(x / sigma)),
    "sinlu": lambda x, a, b: (x + a * mp.sin(b * x)) * _sigmoid(x),
    # Ma et al. (2021), ACON-C: S_beta(p1 x, p2 x) = (p1 - p2) x sigmoid(beta (p1 - p2) x) + p2 x
    "acon-c": lambda x, p1, p2, beta: (p1 - p2) * x * _sigmoid(beta * (p1 - p2) * x) + p2 * x,
    # Chieng et al. (2018): x sigmoid(x) + T for x >= 0, T otherwise
    "fts": lambda x, T: x * _sigmoid(x) + T if x >= 0 else T,
    # Elfwing et al. (2018): dSiLU(x) = sigmoid(x) (1 + x (1 - sigmoid(x)))
    "dsilu": lambda x: _sigmoid(x) * (1 + x * (1 - _sigmoid(x))),
}
