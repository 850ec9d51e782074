"""Write tests/data/torch_reference.npz: PyTorch's values and autograd derivatives.

Development tool, not a runtime or test dependency: run it after changing an entry that has a
PyTorch counterpart, with PyTorch installed (``pip install torch``), and commit the result::

    python scripts/make_reference.py

For every catalog entry with a ``torch`` class it evaluates the class in float64 at the
defaults and at each of the entry's example parameter values, on a grid that holds the
breakpoints and their float64 neighbours, extreme inputs and seeded random points. The first
derivative is autograd's, the second is autograd applied to the first. Where PyTorch cannot
differentiate its own backward (Hardsigmoid), the second derivative is stored as NaN: no
reference, and the tests check it by other means.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import actplot  # noqa: E402
from actplot.core.schema import Activation  # noqa: E402

OUTPUT = ROOT / "tests" / "data" / "torch_reference.npz"
EXTREMES = (-1e6, -1e3, -100.0, -40.0, -25.0, -12.0, 12.0, 25.0, 40.0, 100.0, 1e3, 1e6)
SOFTMAX_FAMILY = {"Softmax", "Softmin", "LogSoftmax"}


def parameter_sets(entry: Activation, per_parameter: int | None = None) -> list[dict[str, Any]]:
    """The defaults, then each valid example value of each parameter (the first ``per_parameter``
    of them, or all) with the others at default."""
    sets: list[dict[str, Any]] = [{}]
    for param in entry.parameters:
        taken = 0
        for example in param.examples:
            if per_parameter is not None and taken == per_parameter:
                break
            try:
                entry.resolve(**{param.name: example})
            except ValueError:
                continue
            sets.append({param.name: example})
            taken += 1
    return sets


def grid(entry: Activation, params: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    """Regular points, breakpoints with their neighbours, extremes and random points."""
    points = [np.linspace(-8.0, 8.0, 161), np.array(EXTREMES), rng.normal(0.0, 4.0, 40)]
    for point in entry.breakpoints(**params):
        b = point.x
        points.append(np.array([b, np.nextafter(b, -np.inf), np.nextafter(b, np.inf), b - 1e-6, b + 1e-6]))
    return np.unique(np.concatenate(points))


def torch_cases(per_parameter: int | None = None) -> Iterator[tuple[str, Activation, dict[str, Any]]]:
    """Each catalog entry with a ``torch`` module, by name, with each of its parameter sets
    (:func:`parameter_sets`)."""
    for name in actplot.names():
        entry = actplot.get(name)
        if entry.torch is not None:
            for params in parameter_sets(entry, per_parameter):
                yield name, entry, params


def torch_function(entry: Activation, params: dict[str, Any], dtype_name: str = "float64"):
    """A function of a 1-D tensor of type ``dtype_name`` (torch's name for it) that computes the entry
    with PyTorch in that type."""
    import torch

    dtype = getattr(torch, dtype_name)
    resolved = entry.resolve(**params)
    if entry.torch in SOFTMAX_FAMILY:
        module = getattr(torch.nn, entry.torch)(dim=1)
        others = torch.tensor(resolved["others"], dtype=dtype)

        def vector_function(x: torch.Tensor) -> torch.Tensor:
            logits = torch.cat([x[:, None], others.expand(x.shape[0], others.shape[0])], dim=1)
            return module(logits)[:, 0]

        return vector_function
    if entry.torch == "GLU":  # one vector [a, b]: x is a (vary='value') or b (vary='gate')
        module = torch.nn.GLU(dim=1)
        held = torch.tensor(resolved["held"], dtype=dtype)

        def gated_function(x: torch.Tensor) -> torch.Tensor:
            other = held.expand(x.shape[0])
            pair = (x, other) if resolved["vary"] == "value" else (other, x)
            return module(torch.stack(pair, dim=1))[:, 0]

        return gated_function
    module = getattr(torch.nn, entry.torch)(**resolved).to(dtype)
    if entry.torch == "PReLU":  # PReLU stores init in float32; give it the value in dtype
        with torch.no_grad():
            module.weight.fill_(resolved["init"])
    return module.eval()


def evaluate(function, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Value, autograd first derivative and autograd second derivative at x."""
    import torch

    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = function(xt)
    (d1,) = torch.autograd.grad(y.sum(), xt, create_graph=True)
    if not d1.requires_grad:  # the first derivative is a constant to autograd
        d2 = torch.zeros_like(xt)
    else:
        try:
            (d2,) = torch.autograd.grad(d1.sum(), xt, allow_unused=True, materialize_grads=True)
        except RuntimeError:  # a backward PyTorch cannot differentiate: no reference, NaN
            d2 = torch.full_like(xt, float("nan"))
    return tuple(t.detach().numpy().copy() for t in (y, d1, d2))


def main() -> None:
    import torch

    rng = np.random.default_rng(20261122)
    cases: list[dict[str, Any]] = []
    arrays: dict[str, np.ndarray] = {}
    for name, entry, params in torch_cases():
        x = grid(entry, params, rng)
        y, d1, d2 = evaluate(torch_function(entry, params), x)
        index = len(cases)
        cases.append({"name": name, "torch": entry.torch, "params": params})
        for key, values in (("x", x), ("y", y), ("d1", d1), ("d2", d2)):
            arrays[f"{index}_{key}"] = values
    meta = {"torch_version": torch.__version__, "cases": cases}
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUTPUT, meta=np.array(json.dumps(meta)), **arrays)
    print(f"wrote {len(cases)} cases to {OUTPUT.relative_to(ROOT)} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
