"""Oracles of the wave_units family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp

ORACLES = {
    # Ramasinghe and Lucey (arXiv:2111.15135), as their table writes them
    "laplacian": lambda x, a: mp.exp(-abs(x) / a),
    "inverse-quadratic": lambda x, a: 1 / (1 + (a * x) ** 2),
    "inverse-multiquadric": lambda x, a: 1 / mp.sqrt(1 + (a * x) ** 2),
    "super-gaussian": lambda x, sigma, b: mp.exp(-x * x / (2 * sigma * sigma)) ** b,
    "expsin": lambda x, a: mp.exp(-mp.sin(a * x)),
    # WIRE's real Gabor wavelet (arXiv:2301.05187; RealGaborLayer in the authors' code)
    "real-gabor": lambda x, omega0, s0: mp.cos(omega0 * x) * mp.exp(-(s0 * x) ** 2),
    # FINER (arXiv:2312.02434): sin(omega_0 alpha x) with alpha = |x| + 1
    "finer": lambda x, w0: mp.sin(w0 * (abs(x) + 1) * x),
    # SnakeBeta of BigVGAN (arXiv:2206.04658; activations.py in the authors' code)
    "snake-beta": lambda x, alpha, beta: x + mp.sin(alpha * x) ** 2 / beta,
}
