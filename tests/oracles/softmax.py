"""Oracles of the sparse maps of the softmax family: output 0 of [x, *others], in mpmath.

Sparsemax is restated from Martins and Astudillo's algorithm (sort, find the support, project);
hardmax from ONNX's definition (1 at the first maximum).
"""

from __future__ import annotations

import mpmath as mp


def sparsemax(x, others):
    """max(x - tau, 0) with tau = (sum of the k largest - 1)/k, k the largest j with
    1 + j z_(j) > z_(1) + ... + z_(j)."""
    z = sorted([x, *others], reverse=True)
    k = max(j for j in range(1, len(z) + 1) if 1 + j * z[j - 1] > sum(z[:j]))
    tau = (sum(z[:k]) - 1) / k
    return max(x - tau, mp.mpf(0))


ORACLES = {
    "sparsemax": sparsemax,
    "hardmax": lambda x, others: mp.mpf(1) if x >= max(others) else mp.mpf(0),
}
