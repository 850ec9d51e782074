"""One plot in a warm process: ``actplot.plot`` + ``savefig`` against the same drawing by hand.

Both draw Leaky ReLU (slope 0.01) and its derivative over [-10, 10] with 2001 points into a
plain ``Figure`` and write a PNG to memory; they take turns ``RUNS`` times after a warm-up, and
the medians are printed as ``actplot SECONDS`` and ``by-hand SECONDS`` (read by run.py).

Usage: python warm_api.py [RUNS]
"""

import io
import statistics
import sys
import time

import numpy as np
from matplotlib.figure import Figure

import actplot


def with_actplot() -> None:
    fig = actplot.plot("leaky-relu", negative_slope=0.01, x_range=(-10, 10))
    fig.savefig(io.BytesIO(), format="png")


def by_hand() -> None:
    x = np.linspace(-10, 10, 2001)
    fig = Figure(figsize=(9.2, 3.9), dpi=150)
    left, right = fig.subplots(1, 2, gridspec_kw={"left": 0.08, "right": 0.97, "bottom": 0.14, "top": 0.82,
                                                  "wspace": 0.3})
    for ax, values, title in ((left, np.where(x > 0, x, 0.01 * x), "f(x)"),
                              (right, np.where(x > 0, 1.0, 0.01), "f'(x)")):
        ax.plot(x, values)
        ax.set_title(title)
        ax.set_xlabel("x")
        ax.grid(True, alpha=0.3)
    fig.suptitle("leaky-relu")
    fig.savefig(io.BytesIO(), format="png")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    times: dict[str, list[float]] = {"actplot": [], "by-hand": []}
    with_actplot(), by_hand()
    for _ in range(runs):
        for name, function in (("actplot", with_actplot), ("by-hand", by_hand)):
            started = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - started)
    for name, values in times.items():
        print(f"{name} {statistics.median(values):.4f} {min(values):.4f} {max(values):.4f}")


if __name__ == "__main__":
    main()
