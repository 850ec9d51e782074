"""Make ``gallery/explore.gif``, the README's picture of ``actplot leaky-relu --explore``.

The explorer's own figure (panels and slider) is recorded with matplotlib's PillowWriter while
the slider moves the negative slope from 0 to 1 and back, one frame per position, exactly as
moving it by hand redraws the panels. Run ``python scripts/explore_gif.py`` after changing how
the explorer draws.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.animation import FuncAnimation, PillowWriter

import actplot

ROOT = Path(__file__).resolve().parent.parent


def main(path: Path = ROOT / "gallery" / "explore.gif", dpi: float = 64.0) -> Path:
    explorer = actplot.explore("leaky-relu", x_range=(-4, 4), dpi=dpi)
    slopes = np.concatenate([np.linspace(0.0, 1.0, 21), np.linspace(1.0, 0.0, 21)[1:-1]])
    slider = explorer.controls["negative_slope"]

    def frame(index: int) -> list[object]:
        slider.set_val(float(slopes[index]))
        return []

    animation = FuncAnimation(explorer.figure, frame, frames=len(slopes), blit=False)
    animation.save(path, writer=PillowWriter(fps=10), dpi=dpi)
    return path


if __name__ == "__main__":
    written = main(*(Path(a) for a in sys.argv[1:2]))
    print(f"wrote {written} ({written.stat().st_size // 1024} KiB)")
