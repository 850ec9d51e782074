"""The plain way to draw a gallery: one process, a fresh pyplot figure per activation.

Values come from actplot's catalog (so both sides compute the same curves); each figure is the
function and its derivative, laid out with tight_layout and saved at the gallery's 100 dpi.
Usage: python plain_gallery.py OUTPUT_DIR
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import actplot

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
for name in actplot.names():
    entry = actplot.get(name)
    x = np.linspace(*entry.default_range, 2001)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.2, 3.9))
    left.plot(x, entry.value(x))
    left.set_title(name)
    left.grid(True, alpha=0.3)
    right.plot(x, entry.derivative(x))
    right.set_title(f"{name}'")
    right.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / f"{name}.png", dpi=100)
    plt.close(fig)
