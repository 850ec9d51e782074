"""Draw the package's import graph by layer: python scripts/import_graph.py [OUT.png].

Each box is a layer (the front ends one box each), listing its modules; each arrow is "imports",
labelled with how many imports go that way. The graph is read from the code by the same
functions that tests/test_layers.py checks it with, so the picture is what the code does.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.test_layers import graph, layer_of

#: Where each box sits (x, y of its centre, in axes units 0..1), its title and what it does.
BOXES = {
    "cli": (0.15, 0.90, "actplot.cli", "the command line"),
    "gallery": (0.50, 0.90, "actplot.gallery", "the gallery job"),
    "sphinxext": (0.85, 0.90, "actplot.sphinxext", "the docs directive"),
    "api": (0.50, 0.735, "the api layer", "api (the facade) · specs · request · describe · pictures"),
    "expression": (0.23, 0.54, "actplot.expression", "an expression, parsed and derived"),
    "draw": (0.77, 0.45, "actplot.draw", "the back ends side by side"),
    "catalog": (0.23, 0.31, "actplot.catalog", "the registry and the entries"),
    "core": (0.50, 0.085, "actplot.core", "the entry model, sampling, curves, settings"),
}
WIDTH = 0.32
#: The front ends sit three abreast: narrower.
WIDTHS = {"cli": 0.27, "gallery": 0.27, "sphinxext": 0.27}
#: Each box's height (a layer with many modules needs room for their names).
HEIGHTS = {"cli": 0.09, "gallery": 0.12, "sphinxext": 0.09, "api": 0.09, "expression": 0.13, "draw": 0.13,
           "catalog": 0.19, "core": 0.14}


def box_of(module: str) -> str | None:
    """The box a module is drawn in (None for the package's own __init__ and __main__)."""
    layer = layer_of(module)
    if layer == "front":
        return module.split(".")[1]
    return None if layer == "package" else layer


def box_of_front(box: str) -> bool:
    return box in ("cli", "gallery", "sphinxext")


def members(box: str, modules: list[str]) -> str:
    """The box's modules, short names, wrapped."""
    names = sorted({m.split(".")[2] if m.count(".") >= 2 else "__init__" for m in modules if box_of(m) == box})
    if box in ("api", "cli", "sphinxext"):
        return ""
    lines, line = [], ""
    for name in names:
        if len(line) + len(name) > (30 if box_of_front(box) else 46):
            lines.append(line.rstrip(" ·"))
            line = ""
        line += name + " · "
    return "\n".join([*lines, line.rstrip(" ·")])


def main(out: Path) -> None:
    edges = graph()
    counts: Counter[tuple[str, str]] = Counter()
    for source, targets in edges.items():
        for target in targets:
            a, b = box_of(source), box_of(target)
            if a and b and a != b and not (layer_of(source) == "front" and b == "core"):
                counts[(a, b)] += 1  # a front end's use of the core's vocabulary is said in words
    fig = plt.figure(figsize=(10, 7.8), dpi=110)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    colors = {"core": "#dbe9f6", "catalog": "#e5f5e0", "expression": "#e5f5e0", "draw": "#fde0c5",
              "api": "#efe1f4", "cli": "#f0f0f0", "gallery": "#f0f0f0", "sphinxext": "#f0f0f0"}
    for box, (x, y, title, job) in BOXES.items():
        top, width = y + HEIGHTS[box] / 2, WIDTHS.get(box, WIDTH)
        ax.add_patch(FancyBboxPatch((x - width / 2, y - HEIGHTS[box] / 2), width, HEIGHTS[box],
                                    boxstyle="round,pad=0.01", facecolor=colors[box], edgecolor="#555555",
                                    linewidth=1, zorder=2))
        ax.text(x, top - 0.022, title, ha="center", va="center", fontsize=11, weight="bold", zorder=3)
        ax.text(x, top - 0.048, job, ha="center", va="center", fontsize=8, style="italic", zorder=3)
        ax.text(x, top - 0.064, members(box, list(edges)), ha="center", va="top", fontsize=7, color="#333333",
                family="monospace", linespacing=1.4, zorder=3)
    for (a, b), count in sorted(counts.items()):
        (xa, ya, *_), (xb, yb, *_) = BOXES[a], BOXES[b]
        if ya == yb:  # side by side: from one box's side to the other's
            start, end = (xa + WIDTHS.get(a, WIDTH) / 2 + 0.012, ya), (xb - WIDTHS.get(b, WIDTH) / 2 - 0.012, yb)
        else:
            shift = max(-0.1, min(0.1, (xb - xa) / 3))
            start = (xa + shift, ya - HEIGHTS[a] / 2 - 0.01)
            end = (xb - shift, yb + HEIGHTS[b] / 2 + 0.01)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color="#777777",
                                     linewidth=0.8, shrinkA=2, shrinkB=2, zorder=1))
        label = (start[0] + 0.3 * (end[0] - start[0]), start[1] + 0.3 * (end[1] - start[1]))
        ax.text(*label, str(count), fontsize=7, color="#555555", ha="center", va="center", zorder=1.5,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
    ax.text(0.5, 1.045, "actplot's imports by layer: every arrow points down (tests/test_layers.py checks it); "
            "numbers count the imports.\nThe front ends also name the core's vocabulary (errors, settings, curves).",
            fontsize=9, va="top", ha="center", color="#333333")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    fig.savefig(out, metadata={"Software": None})


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("scripts/import-graph.png"))
