"""Entries without a PyTorch counterpart, against an independent high-precision reference.

Each oracle restates the entry's definition in mpmath (from the literature, or JAX's formula
where JAX defines the function) and mpmath differentiates it at 40 digits. The points avoid
breakpoints, where a numerical derivative has no meaning; the conventions there are tested in
test_catalog.py. The absolute floor 1e-25 is mpmath's: its numerical derivative of a term
like x sigmoid(-300) is exact only to about 40 digits of the function's own size.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

import actplot
from tests.conftest import case_id, parameter_cases
from tests.oracles import all_oracles

ORACLES = {
    "relu-squared": lambda x: max(x, 0) ** 2,
    "binary-step": lambda x: mp.mpf(1) if x >= 0 else mp.mpf(0),
    "exponential": mp.exp,
    "swish-beta": lambda x, beta: x / (1 + mp.exp(-beta * x)),
    "squareplus": lambda x, b: (x + mp.sqrt(x * x + b)) / 2,
    "sparse-plus": lambda x, beta: 0 if x <= -beta else (x if x >= beta else (x + beta) ** 2 / (4 * beta)),
    "shifted-softplus": lambda x: mp.log(mp.exp(x) / 2 + mp.mpf(1) / 2),
    "bent-identity": lambda x: (mp.sqrt(x * x + 1) - 1) / 2 + x,
    "sparse-sigmoid": lambda x: min(max((x + 1) / 2, 0), 1),
    "arctan": mp.atan,
    "isru": lambda x, alpha: x / mp.sqrt(1 + alpha * x * x),
    "gaussian": lambda x: mp.exp(-x * x),
    "sinusoid": mp.sin,
    **all_oracles(),  # the families added later, each in tests/oracles/FAMILY.py
}

CASES = [case for case in parameter_cases() if actplot.get(case[0]).torch is None]


def test_every_entry_without_pytorch_has_an_oracle():
    assert {name for name, _ in CASES} == set(ORACLES)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matches_high_precision_reference(case):
    name, params = case
    entry = actplot.get(name)
    rng = np.random.default_rng(11)
    x = np.concatenate([np.linspace(-7.9, 7.9, 80), rng.normal(0, 3, 20), [-300.0, -30.0, 30.0, 300.0]])
    breaks = [p.x for p in entry.breakpoints(**params)]
    x = x[[all(abs(v - b) > 1e-3 for b in breaks) for v in x]]
    oracle = ORACLES[name]
    with mp.workdps(40):
        mp_params = {k: tuple(map(mp.mpf, v)) if isinstance(v, tuple) else v if isinstance(v, str) else mp.mpf(v)
                     for k, v in entry.resolve(**params).items()}
        for order in (0, 1, 2):
            expected = np.array([float(mp.diff(lambda t: oracle(t, **mp_params), mp.mpf(v), order))
                                 for v in x])
            got = entry.evaluate(x, order, **params)
            np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-25, err_msg=f"{name} order {order}")
