"""The floor for one plot: what drawing Leaky ReLU and its derivative costs at the least.

numpy and a plain ``matplotlib.figure.Figure`` (no pyplot), two panels with fixed margins (no
layout engine), titles and labels as plain text, written as PNG: the work any tool must do.
actplot's single plot is measured against this.

Usage: python floor_single.py OUTPUT.png
"""

import sys

import numpy as np
from matplotlib.figure import Figure

alpha = 0.01
x = np.linspace(-10, 10, 2001)
y = np.where(x > 0, x, alpha * x)
dy = np.where(x > 0, 1.0, alpha)

fig = Figure(figsize=(9.2, 3.9), dpi=150)
left, right = fig.subplots(1, 2, gridspec_kw={"left": 0.08, "right": 0.97, "bottom": 0.14, "top": 0.82,
                                              "wspace": 0.3})
for ax, values, title in ((left, y, "f(x)"), (right, dy, "f'(x)")):
    ax.plot(x, values)
    ax.set_title(title)
    ax.set_xlabel("x")
    ax.grid(True, alpha=0.3)
fig.suptitle("leaky-relu")
fig.savefig(sys.argv[1], dpi=150)
