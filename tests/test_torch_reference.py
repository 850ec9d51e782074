"""Every entry with a PyTorch counterpart against PyTorch's values and autograd derivatives.

The committed file tests/data/torch_reference.npz was written by scripts/make_reference.py
with PyTorch; these tests read it without PyTorch. A live comparison runs when torch can be
imported and is skipped otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import actplot
from tests.conftest import load_script, parameter_cases

REFERENCE = Path(__file__).parent / "data" / "torch_reference.npz"
RTOL = 1e-10
#: Absolute floor: where a value is a difference of nearly equal numbers (1 - sigmoid(30),
#: 1 + erf(-7)), PyTorch's float64 formula keeps only ~1e-16 absolute accuracy, not relative.
ATOL = 1e-12

#: PyTorch's own precision limits, each checked at the looser tolerance it needs.
KNOWN_LOOSER = {
    # Hardsigmoid's backward multiplies by 1/6 rounded to float32 (0.16666667163...), even in float64.
    ("hardsigmoid", "d1"): 1e-7,
}


def load_reference() -> tuple[dict, np.lib.npyio.NpzFile]:
    data = np.load(REFERENCE, allow_pickle=False)
    return json.loads(str(data["meta"])), data


META, DATA = load_reference()
ORDERS = {"y": 0, "d1": 1, "d2": 2}


def case_label(index: int) -> str:
    case = META["cases"][index]
    return case["name"] + "".join(f"-{k}={v}" for k, v in case["params"].items())


@pytest.mark.parametrize("index", range(len(META["cases"])), ids=case_label)
def test_matches_pytorch_value_and_derivatives(index):
    case = META["cases"][index]
    entry = actplot.get(case["name"])
    x = DATA[f"{index}_x"]
    for key, order in ORDERS.items():
        expected = DATA[f"{index}_{key}"]
        known = ~np.isnan(expected)  # NaN: PyTorch gave no usable reference there
        got = entry.evaluate(x[known], order, **case["params"])
        rtol = KNOWN_LOOSER.get((case["name"], key), RTOL)
        np.testing.assert_allclose(got, expected[known], rtol=rtol, atol=ATOL,
                                   err_msg=f"{case_label(index)} {key}")


def test_reference_gaps_are_only_the_known_ones():
    """NaN marks PyTorch failures: hardsigmoid has no double backward, and mish's second
    derivative overflows to NaN in PyTorch for x >= 1000 (the true value is 0 there)."""
    for index, case in enumerate(META["cases"]):
        x = DATA[f"{index}_x"]
        for key in ORDERS:
            gaps = np.isnan(DATA[f"{index}_{key}"])
            if case["name"] == "hardsigmoid" and key == "d2":
                assert gaps.all()
            elif case["name"] == "mish" and key == "d2":
                assert set(x[gaps]) <= {1e3, 1e6}
            else:
                assert not gaps.any(), (case_label(index), key)


def test_reference_covers_every_pytorch_entry_and_example():
    reference = load_script("make_reference")
    expected = [(name, params) for name, params in parameter_cases() if actplot.get(name).torch]
    recorded = [(case["name"], {k: tuple(v) if isinstance(v, list) else v for k, v in case["params"].items()})
                for case in META["cases"]]
    assert recorded == expected, "tests/data/torch_reference.npz is stale: run scripts/make_reference.py"
    assert reference.OUTPUT == REFERENCE
    for index, case in enumerate(META["cases"]):
        breakpoints = [p.x for p in actplot.get(case["name"]).breakpoints(**case["params"])]
        assert set(breakpoints) <= set(DATA[f"{index}_x"].tolist()), case_label(index)


def test_live_pytorch_comparison():
    pytest.importorskip("torch", reason="PyTorch is not installed (a development-only reference)")
    reference = load_script("make_reference")
    rng = np.random.default_rng(7)
    for name, params in parameter_cases():
        entry = actplot.get(name)
        if entry.torch is None:
            continue
        x = reference.grid(entry, params, rng)
        for key, expected in zip(ORDERS, reference.evaluate(reference.torch_function(entry, params), x), strict=True):
            known = ~np.isnan(expected)
            got = entry.evaluate(x[known], ORDERS[key], **params)
            rtol = KNOWN_LOOSER.get((name, key), RTOL)
            np.testing.assert_allclose(got, expected[known], rtol=rtol, atol=ATOL, err_msg=f"{name} {params} {key}")
