"""Write tests/data/precision_reference.npz: what PyTorch's own kernels compute in float32, float16
and bfloat16.

Development tool, not a runtime or test dependency: it checks actplot's precision model
(actplot.core.precision) against real kernels. Run it in a scratch environment with PyTorch::

    python -m venv /tmp/torchvenv
    /tmp/torchvenv/bin/pip install torch numpy scipy typer matplotlib
    /tmp/torchvenv/bin/pip install -e . --no-deps
    /tmp/torchvenv/bin/python scripts/make_precision_reference.py

For every catalog entry with a ``torch`` module, at its defaults and at the first example value
of each parameter, and for each format, it takes inputs of that format (a regular grid over
[-8, 8], the tails where float16 underflows and overflows, every breakpoint with the format's
neighbours, seeded random points), runs the module on a CPU tensor of that type and stores the
value and autograd's first derivative (``y.sum().backward()`` on the tensor of that type). The
values are stored as float32, which holds every value of the three formats exactly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_reference import torch_cases, torch_function  # noqa: E402  (this folder)

from actplot.core.precision import FORMATS, Format, round_to  # noqa: E402
from actplot.core.schema import Activation  # noqa: E402

OUTPUT = ROOT / "tests" / "data" / "precision_reference.npz"
#: Far inputs: float16's tails (sigmoid underflows below -17.3, exp overflows above 11.1) and beyond.
TAILS = (-1e4, -300.0, -100.0, -30.0, -20.0, -17.5, -17.0, -12.0, -10.0, 10.0, 11.0, 12.0, 20.0, 30.0, 100.0, 300.0,
         1e4)
#: Modules left out: GLU's float32 kernel is not the precision model's (about a third of its values
#: differ), and it was not in the reference that precision.MEASURED was measured on.
LEFT_OUT = {"GLU"}


def grid(entry: Activation, params: dict[str, Any], fmt: Format, rng: np.random.Generator) -> np.ndarray:
    """Inputs of ``fmt``: regular, tails, random, and each breakpoint with its neighbours in ``fmt``."""
    points = [np.linspace(-8.0, 8.0, 257), np.array(TAILS), rng.normal(0.0, 3.0, 64)]
    for point in entry.breakpoints(**params):
        b = float(round_to(point.x, fmt)[()])
        step = b * fmt.epsilon if b else fmt.smallest
        points.append(np.array([point.x, b - step, b + step, b - 2 * step, b + 2 * step]))
    x = round_to(np.concatenate(points), fmt)
    return np.unique(x[np.isfinite(x)])


def evaluate(function: Any, x: np.ndarray, dtype: Any) -> tuple[np.ndarray, np.ndarray]:
    """Value and autograd first derivative at x, computed in ``dtype``, as float32."""
    import torch

    xt = torch.tensor(x, dtype=torch.float64).to(dtype).requires_grad_(True)
    y = function(xt)
    (d1,) = torch.autograd.grad(y.sum(), xt, allow_unused=True, materialize_grads=True)
    return y.detach().float().numpy().copy(), d1.detach().float().numpy().copy()


def main() -> None:
    import torch

    torch.set_num_threads(1)  # one thread: the same kernels (no parallel reductions) every run
    rng = np.random.default_rng(20260507)
    cases: list[dict[str, Any]] = []
    arrays: dict[str, np.ndarray] = {}
    for name, entry, params in torch_cases(per_parameter=1):
        if entry.torch in LEFT_OUT:
            continue
        for fmt in FORMATS.values():
            dtype = getattr(torch, fmt.name)
            x = grid(entry, params, fmt, rng)
            try:
                function = torch_function(entry, params, fmt.name)
            except TypeError as error:  # a module whose arguments are not the entry's parameters
                print(f"skipped {name} {params}: {error}")
                continue
            y, d1 = evaluate(function, x, dtype)
            index = len(cases)
            cases.append({"name": name, "torch": entry.torch, "params": params, "dtype": fmt.name})
            for key, values in (("x", x), ("y", y), ("d1", d1)):
                arrays[f"{index}_{key}"] = values.astype(np.float32)
    meta = {"torch_version": torch.__version__, "cases": cases}
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUTPUT, meta=np.array(json.dumps(meta)), **arrays)
    size = OUTPUT.stat().st_size
    print(f"wrote {len(cases)} cases to {OUTPUT.relative_to(ROOT)} ({size / 1024:.0f} KiB, torch {torch.__version__})")


if __name__ == "__main__":
    main()
