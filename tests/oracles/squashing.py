"""Oracles of the squashing family's literature entries: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp

ORACLES = {
    "lecun-tanh": lambda x: mp.mpf("1.7159") * mp.tanh(2 * x / 3),
    "penalized-tanh": lambda x, a: mp.tanh(x) if x > 0 else a * mp.tanh(x),
    "cloglog": lambda x: 1 - mp.exp(-mp.exp(x)),
    "gumbel": lambda x: mp.exp(-mp.exp(-x)),  # Alexandridis et al., Gumbel activation (eq. of eta_Gumbel)
    "laplace": lambda x: (1 + mp.erf((x - mp.sqrt(mp.mpf(1) / 2)) / (mp.sqrt(1 / (4 * mp.pi)) * mp.sqrt(2)))) / 2,
    "soft-root-sign": lambda x, alpha, beta: x / (x / alpha + mp.exp(-x / beta)),
    "soft-clipping": lambda x, p: mp.log((1 + mp.exp(p * x)) / (1 + mp.exp(p * (x - 1)))) / p,
}
